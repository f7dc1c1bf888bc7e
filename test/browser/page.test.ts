import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startSupportBot, type SupportBotHandles } from '../../samples/support-bot/app.js';
import { messages } from '../../samples/support-bot/messages.js';
import { SUPPORT_BOT_VARIANTS } from '../../samples/support-bot/variants.js';

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
    await polling.close();
    assert.deepEqual(problems, []);
  });
});
