"""Enumerated lists in the content: ①②③…, 1. 2. / 1、2、 / 一、二、, (1)(2), bullets, and inline
enumerations such as 如：A、B、C等 (cue words in ``lexicons/lists/inline.yaml``). Items are spans
that carry the entities inside them; a list whose items mostly carry a symptom is a symptom list."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from itertools import chain
from pathlib import Path

from ..record import Entity, EnumeratedList, ListItem, Paragraph
from ..resources import lexicons_dir
from ..yamlfile import load_yaml, positive_int, string_entries, word_list

__all__ = ["InlineRules", "load_inline_rules", "find_lists"]

FORMAT = "medannot-lists/1"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_HAN_DIGITS = "一二三四五六七八九"
_HAN = f"[{_HAN_DIGITS}十][{_HAN_DIGITS}十]{{0,2}}"
# Circled markers count anywhere. The others count only at the start of the text or a line or after
# a sentence-level stop (spaces aside), so "3.5 mg" or "(2012)" inside prose is no item; bullets
# only at a line start. One scan finds the stops followed by a marker, instead of a scan per style
# for markers mostly found inside prose (digits and 一 are everywhere); it starts with a plain
# character class, which the regex engine scans for quickly.
_SENTENCE_LEAD = "\n。；;：:"
_CIRCLED_MARKER = re.compile(f"[{_CIRCLED}]")
_LED_MARKERS = (  # (style, marker pattern); the number is the marker without its punctuation
    ("numbered", r"\d\d?[.、．](?!\d)"),
    ("numbered", f"{_HAN}、"),
    ("parenthesized", r"[（(]\d\d?[)）]"),
    ("parenthesized", f"[（(]{_HAN}[)）]"),
    ("bullet", r"[•·▪■◆●◇○□▶►*-](?:(?<=[-*])(?=[ \t\u3000])|(?<![-*]))[ \t\u3000]*"),
)
_BULLET = len(_LED_MARKERS) - 1
_LED = "[ \t\u3000]*(?:" + "|".join(f"(?P<m{i}>{pattern})" for i, (_, pattern) in enumerate(_LED_MARKERS)) + ")"
_AT_TEXT_START = re.compile(_LED)
_AFTER_LEAD = re.compile(f"[{_SENTENCE_LEAD}]{_LED}")
_MARKER_PUNCTUATION = "（()）.、．"
# Characters an inline item cannot contain: clause punctuation and brackets.
_CLAUSE = "，,。；;！？!?：:\n（）()【】[]“”\""


@dataclass(frozen=True, slots=True)
class InlineRules:
    separators: tuple[str, ...]
    joiners: tuple[str, ...]
    introducers: tuple[str, ...]
    closers: tuple[str, ...]
    max_item: int


def load_inline_rules(path: Path | None = None) -> InlineRules:
    """The inline-list cue words (format in the header of ``lexicons/lists/inline.yaml``)."""
    path = path or lexicons_dir() / "lists" / "inline.yaml"
    header_keys = {"separators", "joiners", "closers", "max_item"}
    header, entries = load_yaml(path, "introducers", format=FORMAT, header_keys=header_keys)
    where = f"{path}:1"
    introducers = string_entries(entries, "an introducer")
    max_item = positive_int(header, "max_item", 16, where)
    return InlineRules(
        word_list(header.get("separators"), where, "separators"),
        word_list(header.get("joiners"), where, "joiners"),
        word_list(introducers, where, "introducers"),
        word_list(header.get("closers"), where, "closers"),
        max_item,
    )


@cache
def _default_inline_rules() -> InlineRules:
    return load_inline_rules()


@dataclass(frozen=True, slots=True)
class _InlinePatterns:
    separator: re.Pattern[str]
    clause_end: re.Pattern[str]  # a clause end: searched forward in the text, backward in it reversed
    introducer: re.Pattern[str]
    introducer_before_colon: re.Pattern[str]  # 如： with the item after the colon
    joiner: re.Pattern[str]
    closer: re.Pattern[str]


def _alternation(words: Sequence[str]) -> str:
    return "|".join(map(re.escape, words))


@cache
def _inline_patterns(rules: InlineRules) -> _InlinePatterns:
    clause = re.escape(_CLAUSE)
    return _InlinePatterns(
        re.compile(_alternation(rules.separators)),
        re.compile(f"[{clause}]"),
        re.compile(_alternation(rules.introducers)),
        re.compile(f"(?:{_alternation(rules.introducers)})[：:]$"),
        re.compile(_alternation(rules.joiners)),
        re.compile(_alternation(rules.closers)),
    )


def _ordinal(marker: str) -> int | None:
    if marker in _CIRCLED:
        return _CIRCLED.index(marker) + 1
    if marker.isdigit():
        return int(marker)
    if marker and all(c in _HAN_DIGITS + "十" for c in marker):
        tens, _, units = marker.rpartition("十")
        if "十" not in marker:
            return _HAN_DIGITS.index(marker) + 1 if len(marker) == 1 else None
        return (_HAN_DIGITS.index(tens) + 1 if tens else 1) * 10 + (_HAN_DIGITS.index(units) + 1 if units else 0)
    return None


def find_lists(
    text: str,
    paragraphs: Sequence[Paragraph],
    entities: Sequence[Entity],
    inline: InlineRules | None = None,
) -> list[EnumeratedList]:
    """Block lists of two or more consecutive items, then inline lists outside them; sets
    ``entity.list_item`` for the entities inside items and ``kind`` to symptom where most items
    carry a symptom."""
    paragraph_ends = sorted(p.end for p in paragraphs) or [len(text)]
    lists = [
        found
        for style, markers in _markers(text)
        if len(markers) > 1  # a list has two items or more
        for found in _block_lists(text, style, markers, paragraph_ends)
    ]
    lists = _without_overlaps(lists)
    lists.extend(_inline_lists(text, inline or _default_inline_rules(), lists))
    lists.sort(key=lambda l: l.start)
    _attach(text, lists, entities)
    return lists


_Marker = tuple[int, int, str]  # start, end, the marker without surrounding spaces


def _markers(text: str) -> list[tuple[str, list[_Marker]]]:
    """Per marker pattern, its style and the places it marks an item, in text order."""
    found: list[list[_Marker]] = [[] for _ in _LED_MARKERS]
    first = _AT_TEXT_START.match(text)
    for match in chain((first,) if first else (), _AFTER_LEAD.finditer(text)):
        name = match.lastgroup
        assert name is not None  # one of the alternatives matched
        index = int(name[1:])
        if index == _BULLET and match.start() > 0 and text[match.start()] != "\n":
            continue
        start, end = match.span(name)
        found[index].append((start, end, match.group(name).strip()))
    circled = [(m.start(), m.end(), m.group()) for m in _CIRCLED_MARKER.finditer(text)]
    return [("circled", circled), *((style, markers) for (style, _), markers in zip(_LED_MARKERS, found))]


def _block_lists(text: str, style: str, markers: Sequence[_Marker], paragraph_ends: Sequence[int]) -> list[EnumeratedList]:
    """Runs of markers numbered 1, 2, 3 … (bullets: runs of adjacent bullet lines)."""
    lists: list[EnumeratedList] = []
    run: list[_Marker] = []
    previous: int | None = None
    for start, end, marker in markers:
        number = None if style == "bullet" else _ordinal(marker.strip(_MARKER_PUNCTUATION))
        if style == "bullet":
            continuing = bool(run) and not text[_paragraph_end(text, run[-1][0], paragraph_ends) : start].strip()
        else:
            continuing = bool(run) and number is not None and previous is not None and number == previous + 1
        if not continuing:
            if len(run) >= 2:
                lists.append(_build(text, style, run, paragraph_ends))
            run = []
        if continuing or style == "bullet" or number == 1:
            run.append((start, end, marker))
            previous = number
    if len(run) >= 2:
        lists.append(_build(text, style, run, paragraph_ends))
    return lists


def _paragraph_end(text: str, start: int, paragraph_ends: Sequence[int]) -> int:
    index = bisect_right(paragraph_ends, start)
    return paragraph_ends[index] if index < len(paragraph_ends) else len(text)


def _build(text: str, style: str, run: Sequence[tuple[int, int, str]], paragraph_ends: Sequence[int]) -> EnumeratedList:
    """Each item runs to the next marker in its paragraph, or to its paragraph's end."""
    items = []
    for index, (start, marker_end, marker) in enumerate(run):
        end = _paragraph_end(text, start, paragraph_ends)
        if index + 1 < len(run):
            end = min(end, run[index + 1][0])
        while end > marker_end and text[end - 1].isspace():
            end -= 1
        items.append(ListItem(start, end, marker, []))
    return EnumeratedList(items[0].start, items[-1].end, style, "generic", items)


