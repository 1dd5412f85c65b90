// panel.js: the side panel, one renderer per kind of selection.
import * as api from './api.js';
import { h, KIND_LABEL, LANG_NAME } from './util.js';

/**
 * Panel shows details for the selection. Each show* call fetches what it
 * needs; a later call wins over an earlier one still in flight.
 */
export class Panel {
  constructor(el, actions) {
    this.el = el;
    this.actions = actions; // {selectNode(id), selectEvent(id), lang(), busy(promise)}
    this.seq = 0;
  }

  name(x) {
    const l = this.actions.lang();
    const n = x?.names ? api.displayNames(x) : x;
    return n?.[l] || x?.en || x?.code || x?.id || '';
  }

  async run(title, fetcher, render) {
    const seq = ++this.seq;
    this.el.replaceChildren(h('p', { class: 'hint' }, `Loading ${title}…`));
    try {
      const data = await this.actions.busy(fetcher());
      if (seq !== this.seq) return;
      if (!data) {
        this.el.replaceChildren(h('p', { class: 'hint' }, `No ${title} found: it may have been removed.`));
        return;
      }
      this.el.replaceChildren(...render(data).flat(Infinity).filter((x) => x != null && x !== false));
      this.el.dataset.kind = title;
      if (this.after) this.el.append(...this.after());
    } catch (err) {
      if (seq !== this.seq) return;
      this.el.replaceChildren(h('p', { class: 'hint' }, `Could not load the ${title}: ${err.message}`));
    }
  }

  /**
   * connections lists a node's neighbours in the view as buttons, strongest
   * tie first: the keyboard's way around the graph, which is a canvas.
   */
  connections(list) {
    if (!list.length) return [];
    return [h('div', { class: 'conn' },
      h('h3', {}, `Connections in the view (${list.length})`),
      h('ul', { class: 'connections' }, list.slice(0, 50).map((c) => h('li', {},
        h('span', { class: `sw ${c.kind}`, 'aria-hidden': 'true' }), ' ',
        h('button', { type: 'button', class: 'ref', dir: 'auto', 'data-id': c.id, onclick: () => this.actions.selectNode(c.id, c.kind) }, c.label),
        c.events ? ` · ${c.events} event${c.events > 1 ? 's' : ''}` : ''))),
      list.length > 50 ? h('p', { class: 'hint' }, `and ${list.length - 50} more`) : '')];
  }

  /** refreshAfter redraws the part added by after(), once the view changed. */
  refreshAfter() {
    if (!this.after || !this.el.dataset.kind) return;
    this.el.querySelectorAll('.conn').forEach((e) => e.remove());
    this.el.append(...this.after());
  }

  clear() {
    this.seq++;
    delete this.el.dataset.kind;
    this.el.replaceChildren(h('p', { class: 'hint' }, 'Select a node or an edge to see its details.'));
  }

  nodeRef(o, kind = 'official') {
    return h('button', { type: 'button', class: 'ref', 'data-id': o.id, onclick: () => this.actions.selectNode(o.id, kind) }, this.name(o));
  }

  countryRef(c) {
    return h('button', { type: 'button', class: 'ref', 'data-code': c.code, onclick: () => this.actions.selectCountry(c.code) }, this.name(c));
  }

  eventRef(e, type) {
    const head = [e.date, KIND_LABEL[e.kind] ?? e.kind].filter(Boolean).join(' · ');
    const tail = e.subject || e.place;
    // <bdi> keeps an Arabic subject from reordering the date and kind around it.
    return h('button', { type: 'button', class: 'ref', 'data-event': e.id, onclick: () => this.actions.selectEvent(e.id, type) },
      head || e.id, tail ? [' · ', h('bdi', {}, tail)] : '');
  }

  /** sources renders every source: the sentence verbatim, right-to-left when Arabic, and its article. */
  sources(list) {
    if (!list?.length) return [h('p', { class: 'hint' }, 'No source recorded.')];
    return list.map((s) => {
      const a = s.article;
      const lang = a?.lang;
      return h('figure', { class: 'source' },
        h('blockquote', { class: 'evidence', dir: 'auto', lang: lang || null }, s.sentence),
        h('figcaption', { class: 'meta' },
          a ? [
            a.url ? h('a', { href: a.url, target: '_blank', rel: 'noopener noreferrer', dir: 'auto', class: 'article-link' }, a.title || a.url)
                  : h('span', { dir: 'auto' }, a.title || a.id),
            ' — ', [a.source, a.published, lang && LANG_NAME[lang]].filter(Boolean).join(', '), ' ',
            h('button', { type: 'button', class: 'ref', onclick: () => this.showArticle(a.id) }, '(details)'),
          ] : `article ${s.articleId} (no longer loaded)`));
    });
  }

