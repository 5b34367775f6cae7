"""Sources: "according to whom" — attribution, modality of reporting, quotations and their speakers.

Adds to the Doc: ``doc._.quotes`` (direct quotations with the speaker entity the
rules found, the ``selon_quotes`` stage).  Its other modules are the rules the
events stage calls for each trigger: who the text says an event comes from
(``attribution``: "selon X", "X a affirmé que", "citant des responsables"),
and whether it happened (``modality``: asserted, reported, claimed, denied,
threatened, planned, called-for, hypothetical).

Reads: the parse, the entity mentions (``doc._.mentions``), the shared floor
(``selon.parse``) and ``data/attribution_fr.yaml`` / ``data/quotes_fr.yaml``.
It imports nothing from the events stage; what it needs to know of an event
word is the small ``predicate`` protocol.
"""
