/**
 * The control API's contract, for both of its sides: `SimulatorControl`, what the simulator offers in JS
 * (`LiveEngageSimulator` implements it, `routes/control.ts` serves it over HTTP), and where each
 * operation lives over HTTP, used by those routes and by the page's browser client
 * (`page/browser/api.ts`). It imports types only, so the page's bundle can take it as it is.
 */
import type { AgentView, ChatSummary, ChatView, FaultRule, FaultView, QueueView, SimulatorChange, SimulatorStats } from './types.js';

/** What the control API does: visitors, simulated humans, faults, stats and the page's dashboard. */
export interface SimulatorControl {
  /** A visitor opens a chat on a skill (by name); it is queued and rings an agent if one can take it. */
  startChat(options: { skill: string; visitorName?: string }): { chatId: string };
  chats(): ChatSummary[];
  chat(chatId: string): ChatView;
  visitorSays(chatId: string, text: string, options?: { textType?: 'plain' | 'html' }): { eventId: number };
  visitorTyping(chatId: string, typing: boolean): void;
  visitorEnds(chatId: string): { eventId: number };
  humanTakes(chatId: string, agentId?: string): { agentId: string };
  humanSays(chatId: string, text: string, agentId?: string): { eventId: number };
  humanEnds(chatId: string): { eventId: number };
  agents(): AgentView[];
  setHumanOnline(agentId: string, online: boolean): void;
  queues(): QueueView[];
  injectFault(rule: FaultRule): { id: string };
  clearFaults(): void;
  faults(): FaultView[];
  revokeBearer(loginNameOrBearer: string): { revoked: number };
  blockUser(loginName: string, blocked?: boolean): void;
  stats(): SimulatorStats;
  resetStats(): void;
  /** What the embedding app's dashboard source answers (its shape is the app's: the sample's is a `LiveEngageMetricsSummary`). */
  dashboard(): Promise<unknown>;
}

export type ControlOperation = keyof SimulatorControl;

/** Every path of the control API starts with this. */
export const CONTROL_BASE = '/simulator';

/** Each operation's method and path (after `CONTROL_BASE`); `:id` is a chat, agent or user id. */
export const CONTROL_ROUTES = {
  startChat: { method: 'POST', path: '/chats' },
  chats: { method: 'GET', path: '/chats' },
  chat: { method: 'GET', path: '/chats/:id' },
  visitorSays: { method: 'POST', path: '/chats/:id/lines' },
  visitorTyping: { method: 'POST', path: '/chats/:id/typing' },
  visitorEnds: { method: 'POST', path: '/chats/:id/end' },
  humanTakes: { method: 'POST', path: '/chats/:id/take' },
  humanSays: { method: 'POST', path: '/chats/:id/agent-lines' },
  humanEnds: { method: 'POST', path: '/chats/:id/agent-end' },
  agents: { method: 'GET', path: '/agents' },
  setHumanOnline: { method: 'POST', path: '/agents/:id/status' },
  queues: { method: 'GET', path: '/queues' },
  faults: { method: 'GET', path: '/faults' },
  injectFault: { method: 'POST', path: '/faults' },
  clearFaults: { method: 'DELETE', path: '/faults' },
  revokeBearer: { method: 'POST', path: '/bearers/revoke' },
  blockUser: { method: 'POST', path: '/users/:id/block' },
  stats: { method: 'GET', path: '/stats' },
  resetStats: { method: 'DELETE', path: '/stats' },
  dashboard: { method: 'GET', path: '/dashboard' },
} as const satisfies Record<ControlOperation, { method: 'GET' | 'POST' | 'DELETE'; path: string }>;

/** What an operation answers over HTTP: its JS result as JSON, `{}` for those that return nothing. */
export type ControlReply<K extends ControlOperation> = Awaited<ReturnType<SimulatorControl[K]>> extends void
  ? Record<string, never>
  : Awaited<ReturnType<SimulatorControl[K]>>;

/** The page's own paths beside the control API: its live feed and its settings. */
export const PAGE_PATHS = {
  /** Server-sent events, one `CHANGE_EVENT` per world change (a `SimulatorChange` as JSON). */
  changes: `${CONTROL_BASE}/changes`,
  settings: `${CONTROL_BASE}/page-settings`,
  /** The page's files (`app.js`, `style.css`). */
  file: `${CONTROL_BASE}/page/:file`,
} as const;

export const CHANGE_EVENT = 'change';

/** What the page's feed carries: the world's changes, and "a Messaging conversation changed" (refetch them). */
export type PageChange = SimulatorChange | { kind: 'messaging' };

/** What the page is told of the simulator's options, at `PAGE_PATHS.settings`. */
export interface PageSettings {
  /** Quick messages offered to the visitor as buttons (the `visitorSuggestions` option). */
  visitorSuggestions: readonly string[];
  /** The Messaging side runs (the `messaging` option): the page's visitor may start a Messaging conversation. */
  messaging: boolean;
}

/** The Messaging control API (`messaging/controlRoutes.ts`) lives under this. */
export const MESSAGING_BASE = `${CONTROL_BASE}/messaging`;

/** The Messaging operations' methods and paths (after `MESSAGING_BASE`) that the page uses; `:id` is a conversation id. */
export const MESSAGING_ROUTES = {
  startConversation: { method: 'POST', path: '/conversations' },
  conversations: { method: 'GET', path: '/conversations' },
  conversation: { method: 'GET', path: '/conversations/:id' },
  consumerSays: { method: 'POST', path: '/conversations/:id/messages' },
  consumerTyping: { method: 'POST', path: '/conversations/:id/typing' },
  consumerCloses: { method: 'POST', path: '/conversations/:id/close' },
  humanTakes: { method: 'POST', path: '/conversations/:id/take' },
  humanSays: { method: 'POST', path: '/conversations/:id/agent-messages' },
  humanTransfers: { method: 'POST', path: '/conversations/:id/agent-transfer' },
  humanCloses: { method: 'POST', path: '/conversations/:id/agent-close' },
  botStates: { method: 'GET', path: '/bots' },
} as const satisfies Record<string, { method: 'GET' | 'POST' | 'DELETE'; path: string }>;

export type MessagingOperation = keyof typeof MESSAGING_ROUTES;

/** The URL path of a Messaging operation, its `:id` filled in (encoded). */
export function messagingPath(operation: MessagingOperation, id?: string): string {
  const { path } = MESSAGING_ROUTES[operation];
  return MESSAGING_BASE + (id === undefined ? path : path.replace(':id', encodeURIComponent(id)));
}

/** The URL path of an operation, its `:id` filled in (encoded). */
export function controlPath(operation: ControlOperation, id?: string): string {
  const { path } = CONTROL_ROUTES[operation];
  return CONTROL_BASE + (id === undefined ? path : path.replace(':id', encodeURIComponent(id)));
}
