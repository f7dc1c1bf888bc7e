/**
 * `botbuilder-adapter-liveengage/csat`: the CSAT dialog and the agent survey. Needs `botbuilder-dialogs`
 * (an optional peer dependency: see "CSAT" in the package README for installing it on npm 11).
 */
export { CSAT_DEFAULT_TEXTS, CSAT_DIALOG_ID, CsatDialog, type CsatDialogOptions } from './csatDialog.js';
export { CSAT_RATING_WORDS, isCsatDecline, parseCsatRating } from './parseRating.js';
export { agentSurveyAnswers, submitCsatToAgentSurvey, type AgentSurveyAnswers, type AgentSurveyOutcome, type AgentSurveyTarget } from './agentSurvey.js';
export { csatChatOf, type CsatChat, type CsatRating, type CsatRecorder, type CsatResponse, type SubmitAgentSurvey } from './types.js';
