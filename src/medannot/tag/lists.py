"""Enumerated lists in the content: ①②③…, 1. 2. / 1、2、 / 一、二、, (1)(2), bullets, runs of
list-item paragraphs with no marker (HTML <li>), and inline enumerations such as 如：A、B、C等 or
多饮、多尿和多食 (cue words in ``lexicons/lists/inline.yaml``). Items are spans
that carry the entities inside them; a list whose items mostly carry a symptom is a symptom list."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import chain
from pathlib import Path

import ahocorasick_rs

from ..errors import LexiconError
from ..record import Entity, EnumeratedList, ListItem, Paragraph
from ..resources import lexicons_dir
from ..yamlfile import load_yaml, positive_int, string_entries, word_list

__all__ = ["InlineRules", "find_lists", "load_inline_rules"]

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
_CIRCLED_MARKER = re.compile(f"[{_CIRCLED}]")
# After a stop, a look at the next character first: most stops are followed by no marker.
_AFTER_LEAD = re.compile(f"[{_SENTENCE_LEAD}](?=[ \t\u3000]*[\\d{_HAN_DIGITS}十（(•·▪■◆●◇○□▶►*-]){_LED}")
_MARKER_PUNCTUATION = "（()）.、．"
_SPACE = re.compile(r"\s")
# Characters an inline item cannot contain: clause punctuation and brackets. An ASCII full stop
# ends a clause too (scraped text often ends sentences with one), unless between two digits (3.5 mg).
_CLAUSE = "，,。；;！？!?：:\n（）()【】[]“”\""


_ROLES = ("separators", "joiners", "introducers", "closers", "leads", "not_cues")  # the word lists


@dataclass(frozen=True, slots=True)
class InlineRules:
    separators: tuple[str, ...]
    joiners: tuple[str, ...]
    introducers: tuple[str, ...]
    closers: tuple[str, ...]
    max_item: int
    leads: tuple[str, ...] = ()
    not_cues: tuple[str, ...] = ()
    min_items: int = 3
    particles: tuple[str, ...] = ()


def load_inline_rules(path: Path | None = None) -> InlineRules:
    """The inline-list cue words (format in the header of ``lexicons/lists/inline.yaml``)."""
    path = path or lexicons_dir() / "lists" / "inline.yaml"
    header_keys = {"separators", "joiners", "closers", "max_item", "min_items", "leads", "not_cues", "particles"}
    header, entries = load_yaml(path, "introducers", format=FORMAT, header_keys=header_keys)
    where = f"{path}:1"
    introducers = string_entries(entries, "an introducer")
    rules = InlineRules(
        word_list(header.get("separators"), where, "separators"),
        word_list(header.get("joiners"), where, "joiners"),
        word_list(introducers, where, "introducers"),
        word_list(header.get("closers"), where, "closers"),
        positive_int(header, "max_item", 16, where),
        word_list(header["leads"], where, "leads") if "leads" in header else (),
        word_list(header["not_cues"], where, "not_cues") if "not_cues" in header else (),
        positive_int(header, "min_items", 3, where),
        word_list(header["particles"], where, "particles") if "particles" in header else (),
    )
    if any(len(particle) != 1 for particle in rules.particles):
        raise LexiconError("MA202", where=where, detail="particles must be single characters")
    seen: dict[str, str] = {}
    for role in _ROLES:
        for word in getattr(rules, role):
            if seen.setdefault(word, role) != role:
                raise LexiconError("MA202", where=where, detail=f"{word!r} is in both {seen[word]} and {role}")
    return rules


@cache
def _default_inline_rules() -> InlineRules:
    return load_inline_rules()



@dataclass(frozen=True, slots=True)
class _InlinePatterns:
    """Patterns scanned over whole texts start with a plain alternation of literals or a character
    class, which the regex engine scans for quickly; a group in front makes it try every position."""

    separator: re.Pattern[str]
    clause_end: re.Pattern[str]  # clause punctuation: searched forward in the text, backward in it reversed
    gloss: re.Pattern[str]  # a short bracketed run right after a word (TSH（促甲状腺激素）): part of the piece
    reversed_gloss: re.Pattern[str]
    cue_start: re.Pattern[str]  # the first characters of introducers, joiners and closers
    cue: ahocorasick_rs.AhoCorasick  # every listed word, leftmost-longest, so that a word hides those inside it
    roles: list[int]  # the role of each of ``cue``'s words (``_ROLE_NUMBERS``): 如果 is a not-cue, 如 an introducer
    introducer_before_colon: re.Pattern[str]  # 如： with the item after the colon
    paired: re.Pattern[str]  # an introducer, then two short pieces joined by a joiner that end the clause (例如A或B)
    hiding_introducers: frozenset[str]  # what ``paired`` matches that is no introducer (如果)
    particles: frozenset[str]


def _alternation(words: Iterable[str]) -> str:
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


@cache
def _inline_patterns(rules: InlineRules) -> _InlinePatterns:
    clause = re.escape(_CLAUSE)
    excluded = clause + re.escape("".join(s for s in rules.separators if len(s) == 1))
    inside = f"[^{excluded}]{{1,{rules.max_item}}}"  # no clause punctuation or separator inside a gloss
    piece = f"[^{excluded}.]"  # the paired items: no full stop either, whatever follows it
    listed = [word for role in _ROLES[1:] for word in getattr(rules, role)]

    # 例如A或B: each introducer followed by the rest, the words hiding one on their own. A
    # one-character introducer could end a name (杨恭如与…): without a separator to back it, it
    # counts only where it opens the clause.
    rest = f"{piece}{{1,{2 * rules.max_item}}}?(?:{_alternation(rules.joiners)}){piece}{{1,{rules.max_item}}}(?=[{clause}.]|\\Z)"
    # The words that start with an introducer and are none hide it there (如果); 假如 cannot hide an
    # opening 如. One alternative per first character: the engine tries alternatives one by one.
    hiding = [word for word in listed if word not in rules.introducers and word.startswith(rules.introducers)]
    by_first: dict[str, list[str]] = {}
    for word in sorted({*rules.introducers, *hiding}, key=lambda word: (-len(word), word)):
        literal = re.escape(word[1:])
        if word not in hiding:
            literal += (f"(?<![^{clause}]{re.escape(word)})" if len(word) == 1 else "") + rest
        by_first.setdefault(word[0], []).append(literal)
    paired = [f"{re.escape(first)}(?:{'|'.join(rests)})" for first, rests in by_first.items()]
    return _InlinePatterns(
        re.compile(_alternation(rules.separators)),
        re.compile(f"[{clause}.](?:(?<!\\.)|(?!\\d)|(?<!\\d\\.))"),  # one class first: a faster scan
        re.compile(f"[（(]{inside}[)）]"),
        re.compile(f"[)）]{inside}[（(]"),
        re.compile("[" + re.escape("".join(sorted({w[0] for w in (*rules.introducers, *rules.joiners, *rules.closers)}))) + "]"),
        ahocorasick_rs.AhoCorasick(listed, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest, implementation=ahocorasick_rs.Implementation.DFA),
        [_ROLE_NUMBERS[role] for role in _ROLES[1:] for _ in getattr(rules, role)],
        re.compile(f"(?:{_alternation(rules.introducers)})[：:]$"),
        re.compile("|".join(paired)),
        frozenset(hiding),
        frozenset(rules.particles),
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
    """Block lists of two or more consecutive items (marked, then unmarked list-item paragraphs),
    then inline lists outside them; sets
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
    lists.extend(_item_runs(text, paragraphs, lists))
    lists.sort(key=lambda l: l.start)
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


