/**
 * `botbuilder-adapter-liveengage/csat`: the CSAT dialog for botbuilder, and everything of
 * `/csat/flow` (the framework-neutral part). Needs `botbuilder-dialogs` (an optional peer dependency:
 * see "CSAT" in the package README for installing it on npm 11); without botbuilder import `/csat/flow`.
 */
export { CSAT_DIALOG_ID, CsatDialog, type CsatDialogOptions } from './csatDialog.js';
export {
  agentSurveyAnswers,
  CSAT_DEFAULT_TEXTS,
  CSAT_RATING_WORDS,
  csatChatOf,
  CsatFlow,
  isCsatDecline,
  parseCsatRating,
  submitCsatToAgentSurvey,
  type AgentSurveyAnswers,
  type AgentSurveyOutcome,
  type AgentSurveyTarget,
  type CsatChat,
  type CsatFlowOptions,
  type CsatRating,
  type CsatRecorder,
  type CsatResponse,
  type CsatState,
  type CsatStep,
  type CsatTurn,
  type SubmitAgentSurvey,
} from './neutral.js';
