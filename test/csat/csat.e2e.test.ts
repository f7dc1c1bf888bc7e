import assert from 'node:assert/strict';
import { ActivityHandler, ConversationState, MemoryStorage, type TurnContext } from 'botbuilder';
import { DialogSet, DialogTurnStatus } from 'botbuilder-dialogs';
import { LiveEngageAdapter } from '../../src/botbuilder/LiveEngageAdapter.js';
import { CsatDialog, submitCsatToAgentSurvey, type CsatDialogOptions } from '../../src/csat/index.js';
import { LiveEngageMetrics, LiveEngageTelemetry, TELEMETRY_EVENTS } from '../../src/monitoring/index.js';
import { linesBy, waitFor, waitForLines } from '../support/harness.js';
import { metricValue, RecordingTelemetryClient, startMonitored, type Monitored } from '../monitoring/helpers.js';

/**
 * What the adapter is asked to offer for the agent survey (a stand-in until it does): the Chat Agent
 * API's survey resource of one of its chats, through its own session and request queue.
 */

/** A support bot that answers until the visitor says bye, then runs the CSAT dialog. */
function supportBot(options: CsatDialogOptions) {
  const state = new ConversationState(new MemoryStorage());
  const dialogs = new DialogSet(state.createProperty('dialogs'));
  dialogs.add(new CsatDialog(options));
  const bot = new ActivityHandler();
  bot.onMessage(async (context, next) => {
    const dc = await dialogs.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) {
      if (/bye/i.test(context.activity.text)) await dc.beginDialog('csat');
      else await context.sendActivity(`You said: ${context.activity.text}`);
    }
    await state.saveChanges(context);
    await next();
  });
  return bot;
}

