import { Activity } from '@microsoft/agents-activity';
import { AgentApplication, MemoryStorage as AgentsMemoryStorage, type TurnContext as AgentsTurnContext } from '@microsoft/agents-hosting';
import { ActivityHandler, EventFactory, TurnContext, type ConversationReference } from 'botbuilder';
import * as agents from '../../src/agents/index.js';
import type { LiveEngageAdapterEvents } from '../../src/core/events.js';
import type { LiveEngageAdapterSettings } from '../../src/core/settings.js';
import * as root from '../../src/index.js';
import { LiveEngageSimulator } from '../../src/simulator/index.js';
import { fastSettings } from './harness.js';

/**
 * One bot, written once, run by either binding: the e2e cases that behave the same on botbuilder and
 * on the Agents SDK are written against this, and run for each binding.
 */
export interface Turn {
  activity: { type: string; text?: string; name?: string; value?: unknown; conversation: { id: string }; recipient: { id: string }; membersAdded?: { id?: string; name?: string }[] };
  /** `context.sendActivity` with a string or a plain activity (made an `Activity` for the Agents SDK). */
  send(activity: string | Record<string, unknown>): Promise<unknown>;
  /** A transfer in one of the forms the binding offers (see `transferForms`). */
  transfer(form: TransferForm, skill: string, reason?: string): Promise<unknown>;
  /** Where to reach this chat again (`continueConversation`). */
  reference(): unknown;
}

export type TransferForm = 'createTransferActivity' | 'handoff.initiate' | 'channelData.action';
export const transferForms: TransferForm[] = ['createTransferActivity', 'handoff.initiate', 'channelData.action'];

export interface NeutralBot {
  membersAdded?(turn: Turn): Promise<void>;
  message?(turn: Turn): Promise<void>;
  event?(turn: Turn): Promise<void>;
  endOfConversation?(turn: Turn): Promise<void>;
}

/** What the cases use of either adapter. */
export interface AnyAdapter {
  readonly openChats: string[];
  stop(): Promise<void>;
  on<E extends keyof LiveEngageAdapterEvents>(event: E, listener: (...args: LiveEngageAdapterEvents[E]) => void): unknown;
  off<E extends keyof LiveEngageAdapterEvents>(event: E, listener: (...args: LiveEngageAdapterEvents[E]) => void): unknown;
}

export interface Pair {
  sim: LiveEngageSimulator;
  adapter: AnyAdapter;
  /** A proactive turn through the binding's `continueConversation`, saying `text`. */
  proactive(reference: unknown, text: string): Promise<void>;
  close(): Promise<void>;
}

export interface Binding {
  name: 'botbuilder' | 'agents';
  /**
   * Starts a simulator (with its Messaging side when `overrides.transport` is `messaging`) and an adapter
   * around the bot; `onTurnError` replaces the adapter's default handler. With `sim`, the adapter runs on
   * that simulator (a restart), and `close()` stops it too.
   */
  startPair(bot: NeutralBot, overrides?: Partial<LiveEngageAdapterSettings>, onTurnError?: (error: Error) => Promise<void>, sim?: LiveEngageSimulator): Promise<Pair>;
  /** A started adapter of this binding with a bot that does nothing (or the rejection of `start()`). */
  startIdle(settings: LiveEngageAdapterSettings): Promise<AnyAdapter>;
}

const noop = async () => {};

/** A simulator for these settings: with its Messaging side for `transport: 'messaging'`. */
async function startSimulator(settings: Partial<LiveEngageAdapterSettings>): Promise<LiveEngageSimulator> {
  const sim = new LiveEngageSimulator(settings.transport === 'messaging' ? { messaging: true } : {});
  await sim.start();
  return sim;
}

