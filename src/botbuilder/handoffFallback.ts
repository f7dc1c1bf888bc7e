import type { Activity, Middleware, TurnContext } from 'botbuilder';
import { handoffFallback as coreHandoffFallback, type HandoffFallbackOptions } from '../core/handoffFallback.js';
import type { CoreActivity } from '../core/protocol.js';
import { CHANNEL_ID } from '../core/toActivity.js';

export { END_TRACE_VALUE_TYPE, TRANSFER_TRACE_VALUE_TYPE, type HandoffFallbackOptions } from '../core/handoffFallback.js';

/** What one outgoing activity becomes on a channel that is not LiveEngage (see the core's `handoffFallback`). */
export function handoffFallback(activity: Partial<Activity>, options: HandoffFallbackOptions = {}): Partial<Activity>[] {
  return coreHandoffFallback(activity as CoreActivity, options) as Partial<Activity>[];
}

/**
 * Middleware for the adapters of other channels (the `CloudAdapter` behind `/api/messages`: Emulator,
 * Agents Playground, Web Chat, Teams): a bot that escalates or ends a chat on LiveEngage does not fail
 * its turn where the channel refuses those activities (the Playground answers 400 to anything but
 * message, typing and trace). On LiveEngage it does nothing. Register it first, so that it also sees
 * what later middleware sends (an `EscalationMiddleware`'s transfer).
 *
 * ```ts
 * cloudAdapter.use(new HandoffFallbackMiddleware({ transferNotice: (r) => `(A person from ${r.skill} would take over here.)` }))
 *   .use(new EscalationMiddleware({ skill: 'human-support' }));
 * ```
 */
export class HandoffFallbackMiddleware implements Middleware {
  private readonly channels: Set<string>;

  constructor(private readonly options: HandoffFallbackOptions = {}) {
    this.channels = new Set(options.channels ?? [CHANNEL_ID]);
  }

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    if (!this.channels.has(context.activity.channelId)) {
      context.onSendActivities(async (_context, activities, send) => {
        // Replaced in place: TurnContext sends the very array its handlers were given.
        activities.splice(0, activities.length, ...activities.flatMap((activity) => handoffFallback(activity, this.options)));
        return send();
      });
    }
    await next();
  }
}

