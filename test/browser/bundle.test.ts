import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { PAGE_MODULE, pageModuleText } from '../../scripts/page.mjs';
// The simulator is imported in before(): without the generated module it cannot load, and the first test says why.
type Simulator = import('../../src/simulator/index.js').LiveEngageSimulator;

/** The policy the page is served with, to the letter: a change to it is a change to this test too. */
const POLICY = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'connect-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

function parsePolicy(header: string): Record<string, string[]> {
  const directives: Record<string, string[]> = {};
  for (const part of header.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives[name] = sources;
  }
  return directives;
}

describe('simulator page: the bundle the simulator serves, and its policy', () => {
  it('serves the bundle of the current browser sources (npm run build:page writes it; a stale or missing one fails here)', async function () {
    this.timeout(30_000);
    const where = relative(process.cwd(), PAGE_MODULE);
    assert.ok(existsSync(PAGE_MODULE), `${where} is missing: run npm run build:page (npm install, npm run build and npm test do)`);
    const fresh = await pageModuleText();
    assert.ok(readFileSync(PAGE_MODULE, 'utf8') === fresh, `${where} is stale (older than src/simulator/page/browser/): run npm run build:page`);
  });

  describe('served', () => {
    let sim: Simulator;
    before(async () => {
      const { LiveEngageSimulator } = await import('../../src/simulator/index.js');
      sim = new LiveEngageSimulator({ log: false });
      await sim.start();
    });
    after(() => sim?.stop());

    it('with a Content-Security-Policy that allows this origin only and nothing inline or evaluated, on the page and its files', async () => {
      for (const path of ['/', '/simulator/page/app.js', '/simulator/page/style.css', '/simulator/page-settings']) {
        const header = (await fetch(`${sim.url}${path}`)).headers.get('content-security-policy') ?? '';
        const policy = parsePolicy(header);
        assert.deepEqual(policy, POLICY, `${path}: ${header}`);
        // Spelled out, for whoever edits POLICY above: these would loosen it.
        for (const [name, sources] of Object.entries(policy)) {
          for (const source of sources) {
            assert.doesNotMatch(source, /^'unsafe-|^'(?:nonce|sha\d+)-|^\*$|^https?:|^wss?:|^blob:/, `${path}: ${name} ${source}`);
          }
        }
      }
    });

    it('with no inline script, style or handler in the HTML, so the policy holds without hashes', async () => {
      const html = await (await fetch(`${sim.url}/`)).text();
      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
      assert.equal(scripts.length, 1, 'one script: the bundle');
      assert.match(scripts[0]![1]!, /\btype="module"/);
      assert.match(scripts[0]![1]!, /\bsrc="\/simulator\/page\/app\.js"/);
      assert.equal(scripts[0]![2]!.trim(), '', 'the script element carries no code of its own');
      assert.doesNotMatch(html, /<style\b/i, 'no style element');
      assert.doesNotMatch(html, /\sstyle\s*=/i, 'no style attribute');
      assert.doesNotMatch(html, /\son[a-z]+\s*=/i, 'no inline event handler');
      assert.doesNotMatch(html, /javascript:/i);
    });

    it('as one self-contained script: no import, no Node, no eval, nothing from elsewhere', async () => {
      const js = await (await fetch(`${sim.url}/simulator/page/app.js`)).text();
      assert.doesNotMatch(js, /^\s*(?:import|export)\b/m, 'a module statement left in the bundle');
      assert.doesNotMatch(js, /\bimport\s*\(/, 'a dynamic import');
      assert.doesNotMatch(js, /\brequire\s*\(|\bprocess\.|\bBuffer\b|node:/, 'Node code in the browser bundle');
      assert.doesNotMatch(js, /\beval\s*\(|new Function\s*\(/, 'eval (the policy forbids it)');
      assert.doesNotMatch(js, /https?:\/\//, 'a URL out of the simulator');
      // The control API's paths come from controlApi.ts, not from copies in the browser code.
      assert.match(js, /CONTROL_ROUTES = \{/);
    });
  });
});
