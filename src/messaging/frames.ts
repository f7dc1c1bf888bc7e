import type { WireFrame } from './wire.js';

export type ParsedFrame = { ok: true; frame: WireFrame } | { ok: false; error: string };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * One text frame → an envelope, checked just enough to route it (kind, ids, type, code). Bodies are
 * checked by whoever reads them. Never throws: a bad frame is an `{ ok: false }` with the reason.
 */
export function parseFrame(data: unknown): ParsedFrame {
  let text: string;
  if (typeof data === 'string') text = data;
  else if (Buffer.isBuffer(data)) text = data.toString('utf8');
  else if (Array.isArray(data)) text = Buffer.concat(data as Buffer[]).toString('utf8');
  else if (data instanceof ArrayBuffer) text = Buffer.from(data).toString('utf8');
  else return { ok: false, error: 'not a text frame' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: `not JSON (${text.length} chars)` };
  }
  if (!isRecord(json)) return { ok: false, error: 'not a JSON object' };
  const { kind, type } = json;
  if (typeof type !== 'string' || !type) return { ok: false, error: `no type (kind ${String(kind)})` };
  if (kind === 'resp') {
    const reqId = json.reqId;
    if (typeof reqId !== 'string' && typeof reqId !== 'number') return { ok: false, error: `${type}: no reqId` };
    if (typeof json.code !== 'number') return { ok: false, error: `${type}: no numeric code` };
    return { ok: true, frame: { kind, reqId: String(reqId), code: json.code, type, body: json.body } };
  }
  if (kind === 'notification') return { ok: true, frame: { kind, type, body: json.body } };
  if (kind === 'req') {
    const id = json.id;
    if (typeof id !== 'string' && typeof id !== 'number') return { ok: false, error: `${type}: no id` };
    if (String(id).length < 1 || String(id).length > 64) return { ok: false, error: `${type}: id must be 1-64 characters` };
    const frame: WireFrame = { kind, id, type, body: json.body };
    if (Array.isArray(json.metadata)) frame.metadata = json.metadata.filter(isRecord) as NonNullable<typeof frame.metadata>;
    return { ok: true, frame };
  }
  return { ok: false, error: `unknown kind ${JSON.stringify(kind)?.slice(0, 20)}` };
}
