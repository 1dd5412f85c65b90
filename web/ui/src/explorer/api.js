// api.js: the explorer's only way to the data, the public GraphQL API
// (schema/schema.graphql). Every query the page sends is in this file.

/** The GraphQL endpoint: /graphql on this origin, or ?endpoint=/path. */
export function endpoint() {
  const p = new URLSearchParams(location.search).get('endpoint');
  if (p && p.startsWith('/') && !p.startsWith('//')) return p;
  return '/graphql';
}

export class APIError extends Error {
  constructor(message, code) {
    super(message);
    this.code = code;
  }
}

/** gql posts one query and returns its data, throwing on any GraphQL error. */
export async function gql(query, variables = {}, signal) {
  const res = await fetch(endpoint(), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
    signal,
  });
  let body;
  try {
    body = await res.json();
  } catch {
    throw new APIError(`${endpoint()}: HTTP ${res.status}: not a GraphQL response`, 'HTTP');
  }
  if (body.errors?.length) {
    const e = body.errors[0];
    throw new APIError(e.message, e.extensions?.code);
  }
  if (!res.ok) throw new APIError(`${endpoint()}: HTTP ${res.status}`, 'HTTP');
  return body.data;
}

export async function search(text, first = 10, signal) {
  const d = await gql(`query Search($text: String!, $first: Int) {
    search(text: $text, first: $first) { id kind name }
  }`, { text, first }, signal);
  return d.search;
}

export async function neighborhood(id, depth = 1, limit = 200) {
  const d = await gql(`query Neighborhood($id: ID!, $depth: Int, $limit: Int) {
    neighborhood(id: $id, depth: $depth, limit: $limit) {
      nodes { id kind label }
      edges { id kind source target label date }
    }
  }`, { id, depth, limit });
  return d.neighborhood;
}

const sourceFields = `sentence articleId article { id url title source published lang }`;
const names3 = `en: name(lang: "en") ar: name(lang: "ar") fr: name(lang: "fr")`;

export async function official(id) {
  const d = await gql(`query Official($id: ID!) {
    official(id: $id) {
      id ${names3}
      names { text lang }
      aliases
      country { code ${names3} }
      roles {
        title portfolio from to
        ministry { id ${names3} }
        country { code ${names3} }
        sources { ${sourceFields} }
      }
      meetings(first: 100) { totalCount }
      agreements(first: 100) { totalCount }
      sources { ${sourceFields} }
    }
  }`, { id });
  return d.official;
}

const meetingFields = `
  id kind status date place cameo ploverType
  host { code ${names3} }
  countries { code ${names3} }
  participants { id ${names3} country { code } }
  topics
  agreements { id kind status subject date }
  sources { ${sourceFields} }`;

export async function meeting(id) {
  const d = await gql(`query Meeting($id: ID!) { meeting(id: $id) { ${meetingFields} } }`, { id });
  return d.meeting;
}

const agreementFields = `
  id kind status subject date cameo ploverType
  countries { code ${names3} }
  signatories { id ${names3} country { code } }
  meeting { id kind date place }
  topics
  sources { ${sourceFields} }`;

export async function agreement(id) {
  const d = await gql(`query Agreement($id: ID!) { agreement(id: $id) { ${agreementFields} } }`, { id });
  return d.agreement;
}

export async function ministry(id) {
  const d = await gql(`query Ministry($id: ID!) {
    ministry(id: $id) {
      id ${names3} portfolio
      names { text lang }
      country { code ${names3} }
      officials(first: 100) { totalCount nodes { id ${names3} } }
      sources { ${sourceFields} }
    }
  }`, { id });
  return d.ministry;
}

export async function article(id) {
  const d = await gql(`query Article($id: ID!) {
    article(id: $id) {
      id url title source published lang
      officials { id ${names3} }
      meetings { id kind date }
      agreements { id kind subject date }
    }
  }`, { id });
  return d.article;
}

/**
 * country returns a country with its partners ranked by number of meetings:
 * every meeting the country took part in is read (pages of 500, at most
 * maxPages of them) and the other parties counted.
 */
