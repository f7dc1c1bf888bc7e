import type { LiveEngageAdapterSettings } from '../../src/core/settings.js';
import type { LiveEngageSimulator } from '../../src/simulator/index.js';
import type { Pair } from './bindings.js';
import { waitFor } from './harness.js';

/**
 * One visitor-side vocabulary over both transports of the same simulator: a Live Chat visitor (the chat
 * simulator) or a Messaging consumer (`sim.messaging`). The e2e cases that behave the same on both are
 * written against this and run for each transport and each binding.
 */
export interface TransportDriver {
  name: 'chat' | 'messaging';
  /** What the adapter needs to serve this transport on the simulator. */
  settings: Partial<LiveEngageAdapterSettings>;
  /** A visitor opens a conversation on `support-bot` whose first line is `text`; its id, once the adapter holds it. */
  open(pair: Pair, visitorName: string, text: string): Promise<string>;
  says(pair: Pair, id: string, text: string): void;
  /** The visitor ends (chat) or closes (Messaging) the conversation. */
  ends(pair: Pair, id: string): void;
  /** What the visitor sees from agents, in order (not private lines, not receipts). */
  botLines(sim: LiveEngageSimulator, id: string): string[];
  /** Lines only agents see. */
  privateLines(sim: LiveEngageSimulator, id: string): string[];
  ended(sim: LiveEngageSimulator, id: string): boolean;
  /** Where a transferred conversation is: its skill, whether it waits for an agent, the reason the next agent reads. */
  whereNow(sim: LiveEngageSimulator, id: string): { skill: string; waiting: boolean; reason?: string };
  /** A human takes it from the queue and says something; the kind of agent now assigned. */
  humanTakesAndSays(sim: LiveEngageSimulator, id: string, text: string): string | undefined;
}

/** The simulator's skills (src/simulator/defaults.ts), as a Messaging bot's `messagingSkills`. */
const SKILLS = { 'support-bot': 1, 'human-support': 2, sales: 3 };
const skillName = (id: number): string => Object.entries(SKILLS).find(([, n]) => n === id)?.[0] ?? String(id);

const chat: TransportDriver = {
  name: 'chat',
  settings: {},
  async open(pair, visitorName, text) {
    return taken(pair, () => {
      const { chatId } = pair.sim.startChat({ skill: 'support-bot', visitorName });
      pair.sim.visitorSays(chatId, text);
      return chatId;
    });
  },
  says: (pair, id, text) => pair.sim.visitorSays(id, text),
  ends: (pair, id) => pair.sim.visitorEnds(id),
  botLines: (sim, id) => sim.chat(id).events.filter((e) => e.type === 'line' && e.source === 'agent' && e.subType !== 'ONLY_TO_REP').map((e) => e.text ?? ''),
  privateLines: (sim, id) => sim.chat(id).events.filter((e) => e.subType === 'ONLY_TO_REP').map((e) => e.text ?? ''),
  ended: (sim, id) => sim.chat(id).state === 'ended',
  whereNow(sim, id) {
    const c = sim.chat(id);
    const reason = c.events.find((e) => e.subType === 'ONLY_TO_REP')?.text;
    return { skill: c.skill.name, waiting: c.state === 'waiting', ...(reason ? { reason } : {}) };
  },
  humanTakesAndSays(sim, id, text) {
    sim.humanTakes(id);
    sim.humanSays(id, text);
    return sim.chat(id).agent?.kind;
  },
};

const messaging: TransportDriver = {
  name: 'messaging',
  settings: { transport: 'messaging', messagingSkills: SKILLS },
  async open(pair, visitorName, text) {
    // Nothing rings before the consumer's first message (the simulator follows LivePerson's #51).
    return taken(pair, () => pair.sim.messaging.startConversation({ skill: 'support-bot', consumerName: visitorName, text }).conversationId);
  },
  says: (pair, id, text) => void pair.sim.messaging.consumerSays(id, text),
  ends: (pair, id) => pair.sim.messaging.consumerCloses(id),
  botLines: (sim, id) =>
    sim.messaging.conversation(id).events.filter((e) => e.from === 'agent' && !e.private && (e.type === 'ContentEvent' || e.type === 'RichContentEvent')).map((e) => e.text ?? e.type),
  privateLines: (sim, id) => sim.messaging.conversation(id).events.filter((e) => e.private).map((e) => e.text ?? ''),
  ended: (sim, id) => sim.messaging.conversation(id).state === 'CLOSE',
  whereNow(sim, id) {
    const c = sim.messaging.conversation(id);
    return { skill: skillName(c.skillId), waiting: c.state === 'OPEN' && !c.assigned, ...(c.transferReason ? { reason: c.transferReason } : {}) };
  },
  humanTakesAndSays(sim, id, text) {
    sim.messaging.humanTakes(id);
    sim.messaging.humanSays(id, text);
    return sim.messaging.conversation(id).assigned?.kind;
  },
};

export const transports: TransportDriver[] = [chat, messaging];

/**
 * Opens a conversation and waits until the adapter took it (its `chatAccepted`): a fast bot may have
 * answered and let it go before a look at `openChats` (Messaging pushes, nothing waits for a poll).
 */
async function taken(pair: Pair, open: () => string): Promise<string> {
  const accepted = new Set<string>();
  const listener = (fact: { chatId: string }): void => void accepted.add(fact.chatId);
  pair.adapter.on('chatAccepted', listener);
  try {
    const id = open();
    await waitFor(`the adapter to take ${id}`, () => accepted.has(id));
    return id;
  } finally {
    pair.adapter.off('chatAccepted', listener);
  }
}

/** Waits until the visitor sees at least `count` lines from agents; returns them. */
export function waitForBotLines(driver: TransportDriver, sim: LiveEngageSimulator, id: string, count: number): Promise<string[]> {
  return waitFor(`${count} bot line(s) in ${driver.name} ${id}`, () => {
    const lines = driver.botLines(sim, id);
    return lines.length >= count ? lines : undefined;
  });
}
