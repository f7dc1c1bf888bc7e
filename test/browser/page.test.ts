import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startSupportBot, type SupportBotHandles } from '../../samples/support-bot/app.js';
import { messages } from '../../samples/support-bot/messages.js';
import { SUPPORT_BOT_VARIANTS } from '../../samples/support-bot/variants.js';
import { LiveEngageSimulator } from '../../src/simulator/index.js';
import { waitFor } from '../support/harness.js';

/** Either A/B variant's welcome (the variant is a hash of the chat id). */
const anyWelcome = (name: string) => new RegExp(SUPPORT_BOT_VARIANTS.map((v) => v.welcome(name).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'));

/** Debian's `chromium` package; CI (`.ci/run`) installs it. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

describe('simulator page in Chromium: Step 4 "Test your bot" with the sample bot', function () {
  this.timeout(30_000);
  let app: SupportBotHandles | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  let profile: string | undefined;
  const problems: string[] = [];

  before(async function () {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `Chromium is not installed at ${CHROMIUM}, and the browser test needs it. ` +
          'Install it with: sudo apt-get update && sudo apt-get install -y chromium (CI does this in .ci/run), ' +
          'or point CHROMIUM_PATH at a Chromium or Chrome binary.',
      );
    }
    app = await startSupportBot({ port: 0, simulatorPort: 0, typingDelayMs: 150, pollIntervalMs: 200, log: () => undefined });
    profile = mkdtempSync(join(tmpdir(), 'chromium-profile-'));
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: CHROMIUM_ARGS, viewport: { width: 1440, height: 1000 } });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
    });
    page.on('requestfailed', (request) => {
      // The server-sent event stream is cut when the test ends; anything else failing is a bug.
      if (!request.url().endsWith('/simulator/changes')) problems.push(`request failed: ${request.url()}`);
    });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) {
      mkdirSync('test-results', { recursive: true });
      const file = join('test-results', `${this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').slice(0, 80)}.png`);
      await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
      console.error(`screenshot: ${file}${problems.length ? `\n${problems.join('\n')}` : ''}`);
    }
  });

  after(async () => {
    await context?.close();
    await app?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  const visitorLines = (selector = '.line') => page.locator(`#visitor-transcript ${selector}`);
  const agentLines = (selector = '.line') => page.locator(`#agent-transcript ${selector}`);

  it('chats with the bot, escalates with "agent", and Alice takes the chat from the queue and answers', async () => {
    await page.goto(app!.pageUrl!);
    await page.locator('html[data-ready]').waitFor({ state: 'attached' });
    await page.locator('#feed-status', { hasText: 'Live' }).waitFor();
    assert.equal(await page.locator('#account-id').textContent(), app!.simulator!.accountId);
    await page.locator('#dashboard .placeholder', { hasText: 'No chats yet.' }).waitFor();

    // "View the agent list to see that your bot displays"
    const botRow = page.locator('tr[data-agent="support-bot"]');
    await botRow.locator('.badge', { hasText: 'Online' }).waitFor();
    assert.match((await botRow.textContent()) ?? '', /Support Bot.*Bot.*support-bot/);

    // "Start a conversation and ensure the bot picks up the appropriate skill"
    await page.getByLabel('Your name').fill('Ada');
    await page.getByLabel('Skill (engagement)').selectOption('support-bot');
    await page.getByRole('button', { name: 'Start chat' }).click();
    await visitorLines('.line.theirs .bubble').filter({ hasText: anyWelcome('Ada') }).waitFor();
    await page.locator('#visitor-status', { hasText: 'Chatting with Support Bot' }).waitFor();

    const input = page.getByRole('textbox', { name: 'Message' });
    await input.fill('What are your opening hours?');
    await input.press('Enter');
    await visitorLines('.line.mine .bubble').filter({ hasText: 'What are your opening hours?' }).waitFor();
    await visitorLines('.line.theirs .bubble').filter({ hasText: messages.hours }).waitFor();

    // "Ensure you are able to see the bot conversation from the agent workspace and monitor it in real time"
    await page.locator('.chat-item[aria-current="true"]', { hasText: 'Ada' }).waitFor();
    await agentLines('.line.bot .bubble').filter({ hasText: messages.hours }).waitFor();
    await page.locator('.monitor', { hasText: 'Support Bot is handling this chat' }).waitFor();

    // "Test the escalation to human agent"
    await input.fill('agent');
    await input.press('Enter');
    await visitorLines('.line.theirs .bubble').filter({ hasText: messages.escalating }).waitFor();
    await visitorLines('.line.system').filter({ hasText: 'transfer the chat to human-support' }).waitFor();
    const queued = page.locator('.queue[data-skill="human-support"] .waiting-entry', { hasText: 'Ada' });
    await queued.waitFor();
    await agentLines('.line.agents-only').filter({ hasText: 'Visitor asked for a person ("agent")' }).waitFor();
    assert.equal(await visitorLines('.agents-only').count(), 0, 'the visitor never sees agent-only lines');
    await page.locator('#visitor-status', { hasText: 'Waiting for an agent' }).waitFor();

    // Take it as Alice from the human-support queue, and answer.
    await queued.getByLabel('Take as').selectOption({ label: 'Alice' });
    await queued.getByRole('button', { name: 'Take' }).click();
    const reply = page.getByRole('textbox', { name: 'Reply as Alice' });
    await reply.waitFor();
    assert.equal(await page.evaluate('document.activeElement && document.activeElement.id'), await reply.getAttribute('id'), 'the reply box has the focus after taking the chat');
    await reply.fill('Hi Ada, this is Alice. How can I help?');
    await reply.press('Enter');

    // The visitor sees the human's line.
    await visitorLines('.line.theirs.human .bubble').filter({ hasText: 'Hi Ada, this is Alice. How can I help?' }).waitFor();
    await page.locator('#visitor-status', { hasText: 'Chatting with Alice' }).waitFor();
    assert.equal(await page.locator('.queue[data-skill="human-support"] .waiting-entry').count(), 0);

    // The human's side sees the visitor, and ends the chat.
    await input.fill('Thanks!');
    await input.press('Enter');
    await agentLines('.line.visitor .bubble').filter({ hasText: 'Thanks!' }).waitFor();
    await page.getByRole('button', { name: 'End chat' }).last().click();
    await page.locator('#visitor-status', { hasText: 'Chat ended' }).waitFor();
    await page.getByRole('button', { name: 'New chat' }).waitFor();

    // Every point of Step 4 ticked itself.
    await page.locator('#checklist .check.done').nth(4).waitFor();
    assert.deepEqual(problems, []);
  });

  it('draws the bot performance panel: the escalated chat, and a resolved one rated 5 after "bye"', async () => {
    await page.getByRole('button', { name: 'New chat' }).click();
    await page.getByLabel('Your name').fill('Eve');
    await page.getByRole('button', { name: 'Start chat' }).click();
    await visitorLines('.line.theirs .bubble').filter({ hasText: anyWelcome('Eve') }).waitFor();
    const input = page.getByRole('textbox', { name: 'Message' });
    await input.fill('Thanks, bye');
    await input.press('Enter');
    await visitorLines('.line.theirs .bubble').filter({ hasText: messages.csatQuestion }).waitFor();
    await input.fill('5');
    await input.press('Enter');
    await visitorLines('.line.theirs .bubble').filter({ hasText: messages.csatThanks(5) }).waitFor();
    await page.locator('#visitor-status', { hasText: 'Chat ended' }).waitFor();

    // Per bot user and variant, the numbers (the charts' data table, for screen readers).
    type Card = { variant: string; numbers: Record<string, string>; reasons: Record<string, string>; charts: string[] };
    // Runs in the page (a string: the test's TypeScript has no DOM types, and tsx would rename functions).
    const readCards = `(elements) => elements.map((card) => {
      const rows = [...card.querySelectorAll('.dash-table tr')];
      const cell = (tr) => [tr.querySelector('th').textContent, tr.querySelector('td').textContent];
      return {
        variant: card.getAttribute('data-variant'),
        numbers: Object.fromEntries(rows.filter((tr) => tr.dataset.metric !== 'reason').map((tr) => [tr.dataset.metric, cell(tr)[1]])),
        reasons: Object.fromEntries(rows.filter((tr) => tr.dataset.metric === 'reason').map(cell)),
        // Each chart is an SVG image labelled by its title: the summary in words.
        charts: [...card.querySelectorAll('svg[role="img"]')].map((svg) => document.getElementById(svg.getAttribute('aria-labelledby')).textContent),
      };
    })`;
    const cards = async (): Promise<Card[]> => (await page.evaluate(`(${readCards})([...document.querySelectorAll('.dash-card')])`)) as Card[];
    const sum = (all: Card[], metric: string) => all.reduce((total, card) => total + Number(card.numbers[metric] ?? 0), 0);
    const all = await waitFor('the panel to count both chats', async () => {
      const now = await cards();
      return sum(now, 'resolved') >= 1 && sum(now, 'transferred') === 1 && sum(now, 'csat-responses') === 1 ? now : undefined;
    });
    assert.ok(all.every((card) => ['A', 'B'].includes(card.variant)), 'one card per A/B variant');
    const rated = all.find((card) => card.numbers['csat-responses'] === '1')!;
    assert.equal(rated.numbers['csat-average'], '5.0');
    assert.ok(rated.charts.includes('CSAT average 5.0 out of 5, from 1 rating.'), rated.charts.join('\n'));
    assert.ok(rated.charts.includes('CSAT ratings: 1 stars 0, 2 stars 0, 3 stars 0, 4 stars 0, 5 stars 1.'));
    const transferred = all.find((card) => card.numbers.transferred === '1')!;
    assert.deepEqual(transferred.reasons, { 'Transfer reason: Visitor asked for a person ("agent")': '1' });
    assert.ok(transferred.charts.some((summary) => /^Chats closed: \d+ resolved by the bot, 1 transferred to a person, 0 released\. Resolution rate \d+%\.$/.test(summary)), transferred.charts.join('\n'));
    assert.ok(transferred.charts.includes('Top transfer reasons: Visitor asked for a person ("agent") 1.'));
    const summaries = all.flatMap((card) => card.charts);
    assert.ok(summaries.length >= 3 * all.length && summaries.every(Boolean), 'every chart has its summary');
    // Drawn, not only numbers: the bars exist and have a width.
    for (const segment of ['resolved', 'transferred']) {
      assert.ok(((await page.locator(`.dash-card svg rect.seg-${segment}`).first().boundingBox())?.width ?? 0) > 10, `a ${segment} bar`);
    }
    // Two variants with chats: the A/B comparison on top.
    assert.equal(await page.locator('.dash-compare').count(), all.length > 1 ? 1 : 0);
    assert.deepEqual(problems, []);
  });

  it('offers the sample bot\'s questions as quick buttons (its visitorSuggestions), and the bot answers them', async () => {
    await page.getByRole('button', { name: 'New chat' }).click();
    await page.getByLabel('Your name').fill('Quinn');
    await page.getByRole('button', { name: 'Start chat' }).click();
    await visitorLines('.line.theirs .bubble').filter({ hasText: anyWelcome('Quinn') }).waitFor();
    const quick = page.getByRole('list', { name: 'Quick messages' }).getByRole('button');
    assert.deepEqual(await quick.allTextContents(), ['What are your opening hours?', 'How much does it cost?', 'Where is my order?', 'I want to talk to an agent', 'Bye']);
    await quick.filter({ hasText: 'How much does it cost?' }).click();
    await visitorLines('.line.mine .bubble').filter({ hasText: 'How much does it cost?' }).waitFor();
    await visitorLines('.line.theirs .bubble').filter({ hasText: messages.pricing }).waitFor();
    assert.deepEqual(problems, []);
  });

  it('says so when the embedding app gives no dashboard source', async () => {
    const plain = new LiveEngageSimulator({ log: false });
    await plain.start();
    const other = await context!.newPage();
    try {
      await other.goto(`${plain.url}/`);
      await other.locator('#dashboard .placeholder', { hasText: 'No bot metrics here.' }).waitFor();
      assert.match((await other.locator('#dashboard').textContent()) ?? '', /new LiveEngageSimulator\(\{ dashboard: \(\) => metrics\.summary\(\) \}\)/);
    } finally {
      await other.close();
      await plain.stop();
    }
  });

  it('offers no quick buttons on a bare simulator, and the visitorSuggestions given to one as buttons that send them', async () => {
    const bare = new LiveEngageSimulator({ log: false });
    const hinted = new LiveEngageSimulator({ log: false, visitorSuggestions: ['Do you ship abroad?', 'Bye'] });
    await bare.start();
    await hinted.start();
    const plain = await context!.newPage();
    const other = await context!.newPage();
    try {
      await plain.goto(`${bare.url}/`);
      await plain.locator('#quick-replies[data-loaded]').waitFor({ state: 'attached' });
      await plain.getByLabel('Your name').fill('Ada');
      await plain.getByRole('button', { name: 'Start chat' }).click();
      await plain.locator('#visitor-status', { hasText: 'Waiting for an agent' }).waitFor();
      assert.equal(await plain.locator('#quick-replies button').count(), 0);
      assert.equal(await plain.locator('#quick-replies').isVisible(), false);

      await other.goto(`${hinted.url}/`);
      await other.getByLabel('Your name').fill('Ben');
      await other.getByRole('button', { name: 'Start chat' }).click();
      await other.locator('#visitor-status', { hasText: 'Waiting for an agent' }).waitFor();
      const buttons = other.getByRole('list', { name: 'Quick messages' }).getByRole('button');
      await buttons.first().waitFor();
      assert.deepEqual(await buttons.allTextContents(), ['Do you ship abroad?', 'Bye']);
      await buttons.filter({ hasText: 'Do you ship abroad?' }).click();
      const chatId = hinted.chats()[0]!.id;
      await waitFor('the visitor line', () => hinted.chat(chatId).events.some((e) => e.source === 'visitor' && e.text === 'Do you ship abroad?'));
    } finally {
      await plain.close();
      await other.close();
      await bare.stop();
      await hinted.stop();
    }
  });

  it('keeps up by polling when the server-sent event stream is blocked', async () => {
    const polling = await context!.newPage();
    polling.setDefaultTimeout(10_000);
    polling.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await polling.route('**/simulator/changes', (route) => route.abort());
    await polling.goto(app!.pageUrl!);
    await polling.locator('#feed-status', { hasText: /polling/i }).waitFor();
    await polling.getByLabel('Your name').fill('Bo');
    await polling.getByRole('button', { name: 'Start chat' }).click();
    await polling.locator('#visitor-transcript .line.theirs .bubble').filter({ hasText: anyWelcome('Bo') }).waitFor();
    assert.equal(await polling.locator('#connection-banner').count(), 0, 'the simulator answers: no lost-contact banner');
    await polling.close();
    assert.deepEqual(problems, []);
  });
});
