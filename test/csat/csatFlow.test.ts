import assert from 'node:assert/strict';
import { CSAT_DEFAULT_TEXTS, CsatFlow, type CsatResponse, type CsatState, type CsatTurn } from '../../src/csat/neutral.js';
import { memoryLogger } from '../support/harness.js';

/** A turn as any framework has it: only what CSAT reads (no botbuilder here). */
const turn = (chatId = 'chat-1'): CsatTurn => ({
  adapter: { settings: { credentials: { username: 'support-bot' } } },
  activity: { conversation: { id: chatId }, channelData: { variant: 'B', chatInfo: { skillName: 'support-bot' } } },
});

/** The visitor's lines through the flow as a bot runs it, the state kept as JSON between turns. */
async function converse(flow: CsatFlow, lines: string[]) {
  const first = flow.ask();
  const replies = [first.reply];
  let stored = JSON.stringify(first.state);
  let last = first;
  for (const line of lines) {
    last = await flow.answer(turn(), JSON.parse(stored) as CsatState, line);
    replies.push(last.reply);
    stored = JSON.stringify(last.state ?? null);
  }
  return { replies, last };
}

describe('CsatFlow: the CSAT question with no bot framework', () => {
  it('asks, takes "4", records it, runs onRating and the survey, thanks and says to end the chat', async () => {
    const recorded: CsatResponse[] = [];
    const hooks: string[] = [];
    const flow = new CsatFlow({
      recorders: [{ recordCsat: (r) => void recorded.push(r) }],
      onRating: (context, rating) => void hooks.push(`rated ${context.activity.conversation?.id} ${rating}`),
      submitAgentSurvey: async (_context, rating) => void hooks.push(`survey ${rating}`),
    });
    const { replies, last } = await converse(flow, ['4']);
    assert.deepEqual(replies, [CSAT_DEFAULT_TEXTS.question, CSAT_DEFAULT_TEXTS.thanks]);
    assert.deepEqual(last, { reply: CSAT_DEFAULT_TEXTS.thanks, rating: 4, endChat: true });
    assert.deepEqual(recorded, [{ chatId: 'chat-1', botUser: 'support-bot', variant: 'B', skill: 'support-bot', rating: 4, text: '4' }]);
    assert.deepEqual(hooks, ['rated chat-1 4', 'survey 4']);
  });

  it('asks again after an answer that is no rating, maxReprompts times, then gives up as unrecognized', async () => {
    const recorded: CsatResponse[] = [];
    const flow = new CsatFlow({ maxReprompts: 2, recorders: [{ recordCsat: (r) => void recorded.push(r) }] });
    const { replies, last } = await converse(flow, ['what?', 'dunno', '7']);
    assert.deepEqual(replies, [CSAT_DEFAULT_TEXTS.question, CSAT_DEFAULT_TEXTS.retryPrompt, CSAT_DEFAULT_TEXTS.retryPrompt, CSAT_DEFAULT_TEXTS.skipped]);
    assert.equal(last.state, undefined);
    assert.equal(last.endChat, true);
    assert.deepEqual(recorded.map((r) => ('skipped' in r ? r.skipped : r.rating)), ['unrecognized']);
  });

  it('a rating after a retry counts; "no thanks" declines at once; endChat: false keeps the chat', async () => {
    assert.equal((await converse(new CsatFlow(), ['hmm', 'five'])).last.rating, 5);
    const recorded: CsatResponse[] = [];
    const declined = await converse(new CsatFlow({ endChat: false, recorders: [{ recordCsat: (r) => void recorded.push(r) }] }), ['No thanks']);
    assert.deepEqual(declined.last, { reply: CSAT_DEFAULT_TEXTS.skipped, endChat: false });
    assert.deepEqual(recorded.map((r) => ('skipped' in r ? r.skipped : r.rating)), ['declined']);
  });

  it('says what answers it, and takes its own texts', async () => {
    const flow = new CsatFlow({ question: 'Wie war der Chat? 1-5', retryPrompt: 'Bitte 1 bis 5.', thanks: (r) => `Danke für die ${r}!` });
    assert.deepEqual([flow.isAnswer('4/5'), flow.isAnswer('skip'), flow.isAnswer('what are your hours?')], [true, true, false]);
    assert.deepEqual((await converse(flow, ['?', '3'])).replies, ['Wie war der Chat? 1-5', 'Bitte 1 bis 5.', 'Danke für die 3!']);
  });

  it('a failing recorder, onRating or survey is logged, never in the reply', async () => {
    const logger = memoryLogger();
    const flow = new CsatFlow({
      logger,
      recorders: [{ recordCsat: () => { throw new Error('registry gone'); } }],
      onRating: async () => { throw new Error('crm down'); },
      submitAgentSurvey: async () => { throw new Error('survey 403'); },
    });
    assert.equal((await converse(flow, ['great'])).last.reply, CSAT_DEFAULT_TEXTS.thanks);
    for (const text of ['registry gone', 'crm down', 'survey 403']) assert.ok(logger.lines.some((l) => l.startsWith('error') && l.includes(text)), text);
  });

  it('checks its options, naming its owner', () => {
    assert.throws(() => new CsatFlow({ maxReprompts: 1.5 }), /^RangeError: CsatFlow\.constructor\(\): maxReprompts/);
    assert.throws(() => new CsatFlow({ recorders: [{}] as never }, 'CsatDialog'), /^TypeError: CsatDialog\.constructor\(\): recorders/);
    assert.throws(() => new CsatFlow().addRecorder({} as never), /CsatFlow\.addRecorder\(\)/);
  });
});
