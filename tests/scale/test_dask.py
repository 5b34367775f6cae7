"""Extraction on a real Dask cluster gives the same records as one process, in the same order.

One LocalCluster (two worker processes, one thread each) serves the whole
module, reached through its tcp:// address like a remote cluster: the
workers load the pipeline once (WorkerPlugin) and keep it for every test.
"""

from __future__ import annotations

import json
import logging
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import dask.config
import pytest
from typer.testing import CliRunner

import selon.demo
from selon.cli import app
from selon.ingest import iter_documents
from selon.pipeline import Extracted, Extractor, Result

DEMO = Path(selon.demo.__path__[0])

ARTICLES = {
    "port.txt": (
        "Grève illimitée au port de Marseille\n\n"
        "Les dockers du port de Marseille ont entamé mardi une grève illimitée pour protester contre "
        "la réforme des retraites, a annoncé la CGT dans un communiqué.\n\n"
        "« Nous ne reprendrons pas le travail tant que le gouvernement ne nous aura pas reçus », a déclaré "
        "Karim Benali, secrétaire général du syndicat des dockers, devant la presse.\n"),
    "sahel.txt": (
        "Le Niger suspend sa coopération militaire avec le Bénin\n\n"
        "Le gouvernement du Niger a suspendu jeudi sa coopération militaire avec le Bénin, accusé de "
        "laisser des groupes armés franchir la frontière, selon un communiqué lu à la télévision publique.\n\n"
        "Cotonou a démenti ces accusations vendredi et appelé Niamey au dialogue.\n"),
    "onu.txt": (
        "Le Conseil de sécurité réclame un cessez-le-feu au Soudan\n\n"
        "Le Conseil de sécurité de l'ONU a adopté lundi à New York une résolution réclamant un "
        "cessez-le-feu immédiat au Soudan, a rapporté l'AFP.\n\n"
        "Le texte, présenté par le Royaume-Uni, a recueilli quatorze voix, la Russie s'étant abstenue.\n"),
    "energie.txt": (
        "Accord gazier entre l'Algérie et l'Italie\n\n"
        "L'Algérie et l'Italie ont signé le 18 janvier 2023 à Alger un accord pour augmenter les "
        "livraisons de gaz, a indiqué la compagnie Sonatrach.\n\n"
        "La présidente du Conseil italien, Giorgia Meloni, a salué « un partenariat stratégique ».\n"),
    "vide.txt": "",  # an InputError: it must come out at its place in the stream too
    "manif.txt": (
        "Manifestation à Tunis contre la vie chère\n\n"
        "Plusieurs milliers de personnes ont manifesté samedi à Tunis contre la hausse des prix, à "
        "l'appel de l'UGTT, a rapporté l'agence TAP.\n\n"
        "La police a dispersé le cortège en fin d'après-midi, selon des témoins.\n"),
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    """A real two-process LocalCluster; its scheduler's tcp:// address."""
    from distributed import LocalCluster

    try:
        lc = LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None,
                          silence_logs=logging.ERROR)
    except Exception as exc:  # noqa: BLE001 - no processes or sockets here: nothing to test against
        pytest.skip(f"dask cannot start a local cluster: {exc}")
    threading.Thread(target=_warm, args=(lc.scheduler_address,), daemon=True).start()
    with lc:
        yield lc.scheduler_address


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[str]:
    d = tmp_path_factory.mktemp("articles")
    for name, text in ARTICLES.items():
        (d / name).write_text(text, encoding="utf-8")
    return [str(d), str(DEMO)]


def _warm(address: str) -> None:
    """Workers load the pipeline while the test process loads its own (the slow part, done once)."""
    from distributed import Client

    from selon.scale.dask import ExtractorPlugin

    with Client(address, set_as_default=False) as client:
        plugin = ExtractorPlugin()
        client.register_plugin(plugin, name=plugin.name)


def _shown(results: list[Result]) -> list[str]:
    return [r.record.to_json(indent=None) if isinstance(r, Extracted) else f"error: {r}" for r in results]


