import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { SimulatorError } from '../errors.js';

/** A request as the handlers see it: parsed once, no restify types. */
export interface RequestContext {
  /** The method on the wire. */
  method: string;
  /** `POST` + `X-HTTP-Method-Override: PUT` is `PUT` here. */
  effectiveMethod: string;
  /** Path plus query as sent, for fault matching. */
  url: string;
  /** Path without query and without a trailing `.json` (logged). */
  path: string;
  query: URLSearchParams;
  params: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** The last path segment carried `.json`. */
  jsonSuffix: boolean;
  rawBody: string;
  /** Parsed JSON body; `undefined` when there was none. */
  body: unknown;
  bodyError: boolean;
  bearer: string | undefined;
  sessionCookie: string | undefined;
}

const MAX_BODY_BYTES = 1024 * 1024;

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Past the limit the rest is read and dropped, so the 400 can still be answered.
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > MAX_BODY_BYTES) reject(new SimulatorError('invalid', 'Request body too large'));
      else resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

export function buildContext(
  req: IncomingMessage,
  originalUrl: string,
  jsonSuffix: boolean,
  params: Record<string, string>,
  rawBody: string,
): RequestContext {
  const parsed = new URL(req.url ?? '/', 'http://simulator.invalid');
  const method = (req.method ?? 'GET').toUpperCase();
  const override = header(req.headers, 'x-http-method-override');
  let body: unknown;
  let bodyError = false;
  if (rawBody.trim() !== '') {
    try {
      body = JSON.parse(rawBody);
    } catch {
      bodyError = true;
    }
  }
  const authorization = header(req.headers, 'authorization');
  const bearerMatch = authorization ? /^Bearer\s+(\S+)\s*$/i.exec(authorization) : null;
  return {
    method,
    effectiveMethod: method === 'POST' && override ? override.toUpperCase() : method,
    url: originalUrl,
    path: parsed.pathname,
    query: parsed.searchParams,
    params,
    headers: req.headers,
    jsonSuffix,
    rawBody,
    body,
    bodyError,
    bearer: bearerMatch?.[1],
    sessionCookie: cookie(req.headers, 'Session_id'),
  };
}

export function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function cookie(headers: IncomingHttpHeaders, name: string): string | undefined {
  const raw = header(headers, 'cookie');
  if (!raw) return undefined;
  for (const part of raw.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** The parsed body as an object, or a 400. */
export function objectBody(ctx: RequestContext): Record<string, unknown> {
  if (ctx.bodyError) throw new SimulatorError('invalid', 'Malformed JSON body');
  if (typeof ctx.body !== 'object' || ctx.body === null || Array.isArray(ctx.body)) {
    throw new SimulatorError('invalid', 'Expected a JSON object body');
  }
  return ctx.body as Record<string, unknown>;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
