"""Bounded, ordered fan-out of chunks to workers.

At most ``window`` chunks are submitted and not yet handed to the caller, so
the reader is never drained ahead of the workers and finished results wait for
the (single) writer only inside the window: memory does not grow with the
corpus.  Results come out in input order, whatever order the workers finish in.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import TypeVar

T = TypeVar("T")
F = TypeVar("F")
R = TypeVar("R")


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of ``size`` items (the last one shorter), read lazily."""
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def ordered(chunks: Iterable[T], submit: Callable[[T], F], result: Callable[[F], R], window: int,
            cancel: Callable[[F], object] | None = None) -> Iterator[R]:
    """``result(submit(chunk))`` for each chunk, in input order, ``window`` submitted ahead at most.

    Waiting on the oldest future is enough: a later one that finishes first
    stays in the window until the writer has taken everything before it.  When
    the caller stops early, the futures still pending are ``cancel``-ed.
    """
    if window < 1:
        raise ValueError("window must be at least 1")
    pending: deque[F] = deque()
    try:
        for chunk in chunks:
            pending.append(submit(chunk))
            if len(pending) >= window:
                yield result(pending.popleft())
        while pending:
            yield result(pending.popleft())
    finally:
        if cancel is not None:
            for fut in pending:
                cancel(fut)
