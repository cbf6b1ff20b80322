"""``medannot export es|labelstudio|doccano|brat``: annotated records out to other tools.

Error records (documents annotate could not process) are counted and skipped: they have no text.
Exit status: 0 when every other line was exported, 1 when some lines were unusable, 2 when the
run could not start.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
import orjson

from ..export.records import Tally
from .index import _report_bad_lines
from . import fail

__all__ = ["export"]

_records = click.argument("records", nargs=-1, required=True, metavar="RECORDS.jsonl...")
_units = click.option(
    "--offsets",
    "units",
    type=click.Choice(["codepoints", "utf16"]),
    default="codepoints",
    show_default=True,
    help="Offset units: code points (Python, the records) or UTF-16 units (JavaScript), which differ after emoji "
    "and CJK Extension B characters.",
)


def _finish(tally: Tally, what: str) -> None:
    click.echo(f"medannot export: {tally.describe()} → {what}", err=True)
    _report_bad_lines(tally)
    sys.exit(1 if tally.bad_lines else 0)


def _write_lines(
    records: tuple[str, ...],
    output: str,
    convert: Callable[[dict[str, Any]], bytes],  # record -> bytes
    closing: Callable[[], bytes] = bytes,
) -> Tally:
    """Write ``convert(record)`` for every record, then ``closing()``, to ``output`` (atomically)."""
    from ..batch.writer import AtomicWriter
    from ..errors import MedannotError
    from ..export.records import convert_records

    tally = Tally()
    try:
        with AtomicWriter(output) as out:
            for _, data in convert_records(records, lambda line: convert(line.record), tally):
                out.write(data)
            out.write(closing())
    except MedannotError as error:
        fail(error)
    return tally


@click.group()
def export() -> None:
    """Write annotated records for Elasticsearch/OpenSearch, Label Studio, doccano or brat."""


@export.command()
@_records
@click.option("-o", "--output", default="-", show_default=True, help="_bulk NDJSON file, or - for stdout.")
@click.option("--index", "index_name", default="medannot", show_default=True, help="Index named in the action lines.")
@click.option("--template", type=click.Path(dir_okay=False), help="Also write the index template (JSON) here.")
@click.option("--text-analyzer", default="standard", show_default=True, help="Analyzer of the raw text field (ik_max_word, smartcn…).")
def es(records: tuple[str, ...], output: str, index_name: str, template: str | None, text_analyzer: str) -> None:
    """Elasticsearch/OpenSearch _bulk NDJSON, and optionally the index template.

    \b
    Load it without medannot:
      curl -XPUT  $ES/_index_template/medannot -H 'Content-Type: application/json' --data-binary @template.json
      curl -XPOST $ES/_bulk -H 'Content-Type: application/x-ndjson' --data-binary @bulk.ndjson
    (split files over ~50 MB), or push with: medannot index push bulk.ndjson --url $ES
    """
    from ..export.es import bulk_lines, index_template

    if template:
        document = index_template(index_name, text_analyzer=text_analyzer)
        Path(template).write_bytes(orjson.dumps(document, option=orjson.OPT_INDENT_2) + b"\n")
    tally = _write_lines(records, output, lambda record: bulk_lines(record, index_name))
    _finish(tally, output)


@export.command()
@_records
@click.option("-o", "--output", default="-", show_default=True, help="Tasks file (a JSON array), or - for stdout.")
@click.option("--config", type=click.Path(dir_okay=False), help="Also write the matching labeling configuration (XML) here.")
@_units
def labelstudio(records: tuple[str, ...], output: str, config: str | None, units: str) -> None:
    """Label Studio tasks with the entities as pre-annotations (predictions)."""
    from ..export.labelstudio import labeling_config, labelstudio_task

    if config:
        Path(config).write_text(labeling_config(), encoding="utf-8")
    first = True

    def task(record: dict[str, Any]) -> bytes:
        nonlocal first
        prefix, first = (b"[\n" if first else b",\n"), False
        return prefix + orjson.dumps(labelstudio_task(record, units=units))

    tally = _write_lines(records, output, task, lambda: b"[]\n" if first else b"\n]\n")
    _finish(tally, output)


@export.command()
@_records
@click.option("-o", "--output", default="-", show_default=True, help="JSONL file, or - for stdout.")
@_units
def doccano(records: tuple[str, ...], output: str, units: str) -> None:
    """doccano sequence-labeling JSONL ({"text", "label": [[start, end, label]...]})."""
    from ..export.doccano import doccano_line

    tally = _write_lines(records, output, lambda record: orjson.dumps(doccano_line(record, units=units)) + b"\n")
    _finish(tally, output)


@export.command()
@_records
@click.option("-o", "--output", required=True, type=click.Path(file_okay=False), help="Directory for the .txt/.ann pairs.")
def brat(records: tuple[str, ...], output: str) -> None:
    """brat standoff: NAME.txt + NAME.ann per record, annotation.conf, and records.tsv (NAME → id)."""
    from ..errors import MedannotError
    from ..export.brat import annotation_conf, brat_ann, file_stem, write_files
    from ..export.records import convert_records

    directory = Path(output)
    directory.mkdir(parents=True, exist_ok=True)
    tally = Tally()
    taken: set[str] = set()
    names = []
    try:
        for line, ann in convert_records(records, lambda line: brat_ann(line.record), tally):
            stem = file_stem(line.record["id"], taken)
            write_files(directory, stem, line.record, ann)
            names.append(f"{stem}\t{line.record['id']}\n")
    except MedannotError as error:
        fail(error)
    (directory / "annotation.conf").write_text(annotation_conf(), encoding="utf-8")
    (directory / "records.tsv").write_text("".join(names), encoding="utf-8")
    _finish(tally, output)
