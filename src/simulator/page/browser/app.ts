/** The page's entry point (bundled into /simulator/page/app.js): wires the page together. */
import { $, startSinceTicker } from './dom.js';
import { mountChecklist } from './checklist.js';
import { mountConnectionBanner } from './connection.js';
import { mountDashboard } from './dashboard.js';
import { liveFeed, type FeedStatus } from './feed.js';
import { createStore } from './store.js';
import { mountVisitor } from './visitor.js';
import { mountWorkspace } from './workspace.js';

const FEED_TEXT: Record<FeedStatus, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting (polling meanwhile)',
  polling: 'Polling every second',
  lost: 'Lost contact',
};

const store = createStore();
const account = document.querySelector<HTMLMetaElement>('meta[name="liveengage-account"]');
$('account-id').textContent = account ? account.content : '?';
mountConnectionBanner(store);
mountChecklist(store);
mountVisitor(store);
mountWorkspace(store);
const dashboard = mountDashboard(store);

const feed = $('feed-status');
store.subscribe((state) => {
  const text = FEED_TEXT[state.feed];
  if (feed.textContent === text) return;
  feed.className = `feed feed-${state.feed}`;
  feed.textContent = text;
});

startSinceTicker();
store.refreshAll();
liveFeed({
  onChange: (change) => {
    store.changed(change);
    dashboard.changed();
  },
  onPoll: () => store.refreshAll(),
  onStatus: (status, retry) => store.setFeed(status, retry),
});
document.documentElement.dataset.ready = 'true';
