// view.js: drawing the model with cytoscape.
import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';

cytoscape.use(fcose);

const css = (name) => getComputedStyle(document.documentElement).getPropertyValue(name).trim();

// Above this many nodes the view stops animating, hides labels until zoomed
// in, and draws a cached texture while panning or zooming.
export const LARGE = 800;
// Above this many nodes fcose (even in draft quality) costs seconds, so the
// layout is concentric rings by distance from the focus instead.
export const HUGE = 3000;

function style() {
  const c = { country: css('--country'), ministry: css('--ministry'), official: css('--official'), other: css('--other') };
  return [
    {
      selector: 'node',
      style: {
        label: 'data(label)', 'font-size': 11, 'font-family': css('--font'), color: '#1c2430',
        'text-valign': 'bottom', 'text-margin-y': 3, 'text-wrap': 'ellipsis', 'text-max-width': 190,
        'text-outline-color': '#fff', 'text-outline-width': 2, 'min-zoomed-font-size': 7,
        'background-color': c.other, width: 'data(size)', height: 'data(size)', 'border-width': 1.5, 'border-color': '#fff',
      },
    },
    { selector: 'node[kind = "country"]', style: { shape: 'round-rectangle', 'background-color': c.country, 'font-weight': 600 } },
    { selector: 'node[kind = "ministry"]', style: { shape: 'diamond', 'background-color': c.ministry } },
    { selector: 'node[kind = "official"]', style: { shape: 'ellipse', 'background-color': c.official } },
    { selector: 'node.anchor', style: { 'border-color': '#17202c', 'border-width': 2.5 } },
    {
      selector: 'edge',
      style: {
        width: 'data(width)', 'curve-style': 'haystack', 'haystack-radius': 0, opacity: 0.75,
        'line-color': css('--role'), 'font-size': 10, 'text-rotation': 'autorotate', 'min-zoomed-font-size': 8,
      },
    },
    { selector: 'edge.meeting, edge.agreement', style: { 'curve-style': 'bezier', 'control-point-step-size': 14 } },
    { selector: 'edge.meeting', style: { 'line-color': css('--meeting'), label: 'data(countLabel)', color: css('--meeting'), 'text-background-color': '#fff', 'text-background-opacity': 0.85 } },
    { selector: 'edge.agreement', style: { 'line-color': css('--agreement'), label: 'data(countLabel)', color: css('--agreement'), 'text-background-color': '#fff', 'text-background-opacity': 0.85 } },
    { selector: 'edge.structural', style: { 'line-style': 'dashed', 'line-dash-pattern': [4, 3], width: 1, 'curve-style': 'straight', opacity: 0.6 } },
    // Past LARGE nodes, edges are drawn as cheap straight haystack lines,
    // thinner and fainter so that the structure shows through.
    { selector: 'edge.meeting.fast, edge.agreement.fast', style: { 'curve-style': 'haystack', label: '', opacity: 0.3, width: 'mapData(count, 1, 10, 0.8, 4)' } },
    { selector: 'edge.structural.fast', style: { 'line-style': 'solid', 'curve-style': 'haystack', opacity: 0.25 } },
    // Labels cost the most to draw: in big views they appear only once zoomed in.
    { selector: 'node.many', style: { 'min-zoomed-font-size': 16, 'border-width': 0 } },
    { selector: '.hidden', style: { display: 'none' } },
    { selector: '.faded', style: { opacity: 0.12, 'text-opacity': 0 } },
    { selector: 'node:selected', style: { 'border-color': css('--accent'), 'border-width': 4, 'z-index': 10 } },
    { selector: 'edge:selected', style: { 'line-color': css('--accent'), opacity: 1, 'z-index': 10 } },
  ];
}

export class View {
  constructor(container, model) {
    this.model = model;
    this.cy = cytoscape({
      container,
      style: style(),
      minZoom: 0.05,
      maxZoom: 4,
      wheelSensitivity: 0.3,
      boxSelectionEnabled: false,
      selectionType: 'single',
      pixelRatio: 'auto',
      // ?renderer=webgl draws with cytoscape's WebGL renderer (faster on a GPU).
      renderer: { name: 'canvas', webgl: new URLSearchParams(location.search).get('renderer') === 'webgl' },
    });
    this.layoutRunning = null;
    this.timings = {}; // milliseconds of the last sync and layout, for the tests
  }

