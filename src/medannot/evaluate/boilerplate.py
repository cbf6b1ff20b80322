"""Score content extraction against a gold folder (``original/*.html``, ``cleaned/*.txt``, ``date/*.txt``).

Content is compared as multisets of character bigrams with all whitespace removed, so line breaks
and indentation (which gold files format freely) do not count, while every kept or missed character
does. Dates are compared at the precision the gold gives: a gold ``2018`` only needs the year,
``2005-5-7 21:23`` needs the minute; ``UNKNOWN`` means the page has no date and is not scored.
Any extractor (``html -> Extraction``) can be scored, so the bench compares others in the same run.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..decode import decode_bytes
from ..errors import InputError

__all__ = [
    "Extraction",
    "Score",
    "PageResult",
    "Report",
    "bigram_score",
    "date_matches",
    "load_gold",
    "medannot_extractor",
    "evaluate",
]

_WHITESPACE = re.compile(r"\s+")
_DATE_PARTS = re.compile(r"(\d{4})(?:\D+(\d{1,2}))?(?:\D+(\d{1,2}))?(?:\D+(\d{1,2}))?(?:\D+(\d{1,2}))?(?:\D+(\d{1,2}))?")
UNKNOWN = "UNKNOWN"


@dataclass(frozen=True, slots=True)
class Extraction:
    """What an extractor found on one page."""

    content: str
    published: str | None = None


@dataclass(frozen=True, slots=True)
class Score:
    precision: float
    recall: float
    f1: float


@dataclass(frozen=True, slots=True)
class GoldPage:
    id: str
    html: str
    encoding: str
    content: str
    date: str | None  # None: the gold says UNKNOWN (or has no date file)


@dataclass(frozen=True, slots=True)
class PageResult:
    id: str
    score: Score
    gold_date: str | None
    published: str | None
    date_ok: bool | None  # None when the page has no gold date
    seconds: float
    error: str | None = None


@dataclass(slots=True)
class Report:
    name: str
    pages: list[PageResult] = field(default_factory=list)

    @property
    def macro(self) -> Score:
        """Mean of the per-page precision, recall and F1."""
        n = max(len(self.pages), 1)
        return Score(
            sum(p.score.precision for p in self.pages) / n,
            sum(p.score.recall for p in self.pages) / n,
            sum(p.score.f1 for p in self.pages) / n,
        )

    @property
    def dated(self) -> int:
        return sum(1 for p in self.pages if p.date_ok is not None)

    @property
    def date_accuracy(self) -> float | None:
        """Share of pages with a gold date whose published date matches it; None when none has one."""
        dated = self.dated
        return sum(1 for p in self.pages if p.date_ok) / dated if dated else None

    @property
    def seconds(self) -> float:
        return sum(p.seconds for p in self.pages)

    def worst(self, n: int) -> list[PageResult]:
        return sorted(self.pages, key=lambda p: p.score.f1)[:n]

    def to_dict(self, worst: int = 5) -> dict[str, object]:
        macro = self.macro
        return {
            "name": self.name,
            "pages": len(self.pages),
            "macro": {"precision": macro.precision, "recall": macro.recall, "f1": macro.f1},
            "date_accuracy": self.date_accuracy,
            "dated_pages": self.dated,
            "seconds": self.seconds,
            "worst": [p.id for p in self.worst(worst)],
            "per_page": [
                {
                    "id": p.id,
                    "precision": p.score.precision,
                    "recall": p.score.recall,
                    "f1": p.score.f1,
                    "gold_date": p.gold_date,
                    "published": p.published,
                    "date_ok": p.date_ok,
                    "seconds": p.seconds,
                    "error": p.error,
                }
                for p in self.pages
            ],
        }


def _bigrams(text: str) -> Counter[str]:
    squeezed = _WHITESPACE.sub("", text)
    return Counter(squeezed[i : i + 2] for i in range(len(squeezed) - 1))


def bigram_score(predicted: str, gold: str) -> Score:
    """Precision, recall and F1 of ``predicted``'s character bigrams against ``gold``'s.

    Two empty texts agree perfectly; an empty prediction of a non-empty gold scores zero.
    """
    ours, theirs = _bigrams(predicted), _bigrams(gold)
    if not ours and not theirs:
        return Score(1.0, 1.0, 1.0)
    overlap = sum((ours & theirs).values())
    precision = overlap / sum(ours.values()) if ours else 0.0
    recall = overlap / sum(theirs.values()) if theirs else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(precision, recall, f1)


def _date_parts(text: str) -> tuple[int, ...]:
    match = _DATE_PARTS.search(text)
    return tuple(int(g) for g in match.groups() if g is not None) if match else ()


def date_matches(published: str | None, gold: str) -> bool:
    """True when ``published`` agrees with ``gold`` on every part the gold gives (year … second)."""
    wanted = _date_parts(gold)
    got = _date_parts(published or "")
    return bool(wanted) and got[: len(wanted)] == wanted


def _read_optional(path: Path) -> str | None:
    if not path.is_file():
        return None
    value = path.read_text(encoding="utf-8").strip()
    return None if not value or value == UNKNOWN else value


def load_gold(directory: Path) -> list[GoldPage]:
    """The gold pages of ``directory``, sorted by id; raises ``InputError`` MA108 when it has none."""
    originals = sorted((directory / "original").glob("*.htm*"))
    if not originals:
        raise InputError("MA108", what=str(directory), detail="no original/*.html gold pages")
    pages = []
    for path in originals:
        stem = path.stem
        cleaned = directory / "cleaned" / f"{stem}.txt"
        if not cleaned.is_file():
            raise InputError("MA108", what=str(cleaned), detail="gold page without its cleaned text")
        decoded = decode_bytes(path.read_bytes(), what=str(path))
        pages.append(
            GoldPage(
                id=stem,
                html=decoded.text,
                encoding=decoded.encoding,
                content=cleaned.read_text(encoding="utf-8"),
                date=_read_optional(directory / "date" / f"{stem}.txt"),
            )
        )
    return pages


def medannot_extractor(html: str) -> Extraction:
    """medannot's own separator on one page."""
    from ..separate import separate_html

    separated = separate_html(html)
    return Extraction(separated.content, separated.meta.published)


def evaluate(pages: Iterable[GoldPage], extractor: Callable[[str], Extraction], name: str = "medannot") -> Report:
    """Run ``extractor`` on every page and score it; an extractor failure scores zero, with its error."""
    report = Report(name)
    for page in pages:
        started = time.perf_counter()
        error = None
        try:
            extraction = extractor(page.html)
        except Exception as exc:  # noqa: BLE001 - a failing extractor scores zero on that page
            extraction, error = Extraction(""), f"{type(exc).__name__}: {exc}"
        seconds = time.perf_counter() - started
        date_ok = date_matches(extraction.published, page.date) if page.date else None
        report.pages.append(
            PageResult(page.id, bigram_score(extraction.content, page.content), page.date, extraction.published, date_ok, seconds, error)
        )
    return report
