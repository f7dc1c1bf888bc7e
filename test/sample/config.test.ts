import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { loadDotEnv, optionsFromEnv } from '../../samples/support-bot/config.js';
import { ConsoleTelemetryClient } from '../../samples/support-bot/telemetry.js';

describe('sample: configuration from the environment', () => {
  it('defaults to the simulator, port 3978 and simulator port 7878', () => {
    const options = optionsFromEnv({});
    assert.equal(options.port, 3978);
    assert.equal(options.simulatorPort, 7878);
    assert.equal(options.humanSkill, 'human-support');
    assert.equal(options.liveEngage, undefined);
  });

  it('reads PORT, SIMULATOR_PORT, HOST, TYPING_DELAY_MS, LP_POLL_INTERVAL_MS, LP_HUMAN_SKILL', () => {
    const options = optionsFromEnv({ PORT: '0', SIMULATOR_PORT: '0', HOST: '127.0.0.1', TYPING_DELAY_MS: '0', LP_POLL_INTERVAL_MS: '3000', LP_HUMAN_SKILL: 'billing' });
    assert.deepEqual([options.port, options.simulatorPort, options.host, options.typingDelayMs, options.pollIntervalMs, options.humanSkill], [0, 0, '127.0.0.1', 0, 3000, 'billing']);
    assert.throws(() => optionsFromEnv({ PORT: 'eighty' }), /PORT must be a whole number/);
  });

  it('runs the A/B test unless AB_TEST is off; prints telemetry events when DEBUG is set', () => {
    assert.equal(optionsFromEnv({}).abTest, undefined, 'on by default (startSupportBot)');
    assert.equal(optionsFromEnv({ AB_TEST: 'off' }).abTest, false);
    assert.equal(optionsFromEnv({ AB_TEST: 'ON' }).abTest, true);
    assert.throws(() => optionsFromEnv({ AB_TEST: 'maybe' }), /AB_TEST must be on or off, not "maybe"/);
    assert.equal(optionsFromEnv({}).telemetryClient, undefined);
    const lines: string[] = [];
    const client = optionsFromEnv({ DEBUG: 'botbuilder-adapter-liveengage:*' }).telemetryClient as ConsoleTelemetryClient;
    assert.ok(client instanceof ConsoleTelemetryClient);
    new ConsoleTelemetryClient((line) => lines.push(line)).trackEvent({ name: 'LiveEngageCsat', properties: { variant: 'A', rating: '5' }, metrics: { rating: 5 } });
    assert.deepEqual(lines, ['[telemetry] LiveEngageCsat {"variant":"A","rating":"5"} {"rating":5}']);
  });

  it('connects to LiveEngage with an account and a password login', () => {
    const options = optionsFromEnv({ LP_ACCOUNT_ID: '123', LP_USERNAME: 'bot', LP_PASSWORD: 'pw' });
    assert.deepEqual(options.liveEngage, { accountId: '123', credentials: { username: 'bot', password: 'pw' }, failoverSkill: 'human-support' });
  });

  it('connects with an API key (OAuth1) or OAuth2 client credentials, and the optional hosts', () => {
    const oauth1 = optionsFromEnv({ LP_ACCOUNT_ID: '1', LP_USERNAME: 'bot', LP_APP_KEY: 'k', LP_SECRET: 's', LP_ACCESS_TOKEN: 't', LP_ACCESS_TOKEN_SECRET: 'ts', LP_DOMAIN_API_URL: 'https://api.liveperson.net', LP_AGENT_VEP_DOMAIN: 'va.agentvep.liveperson.net' });
    assert.deepEqual(oauth1.liveEngage?.credentials, { username: 'bot', appKey: 'k', secret: 's', accessToken: 't', accessTokenSecret: 'ts' });
    assert.equal(oauth1.liveEngage?.domainApiUrl, 'https://api.liveperson.net');
    assert.equal(oauth1.liveEngage?.agentVepDomain, 'va.agentvep.liveperson.net');
    const oauth2 = optionsFromEnv({ LP_ACCOUNT_ID: '1', LP_USERNAME: 'bot', LP_APP_KEY: 'client-id', LP_SECRET: 'client-secret' });
    assert.deepEqual(oauth2.liveEngage?.credentials, { username: 'bot', appKey: 'client-id', secret: 'client-secret' });
  });

  it('refuses half a configuration, saying what is missing, instead of quietly using the simulator', () => {
    assert.throws(() => optionsFromEnv({ LP_ACCOUNT_ID: '1' }), /LP_ACCOUNT_ID is set but the bot user credentials are not/);
    assert.throws(() => optionsFromEnv({ LP_USERNAME: 'bot', LP_PASSWORD: 'pw' }), /LP_ACCOUNT_ID is not/);
    assert.throws(() => optionsFromEnv({ LP_ACCOUNT_ID: '1', LP_PASSWORD: 'pw' }), /LP_USERNAME/);
    assert.throws(() => optionsFromEnv({ LP_ACCOUNT_ID: '1', LP_USERNAME: 'bot', LP_APP_KEY: 'k' }), /LP_APP_KEY and LP_SECRET/);
    assert.throws(() => optionsFromEnv({ LP_ACCOUNT_ID: '1', LP_USERNAME: 'bot', LP_PASSWORD: 'pw', LP_APP_KEY: 'k', LP_SECRET: 's' }), /either LP_PASSWORD or/);
  });

  it('reads LP_TRANSPORT (chat by default) and LP_MESSAGING_SKILLS, refusing anything else by name', () => {
    const account = { LP_ACCOUNT_ID: '1', LP_USERNAME: 'bot', LP_PASSWORD: 'pw' };
    const table: Array<[NodeJS.ProcessEnv, { transport: string; messagingSkills?: Record<string, number> } | RegExp]> = [
      [{}, { transport: 'chat' }],
      [{ LP_TRANSPORT: ' ' }, { transport: 'chat' }],
      [{ LP_TRANSPORT: 'chat' }, { transport: 'chat' }],
      [{ LP_TRANSPORT: 'Messaging' }, { transport: 'messaging' }],
      [{ LP_TRANSPORT: 'messaging', LP_MESSAGING_SKILLS: 'human-support=2, sales = 3' }, { transport: 'messaging', messagingSkills: { 'human-support': 2, sales: 3 } }],
      [{ LP_TRANSPORT: 'sms' }, /^LP_TRANSPORT must be chat or messaging, not "sms"\.$/],
      [{ LP_TRANSPORT: 'messaging', LP_MESSAGING_SKILLS: 'human-support' }, /LP_MESSAGING_SKILLS entry "human-support" must be name=id/],
      [{ LP_TRANSPORT: 'messaging', LP_MESSAGING_SKILLS: '=2' }, /entry "=2" must be name=id/],
      [{ LP_TRANSPORT: 'messaging', LP_MESSAGING_SKILLS: 'sales=three' }, /entry "sales=three": the skill id must be a positive whole number/],
      [{ LP_TRANSPORT: 'messaging', LP_MESSAGING_SKILLS: 'sales=0' }, /the skill id must be a positive whole number/],
      [{ LP_TRANSPORT: 'messaging', LP_MESSAGING_SKILLS: 'sales=3,,x=4' }, /LP_MESSAGING_SKILLS has an empty entry/],
      [{ LP_TRANSPORT: 'messaging', LP_MESSAGING_SKILLS: 'sales=3,sales=4' }, /names skill "sales" twice/],
      [{ LP_MESSAGING_SKILLS: 'sales=3' }, /LP_MESSAGING_SKILLS is set but LP_TRANSPORT is not messaging/],
    ];
    for (const [env, expected] of table) {
      if (expected instanceof RegExp) {
        assert.throws(() => optionsFromEnv(env), (error: Error) => error.name === 'StartupError' && expected.test(error.message), JSON.stringify(env));
        continue;
      }
      const options = optionsFromEnv(env);
      assert.deepEqual({ transport: options.transport, ...(options.messagingSkills ? { messagingSkills: options.messagingSkills } : {}) }, expected, JSON.stringify(env));
    }
    // On an account the adapter gets the transport and the map, which must name the human skill.
    assert.deepEqual(optionsFromEnv({ ...account, LP_TRANSPORT: 'messaging', LP_MESSAGING_SKILLS: 'human-support=2' }).liveEngage, {
      accountId: '1',
      credentials: { username: 'bot', password: 'pw' },
      failoverSkill: 'human-support',
      transport: 'messaging',
      messagingSkills: { 'human-support': 2 },
    });
    assert.equal(optionsFromEnv({ ...account, LP_TRANSPORT: 'chat' }).liveEngage?.transport, undefined);
    assert.throws(() => optionsFromEnv({ ...account, LP_TRANSPORT: 'messaging' }), /LP_TRANSPORT=messaging on an account needs LP_MESSAGING_SKILLS with the id of the human skill "human-support"/);
    assert.throws(() => optionsFromEnv({ ...account, LP_TRANSPORT: 'messaging', LP_HUMAN_SKILL: 'billing', LP_MESSAGING_SKILLS: 'human-support=2' }), /human skill "billing" \(LP_HUMAN_SKILL\), e\.g\. billing=2/);
  });

  it('passes the Bot Framework settings through for CloudAdapter', () => {
    const options = optionsFromEnv({ MicrosoftAppId: 'id', MicrosoftAppPassword: 'pw', MicrosoftAppType: 'MultiTenant' });
    assert.equal(options.botFramework?.MicrosoftAppId, 'id');
    assert.equal(options.botFramework?.MicrosoftAppType, 'MultiTenant');
  });

  it('loads .env when there is one, and does nothing when there is none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'support-bot-env-'));
    const file = join(dir, '.env');
    assert.equal(loadDotEnv(file), false);
    writeFileSync(file, 'SUPPORT_BOT_TEST_VARIABLE=from-dotenv\n');
    try {
      assert.equal(loadDotEnv(file), true);
      assert.equal(process.env.SUPPORT_BOT_TEST_VARIABLE, 'from-dotenv');
    } finally {
      delete process.env.SUPPORT_BOT_TEST_VARIABLE;
    }
  });

  it('.env.example lists every variable the sample reads, and as shipped starts the simulator', () => {
    const example = readFileSync('.env.example', 'utf8');
    const source = readFileSync('samples/support-bot/config.ts', 'utf8');
    const read = new Set([...source.matchAll(/\b(?:text|integer)\(env, '([A-Za-z_]+)'\)|(?<![.\w])env\.([A-Z]\w*)/g)].map((m) => m[1] ?? m[2]));
    assert.ok(read.size > 15);
    for (const name of read) assert.match(example, new RegExp(`^${name}=`, 'm'), `${name} is missing from .env.example`);
    const options = optionsFromEnv(parseEnv(example) as NodeJS.ProcessEnv);
    assert.equal(options.liveEngage, undefined);
    assert.equal(options.port, 3978);
  });
});
