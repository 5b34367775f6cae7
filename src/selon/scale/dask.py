"""The same extraction on a Dask cluster: ``--scheduler local`` or ``--scheduler tcp://HOST:8786``.

Each worker loads the pipeline (model and KB) once, through a WorkerPlugin,
and keeps it for the life of the worker (a later run with the same KB finds it
loaded).  The client reads the documents, sends them in chunks with a bounded
window in flight, and yields the results in input order to the one writer
(stdout or the store), exactly as ``Extractor.run`` would.

A user KB is read here and its bytes shipped with the plugin: a worker on
another machine need not see the client's files, only have selon (same
version) and the spaCy model installed.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import hashlib
import logging
import os
import shutil
import socket
import sys
import tempfile
import threading
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import dask.config
from dask.utils import parse_timedelta
from distributed import Client, Future, LocalCluster, WorkerPlugin, get_worker
from distributed.comm.addressing import get_address_host_port, parse_address

from selon.ingest import Item
from selon.pipeline import Extractor, Result
from selon.scale import SchedulerError
from selon.scale.window import chunked, ordered

if TYPE_CHECKING:
    from distributed import Worker

log = logging.getLogger(__name__)

LOCAL = "local"
NO_WORKER_TIMEOUT_S = 60.0


class ExtractorPlugin(WorkerPlugin):
    """Loads one ``Extractor`` per worker process and keeps it; tasks find it by the plugin's name."""

    idempotent = True  # a worker that already has it (same name: same KB bytes) keeps its loaded pipeline

    def __init__(self, kb: tuple[str, bytes] | None = None) -> None:
        self.kb = kb
        digest = hashlib.sha256(kb[1]).hexdigest()[:16] if kb else "default"
        self.name = f"selon-extractor-{digest}"

    def __getstate__(self) -> dict[str, Any]:
        return {"kb": self.kb, "name": self.name}

    def __setstate__(self, state: dict[str, Any]) -> None:
        # Made on unpickling, before the worker lists the plugin: a task that arrives while the
        # pipeline is still loading (another client registered it a moment ago) waits for it.
        self.__dict__.update(state)
        self.lock = threading.Lock()  # a worker with several threads runs one extraction at a time
        self.ready = threading.Event()
        self.extractor: Extractor | None = None
        self.error: str | None = None
        self._tmp: str | None = None

    async def setup(self, worker: Worker) -> None:
        try:  # off the event loop: loading takes seconds and the worker must keep answering the scheduler
            self.extractor = await asyncio.to_thread(self._load)
        except Exception as exc:
            self.error = f"{type(exc).__name__}: {exc}"
            raise
        finally:
            self.ready.set()

    def _load(self) -> Extractor:
        kb_path = None
        if self.kb is not None:
            self._tmp = tempfile.mkdtemp(prefix="selon-kb-")
            kb_path = os.path.join(self._tmp, self.kb[0])
            Path(kb_path).write_bytes(self.kb[1])
        return Extractor(kb=kb_path)

    def teardown(self, worker: Worker) -> None:
        if self._tmp:
            shutil.rmtree(self._tmp, ignore_errors=True)


def extract_chunk(chunk: list[Item], plugin: str) -> list[Result]:
    """The task: this worker's loaded Extractor over one chunk (``Extractor.run``, nothing else)."""
    loaded: ExtractorPlugin = get_worker().plugins[plugin]  # type: ignore[assignment]
    loaded.ready.wait()
    if loaded.extractor is None:
        raise RuntimeError(f"the pipeline could not be loaded on this worker: {loaded.error}")
    with loaded.lock:
        return list(loaded.extractor.run(chunk))


