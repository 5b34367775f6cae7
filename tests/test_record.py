from selon.record import Entity, Event, Mention, Quote, Record, Removed, Span, Time


def sample() -> Record:
    return Record(
        path="a.txt", id="x1", language="fr", title="T", outlet="AFP", published="2021-05-15", body="B",
        removed=[Removed(0, 2, "header")],
        entities=[Entity("e1", "Ismail Haniyeh", "PERSON", None, ["Haniyeh"], ["chef"], [Mention(3, 10, "Haniyeh")])],
        events=[Event("v1", "CONSULT", "phone", ["e1"], [], "2021-05-15", None, "reported", ["e1"],
                      Span(0, 5, "abcde"))],
        quotes=[Quote("e1", "Nous", 1, 5)],
        times=[Time(0, 5, "lundi", "DATE", "2021-05-10", inferred=True)],
    )


def test_json_round_trip_is_lossless():
    rec = sample()
    again = Record.from_json(rec.to_json())
    assert again == rec


def test_optional_fields_only_when_set():
    d = sample().to_dict()
    assert "denies" not in d["events"][0] and "text" not in d
    assert d["times"][0]["inferred"] is True


def test_unknown_keys_from_newer_writers_are_ignored():
    d = sample().to_dict()
    d["future_field"] = 1
    d["entities"][0]["confidence"] = 0.5
    assert Record.from_dict(d).entities[0].name == "Ismail Haniyeh"
