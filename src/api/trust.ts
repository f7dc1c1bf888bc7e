/**
 * Which certificates the client trusts for https: Node's roots, plus the caller's `ca` (e.g. a
 * simulator's self-signed certificate). Verification is never turned off.
 */
import https from 'node:https';
import tls from 'node:tls';
import { configError } from './errors.js';

/** PEM certificate text, as a string or Buffer, or a list of them. */
export type CaSetting = string | Buffer | readonly (string | Buffer)[];

/** A keep-alive https agent trusting Node's roots and `ca`; a `ca` that is not PEM certificate text throws. */
export function httpsAgentTrusting(ca: CaSetting | undefined): https.Agent {
  if (ca === undefined) return new https.Agent({ keepAlive: true });
  const items = [ca].flat();
  const pem = (v: unknown): boolean => (typeof v === 'string' || Buffer.isBuffer(v)) && v.toString().includes('-----BEGIN CERTIFICATE-----');
  if (items.length === 0 || !items.every(pem)) throw configError('createHttpClient', 'ca must be PEM certificate text (a string or Buffer, or a list of them)');
  // `ca` replaces Node's roots in an agent, so they are passed along: real hosts still verify.
  return new https.Agent({ keepAlive: true, ca: [...tls.rootCertificates, ...items] });
}
