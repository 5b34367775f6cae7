"""Quotations and their speakers: marks, reported speech, incises, chains, pronouns."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml

from selon.clean import norm
from selon.sources.quote_marks import find_quote_spans
from tests.records import names

# --- finding quoted stretches -----------------------------------------------------------------------------


def spans(text: str) -> list[str]:
    return [text[r.start:r.end] for r in find_quote_spans(text)]


def test_french_english_and_straight_marks():
    text = "Il a dit « bonjour à tous » puis “au revoir” et enfin \"merci beaucoup\"."
    assert spans(text) == ["bonjour à tous", "au revoir", "merci beaucoup"]


def test_nested_quotes_stay_inside_the_outer_one():
    text = "« Il m'a dit “non, jamais” devant tous », a-t-il raconté."
    assert spans(text) == ["Il m'a dit “non, jamais” devant tous"]


def test_multi_paragraph_quotation_reopened_with_guillemets():
    text = "« Première partie du discours.\n\n« Seconde partie du discours », a-t-il conclu."
    found = spans(text)
    assert len(found) == 1 and found[0].startswith("Première") and found[0].endswith("discours")


def test_unclosed_quotation_stops_at_the_paragraph():
    text = "« Une citation sans fin\n\nUn autre paragraphe."
    assert spans(text) == ["Une citation sans fin"]


def test_lone_straight_quote_is_ignored():
    assert spans('Le prix est de 5" environ.\nRien ici.') == []


def test_adversarial_input_is_linear():
    text = "«" * 20000 + "a" * 20000 + '"' * 20000
    t0 = time.perf_counter()
    find_quote_spans(text)
    assert time.perf_counter() - t0 < 2.0


# --- speakers ---------------------------------------------------------------------------------------------

# Articles written for these tests, each quotation with the speaker a reader would name.  The quotations
# are invented: they are not reports of what the people named said.
SPEAKER_FIXTURES = [
    ("""Le ministre iranien des Affaires étrangères, Hossein Amir-Abdollahian, s'est exprimé mardi à Téhéran.

« Nous ne resterons pas les bras croisés face à ces agressions », a déclaré Hossein Amir-Abdollahian devant la presse. « Toute nouvelle attaque recevra une réponse ferme », a-t-il ajouté.

Il a ensuite déclaré : « La diplomatie reste notre premier choix. »""",
     ["Amir-Abdollahian", "Amir-Abdollahian", "Amir-Abdollahian"]),
    ("""Emmanuel Macron a reçu lundi le roi Abdallah II de Jordanie à l'Élysée.

« La France soutient pleinement les efforts de paix de la Jordanie », a affirmé Emmanuel Macron à l'issue de l'entretien. Le roi Abdallah II a pour sa part souligné que « la solution à deux États reste la seule voie possible ».

« Nous devons agir vite », a poursuivi le souverain.""", ["Macron", "Abdallah", "Abdallah"]),
    ("""Le secrétaire d'État américain Antony Blinken a appelé mercredi à la retenue.

Antony Blinken : « Personne n'a intérêt à une escalade dans la région. »

« Nous travaillons avec nos partenaires pour éviter un conflit plus large », a-t-il expliqué aux journalistes.""",
     ["Blinken", "Blinken"]),
    ("""Selon Vladimir Poutine, « l'opération se poursuivra jusqu'à ce que ses objectifs soient atteints ».

Le président russe a également estimé que les sanctions occidentales étaient « vouées à l'échec ».""",
     ["Poutine", "Poutine"]),
    ("""Le porte-parole du Hamas, Hazem Qassem, a réagi jeudi à l'annonce.

« Cette décision est une provocation contre notre peuple », a dit Hazem Qassem. « Nous appelons toutes les factions à l'unité », a-t-il poursuivi.

De son côté, Benyamin Netanyahou a assuré : « Israël se défendra par tous les moyens. »""",
     ["Qassem", "Qassem", "Netanyahou"]),
    ("""Angela Merkel a pris la parole devant le Bundestag.

Elle a déclaré : « L'Europe doit rester unie face à cette crise. » « Aucun pays ne peut y arriver seul », a-t-elle ajouté.""",
     ["Merkel", "Merkel"]),
    ("""Le chef de la diplomatie européenne, Josep Borrell, a commenté la situation à Bruxelles.

« Le droit international doit être respecté par toutes les parties », a estimé Josep Borrell.

Interrogé sur les négociations, il a répondu : « Nous ne renoncerons pas au dialogue. »""", ["Borrell", "Borrell"]),
    ("""« Les frappes ont touché des cibles militaires », a indiqué le général Kenneth McKenzie dans un communiqué.

« Aucune victime civile n'est à déplorer », a ajouté le général, qui commande les forces américaines dans la région.""",
     ["McKenzie", "McKenzie"]),
    ("""Recep Tayyip Erdogan a accusé samedi les pays occidentaux d'hypocrisie.

« Ceux qui se taisent aujourd'hui devant ce massacre en porteront la responsabilité », a lancé Recep Tayyip Erdogan lors d'un meeting à Istanbul.""",
     ["Erdogan"]),
    ("""Le Premier ministre libanais Najib Mikati a dénoncé un « nouveau crime israélien » après la frappe sur Beyrouth.

Il a ajouté : « Le Liban ne veut pas la guerre, mais il ne la craint pas. »""", ["Mikati", "Mikati"]),
    ("""Volodymyr Zelensky s'est adressé au Congrès américain.

“Nous ne demandons pas la charité, nous demandons des armes”, a affirmé Volodymyr Zelensky.

Le président ukrainien a conclu : “L'Ukraine tiendra.”""", ["Zelensky", "Zelensky"]),
    ("""Le Hezbollah a qualifié l'assassinat d'« attaque grave contre le Liban » et promis une riposte.

Hassan Nasrallah a déclaré : les représailles seront proportionnées et viendront en temps voulu.""",
     ["Hezbollah", "Nasrallah"]),
]


