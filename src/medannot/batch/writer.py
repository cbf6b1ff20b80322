"""Output files that are atomic and resumable at once.

Records are appended to ``OUT.part``, a stable name beside the target, and the file is renamed
to ``OUT`` (``os.replace``, after ``fsync``) only when the run has written every document. So
``OUT`` is always complete — never a half-written file a later step could mistake for a result
— and a run that dies leaves ``OUT.part`` behind for ``--resume`` to continue.

Each record is one line, written whole and flushed after every batch; a kill can at worst tear
the last line. Resume (``JsonlOutput.prepare(resume=True)``) reads what is there, truncates a torn
or unparseable last line, and returns the ids already written; the runner then skips that many
occurrences of each id in the inputs (a multiset, so duplicate ids are handled) and appends the
rest. Since output is in input order, the resumed file is identical to an uninterrupted run's.
Resuming onto a finished ``OUT`` moves it back to ``OUT.part`` (once the run really starts) and
appends only the documents it lacks (useful when a crawl has grown).

With ``shard_size`` the output is ``OUT-00000.jsonl``, ``OUT-00001.jsonl``, …: each shard is
renamed from its ``.part`` as soon as it holds ``shard_size`` records, so only the last shard is
ever partial, and resume continues that one. A fresh run removes old shards of the same name.
``-`` writes to stdout, which can be neither sharded nor resumed.

The ``.part`` being written is locked (``flock``) so two runs cannot interleave into one output.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

import orjson

from ..errors import MedannotError

try:
    import fcntl
except ImportError:  # not POSIX: no lock, the rest works
    fcntl = None  # type: ignore[assignment]

__all__ = ["AtomicWriter", "JsonlOutput", "Written", "shard_path"]

_BUFFER = 1 << 20


@dataclass
class Written:
    """What an interrupted or earlier run already wrote."""

    ids: Counter = field(default_factory=Counter)  # id -> number of records
    records: int = 0
    errors_by_code: Counter = field(default_factory=Counter)


def _stem_suffix(target: Path) -> tuple[str, str]:
    if target.suffix:
        return target.name[: -len(target.suffix)], target.suffix
    return target.name, ".jsonl"


def shard_path(output: str | os.PathLike[str], index: int) -> Path:
    """Shard ``index`` of ``output``: ``out.jsonl`` -> ``out-00003.jsonl``."""
    target = Path(output)
    stem, suffix = _stem_suffix(target)
    return target.parent / f"{stem}-{index:05d}{suffix}"


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _lock(fd: int, path: Path) -> None:
    if fcntl is None:
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        raise MedannotError("MA113", what=str(path)) from None


def _scan(path: Path, written: Written, repair: bool) -> None:
    """Add the records of ``path`` to ``written``; cut a torn last line if ``repair``, else fail."""
    with path.open("r+b" if repair else "rb") as stream:
        _lock(stream.fileno(), path)
        good_end, lineno = 0, 0
        for lineno, line in enumerate(stream, 1):
            try:
                if not line.endswith(b"\n"):
                    raise ValueError("the line is incomplete")
                record = orjson.loads(line)
                doc_id = str(record["id"])
            except (ValueError, KeyError, TypeError) as error:
                if repair and not stream.read(1):  # the last line: torn by the interruption
                    stream.truncate(good_end)
                    return
                raise MedannotError("MA112", what=str(path), detail=f"line {lineno} is not a record ({error})") from None
            written.ids[doc_id] += 1
            written.records += 1
            if isinstance(record.get("error"), dict):
                written.errors_by_code[record["error"].get("code", "MA100")] += 1
            good_end += len(line)


class JsonlOutput:
    """Appends JSONL lines to one file or to numbered shards; see the module docstring.

    ``prepare(resume)`` takes stock of earlier output; ``start()`` opens (and locks) the part to
    append to — separately, so that worker processes forked in between do not inherit the file.
    """

    def __init__(self, path: str | os.PathLike[str], shard_size: int | None = None) -> None:
        self.path = str(path)
        self.shard_size = shard_size
        if self.path == "-" and shard_size:
            raise MedannotError("MA112", what="stdout", detail="-o - cannot be sharded")
        target = Path(self.path)
        self._dir = target.parent
        stem, suffix = _stem_suffix(target)
        self._shard_pattern = re.compile(rf"{re.escape(stem)}-(\d{{5,}}){re.escape(suffix)}(\.part)?")
        self._stream: BinaryIO | None = None
        self._shard = 0  # index of the shard being written
        self._in_shard = 0  # records in it
        self._keep = False  # append to the existing part instead of starting it afresh
        self._reopen: Path | None = None  # a finished file that start() turns back into the part
        self.paths: list[str] = []  # finished files

    def _final(self, shard: int) -> Path:
        return shard_path(self.path, shard) if self.shard_size else Path(self.path)

    def _part(self, shard: int) -> Path:
        final = self._final(shard)
        return final.with_name(final.name + ".part")

    def _shards(self) -> list[tuple[int, Path, bool]]:
        """Existing shards of this output: (index, path, is_part), by index."""
        found = []
        for entry in self._dir.iterdir() if self._dir.is_dir() else ():
            match = self._shard_pattern.fullmatch(entry.name)
            if match:
                found.append((int(match.group(1)), entry, bool(match.group(2))))
        return sorted(found)

    def prepare(self, resume: bool = False) -> Written:
        """With ``resume``, take stock of the records already written (repairing a torn end);
        without, clear old shards of this output. Returns what is there."""
        written = Written()
        if self.path == "-":
            if resume:
                raise MedannotError("MA112", what="stdout", detail="-o - cannot be resumed")
            return written
        self._dir.mkdir(parents=True, exist_ok=True)
        if not self.shard_size:
            part, final = self._part(0), self._final(0)
            if resume and part.exists():
                _scan(part, written, repair=True)
                self._keep = True
            elif resume and final.exists():
                _scan(final, written, repair=False)
                self._keep, self._reopen = True, final
            return written
        shards = self._shards()
        if not resume:
            for _, path, _ in shards:
                path.unlink()
            return written
        for position, (index, path, is_part) in enumerate(shards):
            last = position == len(shards) - 1
            if index != position or (is_part and not last):
                raise MedannotError("MA112", what=self.path, detail=f"unexpected shard {path.name}")
            before = written.records
            _scan(path, written, repair=is_part)
            count = written.records - before
            if last and (is_part or count < self.shard_size):  # continue the last shard
                self._shard, self._in_shard, self._keep = index, count, True
                self._reopen = None if is_part else path
            else:
                self.paths.append(str(path))
                self._shard = index + 1
        return written

    def start(self) -> None:
        """Open the part to write to (stdout for ``-``)."""
        if self.path == "-":
            self._stream = sys.stdout.buffer
            return
        in_shard = self._in_shard
        if self._reopen is not None:  # a finished file to append to becomes a part again
            os.replace(self._reopen, self._part(self._shard))
        self._open_part(self._shard, keep=self._keep)
        self._in_shard = in_shard if self._keep else 0

    def _open_part(self, shard: int, keep: bool) -> None:
        part = self._part(shard)
        fd = os.open(part, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            _lock(fd, part)
        except MedannotError:
            os.close(fd)
            raise
        if not keep:
            os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_END)
        self._stream = os.fdopen(fd, "wb", buffering=_BUFFER)
        self._in_shard = 0

    def write(self, line: bytes) -> None:
        if self._stream is None:
            self._open_part(self._shard, keep=False)
        assert self._stream is not None
        self._stream.write(line)
        self._in_shard += 1
        if self.shard_size and self._in_shard >= self.shard_size:
            self._close_part()
            self._shard += 1

    def flush(self) -> None:
        if self._stream is not None:
            self._stream.flush()

    def _close_part(self) -> None:
        """fsync and rename the part being written to its final name."""
        assert self._stream is not None
        self._stream.flush()
        os.fsync(self._stream.fileno())
        final = self._final(self._shard)
        os.replace(self._part(self._shard), final)  # while still locked
        self._stream.close()
        self._stream = None
        _fsync_dir(self._dir)
        self.paths.append(str(final))

    def finish(self) -> list[str]:
        """Every document is in: the last part becomes final. Returns the output files."""
        if self.path == "-":
            assert self._stream is not None
            self._stream.flush()
            return ["-"]
        if self._stream is not None and self._in_shard == 0 and self.paths:
            # a sharded run that ended on a shard boundary: no empty extra shard
            self._stream.close()
            self._stream = None
            self._part(self._shard).unlink()
        if self._stream is None and not self.paths:  # no document at all: an empty output still appears
            self._open_part(self._shard, keep=False)
        if self._stream is not None:
            self._close_part()
        return self.paths

    def abort(self) -> str | None:
        """Stop without finishing: flush what was written and keep the part for ``--resume``."""
        if self._stream is None or self.path == "-":
            return None
        self._stream.flush()
        self._stream.close()
        self._stream = None
        return str(self._part(self._shard))


class AtomicWriter:
    """``with AtomicWriter(path) as out: out.write(b"...")``: the file appears whole or not at all."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = str(path)
        self._stream: BinaryIO | None = None
        self._temp: str | None = None

    def __enter__(self) -> BinaryIO:
        target = Path(self.path)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, self._temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        self._stream = os.fdopen(fd, "wb", buffering=_BUFFER)
        return self._stream

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        assert self._stream is not None and self._temp is not None
        try:
            if exc_type is None:
                self._stream.flush()
                os.fsync(self._stream.fileno())
            self._stream.close()
            if exc_type is None:
                os.chmod(self._temp, 0o644)
                os.replace(self._temp, self.path)
        finally:
            if os.path.exists(self._temp):
                os.unlink(self._temp)
