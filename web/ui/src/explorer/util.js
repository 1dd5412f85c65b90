// util.js: small DOM and date helpers shared by the explorer's modules.

/**
 * h builds an element: h('a', {href, class: 'ref', onclick}, 'text', child…).
 * Text is always set as text, never parsed as HTML: article sentences and
 * names come from news text and must not be able to inject markup.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v == null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'style' && typeof v === 'object') Object.assign(el.style, v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c == null || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function debounce(fn, ms) {
  let t;
  return (...args) => {
    clearTimeout(t);
    t = setTimeout(() => fn(...args), ms);
  };
}

const DAY = 86400000;

/** dayIndex turns YYYY[-MM[-DD]] into days since 1970-01-01 (first day of a partial date). */
export function dayIndex(iso) {
  const [y, m = '01', d = '01'] = iso.split('-');
  return Math.floor(Date.UTC(+y, +m - 1, +d) / DAY);
}

export function isoDay(index) {
  return new Date(index * DAY).toISOString().slice(0, 10);
}

/** dateBounds returns the first and last day a partial ISO date covers. */
export function dateBounds(iso) {
  const p = iso.split('-');
  if (p.length === 1) return [`${p[0]}-01-01`, `${p[0]}-12-31`];
  if (p.length === 2) {
    const last = new Date(Date.UTC(+p[0], +p[1], 0)).getUTCDate();
    return [`${p[0]}-${p[1]}-01`, `${p[0]}-${p[1]}-${String(last).padStart(2, '0')}`];
  }
  return [iso, iso];
}

export function download(name, blob) {
  const a = h('a', { href: URL.createObjectURL(blob), download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 5000);
}

/** The fixed vocabulary of event kinds (graph/model.go). */
export const KINDS = {
  meeting: ['visit', 'meeting', 'call', 'summit'],
  agreement: ['agreement', 'mou', 'treaty', 'joint-statement', 'commitment'],
};

export const KIND_LABEL = {
  visit: 'Visit', meeting: 'Meeting', call: 'Call', summit: 'Summit',
  agreement: 'Agreement', mou: 'MoU', treaty: 'Treaty', 'joint-statement': 'Joint statement', commitment: 'Commitment',
};

export const LANG_NAME = { en: 'English', ar: 'العربية', fr: 'Français' };
