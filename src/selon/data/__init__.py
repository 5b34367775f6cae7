"""Lexicons, outlet profiles and the actor knowledge base, shipped as data files."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def load_yaml(name: str) -> Any:
    """Parse a YAML data file shipped in this package (loaded once per process)."""
    with resources.files(__name__).joinpath(name).open("r", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def data_path(name: str) -> Any:
    """A Traversable pointing at a shipped data file (for large files read as streams)."""
    return resources.files(__name__).joinpath(name)
