import { STATUS_CODES } from 'node:http';
import type { WireError } from '../../api/liveEngageJson.js';
import { envelopeTime } from '../render/format.js';

/** What a handler answers; the dispatcher writes it (or truncates or drops it, under a fault). */
export interface Reply {
  status: number;
  body: string;
  headers: Record<string, string>;
}

/** The documented body of a rejected bearer (issue #193), a form-encoded text. */
const OAUTH_TOKEN_REJECTED =
  'oauth_problem=token_rejected&oauth_problem_advice=the oauth_token is unacceptable to the Service Provider';

export function json(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
  return { status, body: JSON.stringify(value), headers: { 'Content-Type': 'application/json', ...headers } };
}

export function empty(status: number, headers: Record<string, string> = {}): Reply {
  return { status, body: '', headers };
}

function text(status: number, body: string, headers: Record<string, string> = {}): Reply {
  return { status, body, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...headers } };
}

/** `UNAUTHORIZED`, `NOT_FOUND`, ... as the envelope's `responseStatus` spells statuses. */
function responseStatus(status: number): string {
  return (STATUS_CODES[status] ?? 'ERROR').toUpperCase().replace(/[^A-Z]+/g, '_').replace(/^_|_$/g, '');
}

/** The Login Service error envelope, used for every JSON error body. */
export function errorEnvelope(status: number, message: string, internalCode: number, now: number): Reply {
  const body: WireError = {
    error: { time: envelopeTime(now), message, internalCode, responseStatus: responseStatus(status) },
  };
  return json(status, body);
}

export function oauthRejected(): Reply {
  return text(401, OAUTH_TOKEN_REJECTED);
}
