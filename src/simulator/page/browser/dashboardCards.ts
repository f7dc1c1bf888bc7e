/**
 * The cards of the "Bot performance" panel: per bot user, an A/B comparison of its variants, then one
 * card per variant (resolved vs transferred, the top transfer reasons, CSAT), each with its numbers in
 * words and in a visually hidden table. Rows come from the embedding app's dashboard source, read
 * defensively: the simulator passes on whatever the source answers.
 */
import type { BotVariantSummary } from '../../../monitoring/summary.js';
import { barList, ratingColumns, ratingGauge, stackedBar, type RatingCounts } from './charts.js';
import { h } from './dom.js';

/** Below this many closed chats per variant, an A/B comparison is early days. */
const EARLY_DAYS = 30;

/** A value as a source may send it: any field missing. */
export type Loose<T> = T extends readonly (infer U)[] ? Loose<U>[] : T extends object ? { [K in keyof T]?: Loose<T[K]> | null } : T;

/** A summary row as the panel draws it: every number defaulted, at most 5 reasons. */
export interface Row {
  botUser: string;
  variant: string;
  chats: BotVariantSummary['chats'];
  resolutionRate: number | null;
  transfers: Pick<BotVariantSummary['transfers'], 'accepted' | 'failed' | 'topReasons'>;
  replyMs: number | null;
  csat: { responses: number; skipped: number; average: number | null; distribution: RatingCounts };
}

const num = (x: unknown): number => (typeof x === 'number' && Number.isFinite(x) ? x : 0);
const numberOrNull = (x: unknown): number | null => (typeof x === 'number' ? x : null);
const percent = (x: number): string => `${Math.round(x * 100)}%`;
const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
const average = (x: number): string => (Math.round(x * 10) / 10).toFixed(1);
/** Reason labels come lower-cased from the metrics; show them as a sentence. */
const sentence = (text: string): string => (text ? text.charAt(0).toUpperCase() + text.slice(1) : text);
/** An element id from free text (bot user and variant names). */
const idOf = (...parts: string[]): string => parts.map((p) => p.replace(/[^A-Za-z0-9_-]+/g, '_')).join('-');
const variantName = (variant: string): string => (variant === 'none' ? 'no A/B test' : `Variant ${variant}`);

/** The summary row of one bot user and variant, with every number defaulted. */
export function readRow(row: Loose<BotVariantSummary>): Row {
  const chats = row.chats ?? {};
  const transfers = row.transfers ?? {};
  const csat = row.csat ?? {};
  const distribution = csat.distribution ?? {};
  return {
    botUser: String(row.botUser || '?'),
    variant: String(row.variant || 'none'),
    chats: { accepted: num(chats.accepted), open: num(chats.open), resolved: num(chats.resolved), transferred: num(chats.transferred), released: num(chats.released) },
    resolutionRate: numberOrNull(row.resolutionRate),
    transfers: {
      accepted: num(transfers.accepted),
      failed: num(transfers.failed),
      topReasons: (Array.isArray(transfers.topReasons) ? transfers.topReasons : [])
        .slice(0, 5)
        .map((r) => ({ reason: sentence(String(r?.reason || 'none')), accepted: num(r?.accepted), failed: num(r?.failed) })),
    },
    replyMs: numberOrNull(row.replyLatency?.averageMs),
    csat: {
      responses: num(csat.responses),
      skipped: num(csat.skipped),
      average: numberOrNull(csat.average),
      distribution: { 1: num(distribution['1']), 2: num(distribution['2']), 3: num(distribution['3']), 4: num(distribution['4']), 5: num(distribution['5']) },
    },
  };
}

const RIGHT = { valueRight: true };
const compareChart = (title: string, svg: SVGSVGElement): HTMLElement => h('section', { class: 'dash-chart' }, h('h4', { text: title }), svg);

