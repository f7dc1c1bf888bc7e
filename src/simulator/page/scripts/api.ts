/**
 * Browser code (ES module `/simulator/page/api.js`), shipped as a string: the simulator's control API
 * (JSON under /simulator) and its live feed (server-sent events, polling when they fail).
 */
export const apiJs = String.raw`
async function call(method, path, body) {
  const init = { method, headers: { Accept: 'application/json' } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const res = await fetch('/simulator' + path, init);
  const text = await res.text();
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
  /** The page's settings from the simulator's options: { visitorSuggestions }. */
  pageSettings: () => call('GET', '/page-settings'),
};

/**
 * Calls onChange(change) for every world change, from GET /simulator/changes (server-sent events).
 * While the stream is down (or without EventSource at all) it polls instead: onPoll every second,
 * until the stream is back. onStatus gets 'live', 'reconnecting' or 'polling'.
 */
export function liveFeed({ onChange, onPoll, onStatus }) {
  let pollTimer = null;
  const startPolling = () => {
    if (!pollTimer) pollTimer = setInterval(onPoll, 1000);
  };
  const stopPolling = () => {
    if (pollTimer) clearInterval(pollTimer);
    pollTimer = null;
  };
  if (typeof EventSource !== 'function') {
    startPolling();
    onStatus('polling');
    return;
  }
  const source = new EventSource('/simulator/changes');
  source.addEventListener('open', () => {
    stopPolling();
    onStatus('live');
    onPoll(); // catch up on whatever happened while disconnected
  });
  source.addEventListener('change', (event) => {
    try { onChange(JSON.parse(event.data)); } catch { onPoll(); }
  });
  source.addEventListener('error', () => {
    // The browser retries the stream by itself (unless it gave up: CLOSED); poll meanwhile.
    startPolling();
    onPoll();
    onStatus(source.readyState === EventSource.CLOSED ? 'polling' : 'reconnecting');
  });
}
`;
