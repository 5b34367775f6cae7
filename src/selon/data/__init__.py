"""Lexicons, outlet profiles and the actor knowledge base, shipped as data files."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

# libyaml's parser when PyYAML was built with it: the lexicons load ~10x faster at start-up.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def load_yaml(name: str) -> Any:
    """Parse a YAML data file shipped in this package (loaded once per process)."""
    with resources.files(__name__).joinpath(name).open("r", encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_Loader)  # noqa: S506 - a safe loader


def data_path(name: str) -> Any:
    """A Traversable pointing at a shipped data file (for large files read as streams)."""
    return resources.files(__name__).joinpath(name)
