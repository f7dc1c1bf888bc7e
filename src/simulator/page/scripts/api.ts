/**
 * Browser code (ES module `/simulator/page/api.js`), shipped as a string: the simulator's control API
 * (JSON under /simulator), its live feed (server-sent events, polling when they fail), and what the
 * page does while the simulator does not answer at all (one probe after 1 s, 2 s, 4 s ... 30 s).
 */
export const apiJs = String.raw`
import { retryDelay } from './backoff.js';

/** False once a request got no answer at all (the simulator stopped), true again at any answer. */
let reachable = true;
const reachListeners = new Set();
function setReachable(yes) {
  if (reachable === yes) return;
  reachable = yes;
  for (const fn of reachListeners) fn(yes);
}

export const connection = {
  get reachable() { return reachable; },
  /** fn(reachable) when it changes. */
  onChange(fn) { reachListeners.add(fn); },
};

async function call(method, path, body) {
  const init = { method, headers: { Accept: 'application/json' } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let res;
  let text;
  try {
    res = await fetch('/simulator' + path, init);
    text = await res.text();
  } catch {
    // No HTTP answer at all: not an error of this request, the simulator is gone (for now).
    setReachable(false);
    const error = new Error('no answer from the simulator');
    error.offline = true;
    throw error;
  }
  setReachable(true);
  let data = {};
  try { data = text ? JSON.parse(text) : {}; } catch { data = { error: text }; }
  if (!res.ok) {
    const error = new Error(data.error || ('HTTP ' + res.status));
    error.status = res.status;
    throw error;
  }
  return data;
}

const chat = (id) => '/chats/' + encodeURIComponent(id);

export const api = {
  agents: () => call('GET', '/agents'),
  queues: () => call('GET', '/queues'),
  chats: () => call('GET', '/chats'),
  chat: (id) => call('GET', chat(id)),
  startChat: (skill, visitorName) => call('POST', '/chats', { skill, visitorName }),
  visitorSays: (id, text) => call('POST', chat(id) + '/lines', { text }),
  visitorTyping: (id, typing) => call('POST', chat(id) + '/typing', { typing }),
  visitorEnds: (id) => call('POST', chat(id) + '/end'),
  humanTakes: (id, agentId) => call('POST', chat(id) + '/take', agentId ? { agentId } : {}),
  humanSays: (id, text, agentId) => call('POST', chat(id) + '/agent-lines', agentId ? { text, agentId } : { text }),
  humanEnds: (id) => call('POST', chat(id) + '/agent-end'),
  setHumanOnline: (agentId, online) => call('POST', '/agents/' + encodeURIComponent(agentId) + '/status', { online }),
  /** The embedding app's bot metrics (404 without a dashboard source). */
  dashboard: () => call('GET', '/dashboard'),
  /** The page's settings from the simulator's options: { visitorSuggestions }. Small: also the probe. */
  pageSettings: () => call('GET', '/page-settings'),
};

/**
 * Calls onChange(change) for every world change, from GET /simulator/changes (server-sent events).
 * While the stream is down (or without EventSource at all) it polls instead: onPoll every second,
 * until the stream is back. While the simulator does not answer at all, neither: no stream, no
 * polling, one small probe after 1 s, 2 s, 4 s ... at most 30 s, until it answers.
 * onStatus(status, retry) gets 'connecting', 'live', 'reconnecting', 'polling' or 'lost'; with 'lost',
 * retry is { delayMs, retries, at } of the next probe.
 */
export function liveFeed({ onChange, onPoll, onStatus }) {
  let source = null;
  let pollTimer = null;
  let probeTimer = null;
  let retries = 0;
  const startPolling = () => {
    if (!pollTimer) pollTimer = setInterval(onPoll, 1000);
  };
  const stopPolling = () => {
    if (pollTimer) clearInterval(pollTimer);
    pollTimer = null;
  };

  function openStream() {
    if (typeof EventSource !== 'function') {
      startPolling();
      onStatus('polling');
      return;
    }
    const stream = new EventSource('/simulator/changes');
    source = stream;
    stream.addEventListener('open', () => {
      stopPolling();
      onStatus('live');
      onPoll(); // catch up on whatever happened while disconnected
    });
    stream.addEventListener('change', (event) => {
      try { onChange(JSON.parse(event.data)); } catch { onPoll(); }
    });
    stream.addEventListener('error', () => {
      if (source !== stream) return; // closed by us below
      // The browser retries the stream by itself (unless it gave up: CLOSED); poll meanwhile. A poll
      // that gets no answer at all says the simulator is gone, and the probes below take over.
      startPolling();
      onPoll();
      onStatus(stream.readyState === EventSource.CLOSED ? 'polling' : 'reconnecting');
    });
  }

  function probeLater() {
    const delayMs = retryDelay(retries);
    onStatus('lost', { delayMs, retries, at: Date.now() + delayMs });
    probeTimer = setTimeout(() => {
      probeTimer = null;
      // An answer (even an HTTP error) makes connection.reachable true: handled below.
      api.pageSettings().catch(() => {
        if (connection.reachable) return;
        retries += 1;
        probeLater();
      });
    }, delayMs);
  }

  connection.onChange((yes) => {
    if (!yes) {
      if (source) source.close();
      source = null;
      stopPolling();
      retries = 0;
      probeLater();
      return;
    }
    clearTimeout(probeTimer);
    probeTimer = null;
    onStatus('connecting');
    openStream();
  });
  openStream();
}
`;
