import { ActivityTypes, TurnContext, type Activity, type Middleware } from 'botbuilder';

/**
 * Shows "typing…" for a moment before each message the bot sends, the way a person would: a `typing`
 * activity, then a `delay` (both adapters handle `delay`). Zero turns it off.
 */
export class TypingDelayMiddleware implements Middleware {
  constructor(private readonly delayMs: number) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    if (this.delayMs > 0) {
      context.onSendActivities(async (_context, activities, send) => {
        const reference = TurnContext.getConversationReference(context.activity);
        const paced: Partial<Activity>[] = [];
        for (const activity of activities) {
          if (activity.type === ActivityTypes.Message && activity.text) {
            paced.push(
              TurnContext.applyConversationReference({ type: ActivityTypes.Typing }, reference),
              TurnContext.applyConversationReference({ type: 'delay', value: this.delayMs }, reference),
            );
          }
          paced.push(activity);
        }
        if (paced.length === activities.length) return send();
        // Keep one response per activity the bot sent, as callers expect.
        activities.splice(0, activities.length, ...paced);
        const responses = await send();
        return responses.filter((_, i) => paced[i]?.type !== ActivityTypes.Typing && paced[i]?.type !== 'delay');
      });
    }
    await next();
  }
}
