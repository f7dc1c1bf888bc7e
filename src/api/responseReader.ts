/**
 * The generic toolkit of the response readers (`loginResponses.ts`, `agentSessionResponses.ts`,
 * `chatResponses.ts`): LiveEngage renders an XML model as JSON (see `liveEngageJson.ts`), and these
 * helpers read it leniently where the docs are loose (`@`-keys and plain keys both, one item as an
 * object or an array, numbers as strings, `null` for empty elements, optional fields missing) and
 * strictly where a wrong guess would hurt: a missing or unreadable required field throws a
 * `ResponseFormatError` naming the resource and the path (`events.event[2]['@id']`). Error messages
 * never quote values (a value could be a token). Pure functions; text is returned as sent.
 */
import type { Links } from './types.js';

/** The server sent something the reader cannot make sense of. */
export class ResponseFormatError extends Error {
  constructor(
    /** Which resource was being read, e.g. `events`. */
    readonly resource: string,
    /** Where in the body, e.g. `events.event[2]['@id']`. */
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${resource}: ${path || 'body'} ${problem}`);
  }
}
Object.defineProperty(ResponseFormatError.prototype, 'name', { value: 'ResponseFormatError', writable: true, configurable: true });

/** A JSON object being read. */
export type Obj = Record<string, unknown>;
type OneOrMany<T> = T | readonly T[];

/** One item, several items, `null` or nothing -> an array. */
export function asArray<T>(value: OneOrMany<T> | null | undefined): T[] {
  if (value === null || value === undefined) return [];
  return Array.isArray(value) ? [...(value as readonly T[])] : [value as T];
}

export const NUMERIC = /^\s*-?\d+(?:\.\d+)?\s*$/;

/** A number, or a string holding one (`"0"`, `"-1"`), -> number; anything else throws a `ResponseFormatError`. */
export function asNumber(value: unknown, path = 'value', resource = 'value'): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && NUMERIC.test(value)) return Number(value);
  throw new ResponseFormatError(resource, path, value === undefined || value === null ? 'is missing' : 'is not a number');
}

/** `parent.key` or `parent['@key']`. */
export function pathOf(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  if (/^[A-Za-z_$][\w$]*$/.test(key)) return parent ? `${parent}.${key}` : key;
  return `${parent}['${key}']`;
}

/** Reading context: names the resource in every error. */
export class Reader {
  constructor(readonly resource: string) {}

  fail(path: string, problem: string): never {
    throw new ResponseFormatError(this.resource, path, problem);
  }

  obj(value: unknown, path: string): Obj {
    if (value === null || value === undefined) this.fail(path, 'is missing');
    if (typeof value !== 'object' || Array.isArray(value)) this.fail(path, 'is not an object');
    return value as Obj;
  }

  /** An object that may be absent or `null` (an empty XML element). */
  optObj(value: unknown, path: string): Obj | undefined {
    if (value === null || value === undefined || value === '') return undefined;
    return this.obj(value, path);
  }

  /** The member under `key`, trying `@key` and `key` (attribute vs element rendering). */
  attr(o: Obj, name: string): { key: string; value: unknown } {
    const at = `@${name}`;
    if (o[at] !== undefined) return { key: at, value: o[at] };
    return { key: name, value: o[name] };
  }

  /** The first of `@name`/`name` present, named in errors as `preferred`. */
  member(o: Obj, path: string, name: string, prefer: '@' | '' = ''): { path: string; value: unknown } {
    const found = this.attr(o, name);
    const key = found.value === undefined ? `${prefer}${name}` : found.key;
    return { path: pathOf(path, key), value: found.value };
  }

  str(o: Obj, path: string, name: string, prefer: '@' | '' = ''): string {
    const m = this.member(o, path, name, prefer);
    if (typeof m.value === 'string') return m.value;
    if (typeof m.value === 'number') return String(m.value);
    return this.fail(m.path, m.value === undefined || m.value === null ? 'is missing' : 'is not a string');
  }

  optStr(o: Obj, path: string, name: string): string | undefined {
    const m = this.member(o, path, name);
    if (m.value === undefined || m.value === null) return undefined;
    if (typeof m.value === 'string') return m.value;
    if (typeof m.value === 'number') return String(m.value);
    return this.fail(m.path, 'is not a string');
  }

  num(o: Obj, path: string, name: string, prefer: '@' | '' = ''): number {
    const m = this.member(o, path, name, prefer);
    return asNumber(m.value, m.path, this.resource);
  }

  optNum(o: Obj, path: string, name: string): number | undefined {
    const m = this.member(o, path, name);
    if (m.value === undefined || m.value === null || m.value === '') return undefined;
    return asNumber(m.value, m.path, this.resource);
  }

  /** Numeric ids kept as strings (`agentId`, `visitorId`): digits either way. */
  optId(o: Obj, path: string, name: string): string | undefined {
    const m = this.member(o, path, name);
    if (m.value === undefined || m.value === null || m.value === '') return undefined;
    if (typeof m.value === 'number' || typeof m.value === 'string') return String(m.value);
    return this.fail(m.path, 'is not an id');
  }

  /** `link` (one or many, `@href`/`@rel` or `href`/`rel`) -> `rel` -> `href`; the first of a rel wins. */
  links(value: unknown, path: string): Links {
    const links: Links = {};
    const items = asArray(value as OneOrMany<unknown> | null | undefined);
    items.forEach((item, i) => {
      const at = Array.isArray(value) ? pathOf(path, i) : path;
      const link = this.obj(item, at);
      const rel = this.str(link, at, 'rel', '@');
      const href = this.str(link, at, 'href', '@');
      if (!(rel in links)) links[rel] = href;
    });
    return links;
  }

  items(value: unknown, path: string): { value: unknown; path: string }[] {
    if (Array.isArray(value)) return value.map((v, i) => ({ value: v, path: pathOf(path, i) }));
    if (value === null || value === undefined || value === '') return [];
    return [{ value, path }];
  }
}

/** `value` when it is one of `allowed`, else `undefined`. */
export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[]): T | undefined {
  return allowed.find((a) => a === value);
}

/** `-1` (unlimited) -> `undefined`. */
export function limit(n: number | undefined): number | undefined {
  return n === undefined || n < 0 ? undefined : n;
}
