"""The spaCy Doc and Span extensions through which selon's components talk to each other.

Registered on import, once per process; every component module imports this
one, so a component works whichever order its module is imported in.

- ``doc._.selon_meta``: what cleaning established (published, outlet, language, title span, removed)
- ``doc._.entities``: per-document entities (record.Entity); mention spans are in
  ``doc.spans[MENTIONS]`` with ``span._.entity_id``
- ``doc._.times``, ``doc._.quotes``, ``doc._.events``: record.Time / Quote / Event lists
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

MENTIONS = "selon_mentions"

for _name in ("selon_meta", "entities", "times", "quotes", "events"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)
if not Span.has_extension("entity_id"):
    Span.set_extension("entity_id", default=None)