def _without_overlaps(lists: list[EnumeratedList]) -> list[EnumeratedList]:
    """Where block lists of two styles overlap, the one that starts first (then the longer) stays."""
    kept: list[EnumeratedList] = []
    for candidate in sorted(lists, key=lambda l: (l.start, -l.end)):
        if not kept or candidate.start >= kept[-1].end:
            kept.append(candidate)
    return kept


def _inline_lists(text: str, rules: InlineRules, blocks: Sequence[EnumeratedList]) -> list[EnumeratedList]:
    """Clauses with separators, split into pieces; a clause of two or more pieces may be a list."""
    patterns = _inline_patterns(rules)
    block_spans = [(b.start, b.end) for b in blocks]
    block_starts = [start for start, _ in block_spans]
    reach = rules.max_item * 4  # how far back a clause start is looked for: items are short
    found: list[EnumeratedList] = []
    clause_end = -1
    # A clause start is the last clause end before a separator: the first one found searching the
    # reversed text forward from there (a regex has no fast backward search).
    size, reversed_text = len(text), text[::-1]
    for separator in patterns.separator.finditer(text):
        position = separator.start()
        if position < clause_end:
            continue  # a later separator of a clause already handled
        window = max(position - reach, 0)
        before = patterns.clause_end.search(reversed_text, size - position, size - window)
        clause_start = size - before.start() if before is not None else window
        after = patterns.clause_end.search(text, separator.end())
        clause_end = after.start() if after is not None else len(text)
        index = bisect_right(block_starts, clause_start) - 1
        if index >= 0 and clause_start < block_spans[index][1]:
            continue  # inside a block list's item
        pieces, piece_start = [], clause_start
        for inner in patterns.separator.finditer(text, clause_start, clause_end):
            pieces.append((piece_start, inner.start()))
            piece_start = inner.end()
        pieces.append((piece_start, clause_end))
        enumerated = _inline_list(text, pieces, rules, patterns)
        if enumerated is not None:
            found.append(enumerated)
    return found


