/**
 * Browser code (ES module `/simulator/page/connection.js`), shipped as a string: the banner that says
 * the page lost contact with the simulator, when it tries again, and goes once the simulator answers.
 */
export const connectionJs = String.raw`
import { $, h } from './dom.js';

export function mountConnectionBanner(store) {
  const slot = $('connection');
  let ticker = null;
  let shown = false;

  const seconds = (ms) => Math.max(0, Math.ceil(ms / 1000)) + ' s';

  function tick(retry) {
    const next = document.getElementById('connection-retry');
    if (next) next.textContent = 'Next try in ' + seconds(retry.at - Date.now()) + '.';
  }

  store.subscribe((state) => {
    const lost = state.feed === 'lost';
    if (!lost) {
      if (!shown) return;
      shown = false;
      clearInterval(ticker);
      ticker = null;
      slot.replaceChildren();
      return;
    }
    const retry = state.retry;
    if (!shown) {
      shown = true;
      // The slot is a live region that stays in the page, so screen readers announce what appears in it.
      slot.replaceChildren(h('p', { class: 'banner', attrs: { id: 'connection-banner' } },
        h('strong', { text: 'Lost contact with the simulator, retrying …' }), ' ',
        h('span', { attrs: { id: 'connection-retry', 'aria-hidden': 'true' } })));
    }
    const banner = $('connection-banner');
    // For tests and the curious: the pause before the next try and how many tries failed.
    banner.setAttribute('data-retry-ms', String(retry.delayMs));
    banner.setAttribute('data-retries', String(retry.retries));
    banner.setAttribute('data-retry-at', String(retry.at));
    tick(retry);
    clearInterval(ticker);
    ticker = setInterval(() => tick(retry), 1000);
  });
}
`;
