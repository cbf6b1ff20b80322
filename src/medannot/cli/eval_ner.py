"""``medannot eval ner``: entity span precision / recall / F1 per label against gold NER data."""

from __future__ import annotations

from pathlib import Path

import click

from ..segment.registry import DEFAULT_SEGMENTER, available_segmenters
from . import fail

__all__ = ["ner"]


@click.command()
@click.option("--gold", "gold_path", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path), help="Gold file.")
@click.option("--format", "fmt", type=click.Choice(["cmedqaner", "cmeee", "spans"]), required=True, help="Format of the gold file.")
@click.option("--map", "mappings", multiple=True, metavar="GOLD=OURS", help="Map a gold type to a medannot label (repeatable; replaces that type's default).")
@click.option("--segmenter", type=click.Choice(available_segmenters()), default=DEFAULT_SEGMENTER, show_default=True)
@click.option("--lexicon", "lexicons", multiple=True, metavar="DIR_OR_FILE", help="User lexicon layered over the built-in one (repeatable).")
@click.option("--no-builtin-lexicon", is_flag=True, help="Tag with the user lexicons only.")
@click.option(
    "--interchangeable",
    "groups",
    multiple=True,
    metavar="LABEL,LABEL",
    help="Labels whose split the gold draws by another convention: a span right under either counts for both (repeatable; off by default: report it beside the strict figures).",
)
@click.option("--errors", "show_errors", type=int, default=0, metavar="N", help="Also print N false positives and N false negatives.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def ner(
    gold_path: Path,
    fmt: str,
    mappings: tuple[str, ...],
    segmenter: str,
    lexicons: tuple[str, ...],
    no_builtin_lexicon: bool,
    groups: tuple[str, ...],
    show_errors: int,
    as_json: bool,
) -> None:
    """Tag each gold text exactly as `medannot annotate --raw` does and score the entities.

    Gold types map to medannot labels (cmedqaner: body→anatomy, test→exam; cmeee: bod→anatomy,
    ite→exam, pro→treatment, …); gold types without a counterpart are not scored, nor are
    predicted labels the gold never uses. Exact: same span and label; overlap: same label and a
    shared character. With --interchangeable symptom,disease a span under either label counts for
    both (cMedQANER calls 发烧 a disease); the figures then say so.
    """
    import orjson

    from .. import Pipeline
    from ..errors import MedannotError
    from ..evaluate.ner import FP_KINDS, LABEL_MAPS, GoldStats, read_gold, score

    interchangeable = [tuple(l.strip() for l in group.split(",") if l.strip()) for group in groups]
    if any(len(group) < 2 for group in interchangeable):
        raise click.BadParameter("give two or more labels, e.g. symptom,disease", param_hint="--interchangeable")
    label_map = dict(LABEL_MAPS.get(fmt, {})) if fmt != "spans" else None
    for mapping in mappings:
        gold_type, sep, ours = mapping.partition("=")
        if not sep or not gold_type:
            raise click.BadParameter(f"{mapping!r} is not GOLD=OURS", param_hint="--map")
        label_map = (label_map or {}) | {gold_type: ours}
    try:
        pipeline = Pipeline(raw=True, segmenter=segmenter, lexicons=lexicons, builtin_lexicon=not no_builtin_lexicon)
        stats = GoldStats()

        def predict(text: str) -> list[tuple[int, int, str]]:
            return [(e.start, e.end, e.label) for e in pipeline.annotate(text).entities]

        report = score(
            read_gold(gold_path, fmt, stats, label_map), predict, stats=stats, keep_errors=show_errors, interchangeable=interchangeable
        )
    except (MedannotError, ValueError) as error:
        fail(error)
    if as_json:
        click.echo(orjson.dumps(report.to_dict() | {"interchangeable": [list(g) for g in interchangeable]}, option=orjson.OPT_INDENT_2).decode())
        return
    click.echo(
        f"{gold_path}: {stats.documents} documents, {stats.mentions} gold mentions "
        f"({stats.misaligned} misaligned skipped, not scored: {dict(stats.unmapped) or 'none'})"
    )
    if interchangeable:
        click.echo("interchangeable labels (not the strict figures): " + "; ".join(",".join(g) for g in interchangeable))
    click.echo(f"{'label':<14}{'gold':>6}{'pred':>6}   exact P     R    F1   overlap P     R    F1")
    rows = [*sorted(report.labels.items()), ("micro", report.micro)]
    for label, entry in rows:
        e, o = entry.exact_prf(), entry.overlap_prf()
        click.echo(
            f"{label:<14}{entry.gold:>6}{entry.predicted:>6}   {e['precision']:7.3f} {e['recall']:5.3f} {e['f1']:5.3f}"
            f"   {o['precision']:9.3f} {o['recall']:5.3f} {o['f1']:5.3f}"
        )
    click.echo("\nfalse positives (exact match) by what the gold has there: " + ", ".join(FP_KINDS))
    for label, entry in sorted(report.labels.items()):
        click.echo(f"{label:<14}" + "".join(f"{entry.false_positives[kind]:>6}" for kind in FP_KINDS))
    for title, samples in (("false positives", report.false_positives), ("false negatives", report.false_negatives)):
        if samples:
            click.echo(f"\n{title}:")
            for label, why, context in samples:
                click.echo(f"  {label:<12} {why:<20} {context}")
