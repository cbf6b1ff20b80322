"""Load concept files (format in ``lexicons/README.md``), validate them, and layer user lexicons.

Loading never stops at the first bad entry: ``inspect_lexicon`` collects every problem (that is what
``medannot lexicon validate`` prints), and ``load_lexicon`` raises the first one.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import LexiconError
from ..resources import lexicons_dir
from ..yamlfile import Located, check_keys, load_yaml
from .cache import load_cached, store
from .model import CATEGORIES, Concept, Lexicon, fold

__all__ = ["load_lexicon", "inspect_lexicon", "Inspection", "Shadowed", "concept_files", "builtin_files", "FORMAT"]

FORMAT = "medannot-concepts/1"
_HEADER_KEYS = {"format", "category", "lexicon", "version", "description"}
_REQUIRED = {"id", "canonical"}
_OPTIONAL = {"synonyms", "codes", "broader", "category", "disabled"}
_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_.:-]*$")


@dataclass(frozen=True, slots=True)
class Shadowed:
    """A term claimed by concepts of two layers: the later layer's concept tags it."""

    term: str
    winner: Concept
    loser: Concept


@dataclass(slots=True)
class Inspection:
    """Everything loading found out: the lexicon, and every problem with its ``file:line``."""

    lexicon: Lexicon
    files: list[Path]
    errors: list[LexiconError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    shadowed: list[Shadowed] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Entry:
    concept: Concept | None  # None: ``disabled: true``
    id: str
    where: str


def _text(value: object, where: str, what: str) -> str:
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        raise LexiconError("MA202", where=where, detail=f"{what} must be a string, got {type(value).__name__}")
    text = str(value)
    if not text or text != text.strip():
        raise LexiconError("MA202", where=where, detail=f"{what} {text!r} is empty or has surrounding space")
    return text


def _entry(located: Located, default_category: object) -> _Entry:
    disabled = isinstance(located.value, dict) and located.value.get("disabled") is True
    raw = check_keys(located, {"id"} if disabled else _REQUIRED, _OPTIONAL | _REQUIRED)
    where = located.where
    concept_id = _text(raw["id"], where, "id")
    if not _ID.match(concept_id):
        raise LexiconError("MA202", where=where, detail=f"id {concept_id!r} must be letters, digits, _ . : -")
    if disabled:  # a disabling entry needs only the id
        return _Entry(None, concept_id, where)
    category = raw.get("category", default_category)
    if category not in CATEGORIES:
        raise LexiconError("MA202", where=where, detail=f"category {category!r} is not one of {', '.join(CATEGORIES)}")
    synonyms = raw.get("synonyms") or []
    if not isinstance(synonyms, list):
        raise LexiconError("MA202", where=where, detail="synonyms must be a list")
    codes = raw.get("codes") or {}
    if not isinstance(codes, dict):
        raise LexiconError("MA202", where=where, detail="codes must be a mapping like {icd10: G35}")
    broader = raw.get("broader")
    concept = Concept(
        id=concept_id,
        canonical=_text(raw["canonical"], where, "canonical"),
        category=category,
        synonyms=tuple(_text(s, where, "synonym") for s in synonyms),
        codes={str(k): _text(v, where, f"code {k}") for k, v in codes.items()},
        broader=None if broader is None else _text(broader, where, "broader"),
        origin=where,
    )
    return _Entry(concept, concept_id, where)


def _read_file(path: Path, data: bytes, errors: list[LexiconError]) -> list[_Entry]:
    """The entries of one concept file (``data``: its bytes); bad entries go to ``errors`` and are skipped."""
    cached = load_cached(path, data)
    if cached is not None:
        return [_Entry(*entry) for entry in cached]
    problems = len(errors)
    out = _parse_file(path, errors)
    if len(errors) == problems:
        store(path, data, [(entry.concept, entry.id, entry.where) for entry in out])
    return out


def _parse_file(path: Path, errors: list[LexiconError]) -> list[_Entry]:
    try:
        header, located = load_yaml(path, "concepts", format=FORMAT, header_keys=_HEADER_KEYS)
        entries = list(located)
    except LexiconError as error:
        errors.append(error)
        return []
    out = []
    for item in entries:
        try:
            out.append(_entry(item, header.get("category")))
        except LexiconError as error:
            errors.append(error)
    return out


def concept_files(path: Path) -> list[Path]:
    """The concept files a path names: the file itself, or a directory's ``*.yaml`` (recursively, sorted)."""
    if path.is_dir():
        return sorted(p for p in path.rglob("*.y*ml") if p.suffix in (".yaml", ".yml"))
    if not path.exists():
        raise LexiconError("MA203", path=str(path))
    return [path]


def _suffixes(raw: object, where: str) -> dict[str, tuple[str, ...]]:
    """The manifest's ``suffixes``: category -> words, longest first."""
    if not isinstance(raw, dict):
        raise LexiconError("MA202", where=where, detail="suffixes must map a category to a list of words")
    out = {}
    for category, words in raw.items():
        if category not in CATEGORIES or not isinstance(words, list) or not all(isinstance(w, str) and w and w == w.strip() for w in words):
            raise LexiconError("MA202", where=where, detail=f"suffixes of {category!r}: a known category with a list of words (no spaces at their ends)")
        out[category] = tuple(sorted(words, key=len, reverse=True))
    return out


def builtin_files() -> tuple[dict, list[Path]]:
    """The built-in manifest (``lexicons/lexicon.yaml``) and the concept files it lists, in order."""
    root = lexicons_dir()
    manifest, listed = load_yaml(root / "lexicon.yaml", "files")
    files = []
    for entry in listed:
        file = root / "concepts" / str(entry.value)
        if not file.is_file():
            raise LexiconError("MA202", where=entry.where, detail=f"listed concept file {file} does not exist")
        files.append(file)
    return manifest, files


def inspect_lexicon(paths: Sequence[str | Path] = (), *, builtin: bool = True) -> Inspection:
    """Load the built-in lexicon (unless ``builtin=False``) and layer each user path over it, in order.

    Each user path (file or directory) is one layer. Within a layer an id is defined once and a term
    (compared folded) belongs to one concept, else it is an error. Across layers, a new id adds a
    concept, an existing id replaces it, ``disabled: true`` removes it, and a term claimed again is
    taken over by the later layer's concept (listed in ``shadowed``).
    """
    layers: list[list[Path]] = []
    name, version = "user", "0"
    suffixes: dict[str, tuple[str, ...]] = {}
    if builtin:
        manifest, files = builtin_files()
        name, version = str(manifest.get("name", "medannot")), str(manifest.get("version", "0"))
        suffixes = _suffixes(manifest.get("suffixes") or {}, f"{lexicons_dir() / 'lexicon.yaml'}:1")
        layers.append(files)
    layers.extend(concept_files(Path(p)) for p in paths)

    errors: list[LexiconError] = []
    warnings: list[str] = []
    digest = hashlib.sha256()
    if builtin:
        digest.update((lexicons_dir() / "lexicon.yaml").read_bytes())
    concepts: dict[str, Concept] = {}
    layer_of: dict[str, int] = {}
    ever_defined: set[str] = set()
    for layer, files in enumerate(layers):
        seen: dict[str, str] = {}
        for file in files:
            data = file.read_bytes()
            digest.update(data)
            for entry in _read_file(file, data, errors):
                if entry.id in seen:
                    errors.append(LexiconError("MA204", where=entry.where, id=entry.id, first=seen[entry.id]))
                    continue
                seen[entry.id] = entry.where
                if entry.concept is None:
                    if concepts.pop(entry.id, None) is None:
                        warnings.append(f"{entry.where}: disables {entry.id}, which no earlier layer defines")
                    continue
                concepts.pop(entry.id, None)  # re-insert: a concept's position follows its layer
                concepts[entry.id] = entry.concept
                layer_of[entry.id] = layer
                ever_defined.add(entry.id)

    shadowed = _check_terms(concepts, layer_of, errors)
    for concept in concepts.values():
        if concept.broader is not None and concept.broader not in ever_defined:
            errors.append(LexiconError("MA202", where=concept.origin, detail=f"broader id {concept.broader!r} does not exist"))
    lexicon = Lexicon(
        name=name, version=version, concepts=concepts, sha256=digest.hexdigest(), sources=[str(p) for p in paths], suffixes=suffixes
    )
    return Inspection(lexicon, [f for files in layers for f in files], errors, warnings, shadowed)


def _check_terms(concepts: dict[str, Concept], layer_of: dict[str, int], errors: list[LexiconError]) -> list[Shadowed]:
    owner: dict[str, Concept] = {}
    shadowed: list[Shadowed] = []
    for concept in concepts.values():
        for term in concept.terms:
            key = fold(term)
            other = owner.get(key)
            owner[key] = concept
            if other is None or other is concept:
                continue
            if layer_of[other.id] == layer_of[concept.id]:
                errors.append(LexiconError("MA205", where=concept.origin, term=term, id=concept.id, other=other.id, first=other.origin))
                owner[key] = other
            else:
                shadowed.append(Shadowed(term, concept, other))
    return shadowed


def load_lexicon(paths: Sequence[str | Path] = (), *, builtin: bool = True) -> Lexicon:
    """The built-in lexicon with each user lexicon layered on in order (see ``inspect_lexicon``).

    Raises the first ``LexiconError`` found (with ``file:line``); ``medannot lexicon validate`` lists them all.
    """
    inspection = inspect_lexicon(paths, builtin=builtin)
    if inspection.errors:
        raise inspection.errors[0]
    return inspection.lexicon
