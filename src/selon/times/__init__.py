"""Time expressions: TimeML DATE / TIME / DURATION / SET with ISO-8601 values (the ``selon_times`` stage).

Adds to the Doc: ``doc._.times``, a list of ``record.Time`` (span offsets into
the raw text, TimeML type, normalised value, whether the year was inferred).
Reads: the document text, ``doc._.selon_meta["published"]`` (the anchor, as
precise as the cleaning step found it) and ``["today"]``, and the model's
parse for a tense hint.  It needs no other stage of selon; the events stage
reads its output through ``event_date``.

Modules, in the order a text goes through them:

- ``lexicon``: the French words (``data/times_fr.yaml``) as tables and regex pieces;
- ``pieces``: what the families of patterns share (``Cand``, ``Rule``, word boundaries);
- the families: ``calendar`` (days, months, years, decades, centuries, quarters),
  ``weekdays``, ``deictic`` ("hier", "la semaine dernière", "la veille"),
  ``durations`` (durations and sets), ``seasons`` (seasons and holidays),
  ``clock`` (clock times and parts of the day);
- ``grammar``: runs every family on a text and settles overlaps;
- ``tense``: past or future, from the verb forms near an expression;
- ``anchor`` and ``values``: calendar arithmetic against the reference date;
- ``resolve``: the order of resolution and the dates the text itself establishes;
- ``component``: ``find_times``, ``event_date`` and the spaCy factory.
"""

from selon.times.component import event_date, find_times

__all__ = ["event_date", "find_times"]
