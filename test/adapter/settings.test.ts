import assert from 'node:assert/strict';
import { LiveEngageAdapter } from '../../src/botbuilder/LiveEngageAdapter.js';
import { resolveSettings, type LiveEngageAdapterSettings } from '../../src/core/settings.js';

const good: LiveEngageAdapterSettings = { accountId: '123', credentials: { username: 'bot', password: 'pw' } };

describe('settings', () => {
  it('apply the documented defaults', () => {
    const s = resolveSettings(good);
    assert.equal(s.domainApiUrl, 'https://api.liveperson.net');
    assert.equal(s.pollIntervalMs, 2000);
    assert.equal(s.refreshIntervalMs, 300_000);
    assert.equal(s.lineFormat, 'plain');
    assert.deepEqual(s.retryDelaysMs, [5000, 10_000, 15_000]);
    assert.equal(s.loginRateLimitMinDelayMs, 5000);
    assert.equal(s.maxConcurrentChats, undefined);
    assert.equal(s.maxTakeovers, 3);
    assert.equal(s.takeoverWindowMs, 600_000);
    assert.equal(s.transport, 'chat');
    assert.equal(s.messagingSkills, undefined);
  });

  const bad: [string, unknown, RegExp][] = [
    ['no settings', undefined, /settings are required/],
    ['no accountId', { ...good, accountId: '' }, /^TypeError: LiveEngageAdapter\.constructor\(\): accountId is required\.$/],
    ['no credentials', { accountId: '1' }, /credentials are required/],
    ['no username', { ...good, credentials: { password: 'x' } }, /credentials\.username is required/],
    ['no password', { ...good, credentials: { username: 'u' } }, /credentials\.password is required/],
    ['appKey without secret', { ...good, credentials: { username: 'u', appKey: 'k' } }, /credentials\.secret is required/],
    ['one token without the other', { ...good, credentials: { username: 'u', appKey: 'k', secret: 's', accessToken: 't' } }, /go together/],
    ['http to a real host', { ...good, domainApiUrl: 'http://api.liveperson.net' }, /domainApiUrl must use https .* got http:\/\/api\.liveperson\.net/],
    ['not a URL', { ...good, domainApiUrl: 'api.liveperson.net' }, /domainApiUrl must be an absolute URL/],
    ['agentVepDomain with a scheme', { ...good, agentVepDomain: 'https://va.agentvep.liveperson.net' }, /agentVepDomain must be a bare host name/],
    ['agentVepDomain with a path', { ...good, agentVepDomain: 'evil.example/x' }, /agentVepDomain must be a bare host name/],
    ['polling faster than 2 s on a real host', { ...good, pollIntervalMs: 500 }, /^RangeError: .*pollIntervalMs must be at least 2000/],
    ['a fractional interval', { ...good, pollIntervalMs: 2500.5 }, /pollIntervalMs must be a positive whole number/],
    ['maxConcurrentChats 0', { ...good, maxConcurrentChats: 0 }, /maxConcurrentChats must be a positive whole number/],
    ['lineFormat markdown', { ...good, lineFormat: 'markdown' }, /lineFormat must be 'plain' or 'html'/],
    ['maxLineLength too small', { ...good, maxLineLength: 50 }, /maxLineLength must be at least 200/],
    ['negative retry delay', { ...good, retryDelaysMs: [-1] }, /retryDelaysMs must be an array of non-negative numbers/],
    ['a negative login 429 wait', { ...good, loginRateLimitMinDelayMs: -5 }, /loginRateLimitMinDelayMs must be a non-negative number of ms/],
    ['maxTakeovers 0', { ...good, maxTakeovers: 0 }, /^RangeError: .*maxTakeovers must be a positive whole number \(got 0\)/],
    ['a fractional takeover window', { ...good, takeoverWindowMs: 1.5 }, /takeoverWindowMs must be a positive whole number/],
    ['empty failoverSkill', { ...good, failoverSkill: ' ' }, /failoverSkill must be a non-empty skill name/],
    ['an unknown transport', { ...good, transport: 'websocket' }, /^TypeError: LiveEngageAdapter\.constructor\(\): transport must be 'chat' or 'messaging' \(got 'websocket'\)\.$/],
    ['a skill id that is not a number', { ...good, transport: 'messaging', messagingSkills: { 'human-support': '2' } }, /messagingSkills must map skill names to positive whole skill ids/],
  ];
  for (const [name, settings, message] of bad) {
    it(`refuse ${name}, naming the field`, () => {
      assert.throws(() => new LiveEngageAdapter(settings as LiveEngageAdapterSettings), (error: Error) => message.test(`${error.name}: ${error.message}`) || message.test(error.message));
    });
  }

  it('allow fast polling on loopback hosts only', () => {
    assert.equal(resolveSettings({ ...good, domainApiUrl: 'http://127.0.0.1:7878', pollIntervalMs: 100 }).pollIntervalMs, 100);
    assert.equal(resolveSettings({ ...good, agentVepDomain: 'localhost:7878', pollIntervalMs: 100 }).pollIntervalMs, 100);
    assert.throws(() => resolveSettings({ ...good, agentVepDomain: 'va.agentvep.liveperson.net', domainApiUrl: 'http://127.0.0.1:1', pollIntervalMs: 100 }), /pollIntervalMs/);
  });

  it('never echo a secret in an error', () => {
    const error = (() => {
      try {
        new LiveEngageAdapter({ ...good, credentials: { username: 'u', appKey: 'super-secret-key', secret: '', accessToken: 'tok' } } as LiveEngageAdapterSettings);
      } catch (e) {
        return e as Error;
      }
    })();
    assert.ok(error && !error.message.includes('super-secret-key') && !error.message.includes('tok'));
  });
});
