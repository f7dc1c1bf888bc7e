export { CSAT_DEFAULT_TEXTS, CSAT_DIALOG_ID, CsatDialog, type CsatDialogOptions } from './csatDialog.js';
export { CSAT_RATING_WORDS, isCsatDecline, parseCsatRating } from './parseRating.js';
export { agentSurveyAnswers, submitCsatToAgentSurvey, type AgentSurveyAnswers, type AgentSurveyOutcome, type AgentSurveyTarget } from './agentSurvey.js';
export { csatChatOf, type CsatChat, type CsatRating, type CsatRecorder, type CsatResponse, type SubmitAgentSurvey } from './types.js';
