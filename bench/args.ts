/**
 * The bench's command line, parsed without side effects: what to run, that usage was asked for, or
 * what is wrong (the caller prints usage and exits 2).
 */
import { parseArgs } from 'node:util';

export interface BenchOptions {
  json: boolean;
  /** Concurrent chats per run (all bots together), one run per size. */
  sizes: number[];
  seconds: number;
  lineEveryMs: number;
  pollIntervalMs: number;
  /** Bot users served from the one bot process (each its own adapter, or its own per-chat poller). */
  bots: number;
}

export type ParsedBench = { kind: 'run'; options: BenchOptions } | { kind: 'help' } | { kind: 'error'; message: string };

export const BENCH_USAGE = `Usage: npm run bench -- [options]

  --chats N[,N...]   concurrent chats per run, all bots together (default 10,100,500,1000; repeatable)
  --bots N           bot users in the one bot process, sharing the chats (default 1)
  --seconds N        how long each run's visitors talk (default 20)
  --line-every MS    each visitor writes a line this often (default 5000)
  --poll-ms MS       the adapter's and the baseline's poll interval (default 2000)
  --json             print one JSON array instead of a table
  --help             this text

Each size runs twice: the adapter, then a per-chat poller in the style of LivePerson's agent-sample-app.
Exit status: 0 when every visitor line got its answer in both runs; 1 when one did not; 2 on bad options.`;

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
        seconds: { type: 'string', default: '20' },
        'line-every': { type: 'string', default: '5000' },
        'poll-ms': { type: 'string', default: '2000' },
      },
    }));
  } catch (error) {
    return { kind: 'error', message: (error as Error).message };
  }
  if (values.help) return { kind: 'help' };
  const sizes = (values.chats ?? ['10', '100', '500', '1000']).flatMap((v) => v.split(','));
  const wholes: [string, string][] = [...sizes.map((v): [string, string] => ['--chats', v]), ['--bots', values.bots], ['--seconds', values.seconds], ['--line-every', values['line-every']], ['--poll-ms', values['poll-ms']]];
  for (const [name, value] of wholes) {
    const n = Number(value);
    if (!Number.isInteger(n) || n <= 0) return { kind: 'error', message: `${name} must be a positive whole number (got '${value}').` };
  }
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
    },
  };
}
