import random

import pytest
from sqlalchemy import select

from selon.corpus import merge, query
from selon.corpus.dates import Interval, compatible, filter_bound, parse, report_interval
from selon.store import open_store
from selon.store import schema as s
from tests.corpus import fixtures as fx


@pytest.fixture
def store(db_url):
    with open_store(db_url) as st:
        yield st


def _events(store):
    with store.engine.connect() as conn:
        return query.events(conn, query.Filters(), limit=1000)


def test_three_reports_of_one_call_and_one_of_another_make_two_events(store):
    fx.fill(store, fx.PHONE_CALLS)
    evs = _events(store)
    assert len(evs) == 2
    first, second = evs
    assert (first["n_reports"], first["n_articles"], first["n_outlets"]) == (3, 3, 3)
    assert first["outlets"] == ["Fars", "Press TV", "Tasnim"]
    assert first["date"] == "2021-05-15" and first["date_precision"] == "day"
    assert first["mode"] == "phone" and first["modality"] == "asserted"
    assert first["modalities"] == {"asserted": 2, "reported": 1}
    assert {a["name"] for a in first["actors"] + first["recipients"]} == {"Ismaïl Qaani", "Ismaïl Haniyeh"}
    assert [x["name"] for x in first["sources"]] == ["IRNA"]
    assert (second["n_reports"], second["date"], second["outlets"]) == (1, "2021-05-25", ["Al Mayadeen"])
    # Stored reports keep their own rows: the merge is visible and reversible.
    with store.engine.connect() as conn:
        detail = query.event(conn, first["id"])
        assert sorted(r["outlet"] for r in detail["reports"]) == ["Fars", "Press TV", "Tasnim"]
        assert all(r["evidence"]["text"] for r in detail["reports"])
        assert conn.execute(select(s.events.c.id)).all().__len__() == 4


def test_merging_does_not_depend_on_arrival_order(tmp_path):
    arts = fx.PHONE_CALLS + fx.CLAIM_AND_DENIALS
    by_doc: list[list[list[str]]] = []
    rng = random.Random(5)
    orders = [arts, arts[::-1]] + [rng.sample(arts, len(arts)) for _ in range(6)]
    for n, order in enumerate(orders):
        with open_store(str(tmp_path / f"o{n}.db")) as st:
            fx.fill(st, list(order))
            with st.engine.begin() as conn:
                incremental = _named_partition(conn)
                incremental_links = _links(conn)
                derived = _derived(conn)
                merge.rebuild(conn)
                assert _named_partition(conn) == incremental
                assert _links(conn) == incremental_links
                assert _derived(conn) == derived
            by_doc.append(incremental)
    assert len(by_doc) > 3 and all(p == by_doc[0] for p in by_doc)
    assert sorted(len(g) for g in by_doc[0]) == [1, 1, 1, 2, 3]


def _named_partition(conn):
    """The partition as (article doc id, local event id) names, comparable across stores."""
    rows = conn.execute(select(s.corpus_reports.c.corpus_event_id, s.articles.c.doc_id, s.events.c.local_id)
                        .join(s.events, s.events.c.id == s.corpus_reports.c.event_id)
                        .join(s.articles, s.articles.c.id == s.events.c.article_id)).all()
    groups: dict[int, list[str]] = {}
    for cid, doc, local in rows:
        groups.setdefault(cid, []).append(f"{doc}/{local}")
    return sorted(sorted(g) for g in groups.values())


def _derived(conn):
    tables = (s.corpus_ties, s.corpus_pairs, s.corpus_actor_stats)
    return [sorted(tuple(r) for r in conn.execute(select(t))) for t in tables]


def _links(conn):
    f, t = s.events.alias("f"), s.events.alias("t")
    fa, ta = s.articles.alias("fa"), s.articles.alias("ta")
    rows = conn.execute(select(fa.c.doc_id, f.c.local_id, ta.c.doc_id, t.c.local_id, s.corpus_links.c.rule)
                        .join(f, f.c.id == s.corpus_links.c.from_event_id).join(fa, fa.c.id == f.c.article_id)
                        .join(t, t.c.id == s.corpus_links.c.to_event_id).join(ta, ta.c.id == t.c.article_id))
    return sorted(tuple(r) for r in rows)


