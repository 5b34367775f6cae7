"""Cleaning: find the title, outlet, publication date and boilerplate of an article.

Boilerplate is *marked* as spans (`Removed`), never cut out of the text, so
every offset computed later still indexes the raw text.  Later stages read
``Cleaned.analysis_text``: the raw text with removed spans blanked to spaces
(same length), so names in captions or widgets can never become entities.

The rules are general and data-driven (``data/boilerplate.yaml``,
``data/stopwords.yaml``, ``data/outlets.yaml``): line length, position,
credit markers, widget phrases, language mismatch with the article.
"""


from selon.clean.article import Cleaned, clean
from selon.clean.dates import date_line, iso_date
from selon.clean.lines import classify, copyright_outlet, line_language
from selon.clean.rules import (
           Line,
           Rules,
           canonical_outlet,
           known_outlet,
           norm,
           outlet_from_url,
           rules,
           split_lines,
)

__all__ = ["Cleaned", "Line", "Rules", "canonical_outlet", "classify", "clean", "copyright_outlet", "date_line",
           "iso_date", "known_outlet", "line_language", "norm", "outlet_from_url", "rules", "split_lines"]
