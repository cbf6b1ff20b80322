"""``medannot annotate``: flags to Options, documents through the pipeline, records to JSONL."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..config import Options
from ..read.inputs import DEFAULT_MAX_BYTES
from ..segment.registry import DEFAULT_SEGMENTER, available_segmenters
from . import fail

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
@click.option("--pkuseg-model", metavar="NAME_OR_DIR", help="pkuseg model for --segmenter pkuseg/spacy (see `medannot models list`).")
@click.option("--lexicon", "lexicons", multiple=True, metavar="DIR_OR_FILE", help="User lexicon layered over the built-in one (repeatable).")
@click.option("--no-builtin-lexicon", is_flag=True, help="Tag with the user lexicons only.")
@click.option("--pos", is_flag=True, help="Add part-of-speech tags to the tokens.")
@click.option("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, show_default=True, help="Larger documents become error records.")
@click.option("-j", "--workers", type=click.IntRange(min=1), default=None, help="Worker processes (local engine).  [default: all cores]")
@click.option("--resume", is_flag=True, help="Continue an interrupted run into the same -o: documents already written are skipped.")
@click.option("--shard-size", type=click.IntRange(min=1), default=None, metavar="N", help="Write OUT-00000.jsonl, OUT-00001.jsonl, … of N records each.")
@click.option("--stats", "stats_file", type=click.Path(dir_okay=False, path_type=Path), default=None, metavar="FILE", help="Write the run summary as JSON to FILE.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True, help="Run on local processes or on a Dask cluster.")
@click.option("--scheduler", default=None, metavar="ADDRESS", help="Dask scheduler address (tcp://host:8786); without it --engine dask starts a local cluster.")
@click.option("--progress/--no-progress", default=None, help="Progress bar on stderr.  [default: on a terminal only]")
def annotate(
    inputs: tuple[str, ...],
    output: str,
    raw: bool,
    segmenter: str,
    pkuseg_model: str | None,
    lexicons: tuple[str, ...],
    no_builtin_lexicon: bool,
    pos: bool,
    max_bytes: int,
    workers: int | None,
    resume: bool,
    shard_size: int | None,
    stats_file: Path | None,
    engine: str,
    scheduler: str | None,
    progress: bool | None,
) -> None:
    """Annotate INPUT files, directories, globs, WARC archives or - (JSONL on stdin) into one
    JSON record per document, in input order.

    Output goes to OUT.part and becomes OUT when every document is in; after an interruption,
    run the same command with --resume to continue.

    Exit status: 0 when every document was annotated, 1 when some became error records,
    2 when the run could not start (bad option, lexicon, segmenter or output), 130 when interrupted.
    """
    from ..batch import Interrupted, run_batch
    from ..errors import MedannotError

    if scheduler and engine != "dask":
        raise click.UsageError("--scheduler needs --engine dask")
    options = Options(
        segmenter=segmenter,
        segmenter_model=pkuseg_model,
        lexicons=lexicons,
        builtin_lexicon=not no_builtin_lexicon,
        raw=raw,
        pos=pos,
        max_bytes=max_bytes,
    )
    try:
        summary = run_batch(
            inputs,
            output,
            options,
            workers=workers,
            engine=engine,
            scheduler=scheduler,
            resume=resume,
            shard_size=shard_size,
            progress=progress,
        )
    except MedannotError as error:
        fail(error)
    except Interrupted as stop:
        kept = f"; {stop.summary.documents} new records kept in {stop.part}, rerun with --resume" if stop.part else ""
        click.echo(f"medannot: interrupted{kept}", err=True)
        sys.exit(130)
    except KeyboardInterrupt:  # before any document was written
        click.echo("medannot: interrupted", err=True)
        sys.exit(130)
    click.echo(summary.describe(), err=True)
    if stats_file is not None:
        import orjson

        stats_file.write_bytes(orjson.dumps(summary.to_dict(), option=orjson.OPT_INDENT_2) + b"\n")
    sys.exit(1 if summary.failed else 0)