  showOfficial(id) {
    return this.run('official', () => api.official(id), (o) => {
      const byLang = new Map();
      for (const n of o.names) {
        if (!byLang.has(n.lang)) byLang.set(n.lang, []);
        if (!byLang.get(n.lang).includes(n.text)) byLang.get(n.lang).push(n.text);
      }
      const roles = [...o.roles].sort((a, b) => (a.from ?? '').localeCompare(b.from ?? ''));
      return [
        h('span', { class: 'kind official' }, 'Official'),
        h('h2', { class: 'title', dir: 'auto' }, this.name(o)),
        h('dl', {},
          h('dt', {}, 'Country'), h('dd', {}, this.countryRef(o.country)),
          h('dt', {}, 'Meetings'), h('dd', {}, String(o.meetings.totalCount)),
          h('dt', {}, 'Agreements'), h('dd', {}, String(o.agreements.totalCount))),
        h('h3', {}, 'Names'),
        h('table', { class: 'names' }, h('tbody', {},
          [...byLang].map(([lang, texts]) => h('tr', {}, h('td', {}, lang), h('td', { dir: 'auto', lang }, texts.join(' · ')))))),
        h('h3', {}, 'Roles over time'),
        roles.length ? h('ol', { class: 'roles' }, roles.map((r) => h('li', {},
          h('strong', {}, r.title),
          r.ministry ? [', ', this.nodeRef(r.ministry, 'ministry')] : '',
          ', ', this.countryRef(r.country),
          h('div', { class: 'meta' }, r.from || r.to ? `${r.from ?? '?'} → ${r.to ?? '?'}` : 'dates unknown'),
        ))) : h('p', { class: 'hint' }, 'No role recorded.'),
        h('h3', {}, 'Sources'),
        ...this.sources(o.sources),
      ];
    });
  }

  showMeeting(id) {
    return this.run('meeting', () => api.meeting(id), (m) => [
      h('span', { class: 'kind meeting' }, KIND_LABEL[m.kind] ?? m.kind),
      h('h2', { class: 'title', dir: 'auto' }, m.countries.map((c) => this.name(c)).join(' – ')),
      h('dl', {},
        h('dt', {}, 'Date'), h('dd', { class: 'date' }, m.date || 'unknown'),
        h('dt', {}, 'Status'), h('dd', {}, m.status),
        m.place && [h('dt', {}, 'Place'), h('dd', {}, m.place)],
        m.host && [h('dt', {}, 'Host'), h('dd', {}, this.countryRef(m.host))],
        h('dt', {}, 'Countries'), h('dd', {}, m.countries.map((c, i) => [i ? ', ' : '', this.countryRef(c)])),
        m.topics.length > 0 && [h('dt', {}, 'Topics'), h('dd', {}, m.topics.map((t) => h('span', { class: 'chip' }, t)))],
        m.cameo && [h('dt', {}, 'CAMEO'), h('dd', {}, `${m.cameo}${m.ploverType ? ` · PLOVER ${m.ploverType}` : ''}`)]),
      h('h3', {}, 'Participants'),
      h('ul', { class: 'participants' }, m.participants.map((p) => h('li', {}, this.nodeRef(p)))),
      m.agreements.length > 0 && [h('h3', {}, 'Agreements'), h('ul', {}, m.agreements.map((a) => h('li', {}, this.eventRef(a, 'agreement'))))],
      h('h3', {}, `Sources (${m.sources.length})`),
      ...this.sources(m.sources),
    ]);
  }

  showAgreement(id) {
    return this.run('agreement', () => api.agreement(id), (a) => [
      h('span', { class: 'kind agreement' }, KIND_LABEL[a.kind] ?? a.kind),
      h('h2', { class: 'title', dir: 'auto' }, a.subject || a.countries.map((c) => this.name(c)).join(' – ')),
      h('dl', {},
        h('dt', {}, 'Date'), h('dd', { class: 'date' }, a.date || 'unknown'),
        h('dt', {}, 'Status'), h('dd', {}, a.status),
        h('dt', {}, 'Parties'), h('dd', {}, a.countries.map((c, i) => [i ? ', ' : '', this.countryRef(c)])),
        a.topics.length > 0 && [h('dt', {}, 'Topics'), h('dd', {}, a.topics.map((t) => h('span', { class: 'chip' }, t)))],
        a.meeting && [h('dt', {}, 'At'), h('dd', {}, this.eventRef(a.meeting, 'meeting'))]),
      h('h3', {}, 'Signatories'),
      a.signatories.length ? h('ul', {}, a.signatories.map((p) => h('li', {}, this.nodeRef(p)))) : h('p', { class: 'hint' }, 'None named.'),
      h('h3', {}, `Sources (${a.sources.length})`),
      ...this.sources(a.sources),
    ]);
  }

