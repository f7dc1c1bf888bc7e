import { existsSync } from 'node:fs';
import type { Credentials, LiveEngageAdapterSettings } from '../../src/index.js';
import type { TelemetryEventClient } from '../../src/monitoring/index.js';
import { StartupError } from './startup.js';
import { ConsoleTelemetryClient } from './telemetry.js';
import { parseMessagingSkills, parseTransport, type SampleTransport } from './transport.js';

/** How to run the support bot; every field has a default, so `startSupportBot()` alone works. */
export interface SupportBotOptions {
  /** Port of `POST /api/messages` (the Emulator endpoint). Default 3978; 0 picks a free one. */
  port?: number;
  /**
   * Address of the Emulator endpoint. Default `127.0.0.1`: the bot's endpoint takes unsigned requests
   * when no app id is set, so it stays on this machine unless you say otherwise (`0.0.0.0`: every interface).
   */
  host?: string;
  /**
   * Real LiveEngage: account and bot user credentials (plus any other adapter setting). Absent: the
   * embedded simulator is started and the adapter connects there.
   */
  liveEngage?: LiveEngageAdapterSettings;
  /** Port of the embedded simulator (and its page), on 127.0.0.1. Default 7878; 0 picks a free one. */
  simulatorPort?: number;
  /** Adapter poll interval; default 500 ms on the simulator (loopback), the adapter's 2000 ms on LiveEngage. */
  pollIntervalMs?: number;
  /** The human skill "agent" escalates to, and where a failing turn goes. Default `human-support`. */
  humanSkill?: string;
  /** "Typing…" shown before each bot message, in ms. Default 600; 0 turns it off. */
  typingDelayMs?: number;
  /** Bot Framework settings (`MicrosoftAppId`, `MicrosoftAppPassword`, ...); empty for the Emulator. */
  botFramework?: Record<string, string | undefined>;
  /** Run the bot as the A/B variants A and B, 50/50 (see `variants.ts`). Default true; false runs A alone. */
  abTest?: boolean;
  /** Where the LiveEngage side's telemetry events go (`LiveEngageChatOutcome`, `LiveEngageCsat`, ...): a `BotTelemetryClient` or any `trackEvent`. Default: nowhere. */
  telemetryClient?: TelemetryEventClient;
  /**
   * Live Chat (`chat`, the default) or Messaging (`messaging`): on the embedded simulator its Messaging
   * side runs and the page's visitor can talk over it; on an account, `liveEngage.transport` says it.
   */
  transport?: SampleTransport;
  /** Skill names to ids for Messaging transfers (`LP_MESSAGING_SKILLS`); on the simulator, its own skills by default. */
  messagingSkills?: Record<string, number>;
  /** Where the sample writes what it has to say. Default `console`. */
  log?: (line: string) => void;
}

export const DEFAULT_PORT = 3978;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_SIMULATOR_PORT = 7878;
export const DEFAULT_HUMAN_SKILL = 'human-support';

/** Loads `.env` into `process.env` when there is one (Node 20.12+ `process.loadEnvFile`). */
export function loadDotEnv(path = '.env'): boolean {
  const load = (process as { loadEnvFile?: (path?: string) => void }).loadEnvFile;
  if (typeof load !== 'function' || !existsSync(path)) return false;
  load(path);
  return true;
}

/**
 * The options from environment variables (see `.env.example`). Throws a clear error for half-set
 * LiveEngage settings rather than quietly starting the simulator.
 */
