"""The ordered, bounded fan-out shared by the process pool and Dask backends."""

from __future__ import annotations

import random
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor

import pytest

from selon.scale.window import chunked, ordered


def test_chunked_is_lazy_and_keeps_the_tail():
    read = []

    def source():
        for i in range(7):
            read.append(i)
            yield i

    it = chunked(source(), 3)
    assert next(it) == [0, 1, 2] and read == [0, 1, 2]
    assert list(it) == [[3, 4, 5], [6]]
    assert list(chunked([], 4)) == []


def test_results_in_input_order_with_a_bounded_window():
    """Workers finish in random order; the caller sees input order, never more than `window` ahead."""
    window, state, lock = 3, {"submitted": 0, "yielded": 0, "peak": 0, "read": 0}, threading.Lock()
    rng = random.Random(7)
    delays = [rng.uniform(0, 0.02) for _ in range(40)]

    def source():
        for i in range(40):
            state["read"] += 1
            assert state["read"] - state["yielded"] <= window + 1  # the reader is not drained ahead
            yield i

    def work(i: int) -> int:
        time.sleep(delays[i])
        return i * i

    with ThreadPoolExecutor(4) as pool:
        def submit(i: int) -> Future[int]:
            with lock:
                state["submitted"] += 1
                state["peak"] = max(state["peak"], state["submitted"] - state["yielded"])
            return pool.submit(work, i)

        out = []
        for r in ordered(source(), submit, Future.result, window):
            out.append(r)
            state["yielded"] += 1
    assert out == [i * i for i in range(40)]
    assert state["peak"] == window


def test_stopping_early_cancels_what_is_pending():
    cancelled: list[int] = []
    gen = ordered(range(10), lambda i: i, lambda i: i, 4, cancel=cancelled.append)
    assert [next(gen), next(gen)] == [0, 1]
    gen.close()
    assert cancelled == [2, 3, 4]  # 0..3 submitted, 0 yielded, 4 submitted, 1 yielded


def test_a_failed_chunk_raises_in_order():
    def result(i: int) -> int:
        if i == 2:
            raise ValueError("chunk 2")
        return i

    got = []
    with pytest.raises(ValueError, match="chunk 2"):
        for r in ordered(range(5), lambda i: i, result, 2):
            got.append(r)
    assert got == [0, 1]


def test_window_must_be_positive():
    with pytest.raises(ValueError):
        list(ordered([1], lambda i: i, lambda i: i, 0))