  showMinistry(id) {
    return this.run('ministry', () => api.ministry(id), (m) => [
      h('span', { class: 'kind ministry' }, 'Ministry'),
      h('h2', { class: 'title', dir: 'auto' }, this.name(m)),
      h('dl', {},
        h('dt', {}, 'Country'), h('dd', {}, this.countryRef(m.country)),
        h('dt', {}, 'Portfolio'), h('dd', {}, m.portfolio)),
      h('h3', {}, 'Names'),
      h('table', { class: 'names' }, h('tbody', {}, ['en', 'ar', 'fr'].map((l) => h('tr', {}, h('td', {}, l), h('td', { dir: 'auto', lang: l }, m[l]))))),
      h('h3', {}, `Officials (${m.officials.totalCount})`),
      h('ul', {}, m.officials.nodes.map((o) => h('li', {}, this.nodeRef(o)))),
      h('h3', {}, 'Sources'),
      ...this.sources(m.sources),
    ]);
  }

  showCountry(code) {
    return this.run('country', () => api.country(code), (c) => {
      const max = c.partners[0]?.count ?? 1;
      return [
        h('span', { class: 'kind country' }, c.org ? 'Organisation' : 'Country'),
        h('h2', { class: 'title', dir: 'auto' }, this.name(c)),
        h('table', { class: 'names' }, h('tbody', {}, ['en', 'ar', 'fr'].map((l) => h('tr', {}, h('td', {}, l), h('td', { dir: 'auto', lang: l }, c[l]))))),
        h('dl', {},
          h('dt', {}, 'Code'), h('dd', {}, c.code),
          h('dt', {}, 'Meetings'), h('dd', {}, String(c.meetings.totalCount)),
          h('dt', {}, 'Agreements'), h('dd', {}, String(c.agreements.totalCount))),
        h('h3', {}, 'Partners by number of meetings'),
        c.partners.length ? h('ol', { class: 'partners' }, c.partners.map((p) => h('li', {},
          this.countryRef(p.country), ` ${p.count}`,
          h('span', { class: 'bar', style: { width: `${Math.max(4, (80 * p.count) / max)}px` }, 'aria-hidden': 'true' })))) : h('p', { class: 'hint' }, 'No meeting recorded.'),
        c.meetingsRead < c.meetings.totalCount && h('p', { class: 'hint' }, `Ranked over the first ${c.meetingsRead} meetings.`),
        c.ministries.length > 0 && [h('h3', {}, 'Ministries'), h('ul', {}, c.ministries.map((m) => h('li', {}, this.nodeRef(m, 'ministry'))))],
      ];
    });
  }

  showArticle(id) {
    this.after = null;
    return this.run('article', () => api.article(id), (a) => [
      h('span', { class: 'kind' }, 'Article'),
      h('h2', { class: 'title', dir: 'auto', lang: a.lang }, a.title || a.id),
      h('dl', {},
        a.source && [h('dt', {}, 'Source'), h('dd', {}, a.source)],
        a.published && [h('dt', {}, 'Published'), h('dd', {}, a.published)],
        h('dt', {}, 'Language'), h('dd', {}, LANG_NAME[a.lang] ?? a.lang),
        a.url && [h('dt', {}, 'Link'), h('dd', {}, h('a', { href: a.url, target: '_blank', rel: 'noopener noreferrer' }, a.url))]),
      h('h3', {}, 'Officials'), h('ul', {}, a.officials.map((o) => h('li', {}, this.nodeRef(o)))),
      h('h3', {}, 'Meetings'), h('ul', {}, a.meetings.map((m) => h('li', {}, this.eventRef(m, 'meeting')))),
      h('h3', {}, 'Agreements'), h('ul', {}, a.agreements.map((m) => h('li', {}, this.eventRef(m, 'agreement')))),
    ]);
  }

  /** showEdge lists the events an aggregated edge stands for. */
  showEdge(events, endpoints) {
    this.seq++;
    this.el.dataset.kind = 'edge';
    this.el.replaceChildren(
      h('span', { class: 'kind' }, `${events.length} events`),
      h('h2', { class: 'title', dir: 'auto' }, endpoints.join(' – ')),
      h('ul', { class: 'events' }, events.sort((a, b) => (a.date ?? '').localeCompare(b.date ?? ''))
        .map((e) => h('li', {}, h('span', { class: `kind ${e.type}` }, KIND_LABEL[e.kind] ?? e.type), ' ', this.eventRef(e, e.type)))),
    );
  }
}
