import { createLogger, type LiveEngageLogger } from '../logger.js';
import { isCsatDecline, parseCsatRating } from './parseRating.js';
import { csatChatOf, type CsatRating, type CsatRecorder, type CsatResponse, type CsatTurn, type SubmitAgentSurvey } from './types.js';

/** The texts the CSAT question uses unless told otherwise. */
export const CSAT_DEFAULT_TEXTS = {
  question: 'How would you rate this chat from 1 (poor) to 5 (great)?',
  retryPrompt: 'Sorry, I didn\'t get that. Please type a number from 1 (poor) to 5 (great), or "skip".',
  thanks: 'Thank you for your feedback!',
  skipped: 'No problem, thanks for chatting!',
} as const;

/** Settings of the CSAT question, in any framework. Every text can be changed (e.g. translated). */
export interface CsatFlowOptions<T extends CsatTurn = CsatTurn> {
  /** The question. Default "How would you rate this chat from 1 (poor) to 5 (great)?" */
  question?: string;
  /** Asked again after an answer that is no rating. Default "Sorry, I didn't get that. Please type a number from 1 (poor) to 5 (great), or "skip"." */
  retryPrompt?: string;
  /** How many times to ask again after an answer that is no rating. Default 1. */
  maxReprompts?: number;
  /** The thanks after a rating. Default "Thank you for your feedback!" */
  thanks?: string | ((rating: CsatRating) => string);
  /** The goodbye when the visitor gave no rating. Default "No problem, thanks for chatting!" */
  skipped?: string;
  /** End the chat after the thanks. Default true. */
  endChat?: boolean;
  /** Where answers (and skips) are reported: `LiveEngageMetrics`, `LiveEngageTelemetry`, your own. */
  recorders?: CsatRecorder[];
  /** Called with each rating given. */
  onRating?: (context: T, rating: CsatRating, response: CsatResponse) => void | Promise<void>;
  /** Submits the outcome to the account's agent survey before the chat ends (see `SubmitAgentSurvey`). */
  submitAgentSurvey?: SubmitAgentSurvey<T>;
  /** Where recorder, callback and survey failures are logged. Default `debug` (`botbuilder-adapter-liveengage:csat:error`). */
  logger?: LiveEngageLogger;
}

/** Where the question stands between turns: plain JSON, to keep in conversation state. */
export interface CsatState {
  /** Answers given so far that were no rating. */
  attempts: number;
}

/** What one step of the question says, and whether it is over. */
export interface CsatStep {
  /** The line for the visitor: the question, the retry prompt, the thanks or the goodbye. */
  reply: string;
  /** Keep this for the next visitor line; undefined once the question is over (answered, declined, given up). */
  state?: CsatState;
  /** The rating, when the visitor gave one. */
  rating?: CsatRating;
  /** End the chat after `reply` (the question is over and `endChat` is on). */
  endChat: boolean;
}

/**
 * The CSAT question as a small state machine, with no bot framework: `ask()` gives the question and the
 * state to keep; `answer(context, state, text)` for each visitor line reads the rating (`parseCsatRating`:
 * `4`, `4/5`, `four`, `great`), or a decline ("skip", "no thanks"), asks again after anything else
 * (`maxReprompts` times) and then gives up; once over it reports the outcome to the recorders,
 * `onRating` and `submitAgentSurvey` (their failures are logged, never shown) and says the thanks.
 * `CsatDialog` (botbuilder-dialogs) runs this; an Agents SDK `AgentApplication` keeps the state in
 * its turn state:
 *
 * ```ts
 * const csat = new CsatFlow({ recorders: [metrics] });
 * const step = state.conversation.csat ? await csat.answer(context, state.conversation.csat, text) : csat.ask();
 * state.conversation.csat = step.state;
 * await context.sendActivity(step.reply);
 * if (step.endChat) await context.sendActivity(Activity.fromObject({ type: 'endOfConversation' }));
 * ```
 */
export class CsatFlow<T extends CsatTurn = CsatTurn> {
  readonly texts: { question: string; retryPrompt: string; skipped: string };
  private readonly thanks: (rating: CsatRating) => string;
  private readonly maxReprompts: number;
  private readonly endChat: boolean;
  private readonly recorders: CsatRecorder[];
  private readonly log: LiveEngageLogger;

