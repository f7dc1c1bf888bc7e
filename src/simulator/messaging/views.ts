import type { WireMessagingEvent } from '../../messaging/wire.js';
import type { AgentRecord } from '../world/model.js';
import type { MsgConversation } from './model.js';
import type { MsgRouting } from './routing.js';

/** Plain views for the control API (JS and HTTP). */

export interface MsgAgentRef {
  id: string;
  nickname: string;
  kind: 'bot' | 'human';
}

export interface MsgEventView {
  sequence: number;
  /** ISO-8601. */
  time: string;
  from: 'consumer' | 'agent';
  agent?: MsgAgentRef;
  type: string;
  text?: string;
  quickReplies?: Array<{ title: string; text?: string }>;
  content?: unknown;
  status?: string;
  sequenceList?: number[];
  /** Agents only (the consumer never sees it). */
  private?: boolean;
  metadata?: unknown[];
}

export interface MsgConversationSummary {
  id: string;
  consumerId: string;
  consumerName: string;
  skillId: number;
  state: 'OPEN' | 'CLOSE';
  /** ISO-8601, when the consumer opened it. */
  startTime: string;
  /** ISO-8601, while it waits for an agent (open, nobody assigned): since when (its start, or its last transfer). */
  waitingSince?: string;
  closeReason?: string;
  assigned?: MsgAgentRef;
  suggested?: MsgAgentRef;
  /** Rings now WAITING. */
  ringing: MsgAgentRef[];
  consumerTyping: boolean;
  eventCount: number;
  /** The reason the last transfer gave the receiving agent (`ActionReason` metadata). */
  transferReason?: string;
}

export interface MsgConversationView extends MsgConversationSummary {
  events: MsgEventView[];
}

const ref = (a: AgentRecord): MsgAgentRef => ({ id: a.id, nickname: a.nickname, kind: a.kind });

export function summaryView(c: MsgConversation, _routing: MsgRouting): MsgConversationSummary {
  return {
    id: c.id,
    consumerId: c.consumerId,
    consumerName: c.consumerName,
    skillId: c.skillId,
    state: c.state,
    startTime: new Date(c.startTs).toISOString(),
    ...(c.state === 'OPEN' && !c.assigned ? { waitingSince: new Date(c.queuedAt).toISOString() } : {}),
    ...(c.closeReason ? { closeReason: c.closeReason } : {}),
    ...(c.assigned ? { assigned: ref(c.assigned) } : {}),
    ...(c.suggested ? { suggested: ref(c.suggested) } : {}),
    ringing: [...c.rings.values()].filter((r) => r.state === 'WAITING').map((r) => ref(r.agent)),
    consumerTyping: c.consumerTyping,
    eventCount: c.events.length,
    ...(c.transferReason ? { transferReason: c.transferReason } : {}),
  };
}

export function conversationView(c: MsgConversation, routing: MsgRouting, agentsById?: Map<string, AgentRecord>): MsgConversationView {
  return { ...summaryView(c, routing), events: c.events.map((e) => eventView(c, e, agentsById)) };
}

function eventView(c: MsgConversation, e: WireMessagingEvent, agentsById?: Map<string, AgentRecord>): MsgEventView {
  const consumer = e.originatorId === c.consumerId;
  const view: MsgEventView = {
    sequence: e.sequence ?? -1,
    time: new Date(e.serverTimestamp ?? 0).toISOString(),
    from: consumer ? 'consumer' : 'agent',
    type: e.event.type,
  };
  if (!consumer) {
    const agent = agentsById?.get(e.originatorId.slice(e.originatorId.indexOf('.') + 1));
    if (agent) view.agent = ref(agent);
  }
  const ev = e.event;
  if (ev.type === 'ContentEvent' && typeof ev.message === 'string') view.text = ev.message;
  if ((ev.type === 'ContentEvent' || ev.type === 'RichContentEvent') && ev.quickReplies) {
    view.quickReplies = ev.quickReplies.replies.map((r) => ({ title: r.title, ...(r.click?.actions?.[0]?.text ? { text: r.click.actions[0].text } : {}) }));
  }
  if (ev.type === 'RichContentEvent') view.content = ev.content;
  if (ev.type === 'AcceptStatusEvent') {
    view.status = ev.status;
    view.sequenceList = ev.sequenceList;
  }
  if (e.messageAudience === 'AGENTS_AND_MANAGERS') view.private = true;
  if (e.metadata) view.metadata = e.metadata;
  return view;
}
