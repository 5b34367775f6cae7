"""Outlet profiles (``data/outlets.yaml``): who publishes, from where, owned by whom.

Outlets appear twice in a corpus: as the publication an article comes from
(``articles.outlet``, already the profile name when known) and as a source
cited inside articles ("selon Reuters": an entity, hence an actor).  Both are
looked up here by any of the profile's names.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from functools import cache
from typing import Any

from selon.clean import norm
from selon.data import load_yaml


@dataclass(frozen=True)
class Profile:
    name: str
    country: str | None
    state_affiliated: bool | None
    owner: str | None
    kind: str | None
    kb_id: str | None
    domains: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["domains"] = list(self.domains)
        return out


@cache
def _index() -> dict[str, Profile]:
    index: dict[str, Profile] = {}
    for o in load_yaml("outlets.yaml") or []:
        prof = Profile(
            name=o["name"], country=o.get("country"),
            state_affiliated=o.get("state_affiliated") if isinstance(o.get("state_affiliated"), bool) else None,
            owner=o.get("owner"), kind=o.get("kind"), kb_id=o.get("kb_id"),
            domains=tuple(o.get("domains") or ()),
        )
        for alias in [o["name"], *(o.get("aliases") or [])]:
            index.setdefault(norm(alias), prof)
    return index


def profile(name: str | None) -> Profile | None:
    """The profile of an outlet named ``name`` (any alias, any case or accents), else None."""
    if not name:
        return None
    return _index().get(norm(name))


def profiles() -> list[Profile]:
    return sorted({p.name: p for p in _index().values()}.values(), key=lambda p: p.name)
