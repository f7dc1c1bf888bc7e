import { generate } from 'selfsigned';

/** What the simulator serves https with: a PEM key and certificate. */
export interface TlsMaterial {
  key: string | Buffer;
  cert: string | Buffer;
}

/** Lifetime of a generated certificate: a simulator lives for a test run or a demo session. */
const GENERATED_DAYS = 7;

/**
 * A fresh self-signed certificate for the loopback names a client may use (`127.0.0.1`, `localhost`,
 * `::1`), with a P-256 key. `selfsigned` builds the X.509 (SANs, key usage, serverAuth) so the
 * simulator does not hand-roll ASN.1.
 */
export async function selfSignedLoopback(now: Date = new Date()): Promise<{ key: string; cert: string }> {
  const notAfterDate = new Date(now.getTime() + GENERATED_DAYS * 24 * 3600 * 1000);
  const pems = await generate([{ name: 'commonName', value: 'localhost' }, { name: 'organizationName', value: 'LiveEngage simulator' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - 60_000),
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}

/** `tls: { key, cert }` as given, or a clear error naming what is missing. */
export function checkTlsMaterial(value: unknown): TlsMaterial {
  const pem = (v: unknown): v is string | Buffer => (typeof v === 'string' && v.includes('-----BEGIN')) || Buffer.isBuffer(v);
  const given = value as Partial<TlsMaterial> | null;
  if (!given || typeof given !== 'object') throw new TypeError('LiveEngageSimulator: tls must be true or { key, cert } (PEM strings or Buffers)');
  if (!pem(given.key)) throw new TypeError('LiveEngageSimulator: tls.key must be a PEM private key (string or Buffer)');
  if (!pem(given.cert)) throw new TypeError('LiveEngageSimulator: tls.cert must be a PEM certificate (string or Buffer)');
  return { key: given.key, cert: given.cert };
}