def _is_marked(text: str, start: int) -> bool:
    return text.startswith(tuple(_CIRCLED), start) or _AT_TEXT_START.match(text, start) is not None


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


def _item_runs(text: str, paragraphs: Sequence[Paragraph], blocks: Sequence[EnumeratedList]) -> list[EnumeratedList]:
    """Runs of two or more consecutive list-item paragraphs that start with no marker of the
    styles above: items the markup marks (<li>) without a marker character, or lines led by a mark
    these styles do not know (★). Each paragraph is an item. A paragraph led by a known marker is
    left to its style, which may have found it no list item (a run numbered 七、八、)."""
    starts, ends = [b.start for b in blocks], [b.end for b in blocks]
    lists: list[EnumeratedList] = []
    run: list[Paragraph] = []
    for paragraph in chain(paragraphs, (None,)):
        if paragraph is not None and paragraph.kind == "list_item" and not _is_marked(text, paragraph.start):
            index = bisect_left(starts, paragraph.end)  # the last marker list starting before its end
            if not (index and ends[index - 1] > paragraph.start):
                run.append(paragraph)
                continue
        if len(run) >= 2:
            items = [ListItem(p.start, p.end, "", []) for p in run]
            lists.append(EnumeratedList(items[0].start, items[-1].end, "item", "generic", items))
        run = []
    return lists


