"""``medannot lexicon``: validate, describe and import lexicons. Logic lives in ``medannot.lexicon``."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from . import fail

__all__ = ["lexicon"]

_PATHS = click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path), metavar="[LEXICON]...")
_NO_BUILTIN = click.option("--no-builtin", is_flag=True, help="Leave the built-in lexicon out; only the given ones.")


@click.group("lexicon")
def lexicon() -> None:
    """Check, describe and import concept lexicons (the built-in one, and user ones for --lexicon)."""


@lexicon.command()
@_PATHS
@_NO_BUILTIN
@click.option("--strict", is_flag=True, help="Fail on precision warnings too.")
@click.option("--quiet", "-q", is_flag=True, help="Print errors only.")
def validate(paths: tuple[Path, ...], no_builtin: bool, strict: bool, quiet: bool) -> None:
    """Check the built-in lexicon and each LEXICON layered over it, reporting every problem as file:line.

    Errors: YAML syntax, unknown keys, bad categories, duplicate ids, a term claimed by two concepts
    of one layer, a broader id that does not exist. Warnings: one-character terms, one- or two-letter
    abbreviations, repeated terms, disabling an id nobody defines. Notes: terms a user layer takes
    over from an earlier layer. Exit status 1 when there are errors (or warnings, with --strict).
    """
    from ..errors import MedannotError
    from ..lexicon import inspect_lexicon
    from ..lexicon.lint import lint

    try:
        inspection = inspect_lexicon(paths, builtin=not no_builtin)
    except MedannotError as error:  # the manifest or a path itself is unusable
        click.echo(f"error: {error.message}", err=True)
        sys.exit(1)
    warnings = [*inspection.warnings, *map(str, lint(inspection.lexicon))]
    for error in inspection.errors:
        click.echo(f"error: {error.message}")
    if not quiet:
        for warning in warnings:
            click.echo(f"warning: {warning}")
        for shadow in inspection.shadowed:
            click.echo(
                f"note: {shadow.winner.origin}: {shadow.winner.id} takes {shadow.term!r} over from "
                f"{shadow.loser.id} ({shadow.loser.origin})"
            )
    lexicon_ = inspection.lexicon
    click.echo(
        f"{len(inspection.files)} file(s), {len(lexicon_)} concepts, {len(lexicon_.index)} terms: "
        f"{len(inspection.errors)} error(s), {len(warnings)} warning(s), {len(inspection.shadowed)} term(s) taken over",
        err=True,
    )
    sys.exit(1 if inspection.errors or (strict and warnings) else 0)


@lexicon.command()
@_PATHS
@_NO_BUILTIN
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def stats(paths: tuple[Path, ...], no_builtin: bool, as_json: bool) -> None:
    """Concepts, terms, synonyms, codes and broader links per category."""
    import orjson

    from ..errors import MedannotError
    from ..lexicon import load_lexicon
    from ..lexicon.stats import lexicon_stats

    try:
        lexicon_ = load_lexicon(paths, builtin=not no_builtin)
    except MedannotError as error:
        fail(error)
    table = lexicon_stats(lexicon_)
    if as_json:
        payload = {"lexicon": lexicon_.info(), "categories": {k: v.as_dict() for k, v in table.items()}}
        click.echo(orjson.dumps(payload, option=orjson.OPT_INDENT_2).decode())
        return
    click.echo(f"{lexicon_.name} {lexicon_.version} (sha256 {lexicon_.sha256[:12]})")
    click.echo(f"{'category':<14}{'concepts':>9}{'terms':>8}{'synonyms':>9}{'broader':>8}{'english':>8}  codes")
    for category, entry in table.items():
        codes = ", ".join(f"{k} {v}" for k, v in sorted(entry.with_codes.items())) or "-"
        click.echo(
            f"{category:<14}{entry.concepts:>9}{entry.terms:>8}{entry.synonyms:>9}{entry.with_broader:>8}{entry.english:>8}  {codes}"
        )


@lexicon.command("import")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["terms", "thuocl", "icd10", "jieba"]), required=True, help="Format of SOURCE.")
@click.option("--category", help="Category of every term (terms lines may carry their own; icd10 defaults to disease).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Concept file to write (default: stdout).")
@click.option("--id-prefix", default="U", show_default=True, help="Prefix of the new ids, before SYM/DIS/DRG…")
@click.option("--min-freq", type=int, default=0, show_default=True, help="thuocl/jieba: drop words rarer than this.")
@click.option("--keep-known", is_flag=True, help="Keep terms the built-in lexicon already has (the import then takes them over).")
def import_(source: Path, fmt: str, category: str | None, output: Path | None, id_prefix: str, min_freq: int, keep_known: bool) -> None:
    """Convert an external word list into a user lexicon to pass with --lexicon.

    \b
    terms   one term per line, optionally "term<TAB>category"
    thuocl  word<TAB>frequency (THUOCL)
    icd10   code,name CSV or TSV, header optional (ICD-10 tables)
    jieba   jieba user dictionary: word [frequency] [tag]
    """
    from ..errors import MedannotError
    from ..lexicon import load_lexicon
    from ..lexicon.importers import build_concepts, read_entries, render_concept_file

    try:
        known = set() if keep_known else set(load_lexicon().index)
        result = build_concepts(read_entries(source, fmt, category, min_freq), known, id_prefix)
    except MedannotError as error:
        fail(error)
    rendered = render_concept_file(result, f"{source.name} ({fmt})")
    if output is None:
        click.echo(rendered, nl=False)
    else:
        output.write_text(rendered, encoding="utf-8")
    click.echo(
        f"{result.read} line(s) read: {len(result.concepts)} concept(s) written, {result.known} already in the "
        f"built-in lexicon, {result.repeated} repeated, {result.rare} below --min-freq",
        err=True,
    )
