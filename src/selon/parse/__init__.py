"""The floor of the pipeline: what several stages read from a parsed Doc, and nothing stage-specific.

- :mod:`selon.parse.extensions` — the Doc/Span extensions the components fill and read;
- :mod:`selon.parse.words` — word comparison keys (lemma and form, apostrophes, contractions);
- :mod:`selon.parse.lexicon` — the word classes several stages share (role and group nouns,
  demonyms, verbs of saying, light verbs);
- :mod:`selon.parse.syntax` — single-token parse helpers (passives, finite verbs, noun phrases);
- :mod:`selon.parse.subjects` — who a verb's subject is, through passives and shared or lost subjects;
- :mod:`selon.parse.context` — :class:`DocContext`, one document's words, sentences, entity mentions
  and noun-phrase resolution, with :mod:`selon.parse.coreference` (pronouns, definite descriptions,
  demonyms).

Nothing here imports a stage (entities, times, sources, events): stages import this.
"""
