"""A streaming zstd reader that notices truncation.

``zstandard``'s own ``stream_reader`` ends quietly when a file is cut off mid-frame, which would
drop the documents in the missing tail without a trace. This reader raises ``EOFError`` instead,
so the JSONL reader turns the loss into an error record (MA109). ``zstandard`` is imported by the
caller only when a ``.zst`` input is met (optional extra ``zstd``).
"""

from __future__ import annotations

import io
from typing import IO, Any

__all__ = ["ZstdReader"]

_CHUNK = 1 << 16


class ZstdReader(io.RawIOBase):
    """Decompress a (possibly multi-frame) zstd stream; wrap in ``io.BufferedReader`` for lines."""

    def __init__(self, raw: IO[bytes], zstandard: Any) -> None:
        super().__init__()
        self._raw = raw
        self._zstd = zstandard
        self._obj = zstandard.ZstdDecompressor().decompressobj()
        self._pending = b""  # decompressed bytes, handed out from _offset on
        self._offset = 0
        self._in_frame = False  # bytes of a frame were fed that has not ended yet

    def readable(self) -> bool:
        return True

    def _fill(self) -> bool:
        """Decompress more input into ``_pending``; False at a clean end of input."""
        while self._offset >= len(self._pending):
            self._pending, self._offset = b"", 0
            chunk = self._raw.read(_CHUNK)
            if not chunk:
                if self._in_frame:
                    raise EOFError("zstd stream ends in the middle of a frame")
                return False
            while chunk:
                self._in_frame = True
                self._pending += self._obj.decompress(chunk)
                if not self._obj.eof:
                    break
                # a frame ended: the rest of the chunk belongs to the next frame
                self._in_frame = False
                chunk = self._obj.unused_data
                self._obj = self._zstd.ZstdDecompressor().decompressobj()
        return True

    def readinto(self, buffer: Any) -> int:
        try:
            if not self._fill():
                return 0
        except self._zstd.ZstdError as error:
            raise EOFError(f"corrupt zstd data: {error}") from error
        size = min(len(buffer), len(self._pending) - self._offset)
        buffer[:size] = memoryview(self._pending)[self._offset : self._offset + size]
        self._offset += size
        return size

    def close(self) -> None:
        self._raw.close()
        super().close()