/** The A/B comparison of a bot user's variants; colour maps a variant to its colour index. */
export function comparison(botUser: string, name: string, variants: readonly Row[], colour: ReadonlyMap<string, number>): HTMLElement {
  const headingId = idOf('compare', botUser);
  const decided = (row: Row): number => row.chats.resolved + row.chats.transferred;
  const accepted = variants.reduce((sum, row) => sum + row.chats.accepted, 0);
  const early = variants.some((row) => decided(row) < EARLY_DAYS);
  const rows = (value: (row: Row) => number | null, text: (row: Row) => string) =>
    variants.map((row) => ({
      label: variantName(row.variant),
      parts: [{ key: `variant-${colour.get(row.variant)}`, value: value(row) || 0, label: '' }],
      valueText: text(row),
    }));
  const says = (what: string, text: (row: Row) => string): string => `${what}: ${variants.map((row) => `${variantName(row.variant)} ${text(row)}`).join(', ')}.`;
  const rateText = (row: Row): string => (row.resolutionRate === null ? 'no closed chat yet' : `${percent(row.resolutionRate)} of ${decided(row)}`);
  const csatText = (row: Row): string => (row.csat.average === null ? 'no rating yet' : `${average(row.csat.average)} from ${plural(row.csat.responses, 'rating')}`);
  const shareText = (row: Row): string => `${row.chats.accepted}${accepted ? ` (${percent(row.chats.accepted / accepted)})` : ''}`;
  const rateBar = (row: Row): string => (row.resolutionRate === null ? '–' : `${percent(row.resolutionRate)} of ${decided(row)}`);
  const csatBar = (row: Row): string => (row.csat.average === null ? '–' : `${average(row.csat.average)} · ${plural(row.csat.responses, 'rating')}`);
  const mostAccepted = Math.max(1, ...variants.map((row) => row.chats.accepted));
  return h(
    'article',
    { class: 'card dash-compare', attrs: { 'aria-labelledby': headingId, 'data-bot-user': botUser } },
    h(
      'div',
      { class: 'dash-head' },
      h('h3', { class: 'dash-title', attrs: { id: headingId } }, `A/B test · ${name}`),
      h('p', {
        class: 'dash-sub',
        text: `Each new chat goes to one variant and stays with it.${early ? ` Early days: under ${EARLY_DAYS} closed chats per variant, so expect the numbers to move.` : ''}`,
      }),
    ),
    h(
      'div',
      { class: 'compare-grid' },
      compareChart('Resolved by the bot', barList(rows((row) => row.resolutionRate, rateBar), 1, says('Resolution rate', rateText), RIGHT)),
      compareChart('CSAT average (1–5)', barList(rows((row) => row.csat.average, csatBar), 5, says('CSAT average', csatText), RIGHT)),
      compareChart('Chats accepted', barList(rows((row) => row.chats.accepted, shareText), mostAccepted, says('Chats accepted', shareText), RIGHT)),
    ),
  );
}

/** The card of one bot user and variant; maxReason scales the reason bars alike across cards. */
export function card(row: Row, name: string, colourIndex: number | undefined, maxReason: number): HTMLElement {
  const headingId = idOf('dash', row.botUser, row.variant);
  const c = row.chats;
  const decided = c.resolved + c.transferred;
  const closed = decided + c.released;
  const rate = row.resolutionRate;
  const reasons = row.transfers.topReasons;
  const sub = [row.botUser, `${plural(c.accepted, 'chat')} accepted`, `${c.open} open`];
  if (row.replyMs !== null) sub.push(`replies in ${row.replyMs < 1000 ? `${Math.round(row.replyMs)} ms` : `${(row.replyMs / 1000).toFixed(1)} s`} on average`);

  const outcome = closed
    ? `Chats closed: ${c.resolved} resolved by the bot, ${c.transferred} transferred to a person, ${c.released} released.${rate === null ? '' : ` Resolution rate ${percent(rate)}.`}`
    : 'No chat closed yet.';
  const reasonsSummary = reasons.length
    ? `Top transfer reasons: ${reasons.map((r) => `${r.reason} ${r.accepted + r.failed}${r.failed ? ` (${r.failed} failed)` : ''}`).join('; ')}.`
    : 'No transfers yet.';
  const csat = row.csat;
  const csatSummary =
    csat.average === null
      ? `No CSAT rating yet${csat.skipped ? ` (${csat.skipped} skipped)` : ''}.`
      : `CSAT average ${average(csat.average)} out of 5, from ${plural(csat.responses, 'rating')}.`;
  const columnsSummary = `CSAT ratings: ${([1, 2, 3, 4, 5] as const).map((n) => `${n} stars ${csat.distribution[n]}`).join(', ')}.`;
  const anyFailed = reasons.some((r) => r.failed);
  const csatSub = csat.responses
    ? `${plural(csat.responses, 'rating')}${csat.skipped ? ` · ${csat.skipped} skipped` : ''}`
    : csat.skipped
      ? `${csat.skipped} skipped`
      : 'no rating yet';
  const csatLevel = csat.average === null ? '' : csat.average >= 4 ? 'kpi-good' : csat.average >= 3 ? 'kpi-fair' : 'kpi-poor';

  return h(
    'article',
    { class: 'card dash-card', attrs: { 'aria-labelledby': headingId, 'data-bot-user': row.botUser, 'data-variant': row.variant } },
    h(
      'div',
      { class: 'dash-head' },
      h('h3', { class: 'dash-title', attrs: { id: headingId } }, name, ' ', h('span', { class: `variant variant-${colourIndex}`, text: variantName(row.variant) })),
      h('p', { class: 'dash-sub', text: sub.join(' · ') }),
    ),
    h(
      'div',
      { class: 'kpis' },
      kpi('Resolved', rate === null ? '–' : percent(rate), decided ? `${c.resolved} of ${decided} by the bot` : 'no closed chat yet', 'rate'),
      kpi('CSAT', csat.average === null ? '–' : average(csat.average), csatSub, `csat ${csatLevel}`, csat.average === null ? null : '/ 5'),
      kpi('Transfers', String(row.transfers.accepted + row.transfers.failed), row.transfers.failed ? `${row.transfers.failed} failed (stayed with the bot)` : 'to a person', 'transfers'),
    ),
    h(
      'section',
      { class: 'dash-chart' },
      h('h4', { text: 'Resolved vs transferred' }),
      stackedBar(
        [
          { key: 'resolved', label: 'Resolved by the bot', value: c.resolved },
          { key: 'transferred', label: 'Transferred to a person', value: c.transferred },
          { key: 'released', label: 'Released', value: c.released },
        ],
        outcome,
      ),
      legend([['resolved', 'Resolved', c.resolved], ['transferred', 'Transferred', c.transferred], c.released ? ['released', 'Released', c.released] : null]),
    ),
    h(
      'section',
      { class: 'dash-chart' },
      h('h4', { text: 'Top transfer reasons' }),
      reasons.length
        ? barList(
            reasons.map((r) => ({
              label: r.reason,
              parts: [
                { key: 'transferred', value: r.accepted, label: 'transferred' },
                { key: 'failed', value: r.failed, label: 'failed' },
              ],
            })),
            maxReason,
            reasonsSummary,
          )
        : h('p', { class: 'dash-empty', text: 'No transfers yet.' }),
      anyFailed ? legend([['transferred', 'Transferred', null], ['failed', 'Failed, stayed with the bot', null]]) : null,
    ),
    h(
      'section',
      { class: 'dash-chart' },
      h('h4', { text: 'Customer satisfaction (CSAT)' }),
      ratingGauge(csat.average, csatSummary),
      csat.responses ? ratingColumns(csat.distribution, columnsSummary) : h('p', { class: 'dash-empty', text: 'Visitors rate the chat after "bye".' }),
    ),
    dataTable(row, name),
  );
}

