import type { Storage } from './protocol.js';
import type { AppKeyCredentials, Credentials, PasswordCredentials } from '../api/types.js';
import { isBareHost, isLoopbackUrl } from '../api/scheme.js';
import type { LiveEngageLogger } from '../logger.js';
import { codedError, LiveEngageErrorCode } from '../errorCodes.js';
import { TAKEOVER_SUSPECT_MS } from './takeover.js';

export type { LiveEngageLogger } from '../logger.js';

/** Settings of a `LiveEngageAdapter`. Only `accountId` and `credentials` are required. */
export interface LiveEngageAdapterSettings {
  /** The LiveEngage account (site) id, e.g. `12345678`. */
  accountId: string;

  /**
   * The bot user's login: `{ username, password }`, or an API key
   * `{ username, appKey, secret, accessToken, accessTokenSecret }` (LivePerson recommends API keys for
   * bots: no password expiry). For OAuth2 client credentials give `appKey` = client id, `secret` =
   * client secret and leave the token fields out (they are sent as `"dummy"`).
   */
  credentials: Credentials;

  /**
   * Where the Domain API is asked for the `agentVep` host. Default `https://api.liveperson.net`.
   * Point it at the simulator (`simulator.domainApiUrl`) to run locally.
   */
  domainApiUrl?: string;

  /** The `agentVep` host (e.g. `va.agentvep.liveperson.net`); set it to skip the Domain API lookup. */
  agentVepDomain?: string;

  /**
   * Extra certificate authorities (PEM, string or Buffer, or a list) trusted for https beside Node's
   * own, e.g. `simulator.certificatePem` of a simulator started with `tls`. Verification stays on.
   * With an https loopback `domainApiUrl`, loopback hosts from the Domain API are reached over https.
   */
  ca?: string | Buffer | (string | Buffer)[];

  /**
   * How often to poll for ringing chats and new chat events, in ms. Default 2000, which is also the
   * minimum LiveEngage allows; lower values are accepted for loopback hosts (the simulator) only.
   */
  pollIntervalMs?: number;

  /** How often to refresh the login session (keep-alive), in ms. Default 300000 (5 minutes). */
  refreshIntervalMs?: number;

  /**
   * Stop accepting chats while this many are open; the bot shows Occupied meanwhile, so LiveEngage rings
   * other agents. Default: unlimited (LiveEngage's `maxChats` for the user still applies).
   */
  maxConcurrentChats?: number;

  /** Where a chat goes when the bot's turn throws, so no visitor is left alone. Default: none. */
  failoverSkill?: string;

  /**
   * What the visitor reads when a turn throws and no `failoverSkill` is set (the chat stays open).
   * Default: "Sorry, something went wrong on our side. Please try again."
   */
  failoverMessage?: string;

  /** `plain` (default) or `html`: the text type of outgoing lines. A message with `textFormat: 'xml'` is always sent as html. */
  lineFormat?: 'plain' | 'html';

  /** Longest line LiveEngage gets, in characters; longer texts are split at word boundaries. Default 4000. */
  maxLineLength?: number;

  /** How many Chat Agent API requests may be in flight at once, over all chats. Default 16. */
  maxRequestsInFlight?: number;

  /**
   * Timeout of one HTTP request, in ms. Default 10000: LiveEngage ends a chat 40 s after the agent last
   * read it, so a hung request (plus the look or retry after it) must leave room for the next read.
   */
  requestTimeoutMs?: number;

  /**
   * LivePerson's retry policy: delays before each retry of a failed idempotent call, in ms.
   * Default `[5000, 10000, 15000]`. Tests use small values.
   */
  retryDelaysMs?: number[];

  /** Least wait after a 429 without (or with a shorter) `Retry-After`, in ms. Default 1000. */
  rateLimitMinDelayMs?: number;

  /**
   * Least wait after a 429 on login, in ms: LivePerson's login service asks for 5 s. Default 5000.
   * While a renewal waits here the open chats go unread, so it must stay well inside the 40 s chat timeout.
   */
  loginRateLimitMinDelayMs?: number;

  /**
   * After a failed attempt to log in again (bearer rejected, refresh failed), the waits before the
   * next attempts, in ms: LivePerson's "slow outer loop". Default `[120000, 240000, 480000]`; the last
   * one repeats.
   */
  reloginDelaysMs?: number[];

  /**
   * Another process logged in as the same bot user ends our login (LiveEngage allows one session per
   * user). A login ended within `takeoverSuspectMs` of starting counts as such a takeover; after this many within
   * `takeoverWindowMs` the adapter stops logging in again and says so (event `takeover`, `gaveUp`).
   * Default 3.
   */
  maxTakeovers?: number;

  /** The window `maxTakeovers` is counted in, in ms. Default 600000 (10 minutes). */
  takeoverWindowMs?: number;

  /**
   * How young a login must be for its rejection (401) to count as a takeover rather than an expiry or a
   * revocation, in ms. Default 60000.
   */
  takeoverSuspectMs?: number;

