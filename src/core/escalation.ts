import { ActivityTypes } from './protocol.js';
import { createTransferActivity, type TransferActivity } from './transfer.js';
import { codedError, LiveEngageErrorCode } from '../errorCodes.js';

/** What the middleware needs of a turn; both frameworks' TurnContext have it. */
export interface EscalationContext {
  activity: { type?: string; text?: string };
  sendActivity(activity: any): Promise<unknown>;
}

/** What a recognizer returns, as far as escalation reads it (botbuilder's and the Agents SDK's RecognizerResult). */
export interface RecognizedIntents {
  intents: Record<string, { score?: number }>;
}

/** Anything that recognizes intents in a turn: LUIS, CLU, or a function of yours. */
export type IntentRecognizer<C = EscalationContext> =
  | { recognize(context: C): Promise<RecognizedIntents> }
  | ((context: C) => Promise<RecognizedIntents>);

/** Settings of the `EscalationMiddleware`. */
export interface EscalationOptions<C = EscalationContext> {
  /** The human skill to transfer to, e.g. `human-support`. */
  skill: string;
  /** Words that ask for a person, matched as whole words, any case. Default `['agent', 'human', 'representative']`. */
  keywords?: string[];
  /** A recognizer whose intents can ask for a person. */
  recognizer?: IntentRecognizer<C>;
  /**
   * The intents that escalate: a list (all go to `skill`), or a map from intent to the skill it goes to.
   * Required with `recognizer`.
   */
  intents?: string[] | Record<string, string>;
  /** Least score for an intent to count. Default 0.5. */
  minScore?: number;
  /** What the visitor reads before the transfer. Default "Let me connect you with a person who can help." */
  message?: string;
}

export const DEFAULT_ESCALATION_KEYWORDS = ['agent', 'human', 'representative'];

/**
 * "Manage escalations" from LivePerson's guide: when a visitor asks for a person (a keyword) or the
 * recognizer finds an escalation intent, the chat goes to a human skill, with the keyword or intent as
 * the reason the receiving agent reads. The bot's own logic does not run for that turn.
 *
 * ```ts
 * adapter.use(new EscalationMiddleware({ skill: 'human-support' }));
 * ```
 */
export class EscalationMiddleware<C extends EscalationContext = EscalationContext> {
  private readonly keywordPattern?: RegExp;
  private readonly intentSkills: Map<string, string>;
  private readonly minScore: number;
  private readonly message: string;

  constructor(
    private readonly options: EscalationOptions<C>,
    /** Makes the transfer activity in the binding's framework (the Agents SDK sends `Activity` instances). */
    private readonly transferActivity: (skill: string, reason: string) => TransferActivity | object = createTransferActivity,
  ) {
    if (!options || typeof options.skill !== 'string' || options.skill.trim() === '') {
      throw codedError(TypeError, 'EscalationMiddleware.constructor(): skill is required.', LiveEngageErrorCode.INVALID_ARGUMENT);
    }
    if (options.recognizer && !options.intents) {
      throw codedError(TypeError, 'EscalationMiddleware.constructor(): intents are required with a recognizer.', LiveEngageErrorCode.INVALID_ARGUMENT);
    }
    const keywords = (options.keywords ?? DEFAULT_ESCALATION_KEYWORDS).filter((k) => k.trim() !== '');
    if (keywords.length) this.keywordPattern = new RegExp(`(?<![\\p{L}\\p{N}])(${keywords.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`, 'iu');
    const intents = options.intents ?? [];
    this.intentSkills = new Map(Array.isArray(intents) ? intents.map((i) => [i, options.skill]) : Object.entries(intents));
    this.minScore = options.minScore ?? 0.5;
    this.message = options.message ?? 'Let me connect you with a person who can help.';
  }

  async onTurn(context: C, next: () => Promise<void>): Promise<void> {
    if (context.activity.type !== ActivityTypes.Message || !context.activity.text) return next();
    const escalation = await this.escalationFor(context);
    if (!escalation) return next();
    if (this.message) await context.sendActivity(this.message);
    await context.sendActivity(this.transferActivity(escalation.skill, escalation.reason));
  }

  /** Which skill and why, or undefined when the visitor did not ask for a person. */
  async escalationFor(context: C): Promise<{ skill: string; reason: string } | undefined> {
    const keyword = this.keywordPattern?.exec(context.activity.text ?? '')?.[1];
    if (keyword) return { skill: this.options.skill, reason: `Visitor asked for a person ("${keyword.toLowerCase()}")` };
    if (!this.options.recognizer) return undefined;
    const recognizer = this.options.recognizer;
    const result = typeof recognizer === 'function' ? await recognizer(context) : await recognizer.recognize(context);
    const top = getTopScoringIntent(result);
    const skill = this.intentSkills.get(top.intent);
    if (!skill || top.score < this.minScore) return undefined;
    return { skill, reason: `Intent ${top.intent} (${top.score.toFixed(2)})` };
  }
}

/** The intent that scored highest (botbuilder's `getTopScoringIntent`, without botbuilder). */
function getTopScoringIntent(result: RecognizedIntents): { intent: string; score: number } {
  if (!result || !result.intents) throw new Error('EscalationMiddleware: the recognizer returned no intents.');
  let top = { intent: '', score: -1 };
  for (const [intent, value] of Object.entries(result.intents)) {
    const score = value?.score ?? -1;
    if (!top.intent || score > top.score) top = { intent, score };
  }
  return top;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
