from __future__ import annotations

import io

import orjson
import pytest

from medannot.read import Document, InputFailure, iter_documents
from medannot.read.zstd import ZstdReader

zstandard = pytest.importorskip("zstandard")

DATA = b"".join(orjson.dumps({"id": f"d{i}", "text": "头痛发热" * 30}) + b"\n" for i in range(3000))


def read_all(blob: bytes) -> bytes:
    return io.BufferedReader(ZstdReader(io.BytesIO(blob), zstandard)).read()


def test_single_and_multiple_frames():
    one = zstandard.ZstdCompressor().compress(DATA)
    assert read_all(one) == DATA
    assert read_all(one + zstandard.ZstdCompressor(level=9).compress(b"tail\n")) == DATA + b"tail\n"
    assert read_all(b"") == b""


@pytest.mark.parametrize("cut", [1, 100, 0.5])
def test_truncation_raises_instead_of_ending_quietly(cut):
    blob = zstandard.ZstdCompressor().compress(DATA)
    end = int(len(blob) * cut) if isinstance(cut, float) else len(blob) - cut
    with pytest.raises(EOFError):
        read_all(blob[:end])


def test_zst_jsonl_files(tmp_path):
    good = tmp_path / "a.jsonl.zst"
    good.write_bytes(zstandard.ZstdCompressor().compress(DATA))
    cut = tmp_path / "b.ndjson.zstd"
    cut.write_bytes(good.read_bytes()[:-50])
    items = list(iter_documents([str(good), str(cut)]))
    assert sum(isinstance(item, Document) for item in items[:3000]) == 3000
    tail = items[3000:]
    assert all(isinstance(item, Document) for item in tail[:-1])
    assert isinstance(tail[-1], InputFailure) and tail[-1].error.code == "MA109"
