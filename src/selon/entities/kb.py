"""The actor knowledge base: shipped ``data/actors.jsonl`` plus an optional user file.

One JSON object per line (see ``data/README.md``)::

    {"id": "Q38799", "name": "Hamas", "type": "ORG", "aliases": ["Mouvement de la Résistance islamique", ...],
     "country": "PS", "affiliations": [{"to": "...", "relation": "member_of", "start": null, "end": null}],
     "distinct": ["..."], "source": "curated"}

Loaded once per process (``load_kb``).  The alias index maps the content-word
key of every alias (``normalize.key``) to the actors it names, with the
alias's capitalisation (an alias written "Monde" only matches a capitalised
word, "CGRI" only an upper-case one), and a phonetic index catches
transliteration variants the data does not list.
"""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from selon.data import data_path
from selon.entities import normalize as nz

log = logging.getLogger(__name__)

TYPES = ("PERSON", "ORG", "GPE", "LOC", "EVENT")
# Which source wins when two actors share an alias: ours first, then the converted dictionaries.
SOURCE_PRIORITY = {"user": 0, "curated": 1, "outlets": 1, "countries": 2, "generated": 3, "phoenix": 4}
_WORD = re.compile(r"[^\W_]+")


class KBError(RuntimeError):
    """A knowledge-base file that cannot be used (with the file and line)."""


@dataclass
class Actor:
    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    country: str | None = None
    affiliations: list[dict[str, Any]] = field(default_factory=list)
    distinct: list[str] = field(default_factory=list)
    capital_of: str | None = None
    outlet: dict[str, Any] | None = None
    source: str = "user"

    @property
    def priority(self) -> int:
        return SOURCE_PRIORITY.get(self.source, 5)

    def names(self) -> list[str]:
        return [self.name, *[a for a in self.aliases if a != self.name]]

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "name": self.name, "type": self.type, "aliases": self.aliases}
        for k in ("country", "capital_of", "outlet"):
            if getattr(self, k):
                out[k] = getattr(self, k)
        if self.affiliations:
            out["affiliations"] = self.affiliations
        if self.distinct:
            out["distinct"] = self.distinct
        out["source"] = self.source
        return out


@dataclass(frozen=True)
class Hit:
    """One alias of one actor under an index key."""

    actor: str
    case: str  # one letter per key word: U (must be upper case), T (capitalised), L (any)
    folded: str  # the alias's content words, for the transliteration sanity check
    priority: int


def case_pattern(alias: str) -> tuple[list[str], str]:
    """Content words of an alias and, for each, how it must be capitalised in a text."""
    stripped = "".join(c for c in unicodedata.normalize("NFKD", alias) if not unicodedata.combining(c))
    originals = _WORD.findall(stripped.replace("’", " ").replace("'", " "))
    folded = nz.words(alias)
    if len(originals) != len(folded):  # odd characters: fall back to "any case"
        originals = folded
    content = nz.content_words(folded)
    pattern = []
    j = 0
    for w in content:
        while j < len(folded) and folded[j] != w:
            j += 1
        orig = originals[j] if j < len(originals) else w
        j += 1
        if len(orig) >= 2 and orig.isupper() and orig.isalpha():
            pattern.append("U")
        elif orig[:1].isupper():
            pattern.append("T")
        else:
            pattern.append("L")
    return content, "".join(pattern)