function kpi(label: string, value: string, sub: string, kind: string, unit: string | null = null): HTMLElement {
  return h(
    'div',
    { class: `kpi kpi-${kind}` },
    h('p', { class: 'kpi-label', text: label }),
    h('p', { class: 'kpi-value' }, value, unit ? h('span', { class: 'kpi-unit', text: ` ${unit}` }) : null),
    h('p', { class: 'kpi-sub', text: sub }),
  );
}

/** A legend: [key, label, count or null] per item (null items left out). */
function legend(items: readonly ([string, string, number | null] | null)[]): HTMLElement {
  return h(
    'ul',
    { class: 'legend', attrs: { 'aria-hidden': 'true' } },
    items
      .filter((item) => item !== null)
      .map(([key, label, value]) => h('li', null, h('span', { class: `swatch swatch-${key}` }), label + (value === null ? '' : ` ${value}`))),
  );
}

/** The card's numbers as a table, for screen readers (and tests). */
function dataTable(row: Row, name: string): HTMLElement {
  const tr = (metric: string, label: string, value: string | number): HTMLElement =>
    h('tr', { attrs: { 'data-metric': metric } }, h('th', { attrs: { scope: 'row' }, text: label }), h('td', { text: String(value) }));
  const c = row.chats;
  // Wrapped: a table grows to fit its cells whatever its width says, so the hidden box is a div.
  return h(
    'div',
    { class: 'visually-hidden' },
    h(
      'table',
      { class: 'dash-table' },
      h('caption', { text: `Numbers of ${name} (${row.botUser}), ${variantName(row.variant)}` }),
      h(
        'tbody',
        null,
        tr('accepted', 'Chats accepted', c.accepted),
        tr('open', 'Chats open', c.open),
        tr('resolved', 'Chats resolved by the bot', c.resolved),
        tr('transferred', 'Chats transferred to a person', c.transferred),
        tr('released', 'Chats released', c.released),
        tr('resolution-rate', 'Resolution rate', row.resolutionRate === null ? 'none yet' : percent(row.resolutionRate)),
        tr('transfers-failed', 'Transfers that failed', row.transfers.failed),
        row.transfers.topReasons.map((r) =>
          h('tr', { attrs: { 'data-metric': 'reason' } }, h('th', { attrs: { scope: 'row' }, text: `Transfer reason: ${r.reason}` }), h('td', { text: String(r.accepted + r.failed) })),
        ),
        tr('csat-average', 'CSAT average (1 to 5)', row.csat.average === null ? 'none yet' : average(row.csat.average)),
        tr('csat-responses', 'CSAT ratings', row.csat.responses),
        tr('csat-skipped', 'CSAT skipped', row.csat.skipped),
      ),
    ),
  );
}
