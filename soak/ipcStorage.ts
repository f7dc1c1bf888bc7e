/**
 * A botbuilder Storage that lives in the soak process: bot processes reach it over the fork IPC
 * channel, so `--storage memory` is one botbuilder MemoryStorage that all bots share and that
 * survives a bot being killed, with MemoryStorage's eTag semantics.
 */
import type { ChildProcess } from 'node:child_process';
import type { Storage, StoreItems } from 'botbuilder';
import type { FromBot, StorageOp, ToBot } from './protocol.js';

/** The bot side: every call is a message to the soak, answered by `serveStorage`. */
export class IpcStorage implements Storage {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

  constructor() {
    process.on('message', (message: ToBot) => {
      if (message?.kind !== 'storage') return;
      const call = this.pending.get(message.id);
      if (!call) return;
      this.pending.delete(message.id);
      if (message.ok) call.resolve(message.result);
      else call.reject(new Error(message.error));
    });
  }

  read(keys: string[]): Promise<StoreItems> {
    return this.call('read', keys) as Promise<StoreItems>;
  }

  async write(changes: StoreItems): Promise<void> {
    await this.call('write', changes);
  }

  async delete(keys: string[]): Promise<void> {
    await this.call('delete', keys);
  }

  private call(op: StorageOp, arg: unknown): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      const message: FromBot = { kind: 'storage', id, op, arg };
      if (!process.send?.(message)) {
        this.pending.delete(id);
        reject(new Error('IpcStorage: the soak process is gone.'));
      }
    });
  }
}

/** The soak side: answers one bot's storage call from the shared storage. */
export async function serveStorage(storage: Storage, child: ChildProcess, message: Extract<FromBot, { kind: 'storage' }>): Promise<void> {
  let answer: ToBot;
  try {
    const result = message.op === 'read'
      ? await storage.read(message.arg as string[])
      : message.op === 'write' ? await storage.write(message.arg as StoreItems) : await storage.delete(message.arg as string[]);
    answer = { kind: 'storage', id: message.id, ok: true, ...(result !== undefined ? { result } : {}) };
  } catch (error) {
    answer = { kind: 'storage', id: message.id, ok: false, error: (error as Error).message };
  }
  if (child.connected) child.send(answer);
}