  /** Where per-chat cursors and conversation references are kept across restarts (botbuilder's or the Agents SDK's storages both fit). Default: in memory. */
  storage?: Storage;

  /** A logger; default: `debug` namespaces `botbuilder-adapter-liveengage:*`. */
  logger?: LiveEngageLogger;

  /**
   * Which LivePerson conversations the bot serves: `'chat'` (default) is Live Chat through the Chat Agent
   * API (polling); `'messaging'` is Messaging (Conversational Cloud) through the UMS agent websocket, with
   * the same bot, activities, transfer activity, events and storage. See the README's "Messaging".
   */
  transport?: 'chat' | 'messaging';

  /**
   * Messaging only: skill names to ids, for transfers by name (`createTransferActivity('human-support')`).
   * Messaging transfers take a skill id and the agent websocket offers no skill list; a numeric skill
   * (`createTransferActivity(2)` or `'2'`) needs no entry. Default: none (names fail the transfer).
   */
  messagingSkills?: Record<string, number>;
}

/** Settings with every default applied. */
export interface ResolvedSettings extends Required<Omit<LiveEngageAdapterSettings, 'agentVepDomain' | 'ca' | 'failoverSkill' | 'maxConcurrentChats' | 'storage' | 'logger' | 'messagingSkills'>> {
  messagingSkills?: Record<string, number>;
  agentVepDomain?: string;
  ca?: string | Buffer | (string | Buffer)[];
  failoverSkill?: string;
  maxConcurrentChats?: number;
  storage?: Storage;
  logger?: LiveEngageLogger;
}

export const DEFAULT_DOMAIN_API_URL = 'https://api.liveperson.net';
/** LiveEngage forbids polling faster than every 2 s. */
export const MIN_POLL_INTERVAL_MS = 2000;

/**
 * How often the poller checks that LiveEngage has not changed the agent's availability (it sets an agent
 * Away after a chat rang past 20 s) and looks for chats it does not know, in ms. A protected field of the
 * bindings (`availabilityCheckMs`), for subclasses.
 */
export const AVAILABILITY_CHECK_MS = 30_000;

/** Room for the html wrapper and a few words. */
const MIN_LINE_LENGTH = 200;

export const DEFAULT_SETTINGS = {
  domainApiUrl: DEFAULT_DOMAIN_API_URL,
  pollIntervalMs: MIN_POLL_INTERVAL_MS,
  refreshIntervalMs: 5 * 60_000,
  failoverMessage: 'Sorry, something went wrong on our side. Please try again.',
  lineFormat: 'plain' as const,
  maxLineLength: 4000,
  maxRequestsInFlight: 16,
  requestTimeoutMs: 10_000,
  retryDelaysMs: [5000, 10_000, 15_000],
  rateLimitMinDelayMs: 1000,
  loginRateLimitMinDelayMs: 5000,
  reloginDelaysMs: [120_000, 240_000, 480_000],
  maxTakeovers: 3,
  takeoverWindowMs: 10 * 60_000,
  takeoverSuspectMs: TAKEOVER_SUSPECT_MS,
  transport: 'chat' as const,
};

/**
 * Applies defaults and checks every field, throwing `TypeError`/`RangeError` with a message that names
 * the field: `LiveEngageAdapter.constructor(): accountId is required.`
 */
