/**
 * The page's live feed: the simulator's server-sent events, polling when they fail, and what the page
 * does while the simulator does not answer at all (one probe after 1 s, 2 s, 4 s ... 30 s).
 */
import { CHANGE_EVENT, PAGE_PATHS, type PageChange } from '../../controlApi.js';
import { api, connection } from './api.js';
import { retryDelay } from './backoff.js';

export type FeedStatus = 'connecting' | 'live' | 'reconnecting' | 'polling' | 'lost';

/** When the next probe goes, while the feed is 'lost'. */
export interface Retry {
  delayMs: number;
  retries: number;
  /** Date.now() of the probe. */
  at: number;
}

export interface FeedHandlers {
  onChange: (change: PageChange) => void;
  onPoll: () => void;
  onStatus: (status: FeedStatus, retry?: Retry) => void;
}

/**
 * Calls onChange(change) for every world change, from GET /simulator/changes (server-sent events).
 * While the stream is down (or without EventSource at all) it polls instead: onPoll every second,
 * until the stream is back. While the simulator does not answer at all, neither: no stream, no
 * polling, one small probe after 1 s, 2 s, 4 s ... at most 30 s, until it answers.
 */
export function liveFeed({ onChange, onPoll, onStatus }: FeedHandlers): void {
  let source: EventSource | null = null;
  let pollTimer: number | undefined;
  let probeTimer: number | undefined;
  let retries = 0;
  const startPolling = (): void => {
    if (pollTimer === undefined) pollTimer = window.setInterval(onPoll, 1000);
  };
  const stopPolling = (): void => {
    window.clearInterval(pollTimer);
    pollTimer = undefined;
  };

  function openStream(): void {
    if (typeof EventSource !== 'function') {
      startPolling();
      onStatus('polling');
      return;
    }
    const stream = new EventSource(PAGE_PATHS.changes);
    source = stream;
    stream.addEventListener('open', () => {
      stopPolling();
      onStatus('live');
      onPoll(); // catch up on whatever happened while disconnected
    });
    stream.addEventListener(CHANGE_EVENT, (event) => {
      try {
        onChange(JSON.parse((event as MessageEvent<string>).data) as PageChange);
      } catch {
        onPoll();
      }
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

  function probeLater(): void {
    const delayMs = retryDelay(retries);
    onStatus('lost', { delayMs, retries, at: Date.now() + delayMs });
    probeTimer = window.setTimeout(() => {
      probeTimer = undefined;
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
    window.clearTimeout(probeTimer);
    probeTimer = undefined;
    onStatus('connecting');
    openStream();
  });
  openStream();
}
