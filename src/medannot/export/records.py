"""Annotated records read back from ``medannot annotate`` output, as plain dicts.

The indexer and every exporter consume records through here: JSONL files (``.gz`` too) or ``-`` for
stdin. Records stay the JSON dicts orjson gives (no dataclasses, no pipeline import), which keeps
reading cheap. A line that is not a usable record, and an error record (a document the pipeline
could not annotate), comes out as a ``Skipped`` item saying where and why, so callers can count and
report it instead of losing it silently.
"""

from __future__ import annotations

import gzip
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, TypeVar

import orjson

from ..errors import ExportError

__all__ = ["Line", "Skipped", "Tally", "read_records", "record_problem", "convert_records", "checked_entities"]


T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Line:
    """One usable record and the input line it came from."""

    where: str  # file:line
    record: dict[str, Any]
    raw: bytes  # the line as read (for digests: cheaper than serialising the record again)


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input line that yields nothing to index or export."""

    where: str  # file:line
    id: str | None
    reason: str  # "[MA401] ..." for a bad line, the error record's own message otherwise
    error_record: bool  # True for an annotate error record (expected), False for a bad line


@dataclass(slots=True)
class Tally:
    """What a run over records did with its input lines, for the summary line and exit status."""

    records: int = 0
    error_records: int = 0
    bad_lines: list[Skipped] = field(default_factory=list)

    def skip(self, item: Skipped) -> None:
        if item.error_record:
            self.error_records += 1
        else:
            self.bad_lines.append(item)

    def describe(self) -> str:
        parts = [f"{self.records} records"]
        if self.error_records:
            parts.append(f"{self.error_records} error records skipped (nothing to index)")
        if self.bad_lines:
            parts.append(f"{len(self.bad_lines)} unusable lines")
        return ", ".join(parts)


def record_problem(record: Any) -> str | None:
    """Why ``record`` is not an annotated record with usable offsets, or None when it is."""
    if not isinstance(record, dict):
        return "a line must be a JSON object"
    if not isinstance(record.get("id"), str):
        return "missing string 'id'"
    content = record.get("content")
    if not isinstance(content, dict) or not isinstance(content.get("text"), str):
        return "missing 'content.text'"
    for key in ("tokens", "entities"):
        if not isinstance(record.get(key), list):
            return f"missing list '{key}'"
    return None


def checked_entities(record: dict[str, Any]) -> list[dict[str, Any]]:
    """The record's entities, after checking each one's text is the content at its offsets.

    Exports hand offsets to other tools as they are; a record edited by hand or by another program
    could carry stale ones, and a reviewer would then see labels on the wrong characters.
    """
    text = record["content"]["text"]
    entities = record["entities"]
    for number, entity in enumerate(entities):
        start, end = entity["start"], entity["end"]
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)) or text[start:end] != entity["text"]:
            raise ValueError(f"entity {number} [{start}, {end}) {entity['text']!r} does not match the content text")
    return entities


def _open(path: str) -> IO[bytes]:
    if path == "-":
        return sys.stdin.buffer
    if path.endswith(".gz"):
        return gzip.open(path, "rb")
    # a 1 MB buffer: records are long lines (20 KB is common), which the default 8 KB reads in pieces
    return open(path, "rb", buffering=1 << 20)  # noqa: SIM115 - closed by the caller


def _lines(path: str) -> Iterator[tuple[int, bytes]]:
    stream = _open(path)
    try:
        yield from enumerate(stream, 1)
    except (OSError, EOFError) as error:  # truncated .gz, unreadable file
        raise ExportError("MA401", where=f"{path}", detail=f"unreadable: {error}") from None
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()


def read_records(paths: Sequence[str | Path]) -> Iterator[Line | Skipped]:
    """A ``Line`` for every record of every file in order; unusable lines come out as ``Skipped``.

    Raises ``ExportError`` (MA401) only for a file that cannot be opened or read at all.
    """
    for path in map(str, paths):
        name = "<stdin>" if path == "-" else path
        try:
            lines = _lines(path)
            for number, line in lines:
                if not line.strip():
                    continue
                where = f"{name}:{number}"
                try:
                    record = orjson.loads(line)
                except orjson.JSONDecodeError as error:
                    yield Skipped(where, None, ExportError("MA401", where=where, detail=f"invalid JSON ({error})").args[0], False)
                    continue
                if isinstance(record, dict) and isinstance(record.get("error"), dict):
                    error = record["error"]
                    reason = f"[{error.get('code', '?')}] {error.get('message', '')}"
                    yield Skipped(where, str(record.get("id")), reason, True)
                    continue
                if problem := record_problem(record):
                    doc_id = record.get("id") if isinstance(record, dict) else None
                    reason = ExportError("MA401", where=where, detail=problem).args[0]
                    yield Skipped(where, None if doc_id is None else str(doc_id), reason, False)
                    continue
                yield Line(where, record, line)
        except FileNotFoundError:
            raise ExportError("MA401", where=name, detail="no such file") from None
        except IsADirectoryError:
            raise ExportError("MA401", where=name, detail="is a directory; give the JSONL files") from None


def convert_records(inputs: Sequence[str | Path], convert: Callable[[Line], T], tally: Tally) -> Iterator[tuple[Line, T]]:
    """``(line, convert(line))`` for every usable record, counting the rest in ``tally``.

    A record whose inner structure breaks ``convert`` (an entity without ``start``, a token that is
    not a pair) is reported as an unusable line, not a crash of the whole run.
    """
    for item in read_records(inputs):
        if isinstance(item, Skipped):
            tally.skip(item)
            continue
        try:
            converted = convert(item)
        except (KeyError, TypeError, ValueError, IndexError) as error:
            detail = f"malformed record ({type(error).__name__}: {error})"
            reason = ExportError("MA401", where=item.where, detail=detail).args[0]
            tally.skip(Skipped(item.where, item.record["id"], reason, False))
            continue
        tally.records += 1
        yield item, converted
