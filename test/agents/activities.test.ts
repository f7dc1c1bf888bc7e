import assert from 'node:assert/strict';
import { Activity } from '@microsoft/agents-activity';
import { toAgentsActivity, toCoreActivity } from '../../src/agents/activities.js';
import { acceptedActivity, eventToActivity, type ChatSnapshot } from '../../src/core/toActivity.js';

/** The one converter between the core's plain activities and the Agents SDK's validated `Activity`. */
describe('Agents SDK activities', () => {
  const snapshot = (visitorName: string): ChatSnapshot => ({
    chatId: 'chat-1',
    info: { chatSessionKey: 'chat-1', state: 'chatting', visitorName, visitorId: 'v1' } as ChatSnapshot['info'],
    bot: { id: 'bot-1', name: 'Support Bot' },
    serviceUrl: 'liveengage://account/123',
  });

  it('turns a chat without a visitor name into an activity the SDK accepts (it refuses empty names)', () => {
    for (const core of [acceptedActivity(snapshot('')), eventToActivity({ id: 3, type: 'line', source: 'visitor', text: 'hi', time: new Date().toISOString() } as never, snapshot(''))!]) {
      assert.throws(() => Activity.fromObject(core), 'the SDK itself refuses the plain activity');
      const activity = toAgentsActivity(core);
      assert.equal(activity.conversation?.name, undefined);
      assert.equal(activity.from?.name, undefined);
      assert.equal(activity.channelId, 'liveengage');
    }
  });

  it('keeps names that are there, and the channel id through the round trip (a spread loses it)', () => {
    const activity = toAgentsActivity(acceptedActivity(snapshot('Ann')));
    assert.equal(activity.conversation?.name, 'Ann');
    assert.deepEqual(activity.membersAdded?.map((m) => m.name), ['Ann', 'Support Bot']);
    assert.equal(({ ...activity } as { channelId?: string }).channelId, undefined, 'what the converter is for');
    const core = toCoreActivity(activity);
    assert.equal(core.channelId, 'liveengage');
    assert.ok(!('_channelId' in core));
    assert.equal(core.conversation?.id, 'chat-1');
  });
});
