"""Which blocks are the article: score every block, take the best-scoring run, widen it to the
element that holds it (HTML), and cut it where a comments, related or notice section begins.

Scores come from the text alone (length, punctuation, repetition, cue rules), so a text dump with
no DOM is decided the same way; on HTML, link density, class/id hints and the enclosing elements
add evidence. All thresholds are here, named, and documented.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .model import Block, Container

__all__ = ["Decision", "score_block", "is_link_dense", "best_run", "choose_body"]

_SENTENCE_PUNCT = re.compile(r"[，。；！？、,;!?：:]")
_END_PUNCT = tuple("。！？；.!?;…”」』）)")
_SENTENCE_END = tuple("。！？!?…")
# Kinds tolerated inside the body: boilerplate, but they do not end the article.
INLINE_KINDS = frozenset({"image", "caption", "meta"})
CHROME_SCORE = -3.0  # a block a cue, hint or link density calls boilerplate
INLINE_SCORE = -0.5
SHORT_SCORE = -0.4  # a short line without sentence punctuation: menus, labels, buttons
LINK_DENSE = 0.5  # share of link text above which a block is navigation
LINK_DENSE_SHORT = 0.33  # … or, for a short block (a list entry "· title (date)"), this share
SHORT_BLOCK = 50
REPEAT_PENALTY = 1.0  # the same text twice on a page is chrome more often than prose
CONTAINER_SHARE = 0.75  # the article's element holds at least this share of the run's score
MIN_SEGMENT_CHARS = 20  # a stretch of the article's element outside the run joins it from this size
# Hints are ignored when the run they leave is both small in itself (about 120 characters of prose)
# and a small share of the run found without them: the page's article is under a misleading name.
HINT_FALLBACK_SHARE = 0.3
HINT_FALLBACK_MASS = 8.0


@dataclass(slots=True)
class Decision:
    """Per-block verdict: ``kind`` None means content candidate."""

    kind: str | None
    reason: str
    score: float
    section: bool = False  # the block heads a section (comments, related…) that ends the article


def score_block(block: Block, kind: str | None, repeated: bool) -> float:
    """Content evidence of one block: positive for prose, negative for chrome."""
    if kind in INLINE_KINDS:
        return INLINE_SCORE
    if kind is not None:
        return CHROME_SCORE
    if is_link_dense(block):
        return CHROME_SCORE
    text = block.text
    length = len(text)
    punct = len(_SENTENCE_PUNCT.findall(text))
    if length >= 20 and punct:
        score = min(length, 300) / 15
    elif length >= 10 and (punct or text.endswith(_END_PUNCT)):
        score = 0.5
    else:
        score = SHORT_SCORE
    return score - (REPEAT_PENALTY if repeated else 0.0)


def is_link_dense(block: Block) -> bool:
    """Mostly link text: a menu, a list of other articles, a button."""
    limit = LINK_DENSE_SHORT if len(block.text) < SHORT_BLOCK else LINK_DENSE
    return block.link_density > limit


def best_run(scores: Sequence[float]) -> tuple[int, int, float]:
    """Maximum-sum contiguous run ``[start, end)`` and its sum (Kadane); empty when all are negative."""
    best, best_span = 0.0, (0, 0)
    total, start = 0.0, 0
    for index, score in enumerate(scores):
        if total <= 0:
            total, start = 0.0, index
        total += score
        if total > best:
            best, best_span = total, (start, index + 1)
    return best_span[0], best_span[1], best


def _container(containers: Sequence[Container], mass: Sequence[float], run: set[int]) -> Container | None:
    """The deepest element holding ``CONTAINER_SHARE`` of the run's positive score."""
    prefix = [0.0]
    for index, value in enumerate(mass):
        prefix.append(prefix[-1] + (value if index in run and value > 0 else 0.0))
    total = prefix[-1]
    if total <= 0:
        return None
    best = None
    for container in containers:
        held = prefix[container.last + 1] - prefix[container.first]
        if held >= CONTAINER_SHARE * total and (
            best is None
            or container.depth > best.depth
            or (container.depth == best.depth and container.last - container.first < best.last - best.first)
        ):
            best = container
    return best


