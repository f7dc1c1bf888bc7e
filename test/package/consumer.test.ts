import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { PAGE_ASSETS } from '../../src/simulator/page/routes.js';
import { LiveEngageSimulator } from '../../src/simulator/index.js';
import { waitFor } from '../support/harness.js';
import { readmeCodeBlock, readmeInstallLine } from './readme.js';

/**
 * What a user does, from the repository to their project: `npm pack` from a clean copy of the working
 * tree, a fresh project, the README's install lines run as written (the package name pointing at the
 * tarball) with no terminal and no CI variables, `tsc --strict` without `skipLibCheck` over a bot that
 * imports every entry point, and that bot answering a visitor line on the packaged simulator; and an
 * Agents SDK project without botbuilder that compiles and runs /agents, /monitoring and /csat/flow.
 */
const run = promisify(execFile);
const repo = fileURLToPath(new URL('../..', import.meta.url));
const appSources = fileURLToPath(new URL('./consumer-app/', import.meta.url));
const PACKAGE = 'botbuilder-adapter-liveengage';
const AGENTS_SECTION = '## Use it with the Microsoft 365 Agents SDK';

/** The environment of a user's shell: no CI flags (npm and npx behave differently under CI), no npm_* of our own run. */
function userEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_|CI$|CONTINUOUS_INTEGRATION$|GITHUB_ACTIONS$|BUILD_NUMBER$|RUN_ID$)/i.test(key)) continue;
    env[key] = value;
  }
  // Installs come from npm's cache when they can (the repository's own `npm ci` filled it): faster, and
  // the same packages the registry would give.
  return { ...env, npm_config_prefer_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
}

async function sh(command: string, cwd: string): Promise<string> {
  try {
    const { stdout, stderr } = await run('sh', ['-c', `${command} </dev/null`], { cwd, env: userEnv(), maxBuffer: 32 * 1024 * 1024 });
    return `${stdout}${stderr}`;
  } catch (error) {
    const failure = error as Error & { stdout?: string; stderr?: string; code?: number };
    const output = `${failure.stdout ?? ''}${failure.stderr ?? ''}`.trim().split('\n').slice(-25).join('\n');
    throw new Error(`\`${command}\` exited ${failure.code ?? '?'} in ${cwd}:\n${output}`, { cause: error });
  }
}

/** The files of the working tree that git tracks or would track: what a clean clone (plus the change) holds. */
function cleanCopy(into: string): void {
  mkdirSync(into, { recursive: true });
  cpSync(repo, into, {
    recursive: true,
    filter: (source) => {
      const path = relative(repo, source);
      // The page's generated bundle is not in git either: npm pack must write it (scripts/page.mjs).
      return !/^(node_modules|dist|\.git|coverage|test-results)(\/|$)/.test(path) && !path.endsWith('.tgz') && path !== join('src', 'simulator', 'page', 'assets.generated.ts');
    },
  });
  symlinkSync(join(repo, 'node_modules'), join(into, 'node_modules'), 'dir');
}

/**
 * Where the fresh projects go: a directory with no `node_modules` above it. Node and tsc look for
 * packages in every ancestor's node_modules, so one there (a shared /tmp/node_modules) would lend the
 * project a botbuilder or an Agents SDK it never installed.
 */
function isolatedBase(): string {
  const leaky = (dir: string): string | undefined => {
    for (let at = dir; ; at = dirname(at)) {
      if (existsSync(join(at, 'node_modules'))) return join(at, 'node_modules');
      if (dirname(at) === at) return undefined;
    }
  };
  const candidates = [tmpdir(), '/var/tmp', homedir()];
  const base = candidates.find((dir) => existsSync(dir) && !leaky(dir));
  if (!base) throw new Error(`no directory without node_modules above it for the fresh projects (${candidates.map((dir) => `${dir}: ${leaky(dir)}`).join(', ')})`);
  return base;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((file) => file.split('\\').join('/'));
}