  /** `owner` names the class in error messages (`CsatDialog` when the dialog runs it). */
  constructor(private readonly options: CsatFlowOptions<T> = {}, private readonly owner = 'CsatFlow') {
    const maxReprompts = options.maxReprompts ?? 1;
    if (!Number.isInteger(maxReprompts) || maxReprompts < 0) {
      throw new RangeError(`${owner}.constructor(): maxReprompts must be a whole number >= 0 (got ${String(options.maxReprompts)}).`);
    }
    if (options.recorders !== undefined && (!Array.isArray(options.recorders) || options.recorders.some((r) => typeof r?.recordCsat !== 'function'))) {
      throw new TypeError(`${owner}.constructor(): recorders must be objects with recordCsat() (e.g. LiveEngageMetrics, LiveEngageTelemetry).`);
    }
    this.maxReprompts = maxReprompts;
    this.texts = {
      question: options.question ?? CSAT_DEFAULT_TEXTS.question,
      retryPrompt: options.retryPrompt ?? CSAT_DEFAULT_TEXTS.retryPrompt,
      skipped: options.skipped ?? CSAT_DEFAULT_TEXTS.skipped,
    };
    const thanks = options.thanks ?? CSAT_DEFAULT_TEXTS.thanks;
    this.thanks = typeof thanks === 'function' ? thanks : () => thanks;
    this.endChat = options.endChat ?? true;
    this.recorders = [...(options.recorders ?? [])];
    this.log = createLogger('csat', options.logger);
  }

  /** Adds a recorder after construction (e.g. a telemetry client created later). */
  addRecorder(recorder: CsatRecorder): this {
    if (typeof recorder?.recordCsat !== 'function') throw new TypeError(`${this.owner}.addRecorder(): recorder must have recordCsat().`);
    this.recorders.push(recorder);
    return this;
  }

  /** The first step: the question, and the state to keep until the visitor answers. */
  ask(): CsatStep {
    return { reply: this.texts.question, state: { attempts: 0 }, endChat: false };
  }

  /** Whether a line answers the question (a rating or a decline), rather than being something else. */
  isAnswer(text: string | undefined | null): boolean {
    return parseCsatRating(text) !== undefined || isCsatDecline(text);
  }

  /**
   * The visitor's line while the question is open. A rating or a decline ends the question; so does
   * the line after the last retry prompt. When it ends, the outcome is reported before the reply.
   */
  async answer(context: T, state: CsatState | undefined, text: string | undefined): Promise<CsatStep> {
    const attempts = (state?.attempts ?? 0) + 1;
    if (!this.isAnswer(text) && attempts <= this.maxReprompts) {
      return { reply: this.texts.retryPrompt, state: { attempts }, endChat: false };
    }
    const rating = parseCsatRating(text);
    const chat = csatChatOf(context);
    const response: CsatResponse = rating !== undefined ? { ...chat, rating, text: text ?? '' } : { ...chat, skipped: isCsatDecline(text) ? 'declined' : 'unrecognized' };
    await this.report(context, rating, response);
    return rating !== undefined ? { reply: this.thanks(rating), rating, endChat: this.endChat } : { reply: this.texts.skipped, endChat: this.endChat };
  }

  private async report(context: T, rating: CsatRating | undefined, response: CsatResponse): Promise<void> {
    for (const recorder of this.recorders) {
      await this.guard('a CSAT recorder', () => recorder.recordCsat(response));
    }
    const { onRating, submitAgentSurvey } = this.options;
    if (rating !== undefined && onRating) await this.guard('onRating', () => onRating(context, rating, response));
    if (submitAgentSurvey) await this.guard('submitAgentSurvey', () => submitAgentSurvey(context, rating));
  }

  /** Runs a reporting hook; its failure is logged, never shown to the visitor. */
  private async guard(what: string, hook: () => unknown): Promise<void> {
    try {
      await hook();
    } catch (error) {
      this.log.error('%s failed: %s', what, (error as Error)?.message ?? String(error));
    }
  }
}
