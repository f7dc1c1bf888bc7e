/**
 * `botbuilder-adapter-liveengage/csat/flow`: CSAT with no bot framework, for the Microsoft 365 Agents
 * SDK or any other: the `CsatFlow` state machine, the rating parser, the agent survey and the recorder
 * types. `botbuilder-adapter-liveengage/csat` adds the botbuilder-dialogs `CsatDialog` over it.
 */
export { CSAT_DEFAULT_TEXTS, CsatFlow, type CsatFlowOptions, type CsatState, type CsatStep } from './flow.js';
export { CSAT_RATING_WORDS, isCsatDecline, parseCsatRating } from './parseRating.js';
export { agentSurveyAnswers, submitCsatToAgentSurvey, type AgentSurveyAnswers, type AgentSurveyOutcome, type AgentSurveyTarget } from './agentSurvey.js';
export { csatChatOf, type CsatChat, type CsatRating, type CsatRecorder, type CsatResponse, type CsatTurn, type SubmitAgentSurvey } from './types.js';
