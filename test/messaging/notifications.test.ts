import assert from 'node:assert/strict';
import { readConversationChanges, readMessagingEvent, readRings } from '../../src/messaging/notifications.js';

// Shaped like the documented raw frames (written here: the project never reads ../shared).
const rawChange = {
  changes: [
    {
      type: 'UPSERT',
      result: {
        convId: 'c1',
        conversationDetails: {
          skillId: '7',
          participants: { CONSUMER: ['u1'], ASSIGNED_AGENT: ['1.10', '1.20'] },
          participantsPId: { CONSUMER: ['u1'], ASSIGNED_AGENT: ['p10'] },
          dialogs: [{ dialogId: 'c1', dialogType: 'MAIN', participantsDetails: [{ id: '1.20', role: 'ASSIGNED_AGENT', state: 'SUGGESTED' }] }],
          state: 'OPEN',
          metaDataLastUpdateTs: 5,
        },
      },
    },
  ],
};

describe('Messaging notification readers (forgiving, never throwing)', () => {
  it('rings: the later shape and the 2017 ring-only shape', () => {
    const later = readRings({ changes: [{ type: 'UPSERT', result: { conversationId: 'c', consumerId: 'u', skillId: '-1', ringsDetails: [{ ringId: 'r', ringState: 'WAITING', ringExpirationTs: 9 }] } }] });
    assert.deepEqual(later.items, [{ ringId: 'r', state: 'WAITING', conversationId: 'c', consumerId: 'u', skillId: '-1', expiresAt: 9 }]);
    const old = readRings({ changes: [{ type: 'UPSERT', result: { ringsDetails: [{ ringId: 'r', ringState: 'WAITING', convId: 'c2', skillId: '3' }] } }] });
    assert.equal(old.items[0]?.conversationId, 'c2');
    assert.deepEqual(readRings({ changes: [] }), { items: [], problems: [] });
  });

  it('conversations: a SUGGESTED agent is not assigned; role maps read as lists', () => {
    const { items, problems } = readConversationChanges(rawChange);
    assert.deepEqual(problems, []);
    assert.deepEqual(items[0]?.assignedAgents, ['1.10']);
    assert.equal(items[0]?.consumerId, 'u1');
    assert.equal(items[0]?.skillId, '7');
  });

  it('bad bodies become problems, not throws', () => {
    for (const body of [null, 'x', 42, { changes: 'x' }, { changes: [{ type: 'NOPE', result: {} }] }, { changes: [{ type: 'UPSERT', result: {} }] }]) {
      assert.doesNotThrow(() => readRings(body));
      assert.doesNotThrow(() => readConversationChanges(body));
      assert.equal(readConversationChanges(body).items.length, 0);
    }
    assert.match(readMessagingEvent({ dialogId: 'd', originatorId: 'o', event: { type: 'ContentEvent' } }).problem ?? '', /without a sequence/);
    assert.match(readMessagingEvent({ dialogId: 'd', originatorId: 'o', sequence: 1, event: { type: 'Weird' } }).problem ?? '', /unknown type/);
    assert.equal(readMessagingEvent({ dialogId: 'd', originatorId: 'o', event: { type: 'ChatStateEvent', chatState: 'COMPOSING' } }).event?.sequence, undefined);
  });

});