def _inline_lists(text: str, rules: InlineRules, blocks: Sequence[EnumeratedList]) -> list[EnumeratedList]:
    """Clauses with separators, split into pieces; a clause of two or more pieces may be a list.
    Then clauses without a separator where an introducer is followed by two items and a joiner."""
    patterns = _inline_patterns(rules)
    block_spans = [(b.start, b.end) for b in blocks]
    block_starts = [start for start, _ in block_spans]
    reach = rules.max_item * 4  # how far back a clause start is looked for: items are short
    found: list[EnumeratedList] = []
    size, reversed_text = len(text), text[::-1]
    clause_end_search = patterns.clause_end.search
    separators = [m.span() for m in patterns.separator.finditer(text)]
    index, count = 0, len(separators)
    while index < count:
        position, separator_end = separators[index]
        # The clause start is the first clause end found searching the reversed text from here; a
        # bracketed gloss right after a word belongs to its piece (TSH（促甲状腺激素）、FT3).
        window = size - position + reach if position > reach else size
        before = clause_end_search(reversed_text, size - position, window)
        while before is not None and reversed_text[before.start()] in ")）" and (
            gloss := patterns.reversed_gloss.match(reversed_text, before.start())
        ):
            before = clause_end_search(reversed_text, gloss.end(), window)
        clause_start = size - before.start() if before is not None else size - window
        after = clause_end_search(text, separator_end)
        while after is not None and text[after.start()] in "(（" and (gloss := patterns.gloss.match(text, after.start())):
            after = clause_end_search(text, gloss.end())
        clause_end = after.start() if after is not None else size
        pieces, piece_start = [], clause_start
        while index < count and separators[index][0] < clause_end:
            pieces.append((piece_start, separators[index][0]))
            piece_start = separators[index][1]
            index += 1
        pieces.append((piece_start, clause_end))
        block = bisect_right(block_starts, clause_start) - 1
        if block >= 0 and clause_start < block_spans[block][1]:
            continue  # inside a block list's item
        if (clause_start == 0 or text[clause_start - 1] == "\n") and _is_ordinal_marker(text, *pieces[0]):
            del pieces[0]  # 四、报名日期、地点: the heading's marker
        enumerated = _inline_list(text, pieces, rules, patterns)
        if enumerated is not None:
            found.append(enumerated)
    spans = sorted([*block_spans, *((l.start, l.end) for l in found)])
    starts = [start for start, _ in spans]
    for match in patterns.paired.finditer(text):
        if match.group() in patterns.hiding_introducers:
            continue  # 如果
        start = match.start()
        block = bisect_right(starts, match.end()) - 1
        if block >= 0 and start < spans[block][1]:
            continue  # inside a block item or a list found above
        enumerated = _inline_list(text, [(start, match.end())], rules, patterns)
        if enumerated is not None:
            found.append(enumerated)
    return found


def _is_ordinal_marker(text: str, start: int, end: int) -> bool:
    marker = text[start:end].strip()
    return bool(marker) and _ordinal(marker) is not None


