import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { LiveEngageSimulator } from '../../src/simulator/index.js';
import { waitFor } from '../support/harness.js';
import { launchChromium, recordRequests, watchProblems } from './chromium.js';

/**
 * What the page asks of the simulator, and when: the lost-contact banner and its backoff, the
 * dashboard without a source, the quick buttons. The page's time is Playwright's clock (the browser's
 * fake timers), so 2 minutes of backoff take a second; the simulator and the sockets are real.
 */
describe('simulator page in Chromium: what it asks of the simulator, and when', function () {
  this.timeout(30_000);
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const sims: LiveEngageSimulator[] = [];

  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    for (const sim of sims) await sim.stop();
  });

  async function simulator(options: ConstructorParameters<typeof LiveEngageSimulator>[0] = {}): Promise<LiveEngageSimulator> {
    const sim = new LiveEngageSimulator({ log: false, ...options });
    sims.push(sim);
    await sim.start();
    return sim;
  }

  /** A bare simulator answers 404 at /simulator/dashboard (no source), as it should. */
  const noSource = (text: string, url: string) => url.endsWith('/simulator/dashboard') && text.includes('404');
  /** While the simulator is stopped, every request is refused, as it should be. */
  const refused = (text: string) => text.includes('ERR_CONNECTION_REFUSED');

  /** A page in a context of its own (the clock is per context), its time faked when asked. */
  async function open(sim: LiveEngageSimulator, problems: string[], fakeClock = false, expected = noSource): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    if (fakeClock) await context.clock.install();
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    watchProblems(page, problems, expected);
    await page.goto(`${sim.url}/`);
    await page.locator('#feed-status', { hasText: 'Live' }).waitFor();
    return page;
  }

  it('says it lost contact when the simulator stops, asks again after 1 s, 2 s, 4 s ... 30 s, and clears when it is back', async () => {
    const problems: string[] = [];
    const sim = await simulator();
    const page = await open(sim, problems, true, (text, url) => noSource(text, url) || refused(text));
    await page.locator('#dashboard .placeholder', { hasText: 'No bot metrics here.' }).waitFor();
    const requests = recordRequests(page, sim.url);
    /** The page's time, in ms since the simulator stopped. */
    let now = 0;
    const at: number[] = [];
    page.on('request', (request) => {
      if (request.url().startsWith(sim.url)) at.push(now);
    });
    const quiet = () => waitFor('the page\'s requests to end', () => requests.inFlight() === 0);
    const advance = async (ms: number) => {
      await page.clock.runFor(ms);
      now += ms;
      await quiet();
    };

    // Stop time in the page, then the simulator: the stream ends, a refresh gets no answer.
    await page.clock.pauseAt((await page.evaluate('Date.now()')) as number + 500);
    await sim.stop();
    const banner = page.locator('#connection-banner');
    for (let i = 0; i < 50 && !(await banner.isVisible()); i++) await advance(100);
    await banner.filter({ hasText: 'Lost contact with the simulator, retrying' }).waitFor();
    await page.locator('#feed-status', { hasText: 'Lost contact' }).waitFor();
    const lostAt = now;
    const sent = requests.paths.length;

    // One probe after each pause; nothing in between.
    const pauses: number[] = [];
    for (let probe = 0; probe < 8; probe++) {
      const retries = Number(await banner.getAttribute('data-retries'));
      const pause = Number(await banner.getAttribute('data-retry-ms'));
      const due = Number(await banner.getAttribute('data-retry-at')) - ((await page.evaluate('Date.now()')) as number);
      const before = requests.paths.length;
      await advance(due - 50);
      assert.equal(requests.paths.length, before, `no request during the ${pause} ms pause: ${requests.paths.slice(before).join(', ')}`);
      await advance(50);
      await waitFor(`probe ${probe + 1}`, () => requests.paths.length === before + 1);
      await waitFor(`probe ${probe + 1} to fail`, async () => Number(await banner.getAttribute('data-retries')) === retries + 1);
      pauses.push(pause);
    }
    assert.deepEqual(pauses, [1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000], 'doubling from 1 s, at most 30 s');
    const firstTen = at.slice(sent).filter((t) => t <= lostAt + 10_000).length;
    assert.ok(firstTen <= 6, `${firstTen} requests in the first 10 s without the simulator: ${requests.paths.slice(sent).join(', ')}`);
    assert.ok(requests.paths.slice(sent).every((path) => path === '/simulator/page-settings'), requests.paths.slice(sent).join(', '));

    // A simulator on the same port again: the next probe finds it, the banner goes, the feed is live.
    const back = await simulator({ port: Number(new URL(sim.url).port) });
    assert.equal(back.url, sim.url);
    await advance(Number(await banner.getAttribute('data-retry-at')) - ((await page.evaluate('Date.now()')) as number));
    await page.locator('#connection-banner').waitFor({ state: 'detached' });
    await page.clock.resume();
    await page.locator('#feed-status', { hasText: 'Live' }).waitFor();
    assert.deepEqual(problems, []);
  });

  it('asks GET /simulator/dashboard once when the simulator has no dashboard source, not every 2 s', async () => {
    const problems: string[] = [];
    const sim = await simulator();
    const page = await open(sim, problems, true);
    await page.locator('#dashboard .placeholder', { hasText: 'No bot metrics here.' }).waitFor();
    const requests = recordRequests(page, sim.url);
    await page.clock.pauseAt((await page.evaluate('Date.now()')) as number + 500);
    // 20 s of the page's time, in steps of the old 2 s refresh, each waited out.
    for (let i = 0; i < 10; i++) {
      await page.clock.runFor(2000);
      await waitFor('the page\'s requests to end', () => requests.inFlight() === 0);
    }
    assert.equal(sim.stats().byOperation['control.dashboard'], 1, `asked ${sim.stats().byOperation['control.dashboard']} times`);
    assert.deepEqual(requests.paths.filter((path) => path.includes('dashboard')), []);
    assert.deepEqual(problems, []);
  });
});
