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

import hashlib
import json
import logging
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

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


class Hit(NamedTuple):
    """One alias of one actor under an index key."""

    actor: str
    case: str  # one letter per key word: U (must be upper case), T (capitalised), L (any)
    folded: str  # the alias's content words, for the transliteration sanity check
    priority: int


def case_pattern(alias: str) -> tuple[list[str], str]:
    """Content words of an alias and, for each, how it must be capitalised in a text."""
    originals = _WORD.findall(nz.strip_accents(alias).replace("’", " ").replace("'", " "))
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
    """Actors by id and the alias indexes the ruler walks.

    ``index_rows`` (from ``data/actors_index.tsv``, written by
    ``scripts/build_kb.py``) spares the load the work of indexing the shipped
    aliases; actors they do not cover (a user's file) are indexed here.
    """

    def __init__(self, actors: Iterable[Actor], stoplist: Iterable[str] = (),
                 index_rows: Iterable[tuple[str, str, str, str]] | None = None) -> None:
        self.actors: dict[str, Actor] = {}
        for actor in actors:
            self._add(actor)
        self.stoplist = frozenset(stoplist)
        self.exact: dict[str, list[Hit]] = {}
        self.exact_prefixes: set[str] = set()
        self.phonetic: dict[str, list[Hit]] = {}
        self.phonetic_prefixes: set[str] = set()
        self.distinct_pairs: set[frozenset[str]] = set()
        self._by_key: dict[str, list[str]] | None = None
        self.states: dict[str, str] = {}  # ISO country code -> the state's actor id
        self._build(index_rows)

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
            old.source = "user"

    def _build(self, index_rows: Iterable[tuple[str, str, str, str]] | None) -> None:
        indexed: set[str] = set()
        if index_rows is not None:
            for k, case, actor_id, codes in index_rows:
                actor = self.actors.get(actor_id)
                if actor is None or actor.source == "user":
                    continue
                indexed.add(actor_id)
                self._put_hit(k, codes, Hit(actor_id, case, k, actor.priority))
        for actor in self.actors.values():
            if actor.type == "GPE" and actor.country and not actor.capital_of and actor.source in ("countries", "user"):
                self.states.setdefault(actor.country, actor.id)
            for other in actor.distinct:
                self.distinct_pairs.add(frozenset((actor.id, other)))
            if actor.id not in indexed:
                for k, case, codes in self.alias_keys(actor):
                    self._put_hit(k, codes, Hit(actor.id, case, k, actor.priority))

    def alias_keys(self, actor: Actor) -> Iterator[tuple[str, str, str]]:
        """(key, capitalisation, phonetic key or "") of each alias of ``actor`` that may be looked for in texts."""
        seen = set()
        for alias in actor.names():
            content, case = case_pattern(alias)
            if not content or not self._recognisable(actor, alias, content, case):
                continue
            k = " ".join(content)
            if (k, case) in seen:
                continue
            seen.add((k, case))
            # Transliteration variants are looked for in names of two words or more only: one word
            # sounds like too many others ("Michael" / "Mechaal", "Bruni" / "Brunei").
            codes = " ".join(nz.phon(w) for w in content) if len(content) >= 2 else ""
            yield k, case, codes

    def _put_hit(self, k: str, codes: str, hit: Hit) -> None:
        _put(self.exact, k, hit)
        _prefixes(self.exact_prefixes, k)
        if codes:
            _put(self.phonetic, codes, hit)
            _prefixes(self.phonetic_prefixes, codes)

    @property
    def by_key(self) -> dict[str, list[str]]:
        """Every alias key (looked for in texts or not) -> actor ids; built on first use (CLI, store)."""
        if self._by_key is None:
            self._by_key = {}
            for actor in self.actors.values():
                for alias in actor.names():
                    k = nz.key(alias)
                    if k and actor.id not in self._by_key.setdefault(k, []):
                        self._by_key[k].append(actor.id)
        return self._by_key

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

    def lookup(self, name: str) -> list[Actor]:
        """Actors an alias looked for in texts names exactly (fast: the ruler's index)."""
        return [self.actors[h.actor] for h in self.exact.get(nz.key(name), [])]

    def find(self, name: str) -> list[Actor]:
        """Actors one of whose names has the same key as ``name`` (best source first)."""
        ids = self.by_key.get(nz.key(name), [])
        return sorted((self.actors[i] for i in ids), key=lambda a: a.priority)

    def __len__(self) -> int:
        return len(self.actors)


def _put(index: dict[str, list[Hit]], k: str, hit: Hit) -> None:
    hits = index.get(k)
    if hits is None:
        index[k] = [hit]
    elif hit not in hits:
        hits.append(hit)


def _prefixes(into: set[str], k: str) -> None:
    """Every word prefix of a key ("a b c" -> "a", "a b")."""
    i = k.find(" ")
    while i > 0:
        into.add(k[:i])
        i = k.find(" ", i + 1)


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


INDEX_FILE = "actors_index.tsv"


def fingerprint() -> str:
    """What the precomputed index depends on: the KB, the lexicon and the code that makes keys."""
    from selon.entities import lexicon as lexicon_module

    h = hashlib.sha256()
    for name in ("actors.jsonl", "actors_lexicon.yaml"):
        with data_path(name).open("rb") as fh:
            h.update(fh.read())
    for module in (nz, sys.modules[__name__], lexicon_module):
        h.update(Path(module.__file__ or "").read_bytes())
    return h.hexdigest()[:16]


def read_index() -> Iterator[tuple[str, str, str, str]] | None:
    """Rows of the precomputed index, or None when it is missing or stale."""
    try:
        fh = data_path(INDEX_FILE).open("r", encoding="utf-8")
    except (FileNotFoundError, OSError):
        return None
    with fh:
        header = fh.readline().split()
        if len(header) != 3 or header[2] != fingerprint():
            log.warning("%s is stale or missing; indexing the KB at load (run scripts/build_kb.py)", INDEX_FILE)
            return None
        rows = [line.rstrip("\n").split("\t") for line in fh]
    return iter([(r[0], r[1], r[2], r[3] if len(r) > 3 else "") for r in rows if len(r) >= 3])


def write_index(kb: KnowledgeBase, path: Path) -> int:
    """Write the precomputed index of a KB built from the shipped file (used by scripts/build_kb.py)."""
    n = 0
    with path.open("w", encoding="utf-8") as fh:
        fh.write(f"# selon-kb-index {fingerprint()}\n")
        for actor in kb.actors.values():
            for k, case, codes in kb.alias_keys(actor):
                fh.write(f"{k}\t{case}\t{actor.id}\t{codes}\n")
                n += 1
    return n


def read_shipped() -> list[Actor]:
    """The shipped actors (written by our build script: trusted, parsed without re-validation)."""
    out = []
    with data_path("actors.jsonl").open("r", encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            out.append(Actor(d["id"], d["name"], d["type"], d.get("aliases") or [], d.get("country"),
                             d.get("affiliations") or [], d.get("distinct") or [], d.get("capital_of"),
                             d.get("outlet"), d.get("source") or "phoenix"))
    return out


@cache
def load_kb(extra: str | None = None) -> KnowledgeBase:
    """The shipped KB, extended by the user's file; built once per process."""
    from selon.entities.lexicon import lexicon

    actors = read_shipped()
    if extra:
        actors.extend(read_user_kb(extra))
    return KnowledgeBase(actors, stoplist=lexicon().not_names, index_rows=read_index())