def test_adding_twice_and_rebuilding_twice_change_nothing(store):
    fx.fill(store)
    rec, raw = fx.build(fx.PHONE_CALLS[0])
    assert store.add(rec, raw) is None
    with store.engine.begin() as conn:
        before = (merge.groups(conn), merge.counts(conn))
        merge.rebuild(conn)
        merge.rebuild(conn)
        assert (merge.groups(conn), merge.counts(conn)) == before
        assert merge.sync(conn) == 0


def test_sync_fills_a_store_written_without_the_corpus(store):
    fx.fill(store)
    with store.engine.begin() as conn:
        expected = merge.groups(conn)
        for t in (s.corpus_links, s.corpus_event_actors, s.corpus_reports, s.corpus_events):
            conn.execute(t.delete())
        assert merge.sync(conn) == 11
        assert merge.groups(conn) == expected
        assert merge.counts(conn)["links"] == 2


def test_claim_and_denials_are_linked_across_articles(store):
    ids = fx.fill(store, fx.CLAIM_AND_DENIALS)
    with store.engine.connect() as conn:
        meeting = query.events(conn, query.Filters(types=["CONSULT"]))
        assert len(meeting) == 1
        ev = query.event(conn, meeting[0]["id"])
    # The Al Arabiya report (reported, via Reuters) and Al-Manar's denied report are one meeting.
    assert sorted((r["outlet"], r["modality"]) for r in ev["reports"]) == [("Al Arabiya", "reported"),
                                                                          ("Al-Manar", "denied")]
    assert ev["stance"] == {"asserts": [], "reports": ["Reuters"], "denies": ["Hamas"]}
    rules = sorted((d["rule"], d["denial"]["article_id"]) for d in ev["denied_by"])
    # Al-Manar's denial names its target; L'Orient-Le Jour's is matched by actor, date and cited source.
    assert rules == [("actor-window", ids["olj-denial"]), ("explicit", ids["manar-denial"])]
    olj = next(d for d in ev["denied_by"] if d["rule"] == "actor-window")
    assert olj["report"] == next(r["event_id"] for r in ev["reports"] if r["outlet"] == "Al Arabiya")


def test_denial_arriving_before_its_claim_is_linked(store):
    fx.fill(store, [fx.CLAIM_AND_DENIALS[2], fx.CLAIM_AND_DENIALS[0]])
    with store.engine.connect() as conn:
        meeting = query.events(conn, query.Filters(types=["CONSULT"]))[0]
        assert meeting["denials"] == 1


def test_threat_and_strike_stay_apart_and_anonymous_events_need_a_place(store):
    arts = [
        fx.Art("a", "IRNA", "2023-01-02", "Menace", "L'Iran menace Israël. L'Iran a frappé Israël.",
               {"e1": ("Iran", "GPE", None, ["L'Iran"]), "e2": fx.ISRAEL},
               [{"type": "ASSAULT", "actors": ["e1"], "recipients": ["e2"], "date": "2023-01-01",
                 "modality": "threatened", "evidence": "L'Iran menace Israël"},
                {"type": "ASSAULT", "actors": ["e1"], "recipients": ["e2"], "date": "2023-01-01",
                 "evidence": "L'Iran a frappé Israël"}]),
        fx.Art("b", "Fars", "2023-01-02", "Tirs", "Des roquettes ont été tirées. Des roquettes ont été tirées sur Haïfa.",
               {}, [{"type": "ASSAULT", "date": "2023-01-01", "evidence": "Des roquettes ont été tirées."},
                    {"type": "ASSAULT", "date": "2023-01-01", "location": "Haïfa",
                     "evidence": "Des roquettes ont été tirées sur Haïfa"}]),
        fx.Art("c", "Tasnim", "2023-01-02", "Tirs", "Des roquettes sont tombées sur Haïfa. Des tirs sans date.",
               {}, [{"type": "ASSAULT", "date": "2023-01-01", "location": "Haifa",
                     "evidence": "Des roquettes sont tombées sur Haïfa"}]),
    ]
    fx.fill(store, arts)
    with store.engine.connect() as conn:
        sizes = sorted(e["n_reports"] for e in query.events(conn, query.Filters(), limit=100))
    # threat / strike apart; rockets without a place apart; the two Haifa reports together.
    assert sizes == [1, 1, 1, 2]


