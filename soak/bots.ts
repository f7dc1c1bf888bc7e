/**
 * The soak's bot processes: forks them (each its own bot user), answers their storage calls, gathers
 * what they report, and kills one the hard way.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Storage } from 'botbuilder';
import { serveStorage } from './ipcStorage.js';
import type { BotProcessOptions, FromBot } from './protocol.js';

const botFile = fileURLToPath(new URL(`./bot${extname(fileURLToPath(import.meta.url))}`, import.meta.url));

export interface BotReports {
  sentNonces: Set<string>;
  /** Lines the adapter reported undeliverable (their chat ended first). */
  undeliverableNonces: Set<string>;
  errors: string[];
  /** Turns that failed on a line reported undeliverable (the chat had ended): accounted for, not unhandled. */
  turnErrorsChatEnded: number;
  /** The longest any bot's event loop was blocked (ms): a bot that cannot run cannot read its chats. */
  maxStallMs: number;
  events: Record<'lineUndeliverable' | 'reloginFailed' | 'takeover', string[]>;
}

export function emptyReports(): BotReports {
  return { sentNonces: new Set(), undeliverableNonces: new Set(), errors: [], turnErrorsChatEnded: 0, maxStallMs: 0, events: { lineUndeliverable: [], reloginFailed: [], takeover: [] } };
}

/** Starts one bot process; resolves once its adapter has started. */
export function startBot(options: BotProcessOptions, reports: BotReports, sharedStorage: Storage | undefined): Promise<ChildProcess> {
  const child = fork(botFile, {
    env: { ...process.env, SOAK_BOT: JSON.stringify(options) },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    execArgv: [...process.execArgv, '--no-deprecation'],
  });
  return new Promise((resolve, reject) => {
    child.on('message', (message: FromBot) => {
      switch (message.kind) {
        case 'ready': resolve(child); break;
        case 'sent': reports.sentNonces.add(message.nonce); break;
        case 'undeliverable': reports.undeliverableNonces.add(message.nonce); break;
        case 'error': reports.errors.push(`${options.username}: ${message.message}`); break;
        case 'chatEndedTurnError': reports.turnErrorsChatEnded += 1; break;
        case 'stall': reports.maxStallMs = Math.max(reports.maxStallMs, message.ms); break;
        case 'event': reports.events[message.name]?.push(`${options.username}: ${message.detail}`); break;
        case 'storage':
          if (sharedStorage) void serveStorage(sharedStorage, child, message);
          break;
      }
    });
    child.once('exit', (code, signal) => {
      if (signal !== 'SIGKILL' && signal !== 'SIGTERM' && code !== 0) reject(new Error(`soak: bot ${options.username} exited with ${code}`));
    });
  });
}

/** Ends a bot gently (logout) and waits for it, at most `ms`. */
export async function stopBot(child: ChildProcess, ms = 3000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), ms);
  await exited;
  clearTimeout(timer);
}
