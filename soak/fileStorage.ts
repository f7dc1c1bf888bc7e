import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Storage, StoreItems } from 'botbuilder';

/**
 * A botbuilder Storage on local files (one JSON file per key), so a bot process that is killed and
 * started again finds its chats' progress, as it would in Blob or Cosmos storage.
 */
export class FileStorage implements Storage {
  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    for (const key of keys) {
      try {
        items[key] = JSON.parse(readFileSync(this.file(key), 'utf8'));
      } catch {
        // absent
      }
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, value] of Object.entries(changes)) {
      // Write then rename: a kill mid-write leaves the old item, never half of a new one.
      const tmp = `${this.file(key)}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(value));
      renameSync(tmp, this.file(key));
    }
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) rmSync(this.file(key), { force: true });
  }

  private file(key: string): string {
    return join(this.dir, `${encodeURIComponent(key)}.json`);
  }
}
