"""Build or update the embedded index from annotated records (upsert by record id).

A record whose id is already indexed replaces the old row; an identical record (same digest) is
left alone, so re-running ``index build`` over a grown output file only pays for what changed.
"""

from __future__ import annotations

import gc
import hashlib
import os
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import orjson

from ..export.records import Tally, checked_entities, convert_records
from ..lexicon import Lexicon
from ..record import token_pairs
from ..segment import Segmenter, create_segmenter
from .schema import create
from .text import cut, index_form, pack, segmented
from .vocabulary import Vocabulary

__all__ = ["BuildStats", "IndexWriter", "build_index"]

_WRITE_ROWS = 1000  # records whose rows are written together (within a transaction of batch_size)


@dataclass(slots=True)
class BuildStats:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    tally: Tally = field(default_factory=Tally)
    seconds: float = 0.0

    def describe(self) -> str:
        done = self.added + self.updated + self.unchanged
        rate = done / self.seconds if self.seconds else 0.0
        return (
            f"medannot index: {self.tally.describe()}; {self.added} added, {self.updated} updated, "
            f"{self.unchanged} unchanged; {self.seconds:.2f} s, {rate:.0f} docs/s"
        )


@dataclass(slots=True)
class _Rows:
    """The rows of the records added since the last write.

    Writing them in one run of inserts per table, rather than each record's right after its
    Python work, keeps SQLite's working set (the FTS5 term hash above all) in the CPU caches:
    a build of the bench records takes a sixth less time.
    """

    ids: set[str] = field(default_factory=set)
    docs: list[tuple[Any, ...]] = field(default_factory=list)  # new documents
    changed: list[tuple[Any, ...]] = field(default_factory=list)  # documents indexed before, now different
    bodies: list[tuple[Any, ...]] = field(default_factory=list)
    fts: list[tuple[Any, ...]] = field(default_factory=list)

    def write(self, connection: sqlite3.Connection) -> None:
        connection.executemany(
            "INSERT INTO docs(rowid, id, digest, title, published, source_name, url, host, path, asserted, mentioned)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            self.docs,
        )
        connection.executemany(
            "UPDATE docs SET digest=?, title=?, published=?, source_name=?, url=?, host=?, path=?, asserted=?, mentioned=?"
            " WHERE rowid=?",
            self.changed,
        )
        connection.executemany("DELETE FROM fts WHERE rowid = ?", [(row[-1],) for row in self.changed])
        connection.executemany("INSERT OR REPLACE INTO bodies VALUES (?, ?, ?)", self.bodies)
        connection.executemany("INSERT INTO fts(rowid, body, title, concepts, filters) VALUES (?, ?, ?, ?, ?)", self.fts)
        for rows in (self.ids, self.docs, self.changed, self.bodies, self.fts):
            rows.clear()


