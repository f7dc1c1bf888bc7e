/**
 * The LivePerson Messaging (UMS) agent websocket: the transport a Messaging engine integration uses.
 * See `README.md` beside this file.
 */
export { MessagingConnection, type MessagingAuth, type MessagingConnectionOptions, type OpenInfo, type CloseInfo, type ConnectionState } from './MessagingConnection.js';
export { MessagingAgent, type MessagingAgentOptions, type AgentEvents, type ConversationInfo, type ConsumerMessage, type ConversationClosed } from './MessagingAgent.js';
export { messagingLogin, type MessagingLogin, type MessagingLoginOptions } from './login.js';
export { MessagingError, isMessagingError, type MessagingErrorKind } from './errors.js';
export { closeAction, handshakeAction, backoffDelay, DEFAULT_BACKOFF, type BackoffSettings, type CloseAction } from './retryPolicy.js';
export { QUICK_REPLY_LIMITS, type QuickReplyOption } from './publish.js';
export { messagingUrl, redactUrl, MESSAGING_API_VERSION } from './url.js';
export * as wire from './wire.js';
