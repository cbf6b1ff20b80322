"""Annotate a batch of inputs into JSONL: parallel, ordered, bounded, lossless, resumable.

One loop serves every engine (``engines.py``): documents are read in order in this process,
grouped into small batches and submitted to the engine; at most a few batches per worker are in
flight, so memory stays bounded however large the input, and outcomes are written strictly in
submission order, so the output is in input order whatever the number of workers.

Every input item yields exactly one line: a record, or an error record (bad input, or MA114 when
a worker process died on the document — the pool is restarted and the batch retried one document
at a time to find the culprit). The pipeline is built here first, so bad options, lexicons or
segmenters stop the run before any work starts; an input that fits in one batch is annotated in
this process without starting workers.
"""

from __future__ import annotations

import os
import sys
import time
from collections import Counter, deque
from collections.abc import Iterable, Iterator, Sequence
from contextlib import nullcontext
from itertools import chain, islice
from typing import IO, Any

from ..config import Options
from ..pipeline import Pipeline
from ..read import iter_documents
from .engines import Engine, InProcess, create_engine
from .summary import Summary
from .work import Item, Outcome, adopt, crash_outcome
from .writer import JsonlOutput

__all__ = ["run_batch", "default_workers", "Interrupted"]

_BATCH_BYTES = 4 << 20  # a batch is cut early once its documents hold this many bytes
_IN_FLIGHT_PER_WORKER = 3


class Interrupted(Exception):
    """The run stopped early (Ctrl-C); what was written is kept for ``--resume``."""

    def __init__(self, part: str | None, summary: Summary) -> None:
        super().__init__(part)
        self.part = part
        self.summary = summary


def default_workers() -> int:
    """All cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def _size(item: Item) -> int:
    data = getattr(item, "data", None)
    if data is not None:
        return len(data)
    return len(getattr(item, "text", None) or "")


def _batches(items: Iterable[Item], max_docs: int) -> Iterator[list[Item]]:
    batch: list[Item] = []
    size = 0
    for item in items:
        batch.append(item)
        size += _size(item)
        if len(batch) >= max_docs or size >= _BATCH_BYTES:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _unwritten(items: Iterable[Item], written: Counter) -> Iterator[Item]:
    """Skip one input occurrence per record already written with that id."""
    for item in items:
        if written[item.id] > 0:
            written[item.id] -= 1
            continue
        yield item


def _progress(enabled: bool | None) -> Any:
    """A tqdm bar on a terminal (docs/s, errors); nothing in pipes, files and CI."""
    if enabled is None:
        enabled = sys.stderr.isatty() and not os.environ.get("CI")
    if not enabled:
        return nullcontext(None)
    from tqdm import tqdm

    return tqdm(desc="annotating", unit=" docs", file=sys.stderr, dynamic_ncols=True, smoothing=0.1)


class _Runner:
    def __init__(self, engine: Engine, out: JsonlOutput, summary: Summary, bar: Any) -> None:
        self.engine = engine
        self.out = out
        self.summary = summary
        self.bar = bar
        self.pending: deque[tuple[list[Item], Any]] = deque()

    def run(self, batches: Iterable[list[Item]]) -> None:
        window = max(2, self.engine.workers * _IN_FLIGHT_PER_WORKER)
        for batch in batches:
            self.pending.append((batch, self.engine.submit(batch)))
            while len(self.pending) >= window:
                self._drain_one()
        while self.pending:
            self._drain_one()

    def _drain_one(self) -> None:
        batch, future = self.pending.popleft()
        try:
            outcomes = future.result()
        except self.engine.crash_errors as error:
            outcomes = self._recover(batch, error)
        for outcome in outcomes:
            self.out.write(outcome.line)
            self.summary.add(outcome.error, outcome.characters)
        self.out.flush()
        if self.bar is not None:
            self.bar.set_postfix(errors=self.summary.errors, refresh=False)
            self.bar.update(len(outcomes))

    def _restart(self) -> None:
        """Replace dead workers; batches that were in flight on them are submitted again."""
        if self.engine.restart():
            batches = [batch for batch, _ in self.pending]
            self.pending.clear()
            self.pending.extend((batch, self.engine.submit(batch)) for batch in batches)

    def _recover(self, batch: list[Item], error: BaseException) -> list[Outcome]:
        """A worker died on this batch: retry its documents one by one to isolate the culprit."""
        self._restart()
        outcomes: list[Outcome] = []
        for item in batch:
            try:
                outcomes.extend(self.engine.submit([item]).result())
            except self.engine.crash_errors as crash:
                self._restart()
                outcomes.append(crash_outcome(item, crash))
        return outcomes


def run_batch(
    inputs: Sequence[str],
    output: str,
    options: Options,
    *,
    workers: int | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    resume: bool = False,
    shard_size: int | None = None,
    progress: bool | None = None,
    stdin: IO[bytes] | None = None,
) -> Summary:
    """Annotate every document named by ``inputs`` into ``output`` (JSONL; ``-`` for stdout).

    ``engine`` is ``local`` (``workers`` processes, default all cores) or ``dask`` (the cluster at
    ``scheduler``, or a local one). Raises ``MedannotError`` before any work when the options,
    lexicons, output or engine are unusable, and ``Interrupted`` on Ctrl-C.
    """
    if engine not in ("local", "dask"):
        raise ValueError(f"unknown engine {engine!r}: local or dask")
    started = time.perf_counter()
    workers = default_workers() if workers is None else max(1, workers)
    pipeline = Pipeline(options)
    adopt(pipeline)
    out = JsonlOutput(output, shard_size)
    written = out.prepare(resume=resume)
    summary = Summary(resumed=written.records, resumed_errors=sum(written.errors_by_code.values()), engine=engine)
    items: Iterable[Item] = iter_documents(inputs, max_bytes=options.max_bytes, stdin=stdin, skipped=summary.skipped)
    if written.records:
        items = _unwritten(items, written.ids)
    runner_engine: Engine | None = None
    try:
        if engine == "local":
            batches = _batches(items, InProcess.batch_docs)
            head = list(islice(batches, 2))  # one batch only: no pool needed
            batches = chain(head, batches)
            runner_engine = create_engine(pipeline, engine, workers if len(head) > 1 else 1, scheduler)
        else:
            runner_engine = create_engine(pipeline, engine, workers, scheduler)
            batches = _batches(items, runner_engine.batch_docs)
        summary.workers = runner_engine.workers
        out.start()
        summary.startup_seconds = time.perf_counter() - started
        with _progress(progress) as bar:
            _Runner(runner_engine, out, summary, bar).run(batches)
        summary.outputs = out.finish()
    except KeyboardInterrupt:
        summary.seconds = time.perf_counter() - started
        raise Interrupted(out.abort(), summary) from None
    except BaseException:
        out.abort()
        raise
    finally:
        if runner_engine is not None:
            runner_engine.close()
    summary.stale = sum(written.ids.values())
    summary.seconds = time.perf_counter() - started
    return summary
