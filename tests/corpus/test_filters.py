"""The one filter parser behind the CLI options and the Python API's arguments."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import pytest

from selon.corpus.filters import FilterError, parse
from selon.store import open_store
from tests.corpus import fixtures as fx


@pytest.fixture(scope="module")
def conn(tmp_path_factory):
    with open_store(str(tmp_path_factory.mktemp("f") / "f.db")) as st, st.engine.connect() as c:
        fx.fill(st)
        yield c


def test_values_are_normalised(conn):
    f = parse(conn, type=["consult", "CONSULT", "Reject"], modality="Denied", outlet="agence Tasnim",
              since="2021-05", until="2023")
    assert (f.types, f.modality, f.outlet, f.since, f.until) == (
        ["CONSULT", "REJECT"], "denied", "Tasnim", "2021-05-01", "2023-12-31")
    days = parse(conn, since=date(2021, 5, 15), until=datetime(2021, 5, 20, 23, 59))
    assert (days.since, days.until) == ("2021-05-15", "2021-05-20")
    assert parse(conn, since=pd.Timestamp("2021-05-15")).since == "2021-05-15"


def test_actors_by_name_id_and_several(conn):
    seen = []
    f = parse(conn, actor=["Haniyeh", "Haniyeh"], on_ambiguous=lambda *a: seen.append(a))
    assert len(f.actor_ids) == 1 and not seen
    assert parse(conn, actor=f.actor_ids[0]).actor_ids == f.actor_ids
    parse(conn, actor="Ismaïl", on_ambiguous=lambda *a: seen.append(a))  # Qaani and Haniyeh
    assert seen and seen[0][0] == "Ismaïl" and seen[0][2]


@pytest.mark.parametrize(("given", "argument"), [
    ({"type": "BOMBARD"}, "type"), ({"type": [3]}, "type"), ({"modality": "peut-être"}, "modality"),
    ({"since": "hier"}, "since"), ({"until": "2023-02-30"}, "until"), ({"since": 2021}, "since"),
    ({"since": pd.NaT}, "since"), ({"since": "2024", "until": "2023"}, "since"), ({"outlet": "Le Monde"}, "outlet"),
    ({"outlet": 5}, "outlet"), ({"actor": "Personne"}, "actor"), ({"actor": 0}, "actor"), ({"actor": 2**80}, "actor"),
    ({"actor": True}, "actor"), ({"actor": 3.5}, "actor"), ({"actor": "%"}, "actor"),
])
def test_bad_values_name_their_argument(conn, given, argument):
    with pytest.raises(FilterError) as err:
        parse(conn, **given)
    assert err.value.argument == argument and str(err.value).startswith(f"{argument}: ")
    assert isinstance(err.value, ValueError)
