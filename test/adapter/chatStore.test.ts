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
    // Turn 7's reply (10) landed late, after line 8 came: it is no reply to 8 (the Messaging soak lost such lines).
    ['the previous turn\'s reply landed after the in-flight line: 8 again', { handledThrough: 7, inFlight: 8, repliesAfter: 10, welcomed: true, acceptedAt: 0 }, [line(8, 'visitor'), line(10, 'agent')], 8],
    ['a reply after the previous turn\'s late one: 9 next', { handledThrough: 7, inFlight: 8, repliesAfter: 10, welcomed: true, acceptedAt: 0 }, [line(8, 'visitor'), line(10, 'agent'), line(11, 'agent')], 9],
    // Turn 7's reply was still queued (re-login on hold) when turn 8 began: the first line after 8 is 7's.
    ['one line owed by an earlier turn: the first line after is not the reply', { handledThrough: 7, inFlight: 8, linesOwed: 1, welcomed: true, acceptedAt: 0 }, [line(8, 'visitor'), line(9, 'agent')], 8],
    ['one line owed, and the reply after it: 9 next', { handledThrough: 7, inFlight: 8, linesOwed: 1, welcomed: true, acceptedAt: 0 }, [line(8, 'visitor'), line(9, 'agent'), line(10, 'agent')], 9],
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
    await store.save('c1', { handledThrough: 4, inFlight: 5, repliesAfter: 6, linesOwed: 1, welcomed: true, variant: 'B', acceptedAt: 9 });
    assert.deepEqual(await storage.read(['liveengage/123/bot/chats/c1']).then((items) => Object.keys(items)), ['liveengage/123/bot/chats/c1']);
    assert.deepEqual((await store.load(['c1', 'c2'])).get('c1'), { handledThrough: 4, inFlight: 5, repliesAfter: 6, linesOwed: 1, welcomed: true, variant: 'B', acceptedAt: 9 });
    await store.forget('c1');
    assert.equal((await store.load(['c1'])).size, 0);
  });
});
