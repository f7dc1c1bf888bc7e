import { AgentApplication, type CloudAdapter, type Storage, type TurnContext, type TurnState } from '@microsoft/agents-hosting';
import { Activity } from '@microsoft/agents-activity';
import { HANDOFF_STATUS, type HandoffStatusValue } from '../../src/agents/index.js';
import { CsatFlow, type CsatFlowOptions, type CsatState } from '../../src/csat/neutral.js';
import { csatTexts, messages } from '../support-bot/messages.js';
import { orderNumberOf, recognizeText, topIntent } from '../support-bot/recognizer.js';
import { csatMove, INTERRUPTING } from '../support-bot/routing.js';

/** What the agent remembers per conversation (turn state, saved by the AgentApplication). */
interface Remembered {
  askedForOrder?: boolean;
  /** The open CSAT question (`CsatFlow`'s state), after "bye". */
  csat?: CsatState;
}

/** How one agent is made: where it keeps state, how it greets (A/B variants differ here), where CSAT goes. */
export interface SupportAgentOptions {
  storage: Storage;
  /** Default variant A's welcome. */
  welcome?: (name: string | undefined) => string;
  /** Where CSAT ratings are recorded (metrics, telemetry) and the agent survey hook; the texts are the sample's. */
  csat?: CsatFlowOptions<TurnContext>;
}

/**
 * The support bot written the Agents SDK way: an `AgentApplication` with routes, no dialogs; the same
 * answers, order status, CSAT on "bye" and welcomes as the botbuilder sample. Nothing in it knows
 * LiveEngage; the adapters around it do (see `app.ts`). Escalation ("agent") is the
 * `EscalationMiddleware`'s, before these routes run.
 */
export function createSupportAgent(adapter: CloudAdapter, options: SupportAgentOptions): AgentApplication<TurnState> {
  const app = new AgentApplication<TurnState>({ storage: options.storage, adapter });
  const welcome = options.welcome ?? messages.welcome;
  const csat = new CsatFlow<TurnContext>({ ...csatTexts, ...options.csat });

  app.onConversationUpdate('membersAdded', async (context) => {
    for (const member of context.activity.membersAdded ?? []) {
      if (member.id !== context.activity.recipient?.id) await context.sendActivity(welcome(member.name));
    }
  });

  app.onActivity('message', async (context, state) => {
    const text = context.activity.text ?? '';
    const remembered = state.conversation as Remembered;
    const move = csatMove(text, remembered.csat !== undefined);
    if (move !== 'none') {
      // Goodbye asks for the rating (dropping an open order question); the next lines answer it.
      remembered.askedForOrder = false;
      const step = move === 'ask' ? csat.ask() : await csat.answer(context, remembered.csat, text);
      if (step.state) remembered.csat = step.state;
      else delete remembered.csat;
      await context.sendActivity(step.reply);
      if (step.endChat) await context.sendActivity(Activity.fromObject({ type: 'endOfConversation', code: 'completedSuccessfully' }));
      return;
    }
    delete remembered.csat; // a new question drops the rating question
    const intent = topIntent(text);
    if (remembered.askedForOrder && INTERRUPTING.includes(intent)) remembered.askedForOrder = false;
    const orderNumber = orderNumberOf(recognizeText(text));
    if (orderNumber && (remembered.askedForOrder || intent === 'OrderStatus')) {
      remembered.askedForOrder = false;
      return void (await context.sendActivity(messages.orderStatus(orderNumber)));
    }
    if (remembered.askedForOrder) return void (await context.sendActivity(messages.retryOrderNumber));
    switch (intent) {
      case 'Greeting': return void (await context.sendActivity(messages.greeting));
      case 'Hours': return void (await context.sendActivity(messages.hours));
      case 'Pricing': return void (await context.sendActivity(messages.pricing));
      case 'OrderStatus':
        remembered.askedForOrder = true;
        return void (await context.sendActivity(messages.askOrderNumber));
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

  // Turn state (askedForOrder, csat) is saved only when an afterTurn handler exists.
  app.onTurn('afterTurn', async () => true);
  return app;
}
