import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { MessageFactory, type TurnContext } from 'botbuilder';
import type { Browser, Page } from 'playwright-core';
import { startSupportBot, type SupportBotHandles } from '../../samples/support-bot/app.js';
import { messages } from '../../samples/support-bot/messages.js';
import { startPair } from '../support/harness.js';
import { launchChromium, watchProblems } from './chromium.js';

/**
 * The simulator page's Messaging visitor in Chromium: with the simulator's Messaging side on, the
 * visitor starts a Messaging conversation, talks to the bot, clicks its quick replies, and the workspace
 * shows the conversation like a chat (a human can take it once the bot transfers it).
 */
describe('simulator page in Chromium: a Messaging conversation', function () {
  this.timeout(40_000);
  let browser: Browser | undefined;
  let page: Page;
  let close: (() => Promise<void>) | undefined;
  const problems: string[] = [];

  before(async () => {
    browser = await launchChromium();
  });
  beforeEach(async () => {
    page = await browser!.newPage({ viewport: { width: 1440, height: 1000 } });
    page.setDefaultTimeout(10_000);
    problems.length = 0;
    // A bare simulator has no dashboard source: its 404 is expected (the page asks once).
    watchProblems(page, problems, (_text, url) => url.endsWith('/simulator/dashboard'));
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      mkdirSync('test-results', { recursive: true });
      const file = join('test-results', `messaging-${this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}.png`);
      await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
      console.error(`screenshot: ${file}${problems.length ? `\n${problems.join('\n')}` : ''}`);
    }
    await page.close();
    await close?.();
    close = undefined;
  });
  after(async () => {
    await browser?.close();
  });

  const visitorLines = (selector = '.line') => page.locator(`#visitor-transcript ${selector}`);
  const agentLines = (selector = '.line') => page.locator(`#agent-transcript ${selector}`);

  async function open(url: string): Promise<void> {
    await page.goto(url);
    await page.locator('html[data-ready]').waitFor({ state: 'attached' });
    await page.locator('#feed-status', { hasText: 'Live' }).waitFor();
  }

  it('with LP_TRANSPORT=messaging the sample answers on the page; "agent" puts it in human-support, Alice takes and answers it', async () => {
    const app: SupportBotHandles = await startSupportBot({ port: 0, simulatorPort: 0, typingDelayMs: 0, abTest: false, transport: 'messaging', log: () => undefined });
    close = () => app.close();
    await open(app.pageUrl!);
    // The bot is ONLINE on Messaging (never logged in to Live Chat): the agent list shows that.
    await page.locator('tr[data-agent="support-bot"] .badge', { hasText: 'Online' }).waitFor();

    await page.getByLabel('Your name').fill('Ada');
    await page.getByLabel('Skill (engagement)').selectOption('support-bot');
    assert.equal(await page.getByRole('radio', { name: 'Messaging' }).isChecked(), true, 'Messaging is offered, and the default, when the simulator runs it');
    await page.getByRole('button', { name: 'Start conversation' }).click();
    await page.locator('#visitor-status', { hasText: 'Messaging routes the conversation on your first message' }).waitFor();
    assert.match((await page.locator('#visitor-meta').textContent()) ?? '', /^Messaging · skill support-bot · you are Ada$/);

    const input = page.getByRole('textbox', { name: 'Message' });
    await input.fill('hello');
    await input.press('Enter');
    await visitorLines('.line.mine .bubble').filter({ hasText: 'hello' }).waitFor();
    await visitorLines('.line.theirs .bubble').filter({ hasText: messages.welcome('Ada') }).waitFor();
    await visitorLines('.line.theirs .bubble').filter({ hasText: messages.greeting }).waitFor();
    await page.locator('#visitor-status', { hasText: 'Chatting with Support Bot' }).waitFor();

    // The workspace lists it like a chat, marked Messaging, and shows it live.
    const item = page.locator('.chat-item', { hasText: 'Ada' });
    await item.filter({ hasText: 'Messaging · support-bot · Support Bot' }).waitFor();
    await agentLines('.line.bot .bubble').filter({ hasText: messages.greeting }).waitFor();
    await page.locator('.monitor', { hasText: 'Support Bot is handling this chat' }).waitFor();

    await input.fill('agent');
    await input.press('Enter');
    await visitorLines('.line.theirs .bubble').filter({ hasText: messages.escalating }).waitFor();
    await item.filter({ hasText: 'Messaging · human-support' }).waitFor();
    await page.locator('#visitor-status', { hasText: 'Waiting for an agent' }).waitFor();
    // The message ended the visitor's typing (Messaging needs the ACTIVE state sent): the workspace says so.
    await page.locator('#chat-detail .typing', { hasText: 'is typing' }).waitFor({ state: 'detached' });

    // It waits in the human-support queue, where Alice takes it, and answers.
    const queued = page.locator('.queue[data-skill="human-support"] .waiting-entry', { hasText: 'Ada' });
    await queued.locator('.muted', { hasText: 'in queue' }).waitFor();
    await page.locator('#chat-detail').getByLabel('Take as').waitFor();
    await queued.getByLabel('Take as').selectOption({ label: 'Alice' });
    await queued.getByRole('button', { name: 'Take' }).click();
    const reply = page.getByRole('textbox', { name: 'Reply as Alice' });
    await reply.fill('Hi Ada, Alice here.');
    await reply.press('Enter');
    await visitorLines('.line.theirs.human .bubble').filter({ hasText: 'Hi Ada, Alice here.' }).waitFor();
    await page.locator('#visitor-status', { hasText: 'Chatting with Alice' }).waitFor();
    await page.locator('.queue[data-skill="human-support"] .waiting-entry').waitFor({ state: 'detached' });
    assert.equal(app.simulator!.messaging.conversation(app.simulator!.messaging.conversations()[0]!.id).assigned?.nickname, 'Alice');

    // Step 4's checklist ticks on Messaging too: the bot in the agent list, the escalation to a human.
    await page.locator('li[data-check="agents"].done').waitFor();
    await page.locator('li[data-check="escalation"].done').waitFor();
    await page.getByRole('button', { name: 'Close conversation' }).click();
    await page.locator('#visitor-status', { hasText: 'Conversation closed' }).waitFor();
    await item.locator('.badge', { hasText: 'Ended' }).waitFor();
    assert.deepEqual(problems, []);
  });

  it('shows quick replies as buttons the visitor clicks, their text sent as the visitor\'s message', async () => {
    const pair = await startPair(
      {
        async run(context: TurnContext) {
          if (context.activity.type !== 'message') return;
          if (context.activity.text === 'menu') await context.sendActivity(MessageFactory.suggestedActions([{ type: 'imBack', title: 'Pricing', value: 'how much?' }, 'Hours'], 'Pick one'));
          else await context.sendActivity(`You said: ${context.activity.text}`);
        },
      },
      { transport: 'messaging', messagingSkills: { 'human-support': 2 } },
      { messaging: true, log: false },
    );
    close = () => pair.close();
    await open(`${pair.sim.url}/`);
    await page.getByLabel('Your name').fill('Qi');
    await page.getByRole('button', { name: 'Start conversation' }).click();
    const input = page.getByRole('textbox', { name: 'Message' });
    await input.fill('menu');
    await input.press('Enter');
    const offered = visitorLines('.line.theirs').filter({ hasText: 'Pick one' });
    await offered.getByRole('button', { name: 'Hours' }).waitFor();
    await offered.getByRole('button', { name: 'Pricing' }).click();
    await visitorLines('.line.mine .bubble').filter({ hasText: 'how much?' }).waitFor();
    await visitorLines('.line.theirs .bubble').filter({ hasText: 'You said: how much?' }).waitFor();
    // Once answered, they are gone (as a Messaging window takes them away after the consumer's next message).
    await offered.getByRole('button', { name: 'Hours' }).waitFor({ state: 'hidden' });
    // Agents see which replies were offered, as text.
    await agentLines('.offered').filter({ hasText: 'Quick replies: Pricing · Hours' }).waitFor();
    assert.deepEqual(problems, []);
  });
});