export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): SupportBotOptions {
  const options: SupportBotOptions = {
    port: integer(env, 'PORT') ?? DEFAULT_PORT,
    simulatorPort: integer(env, 'SIMULATOR_PORT') ?? DEFAULT_SIMULATOR_PORT,
    humanSkill: text(env, 'LP_HUMAN_SKILL') ?? DEFAULT_HUMAN_SKILL,
    botFramework: {
      MicrosoftAppId: env.MicrosoftAppId,
      MicrosoftAppPassword: env.MicrosoftAppPassword,
      MicrosoftAppType: env.MicrosoftAppType,
      MicrosoftAppTenantId: env.MicrosoftAppTenantId,
    },
  };
  const host = text(env, 'HOST');
  if (host) options.host = host;
  const poll = integer(env, 'LP_POLL_INTERVAL_MS');
  if (poll !== undefined) options.pollIntervalMs = poll;
  const typing = integer(env, 'TYPING_DELAY_MS');
  if (typing !== undefined) options.typingDelayMs = typing;
  const abTest = onOff(env, 'AB_TEST');
  if (abTest !== undefined) options.abTest = abTest;
  // With DEBUG set (any logs asked for), the telemetry events are printed too.
  if (text(env, 'DEBUG')) options.telemetryClient = new ConsoleTelemetryClient();
  const transport = parseTransport(text(env, 'LP_TRANSPORT'));
  options.transport = transport;
  const messagingSkills = parseMessagingSkills(text(env, 'LP_MESSAGING_SKILLS'));
  if (messagingSkills && transport !== 'messaging') throw new StartupError('LP_MESSAGING_SKILLS is set but LP_TRANSPORT is not messaging: set LP_TRANSPORT=messaging, or unset LP_MESSAGING_SKILLS.');
  if (messagingSkills) options.messagingSkills = messagingSkills;

  const credentials = credentialsFromEnv(env);
  const accountId = text(env, 'LP_ACCOUNT_ID');
  if (!accountId && !credentials) return options;
  if (!accountId) throw new StartupError('LP_USERNAME and its credentials are set but LP_ACCOUNT_ID is not: set it, or unset them all to use the simulator.');
  if (!credentials) {
    throw new StartupError('LP_ACCOUNT_ID is set but the bot user credentials are not: set LP_USERNAME with LP_APP_KEY and LP_SECRET (OAuth2 client id and secret, recommended), or LP_USERNAME with LP_PASSWORD.');
  }
  options.liveEngage = { accountId, credentials, failoverSkill: options.humanSkill };
  if (transport === 'messaging') {
    const humanSkill = options.humanSkill ?? DEFAULT_HUMAN_SKILL;
    // Messaging transfers take skill ids: without the human skill's, every escalation would fail.
    if (!messagingSkills || !Object.hasOwn(messagingSkills, humanSkill)) {
      throw new StartupError(`LP_TRANSPORT=messaging on an account needs LP_MESSAGING_SKILLS with the id of the human skill "${humanSkill}" (LP_HUMAN_SKILL), e.g. ${humanSkill}=2.`);
    }
    options.liveEngage.transport = 'messaging';
    options.liveEngage.messagingSkills = messagingSkills;
  }
  const domainApiUrl = text(env, 'LP_DOMAIN_API_URL');
  if (domainApiUrl) options.liveEngage.domainApiUrl = domainApiUrl;
  const agentVepDomain = text(env, 'LP_AGENT_VEP_DOMAIN');
  if (agentVepDomain) options.liveEngage.agentVepDomain = agentVepDomain;
  return options;
}

/** OAuth2 client credentials (LP_APP_KEY, LP_SECRET) first; a password; an OAuth1 key (end of life) still works. */
function credentialsFromEnv(env: NodeJS.ProcessEnv): Credentials | undefined {
  const username = text(env, 'LP_USERNAME');
  const password = text(env, 'LP_PASSWORD');
  const appKey = text(env, 'LP_APP_KEY');
  const secret = text(env, 'LP_SECRET');
  const accessToken = text(env, 'LP_ACCESS_TOKEN');
  const accessTokenSecret = text(env, 'LP_ACCESS_TOKEN_SECRET');
  const anyKey = appKey || secret || accessToken || accessTokenSecret;
  if (!username && !password && !anyKey) return undefined;
  if (!username) throw new StartupError('LP_USERNAME (the bot user\'s login name) is required with LP_PASSWORD or LP_APP_KEY.');
  if (password && anyKey) throw new StartupError('Set either LP_PASSWORD or the LP_APP_KEY/LP_SECRET API key, not both.');
  if (password) return { username, password };
  if (!appKey || !secret) throw new StartupError('An OAuth2 login needs LP_APP_KEY and LP_SECRET (the client id and secret); an OAuth1 key (end of life 30 Apr 2026) also LP_ACCESS_TOKEN and LP_ACCESS_TOKEN_SECRET.');
  return { username, appKey, secret, ...(accessToken ? { accessToken } : {}), ...(accessTokenSecret ? { accessTokenSecret } : {}) };
}

function text(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function integer(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const value = text(env, name);
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new StartupError(`${name} must be a whole number, not "${value}".`);
  return Number(value);
}

function onOff(env: NodeJS.ProcessEnv, name: string): boolean | undefined {
  const value = text(env, name)?.toLowerCase();
  if (value === undefined) return undefined;
  if (['on', 'true', 'yes', '1'].includes(value)) return true;
  if (['off', 'false', 'no', '0'].includes(value)) return false;
  throw new StartupError(`${name} must be on or off, not "${env[name]}".`);
}