class IndexWriter:
    """Upserts records into one index file; use as a context manager so the last batch commits.

    A new index is written to a scratch file beside ``db``, without a rollback journal or syncs
    (about 3% of a fresh build's time), then synced and renamed to ``db`` when closed: a crash or
    an error leaves no index rather than part of one (and the scratch file ``*.building-<pid>``).
    An existing index is updated in place, one transaction per ``batch_size`` records.
    """

    def __init__(self, db: str | Path, lexicon: Lexicon | None = None, *, batch_size: int = 1000) -> None:
        self.path = Path(db)
        fresh = not self.path.exists() or self.path.stat().st_size == 0
        self._scratch = self.path.with_name(f"{self.path.name}.building-{os.getpid()}") if fresh else None
        if self._scratch is not None:
            self._scratch.unlink(missing_ok=True)
        self.connection = create(self._scratch or self.path, scratch=fresh)
        self.batch_size = batch_size
        self._pending = 0  # records in the open transaction
        self._rows = _Rows()  # rows not yet written, at most _WRITE_ROWS records' worth
        (self._next_rowid,) = self.connection.execute("SELECT coalesce(max(rowid), 0) + 1 FROM docs").fetchone()
        self.connection.execute("BEGIN")
        self.vocabulary = Vocabulary(self.connection)
        if lexicon is not None:
            self.vocabulary.add_lexicon(lexicon)
        self._segmenter_name: str | None = None
        self._segmenter: Segmenter | None = None

    def __enter__(self) -> IndexWriter:
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        self.close(commit=exc_type is None)

    def close(self, *, commit: bool = True) -> None:
        """Write and commit what is pending (or, with ``commit=False`` or on an error, roll it back)."""
        try:
            if commit:
                self._rows.write(self.connection)
                if self.connection.in_transaction:
                    self.connection.execute("COMMIT")
        except BaseException:
            commit = False
            raise
        finally:
            if not commit and self._scratch is None and self.connection.in_transaction:
                self.connection.execute("ROLLBACK")
            self.connection.close()
            if self._scratch is not None and not commit:
                self._scratch.unlink(missing_ok=True)
        if commit and self._scratch is not None:
            _sync(self._scratch)
            os.replace(self._scratch, self.path)
            _sync(self.path.parent)

    def _note_segmenter(self, record: dict[str, Any]) -> None:
        """Remember the segmenter the records were made with: queries must be split by the same one."""
        if self._segmenter_name is None:
            self._segmenter_name = (record.get("pipeline") or {}).get("segmenter") or "rjieba"
            self.connection.execute("INSERT OR REPLACE INTO info VALUES ('segmenter', ?)", (self._segmenter_name,))

    def _title_segmenter(self) -> Segmenter:
        """That segmenter, loaded with the index's terms, for titles (which records do not segment)."""
        if self._segmenter is None:
            self._segmenter = create_segmenter(self._segmenter_name or "rjieba", self.vocabulary.user_words())
        return self._segmenter

    def add(self, record: dict[str, Any], raw: bytes | None = None) -> str:
        """Index one record; returns ``added``, ``updated`` or ``unchanged``.

        ``raw`` is the record's JSON as read, if at hand, to fingerprint it without serialising it
        again. Everything that can fail on a malformed record is computed before its rows are
        queued; they are written with the next ``_WRITE_ROWS`` records' (or at the next commit).
        """
        execute = self.connection.execute
        # SHA-256 (hardware-accelerated through OpenSSL) hashes a 20 kB line in half the time BLAKE2b takes
        digest = hashlib.sha256(raw if raw is not None else orjson.dumps(record)).digest()[:16]
        rows = self._rows
        if record["id"] in rows.ids:  # a second version of a record not yet written: write the first
            rows.write(self.connection)
        row = execute("SELECT rowid, digest FROM docs WHERE id = ?", (record["id"],)).fetchone()
        if row is not None and row[1] == digest:
            return "unchanged"
        self._note_segmenter(record)

        text: str = record["content"]["text"]
        meta = record.get("meta") or {}
        source = record.get("source") or {}
        title = meta.get("title") or ""
        title_words = ""
        if title:
            title_words = segmented(index_form(title), self._title_segmenter().segment(title).spans)

        vocabulary = self.vocabulary
        asserted_set: set[int] = set()  # mentioned at least once not negated
        spans = []
        for entity in checked_entities(record):
            known = vocabulary.by_id.get(entity["concept_id"])  # inlined fast path: ~25 entities a record
            num = known.num if known else vocabulary.concept(entity["concept_id"], entity["canonical"], entity["label"])
            if entity["text"] not in vocabulary.seen:
                vocabulary.add_term(entity["text"], num)
            if not entity.get("negated"):
                asserted_set.add(num)
            spans.append((entity["start"], entity["end"], num))
        concept_words = " ".join([f"c{num}" for _, _, num in spans])
        asserted, mentioned = sorted(asserted_set), sorted({num for _, _, num in spans})
        filter_words = " ".join([f"n{num}" for num in mentioned if num not in asserted_set])  # only ever negated

        folded = index_form(text)
        body = cut(folded, record["tokens"])
        stored = None if body is not None and folded == text else text  # else the body gives the text back
        if body is None:
            body = segmented(folded, token_pairs(record["tokens"]))
        url = source.get("url")
        values = (
            digest, title or None, meta.get("published"), meta.get("source_name"), url, _host(url), source.get("path"),
            pack(asserted), pack(mentioned),
        )
        if row is None:
            rowid, outcome = self._next_rowid, "added"
            self._next_rowid += 1
            rows.docs.append((rowid, record["id"], *values))
        else:
            rowid, outcome = row[0], "updated"
            rows.changed.append((*values, rowid))
        rows.ids.add(record["id"])
        rows.bodies.append((rowid, stored, orjson.dumps(spans)))
        rows.fts.append((rowid, body, title_words, concept_words, filter_words))
        if len(rows.ids) >= _WRITE_ROWS:
            rows.write(self.connection)
        self._pending += 1
        if self._pending >= self.batch_size:
            rows.write(self.connection)
            execute("COMMIT")
            execute("BEGIN")
            self._pending = 0
        return outcome


def _sync(path: Path) -> None:
    """Flush a file's (or a directory's entries') writes to the disk."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _host(url: object) -> str | None:
    if not isinstance(url, str):
        return None
    try:
        return urlsplit(url).hostname
    except ValueError:
        return None


def build_index(
    inputs: Sequence[str | Path], db: str | Path, lexicon: Lexicon | None = None, *, batch_size: int = 1000
) -> BuildStats:
    """Upsert every record of ``inputs`` (annotate's JSONL output) into the index at ``db``."""
    started = time.perf_counter()
    stats = BuildStats()
    with IndexWriter(db, lexicon, batch_size=batch_size) as writer, _lexicon_frozen():
        for _, outcome in convert_records(inputs, lambda line: writer.add(line.record, line.raw.strip()), stats.tally):
            setattr(stats, outcome, getattr(stats, outcome) + 1)
    stats.seconds = time.perf_counter() - started
    return stats


@contextmanager
def _lexicon_frozen() -> Iterator[None]:
    """Keep the objects alive so far (the lexicon, the vocabulary) out of cyclic garbage collection.

    Each record parses into thousands of small lists that die by reference counting but still
    trigger collections, and every older-generation collection would walk the tens of thousands of
    lexicon objects again (about 15% of the build time). Skipped when the caller froze objects itself.
    """
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
