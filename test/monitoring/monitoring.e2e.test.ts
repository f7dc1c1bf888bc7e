import assert from 'node:assert/strict';
import { ActivityHandler, type TurnContext } from 'botbuilder';
import { createTransferActivity, EscalationMiddleware } from '../../src/index.js';
import { LiveEngageMetrics, LiveEngageTelemetry, TELEMETRY_EVENTS } from '../../src/monitoring/index.js';
import { LiveEngageSimulator } from '../../src/simulator/index.js';
import { goodbyeBot, transferBot } from '../support/bots.js';
import { EchoBot, linesBy, waitFor, waitForLines } from '../support/harness.js';
import { metricValue, RecordingTelemetryClient, series, startMonitored, type Monitored } from './helpers.js';

const BOT = { bot_user: 'support-bot', variant: 'none' };


describe('monitoring: metric values and telemetry after scripted chats against the simulator', function () {
  this.timeout(10_000);
  let m: Monitored | undefined;
  afterEach(async () => {
    await m?.close();
    m = undefined;
  });

  const value = (name: string, labels: Record<string, string> = {}, suffix?: '_count' | '_sum') => metricValue(m!.registry, `liveengage_${name}`, labels, suffix);
  const outcomes = () => m!.client.named(TELEMETRY_EVENTS.chatOutcome);

  it('a chat the visitor ends: accepted, resolved, lines, latency, turns, API calls', async () => {
    m = await startMonitored(new EchoBot());
    const { sim } = m;
    const { chatId } = sim.startChat({ skill: 'support-bot', visitorName: 'Ann' });
    await waitForLines(sim, chatId, 1);
    sim.visitorSays(chatId, 'hello');
    await waitForLines(sim, chatId, 2);
    assert.equal(await value('open_chats', BOT), 1);
    sim.visitorEnds(chatId);
    await waitFor('resolved', async () => (await value('chats_resolved_total', BOT)) === 1);
    await waitFor('the endOfConversation turn', async () => (await value('turn_duration_seconds', { activity_type: 'endOfConversation' }, '_count')) === 1);

    assert.deepEqual(await series(m.registry, 'liveengage_chats_accepted_total'), [{ labels: { ...BOT, skill: 'support-bot' }, value: 1 }]);
    assert.deepEqual(await series(m.registry, 'liveengage_chats_closed_total'), [{ labels: { ...BOT, outcome: 'resolved' }, value: 1 }]);
    assert.equal(await value('chat_duration_seconds', { ...BOT, outcome: 'resolved' }, '_count'), 1);
    assert.equal(await value('open_chats', BOT), 0);
    assert.equal(await value('visitor_lines_total', BOT), 1);
    assert.deepEqual(await series(m.registry, 'liveengage_bot_lines_total'), [{ labels: { ...BOT, private: 'false' }, value: 2 }]);
    assert.equal(await value('reply_latency_seconds', BOT, '_count'), 1, 'the echo answers the one visitor line');
    assert.ok((await value('reply_latency_seconds', BOT, '_sum')) < 5);
    for (const activityType of ['conversationUpdate', 'message', 'endOfConversation']) {
      assert.equal(await value('turn_duration_seconds', { ...BOT, activity_type: activityType, failed: 'false' }, '_count'), 1, activityType);
    }
    assert.equal(await value('transfers_total'), 0);
    assert.equal(await value('api_requests_total', { bot_user: 'support-bot', operation: 'acceptNextChat', status: '201' }), 1);
    assert.equal(await value('api_requests_total', { bot_user: 'support-bot', operation: 'addLine', status: '201' }), 2);
    assert.ok((await value('api_requests_total', { operation: 'getChats', status: '200' })) > 0);
    assert.equal(await value('api_request_duration_seconds', { operation: 'addLine' }, '_count'), 2);
    assert.equal(await value('api_errors_total'), 0);

    assert.equal(outcomes().length, 1);
    const [event] = outcomes();
    assert.deepEqual(event!.properties, { chatId, botUser: 'support-bot', variant: 'none', skill: 'support-bot', outcome: 'resolved' });
    assert.deepEqual({ ...event!.metrics, durationMs: 0 }, { durationMs: 0, visitorLines: 1, botLines: 2, failedTransfers: 0 });
    assert.ok(event!.metrics!.durationMs! >= 0);

    const summary = m.metrics.summary();
    assert.deepEqual(JSON.parse(JSON.stringify(summary)), summary, 'plain JSON');
    assert.equal(summary.bots.length, 1);
    assert.deepEqual(summary.bots[0]!.chats, { accepted: 1, open: 0, resolved: 1, transferred: 0, released: 0 });
    assert.equal(summary.bots[0]!.resolutionRate, 1);
    assert.deepEqual(summary.bots[0]!.lines, { visitor: 1, bot: 2, private: 0, undeliverable: 0 });
    assert.equal(summary.bots[0]!.replyLatency.count, 1);
    assert.equal(summary.api[0]!.byOperation.addLine?.requests, 2);
  });

  it('a chat the bot ends (endOfConversation): resolved', async () => {
    m = await startMonitored(goodbyeBot());
    const { chatId } = m.sim.startChat({ skill: 'support-bot', visitorName: 'Ida' });
    await waitFor('accept', () => m!.adapter.openChats.includes(chatId));
    m.sim.visitorSays(chatId, 'bye');
    await waitFor('ended', () => m!.sim.chat(chatId).state === 'ended');
    await waitFor('resolved', async () => (await value('chats_resolved_total', BOT)) === 1);
    assert.equal(await value('chats_closed_total', { ...BOT, outcome: 'resolved' }), 1);
    assert.equal(await value('api_requests_total', { operation: 'endChat', status: '201' }), 1);
    assert.equal(await value('bot_lines_total', BOT), 1);
    assert.equal(await value('open_chats', BOT), 0);
    assert.equal(outcomes()[0]?.properties?.outcome, 'resolved');
  });

  it('a transfer with a reason (createTransferActivity): transferred, not resolved; the reason is a label and reaches the human agent only', async () => {
    m = await startMonitored(transferBot((context) => context.sendActivity(createTransferActivity('human-support', 'asked for billing'))));
    const { chatId } = m.sim.startChat({ skill: 'support-bot', visitorName: 'Cy' });
    await waitFor('accept', () => m!.adapter.openChats.includes(chatId));
    m.sim.visitorSays(chatId, 'go');
    await waitFor('transferred', async () => (await value('chats_closed_total', { outcome: 'transferred' })) === 1);

    assert.deepEqual(await series(m.registry, 'liveengage_transfers_total'), [
      { labels: { ...BOT, target: 'human-support', reason: 'asked for billing', state: 'accepted', failover: 'false' }, value: 1 },
    ]);
    assert.equal(await value('transfers_failed_total'), 0);
    assert.equal(await value('chats_resolved_total'), 0);
    assert.equal(await value('open_chats', BOT), 0);
    assert.equal(await value('api_requests_total', { operation: 'transfer', status: '200' }), 1);
    const chat = m.sim.chat(chatId);
    assert.deepEqual(chat.events.filter((e) => e.subType === 'ONLY_TO_REP').map((e) => e.text), ['asked for billing']);
    assert.equal(chat.skill.name, 'human-support');

    const [event] = outcomes();
    assert.deepEqual(event?.properties, { chatId, botUser: 'support-bot', variant: 'none', skill: 'support-bot', outcome: 'transferred', reason: 'asked for billing', target: 'human-support', failover: 'false' });
    const summary = m.metrics.summary().bots[0]!;
    assert.deepEqual(summary.chats, { accepted: 1, open: 0, resolved: 0, transferred: 1, released: 0 });
    assert.equal(summary.resolutionRate, 0);
    assert.deepEqual(summary.transfers, { accepted: 1, failed: 0, failover: 0, topReasons: [{ reason: 'asked for billing', accepted: 1, failed: 0 }] });
  });

  it('the escalation middleware keyword: transferred with its reason', async () => {
    const bot = new EchoBot();
    m = await startMonitored(bot, { setup: (adapter) => adapter.use(new EscalationMiddleware({ skill: 'human-support' })) });
    const { chatId } = m.sim.startChat({ skill: 'support-bot', visitorName: 'Flo' });
    await waitForLines(m.sim, chatId, 1);
    m.sim.visitorSays(chatId, 'I want an AGENT please');
    await waitFor('transferred', async () => (await value('chats_closed_total', { outcome: 'transferred' })) === 1);
    assert.equal(await value('transfers_total', { ...BOT, target: 'human-support', reason: 'visitor asked for a person ("agent")', state: 'accepted', failover: 'false' }), 1);
    assert.equal(m.sim.chat(chatId).events.find((e) => e.subType === 'ONLY_TO_REP')?.text, 'Visitor asked for a person ("agent")');
    assert.equal(outcomes()[0]?.properties?.reason, 'Visitor asked for a person ("agent")', 'telemetry keeps the reason as written');
    assert.deepEqual(bot.seen, []);
  });

  it('a failed transfer (unknown skill): counted, the chat stays with the bot and is resolved later', async () => {
    m = await startMonitored(transferBot((context) => context.sendActivity(createTransferActivity('no-such-skill', 'test'))));
    const { chatId } = m.sim.startChat({ skill: 'support-bot', visitorName: 'Di' });
    await waitFor('accept', () => m!.adapter.openChats.includes(chatId));
    m.sim.visitorSays(chatId, 'go');
    await waitFor('failed transfer', async () => (await value('transfers_failed_total', BOT)) === 1);
    assert.equal(await value('transfers_total', { ...BOT, reason: 'test', state: 'failed', failover: 'false' }), 1);
    assert.equal(await value('transfers_failed_total', { ...BOT, reason: 'test', target: 'no-such-skill' }), 1, 'labelled by the skill asked for');
    assert.equal(await value('open_chats', BOT), 1);
    assert.equal(m.sim.chat(chatId).skill.name, 'support-bot');
    const failed = m.client.named(TELEMETRY_EVENTS.transferFailed);
    assert.equal(failed.length, 1);
    assert.equal(failed[0]!.properties!.reason, 'test');
    assert.match(failed[0]!.properties!.message, /no-such-skill/);
    assert.equal(failed[0]!.properties!.failover, 'false');

    m.sim.visitorEnds(chatId);
    await waitFor('resolved', async () => (await value('chats_resolved_total', BOT)) === 1);
    assert.equal(outcomes()[0]?.properties?.outcome, 'resolved');
    assert.equal(outcomes()[0]?.metrics?.failedTransfers, 1);
    assert.deepEqual(m.metrics.summary().bots[0]!.transfers.topReasons, [{ reason: 'test', accepted: 0, failed: 1 }]);
  });

  it('an API error: getTransferSkills answered 500 once, counted by operation, status and kind; the retry transfers', async () => {
    m = await startMonitored(transferBot((context) => context.sendActivity(createTransferActivity('human-support', 'asked for billing'))));
    m.sim.injectFault({ match: { operation: 'getTransferSkills' }, status: 500, times: 1 });
    const { chatId } = m.sim.startChat({ skill: 'support-bot', visitorName: 'Eve' });
    await waitFor('accept', () => m!.adapter.openChats.includes(chatId));
    m.sim.visitorSays(chatId, 'go');
    await waitFor('transferred', async () => (await value('chats_closed_total', { outcome: 'transferred' })) === 1);
    assert.deepEqual(await series(m.registry, 'liveengage_api_errors_total'), [{ labels: { bot_user: 'support-bot', operation: 'getTransferSkills', kind: 'http' }, value: 1 }]);
    assert.equal(await value('api_requests_total', { operation: 'getTransferSkills', status: '500' }), 1);
    assert.equal(await value('api_requests_total', { operation: 'getTransferSkills', status: '200' }), 1);
    assert.equal(await value('api_request_duration_seconds', { operation: 'getTransferSkills' }, '_count'), 2);
    assert.deepEqual(m.metrics.summary().api[0]!.byOperation.getTransferSkills, { requests: 2, errors: 1 });
  });

  it('a throwing turn failed over: failed turn, failover transfer labelled "bot error"', async () => {
    const bot = new ActivityHandler();
    bot.onMessage(async () => {
      throw new Error('boom 42');
    });
    m = await startMonitored(bot, { settings: { failoverSkill: 'human-support' } });
    m.adapter.onTurnError = async () => {};
    const { chatId } = m.sim.startChat({ skill: 'support-bot', visitorName: 'Lu' });
    await waitFor('accept', () => m!.adapter.openChats.includes(chatId));
    m.sim.visitorSays(chatId, 'hi');
    await waitFor('transferred', async () => (await value('chats_closed_total', { outcome: 'transferred' })) === 1);
    await waitFor('the failed turn', async () => (await value('turn_duration_seconds', { activity_type: 'message', failed: 'true' }, '_count')) === 1);
    assert.equal(await value('transfers_total', { ...BOT, target: 'human-support', reason: 'bot error', state: 'accepted', failover: 'true' }), 1);
    const [event] = outcomes();
    assert.equal(event?.properties?.reason, 'Bot error: boom 42');
    assert.equal(event?.properties?.failover, 'true');
    assert.equal(m.metrics.summary().bots[0]!.transfers.failover, 1);
    assert.equal(m.metrics.summary().bots[0]!.turns.failed, 1);
  });

  it('polls: every poll the adapter reports is counted, with its duration', async () => {
    m = await startMonitored(new EchoBot());
    await waitFor('a few polls', () => m!.facts.poll.length >= 3);
    await m.adapter.stop();
    const polls = m.facts.poll.length;
    assert.equal(await value('polls_total', { bot_user: 'support-bot' }), polls);
    assert.equal(await value('poll_duration_seconds', { bot_user: 'support-bot' }, '_count'), polls);
    assert.equal(m.metrics.summary().api[0]!.polls, polls);
  });

  it('stop() releases open chats: released, open_chats back to 0', async () => {
    m = await startMonitored(new EchoBot());
    const { chatId } = m.sim.startChat({ skill: 'support-bot', visitorName: 'Ned' });
    await waitForLines(m.sim, chatId, 1);
    assert.equal(await value('open_chats', BOT), 1);
    await m.adapter.stop();
    assert.equal(await value('chats_closed_total', { ...BOT, outcome: 'released' }), 1);
    assert.equal(await value('open_chats', BOT), 0);
    assert.equal(await value('chats_resolved_total'), 0);
    assert.equal(outcomes()[0]?.properties?.outcome, 'released');
    assert.ok((await value('api_requests_total', { operation: 'logout' })) >= 1);
  });

  it('one metrics object and telemetry for two bot users, one of them A/B testing: labelled by bot user and variant', async () => {
    const sim = new LiveEngageSimulator({ log: false });
    await sim.start();
    const metrics = new LiveEngageMetrics();
    const client = new RecordingTelemetryClient();
    const telemetry = new LiveEngageTelemetry(client);
    const variantsSeen = new Map<string, string>();
    const variantBot = (name: string) => async (context: TurnContext) => {
      variantsSeen.set(context.activity.conversation.id, String((context.activity.channelData as { variant?: string }).variant));
      if (context.activity.type === 'message') await context.sendActivity(`${name}: ${context.activity.text}`);
    };
    const a = await startMonitored(undefined, { sim, metrics, telemetry, variants: [{ name: 'A', logic: variantBot('A') }, { name: 'B', logic: variantBot('B') }] });
    const b = await startMonitored(new EchoBot(), { sim, metrics, telemetry, settings: { credentials: { username: 'support-bot-2', password: 'bot-password-2' } } });
    try {
      const chats = Array.from({ length: 8 }, (_, i) => sim.startChat({ skill: 'support-bot', visitorName: `V${i}` }).chatId);
      await waitFor('all accepted', () => a.facts.chatAccepted.length + b.facts.chatAccepted.length === chats.length);
      for (const id of chats) sim.visitorSays(id, 'hi');
      await waitFor('all answered', () => chats.every((id) => linesBy(sim, id, 'agent').some((t) => t.endsWith(': hi') || t === 'You said: hi')));
      for (const id of chats) sim.visitorEnds(id);
      await waitFor('all closed', async () => (await metricValue(metrics.registry, 'liveengage_chats_resolved_total')) === chats.length);

      const expected = new Map<string, number>();
      for (const fact of [...a.facts.chatAccepted, ...b.facts.chatAccepted]) {
        const key = `${fact.botUser}/${fact.variant ?? 'none'}`;
        expected.set(key, (expected.get(key) ?? 0) + 1);
      }
      assert.ok(b.facts.chatAccepted.length > 0 && a.facts.chatAccepted.length > 0, 'both bot users took chats');
      for (const fact of a.facts.chatAccepted) assert.equal(variantsSeen.get(fact.chatId), fact.variant, 'the label is the variant the bot saw');
      const accepted = await series(metrics.registry, 'liveengage_chats_accepted_total');
      assert.deepEqual(
        new Map(accepted.map((s) => [`${s.labels.bot_user}/${s.labels.variant}`, s.value])),
        expected,
      );
      for (const [key, count] of expected) {
        const [botUser, variant] = key.split('/') as [string, string];
        assert.equal(await metricValue(metrics.registry, 'liveengage_chats_resolved_total', { bot_user: botUser, variant }), count, key);
        assert.equal(await metricValue(metrics.registry, 'liveengage_visitor_lines_total', { bot_user: botUser, variant }), count, key);
        assert.equal(client.named(TELEMETRY_EVENTS.chatOutcome).filter((e) => `${e.properties!.botUser}/${e.properties!.variant}` === key).length, count, key);
      }
      const rows = metrics.summary().bots.map((r) => [`${r.botUser}/${r.variant}`, r.chats.resolved]);
      assert.deepEqual(new Map(rows as [string, number][]), expected);
      assert.deepEqual(metrics.summary().api.map((r) => r.botUser), ['support-bot', 'support-bot-2']);
    } finally {
      await a.close();
      await b.close();
      await sim.stop();
    }
  });
});
