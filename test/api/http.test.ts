import assert from 'node:assert/strict';
import { format, inspect } from 'node:util';
import createDebug from 'debug';
import sinon from 'sinon';
import { readEvents } from '../../src/api/chatResponses.js';
import { LiveEngageApiError, redact } from '../../src/api/errors.js';
import { parseRetryAfter, retryWait, sleep } from '../../src/api/retryPolicy.js';
import { DEFAULT_HTTP_SETTINGS, createHttpClient, prepareUrl, sessionIdFromCookies, type HttpClient, type HttpSettings, type ResponseInfo } from '../../src/api/http.js';
import { isBareHost, originForHost } from '../../src/api/scheme.js';
import { startScriptedServer, type Reply, type ScriptedServer } from '../support/apiServer.js';

const FAST: HttpSettings = { retryDelaysMs: [5, 5, 5], rateLimitMinDelayMs: 20, loginRateLimitMinDelayMs: 60, timeoutMs: 2000 };

/** Every way an error can be looked at. */
function renderings(err: unknown): string[] {
  const e = err as Error;
  return [String(e), e.message, JSON.stringify(e), inspect(e, { depth: 5, showHidden: true }), e.stack ?? ''];
}

function assertNoSecrets(err: unknown, secrets: string[]): void {
  for (const text of renderings(err)) for (const secret of secrets) assert.ok(!text.includes(secret), `leaked ${secret} in: ${text}`);
}