def test_cluster_records_equal_single_process(cluster: str, corpus: list[str], extractor: Extractor):
    from selon.scale.dask import dask_extract

    single = _shown(list(extractor.run(iter_documents(corpus))))
    # chunks of 2 and a window of 3: many chunks in flight, finishing out of order on two workers
    on_dask = _shown(list(dask_extract(iter_documents(corpus), cluster, chunk_size=2, window=3)))
    assert len(single) == len(ARTICLES) + 17  # the demo corpus: 17 articles
    assert sum(s.startswith("error:") for s in single) == 1
    assert sorted(on_dask) == sorted(single)  # byte for byte
    assert on_dask == single  # and in input order


def test_cli_extract_and_ingest_on_the_cluster(cluster: str, corpus: list[str], tmp_path: Path):
    runner = CliRunner()
    one = runner.invoke(app, ["extract", corpus[0]])
    many = runner.invoke(app, ["extract", corpus[0], "--scheduler", cluster])
    assert one.exit_code == many.exit_code == 1  # the empty file, named on stderr
    assert many.stdout == one.stdout and many.stdout.count("\n") == len(ARTICLES) - 1
    assert "vide.txt" in many.stderr and "Traceback" not in many.output

    db = str(tmp_path / "s.db")
    res = runner.invoke(app, ["ingest", corpus[0], "--db", db, "--scheduler", cluster])
    assert res.exit_code == 1 and "5 articles stored" in res.stderr and "1 skipped" in res.stderr
    again = runner.invoke(app, ["ingest", corpus[0], "--db", db, "--scheduler", cluster])
    assert "5 already stored" in again.stderr
    stats = json.loads(runner.invoke(app, ["stats", "--db", db, "--json"]).stdout)
    assert stats["articles"] == len(ARTICLES) - 1


def test_user_kb_is_shipped_to_the_workers(cluster: str, tmp_path: Path):
    """The KB's bytes travel with the plugin: workers need not see the client's files."""
    kb = tmp_path / "extra.jsonl"
    kb.write_text('{"id": "test-fplo", "name": "Front populaire de libération de l\'Ostrélie", "type": "ORG", '
                  '"aliases": ["FPLO"]}\n', encoding="utf-8")
    art = tmp_path / "a.txt"
    art.write_text("Attentat à Dornak\n\nLe FPLO a revendiqué mardi l'attentat de Dornak, selon un communiqué.\n",
                   encoding="utf-8")
    res = CliRunner().invoke(app, ["extract", str(art), "--kb", str(kb), "--scheduler", cluster])
    assert res.exit_code == 0, res.output
    rec = json.loads(res.stdout)
    assert any(e.get("kb_id") == "test-fplo" for e in rec["entities"]), rec["entities"]


def test_unreachable_scheduler_is_one_line_and_exit_2(tmp_path: Path):
    art = tmp_path / "a.txt"
    art.write_text(ARTICLES["onu.txt"], encoding="utf-8")
    address = f"tcp://127.0.0.1:{_free_port()}"  # nothing listens there
    runner = CliRunner()
    with dask.config.set({"distributed.comm.timeouts.connect": "2s"}):
        for args in (["extract", str(art)], ["ingest", str(art), "--db", str(tmp_path / "s.db")]):
            res = runner.invoke(app, [*args, "--scheduler", address])
            assert res.exit_code == 2, res.output
            assert res.stderr.strip().splitlines() == [f"selon: cannot reach the Dask scheduler at {address}: "
                                                       "Connection refused"]
            assert res.stdout == ""
        res = runner.invoke(app, ["extract", str(art), "--scheduler", "no-port-here"])
        assert res.exit_code == 2 and len(res.stderr.strip().splitlines()) == 1
        assert "cannot reach the Dask scheduler at no-port-here" in res.stderr


def test_local_scheduler_starts_the_requested_workers():
    from selon.scale.dask import connect

    client, lc = connect("local", workers=1)
    try:
        assert lc is not None and list(client.nthreads().values()) == [1]
    finally:
        client.close()
        lc.close()
