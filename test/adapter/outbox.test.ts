import assert from 'node:assert/strict';
import { Chat } from '../../src/core/chat.js';
import type { ChatAction } from '../../src/core/fromActivity.js';
import { Outbox } from '../../src/core/outbox.js';
import { memoryLogger } from '../support/harness.js';

const line = (text: string): ChatAction => ({ kind: 'line', line: { text, textType: 'plain' } });
const chatOf = (id: string) => new Chat(id, `http://127.0.0.1/chat/${id}`, { state: 'chatting', chatSessionKey: id } as never, { bot: { id: 'b', name: 'Bot' }, serviceUrl: 'http://127.0.0.1' } as never);

/** The outbox against scripted deps: order, once, and what is reported. */
describe('Outbox (scripted session and sender)', () => {
  const setup = (fail: (text: string) => Error | undefined = () => undefined) => {
    const sent: string[] = [];
    const reported: [string, string][] = [];
    let release!: () => void;
    let session: Promise<void> = Promise.resolve();
    let nextId = 0;
    const outbox = new Outbox({
      ready: () => session,
      execute: async (chat, action) => {
        if (action.kind !== 'line') return {};
        const error = fail(action.line.text);
        if (error) throw error;
        sent.push(`${chat.chatId}:${action.line.text}`);
        return { eventId: nextId++ };
      },
      undeliverable: (chat, action, reason) => reported.push([`${chat.chatId}:${action.kind === 'line' ? action.line.text : action.kind}`, reason]),
      log: memoryLogger(),
    });
    const hold = () => { session = new Promise((resolve) => { release = resolve; }); };
    return { outbox, sent, reported, hold, release: () => release() };
  };

  it('delivers a chat\'s sends in order, each once, with the event id of each activity\'s first line', async () => {
    const { outbox, sent } = setup();
    const chat = chatOf('c');
    const first = outbox.send(chat, [[line('a'), line('b')], [line('c')]]);
    const second = outbox.send(chat, [[line('d')]]);
    assert.deepEqual(await first, [{ id: '0' }, { id: '2' }]);
    assert.deepEqual(await second, [{ id: '3' }]);
    assert.deepEqual(sent, ['c:a', 'c:b', 'c:c', 'c:d']);
    await outbox.idle();
    assert.equal(outbox.size, 0);
  });

  it('waits for the session; deliverOrQueue resolves with empty ids once re-login is on hold, and delivers later', async () => {
    const { outbox, sent, hold, release } = setup();
    hold();
    const chat = chatOf('c');
    let notify!: () => void;
    const onHold = { promise: new Promise<void>((resolve) => { notify = resolve; }), cancel: () => {} };
    const turn = outbox.deliverOrQueue(chat, [[line('welcome')]], onHold);
    notify();
    assert.deepEqual(await turn, [{ id: '' }]);
    assert.deepEqual(sent, []);
    assert.equal(outbox.size, 1);
    // A turn starting now owes this line first (the restart rule's linesOwed).
    assert.equal(chat.linesQueued, 1);
    release();
    await outbox.idle();
    assert.deepEqual(sent, ['c:welcome']);
    assert.equal(chat.linesQueued, 0);
  });

  it('a line whose chat left the bot while it waited is reported, not sent', async () => {
    const { outbox, sent, reported, hold, release } = setup();
    hold();
    const chat = chatOf('c');
    const queued = outbox.send(chat, [[line('late')]]);
    chat.phase = 'ended';
    release();
    await assert.rejects(queued, /cannot send a line: chat c was ended/);
    assert.deepEqual(sent, []);
    assert.deepEqual(reported.map(([what]) => what), ['c:late']);
  });

  it('a refused line fails its send; the rest of that send is reported (never sent out of order); the next send goes on', async () => {
    const { outbox, sent, reported } = setup((text) => (text === 'bad' ? new Error('refused') : undefined));
    const chat = chatOf('c');
    await assert.rejects(outbox.send(chat, [[line('ok'), line('bad')], [line('after')]]), /refused/);
    assert.deepEqual(await outbox.send(chat, [[line('next')]]), [{ id: '1' }]);
    assert.deepEqual(sent, ['c:ok', 'c:next']);
    assert.deepEqual(reported, [['c:bad', 'refused'], ['c:after', 'an earlier action of the same send failed: refused']]);
  });

  it('one chat waiting holds up no other', async () => {
    let unblock!: () => void;
    const blocked = new Promise<void>((resolve) => { unblock = resolve; });
    const sent: string[] = [];
    const outbox = new Outbox({
      ready: async () => {},
      execute: async (chat, action) => {
        if (action.kind === 'line' && action.line.text === 'slow') await blocked;
        if (action.kind === 'line') sent.push(`${chat.chatId}:${action.line.text}`);
        return {};
      },
      undeliverable: () => assert.fail('nothing is undeliverable here'),
      log: memoryLogger(),
    });
    const a = chatOf('a');
    const slow = outbox.send(a, [[line('slow')]]);
    const behind = outbox.send(a, [[line('behind')]]);
    await outbox.send(chatOf('b'), [[line('fast')]]);
    assert.deepEqual(sent, ['b:fast']);
    unblock();
    await Promise.all([slow, behind]);
    assert.deepEqual(sent, ['b:fast', 'a:slow', 'a:behind']);
  });
});
