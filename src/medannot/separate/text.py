"""Block-level separation, for text dumps (a block is a line) and for blocks taken from HTML.

Each block gets a content score from its length and punctuation (prose scores high, short
unpunctuated lines low) and cue rules push chrome far down; the editorial body is the contiguous
run of blocks with the highest total score. Inside that run, cue-matched blocks (image file names,
captions, CTAs) are still boilerplate; outside it, everything is, with the kind its cue or its
position gives. The references section is found by its heading and parsed, not scored.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from ..record import BoilerplateBlock, Meta, Paragraph
from .cues import load_cues
from .meta import clean_title, find_phones, parse_meta_line
from .model import Separated
from .references import is_reference_heading, looks_like_entry, parse_reference

__all__ = ["separate_text", "separate_blocks", "as_content"]

_SENTENCE_PUNCT = re.compile(r"[，。；！？、,;!?]")
_END_PUNCT = tuple("。！？；.!?;…")
_LIST_MARKER = re.compile(r"^\s*(?:[①-⑳]|\d{1,2}[.、．)]|[（(]\d{1,2}[)）]|[•·▪■◆●-])")
_CITED = re.compile(r"\[(\d{1,3})\]")
# Kinds tolerated inside the body: they are boilerplate, but do not end the article.
_INLINE_KINDS = {"image", "caption"}


def _score(block: str, kind: str | None, repeated: bool, link_density: float) -> float:
    if kind in _INLINE_KINDS:
        return -0.5
    if kind is not None:
        return -3.0
    if link_density > 0.5:
        return -3.0
    length = len(block)
    punct = len(_SENTENCE_PUNCT.findall(block))
    if length >= 20 and punct:
        score = min(length, 300) / 15
    elif length >= 10 and (punct or block.endswith(_END_PUNCT)):
        score = 0.5
    else:
        score = -0.4
    return score - (1.0 if repeated else 0.0)


def _best_run(scores: Sequence[float]) -> tuple[int, int]:
    """Maximum-sum contiguous run ``[start, end)`` (Kadane); empty run when all scores are negative."""
    best, best_span = 0.0, (0, 0)
    total, start = 0.0, 0
    for index, score in enumerate(scores):
        if total <= 0:
            total, start = 0.0, index
        total += score
        if total > best:
            best, best_span = total, (start, index + 1)
    return best_span


def _references_span(blocks: Sequence[str]) -> tuple[int, int] | None:
    """``[heading, end)`` of the last references section, entries being the lines that look like them."""
    for index in range(len(blocks) - 1, -1, -1):
        if is_reference_heading(blocks[index]):
            end = index + 1
            while end < len(blocks) and looks_like_entry(blocks[end]):
                end += 1
            return (index, end) if end > index + 1 else None
    return None


def _paragraph_kind(block: str) -> str:
    if _LIST_MARKER.match(block):
        return "list_item"
    if len(block) <= 40 and not block.endswith(_END_PUNCT) and not _SENTENCE_PUNCT.search(block[-1:]):
        return "heading"
    return "paragraph"


def separate_blocks(
    blocks: Sequence[str], *, link_density: Sequence[float] | None = None, title: str | None = None
) -> Separated:
    """Separate pre-split, stripped, non-empty blocks (page order) into content and boilerplate."""
    cues = load_cues()
    counts = Counter(blocks)
    refs = _references_span(blocks)
    in_refs = set(range(*refs)) if refs else set()
    kinds: list[tuple[str, str] | None] = [None if i in in_refs else cues.classify(b) for i, b in enumerate(blocks)]

    order = [i for i in range(len(blocks)) if i not in in_refs]
    scores = [
        _score(blocks[i], kinds[i][0] if kinds[i] else None, counts[blocks[i]] > 1, link_density[i] if link_density else 0.0)
        for i in order
    ]
    run_start, run_end = _best_run(scores)
    body = set(order[run_start:run_end])
    first_body = min(body) if body else len(blocks)

    meta = Meta(phones=find_phones("\n".join(blocks)))
    boilerplate: list[BoilerplateBlock] = []
    paragraphs: list[Paragraph] = []
    pieces: list[str] = []
    offset = 0

    title_index = None
    if title is None:
        title_index = _title_index(blocks, kinds, first_body)
        if title_index is not None:
            title = clean_title(blocks[title_index])
    meta.title = title

    for index, block in enumerate(blocks):
        if index in in_refs:
            continue
        kind = kinds[index]
        if index in body and kind is None:
            if pieces:
                offset += 1  # the "\n" joining paragraphs
            paragraphs.append(Paragraph(offset, offset + len(block), _paragraph_kind(block)))
            pieces.append(block)
            offset += len(block)
            continue
        field_value = parse_meta_line(block)
        if field_value is not None and getattr(meta, field_value[0]) is None:
            setattr(meta, field_value[0], field_value[1])
        if index == title_index or (title and clean_title(block) == title and index < first_body):
            kind_name, reason = "title", "title line"
        elif field_value is not None:
            kind_name, reason = "meta", field_value[0]
        elif kind is not None:
            kind_name, reason = kind
        else:
            kind_name, reason = ("nav", "before the body") if index < first_body else ("footer", "after the body")
        cited = _CITED.search(block) if kind_name == "caption" else None
        boilerplate.append(
            BoilerplateBlock(block, kind_name, index, reason, int(cited.group(1)) if cited else None)
        )

    references = []
    if refs:
        start, end = refs
        boilerplate.append(BoilerplateBlock(blocks[start], "references", start, "references heading"))
        for index in range(start + 1, end):
            references.append(parse_reference(blocks[index]))
            boilerplate.append(BoilerplateBlock(blocks[index], "references", index, "reference entry"))
        boilerplate.sort(key=lambda b: b.position)
    return Separated("\n".join(pieces), paragraphs, boilerplate, meta, references)


def _title_index(blocks: Sequence[str], kinds: Sequence[tuple[str, str] | None], first_body: int) -> int | None:
    """The heading above the body: the nearest short, cue-free, non-meta block before it."""
    for index in range(first_body - 1, max(first_body - 12, -1), -1):
        block = blocks[index]
        if kinds[index] is not None or parse_meta_line(block) is not None:
            continue
        if 4 <= len(block) <= 80:
            return index
    return None


def separate_text(text: str) -> Separated:
    """Separate a plain-text dump: every non-empty line is a block."""
    blocks = [line.strip() for line in text.splitlines()]
    return separate_blocks([b for b in blocks if b])


def as_content(text: str) -> Separated:
    """``--raw``: all of ``text`` is content, unchanged; paragraphs are its non-empty lines."""
    paragraphs = []
    offset = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped:
            start = offset + line.index(stripped[0])
            paragraphs.append(Paragraph(start, start + len(stripped), _paragraph_kind(stripped)))
        offset += len(line)
    return Separated(text, paragraphs)
