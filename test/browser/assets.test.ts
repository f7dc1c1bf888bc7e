import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PAGE_ASSETS } from '../../src/simulator/page/routes.js';
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

  it('ships JS modules that parse, importing only each other', () => {
    const dir = mkdtempSync(join(tmpdir(), 'simulator-page-'));
    try {
      for (const [name, asset] of Object.entries(PAGE_ASSETS)) {
        if (!name.endsWith('.js')) continue;
        for (const [, spec] of asset.body.matchAll(/^import .* from '([^']+)';$/gm)) {
          assert.ok(spec!.startsWith('./') && Object.hasOwn(PAGE_ASSETS, spec!.slice(2)), `${name} imports ${spec}`);
        }
        const file = join(dir, name.replace(/\.js$/, '.mjs'));
        writeFileSync(file, asset.body);
        execFileSync(process.execPath, ['--check', file], { stdio: 'pipe' });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
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
