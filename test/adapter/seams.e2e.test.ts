import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as agents from '../../src/agents/index.js';
import * as root from '../../src/index.js';
import type { ApiRequest, HttpClient, HttpSettings } from '../../src/index.js';
import { LiveEngageSimulator } from '../../src/simulator/index.js';
import { readmeCodeBlock } from '../package/readme.js';
import { fastSettings, waitFor, waitForLines } from '../support/harness.js';

/** Notes the settings the seam was asked with, and every request through the client it made. */
class Recorder {
  readonly operations: string[] = [];
  readonly made: HttpSettings[] = [];

  wrap(settings: HttpSettings, inner: HttpClient): HttpClient {
    this.made.push(settings);
    const note = (req: ApiRequest) => this.operations.push(req.operation);
    return {
      settings: inner.settings,
      request: (req) => (note(req), inner.request(req)),
      call: (req, read) => (note(req), inner.call(req, read)),
      close: () => inner.close(),
    };
  }
}

/** As in the README's "Extending the adapter" example, on each binding. */
class BotbuilderRecording extends root.LiveEngageAdapter {
  readonly recorder = new Recorder();
  protected override readonly availabilityCheckMs = 50;
  protected override createHttpClient(settings: HttpSettings): HttpClient {
    return this.recorder.wrap(settings, super.createHttpClient(settings));
  }
}

class AgentsRecording extends agents.LiveEngageAdapter {
  readonly recorder = new Recorder();
  protected override readonly availabilityCheckMs = 50;
  protected override createHttpClient(settings: HttpSettings): HttpClient {
    return this.recorder.wrap(settings, super.createHttpClient(settings));
  }
}

describe('the bindings\' seams: createHttpClient and availabilityCheckMs', function () {
  this.timeout(20_000);
  let sim: LiveEngageSimulator;
  beforeEach(async () => {
    sim = new LiveEngageSimulator();
    await sim.start();
  });
  afterEach(() => sim.stop());

  /** Each binding's adapter and an echo bot on it. */
  const bindings: [string, () => { adapter: BotbuilderRecording | AgentsRecording; start(): Promise<void> }][] = [
    ['botbuilder', () => {
      const adapter = new BotbuilderRecording(fastSettings(sim));
      return { adapter, start: () => adapter.start(async (c) => { if (c.activity.type === 'message') await c.sendActivity(`You said: ${c.activity.text}`); }) };
    }],
    ['agents', () => {
      const adapter = new AgentsRecording(fastSettings(sim));
      return { adapter, start: () => adapter.start(async (c) => { if (c.activity.type === 'message') await c.sendActivity(`You said: ${c.activity.text}`); }) };
    }],
  ];

  for (const [name, make] of bindings) {
    it(`${name}: the seam's client is made once, at the first start, and carries every request; the check runs at the subclass's pace`, async () => {
      const { adapter, start } = make();
      const { recorder } = adapter;
      assert.equal(recorder.made.length, 0, 'not asked in the constructor (a subclass\'s fields are not set yet)');
      await start();
      assert.equal(recorder.made.length, 1);
      assert.equal(recorder.made[0]!.timeoutMs, adapter.settings.requestTimeoutMs, 'asked with the adapter\'s own settings');
      assert.ok(recorder.operations.includes('login'), recorder.operations.join(' '));
      const { chatId } = sim.startChat({ skill: 'support-bot', visitorName: 'Sam' });
      sim.visitorSays(chatId, 'hi');
      assert.deepEqual(await waitForLines(sim, chatId, 1), ['You said: hi']);
      assert.ok(recorder.operations.includes('addLine'), recorder.operations.join(' '));
      // Every 50 ms, not every 30 s.
      await waitFor('availability checks', () => recorder.operations.filter((op) => op === 'getAvailability').length >= 3, 3000);
      await adapter.stop();
      assert.ok(recorder.operations.includes('logout'));
      await start();
      assert.equal(recorder.made.length, 1, 'one client for the adapter\'s life');
      await adapter.stop();
    });
  }

  it('the README\'s example, as written: it counts the requests per operation', async () => {
    const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');
    const source = readmeCodeBlock(readme, '## Extending the adapter')
      .replace(`from 'botbuilder-adapter-liveengage'`, `from '${pathToFileURL(join(import.meta.dirname, '../../src/index.ts')).href}'`);
    const file = join(mkdtempSync(join(tmpdir(), 'readme-extending-')), 'example.ts');
    writeFileSync(file, `${source}\nexport { CountingAdapter };\n`);
    const { CountingAdapter } = (await import(pathToFileURL(file).href)) as { CountingAdapter: new (settings: root.LiveEngageAdapterSettings) => root.LiveEngageAdapter & { requests: Map<string, number> } };
    const adapter = new CountingAdapter(fastSettings(sim));
    await adapter.start(async () => {});
    await adapter.stop();
    assert.equal(adapter.requests.get('login'), 1);
    assert.equal(adapter.requests.get('logout'), 1);
  });
});
