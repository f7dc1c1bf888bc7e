import type { Transport } from '../cli/args.js';
import type { StorageKind } from './args.js';
import type { AdapterTiming } from './timing.js';

/** What a soak bot process reports to the soak over the fork IPC channel. */
export type FromBot =
  | { kind: 'ready' }
  | { kind: 'sent'; nonce: string }
  /** The adapter reported the line with this nonce undeliverable. */
  | { kind: 'undeliverable'; nonce: string }
  | { kind: 'error'; message: string }
  /** The longest the bot's event loop was blocked in the last second, when over 100 ms (a busy machine). */
  | { kind: 'stall'; ms: number }
  /** A turn failed because its chat had ended and the adapter reported the line undeliverable. */
  | { kind: 'chatEndedTurnError' }
  /** The adapter's reliability events, counted by the soak. */
  | { kind: 'event'; name: 'lineUndeliverable' | 'reloginFailed' | 'takeover'; detail: string }
  | { kind: 'storage'; id: number; op: StorageOp; arg: unknown };

/** What the soak sends a bot process: answers to its storage calls. */
export type ToBot = { kind: 'storage'; id: number; ok: true; result?: unknown } | { kind: 'storage'; id: number; ok: false; error: string };

export type StorageOp = 'read' | 'write' | 'delete';

export interface BotProcessOptions {
  domainApiUrl: string;
  accountId: string;
  username: string;
  password: string;
  timing: AdapterTiming;
  storage: StorageKind;
  transport: Transport;
  /** With `storage: 'azurite'`. */
  connectionString?: string;
  container?: string;
}