def connect(scheduler: str, workers: int = 1) -> tuple[Client, LocalCluster | None]:
    """A client on ``scheduler`` (``local``: a LocalCluster of ``workers`` processes, one thread each)."""
    _quiet()
    if scheduler == LOCAL:
        with warnings.catch_warnings():  # "port 8787 in use, HTTP server on another port": harmless here
            warnings.filterwarnings("ignore", message="Port .* is already in use")
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=_worker_log_level())
        return Client(cluster, set_as_default=False), cluster
    timeout = parse_timedelta(dask.config.get("distributed.comm.timeouts.connect"), default="s")
    _probe(scheduler, timeout)
    client = _client(scheduler, timeout)
    try:
        client.wait_for_workers(1, timeout=NO_WORKER_TIMEOUT_S)
    except (TimeoutError, OSError):
        client.close()
        raise SchedulerError(f"no Dask worker joined the scheduler at {scheduler} within "
                             f"{NO_WORKER_TIMEOUT_S:.0f} s (start one: dask worker {scheduler})") from None
    return client, None


def _quiet() -> None:
    """Dask's own progress lines (INFO, and the slow-shutdown warnings) only when debugging."""
    if not logging.getLogger().isEnabledFor(logging.DEBUG):
        logging.getLogger("distributed").setLevel(logging.ERROR)


def _worker_log_level() -> int:
    """Workers' logs: a worker slow to stop logs scary heartbeat errors; task errors reach the client anyway."""
    return logging.DEBUG if logging.getLogger().isEnabledFor(logging.DEBUG) else logging.CRITICAL


def _probe(address: str, timeout: float) -> None:
    """Fail fast, in one line, on an address that is malformed, unknown or refused."""
    try:
        scheme, _ = parse_address(address)
        if scheme in ("tcp", "tls"):
            host, port = get_address_host_port(address)
            with socket.create_connection((host, port), timeout=timeout):
                pass
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else _one_line(exc)
        raise SchedulerError(f"cannot reach the Dask scheduler at {address}: {reason}") from None


def _client(address: str, timeout: float) -> Client:
    """Connect; a listener that is not a scheduler (no handshake) is the same one-line error."""
    reason = None
    try:
        return Client(address, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError, ValueError, TypeError) as exc:
        reason = _one_line(exc)
    # The half-built client's finalizer would print a traceback on its way out: collect it quietly.
    hook, sys.unraisablehook = sys.unraisablehook, lambda _: None
    try:
        gc.collect()
    finally:
        sys.unraisablehook = hook
    raise SchedulerError(f"cannot reach the Dask scheduler at {address}: {reason}")


def dask_extract(items: Iterable[Item], scheduler: str, workers: int = 1, kb: str | None = None,
                 chunk_size: int = 16, window: int | None = None) -> Iterator[Result]:
    """Connect and load the pipeline on every worker now (errors surface here), then stream results.

    ``window``: chunks in flight, by default twice the cluster's threads.
    """
    plugin = ExtractorPlugin((Path(kb).name, Path(kb).read_bytes()) if kb else None)
    client, cluster = connect(scheduler, workers)
    try:
        client.register_plugin(plugin, name=plugin.name)
    except BaseException:
        # Not left registered: the next run (a model installed meanwhile) loads it afresh.
        with contextlib.suppress(Exception):
            client.unregister_worker_plugin(plugin.name)
        _close(client, cluster)
        raise
    width = window or 2 * max(1, sum(client.nthreads().values()))
    return _stream(items, client, cluster, plugin.name, chunk_size, width)


def _stream(items: Iterable[Item], client: Client, cluster: LocalCluster | None, plugin: str,
            chunk_size: int, window: int) -> Iterator[Result]:
    def submit(chunk: list[Item]) -> Future[list[Result]]:
        return client.submit(extract_chunk, chunk, plugin, pure=False)

    def result(fut: Future[list[Result]]) -> list[Result]:
        out: list[Result] = fut.result()
        fut.release()  # the worker may forget it now: the writer has it
        return out

    try:
        for results in ordered(chunked(items, chunk_size), submit, result, window, cancel=_cancel):
            yield from results
    finally:
        _close(client, cluster)


def _cancel(fut: Future[Any]) -> None:
    fut.cancel()


def _close(client: Client, cluster: LocalCluster | None) -> None:
    client.close()
    if cluster is not None:
        cluster.close()


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:300] or type(exc).__name__
