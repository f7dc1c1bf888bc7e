import assert from 'node:assert/strict';
import { ActivityTypes, ConversationState, MemoryStorage, TestAdapter, type Activity, type TurnContext } from 'botbuilder';
import { DialogSet, DialogTurnStatus } from 'botbuilder-dialogs';
import { CSAT_DEFAULT_TEXTS, CsatDialog, csatChatOf, type CsatDialogOptions, type CsatRating, type CsatResponse } from '../../src/csat/index.js';
import { memoryLogger } from '../support/harness.js';

/** A bot that starts the CSAT dialog on any first line; `results` gets each dialog result. */
function csatBot(options: CsatDialogOptions) {
  const state = new ConversationState(new MemoryStorage());
  const dialogs = new DialogSet(state.createProperty('dialogs'));
  dialogs.add(new CsatDialog(options));
  const results: (CsatRating | undefined)[] = [];
  const adapter = new TestAdapter(async (context) => {
    const dc = await dialogs.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.complete) results.push(result.result as CsatRating | undefined);
    else if (result.status === DialogTurnStatus.empty) await dc.beginDialog('csat');
    await state.saveChanges(context);
  });
  return { adapter, results };
}

const isEnd = (activity: Partial<Activity>) => assert.equal(activity.type, ActivityTypes.EndOfConversation);

describe('CsatDialog (TestAdapter)', () => {
  it('asks, takes "4", records it everywhere, thanks, ends the chat; the result is the rating', async () => {
    const recorded: CsatResponse[] = [];
    const rated: [string, number][] = [];
    const surveyed: (number | undefined)[] = [];
    const { adapter, results } = csatBot({
      recorders: [{ recordCsat: (r) => void recorded.push(r) }],
      onRating: (context, rating) => void rated.push([context.activity.conversation.id, rating]),
      submitAgentSurvey: async (_context, rating) => void surveyed.push(rating),
    });
    await adapter
      .send('bye')
      .assertReply(CSAT_DEFAULT_TEXTS.question)
      .send({ type: 'message', text: '4', channelData: { variant: 'B', chatInfo: { skillName: 'support-bot' } } } as Partial<Activity>)
      .assertReply(CSAT_DEFAULT_TEXTS.thanks)
      .assertReply(isEnd)
      .startTest();
    assert.deepEqual(recorded, [{ chatId: 'Convo1', variant: 'B', skill: 'support-bot', rating: 4, text: '4' }]);
    assert.deepEqual(rated, [['Convo1', 4]]);
    assert.deepEqual(surveyed, [4]);
    assert.deepEqual(results, [4]);
  });

  it('asks again after an answer that is no rating, then takes "five"', async () => {
    const recorded: CsatResponse[] = [];
    const { adapter, results } = csatBot({ recorders: [{ recordCsat: (r) => void recorded.push(r) }] });
    await adapter
      .send('bye')
      .assertReply(CSAT_DEFAULT_TEXTS.question)
      .send('hmm, let me think')
      .assertReply(CSAT_DEFAULT_TEXTS.retryPrompt)
      .send('five')
      .assertReply(CSAT_DEFAULT_TEXTS.thanks)
      .assertReply(isEnd)
      .startTest();
    assert.equal(recorded[0]?.rating, 5);
    assert.deepEqual(results, [5]);
  });

  it('gives up politely after maxReprompts: skipped as unrecognized, still ends the chat', async () => {
    const recorded: CsatResponse[] = [];
    const surveyed: (number | undefined)[] = [];
    let rated = 0;
    const { adapter, results } = csatBot({ maxReprompts: 2, recorders: [{ recordCsat: (r) => void recorded.push(r) }], onRating: () => void rated++, submitAgentSurvey: async (_c, r) => void surveyed.push(r) });
    await adapter
      .send('bye')
      .assertReply(CSAT_DEFAULT_TEXTS.question)
      .send('what?')
      .assertReply(CSAT_DEFAULT_TEXTS.retryPrompt)
      .send('dunno')
      .assertReply(CSAT_DEFAULT_TEXTS.retryPrompt)
      .send('7')
      .assertReply(CSAT_DEFAULT_TEXTS.skipped)
      .assertReply(isEnd)
      .startTest();
    assert.deepEqual(recorded, [{ chatId: 'Convo1', skipped: 'unrecognized' }]);
    assert.equal(rated, 0, 'onRating only hears ratings');
    assert.deepEqual(surveyed, [undefined]);
    assert.deepEqual(results, [undefined]);
  });

  it('"no thanks" declines at once', async () => {
    const recorded: CsatResponse[] = [];
    const { adapter } = csatBot({ recorders: [{ recordCsat: (r) => void recorded.push(r) }] });
    await adapter.send('bye').assertReply(CSAT_DEFAULT_TEXTS.question).send('No thanks').assertReply(CSAT_DEFAULT_TEXTS.skipped).assertReply(isEnd).startTest();
    assert.deepEqual(recorded, [{ chatId: 'Convo1', skipped: 'declined' }]);
  });

  it('takes its own texts; endChat: false leaves the chat open', async () => {
    const { adapter } = csatBot({
      question: 'Wie war der Chat? 1-5',
      retryPrompt: 'Bitte 1 bis 5.',
      thanks: (rating) => `Danke für die ${rating}!`,
      endChat: false,
    });
    await adapter.send('tschüss').assertReply('Wie war der Chat? 1-5').send('?').assertReply('Bitte 1 bis 5.').send('3').assertReply('Danke für die 3!').assertNoReply('no endOfConversation', 50).startTest();
  });

  it('a failing recorder, onRating or survey is logged, never shown to the visitor', async () => {
    const logger = memoryLogger();
    const later: CsatResponse[] = [];
    const { adapter } = csatBot({
      logger,
      recorders: [{ recordCsat: () => { throw new Error('registry gone'); } }, { recordCsat: async (r) => void later.push(r) }],
      onRating: async () => { throw new Error('crm down'); },
      submitAgentSurvey: async () => { throw new Error('survey 403'); },
    });
    await adapter.send('bye').assertReply(CSAT_DEFAULT_TEXTS.question).send('great').assertReply(CSAT_DEFAULT_TEXTS.thanks).assertReply(isEnd).startTest();
    assert.equal(later[0]?.rating, 5, 'the next recorder still ran');
    for (const text of ['registry gone', 'crm down', 'survey 403']) assert.ok(logger.lines.some((l) => l.startsWith('error') && l.includes(text)), text);
  });

  it('checks its options', () => {
    assert.throws(() => new CsatDialog({ maxReprompts: -1 }), /maxReprompts/);
    assert.throws(() => new CsatDialog({ recorders: [{}] as never }), /recordCsat/);
    assert.equal(new CsatDialog().id, 'csat');
    assert.equal(new CsatDialog({ id: 'rate' }).id, 'rate');
    assert.throws(() => new CsatDialog().addRecorder({} as never), /recordCsat/);
  });

  it('csatChatOf reads the chat id, the LiveEngage bot user, the variant and the skill from the turn', () => {
    const context = {
      adapter: { settings: { credentials: { username: 'support-bot' } } },
      activity: { conversation: { id: 'chat-1' }, channelData: { variant: 'A', chatInfo: { skillName: 'support-bot' } } },
    } as unknown as TurnContext;
    assert.deepEqual(csatChatOf(context), { chatId: 'chat-1', botUser: 'support-bot', variant: 'A', skill: 'support-bot' });
    assert.deepEqual(csatChatOf({ adapter: {}, activity: { conversation: { id: 'x' } } } as unknown as TurnContext), { chatId: 'x' });
  });
});
