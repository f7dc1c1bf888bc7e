import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import { ComponentDialog, DialogSet, DialogTurnStatus, WaterfallDialog, type DialogState, type WaterfallStepContext } from 'botbuilder-dialogs';
import { CsatDialog, type CsatDialogOptions } from '../../../src/csat/index.js';
import { csatTexts, messages } from '../messages.js';
import { orderNumberOf, recognizeText, topIntent } from '../recognizer.js';
import { csatMove, INTERRUPTING } from '../routing.js';
import { OrderStatusDialog, ORDER_STATUS_DIALOG } from './orderStatusDialog.js';

const MAIN_DIALOG = 'main';

/** Settings of the main dialog. */
export interface MainDialogOptions {
  /**
   * The CSAT dialog run on goodbye: where ratings are recorded (metrics, telemetry) and the agent survey
   * hook. Its texts default to the sample's (`messages.csat*`).
   */
  csat?: CsatDialogOptions;
}

/**
 * One visitor line: recognize, then answer or ask for an order number. Goodbye asks for a CSAT rating
 * (`CsatDialog`), thanks the visitor and ends the chat.
 */
export class MainDialog extends ComponentDialog {
  private readonly csat: CsatDialog;

  constructor(options: MainDialogOptions = {}) {
    super(MAIN_DIALOG);
    this.addDialog(new OrderStatusDialog());
    this.addDialog(new WaterfallDialog(`${MAIN_DIALOG}.steps`, [async (step) => this.answer(step)]));
    this.initialDialogId = `${MAIN_DIALOG}.steps`;
    this.csat = new CsatDialog({ ...csatTexts, ...options.csat });
  }

  /** Runs the dialog for a message turn, with its state in `accessor` (conversation state). */
  async run(context: TurnContext, accessor: StatePropertyAccessor<DialogState>): Promise<void> {
    const dialogs = new DialogSet(accessor);
    dialogs.add(this);
    dialogs.add(this.csat);
    const dc = await dialogs.createContext(context);
    const text = context.activity.text ?? '';
    // The rating question: a rating ("4, the hours answer helped") or "skip" is its answer; a new
    // question ("oh wait, what are your hours?") is answered instead; anything else is asked again.
    const csat = csatMove(text, dc.activeDialog?.id === this.csat.id);
    if (csat === 'answer') {
      await dc.continueDialog();
      return;
    }
    if (csat === 'ask') {
      // Asks for the rating, records it, thanks the visitor and ends the chat.
      await dc.cancelAllDialogs();
      await dc.beginDialog(this.csat.id);
      return;
    }
    if (dc.activeDialog && INTERRUPTING.includes(topIntent(text))) await dc.cancelAllDialogs();
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(this.id);
  }

  private async answer(step: WaterfallStepContext) {
    const text = step.context.activity.text ?? '';
    const recognized = recognizeText(text);
    switch (topIntent(text)) {
      case 'Greeting':
        await step.context.sendActivity(messages.greeting);
        break;
      case 'Hours':
        await step.context.sendActivity(messages.hours);
        break;
      case 'Pricing':
        await step.context.sendActivity(messages.pricing);
        break;
      case 'OrderStatus':
        return step.replaceDialog(ORDER_STATUS_DIALOG, { orderNumber: orderNumberOf(recognized) });
      default:
        // `Escalate` never gets here: the EscalationMiddleware transfers before the bot runs; `Goodbye`
        // neither: `run` starts the CSAT dialog, which ends the chat (on the Emulator `endOfConversation`
        // arrives as an activity).
        await step.context.sendActivity(messages.didNotUnderstand(text));
    }
    return step.endDialog();
  }
}
