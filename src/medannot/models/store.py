"""Where pkuseg models live and how a ``--pkuseg-model`` value finds one.

A model is a directory in the format ``spacy-pkuseg`` loads (``features.msgpack`` + ``weights.npz``)
plus ``medannot-model.json``, a manifest with its origin and the sha256 of each file. Named models
live under the models home: ``$MEDANNOT_MODELS``, else ``$XDG_CACHE_HOME/medannot/models``, else
``~/.cache/medannot/models``; ``pkuseg/NAME/`` there is model ``NAME``. Resolving never downloads:
a missing model is an MA303 error that says how to get one.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import SegmenterError

__all__ = [
    "DEFAULT_PKUSEG_MODEL",
    "MODEL_FILES",
    "MANIFEST",
    "InstalledModel",
    "models_home",
    "pkuseg_model_dir",
    "model_path",
    "is_model_dir",
    "resolve_pkuseg_model",
    "installed_models",
    "write_manifest",
    "verify_model",
    "publish",
    "sha256_file",
    "read_manifest",
]

DEFAULT_PKUSEG_MODEL = "mixed"
MODEL_FILES = ("features.msgpack", "weights.npz")
MANIFEST = "medannot-model.json"

HOW_TO_GET = (
    "Install the default mixed-domain model with `medannot models install` (fetches the pkuseg source "
    "archive from PyPI once; `--from-file pkuseg-0.0.25.tar.gz` works offline), train one with "
    "`medannot models train-pkuseg CORPUS -o NAME`, or pass --pkuseg-model DIR with a spacy-pkuseg model "
    "directory. `medannot models list` shows what is installed."
)


@dataclass(frozen=True, slots=True)
class InstalledModel:
    name: str
    path: Path
    manifest: dict[str, Any]

    @property
    def size(self) -> int:
        return sum((self.path / name).stat().st_size for name in MODEL_FILES)


def models_home() -> Path:
    if explicit := os.environ.get("MEDANNOT_MODELS"):
        return Path(explicit).expanduser()
    cache = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(cache) / "medannot" / "models"


def pkuseg_model_dir(name: str) -> Path:
    return models_home() / "pkuseg" / name


def is_model_dir(path: Path) -> bool:
    return all((path / name).is_file() for name in MODEL_FILES)


def model_path(spec: str | os.PathLike[str]) -> Path:
    """A bare name (``mixed``, ``amttl``) is a model under the models home; anything else is a path."""
    spec = os.fspath(spec)
    is_name = not any(sep in spec for sep in ("/", "\\", os.sep)) and not spec.startswith(("~", "."))
    return pkuseg_model_dir(spec) if is_name and not Path(spec).is_dir() else Path(spec).expanduser()


def resolve_pkuseg_model(model: str | os.PathLike[str] | None) -> Path:
    """The model directory for a name, a path, or ``None`` (the default model); MA303 if absent."""
    spec = os.fspath(model) if model else DEFAULT_PKUSEG_MODEL
    path = model_path(spec)
    if is_model_dir(path):
        return path.resolve()
    if path.is_dir():
        missing = ", ".join(name for name in MODEL_FILES if not (path / name).is_file())
        raise SegmenterError("MA303", model=f"{spec} ({path} has no {missing})", hint=HOW_TO_GET)
    raise SegmenterError("MA303", model=f"{spec} ({path})", hint=HOW_TO_GET)


def installed_models() -> Iterator[InstalledModel]:
    """Named models under the models home, sorted by name."""
    root = models_home() / "pkuseg"
    if not root.is_dir():
        return
    for path in sorted(root.iterdir()):
        if path.is_dir() and is_model_dir(path):
            yield InstalledModel(path.name, path, read_manifest(path))


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def read_manifest(path: Path) -> dict[str, Any]:
    try:
        return json.loads((path / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def write_manifest(path: Path, **info: Any) -> dict[str, Any]:
    """Record where the model came from and the sha256 of each of its files."""
    manifest = {"format": "spacy-pkuseg", **info, "sha256": {name: sha256_file(path / name) for name in MODEL_FILES}}
    (path / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return manifest


def verify_model(path: Path) -> list[str]:
    """Problems found by re-hashing the model's files against its manifest (empty: intact)."""
    expected = read_manifest(path).get("sha256")
    if not expected:
        return [f"{path / MANIFEST} is missing or has no checksums"]
    problems = []
    for name in MODEL_FILES:
        file = path / name
        if not file.is_file():
            problems.append(f"{file} is missing")
        elif sha256_file(file) != expected.get(name):
            problems.append(f"{file} does not match its recorded sha256")
    return problems


def publish(staging: Path, target: Path, force: bool) -> Path:
    """Move a finished model directory into place, so a failed build never leaves a half model."""
    if target.exists():
        if not force:
            raise SegmenterError("MA305", detail=f"{target} already exists (use --force to replace it)")
        shutil.rmtree(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging.chmod(0o755)  # mkdtemp makes it private; a model is meant to be shared
    shutil.move(str(staging), str(target))
    return target
