"""Enumerated lists in the content: ①②③…, 1. 2. / 1、2、, (1)(2), bullets — items as spans, with
the entities inside them; a list whose items mostly carry a symptom is a symptom list."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..record import Entity, EnumeratedList, ListItem, Paragraph

__all__ = ["find_lists"]

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
# (style, pattern). Circled markers may stand anywhere; the others only where a paragraph or
# sentence starts, so that "3.5 mg" or "(2012)" inside prose is not an item.
_MARKERS = (
    ("circled", re.compile(f"[{_CIRCLED}]")),
    ("numbered", re.compile(r"(?:(?<=^)|(?<=\n)|(?<=[。；;：:]))\s*(\d{1,2})[.、．](?!\d)")),
    ("parenthesized", re.compile(r"(?:(?<=^)|(?<=\n)|(?<=[。；;：:]))\s*[（(](\d{1,2})[)）]")),
    ("bullet", re.compile(r"(?:(?<=^)|(?<=\n))\s*([•·▪■◆●])\s*")),
)


def _ordinal(style: str, marker: str) -> int | None:
    if style == "circled":
        return _CIRCLED.index(marker) + 1
    digits = re.sub(r"\D", "", marker)
    return int(digits) if digits else None


def _items(text: str, style: str, pattern: re.Pattern[str]) -> list[tuple[int, int, str, int | None]]:
    """Marker occurrences as (marker start, marker end, marker text, ordinal)."""
    found = []
    for match in pattern.finditer(text):
        start = match.start() + (len(match.group()) - len(match.group().lstrip()))
        marker = text[start : match.end()].strip()
        found.append((start, match.end(), marker, _ordinal(style, marker)))
    return found


def find_lists(text: str, paragraphs: Sequence[Paragraph], entities: Sequence[Entity]) -> list[EnumeratedList]:
    """Lists of two or more consecutive items; sets ``entity.list_item`` for entities inside items."""
    paragraph_ends = sorted(p.end for p in paragraphs) or [len(text)]
    lists: list[EnumeratedList] = []
    for style, pattern in _MARKERS:
        markers = _items(text, style, pattern)
        run: list[tuple[int, int, str, int | None]] = []
        for marker in markers + [None]:  # None flushes the last run
            continuing = (
                marker is not None
                and run
                and (style == "bullet" or (marker[3] is not None and run[-1][3] is not None and marker[3] == run[-1][3] + 1))
            )
            if not continuing:
                if len(run) >= 2:
                    lists.append(_build(text, style, run, paragraph_ends))
                run = []
            if marker is not None and (run or style == "bullet" or marker[3] == 1):
                run.append(marker)
    lists.sort(key=lambda l: l.start)
    _attach(lists, entities)
    return lists


def _build(text: str, style: str, run, paragraph_ends: Sequence[int]) -> EnumeratedList:
    items = []
    for index, (start, marker_end, marker, _) in enumerate(run):
        paragraph_end = next((end for end in paragraph_ends if end > start), len(text))
        next_start = run[index + 1][0] if index + 1 < len(run) else len(text)
        end = min(paragraph_end, next_start) if index + 1 < len(run) else paragraph_end
        while end > marker_end and text[end - 1].isspace():
            end -= 1
        items.append(ListItem(start, end, marker))
    return EnumeratedList(items[0].start, items[-1].end, style, "generic", items)


def _attach(lists: Sequence[EnumeratedList], entities: Sequence[Entity]) -> None:
    for list_index, enumerated in enumerate(lists):
        symptom_items = 0
        for item_index, item in enumerate(enumerated.items):
            for entity_index, entity in enumerate(entities):
                if item.start <= entity.start and entity.end <= item.end and entity.list_item is None:
                    entity.list_item = (list_index, item_index)
                    item.entities.append(entity_index)
            if any(entities[i].label == "symptom" for i in item.entities):
                symptom_items += 1
        if symptom_items * 2 > len(enumerated.items):
            enumerated.kind = "symptom"
