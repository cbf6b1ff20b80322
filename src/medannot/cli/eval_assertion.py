"""``medannot eval assertion``: present / absent / uncertain agreement on CMDD-style dialogues."""

from __future__ import annotations

from pathlib import Path

import click

from ..segment.registry import DEFAULT_SEGMENTER, available_segmenters
from . import fail

__all__ = ["assertion"]


@click.command()
@click.option("--gold", "gold_path", required=True, type=click.Path(exists=True, path_type=Path), help="CMDD dev directory (*.json dialogues) or one dialogue file.")
@click.option("--no-dialogue", is_flag=True, help="Score sentence-level assertion only: no answers, no dialogue context.")
@click.option("--segmenter", type=click.Choice(available_segmenters()), default=DEFAULT_SEGMENTER, show_default=True)
@click.option("--lexicon", "lexicons", multiple=True, metavar="DIR_OR_FILE", help="User lexicon layered over the built-in one (repeatable).")
@click.option("--no-builtin-lexicon", is_flag=True, help="Tag with the user lexicons only.")
@click.option("--errors", "show_errors", type=int, default=0, metavar="N", help="Also print N disagreements with their turn.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def assertion(
    gold_path: Path,
    no_dialogue: bool,
    segmenter: str,
    lexicons: tuple[str, ...],
    no_builtin_lexicon: bool,
    show_errors: int,
    as_json: bool,
) -> None:
    """Agreement of medannot's status (negated → absent, uncertain/hypothetical → uncertain, else
    present) with the gold status of every gold symptom mention a symptom or disease entity overlaps.

    Each dialogue is tagged as one text, a turn per line, as `medannot annotate --raw` would; then
    questions take the status their answers give (lexicons/dialogue/answers.yaml) unless --no-dialogue.
    """
    import orjson

    from .. import Pipeline
    from ..errors import MedannotError
    from ..evaluate.assertion import read_cmdd, score_dialogues

    try:
        pipeline = Pipeline(raw=True, segmenter=segmenter, lexicons=lexicons, builtin_lexicon=not no_builtin_lexicon)
        report = score_dialogues(
            read_cmdd(gold_path),
            lambda text: pipeline.annotate(text).entities,
            resolve=not no_dialogue,
            keep_disagreements=show_errors,
        )
    except MedannotError as error:
        fail(error)
    summary = report.to_dict()
    if as_json:
        click.echo(orjson.dumps(summary, option=orjson.OPT_INDENT_2).decode())
        return
    click.echo(
        f"{gold_path}: {report.gold} gold mentions, {report.found} found ({report.found_rate:.1%}), "
        f"status agrees on {report.agree} ({report.agreement:.1%}){' — sentence level only' if no_dialogue else ''}"
    )
    for speaker, scores in summary["by_speaker"].items():
        click.echo(f"  {speaker}: {scores['gold']} gold, {scores['found']} found, agreement {scores['agreement']:.1%}")
    click.echo("gold -> medannot: " + ", ".join(f"{pair} {n}" for pair, n in summary["confusion"].items()))
    if report.skipped_turns:
        click.echo(f"{report.skipped_turns} turn(s) skipped: their labels do not line up with their mentions")
    for gold, ours, context in report.disagreements:
        click.echo(f"  gold {gold:<9} medannot {ours:<40} {context}")
