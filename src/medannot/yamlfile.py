"""YAML data files with line numbers, so every validation error can say ``file:line``."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .errors import LexiconError

__all__ = ["Located", "load_yaml", "check_keys", "word_list", "string_entries", "positive_int"]

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True, slots=True)
class Located:
    """A parsed YAML value with the ``file:line`` it starts at."""

    value: Any
    where: str


class _Document:
    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise LexiconError("MA203", path=str(path)) from None
        except (OSError, UnicodeDecodeError) as error:
            raise LexiconError("MA201", where=f"{path}:1", detail=error) from None
        self._loader = _Loader(text)
        try:
            self.root = self._loader.get_single_node()
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            line = mark.line + 1 if mark else 1
            problem = getattr(error, "problem", None) or str(error)
            raise LexiconError("MA201", where=f"{path}:{line}", detail=problem) from None

    def where(self, node: yaml.Node) -> str:
        return f"{self.path}:{node.start_mark.line + 1}"

    def construct(self, node: yaml.Node) -> Any:
        try:
            return self._loader.construct_object(node, deep=True)
        except yaml.YAMLError as error:
            raise LexiconError("MA201", where=self.where(node), detail=error) from None


def load_yaml(
    path: Path, list_key: str, *, format: str | None = None, header_keys: Collection[str] | None = None
) -> tuple[dict[str, Any], Iterator[Located]]:
    """Parse a data file whose top level is a mapping with one list of entries under ``list_key``.

    Returns the header (every top-level key but the list) and the entries with their locations.
    With ``format``, the header's ``format`` must be exactly that string; with ``header_keys``, any
    other header key (besides ``format``) is an error.
    """
    doc = _Document(path)
    root = doc.root
    if not isinstance(root, yaml.MappingNode):
        where = doc.where(root) if root is not None else f"{path}:1"
        raise LexiconError("MA202", where=where, detail="the top level must be a mapping")
    header: dict[str, Any] = {}
    entries_node: yaml.Node | None = None
    for key_node, value_node in root.value:
        key = doc.construct(key_node)
        if key == list_key:
            entries_node = value_node
        else:
            header[key] = doc.construct(value_node)
    if entries_node is None or not isinstance(entries_node, yaml.SequenceNode):
        raise LexiconError("MA202", where=doc.where(root), detail=f"needs a list under {list_key!r}")
    where = f"{path}:1"
    if format is not None and header.get("format") != format:
        raise LexiconError("MA202", where=where, detail=f"format must be {format!r}, got {header.get('format')!r}")
    if header_keys is not None and (unknown := set(header) - set(header_keys) - {"format"}):
        raise LexiconError("MA202", where=where, detail=f"unknown header key(s): {', '.join(sorted(map(str, unknown)))}")

    def entries() -> Iterator[Located]:
        for node in entries_node.value:
            yield Located(doc.construct(node), doc.where(node))

    return header, entries()


def check_keys(entry: Located, required: set[str], optional: set[str]) -> dict[str, Any]:
    """The entry as a dict, after checking it is a mapping with only the known keys."""
    if not isinstance(entry.value, dict):
        raise LexiconError("MA202", where=entry.where, detail="an entry must be a mapping")
    keys = set(entry.value)
    if missing := required - keys:
        raise LexiconError("MA202", where=entry.where, detail=f"missing key(s): {', '.join(sorted(missing))}")
    if unknown := keys - required - optional:
        known = ", ".join(sorted(required | optional))
        raise LexiconError("MA202", where=entry.where, detail=f"unknown key(s) {', '.join(sorted(map(str, unknown)))}; known: {known}")
    return entry.value


def word_list(value: object, where: str, key: str) -> tuple[str, ...]:
    """A non-empty list of non-empty strings, longest first (the order regex alternation needs)."""
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
        raise LexiconError("MA202", where=where, detail=f"{key} must be a non-empty list of strings")
    return tuple(sorted(value, key=len, reverse=True))


def string_entries(entries: Iterator[Located], what: str) -> list[str]:
    """Entries that must each be a non-empty string (cue words listed one per line)."""
    words = []
    for entry in entries:
        if not isinstance(entry.value, str) or not entry.value:
            raise LexiconError("MA202", where=entry.where, detail=f"{what} must be a non-empty string")
        words.append(entry.value)
    return words


def positive_int(header: dict[str, Any], key: str, default: int, where: str) -> int:
    value = header.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise LexiconError("MA202", where=where, detail=f"{key} must be a positive integer")
    return value
