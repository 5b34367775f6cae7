/* selon analyst page.
 *
 * Every string shown here comes from articles, which anyone can write, so the
 * page never parses data as HTML: elements are built with createElement and
 * filled with textContent (see `el`), links only ever get http(s) URLs, and
 * the timeline and graph libraries get DOM nodes or canvas labels, not markup.
 */
(function () {
  'use strict';

  const state = { actor: null, event: null, cy: null, timeline: null, items: null, searchTimer: null };
  const $ = (id) => document.getElementById(id);
  const NODE_COLOURS = { PERSON: '#2563eb', ORG: '#d97706', GPE: '#059669', LOC: '#7c3aed', EVENT: '#6b7280' };
  const TYPE_COLOURS = {
    AGREE: '#16a34a', CONSULT: '#2563eb', SUPPORT: '#0891b2', CONCEDE: '#65a30d', COOPERATE: '#0d9488',
    AID: '#4f46e5', RETREAT: '#84cc16', REQUEST: '#a855f7', ACCUSE: '#f97316', REJECT: '#ea580c',
    THREATEN: '#dc2626', PROTEST: '#db2777', SANCTION: '#9333ea', MOBILIZE: '#b45309', COERCE: '#be123c',
    ASSAULT: '#7f1d1d',
  };
  const WORD = /^[a-z-]{1,32}$/;

  /* el('a', {className: 'x', onclick: f}, 'text', child) — text children become text nodes. */
  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === undefined || value === null) continue;
      if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else if (key === 'className') node.className = value;
      else if (key === 'dataset') Object.assign(node.dataset, value);
      else if (key === 'text') node.textContent = String(value);
      else if (key === 'hidden') node.hidden = Boolean(value);
      else node.setAttribute(key, String(value));
    }
    for (const child of children) {
      if (child === undefined || child === null || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }

  function safeHref(url) {
    if (!url) return null;
    try {
      const u = new URL(url, window.location.href);
      return (u.protocol === 'http:' || u.protocol === 'https:') ? u.href : null;
    } catch (e) { return null; }
  }

  function status(message, isError) {
    const s = $('status');
    s.textContent = message || '';
    s.classList.toggle('error', Boolean(isError));
  }

  async function api(path, params) {
    const url = new URL(path, window.location.origin);
    for (const [k, v] of Object.entries(params || {})) {
      if (Array.isArray(v)) v.forEach((x) => url.searchParams.append(k, x));
      else if (v !== undefined && v !== null && v !== '') url.searchParams.set(k, v);
    }
    const resp = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (!resp.ok) {
      let detail = resp.statusText;
      try { const body = await resp.json(); detail = typeof body.detail === 'string' ? body.detail : (body.detail || []).map((d) => d.msg).join('; '); } catch (e) { /* keep statusText */ }
      throw new Error(`${resp.status} ${detail}`);
    }
    return resp.json();
  }

  function filters() {
    const f = {};
    if ($('f-type').value) f.type = $('f-type').value;
    if ($('f-modality').value) f.modality = $('f-modality').value;
    if ($('f-outlet').value) f.outlet = $('f-outlet').value;
    if ($('f-since').value) f.since = $('f-since').value;
    if ($('f-until').value) f.until = $('f-until').value;
    return f;
  }

  function names(people) { return (people || []).map((p) => p.name).join(', '); }

  function dateLabel(ev) {
    if (ev.date) return ev.date;
    if (ev.date_start) return ev.date_start === ev.date_end ? ev.date_start : `${ev.date_start} … ${ev.date_end}`;
    return 'undated';
  }

  function actorLink(person) {
    return el('button', { type: 'button', className: 'link', onclick: () => selectActor(person.id) }, person.name);
  }

  function joinNodes(nodes, sep) {
    const out = [];
    nodes.forEach((n, i) => { if (i) out.push(sep); out.push(n); });
    return out;
  }

  function profileBadges(profile) {
    if (!profile) return [];
    const out = [];
    if (profile.country) out.push(el('span', { className: 'badge' }, profile.country));
    if (profile.state_affiliated === true) out.push(el('span', { className: 'badge state', title: profile.owner || '' }, 'state-affiliated'));
    return out;
  }

  /* ---- facets and filters ---------------------------------------------------------------------- */

  async function loadFacets() {
    const f = await api('/api/facets');
    const fill = (select, values) => { for (const v of values) select.append(new Option(v, v)); };
    fill($('f-type'), Object.keys(f.types).sort());
    fill($('f-modality'), Object.keys(f.modalities).sort());
    fill($('f-outlet'), f.outlets);
    if (f.dates.min) { $('f-since').min = f.dates.min; $('f-until').min = f.dates.min; }
    if (f.dates.max) { $('f-since').max = f.dates.max; $('f-until').max = f.dates.max; }
  }

  /* ---- the network ----------------------------------------------------------------------------- */

  function drawGraph(g, centre) {
    $('network-title').textContent = g.kind === 'co-mentions'
      ? 'Actor network — co-mentions (no events extracted yet)' : 'Actor network';
    const maxEvents = Math.max(1, ...g.nodes.map((n) => n.events || 0));
    const maxWeight = Math.max(1, ...g.edges.map((e) => e.weight));
    const elements = [];
    for (const n of g.nodes) {
      elements.push({ data: { id: `a${n.id}`, actor: n.id, label: n.name, events: n.events || 0,
                              colour: NODE_COLOURS[n.type] || '#6b7280' },
                      classes: n.id === centre ? 'centre' : '' });
    }
    for (const e of g.edges) {
      elements.push({ data: { id: `e${e.source}-${e.target}-${e.type}-${e.directed ? 1 : 0}`, source: `a${e.source}`,
                              target: `a${e.target}`, weight: e.weight, type: e.type, colour: TYPE_COLOURS[e.type] || '#9ca3af' },
                      classes: e.directed ? '' : 'undirected' });
    }
    if (state.cy) state.cy.destroy();
    state.cy = cytoscape({
      container: $('network'),
      elements,
      style: [
        { selector: 'node', style: {
          label: 'data(label)', 'background-color': 'data(colour)', 'font-size': 10, color: '#1f2328',
          'text-valign': 'bottom', 'text-margin-y': 3, 'text-max-width': 110, 'text-wrap': 'ellipsis',
          width: `mapData(events, 0, ${maxEvents}, 14, 46)`, height: `mapData(events, 0, ${maxEvents}, 14, 46)` } },
        { selector: 'node.centre', style: { 'border-width': 4, 'border-color': '#111827' } },
        { selector: 'edge', style: {
          width: `mapData(weight, 1, ${maxWeight}, 1.2, 7)`, 'line-color': 'data(colour)',
          'target-arrow-color': 'data(colour)', 'target-arrow-shape': 'triangle', 'curve-style': 'bezier',
          opacity: 0.75 } },
        { selector: 'edge.undirected', style: { 'target-arrow-shape': 'none' } },
      ],
      layout: { name: elements.length > 2 ? 'cose' : 'grid', animate: false, randomize: false, nodeRepulsion: 9000 },
    });
    state.cy.on('tap', 'node', (evt) => selectActor(evt.target.data('actor')));
  }

  function fillActorList(nodes) {
    const list = clear($('actor-list'));
    for (const n of nodes.slice(0, 30)) {
      const count = n.articles !== undefined ? `${n.articles} articles` : `${n.events}`;
      list.append(el('li', {}, el('button', { type: 'button', className: 'link actor-pick', dataset: { actor: String(n.id) },
                                              onclick: () => selectActor(n.id) }, n.name),
                     ' ', el('span', { className: 'muted' }, `(${count})`)));
    }
  }

  async function overview() {
    state.actor = null;
    $('actor-name').textContent = 'Pick an actor';
    clear($('actor-meta'));
    const [g, top] = await Promise.all([api('/api/graph', { ...filters(), max_nodes: 40 }), api('/api/actors', { limit: 30 })]);
    drawGraph(g, null);
    fillActorList(top);
    drawTimeline([]);
    fillEventList([]);
    fillArticleList([], null);
    status(`${g.nodes.length} actors, ${g.edges.length} ties`);
  }

  /* ---- an actor: timeline and events ------------------------------------------------------------ */

  async function selectActor(id) {
    state.actor = id;
    try {
      const params = filters();
      const [actor, events, g, articles] = await Promise.all([
        api(`/api/actors/${id}`),
        api(`/api/actors/${id}/timeline`, params),
        api(`/api/actors/${id}/graph`, { ...params, depth: $('f-depth').value, max_nodes: 40 }),
        api(`/api/actors/${id}/articles`, { limit: 100 }),
      ]);
      $('actor-name').textContent = actor.name;
      const meta = clear($('actor-meta'));
      meta.append(el('span', { className: 'badge' }, actor.type), ...profileBadges(actor.outlet_profile),
                  ` ${actor.events} events`, actor.cited_as_source ? `, cited as a source ${actor.cited_as_source} times` : '',
                  actor.kb_id ? el('span', { className: 'muted' }, ` · ${actor.kb_id}`) : '');
      const types = Object.entries(actor.types || {}).map(([t, n]) => `${t} ${n}`).join(' · ');
      if (types) meta.append(el('div', { className: 'muted' }, types));
      const others = (actor.aliases || []).filter((a) => a !== actor.name);
      if (others.length) meta.append(el('div', {}, el('span', { className: 'muted' }, 'Also: '), others.join(' · ')));
      if ((actor.roles || []).length) meta.append(el('div', {}, el('span', { className: 'muted' }, 'Roles: '), actor.roles.join(' · ')));
      const affs = (actor.affiliations || []).map((f) => `${f.relation.replace(/_/g, ' ')} ${f.target_name}${f.role ? ' (' + f.role + ')' : ''}`);
      if (affs.length) meta.append(el('div', {}, el('span', { className: 'muted' }, 'Affiliations: '), affs.slice(0, 6).join(' · ')));
      drawGraph(g, id);
      drawTimeline(events, events.length ? [] : articles);
      fillEventList(events);
      fillArticleList(articles, id);
      status(`${actor.name}: ${events.length} events, ${g.nodes.length} actors around`);
    } catch (err) { status(err.message, true); }
  }

  /* Events on the timeline; with none (no events extracted yet), the articles that mention the actor. */
  function drawTimeline(events, articles) {
    const dated = events.filter((ev) => ev.date_start);
    const mentions = (articles || []).filter((a) => a.published && /^\d{4}-\d{2}-\d{2}/.test(a.published)).map((a) => ({
      id: `a${a.id}`, start: a.published.slice(0, 10), type: 'box', className: 'article-item',
      content: el('span', { className: 'tl-item' }, `${a.outlet || 'article'} · ${a.title || ''}`.slice(0, 80)),
    }));
    const items = mentions.concat(dated.map((ev) => {
      const who = ev.actors.concat(ev.recipients).filter((p) => p.id !== state.actor).map((p) => p.name).join(', ');
      const content = el('span', { className: 'tl-item' }, `${ev.type}${who ? ' · ' + who : ''}`);
      const item = { id: ev.id, start: ev.date_start, content, className: WORD.test(ev.modality) ? `modality-${ev.modality}` : '' };
      if (ev.date_end && ev.date_end !== ev.date_start) { item.end = ev.date_end; item.type = 'range'; } else { item.type = 'box'; }
      return item;
    }));
    if (!state.timeline) {
      state.items = new vis.DataSet(items);
      state.timeline = new vis.Timeline($('timeline'), state.items, { stack: true, maxHeight: 280, minHeight: 80,
                                                                       zoomKey: 'ctrlKey', showTooltips: false });
      state.timeline.on('select', (props) => {
        if (!props.items.length) return;
        const id = props.items[0];
        if (typeof id === 'string' && id.startsWith('a')) showArticle(Number(id.slice(1)), null, state.actor);
        else showEvent(id);
      });
    } else {
      state.items.clear();
      state.items.add(items);
    }
    $('timeline').hidden = !items.length;
    if (items.length) state.timeline.fit({ animation: false });
  }

  function fillEventList(events) {
    $('event-list').hidden = !events.length;
    const body = clear($('event-list').tBodies[0]);
    for (const ev of events) {
      const row = el('tr', { dataset: { event: String(ev.id) } },
        el('td', {}, dateLabel(ev)),
        el('td', {}, el('button', { type: 'button', className: 'link event-pick', onclick: () => showEvent(ev.id) },
                        ev.type + (ev.mode ? ` (${ev.mode})` : ''))),
        el('td', {}, `${names(ev.actors) || '?'}${ev.recipients.length ? ' → ' + names(ev.recipients) : ''}`),
        el('td', {}, ev.modality, ev.denials ? el('span', { className: 'badge denied' }, `denied ×${ev.denials}`) : ''),
        el('td', {}, `${ev.n_reports} · ${ev.outlets.join(', ')}`));
      body.append(row);
    }
  }

  function fillArticleList(articles, actorId) {
    const list = clear($('article-list'));
    $('article-list-title').hidden = !articles.length;
    for (const a of articles) {
      list.append(el('li', {}, el('button', { type: 'button', className: 'link article-pick',
                                              onclick: () => showArticle(a.id, null, actorId) }, a.title || '(no title)'),
                     el('span', { className: 'muted' }, ` ${a.outlet || ''} ${a.published || ''} · ${a.mentions} mentions`)));
    }
  }

  /* ---- evidence ------------------------------------------------------------------------------------ */

  async function showEvent(id) {
    try {
      const ev = await api(`/api/events/${id}`);
      state.event = ev;
      for (const tr of $('event-list').tBodies[0].rows) tr.classList.toggle('selected', tr.dataset.event === String(id));
      if (state.timeline && state.items.get(id)) state.timeline.setSelection([id]);
      const box = clear($('event-detail'));
      box.append(el('h3', {}, `${ev.type}${ev.mode ? ' (' + ev.mode + ')' : ''} · ${dateLabel(ev)}`));
      const dl = el('dl');
      const row = (k, ...v) => dl.append(el('dt', {}, k), el('dd', {}, ...v));
      row('Who', ...joinNodes(ev.actors.map(actorLink), ', '));
      if (ev.recipients.length) row('Whom', ...joinNodes(ev.recipients.map(actorLink), ', '));
      if (ev.location) row('Where', ev.location);
      row('Date', `${dateLabel(ev)} (${ev.date_precision})`);
      row('Modality', `${ev.modality} — ` + Object.entries(ev.modalities).map(([m, n]) => `${m} ${n}`).join(', '));
      row('Reports', `${ev.n_reports} in ${ev.n_articles} articles, ${ev.n_outlets} outlets`);
      if (ev.stance.asserts.length) row('Asserted by', ev.stance.asserts.join(', '));
      if (ev.stance.reports.length) row('Reported by', ev.stance.reports.join(', '));
      if (ev.stance.denies.length) row('Denied by', el('span', { className: 'badge denied' }, ev.stance.denies.join(', ')));
      box.append(dl);
      if (ev.denied_by.length || ev.denies.length) {
        const links = el('ul', { className: 'links' });
        for (const d of ev.denied_by) {
          links.append(el('li', {}, 'Denied: ', el('button', { type: 'button', className: 'link', onclick: () => showEvent(d.corpus_event_id) },
            `${names(d.denial.actors) || '?'} — ${d.denial.outlet || 'unknown outlet'}, ${d.denial.date || 'undated'}`),
            el('span', { className: 'muted' }, ` [${d.rule}]`)));
        }
        for (const d of ev.denies) {
          links.append(el('li', {}, 'Denies: ', el('button', { type: 'button', className: 'link', onclick: () => showEvent(d.corpus_event_id) },
            `${d.claim.type} ${names(d.claim.actors)}${d.claim.recipients.length ? ' → ' + names(d.claim.recipients) : ''} — ${d.claim.outlet || 'unknown outlet'}`),
            el('span', { className: 'muted' }, ` [${d.rule}]`)));
        }
        box.append(el('h3', {}, 'Claims and denials'), links);
      }
      box.append(el('h3', {}, 'Reports'));
      for (const r of ev.reports) {
        const src = r.sources.length ? ` according to ${names(r.sources)}` : '';
        box.append(el('div', { className: 'report', dataset: { event: String(r.event_id) } },
          el('button', { type: 'button', className: 'link report-pick', onclick: () => showArticle(r.article_id, r.event_id) },
             r.outlet || 'unknown outlet'),
          ...profileBadges(r.outlet_profile),
          el('span', { className: 'muted' }, ` ${r.published || ''} · ${r.modality}${src}`),
          el('q', {}, r.evidence.text)));
      }
      if (ev.reports.length) await showArticle(ev.reports[0].article_id, ev.reports[0].event_id);
    } catch (err) { status(err.message, true); }
  }

  /* Python counts code points; JavaScript strings count UTF-16 units: map one to the other. */
  function unitOffsets(text) {
    const units = [];
    let u = 0;
    for (const ch of text) { units.push(u); u += ch.length; }
    units.push(u);
    return units;
  }

  function highlighted(text, spans) {
    const units = unitOffsets(text);
    const n = units.length - 1;
    const cuts = new Set([0, n]);
    const clean = [];
    for (const s of spans) {
      const start = Math.max(0, Math.min(n, s.start | 0));
      const end = Math.max(0, Math.min(n, s.end | 0));
      if (end <= start) continue;
      clean.push({ ...s, start, end });
      cuts.add(start); cuts.add(end);
    }
    const points = [...cuts].sort((a, b) => a - b);
    const frag = document.createDocumentFragment();
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i], b = points[i + 1];
      const piece = text.slice(units[a], units[b]);
      const over = clean.filter((s) => s.start <= a && s.end >= b);
      if (!over.length) { frag.append(document.createTextNode(piece)); continue; }
      const mark = el('mark', { className: [...new Set(over.map((s) => s.cls))].join(' ') }, piece);
      const link = over.find((s) => s.corpus);
      if (link) { mark.dataset.corpus = String(link.corpus); mark.addEventListener('click', () => showEvent(link.corpus)); }
      if (over.some((s) => s.cls === 'ev-selected')) mark.dataset.selected = '1';
      const who = over.find((s) => s.name);
      if (who) mark.title = `${who.name} (${who.type})`;
      frag.append(mark);
    }
    return frag;
  }

  async function showArticle(articleId, eventId, actorId) {
    try {
      const art = await api(`/api/articles/${articleId}`);
      $('article').hidden = false;
      $('article-title').textContent = art.title || '(no title)';
      const meta = clear($('article-meta'));
      meta.append(art.outlet || 'unknown outlet', ...profileBadges(art.outlet_profile), ` · ${art.published || 'undated'}`);
      const href = safeHref(art.url);
      if (href) meta.append(' · ', el('a', { href, rel: 'noopener noreferrer nofollow', target: '_blank' }, 'source'));
      for (const r of document.querySelectorAll('.report')) r.classList.toggle('current', r.dataset.event === String(eventId));
      const selected = art.events.find((e) => e.event_id === eventId);
      const args = new Set(selected ? selected.entity_ids : []);
      const spans = [];
      for (const r of art.removed) spans.push({ ...r, cls: 'removed' });
      for (const m of art.mentions) {
        const focus = args.has(m.entity_id) || (actorId !== undefined && m.actor_id === actorId);
        spans.push({ ...m, cls: focus ? 'arg' : 'mention' });
      }
      for (const e of art.events) {
        if (e === selected) {
          spans.push({ ...e.evidence, cls: 'ev-selected' });
          if (e.trigger) spans.push({ ...e.trigger, cls: 'trigger' });
        } else if (e.corpus_event_id) {
          spans.push({ ...e.evidence, cls: 'ev-other', corpus: e.corpus_event_id });
        }
      }
      const text = clear($('article-text'));
      text.append(highlighted(art.text, spans));
      const first = text.querySelector('mark[data-selected]') || text.querySelector('mark.arg');
      if (first) first.scrollIntoView({ block: 'center' });
    } catch (err) { status(err.message, true); }
  }

  /* ---- search -------------------------------------------------------------------------------------- */

  function snippet(s) {
    /* The store marks hits as [word]; show them as <mark>, the rest as text. */
    const out = [];
    const re = /\[([^\[\]]{1,200})\]/g;
    let last = 0, m;
    while ((m = re.exec(s)) !== null) {
      out.push(s.slice(last, m.index), el('mark', { className: 'trigger' }, m[1]));
      last = m.index + m[0].length;
    }
    out.push(s.slice(last));
    return out;
  }

  async function runSearch() {
    const box = $('search-results');
    const text = $('search').value.trim();
    if (!text) { box.hidden = true; return; }
    try {
      const res = await api('/api/search', { q: text, limit: 10 });
      clear(box);
      if (res.actors.length) box.append(el('h4', {}, 'Actors'));
      for (const a of res.actors) {
        box.append(el('button', { type: 'button', className: 'search-actor', onclick: () => { box.hidden = true; selectActor(a.id); } },
                      `${a.name} `, el('span', { className: 'muted' }, `${a.type} · ${a.events} events`)));
      }
      if (res.articles.length) box.append(el('h4', {}, 'Articles'));
      for (const h of res.articles) {
        box.append(el('button', { type: 'button', className: 'search-article', onclick: () => { box.hidden = true; showArticle(h.id, null); } },
                      el('strong', {}, h.title || '(no title)'), ` — ${h.outlet || ''} ${h.published || ''}`,
                      el('div', { className: 'muted' }, ...snippet(h.snippet || ''))));
      }
      if (!res.actors.length && !res.articles.length) box.append(el('div', { className: 'muted' }, 'Nothing found.'));
      box.hidden = false;
    } catch (err) { status(err.message, true); }
  }

  /* ---- start ----------------------------------------------------------------------------------------- */

  function refresh() { return state.actor ? selectActor(state.actor) : overview(); }

  async function start() {
    $('search').addEventListener('input', () => { clearTimeout(state.searchTimer); state.searchTimer = setTimeout(runSearch, 250); });
    $('search').addEventListener('keydown', (e) => { if (e.key === 'Escape') $('search-results').hidden = true; });
    for (const id of ['f-type', 'f-modality', 'f-outlet', 'f-since', 'f-until', 'f-depth']) $(id).addEventListener('change', refresh);
    $('f-reset').addEventListener('click', overview);
    try {
      await loadFacets();
      await overview();
      document.body.dataset.ready = '1';
    } catch (err) { status(err.message, true); }
  }

  document.addEventListener('DOMContentLoaded', start);
}());