def choose_body(
    blocks: Sequence[Block],
    decisions: Sequence[Decision],
    eligible: Sequence[int],
    containers: Sequence[Container] | None,
) -> set[int]:
    """Indices of the content blocks among ``eligible`` (page order; references excluded)."""
    counts: dict[str, int] = {}
    for index in eligible:
        counts[blocks[index].text] = counts.get(blocks[index].text, 0) + 1
    hinted = [decisions[i].score for i in eligible]
    start, end, mass = best_run(hinted)
    if any(blocks[i].hint for i in eligible):
        # Hints are evidence, not law: a page wrapped whole in an element named like chrome would
        # otherwise lose its article. Re-score without them and keep them only if they leave enough.
        plain = [d.score if not _hint_only(blocks[i], d) else _rescore(blocks[i], counts) for i, d in ((i, decisions[i]) for i in eligible)]
        p_start, p_end, p_mass = best_run(plain)
        if mass < HINT_FALLBACK_MASS and mass < HINT_FALLBACK_SHARE * p_mass:
            start, end = p_start, p_end
            for i in eligible:
                if _hint_only(blocks[i], decisions[i]):
                    decisions[i].kind, decisions[i].score = None, _rescore(blocks[i], counts)
    run = {eligible[i] for i in range(start, end)}
    if not run:
        # Nothing reads as an article (a one-line note, a short message): its plain sentences are
        # it, or failing those its plain lines (头痛怎么办 asks without a question mark).
        plain = [i for i in eligible if decisions[i].kind is None and decisions[i].score > CHROME_SCORE]
        return {i for i in plain if blocks[i].text.endswith(_SENTENCE_END)} or set(plain)
    body = {i for i in run if decisions[i].kind is None}
    if containers and run:
        container = _container(containers, [d.score for d in decisions], run)
        if container is not None:
            body |= _widen(blocks, decisions, set(eligible), container, body)
            parent = _parent(containers, container)
            if parent is not None and body:
                body |= _extend(decisions, set(eligible), parent, body)
    return _cut_sections(sorted(body), list(decisions))


def _widen(
    blocks: Sequence[Block], decisions: Sequence[Decision], eligible: set[int], container: Container, body: set[int]
) -> set[int]:
    """Blocks of the article's element that the run missed: stretches of plain (cue-free, not
    link-dense) blocks that touch the run or hold ``MIN_SEGMENT_CHARS`` of text. A stray "今" between
    two link lists stays out; a programme of short lines above the prose comes in."""
    added: set[int] = set()
    segment: list[int] = []

    def close() -> None:
        if segment and (any(i in body for i in segment) or sum(len(blocks[i].text) for i in segment) >= MIN_SEGMENT_CHARS):
            added.update(segment)
        segment.clear()

    for index in range(container.first, container.last + 1):
        if index in eligible and decisions[index].kind is None and decisions[index].score > CHROME_SCORE:
            segment.append(index)
        elif index in eligible and decisions[index].kind in INLINE_KINDS:
            continue  # an image or a byline does not split a stretch
        else:
            close()
    close()
    return added


def _parent(containers: Sequence[Container], child: Container) -> Container | None:
    """The smallest element around ``child`` that holds more blocks than it."""
    best = None
    for container in containers:
        wider = container.first < child.first or child.last < container.last
        if wider and container.depth < child.depth and container.first <= child.first and child.last <= container.last:
            if best is None or container.depth > best.depth:
                best = container
    return best


def _extend(decisions: Sequence[Decision], eligible: set[int], parent: Container, body: set[int]) -> set[int]:
    """Plain blocks right after the body inside the element around the article's element (a data
    table or a second part that follows the text), up to the first chrome block."""
    added: set[int] = set()
    index = max(body) + 1
    while index <= parent.last and index in eligible:
        decision = decisions[index]
        if decision.kind is None and decision.score > CHROME_SCORE:
            added.add(index)
        elif decision.kind not in INLINE_KINDS:
            break
        index += 1
    return added


def _hint_only(block: Block, decision: Decision) -> bool:
    return block.hint is not None and decision.reason == block.hint[1]


def _rescore(block: Block, counts: dict[str, int]) -> float:
    return score_block(block, None, counts.get(block.text, 0) > 1)


def _cut_sections(body: list[int], decisions: list[Decision]) -> set[int]:
    """End the article at the first section heading (评论, 相关阅读, 免责声明…) past its middle.

    The content after such a heading takes the heading's kind; a heading before the middle of the
    article (a 相关阅读 box above the text) only removes itself.
    """
    if not body:
        return set()
    mass = {i: max(decisions[i].score, 0.0) for i in body}
    total = sum(mass.values())
    before = 0.0
    members = set(body)
    for index in range(body[0], body[-1] + 1):
        decision = decisions[index]
        if decision.section and before > 0 and before >= total - before:
            for later in body:
                if later > index:
                    decisions[later].kind = decision.kind
                    decisions[later].reason = f"in the section under {decision.reason!r}"
            return {i for i in body if i < index}
        if index in members:
            before += mass[index]
    return members