class KnowledgeBase:
    """Actors by id and the alias indexes the ruler walks."""

    def __init__(self, actors: Iterable[Actor], stoplist: Iterable[str] = ()) -> None:
        self.actors: dict[str, Actor] = {}
        for actor in actors:
            self._add(actor)
        self.stoplist = frozenset(stoplist)
        self.exact: dict[str, list[Hit]] = {}
        self.exact_prefixes: set[str] = set()
        self.phonetic: dict[str, list[Hit]] = {}
        self.phonetic_prefixes: set[str] = set()
        self.distinct_pairs: set[frozenset[str]] = set()
        self.by_key: dict[str, list[str]] = {}
        self.states: dict[str, str] = {}  # ISO country code -> the state's actor id
        self._build()

    def _add(self, actor: Actor) -> None:
        old = self.actors.get(actor.id)
        if old is None:
            self.actors[actor.id] = actor
            return
        # A later file (the user's) extends or corrects an actor it names by id.
        if actor.source == "user":
            old.name = actor.name or old.name
            old.type = actor.type or old.type
            old.aliases = _dedupe([*old.aliases, *actor.aliases])
            old.affiliations = [*old.affiliations, *actor.affiliations]
            old.distinct = _dedupe([*old.distinct, *actor.distinct])
            old.country = actor.country or old.country

    def _build(self) -> None:
        for actor in self.actors.values():
            if actor.type == "GPE" and actor.country and not actor.capital_of and actor.source in ("countries", "user"):
                self.states.setdefault(actor.country, actor.id)
            for other in actor.distinct:
                self.distinct_pairs.add(frozenset((actor.id, other)))
            for alias in actor.names():
                self._index(actor, alias)

    def _index(self, actor: Actor, alias: str) -> None:
        content, case = case_pattern(alias)
        if not content:
            return
        k = " ".join(content)
        self.by_key.setdefault(k, [])
        if actor.id not in self.by_key[k]:
            self.by_key[k].append(actor.id)
        if not self._recognisable(actor, alias, content, case):
            return
        hit = Hit(actor.id, case, k, actor.priority)
        _put(self.exact, k, hit)
        for i in range(1, len(content)):
            self.exact_prefixes.add(" ".join(content[:i]))
        if len(content) >= 2 or len(k) >= 6:
            codes = [nz.phon(w) for w in content]
            _put(self.phonetic, " ".join(codes), hit)
            for i in range(1, len(codes)):
                self.phonetic_prefixes.add(" ".join(codes[:i]))

    def _recognisable(self, actor: Actor, alias: str, content: list[str], case: str) -> bool:
        """Whether an alias may be looked for in texts (all aliases still serve identity)."""
        if len(content) == 1:
            word = content[0]
            if word in self.stoplist or len(word) < 2 or word.isdigit():
                return False
            if case == "L" and actor.source not in ("curated", "user", "outlets"):
                return False  # a lower-case single word from a converted dictionary is a common noun
            if actor.type == "PERSON" and actor.source == "phoenix":
                return False  # a bare surname names many people: folded inside a document instead
            if len(word) <= 3 and case != "U":
                return False
        elif all(c == "L" for c in case) and actor.source not in ("curated", "user", "outlets", "generated", "countries"):
            return False
        return True

    # -- lookups ------------------------------------------------------------
    def get(self, actor_id: str | None) -> Actor | None:
        return self.actors.get(actor_id) if actor_id else None

    def state(self, code: str | None) -> str | None:
        """The actor id of the state with this ISO code."""
        return self.states.get(code.upper()) if code else None

    def distinct(self, a: str, b: str) -> bool:
        return a != b and frozenset((a, b)) in self.distinct_pairs

    def find(self, name: str) -> list[Actor]:
        """Actors one of whose names has the same key as ``name`` (best source first)."""
        ids = self.by_key.get(nz.key(name), [])
        return sorted((self.actors[i] for i in ids), key=lambda a: a.priority)

    def __len__(self) -> int:
        return len(self.actors)


def _put(index: dict[str, list[Hit]], k: str, hit: Hit) -> None:
    hits = index.setdefault(k, [])
    if all(h.actor != hit.actor or h.case != hit.case for h in hits):
        hits.append(hit)


def _dedupe(items: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for x in items:
        seen.setdefault(x, None)
    return list(seen)


def actor_from_dict(data: dict[str, Any], source: str | None = None, where: str = "") -> Actor:
    """Validate one KB object; raises KBError naming ``where``."""
    if not isinstance(data, dict):
        raise KBError(f"{where}: expected a JSON object, got {type(data).__name__}")
    missing = [k for k in ("id", "name", "type") if not data.get(k)]
    if missing:
        raise KBError(f"{where}: missing {', '.join(missing)}")
    if data["type"] not in TYPES:
        raise KBError(f"{where}: type {data['type']!r} is not one of {', '.join(TYPES)}")
    aliases = data.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise KBError(f"{where}: aliases must be a list of strings")
    affiliations = data.get("affiliations") or []
    if not isinstance(affiliations, list) or not all(isinstance(a, dict) for a in affiliations):
        raise KBError(f"{where}: affiliations must be a list of objects")
    distinct = data.get("distinct") or []
    if not isinstance(distinct, list):
        raise KBError(f"{where}: distinct must be a list of actor ids")
    return Actor(
        id=str(data["id"]), name=nz.squash_spaces(str(data["name"])), type=data["type"],
        aliases=[nz.squash_spaces(a) for a in aliases if a.strip()],
        country=data.get("country"), affiliations=affiliations, distinct=[str(d) for d in distinct],
        capital_of=data.get("capital_of"), outlet=data.get("outlet"),
        source=source or str(data.get("source") or "user"),
    )


def read_jsonl(lines: Iterable[str], where: str, source: str | None = None) -> Iterator[Actor]:
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise KBError(f"{where}:{n}: not JSON ({exc.msg})") from None
        yield actor_from_dict(data, source, f"{where}:{n}")


def read_user_kb(path: str) -> list[Actor]:
    """A user KB: JSON lines (one actor per line) or YAML (a list of actors, or {actors: [...]})."""
    p = Path(path)
    if not p.is_file():
        raise KBError(f"{path}: no such KB file")
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise KBError(f"{path}: cannot read ({exc})") from None
    if p.suffix.lower() in (".yaml", ".yml"):
        import yaml

        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise KBError(f"{path}: not YAML ({exc})") from None
        items = data.get("actors") if isinstance(data, dict) else data
        if not isinstance(items, list):
            raise KBError(f"{path}: expected a list of actors")
        return [actor_from_dict(d, "user", f"{path}:#{i + 1}") for i, d in enumerate(items)]
    return list(read_jsonl(text.splitlines(), path, "user"))


@cache
def load_kb(extra: str | None = None) -> KnowledgeBase:
    """The shipped KB, extended by the user's file; built once per process."""
    with data_path("actors.jsonl").open("r", encoding="utf-8") as fh:
        actors = list(read_jsonl(fh, "actors.jsonl"))
    if extra:
        actors.extend(read_user_kb(extra))
    from selon.entities.lexicon import lexicon

    return KnowledgeBase(actors, stoplist=lexicon().not_names)
