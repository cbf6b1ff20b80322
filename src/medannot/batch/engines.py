"""Where batches run: in this process, in a local process pool, or on a Dask cluster.

Every engine has the same small surface — ``submit(documents)`` returns a future whose
``result()`` is the batch's list of ``Outcome``; ``restart()`` replaces dead workers — so the
runner (``run.py``) keeps one loop for ordering, bounded in-flight work, resume and writing.

The process pool forks on Linux, so workers inherit the pipeline the main process built to
validate the options; elsewhere each worker builds it once in its initializer. Workers start
before the output file is opened (so they do not hold it) and exit when the main process dies.
The Dask engine loads the lexicon on the client and ships it to the workers, so they need
medannot installed but not the client's lexicon files; ``distributed`` is imported only when
this engine is chosen.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Protocol

from ..config import Options
from ..errors import MedannotError
from ..pipeline import Pipeline
from .work import Item, annotate_batch, pipeline_for

__all__ = ["Engine", "InProcess", "ProcessPool", "DaskEngine", "create_engine"]


class Engine(Protocol):
    name: str
    workers: int  # parallel slots: processes, or Dask worker threads
    batch_docs: int  # documents per submitted batch
    crash_errors: tuple[type[BaseException], ...]  # what a future raises when its worker died

    def submit(self, documents: list[Item]) -> Any: ...  # a future: .result() -> list[Outcome]
    def restart(self) -> bool: ...  # replace dead workers; True if in-flight futures were lost
    def close(self) -> None: ...


class InProcess:
    """Runs each batch at once in this process (one worker, or an input that fits in one batch)."""

    name = "local"
    workers = 1
    batch_docs = 16
    crash_errors = ()

    def __init__(self, pipeline: Pipeline) -> None:
        self.pipeline = pipeline

    def submit(self, documents: list[Item]) -> Future:
        future: Future = Future()
        future.set_result(annotate_batch(self.pipeline.options, documents))
        return future

    def restart(self) -> bool:
        return False

    def close(self) -> None:
        pass


def _init_worker(options: Options, parent: int) -> None:
    """Build (or inherit) the pipeline; leave Ctrl-C to the main process, which stops the pool;
    exit when the main process is gone (e.g. SIGKILLed)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    pipeline_for(options)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="medannot-parent-watch", daemon=True).start()


class ProcessPool:
    """A pool of worker processes, each holding one pipeline for the whole run."""

    name = "local"
    batch_docs = 16
    crash_errors = (BrokenProcessPool,)

    def __init__(self, pipeline: Pipeline, workers: int) -> None:
        self.options = pipeline.options
        self.workers = workers
        method = "fork" if sys.platform.startswith("linux") else None
        self._context = multiprocessing.get_context(method)
        self._pool = self._start()

    def _start(self) -> ProcessPoolExecutor:
        pool = ProcessPoolExecutor(
            self.workers, mp_context=self._context, initializer=_init_worker, initargs=(self.options, os.getpid())
        )
        pool.submit(int).result()  # start the workers now, before the output file is opened
        return pool

    def submit(self, documents: list[Item]) -> Future:
        return self._pool.submit(annotate_batch, self.options, documents)

    def restart(self) -> bool:
        try:  # a probe tells whether the pool survived the failure
            self._pool.submit(int).result()
            return False
        except BrokenProcessPool:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = self._start()
            return True

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


class DaskEngine:
    """Batches as tasks on a Dask cluster (``scheduler`` address), or on a local one when None.

    On a real cluster: start ``dask scheduler`` on one host and ``dask worker tcp://HOST:8786``
    on each machine (``pip install 'medannot[dask]'`` there, same version as the client), then
    ``medannot annotate CRAWL/ -o OUT.jsonl --engine dask --scheduler tcp://HOST:8786``. Inputs are
    read and output written on the client, so only documents and records cross the network and the
    workers need no shared filesystem; ``--shard-size``, ``--resume`` and ``--stats`` work as locally.
    """

    name = "dask"
    batch_docs = 64  # larger tasks: each costs the scheduler about a millisecond

    def __init__(self, pipeline: Pipeline, workers: int, scheduler: str | None = None) -> None:
        try:
            from distributed import Client, KilledWorker, LocalCluster
        except ImportError:
            raise MedannotError("MA115", detail="the dask engine needs: pip install 'medannot[dask]'") from None
        self.options = pipeline.options
        self.crash_errors = (KilledWorker,)
        self._cluster = None
        try:
            if scheduler:
                self._client = Client(scheduler, timeout="30s")
            else:
                self._cluster = LocalCluster(
                    n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
                )
                self._client = Client(self._cluster)
        except (OSError, TimeoutError) as error:
            raise MedannotError("MA115", detail=f"cannot reach scheduler {scheduler}: {error}") from None
        self.workers = max(1, sum(self._client.nthreads().values()))
        # one copy of the lexicon per worker, not per task
        self._lexicon = self._client.scatter(pipeline.lexicon, broadcast=True, hash=False)

    def submit(self, documents: list[Item]) -> Any:
        return self._client.submit(annotate_batch, self.options, documents, self._lexicon, pure=False)

    def restart(self) -> bool:
        return False  # the scheduler reschedules tasks of lost workers itself

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()


def create_engine(pipeline: Pipeline, engine: str, workers: int, scheduler: str | None) -> Engine:
    """``local`` (in this process for one worker, else a process pool) or ``dask``."""
    if engine == "dask":
        return DaskEngine(pipeline, workers, scheduler)
    if workers <= 1:
        return InProcess(pipeline)
    return ProcessPool(pipeline, workers)
