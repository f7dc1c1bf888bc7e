import type { CsatRating, SubmitAgentSurvey } from './types.js';

/** What the bot knows about the chat when it fills in the agent survey. */
export interface AgentSurveyOutcome {
  /** The visitor's CSAT rating, when given. */
  rating?: CsatRating;
  /** Whether the bot resolved the visitor's issue. Default true: CSAT is asked when the bot ends a chat it handled. */
  resolved?: boolean;
  /** Free text for a notes/comments question; the rating is added to it. */
  notes?: string;
}

/** Answers for `ChatAgentClient.submitSurvey(chatUrl, surveyId, answers)`. */
export interface AgentSurveyAnswers {
  surveyId: string;
  /** Question id -> answer. */
  answers: Record<string, string>;
  /** Mandatory questions left unanswered (LiveEngage may refuse the submission while any remain). */
  unanswered: string[];
}

interface Question {
  id: string;
  label: string;
  type: string;
  mandatory: boolean;
  values: string[];
}

/**
 * Fills in an agent survey (as `ChatAgentClient.getSurvey(chatUrl)` returns it, `{ survey: { '@id',
 * question } }`, one question or several) from the chat's outcome, by reading the questions' labels and
 * options: a Yes/No question about the issue being resolved gets `resolved`; a question offering 1-5
 * and asking for a rating/satisfaction/CSAT gets the rating; a notes or comments text question gets
 * `CSAT n/5` and `notes`. Undefined when there is no survey or nothing to answer.
 */
export function agentSurveyAnswers(survey: unknown, outcome: AgentSurveyOutcome): AgentSurveyAnswers | undefined {
  const root = asObject(asObject(survey)?.survey) ?? asObject(survey);
  const surveyId = root?.['@id'] ?? root?.id;
  if (!root || (typeof surveyId !== 'string' && typeof surveyId !== 'number')) return undefined;
  const questions = asList(root.question ?? root.questions).map(readQuestion).filter((q): q is Question => q !== undefined);
  const answers: Record<string, string> = {};
  const resolved = outcome.resolved ?? true;
  const ratingText = outcome.rating !== undefined ? `CSAT ${outcome.rating}/5` : undefined;
  const notes = [ratingText, outcome.notes?.trim()].filter(Boolean).join('. ');

  for (const q of questions) {
    const yes = q.values.find((v) => /^(yes|true)$/i.test(v.trim()));
    const no = q.values.find((v) => /^(no|false)$/i.test(v.trim()));
    if (yes && no && /resolv|solved|answered|issue|help/i.test(q.label)) {
      answers[q.id] = resolved ? yes : no;
    } else if (outcome.rating !== undefined && /csat|satisf|rating|rate|score/i.test(q.label) && q.values.includes(String(outcome.rating))) {
      answers[q.id] = String(outcome.rating);
    } else if (notes && q.values.length === 0 && /text/i.test(q.type) && /note|comment|remark|summary/i.test(q.label)) {
      answers[q.id] = notes;
    }
  }
  if (Object.keys(answers).length === 0) return undefined;
  const unanswered = questions.filter((q) => q.mandatory && answers[q.id] === undefined).map((q) => q.id);
  return { surveyId: String(surveyId), answers, unanswered };
}

function readQuestion(value: unknown): Question | undefined {
  const q = asObject(value);
  const id = q?.['@id'] ?? q?.id;
  if (!q || (typeof id !== 'string' && typeof id !== 'number')) return undefined;
  const values = asList(q.entry ?? q.entries)
    .map((e) => (typeof e === 'string' ? e : asObject(e)?.value))
    .filter((v): v is string | number => typeof v === 'string' || typeof v === 'number')
    .map(String);
  return {
    id: String(id),
    label: typeof q.label === 'string' ? q.label : '',
    type: typeof q.type === 'string' ? q.type : '',
    mandatory: q.mandatory === true || q.mandatory === 'true',
    values,
  };
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function asList(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  return value === undefined || value === null ? [] : [value];
}

/**
 * What an adapter offers for the agent survey: the Chat Agent API's `GET`/`PUT {chat}/survey` for one
 * of its open chats.
 */
export interface AgentSurveyTarget {
  getAgentSurvey(chatId: string): Promise<unknown>;
  submitAgentSurvey(chatId: string, surveyId: string, answers: Record<string, string>): Promise<void>;
}

/**
 * A `CsatDialog` `submitAgentSurvey` hook that reads the chat's agent survey, fills it in with
 * `agentSurveyAnswers` (the rating, `resolved`, `notes`) and submits it. A survey with nothing to answer
 * is left alone.
 *
 * ```ts
 * new CsatDialog({ submitAgentSurvey: submitCsatToAgentSurvey(adapter) })
 * ```
 */
export function submitCsatToAgentSurvey(target: AgentSurveyTarget, outcome: Omit<AgentSurveyOutcome, 'rating'> = {}): SubmitAgentSurvey {
  if (!target || typeof target.getAgentSurvey !== 'function' || typeof target.submitAgentSurvey !== 'function') {
    throw new TypeError('submitCsatToAgentSurvey(): the adapter must offer getAgentSurvey(chatId) and submitAgentSurvey(chatId, surveyId, answers).');
  }
  return async (context, rating) => {
    const chatId = context.activity.conversation?.id;
    if (!chatId) return;
    const survey = await target.getAgentSurvey(chatId);
    const filled = agentSurveyAnswers(survey, { ...outcome, ...(rating !== undefined ? { rating } : {}) });
    if (filled) await target.submitAgentSurvey(chatId, filled.surveyId, filled.answers);
  };
}
