import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { startAgentsBot } from '../../samples/agents-bot/app.js';
import { startSupportBot } from '../../samples/support-bot/app.js';
import { messages } from '../../samples/support-bot/messages.js';
import { waitFor } from '../support/harness.js';
import { launchChromium } from './chromium.js';

/**
 * The Microsoft 365 Agents Playground (the successor of the archived Bot Framework Emulator), as a
 * developer uses it: `agentsplayground -e <the sample's /api/messages> -c emulator`, driven in Chromium,
 * against both samples. Its connector refuses every activity but message, typing and trace (400), so a
 * transfer (or the end after the CSAT rating) sent as is would fail the turn and show the failover line:
 * HandoffFallbackMiddleware turns it into a trace and a notice there.
 */
const PLAYGROUND = fileURLToPath(new URL('../../node_modules/.bin/agentsplayground', import.meta.url));

/** A sample as `npm start` / `npm run start:agents` runs it: its /api/messages, and how to stop it. */
interface RunningSample {
  endpoint: string;
  close(): Promise<void>;
}

const SAMPLES: { name: string; screenshot: string; escalate: string; start: (log: (line: string) => void) => Promise<RunningSample> }[] = [
  {
    name: 'the botbuilder sample (npm start)',
    screenshot: 'agents-playground.png',
    escalate: 'agent',
    start: async (log) => {
      const app = await startSupportBot({ port: 0, simulatorPort: 0, typingDelayMs: 0, abTest: false, log });
      return { endpoint: app.emulatorEndpoint, close: () => app.close() };
    },
  },
  {
    name: 'the Agents SDK sample (npm run start:agents)',
    screenshot: 'agents-sdk-playground.png',
    escalate: 'I want to talk to a person',
    start: async (log) => {
      const app = await startAgentsBot({ port: 0, simulatorPort: 0, log });
      return { endpoint: app.endpoint, close: () => app.close() };
    },
  },
];

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

for (const sample of SAMPLES) {
  describe(`${sample.name} in the Agents Playground (real Chromium)`, function () {
    this.timeout(60_000);
    let app: RunningSample | undefined;
    let playground: ChildProcess | undefined;
    let browser: Browser | undefined;
    let page: Page;
    const botLog: string[] = [];
    let playgroundOutput = '';

    before(async function () {
      browser = await launchChromium();
      app = await sample.start((line) => botLog.push(line));
      const port = await freePort();
      playground = spawn(PLAYGROUND, ['-e', app.endpoint, '-c', 'emulator', '-p', String(port), '--disable-telemetry'], {
        env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      playground.stdout?.on('data', (chunk: Buffer) => (playgroundOutput += chunk.toString()));
      playground.stderr?.on('data', (chunk: Buffer) => (playgroundOutput += chunk.toString()));
      const listening = await waitFor('the Playground to listen', () => /Listening on (\d+)/.exec(playgroundOutput)?.[1], 30_000);
      page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      page.setDefaultTimeout(15_000);
      await page.goto(`http://127.0.0.1:${listening}/`, { waitUntil: 'domcontentloaded' });
    });

    afterEach(async function () {
      if (this.currentTest?.state === 'failed' && page) {
        mkdirSync('test-results', { recursive: true });
        await page.screenshot({ path: join('test-results', sample.screenshot), fullPage: true }).catch(() => undefined);
        console.error(`screenshot: test-results/${sample.screenshot}\n${playgroundOutput.slice(-2000)}\n${botLog.join('\n')}`);
      }
    });

    after(async () => {
      await browser?.close();
      playground?.kill();
      await app?.close();
    });

    /** The Playground's message box is a rich-text editor (Lexical), not a textarea. */
    async function say(text: string): Promise<void> {
      await page.locator('[data-lexical-editor="true"]').click();
      await page.keyboard.type(text);
      await page.keyboard.press('Enter');
    }

    const chatShows = (text: string) => page.getByText(text, { exact: true }).first().waitFor();
    const logPanel = () => page.locator('body').innerText();

    it('welcomes the user when the Playground connects', async () => {
      await page.getByText(/^Hi[^!]*! I'm the Support Bot/).first().waitFor();
    });

    it('answers a question', async () => {
      await say('how much does it cost?');
      await chatShows(messages.pricing);
    });

    it(`escalates on "${sample.escalate}" with no error for the user and no activity refused by the Playground`, async () => {
      await say(sample.escalate);
      await chatShows(messages.escalating);
      await chatShows(messages.transferNotice('human-support'));
      await waitFor('the transfer trace in the log panel', async () => /trace 20\d LiveEngage transfer/.test(await logPanel()), 15_000);
      const text = await logPanel();
      assert.doesNotMatch(text, /User Application -> Microsoft 365 Agents Playground \S+ [45]\d\d/, 'an activity the Playground refused');
      assert.doesNotMatch(text, /something went wrong|error or bug/i);
      assert.deepEqual(botLog.filter((line) => /turn failed/.test(line)), []);
    });

    it('"bye" asks for a rating, thanks for it, and the end is a trace, with nothing refused', async () => {
      await say('bye');
      await chatShows(messages.csatQuestion);
      await say('5');
      await chatShows(messages.csatThanks(5));
      await waitFor('the end trace in the log panel', async () => /trace 20\d LiveEngage end/.test(await logPanel()), 15_000);
      assert.doesNotMatch(await logPanel(), /User Application -> Microsoft 365 Agents Playground \S+ [45]\d\d/, 'an activity the Playground refused');
      assert.deepEqual(botLog.filter((line) => /turn failed/.test(line)), []);
    });
  });
}
