"""Events: PLOVER event mentions with actor, recipient, location, date, sources and modality.

Adds to the Doc: ``doc._.events`` (the ``selon_events`` stage, last of ours).
Reads: the parse and entity mentions, the shared floor (``selon.parse``), the
time expressions (``selon.times``: ``doc._.times`` and ``event_date``), the
sources rules (``selon.sources``) and ``data/plover_fr.yaml``.

Modules in the order a sentence goes through them: ``lexicon`` (the trigger
lexicon), ``triggers`` (words naming an event), ``arguments`` (who acts, at
whom, where), ``dates``, ``reporting`` (sources and modality of each event),
``nesting`` and ``denials`` (events told inside others, denials pointing at
the report they reject), ``mentions`` (folding mentions of one event) and
``component`` (the spaCy component).
"""
