"""Metadata in Chinese pages: byline fields (来源, 作者, 发布时间, 阅读…) and the title.

Byline labels come from ``lexicons/boilerplate/meta.yaml``; one line often carries several fields
(``作者:某某 阅读(1660) 发表于:2005-07-31 12:30``), so every label in a line is read.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Sequence

from .cues import load_meta_labels
from .dates import find_dates, normalise_date
from .model import Block
from .people import author_name, is_person_line

__all__ = ["normalise_date", "parse_meta", "is_meta_line", "clean_title", "is_headline_of", "choose_published"]

_NUMBER = re.compile(r"\d[\d,]*")
_TITLE_PREFIX = re.compile(r"^[^|｜]{1,8}[|｜]\s*")  # 最新发表| …: a column label before the title
_TITLE_GLUE = "-_|｜—–·•»>/ \u3000"  # what joins a headline to the column and site names in a <title>
_TITLE_PARTS = re.compile(f"[{re.escape(_TITLE_GLUE)}]+")
_BRACKETED = re.compile(r"^[\[【(（<《]\s*([^\]】)）>》]+?)\s*[\]】)）>》]")
_VALUE_END = re.compile(r"\s{2,}|\t|[|｜]|\s+(?=\d)")  # a wide gap, a separator, or a date/number after a space
_WORD = re.compile(r"[^\W\d_]")  # letters, CJK included
# Parts of a byline that name a source rather than say something: URLs, domains, 《publication》.
_SOURCE_NAMES = re.compile(r"https?://\S+|(?:[\w-]+\.)+(?:com|net|org|cn|gov|edu|info)\b\S*|《[^》]{1,30}》", re.IGNORECASE)
MAX_META_LINE = 100  # longer blocks are prose that happens to contain a label
_HEADER_WINDOW = 10  # without a title line, the byline area is this many blocks above the body
_BYLINE_INSIDE = 3  # … and reaches this many blocks into it (a byline under a heading kept as content)


def _name(value: str) -> str | None:
    """A source or author name: the bracketed part, or the text up to the next wide gap or separator."""
    value = value.strip(" :：")
    bracketed = _BRACKETED.match(value)
    if bracketed:
        value = bracketed.group(1)
    value = _VALUE_END.split(value, maxsplit=1)[0].strip()
    return value or None


def parse_meta(block: str) -> dict[str, str | int]:
    """The byline fields of a short block: ``source_name``, ``author`` (the name alone, see
    ``people.author_name``), ``published`` and ``updated`` (ISO), ``views``.

    ``other`` is set when a label whose value is not kept (编辑, 责编…) was found with a value.
    Prose longer than ``MAX_META_LINE`` has no fields.
    """
    if len(block) > MAX_META_LINE:
        return {}
    labels = load_meta_labels()
    matches = list(labels.pattern.finditer(block))
    fields: dict[str, str | int] = {}
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(block)
        value = block[match.end() : end]
        field = labels.field(match["label"])
        if field in fields:
            continue
        if field in ("published", "updated"):
            if date := normalise_date(value):
                fields[field] = date
        elif field == "views":
            number = _NUMBER.match(value.lstrip(" (（[【"))
            if number:
                fields[field] = int(number.group().replace(",", ""))
        elif (name := _name(value)) is not None:
            fields[field] = author_name(name) if field == "author" else name
    return fields


def is_meta_line(block: str) -> bool:
    """A byline: labelled fields, a date with at most a few words around it (``2021-07-09 10:20``),
    or a person's name with their title (``赵志远 副主任医师``)."""
    if len(block) > MAX_META_LINE:
        return False
    if parse_meta(block) or is_person_line(block):
        return True
    folded = unicodedata.normalize("NFKC", block)  # find_dates gives spans in the folded text
    dates = find_dates(folded)
    if not dates:
        return False
    rest = folded
    for found in reversed(dates):
        rest = rest[: found.start] + rest[found.end :]
    return len(_WORD.findall(_SOURCE_NAMES.sub("", rest))) <= 4


def clean_title(line: str) -> str:
    """A title without a leading column label (``最新发表| 标题`` → ``标题``)."""
    stripped = _TITLE_PREFIX.sub("", line.strip())
    return stripped or line.strip()


def is_headline_of(line: str, title: str) -> bool:
    """``title`` is ``line`` with site parts joined around it (``标题-健康科普-某某医院``,
    ``栏目-[原创]标题``): ``line`` stands between separators and is longer than every other part.
    Bare hyphens cannot split a title on their own (COVID-19, β-受体阻滞剂); the headline the page
    shows tells where the title is."""
    start = title.find(line)
    if start < 0 or line == title:
        return False
    before, after = title[:start], title[start + len(line) :]
    if (before and before[-1] not in _TITLE_GLUE) or (after and after[0] not in _TITLE_GLUE + "[【(（"):
        return False
    return all(len(part) < len(line) for part in _TITLE_PARTS.split(f"{before} {after}"))


def choose_published(
    blocks: Sequence[Block], body: Collection[int], title_index: int | None, head_dates: Sequence[str]
) -> str | None:
    """The publish date of the article, from the dates the page shows and the ones its markup states.

    In order: a date in the byline area (between the title, or a few blocks above the body, and the
    body), a labelled one (发布时间…) first, else the one nearest the body; a date shown above that;
    a date the markup states (<meta>, <time>); a date below the body (blogs put 发表于… there).
    An "updated" date (更新时间…) counts as an unlabelled one.
    Dates inside link-heavy blocks (lists of other articles) and inside long prose are not candidates.
    """
    first_body = min(body, default=len(blocks))
    last_body = max(body, default=len(blocks))
    shown: list[tuple[int, str, bool]] = []
    for index, block in enumerate(blocks):
        if len(block.text) > MAX_META_LINE or block.link_density > 0.5 or index in body:
            continue
        found = normalise_date(block.text)
        if found is not None:
            labelled = parse_meta(block.text).get("published")
            shown.append((index, labelled if isinstance(labelled, str) else found, labelled is not None))
    header_start = title_index if title_index is not None and title_index < first_body else max(0, first_body - _HEADER_WINDOW)
    before = [c for c in shown if header_start <= c[0] < first_body]
    inside = [c for c in shown if first_body < c[0] < min(first_body + _BYLINE_INSIDE, last_body)]
    for group in ([c for c in before if c[2]], [c for c in inside if c[2]], before[-1:], inside[:1]):
        if group:
            return group[0][1]
    above = [c for c in shown if c[0] < header_start]
    if above:
        return above[-1][1]
    if head_dates:
        return head_dates[0]
    below = [c for c in shown if c[0] > last_body]
    if below:
        labelled = [c for c in below if c[2]]
        return (labelled[0] if labelled else below[0])[1]
    return None
