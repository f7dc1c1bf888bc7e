import type { Middleware, TurnContext } from 'botbuilder';
import {
  EscalationMiddleware as CoreEscalationMiddleware,
  type EscalationOptions as CoreEscalationOptions,
  type IntentRecognizer as CoreIntentRecognizer,
} from '../core/escalation.js';

export { DEFAULT_ESCALATION_KEYWORDS } from '../core/escalation.js';

/** Anything that recognizes intents in a turn: LUIS, CLU, or a function of yours. */
export type IntentRecognizer = CoreIntentRecognizer<TurnContext>;
/** Settings of the `EscalationMiddleware`. */
export type EscalationOptions = CoreEscalationOptions<TurnContext>;

/**
 * "Manage escalations" from LivePerson's guide, as botbuilder middleware: a visitor who asks for a
 * person (a keyword, or an escalation intent) goes to a human skill (see the core's EscalationMiddleware).
 *
 * ```ts
 * adapter.use(new EscalationMiddleware({ skill: 'human-support' }));
 * ```
 */
export class EscalationMiddleware extends CoreEscalationMiddleware<TurnContext> implements Middleware {
  constructor(options: EscalationOptions) {
    super(options);
  }
}
