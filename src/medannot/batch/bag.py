"""Map the pipeline over a ``dask.bag`` — for crawls that outgrow one machine.

    import dask.bag as db
    from distributed import Client
    from medannot import Options
    from medannot.batch.bag import annotate_bag, annotate_to_shards

    client = Client("tcp://scheduler:8786")
    lines = db.read_text("/shared/crawl/*.jsonl.gz")           # one JSONL line per item
    summary = annotate_to_shards(lines, "/shared/out/crawl.jsonl", Options(raw=False))
    # -> /shared/out/crawl-00000.jsonl, crawl-00001.jsonl, … one shard per partition

Items may be ``Document``/``InputFailure`` objects (from ``medannot.read``), JSONL lines
(str/bytes; blank ones are skipped, as in files) or already-parsed dicts ``{"id", "text" | "html",
...}``. Every item yields exactly one record or error record, in partition order; an item without
an id gets ``partition P:I`` (stable only as long as the partitioning is). Each worker process builds the pipeline once
(``work.pipeline_for``); the lexicon is loaded here, on the client, and travels in the task
graph once, so workers need ``pip install 'medannot[dask]'`` but not the client's lexicon files.
Shards are written by the workers (each atomically: ``.part`` then rename), so the output
directory must be one they all see — a shared filesystem on a real cluster.

``medannot annotate --engine dask`` is the command-line path; it streams documents from this
machine's readers to the cluster instead (see ``engines.DaskEngine``).
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path
from typing import Any

from ..config import Options
from ..lexicon import Lexicon, load_lexicon
from ..read import Document, InputFailure
from ..read.jsonl import document_from_line, document_from_object
from .summary import Summary
from .work import Item, Outcome, annotate_batch
from .writer import AtomicWriter, shard_path

__all__ = ["annotate_bag", "annotate_to_shards"]


def _as_item(value: Any, partition: int, index: int) -> Item:
    if isinstance(value, (Document, InputFailure)):
        return value
    where = f"partition {partition}:{index}"
    if isinstance(value, (str, bytes)):
        return document_from_line(value, where, where)
    return document_from_object(value, where, where)


def _blank(value: Any) -> bool:
    return isinstance(value, (str, bytes)) and not value.strip()


def _outcomes(items: Any, partition: int, options: Options, lexicon: Lexicon) -> list[Outcome]:
    documents = [_as_item(value, partition, index) for index, value in enumerate(items) if not _blank(value)]
    return annotate_batch(options, documents, lexicon)


def _lines(items: Any, partition: int, options: Options, lexicon: Lexicon) -> list[str]:
    return [outcome.line[:-1].decode("utf-8") for outcome in _outcomes(items, partition, options, lexicon)]


def _write_shard(items: Any, partition: int, options: Options, lexicon: Lexicon, path: str) -> dict[str, Any]:
    outcomes = _outcomes(items, partition, options, lexicon)
    with AtomicWriter(path) as out:
        for outcome in outcomes:
            out.write(outcome.line)
    errors = Counter(outcome.error for outcome in outcomes if outcome.error)
    return {"path": path, "documents": len(outcomes), "errors": errors, "characters": sum(o.characters for o in outcomes)}


def _prepared(options: Options | None, overrides: dict[str, Any]) -> tuple[Options, Any]:
    from dataclasses import replace

    from dask import delayed

    options = replace(options or Options(), **overrides)
    lexicon = load_lexicon(options.lexicons, builtin=options.builtin_lexicon)  # errors surface here, once
    return options, delayed(lexicon, pure=True)


def annotate_bag(bag: Any, options: Options | None = None, **overrides: Any) -> Any:
    """A bag of JSON record lines (str, no newline), one per item of ``bag``, same partitions."""
    import dask.bag as db
    from dask import delayed

    options, lexicon = _prepared(options, overrides)
    parts = [delayed(_lines)(part, index, options, lexicon) for index, part in enumerate(bag.to_delayed())]
    return db.from_delayed(parts)


def annotate_to_shards(bag: Any, output: str | Path, options: Options | None = None, **overrides: Any) -> Summary:
    """Annotate ``bag`` and write partition i to ``OUT-0000i.jsonl`` beside ``output``; returns the summary."""
    import dask
    from dask import delayed

    started = time.perf_counter()
    options, lexicon = _prepared(options, overrides)
    Path(output).parent.mkdir(parents=True, exist_ok=True)
    tasks = [
        delayed(_write_shard)(part, index, options, lexicon, str(shard_path(output, index)))
        for index, part in enumerate(bag.to_delayed())
    ]
    summary = Summary(engine="dask", workers=0)  # the cluster's size is not this module's to know
    for shard in dask.compute(*tasks):
        summary.outputs.append(shard["path"])
        summary.documents += shard["documents"]
        summary.errors += sum(shard["errors"].values())
        summary.errors_by_code.update(shard["errors"])
        summary.characters += shard["characters"]
    summary.seconds = time.perf_counter() - started
    return summary
