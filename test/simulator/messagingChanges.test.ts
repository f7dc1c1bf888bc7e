import assert from 'node:assert/strict';
import type { TurnContext } from 'botbuilder';
import { createTransferActivity } from '../../src/index.js';
import { startPair, waitFor } from '../support/harness.js';

/**
 * The Messaging side's `change` (what the page's event stream carries as `{ kind: 'messaging' }`) after
 * a transfer to a skill no bot has: nothing rings and the bot may write no more, so unless the transfer
 * itself says so, nothing does and the page keeps showing the bot on the conversation.
 */
describe('Messaging simulator: a transfer is a change', function () {
  this.timeout(15_000);

  it('emits change when a bot transfers a conversation to a skill only humans have', async () => {
    const pair = await startPair(
      {
        async run(context: TurnContext) {
          if (context.activity.type === 'message' && context.activity.text === 'agent') await context.sendActivity(createTransferActivity('human-support', 'asked'));
        },
      },
      { transport: 'messaging', messagingSkills: { 'human-support': 2 } },
      { messaging: true, log: false },
    );
    try {
      const { conversationId } = pair.sim.messaging.startConversation({ skill: 'support-bot', consumerName: 'Ada', text: 'hello' });
      await waitFor('the bot on it', () => pair.sim.messaging.conversation(conversationId).assigned?.kind === 'bot');
      let heard = false;
      pair.sim.messaging.on('change', () => {
        const view = pair.sim.messaging.conversation(conversationId);
        if (view.skillId === 2 && !view.assigned) heard = true;
      });
      pair.sim.messaging.consumerSays(conversationId, 'agent');
      await waitFor('the transfer', () => pair.sim.messaging.conversation(conversationId).skillId === 2);
      assert.equal(heard, true, 'a change was emitted once the conversation waited on human-support');
    } finally {
      await pair.close();
    }
  });
});
