import { ActivityTypes, EndOfConversationCodes, type TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  TextPrompt,
  WaterfallDialog,
  type DialogTurnResult,
  type PromptValidatorContext,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { createLogger, type LiveEngageLogger } from '../logger.js';
import { isCsatDecline, parseCsatRating } from './parseRating.js';
import { csatChatOf, type CsatRating, type CsatRecorder, type CsatResponse, type SubmitAgentSurvey } from './types.js';

/** The dialog id `CsatDialog` uses unless told otherwise. */
export const CSAT_DIALOG_ID = 'csat';

/** Settings of the `CsatDialog`. Every text can be changed (e.g. translated). */
export interface CsatDialogOptions {
  /** The dialog id. Default `'csat'`. */
  id?: string;
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
  /** End the chat (send `endOfConversation`) after the thanks. Default true. */
  endChat?: boolean;
  /** Where answers (and skips) are reported: `LiveEngageMetrics`, `LiveEngageTelemetry`, your own. */
  recorders?: CsatRecorder[];
  /** Called with each rating given. */
  onRating?: (context: TurnContext, rating: CsatRating, response: CsatResponse) => void | Promise<void>;
  /** Submits the outcome to the account's agent survey before the chat ends (see `SubmitAgentSurvey`). */
  submitAgentSurvey?: SubmitAgentSurvey;
  /** Where recorder, callback and survey failures are logged. Default `debug` (`botbuilder-adapter-liveengage:csat:error`). */
  logger?: LiveEngageLogger;
}

export const CSAT_DEFAULT_TEXTS = {
  question: 'How would you rate this chat from 1 (poor) to 5 (great)?',
  retryPrompt: 'Sorry, I didn\'t get that. Please type a number from 1 (poor) to 5 (great), or "skip".',
  thanks: 'Thank you for your feedback!',
  skipped: 'No problem, thanks for chatting!',
} as const;

const PROMPT = 'csat.rating';
const STEPS = 'csat.steps';

/**
 * Asks the visitor for a CSAT rating before the chat ends. Live Chat has no quick replies, so the scale
 * is in the question and the visitor types the answer: `4`, `4/5`, `four`, `great` (see
 * `parseCsatRating`); "skip" or "no thanks" declines. An answer that is no rating is asked again
 * (`maxReprompts` times), then the dialog gives up politely. The rating goes to the recorders (metrics,
 * telemetry), `onRating` and `submitAgentSurvey`; then the visitor is thanked and (with `endChat`) the
 * chat ends. The dialog's result is the rating, or undefined.
 *
 * ```ts
 * const dialogs = new DialogSet(conversationState.createProperty('dialogs'));
 * dialogs.add(new CsatDialog({ recorders: [metrics, telemetry] }));
 * // when the bot is done: await dc.beginDialog('csat'); on later turns: await dc.continueDialog();
 * ```
 */
export class CsatDialog extends ComponentDialog {
  private readonly texts: { question: string; retryPrompt: string; skipped: string };
  private readonly thanks: (rating: CsatRating) => string;
  private readonly maxReprompts: number;
  private readonly endChat: boolean;
  private readonly recorders: CsatRecorder[];
  private readonly log: LiveEngageLogger;

  constructor(private readonly options: CsatDialogOptions = {}) {
    super(options.id ?? CSAT_DIALOG_ID);
    const maxReprompts = options.maxReprompts ?? 1;
    if (!Number.isInteger(maxReprompts) || maxReprompts < 0) {
      throw new RangeError(`CsatDialog.constructor(): maxReprompts must be a whole number >= 0 (got ${String(options.maxReprompts)}).`);
    }
    if (options.recorders !== undefined && (!Array.isArray(options.recorders) || options.recorders.some((r) => typeof r?.recordCsat !== 'function'))) {
      throw new TypeError('CsatDialog.constructor(): recorders must be objects with recordCsat() (e.g. LiveEngageMetrics, LiveEngageTelemetry).');
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

    this.addDialog(new TextPrompt(PROMPT, (prompt) => this.validate(prompt)));
    this.addDialog(new WaterfallDialog(STEPS, [(step) => this.ask(step), (step) => this.finish(step)]));
    this.initialDialogId = STEPS;
  }

  /** Adds a recorder after construction (e.g. a telemetry client created later). */
  addRecorder(recorder: CsatRecorder): this {
    if (typeof recorder?.recordCsat !== 'function') throw new TypeError('CsatDialog.addRecorder(): recorder must have recordCsat().');
    this.recorders.push(recorder);
    return this;
  }

  private async ask(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.prompt(PROMPT, { prompt: this.texts.question, retryPrompt: this.texts.retryPrompt });
  }

  /** A rating or a "no" ends the prompt; so does the last allowed attempt (the next step gives up). */
  private async validate(prompt: PromptValidatorContext<string>): Promise<boolean> {
    const text = prompt.recognized.value;
    if (parseCsatRating(text) !== undefined || isCsatDecline(text)) return true;
    return prompt.attemptCount > this.maxReprompts;
  }

  private async finish(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const context = step.context;
    const text = typeof step.result === 'string' ? step.result : '';
    const rating = parseCsatRating(text);
    const chat = csatChatOf(context);
    const response: CsatResponse = rating !== undefined ? { ...chat, rating, text } : { ...chat, skipped: isCsatDecline(text) ? 'declined' : 'unrecognized' };

    for (const recorder of this.recorders) {
      await this.guard('a CSAT recorder', () => recorder.recordCsat(response));
    }
    if (rating !== undefined && this.options.onRating) {
      const onRating = this.options.onRating;
      await this.guard('onRating', () => onRating(context, rating, response));
    }
    if (this.options.submitAgentSurvey) {
      const submit = this.options.submitAgentSurvey;
      await this.guard('submitAgentSurvey', () => submit(context, rating));
    }

    await context.sendActivity(rating !== undefined ? this.thanks(rating) : this.texts.skipped);
    if (this.endChat) {
      await context.sendActivity({ type: ActivityTypes.EndOfConversation, code: EndOfConversationCodes.CompletedSuccessfully });
    }
    return step.endDialog(rating);
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
