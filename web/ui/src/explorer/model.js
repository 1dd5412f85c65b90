// model.js: what the explorer has loaded, independent of drawing.
//
// The API's Subgraph gives one edge per pair of endpoints of an event, every
// pair carrying the event's id. The model keeps those raw edges, knows each
// event (meeting or agreement) once, and aggregates the events between two
// nodes into one drawn edge whose thickness is their count. Filters decide
// which events count; a node is shown when it can be reached from an
// expanded node through shown edges, so filters apply to expansion too.
import { dateBounds, KINDS } from './util.js';

const MEETING_KINDS = new Set(KINDS.meeting);

export const EVENT_TYPES = new Set(['meeting', 'agreement']);

export class Model {
  constructor() {
    this.clear();
    this.filters = { from: '', to: '', undated: true, off: new Set(), country: '', topic: '' };
  }

  clear() {
    this.nodes = new Map(); // id → {id, kind, label, names?: {en, ar, fr}}
    this.raw = new Map(); // id|source|target → raw edge
    this.events = new Map(); // event id → {id, type, kind?, date, topics?, countries?, status?, subject?, pairs: Set(aggKey), label}
    this.agg = new Map(); // aggKey → {id, type, source, target, events: Set}
    this.structural = new Map(); // key → {id, kind, source, target, ids:Set, label}
    this.anchors = []; // expanded node ids, in order
  }

  /** add merges a Subgraph; it returns the ids of nodes that were new. */
  add(sub) {
    const added = [];
    for (const n of sub.nodes) {
      const old = this.nodes.get(n.id);
      if (old) {
        old.label ||= n.label;
        continue;
      }
      this.nodes.set(n.id, { id: n.id, kind: n.kind, label: n.label || n.id });
      added.push(n.id);
    }
    for (const e of sub.edges) {
      if (!this.nodes.has(e.source) || !this.nodes.has(e.target) || e.source === e.target) continue;
      const rk = `${e.id}|${e.source}|${e.target}`;
      if (this.raw.has(rk)) continue;
      this.raw.set(rk, e);
      const [a, b] = e.source < e.target ? [e.source, e.target] : [e.target, e.source];
      if (EVENT_TYPES.has(e.kind)) {
        const key = `agg|${e.kind}|${a}|${b}`;
        let g = this.agg.get(key);
        if (!g) this.agg.set(key, (g = { id: key, type: e.kind, source: a, target: b, events: new Set() }));
        g.events.add(e.id);
        let ev = this.events.get(e.id);
        if (!ev) this.events.set(e.id, (ev = { id: e.id, type: e.kind, date: e.date || '', label: e.label || '', pairs: new Set() }));
        ev.date ||= e.date || '';
        // A meeting edge's label is its kind (visit, call…): the kind
        // filter works before the event's details arrive.
        if (!ev.kind && e.kind === 'meeting' && MEETING_KINDS.has(e.label)) ev.kind = e.label;
        ev.pairs.add(key);
      } else {
        const key = `str|${e.kind}|${e.source}|${e.target}`;
        let s = this.structural.get(key);
        if (!s) this.structural.set(key, (s = { id: key, kind: e.kind, source: e.source, target: e.target, ids: new Set(), label: e.label || '', date: e.date || '' }));
        s.ids.add(e.id);
      }
    }
    return added;
  }

  anchor(id) {
    if (!this.anchors.includes(id)) this.anchors.push(id);
  }

  /** setDetails records an event's kind, topics and countries once fetched. */
  setDetails(id, d) {
    const ev = this.events.get(id);
    if (!ev) return;
    ev.detailed = true;
    ev.kind = d.kind;
    ev.status = d.status;
    ev.date = d.date || ev.date;
    ev.topics = d.topics ?? [];
    ev.countries = (d.countries ?? []).map((c) => c.code);
    if (d.subject) ev.subject = d.subject;
  }

  /** eventPasses applies the filters to one event. */
  eventPasses(ev) {
    const f = this.filters;
    if (f.off.has(ev.type)) return false;
    if (ev.kind && f.off.has(ev.kind)) return false;
    if (f.from || f.to) {
      if (!ev.date) {
        if (!f.undated) return false;
      } else {
        const [lo, hi] = dateBounds(ev.date);
        if (f.from && hi < f.from) return false;
        if (f.to && lo > f.to) return false;
      }
    }
    if (f.country && ev.countries && !ev.countries.includes(f.country)) return false;
    if (f.topic && !(ev.topics ?? []).includes(f.topic)) return false;
    return true;
  }

  /**
   * visibility computes what to draw: the count of passing events per
   * aggregated edge, and the set of nodes reachable from the anchors.
   */
  visibility() {
    const counts = new Map();
    const adj = new Map();
    const link = (a, b) => {
      if (!adj.has(a)) adj.set(a, []);
      if (!adj.has(b)) adj.set(b, []);
      adj.get(a).push(b);
      adj.get(b).push(a);
    };
    for (const g of this.agg.values()) {
      let c = 0;
      for (const id of g.events) if (this.eventPasses(this.events.get(id))) c++;
      counts.set(g.id, c);
      if (c > 0) link(g.source, g.target);
    }
    for (const s of this.structural.values()) link(s.source, s.target);
    const nodes = new Set();
    const queue = this.anchors.filter((id) => this.nodes.has(id));
    for (const id of queue) nodes.add(id);
    while (queue.length) {
      const id = queue.pop();
      for (const n of adj.get(id) ?? []) {
        if (!nodes.has(n)) {
          nodes.add(n);
          queue.push(n);
        }
      }
    }
    return { counts, nodes };
  }

  /** eventsOf lists the events on edges incident to a node. */
  eventsOf(nodeId) {
    const out = new Set();
    for (const g of this.agg.values()) {
      if (g.source === nodeId || g.target === nodeId) for (const id of g.events) out.add(id);
    }
    return [...out].map((id) => this.events.get(id));
  }

  /** span returns the first and last dates of the loaded events. */
  span() {
    let lo = '';
    let hi = '';
    for (const ev of this.events.values()) {
      if (!ev.date) continue;
      const [a, b] = dateBounds(ev.date);
      if (!lo || a < lo) lo = a;
      if (!hi || b > hi) hi = b;
    }
    return [lo, hi];
  }
}
