import assert from 'node:assert/strict';
import { LiveEngageAdapter } from '../../src/botbuilder/LiveEngageAdapter.js';
import { LiveEngageSimulator } from '../../src/simulator/index.js';
import { fastSettings, memoryLogger } from '../support/harness.js';

/** OAuth2 client credentials are the bot login; OAuth1 API keys still work, with one end-of-life warning. */
describe('bot login: OAuth2 client credentials first, OAuth1 end of life', () => {
  let sim: LiveEngageSimulator;
  beforeEach(async () => {
    sim = new LiveEngageSimulator({ log: false });
    await sim.start();
  });
  afterEach(() => sim.stop());

  const cases: [string, Record<string, string>, number][] = [
    ['OAuth2: client id and secret, no token fields', { username: 'support-bot', appKey: 'app-key-1001', secret: 'app-secret-1001' }, 0],
    ['OAuth2: "dummy" token fields as the live docs print them', { username: 'support-bot', appKey: 'app-key-1001', secret: 'app-secret-1001', accessToken: 'dummy', accessTokenSecret: 'dummy' }, 0],
    ['OAuth1: real access tokens (end of life)', { username: 'support-bot', appKey: 'app-key-1001', secret: 'app-secret-1001', accessToken: 'access-token-1001', accessTokenSecret: 'access-token-secret-1001' }, 1],
    ['password', { username: 'support-bot', password: 'bot-password' }, 0],
  ];
  for (const [name, credentials, warnings] of cases) {
    it(`${name}: logs in, ${warnings} end-of-life warning(s), no secret in the log`, async () => {
      const logger = memoryLogger();
      const adapter = new LiveEngageAdapter(fastSettings(sim, { credentials: credentials as never, logger }));
      await adapter.start(async () => {});
      await adapter.stop();
      const eol = logger.lines.filter((line) => line.startsWith('warn') && line.includes('end of life'));
      assert.equal(eol.length, warnings);
      if (warnings) assert.match(eol[0]!, /OAuth1 API-key login .* 30 Apr 2026; use OAuth2 client credentials/);
      for (const secret of Object.entries(credentials).filter(([k]) => k !== 'username').map(([, v]) => v)) {
        if (secret !== 'dummy') assert.ok(!logger.lines.some((line) => line.includes(secret)), `no ${secret} in the log`);
      }
    });
  }
});
