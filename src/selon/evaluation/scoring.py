"""Scoring selon's records against GSR gold: events by type and modality, places, dates, quotes, times.

The matching is the shared scorer's (``shared/eval/score.py``), so figures on the
GSR and on the shared gold mean the same thing: a system entity stands for a
gold actor when one of its names, aliases or mention texts equals one of the
actor's aliases after ``norm``; a system event matches a gold event when its
type is one of the gold types and, where the gold names them, an actor and a
recipient match.  A gold ``null`` actor or recipient accepts anything.

- **Recall** counts core events (``optional: false``) that some system event matches.
- **Precision** counts system events that match any gold event, optional ones included.
- Modality, date and location are judged on the core events that were found.
- Per type: recall over core events by their first (preferred) type, precision over
  system events of that type.  Per modality: over found core events, the gold modality
  against the modality of the best-matching system event.
- Per construction (the record's ``constructions`` tags, ``eval/CODING.md`` section 9):
  the same event counts and speaker accuracy over the records carrying the tag.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from selon.evaluation.gsr import EVENT_TYPES, MODALITIES, GsrRecord, norm


def entity_strings(ent: dict[str, Any]) -> set[str]:
    out = {ent.get("name") or ""} | set(ent.get("aliases") or [])
    out |= {m.get("text") or "" for m in ent.get("mentions") or []}
    return {n for n in (norm(x) for x in out if x) if n}


class Matcher:
    """Which gold actor keys each system entity of one record stands for."""

    def __init__(self, gold: dict[str, Any], rec: dict[str, Any]) -> None:
        aliases = {k: {norm(a) for a in (v.get("aliases") or [])} - {""} for k, v in (gold.get("actors") or {}).items()}
        self.entities = {e["id"]: e for e in rec.get("entities") or []}
        self.keys_of = {eid: {k for k, al in aliases.items() if entity_strings(e) & al}
                        for eid, e in self.entities.items()}

    def matches(self, eids: list[str] | None, key: str | None) -> bool:
        if key is None:
            return True
        return any(key in self.keys_of.get(i, ()) for i in eids or [])

    def names(self, eids: list[str] | None) -> str:
        return "+".join(str(self.entities.get(i, {}).get("name", i)) for i in eids or []) or "-"


def event_matches(m: Matcher, se: dict[str, Any], ge: dict[str, Any]) -> bool:
    return (se.get("type") in (ge.get("types") or []) and m.matches(se.get("actors"), ge.get("actor"))
            and m.matches(se.get("recipients"), ge.get("recipient")))


@dataclass
class Tally:
    """Counts over a set of records; ``figures()`` turns them into ratios."""

    n: Counter[str] = field(default_factory=Counter)
    type_gold: Counter[str] = field(default_factory=Counter)
    type_found: Counter[str] = field(default_factory=Counter)
    type_out: Counter[str] = field(default_factory=Counter)
    type_right: Counter[str] = field(default_factory=Counter)
    mod_gold: Counter[str] = field(default_factory=Counter)
    mod_said: Counter[str] = field(default_factory=Counter)
    mod_right: Counter[str] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)
    by_tag: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))

    def figures(self) -> dict[str, Any]:
        n = self.n
        recall, precision = ratio(n["events_found"], n["events_gold"]), ratio(n["events_matched"], n["events_out"])
        out: dict[str, Any] = {
            "records": n["records"],
            "event_recall": recall, "event_precision": precision, "event_f1": f1(recall, precision),
            "events_gold": n["events_gold"], "events_out": n["events_out"],
            "modality_acc": ratio(n["modality_ok"], n["modality_gold"]),
            "date_acc": ratio(n["date_ok"], n["date_gold"]),
            "location_acc": ratio(n["location_ok"], n["location_gold"]),
            "actor_recall": ratio(n["actors_found"], n["actors_gold"]), "actor_splits": n["actor_splits"],
            "no_event_records_clean": ratio(n["no_event_clean"], n["no_event_records"]),
            "quote_found": ratio(n["quotes_found"], n["quotes_gold"]),
            "quote_speaker_acc": ratio(n["speaker_ok"], n["quotes_gold"]),
            "time_recall": ratio(n["times_found"], n["times_gold"]),
            "time_precision": ratio(n["times_right"], n["times_out"]),
            "time_value_acc": ratio(n["values_ok"], n["values_gold"]),
        }
        out["time_f1"] = f1(out["time_recall"], out["time_precision"])
        out["types"] = {t: prf(self.type_found[t], self.type_gold[t], self.type_right[t], self.type_out[t])
                        for t in sorted(EVENT_TYPES)}
        out["modalities"] = {m: prf(self.mod_right[m], self.mod_gold[m], self.mod_right[m], self.mod_said[m])
                             for m in sorted(MODALITIES)}
        out["constructions"] = {tag: construction_figures(c) for tag, c in sorted(self.by_tag.items())}
        return out


def construction_figures(c: Counter[str]) -> dict[str, Any]:
    """Event P/R/F1 and speaker accuracy over the records tagged with one construction."""
    out = prf(c["events_found"], c["events_gold"], c["events_matched"], c["events_out"])
    out["records"] = c["records"]
    out["quote_speaker_acc"] = ratio(c["speaker_ok"], c["quotes_gold"])
    return out


def ratio(a: int, b: int) -> float | None:
    return None if b == 0 else a / b


def f1(r: float | None, p: float | None) -> float | None:
    return None if not r or not p else 2 * r * p / (r + p)


def prf(found: int, gold: int, right: int, out: int) -> dict[str, Any]:
    r, p = ratio(found, gold), ratio(right, out)
    return {"recall": r, "precision": p, "f1": f1(r, p), "gold": gold, "out": out}


def score_record(g: GsrRecord, rec: dict[str, Any], t: Tally) -> None:
    """Add one record's counts (and what it got wrong, as lines) to ``t``."""
    gold, rid = g.data, g.id
    before = Counter(t.n)
    m = Matcher(gold, rec)
    t.n["records"] += 1
    miss = t.misses.append
    for key in gold.get("actors") or {}:
        hits = [e for e, ks in m.keys_of.items() if key in ks]
        t.n["actors_gold"] += 1
        t.n["actors_found"] += bool(hits)
        t.n["actor_splits"] += max(0, len(hits) - 1)
    sys_events = rec.get("events") or []
    gold_events = gold.get("events") or []
    t.n["events_out"] += len(sys_events)
    matched: set[int] = set()
    for ge in gold_events:
        found = [i for i, se in enumerate(sys_events) if event_matches(m, se, ge)]
        matched.update(found)
        if ge.get("optional"):
            continue
        first = (ge.get("types") or ["?"])[0]
        t.n["events_gold"] += 1
        t.type_gold[first] += 1
        if not found:
            miss(f"{rid}: missed {'/'.join(ge.get('types') or [])} {ge.get('actor')} -> {ge.get('recipient')}"
                 f" ({ge.get('modality')}, trigger {ge.get('trigger')!r})")
            continue
        t.n["events_found"] += 1
        t.type_found[first] += 1
        judge_event(m, ge, [sys_events[i] for i in found], t, rid)
    t.n["events_matched"] += len(matched)
    for i, se in enumerate(sys_events):
        t.type_out[se.get("type") or "?"] += 1
        if i in matched:
            t.type_right[se.get("type") or "?"] += 1
        else:
            evidence = ((se.get("evidence") or {}).get("text") or "")[:70].replace("\n", " ")
            miss(f"{rid}: false {se.get('type')} {m.names(se.get('actors'))} -> {m.names(se.get('recipients'))}"
                 f" ({se.get('modality')}) «{evidence}»")
    if not any(not ge.get("optional") for ge in gold_events):
        t.n["no_event_records"] += 1
        t.n["no_event_clean"] += not sys_events
    score_quotes(m, gold, rec, t, rid)
    score_times(gold, rec, t, rid)
    delta = t.n - before
    delta["records"] = 1
    for tag in set(gold.get("constructions") or []):
        t.by_tag[str(tag)].update(delta)


