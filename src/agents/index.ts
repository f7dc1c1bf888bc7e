/**
 * botbuilder-adapter-liveengage/agents: the LiveEngage adapter for the Microsoft 365 Agents SDK
 * (`@microsoft/agents-hosting`), the successor of botbuilder. Same engine, settings, events and
 * behaviour as the root entry; this entry imports no botbuilder.
 */
export { LiveEngageAdapter, type AgentLogic, type StartOptions } from './LiveEngageAdapter.js';
export { createHandoffInitiation, createTransferActivity, type HandoffContext } from './activities.js';
export { EscalationMiddleware, type EscalationOptions } from './escalation.js';
export { HandoffFallbackMiddleware } from './handoffFallback.js';
export { END_TRACE_VALUE_TYPE, TRANSFER_TRACE_VALUE_TYPE, type HandoffFallbackOptions } from '../core/handoffFallback.js';
export { DEFAULT_ESCALATION_KEYWORDS, type IntentRecognizer } from '../core/escalation.js';
export { pickVariant, type BotVariant } from '../core/variants.js';
export type { ChatFact, ChatOutcome, LiveEngageAdapterEvents } from '../core/events.js';
export { DEFAULT_DOMAIN_API_URL, MIN_POLL_INTERVAL_MS, type LiveEngageAdapterSettings, type LiveEngageLogger, type ResolvedSettings } from '../core/settings.js';
export type { ApiRequest, ApiResponse, HttpClient, HttpSettings, RequestInfo, ResponseInfo } from '../api/http.js';
export { HANDOFF_INITIATE, HANDOFF_STATUS, TRANSFER_ACTIVITY_TYPE, type HandoffStatusValue, type TransferRequest } from '../core/transfer.js';
export { AGENTS_ONLY, OutgoingActivityError } from '../core/fromActivity.js';
export { CHANNEL_ID, type LiveEngageChannelData } from '../core/toActivity.js';
export { LiveEngageApiError } from '../api/errors.js';
export { isLiveEngageError, LiveEngageErrorCode, type LiveEngageError } from '../errorCodes.js';
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
} from '../api/types.js';
