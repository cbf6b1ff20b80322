from __future__ import annotations

import hashlib
import http.server
import io
import json
import pickle
import tarfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from medannot.errors import SegmenterError
from medannot.models.pkuseg_sdist import MODEL_MEMBER, SDIST, fetch_sdist, install_from_sdist
from medannot.models.store import resolve_pkuseg_model, verify_model
from medannot.segment import create_segmenter

srsly = pytest.importorskip("srsly")


def _sdist(model: Path, out: Path, features: bytes | None = None) -> tuple[Path, str]:
    """An archive shaped like the pkuseg sdist, holding ``model`` in pkuseg's old (pickle) format."""
    if features is None:
        features = pickle.dumps(srsly.read_msgpack(model / "features.msgpack"))
    with tarfile.open(out, "w:gz") as tar:
        for name, data in (("features.pkl", features), ("weights.npz", (model / "weights.npz").read_bytes())):
            info = tarfile.TarInfo(MODEL_MEMBER + name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return out, hashlib.sha256(out.read_bytes()).hexdigest()


def test_install_converts_checks_and_publishes(tmp_path: Path, models_home: Path, tiny_pkuseg_model: Path) -> None:
    archive, digest = _sdist(tiny_pkuseg_model, tmp_path / SDIST)
    path = install_from_sdist(archive, expected_sha256=digest)
    assert path == models_home / "pkuseg" / "mixed"
    assert resolve_pkuseg_model(None) == path.resolve()  # it is now the default model
    assert verify_model(path) == []
    assert SDIST in json.loads((path / "medannot-model.json").read_text(encoding="utf-8"))["source"]
    segmenter = create_segmenter("pkuseg")
    text = "医生建议先做血常规检查。"
    assert segmenter.segment(text).spans == create_segmenter("pkuseg", model=str(tiny_pkuseg_model)).segment(text).spans


def test_a_wrong_checksum_installs_nothing(tmp_path: Path, models_home: Path, tiny_pkuseg_model: Path) -> None:
    archive, _ = _sdist(tiny_pkuseg_model, tmp_path / SDIST)
    with pytest.raises(SegmenterError, match="expected") as caught:
        install_from_sdist(archive)  # the pinned checksum of the real release
    assert caught.value.code == "MA305"
    assert not (models_home / "pkuseg" / "mixed").exists()


def test_a_pickle_that_builds_objects_is_refused(tmp_path: Path, models_home: Path, tiny_pkuseg_model: Path) -> None:
    archive, digest = _sdist(tiny_pkuseg_model, tmp_path / SDIST, features=pickle.dumps(Path("x")))
    with pytest.raises(SegmenterError, match="unexpected object"):
        install_from_sdist(archive, expected_sha256=digest)
    assert not any((models_home / "pkuseg").iterdir())  # the staging directory is gone too


class _Index(http.server.BaseHTTPRequestHandler):
    """A PEP 691 package index serving one project page and one file."""

    archive: bytes = b""

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        if self.path == "/simple/pkuseg/":
            body = json.dumps({"files": [{"filename": SDIST, "url": f"/files/{SDIST}"}]}).encode()
            kind = "application/vnd.pypi.simple.v1+json"
        elif self.path == f"/files/{SDIST}":
            body, kind = self.archive, "application/gzip"
        else:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def index(tmp_path: Path, tiny_pkuseg_model: Path) -> Iterator[tuple[str, str]]:
    archive, digest = _sdist(tiny_pkuseg_model, tmp_path / "served.tar.gz")
    handler = type("Index", (_Index,), {"archive": archive.read_bytes()})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/simple", digest
    server.shutdown()
    server.server_close()


def test_fetch_downloads_through_the_index(tmp_path: Path, models_home: Path, index: tuple[str, str]) -> None:
    url, digest = index
    seen: list[int] = []
    archive = fetch_sdist(tmp_path, url, lambda done, total: seen.append(done))
    assert archive.name == SDIST and seen[-1] == archive.stat().st_size
    assert hashlib.sha256(archive.read_bytes()).hexdigest() == digest
    assert install_from_sdist(archive, expected_sha256=digest).is_dir()


def test_an_unreachable_index_is_a_clear_error(tmp_path: Path) -> None:
    server = http.server.HTTPServer(("127.0.0.1", 0), _Index)
    port = server.server_address[1]
    server.server_close()  # nothing listens there any more: the connection is refused at once
    with pytest.raises(SegmenterError, match="--from-file") as caught:
        fetch_sdist(tmp_path, f"http://127.0.0.1:{port}/simple")
    assert caught.value.code == "MA305"
