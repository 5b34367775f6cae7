"""FollowTheMoney entities (JSON lines) for Aleph, OpenAleph and the ``ftm`` tools.

Built with followthemoney's own ``model.make_entity``, so values are cleaned
by FtM's property types and the output passes ``ftm validate``:

- ``Event`` per corpus event: name, date (or start/end when only a range is
  known), location, ``involved`` (all participants), ``organizer`` (the
  acting side), summary (one report's evidence), keywords (type, mode,
  modality);
- ``Person`` / ``Organization`` / ``PublicBody`` (for states and
  governments, GPE) per actor, with its outlet profile when it is a news outlet;
- ``Article`` per article that reports an exported event;
- ``Documentation`` (article → event: which report, its modality and cited
  sources), ``Mention`` (article → actor: the name as written), for provenance;
- ``Membership`` for the exported actors' affiliations the store knows from the
  knowledge base (``actor_affiliations``: offices, membership, armed wings,
  ministries and governments of a state).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import IO, Any

import countrynames
from followthemoney import model
from followthemoney.proxy import EntityProxy
from sqlalchemy import MetaData, Table, inspect, select
from sqlalchemy.engine import Connection

from selon.corpus import outlets as outlet_profiles
from selon.corpus import query as q
from selon.store import schema as s

SCHEMA_BY_TYPE = {"PERSON": "Person", "ORG": "Organization", "GPE": "PublicBody"}
NS = "selon"
_QID = re.compile(r"^Q[1-9][0-9]*$")


def _id(proxy: EntityProxy, *parts: Any) -> EntityProxy:
    proxy.make_id(NS, *[str(p) for p in parts])
    return proxy


def actor_entity(row: Any) -> EntityProxy | None:
    """An actor row (``actors`` table) as a Person/Organization/PublicBody; None for places and named events."""
    schema = SCHEMA_BY_TYPE.get(row.type)
    if schema is None:
        return None
    ent = _id(model.make_entity(schema), "actor", row.key)
    ent.add("name", row.name)
    if row.kb_id and _QID.match(row.kb_id):
        ent.add("wikidataId", row.kb_id)
    if row.type == "GPE":
        code = countrynames.to_code(row.name)
        if code:
            ent.add("jurisdiction", code.lower())
    prof = outlet_profiles.profile(row.name)
    if prof:
        _add_profile(ent, prof)
    return ent


def _add_profile(ent: EntityProxy, prof: outlet_profiles.Profile) -> None:
    if prof.country:
        ent.add("country", prof.country.lower())
    if prof.owner:
        ent.add("description", f"Owner: {prof.owner}")
    if prof.state_affiliated is not None:
        ent.add("keywords", "state-affiliated media" if prof.state_affiliated else "independent of the state")
    for d in prof.domains:
        ent.add("website", d)
    if prof.kb_id and _QID.match(prof.kb_id):
        ent.add("wikidataId", prof.kb_id)


def publisher_entity(name: str) -> EntityProxy:
    """An outlet that publishes articles, as an Organization (same id as the actor when cited by name)."""
    prof = outlet_profiles.profile(name)
    ent = _id(model.make_entity("Organization"), "outlet", (prof.name if prof else name))
    ent.add("name", prof.name if prof else name)
    if prof:
        _add_profile(ent, prof)
    return ent


def event_entity(ev: dict[str, Any], actor_ids: dict[int, str]) -> EntityProxy:
    ent = _id(model.make_entity("Event"), "event", *_event_key(ev))
    who = ", ".join(a["name"] for a in ev["actors"]) or "?"
    whom = ", ".join(a["name"] for a in ev["recipients"])
    label = ev["type"] + (f" ({ev['mode']})" if ev["mode"] else "")
    ent.add("name", f"{label}: {who}" + (f" → {whom}" if whom else ""))
    if ev["date"]:
        ent.add("date", ev["date"])
    elif ev["date_start"]:
        ent.add("startDate", ev["date_start"])
        ent.add("endDate", ev["date_end"])
    if ev["location"]:
        ent.add("location", ev["location"])
    for a in ev["actors"] + ev["recipients"]:
        if a["id"] in actor_ids:
            ent.add("involved", actor_ids[a["id"]])
    for a in ev["actors"]:
        if a["id"] in actor_ids:
            ent.add("organizer", actor_ids[a["id"]])
    ent.add("keywords", [k for k in (ev["type"], ev["mode"], ev["modality"]) if k])
    ent.add("recordId", str(ev["id"]))
    outlets = ", ".join(ev["outlets"]) or "no outlet named"
    ent.add("notes", f"{ev['n_reports']} report(s) in {ev['n_articles']} article(s): {outlets}; "
                     f"modalities: {', '.join(f'{k} {v}' for k, v in sorted(ev['modalities'].items()))}")
    return ent


def _event_key(ev: dict[str, Any]) -> tuple[Any, ...]:
    """Ids survive a rebuild: an event is named by its earliest report, not its corpus row number."""
    return (ev["first_report"],)


def iter_entities(conn: Connection, filters: q.Filters) -> Iterator[EntityProxy]:
    """Every entity for the events matching ``filters``, streaming (events first, then what they cite)."""
    a, art = s.actors, s.articles
    actor_ids: dict[int, str] = {}
    actor_rows: dict[int, Any] = {}
    articles: set[int] = set()
    for ev in q.iter_events(conn, filters):
        people = ev["actors"] + ev["recipients"] + ev["sources"]
        missing = [p["id"] for p in people if p["id"] not in actor_rows]
        if missing:
            for row in conn.execute(select(a).where(a.c.id.in_(missing))):
                actor_rows[row.id] = row
                ent = actor_entity(row)
                if ent is not None:
                    actor_ids[row.id] = str(ent.id)
                    yield ent
        reports = conn.execute(
            select(s.events.c.id, s.events.c.modality, s.events.c.evidence_text, s.events.c.article_id,
                   art.c.sha256, art.c.published)
            .join(s.corpus_reports, s.corpus_reports.c.event_id == s.events.c.id).join(art, art.c.id == s.events.c.article_id)
            .where(s.corpus_reports.c.corpus_event_id == ev["id"]).order_by(s.events.c.id)).all()
        ev["first_report"] = f"{reports[0].sha256}/{reports[0].id}" if reports else ev["id"]
        event = event_entity(ev, actor_ids)
        if reports:
            event.add("summary", reports[0].evidence_text)
        yield event
        sources = q.report_args(conn, [r.id for r in reports])
        for r in reports:
            articles.add(r.article_id)
            doc = _id(model.make_entity("Documentation"), "report", r.sha256, r.id)
            doc.add("document", _article_id(r.sha256))
            doc.add("entity", event.id)
            cited = [x["name"] for x in sources[r.id].get("source", [])]
            doc.add("role", f"report ({r.modality})" + (f" according to {', '.join(cited)}" if cited else ""))
            doc.add("summary", r.evidence_text)
            if r.published:
                doc.add("date", r.published)
            yield doc
    yield from _articles(conn, sorted(articles), actor_ids)
    yield from _memberships(conn, actor_ids)


def _article_id(sha256: str) -> str:
    return str(_id(model.make_entity("Article"), "article", sha256).id)


def _articles(conn: Connection, article_ids: list[int], actor_ids: dict[int, str]) -> Iterator[EntityProxy]:
    art, en, m = s.articles, s.entities, s.mentions
    publishers: set[str] = set()
    for i in range(0, len(article_ids), 500):
        chunk = article_ids[i:i + 500]
        rows = conn.execute(select(art.c.id, art.c.sha256, art.c.title, art.c.outlet, art.c.published, art.c.url,
                                   art.c.language, art.c.body).where(art.c.id.in_(chunk)).order_by(art.c.id))
        for row in rows:
            doc = model.make_entity("Article")
            doc.id = _article_id(row.sha256)
            doc.add("title", row.title)
            doc.add("publishedAt", row.published)
            doc.add("bodyText", row.body)
            doc.add("contentHash", row.sha256)
            if url := q.safe_url(row.url):
                doc.add("sourceUrl", url)
            if row.language:
                doc.add("language", row.language)
            if row.outlet:
                doc.add("publisher", row.outlet)
                if row.outlet not in publishers:
                    publishers.add(row.outlet)
                    yield publisher_entity(row.outlet)
            yield doc
        seen: set[tuple[int, str, int]] = set()
        for mention in conn.execute(select(en.c.article_id, en.c.actor_id, m.c.text, art.c.sha256)
                                    .join(m, m.c.entity_id == en.c.id).join(art, art.c.id == en.c.article_id)
                                    .where(en.c.article_id.in_(chunk)).order_by(en.c.article_id, m.c.start)):
            key = (mention.article_id, mention.text, mention.actor_id)
            if mention.actor_id not in actor_ids or key in seen:
                continue
            seen.add(key)
            men = _id(model.make_entity("Mention"), "mention", mention.sha256, mention.actor_id, mention.text)
            men.add("document", _article_id(mention.sha256))
            men.add("resolved", actor_ids[mention.actor_id])
            men.add("name", mention.text)
            yield men


# Affiliation relations (actors module, from the KB) that FtM calls a Membership: member -> organisation.
MEMBERSHIP_RELATIONS = {"office", "member_of", "armed_wing_of", "military_of", "ministry_of", "government_of",
                        "part_of"}


def _memberships(conn: Connection, actor_ids: dict[int, str]) -> Iterator[EntityProxy]:
    """Memberships of the exported actors, with the organisations they point at (from the KB)."""
    if not actor_ids or "actor_affiliations" not in inspect(conn).get_table_names():
        return
    aff = Table("actor_affiliations", MetaData(), autoload_with=conn)
    rows = conn.execute(select(aff).where(aff.c.actor_id.in_(sorted(actor_ids)),
                                          aff.c.relation.in_(sorted(MEMBERSHIP_RELATIONS)))
                        .order_by(aff.c.actor_id, aff.c.id)).all()
    made: set[str] = set()
    for row in rows:
        key = f"kb:{row.target_kb_id}"
        org_row = conn.execute(select(s.actors).where(s.actors.c.key == key)).first()
        org = actor_entity(org_row) if org_row is not None else None
        if org is None:
            org = _id(model.make_entity("Organization"), "actor", key)
            org.add("name", row.target_name)
            if _QID.match(str(row.target_kb_id)):
                org.add("wikidataId", row.target_kb_id)
        if not org.schema.is_a("Organization"):
            continue
        if org.id not in made and org.id not in actor_ids.values():
            made.add(str(org.id))
            yield org
        mem = _id(model.make_entity("Membership"), "membership", actor_ids[row.actor_id], org.id, row.relation,
                  row.role or "")
        mem.add("member", actor_ids[row.actor_id])
        mem.add("organization", org.id)
        mem.add("role", row.role or row.relation.replace("_", " "))
        mem.add("startDate", row.start)
        mem.add("endDate", row.end)
        mem.add("description", f"{row.relation} (source: {row.source})")
        yield mem


def write(conn: Connection, filters: q.Filters, sink: IO[str]) -> int:
    """Write FtM JSON lines; returns the number of entities."""
    n = 0
    for ent in iter_entities(conn, filters):
        sink.write(json.dumps(ent.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
        n += 1
    return n
