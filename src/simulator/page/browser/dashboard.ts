/**
 * The "Bot performance" panel, LivePerson's Step 5 "Monitor the performance of your bot". It draws what
 * the embedding app's dashboard source answers at `GET /simulator/dashboard` (the sample:
 * `LiveEngageMetrics.summary()`), per bot user and A/B variant (see dashboardCards.ts). Refreshed every
 * 2 s and soon after each change in the world; asked once when the simulator has no source (404), and
 * not at all while the simulator does not answer (asked again once it does).
 */
import type { LiveEngageMetricsSummary } from '../../../monitoring/summary.js';
import { api, connection, controlError } from './api.js';
import { card, comparison, readRow, type Loose, type Row } from './dashboardCards.js';
import { $, clockTime, h, replaceChildren } from './dom.js';
import { fitLabels } from './charts.js';
import type { Store } from './store.js';

const REFRESH_MS = 2000;
/** The bot's metrics move a poll after the world does: look again a little after a change. */
const AFTER_CHANGE_MS = 700;

type Summary = Loose<LiveEngageMetricsSummary> & { bots: NonNullable<Loose<LiveEngageMetricsSummary>['bots']> };

/** What the last ask gave: the summary, something else, no source at all, or an error. */
type Result = { kind: 'data'; data: Summary } | { kind: 'unknown'; data: unknown } | { kind: 'none' } | { kind: 'error'; message: string };

const isSummary = (data: unknown): data is Summary => typeof data === 'object' && data !== null && 'bots' in data && Array.isArray(data.bots);

function placeholder(title: string, text: string): HTMLElement {
  return h('div', { class: 'placeholder dash-placeholder' }, h('p', { class: 'dash-placeholder-title', text: title }), h('p', { class: 'small', text }));
}

export function mountDashboard(store: Store): { changed(): void } {
  const root = $('dashboard');
  const updated = $('dashboard-updated');
  let key = '';
  let timer: number | undefined;
  let running = false;
  let again = false;
  let shown = 'loading';
  let last: Result | null = null;
  let nicknamesKey = '';
  /** The simulator said it has no dashboard source: nothing to poll until it comes back. */
  let noSource = false;

  const nickname = (loginName: string): string => {
    const agent = store.state.agents.find((a) => a.loginName === loginName);
    return agent ? agent.nickname : loginName;
  };
  const wanted = (): boolean => !noSource && connection.reachable;

  function schedule(ms: number): void {
    if (timer !== undefined) return;
    timer = window.setTimeout(() => void refresh(), ms);
  }

  async function refresh(): Promise<void> {
    timer = undefined;
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      const data = await api.dashboard();
      render(isSummary(data) ? { kind: 'data', data } : { kind: 'unknown', data });
    } catch (thrown) {
      const error = controlError(thrown);
      if (error.status === 404) {
        noSource = true;
        render({ kind: 'none' });
      } else if (shown === 'data') updated.textContent = `Could not update: ${error.message}`;
      // No answer at all: the connection banner says so; keep what is drawn.
      else if (!error.offline) render({ kind: 'error', message: error.message });
    } finally {
      running = false;
      if (again) {
        again = false;
        if (wanted()) schedule(0);
      }
    }
  }

  function render(result: Result): void {
    last = result;
    const shape = result.kind === 'data' ? result.data.bots : result.kind === 'unknown' ? result.data || null : result.kind === 'error' ? result.message : null;
    const next = JSON.stringify([result.kind, shape, nicknamesKey]);
    if (result.kind === 'data') {
      const { generatedAt, since } = result.data;
      updated.textContent = `Updated ${clockTime(generatedAt || new Date().toISOString())}${since ? ` · counting since ${clockTime(since)}` : ''}`;
    } else updated.textContent = '';
    if (next === key) return;
    key = next;
    shown = result.kind;
    root.setAttribute('aria-busy', 'false');
    if (result.kind === 'none') {
      replaceChildren(root, [
        placeholder(
          'No bot metrics here.',
          'This simulator has no dashboard source. The app that embeds it passes one: new LiveEngageSimulator({ dashboard: () => metrics.summary() }), with a LiveEngageMetrics observing the adapter; npm start does.',
        ),
      ]);
      return;
    }
    if (result.kind === 'error') {
      replaceChildren(root, [placeholder('The bot metrics are not available right now.', result.message)]);
      return;
    }
    if (result.kind === 'unknown') {
      replaceChildren(root, [
        placeholder(
          'The dashboard source answered something this panel does not draw.',
          'It expects LiveEngageMetrics.summary(): { bots: [...] }. See GET /simulator/dashboard.',
        ),
      ]);
      return;
    }
    const rows = result.data.bots.map((row) => readRow(row ?? {}));
    if (!rows.length) {
      replaceChildren(root, [
        placeholder(
          'No chats yet.',
          'Start a chat as a visitor. The chats the bot resolves and transfers, why it transfers, and the CSAT ratings visitors give after "bye" show up here, per bot and A/B variant.',
        ),
      ]);
      return;
    }
    replaceChildren(root, renderRows(rows));
    fitLabels(root);
  }

  function renderRows(rows: readonly Row[]): HTMLElement[] {
    const byBot = new Map<string, Row[]>();
    for (const row of rows) {
      const variants = byBot.get(row.botUser) ?? [];
      variants.push(row);
      byBot.set(row.botUser, variants);
    }
    const maxReason = Math.max(1, ...rows.flatMap((r) => r.transfers.topReasons.map((t) => t.accepted + t.failed)));
    const children: HTMLElement[] = [];
    for (const [botUser, variants] of byBot) {
      const colour = new Map(variants.map((row, i) => [row.variant, i % 4]));
      const name = nickname(botUser);
      if (variants.length > 1) children.push(comparison(botUser, name, variants, colour));
      for (const row of variants) children.push(card(row, name, colour.get(row.variant), maxReason));
    }
    return children;
  }

  let resizeTimer: number | undefined;
  window.addEventListener('resize', () => {
    window.clearTimeout(resizeTimer);
    resizeTimer = window.setTimeout(() => fitLabels(root), 150);
  });
  store.subscribe((state) => {
    // The cards name bots by nickname, from the agent list: redraw when it changes.
    const next = JSON.stringify(state.agents.map((a) => [a.loginName, a.nickname]));
    if (next === nicknamesKey) return;
    nicknamesKey = next;
    if (last) render(last);
  });
  window.setInterval(() => {
    if (!document.hidden && wanted()) schedule(0);
  }, REFRESH_MS);
  schedule(0);
  connection.onChange((reachable) => {
    if (!reachable) return;
    // Maybe another simulator on the same port, with a source this time: ask once.
    noSource = false;
    schedule(0);
  });

  return {
    /** A change in the world (from the live feed): the metrics follow shortly. */
    changed(): void {
      if (wanted()) schedule(AFTER_CHANGE_MS);
    },
  };
}
