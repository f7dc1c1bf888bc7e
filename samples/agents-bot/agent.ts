import { AgentApplication, MemoryStorage, type TurnContext, type TurnState } from '@microsoft/agents-hosting';
import { Activity } from '@microsoft/agents-activity';
import { HANDOFF_STATUS, type HandoffStatusValue, type LiveEngageAdapter } from '../../src/agents/index.js';
import { messages } from '../support-bot/messages.js';
import { recognizeText } from '../support-bot/recognizer.js';

/** What the agent remembers per conversation (turn state, saved by the AgentApplication). */
interface Remembered {
  askedForOrder?: boolean;
}

/**
 * The support bot written the Agents SDK way: an `AgentApplication` with routes, no dialogs. Nothing
 * in it knows LiveEngage; the adapters around it do (see `app.ts`). Escalation ("agent") is the
 * `EscalationMiddleware`'s, before these routes run.
 */
export function createSupportAgent(adapter: LiveEngageAdapter): AgentApplication<TurnState> {
  const app = new AgentApplication<TurnState>({ storage: new MemoryStorage(), adapter });

  app.onConversationUpdate('membersAdded', async (context) => {
    for (const member of context.activity.membersAdded ?? []) {
      if (member.id !== context.activity.recipient?.id) await context.sendActivity(messages.welcome(member.name));
    }
  });

  app.onActivity('message', async (context, state) => {
    const text = context.activity.text ?? '';
    const remembered = (state.conversation as Remembered);
    const result = recognizeText(text);
    const orderNumber = (result.entities as { orderNumber?: string[] }).orderNumber?.[0];
    const top = Object.entries(result.intents).sort(([, a], [, b]) => (b.score ?? 0) - (a.score ?? 0))[0]?.[0];
    if (orderNumber && (remembered.askedForOrder || top === 'OrderStatus')) {
      remembered.askedForOrder = false;
      return void (await context.sendActivity(messages.orderStatus(orderNumber)));
    }
    if (remembered.askedForOrder) return void (await context.sendActivity(messages.retryOrderNumber));
    switch (top) {
      case 'Greeting': return void (await context.sendActivity(messages.greeting));
      case 'Hours': return void (await context.sendActivity(messages.hours));
      case 'Pricing': return void (await context.sendActivity(messages.pricing));
      case 'OrderStatus':
        remembered.askedForOrder = true;
        return void (await context.sendActivity(messages.askOrderNumber));
      case 'Goodbye':
        await context.sendActivity(messages.goodbye);
        return void (await context.sendActivity(Activity.fromObject({ type: 'endOfConversation' })));
      default:
        await context.sendActivity(messages.didNotUnderstand(text));
    }
  });

  // After a transfer the agent hears how it went (the SDK has no onEvent: route 'event' by name).
  app.onActivity('event', async (context: TurnContext) => {
    if (context.activity.name !== HANDOFF_STATUS) return;
    const status = context.activity.value as HandoffStatusValue;
    if (status.state === 'failed') await context.sendActivity(messages.nobodyFree);
  });

  // Turn state (askedForOrder) is saved only when an afterTurn handler exists.
  app.onTurn('afterTurn', async () => true);
  return app;
}
