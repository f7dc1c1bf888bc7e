import assert from 'node:assert/strict';
import { agentSurveyAnswers, submitCsatToAgentSurvey } from '../../src/csat/index.js';
import { surveyResource } from '../../src/simulator/render/survey.js';

describe('agentSurveyAnswers: filling in the account\'s agent survey from the CSAT outcome', () => {
  it('answers the simulator\'s survey: resolved Yes, the rating in the notes', () => {
    assert.deepEqual(agentSurveyAnswers(surveyResource(undefined), { rating: 4 }), {
      surveyId: '40292',
      answers: { '25245945': 'Yes', '25245946': 'CSAT 4/5' },
      unanswered: [],
    });
    assert.deepEqual(agentSurveyAnswers(surveyResource(undefined), { resolved: false, notes: 'visitor left' })?.answers, { '25245945': 'No', '25245946': 'visitor left' });
  });

  it('reads one question as an object, a 1-5 rating question, and lists the mandatory questions it cannot answer', () => {
    const survey = {
      survey: {
        '@id': 7,
        question: [
          { '@id': 'q1', label: 'Customer satisfaction', type: 'dropdown', mandatory: 'true', entry: ['1', '2', '3', '4', '5'].map((value) => ({ '@checked': 'false', value })) },
          { '@id': 'q2', label: 'Category', type: 'dropdown', mandatory: 'true', entry: [{ value: 'Billing' }, { value: 'Tech' }] },
        ],
      },
    };
    assert.deepEqual(agentSurveyAnswers(survey, { rating: 2 }), { surveyId: '7', answers: { q1: '2' }, unanswered: ['q2'] });
    const one = { survey: { '@id': '9', question: { '@id': 'only', label: 'Was the issue resolved?', type: 'dropdown', mandatory: 'false', entry: [{ value: 'Yes' }, { value: 'No' }] } } };
    assert.deepEqual(agentSurveyAnswers(one, {}), { surveyId: '9', answers: { only: 'Yes' }, unanswered: [] });
  });

  it('is undefined without a survey or anything to answer', () => {
    assert.equal(agentSurveyAnswers({}, { rating: 3 }), undefined);
    assert.equal(agentSurveyAnswers(null, { rating: 3 }), undefined);
    assert.equal(agentSurveyAnswers({ survey: { '@id': '1', question: [{ '@id': 'x', label: 'Category', type: 'dropdown', entry: [{ value: 'A' }] }] } }, { rating: 3 }), undefined);
  });

  it('submitCsatToAgentSurvey reads, fills in and submits through the adapter', async () => {
    const calls: unknown[] = [];
    const target = {
      getAgentSurvey: async (chatId: string) => { calls.push(['get', chatId]); return surveyResource(undefined); },
      submitAgentSurvey: async (chatId: string, surveyId: string, answers: Record<string, string>) => { calls.push(['submit', chatId, surveyId, answers]); },
    };
    const hook = submitCsatToAgentSurvey(target, { notes: 'by bot' });
    await hook({ activity: { conversation: { id: 'c1' } } } as never, 5);
    assert.deepEqual(calls, [['get', 'c1'], ['submit', 'c1', '40292', { '25245945': 'Yes', '25245946': 'CSAT 5/5. by bot' }]]);
    assert.throws(() => submitCsatToAgentSurvey({} as never), /getAgentSurvey/);
  });
});
