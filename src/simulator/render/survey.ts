/**
 * The agent survey. LiveEngage documents its fields (id, logicId, type, validationType, label,
 * mandatory, order, lastKnownValue, entries) but no JSON example; this is the simulator's rendering:
 * one fixed survey of two questions, `lastKnownValue` showing what was submitted.
 */

export interface SurveyQuestion {
  id: string;
  label: string;
  type: 'dropdown' | 'textarea';
  mandatory: boolean;
  options?: string[];
}

export const AGENT_SURVEY = {
  id: '40292',
  header: 'Agent survey',
  questions: [
    { id: '25245945', label: 'Was the visitor\'s issue resolved?', type: 'dropdown', mandatory: true, options: ['Yes', 'No'] },
    { id: '25245946', label: 'Notes', type: 'textarea', mandatory: false },
  ] as SurveyQuestion[],
};

export function surveyResource(answers: Record<string, string> | undefined): unknown {
  return {
    survey: {
      '@id': AGENT_SURVEY.id,
      header: AGENT_SURVEY.header,
      question: AGENT_SURVEY.questions.map((q, index) => {
        const last = answers?.[q.id];
        return {
          '@id': q.id,
          logicId: String(index + 1),
          type: q.type,
          validationType: 'alpha_numeric',
          label: q.label,
          mandatory: String(q.mandatory),
          order: String(index + 1),
          lastKnownValue: last ?? null,
          ...(q.options
            ? { entry: q.options.map((value) => ({ '@checked': String(value === last), value })) }
            : {}),
        };
      }),
    },
  };
}
