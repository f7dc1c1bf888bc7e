/** Browser code (ES module `/simulator/page/dom.js`), shipped as a string: small DOM helpers. */
export const domJs = String.raw`
/** h('p', { class: 'x', text: 'hi', attrs: { 'aria-label': 'y' }, on: { click: fn } }, child, ...) */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  const p = props || {};
  if (p.class) el.className = p.class;
  if (p.text !== undefined && p.text !== null) el.textContent = String(p.text);
  if (p.attrs) {
    for (const [name, value] of Object.entries(p.attrs)) {
      if (value === false || value === undefined || value === null) continue;
      el.setAttribute(name, value === true ? '' : String(value));
    }
  }
  if (p.props) Object.assign(el, p.props);
  if (p.on) for (const [name, fn] of Object.entries(p.on)) el.addEventListener(name, fn);
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function $(id) {
  const el = document.getElementById(id);
  if (!el) throw new Error('missing #' + id);
  return el;
}

/**
 * Replaces a container's children, keeping keyboard focus on the element with the same
 * data-focus-key (and the value of selects with data-keep-value), so live updates never steal focus.
 */
export function replaceChildren(container, children) {
  const active = document.activeElement;
  const focusKey = active && container.contains(active) ? active.getAttribute('data-focus-key') : null;
  const kept = new Map();
  for (const select of container.querySelectorAll('[data-keep-value]')) kept.set(select.getAttribute('data-keep-value'), select.value);
  container.replaceChildren(...children);
  for (const select of container.querySelectorAll('[data-keep-value]')) {
    const value = kept.get(select.getAttribute('data-keep-value'));
    if (value !== undefined && [...select.options].some((o) => o.value === value && !o.disabled)) select.value = value;
  }
  if (focusKey) {
    const again = container.querySelector('[data-focus-key="' + CSS.escape(focusKey) + '"]');
    if (again) again.focus();
  }
}

export function clockTime(iso) {
  const d = new Date(iso);
  return d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** "45 s", "3 min 05 s", "1 h 02 min" since an ISO time. */
export function waited(iso, now) {
  const s = Math.max(0, Math.floor(((now || Date.now()) - new Date(iso).getTime()) / 1000));
  if (s < 60) return s + ' s';
  const m = Math.floor(s / 60);
  if (m < 60) return m + ' min ' + String(s % 60).padStart(2, '0') + ' s';
  return Math.floor(m / 60) + ' h ' + String(m % 60).padStart(2, '0') + ' min';
}

/** Keeps every [data-since] element's text up to date, once a second. */
export function startSinceTicker() {
  setInterval(() => {
    const now = Date.now();
    for (const el of document.querySelectorAll('[data-since]')) el.textContent = waited(el.getAttribute('data-since'), now);
  }, 1000);
}

/** A state badge: the word, and a dot whose colour repeats it. */
export function badge(word, kind) {
  return h('span', { class: 'badge badge-' + (kind || String(word).toLowerCase()) }, h('span', { class: 'dot', attrs: { 'aria-hidden': 'true' } }), word);
}

let toastTimer;
export function toast(message) {
  const el = $('toast');
  el.textContent = message;
  el.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { el.hidden = true; }, 6000);
}
`;
