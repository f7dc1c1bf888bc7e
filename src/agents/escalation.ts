import type { Middleware, TurnContext } from '@microsoft/agents-hosting';
import { EscalationMiddleware as CoreEscalationMiddleware, type EscalationOptions as CoreEscalationOptions } from '../core/escalation.js';
import { createTransferActivity } from './activities.js';

/** Settings of the `EscalationMiddleware` (a recognizer gets the Agents SDK's TurnContext). */
export type EscalationOptions = CoreEscalationOptions<TurnContext>;

/**
 * "Manage escalations" from LivePerson's guide, as Agents SDK middleware: a visitor who asks for a
 * person (a keyword, or an escalation intent) goes to a human skill. `adapter.use(new EscalationMiddleware({ skill: 'human-support' }))`.
 */
export class EscalationMiddleware extends CoreEscalationMiddleware<TurnContext> implements Middleware {
  constructor(options: EscalationOptions) {
    super(options, createTransferActivity);
  }
}