describe('CSAT against the simulator: the dialog in a LiveEngage bot', function () {
  this.timeout(10_000);
  let m: Monitored | undefined;
  afterEach(async () => {
    await m?.close();
    m = undefined;
  });

  async function start(options: (metrics: LiveEngageMetrics, telemetry: LiveEngageTelemetry) => CsatDialogOptions) {
    const metrics = new LiveEngageMetrics();
    const telemetry = new LiveEngageTelemetry(new RecordingTelemetryClient());
    m = await startMonitored(supportBot(options(metrics, telemetry)), { metrics, telemetry, adapterClass: LiveEngageAdapter });
    return m;
  }

  it('visitor answers "4": csat metrics and telemetry, the agent survey submitted, thanks, the chat ends resolved', async () => {
    const { sim, registry, client } = await start((metrics, telemetry) => ({
      recorders: [metrics, telemetry],
      // the turn's adapter is the LiveEngage adapter serving the chat
      submitAgentSurvey: (context, rating) => submitCsatToAgentSurvey(context.adapter as LiveEngageAdapter)(context, rating),
    }));
    const { chatId } = sim.startChat({ skill: 'support-bot', visitorName: 'Ann' });
    await waitFor('accept', () => m!.adapter.openChats.includes(chatId));
    sim.visitorSays(chatId, 'how do I reset my password?');
    await waitForLines(sim, chatId, 1);
    sim.visitorSays(chatId, 'thanks, bye');
    await waitForLines(sim, chatId, 2);
    assert.equal(linesBy(sim, chatId, 'agent')[1], 'How would you rate this chat from 1 (poor) to 5 (great)?');
    sim.visitorSays(chatId, '4');
    await waitFor('ended', () => sim.chat(chatId).state === 'ended');
    assert.deepEqual(linesBy(sim, chatId, 'agent').slice(2), ['Thank you for your feedback!']);

    const labels = { bot_user: 'support-bot', variant: 'none' };
    await waitFor('resolved', async () => (await metricValue(registry, 'liveengage_chats_resolved_total', labels)) === 1);
    assert.equal(await metricValue(registry, 'liveengage_csat_responses_total', { ...labels, rating: '4' }), 1);
    assert.equal(await metricValue(registry, 'liveengage_csat_responses_total'), 1);
    assert.equal(await metricValue(registry, 'liveengage_csat_rating', labels, '_sum'), 4);
    assert.equal(await metricValue(registry, 'liveengage_csat_rating', labels, '_count'), 1);
    assert.equal(await metricValue(registry, 'liveengage_csat_skipped_total'), 0);
    assert.equal(await metricValue(registry, 'liveengage_api_requests_total', { operation: 'submitSurvey', status: '200' }), 1);

    assert.deepEqual(sim.chat(chatId).survey, { '25245945': 'Yes', '25245946': 'CSAT 4/5' });

    const [csat] = client.named(TELEMETRY_EVENTS.csat);
    assert.deepEqual(csat, { name: 'LiveEngageCsat', properties: { chatId, botUser: 'support-bot', variant: 'none', skill: 'support-bot', rating: '4' }, metrics: { rating: 4 } });
    const [outcome] = client.named(TELEMETRY_EVENTS.chatOutcome);
    assert.equal(outcome?.properties?.outcome, 'resolved');
    assert.equal(outcome?.properties?.csatRating, '4');
    const summary = m!.metrics.summary().bots[0]!;
    assert.deepEqual(summary.csat, { responses: 1, skipped: 0, average: 4, distribution: { '1': 0, '2': 0, '3': 0, '4': 1, '5': 0 } });
  });

  it('visitor answers something else, then declines: asked again once, skipped, polite goodbye, chat ends', async () => {
    const { sim, registry, client } = await start((metrics, telemetry) => ({ recorders: [metrics, telemetry] }));
    const { chatId } = sim.startChat({ skill: 'support-bot', visitorName: 'Bo' });
    await waitFor('accept', () => m!.adapter.openChats.includes(chatId));
    sim.visitorSays(chatId, 'bye');
    await waitForLines(sim, chatId, 1);
    sim.visitorSays(chatId, 'why?');
    await waitForLines(sim, chatId, 2);
    assert.match(linesBy(sim, chatId, 'agent')[1]!, /^Sorry, I didn't get that\. Please type a number from 1 \(poor\) to 5 \(great\)/);
    sim.visitorSays(chatId, 'no thanks');
    await waitFor('ended', () => sim.chat(chatId).state === 'ended');
    assert.equal(linesBy(sim, chatId, 'agent').at(-1), 'No problem, thanks for chatting!');
    assert.equal(await metricValue(registry, 'liveengage_csat_skipped_total', { bot_user: 'support-bot', variant: 'none', reason: 'declined' }), 1);
    assert.equal(await metricValue(registry, 'liveengage_csat_responses_total'), 0);
    assert.equal(client.named(TELEMETRY_EVENTS.csatSkipped)[0]?.properties?.reason, 'declined');
    assert.equal(sim.chat(chatId).survey, undefined, 'no survey hook given');
  });

  it('with A/B variants the rating is labelled with the chat\'s variant', async () => {
    const metrics = new LiveEngageMetrics();
    const state = new ConversationState(new MemoryStorage());
    const dialogs = new DialogSet(state.createProperty('dialogs'));
    dialogs.add(new CsatDialog({ recorders: [metrics], endChat: false }));
    const logic = async (context: TurnContext) => {
      if (context.activity.type !== 'message') return;
      const dc = await dialogs.createContext(context);
      const result = await dc.continueDialog();
      if (result.status === DialogTurnStatus.empty) await dc.beginDialog('csat');
      await state.saveChanges(context);
    };
    m = await startMonitored(undefined, { metrics, variants: [{ name: 'A', logic }, { name: 'B', logic }] });
    const { sim } = m;
    const chats = Array.from({ length: 4 }, (_, i) => sim.startChat({ skill: 'support-bot', visitorName: `V${i}` }).chatId);
    await waitFor('accepted', () => m!.facts.chatAccepted.length === chats.length);
    for (const id of chats) sim.visitorSays(id, 'bye');
    await waitFor('asked', () => chats.every((id) => linesBy(sim, id, 'agent').length === 1));
    chats.forEach((id, i) => sim.visitorSays(id, String(i + 1)));
    await waitFor('thanked', () => chats.every((id) => linesBy(sim, id, 'agent').length === 2));
    for (const fact of m.facts.chatAccepted) {
      const rating = chats.indexOf(fact.chatId) + 1;
      assert.equal(await metricValue(m.registry, 'liveengage_csat_responses_total', { bot_user: 'support-bot', variant: fact.variant!, rating: String(rating) }), 1, `${fact.chatId} ${fact.variant}`);
    }
    assert.equal(await metricValue(m.registry, 'liveengage_csat_rating', {}, '_sum'), 1 + 2 + 3 + 4);
    assert.ok(chats.every((id) => sim.chat(id).state !== 'ended'), 'endChat: false');
  });
});