def _inline_list(
    text: str, pieces: list[tuple[int, int]], rules: InlineRules, patterns: _InlinePatterns
) -> EnumeratedList | None:
    """The clause's pieces as items, when they make a list (see ``lexicons/lists/inline.yaml``)."""
    first_start, first_end = pieces[0]
    last_start, last_end = pieces[-1]
    count = len(pieces)
    # One scan of the clause for its cue words, at offsets from its start (a clause has a few):
    # the lead-ins of the first piece, the first closer of the last piece and its first joiner
    # before that (with no separator, the joiner ends the first item: what follows is the second).
    after_colon = first_start > 0 and text[first_start - 1] in "：:"
    if count < rules.min_items and not after_colon and patterns.cue_start.search(text, first_start, last_end) is None:
        return None  # no character that can start an introducer, joiner or closer: a quick no
    in_first, in_last = first_end - first_start, last_start - first_start
    roles = patterns.roles
    close = join = None
    leads = []
    for index, start, end in patterns.cue.find_matches_as_indexes(text[first_start:last_end]):
        role = roles[index]
        if start >= in_last:
            if role == _CLOSER:
                close = start
                break
            if role == _JOINER and join is None and start > in_last:
                join = (first_start + start, first_start + end)
                in_first = in_first if count > 1 else 0
        if role <= _LEAD and start < in_first:
            leads.append((first_start + end, role == _INTRODUCER))
    if close is not None:
        last_end = first_start + close
    if join is not None:
        pieces[-1:] = [(last_start, join[0]), (join[1], last_end)]
        count += 1
        first_end = pieces[0][1]
    elif close is not None:
        pieces[-1] = (last_start, last_end)
    cued = close is not None
    lead_end = first_start
    for end, introduces in leads:  # the last one with text after it: 表现为…出现A
        if end < first_end and (not text[end].isspace() or not text[end:first_end].isspace()):
            lead_end = end
            cued = cued or introduces
    if not cued and count < rules.min_items and after_colon:
        cued = patterns.introducer_before_colon.search(text, max(first_start - 8, 0), first_start) is not None
    if count < (2 if cued else rules.min_items):
        return None
    pieces[0] = (lead_end, first_end)
    spaced = _SPACE.search(text, lead_end, last_end) is not None  # most clauses have no space to trim
    items = []
    max_item, min_items, particles = rules.max_item, rules.min_items, patterns.particles
    for index, (start, end) in enumerate(pieces):  # non-empty and short, or no list
        if spaced:
            start, end = _stripped(text, start, end)
        if end - start > max_item:
            if count >= min_items and (index == 0 or index == count - 1):
                start, end = _shared_modifier_off(text, start, end, first=index == 0)
            if end - start > max_item:
                return None
        if end <= start or text[end - 1] in particles:
            return None
        items.append(ListItem(start, end, "", []))
    return EnumeratedList(items[0].start, items[-1].end, "inline", "generic", items)


# Roles of the cue words as ``_InlinePatterns.roles`` numbers them (lead-ins first).
_INTRODUCER, _JOINER, _LEAD, _CLOSER, _NOT_CUE = range(5)
_ROLE_NUMBERS = {"introducers": _INTRODUCER, "joiners": _JOINER, "leads": _LEAD, "closers": _CLOSER, "not_cues": _NOT_CUE}


def _stripped(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _shared_modifier_off(text: str, start: int, end: int, *, first: bool) -> tuple[int, int]:
    """A too-long first item starts after its last 的, a too-long last item ends before its first
    的: the 的 marks what all items share (结节的[形态、边界], [骨科、康复医学科]的专家…)."""
    if first:
        cut = text.rfind("的", start, end)
        return (cut + 1, end) if cut >= 0 else (start, end)
    cut = text.find("的", start, end)
    return (start, cut) if cut >= 0 else (start, end)


def _attach(text: str, lists: Sequence[EnumeratedList], entities: Sequence[Entity]) -> None:
    """O((items + entities) log entities): entities are found by bisection, not by scanning."""
    if not lists:
        return
    starts = [entity.start for entity in entities]
    order: Sequence[int] = range(len(entities))
    if starts != sorted(starts):  # find_entities gives them sorted; other callers may not
        order = sorted(order, key=starts.__getitem__)
        starts = [starts[i] for i in order]
    count, position = len(starts), 0
    for list_index, enumerated in enumerate(lists):
        symptom_items = 0
        for item_index, item in enumerate(enumerated.items):
            position = bisect_left(starts, item.start, position)  # lists and items come in text order
            while position < count and starts[position] < item.end:
                entity_index = order[position]
                entity = entities[entity_index]
                if entity.end <= item.end:
                    item.entities.append(entity_index)
                    if entity.list_item is None:
                        entity.list_item = (list_index, item_index)
                position += 1
            if item.entities and _is_symptom_item(text, item, entities):
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
