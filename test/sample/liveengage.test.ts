import assert from 'node:assert/strict';
import { startSupportBot, type SupportBotHandles } from '../../samples/support-bot/app.js';
import { messages } from '../../samples/support-bot/messages.js';
import { SUPPORT_BOT_VARIANTS } from '../../samples/support-bot/variants.js';
import { pickVariant } from '../../src/index.js';
import type { LiveEngageMetricsSummary } from '../../src/monitoring/index.js';
import type { LiveEngageSimulator } from '../../src/simulator/index.js';
import { linesBy, waitFor, waitForLines } from '../support/harness.js';

/** The welcome of the A/B variant the adapter gives this chat (a hash of its id). */
const welcomeOf = (chatId: string, name: string) => pickVariant(chatId, SUPPORT_BOT_VARIANTS).welcome(name);

describe('sample: the support bot on the embedded LiveEngage simulator', function () {
  this.timeout(20_000);
  let app: SupportBotHandles | undefined;
  let sim: LiveEngageSimulator;

  beforeEach(async () => {
    app = await startSupportBot({ port: 0, simulatorPort: 0, pollIntervalMs: 50, typingDelayMs: 0, log: () => undefined });
    sim = app.simulator!;
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('starts the simulator and the page when no LiveEngage account is configured', async () => {
    assert.ok(app!.simulator);
    assert.equal(app!.pageUrl, `${sim.url}/`);
    const bot = sim.agents().find((a) => a.loginName === 'support-bot');
    assert.equal(bot?.availability, 'Online');
    assert.equal(bot?.loggedIn, true);
    const page = await fetch(app!.pageUrl!);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /LiveEngage simulator/);
  });

  it('welcomes, answers, and hands the chat to human-support, where Alice takes it', async () => {
    const { chatId } = sim.startChat({ skill: 'support-bot', visitorName: 'Ada' });
    assert.deepEqual(await waitForLines(sim, chatId, 1), [welcomeOf(chatId, 'Ada')]);
    sim.visitorSays(chatId, 'What are your opening hours?');
    assert.equal((await waitForLines(sim, chatId, 2))[1], messages.hours);

    sim.visitorSays(chatId, 'agent');
    await waitFor('the chat in the human-support queue', () => sim.queues().find((q) => q.skill.name === 'human-support')?.waiting.some((w) => w.chatId === chatId));
    const chat = sim.chat(chatId);
    assert.equal(chat.state, 'waiting');
    assert.deepEqual(chat.events.filter((e) => e.subType === 'ONLY_TO_REP').map((e) => e.text), ['Visitor asked for a person ("agent")']);
    assert.equal(linesBy(sim, chatId, 'agent').at(-2), messages.escalating);

    assert.deepEqual(sim.humanTakes(chatId, '2001'), { agentId: '2001' });
    sim.humanSays(chatId, 'Hi Ada, Alice here.');
    assert.equal(sim.chat(chatId).agent?.nickname, 'Alice');
    assert.equal(linesBy(sim, chatId, 'agent').at(-1), 'Hi Ada, Alice here.');
  });

  it('escalates on the Escalate intent too ("talk to a person")', async () => {
    const { chatId } = sim.startChat({ skill: 'support-bot', visitorName: 'Bo' });
    await waitForLines(sim, chatId, 1);
    sim.visitorSays(chatId, 'can I talk to a person please');
    await waitFor('the transfer', () => sim.chat(chatId).skill.name === 'human-support');
    assert.match(sim.chat(chatId).events.find((e) => e.subType === 'ONLY_TO_REP')?.text ?? '', /^Intent Escalate \(0\.95\)$/);
  });

  it('tells the visitor nobody is free when no human is online, and keeps the chat', async () => {
    sim.setHumanOnline('2001', false);
    const { chatId } = sim.startChat({ skill: 'support-bot', visitorName: 'Cy' });
    await waitForLines(sim, chatId, 1);
    sim.visitorSays(chatId, 'human please');
    await waitFor('the apology', () => linesBy(sim, chatId, 'agent').includes(messages.nobodyFree));
    assert.equal(sim.chat(chatId).skill.name, 'support-bot');
    assert.equal(sim.chat(chatId).agent?.kind, 'bot');
    sim.visitorSays(chatId, 'how much is it?');
    await waitFor('an answer after the failed transfer', () => linesBy(sim, chatId, 'agent').at(-1) === messages.pricing);
  });

  it('on goodbye asks for a rating, submits it to the agent survey, thanks and ends the chat; /metrics counts it', async () => {
    const { chatId } = sim.startChat({ skill: 'support-bot', visitorName: 'Di' });
    await waitForLines(sim, chatId, 1);
    sim.visitorSays(chatId, 'bye');
    assert.equal((await waitForLines(sim, chatId, 2))[1], messages.csatQuestion);
    sim.visitorSays(chatId, '5');
    await waitFor('the end', () => sim.chat(chatId).state === 'ended');
    assert.equal(linesBy(sim, chatId, 'agent').at(-1), messages.csatThanks(5));
    assert.equal(linesBy(sim, chatId, 'system').at(-1), 'Support Bot has ended the chat.');
    // The simulator's account has an agent survey: resolved, and the rating in the notes.
    assert.deepEqual(sim.chat(chatId).survey, { '25245945': 'Yes', '25245946': 'CSAT 5/5' });

    const variant = pickVariant(chatId, SUPPORT_BOT_VARIANTS).name;
    const res = await fetch(app!.metricsUrl);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    assert.match(text, new RegExp(`^liveengage_chats_accepted_total\\{bot_user="support-bot",variant="${variant}",skill="support-bot"\\} 1$`, 'm'));
    await waitFor('resolved', () => app!.metrics.summary().bots[0]?.chats.resolved === 1);
    const again = await (await fetch(app!.metricsUrl)).text();
    assert.match(again, new RegExp(`^liveengage_chats_resolved_total\\{bot_user="support-bot",variant="${variant}"\\} 1$`, 'm'));
    assert.match(again, new RegExp(`^liveengage_csat_responses_total\\{bot_user="support-bot",variant="${variant}",rating="5"\\} 1$`, 'm'));
  });

  it('runs A/B variants 50/50: each chat gets its variant\'s welcome, and /metrics and /simulator/dashboard are per variant', async () => {
    // Chats until both variants served one (the variant is a hash of the chat id).
    const chats: { chatId: string; variant: string }[] = [];
    while (new Set(chats.map((c) => c.variant)).size < 2) {
      const { chatId } = sim.startChat({ skill: 'support-bot', visitorName: `V${chats.length}` });
      chats.push({ chatId, variant: pickVariant(chatId, SUPPORT_BOT_VARIANTS).name });
    }
    for (const [i, { chatId }] of chats.entries()) assert.deepEqual(await waitForLines(sim, chatId, 1), [welcomeOf(chatId, `V${i}`)]);
    const metrics = await (await fetch(app!.metricsUrl)).text();
    for (const variant of ['A', 'B']) {
      const count = chats.filter((c) => c.variant === variant).length;
      assert.match(metrics, new RegExp(`^liveengage_chats_accepted_total\\{bot_user="support-bot",variant="${variant}",skill="support-bot"\\} ${count}$`, 'm'));
    }

    const res = await fetch(`${sim.url}/simulator/dashboard`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const summary = (await res.json()) as LiveEngageMetricsSummary;
    assert.deepEqual(summary.bots.map((b) => [b.botUser, b.variant, b.chats.accepted]), [
      ['support-bot', 'A', chats.filter((c) => c.variant === 'A').length],
      ['support-bot', 'B', chats.filter((c) => c.variant === 'B').length],
    ]);
    assert.equal(summary.api[0]?.botUser, 'support-bot');
  });

  it('with abTest: false runs variant A alone, labelled variant "none"', async () => {
    await app!.close();
    app = await startSupportBot({ port: 0, simulatorPort: 0, pollIntervalMs: 50, typingDelayMs: 0, abTest: false, log: () => undefined });
    sim = app.simulator!;
    assert.deepEqual(Object.keys(app.variants), ['A']);
    const { chatId } = sim.startChat({ skill: 'support-bot', visitorName: 'Ed' });
    assert.deepEqual(await waitForLines(sim, chatId, 1), [messages.welcome('Ed')]);
    assert.match(await (await fetch(app.metricsUrl)).text(), /^liveengage_chats_accepted_total\{bot_user="support-bot",variant="none",skill="support-bot"\} 1$/m);
  });

  it('close() logs the bot out and stops everything; a second close() is harmless', async () => {
    const handles = app!;
    await handles.close();
    await handles.close();
    app = undefined;
    await assert.rejects(fetch(`${sim.url}/simulator/agents`));
    assert.equal(handles.server.server.listening, false);
  });
});
