import assert from 'node:assert/strict';
import { Activity } from '@microsoft/agents-activity';
import { CloudAdapter, TurnContext, type ResourceResponse } from '@microsoft/agents-hosting';
import { HandoffFallbackMiddleware, TRANSFER_TRACE_VALUE_TYPE } from '../../src/agents/index.js';

/** The SDK's CloudAdapter as the Playground side has it, keeping what would go to the channel. */
class KeepingAdapter extends CloudAdapter {
  readonly sent: Activity[] = [];
  override async sendActivities(_context: TurnContext, activities: Activity[]): Promise<ResourceResponse[]> {
    this.sent.push(...activities);
    return activities.map((_, i) => ({ id: String(i) }));
  }
  turn(channelId: string, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const incoming = Activity.fromObject({ type: 'message', text: 'hi', channelId, serviceUrl: 'http://127.0.0.1:1', conversation: { id: 'c1' }, from: { id: 'u1' }, recipient: { id: 'b1' } });
    return this.runMiddleware(new TurnContext(this, incoming), logic);
  }
}

describe('HandoffFallbackMiddleware for the Agents SDK (/agents)', () => {
  const transferWithText = () => Activity.fromObject({ type: 'message', text: 'Transferring you.', channelData: { action: { name: 'TRANSFER', parameters: { skill: 'human-support', reason: 'asked' } } } });

  it('turns a transfer into the line, a trace and the notice, all SDK Activities addressed to the channel', async () => {
    const adapter = new KeepingAdapter();
    adapter.use(new HandoffFallbackMiddleware({ transferNotice: (request) => `(${request.skill} would take over here)` }));
    await adapter.turn('emulator', async (context) => { await context.sendActivity(transferWithText()); });
    assert.deepEqual(adapter.sent.map((a) => [a.type, a.text ?? a.valueType]), [['message', 'Transferring you.'], ['trace', TRANSFER_TRACE_VALUE_TYPE], ['message', '(human-support would take over here)']]);
    for (const activity of adapter.sent) {
      assert.ok(activity instanceof Activity, 'an SDK Activity');
      assert.equal(activity.channelId, 'emulator');
      assert.equal(activity.conversation?.id, 'c1');
    }
    assert.equal((adapter.sent[0]!.channelData as { action?: unknown }).action, undefined, 'the line no longer asks for a transfer');
  });

  it('leaves LiveEngage chats alone (the LiveEngage adapter carries transfers out)', async () => {
    const adapter = new KeepingAdapter();
    adapter.use(new HandoffFallbackMiddleware());
    await adapter.turn('liveengage', async (context) => { await context.sendActivity(transferWithText()); });
    assert.equal(adapter.sent.length, 1);
    assert.deepEqual((adapter.sent[0]!.channelData as { action: { name: string } }).action.name, 'TRANSFER');
  });
});
