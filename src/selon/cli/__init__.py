"""The ``selon`` command: one group, one module per family of subcommands."""

from __future__ import annotations

import gc
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
from selon.cli import evaluate as _evaluate  # noqa: E402,F401
from selon.cli import export as _export  # noqa: E402,F401
from selon.cli import extract as _extract  # noqa: E402,F401
from selon.cli import serve as _serve  # noqa: E402,F401
from selon.cli import store as _store  # noqa: E402,F401


def main() -> None:
    """Entry point: no traceback reaches the user unless ``SELON_DEBUG=1`` asks for it, and a bad option is
    one line (``selon: ...``), not a usage box.

    The garbage collector is paused while the command starts: loading SQLAlchemy, typer's pydantic and
    rich triggers collections over every object they create, a third of a store command's time.  The
    commands that run for long (extract, ingest, export, serve, corpus) turn it back on as they begin
    (``common.steady``); a store query is over before its garbage matters.
    """
    gc.disable()
    debug = os.environ.get("SELON_DEBUG", "") not in ("", "0")
    logging.basicConfig(level=logging.DEBUG if debug else logging.WARNING,
                        format="selon: %(levelname)s: %(message)s")
    try:
        code = app(prog_name="selon", standalone_mode=False)
    except typer.TyperException as exc:  # a bad option or argument, an unknown command
        ctx = getattr(exc, "ctx", None)
        hint = f" (see `{ctx.command_path} --help`)" if ctx is not None else ""
        sys.stderr.write(f"selon: {' '.join(exc.format_message().split())}{hint}\n")
        sys.exit(exc.exit_code)
    except (KeyboardInterrupt, typer.Abort):
        sys.stderr.write("selon: interrupted\n")
        sys.exit(130)
    except BrokenPipeError:  # `selon events --format csv | head`: the reader has all it wanted
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)
    except Exception as exc:  # a bug of ours: say so in one line, keep the exit status honest
        if debug:
            raise
        sys.stderr.write(f"selon: internal error: {type(exc).__name__}: {exc} (SELON_DEBUG=1 shows the traceback)\n")
        sys.exit(3)
    _quick_exit(code if isinstance(code, int) else 0)


def _quick_exit(code: int) -> None:
    """Exit without a last garbage collection over every object of every imported module: for a command
    that ran in a fraction of a second, that collection (SQLAlchemy, pydantic, rich...) took as long again.
    Files, atexit handlers and the exit status are as usual; only the collector skips what exists now."""
    gc.freeze()
    sys.exit(code)
