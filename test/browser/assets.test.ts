import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PAGE_ASSETS, pageSettings } from '../../src/simulator/page/routes.js';
import { LiveEngageSimulator } from '../../src/simulator/index.js';

describe('simulator page: what the simulator serves', () => {
  let sim: LiveEngageSimulator;
  before(async () => {
    sim = new LiveEngageSimulator({ log: false, accountId: '87654321' });
    await sim.start();
  });
  after(() => sim.stop());

  it('serves the page at / with the account id, a strict CSP, and nothing from elsewhere', async () => {
    const res = await fetch(`${sim.url}/`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'/);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    const html = await res.text();
    assert.match(html, /<meta name="liveengage-account" content="87654321">/);
    assert.match(html, /<html lang="en">/);
    // No CDN, no web fonts, no analytics: every URL in the page is this simulator's own.
    const urls = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    for (const url of urls) assert.ok(url!.startsWith('/') || url!.startsWith('#') || url!.startsWith('data:'), url);
  });

  it('serves every page file with its content type, and 404 for anything else', async () => {
    for (const [name, asset] of Object.entries(PAGE_ASSETS)) {
      const res = await fetch(`${sim.url}/simulator/page/${name}`);
      assert.equal(res.status, 200, name);
      assert.equal(res.headers.get('content-type'), asset.contentType);
      assert.equal(await res.text(), asset.body);
      assert.doesNotMatch(asset.body, /https?:\/\//, `${name} reaches out of the simulator`);
    }
    const missing = await fetch(`${sim.url}/simulator/page/nope.js`);
    assert.equal(missing.status, 404);
    assert.equal((await fetch(`${sim.url}/simulator/page/constructor`)).status, 404);
  });

  it('ships its script as one ES module that parses', function () {
    // The bundle's other promises (no imports, no Node, the policy) are test/browser/bundle.test.ts's.
    this.timeout(30_000);
    const dir = mkdtempSync(join(tmpdir(), 'simulator-page-'));
    try {
      const file = join(dir, 'app.mjs');
      writeFileSync(file, PAGE_ASSETS['app.js']!.body);
      execFileSync(process.execPath, ['--check', file], { stdio: 'pipe' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('GET /simulator/dashboard: 404 without a dashboard source, else what the source answers (sync, async, failing)', async () => {
    const missing = await fetch(`${sim.url}/simulator/dashboard`);
    assert.equal(missing.status, 404);
    assert.deepEqual(await missing.json(), { error: 'no dashboard source: pass { dashboard } to LiveEngageSimulator' });
    await assert.rejects(sim.dashboard(), /no dashboard source/);

    let calls = 0;
    const sources: [string, () => unknown][] = [
      ['sync', () => ({ bots: [{ botUser: 'support-bot', variant: 'A' }], calls: ++calls })],
      ['async', async () => ({ bots: [], calls: ++calls })],
      ['nothing', () => undefined],
    ];
    for (const [name, dashboard] of sources) {
      const withSource = new LiveEngageSimulator({ log: false, dashboard });
      await withSource.start();
      try {
        const res = await fetch(`${withSource.url}/simulator/dashboard`);
        assert.equal(res.status, 200, name);
        assert.equal(res.headers.get('cache-control'), 'no-store');
        assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
        const body = await res.json();
        if (name === 'sync') assert.deepEqual(body, { bots: [{ botUser: 'support-bot', variant: 'A' }], calls: 1 });
        if (name === 'async') assert.deepEqual(body, { bots: [], calls: 2 });
        if (name === 'nothing') assert.equal(body, null);
        assert.equal(withSource.stats().total, 0, 'never counted as a LiveEngage API request');
      } finally {
        await withSource.stop();
      }
    }

    const lines: string[] = [];
    const failing = new LiveEngageSimulator({ log: (line) => lines.push(line), dashboard: async () => { throw new Error('metrics are down'); } });
    await failing.start();
    try {
      const res = await fetch(`${failing.url}/simulator/dashboard`);
      assert.equal(res.status, 500);
      assert.deepEqual(await res.json(), { error: 'Internal simulator error' });
      assert.ok(lines.some((line) => line.includes('handler error in GET /simulator/dashboard: metrics are down')), lines.join('\n'));
    } finally {
      await failing.stop();
    }
  });

  it('GET /simulator/page-settings: the visitorSuggestions option, none by default; a bad one stops the constructor', async () => {
    const none = await fetch(`${sim.url}/simulator/page-settings`);
    assert.equal(none.status, 200);
    assert.match(none.headers.get('content-type') ?? '', /^application\/json/);
    assert.deepEqual(await none.json(), { visitorSuggestions: [], messaging: false });

    const hinted = new LiveEngageSimulator({ log: false, visitorSuggestions: ['What are your opening hours?', 'Bye'], messaging: true });
    await hinted.start();
    try {
      const res = await fetch(`${hinted.url}/simulator/page-settings`);
      assert.deepEqual(await res.json(), { visitorSuggestions: ['What are your opening hours?', 'Bye'], messaging: true }, 'the page offers Messaging when its side runs');
      assert.equal(hinted.stats().total, 0, 'never counted as a LiveEngage API request');
    } finally {
      await hinted.stop();
    }
    assert.throws(() => new LiveEngageSimulator({ log: false, visitorSuggestions: ['Hours?', ''] }), {
      message: 'new LiveEngageSimulator(): visitorSuggestions[1] must be a non-empty string of at most 2000 characters.',
    });
  });

  it('pageSettings: visitorSuggestions absent (no buttons) or non-empty strings; anything else named', () => {
    assert.deepEqual(pageSettings(undefined), { visitorSuggestions: [], messaging: false });
    assert.deepEqual(pageSettings([]), { visitorSuggestions: [], messaging: false });
    assert.deepEqual(pageSettings(['Hours?', 'Bye'], true), { visitorSuggestions: ['Hours?', 'Bye'], messaging: true });
    const bad: [unknown, RegExp][] = [
      ['Hours?', /^new LiveEngageSimulator\(\): visitorSuggestions must be an array of strings\.$/],
      [{ 0: 'Hours?' }, /visitorSuggestions must be an array of strings/],
      [null, /visitorSuggestions must be an array of strings/],
      [['Hours?', 3], /^new LiveEngageSimulator\(\): visitorSuggestions\[1\] must be a non-empty string of at most 2000 characters\.$/],
      [['', 'Bye'], /visitorSuggestions\[0\] must be a non-empty string/],
      [['   '], /visitorSuggestions\[0\] must be a non-empty string/],
      [['x'.repeat(2001)], /visitorSuggestions\[0\] must be a non-empty string of at most 2000 characters/],
    ];
    for (const [value, message] of bad) assert.throws(() => pageSettings(value), { message }, JSON.stringify(value)?.slice(0, 40));
  });

  it('does not count page requests as LiveEngage API requests', async () => {
    sim.resetStats();
    await (await fetch(`${sim.url}/`)).text();
    await (await fetch(`${sim.url}/simulator/page/app.js`)).text();
    const stats = sim.stats();
    assert.equal(stats.total, 0);
    assert.equal(stats.byOperation['control.page'], 2);
  });
});