  /** sync adds the model's new elements and applies visibility. */
  sync(newNodes = [], around = null) {
    const t0 = performance.now();
    const { cy, model } = this;
    const vis = model.visibility();
    const large = vis.nodes.size > LARGE;
    // Everything is computed first, so that new elements are created in
    // their final state and old ones are touched only when they change:
    // each data or class change costs a style pass in cytoscape.
    const weight = new Map();
    const edgeState = new Map();
    for (const g of model.agg.values()) {
      const c = vis.counts.get(g.id) ?? 0;
      const show = c > 0 && vis.nodes.has(g.source) && vis.nodes.has(g.target);
      edgeState.set(g.id, { show, c });
      if (show) {
        weight.set(g.source, (weight.get(g.source) ?? 0) + c);
        weight.set(g.target, (weight.get(g.target) ?? 0) + c);
      }
    }
    // Big views get small nodes, so that the shape of the graph shows.
    const scale = large ? 0.3 : 1;
    const sizeOf = (kind, id) => {
      const base = kind === 'country' ? 30 : kind === 'ministry' ? 24 : 20;
      return scale * (base + Math.min(26, 5 * Math.log2(1 + (weight.get(id) ?? 0))));
    };
    const edgeData = (c) => ({ count: c, width: Math.min(12, 1.5 + 2 * Math.log2(c + 1)), countLabel: c > 1 ? String(c) : '' });
    const cls = (names) => names.filter(Boolean).join(' ');
    const setClass = (el, name, on) => { if (el.hasClass(name) !== on) el.toggleClass(name, on); };
    cy.batch(() => {
      const center = around && cy.getElementById(around).nonempty() ? cy.getElementById(around).position() : null;
      const fresh = [];
      let i = 0;
      for (const id of newNodes) {
        const n = model.nodes.get(id);
        if (!n || cy.getElementById(id).nonempty()) continue;
        // New nodes start on a ring around the node they were expanded from,
        // so an incremental layout starts from a sensible place.
        const a = (2 * Math.PI * i++) / Math.max(1, newNodes.length);
        const r = 60 + 6 * Math.sqrt(newNodes.length);
        const position = center ? { x: center.x + r * Math.cos(a), y: center.y + r * Math.sin(a) } : { x: 0, y: 0 };
        fresh.push({
          group: 'nodes', position,
          data: { id, kind: n.kind, label: this.labelOf(n), size: sizeOf(n.kind, id) },
          classes: cls([!vis.nodes.has(id) && 'hidden', model.anchors.includes(id) && 'anchor', large && 'many']),
        });
      }
      for (const g of model.agg.values()) {
        if (cy.getElementById(g.id).nonempty()) continue;
        const st = edgeState.get(g.id);
        fresh.push({ group: 'edges', data: { id: g.id, source: g.source, target: g.target, ...edgeData(st.c) }, classes: cls([g.type, !st.show && 'hidden', large && 'fast']) });
      }
      for (const s of model.structural.values()) {
        if (cy.getElementById(s.id).nonempty()) continue;
        const show = vis.nodes.has(s.source) && vis.nodes.has(s.target);
        fresh.push({ group: 'edges', data: { id: s.id, source: s.source, target: s.target, width: 1, kind: s.kind }, classes: cls(['structural', s.kind, !show && 'hidden', large && 'fast']) });
      }
      const added = fresh.length ? cy.add(fresh) : cy.collection();

      for (const g of model.agg.values()) {
        const e = cy.getElementById(g.id);
        if (added.has(e)) continue;
        const st = edgeState.get(g.id);
        setClass(e, 'hidden', !st.show);
        setClass(e, 'fast', large);
        if (st.show && e.data('count') !== st.c) e.data(edgeData(st.c));
      }
      for (const s of model.structural.values()) {
        const e = cy.getElementById(s.id);
        if (added.has(e)) continue;
        setClass(e, 'hidden', !(vis.nodes.has(s.source) && vis.nodes.has(s.target)));
        setClass(e, 'fast', large);
      }
      cy.nodes().forEach((n) => {
        if (added.has(n)) return;
        const id = n.id();
        setClass(n, 'hidden', !vis.nodes.has(id));
        setClass(n, 'anchor', model.anchors.includes(id));
        setClass(n, 'many', large);
        const size = sizeOf(n.data('kind'), id);
        if (n.data('size') !== size) n.data('size', size);
      });
    });
    // Cached textures while the user pans or zooms keep thousands of
    // elements smooth; past HUGE the edges are hidden while moving.
    const r = cy.renderer();
    r.textureOnViewport = large;
    r.hideEdgesOnViewport = vis.nodes.size > HUGE;
    this.timings.sync = performance.now() - t0;
    return vis;
  }

