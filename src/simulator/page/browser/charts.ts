/**
 * The small inline SVG charts of the "Bot performance" panel. No library: bars are rects sized in
 * percent of the chart's width, so a chart follows its card's width while its text keeps its size.
 * Every chart is `role="img"` with a `<title>` that says in words what it shows; colours come from CSS
 * classes (the CSP allows no inline styles).
 */
import { appendChildren, type Child } from './dom.js';

// The SVG namespace, as the HTML parser gives it (no URL written here: the page reaches nowhere).
const SVG_NS = (() => {
  const probe = document.createElement('div');
  probe.innerHTML = '<svg></svg>';
  return probe.firstElementChild?.namespaceURI ?? null;
})();

let nextId = 0;
const uid = (prefix: string): string => `${prefix}-${++nextId}`;

type Attrs = Record<string, string | number | boolean | null | undefined>;

/** s('rect', { x: '10%', class: 'bar' }, child, ...): an SVG element. */
function s<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Attrs | null, ...children: Child[]): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag) as SVGElementTagNameMap[K];
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    el.setAttribute(name, String(value));
  }
  appendChildren(el, children);
  return el;
}

const pct = (x: number): string => `${Math.round(Math.max(0, Math.min(1, x)) * 10000) / 100}%`;

/** An accessible chart: role img, labelled by its title (the text summary). */
function chart(className: string, height: number, summary: string, ...children: Child[]): SVGSVGElement {
  const titleId = uid('chart-title');
  return s(
    'svg',
    { class: `chart ${className}`, width: '100%', height, role: 'img', 'aria-labelledby': titleId, focusable: 'false' },
    s('title', { id: titleId }, summary),
    ...children,
  );
}

/** One share of a bar: its CSS key (`seg-KEY`), what it counts, and how many. */
export interface Segment {
  key: string;
  label: string;
  value: number;
}

/**
 * One bar split into shares; empty (a grey track) when all are 0. Shares of at least 12 % carry their
 * count.
 */
export function stackedBar(segments: readonly Segment[], summary: string): SVGSVGElement {
  const total = segments.reduce((sum, seg) => sum + seg.value, 0);
  const clipId = uid('clip');
  const height = 22;
  const parts: SVGElement[] = [];
  const labels: SVGElement[] = [];
  let at = 0;
  for (const seg of segments) {
    if (!seg.value) continue;
    const share = seg.value / total;
    parts.push(s('rect', { class: `seg seg-${seg.key}`, x: pct(at), y: 0, width: pct(share), height }, s('title', null, `${seg.label}: ${seg.value}`)));
    if (share >= 0.12) {
      labels.push(s('text', { class: 'seg-label', x: pct(at + share / 2), y: height / 2, 'text-anchor': 'middle', 'dominant-baseline': 'central' }, String(seg.value)));
    }
    at += share;
  }
  return chart(
    'chart-stacked',
    height,
    summary,
    s('defs', null, s('clipPath', { id: clipId }, s('rect', { width: '100%', height, rx: 6 }))),
    s('g', { 'clip-path': `url(#${clipId})` }, s('rect', { class: 'track', width: '100%', height }), parts),
    labels,
  );
}

/** One row of a bar list: its label, its parts, and the text at its end (else the sum of the parts). */
export interface BarRow {
  label: string;
  parts: readonly Segment[];
  valueText?: string;
}

/**
 * Horizontal bars, one row per item, scaled so that max is the longest bar. The label sits over its
 * bar; the value at the bar's end, or with valueRight across from the label (for short labels).
 */
export function barList(rows: readonly BarRow[], max: number, summary: string, { valueRight = false } = {}): SVGSVGElement {
  const rowHeight = 38;
  const barY = 19;
  const barHeight = 10;
  const scale = valueRight ? 1 : 0.86; // room for the count after the longest bar
  const children = rows.map((row, i) => {
    const y = i * rowHeight;
    const total = row.parts.reduce((sum, p) => sum + p.value, 0);
    let at = 0;
    const bars = row.parts
      .filter((p) => p.value)
      .map((p) => {
        const width = (p.value / max) * scale;
        const rect = s(
          'rect',
          { class: `seg seg-${p.key}`, x: pct(at), y: y + barY, width: pct(width), height: barHeight, rx: 2 },
          s('title', null, `${row.label}: ${p.value} ${p.label}`),
        );
        at += width;
        return rect;
      });
    const value = row.valueText === undefined ? String(total) : row.valueText;
    return s(
      'g',
      { class: 'bar-row' },
      s('title', null, `${row.label}: ${value}`),
      s('text', { class: 'bar-label', x: 0, y: y + 13, 'data-fit': '' }, row.label),
      s('rect', { class: 'track', x: 0, y: y + barY, width: pct(scale), height: barHeight, rx: 2 }),
      bars,
      s(
        'text',
        valueRight
          ? { class: 'bar-value', x: '100%', y: y + 13, 'text-anchor': 'end' }
          : { class: 'bar-value', x: pct(at), dx: 6, y: y + barY + barHeight / 2, 'dominant-baseline': 'central' },
        value,
      ),
    );
  });
  return chart('chart-bars', Math.max(1, rows.length) * rowHeight - 6, summary, children);
}

