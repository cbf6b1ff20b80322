"""Output files appear whole or not at all: records go to a temporary file in the same directory,
which replaces the target only when the run finishes."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

__all__ = ["AtomicWriter"]


class AtomicWriter:
    """``with AtomicWriter(path) as out: out.write(b"...")``; ``-`` writes to stdout directly."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = str(path)
        self._stream: BinaryIO | None = None
        self._temp: str | None = None

    def __enter__(self) -> BinaryIO:
        if self.path == "-":
            self._stream = sys.stdout.buffer
            return self._stream
        target = Path(self.path)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, self._temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
        self._stream = os.fdopen(fd, "wb")
        return self._stream

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        assert self._stream is not None
        if self.path == "-":
            self._stream.flush()
            return
        try:
            if exc_type is None:
                self._stream.flush()
                os.fsync(self._stream.fileno())
            self._stream.close()
            if exc_type is None:
                os.replace(self._temp, self.path)
        finally:
            if self._temp and os.path.exists(self._temp):
                os.unlink(self._temp)
