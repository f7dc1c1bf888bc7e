/**
 * Regenerates the README's pictures of the simulator page (not a test):
 *
 *   npx tsx test/browser/screenshot.ts [dir] [width]
 *
 * Runs the sample bot on the simulator, plays visitors (one escalated and taken by Alice, one waiting in
 * the human-support queue, one with the bot, and a few who say "bye" and rate the chat) and photographs
 * the page down to the "Bot performance" panel (page.png), the visitor panel (visitor.png), the agent
 * workspace (workspace.png), then the performance panel (dashboard.png), into dir (docs/), 1280 px wide
 * unless told (e.g. 390 to see the phone layout).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startSupportBot } from '../../samples/support-bot/app.js';
import { waitFor } from '../support/harness.js';
import { launchChromium } from './chromium.js';

const dir = process.argv[2] ?? 'docs';
const out = join(dir, 'page.png');
const dashboardOut = join(dir, 'dashboard.png');
const viewportWidth = Number(process.argv[3] ?? 1280);
mkdirSync(dir, { recursive: true });
const app = await startSupportBot({ port: 0, simulatorPort: 0, typingDelayMs: 100, pollIntervalMs: 200, log: () => undefined });
const sim = app.simulator!;
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: viewportWidth, height: 900 } });
  page.setDefaultTimeout(10_000);
  await page.goto(app.pageUrl!);
  await page.locator('#feed-status', { hasText: 'Live' }).waitFor();

  const botLines = (chatId: string) => sim.chat(chatId).events.filter((e) => e.source === 'agent').length;
  const say = async (chatId: string, text: string) => {
    const before = botLines(chatId);
    sim.visitorSays(chatId, text);
    await waitFor(`an answer to "${text}"`, () => botLines(chatId) > before);
  };

  // Visitors who got their answer, said bye and rated the chat; one more who asked for a person.
  const rated: [string, string, string][] = [
    ['Finn', 'What are your opening hours?', '5'], ['Gia', 'How much does it cost?', '4'], ['Hugo', 'Where is my order 123456?', '5'],
    ['Ines', 'Do you open on weekends?', '3'], ['Jon', 'Track my parcel 556677', '5'], ['Kim', 'What plans do you have?', '4'],
    ['Lea', 'When are you open?', '2'], ['Max', 'How much is Pro?', '5'],
  ];
  for (const [name, question, rating] of rated) {
    const id = sim.startChat({ skill: 'support-bot', visitorName: name }).chatId;
    await waitFor('welcome', () => botLines(id) > 0);
    await say(id, question);
    await say(id, 'Great, thanks. Bye!');
    sim.visitorSays(id, rating);
    await waitFor('the end', () => sim.chat(id).state === 'ended');
  }
  const noor = sim.startChat({ skill: 'support-bot', visitorName: 'Noor' }).chatId;
  await waitFor('welcome', () => botLines(noor) > 0);
  sim.visitorSays(noor, 'I want to talk to someone');
  await waitFor('the transfer', () => sim.chat(noor).state === 'waiting' && sim.chat(noor).skill.name === 'human-support');
  sim.humanTakes(noor, '2001');
  sim.humanSays(noor, 'Hi Noor, Alice here.');
  sim.humanEnds(noor);

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
  // The page down to the Bot performance panel's heading; the panel has its own picture.
  const performance = await page.locator('#performance').boundingBox();
  const width = page.viewportSize()!.width;
  await page.screenshot({ path: out, fullPage: true, clip: { x: 0, y: 0, width, height: Math.round(performance!.y) } });
  console.log(`wrote ${out}`);
  for (const [selector, name] of [['.visitor-panel', 'visitor.png'], ['#workspace', 'workspace.png']] as const) {
    const box = (await page.locator(selector).boundingBox())!;
    await page.screenshot({ path: join(dir, name), fullPage: true, clip: { x: box.x, y: box.y, width: box.width, height: box.height } });
    console.log(`wrote ${join(dir, name)}`);
  }

  // Wait for the panel to have counted every chat above, then photograph it.
  await page.waitForFunction(`[...document.querySelectorAll('.dash-table tr[data-metric="csat-responses"] td')].reduce((n, td) => n + Number(td.textContent), 0) === ${rated.length}`);
  await page.waitForTimeout(300);
  const panel = (await page.locator('#performance').boundingBox())!;
  const margin = 16;
  await page.screenshot({ path: dashboardOut, fullPage: true, clip: { x: panel.x - margin, y: panel.y - margin, width: panel.width + 2 * margin, height: panel.height + 2 * margin } });
  console.log(`wrote ${dashboardOut}`);
} finally {
  await browser.close();
  await app.close();
}
