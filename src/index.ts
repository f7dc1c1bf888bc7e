/**
 * botbuilder-adapter-liveengage: a Bot Framework adapter that makes a bot a LivePerson LiveEngage
 * Live Chat agent. What only some users need has its own entry point, so importing the adapter loads
 * nothing more: `/monitoring` (Prometheus metrics, telemetry), `/csat` (the CSAT dialog, needs
 * `botbuilder-dialogs`), `/api` (the typed Chat Agent API client), `/simulator` (the local LiveEngage).
 */
export { LiveEngageAdapter, type BotLogic, type StartOptions } from './botbuilder/LiveEngageAdapter.js';
export { pickVariant, type BotVariant } from './core/variants.js';
export type { ChatFact, ChatOutcome, LiveEngageAdapterEvents } from './core/events.js';
export {
  DEFAULT_DOMAIN_API_URL,
  MIN_POLL_INTERVAL_MS,
  type LiveEngageAdapterSettings,
  type LiveEngageLogger,
} from './core/settings.js';
export {
  createTransferActivity,
  HANDOFF_INITIATE,
  HANDOFF_STATUS,
  TRANSFER_ACTIVITY_TYPE,
  type HandoffStatusValue,
  type TransferActivity,
  type TransferRequest,
} from './core/transfer.js';
export {
  END_TRACE_VALUE_TYPE,
  handoffFallback,
  HandoffFallbackMiddleware,
  TRANSFER_TRACE_VALUE_TYPE,
  type HandoffFallbackOptions,
} from './core/handoffFallback.js';
export { DEFAULT_ESCALATION_KEYWORDS, EscalationMiddleware, type EscalationOptions, type IntentRecognizer } from './core/escalation.js';
export { AGENTS_ONLY, fromActivity, OutgoingActivityError, type ChatAction, type OutgoingOptions } from './core/fromActivity.js';
export { CHANNEL_ID, eventToActivity, type ChatSnapshot, type LiveEngageChannelData } from './core/toActivity.js';
export { LiveEngageApiError } from './api/errors.js';
export type * from './api/types.js';
