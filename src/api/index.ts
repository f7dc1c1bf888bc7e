/**
 * The LiveEngage Chat Agent, Login and Domain APIs as typed functions. Nothing here knows Bot Framework.
 */
export type {
  AgentInfo,
  AgentSessionResources,
  AppKeyCredentials,
  AvailableAgent,
  ChatAvailability,
  ChatCursor,
  ChatEvent,
  ChatInfo,
  ChatResource,
  ChatSessionRef,
  ChatState,
  Credentials,
  EventPage,
  IncomingRequests,
  LineEvent,
  LineRequest,
  LineSource,
  LineSubType,
  Links,
  LoginSession,
  OtherEvent,
  ParticipantInfo,
  PasswordCredentials,
  Skill,
  StateEvent,
  TextType,
  TransferSkill,
  TransferTarget,
  TypingStatus,
} from './types.js';
export { LiveEngageApiError, redact, type ApiErrorKind, type LiveEngageApiErrorInit } from './errors.js';
export {
  createHttpClient,
  DEFAULT_HTTP_SETTINGS,
  type ApiRequest,
  type ApiResponse,
  type HttpClient,
  type HttpSettings,
  type RequestInfo,
  type ResponseInfo,
} from './http.js';
export { lookupAgentVep, login, refresh, logout, LOGIN_API_VERSION, type LookupAgentVepOptions, type LoginOptions, type SessionCallOptions } from './login.js';
export { ChatAgentClient, MAX_CHATS_PER_READ, type ChatAgentClientOptions, type AvailableAgentsFilter, type AvailableSlotsQuery } from './chatAgent.js';
export { OAUTH2_DUMMY_TOKEN, type SurveyAnswers } from './requests.js';
export { ResponseFormatError, asArray, asNumber } from './responseReader.js';
export { isLoopbackHost, isLoopbackUrl, isBareHost } from './scheme.js';
