import { ActivityTypes, getTopScoringIntent, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import { ComponentDialog, DialogSet, DialogTurnStatus, WaterfallDialog, type DialogState, type WaterfallStepContext } from 'botbuilder-dialogs';
import { messages } from '../messages.js';
import { orderNumberOf, recognizeText, type SupportIntent } from '../recognizer.js';
import { OrderStatusDialog, ORDER_STATUS_DIALOG } from './orderStatusDialog.js';

export const MAIN_DIALOG = 'main';
/** Intents that leave whatever dialog is running (e.g. "what are your hours?" while asked for an order number). */
const INTERRUPTING: readonly SupportIntent[] = ['Hours', 'Pricing', 'Goodbye'];

/** One visitor line: recognize, then answer, ask for an order number, or say goodbye and end the chat. */
export class MainDialog extends ComponentDialog {
  constructor() {
    super(MAIN_DIALOG);
    this.addDialog(new OrderStatusDialog());
    this.addDialog(new WaterfallDialog(`${MAIN_DIALOG}.steps`, [async (step) => this.answer(step)]));
    this.initialDialogId = `${MAIN_DIALOG}.steps`;
  }

  /** Runs the dialog for a message turn, with its state in `accessor` (conversation state). */
  async run(context: TurnContext, accessor: StatePropertyAccessor<DialogState>): Promise<void> {
    const dialogs = new DialogSet(accessor);
    dialogs.add(this);
    const dc = await dialogs.createContext(context);
    const intent = topIntent(context.activity.text ?? '');
    if (dc.activeDialog && INTERRUPTING.includes(intent)) await dc.cancelAllDialogs();
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
      case 'Goodbye':
        // On LiveEngage `endOfConversation` ends the chat; on the Emulator it arrives as an activity.
        await step.context.sendActivities([{ type: ActivityTypes.Message, text: messages.goodbye }, { type: ActivityTypes.EndOfConversation }]);
        break;
      default:
        // `Escalate` never gets here: the EscalationMiddleware transfers before the bot runs.
        await step.context.sendActivity(messages.didNotUnderstand(text));
    }
    return step.endDialog();
  }
}

function topIntent(text: string): SupportIntent {
  return getTopScoringIntent(recognizeText(text)).intent as SupportIntent;
}
