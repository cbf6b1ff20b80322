"""JSONL streams: one ``{"id", "text"}`` or ``{"id", "html", "url"}`` object per line.

Read line by line with a bounded ``readline``, so neither a huge file nor a huge single line is
ever held whole in memory: a line over the size limit is skipped in chunks and becomes an MA104
error record. Plain, gzip (``.gz``) and zstd (``.zst``/``.zstd``) files are read the same way;
a truncated or corrupt compressed stream ends with one MA109 error record for the lost tail.
"""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import orjson

from ..errors import InputError
from .document import Document, InputFailure

__all__ = ["JSONL_SUFFIXES", "open_jsonl", "iter_jsonl", "document_from_object", "document_from_line"]

JSONL_SUFFIXES = tuple(f"{base}{comp}" for base in (".jsonl", ".ndjson") for comp in ("", ".gz", ".zst", ".zstd"))
_SKIP_CHUNK = 1 << 20

Item = Document | InputFailure


def open_jsonl(path: Path) -> IO[bytes]:
    """A binary line stream over a plain, gzip or zstd JSONL file."""
    name = path.name.lower()
    if name.endswith(".gz"):
        return gzip.open(path, "rb")
    if name.endswith((".zst", ".zstd")):
        try:
            import zstandard
        except ImportError:
            raise InputError("MA111", what=str(path), package="zstandard", extra="zstd") from None
        from .zstd import ZstdReader

        return io.BufferedReader(ZstdReader(path.open("rb"), zstandard))
    return path.open("rb")


def document_from_object(obj: Any, where: str, default_id: str, path: str | None = None) -> Item:
    """A document from one parsed JSONL value; ``where`` names it in error messages."""
    if not isinstance(obj, dict):
        return InputFailure(default_id, InputError("MA107", what=where, detail="a line must be a JSON object"), path, "jsonl")
    obj = dict(obj)
    doc_id = obj.pop("id", None)
    doc_id = default_id if doc_id is None else str(doc_id)
    html, text = obj.pop("html", None), obj.pop("text", None)
    body, fmt = (html, "html") if html is not None else (text, "text")
    if not isinstance(body, str):
        detail = "needs a string field 'text' or 'html'"
        return InputFailure(doc_id, InputError("MA107", what=where, detail=detail), path, "jsonl")
    url = obj.pop("url", None)
    return Document(id=doc_id, format=fmt, text=body, path=path, url=url if isinstance(url, str) else None, extra=obj)


def document_from_line(line: bytes | str, where: str, default_id: str, path: str | None = None) -> Item:
    """A document from one JSONL line (bytes or str, trailing newline allowed)."""
    try:
        obj = orjson.loads(line)
    except orjson.JSONDecodeError as error:
        return InputFailure(default_id, InputError("MA106", what=where, detail=str(error)), path, "jsonl")
    return document_from_object(obj, where, default_id, path)


def _lines(stream: IO[bytes], limit: int) -> Iterator[tuple[bytes | None, int]]:
    """``(line, size)`` per line; ``line`` is None for a line over ``limit`` bytes (skipped unread)."""
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) <= limit or line.endswith(b"\n") and len(line) == limit + 1:
            yield line, len(line)
            continue
        size = len(line)
        while not line.endswith(b"\n"):
            line = stream.readline(_SKIP_CHUNK)
            if not line:
                break
            size += len(line)
        yield None, size


def iter_jsonl(stream: IO[bytes], name: str, max_bytes: int) -> Iterator[Item]:
    """Documents from a JSONL byte stream, one per non-blank line; bad lines become failures."""
    lineno = 0
    try:
        for lineno, (line, size) in enumerate(_lines(stream, max_bytes), 1):
            where = f"{name}:{lineno}"
            if line is None:
                yield InputFailure(where, InputError("MA104", what=where, size=size, limit=max_bytes), name, "jsonl")
            elif line.strip():
                yield document_from_line(line, where, where, name)
    except (OSError, EOFError, zlib.error) as error:  # truncated gzip/zstd and friends
        where = f"{name}:{lineno + 1}"
        detail = str(error) or type(error).__name__
        yield InputFailure(where, InputError("MA109", what=where, detail=detail), name, "jsonl")
