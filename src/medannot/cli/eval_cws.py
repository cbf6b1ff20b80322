"""``medannot eval cws``: word segmentation P/R/F1 of a segmenter against gold."""

from __future__ import annotations

from pathlib import Path

import click

from ..segment.registry import DEFAULT_SEGMENTER, available_segmenters
from . import fail

__all__ = ["cws"]


@click.command()
@click.option("--gold", "gold_files", multiple=True, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path), help="Gold file: space-separated words, or char + B/I/E/S per line (repeatable).")
@click.option("--segmenter", type=click.Choice(available_segmenters()), default=DEFAULT_SEGMENTER, show_default=True)
@click.option("--pkuseg-model", metavar="NAME_OR_DIR", help="pkuseg model for the pkuseg and spacy segmenters.")
@click.option("--lexicon", "lexicons", multiple=True, metavar="DIR_OR_FILE", help="User lexicon layered over the built-in one (repeatable).")
@click.option("--no-builtin-lexicon", is_flag=True, help="Use the user lexicons only.")
@click.option("--no-lexicon", is_flag=True, help="Segment without any user dictionary (the backend alone).")
@click.option(
    "--granularity",
    type=click.Choice(["term", "word"]),
    default="term",
    show_default=True,
    help="term: lexicon terms whole, as in records; word: compound terms take the backend's inner split.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def cws(
    gold_files: tuple[Path, ...],
    segmenter: str,
    pkuseg_model: str | None,
    lexicons: tuple[str, ...],
    no_builtin_lexicon: bool,
    no_lexicon: bool,
    granularity: str,
    as_json: bool,
) -> None:
    """Score word segmentation, SIGHAN style: a word is right when its span is a gold word's span.

    The lexicon is the segmenter's user dictionary, exactly as in `medannot annotate` at the default
    term granularity; `--granularity word` scores the word-standard split instead.
    """
    import orjson

    from ..errors import MedannotError
    from ..evaluate.cws import read_gold, score, segmenter_spans
    from ..lexicon import load_lexicon
    from ..segment import create_segmenter
    from ..segment.base import user_words

    try:
        words: list[str] = []
        lexicon_name = "none"
        if not no_lexicon:
            lexicon = load_lexicon(lexicons, builtin=not no_builtin_lexicon)
            words = user_words(term for term, _ in lexicon.terms())
            lexicon_name = f"{lexicon.name} {lexicon.version}"
        backend = create_segmenter(segmenter, words, model=pkuseg_model, split_compounds=granularity == "word")
        results = {str(path): score(read_gold(path), segmenter_spans(backend)) for path in gold_files}
    except MedannotError as error:
        fail(error)
    if as_json:
        payload = {"segmenter": segmenter, "granularity": granularity, "lexicon": lexicon_name, "user_words": len(words), "gold": {p: s.to_dict() for p, s in results.items()}}
        click.echo(orjson.dumps(payload, option=orjson.OPT_INDENT_2).decode())
        return
    click.echo(f"segmenter {segmenter}, {granularity} granularity, lexicon {lexicon_name} ({len(words)} user words)")
    for path, result in results.items():
        click.echo(
            f"{path}: P {result.precision:.4f}  R {result.recall:.4f}  F1 {result.f1:.4f}  "
            f"({result.correct}/{result.predicted} predicted, {result.gold} gold words, {result.sentences} sentences)"
        )
