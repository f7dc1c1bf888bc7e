import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { LiveEngageSimulator } from '../../src/simulator/index.js';
import { waitFor } from '../support/harness.js';
import { launchChromium, watchProblems } from './chromium.js';

/** The widths the page is made for: desktop, laptop, tablet, phone. */
const WIDTHS = [1440, 1280, 1024, 390] as const;

/** A dashboard source with two A/B variants, so the panel draws every chart and its hidden tables. */
const variant = (name: string, resolved: number, transferred: number) => ({
  botUser: 'support-bot',
  variant: name,
  chats: { accepted: resolved + transferred, open: 0, resolved, transferred, released: 0 },
  resolutionRate: resolved / (resolved + transferred),
  transfers: { accepted: transferred, failed: 0, topReasons: [{ reason: 'visitor asked for a person ("agent")', accepted: transferred, failed: 0 }] },
  replyLatency: { averageMs: 180 },
  csat: { responses: 3, skipped: 1, average: 4.3, distribution: { 1: 0, 2: 0, 3: 1, 4: 0, 5: 2 } },
});
const SUMMARY = { since: new Date().toISOString(), generatedAt: new Date().toISOString(), bots: [variant('A', 5, 1), variant('B', 3, 2)], api: [] };

/** What the page measures of itself at one width (runs in the page: a string, the test has no DOM types). */
type Layout = {
  page: { scrollWidth: number; clientWidth: number; wider: string[] };
  chatList: { scrollHeight: number; clientHeight: number; scrollWidth: number; clientWidth: number; items: number };
  agents: { cardRight: number; tableRight: number; wrapScroll: number; wrapClient: number; cutCells: string[] };
};
const MEASURE = `(() => {
  const de = document.documentElement;
  const right = (el) => el.getBoundingClientRect().right;
  // The outermost elements that reach past the page's right edge: what widens the page.
  const wider = [...document.body.querySelectorAll('*')]
    .filter((el) => right(el) > de.clientWidth + 0.5 && !(el.parentElement && right(el.parentElement) > de.clientWidth + 0.5))
    .map((el) => el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ').join('.') : '') + ' to ' + Math.round(right(el)));
  const list = document.getElementById('chat-list');
  const card = document.querySelector('.agents-card');
  const inner = card.getBoundingClientRect().right - parseFloat(getComputedStyle(card).paddingRight);
  const table = document.querySelector('table.agents');
  const wrap = table.parentElement;
  const cutCells = [...table.querySelectorAll('tbody th, tbody td')]
    .filter((cell) => right(cell) > inner + 0.5)
    .map((cell) => cell.closest('tr').getAttribute('data-agent') + ': ' + cell.textContent.trim());
  return {
    page: { scrollWidth: Math.max(de.scrollWidth, document.body.scrollWidth), clientWidth: de.clientWidth, wider },
    chatList: { scrollHeight: list.scrollHeight, clientHeight: list.clientHeight, scrollWidth: list.scrollWidth, clientWidth: list.clientWidth, items: list.querySelectorAll('.chat-item').length },
    agents: { cardRight: inner, tableRight: right(table), wrapScroll: wrap.scrollWidth, wrapClient: wrap.clientWidth, cutCells },
  };
})()`;

