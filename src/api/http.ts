/**
 * The HTTP layer every API call goes through: JSON headers, `v=1&NC=true` on Chat Agent URLs, the
 * `X-HTTP-Method-Override: PUT` convention, the scheme rule, the retry loop (the policy itself is in
 * `retryPolicy.ts`), and errors that never carry a secret (`requestErrors.ts`).
 */
import http from 'node:http';
import https from 'node:https';
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import { ResponseFormatError } from './responseReader.js';
import { LiveEngageApiError, configError, redact, snippet } from './errors.js';
import { createLogger, type LiveEngageLogger } from '../logger.js';
import { abortedError, httpError, networkError, secretsOf, withAborted } from './requestErrors.js';
import { retryWait, sleep, type RetriesSpent } from './retryPolicy.js';
import { isLoopbackHost } from './scheme.js';
import { httpsAgentTrusting, type CaSetting } from './trust.js';

/** How an `HttpClient` behaves: timeouts, the retry policy, trust, hooks, logging. */
export interface HttpSettings {
  /** Per-request timeout in ms. Default 30000. */
  timeoutMs?: number;
  /** Waits before each retry of an idempotent call on 5xx/network/timeout, in ms. Default `[5000, 10000, 15000]`. */
  retryDelaysMs?: readonly number[];
  /** Shortest wait after a 429, in ms, whatever `Retry-After` says. Default 1000. */
  rateLimitMinDelayMs?: number;
  /** Shortest wait after a 429 on login, in ms. Default 5000. */
  loginRateLimitMinDelayMs?: number;
  /** How many times one call is retried after 429s. Default 3. */
  maxRateLimitRetries?: number;
  /** A `Retry-After` longer than this (ms) is not waited for; the 429 is thrown with `retryAfterMs`. Default 120000. */
  maxRetryAfterMs?: number;
  /** Aborts requests and retry waits (shutdown). */
  signal?: AbortSignal;
  /** Called before every attempt. */
  onRequest?: (info: RequestInfo) => void;
  /** Called after every attempt, with the status (if any) and the time taken. */
  onResponse?: (info: ResponseInfo) => void;
  /** `User-Agent` header. Default `botbuilder-adapter-liveengage`. */
  userAgent?: string;
  /**
   * Extra certificate authorities (PEM) to trust for https, beside Node's defaults: e.g. the
   * simulator's `certificatePem` in TLS mode, or a corporate proxy's CA. Verification always stays on.
   */
  ca?: CaSetting;
  /**
   * The scheme for a bare loopback `host[:port]` from the Domain API or login (every other host is
   * https). Default `http` (the simulator's default); `https` for a simulator started with `tls`.
   */
  loopbackScheme?: 'http' | 'https';
  /** Where attempts (debug) and retries (info) are logged. Default `debug` (`botbuilder-adapter-liveengage:api`). */
  logger?: LiveEngageLogger;
}

export const DEFAULT_HTTP_SETTINGS = {
  timeoutMs: 30_000,
  retryDelaysMs: [5_000, 10_000, 15_000] as readonly number[],
  rateLimitMinDelayMs: 1_000,
  loginRateLimitMinDelayMs: 5_000,
  maxRateLimitRetries: 3,
  maxRetryAfterMs: 120_000,
  userAgent: 'botbuilder-adapter-liveengage',
  loopbackScheme: 'http',
} as const;

export interface RequestInfo {
  operation: string;
  method: string;
  /** The URL path, without the query string. */
  path: string;
  /** 1 for the first try. */
  attempt: number;
}

export interface ResponseInfo extends RequestInfo {
  /** Absent when no response came back. */
  status?: number;
  ms: number;
  /** Set when the attempt failed. */
  errorKind?: LiveEngageApiError['kind'];
}

