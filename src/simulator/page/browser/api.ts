/**
 * The simulator's control API (JSON under /simulator), at the paths and with the answers
 * `simulator/controlApi.ts` defines for the routes, and whether the simulator answers at all.
 */
import { CONTROL_ROUTES, PAGE_PATHS, controlPath, type ControlOperation, type ControlReply, type PageSettings } from '../../controlApi.js';

/** A failed call: `status` when the simulator answered with an error, `offline` when it did not answer. */
export class ControlError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly offline = false,
  ) {
    super(message);
  }
}

/** Whatever a call threw, as a ControlError (anything else is a bug, kept with its message). */
export function controlError(error: unknown): ControlError {
  return error instanceof ControlError ? error : new ControlError(error instanceof Error ? error.message : String(error));
}

/** False once a request got no answer at all (the simulator stopped), true again at any answer. */
let reachable = true;
const reachListeners = new Set<(reachable: boolean) => void>();
function setReachable(yes: boolean): void {
  if (reachable === yes) return;
  reachable = yes;
  for (const fn of reachListeners) fn(yes);
}

export const connection = {
  get reachable(): boolean {
    return reachable;
  },
  /** fn(reachable) when it changes. */
  onChange(fn: (reachable: boolean) => void): void {
    reachListeners.add(fn);
  },
};

export async function request(method: string, path: string, body?: unknown): Promise<unknown> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const init: RequestInit = { method, headers };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let res: Response;
  let text: string;
  try {
    res = await fetch(path, init);
    text = await res.text();
  } catch {
    // No HTTP answer at all: not an error of this request, the simulator is gone (for now).
    setReachable(false);
    throw new ControlError('no answer from the simulator', undefined, true);
  }
  setReachable(true);
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : {};
  } catch {
    data = { error: text };
  }
  if (!res.ok) {
    const said = typeof data === 'object' && data !== null && 'error' in data ? data.error : undefined;
    throw new ControlError(typeof said === 'string' && said ? said : `HTTP ${res.status}`, res.status);
  }
  return data;
}

/** One control operation, at its method and path; its answer typed as the simulator's JS one. */
function call<K extends ControlOperation>(operation: K, id?: string, body?: unknown): Promise<ControlReply<K>> {
  return request(CONTROL_ROUTES[operation].method, controlPath(operation, id), body) as Promise<ControlReply<K>>;
}

export const api = {
  agents: () => call('agents'),
  queues: () => call('queues'),
  chats: () => call('chats'),
  chat: (id: string) => call('chat', id),
  startChat: (skill: string, visitorName: string) => call('startChat', undefined, { skill, visitorName }),
  visitorSays: (id: string, text: string) => call('visitorSays', id, { text }),
  visitorTyping: (id: string, typing: boolean) => call('visitorTyping', id, { typing }),
  visitorEnds: (id: string) => call('visitorEnds', id),
  humanTakes: (id: string, agentId?: string) => call('humanTakes', id, agentId ? { agentId } : {}),
  humanSays: (id: string, text: string, agentId?: string) => call('humanSays', id, agentId ? { text, agentId } : { text }),
  humanEnds: (id: string) => call('humanEnds', id),
  setHumanOnline: (agentId: string, online: boolean) => call('setHumanOnline', agentId, { online }),
  /** The embedding app's bot metrics (404 without a dashboard source). */
  dashboard: () => call('dashboard'),
  /** The page's settings from the simulator's options. Small: also the probe. */
  pageSettings: () => request('GET', PAGE_PATHS.settings) as Promise<PageSettings>,
};