async function rejection(promise: Promise<unknown>): Promise<LiveEngageApiError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof LiveEngageApiError, `expected LiveEngageApiError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a rejection');
}

describe('api/scheme: bare hosts and origins', () => {
  it('accepts host[:port] only', () => {
    for (const ok of ['va.agentvep.liveperson.net', 'localhost', '127.0.0.1:4000', '[::1]:8080', 'a-b.example', 'host:65535']) assert.ok(isBareHost(ok), ok);
    for (const bad of ['https://x.example', 'x.example/path', 'user@x.example', 'u:p@x.example', 'x.example?q', 'x.example#f', 'x.example:0', 'x.example:70000', '', ' x', '-x.example', 'x..example']) {
      assert.ok(!isBareHost(bad), bad);
    }
  });

  it('http for loopback hosts, https for every other host', () => {
    assert.equal(originForHost('127.0.0.1:4000'), 'http://127.0.0.1:4000');
    assert.equal(originForHost('localhost'), 'http://localhost');
    assert.equal(originForHost('[::1]:9'), 'http://[::1]:9');
    assert.equal(originForHost('va.agentvep.liveperson.net'), 'https://va.agentvep.liveperson.net');
    assert.equal(originForHost('127.example.com'), 'https://127.example.com');
  });
});

describe('api/http: URLs', () => {
  it('adds v=1&NC=true to Chat Agent URLs that lack them, and nothing else', () => {
    assert.equal(prepareUrl('x', 'https://h.example/a/events?from=4', { chatAgent: true }), 'https://h.example/a/events?from=4&v=1&NC=true');
    assert.equal(prepareUrl('x', 'https://h.example/a', { chatAgent: true }), 'https://h.example/a?v=1&NC=true');
    assert.equal(prepareUrl('x', 'https://h.example/a?v=1&NC=true', { chatAgent: true }), 'https://h.example/a?v=1&NC=true');
    assert.equal(prepareUrl('x', 'https://h.example/a?NC=true', { chatAgent: true }), 'https://h.example/a?NC=true&v=1');
    assert.equal(prepareUrl('x', 'https://h.example/login', { query: { v: '1.3' } }), 'https://h.example/login?v=1.3');
    // Existing query text is not re-encoded (the multi-chat read's commas stay commas).
    assert.equal(prepareUrl('x', 'https://h.example/chat?chatSessionKeys=a,b&fromEventIds=0,5', { chatAgent: true }), 'https://h.example/chat?chatSessionKeys=a,b&fromEventIds=0,5&v=1&NC=true');
    assert.equal(prepareUrl('x', 'https://h.example/a', { query: { from: 3, skip: undefined } }), 'https://h.example/a?from=3');
  });

  it('refuses http to a non-loopback host, naming the host but not the query', () => {
    const err = (() => {
      try {
        prepareUrl('getEvents', 'http://evil.example:8080/api/x?token=abc123&csrf=zzz');
      } catch (e) {
        return e as LiveEngageApiError;
      }
      return assert.fail('not refused');
    })();
    assert.ok(err instanceof LiveEngageApiError);
    assert.equal(err.kind, 'config');
    assert.equal(err.operation, 'getEvents');
    assert.equal(err.retryable, false);
    assert.match(err.message, /^LiveEngage getEvents failed: refusing plain http to evil\.example:8080/);
    for (const text of renderings(err)) assert.ok(!/abc123|zzz|token=|\/api\/x/.test(text), text);
  });

  it('allows https anywhere and http on loopback; refuses other schemes, userinfo and junk', () => {
    for (const ok of ['https://va.agentvep.liveperson.net/x', 'http://127.0.0.1:1/x', 'http://127.9.9.9/x', 'http://localhost:9/x', 'http://[::1]:9/x']) assert.doesNotThrow(() => prepareUrl('x', ok), ok);
    for (const bad of ['http://10.0.0.1/x', 'http://127.0.0.1.nip.io/x', 'ftp://h.example/x', 'https://u:p@h.example/x', 'not a url', '/relative']) {
      assert.throws(() => prepareUrl('x', bad), (e: unknown) => e instanceof LiveEngageApiError && e.kind === 'config' && !e.message.includes('u:p'), bad);
    }
  });

  it('is checked before any request is made', async () => {
    const onRequest = sinon.spy();
    const http = createHttpClient({ ...FAST, onRequest });
    const err = await rejection(http.request({ operation: 'getChat', method: 'GET', url: 'http://example.com/api/chat?secret=s3cr3t', idempotent: true }));
    assert.equal(err.kind, 'config');
    assert.ok(err.message.includes('example.com') && !err.message.includes('s3cr3t'));
    assert.equal(onRequest.callCount, 0);
    http.close();
  });
});

describe('api/http: helpers', () => {
  it('retryWait: the retry policy as a table', () => {
    const limits = { retryDelaysMs: [5000, 10_000, 15_000], rateLimitMinDelayMs: 1000, maxRateLimitRetries: 3, maxRetryAfterMs: 120_000 };
    const err = (init: Partial<ConstructorParameters<typeof LiveEngageApiError>[0]>) => new LiveEngageApiError({ operation: 'x', kind: 'http', detail: 'd', ...init });
    const get = { operation: 'getChat', method: 'GET', url: 'u', idempotent: true } as const;
    const post = { operation: 'addLine', method: 'POST', url: 'u', idempotent: false } as const;
    const none = { server: 0, rate: 0 };
    const cases: [string, Parameters<typeof retryWait>[0], LiveEngageApiError, typeof none, number | undefined][] = [
      ['5xx on an idempotent call: the first delay', get, err({ status: 503, retryable: true }), none, 5000],
      ['5xx, third retry: the third delay', get, err({ status: 500, retryable: true }), { server: 2, rate: 0 }, 15_000],
      ['5xx after all delays: give up', get, err({ status: 500, retryable: true }), { server: 3, rate: 0 }, undefined],
      ['5xx on a non-idempotent call: give up (ambiguous)', post, err({ status: 500, retryable: true, ambiguous: true }), none, undefined],
      ['429 on any call: Retry-After', post, err({ status: 429, retryable: true, retryAfterMs: 3000 }), none, 3000],
      ['429 without Retry-After: the minimum', get, err({ status: 429, retryable: true }), none, 1000],
      ['429 with its own minimum (login)', { ...get, rateLimitMinDelayMs: 5000 }, err({ status: 429, retryable: true }), none, 5000],
      ['429 past the Retry-After cap: give up', get, err({ status: 429, retryable: true, retryAfterMs: 200_000 }), none, undefined],
      ['429 after the 429 budget: give up', get, err({ status: 429, retryable: true }), { server: 0, rate: 3 }, undefined],
      ['other 4xx: give up', get, err({ status: 404 }), none, undefined],
      ['a polled read: never', { ...get, polled: true }, err({ status: 503, retryable: true }), none, undefined],
    ];
    for (const [name, req, error, spent, expected] of cases) assert.equal(retryWait(req, error, spent, limits)?.waitMs, expected, name);
  });

  it('parseRetryAfter: seconds and HTTP dates', () => {
    assert.equal(parseRetryAfter('2'), 2000);
    assert.equal(parseRetryAfter('0'), 0);
    assert.equal(parseRetryAfter(['3']), 3000);
    assert.equal(parseRetryAfter(undefined), undefined);
    assert.equal(parseRetryAfter('soon'), undefined);
    const inTenSeconds = new Date(Date.now() + 10_000).toUTCString();
    const ms = parseRetryAfter(inTenSeconds);
    assert.ok(ms !== undefined && ms > 8_000 && ms <= 10_000, String(ms));
  });

  it('sessionIdFromCookies', () => {
    assert.equal(sessionIdFromCookies(['other=1; Path=/', 'Session_id=abc.def; Path=/; HttpOnly']), 'abc.def');
    assert.equal(sessionIdFromCookies([]), undefined);
  });

  it('sleep uses setTimeout (fake timers drive it) and stops on abort', async () => {
    const clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      let done: boolean | undefined;
      void sleep(5000).then((v) => (done = v));
      await clock.tickAsync(4999);
      assert.equal(done, undefined);
      await clock.tickAsync(1);
      assert.equal(done, true);
      const abort = new AbortController();
      const waiting = sleep(60_000, abort.signal);
      abort.abort();
      assert.equal(await waiting, false);
    } finally {
      clock.restore();
    }
  });

  it('redact: exact secrets (raw, URL- and JSON-encoded) and well-known fields', () => {
    const text = redact('{"bearer":"b1","csrf":"c2","password":"p w\\"x"} Session_id=SID; Bearer tok.en oauth_token=abc&x=1 my pass: hunter22 enc hunter%2022', ['hunter22', 'hunter 22']);
    for (const secret of ['b1', 'c2', 'p w', 'SID', 'tok.en', 'oauth_token=abc', 'hunter22', 'hunter%2022']) assert.ok(!text.includes(secret), `${secret} in ${text}`);
    assert.ok(text.includes('x=1') && text.includes('my pass'));
  });
});

describe('api/http: LiveEngageApiError', () => {
  it('looks right in every rendering and serialises its fields', () => {
    const err = new LiveEngageApiError({ operation: 'addLine', kind: 'http', status: 500, detail: 'HTTP 500 (boom)', retryable: true, ambiguous: true, attempts: 1 });
    assert.equal(err.name, 'LiveEngageApiError');
    assert.equal(String(err), 'LiveEngageApiError: LiveEngage addLine failed: HTTP 500 (boom)');
    assert.ok(err.stack?.startsWith('LiveEngageApiError: LiveEngage addLine failed'));
    const json = JSON.parse(JSON.stringify(err)) as Record<string, unknown>;
    assert.equal(json.message, err.message);
    assert.equal(json.status, 500);
    assert.equal(json.ambiguous, true);
    assert.ok(err instanceof Error);
    const again = err.with({ aborted: true });
    assert.equal(again.aborted, true);
    assert.equal(again.message, err.message);
  });
});

describe('api/http: requests and the retry policy (scripted loopback server)', () => {
  let server: ScriptedServer | undefined;
  let http: HttpClient | undefined;
  const script: Reply[] = [];
  let fallback: Reply = { status: 200, body: { ok: true } };

  async function serve(replies: Reply[], settings: HttpSettings = FAST, otherwise: Reply = { status: 200, body: { ok: true } }): Promise<{ server: ScriptedServer; http: HttpClient }> {
    script.splice(0, script.length, ...replies);
    fallback = otherwise;
    server = await startScriptedServer(() => script.shift() ?? fallback);
    http = createHttpClient(settings);
    return { server, http };
  }

  afterEach(async () => {
    http?.close();
    await server?.close();
    server = undefined;
    http = undefined;
  });

  it('sends the JSON headers, the bearer, v=1&NC=true and the method override', async () => {
    const { server, http } = await serve([{ status: 200, body: '' }]);
    const res = await http.request({ operation: 'setAvailability', method: 'POST', methodOverride: 'PUT', url: `${server.origin}/s/availability`, chatAgent: true, body: { availability: { chat: 'Online' } }, bearer: 'BEARER-1', idempotent: true });
    assert.equal(res.status, 200);
    assert.equal(res.data, null);
    const [req] = server.requests;
    assert.ok(req);
    assert.equal(req.method, 'POST');
    assert.equal(req.url, '/s/availability?v=1&NC=true');
    assert.equal(req.headers.authorization, 'Bearer BEARER-1');
    assert.equal(req.headers['x-http-method-override'], 'PUT');
    assert.equal(req.headers['x-requested-with'], 'XMLHttpRequest');
    assert.equal(req.headers.accept, 'application/json');
    assert.match(String(req.headers['content-type']), /^application\/json/);
    assert.deepEqual(JSON.parse(req.body), { availability: { chat: 'Online' } });
  });

  it('retries an idempotent call on 5xx, then succeeds', async () => {
    const { server, http } = await serve([{ status: 503 }, { status: 500, body: { error: { message: 'x' } } }]);
    const res = await http.request({ operation: 'getEvents', method: 'GET', url: `${server.origin}/e`, idempotent: true });
    assert.deepEqual(res.data, { ok: true });
    assert.equal(server.requests.length, 3);
  });

  it('a polled read is not retried on 5xx or 429: the next poll cycle is its retry', async () => {
    for (const reply of [{ status: 503 }, { status: 429, headers: { 'retry-after': '0' } }] as Reply[]) {
      const { server, http } = await serve([reply]);
      const err = await rejection(http.request({ operation: 'getChats', method: 'GET', url: `${server.origin}/c`, idempotent: true, polled: true }));
      assert.equal(err.status, reply.status);
      assert.equal(server.requests.length, 1);
    }
  });

  it('gives up after the configured delays with the last error, counting attempts', async () => {
    const { server, http } = await serve([], FAST, { status: 503, body: { error: { time: 't', message: 'Service down', internalCode: 1 } } });
    const err = await rejection(http.request({ operation: 'getEvents', method: 'GET', url: `${server.origin}/e?from=3`, idempotent: true }));
    assert.equal(server.requests.length, 4);
    assert.equal(err.status, 503);
    assert.equal(err.retryable, true);
    assert.equal(err.ambiguous, false);
    assert.equal(err.attempts, 4);
    assert.equal(err.message, 'LiveEngage getEvents failed: HTTP 503 (Service down) after 4 attempts');
  });

  it('waits 5, 10 and 15 s between retries by default (fake timers)', async () => {
    const { server, http } = await serve([], {}, { status: 500 });
    const clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const settle = async (count: number): Promise<void> => {
      // Sockets are real: let I/O run until the server has seen `count` requests.
      for (let i = 0; i < 2000 && server.requests.length < count; i += 1) await new Promise((r) => setImmediate(r));
      assert.equal(server.requests.length, count);
    };
    try {
      const outcome = rejection(http.request({ operation: 'getChat', method: 'GET', url: `${server.origin}/c`, idempotent: true }));
      await settle(1);
      for (const [delay, count] of [[5000, 2], [10_000, 3], [15_000, 4]] as const) {
        await clock.tickAsync(delay - 1);
        await new Promise((r) => setImmediate(r));
        assert.equal(server.requests.length, count - 1, `no retry before ${delay} ms`);
        await clock.tickAsync(1);
        await settle(count);
      }
      const err = await outcome;
      assert.equal(err.attempts, 4);
    } finally {
      clock.restore();
    }
    assert.deepEqual(DEFAULT_HTTP_SETTINGS.retryDelaysMs, [5000, 10000, 15000]);
  });

  it('does not retry other 4xx', async () => {
    const { server, http } = await serve([{ status: 400, body: { error: { time: 't', message: 'Bad request', internalCode: 3 } } }]);
    const err = await rejection(http.request({ operation: 'getChat', method: 'GET', url: `${server.origin}/c`, idempotent: true }));
    assert.equal(server.requests.length, 1);
    assert.equal(err.kind, 'http');
    assert.equal(err.status, 400);
    assert.equal(err.retryable, false);
    assert.equal(err.message, 'LiveEngage getChat failed: HTTP 400 (Bad request)');
  });

  it('401 on an authenticated call: authExpired, not retryable, with the OAuth text', async () => {
    const { server, http } = await serve([{ status: 401, headers: { 'Content-Type': 'text/plain' }, body: 'oauth_problem=token_rejected&oauth_problem_advice=the oauth_token is unacceptable' }]);
    const err = await rejection(http.request({ operation: 'getIncomingRequests', method: 'GET', url: `${server.origin}/i`, bearer: 'B', idempotent: true }));
    assert.equal(server.requests.length, 1);
    assert.equal(err.authExpired, true);
    assert.equal(err.retryable, false);
    assert.match(err.message, /HTTP 401 \(oauth_problem=token_rejected/);
  });

  it('429: waits Retry-After (at least the minimum) and retries, also non-idempotent calls', async () => {
    const { server, http } = await serve([{ status: 429, headers: { 'Retry-After': '0' } }, { status: 429 }, { status: 201, body: { chatEventLocation: { link: { '@href': 'x/events/1', '@rel': 'location' } } } }]);
    const started = Date.now();
    const res = await http.request({ operation: 'addLine', method: 'POST', url: `${server.origin}/c/events`, body: {}, idempotent: false });
    assert.equal(res.status, 201);
    assert.equal(server.requests.length, 3);
    assert.ok(Date.now() - started >= 2 * 20 - 2, 'waited at least rateLimitMinDelayMs twice');
  });

  it('429: honours a longer Retry-After, and a Retry-After beyond the cap is thrown', async () => {
    const { server, http } = await serve([{ status: 429, headers: { 'Retry-After': '0.15' } }, { status: 429, headers: { 'Retry-After': '600' } }], { ...FAST, maxRetryAfterMs: 10_000 });
    const started = Date.now();
    const err = await rejection(http.request({ operation: 'getEvents', method: 'GET', url: `${server.origin}/e`, idempotent: true }));
    assert.ok(Date.now() - started >= 145, 'waited Retry-After');
    assert.equal(server.requests.length, 2);
    assert.equal(err.status, 429);
    assert.equal(err.retryable, true);
    assert.equal(err.retryAfterMs, 600_000);
  });

  it('429 on login waits at least the login minimum', async () => {
    const { server, http } = await serve([{ status: 429, headers: { 'Retry-After': '0' } }]);
    const started = Date.now();
    await http.request({ operation: 'login', method: 'POST', url: `${server.origin}/login`, body: {}, idempotent: true, rateLimitMinDelayMs: http.settings.loginRateLimitMinDelayMs });
    assert.ok(Date.now() - started >= 58);
    assert.equal(server.requests.length, 2);
  });

  it('a non-idempotent call is not retried on 5xx and is ambiguous', async () => {
    const { server, http } = await serve([{ status: 502 }]);
    const err = await rejection(http.request({ operation: 'transfer', method: 'POST', url: `${server.origin}/t`, body: {}, idempotent: false }));
    assert.equal(server.requests.length, 1);
    assert.equal(err.ambiguous, true);
    assert.equal(err.retryable, true);
  });

  it('a dropped connection: idempotent calls retry; non-idempotent ones are ambiguous', async () => {
    const { server, http } = await serve([{ drop: true }, { drop: true }]);
    const res = await http.request({ operation: 'getChat', method: 'GET', url: `${server.origin}/c`, idempotent: true });
    assert.equal(res.status, 200);
    script.push({ drop: true });
    const err = await rejection(http.request({ operation: 'endChat', method: 'POST', url: `${server.origin}/c/events`, body: {}, idempotent: false }));
    assert.equal(err.kind, 'network');
    assert.equal(err.ambiguous, true);
    assert.equal(err.retryable, true);
    assert.ok(err.code, 'carries the network code');
  });

  it('connection refused: not ambiguous (nothing was sent), retryable', async () => {
    const { server, http } = await serve([]);
    const origin = server.origin;
    await server.close();
    const err = await rejection(http.request({ operation: 'addLine', method: 'POST', url: `${origin}/c/events`, body: {}, idempotent: false }));
    assert.equal(err.code, 'ECONNREFUSED');
    assert.equal(err.ambiguous, false);
    assert.equal(err.retryable, true);
  });

  it('timeout: kind timeout, retried when idempotent, ambiguous when not', async () => {
    const { server, http } = await serve([], { ...FAST, timeoutMs: 60 }, { hang: true });
    const err = await rejection(http.request({ operation: 'getEvents', method: 'GET', url: `${server.origin}/e`, idempotent: true }));
    assert.equal(err.kind, 'timeout');
    assert.equal(server.requests.length, 4);
    const err2 = await rejection(http.request({ operation: 'acceptNextChat', method: 'POST', url: `${server.origin}/a`, body: {}, idempotent: false }));
    assert.equal(err2.kind, 'timeout');
    assert.equal(err2.ambiguous, true);
    assert.equal(server.requests.length, 5);
  });

  it('an abort stops a retry wait at once (shutdown)', async () => {
    const abort = new AbortController();
    // The abort must come once the 503 is in and the client waits to retry: a request that merely
    // reached the server may still be in flight on the client side (then the abort cuts the request).
    let answered = 0;
    const { server, http } = await serve([], { ...FAST, retryDelaysMs: [60_000], signal: abort.signal, onResponse: () => (answered += 1) }, { status: 503 });
    const started = Date.now();
    const pending = rejection(http.request({ operation: 'getEvents', method: 'GET', url: `${server.origin}/e`, idempotent: true }));
    while (answered < 1) await new Promise((r) => setTimeout(r, 2));
    abort.abort();
    const err = await pending;
    assert.ok(Date.now() - started < 5000);
    assert.equal(err.aborted, true);
    assert.equal(err.status, 503);
    assert.match(err.message, /retry aborted/);
    const again = await rejection(http.request({ operation: 'getEvents', method: 'GET', url: `${server.origin}/e`, idempotent: true }));
    assert.equal(again.aborted, true);
    assert.equal(server.requests.length, 1, 'nothing is sent once aborted');
  });

  it('a 2xx body that is not JSON is malformed (ambiguous for non-idempotent calls)', async () => {
    const { server, http } = await serve([{ status: 200, body: '{"events":{"li' }, { status: 201, body: '<html>' }]);
    const err = await rejection(http.request({ operation: 'getEvents', method: 'GET', url: `${server.origin}/e`, idempotent: true }));
    assert.equal(err.kind, 'malformed');
    assert.equal(err.ambiguous, false);
    assert.equal(server.requests.length, 1, 'not retried');
    const err2 = await rejection(http.request({ operation: 'addLine', method: 'POST', url: `${server.origin}/e`, body: {}, idempotent: false }));
    assert.equal(err2.kind, 'malformed');
    assert.equal(err2.ambiguous, true);
    assert.match(err2.message, /^LiveEngage addLine failed: HTTP 201 with a body that is not JSON/);
  });

  it('call(): a ResponseFormatError becomes a malformed error naming the operation and the path', async () => {
    const { server, http } = await serve([{ status: 200, body: { events: { link: [], event: [{ '@type': 'line' }] } } }]);
    const err = await rejection(http.call({ operation: 'getEvents', method: 'GET', url: `${server.origin}/e`, idempotent: true }, readEvents));
    assert.equal(err.kind, 'malformed');
    assert.equal(err.status, 200);
    assert.match(err.message, /^LiveEngage getEvents failed: unexpected response \(events: events\.event\[0\]\['@id'\] is missing\)$/);
  });

  it('never leaks the bearer, cookie, csrf or credentials, even when the server echoes them', async () => {
    const secrets = ['BEARER-SECRET-42', 'SESSION-COOKIE-77', 'CSRF-TOKEN-99', 'P@ssw0rd!', 'APP-SECRET-5'];
    const { server, http } = await serve([]);
    const echo = (status: number): Reply => ({ status, body: JSON.stringify({ error: { message: `echo ${server.requests.at(-1)?.body} ${JSON.stringify(server.requests.at(-1)?.headers)}` } }) });
    script.push(echo(500), echo(401), { status: 200, body: `not json ${secrets.join(' ')}` });
    const base = { method: 'POST' as const, url: `${server.origin}/x?csrf=CSRF-TOKEN-99`, bearer: secrets[0], cookie: `Session_id=${secrets[1]}`, body: { csrf: secrets[2], password: secrets[3], secret: secrets[4] }, idempotent: false, secrets: [secrets[3], secrets[4], secrets[2]] };
    for (const operation of ['addLine', 'refresh', 'login']) {
      const err = await rejection(http.request({ ...base, operation }));
      assertNoSecrets(err, secrets);
    }
  });

  it('reports each attempt to the hooks and the debug log, without query strings or secrets', async () => {
    const lines: string[] = [];
    const previousLog = createDebug.log;
    const previous = createDebug.disable();
    createDebug.enable('botbuilder-adapter-liveengage:api');
    createDebug.log = (...args: unknown[]) => void lines.push(format(...args));
    const seen: ResponseInfo[] = [];
    const onRequest = sinon.spy();
    try {
      const { server, http } = await serve([{ status: 500 }], { ...FAST, onRequest, onResponse: (info) => seen.push(info) });
      await http.request({ operation: 'getEvents', method: 'GET', url: `${server.origin}/chat/K1/events?from=7&token=QUERY-SECRET`, chatAgent: true, bearer: 'BEARER-X', idempotent: true });
      assert.equal(onRequest.callCount, 2);
      assert.deepEqual(
        seen.map(({ operation, method, path, status, attempt }) => ({ operation, method, path, status, attempt })),
        [
          { operation: 'getEvents', method: 'GET', path: '/chat/K1/events', status: 500, attempt: 1 },
          { operation: 'getEvents', method: 'GET', path: '/chat/K1/events', status: 200, attempt: 2 },
        ],
      );
      assert.ok(seen.every((s) => typeof s.ms === 'number' && s.ms >= 0));
      assert.equal(seen[0]?.errorKind, 'http');
    } finally {
      createDebug.log = previousLog;
      createDebug.disable();
      if (previous) createDebug.enable(previous);
    }
    const logged = lines.join('\n');
    assert.match(logged, /getEvents GET \/chat\/K1\/events -> 500 in \d+ms \(attempt 1\)/);
    assert.ok(!logged.includes('QUERY-SECRET') && !logged.includes('BEARER-X') && !logged.includes('from=7'), logged);
  });
});
