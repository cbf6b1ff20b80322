"""Send records to Elasticsearch with the official client's bulk helper, losing nothing.

Inputs are annotate's JSONL records or ``_bulk`` NDJSON written by ``medannot export es`` (told
apart by their first line). Documents go in batches; a document the server rejects with 429 is
retried with exponential backoff, and the transport retries whole requests on 502/503/504 and
timeouts. Every document that still fails — rejected by the server, or never sent because the
server could not be reached — is handed to ``on_failure`` with its action and source, so the
caller can write it out and push it again later.

The ``elasticsearch`` package (extra ``es``) is imported only here. Install the client major version
that matches the server (``elasticsearch>=8,<9`` for an 8.x cluster). It talks to Elasticsearch
only; for OpenSearch, send the ``export es`` files with ``curl --data-binary``.
"""

from __future__ import annotations

import time
from collections import defaultdict, deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from ..errors import ExportError
from .es import es_document, index_template
from .records import Skipped, Tally, convert_records

__all__ = ["Failure", "PushStats", "bulk_actions", "push"]

_OPS = ("index", "create")


@dataclass(frozen=True, slots=True)
class Failure:
    id: str
    status: int | None  # HTTP status the server gave the document; None when it was never answered
    error: str
    action: dict[str, Any]  # the _bulk action line, e.g. {"index": {"_index": ..., "_id": ...}}
    source: dict[str, Any]

    def bulk_lines(self) -> bytes:
        """The document as ``_bulk`` NDJSON, ready to be pushed again."""
        return orjson.dumps(self.action) + b"\n" + orjson.dumps(self.source) + b"\n"


@dataclass(slots=True)
class PushStats:
    indexed: int = 0
    failed: int = 0
    tally: Tally = field(default_factory=Tally)
    seconds: float = 0.0
    unreachable: str | None = None  # why the run stopped early, when the server went away

    def describe(self) -> str:
        return (
            f"medannot push: {self.tally.describe()}; {self.indexed} indexed, {self.failed} failed; "
            f"{self.seconds:.2f} s"
        )


def _is_bulk_file(path: str) -> bool:
    """True when the file's first line is a ``_bulk`` action line rather than a record."""
    if path == "-":
        return False
    try:
        with open(path, "rb") as stream:
            first = next((line for line in stream if line.strip()), b"")
        head = orjson.loads(first)
    except (OSError, orjson.JSONDecodeError):  # unreadable or compressed: read_records reports or reads it
        return False
    return isinstance(head, dict) and len(head) == 1 and next(iter(head)) in _OPS


def _from_bulk_file(path: str, index: str, tally: Tally) -> Iterator[dict[str, Any]]:
    with open(path, "rb") as stream:
        lines = ((n, line) for n, line in enumerate(stream, 1) if line.strip())
        for number, line in lines:
            where = f"{path}:{number}"
            try:
                head = orjson.loads(line)
                (op, meta), = head.items()
                if op not in _OPS or not isinstance(meta, dict) or "_id" not in meta:
                    raise ValueError(f"expected an action line {{{'|'.join(_OPS)}: {{_id: ...}}}}")
                _, body = next(lines, (number, b""))
                source = orjson.loads(body)
            except (ValueError, TypeError) as error:  # orjson.JSONDecodeError is a ValueError
                reason = ExportError("MA401", where=where, detail=f"not a _bulk line pair ({error})").args[0]
                tally.skip(Skipped(where, None, reason, False))
                continue
            tally.records += 1
            yield {"_op_type": op, "_index": meta.get("_index", index), "_id": str(meta["_id"]), "_source": source}


def bulk_actions(inputs: Sequence[str | Path], index: str, tally: Tally) -> Iterator[dict[str, Any]]:
    """Bulk-helper actions for every document of ``inputs`` (records or ``_bulk`` NDJSON files)."""
    for path in map(str, inputs):
        if _is_bulk_file(path):
            yield from _from_bulk_file(path, index, tally)
            continue
        for line, document in convert_records([path], lambda line: es_document(line.record), tally):
            yield {"_op_type": "index", "_index": index, "_id": line.record["id"], "_source": document}


def push(
    inputs: Sequence[str | Path],
    url: str,
    index: str,
    *,
    on_failure: Callable[[Failure], None],
    template: bool = True,
    text_analyzer: str = "standard",
    batch_size: int = 500,
    max_retries: int = 3,
    backoff: float = 2.0,
    client_options: dict[str, Any] | None = None,
) -> PushStats:
    """Index every document of ``inputs`` at ``url``; failures go to ``on_failure``, one per document."""
    from elasticsearch import ApiError, Elasticsearch, TransportError
    from elasticsearch.helpers import streaming_bulk

    started = time.perf_counter()
    stats = PushStats()
    client = Elasticsearch(url, max_retries=max_retries, retry_on_timeout=True, **(client_options or {}))
    pending: dict[str, deque[dict[str, Any]]] = defaultdict(deque)  # _id -> actions sent, not yet answered

    def fail(action: dict[str, Any], status: int | None, error: str) -> None:
        stats.failed += 1
        line = {action["_op_type"]: {"_index": action["_index"], "_id": action["_id"]}}
        on_failure(Failure(action["_id"], status, error, line, action["_source"]))

    def tracked(actions: Iterator[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        for action in actions:
            pending[action["_id"]].append(action)
            yield action

    try:
        if template:
            client.indices.put_index_template(name=index, **index_template(index, text_analyzer=text_analyzer))
    except ApiError as error:
        client.close()
        raise ExportError("MA405", url=url, detail=_reason(error.body.get("error") if isinstance(error.body, dict) else error)) from None
    except TransportError as error:
        client.close()
        raise ExportError("MA404", url=url, detail=str(error)) from None

    actions = bulk_actions(inputs, index, stats.tally)
    try:
        results = streaming_bulk(
            client,
            tracked(actions),
            chunk_size=batch_size,
            max_retries=max_retries,
            initial_backoff=backoff,
            max_backoff=max(backoff, 60.0),
            raise_on_error=False,
            raise_on_exception=False,
        )
        for ok, item in results:
            ((_, info),) = item.items()
            doc_id = str(info.get("_id"))
            queue = pending.get(doc_id)
            if not queue:  # an answer for nothing we sent: the server's business, not a document of ours
                continue
            action = queue.popleft()
            if not queue:
                del pending[doc_id]
            if ok:
                stats.indexed += 1
            else:
                fail(action, info.get("status"), _reason(info.get("error")))
        for queue in pending.values():  # sent but never answered by id: not known to be indexed
            for action in queue:
                fail(action, None, "the server's answer did not mention this document")
        pending.clear()
    except TransportError as error:  # the server went away mid-run: fail what is left, keep it
        stats.unreachable = ExportError("MA404", url=url, detail=str(error)).args[0]
        for queue in pending.values():
            for action in queue:
                fail(action, None, f"not sent: {error}")
        pending.clear()
        for action in actions:
            fail(action, None, f"not sent: {error}")
    finally:
        client.close()
    stats.seconds = time.perf_counter() - started
    return stats


def _reason(error: object) -> str:
    if isinstance(error, dict):
        text = f"{error.get('type', 'error')}: {error.get('reason', '')}"
        cause = error.get("caused_by")
        return f"{text} (caused by {_reason(cause)})" if isinstance(cause, dict) else text
    return str(error)