def judge_event(m: Matcher, ge: dict[str, Any], found: list[dict[str, Any]], t: Tally, rid: str) -> None:
    """Modality, date and place of one found core event."""
    want = ge.get("modality")
    if want:
        best = next((se for se in found if se.get("modality") == want), found[0])
        said = best.get("modality") or "none"
        t.n["modality_gold"] += 1
        t.mod_gold[want] += 1
        t.mod_said[said] += 1
        if said == want:
            t.n["modality_ok"] += 1
            t.mod_right[want] += 1
        else:
            t.misses.append(f"{rid}: modality {said} for {want} ({'/'.join(ge['types'])}, trigger {ge.get('trigger')!r})")
    if ge.get("date"):
        t.n["date_gold"] += 1
        ok = any(se.get("date") == ge["date"] for se in found)
        t.n["date_ok"] += ok
        if not ok:
            t.misses.append(f"{rid}: date {found[0].get('date')} for {ge['date']} ({'/'.join(ge['types'])})")
    if ge.get("location"):
        t.n["location_gold"] += 1
        ok = any(se.get("location") and m.matches([se["location"]], ge["location"]) for se in found)
        t.n["location_ok"] += ok
        if not ok:
            got = [str(se["location"]) for se in found if se.get("location")]
            t.misses.append(f"{rid}: place {m.names(got[:1]) if got else None} for {ge['location']}"
                            f" ({'/'.join(ge['types'])})")