def test_undated_reports_without_a_publication_date_never_merge(store):
    arts = [fx.Art(f"u{i}", "IRNA", None, "Appel", "Ismaïl Qaani a appelé Ismaïl Haniyeh.",
                   {"e1": fx.QAANI, "e2": fx.HANIYEH},
                   [{"type": "CONSULT", "actors": ["e1"], "recipients": ["e2"], "date": None,
                     "evidence": "Ismaïl Qaani a appelé Ismaïl Haniyeh"}]) for i in range(2)]
    arts[1].body += " "
    fx.fill(store, arts)
    with store.engine.connect() as conn:
        evs = query.events(conn, query.Filters())
    assert [e["n_reports"] for e in evs] == [1, 1] and all(e["date_precision"] == "none" for e in evs)


@pytest.mark.parametrize(("value", "expected"), [
    ("2021-05-15", ("2021-05-15", "2021-05-15", "day")),
    ("2021-05-15T10:00", ("2021-05-15", "2021-05-15", "day")),
    ("2021-05", ("2021-05-01", "2021-05-31", "month")),
    ("2024-02", ("2024-02-01", "2024-02-29", "month")),
    ("2021-W20", ("2021-05-17", "2021-05-23", "week")),
    ("2021", ("2021-01-01", "2021-12-31", "year")),
    ("2021-02-30", (None, None, "none")),
    ("2021-13", (None, None, "none")),
    ("XXXX-05-15", (None, None, "none")),
    ("PRESENT_REF", (None, None, "none")),
    ("", (None, None, "none")),
    (None, (None, None, "none")),
])
def test_date_values_become_intervals(value, expected):
    iv = parse(value)
    got = (iv.start.isoformat() if iv.start else None, iv.end.isoformat() if iv.end else None, iv.precision)
    assert got == expected


def test_date_windows_depend_on_precision():
    day = parse
    assert compatible(day("2021-05-15"), day("2021-05-16"))
    assert not compatible(day("2021-05-15"), day("2021-05-17"))
    assert compatible(day("2021-05-31"), day("2021-05"))
    assert not compatible(day("2021-06-01"), day("2021-05"))
    assert compatible(day("2021"), day("2021")) and not compatible(day("2021"), day("2021-05"))
    pub = report_interval(None, "2021-05-18")
    assert pub.precision == "published" and compatible(pub, day("2021-05-15"))
    assert not compatible(pub, day("2021-05-19"))
    assert not compatible(Interval(None, None, "none"), Interval(None, None, "none"))


def test_filter_bounds():
    assert filter_bound("2021", upper=False) == "2021-01-01"
    assert filter_bound("2021-02", upper=True) == "2021-02-28"
    for bad in ("yesterday", "2021-W20", "2021-02-30", "'; DROP TABLE events; --"):
        with pytest.raises(ValueError, match="not a date"):
            filter_bound(bad, upper=False)


def _strike(doc, outlet, day, published=None, mode="airstrike"):
    d = f"2023-10-{day:02d}"
    return fx.Art(doc, outlet, published or d, f"Frappe du {d}", f"Israël a frappé le Hezbollah ({doc}).",
                  {"e1": fx.ISRAEL, "e2": ("Hezbollah", "ORG", None, ["Hezbollah"])},
                  [{"type": "ASSAULT", "mode": mode, "actors": ["e1"], "recipients": ["e2"], "date": d,
                    "evidence": f"Israël a frappé le Hezbollah ({doc})"}])


