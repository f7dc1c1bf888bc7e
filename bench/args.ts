/**
 * The bench's command line, parsed without side effects: what to run, that usage was asked for, or
 * what is wrong (the caller prints usage and exits 2).
 */
import { parseArgs } from 'node:util';
import { commaList, firstProblem, oneOf, positiveWhole, TRANSPORTS, type Transport } from '../cli/args.js';

export interface BenchOptions {
  json: boolean;
  /** Concurrent chats per run (all bots together), one run per size. */
  sizes: number[];
  seconds: number;
  lineEveryMs: number;
  pollIntervalMs: number;
  /** Bot users served from the one bot process (each its own adapter, or its own per-chat poller). */
  bots: number;
  /** The transports to measure, in order (both: their figures side by side). */
  transports: Transport[];
}

export type ParsedBench = { kind: 'run'; options: BenchOptions } | { kind: 'help' } | { kind: 'error'; message: string };

export const BENCH_USAGE = `Usage: npm run bench -- [options]

  --chats N[,N...]   concurrent chats per run, all bots together (default 10,100,500,1000; repeatable)
  --bots N           bot users in the one bot process, sharing the chats (default 1)
  --transport KIND   chat (default; the adapter against a per-chat poller), messaging (the adapter on
                     the UMS agent websocket, push: no baseline), or chat,messaging (both, side by side)
  --seconds N        how long each run's visitors talk (default 20)
  --line-every MS    each visitor writes a line this often (default 5000)
  --poll-ms MS       the adapter's and the baseline's poll interval (default 2000)
  --json             print one JSON array instead of a table
  --help             this text

On chat each size runs twice: the adapter, then a per-chat poller in the style of LivePerson's
agent-sample-app. On Messaging each size runs once (the adapter).
Exit status: 0 when every visitor line got its answer in every run; 1 when one did not; 2 on bad options.`;

export function parseBenchArgs(argv: string[]): ParsedBench {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        chats: { type: 'string', multiple: true },
        bots: { type: 'string', default: '1' },
        transport: { type: 'string', multiple: true },
        seconds: { type: 'string', default: '20' },
        'line-every': { type: 'string', default: '5000' },
        'poll-ms': { type: 'string', default: '2000' },
      },
    }));
  } catch (error) {
    return { kind: 'error', message: (error as Error).message };
  }
  if (values.help) return { kind: 'help' };
  const sizes = commaList(values.chats ?? ['10', '100', '500', '1000']);
  const transports = [...new Set(commaList(values.transport ?? ['chat']))].map((t) => oneOf(t, '--transport', TRANSPORTS));
  const problem = firstProblem([
    ...sizes.map((v) => positiveWhole(v, '--chats')),
    ...transports,
    ...(['bots', 'seconds', 'line-every', 'poll-ms'] as const).map((name) => positiveWhole(values[name], `--${name}`)),
  ]);
  if (problem) return { kind: 'error', message: problem };
  const bots = Number(values.bots);
  const small = sizes.map(Number).find((n) => n < bots);
  if (small !== undefined) return { kind: 'error', message: `--chats ${small} is fewer than --bots ${bots}: every bot user needs chats.` };
  return {
    kind: 'run',
    options: {
      json: Boolean(values.json),
      sizes: sizes.map(Number),
      bots,
      seconds: Number(values.seconds),
      lineEveryMs: Number(values['line-every']),
      pollIntervalMs: Number(values['poll-ms']),
      transports: transports as Transport[],
    },
  };
}
