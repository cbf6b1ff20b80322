"""A parse cache for concept files: parsing YAML with line numbers is most of start-up time.

One JSON file per concept file content (keyed by the sha256 of its bytes and the medannot version)
under ``$MEDANNOT_CACHE``, else ``$XDG_CACHE_HOME/medannot/lexicons``, else
``~/.cache/medannot/lexicons``. Only files that parsed without a problem are cached, so every error
is still reported with its ``file:line``. An unwritable or corrupt cache is ignored: it only ever
saves time.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import orjson

from ..about import __version__
from .model import Concept

__all__ = ["cache_dir", "load_cached", "store"]

_FORMAT = 1
Entry = tuple[Concept | None, str, str]  # (concept, or None when disabled; id; file:line)


def cache_dir() -> Path | None:
    if explicit := os.environ.get("MEDANNOT_CACHE"):
        return None if explicit.lower() in ("0", "off", "none") else Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "medannot" / "lexicons"


def _key(data: bytes) -> str:
    return hashlib.sha256(f"{_FORMAT}:{__version__}:".encode() + data).hexdigest()


def load_cached(path: Path, data: bytes) -> list[Entry] | None:
    """The entries of a concept file with these bytes, if an earlier run cached them."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        rows = orjson.loads((folder / f"{_key(data)}.json").read_bytes())
        return [_entry(row, path) for row in rows]
    except (OSError, orjson.JSONDecodeError, KeyError, TypeError, ValueError):
        return None


def store(path: Path, data: bytes, entries: list[Entry]) -> None:
    folder = cache_dir()
    if folder is None:
        return
    rows = [_row(concept, concept_id, where) for concept, concept_id, where in entries]
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        target = folder / f"{_key(data)}.json"
        partial = target.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(orjson.dumps(rows))
        partial.replace(target)
    except OSError:
        pass


def _row(concept: Concept | None, concept_id: str, where: str) -> dict:
    line = int(where.rsplit(":", 1)[1])
    if concept is None:
        return {"id": concept_id, "line": line}
    return {
        "id": concept_id,
        "line": line,
        "canonical": concept.canonical,
        "category": concept.category,
        "synonyms": list(concept.synonyms),
        "codes": concept.codes,
        "broader": concept.broader,
    }


def _entry(row: dict, path: Path) -> Entry:
    where = f"{path}:{int(row['line'])}"
    if "canonical" not in row:
        return None, row["id"], where
    concept = Concept(
        id=row["id"],
        canonical=row["canonical"],
        category=row["category"],
        synonyms=tuple(row["synonyms"]),
        codes=dict(row["codes"]),
        broader=row["broader"],
        origin=where,
    )
    return concept, row["id"], where