const botbuilder: Binding = {
  name: 'botbuilder',
  async startPair(bot, overrides = {}, onTurnError?, given?) {
    const sim = given ?? (await startSimulator(overrides));
    const adapter = new root.LiveEngageAdapter(fastSettings(sim, overrides));
    if (onTurnError) adapter.onTurnError = async (_context, error) => onTurnError(error);
    const handler = new ActivityHandler();
    const turn = (context: TurnContext): Turn => ({
      activity: context.activity,
      send: (a) => context.sendActivity(a),
      transfer: (form, skill, reason) => {
        if (form === 'createTransferActivity') return context.sendActivity(root.createTransferActivity(skill, reason));
        if (form === 'handoff.initiate') return context.sendActivity(EventFactory.createHandoffInitiation(context, { skill, reason }));
        return context.sendActivity({ type: 'message', text: 'Transferring you.', channelData: { action: { name: 'TRANSFER', parameters: { skill, reason } } } });
      },
      reference: () => TurnContext.getConversationReference(context.activity),
    });
    handler.onMembersAdded(async (context, next) => { await bot.membersAdded?.(turn(context)); await next(); });
    handler.onMessage(async (context, next) => { await bot.message?.(turn(context)); await next(); });
    handler.onEvent(async (context, next) => { await bot.event?.(turn(context)); await next(); });
    handler.onEndOfConversation(async (context, next) => { await bot.endOfConversation?.(turn(context)); await next(); });
    await adapter.start((context) => handler.run(context));
    return {
      sim,
      adapter,
      proactive: (reference, text) => adapter.continueConversation(reference as Partial<ConversationReference>, async (context) => { await context.sendActivity(text); }),
      close: async () => { await adapter.stop(); await sim.stop(); },
    };
  },
  async startIdle(settings) {
    const adapter = new root.LiveEngageAdapter(settings);
    await adapter.start(noop);
    return adapter;
  },
};

const agentsSdk: Binding = {
  name: 'agents',
  async startPair(bot, overrides = {}, onTurnError?, given?) {
    const sim = given ?? (await startSimulator(overrides));
    const adapter = new agents.LiveEngageAdapter(fastSettings(sim, overrides));
    // The way the Agents SDK's samples write a bot: routes on an AgentApplication.
    const app = new AgentApplication({ storage: new AgentsMemoryStorage(), adapter });
    if (onTurnError) app.onError(async (_context, error) => onTurnError(error));
    const turn = (context: AgentsTurnContext): Turn => ({
      activity: context.activity as Turn['activity'],
      send: (a) => context.sendActivity(typeof a === 'string' ? a : Activity.fromObject(a)),
      transfer: (form, skill, reason) => {
        if (form === 'createTransferActivity') return context.sendActivity(agents.createTransferActivity(skill, reason));
        if (form === 'handoff.initiate') return context.sendActivity(agents.createHandoffInitiation(context, { skill, ...(reason ? { reason } : {}) }));
        return context.sendActivity(Activity.fromObject({ type: 'message', text: 'Transferring you.', channelData: { action: { name: 'TRANSFER', parameters: { skill, reason } } } }));
      },
      reference: () => context.activity.getConversationReference(),
    });
    app.onConversationUpdate('membersAdded', async (context) => { await bot.membersAdded?.(turn(context)); });
    app.onActivity('message', async (context) => { await bot.message?.(turn(context)); });
    app.onActivity('event', async (context) => { await bot.event?.(turn(context)); });
    app.onActivity('endOfConversation', async (context) => { await bot.endOfConversation?.(turn(context)); });
    await adapter.start((context) => app.run(context));
    return {
      sim,
      adapter,
      proactive: (reference, text) => adapter.continueConversation('', reference as never, async (context) => { await context.sendActivity(text); }),
      close: async () => { await adapter.stop(); await sim.stop(); },
    };
  },
  async startIdle(settings) {
    const adapter = new agents.LiveEngageAdapter(settings);
    await adapter.start(noop);
    return adapter;
  },
};

export const bindings: Binding[] = [botbuilder, agentsSdk];

/** The welcome-and-echo bot of `EchoBot`, binding-neutral. */
/** A bot that does `send` on "go", says "still here" to anything else, and keeps the `handoff.status` values it hears. */
export function transferBot(send: NonNullable<NeutralBot['message']>): { bot: NeutralBot; statuses: unknown[] } {
  const statuses: unknown[] = [];
  const bot: NeutralBot = {
    async message(turn) {
      if (turn.activity.text === 'go') await send(turn);
      else await turn.send('still here');
    },
    async event(turn) {
      if (turn.activity.name === 'handoff.status') statuses.push(turn.activity.value);
    },
  };
  return { bot, statuses };
}

export function echoBot(): NeutralBot & { seen: string[] } {
  const seen: string[] = [];
  return {
    seen,
    async membersAdded(turn) {
      for (const member of turn.activity.membersAdded ?? []) {
        if (member.id !== turn.activity.recipient.id) await turn.send(`Welcome, ${member.name}!`);
      }
    },
    async message(turn) {
      seen.push(turn.activity.text ?? '');
      await turn.send(`You said: ${turn.activity.text}`);
    },
  };
}
