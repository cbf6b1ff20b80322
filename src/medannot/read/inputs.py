"""Expand the user's INPUT arguments (files, directories, ``-``) into documents.

Formats by extension: ``.txt`` text dumps, ``.html``/``.htm`` pages, ``.jsonl``/``.jsonl.gz`` streams of
``{"id", "text"}`` or ``{"id", "html", "url"}`` objects. Directories are walked recursively in sorted
order so runs are reproducible.
"""

from __future__ import annotations

import gzip
import os
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

import orjson

from ..errors import InputError
from .document import Document, InputFailure

__all__ = ["iter_documents", "SUFFIXES", "DEFAULT_MAX_BYTES"]

SUFFIXES = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".xhtml": "html"}
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
DEFAULT_MAX_BYTES = 16 * 1024 * 1024

Item = Document | InputFailure


def _suffix(path: Path) -> str:
    name = path.name.lower()
    for suffix in JSONL_SUFFIXES:
        if name.endswith(suffix):
            return suffix
    return path.suffix.lower()


def _walk(directory: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(directory):
        dirs.sort()
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(root) / name


def _read_file(path: Path, doc_id: str, fmt: str, max_bytes: int) -> Item:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError("MA104", what=str(path), size=size, limit=max_bytes)
        data = path.read_bytes()
    except InputError as error:
        return InputFailure(doc_id, error, str(path), fmt)
    except OSError as error:
        return InputFailure(doc_id, InputError("MA108", what=str(path), detail=error.strerror or error), str(path), fmt)
    return Document(id=doc_id, format=fmt, data=data, path=str(path))


def _jsonl_document(line: bytes, where: str, default_id: str, path: str | None, max_bytes: int) -> Item:
    if len(line) > max_bytes:
        return InputFailure(default_id, InputError("MA104", what=where, size=len(line), limit=max_bytes), path, "jsonl")
    try:
        obj = orjson.loads(line)
    except orjson.JSONDecodeError as error:
        return InputFailure(default_id, InputError("MA106", what=where, detail=str(error)), path, "jsonl")
    if not isinstance(obj, dict):
        return InputFailure(default_id, InputError("MA107", what=where, detail="a line must be a JSON object"), path, "jsonl")
    doc_id = obj.pop("id", None)
    doc_id = default_id if doc_id is None else str(doc_id)
    html, text = obj.pop("html", None), obj.pop("text", None)
    body, fmt = (html, "html") if html is not None else (text, "text")
    if not isinstance(body, str):
        detail = "needs a string field 'text' or 'html'"
        return InputFailure(doc_id, InputError("MA107", what=where, detail=detail), path, "jsonl")
    url = obj.pop("url", None)
    return Document(id=doc_id, format=fmt, text=body, path=path, url=url if isinstance(url, str) else None, extra=obj)


def iter_jsonl(stream: IO[bytes], name: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    """Documents from a JSONL byte stream, one per non-blank line; bad lines become failures."""
    lineno = 0
    try:
        for lineno, line in enumerate(stream, 1):
            if line.strip():
                yield _jsonl_document(line, f"{name}:{lineno}", f"{name}:{lineno}", name, max_bytes)
    except (OSError, EOFError, zlib.error) as error:  # truncated gzip and friends
        where = f"{name}:{lineno + 1}"
        yield InputFailure(where, InputError("MA109", what=where, detail=str(error) or type(error).__name__), name, "jsonl")


def _open_jsonl(path: Path) -> IO[bytes]:
    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rb")
    return path.open("rb")


def _expand(argument: str, max_bytes: int, stdin: IO[bytes] | None) -> Iterator[Item]:
    if argument == "-":
        yield from iter_jsonl(stdin if stdin is not None else sys.stdin.buffer, "<stdin>", max_bytes)
        return
    path = Path(argument)
    if path.is_dir():
        for child in _walk(path):
            yield from _expand_file(child, child.relative_to(path).as_posix(), max_bytes)
    elif path.exists():
        yield from _expand_file(path, path.name, max_bytes)
    else:
        yield InputFailure(argument, InputError("MA108", what=argument, detail="no such file or directory"), argument)


def _expand_file(path: Path, doc_id: str, max_bytes: int) -> Iterator[Item]:
    suffix = _suffix(path)
    if suffix in JSONL_SUFFIXES:
        try:
            with _open_jsonl(path) as stream:
                yield from iter_jsonl(stream, str(path), max_bytes)
        except OSError as error:
            yield InputFailure(str(path), InputError("MA108", what=str(path), detail=str(error)), str(path), "jsonl")
    elif suffix in SUFFIXES:
        yield _read_file(path, doc_id, SUFFIXES[suffix], max_bytes)
    else:
        expected = ", ".join([*SUFFIXES, *JSONL_SUFFIXES])
        yield InputFailure(doc_id, InputError("MA105", what=str(path), ext=suffix or "(none)", expected=expected), str(path))


def iter_documents(
    inputs: Iterable[str], *, max_bytes: int = DEFAULT_MAX_BYTES, stdin: IO[bytes] | None = None
) -> Iterator[Item]:
    """Every document named by ``inputs``, in order, with failures in place of unreadable ones."""
    for argument in inputs:
        yield from _expand(str(argument), max_bytes, stdin)
