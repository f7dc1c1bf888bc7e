import { ActivityTypes, EndOfConversationCodes, InputHints, MessageFactory, type TurnContext } from 'botbuilder';
import { ComponentDialog, Dialog, type DialogContext, type DialogInstance, type DialogTurnResult } from 'botbuilder-dialogs';
import { CsatFlow, type CsatFlowOptions, type CsatStep } from './flow.js';
import type { CsatRecorder } from './types.js';

/** The dialog id `CsatDialog` uses unless told otherwise. */
export const CSAT_DIALOG_ID = 'csat';
const QUESTION = 'csat.question';

/** Settings of the `CsatDialog`: those of the `CsatFlow` it runs, plus its dialog id. */
export interface CsatDialogOptions extends CsatFlowOptions<TurnContext> {
  /** The dialog id. Default `'csat'`. */
  id?: string;
}

/**
 * Asks the visitor for a CSAT rating before the chat ends: the framework-neutral `CsatFlow` (see there:
 * the question, the retries, what is recorded where) as a botbuilder dialog. Live Chat has no quick
 * replies, so the scale is in the question and the visitor types the answer. The dialog's result is the
 * rating, or undefined; with `endChat` (default) it sends `endOfConversation` after the thanks.
 *
 * ```ts
 * const dialogs = new DialogSet(conversationState.createProperty('dialogs'));
 * dialogs.add(new CsatDialog({ recorders: [metrics, telemetry] }));
 * // when the bot is done: await dc.beginDialog('csat'); on later turns: await dc.continueDialog();
 * ```
 */
export class CsatDialog extends ComponentDialog {
  private readonly flow: CsatFlow<TurnContext>;

  constructor(options: CsatDialogOptions = {}) {
    super(options.id ?? CSAT_DIALOG_ID);
    this.flow = new CsatFlow(options, 'CsatDialog');
    this.addDialog(new CsatQuestion(this.flow));
    this.initialDialogId = QUESTION;
  }

  /** Adds a recorder after construction (e.g. a telemetry client created later). */
  addRecorder(recorder: CsatRecorder): this {
    this.flow.addRecorder(recorder);
    return this;
  }
}

/** The flow as a dialog: its state lives on the dialog stack, its replies go to the turn. */
class CsatQuestion extends Dialog {
  constructor(private readonly flow: CsatFlow<TurnContext>) {
    super(QUESTION);
  }

  override async beginDialog(dc: DialogContext): Promise<DialogTurnResult> {
    return this.step(dc, this.flow.ask());
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    // As with a prompt, only the visitor's lines answer it (not typing, events).
    if (dc.context.activity.type !== ActivityTypes.Message) return Dialog.EndOfTurn;
    return this.step(dc, await this.flow.answer(dc.context, dc.activeDialog?.state.csat, dc.context.activity.text));
  }

  override async repromptDialog(context: TurnContext, _instance: DialogInstance): Promise<void> {
    await context.sendActivity(MessageFactory.text(this.flow.texts.question, undefined, InputHints.ExpectingInput));
  }

  private async step(dc: DialogContext, step: CsatStep): Promise<DialogTurnResult> {
    if (step.state) {
      await dc.context.sendActivity(MessageFactory.text(step.reply, undefined, InputHints.ExpectingInput));
      dc.activeDialog!.state.csat = step.state;
      return Dialog.EndOfTurn;
    }
    await dc.context.sendActivity(step.reply);
    if (step.endChat) await dc.context.sendActivity({ type: ActivityTypes.EndOfConversation, code: EndOfConversationCodes.CompletedSuccessfully });
    return dc.endDialog(step.rating);
  }
}