/** One API call. */
export interface ApiRequest {
  /** Names the call in errors, logs and hooks (`addLine`). */
  operation: string;
  method: 'GET' | 'POST';
  url: string;
  /** A Chat Agent API URL: add `v=1&NC=true` if missing. */
  chatAgent?: boolean;
  /** Query parameters to add (undefined values skipped). */
  query?: Record<string, string | number | boolean | undefined>;
  /** JSON body. */
  body?: unknown;
  bearer?: string;
  /** `Cookie` header value (`Session_id=…`). */
  cookie?: string;
  /** Sent as POST with `X-HTTP-Method-Override`. */
  methodOverride?: 'PUT';
  /** Safe to repeat: retried on 5xx, network errors and timeouts. */
  idempotent: boolean;
  /**
   * A read the caller repeats anyway (the poll loop, every poll interval): not retried on 5xx, network
   * errors, timeouts or 429, since the next cycle comes sooner than a retry and a retry would hold it up.
   */
  polled?: boolean;
  /** Shortest wait after a 429 for this call (login: `loginRateLimitMinDelayMs`). */
  rateLimitMinDelayMs?: number;
  /** Whether a 401 means an expired login (true) or rejected credentials (login, Domain API). Default true. */
  authExpiresOn401?: boolean;
  /** Extra values to keep out of errors (passwords, keys); the bearer and cookie are added automatically. */
  secrets?: readonly (string | undefined)[];
  /** Per-call abort, in addition to the client's. */
  signal?: AbortSignal;
  /** Explains a status better than the body can (e.g. 451 on login). */
  statusHints?: Record<number, string>;
}

export interface ApiResponse {
  status: number;
  /** Parsed JSON; `null` for an empty body. */
  data: unknown;
  /** `Set-Cookie` headers. */
  setCookies: string[];
  /** The `Location` header, made absolute against the request URL (the 2017 docs put new URIs there). */
  location?: string;
}

/**
 * What every LiveEngage request goes through (`createHttpClient` makes the default one; the adapters
 * ask for theirs through their `createHttpClient` seam). A wrapper passes `settings` on unchanged.
 */
export interface HttpClient {
  readonly settings: Readonly<Required<Omit<HttpSettings, 'signal' | 'onRequest' | 'onResponse' | 'ca' | 'logger'>>>;
  /** Sends a request under the retry policy; resolves with a 2xx answer or throws `LiveEngageApiError`. */
  request(req: ApiRequest): Promise<ApiResponse>;
  /** `request`, then `read(data)`; a `ResponseFormatError` becomes a `malformed` error naming the operation. */
  call<T>(req: ApiRequest, read: (data: unknown, response: ApiResponse) => T): Promise<T>;
  /** Closes idle keep-alive sockets. */
  close(): void;
}

export function createHttpClient(settings: HttpSettings = {}): HttpClient {
  return new AxiosHttpClient(settings);
}

/** `Session_id` from `Set-Cookie` headers. */
export function sessionIdFromCookies(setCookies: readonly string[]): string | undefined {
  for (const header of setCookies) {
    const match = /(?:^|;\s*)Session_id=([^;]*)/.exec(header);
    if (match?.[1]) return match[1];
  }
  return undefined;
}

/**
 * Checks the scheme rule and returns the URL with `query` (and, for Chat Agent URLs, `v=1&NC=true`)
 * appended. Existing query text is kept as it is (`chatSessionKeys=a,b` stays unencoded).
 */
