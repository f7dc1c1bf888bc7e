import { ComponentDialog, TextPrompt, WaterfallDialog, type PromptValidatorContext, type WaterfallStepContext } from 'botbuilder-dialogs';
import { messages } from '../messages.js';

export const ORDER_STATUS_DIALOG = 'orderStatus';
const ORDER_NUMBER_PROMPT = 'orderNumberPrompt';
const ORDER_NUMBER = /^\s*#?(\d{5,10})\s*$/;

/** Options of the order status dialog: the order number, when the visitor already gave it. */
export interface OrderStatusOptions {
  orderNumber?: string;
}

/** Asks for an order number (unless the visitor gave one) and tells where the order is. */
export class OrderStatusDialog extends ComponentDialog {
  constructor() {
    super(ORDER_STATUS_DIALOG);
    this.addDialog(new TextPrompt(ORDER_NUMBER_PROMPT, async (prompt: PromptValidatorContext<string>) => ORDER_NUMBER.test(prompt.recognized.value ?? '')));
    this.addDialog(
      new WaterfallDialog(`${ORDER_STATUS_DIALOG}.steps`, [
        async (step: WaterfallStepContext<OrderStatusOptions>) => {
          const known = step.options?.orderNumber;
          if (known) return step.next(known);
          return step.prompt(ORDER_NUMBER_PROMPT, { prompt: messages.askOrderNumber, retryPrompt: messages.retryOrderNumber });
        },
        async (step: WaterfallStepContext<OrderStatusOptions>) => {
          const orderNumber = ORDER_NUMBER.exec(String(step.result))?.[1] ?? String(step.result);
          await step.context.sendActivity(messages.orderStatus(orderNumber));
          return step.endDialog(orderNumber);
        },
      ]),
    );
    this.initialDialogId = `${ORDER_STATUS_DIALOG}.steps`;
  }
}
