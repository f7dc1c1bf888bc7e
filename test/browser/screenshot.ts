/**
 * Regenerates docs/page.png, the README's picture of the simulator page (not a test):
 *
 *   npx tsx test/browser/screenshot.ts [out.png]
 *
 * Runs the sample bot on the simulator, plays three visitors (one escalated and taken by Alice, one
 * waiting in the human-support queue, one with the bot) and photographs the page.
 */
import { chromium } from 'playwright-core';
import { startSupportBot } from '../../samples/support-bot/app.js';
import { waitFor } from '../support/harness.js';

const out = process.argv[2] ?? 'docs/page.png';
const app = await startSupportBot({ port: 0, simulatorPort: 0, typingDelayMs: 100, pollIntervalMs: 200, log: () => undefined });
const sim = app.simulator!;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
try {
  const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
  page.setDefaultTimeout(10_000);
  await page.goto(app.pageUrl!);
  await page.locator('#feed-status', { hasText: 'Live' }).waitFor();

  const botLines = (chatId: string) => sim.chat(chatId).events.filter((e) => e.source === 'agent').length;
  const say = async (chatId: string, text: string) => {
    const before = botLines(chatId);
    sim.visitorSays(chatId, text);
    await waitFor(`an answer to "${text}"`, () => botLines(chatId) > before);
  };

  const cleo = sim.startChat({ skill: 'support-bot', visitorName: 'Cleo' }).chatId;
  await waitFor('welcome', () => botLines(cleo) > 0);
  await say(cleo, 'Where is my order?');

  const ben = sim.startChat({ skill: 'support-bot', visitorName: 'Ben' }).chatId;
  await waitFor('welcome', () => botLines(ben) > 0);
  await say(ben, 'How much does it cost?');
  await say(ben, 'I have a complaint');

  await page.getByLabel('Your name').fill('Ada');
  await page.getByRole('button', { name: 'Start chat' }).click();
  const input = page.getByRole('textbox', { name: 'Message' });
  await page.locator('#visitor-transcript .line.theirs').first().waitFor();
  for (const [text, answers] of [['What are your opening hours?', 2], ['agent', 3]] as const) {
    await input.fill(text);
    await input.press('Enter');
    await page.locator('#visitor-transcript .line.theirs').nth(answers - 1).waitFor();
  }
  await page.locator('.chat-item', { hasText: 'Ada' }).click();
  const queued = page.locator('.queue[data-skill="human-support"] .waiting-entry', { hasText: 'Ada' });
  await queued.getByRole('button', { name: 'Take' }).click();
  const reply = page.getByRole('textbox', { name: 'Reply as Alice' });
  await reply.fill('Hi Ada, Alice here. How can I help?');
  await reply.press('Enter');
  await page.locator('#visitor-transcript .line.human').waitFor();
  await input.fill('My order 123456 has not arrived yet.');
  await input.press('Enter');
  await page.locator('#agent-transcript .line.visitor', { hasText: '123456' }).waitFor();
  await reply.fill('Let me check that for you.');
  await page.evaluate('document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)');
  await page.waitForTimeout(300);
  await page.screenshot({ path: out, fullPage: true });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  await app.close();
}
