"""Expand the user's INPUT arguments (files, directories, globs, ``-``) into documents, in order.

Formats by extension: ``.txt`` text dumps, ``.html``/``.htm`` pages, JSONL streams (``.jsonl``,
``.ndjson``, optionally ``.gz`` or ``.zst``; see ``jsonl.py``) and WARC archives (``.warc``,
``.warc.gz``; see ``warc.py``). Directories are walked recursively and glob matches taken in sorted
order, so runs are reproducible — which ``--resume`` relies on. Nothing is read whole except
single page files, which are capped at ``max_bytes`` before reading.
"""

from __future__ import annotations

import glob
import os
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from ..errors import InputError
from .document import Document, InputFailure
from .jsonl import JSONL_SUFFIXES, iter_jsonl, open_jsonl
from .warc import WARC_SUFFIXES, iter_warc

__all__ = ["iter_documents", "SUFFIXES", "DEFAULT_MAX_BYTES"]

SUFFIXES = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".xhtml": "html"}
DEFAULT_MAX_BYTES = 16 * 1024 * 1024
_GLOB_CHARS = frozenset("*?[")

Item = Document | InputFailure


def _suffix(path: Path) -> str:
    name = path.name.lower()
    compound = [suffix for suffix in (*JSONL_SUFFIXES, *WARC_SUFFIXES) if name.endswith(suffix)]
    return max(compound, key=len) if compound else path.suffix.lower()


def _walk(directory: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
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


def _expand_file(path: Path, doc_id: str, max_bytes: int, skipped: Counter) -> Iterator[Item]:
    suffix = _suffix(path)
    if suffix in SUFFIXES:
        yield _read_file(path, doc_id, SUFFIXES[suffix], max_bytes)
        return
    if suffix not in JSONL_SUFFIXES and suffix not in WARC_SUFFIXES:
        expected = ", ".join([*SUFFIXES, *JSONL_SUFFIXES, *WARC_SUFFIXES])
        yield InputFailure(doc_id, InputError("MA105", what=str(path), ext=suffix or "(none)", expected=expected), str(path))
        return
    fmt = "jsonl" if suffix in JSONL_SUFFIXES else "warc"
    try:
        if fmt == "warc":
            yield from iter_warc(path, max_bytes, skipped)
        else:
            with open_jsonl(path) as stream:
                yield from iter_jsonl(stream, str(path), max_bytes)
    except InputError as error:  # an optional reader is not installed
        yield InputFailure(str(path), error, str(path), fmt)
    except OSError as error:
        yield InputFailure(str(path), InputError("MA108", what=str(path), detail=error.strerror or error), str(path), fmt)


def _expand(argument: str, max_bytes: int, stdin: IO[bytes] | None, skipped: Counter) -> Iterator[Item]:
    if argument == "-":
        yield from iter_jsonl(stdin if stdin is not None else sys.stdin.buffer, "<stdin>", max_bytes)
        return
    path = Path(argument)
    if path.is_dir():
        for child in _walk(path):
            yield from _expand_file(child, child.relative_to(path).as_posix(), max_bytes, skipped)
    elif path.exists():
        yield from _expand_file(path, path.name, max_bytes, skipped)
    elif _GLOB_CHARS & set(argument):
        matches = sorted(glob.glob(argument, recursive=True))
        if not matches:
            yield InputFailure(argument, InputError("MA108", what=argument, detail="no file matches"), argument)
        for match in matches:
            if not Path(match).is_dir():
                yield from _expand_file(Path(match), match, max_bytes, skipped)
    else:
        yield InputFailure(argument, InputError("MA108", what=argument, detail="no such file or directory"), argument)


def iter_documents(
    inputs: Iterable[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: IO[bytes] | None = None,
    skipped: Counter | None = None,
) -> Iterator[Item]:
    """Every document named by ``inputs``, in order, with failures in place of unreadable ones.

    Archive records that are not documents (WARC requests, images…) are counted in ``skipped``.
    """
    skipped = Counter() if skipped is None else skipped
    for argument in inputs:
        yield from _expand(str(argument), max_bytes, stdin, skipped)
