"""What the sources stage needs to know of an event word, without depending on the events stage.

:class:`selon.events.triggers.Trigger` is one; any object with these
attributes can be attributed and given a modality.
"""

from __future__ import annotations

from typing import Protocol

from spacy.tokens import Token


class Predicate(Protocol):
    @property
    def head(self) -> Token:
        """The word that carries the event (a verb or an event noun)."""

    @property
    def type(self) -> str:
        """The PLOVER type the word signals."""

    @property
    def nominal(self) -> bool:
        """Whether the event is told by a noun ("une frappe") rather than a verb."""

    @property
    def speaker_role(self) -> str | None:
        """``actor``/``fallback`` when the statement's speaker is (or may be) the actor, else None."""
