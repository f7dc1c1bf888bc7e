/**
 * Browser code (ES module `/simulator/page/dashboard.js`), shipped as a string: the "Bot performance"
 * panel, LivePerson's Step 5 "Monitor the performance of your bot". It draws what the embedding app's
 * dashboard source answers at `GET /simulator/dashboard` (the sample: `LiveEngageMetrics.summary()`):
 * per bot user and A/B variant, chats resolved vs transferred, the top transfer reasons and CSAT, as
 * SVG charts with their numbers in words and in a visually hidden table. Refreshed every 2 s and soon
 * after each change in the world; asked once when the simulator has no source (404), and not at all
 * while the simulator does not answer (asked again once it does).
 */
export const dashboardJs = String.raw`
import { api, connection } from './api.js';
import { $, clockTime, h, replaceChildren } from './dom.js';
import { barList, fitLabels, ratingColumns, ratingGauge, stackedBar } from './charts.js';

const REFRESH_MS = 2000;
/** The bot's metrics move a poll after the world does: look again a little after a change. */
const AFTER_CHANGE_MS = 700;
/** Below this many closed chats per variant, an A/B comparison is early days. */
const EARLY_DAYS = 30;

const num = (x) => (typeof x === 'number' && Number.isFinite(x) ? x : 0);
const percent = (x) => Math.round(x * 100) + '%';
const plural = (n, one, many) => n + ' ' + (n === 1 ? one : many || one + 's');
const average = (x) => (Math.round(x * 10) / 10).toFixed(1);
/** Reason labels come lower-cased from the metrics; show them as a sentence. */
const sentence = (text) => (text ? text.charAt(0).toUpperCase() + text.slice(1) : text);
/** An element id from free text (bot user and variant names). */
const idOf = (...parts) => parts.map((p) => String(p).replace(/[^A-Za-z0-9_-]+/g, '_')).join('-');

/** The summary row of one bot user and variant, with every number defaulted. */
function readRow(row) {
  const chats = row.chats || {};
  const transfers = row.transfers || {};
  const csat = row.csat || {};
  const distribution = csat.distribution || {};
  return {
    botUser: String(row.botUser || '?'),
    variant: String(row.variant || 'none'),
    chats: { accepted: num(chats.accepted), open: num(chats.open), resolved: num(chats.resolved), transferred: num(chats.transferred), released: num(chats.released) },
    resolutionRate: typeof row.resolutionRate === 'number' ? row.resolutionRate : null,
    transfers: {
      accepted: num(transfers.accepted),
      failed: num(transfers.failed),
      topReasons: (Array.isArray(transfers.topReasons) ? transfers.topReasons : []).slice(0, 5)
        .map((r) => ({ reason: sentence(String(r.reason || 'none')), accepted: num(r.accepted), failed: num(r.failed) })),
    },
    replyMs: row.replyLatency && typeof row.replyLatency.averageMs === 'number' ? row.replyLatency.averageMs : null,
    csat: {
      responses: num(csat.responses),
      skipped: num(csat.skipped),
      average: typeof csat.average === 'number' ? csat.average : null,
      distribution: { 1: num(distribution['1']), 2: num(distribution['2']), 3: num(distribution['3']), 4: num(distribution['4']), 5: num(distribution['5']) },
    },
  };
}

export function mountDashboard(store) {
  const root = $('dashboard');
  const updated = $('dashboard-updated');
  let key = '';
  let timer = null;
  let running = false;
  let again = false;
  let shown = 'loading';
  let last = null;
  let nicknamesKey = '';
  /** The simulator said it has no dashboard source: nothing to poll until it comes back. */
  let noSource = false;

  const nickname = (loginName) => {
    const agent = store.state.agents.find((a) => a.loginName === loginName);
    return agent ? agent.nickname : loginName;
  };

  function schedule(ms) {
    if (timer) return;
    timer = setTimeout(refresh, ms);
  }

  async function refresh() {
    timer = null;
    if (running) { again = true; return; }
    running = true;
    try {
      const data = await api.dashboard();
      render(data && Array.isArray(data.bots) ? { kind: 'data', data } : { kind: 'unknown', data });
    } catch (error) {
      if (error.status === 404) {
        noSource = true;
        render({ kind: 'none' });
      } else if (shown === 'data') updated.textContent = 'Could not update: ' + error.message;
      // No answer at all: the connection banner says so; keep what is drawn.
      else if (!error.offline) render({ kind: 'error', message: error.message });
    } finally {
      running = false;
      if (again) { again = false; if (wanted()) schedule(0); }
    }
  }

  function render(result) {
    last = result;
    const next = JSON.stringify([result.kind, result.kind === 'data' ? result.data.bots : result.data || result.message || null, nicknamesKey]);
    if (result.kind === 'data') updated.textContent = 'Updated ' + clockTime(result.data.generatedAt || new Date().toISOString()) + (result.data.since ? ' · counting since ' + clockTime(result.data.since) : '');
    else updated.textContent = '';
    if (next === key) return;
    key = next;
    shown = result.kind;
    root.setAttribute('aria-busy', 'false');
    if (result.kind === 'none') {
      replaceChildren(root, [placeholder('No bot metrics here.', 'This simulator has no dashboard source. The app that embeds it passes one: new LiveEngageSimulator({ dashboard: () => metrics.summary() }), with a LiveEngageMetrics observing the adapter; npm start does.')]);
      return;
    }
    if (result.kind === 'error') {
      replaceChildren(root, [placeholder('The bot metrics are not available right now.', result.message)]);
      return;
    }
    if (result.kind === 'unknown') {
      replaceChildren(root, [placeholder('The dashboard source answered something this panel does not draw.', 'It expects LiveEngageMetrics.summary(): { bots: [...] }. See GET /simulator/dashboard.')]);
      return;
    }
    const rows = result.data.bots.map(readRow);
    if (!rows.length) {
      replaceChildren(root, [placeholder('No chats yet.', 'Start a chat as a visitor. The chats the bot resolves and transfers, why it transfers, and the CSAT ratings visitors give after "bye" show up here, per bot and A/B variant.')]);
      return;
    }
    replaceChildren(root, renderRows(rows));
    fitLabels(root);
  }

  function renderRows(rows) {
    const byBot = new Map();
    for (const row of rows) {
      if (!byBot.has(row.botUser)) byBot.set(row.botUser, []);
      byBot.get(row.botUser).push(row);
    }
    const maxReason = Math.max(1, ...rows.flatMap((r) => r.transfers.topReasons.map((t) => t.accepted + t.failed)));
    const children = [];
    for (const [botUser, variants] of byBot) {
      const colour = new Map(variants.map((row, i) => [row.variant, i % 4]));
      if (variants.length > 1) children.push(comparison(botUser, variants, colour));
      for (const row of variants) children.push(card(row, colour.get(row.variant), maxReason));
    }
    return children;
  }

  const variantName = (variant) => (variant === 'none' ? 'no A/B test' : 'Variant ' + variant);

  // ------------------------------------------------------------ A/B comparison

  function comparison(botUser, variants, colour) {
    const name = nickname(botUser);
    const headingId = idOf('compare', botUser);
    const decided = (row) => row.chats.resolved + row.chats.transferred;
    const accepted = variants.reduce((sum, row) => sum + row.chats.accepted, 0);
    const early = variants.some((row) => decided(row) < EARLY_DAYS);
    const rows = (value, text) => variants.map((row) => ({
      label: variantName(row.variant),
      parts: [{ key: 'variant-' + colour.get(row.variant), value: value(row) || 0, label: '' }],
      valueText: text(row),
    }));
    const says = (what, text) => what + ': ' + variants.map((row) => variantName(row.variant) + ' ' + text(row)).join(', ') + '.';
    const rateText = (row) => (row.resolutionRate === null ? 'no closed chat yet' : percent(row.resolutionRate) + ' of ' + decided(row));
    const csatText = (row) => (row.csat.average === null ? 'no rating yet' : average(row.csat.average) + ' from ' + plural(row.csat.responses, 'rating'));
    const shareText = (row) => row.chats.accepted + (accepted ? ' (' + percent(row.chats.accepted / accepted) + ')' : '');
    return h('article', { class: 'card dash-compare', attrs: { 'aria-labelledby': headingId, 'data-bot-user': botUser } },
      h('div', { class: 'dash-head' },
        h('h3', { class: 'dash-title', attrs: { id: headingId } }, 'A/B test · ' + name),
        h('p', { class: 'dash-sub', text: 'Each new chat goes to one variant and stays with it.' + (early ? ' Early days: under ' + EARLY_DAYS + ' closed chats per variant, so expect the numbers to move.' : '') })),
      h('div', { class: 'compare-grid' },
        compareChart('Resolved by the bot', barList(rows((row) => row.resolutionRate, (row) => (row.resolutionRate === null ? '–' : percent(row.resolutionRate) + ' of ' + decided(row))), 1, says('Resolution rate', rateText), RIGHT)),
        compareChart('CSAT average (1–5)', barList(rows((row) => row.csat.average, (row) => (row.csat.average === null ? '–' : average(row.csat.average) + ' · ' + plural(row.csat.responses, 'rating'))), 5, says('CSAT average', csatText), RIGHT)),
        compareChart('Chats accepted', barList(rows((row) => row.chats.accepted, shareText), Math.max(1, ...variants.map((row) => row.chats.accepted)), says('Chats accepted', shareText), RIGHT))));
  }

  const RIGHT = { valueRight: true };
  const compareChart = (title, svg) => h('section', { class: 'dash-chart' }, h('h4', { text: title }), svg);

  // ------------------------------------------------------------ one bot user and variant

  function card(row, colourIndex, maxReason) {
    const name = nickname(row.botUser);
    const headingId = idOf('dash', row.botUser, row.variant);
    const c = row.chats;
    const decided = c.resolved + c.transferred;
    const closed = decided + c.released;
    const rate = row.resolutionRate;
    const reasons = row.transfers.topReasons;
    const sub = [row.botUser, plural(c.accepted, 'chat') + ' accepted', c.open + ' open'];
    if (row.replyMs !== null) sub.push('replies in ' + (row.replyMs < 1000 ? Math.round(row.replyMs) + ' ms' : (row.replyMs / 1000).toFixed(1) + ' s') + ' on average');

    const outcome = closed
      ? 'Chats closed: ' + c.resolved + ' resolved by the bot, ' + c.transferred + ' transferred to a person, ' + c.released + ' released.' + (rate === null ? '' : ' Resolution rate ' + percent(rate) + '.')
      : 'No chat closed yet.';
    const reasonsSummary = reasons.length
      ? 'Top transfer reasons: ' + reasons.map((r) => r.reason + ' ' + (r.accepted + r.failed) + (r.failed ? ' (' + r.failed + ' failed)' : '')).join('; ') + '.'
      : 'No transfers yet.';
    const csat = row.csat;
    const csatSummary = csat.average === null
      ? 'No CSAT rating yet' + (csat.skipped ? ' (' + csat.skipped + ' skipped)' : '') + '.'
      : 'CSAT average ' + average(csat.average) + ' out of 5, from ' + plural(csat.responses, 'rating') + '.';
    const columnsSummary = 'CSAT ratings: ' + [1, 2, 3, 4, 5].map((n) => n + ' stars ' + csat.distribution[n]).join(', ') + '.';
    const anyFailed = reasons.some((r) => r.failed);

    return h('article', { class: 'card dash-card', attrs: { 'aria-labelledby': headingId, 'data-bot-user': row.botUser, 'data-variant': row.variant } },
      h('div', { class: 'dash-head' },
        h('h3', { class: 'dash-title', attrs: { id: headingId } }, name, ' ', h('span', { class: 'variant variant-' + colourIndex, text: variantName(row.variant) })),
        h('p', { class: 'dash-sub', text: sub.join(' · ') })),
      h('div', { class: 'kpis' },
        kpi('Resolved', rate === null ? '–' : percent(rate), decided ? c.resolved + ' of ' + decided + ' by the bot' : 'no closed chat yet', 'rate'),
        kpi('CSAT', csat.average === null ? '–' : average(csat.average), csat.responses ? plural(csat.responses, 'rating') + (csat.skipped ? ' · ' + csat.skipped + ' skipped' : '') : csat.skipped ? csat.skipped + ' skipped' : 'no rating yet', 'csat ' + (csat.average === null ? '' : csat.average >= 4 ? 'kpi-good' : csat.average >= 3 ? 'kpi-fair' : 'kpi-poor'), csat.average === null ? null : '/ 5'),
        kpi('Transfers', String(row.transfers.accepted + row.transfers.failed), row.transfers.failed ? row.transfers.failed + ' failed (stayed with the bot)' : 'to a person', 'transfers')),
      h('section', { class: 'dash-chart' },
        h('h4', { text: 'Resolved vs transferred' }),
        stackedBar([
          { key: 'resolved', label: 'Resolved by the bot', value: c.resolved },
          { key: 'transferred', label: 'Transferred to a person', value: c.transferred },
          { key: 'released', label: 'Released', value: c.released },
        ], outcome),
        legend([['resolved', 'Resolved', c.resolved], ['transferred', 'Transferred', c.transferred], c.released ? ['released', 'Released', c.released] : null])),
      h('section', { class: 'dash-chart' },
        h('h4', { text: 'Top transfer reasons' }),
        reasons.length
          ? barList(reasons.map((r) => ({ label: r.reason, parts: [{ key: 'transferred', value: r.accepted, label: 'transferred' }, { key: 'failed', value: r.failed, label: 'failed' }] })), maxReason, reasonsSummary)
          : h('p', { class: 'dash-empty', text: 'No transfers yet.' }),
        anyFailed ? legend([['transferred', 'Transferred', null], ['failed', 'Failed, stayed with the bot', null]]) : null),
      h('section', { class: 'dash-chart' },
        h('h4', { text: 'Customer satisfaction (CSAT)' }),
        ratingGauge(csat.average, csatSummary),
        csat.responses ? ratingColumns(csat.distribution, columnsSummary) : h('p', { class: 'dash-empty', text: 'Visitors rate the chat after "bye".' })),
      dataTable(row, name));
  }

  function kpi(label, value, sub, kind, unit) {
    return h('div', { class: 'kpi kpi-' + kind },
      h('p', { class: 'kpi-label', text: label }),
      h('p', { class: 'kpi-value' }, value, unit ? h('span', { class: 'kpi-unit', text: ' ' + unit }) : null),
      h('p', { class: 'kpi-sub', text: sub }));
  }

  function legend(items) {
    return h('ul', { class: 'legend', attrs: { 'aria-hidden': 'true' } }, items.filter(Boolean).map(([key, label, value]) =>
      h('li', null, h('span', { class: 'swatch swatch-' + key }), label + (value === null ? '' : ' ' + value))));
  }

  /** The card's numbers as a table, for screen readers (and tests). */
  function dataTable(row, name) {
    const tr = (metric, label, value) => h('tr', { attrs: { 'data-metric': metric } }, h('th', { attrs: { scope: 'row' }, text: label }), h('td', { text: String(value) }));
    const c = row.chats;
    // Wrapped: a table grows to fit its cells whatever its width says, so the hidden box is a div.
    return h('div', { class: 'visually-hidden' }, h('table', { class: 'dash-table' },
      h('caption', { text: 'Numbers of ' + name + ' (' + row.botUser + '), ' + variantName(row.variant) }),
      h('tbody', null,
        tr('accepted', 'Chats accepted', c.accepted),
        tr('open', 'Chats open', c.open),
        tr('resolved', 'Chats resolved by the bot', c.resolved),
        tr('transferred', 'Chats transferred to a person', c.transferred),
        tr('released', 'Chats released', c.released),
        tr('resolution-rate', 'Resolution rate', row.resolutionRate === null ? 'none yet' : percent(row.resolutionRate)),
        tr('transfers-failed', 'Transfers that failed', row.transfers.failed),
        row.transfers.topReasons.map((r) => h('tr', { attrs: { 'data-metric': 'reason' } }, h('th', { attrs: { scope: 'row' }, text: 'Transfer reason: ' + r.reason }), h('td', { text: String(r.accepted + r.failed) }))),
        tr('csat-average', 'CSAT average (1 to 5)', row.csat.average === null ? 'none yet' : average(row.csat.average)),
        tr('csat-responses', 'CSAT ratings', row.csat.responses),
        tr('csat-skipped', 'CSAT skipped', row.csat.skipped))));
  }

  function placeholder(title, text) {
    return h('div', { class: 'placeholder dash-placeholder' }, h('p', { class: 'dash-placeholder-title', text: title }), h('p', { class: 'small', text }));
  }

  let resizeTimer = null;
  window.addEventListener('resize', () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => fitLabels(root), 150);
  });
  store.subscribe((state) => {
    // The cards name bots by nickname, from the agent list: redraw when it changes.
    const next = JSON.stringify(state.agents.map((a) => [a.loginName, a.nickname]));
    if (next === nicknamesKey) return;
    nicknamesKey = next;
    if (last) render(last);
  });
  const wanted = () => !noSource && connection.reachable;
  setInterval(() => { if (!document.hidden && wanted()) schedule(0); }, REFRESH_MS);
  schedule(0);
  connection.onChange((reachable) => {
    if (!reachable) return;
    // Maybe another simulator on the same port, with a source this time: ask once.
    noSource = false;
    schedule(0);
  });

  return {
    /** A change in the world (from the live feed): the metrics follow shortly. */
    changed() { if (wanted()) schedule(AFTER_CHANGE_MS); },
  };
}
`;
