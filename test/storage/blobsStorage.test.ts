import assert from 'node:assert/strict';
import { MemoryStorage, type Storage } from 'botbuilder';
import { useAzurite } from '../support/azurite.js';

/**
 * What the adapter may rely on from a shared store, checked on botbuilder's BlobsStorage against real
 * Azurite and on MemoryStorage alike: an eTag read back makes a write conditional, so of two writers
 * holding the same eTag exactly one wins; '*' (and no eTag) writes whatever is there.
 */
describe('shared storage: eTag semantics (BlobsStorage on Azurite, MemoryStorage)', function () {
  this.timeout(20_000);
  const azurite = useAzurite();
  const stores: [string, () => Storage][] = [
    ['BlobsStorage on Azurite', () => azurite().storage()],
    ['MemoryStorage', () => new MemoryStorage()],
  ];

  for (const [name, make] of stores) {
    describe(name, () => {
      it('reads back what was written, with an eTag; a missing key is absent', async () => {
        const storage = make();
        await storage.write({ 'liveengage/1/bot/chats/a': { handledThrough: 3, eTag: '*' } });
        const items = await storage.read(['liveengage/1/bot/chats/a', 'liveengage/1/bot/chats/missing']);
        assert.equal(items['liveengage/1/bot/chats/a']?.handledThrough, 3);
        assert.equal(typeof items['liveengage/1/bot/chats/a']?.eTag, 'string');
        assert.equal('liveengage/1/bot/chats/missing' in items, false);
      });

      it('two writers with the same eTag: exactly one wins, the other gets an eTag conflict', async () => {
        const storage = make();
        const key = 'liveengage/1/bot/chats/b';
        await storage.write({ [key]: { handledThrough: 1, eTag: '*' } });
        const { eTag } = (await storage.read([key]))[key] as { eTag: string };
        const results = await Promise.allSettled([
          storage.write({ [key]: { handledThrough: 2, by: 'A', eTag } }),
          storage.write({ [key]: { handledThrough: 2, by: 'B', eTag } }),
        ]);
        const won = results.filter((r) => r.status === 'fulfilled').length;
        const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
        assert.equal(won, 1, `${won} writers won`);
        assert.match(String(lost[0]?.reason?.message), /eTag conflict/);
      });

      it("eTag '*' overwrites whatever is there (last write wins: no protection)", async () => {
        const storage = make();
        const key = 'liveengage/1/bot/chats/c';
        await storage.write({ [key]: { by: 'A', eTag: '*' } });
        await storage.write({ [key]: { by: 'B', eTag: '*' } });
        assert.equal((await storage.read([key]))[key]?.by, 'B');
      });

      it('a stale eTag is refused after another writer moved on', async () => {
        const storage = make();
        const key = 'liveengage/1/bot/chats/d';
        await storage.write({ [key]: { n: 1, eTag: '*' } });
        const stale = ((await storage.read([key]))[key] as { eTag: string }).eTag;
        await storage.write({ [key]: { n: 2, eTag: stale } });
        await assert.rejects(storage.write({ [key]: { n: 3, eTag: stale } }), /eTag conflict/);
        assert.equal((await storage.read([key]))[key]?.n, 2);
      });
    });
  }
});
