"""Metadata in Chinese pages: publish dates in their many forms, view counts, phones, source, author."""

from __future__ import annotations

import re

__all__ = ["normalise_date", "find_phones", "parse_meta_line", "clean_title"]

_DATE = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*[年./\-]\s*(?P<m>\d{1,2})\s*[月./\-]\s*(?P<d>\d{1,2})\s*日?"
    r"(?:\s*(?P<H>\d{1,2})\s*[:：时]\s*(?P<M>\d{1,2})(?:\s*[:：分]\s*(?P<S>\d{1,2}))?)?"
)
_PHONE = re.compile(
    r"(?<!\d)(?:"
    r"[48]00[\s-]?\d{3}[\s-]?\d{4}"  # 400 / 800 hotlines
    r"|1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}"  # mobiles
    r"|0\d{2,3}[\s-]\d{7,8}"  # landlines with area code and separator
    r"|[（(]0\d{2,3}[)）]\s?\d{7,8}"
    r")(?!\d)"
)
_META_LINE = re.compile(
    r"^\s*(?P<key>来源|出处|作者|撰文|文|日期|时间|发布时间|发表时间|发布日期|更新时间|访问量|浏览量|阅读量|阅读数|阅读|浏览|点击|点击量)"
    r"\s*[:：]\s*(?P<value>.*?)\s*$"
)
_NUMBER = re.compile(r"\d[\d,]*")
_TITLE_PREFIX = re.compile(r"^[^|｜]{1,8}[|｜]\s*")  # 最新发表| …: a column label before the title


def normalise_date(text: str) -> str | None:
    """ISO 8601 for the first date in ``text``: ``YYYY-MM-DD``, with ``THH:MM[:SS]`` when given."""
    match = _DATE.search(text)
    if not match:
        return None
    year, month, day = int(match["y"]), int(match["m"]), int(match["d"])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    iso = f"{year:04d}-{month:02d}-{day:02d}"
    if match["H"] is not None:
        hour, minute = int(match["H"]), int(match["M"])
        if hour < 24 and minute < 60:
            iso += f"T{hour:02d}:{minute:02d}"
            if match["S"] is not None and int(match["S"]) < 60:
                iso += f":{int(match['S']):02d}"
    return iso


def find_phones(text: str) -> list[str]:
    """Distinct phone numbers in order of appearance, separators normalised to ``-``."""
    seen: dict[str, None] = {}
    for match in _PHONE.finditer(text):
        digits = re.sub(r"[\s()（）-]", "", match.group())
        if digits[:3] in ("400", "800"):
            number = f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"
        elif digits.startswith("1"):
            number = digits
        else:
            area = 3 if digits[:2] in ("01", "02") else 4
            number = f"{digits[:area]}-{digits[area:]}"
        seen.setdefault(number)
    return list(seen)


def parse_meta_line(block: str) -> tuple[str, str | int] | None:
    """``("source_name"|"author"|"published"|"views", value)`` for a line like ``来源:博雅``."""
    match = _META_LINE.match(block)
    if not match:
        return None
    key, value = match["key"], match["value"]
    if key in ("来源", "出处"):
        return ("source_name", value) if value else None
    if key in ("作者", "撰文", "文"):
        return ("author", value) if value else None
    if key in ("访问量", "浏览量", "阅读量", "阅读数", "阅读", "浏览", "点击", "点击量"):
        number = _NUMBER.search(value)
        return ("views", int(number.group().replace(",", ""))) if number else None
    date = normalise_date(value)
    return ("published", date) if date else None


def clean_title(line: str) -> str:
    """A title without a leading column label (``最新发表| 标题`` → ``标题``)."""
    stripped = _TITLE_PREFIX.sub("", line.strip())
    return stripped or line.strip()
