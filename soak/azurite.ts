/**
 * Azurite's blob service in a child process on loopback: a real Azure Blob endpoint for botbuilder's
 * `BlobsStorage`, started from the `azurite` devDependency (no global install, no network), on a free
 * port, its data in memory and its working directory a temp dir removed at stop.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Azurite's published development account: the same in every Azurite, not a secret. */
const ACCOUNT = 'devstoreaccount1';
const ACCOUNT_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface Azurite {
  /** `http://127.0.0.1:PORT/devstoreaccount1` */
  blobEndpoint: string;
  /** For `new BlobsStorage(connectionString, container)`. */
  connectionString: string;
  /** Kills the process (SIGTERM, then SIGKILL) and removes its directory. */
  stop(): Promise<void>;
}

/** Where `azurite-blob` lives: the package's own `bin` entry, resolved from node_modules. */
function blobBinary(): string {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('azurite/package.json');
  const bin = (require(manifest) as { bin: Record<string, string> }).bin['azurite-blob'];
  if (!bin) throw new Error('startAzurite(): the azurite package has no azurite-blob binary (run npm ci).');
  return join(dirname(manifest), bin);
}

/** Starts Azurite's blob service and resolves once it answers HTTP. */
export async function startAzurite(options: { timeoutMs?: number } = {}): Promise<Azurite> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const dir = mkdtempSync(join(tmpdir(), 'liveengage-azurite-'));
  const child = spawn(
    process.execPath,
    [blobBinary(), '--blobHost', '127.0.0.1', '--blobPort', '0', '--inMemoryPersistence', '--extentMemoryLimit', '256', '--skipApiVersionCheck', '--loose', '--silent', '--disableTelemetry'],
    { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  // Never outlive the process that started it (a soak or test run that dies on an error).
  const orphanGuard = () => child.kill('SIGKILL');
  process.once('exit', orphanGuard);
  const stop = async () => {
    process.off('exit', orphanGuard);
    if (child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const port = await listeningPort(child, timeoutMs);
    const blobEndpoint = `http://127.0.0.1:${port}/${ACCOUNT}`;
    await answers(port, timeoutMs);
    return {
      blobEndpoint,
      connectionString: `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${ACCOUNT_KEY};BlobEndpoint=${blobEndpoint};`,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The port Azurite says it listens on ("... successfully listens on http://127.0.0.1:PORT"). */
function listeningPort(child: ChildProcess, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => fail(new Error(`startAzurite(): no "listens on" line within ${timeoutMs} ms. Output: ${output.slice(-500)}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listens on https?:\/\/[^:\s]+:(\d+)/.exec(output);
      if (match) {
        cleanup();
        resolve(Number(match[1]));
      }
    };
    const onExit = (code: number | null) => fail(new Error(`startAzurite(): azurite-blob exited (${code}) before listening. Output: ${output.slice(-500)}`));
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
      // Keep draining, so a chatty Azurite never blocks on a full pipe.
      child.stdout?.resume();
      child.stderr?.resume();
    };
    const fail = (error: Error) => {
      cleanup();
      reject(error);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
  });
}

/** Polls until Azurite answers an HTTP request (any status: it is up). */
async function answers(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const req = request({ host: '127.0.0.1', port, path: `/${ACCOUNT}?comp=list`, timeout: 1000 }, (res) => {
        res.resume();
        resolve(true);
      });
      req.on('error', () => resolve(false));
      req.on('timeout', () => req.destroy());
      req.end();
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`startAzurite(): 127.0.0.1:${port} did not answer within ${timeoutMs} ms.`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
