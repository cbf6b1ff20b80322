"""The unit of work every engine runs: annotate a batch of documents into JSONL lines.

Engines (in-process, process pool, Dask) ship batches of documents to workers and get back
``Outcome`` tuples already serialised, so JSON encoding runs in the workers and the writer only
copies bytes. A worker builds its pipeline once per set of options (``pipeline_for``) and keeps
it for every later batch; a forked worker inherits the one the main process adopted.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from typing import NamedTuple

from ..config import Options
from ..errors import MedannotError
from ..lexicon import Lexicon
from ..pipeline import Pipeline
from ..read import Document, InputFailure
from ..record import ErrorRecord, Record, Source, to_json

__all__ = ["Outcome", "pipeline_for", "adopt", "outcome", "annotate_batch", "crash_outcome"]

Item = Document | InputFailure


class Outcome(NamedTuple):
    id: str
    line: bytes  # the record as one JSON line, newline included
    error: str | None  # the error code of an error record, else None
    characters: int  # length of content.text (0 for error records)


_pipelines: dict[Options, Pipeline] = {}
_lock = threading.Lock()  # a Dask worker runs tasks in threads: build each pipeline once


def pipeline_for(options: Options, lexicon: Lexicon | None = None) -> Pipeline:
    """This process's pipeline for ``options``, built on first use (with ``lexicon`` if given)."""
    pipeline = _pipelines.get(options)
    if pipeline is None:
        with _lock:
            pipeline = _pipelines.get(options)
            if pipeline is None:
                pipeline = _pipelines[options] = Pipeline(options, lexicon=lexicon)
    return pipeline


def adopt(pipeline: Pipeline) -> None:
    """Make ``pipeline`` this process's pipeline for its options (forked workers inherit it)."""
    _pipelines[pipeline.options] = pipeline


def outcome(record: Record | ErrorRecord) -> Outcome:
    if isinstance(record, ErrorRecord):
        return Outcome(record.id, to_json(record) + b"\n", record.error.get("code", "MA100"), 0)
    return Outcome(record.id, to_json(record) + b"\n", None, len(record.content.text))


def annotate_batch(options: Options, documents: Iterable[Item], lexicon: Lexicon | None = None) -> list[Outcome]:
    """Annotate ``documents`` in order with this process's pipeline; never raises for bad input."""
    pipeline = pipeline_for(options, lexicon)
    return [outcome(pipeline.annotate_document(document)) for document in documents]


def crash_outcome(item: Item, error: BaseException) -> Outcome:
    """The error record for a document whose worker died (or whose task failed) while on it."""
    if isinstance(item, InputFailure):
        source = Source(path=item.path, format=item.format)
    else:
        source = Source(path=item.path, url=item.url, format=item.format, fetched=item.fetched, extra=item.extra)
    detail = MedannotError("MA114", what=item.id, detail=f"{type(error).__name__}: {error}"[:300]).to_dict()
    return outcome(ErrorRecord(item.id, source, detail))
