// timeline.js: the selected node's events on a time axis. Each event is a
// button; clicking it selects the event in the graph.
import { h, dayIndex, isoDay, KIND_LABEL } from './util.js';

export function renderTimeline(el, titleEl, { title, events, selected, onPick }) {
  titleEl.textContent = title ? `Timeline · ${title}` : 'Timeline';
  const dated = events.filter((e) => e.date).sort((a, b) => a.date.localeCompare(b.date));
  const undated = events.length - dated.length;
  if (!dated.length) {
    el.replaceChildren(h('p', { class: 'note' }, title
      ? (events.length ? `${events.length} events, none dated.` : 'No meetings or agreements shown for the selection.')
      : 'Select a node to see its meetings and agreements in time.'));
    return;
  }
  let lo = dayIndex(dated[0].date);
  let hi = dayIndex(dated[dated.length - 1].date);
  const pad = Math.max(15, Math.round((hi - lo) * 0.04));
  lo -= pad;
  hi += pad;
  const x = (d) => (100 * (dayIndex(d) - lo)) / (hi - lo);
  const children = [h('div', { class: 'axis' })];
  // Ticks: years, or months when the span is short.
  const y0 = +isoDay(lo).slice(0, 4);
  const y1 = +isoDay(hi).slice(0, 4);
  if (y1 - y0 >= 1) {
    const step = Math.ceil((y1 - y0 + 1) / 10);
    for (let y = y0 + 1; y <= y1; y += step) children.push(h('span', { class: 'tick', style: { left: `${x(`${y}-01-01`)}%` } }, String(y)));
  } else {
    for (let d = lo; d <= hi; d += 1) {
      const iso = isoDay(d);
      if (iso.endsWith('-01')) children.push(h('span', { class: 'tick', style: { left: `${x(iso)}%` } }, iso.slice(0, 7)));
    }
  }
  // Events close in time go to other lanes so that each stays clickable.
  const lastInLane = [-Infinity, -Infinity, -Infinity];
  const width = el.clientWidth || 800;
  for (const e of dated) {
    const px = (x(e.date) / 100) * width;
    let lane = lastInLane.findIndex((p) => px - p >= 16);
    if (lane < 0) lane = 0;
    lastInLane[lane] = px;
    const label = `${e.date} · ${KIND_LABEL[e.kind] ?? e.type}${e.subject ? `: ${e.subject}` : ''}${e.label ? ` · ${e.label}` : ''}`;
    children.push(h('button', {
      type: 'button',
      class: `ev ${e.type} lane${lane}${e.id === selected ? ' selected' : ''}`,
      style: { left: `${x(e.date)}%` },
      title: label,
      'aria-label': label,
      'data-event': e.id,
      'data-date': e.date,
      onclick: () => onPick(e),
    }));
  }
  if (undated) children.push(h('span', { class: 'note', style: { position: 'absolute', right: 0, top: '52px' } }, `+ ${undated} undated`));
  el.replaceChildren(...children);
}
