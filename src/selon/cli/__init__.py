"""The ``selon`` command: one group, one module per family of subcommands."""

from __future__ import annotations

import logging
import os
import sys

import typer

app = typer.Typer(
    name="selon",
    help="Who did what to whom, when, where — and according to whom: sourced records from news articles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Each module registers its commands on ``app``.
from selon.cli import actors as _actors  # noqa: E402,F401
from selon.cli import corpus as _corpus  # noqa: E402,F401
from selon.cli import export as _export  # noqa: E402,F401
from selon.cli import extract as _extract  # noqa: E402,F401
from selon.cli import serve as _serve  # noqa: E402,F401
from selon.cli import store as _store  # noqa: E402,F401


def main() -> None:
    """Entry point: no traceback reaches the user unless ``SELON_DEBUG=1`` asks for it."""
    debug = os.environ.get("SELON_DEBUG", "") not in ("", "0")
    logging.basicConfig(level=logging.DEBUG if debug else logging.WARNING,
                        format="selon: %(levelname)s: %(message)s")
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("selon: interrupted\n")
        sys.exit(130)
    except Exception as exc:  # a bug of ours: say so in one line, keep the exit status honest
        if debug:
            raise
        sys.stderr.write(f"selon: internal error: {type(exc).__name__}: {exc} (SELON_DEBUG=1 shows the traceback)\n")
        sys.exit(3)