def score_quotes(m: Matcher, gold: dict[str, Any], rec: dict[str, Any], t: Tally, rid: str) -> None:
    quotes = rec.get("quotes") or []
    for gq in gold.get("quotes") or []:
        t.n["quotes_gold"] += 1
        hit = [q for q in quotes if norm(gq.get("contains")) in norm(q.get("text"))]
        t.n["quotes_found"] += bool(hit)
        ok = any(q.get("speaker") and m.matches([q["speaker"]], gq.get("speaker")) for q in hit)
        t.n["speaker_ok"] += ok
        if not ok:
            said = m.names([q["speaker"] for q in hit if q.get("speaker")][:1]) if hit else "no quote"
            t.misses.append(f"{rid}: quote «{str(gq.get('contains'))[:40]}» speaker {said} for {gq.get('speaker')}")


def gold_spans(text: str, times: list[dict[str, Any]]) -> list[tuple[int, int, dict[str, Any]]]:
    """Where each gold time expression is in the passage: the next occurrence of its text."""
    spans: list[tuple[int, int, dict[str, Any]]] = []
    used: defaultdict[str, int] = defaultdict(int)
    for gt in times:
        piece = str(gt.get("text") or "")
        start = text.find(piece, used[piece]) if piece else -1
        if start < 0:
            start = text.lower().find(piece.lower()) if piece else -1
        if start < 0:
            continue
        used[piece] = start + 1
        spans.append((start, start + len(piece), gt))
    return spans


def score_times(gold: dict[str, Any], rec: dict[str, Any], t: Tally, rid: str) -> None:
    """Relaxed detection (any overlap), as the FR-TimeBank scorer; values compared exactly."""
    spans = gold_spans(str(gold.get("text") or ""), gold.get("times") or [])
    out = rec.get("times") or []
    t.n["times_gold"] += len(gold.get("times") or [])
    t.n["times_out"] += len(out)
    for st in out:
        t.n["times_right"] += any(st["start"] < e and s < st["end"] for s, e, _ in spans)
    for s, e, gt in spans:
        hit = [st for st in out if st["start"] < e and s < st["end"]]
        t.n["times_found"] += bool(hit)
        if not hit:
            t.misses.append(f"{rid}: time missed «{gt.get('text')}» ({gt.get('value')})")
            continue
        if gt.get("value"):
            t.n["values_gold"] += 1
            ok = any(st.get("value") == gt["value"] for st in hit)
            t.n["values_ok"] += ok
            if not ok:
                t.misses.append(f"{rid}: time «{gt.get('text')}» valued {hit[0].get('value')} for {gt['value']}")
