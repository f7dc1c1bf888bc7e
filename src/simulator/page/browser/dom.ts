/** Small DOM helpers: element building, focus-keeping updates, times and the toast. */

/** What h() and s() take as children: nodes, text, nothing, or lists of those. */
export type Child = Node | string | number | null | undefined | false | readonly Child[];

export interface Props {
  class?: string;
  text?: string | number | null;
  /** `false`, `null` and `undefined` leave the attribute out; `true` sets it empty. */
  attrs?: Record<string, string | number | boolean | null | undefined>;
  on?: { [K in keyof HTMLElementEventMap]?: (event: HTMLElementEventMap[K]) => void };
}

/** Appends children, flattened, skipping the empty ones; text becomes text nodes (never HTML). */
export function appendChildren(el: Element, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (typeof child === 'string' || typeof child === 'number') el.append(document.createTextNode(String(child)));
    else if (child instanceof Node) el.append(child);
    else appendChildren(el, child);
  }
}

/** h('p', { class: 'x', text: 'hi', attrs: { 'aria-label': 'y' }, on: { click: fn } }, child, ...) */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props?: Props | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  const p = props ?? {};
  if (p.class) el.className = p.class;
  if (p.text !== undefined && p.text !== null) el.textContent = String(p.text);
  for (const [name, value] of Object.entries(p.attrs ?? {})) {
    if (value === false || value === undefined || value === null) continue;
    el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const [name, fn] of Object.entries(p.on ?? {})) el.addEventListener(name, fn as EventListener);
  appendChildren(el, children);
  return el;
}

/** The element with this id; it is in index.html, so its absence is a bug worth an error. */
export function $<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`missing #${id}`);
  return el as T;
}

/**
 * Replaces a container's children, keeping keyboard focus on the element with the same
 * data-focus-key (and the value of selects with data-keep-value), so live updates never steal focus.
 */
export function replaceChildren(container: Element, children: readonly Child[]): void {
  const active = document.activeElement;
  const focusKey = active && container.contains(active) ? active.getAttribute('data-focus-key') : null;
  const kept = new Map<string | null, string>();
  for (const select of container.querySelectorAll<HTMLSelectElement>('[data-keep-value]')) kept.set(select.getAttribute('data-keep-value'), select.value);
  container.replaceChildren();
  appendChildren(container, children);
  for (const select of container.querySelectorAll<HTMLSelectElement>('[data-keep-value]')) {
    const value = kept.get(select.getAttribute('data-keep-value'));
    if (value !== undefined && [...select.options].some((o) => o.value === value && !o.disabled)) select.value = value;
  }
  if (focusKey) {
    const again = container.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(focusKey)}"]`);
    if (again) again.focus();
  }
}

export function clockTime(iso: string): string {
  const d = new Date(iso);
  return d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** "45 s", "3 min 05 s", "1 h 02 min" since an ISO time. */
export function waited(iso: string, now?: number): string {
  const s = Math.max(0, Math.floor(((now || Date.now()) - new Date(iso).getTime()) / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

/** Keeps every [data-since] element's text up to date, once a second. */
export function startSinceTicker(): void {
  window.setInterval(() => {
    const now = Date.now();
    for (const el of document.querySelectorAll('[data-since]')) el.textContent = waited(el.getAttribute('data-since') ?? '', now);
  }, 1000);
}

/** A state badge: the word, and a dot whose colour repeats it. */
export function badge(word: string, kind?: string): HTMLSpanElement {
  return h('span', { class: `badge badge-${kind || word.toLowerCase()}` }, h('span', { class: 'dot', attrs: { 'aria-hidden': 'true' } }), word);
}

let toastTimer: number | undefined;
export function toast(message: string): void {
  const el = $('toast');
  el.textContent = message;
  el.hidden = false;
  window.clearTimeout(toastTimer);
  toastTimer = window.setTimeout(() => {
    el.hidden = true;
  }, 6000);
}
