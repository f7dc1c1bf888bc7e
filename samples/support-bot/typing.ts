import { TurnContext, type Middleware } from 'botbuilder';
import { sendPaced } from './pacing.js';

/**
 * Shows "typing…" for a moment before each message the bot sends, the way a person would: a `typing`
 * activity, then a `delay` (both adapters handle `delay`). Zero turns it off.
 */
export class TypingDelayMiddleware implements Middleware {
  constructor(private readonly delayMs: number) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    if (this.delayMs > 0) {
      const reference = TurnContext.getConversationReference(context.activity);
      context.onSendActivities((_context, activities, send) => sendPaced(activities, send, this.delayMs, (added) => TurnContext.applyConversationReference(added, reference)));
    }
    await next();
  }
}