def test_a_daily_series_is_one_event_a_day_not_one_chain(store):
    arts = [_strike(f"{outlet}-{day}", outlet, day) for day in range(1, 7) for outlet in ("IRNA", "Al-Manar")]
    # Three outlets date a strike the 10th; one, resolving "hier" a day late, the 11th: one event.
    arts += [_strike(f"late-{o}", o, 10 if o != "Fars" else 11) for o in ("IRNA", "Al-Manar", "Tasnim", "Fars")]
    fx.fill(store, arts)
    with store.engine.connect() as conn:
        evs = query.events(conn, query.Filters(), limit=100)
    assert [(e["date"], e["n_reports"]) for e in evs] == [
        (f"2023-10-{d:02d}", 2) for d in range(1, 7)] + [("2023-10-10", 4)]


def test_incremental_equals_rebuild_on_a_random_corpus(tmp_path):
    rng = random.Random(3)
    modes = ["airstrike", None, "drone"]
    arts = []
    for i in range(36):
        day = rng.choice([1, 2, 3, 5, 6, 9, 10, 11])
        art = _strike(f"r{i}", rng.choice(["IRNA", "Fars", "Tasnim", "Al-Manar"]), day, mode=rng.choice(modes))
        if rng.random() < 0.2:
            art.events[0]["date"] = "2023-10"  # month precision
        elif rng.random() < 0.15:
            art.events[0]["date"] = None  # falls back on the publication date
        arts.append(art)
    results = []
    for n, order in enumerate([arts, arts[::-1], rng.sample(arts, len(arts))]):
        with open_store(str(tmp_path / f"r{n}.db")) as st:
            fx.fill(st, order)
            with st.engine.begin() as conn:
                incremental = _named_partition(conn)
                derived = _derived(conn)
                merge.rebuild(conn)
                assert _named_partition(conn) == incremental
                assert _derived(conn) == derived  # ties, pair weights, activity kept current on each insert
                results.append(incremental)
    assert results[0] == results[1] == results[2]
    assert 1 < len(results[0]) < len(arts)


def test_stored_ties_equal_ties_computed_live(store):
    from selon.corpus import ties

    fx.fill(store)
    with store.engine.connect() as conn:
        actors = [r[0] for r in conn.execute(select(s.actors.c.id))]
        stored = ties.read(conn, actors)
        live = ties.live(conn, [], actors)
    key = lambda t: (t["source"], t["target"], t["type"], t["directed"])  # noqa: E731
    assert sorted(stored, key=key) == sorted(live, key=key) and len(stored) == 7
    coactor = [t for t in stored if not t["directed"]]
    assert len(coactor) == 1 and coactor[0]["type"] == "CONSULT" and coactor[0]["start"] == "2021-05-25"


def test_graph_from_stored_ties_equals_graph_from_live_ties(store):
    fx.fill(store)
    with store.engine.connect() as conn:
        hamas = query.resolve_actor(conn, "Hamas")[0]["id"]
        for centre, depth in ((hamas, 1), (hamas, 2), (None, 1)):
            stored = query.graph(conn, centre, query.Filters(), depth=depth)
            live = query.graph(conn, centre, query.Filters(since="0001-01-01"), depth=depth)  # forces live ties
            assert stored == live, (centre, depth)
        two = query.graph(conn, hamas, query.Filters(), depth=2)
        assert "Hezbollah" in {n["name"] for n in two["nodes"]}
        capped = query.graph(conn, hamas, query.Filters(), depth=2, max_nodes=3)
        assert len(capped["nodes"]) == 3 and any(e["source"] == hamas or e["target"] == hamas for e in capped["edges"])


def test_activity_counts_stay_exact_when_a_component_gains_a_separate_event(store):
    # The 1st and the 2nd are one component (a day apart) but two events (one report each: two peaks).
    fx.fill(store, [_strike("d1", "IRNA", 1), _strike("d2", "Fars", 2)])
    with store.engine.begin() as conn:
        stored = sorted(tuple(r) for r in conn.execute(select(s.corpus_actor_stats)))
        assert [r[1] for r in stored] == [2, 2]
        merge.rebuild(conn)
        assert sorted(tuple(r) for r in conn.execute(select(s.corpus_actor_stats))) == stored
