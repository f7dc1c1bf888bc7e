import type { Middleware, TurnContext } from '@microsoft/agents-hosting';
import { handoffFallback, type HandoffFallbackOptions } from '../core/handoffFallback.js';
import { CHANNEL_ID } from '../core/toActivity.js';
import { toAgentsActivity, toCoreActivity } from './activities.js';

/**
 * For the Agents SDK's own `CloudAdapter` (the Agents Playground, Teams, Web Chat): a transfer or an
 * end that only LiveEngage can carry out becomes a trace and an optional notice, so the turn does not
 * fail where the channel refuses those activities (the Playground answers 400). Register it first.
 */
export class HandoffFallbackMiddleware implements Middleware {
  private readonly channels: Set<string>;

  constructor(private readonly options: HandoffFallbackOptions = {}) {
    this.channels = new Set(options.channels ?? [CHANNEL_ID]);
  }

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    if (!this.channels.has(context.activity.channelId ?? '')) {
      context.onSendActivities(async (_context, activities, send) => {
        // Replaced in place: TurnContext sends the very array its handlers were given. Through the
        // converter both ways: `Activity` keeps channelId in a getter that a spread would lose.
        activities.splice(0, activities.length, ...activities.flatMap((activity) => handoffFallback(toCoreActivity(activity), this.options).map(toAgentsActivity)));
        return send();
      });
    }
    await next();
  }
}
