/**
 * The soak's command line, parsed without side effects: `parseSoakArgs(argv)` says what to run, that
 * usage was asked for, or what is wrong (the caller prints usage and exits 2).
 */
import { parseArgs } from 'node:util';
import { ArgProblem, firstProblem, oneOf, positiveWhole, TRANSPORTS, whole, type Transport } from '../cli/args.js';

export type Timing = 'fast' | 'defaults';
export type StorageKind = 'memory' | 'azurite';

export interface SoakOptions {
  json: boolean;
  seconds: number;
  chats: number;
  faultRate: number;
  seed: number;
  timing: Timing;
  /** With `timing: 'defaults'`: the shipped defaults are divided by this. */
  timeScale: number;
  bots: number;
  storage: StorageKind;
  transport: Transport;
}

export type Parsed = { kind: 'run'; options: SoakOptions } | { kind: 'help' } | { kind: 'error'; message: string };

export const SOAK_USAGE = `Usage: npm run soak -- [options]

  --seconds N        how long the visitors talk (default 120)
  --chats N          concurrent chats (default 200)
  --bots N           bot processes, each its own bot user on the one skill (default 1)
  --transport KIND   chat (Live Chat, the Chat Agent API; default) or messaging (the UMS agent
                     websocket: consumers, socket drops, token expiries, delayed and refused requests)
  --storage KIND     memory (botbuilder MemoryStorage in the soak process, shared over IPC; default)
                     or azurite (BlobsStorage on an Azurite blob service started on loopback)
  --timing KIND      fast (hand-tuned short delays; default) or defaults (the adapter's shipped
                     retry, re-login, refresh, timeout and poll settings and LiveEngage's chat and
                     accept timeouts, all divided by --time-scale)
  --time-scale N     the divisor for --timing defaults (default 20)
  --fault-rate R     share of Chat Agent API requests that get a fault, in [0, 1) (default 0.05)
  --seed N           the fault RNG's seed (default 7)
  --json             print one JSON object instead of a table
  --help             this text

Exit status: 0 when nothing was lost, doubled or left unanswered; 1 when something was; 2 on bad options.`;

export function parseSoakArgs(argv: string[]): Parsed {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        seconds: { type: 'string', default: '120' },
        chats: { type: 'string', default: '200' },
        bots: { type: 'string', default: '1' },
        storage: { type: 'string', default: 'memory' },
        transport: { type: 'string', default: 'chat' },
        timing: { type: 'string', default: 'fast' },
        'time-scale': { type: 'string', default: '20' },
        'fault-rate': { type: 'string', default: '0.05' },
        seed: { type: 'string', default: '7' },
      },
    }));
  } catch (error) {
    return { kind: 'error', message: (error as Error).message };
  }
  if (values.help) return { kind: 'help' };
  const faultRate = Number(values['fault-rate']);
  const checked = {
    seconds: positiveWhole(values.seconds, '--seconds'),
    chats: positiveWhole(values.chats, '--chats'),
    bots: positiveWhole(values.bots, '--bots'),
    timeScale: positiveWhole(values['time-scale'], '--time-scale'),
    seed: whole(values.seed, '--seed'),
    faultRate: faultRate >= 0 && faultRate < 1 ? faultRate : new ArgProblem(`--fault-rate must be in [0, 1) (got '${values['fault-rate']}').`),
    storage: oneOf(values.storage, '--storage', ['memory', 'azurite'] as const),
    timing: oneOf(values.timing, '--timing', ['fast', 'defaults'] as const),
    transport: oneOf(values.transport, '--transport', TRANSPORTS),
  };
  const problem = firstProblem(Object.values(checked));
  if (problem) return { kind: 'error', message: problem };
  const ok = checked as { [K in keyof typeof checked]: Exclude<(typeof checked)[K], ArgProblem> };
  return {
    kind: 'run',
    options: { json: Boolean(values.json), ...ok },
  };
}