describe('the packed package in a fresh project, as a user installs it', function () {
  this.timeout(300_000);
  let work: string;
  let tarball: string;
  let unpacked: string;
  let app: string;
  let installOutput: string | Error;
  let typescript: string;
  /** The second project: an Agents SDK bot, with no botbuilder. */
  let agentsApp: string;

  before(async function () {
    work = mkdtempSync(join(isolatedBase(), 'liveengage-consumer-'));
    const copy = join(work, 'repo');
    cleanCopy(copy);
    await sh(`npm pack --pack-destination ${JSON.stringify(work)}`, copy);
    const packed = readdirSync(work).find((file) => file.endsWith('.tgz'));
    assert.ok(packed, 'npm pack made no tarball');
    tarball = join(work, packed);
    unpacked = join(work, 'unpacked');
    mkdirSync(unpacked);
    await run('tar', ['-xzf', tarball, '-C', unpacked]);

    // The user's project: a TypeScript ESM project of their own, then the README's line.
    app = join(work, 'my-bot');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'my-bot', version: '1.0.0', private: true, type: 'module' }, null, 2));
    for (const file of readdirSync(appSources)) cpSync(join(appSources, file), join(app, file));
    typescript = JSON.parse(readFileSync(join(repo, 'node_modules/typescript/package.json'), 'utf8')).version as string;
    await sh(`npm install --save-dev typescript@${typescript} @types/node@20`, app);
    const line = readmeInstallLine(readFileSync(join(repo, 'README.md'), 'utf8'), '## Install', PACKAGE);
    try {
      installOutput = await sh(line.replace(PACKAGE, JSON.stringify(tarball)), app);
    } catch (error) {
      installOutput = error as Error;
    }
  });

  after(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('holds the built code of every entry point, with LICENSE and README', () => {
    const pkg = JSON.parse(readFileSync(join(unpacked, 'package/package.json'), 'utf8'));
    const targets = Object.values(pkg.exports as Record<string, string | Record<string, string>>).flatMap((target) => (typeof target === 'string' ? [target] : Object.values(target)));
    assert.ok(targets.length >= 10, 'exports names the entry points');
    const missing = targets.filter((target) => !existsSync(join(unpacked, 'package', target)));
    assert.deepEqual(missing, [], 'every export target is in the tarball (was the package built before packing?)');
    assert.ok(existsSync(join(unpacked, 'package/LICENSE')), 'LICENSE is in the tarball');
    assert.match(readFileSync(join(unpacked, 'package/LICENSE'), 'utf8'), new RegExp(`^${pkg.license} License`));
    assert.ok(existsSync(join(unpacked, 'package/README.md')), 'README.md is in the tarball');
  });

  it('ships source maps only with their sources, and every README its declarations point at', () => {
    const files = filesUnder(join(unpacked, 'package'));
    const maps = files.filter((file) => file.endsWith('.map'));
    const unreadable = maps.filter((file) => {
      const map = JSON.parse(readFileSync(join(unpacked, 'package', file), 'utf8')) as { sources: string[]; sourcesContent?: (string | null)[] };
      return map.sources.some((source, i) => typeof map.sourcesContent?.[i] !== 'string' && !existsSync(join(unpacked, 'package', dirname(file), source)));
    });
    assert.deepEqual(unreadable, [], 'source maps whose sources are neither inlined nor shipped');
    const pointers = files
      .filter((file) => file.endsWith('.d.ts'))
      .flatMap((file) => [...readFileSync(join(unpacked, 'package', file), 'utf8').matchAll(/`([\w./-]*README\.md)`/g)].map((m) => ({ file, readme: m[1] as string })));
    // `README.md` alone means the one beside the declaration; a path is from the package root.
    const dangling = pointers.filter(({ file, readme }) => !existsSync(join(unpacked, 'package', readme.includes('/') ? '' : dirname(file), readme)));
    assert.ok(pointers.some(({ readme }) => readme === 'README.md'), 'the simulator entry points at the README beside it');
    assert.deepEqual(dangling, [], 'READMEs named in the type declarations but not shipped');
  });

  it("installs with the README's line, with no terminal", () => {
    if (installOutput instanceof Error) throw installOutput;
    assert.ok(existsSync(join(app, 'node_modules', PACKAGE, 'package.json')));
  });

  it('leaves the Agents SDK out: the root entry installs and compiles without it (an optional peer)', () => {
    if (installOutput instanceof Error) throw installOutput;
    assert.ok(!existsSync(join(app, 'node_modules/@microsoft/agents-hosting')), '@microsoft/agents-hosting was installed');
  });

  it('compiles a bot importing every entry point with tsc --strict and without skipLibCheck', async function () {
    if (installOutput instanceof Error) this.skip();
    await sh('npx tsc -p tsconfig.json', app);
  });

  it("answers a visitor line on the package's simulator", async () => {
    assert.ok(existsSync(join(app, 'out/bot.js')), 'the bot was compiled');
    const output = await sh('node --no-deprecation out/bot.js', app);
    const result = JSON.parse(output.trim().split('\n').pop() as string);
    assert.deepEqual(result, { reply: 'You said: hello from a fresh project', loopback: true, clientClass: 'function', apiError: true, handler: 'function' });
  });

  it("serves the simulator page from the package: the bundle of the page's sources, as the repository serves it", async function () {
    if (installOutput instanceof Error) this.skip();
    const entry = join(app, 'node_modules', PACKAGE, 'dist/src/simulator/index.js');
    const { LiveEngageSimulator: Packaged } = (await import(pathToFileURL(entry).href)) as typeof import('../../src/simulator/index.js');
    const sim = new Packaged({ log: false });
    await sim.start();
    try {
      const html = await (await fetch(`${sim.url}/`)).text();
      assert.match(html, /<script type="module" src="\/simulator\/page\/app\.js"><\/script>/);
      for (const file of ['app.js', 'style.css']) {
        const res = await fetch(`${sim.url}/simulator/page/${file}`);
        assert.equal(res.status, 200, file);
        assert.equal(await res.text(), PAGE_ASSETS[file]?.body, `${file} differs from the repository's (test/browser/bundle.test.ts holds that one to the sources)`);
      }
    } finally {
      await sim.stop();
    }
  });

  it("installs the CSAT dialog's dependency with the README's line, then /csat compiles and runs", async function () {
    if (installOutput instanceof Error) this.skip();
    const line = readmeInstallLine(readFileSync(join(repo, 'README.md'), 'utf8'), '## Install', 'botbuilder-dialogs');
    await sh(line, app);
    await sh('npx tsc -p tsconfig.csat.json', app);
    const output = await sh('node --no-deprecation out/csat.js', app);
    assert.deepEqual(JSON.parse(output.trim().split('\n').pop() as string), { isDialog: true, rating: 5 });
  });

  it("installs the Agents SDK with the README's line beside botbuilder, then a bot importing /agents compiles", async function () {
    if (installOutput instanceof Error) this.skip();
    const readme = readFileSync(join(repo, 'README.md'), 'utf8');
    await sh(readmeInstallLine(readme, AGENTS_SECTION, '@microsoft/agents-hosting@1.8').replace(PACKAGE, JSON.stringify(tarball)), app);
    writeFileSync(join(app, 'readme-agents.ts'), readmeCodeBlock(readme, AGENTS_SECTION));
    await sh('npx tsc -p tsconfig.agents.json', app);
  });

  it("/agents, /monitoring and /csat/flow in a fresh project WITHOUT botbuilder: the README's line, tsc --strict without skipLibCheck, a reply, a transfer, a CSAT rating counted", async () => {
    agentsApp = join(work, 'my-agent');
    mkdirSync(agentsApp);
    writeFileSync(join(agentsApp, 'package.json'), JSON.stringify({ name: 'my-agent', version: '1.0.0', private: true, type: 'module' }, null, 2));
    for (const file of readdirSync(appSources)) cpSync(join(appSources, file), join(agentsApp, file));
    await sh(`npm install --save-dev typescript@${typescript} @types/node@20`, agentsApp);
    const readme = readFileSync(join(repo, 'README.md'), 'utf8');
    await sh(readmeInstallLine(readme, AGENTS_SECTION, PACKAGE).replace(PACKAGE, JSON.stringify(tarball)), agentsApp);
    assert.ok(!existsSync(join(agentsApp, 'node_modules/botbuilder')), 'botbuilder was installed');
    assert.ok(!existsSync(join(agentsApp, 'node_modules/botbuilder-core')), 'botbuilder-core was installed');
    assert.ok(!existsSync(join(agentsApp, 'node_modules/botbuilder-dialogs')), 'botbuilder-dialogs was installed');
    writeFileSync(join(agentsApp, 'readme-agents.ts'), readmeCodeBlock(readme, AGENTS_SECTION));
    await sh('npx tsc -p tsconfig.agents.json', agentsApp);
    const output = await sh('node --no-deprecation out/agents.js', agentsApp);
    assert.deepEqual(JSON.parse(output.trim().split('\n').pop() as string), {
      reply: 'You said: hello from a fresh project',
      transfer: 'accepted',
      loopback: true,
      // The neutral CSAT question in an AgentApplication: asked, thanked, in the metrics (summary and
      // scrape) and telemetry, and submitted to the simulator account's agent survey.
      csat: { question: 'How would you rate this chat from 1 (poor) to 5 (great)?', thanks: 'Thank you for your feedback!', average: 5, scraped: true, telemetry: true, survey: { '25245945': 'Yes', '25245946': 'CSAT 5/5' }, handler: 'function' },
    });
  });

  it("runs the README's Agents SDK bot as written: it welcomes and answers a visitor on the simulator", async function () {
    if (!agentsApp || !existsSync(join(agentsApp, 'out/readme-agents.js'))) this.skip();
    const sim = new LiveEngageSimulator();
    await sim.start();
    const env = { ...userEnv(), LP_ACCOUNT_ID: sim.accountId, LP_USERNAME: 'support-bot', LP_PASSWORD: 'bot-password', LP_DOMAIN_API_URL: sim.domainApiUrl };
    const bot = spawn('node', ['--no-deprecation', 'out/readme-agents.js'], { cwd: agentsApp, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    bot.stdout.on('data', (chunk) => { output += chunk; });
    bot.stderr.on('data', (chunk) => { output += chunk; });
    const exited = new Promise((resolve) => bot.once('exit', resolve));
    try {
      const { chatId } = sim.startChat({ skill: 'support-bot', visitorName: 'Ann' });
      const agentLines = () => sim.chat(chatId).events.filter((e) => e.type === 'line' && e.source === 'agent').map((e) => e.text);
      await waitFor(`the welcome (bot output: ${output})`, () => agentLines().length >= 1, 20_000);
      sim.visitorSays(chatId, 'hi');
      await waitFor('the answer', () => agentLines().length >= 2, 10_000);
      assert.deepEqual(agentLines(), ['Hello Ann, how can I help?', 'You said: hi']);
    } finally {
      bot.kill('SIGTERM');
      await exited;
      await sim.stop();
    }
  });
});
