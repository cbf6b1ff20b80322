"""WARC crawl archives (``.warc``, ``.warc.gz``), read with ``warcio`` as a stream.

A document is a ``response`` record with an HTTP 2xx status and an HTML (or plain text) payload:
its URL, fetch date (``WARC-Date``) and HTTP ``Content-Type`` (whose charset informs decoding)
go into the document, its id is the ``WARC-Record-ID``. Every other record (requests, metadata,
redirects, images, scripts…) is not a document and is counted in ``skipped`` by reason, so a
run's summary still adds up.

A corrupt or truncated record becomes one MA109 error record. Reading then resumes at the next
record boundary found after it (a gzip member header, or a ``WARC/1.`` line), so one bad record
does not lose the rest of the archive; on a stream that cannot seek, reading stops there.
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from ..errors import InputError
from .document import Document, InputFailure

__all__ = ["WARC_SUFFIXES", "iter_warc"]

WARC_SUFFIXES = (".warc", ".warc.gz")
_HTML_TYPES = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "text"}
_SCAN_CHUNK = 1 << 20

Item = Document | InputFailure


def _record_magic(path: Path) -> bytes:
    return b"\x1f\x8b\x08" if path.name.lower().endswith(".gz") else b"WARC/1."


def _next_boundary(stream: IO[bytes], start: int, magic: bytes) -> int | None:
    """Offset of the first record boundary at or after ``start``, scanning in chunks."""
    base = max(0, start - 1)  # one byte early, to see whether ``start`` begins a line
    stream.seek(base)
    window = b""
    while chunk := stream.read(_SCAN_CHUNK):
        window += chunk
        found = window.find(magic)
        while found >= 0:
            offset = base + found
            # a plain WARC record starts a line; a gzip member can start anywhere
            at_line_start = magic.startswith(b"\x1f") or offset == 0 or window[found - 1 : found] == b"\n"
            if at_line_start and offset >= start:
                return offset
            found = window.find(magic, found + 1)
        keep = min(len(magic), len(window))  # a boundary split across chunks, with the byte before it
        base += len(window) - keep
        window = window[-keep:]
    return None


def _document(record: Any, path: Path, offset: int, max_bytes: int, skipped: Counter) -> Item | None:
    """The document a record holds, a failure if it cannot be read, or None (counted as skipped)."""
    if record.rec_type != "response":
        skipped[f"warc {record.rec_type} record"] += 1
        return None
    http = record.http_headers
    status = http.get_statuscode() if http is not None else None
    if http is None or not status or not status.startswith("2"):
        skipped["warc response not HTTP 2xx"] += 1
        return None
    content_type = http.get_header("Content-Type") or ""
    fmt = _HTML_TYPES.get(content_type.split(";")[0].strip().lower())
    if fmt is None:
        skipped["warc response not HTML or text"] += 1
        return None
    headers = record.rec_headers
    doc_id = (headers.get_header("WARC-Record-ID") or f"{path}@{offset}").strip("<>")
    stream = record.content_stream()
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        size = len(data) + sum(len(chunk) for chunk in iter(lambda: stream.read(_SCAN_CHUNK), b""))
        return InputFailure(doc_id, InputError("MA104", what=doc_id, size=size, limit=max_bytes), str(path), fmt)
    if record.raw_stream.limit:
        detail = f"record at byte {offset} ends {record.raw_stream.limit} bytes short of its Content-Length"
        return InputFailure(doc_id, InputError("MA109", what=str(path), detail=detail), str(path), fmt)
    return Document(
        id=doc_id,
        format=fmt,
        data=data,
        path=str(path),
        url=headers.get_header("WARC-Target-URI"),
        content_type=content_type,
        fetched=headers.get_header("WARC-Date"),
        extra={"warc_offset": offset},
    )


def iter_warc(path: Path, max_bytes: int, skipped: Counter) -> Iterator[Item]:
    """Documents from one WARC file, in archive order; see the module docstring for what counts."""
    try:
        from warcio.archiveiterator import ArchiveIterator
        from warcio.exceptions import ArchiveLoadFailed
    except ImportError:
        raise InputError("MA111", what=str(path), package="warcio", extra="warc") from None

    magic = _record_magic(path)
    errors = (ArchiveLoadFailed, OSError, EOFError, ValueError, zlib.error)
    with path.open("rb") as stream:
        start: int | None = 0
        while start is not None:
            stream.seek(start)
            records = ArchiveIterator(stream, arc2warc=False)
            try:
                for record in records:
                    item = _document(record, path, records.offset, max_bytes, skipped)
                    if item is not None:
                        yield item
                return
            except errors as error:
                # the iterator's offset is where the record being read when it failed starts
                offset = records.offset
                where = f"{path}@{offset}"
                message = "".join(c if c.isprintable() else "?" for c in str(error).strip()[:200])
                detail = f"record at byte {offset}: {message or type(error).__name__}"
                yield InputFailure(where, InputError("MA109", what=str(path), detail=detail), str(path), "warc")
            start = _next_boundary(stream, offset + 1, magic) if stream.seekable() else None
