"""``medannot eval boilerplate``: score content extraction and dates against a gold page folder."""

from __future__ import annotations

from pathlib import Path

import click
from . import fail

__all__ = ["boilerplate"]


@click.command()
@click.option(
    "--gold",
    "gold_dir",
    required=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder with original/*.html, cleaned/*.txt and (optional) date/*.txt, same file stems.",
)
@click.option("--worst", default=5, show_default=True, help="How many of the lowest-F1 pages to list.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON (per page and macro).")
def boilerplate(gold_dir: Path, worst: int, as_json: bool) -> None:
    """Score boilerplate separation: per-page and macro precision/recall/F1 on character bigrams
    (whitespace ignored), publish-date accuracy at the gold's precision, and the worst pages."""
    import orjson

    from ..errors import MedannotError
    from ..evaluate.boilerplate import evaluate, load_gold, medannot_extractor

    try:
        pages = load_gold(gold_dir)
    except MedannotError as error:
        fail(error)
    report = evaluate(pages, medannot_extractor)
    if as_json:
        click.echo(orjson.dumps(report.to_dict(worst), option=orjson.OPT_INDENT_2).decode())
        return
    click.echo(f"{'page':<40} {'P':>6} {'R':>6} {'F1':>6}  {'gold date':<20} published")
    for page in report.pages:
        mark = "" if page.date_ok is None else (" ok" if page.date_ok else " WRONG")
        click.echo(
            f"{page.id:<40} {page.score.precision:6.3f} {page.score.recall:6.3f} {page.score.f1:6.3f}"
            f"  {page.gold_date or '-':<20} {page.published or '-'}{mark}"
            + (f"  error: {page.error}" if page.error else "")
        )
    macro = report.macro
    click.echo(f"\nmacro over {len(report.pages)} pages: P {macro.precision:.3f}  R {macro.recall:.3f}  F1 {macro.f1:.3f}")
    if report.date_accuracy is not None:
        right = round(report.date_accuracy * report.dated)
        click.echo(f"dates right: {right}/{report.dated} = {report.date_accuracy:.3f} (pages with a gold date)")
    click.echo(f"time: {report.seconds:.3f} s, {len(report.pages) / max(report.seconds, 1e-9):.0f} pages/s")
    click.echo("worst pages: " + ", ".join(f"{p.id} ({p.score.f1:.3f})" for p in report.worst(worst)))
