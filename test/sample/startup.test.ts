import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeStartupFailure, listenFailure, StartupError } from '../../samples/support-bot/startup.js';

/**
 * `npm start` as a person meets it: the sample's entry point in its own process, with the environment a
 * person sets. A wrong setting or a busy port says what to change, without a stack trace, and exits 1.
 */
const entry = fileURLToPath(new URL('../../samples/support-bot/index.ts', import.meta.url));
const tsx = import.meta.resolve('tsx');
const STACK_LINE = /^\s+at .+\(?.+:\d+:\d+\)?$/m;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the sample in a folder of its own (no .env), until it exits or prints `until`; then SIGINT. */
function runSample(env: Record<string, string>, until?: RegExp): Promise<Run> {
  const cwd = mkdtempSync(join(tmpdir(), 'support-bot-start-'));
  const base = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(LP_|PORT$|HOST$|SIMULATOR_PORT$|DEBUG$|Microsoft)/.test(key)));
  const child = spawn(process.execPath, ['--no-deprecation', '--import', tsx, entry], { cwd, env: { ...base, TYPING_DELAY_MS: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let interrupted = false;
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    // One Ctrl-C: a second one is the person's "now", and kills.
    if (until?.test(stdout) && !interrupted) interrupted = child.kill('SIGINT');
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      if (signal) stderr += `[killed by ${signal}]`;
      clearTimeout(timer);
      rmSync(cwd, { recursive: true, force: true });
      resolve({ code, stdout, stderr });
    });
  });
}

/** A port some other program holds. */
async function occupy(host = '127.0.0.1'): Promise<{ port: number; server: Server }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return { port: (server.address() as { port: number }).port, server };
}

describe('npm start: startup errors a person can act on', function () {
  this.timeout(60_000);

  it('names PORT when the bot endpoint port is taken, without a stack trace', async () => {
    const { port, server } = await occupy();
    try {
      const run = await runSample({ PORT: String(port), SIMULATOR_PORT: '0' });
      assert.equal(run.code, 1, run.stderr);
      assert.match(run.stderr, new RegExp(`port ${port} is already in use.*set PORT to a free port`));
      assert.doesNotMatch(run.stderr, STACK_LINE);
      assert.doesNotMatch(run.stderr, /EADDRINUSE/);
    } finally {
      server.close();
    }
  });

  it('names SIMULATOR_PORT when the simulator port is taken', async () => {
    const { port, server } = await occupy();
    try {
      const run = await runSample({ PORT: '0', SIMULATOR_PORT: String(port) });
      assert.equal(run.code, 1, run.stderr);
      assert.match(run.stderr, new RegExp(`simulator cannot start: port ${port} is already in use.*set SIMULATOR_PORT`));
      assert.doesNotMatch(run.stderr, STACK_LINE);
    } finally {
      server.close();
    }
  });

  it('stops on half a LiveEngage configuration with its message alone, exit code 1', async () => {
    const run = await runSample({ PORT: '0', SIMULATOR_PORT: '0', LP_ACCOUNT_ID: '12345678' });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /^Support bot did not start\. LP_ACCOUNT_ID is set but the bot user credentials are not/);
    assert.doesNotMatch(run.stderr, STACK_LINE);
    assert.equal(run.stdout, '');
  });

  it('binds loopback by default and prints the address it bound; HOST changes it', async () => {
    const local = await runSample({ PORT: '0', SIMULATOR_PORT: '0' }, /Press Ctrl-C/);
    assert.equal(local.code, 0, local.stderr);
    assert.match(local.stdout, /Bot Framework Emulator: http:\/\/127\.0\.0\.1:\d+\/api\/messages/);
    assert.match(local.stdout, /Metrics \(Prometheus\): {3}http:\/\/127\.0\.0\.1:\d+\/metrics/);
    const everywhere = await runSample({ PORT: '0', SIMULATOR_PORT: '0', HOST: '0.0.0.0' }, /Press Ctrl-C/);
    assert.equal(everywhere.code, 0, everywhere.stderr);
    assert.match(everywhere.stdout, /Bot Framework Emulator: http:\/\/localhost:\d+\/api\/messages .*listening on every interface, HOST=0\.0\.0\.0/);
  });
});

describe('startup failures: what is printed', () => {
  it('keeps the stack of anything that is not a setting or a port (a bug)', () => {
    assert.equal(describeStartupFailure(new StartupError('PORT must be a whole number, not "x".')), 'PORT must be a whole number, not "x".');
    assert.equal(describeStartupFailure(new Error('LiveEngageAdapter.start(): LiveEngage login failed: 401')), 'LiveEngageAdapter.start(): LiveEngage login failed: 401');
    const bug = new TypeError('cannot read x of undefined');
    assert.equal(describeStartupFailure(bug), bug.stack);
  });

  it('turns listen errors into what to change, keeping the cause', () => {
    const busy = Object.assign(new Error('listen EADDRINUSE'), { code: 'EADDRINUSE' });
    const error = listenFailure(busy, 'The bot endpoint cannot start', 3978, 'PORT');
    assert.ok(error instanceof StartupError);
    assert.equal(error.cause, busy);
    assert.match(listenFailure(Object.assign(new Error('x'), { code: 'EACCES' }), 'X', 80, 'PORT').message, /port above 1023/);
    const other = new Error('something else');
    assert.equal(listenFailure(other, 'X', 1, 'PORT'), other);
  });
});