  labelOf(n) {
    const lang = this.lang ?? 'en';
    const name = n.names?.[lang] || n.label;
    // Every country has a "Ministry of Interior": say whose.
    const c = n.kind === 'ministry' && this.countryOf?.(n.id, lang);
    return c && !name.includes(c) ? `${name} · ${c}` : name;
  }

  relabel(lang) {
    this.lang = lang;
    this.cy.batch(() => {
      this.cy.nodes().forEach((el) => {
        const n = this.model.nodes.get(el.id());
        const l = n && this.labelOf(n);
        if (l && el.data('label') !== l) el.data('label', l);
      });
    });
  }

  /**
   * layout arranges the visible graph. Small graphs get fcose with animation;
   * large ones fcose in draft quality without animation; huge ones concentric
   * rings around the focus. incremental keeps the current positions as start.
   */
  layout({ incremental = false, focus = null } = {}) {
    const eles = this.cy.elements(':visible');
    const n = eles.nodes().length;
    if (n === 0) return Promise.resolve();
    this.layoutRunning?.stop();
    let opts;
    if (n > HUGE) {
      const root = focus && this.cy.getElementById(focus).nonempty() ? this.cy.getElementById(focus) : eles.nodes().max((x) => x.degree()).ele;
      const depth = new Map();
      eles.bfs({ roots: root, visit: (v, e, u, i, d) => { depth.set(v.id(), d); } });
      opts = { name: 'concentric', animate: false, concentric: (v) => 100 - (depth.get(v.id()) ?? 99), levelWidth: () => 1, minNodeSpacing: 4 };
    } else {
      opts = {
        name: 'fcose',
        quality: n > LARGE ? 'draft' : 'default',
        randomize: !incremental,
        animate: n <= 200,
        animationDuration: 400,
        fit: true,
        padding: 30,
        nodeDimensionsIncludeLabels: n <= LARGE,
        nodeRepulsion: () => 6000,
        idealEdgeLength: () => 70,
        numIter: n > LARGE ? 600 : 2500,
        // The draft (spectral) layout packs a big graph tightly; spread it.
        nodeSeparation: n > LARGE ? 150 : 75,
        packComponents: true,
      };
    }
    this.lastLayout = opts.name + (opts.quality ? ` (${opts.quality})` : '');
    const l = eles.layout(opts);
    this.layoutRunning = l;
    const done = new Promise((resolve) => l.one('layoutstop', resolve));
    const t0 = performance.now();
    l.run();
    this.timings.layoutRun = performance.now() - t0; // synchronous part: all of it without animation
    return done.then(() => {
      if (this.layoutRunning === l) this.layoutRunning = null;
      // A handful of nodes fitted to the screen would be drawn huge.
      if (this.cy.zoom() > 1.5) this.cy.zoom({ level: 1.5, renderedPosition: { x: this.cy.width() / 2, y: this.cy.height() / 2 } });
    });
  }

  center(id, zoom = true) {
    const el = this.cy.getElementById(id);
    if (el.empty()) return;
    const hood = el.closedNeighborhood(':visible');
    if (zoom && hood.length > 1) this.cy.animate({ fit: { eles: hood, padding: 60 } }, { duration: 300 });
    else this.cy.animate({ center: { eles: el } }, { duration: 300 });
  }

  /** focus fades everything but a node's neighbourhood and fits it. */
  focus(id) {
    const el = this.cy.getElementById(id);
    this.cy.elements().removeClass('faded');
    if (el.empty()) return;
    const hood = el.closedNeighborhood();
    this.cy.batch(() => this.cy.elements().not(hood).addClass('faded'));
    this.cy.animate({ fit: { eles: hood.filter(':visible'), padding: 50 } }, { duration: 300 });
  }

  unfocus() {
    this.cy.elements().removeClass('faded');
  }
}