/** A 1-5 scale with the average marked on it (null: no rating yet). */
export function ratingGauge(average: number | null, summary: string): SVGSVGElement {
  const height = 44;
  const y = 8;
  const barHeight = 12;
  const at = average === null ? 0 : (average - 1) / 4;
  const level = average === null ? 'none' : average >= 4 ? 'good' : average >= 3 ? 'fair' : 'poor';
  const ticks = [1, 2, 3, 4, 5].map((n) =>
    s('text', { class: 'tick', x: pct((n - 1) / 4), y: y + barHeight + 18, 'text-anchor': n === 1 ? 'start' : n === 5 ? 'end' : 'middle' }, String(n)),
  );
  return chart(
    'chart-gauge',
    height,
    summary,
    s('rect', { class: 'track', x: 0, y, width: '100%', height: barHeight, rx: 6 }),
    average === null ? null : s('rect', { class: `gauge-fill gauge-${level}`, x: 0, y, width: pct(Math.max(at, 0.02)), height: barHeight, rx: 6 }),
    [0.25, 0.5, 0.75].map((x) => s('line', { class: 'gauge-tick', x1: pct(x), x2: pct(x), y1: y, y2: y + barHeight })),
    average === null ? null : s('circle', { class: 'gauge-marker', cx: pct(at), cy: y + barHeight / 2, r: 8 }),
    ticks,
  );
}

/** How many ratings of each, 1 to 5. */
export type RatingCounts = Record<1 | 2 | 3 | 4 | 5, number>;

/** Columns 1-5: how many ratings of each. */
export function ratingColumns(distribution: RatingCounts, summary: string): SVGSVGElement {
  const height = 78;
  const top = 16;
  const columnHeight = 38;
  const stars = [1, 2, 3, 4, 5] as const;
  const max = Math.max(1, ...stars.map((n) => distribution[n] || 0));
  const columns = stars.map((n) => {
    const count = distribution[n] || 0;
    const columnH = count ? Math.max(3, (count / max) * columnHeight) : 0;
    const center = pct((n - 0.5) / 5);
    return s(
      'g',
      null,
      s('rect', { class: 'column-track', x: pct((n - 1) / 5 + 0.04), y: top, width: pct(0.12), height: columnHeight, rx: 3 }),
      count ? s('rect', { class: `column column-${n}`, x: pct((n - 1) / 5 + 0.04), y: top + columnHeight - columnH, width: pct(0.12), height: columnH, rx: 3 }) : null,
      s('text', { class: 'column-count', x: center, y: top - 4, 'text-anchor': 'middle' }, String(count)),
      s('text', { class: 'tick', x: center, y: top + columnHeight + 16, 'text-anchor': 'middle' }, `${n}★`),
    );
  });
  return chart('chart-columns', height, summary, columns);
}

/**
 * Shortens every text[data-fit] in the element until it fits its chart (with an ellipsis; the full text
 * stays in the row's title). Call once the chart is in the document, and again on resize.
 */
export function fitLabels(root: Element): void {
  for (const text of root.querySelectorAll<SVGTextElement>('text[data-fit]')) {
    const svg = text.ownerSVGElement;
    if (!svg) continue;
    const full = text.getAttribute('data-full') || text.textContent || '';
    text.setAttribute('data-full', full);
    text.textContent = full;
    const room = svg.getBoundingClientRect().width - 8;
    if (room <= 0) continue;
    let cut = full.length;
    while (cut > 4 && text.getComputedTextLength() > room) {
      cut -= 2;
      text.textContent = `${full.slice(0, cut).trimEnd()}…`;
    }
  }
}
