import assert from 'node:assert/strict';
import tls from 'node:tls';
import { httpsAgentTrusting } from '../../src/api/trust.js';
import { selfSignedLoopback } from '../../src/simulator/http/tls.js';

/** The `ca` setting adds to Node's roots (real hosts still verify) and never turns verification off. */
describe('api/trust: httpsAgentTrusting', () => {
  let pem: string;
  before(async () => {
    pem = (await selfSignedLoopback()).cert;
  });

  it('trusts Node\'s roots plus each given certificate, with verification on', () => {
    const cases: [string, () => string | Buffer | (string | Buffer)[] | undefined, number | undefined][] = [
      ['no ca: Node\'s defaults', () => undefined, undefined],
      ['one PEM string', () => pem, tls.rootCertificates.length + 1],
      ['one Buffer', () => Buffer.from(pem), tls.rootCertificates.length + 1],
      ['a list', () => [pem, Buffer.from(pem)], tls.rootCertificates.length + 2],
    ];
    for (const [name, ca, count] of cases) {
      const agent = httpsAgentTrusting(ca());
      const options = agent.options as { ca?: unknown[]; rejectUnauthorized?: boolean };
      assert.equal(options.ca?.length, count, name);
      assert.notEqual(options.rejectUnauthorized, false, name);
      agent.destroy();
    }
  });

  it('refuses what is not PEM certificate text, naming the setting', () => {
    for (const bad of ['', 'hello', [], [pem, 'x'], '-----BEGIN PRIVATE KEY-----\nabc'] as const) {
      assert.throws(() => httpsAgentTrusting(bad as never), /createHttpClient.*ca must be PEM certificate text/);
    }
  });
});
