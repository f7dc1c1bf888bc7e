/**
 * botbuilder-adapter-liveengage: a Bot Framework adapter that makes a bot a LivePerson LiveEngage
 * Live Chat agent. What only some users need has its own entry point, so importing the adapter loads
 * nothing more: `/agents` (the same adapter for the Microsoft 365 Agents SDK), `/monitoring`
 * (Prometheus metrics, telemetry), `/csat` (the CSAT dialog, needs `botbuilder-dialogs`), `/api` (the
 * typed Chat Agent API client), `/simulator` (the local LiveEngage).
 */
export { LiveEngageAdapter, type BotLogic, type StartOptions } from './botbuilder/LiveEngageAdapter.js';
export { createTransferActivity, eventToActivity, type BotVariant, type TransferActivity } from './botbuilder/types.js';
export { pickVariant } from './core/variants.js';
export type { ChatFact, ChatOutcome, LiveEngageAdapterEvents } from './core/events.js';
export {
  DEFAULT_DOMAIN_API_URL,
  MIN_POLL_INTERVAL_MS,
  type LiveEngageAdapterSettings,
  type LiveEngageLogger,
  type ResolvedSettings,
} from './core/settings.js';
/** The types of the adapter's `createHttpClient` seam (the client itself is in `/api`). */
export type { ApiRequest, ApiResponse, HttpClient, HttpSettings, RequestInfo, ResponseInfo } from './api/http.js';
export {
  HANDOFF_INITIATE,
  HANDOFF_STATUS,
  TRANSFER_ACTIVITY_TYPE,
  type HandoffStatusValue,
  type TransferRequest,
} from './core/transfer.js';
export {
  END_TRACE_VALUE_TYPE,
  handoffFallback,
  HandoffFallbackMiddleware,
  TRANSFER_TRACE_VALUE_TYPE,
  type HandoffFallbackOptions,
} from './botbuilder/handoffFallback.js';
export { DEFAULT_ESCALATION_KEYWORDS, EscalationMiddleware, type EscalationOptions, type IntentRecognizer } from './botbuilder/escalation.js';
export { AGENTS_ONLY, fromActivity, OutgoingActivityError, type ChatAction, type OutgoingOptions } from './core/fromActivity.js';
export { CHANNEL_ID, type ChatSnapshot, type LiveEngageChannelData } from './core/toActivity.js';
export { LiveEngageApiError } from './api/errors.js';
export { isLiveEngageError, LiveEngageErrorCode, type LiveEngageError } from './errorCodes.js';
export type {
  AgentInfo,
  AppKeyCredentials,
  ChatAvailability,
  ChatEvent,
  ChatInfo,
  ChatState,
  Credentials,
  LineEvent,
  LineRequest,
  LineSource,
  LineSubType,
  Links,
  OtherEvent,
  PasswordCredentials,
  Skill,
  StateEvent,
  TextType,
} from './api/types.js';
