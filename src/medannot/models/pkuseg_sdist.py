"""Install pkuseg's mixed-domain model from the ``pkuseg`` source archive on PyPI.

spacy-pkuseg downloads its models from a code-hosting site at first use, which hangs or fails
offline. The original ``pkuseg`` 0.0.25 sdist on PyPI ships the mixed-domain model
(``pkuseg/models/default/``: ``features.pkl`` + ``weights.npz``), so we take it from there: fetch the
archive through the package index (or use one already downloaded), check it against the pinned
sha256, convert the pickled feature table to the ``features.msgpack`` spacy-pkuseg loads, and
publish the model directory with a manifest of checksums.

The pickle is read only after the archive's checksum matched, and with an unpickler that refuses
every global, so it can build nothing but plain dicts, lists and strings.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import pickle
import re
import shutil
import tarfile
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path

from ..errors import SegmenterError
from .store import DEFAULT_PKUSEG_MODEL, pkuseg_model_dir, publish, write_manifest

__all__ = ["SDIST", "SDIST_SHA256", "DEFAULT_INDEX", "fetch_sdist", "install_from_sdist"]

SDIST = "pkuseg-0.0.25.tar.gz"
SDIST_SHA256 = "dd012bf93689721c9574bc2b2ba98fb4ac22790cec0af354a78e217828b81e91"
MODEL_MEMBER = "pkuseg-0.0.25/pkuseg/models/default/"
DEFAULT_INDEX = "https://pypi.org/simple"
_TIMEOUT = 60  # seconds without data before a download is given up
_HTML_LINK = re.compile(r'href="([^"]+?/' + re.escape(SDIST) + r')(?:#sha256=([0-9a-f]{64}))?"')

Progress = Callable[[int, int], None]  # (bytes so far, total bytes or 0)


def _index_url(index: str | None) -> str:
    return (index or os.environ.get("PIP_INDEX_URL") or DEFAULT_INDEX).rstrip("/")


def _find_sdist(index: str) -> str:
    """The sdist's download URL from a PEP 691 (JSON) or PEP 503 (HTML) project page."""
    request = urllib.request.Request(
        f"{index}/pkuseg/", headers={"Accept": "application/vnd.pypi.simple.v1+json, text/html;q=0.1"}
    )
    with urllib.request.urlopen(request, timeout=_TIMEOUT) as response:
        body = response.read().decode("utf-8", "replace")
        kind = response.headers.get("Content-Type", "")
    if "json" in kind:
        for file in json.loads(body).get("files", []):
            if file.get("filename") == SDIST:
                return urllib.parse.urljoin(f"{index}/pkuseg/", file["url"])
    elif match := _HTML_LINK.search(body):
        return urllib.parse.urljoin(f"{index}/pkuseg/", match.group(1))
    raise SegmenterError("MA305", detail=f"{index}/pkuseg/ does not list {SDIST}")


def fetch_sdist(directory: Path, index: str | None = None, progress: Progress | None = None) -> Path:
    """Download the sdist into ``directory`` through the package index; checked by the caller."""
    index = _index_url(index)
    target = directory / SDIST
    try:
        url = _find_sdist(index)
        with urllib.request.urlopen(url, timeout=_TIMEOUT) as response, target.open("wb") as out:
            total, done = int(response.headers.get("Content-Length") or 0), 0
            while chunk := response.read(1 << 20):
                out.write(chunk)
                done += len(chunk)
                if progress:
                    progress(done, total)
    except (urllib.error.URLError, OSError, ValueError) as error:
        raise SegmenterError(
            "MA305",
            detail=f"could not download {SDIST} from {index} ({error}). Fetch it another way "
            f"(e.g. from a machine with access) and run `medannot models install --from-file {SDIST}`",
        ) from None
    return target


class _PlainUnpickler(pickle.Unpickler):
    """Builds only built-in containers and scalars: any global (class, function) is refused."""

    def find_class(self, module: str, name: str) -> object:
        raise SegmenterError("MA305", detail=f"unexpected object {module}.{name} in the model's feature table")


def _convert_features(pickled: bytes, target: Path) -> None:
    import srsly  # comes with spacy-pkuseg

    table = _PlainUnpickler(io.BytesIO(pickled)).load()
    keys = {"unigram", "bigram", "feature_to_idx", "tag_to_idx"}
    if not isinstance(table, dict) or set(table) != keys:
        raise SegmenterError("MA305", detail=f"the feature table is not a pkuseg feature table (keys {sorted(table)!r})")
    srsly.write_msgpack(target, table)


def install_from_sdist(
    archive: Path, target: Path | None = None, *, force: bool = False, expected_sha256: str = SDIST_SHA256
) -> Path:
    """Check ``archive``, convert its model and publish it into ``target`` (default: model ``mixed``)."""
    digest = hashlib.sha256()
    with archive.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    if digest.hexdigest() != expected_sha256:
        raise SegmenterError(
            "MA305", detail=f"{archive} has sha256 {digest.hexdigest()}, expected {expected_sha256}: not the {SDIST} release"
        )
    target = target or pkuseg_model_dir(DEFAULT_PKUSEG_MODEL)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        with tarfile.open(archive, "r:gz") as tar:
            try:
                features = tar.extractfile(MODEL_MEMBER + "features.pkl")
                weights = tar.extractfile(MODEL_MEMBER + "weights.npz")
            except KeyError as error:
                raise SegmenterError("MA305", detail=f"{archive} has no {error.args[0]}") from None
            with (staging / "weights.npz").open("wb") as out:
                shutil.copyfileobj(weights, out, 1 << 20)
            _convert_features(features.read(), staging / "features.msgpack")
        write_manifest(staging, name=target.name, source=f"{SDIST} (sha256 {expected_sha256}): {MODEL_MEMBER}", converted_by="medannot", pkuseg_dictionary=True)
        return publish(staging, target, force)
    except (tarfile.TarError, EOFError, OSError) as error:
        raise SegmenterError("MA305", detail=f"{archive} is not a readable {SDIST}: {error}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
