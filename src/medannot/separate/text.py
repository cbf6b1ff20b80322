"""Separation of a page given as blocks: a text dump (a block is a line) or blocks taken from HTML.

Every block gets a verdict (``body.Decision``): a cue rule, a byline, a DOM hint or link density
name its boilerplate kind, otherwise its text scores it as prose. ``body.choose_body`` picks the
article; everything else is kept as boilerplate with its kind, its position and the reason. The
references section is found by its heading and parsed, not scored.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Sequence

from ..record import BoilerplateBlock, Meta, Paragraph
from .body import Decision, choose_body, is_link_dense, score_block
from .cues import load_cues
from .dates import find_dates
from .meta import choose_published, clean_title, is_headline_of, is_meta_line, parse_meta
from .model import Block, Container, Separated
from .phones import find_phones
from .references import is_reference_heading, looks_like_entry, parse_reference

__all__ = ["separate_text", "separate_blocks", "as_content"]

_SENTENCE_PUNCT = re.compile(r"[，。；！？、,;!?]")
_END_PUNCT = tuple("。！？；.!?;…")
_LIST_MARKER = re.compile(r"^\s*(?:[①-⑳]|\d{1,2}[.、．)）]|[（(]\d{1,2}[)）]|[一二三四五六七八九十]{1,3}[、.．]|[•·▪■◆●◇□○◎★☆►▶-])")
_CITED = re.compile(r"(?:文献|参考|reference|ref\.?)\s*[\[［【(（]?\s*(\d{1,3})|[\[［](\d{1,3})[\]］]", re.IGNORECASE)
_TITLE_WINDOW = 12  # the title is looked for this many blocks above the body
_TITLE_INSIDE = 3  # … and among the first blocks of the body (a widened body can take it in)
_TITLE_MIN, _TITLE_MAX = 4, 40  # length of a title line found at the top of the body
_SENTENCE_END = re.compile(r"[。！？!?]")
_NOT_TITLE_END = tuple("。；;：:，,、")
_CAPTION_MAX = 40
_CAPTION_COMMA = re.compile(r"[，,]")
_COLON = re.compile(r"[：:]")
_FIELDS = ("source_name", "author", "views")  # published is chosen among all dates (choose_published)


def _references_span(texts: Sequence[str]) -> tuple[int, int] | None:
    """``[heading, end)`` of the last references section, entries being the lines that look like them."""
    for index in range(len(texts) - 1, -1, -1):
        if is_reference_heading(texts[index]):
            end = index + 1
            while end < len(texts) and looks_like_entry(texts[end]):
                end += 1
            return (index, end) if end > index + 1 else None
    return None


def _paragraph_kind(block: str, role: str = "") -> str:
    if role == "item" or _LIST_MARKER.match(block):
        return "list_item"
    if role == "heading":
        return "heading"
    if len(block) <= 40 and not block.endswith(_END_PUNCT) and not _SENTENCE_PUNCT.search(block[-1:]):
        return "heading"
    return "paragraph"


def _captions_image(block: str) -> bool:
    """A line under an image placeholder is its caption when it is a short description: phrases
    joined by a comma without an end mark (义诊现场，医生为市民解读检测结果). A heading there has no comma,
    a sentence ends with its mark, a lead-in with a colon."""
    return (
        len(block) <= _CAPTION_MAX
        and _CAPTION_COMMA.search(block) is not None
        and not block.endswith(_END_PUNCT)
        and not _COLON.search(block)
        and not _LIST_MARKER.match(block)
    )


def _decide(blocks: Sequence[Block], skip: set[int]) -> list[Decision]:
    cues = load_cues()
    counts = Counter(block.text for block in blocks)
    decisions = []
    for index, block in enumerate(blocks):
        if index in skip:
            decisions.append(Decision("references", "", 0.0))
            continue
        kind = reason = None
        section = False
        if is_meta_line(block.text):
            kind, reason = "meta", "byline"
        elif (rule := cues.rule_for(block.text)) is not None:
            kind, reason, section = rule[0].kind, rule[1], rule[0].section
        elif block.role == "caption":
            kind, reason = "caption", "figure caption element"
        elif block.hint is not None:
            kind, reason = block.hint
        elif decisions and decisions[-1].kind == "image" and _captions_image(block.text):
            kind, reason = "caption", "phrase under an image"
        decisions.append(Decision(kind, reason or "", score_block(block, kind, counts[block.text] > 1), section))
    return decisions


def _title_index(
    blocks: Sequence[Block], decisions: Sequence[Decision], body: Collection[int], first_body: int, title: str | None
) -> int | None:
    """The title line: the one matching the page title, else the nearest heading-like line above the
    body. When a breadcrumb or menu stands between that line and the body, the line is the site's
    name above the page chrome, and a title-like first line of the body is the title instead."""
    window = range(first_body - 1, max(first_body - _TITLE_WINDOW, -1), -1)
    if title:
        window = [*range(first_body, min(first_body + _TITLE_INSIDE, len(blocks))), *window]
        for index in window:
            text = clean_title(blocks[index].text)
            if text and (text == title or (len(text) >= 4 and (text in title or (title in text and len(text) <= 2 * len(title))))):
                return index
        return None
    above = None
    for index in window:
        if decisions[index].kind is not None or is_link_dense(blocks[index]) or find_dates(blocks[index].text):
            continue  # a line with a date is a byline, not the title
        if 4 <= len(blocks[index].text) <= 80:
            above = index
            break
    if above is None or any(decisions[i].kind == "nav" for i in range(above + 1, first_body)):
        if _opens_with_title(blocks, body, first_body):
            return first_body
    return above


def _opens_with_title(blocks: Sequence[Block], body: Collection[int], first_body: int) -> bool:
    """The body's first line is its title: one short sentence or phrase (a question ends with ？, a
    heading has no end mark) followed by longer text, and no list item, lead-in or date."""
    later = [i for i in body if i > first_body]
    if not later:
        return False
    text = blocks[first_body].text
    if not _TITLE_MIN <= len(text) <= _TITLE_MAX or len(blocks[min(later)].text) <= len(text):
        return False
    if _LIST_MARKER.match(text) or text.endswith(_NOT_TITLE_END) or find_dates(text):
        return False
    return not _SENTENCE_END.search(text[:-1])


def separate_blocks(
    blocks: Sequence[Block | str],
    *,
    containers: Sequence[Container] | None = None,
    title: str | None = None,
    head_dates: Sequence[str] = (),
) -> Separated:
    """Separate stripped, non-empty blocks (page order) into content and boilerplate, with metadata."""
    items = [b if isinstance(b, Block) else Block(b) for b in blocks]
    texts = [b.text for b in items]
    refs = _references_span(texts)
    in_refs = set(range(*refs)) if refs else set()
    decisions = _decide(items, in_refs)
    eligible = [i for i in range(len(items)) if i not in in_refs]
    body = choose_body(items, decisions, eligible, containers)
    first_body = min(body) if body else len(items)

    title_index = _title_index(items, decisions, body, first_body, title)
    if title_index is not None:
        headline = clean_title(texts[title_index])
        if title is None or is_headline_of(headline, title):
            title = headline
    if title_index is not None and title_index in body and len(body) > 1:
        body.discard(title_index)
        first_body = min(body)
    meta = Meta(title=title, phones=find_phones("\n".join(texts)))

    boilerplate: list[BoilerplateBlock] = []
    paragraphs: list[Paragraph] = []
    pieces: list[str] = []
    offset = 0
    for index, block in enumerate(items):
        if index in in_refs:
            continue
        text = block.text
        if index in body:
            if pieces:
                offset += 1  # the "\n" joining paragraphs
            paragraphs.append(Paragraph(offset, offset + len(text), _paragraph_kind(text, block.role)))
            pieces.append(text)
            offset += len(text)
            continue
        decision = decisions[index]
        if decision.kind == "meta":
            for field, value in parse_meta(text).items():
                if field in _FIELDS and getattr(meta, field) is None:
                    setattr(meta, field, value)
        if index == title_index:
            kind, reason = "title", "title line"
        elif decision.kind is not None:
            kind, reason = decision.kind, decision.reason
        elif is_link_dense(block):
            kind, reason = ("nav" if index < first_body else "related"), "link text"
        else:
            kind, reason = ("nav", "before the body") if index < first_body else ("footer", "after the body")
        cited = _CITED.search(text) if kind == "caption" else None
        reference = int(cited.group(1) or cited.group(2)) if cited else None
        boilerplate.append(BoilerplateBlock(text, kind, index, reason, reference))

    references = []
    if refs:
        start, end = refs
        boilerplate.append(BoilerplateBlock(texts[start], "references", start, "references heading"))
        for index in range(start + 1, end):
            references.append(parse_reference(texts[index]))
            boilerplate.append(BoilerplateBlock(texts[index], "references", index, "reference entry"))
        boilerplate.sort(key=lambda b: b.position)
    meta.published = choose_published(items, body, title_index, head_dates)
    return Separated("\n".join(pieces), paragraphs, boilerplate, meta, references)


def separate_text(text: str) -> Separated:
    """Separate a plain-text dump: every non-empty line is a block."""
    return separate_blocks([line.strip() for line in text.splitlines() if line.strip()])


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