@pytest.fixture(scope="module")
def speaker_results(article):
    results = []
    for body, wanted in SPEAKER_FIXTURES:
        rec = article(body)
        got = [names(rec, q.speaker)[0] if q.speaker else None for q in rec.quotes]
        results.append((body, wanted, got, rec))
    return results


def test_quote_speaker_accuracy_on_fixtures(speaker_results):
    ok = total = 0
    for _body, wanted, got, _rec in speaker_results:
        for i, w in enumerate(wanted):
            total += 1
            ok += i < len(got) and got[i] is not None and w.lower() in got[i].lower()
    accuracy = ok / total
    print(f"\nquote speaker accuracy on fixtures: {ok}/{total} = {accuracy:.3f}")
    assert accuracy >= 0.9


def test_every_fixture_quotation_found(speaker_results):
    for body, wanted, got, _rec in speaker_results:
        assert len(got) == len(wanted), body[:80]


def test_quotes_have_ids_and_raw_offsets(speaker_results):
    for _body, _wanted, _got, rec in speaker_results:
        ids = [q.id for q in rec.quotes]
        assert ids == [f"q{n}" for n in range(1, len(ids) + 1)]


def test_scare_quotes_are_not_quotations(article):
    rec = article("Le régime a dénoncé les « terroristes » qui, selon lui, menacent la « stabilité » du pays.")
    assert rec.quotes == []


def test_unattributed_quotation_has_no_speaker(article):
    rec = article("« La situation est très préoccupante », pouvait-on lire sur une banderole à Beyrouth.")
    assert [q.speaker for q in rec.quotes] == [None]


# --- the quotation fixture set (tests/sources/fixtures/quote_speakers.yaml) ----------------------------------

FIXTURES = Path(__file__).parent / "fixtures" / "quote_speakers.yaml"


def _speaker_matches(rec, speaker: str | None, wanted: str | None) -> bool:
    if wanted is None:  # a quotation nobody is said to speak
        return speaker is None
    if not speaker:
        return False
    ent = next((e for e in rec.entities if e.id == speaker), None)
    if ent is None:
        return False
    strings = {norm(s) for s in [ent.name, *ent.aliases, *(m.text for m in ent.mentions)]}
    return any(norm(w) in s for w in wanted.split("|") for s in strings)


@pytest.fixture(scope="module")
def fixture_set(article):
    items = yaml.safe_load(FIXTURES.read_text(encoding="utf-8"))
    out = []
    for item in items:
        rec = article(item["text"])
        for want in item["quotes"]:
            hits = [q for q in rec.quotes if norm(want["contains"]) in norm(q.text)]
            ok = any(_speaker_matches(rec, q.speaker, want["speaker"]) for q in hits)
            out.append((item["construction"], want, bool(hits), ok))
        for term in item.get("not_quotes", []):
            wrong = [q.text for q in rec.quotes if norm(term) in norm(q.text)]
            out.append((item["construction"], {"contains": term, "speaker": "(no quotation)"}, True, not wrong))
    return out


def test_fixture_set_is_large_and_varied(fixture_set):
    assert len(fixture_set) >= 30
    assert len({c for c, *_ in fixture_set}) >= 20


def test_quote_speaker_accuracy_on_the_fixture_set(fixture_set):
    found = sum(f for _c, _w, f, _ok in fixture_set)
    right = sum(ok for *_rest, ok in fixture_set)
    total = len(fixture_set)
    misses = [f"{c}: {w['contains']!r} -> {w['speaker']}" for c, w, _f, ok in fixture_set if not ok]
    print(f"\nquote fixture set: found {found}/{total} = {found / total:.3f}, "
          f"speaker {right}/{total} = {right / total:.3f}")
    for m in misses:
        print("  miss:", m)
    assert found / total >= 0.95
    assert right / total >= 0.9
