"""The GSR scorer: the shared scorer's matching, per-type and per-modality counts, places, quotes, times."""

from __future__ import annotations

from selon.evaluation.gsr import GsrRecord
from selon.evaluation.scoring import Tally, score_record

TEXT = ("KIDAL, 3 mars 2023 (AFP) - L'armée malienne a bombardé mardi des positions rebelles près de Kidal, "
        "a affirmé le ministre Issa Konaté. « Nous poursuivrons », a-t-il déclaré.")


def gold(**over) -> GsrRecord:
    data = {
        "id": "x-001", "style": "afp", "region": "sahel", "real": False, "published": "2023-03-03", "text": TEXT,
        "actors": {"army": {"type": "ORG", "aliases": ["armée malienne"]},
                   "rebels": {"type": "ORG", "aliases": ["positions rebelles", "rebelles"]},
                   "kidal": {"type": "GPE", "aliases": ["Kidal"]},
                   "konate": {"type": "PERSON", "aliases": ["Issa Konaté", "ministre Issa Konaté"]}},
        "events": [{"types": ["ASSAULT"], "actor": "army", "recipient": "rebels", "modality": "reported",
                    "date": "2023-02-28", "location": "kidal", "optional": False, "trigger": "bombardé"},
                   {"types": ["THREATEN"], "actor": "army", "recipient": None, "modality": "asserted",
                    "optional": True, "trigger": "poursuivrons"}],
        "quotes": [{"contains": "Nous poursuivrons", "speaker": "konate"}],
        "times": [{"text": "3 mars 2023", "type": "DATE", "value": "2023-03-03"},
                  {"text": "mardi", "type": "DATE", "value": "2023-02-28"}],
    }
    data.update(over)
    return GsrRecord(data, "x.jsonl:1", split="dev")


ENTITIES = [
    {"id": "e1", "name": "armée malienne", "aliases": [], "mentions": [{"text": "L'armée malienne"}]},
    {"id": "e2", "name": "rebelles", "aliases": ["positions rebelles"], "mentions": []},
    {"id": "e3", "name": "Kidal", "aliases": [], "mentions": []},
    {"id": "e4", "name": "Issa Konaté", "aliases": [], "mentions": []},
]


def system(events, quotes=None, times=None) -> dict:
    return {"id": "x-001", "entities": ENTITIES, "events": events, "quotes": quotes or [], "times": times or []}


def assault(**over) -> dict:
    ev = {"type": "ASSAULT", "actors": ["e1"], "recipients": ["e2"], "modality": "reported", "date": "2023-02-28",
          "location": "e3", "evidence": {"text": "a bombardé"}}
    ev.update(over)
    return ev


def test_a_right_event_counts_for_recall_precision_modality_date_and_place():
    t = Tally()
    start = TEXT.index("mardi")
    score_record(gold(), system([assault()], [{"text": "Nous poursuivrons", "speaker": "e4"}],
                                [{"start": start, "end": start + 5, "value": "2023-02-28"}]), t)
    f = t.figures()
    assert (f["event_recall"], f["event_precision"], f["event_f1"]) == (1.0, 1.0, 1.0)
    assert f["modality_acc"] == f["date_acc"] == f["location_acc"] == 1.0
    assert f["types"]["ASSAULT"]["f1"] == 1.0
    assert f["quote_speaker_acc"] == 1.0
    assert f["time_recall"] == 0.5 and f["time_precision"] == 1.0 and f["time_value_acc"] == 1.0
    assert not [m for m in t.misses if "missed ASSAULT" in m or "false" in m]


def test_swapped_actor_and_recipient_is_a_miss_and_a_false_event():
    t = Tally()
    score_record(gold(), system([assault(actors=["e2"], recipients=["e1"])]), t)
    f = t.figures()
    assert f["event_recall"] == 0.0 and f["event_precision"] == 0.0
    assert any(m.startswith("x-001: missed ASSAULT army -> rebels") for m in t.misses)
    assert any(m.startswith("x-001: false ASSAULT rebelles -> armée malienne") for m in t.misses)


def test_an_optional_reading_is_no_error_but_no_credit():
    t = Tally()
    threat = {"type": "THREATEN", "actors": ["e1"], "recipients": [], "modality": "asserted"}
    score_record(gold(), system([assault(), threat]), t)
    f = t.figures()
    assert f["event_precision"] == 1.0 and f["events_gold"] == 1


def test_wrong_modality_is_counted_per_modality():
    t = Tally()
    score_record(gold(), system([assault(modality="asserted")]), t)
    f = t.figures()
    assert f["event_recall"] == 1.0 and f["modality_acc"] == 0.0
    assert f["modalities"]["reported"]["recall"] == 0.0 and f["modalities"]["asserted"]["precision"] == 0.0


def test_a_wrong_place_and_a_wrong_speaker_are_misses():
    t = Tally()
    score_record(gold(), system([assault(location="e2")], [{"text": "Nous poursuivrons", "speaker": "e1"}]), t)
    f = t.figures()
    assert f["location_acc"] == 0.0 and f["quote_speaker_acc"] == 0.0
    assert any("place" in m for m in t.misses) and any("speaker" in m for m in t.misses)


def test_no_event_records_measure_false_events():
    t = Tally()
    score_record(gold(events=[]), system([assault()]), t)
    score_record(gold(id="x-002", events=[]), system([]), t)
    f = t.figures()
    assert f["no_event_records_clean"] == 0.5 and f["event_precision"] == 0.0 and f["event_recall"] is None


def test_a_record_without_output_scores_as_empty():
    t = Tally()
    score_record(gold(), {}, t)
    assert t.figures()["event_recall"] == 0.0


def test_figures_per_construction_count_only_the_records_with_that_tag():
    """Each construction tag (CODING.md section 9) gets the event and speaker figures of its own records."""
    t = Tally()
    score_record(gold(constructions=["agent-noun", "quote-pronoun"]),
                 system([assault()], [{"text": "Nous poursuivrons", "speaker": "e4"}]), t)
    other = gold(id="x-002", constructions=["agent-noun", "passive-agent"])
    score_record(other, system([]), t)
    rows = t.figures()["constructions"]
    assert rows["agent-noun"]["records"] == 2 and rows["agent-noun"]["gold"] == 2
    assert rows["agent-noun"]["recall"] == 0.5 and rows["agent-noun"]["precision"] == 1.0
    assert rows["quote-pronoun"]["recall"] == 1.0 and rows["quote-pronoun"]["quote_speaker_acc"] == 1.0
    assert rows["passive-agent"]["recall"] == 0.0 and rows["passive-agent"]["quote_speaker_acc"] == 0.0
    assert "no-event" not in rows
