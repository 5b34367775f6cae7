"""Synthetic records for the corpus view: several outlets telling the same events, claims and denials,
and an article whose every string is hostile HTML.  Built as `selon.record.Record`s (what the extractor
produces), so the corpus code is tested independently of extraction quality."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from selon.record import Entity, Event, Mention, Quote, Record, Span
from selon.store import Store


@dataclass
class Art:
    """An article to build: text, entities as local id -> (name, type, kb_id, mention strings), events."""

    doc_id: str
    outlet: str | None
    published: str | None
    title: str
    body: str
    entities: dict[str, tuple[str, str, str | None, list[str]]] = field(default_factory=dict)
    events: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    url: str | None = None


def _find_all(text: str, needle: str) -> list[int]:
    out, i = [], text.find(needle)
    while i >= 0:
        out.append(i)
        i = text.find(needle, i + len(needle))
    return out


def build(art: Art) -> tuple[Record, str]:
    raw = f"{art.title}\n\n{art.body}\n"
    ents = []
    for local, (name, etype, kb, surfaces) in art.entities.items():
        mentions = [Mention(i, i + len(sf), sf) for sf in surfaces for i in _find_all(raw, sf)]
        assert mentions or not surfaces, f"{art.doc_id}: mention {surfaces} not in text"
        ents.append(Entity(id=local, name=name, type=etype, kb_id=kb, mentions=sorted(mentions, key=lambda m: m.start)))
    evs = []
    for n, ev in enumerate(art.events, start=1):
        ev_text = ev["evidence"]
        start = raw.find(ev_text)
        assert start >= 0, f"{art.doc_id}: evidence {ev_text!r} not in text"
        trig = None
        if ev.get("trigger"):
            t = raw.find(ev["trigger"], start)
            assert t >= 0
            trig = Span(t, t + len(ev["trigger"]), ev["trigger"])
        evs.append(Event(
            id=ev.get("id", f"v{n}"), type=ev["type"], mode=ev.get("mode"), actors=ev.get("actors", []),
            recipients=ev.get("recipients", []), date=ev.get("date"), location=ev.get("location"),
            modality=ev.get("modality", "asserted"), sources=ev.get("sources", []),
            evidence=Span(start, start + len(ev_text), ev_text), denies=ev.get("denies"), trigger=trig,
        ))
    quotes = []
    for q in art.quotes:
        qs = raw.find(q["text"])
        quotes.append(Quote(speaker=q.get("speaker"), text=q["text"], start=qs, end=qs + len(q["text"]), id=q.get("id")))
    sha = hashlib.sha256(raw.encode()).hexdigest()
    rec = Record(path=f"{art.doc_id}.txt", id=art.doc_id, language="fr", title=art.title, outlet=art.outlet,
                 published=art.published, body=art.body, entities=ents, events=evs, quotes=quotes, sha256=sha,
                 url=art.url)
    return rec, raw


QAANI = ("Ismaïl Qaani", "PERSON", None, ["Ismaïl Qaani", "Qaani"])
HANIYEH = ("Ismaïl Haniyeh", "PERSON", None, ["Ismaïl Haniyeh", "Haniyeh"])

# Three outlets report one phone call (the dates differ by a day: "samedi" vs "hier"); a fourth reports
# another call ten days later.
PHONE_CALLS = [
    Art("presstv-call", "Press TV", "2021-05-16", "Le général Qaani s'entretient avec Haniyeh",
        "Le commandant de la Force Qods, Ismaïl Qaani, s'est entretenu samedi au téléphone avec Ismaïl Haniyeh, "
        "chef du bureau politique du Hamas.",
        {"e1": QAANI, "e2": HANIYEH},
        [{"type": "CONSULT", "mode": "phone", "actors": ["e1"], "recipients": ["e2"], "date": "2021-05-15",
          "evidence": "Ismaïl Qaani, s'est entretenu samedi au téléphone avec Ismaïl Haniyeh",
          "trigger": "s'est entretenu"}]),
    Art("tasnim-call", "Tasnim", "2021-05-16", "Entretien téléphonique entre Haniyeh et Qaani",
        "Selon l'agence IRNA, Ismaïl Haniyeh a reçu samedi un appel d'Ismaïl Qaani, qui a salué la résistance "
        "palestinienne.",
        {"e1": HANIYEH, "e2": QAANI, "e3": ("IRNA", "ORG", None, ["IRNA"])},
        [{"type": "CONSULT", "mode": "phone", "actors": ["e1"], "recipients": ["e2"], "date": "2021-05-15",
          "modality": "reported", "sources": ["e3"],
          "evidence": "Ismaïl Haniyeh a reçu samedi un appel d'Ismaïl Qaani", "trigger": "a reçu"}]),
    Art("fars-call", "Fars", "2021-05-17", "Qaani à Haniyeh : l'Iran reste aux côtés de Gaza",
        "Ismaïl Qaani a téléphoné hier à Ismaïl Haniyeh pour l'assurer du soutien de l'Iran.",
        {"e1": QAANI, "e2": HANIYEH},
        [{"type": "CONSULT", "mode": None, "actors": ["e1"], "recipients": ["e2"], "date": "2021-05-16",
          "evidence": "Ismaïl Qaani a téléphoné hier à Ismaïl Haniyeh", "trigger": "a téléphoné"}]),
    Art("mayadeen-call", "Al Mayadeen", "2021-05-26", "Nouvel appel entre Qaani et Haniyeh",
        "Ismaïl Qaani et Ismaïl Haniyeh se sont de nouveau parlé au téléphone mardi, selon un communiqué du Hamas.",
        {"e1": QAANI, "e2": HANIYEH, "e3": ("Hamas", "ORG", None, ["Hamas"])},
        [{"type": "CONSULT", "mode": "phone", "actors": ["e1", "e2"], "recipients": [], "date": "2021-05-25",
          "modality": "reported", "sources": ["e3"],
          "evidence": "Ismaïl Qaani et Ismaïl Haniyeh se sont de nouveau parlé au téléphone mardi",
          "trigger": "se sont de nouveau parlé"}]),
]

HAMAS = ("Hamas", "ORG", None, ["Hamas"])
ISRAEL = ("Israël", "GPE", None, ["israéliens", "Israël"])
REUTERS = ("Reuters", "ORG", None, ["Reuters"])

# A claim (Reuters, via Al Arabiya), its denial in another article (explicit `denies` on a denied report of
# the same meeting), and a later denial with no explicit target (linked by actor and date).
CLAIM_AND_DENIALS = [
    Art("arabiya-claim", "Al Arabiya", "2023-06-04", "Des responsables du Hamas auraient rencontré des émissaires israéliens",
        "Des responsables du Hamas ont rencontré samedi à Doha des émissaires israéliens, selon des sources citées "
        "par Reuters.",
        {"e1": HAMAS, "e2": ISRAEL, "e3": REUTERS},
        [{"type": "CONSULT", "mode": "meeting", "actors": ["e1"], "recipients": ["e2"], "date": "2023-06-03",
          "location": "Doha", "modality": "reported", "sources": ["e3"],
          "evidence": "Des responsables du Hamas ont rencontré samedi à Doha des émissaires israéliens",
          "trigger": "ont rencontré"}]),
    Art("manar-denial", "Al-Manar", "2023-06-05", "Le Hamas dément toute rencontre avec Israël",
        "Le Hamas a démenti lundi avoir rencontré des responsables israéliens à Doha, qualifiant ces informations "
        "de « mensonges ».",
        {"e1": HAMAS, "e2": ISRAEL},
        [{"id": "v1", "type": "CONSULT", "actors": ["e1"], "recipients": ["e2"], "date": None, "location": "Doha",
          "modality": "denied", "sources": ["e1"],
          "evidence": "avoir rencontré des responsables israéliens à Doha", "trigger": "rencontré"},
         {"id": "v2", "type": "REJECT", "actors": ["e1"], "recipients": [], "date": "2023-06-05", "denies": "v1",
          "evidence": "Le Hamas a démenti lundi avoir rencontré des responsables israéliens à Doha",
          "trigger": "a démenti"}]),
    Art("olj-denial", "L'Orient-Le Jour", "2023-06-06", "Le Hamas rejette à nouveau les informations de Reuters",
        "Le Hamas a de nouveau rejeté mardi les informations publiées par Reuters.",
        {"e1": HAMAS, "e2": REUTERS},
        [{"type": "REJECT", "actors": ["e1"], "recipients": ["e2"], "date": "2023-06-06",
          "evidence": "Le Hamas a de nouveau rejeté mardi les informations publiées par Reuters",
          "trigger": "a de nouveau rejeté"}]),
]

CONTEXT = [
    Art("irna-support", "IRNA", "2023-06-10", "L'Iran réaffirme son soutien au Hamas",
        "L'Iran a réaffirmé jeudi son soutien au Hamas, a déclaré le porte-parole de la diplomatie iranienne.",
        {"e1": ("Iran", "GPE", None, ["L'Iran"]), "e2": HAMAS},
        [{"type": "SUPPORT", "actors": ["e1"], "recipients": ["e2"], "date": "2023-06-08",
          "evidence": "L'Iran a réaffirmé jeudi son soutien au Hamas", "trigger": "a réaffirmé"}]),
    Art("olj-strike", "L'Orient-Le Jour", "2023-06-12", "Frappe israélienne au Liban-Sud",
        "Israël a frappé dimanche une position du Hezbollah au Liban-Sud.",
        {"e1": ISRAEL, "e2": ("Hezbollah", "ORG", None, ["Hezbollah"])},
        [{"type": "ASSAULT", "mode": "airstrike", "actors": ["e1"], "recipients": ["e2"], "date": "2023-06-11",
          "location": "Liban-Sud", "evidence": "Israël a frappé dimanche une position du Hezbollah au Liban-Sud",
          "trigger": "a frappé"}]),
]

XSS_TITLE = "<script>window.__xss = 'title'</script>Alerte"
XSS = Art(
    "xss", "<img src=x onerror=\"window.__xss='outlet'\">", "2023-06-07", XSS_TITLE,
    "Le groupe <img src=x onerror=\"window.__xss='body'\"> a menacé le Hamas. Voir javascript:window.__xss='link' "
    "et <a href=\"javascript:window.__xss='href'\">ce lien</a>. <script>window.__xss='body-script'</script>",
    {"e1": ("<img src=x onerror=\"window.__xss='actor'\">", "ORG", None, ["<img src=x onerror=\"window.__xss='body'\">"]),
     "e2": HAMAS},
    [{"type": "THREATEN", "actors": ["e1"], "recipients": ["e2"], "date": "2023-06-06",
      "location": "<svg onload=\"window.__xss='loc'\">", "modality": "asserted",
      "evidence": "Le groupe <img src=x onerror=\"window.__xss='body'\"> a menacé le Hamas",
      "trigger": "a menacé"}],
    url="javascript:window.__xss='url'",
)

ALL = PHONE_CALLS + CLAIM_AND_DENIALS + CONTEXT + [XSS]


def fill(store: Store, arts: list[Art] | None = None) -> dict[str, int]:
    """Store the fixture articles; returns doc id -> article id."""
    ids = {}
    for art in ALL if arts is None else arts:
        rec, raw = build(art)
        art_id = store.add(rec, raw)
        assert art_id is not None
        ids[art.doc_id] = art_id
    return ids
