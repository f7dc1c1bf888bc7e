import assert from 'node:assert/strict';
import { MemoryStorage } from 'botbuilder';
import { ChatStore, progressFromTranscript, resumeFrom, type StoredChat } from '../../src/core/chatStore.js';

const line = (id: number, source: string) => ({ id, type: 'line', source });

describe('chat progress', () => {
  const cases: [string, StoredChat, ReturnType<typeof line>[], number][] = [
    ['nothing handled', { handledThrough: -1, welcomed: false, acceptedAt: 0 }, [], 0],
    ['handled through 7', { handledThrough: 7, welcomed: true, acceptedAt: 0 }, [line(8, 'visitor')], 8],
    ['turn 8 cut off before its reply: 8 again', { handledThrough: 7, inFlight: 8, welcomed: true, acceptedAt: 0 }, [line(8, 'visitor'), line(9, 'visitor')], 8],
    ['turn 8 cut off after its reply landed: 9 next', { handledThrough: 7, inFlight: 8, welcomed: true, acceptedAt: 0 }, [line(8, 'visitor'), line(9, 'agent'), line(10, 'visitor')], 9],
    ['a system line is no reply', { handledThrough: 7, inFlight: 8, welcomed: true, acceptedAt: 0 }, [line(8, 'visitor'), line(9, 'system')], 8],
  ];
  for (const [name, stored, events, expected] of cases) {
    it(`resumeFrom: ${name}`, () => assert.equal(resumeFrom(stored, events), expected));
  }

  it('progressFromTranscript: handled through the bot\'s last line; welcomed if it said anything', () => {
    assert.deepEqual({ ...progressFromTranscript([line(3, 'system'), line(4, 'agent'), line(5, 'visitor')]), acceptedAt: 0 }, { handledThrough: 4, welcomed: true, acceptedAt: 0 });
    assert.deepEqual({ ...progressFromTranscript([line(3, 'system'), line(5, 'visitor')]), acceptedAt: 0 }, { handledThrough: -1, welcomed: false, acceptedAt: 0 });
  });

  it('ChatStore keeps one item per chat under the bot user, and forgets it', async () => {
    const storage = new MemoryStorage();
    const store = new ChatStore(storage, ChatStore.keyPrefix('123', 'bot'));
    await store.save('c1', { handledThrough: 4, inFlight: 5, welcomed: true, variant: 'B', acceptedAt: 9 });
    assert.deepEqual(await storage.read(['liveengage/123/bot/chats/c1']).then((items) => Object.keys(items)), ['liveengage/123/bot/chats/c1']);
    assert.deepEqual((await store.load(['c1', 'c2'])).get('c1'), { handledThrough: 4, inFlight: 5, welcomed: true, variant: 'B', acceptedAt: 9 });
    await store.forget('c1');
    assert.equal((await store.load(['c1'])).size, 0);
  });
});
