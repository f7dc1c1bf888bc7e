import { Activity } from '@microsoft/agents-activity';
import type { Middleware, TurnContext } from '@microsoft/agents-hosting';
import { sendPaced } from '../support-bot/pacing.js';

/**
 * "Typing…" and a short pause before each message, as the botbuilder sample shows them (`sendPaced`).
 * For the LiveEngage adapter only: the SDK's own CloudAdapter would send the `delay` to the channel,
 * and the Agents Playground refuses it (400). Zero turns it off.
 */
export class TypingDelayMiddleware implements Middleware {
  constructor(private readonly delayMs: number) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    if (this.delayMs > 0) {
      const reference = context.activity.getConversationReference();
      context.onSendActivities((_context, activities, send) => sendPaced(activities, send, this.delayMs, (added) => Activity.fromObject(added).applyConversationReference(reference)));
    }
    await next();
  }
}