export function resolveSettings(settings: LiveEngageAdapterSettings, where = 'LiveEngageAdapter.constructor()'): ResolvedSettings {
  const fail = (message: string, Kind: typeof TypeError = TypeError): never => {
    throw codedError(Kind, `${where}: ${message}`, LiveEngageErrorCode.INVALID_ARGUMENT);
  };
  if (!settings || typeof settings !== 'object') fail('settings are required.');
  if (!nonEmpty(settings.accountId)) fail('accountId is required.');
  checkCredentials(settings.credentials, fail);

  const resolved: ResolvedSettings = { ...DEFAULT_SETTINGS, ...dropUndefined(settings) } as ResolvedSettings;

  checkUrl(resolved.domainApiUrl, 'domainApiUrl', fail);
  if (resolved.agentVepDomain !== undefined && !isBareHost(resolved.agentVepDomain)) {
    fail(`agentVepDomain must be a bare host name such as va.agentvep.liveperson.net (got '${resolved.agentVepDomain}').`);
  }
  const pem = (v: unknown) => (typeof v === 'string' || Buffer.isBuffer(v)) && v.toString().includes('-----BEGIN CERTIFICATE-----');
  if (resolved.ca !== undefined && ![resolved.ca].flat().every(pem)) fail('ca must be PEM certificate text (a string or Buffer, or a list of them).');
  positiveInteger(resolved.pollIntervalMs, 'pollIntervalMs', fail);
  const onLoopback = resolved.agentVepDomain !== undefined
    ? isLoopbackUrl(`http://${resolved.agentVepDomain}`)
    : isLoopbackUrl(resolved.domainApiUrl);
  if (resolved.pollIntervalMs < MIN_POLL_INTERVAL_MS && !onLoopback) {
    fail(`pollIntervalMs must be at least ${MIN_POLL_INTERVAL_MS} (LiveEngage forbids faster polling); lower values are for loopback hosts only.`, RangeError);
  }
  positiveInteger(resolved.refreshIntervalMs, 'refreshIntervalMs', fail);
  if (resolved.maxConcurrentChats !== undefined) positiveInteger(resolved.maxConcurrentChats, 'maxConcurrentChats', fail);
  if (resolved.failoverSkill !== undefined && !nonEmpty(resolved.failoverSkill)) fail('failoverSkill must be a non-empty skill name.');
  if (resolved.lineFormat !== 'plain' && resolved.lineFormat !== 'html') fail(`lineFormat must be 'plain' or 'html' (got '${String(resolved.lineFormat)}').`);
  positiveInteger(resolved.maxLineLength, 'maxLineLength', fail);
  if (resolved.maxLineLength < MIN_LINE_LENGTH) fail(`maxLineLength must be at least ${MIN_LINE_LENGTH} (got ${resolved.maxLineLength}).`, RangeError);
  positiveInteger(resolved.maxRequestsInFlight, 'maxRequestsInFlight', fail);
  positiveInteger(resolved.requestTimeoutMs, 'requestTimeoutMs', fail);
  delays(resolved.retryDelaysMs, 'retryDelaysMs', false, fail);
  delays(resolved.reloginDelaysMs, 'reloginDelaysMs', true, fail);
  positiveInteger(resolved.maxTakeovers, 'maxTakeovers', fail);
  positiveInteger(resolved.takeoverWindowMs, 'takeoverWindowMs', fail);
  positiveInteger(resolved.takeoverSuspectMs, 'takeoverSuspectMs', fail);
  for (const key of ['rateLimitMinDelayMs', 'loginRateLimitMinDelayMs'] as const) {
    if (!Number.isFinite(resolved[key]) || resolved[key] < 0) fail(`${key} must be a non-negative number of ms.`);
  }
  if (resolved.transport !== 'chat' && resolved.transport !== 'messaging') fail(`transport must be 'chat' or 'messaging' (got '${String(resolved.transport)}').`);
  if (resolved.messagingSkills !== undefined) {
    const skills = resolved.messagingSkills as unknown;
    const ok = !!skills && typeof skills === 'object' && !Array.isArray(skills) && Object.values(skills).every((id) => Number.isInteger(id) && (id as number) > 0);
    if (!ok) fail('messagingSkills must map skill names to positive whole skill ids, e.g. { "human-support": 2 }.');
  }
  return resolved;
}

/** A loopback host from the Domain API is reached over https when the Domain API itself was (a simulator with `tls`). */
export function loopbackSchemeOf(domainApiUrl: string): 'http' | 'https' {
  return domainApiUrl.startsWith('https:') && isLoopbackUrl(domainApiUrl) ? 'https' : 'http';
}

function checkCredentials(credentials: unknown, fail: (message: string) => never): void {
  if (!credentials || typeof credentials !== 'object') fail('credentials are required: { username, password } or { username, appKey, secret, accessToken, accessTokenSecret }.');
  const c = credentials as Partial<PasswordCredentials & AppKeyCredentials>;
  if (!nonEmpty(c.username)) fail('credentials.username is required.');
  if ('appKey' in c || 'secret' in c) {
    if (!nonEmpty(c.appKey)) fail('credentials.appKey is required for API-key login.');
    if (!nonEmpty(c.secret)) fail('credentials.secret is required for API-key login.');
    const tokens = [c.accessToken, c.accessTokenSecret].filter((t) => t !== undefined);
    if (tokens.length === 1) fail('credentials.accessToken and credentials.accessTokenSecret go together (omit both for OAuth2 client credentials).');
    return;
  }
  if (!nonEmpty(c.password)) fail('credentials.password is required (or give an API key: appKey, secret, accessToken, accessTokenSecret).');
}

function checkUrl(url: string, name: string, fail: (message: string) => never): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return fail(`${name} must be an absolute URL (got '${url}').`);
  }
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && isLoopbackUrl(url))) {
    fail(`${name} must use https (plain http is allowed for loopback hosts only); got ${parsed.protocol}//${parsed.host}.`);
  }
}

function delays(value: unknown, name: string, nonEmpty: boolean, fail: (message: string) => never): void {
  const ok = Array.isArray(value) && (!nonEmpty || value.length > 0) && value.every((d) => Number.isFinite(d) && d >= 0);
  if (!ok) fail(`${name} must be a${nonEmpty ? ' non-empty' : 'n'} array of non-negative numbers of ms.`);
}

function positiveInteger(value: number, name: string, fail: (message: string, Kind?: typeof TypeError) => never): void {
  if (!Number.isInteger(value) || value <= 0) fail(`${name} must be a positive whole number (got ${String(value)}).`, RangeError);
}

function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function dropUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