export function prepareUrl(operation: string, url: string, options: { chatAgent?: boolean; query?: ApiRequest['query'] } = {}): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw configError(operation, 'the URL is not absolute or not valid');
  }
  if (parsed.username || parsed.password) throw configError(operation, `the URL for ${parsed.host} carries credentials; remove them`);
  if (parsed.protocol === 'http:') {
    if (!isLoopbackHost(parsed.hostname)) {
      throw configError(operation, `refusing plain http to ${parsed.host}: only loopback hosts may use http, use https`);
    }
  } else if (parsed.protocol !== 'https:') {
    throw configError(operation, `unsupported URL scheme ${parsed.protocol.replace(/:$/, '')} for ${parsed.host}; use https`);
  }
  const hash = url.indexOf('#');
  let out = hash >= 0 ? url.slice(0, hash) : url;
  const add = (key: string, value: string | number | boolean): void => {
    out += `${out.includes('?') ? (out.endsWith('?') || out.endsWith('&') ? '' : '&') : '?'}${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`;
  };
  for (const [key, value] of Object.entries(options.query ?? {})) if (value !== undefined) add(key, value);
  if (options.chatAgent) {
    // The server's `next` links come without them (the sample app re-adds `&v=1&NC=true`).
    if (!parsed.searchParams.has('v')) add('v', 1);
    if (!parsed.searchParams.has('NC')) add('NC', 'true');
  }
  return out;
}

/** Network errors raised before the request could have reached the server. */

class AxiosHttpClient implements HttpClient {
  readonly settings: HttpClient['settings'];
  private readonly axios: AxiosInstance;
  private readonly httpAgent = new http.Agent({ keepAlive: true });
  private readonly httpsAgent: https.Agent;
  private readonly log: LiveEngageLogger;

