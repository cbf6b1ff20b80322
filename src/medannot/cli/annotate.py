"""``medannot annotate``: flags to Options, documents through the pipeline, records to JSONL."""

from __future__ import annotations

import sys

import click

from ..config import Options
from ..read.inputs import DEFAULT_MAX_BYTES
from ..segment.registry import DEFAULT_SEGMENTER, available_segmenters

__all__ = ["annotate"]


@click.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("-o", "--output", default="-", show_default=True, help="JSONL output file, or - for stdout.")
@click.option("--raw", is_flag=True, help="Inputs are clean content: no boilerplate separation.")
@click.option(
    "--segmenter",
    type=click.Choice(available_segmenters()),
    default=DEFAULT_SEGMENTER,
    show_default=True,
    help="Word segmentation backend.",
)
@click.option("--lexicon", "lexicons", multiple=True, metavar="DIR_OR_FILE", help="User lexicon layered over the built-in one (repeatable).")
@click.option("--no-builtin-lexicon", is_flag=True, help="Tag with the user lexicons only.")
@click.option("--pos", is_flag=True, help="Add part-of-speech tags to the tokens.")
@click.option("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, show_default=True, help="Larger documents become error records.")
def annotate(
    inputs: tuple[str, ...],
    output: str,
    raw: bool,
    segmenter: str,
    lexicons: tuple[str, ...],
    no_builtin_lexicon: bool,
    pos: bool,
    max_bytes: int,
) -> None:
    """Annotate INPUT files, directories or - (JSONL on stdin) into one JSON record per document.

    Exit status: 0 when every document was annotated, 1 when some became error records,
    2 when the run could not start (bad option, lexicon or segmenter).
    """
    from ..batch.run import run_batch
    from ..errors import MedannotError

    options = Options(
        segmenter=segmenter,
        lexicons=lexicons,
        builtin_lexicon=not no_builtin_lexicon,
        raw=raw,
        pos=pos,
        max_bytes=max_bytes,
    )
    try:
        summary = run_batch(inputs, output, options)
    except MedannotError as error:
        click.echo(f"medannot: {error}", err=True)
        sys.exit(2)
    click.echo(summary.describe(), err=True)
    sys.exit(1 if summary.errors else 0)
