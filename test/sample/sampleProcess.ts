import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitFor } from '../support/harness.js';

/** Both samples' entry points (`npm start`, `npm run start:agents`), relative to this file. */
export const SAMPLES = [
  { name: 'the botbuilder sample (npm start)', entry: '../../samples/support-bot/index.ts' },
  { name: 'the Agents SDK sample (npm run start:agents)', entry: '../../samples/agents-bot/index.ts' },
];

const tsx = import.meta.resolve('tsx');

/** A sample's entry point, started as a person starts it, until `stop()`. */
export async function startSample(entry: string, extraEnv: Record<string, string> = {}) {
  const cwd = mkdtempSync(join(tmpdir(), 'sample-acceptance-')); // no .env there
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(LP_|PORT$|HOST$|SIMULATOR_PORT$|DEBUG$|AB_TEST$|Microsoft)/.test(key)));
  const child: ChildProcess = spawn(process.execPath, ['--no-deprecation', '--import', tsx, fileURLToPath(new URL(entry, import.meta.url))], {
    cwd,
    env: { ...env, PORT: '0', SIMULATOR_PORT: '0', TYPING_DELAY_MS: '0', LP_POLL_INTERVAL_MS: '100', ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await waitFor('the banner', () => output.includes('Press Ctrl-C') || child.exitCode !== null, 45_000);
  const banner = (label: string) => new RegExp(`${label}\\s+(http://\\S+)`).exec(output)?.[1];
  return {
    output: () => output,
    simulatorUrl: banner('LiveEngage simulator:'),
    metricsUrl: banner('Metrics \\(Prometheus\\):'),
    async stop(): Promise<number | null> {
      if (child.exitCode === null) child.kill('SIGINT');
      const code = await exited;
      rmSync(cwd, { recursive: true, force: true });
      return code;
    },
  };
}