describe('simulator page in Chromium: the layout at 1440, 1280, 1024 and 390 px', function () {
  this.timeout(30_000);
  let sim: LiveEngageSimulator;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  before(async () => {
    browser = await launchChromium();
    sim = new LiveEngageSimulator({ log: false, dashboard: () => SUMMARY });
    await sim.start();
    // More chats than the old scrolling Chats list showed (420 px): open, waiting, one with Alice, ended.
    const alice = sim.agents().find((a) => a.loginName === 'alice')!;
    const names = ['Ada', 'Ben', 'Cleo', 'Dan', 'Eve', 'Finn', 'Gia', 'Hugo', 'Ines', 'Jon', 'Kim', 'Lea', 'Max'];
    names.forEach((name, i) => {
      const { chatId } = sim.startChat({ skill: i % 3 === 0 ? 'human-support' : 'support-bot', visitorName: name });
      if (i === 0) sim.humanTakes(chatId, alice.id);
      if (i >= 4) sim.visitorEnds(chatId);
    });
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.setDefaultTimeout(10_000);
    watchProblems(page, problems);
    await page.goto(`${sim.url}/`);
    await page.locator('#feed-status', { hasText: 'Live' }).waitFor();
    await page.locator('.dash-card').nth(1).waitFor();
    await page.locator('.dash-table').first().waitFor({ state: 'attached' });
    await page.locator('.chat-item').nth(8).waitFor();
    // The visitor in a chat too, as someone testing their bot would be.
    await page.getByLabel('Your name').fill('Zoe');
    await page.getByRole('button', { name: 'Start chat' }).click();
    await page.locator('#visitor-status', { hasText: 'Waiting for an agent' }).waitFor();
  });

  after(async () => {
    await browser?.close();
    await sim?.stop();
  });

  for (const width of WIDTHS) {
    it(`at ${width} px: no sideways page scroll, a Chats list that does not scroll inside itself, the whole agents table`, async () => {
      await page.setViewportSize({ width, height: 900 });
      // Layout follows the resize (and the charts refit their labels): wait until the page measures as it should.
      let last: Layout | undefined;
      const fits = (l: Layout) =>
        l.page.clientWidth === width &&
        l.page.scrollWidth <= l.page.clientWidth &&
        l.chatList.scrollHeight <= l.chatList.clientHeight &&
        l.chatList.scrollWidth <= l.chatList.clientWidth &&
        l.agents.tableRight <= l.agents.cardRight + 0.5 &&
        l.agents.wrapScroll <= l.agents.wrapClient &&
        l.agents.cutCells.length === 0;
      await waitFor(`the layout at ${width} px`, async () => {
        last = (await page.evaluate(MEASURE)) as Layout;
        return fits(last);
      }, 3000).catch(() => undefined);
      const l = last!;
      assert.ok(l.page.scrollWidth <= l.page.clientWidth, `the page scrolls sideways at ${width} px: ${l.page.scrollWidth} > ${l.page.clientWidth}, widened by ${l.page.wider.join(', ')}`);
      assert.ok(l.chatList.items >= 6, `the Chats list shows the chats (${l.chatList.items})`);
      assert.ok(l.chatList.scrollHeight <= l.chatList.clientHeight && l.chatList.scrollWidth <= l.chatList.clientWidth,
        `the Chats list overflows its box at ${width} px (a scrollbar): ${JSON.stringify(l.chatList)}`);
      assert.ok(l.agents.tableRight <= l.agents.cardRight + 0.5 && l.agents.wrapScroll <= l.agents.wrapClient,
        `the agents table is wider than its card at ${width} px: ${JSON.stringify(l.agents)}`);
      assert.deepEqual(l.agents.cutCells, [], `agent cells cut off at ${width} px`);
      assert.deepEqual(problems, []);
    });
  }

  it('at 390 px the agents are stacked, every cell readable: name, skills, state, chats, the online switch', async () => {
    await page.setViewportSize({ width: 390, height: 900 });
    const alice = page.locator('tr[data-agent="alice"]');
    for (const text of ['Alice', 'human-support', 'Online', '1 / 4', 'Set offline']) {
      const part = alice.getByText(text, { exact: false }).first();
      assert.ok(await part.isVisible(), `${text} is visible`);
    }
    // Stacked: the skills sit under the name, not beside it.
    const name = (await alice.locator('th').boundingBox())!;
    const skills = (await alice.locator('.agent-skills').boundingBox())!;
    assert.ok(skills.y >= name.y + name.height - 1, `skills (${skills.y}) below the name (${name.y + name.height})`);
  });
});