def _inline_list(
    text: str, pieces: list[tuple[int, int]], rules: InlineRules, patterns: _InlinePatterns
) -> EnumeratedList | None:
    """The clause's pieces as items: from after the last introducer to before the closer (等)."""
    first_start, first_end = pieces[0]
    intro = patterns.introducer.search(text, first_start, first_end)  # most clauses have none
    introduced = intro is not None or patterns.introducer_before_colon.search(text, max(first_start - 8, 0), first_start) is not None
    if intro is not None:
        for intro in patterns.introducer.finditer(text, intro.end(), first_end):
            pass
        pieces[0] = (intro.end(), first_end)  # the last one: 表现为…出现A、B
    last_start, last_end = pieces[-1]
    close = patterns.closer.search(text, last_start, last_end)
    if close is not None:
        pieces[-1] = (last_start, close.start())
    if not introduced and close is None:
        return None
    last_start, last_end = pieces[-1]
    join = patterns.joiner.search(text, last_start + 1, last_end)
    if join is not None:
        pieces[-1:] = [(last_start, join.start()), (join.end(), last_end)]
    items = []
    for start, end in pieces:  # trimmed of spaces, non-empty and short, or no list
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end <= start or end - start > rules.max_item:
            return None
        items.append(ListItem(start, end, "", []))
    return EnumeratedList(items[0].start, items[-1].end, "inline", "generic", items)


def _attach(text: str, lists: Sequence[EnumeratedList], entities: Sequence[Entity]) -> None:
    """O((items + entities) log entities): entities are found by bisection, not by scanning."""
    if not lists:
        return
    starts = [entity.start for entity in entities]
    order: Sequence[int] = range(len(entities))
    if starts != sorted(starts):  # find_entities gives them sorted; other callers may not
        order = sorted(order, key=starts.__getitem__)
        starts = [starts[i] for i in order]
    for list_index, enumerated in enumerate(lists):
        symptom_items = 0
        for item_index, item in enumerate(enumerated.items):
            for position in range(bisect_left(starts, item.start), bisect_left(starts, item.end)):
                entity_index = order[position]
                entity = entities[entity_index]
                if entity.end <= item.end:
                    item.entities.append(entity_index)
                    if entity.list_item is None:
                        entity.list_item = (list_index, item_index)
            if _is_symptom_item(text, item, entities):
                symptom_items += 1
        if symptom_items * 2 > len(enumerated.items):
            enumerated.kind = "symptom"


def _is_symptom_item(text: str, item: ListItem, entities: Sequence[Entity]) -> bool:
    """An item headed by a term and a colon (1、糖尿病肾病：…) is about that term; any other item
    counts as a symptom item when it carries a symptom."""
    if not item.entities:
        return False
    head = entities[item.entities[0]]
    if text.startswith(("：", ":"), head.end) and not text[item.start : head.start].strip().lstrip(item.marker).strip():
        return head.label == "symptom"
    for index in item.entities:  # a loop, not any(): items carry one or two entities
        if entities[index].label == "symptom":
            return True
    return False
