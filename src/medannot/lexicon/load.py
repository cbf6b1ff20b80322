"""Load concept files (format in ``lexicons/README.md``), validate them, and layer user lexicons."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from pathlib import Path

from ..errors import LexiconError
from ..resources import lexicons_dir
from ..yamlfile import check_keys, load_yaml
from .model import CATEGORIES, Concept, Lexicon, fold

__all__ = ["load_lexicon", "load_concept_file", "concept_files"]

FORMAT = "medannot-concepts/1"
_HEADER_KEYS = {"format", "category", "lexicon", "version", "description"}
_REQUIRED = {"id", "canonical"}
_OPTIONAL = {"synonyms", "codes", "broader", "category", "disabled"}
_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_.:-]*$")


def _text(value: object, where: str, what: str) -> str:
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        raise LexiconError("MA202", where=where, detail=f"{what} must be a string, got {type(value).__name__}")
    text = str(value)
    if not text or text != text.strip():
        raise LexiconError("MA202", where=where, detail=f"{what} {text!r} is empty or has surrounding space")
    return text


def load_concept_file(path: Path) -> tuple[list[tuple[Concept | None, str, str]], dict]:
    """Entries of one concept file as ``(concept or None if disabled, id, where)`` plus its header."""
    header, entries = load_yaml(path, "concepts")
    where0 = f"{path}:1"
    if header.get("format") != FORMAT:
        raise LexiconError("MA202", where=where0, detail=f"format must be {FORMAT!r}, got {header.get('format')!r}")
    if unknown := set(header) - _HEADER_KEYS:
        raise LexiconError("MA202", where=where0, detail=f"unknown header key(s): {', '.join(sorted(unknown))}")
    default_category = header.get("category")
    out: list[tuple[Concept | None, str, str]] = []
    for entry in entries:
        raw = check_keys(entry, _REQUIRED, _OPTIONAL)
        concept_id = _text(raw["id"], entry.where, "id")
        if not _ID.match(concept_id):
            raise LexiconError("MA202", where=entry.where, detail=f"id {concept_id!r} must be letters, digits, _ . : -")
        if raw.get("disabled"):
            out.append((None, concept_id, entry.where))
            continue
        category = raw.get("category", default_category)
        if category not in CATEGORIES:
            raise LexiconError(
                "MA202", where=entry.where, detail=f"category {category!r} is not one of {', '.join(CATEGORIES)}"
            )
        synonyms = raw.get("synonyms") or []
        if not isinstance(synonyms, list):
            raise LexiconError("MA202", where=entry.where, detail="synonyms must be a list")
        codes = raw.get("codes") or {}
        if not isinstance(codes, dict):
            raise LexiconError("MA202", where=entry.where, detail="codes must be a mapping like {icd10: G35}")
        broader = raw.get("broader")
        concept = Concept(
            id=concept_id,
            canonical=_text(raw["canonical"], entry.where, "canonical"),
            category=category,
            synonyms=tuple(_text(s, entry.where, "synonym") for s in synonyms),
            codes={str(k): str(v) for k, v in codes.items()},
            broader=None if broader is None else _text(broader, entry.where, "broader"),
            origin=entry.where,
        )
        out.append((concept, concept_id, entry.where))
    return out, header


def concept_files(path: Path) -> list[Path]:
    """The concept files a path names: the file itself, or a directory's ``*.yaml`` (recursively, sorted)."""
    if path.is_dir():
        return sorted(p for p in path.rglob("*.y*ml") if p.suffix in (".yaml", ".yml"))
    if not path.exists():
        raise LexiconError("MA203", path=str(path))
    return [path]


def _validate(concepts: dict[str, Concept]) -> None:
    owner: dict[str, Concept] = {}
    for concept in concepts.values():
        if concept.broader is not None and concept.broader not in concepts:
            raise LexiconError("MA202", where=concept.origin, detail=f"broader id {concept.broader!r} does not exist")
        for term in concept.terms:
            key = fold(term)
            other = owner.setdefault(key, concept)
            if other is not concept:
                raise LexiconError(
                    "MA205", where=concept.origin, term=term, id=concept.id, other=other.id, first=other.origin
                )


def load_lexicon(paths: Sequence[str | Path] = (), *, builtin: bool = True) -> Lexicon:
    """The built-in lexicon (unless ``builtin=False``) with each user lexicon layered on in order.

    A user entry with a new id adds a concept, with an existing id replaces it, and with
    ``disabled: true`` removes it. Raises ``LexiconError`` with ``file:line`` on any problem.
    """
    files: list[Path] = []
    name, version = "user", "0"
    if builtin:
        root = lexicons_dir()
        manifest, listed = load_yaml(root / "lexicon.yaml", "files")
        name, version = str(manifest.get("name", "medannot")), str(manifest.get("version", "0"))
        for entry in listed:
            file = root / "concepts" / str(entry.value)
            if not file.is_file():
                raise LexiconError("MA202", where=entry.where, detail=f"listed concept file {file} does not exist")
            files.append(file)
    for path in paths:
        files.extend(concept_files(Path(path)))

    digest = hashlib.sha256()
    concepts: dict[str, Concept] = {}
    builtin_count = len(files) - sum(len(concept_files(Path(p))) for p in paths)
    for index, file in enumerate(files):
        digest.update(file.read_bytes())
        entries, _ = load_concept_file(file)
        seen_here: dict[str, str] = {}
        for concept, concept_id, where in entries:
            if concept_id in seen_here:
                raise LexiconError("MA204", where=where, id=concept_id, first=seen_here[concept_id])
            seen_here[concept_id] = where
            if concept is None:
                concepts.pop(concept_id, None)
            elif concept_id in concepts and index < builtin_count:
                raise LexiconError("MA204", where=where, id=concept_id, first=concepts[concept_id].origin)
            else:
                concepts[concept_id] = concept
    _validate(concepts)
    sources = [str(p) for p in paths]
    return Lexicon(name=name, version=version, concepts=concepts, sha256=digest.hexdigest(), sources=sources)

