"""``medannot lexicon import``: external word lists to a user concept file usable with ``--lexicon``.

Formats (UTF-8, UTF-8 with BOM, or GB18030; ``#`` lines and blank lines are skipped):

- ``terms``:  one term per line, optionally followed by a tab or comma and a category
  (``布洛芬<TAB>drug``); lines without one take ``--category``.
- ``thuocl``: ``word<TAB>frequency`` (THUOCL lists); ``--min-freq`` drops rare words.
- ``icd10``:  ``code,name`` CSV or TSV (ICD-10 tables), with or without a header row; each row
  becomes a concept with its ``icd10`` code (category ``disease`` unless ``--category``).
- ``jieba``:  jieba user dictionaries, ``word [frequency] [tag]`` separated by spaces.

Every imported term becomes one concept. Terms the base lexicon already has are left out by
default: in a user layer they would take the term over from the built-in concept.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import LexiconError
from .load import FORMAT
from .model import CATEGORIES, ID_PREFIXES, fold

__all__ = ["FORMATS", "Imported", "ImportResult", "read_entries", "build_concepts", "render_concept_file"]

FORMATS = ("terms", "thuocl", "icd10", "jieba")
_ICD10 = re.compile(r"^[A-Z][0-9]{2}(?:\.[0-9A-Z]{1,4})?[+*†]?$")


@dataclass(frozen=True, slots=True)
class Imported:
    term: str
    category: str
    line: int
    codes: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class ImportResult:
    concepts: list[dict[str, object]]
    read: int = 0
    known: int = 0  # already in the base lexicon
    repeated: int = 0  # a term seen earlier in the same file
    rare: int = 0  # below --min-freq


def _decode(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def _category(value: str | None, where: str, fmt: str) -> str:
    if value is None:
        raise LexiconError("MA206", where=where, format=fmt, detail="no category on the line and no --category given")
    if value not in CATEGORIES:
        raise LexiconError("MA206", where=where, format=fmt, detail=f"category {value!r} is not one of {', '.join(CATEGORIES)}")
    return value


def _term(term: str, where: str, fmt: str) -> str:
    if not term:
        raise LexiconError("MA206", where=where, format=fmt, detail="empty term")
    return term


def read_entries(path: Path, fmt: str, category: str | None = None, min_freq: int = 0) -> Iterator[Imported | int]:
    """The terms of ``path`` in format ``fmt``; a line dropped for its frequency yields its line number."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    text = _decode(path)
    if fmt == "icd10":
        yield from _icd10(path, text, category or "disease")
        return
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        where = f"{path}:{number}"
        if fmt == "terms":
            term, *column = (part.strip() for part in re.split(r"[\t,]", line, maxsplit=1))
            yield Imported(_term(term, where, fmt), _category(column[0] if column and column[0] else category, where, fmt), number)
        elif fmt == "thuocl":
            parts = line.split("\t")
            if len(parts) != 2 or not parts[1].strip().isdigit():
                raise LexiconError("MA206", where=where, format=fmt, detail="expected word<TAB>frequency")
            if int(parts[1]) < min_freq:
                yield number
                continue
            yield Imported(_term(parts[0].strip(), where, fmt), _category(category, where, fmt), number)
        else:  # jieba
            parts = line.split()
            if len(parts) > 1 and not parts[1].isdigit():
                raise LexiconError("MA206", where=where, format=fmt, detail="expected word [frequency] [tag]")
            if len(parts) > 1 and int(parts[1]) < min_freq:
                yield number
                continue
            yield Imported(parts[0], _category(category, where, fmt), number)


def _icd10(path: Path, text: str, category: str) -> Iterator[Imported]:
    _category(category, f"{path}:1", "icd10")
    first = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first else ","
    for number, row in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), 1):
        if not row or not "".join(row).strip() or row[0].startswith("#"):
            continue
        code = row[0].strip()
        if number == 1 and not _ICD10.match(code):
            continue  # a header row
        if len(row) < 2 or not _ICD10.match(code) or not row[1].strip():
            raise LexiconError("MA206", where=f"{path}:{number}", format="icd10", detail="expected code,name with an ICD-10 code such as A01 or G35.1")
        yield Imported(row[1].strip(), category, number, {"icd10": code})


def build_concepts(entries: Iterator[Imported | int], known: Collection[str] = (), id_prefix: str = "U") -> ImportResult:
    """One concept per new term, with ids ``{id_prefix}{SYM|DIS|…}{00001}`` numbered per category."""
    result = ImportResult([])
    seen: set[str] = set()
    numbers: Counter[str] = Counter()
    for entry in entries:
        result.read += 1
        if isinstance(entry, int):
            result.rare += 1
            continue
        key = fold(entry.term)
        if key in known:
            result.known += 1
            continue
        if key in seen:
            result.repeated += 1
            continue
        seen.add(key)
        numbers[entry.category] += 1
        concept: dict[str, object] = {
            "id": f"{id_prefix}{ID_PREFIXES[entry.category]}{numbers[entry.category]:05d}",
            "canonical": entry.term,
            "category": entry.category,
        }
        if entry.codes:
            concept["codes"] = entry.codes
        result.concepts.append(concept)
    return result


def render_concept_file(result: ImportResult, source: str) -> str:
    """A concept file (``lexicons/README.md`` format), one concept per line so errors point at it."""
    counts = Counter(str(c["category"]) for c in result.concepts)
    main = counts.most_common(1)[0][0] if counts else "symptom"
    lines = [
        f"# Imported by `medannot lexicon import` from {source}. Review before use: every term is one concept.",
        f"format: {FORMAT}",
        f"category: {main}",
        "concepts:" if result.concepts else "concepts: []",
    ]
    for concept in result.concepts:
        fields = [f"id: {concept['id']}", f"canonical: {json.dumps(concept['canonical'], ensure_ascii=False)}"]
        if concept["category"] != main:
            fields.append(f"category: {concept['category']}")
        if "codes" in concept:
            codes = ", ".join(f"{k}: {json.dumps(v)}" for k, v in concept["codes"].items())  # type: ignore[union-attr]
            fields.append(f"codes: {{{codes}}}")
        lines.append(f"  - {{{', '.join(fields)}}}")
    return "\n".join(lines) + "\n"
