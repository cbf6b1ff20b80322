"""Content extraction on a gold page folder: medannot against readability-lxml and trafilatura,
measured in the same run on the same decoded pages.

    pip install -e '.[bench]'
    python bench/boilerplate.py [--gold ../shared/data/pages-dev] [--rounds 5]

Prints macro precision/recall/F1 on character bigrams (whitespace ignored), publish-date accuracy
at the gold's precision (readability gives no date), and extraction speed in pages per second on
one core (best of ``--rounds`` passes over all pages, after a warm-up pass), with the ratio of each
tool's speed to medannot's. The target for medannot is F1 >= 0.93, above both others, and >= 100
pages/s.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

from medannot.evaluate.boilerplate import Extraction, GoldPage, evaluate, load_gold, medannot_extractor

DEFAULT_GOLD = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "pages-dev"


def readability_extractor(html: str) -> Extraction:
    import lxml.html
    from readability import Document

    summary = Document(html).summary(html_partial=True)
    return Extraction(lxml.html.fromstring(summary).text_content() if summary.strip() else "")


def trafilatura_extractor(html: str) -> Extraction:
    import trafilatura

    document = trafilatura.bare_extraction(html, with_metadata=True)
    if document is None:
        return Extraction("")
    return Extraction(document.text or "", document.date)


def pages_per_second(pages: list[GoldPage], extractor: Callable[[str], Extraction], rounds: int) -> float:
    for page in pages:  # warm-up: imports, cue files, caches
        extractor(page.html)
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        for page in pages:
            extractor(page.html)
        best = min(best, time.perf_counter() - started)
    return len(pages) / best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="gold folder (original/, cleaned/, date/)")
    parser.add_argument("--rounds", type=int, default=5, help="timed passes per tool; the best counts")
    args = parser.parse_args()

    pages = load_gold(args.gold)
    tools = {
        "medannot": medannot_extractor,
        "readability-lxml": readability_extractor,
        "trafilatura": trafilatura_extractor,
    }
    print(f"{len(pages)} pages from {args.gold}\n")
    print(f"{'tool':<18} {'P':>6} {'R':>6} {'F1':>6} {'dates':>9} {'pages/s':>9} {'speed vs medannot':>18}")
    speeds: dict[str, float] = {}
    for name, extractor in tools.items():
        report = evaluate(pages, extractor, name)
        speeds[name] = pages_per_second(pages, extractor, args.rounds)
        macro = report.macro
        dates = f"{sum(1 for p in report.pages if p.date_ok)}/{report.dated}"
        errors = sum(1 for p in report.pages if p.error)
        print(
            f"{name:<18} {macro.precision:6.3f} {macro.recall:6.3f} {macro.f1:6.3f} {dates:>9} "
            f"{speeds[name]:9.1f} {speeds[name] / speeds['medannot']:17.2f}x" + (f"  ({errors} errors)" if errors else "")
        )
    print("\nmedannot worst pages:", ", ".join(f"{p.id[:8]} {p.score.f1:.3f}" for p in evaluate(pages, medannot_extractor).worst(5)))


if __name__ == "__main__":
    main()