  constructor(private readonly options: HttpSettings) {
    this.httpsAgent = httpsAgentTrusting(options.ca);
    this.log = createLogger('api', options.logger);
    this.settings = {
      timeoutMs: options.timeoutMs ?? DEFAULT_HTTP_SETTINGS.timeoutMs,
      retryDelaysMs: [...(options.retryDelaysMs ?? DEFAULT_HTTP_SETTINGS.retryDelaysMs)],
      rateLimitMinDelayMs: options.rateLimitMinDelayMs ?? DEFAULT_HTTP_SETTINGS.rateLimitMinDelayMs,
      loginRateLimitMinDelayMs: options.loginRateLimitMinDelayMs ?? DEFAULT_HTTP_SETTINGS.loginRateLimitMinDelayMs,
      maxRateLimitRetries: options.maxRateLimitRetries ?? DEFAULT_HTTP_SETTINGS.maxRateLimitRetries,
      maxRetryAfterMs: options.maxRetryAfterMs ?? DEFAULT_HTTP_SETTINGS.maxRetryAfterMs,
      userAgent: options.userAgent ?? DEFAULT_HTTP_SETTINGS.userAgent,
      loopbackScheme: options.loopbackScheme ?? DEFAULT_HTTP_SETTINGS.loopbackScheme,
    };
    if (this.settings.loopbackScheme !== 'http' && this.settings.loopbackScheme !== 'https') {
      throw configError('createHttpClient', "loopbackScheme must be 'http' or 'https'");
    }
    this.axios = axios.create({
      timeout: this.settings.timeoutMs,
      headers: {
        Accept: 'application/json',
        'Content-Type': 'application/json',
        'X-Requested-With': 'XMLHttpRequest',
        'User-Agent': this.settings.userAgent,
      },
      // Statuses, JSON parsing and redirects are ours to judge.
      validateStatus: () => true,
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
      maxRedirects: 0,
      maxContentLength: 20 * 1024 * 1024,
      transitional: { clarifyTimeoutError: true, silentJSONParsing: true, forcedJSONParsing: false },
      httpAgent: this.httpAgent,
      httpsAgent: this.httpsAgent,
    });
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  async call<T>(req: ApiRequest, read: (data: unknown, response: ApiResponse) => T): Promise<T> {
    const response = await this.request(req);
    try {
      return read(response.data, response);
    } catch (error) {
      if (!(error instanceof ResponseFormatError)) throw error;
      throw new LiveEngageApiError({
        operation: req.operation,
        kind: 'malformed',
        status: response.status,
        detail: `unexpected response (${redact(error.message, secretsOf(req))})`,
        // The server said yes; we just cannot read what it said. For a non-idempotent call that means applied.
        ambiguous: !req.idempotent,
        cause: error,
      });
    }
  }

  async request(req: ApiRequest): Promise<ApiResponse> {
    const url = prepareUrl(req.operation, req.url, req);
    const path = new URL(url).pathname;
    const signals = [this.options.signal, req.signal].filter((s): s is AbortSignal => s !== undefined);
    const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
    let spent: RetriesSpent = { server: 0, rate: 0 };
    for (let attempt = 1; ; attempt += 1) {
      if (signal?.aborted) throw abortedError(req, attempt - 1);
      const outcome = await this.attempt(req, url, path, attempt, signal);
      if (!(outcome instanceof LiveEngageApiError)) return outcome;
      const error = outcome;
      const retry = retryWait(req, error, spent, this.settings);
      if (!retry) throw error;
      spent = retry.spent;
      const wait = retry.waitMs;
      this.log.info('%s: retrying in %dms after %s', req.operation, wait, error.message);
      if (!(await sleep(wait, signal))) throw withAborted(error);
    }
  }

  /** One try: the answer, or the error to throw or retry on. */
  private async attempt(req: ApiRequest, url: string, path: string, attempt: number, signal: AbortSignal | undefined): Promise<ApiResponse | LiveEngageApiError> {
    const method = req.methodOverride ? 'POST' : req.method;
    const headers: Record<string, string> = {};
    if (req.bearer) headers.Authorization = `Bearer ${req.bearer}`;
    if (req.cookie) headers.Cookie = req.cookie;
    if (req.methodOverride) headers['X-HTTP-Method-Override'] = req.methodOverride;
    const info: RequestInfo = { operation: req.operation, method: req.methodOverride ? `POST(${req.methodOverride})` : method, path, attempt };
    this.options.onRequest?.(info);
    const started = Date.now();
    let response: AxiosResponse<string>;
    try {
      response = await this.axios.request<string>({
        url,
        method,
        headers,
        ...(req.body === undefined ? {} : { data: JSON.stringify(req.body) }),
        ...(signal ? { signal } : {}),
        // Environment proxies are for the outside world, not the simulator on loopback.
        ...(isLoopbackHost(new URL(url).hostname) ? { proxy: false as const } : {}),
      });
    } catch (thrown) {
      const error = networkError(req, thrown, attempt);
      const ms = Date.now() - started;
      this.log.debug('%s %s %s -> %s in %dms (attempt %d)', req.operation, info.method, path, error.code ?? error.kind, ms, attempt);
      this.options.onResponse?.({ ...info, ms, errorKind: error.kind });
      return error;
    }
    const ms = Date.now() - started;
    const status = response.status;
    const text = typeof response.data === 'string' ? response.data : '';
    this.log.debug('%s %s %s -> %d in %dms (attempt %d)', req.operation, info.method, path, status, ms, attempt);
    if (status < 200 || status >= 300) {
      const error = httpError(req, status, text, response.headers['retry-after'], attempt);
      this.options.onResponse?.({ ...info, status, ms, errorKind: error.kind });
      return error;
    }
    let data: unknown = null;
    if (text.trim() !== '') {
      try {
        data = JSON.parse(text);
      } catch {
        this.options.onResponse?.({ ...info, status, ms, errorKind: 'malformed' });
        return new LiveEngageApiError({
          operation: req.operation,
          kind: 'malformed',
          status,
          detail: `HTTP ${status} with a body that is not JSON`,
          body: snippet(text, secretsOf(req)),
          ambiguous: !req.idempotent,
          attempts: attempt,
        });
      }
    }
    this.options.onResponse?.({ ...info, status, ms });
    const setCookie = response.headers['set-cookie'];
    const result: ApiResponse = { status, data, setCookies: Array.isArray(setCookie) ? setCookie : typeof setCookie === 'string' ? [setCookie] : [] };
    const location: unknown = response.headers.location;
    if (typeof location === 'string' && location) {
      try {
        result.location = new URL(location, url).href;
      } catch {
        // An unusable Location is ignored; the body is what counts.
      }
    }
    return result;
  }
}
