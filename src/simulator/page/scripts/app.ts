/**
 * Browser code (ES module `/simulator/page/app.js`), shipped as a string: wires the page together.
 */
export const appJs = String.raw`
import { liveFeed } from './api.js';
import { $, startSinceTicker } from './dom.js';
import { createStore } from './store.js';
import { mountVisitor } from './visitor.js';
import { mountWorkspace } from './workspace.js';
import { mountChecklist } from './checklist.js';
import { mountDashboard } from './dashboard.js';
import { mountConnectionBanner } from './connection.js';

const FEED_TEXT = { connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting (polling meanwhile)', polling: 'Polling every second', lost: 'Lost contact' };

const store = createStore();
const account = document.querySelector('meta[name="liveengage-account"]');
$('account-id').textContent = account ? account.content : '?';
mountConnectionBanner(store);
mountChecklist(store);
mountVisitor(store);
mountWorkspace(store);
const dashboard = mountDashboard(store);

const feed = $('feed-status');
store.subscribe((state) => {
  const text = FEED_TEXT[state.feed] || state.feed;
  if (feed.textContent === text) return;
  feed.className = 'feed feed-' + state.feed;
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
`;
