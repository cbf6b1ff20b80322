"""brat standoff: a ``.txt`` (the content text) and a ``.ann`` per record, plus ``annotation.conf``.

Entities become text-bound annotations (``T``) typed by category; negated / uncertain /
hypothetical / adverse-event flags become binary attributes (``A``); the concept id and canonical
name go in an ``AnnotatorNotes`` line (``#``). brat counts offsets in characters (code points) of
the ``.txt`` file, which is written byte-for-byte from ``content.text``. A span that crosses a line
break is written as discontinuous fragments, since a brat fragment cannot contain one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..lexicon.model import CATEGORIES
from .records import checked_entities

__all__ = ["ATTRIBUTES", "brat_ann", "annotation_conf", "file_stem", "fragments", "write_files"]

ATTRIBUTES = {"negated": "Negated", "uncertain": "Uncertain", "hypothetical": "Hypothetical", "adverse_event": "AdverseEvent"}
_UNSAFE = re.compile(r"[^\w.-]+")


def fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``[start, end)`` split at line breaks, without empty or break-only pieces."""
    pieces, cursor = [], start
    for match in re.finditer(r"[\r\n]+", text[start:end]):
        if match.start() + start > cursor:
            pieces.append((cursor, start + match.start()))
        cursor = start + match.end()
    if end > cursor:
        pieces.append((cursor, end))
    return pieces


def brat_ann(record: dict[str, Any]) -> str:
    """The ``.ann`` file of one record."""
    text: str = record["content"]["text"]
    lines: list[str] = []
    attribute = note = 0
    for number, entity in enumerate(checked_entities(record), 1):
        pieces = fragments(text, entity["start"], entity["end"])
        if not pieces:
            continue
        spans = ";".join(f"{s} {e}" for s, e in pieces)
        lines.append(f"T{number}\t{entity['label']} {spans}\t{' '.join(text[s:e] for s, e in pieces)}")
        for flag, name in ATTRIBUTES.items():
            if entity.get(flag):
                attribute += 1
                lines.append(f"A{attribute}\t{name} T{number}")
        note += 1
        lines.append(f"#{note}\tAnnotatorNotes T{number}\t{entity['concept_id']} {entity['canonical']}")
    return "".join(line + "\n" for line in lines)


def annotation_conf(labels: Iterable[str] = CATEGORIES) -> str:
    """brat's project configuration for the entity types and attributes above."""
    entities = "\n".join(labels)
    attributes = "\n".join(f"{name}\tArg:<ENTITY>" for name in ATTRIBUTES.values())
    return f"[entities]\n{entities}\n\n[relations]\n\n[events]\n\n[attributes]\n{attributes}\n"


def file_stem(record_id: str, taken: set[str]) -> str:
    """A file-system-safe, unique (case-insensitively) file stem for a record id."""
    stem = _UNSAFE.sub("_", record_id).strip("._")[:120] or "record"
    candidate, suffix = stem, 1
    while candidate.lower() in taken:
        suffix += 1
        candidate = f"{stem}-{suffix}"
    taken.add(candidate.lower())
    return candidate


def write_files(directory: Path, stem: str, record: dict[str, Any], ann: str) -> None:
    """Write ``stem.txt`` and ``stem.ann``; newline="" keeps the text byte-for-byte (no \\r\\n translation)."""
    with open(directory / f"{stem}.txt", "w", encoding="utf-8", newline="") as out:
        out.write(record["content"]["text"])
    with open(directory / f"{stem}.ann", "w", encoding="utf-8", newline="") as out:
        out.write(ann)