export async function country(code, maxPages = 10) {
  const q = `query Country($code: String!, $after: String) {
    country(code: $code) {
      code org ${names3}
      names { text lang }
      ministries { id ${names3} }
      meetings(first: 500, after: $after) {
        totalCount
        pageInfo { hasNextPage endCursor }
        nodes { id date countries { code ${names3} } }
      }
      agreements(first: 1) { totalCount }
    }
  }`;
  let after = null;
  let c = null;
  const meetings = [];
  for (let i = 0; i < maxPages; i++) {
    const d = await gql(q, { code, after });
    if (!d.country) return null;
    c ??= d.country;
    meetings.push(...d.country.meetings.nodes);
    if (!d.country.meetings.pageInfo.hasNextPage) break;
    after = d.country.meetings.pageInfo.endCursor;
  }
  const partners = new Map();
  for (const m of meetings) {
    for (const p of m.countries) {
      if (p.code === c.code) continue;
      const e = partners.get(p.code) ?? { country: p, count: 0, last: '' };
      e.count++;
      if ((m.date ?? '') > e.last) e.last = m.date;
      partners.set(p.code, e);
    }
  }
  c.partners = [...partners.values()].sort((a, b) => b.count - a.count || a.country.code.localeCompare(b.country.code));
  c.meetingsRead = meetings.length;
  return c;
}

/** countries returns every country's names in the three languages. */
export async function countries() {
  const d = await gql(`{ countries { code org ${names3} } }`);
  return d.countries;
}

/**
 * batch runs one aliased query per chunk of ids: `field(id: $iN) { fields }`,
 * so that details for hundreds of nodes cost a few requests, not hundreds.
 * It returns a Map id → result (null results are left out).
 */
export async function batch(field, argName, argType, ids, fields, chunk = 40) {
  const out = new Map();
  for (let i = 0; i < ids.length; i += chunk) {
    const part = ids.slice(i, i + chunk);
    const vars = {};
    const decl = part.map((id, j) => { vars[`i${j}`] = id; return `$i${j}: ${argType}`; }).join(', ');
    const sel = part.map((_, j) => `a${j}: ${field}(${argName}: $i${j}) { ${fields} }`).join('\n');
    const d = await gql(`query Batch(${decl}) {\n${sel}\n}`, vars);
    part.forEach((id, j) => { if (d[`a${j}`]) out.set(id, d[`a${j}`]); });
  }
  return out;
}

/** eventDetails fetches kind, date, countries and topics of meetings and agreements. */
export async function eventDetails(meetingIds, agreementIds) {
  const f = `id kind status date topics countries { code }`;
  const [m, a] = await Promise.all([
    meetingIds.length ? batch('meeting', 'id', 'ID!', meetingIds, f) : new Map(),
    agreementIds.length ? batch('agreement', 'id', 'ID!', agreementIds, f + ' subject') : new Map(),
  ]);
  return { meetings: m, agreements: a };
}

const ARABIC = /[\u0600-\u06FF]/;

/**
 * displayNames picks one name per language from name(lang) and every form
 * seen. An Arabic article may quote a name in Latin letters, so for Arabic
 * the fullest form written in Arabic script wins over a Latin one.
 */
export function displayNames(x) {
  const out = { en: x.en, ar: x.ar, fr: x.fr };
  if (!ARABIC.test(out.ar ?? '')) {
    const forms = (x.names ?? []).map((n) => n.text).filter((t) => ARABIC.test(t));
    if (forms.length) out.ar = forms.sort((a, b) => b.length - a.length)[0];
  }
  return out;
}

/** names fetches the three-language names of officials and ministries. */
export async function names(officialIds, ministryIds) {
  const f = `${names3} names { text lang }`;
  const [o, m] = await Promise.all([
    officialIds.length ? batch('official', 'id', 'ID!', officialIds, f) : new Map(),
    ministryIds.length ? batch('ministry', 'id', 'ID!', ministryIds, f) : new Map(),
  ]);
  return new Map([...o, ...m].map(([id, x]) => [id, displayNames(x)]));
}

/**
 * overview reads what the page needs before anything is selected: country
 * names in the three languages and the dates of the first pages of meetings
 * and agreements, which set the date slider's initial span.
 */
export async function overview() {
  const d = await gql(`{
    countries { code org ${names3} }
    meetings(first: 500) { totalCount nodes { date } }
    agreements(first: 500) { totalCount nodes { date } }
  }`);
  const dates = [...d.meetings.nodes, ...d.agreements.nodes].map((n) => n.date).filter(Boolean).sort();
  return { countries: d.countries, first: dates[0] ?? '', last: dates[dates.length - 1] ?? '', meetings: d.meetings.totalCount, agreements: d.agreements.totalCount };
}
