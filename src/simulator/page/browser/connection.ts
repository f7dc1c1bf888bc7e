/** The banner that says the page lost contact with the simulator, when it tries again, and goes once the simulator answers. */
import { $, h } from './dom.js';
import type { Retry } from './feed.js';
import type { Store } from './store.js';

export function mountConnectionBanner(store: Store): void {
  const slot = $('connection');
  let ticker: number | undefined;
  let shown = false;

  const seconds = (ms: number): string => `${Math.max(0, Math.ceil(ms / 1000))} s`;

  function tick(retry: Retry): void {
    const next = document.getElementById('connection-retry');
    if (next) next.textContent = `Next try in ${seconds(retry.at - Date.now())}.`;
  }

  store.subscribe((state) => {
    const retry = state.retry;
    if (state.feed !== 'lost' || !retry) {
      if (!shown) return;
      shown = false;
      window.clearInterval(ticker);
      ticker = undefined;
      slot.replaceChildren();
      return;
    }
    if (!shown) {
      shown = true;
      // The slot is a live region that stays in the page, so screen readers announce what appears in it.
      slot.replaceChildren(
        h(
          'p',
          { class: 'banner', attrs: { id: 'connection-banner' } },
          h('strong', { text: 'Lost contact with the simulator, retrying …' }),
          ' ',
          h('span', { attrs: { id: 'connection-retry', 'aria-hidden': 'true' } }),
        ),
      );
    }
    const banner = $('connection-banner');
    // For tests and the curious: the pause before the next try and how many tries failed.
    banner.setAttribute('data-retry-ms', String(retry.delayMs));
    banner.setAttribute('data-retries', String(retry.retries));
    banner.setAttribute('data-retry-at', String(retry.at));
    tick(retry);
    window.clearInterval(ticker);
    ticker = window.setInterval(() => tick(retry), 1000);
  });
}
