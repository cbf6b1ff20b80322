"""Bibliography entries (参考文献 / References) parsed into authors, title, journal, year, DOI…

Handles the two styles health articles use: Vancouver/NLM (``Authors. Title. Journal. 2021;12:3.``)
and GB/T 7714 (``作者. 题名[J]. 刊名, 2020, 100(3): 123-125.``).
"""

from __future__ import annotations

import re

from ..record import Reference

__all__ = ["is_reference_heading", "looks_like_entry", "parse_reference"]

_HEADING = re.compile(r"^\s*(参考文献|参考资料|参考书目|文献来源|references?|bibliography)\s*[:：]?\s*$", re.IGNORECASE)
_NUMBER = re.compile(r"^\s*(?:\[(\d{1,3})\]|［(\d{1,3})］|(\d{1,3})[.、)]|\((\d{1,3})\))\s*")
_DOI = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>]+)")
_URL = re.compile(r"https?://[^\s<>\"]+")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_VOLUME = re.compile(r"(?<![\d.])(\d{1,4})\s*(?:\((\w{1,6})\))?\s*[:：]\s*([A-Za-z]?\d+(?:\s*[-–—~]\s*[A-Za-z]?\d+)?)")
_GB_TYPE = re.compile(r"\[(?:J|M|C|D|R|S|P|N|Z|EB/OL|J/OL|M/OL)\]")
_SENTENCE = re.compile(r"(?<=[.。])\s+")


def is_reference_heading(block: str) -> bool:
    return bool(_HEADING.match(block))


def looks_like_entry(block: str) -> bool:
    """A numbered line, or one with a DOI or a year and a journal-ish dot structure."""
    return bool(_NUMBER.match(block) or _DOI.search(block) or (_YEAR.search(block) and block.count(".") >= 2))


def _authors(segment: str) -> list[str]:
    parts = [a.strip() for a in re.split(r"[,，、;；]", segment)]
    return [a for a in parts if a and a.lower() not in ("et al", "et al.", "等")]


def parse_reference(block: str) -> Reference:
    """Parse one entry; fields that cannot be found stay None (``raw`` always keeps the text)."""
    number_match = _NUMBER.match(block)
    number = next((int(g) for g in number_match.groups() if g), None) if number_match else None
    body = block[number_match.end() :] if number_match else block
    doi_match = _DOI.search(body)
    doi = doi_match.group(1).rstrip(".,;") if doi_match else None
    url_match = _URL.search(body)
    url = url_match.group().rstrip(".,;") if url_match else None
    bibliographic = _URL.sub("", body).strip()
    if doi and not url:
        bibliographic = bibliographic.replace(doi_match.group(0), "")
    bibliographic = re.sub(r"\bdoi\s*[:：]?\s*$", "", bibliographic, flags=re.IGNORECASE).strip()

    authors: list[str] = []
    title = journal = None
    tail = bibliographic  # the part after the title, where the publication year is
    gb_type = _GB_TYPE.search(bibliographic)
    if gb_type:  # 作者. 题名[J]. 刊名, 年, 卷(期): 页.
        head = bibliographic[: gb_type.start()]
        author_part, _, title = head.partition(". ") if ". " in head else head.partition("．")
        if not title:
            author_part, _, title = head.partition(".")
        authors = _authors(author_part)
        title = title.strip() or None
        tail = bibliographic[gb_type.end() :].lstrip(". ．")
        journal = re.split(r"[,，]", tail, maxsplit=1)[0].strip() or None
    else:
        segments = [s.strip() for s in _SENTENCE.split(bibliographic) if s.strip()]
        if segments:
            authors = _authors(segments[0].rstrip("."))
        if len(segments) > 1:
            title = segments[1].rstrip(".")
        if len(segments) > 2:
            tail = " ".join(segments[2:])
            journal = segments[2].rstrip(".")
            journal = re.sub(r"\s*\(?(?:19|20)\d{2}\)?.*$", "", journal).strip() or None

    year_match = _YEAR.search(tail) or _YEAR.search(bibliographic)  # a title may name another year
    volume_match = _VOLUME.search(bibliographic)
    return Reference(
        number=number,
        raw=block,
        authors=authors,
        title=title,
        journal=journal,
        year=int(year_match.group(1)) if year_match else None,
        volume=volume_match.group(1) if volume_match else None,
        issue=volume_match.group(2) if volume_match else None,
        pages=re.sub(r"\s+", "", volume_match.group(3)) if volume_match else None,
        doi=doi,
        url=url,
    )
