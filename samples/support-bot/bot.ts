import { ActivityHandler, type ConversationState, type StatePropertyAccessor } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import { HANDOFF_STATUS, type HandoffStatusValue } from '../../src/index.js';
import type { MainDialog } from './dialogs/mainDialog.js';
import { messages } from './messages.js';

/**
 * The support bot, written as any Bot Framework bot is: an `ActivityHandler`, dialogs, conversation
 * state. Nothing in it knows LiveEngage; the adapters around it do (see `app.ts`).
 */
export class SupportBot extends ActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;

  constructor(
    private readonly conversationState: ConversationState,
    private readonly dialog: MainDialog,
    /** How it greets a visitor; A/B variants differ here (see `variants.ts`). */
    welcome: (name: string | undefined) => string = messages.welcome,
  ) {
    super();
    this.dialogState = conversationState.createProperty<DialogState>('dialogState');

    this.onMembersAdded(async (context, next) => {
      for (const member of context.activity.membersAdded ?? []) {
        if (member.id !== context.activity.recipient.id) await context.sendActivity(welcome(member.name));
      }
      await next();
    });

    this.onMessage(async (context, next) => {
      await this.dialog.run(context, this.dialogState);
      await next();
    });

    // After a transfer the bot hears how it went. Accepted: the chat is in the human skill's queue and
    // no longer ours. Failed (nobody online, unknown skill): the chat stays with the bot.
    this.onEvent(async (context, next) => {
      if (context.activity.name === HANDOFF_STATUS) {
        const status = context.activity.value as HandoffStatusValue;
        if (status.state === 'failed') await context.sendActivity(messages.nobodyFree);
        await this.conversationState.delete(context);
      }
      await next();
    });

    this.onEndOfConversation(async (context, next) => {
      await this.conversationState.delete(context);
      await next();
    });

    // Save what the turn changed, whatever handler ran.
    this.onDialog(async (context, next) => {
      await this.conversationState.saveChanges(context, false);
      await next();
    });
  }
}
