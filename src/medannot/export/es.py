"""Elasticsearch / OpenSearch: one search document per record, ``_bulk`` NDJSON, and the index template.

The document keeps both texts a search engine may want: ``text_segmented`` (medannot's words
joined by spaces, for the ``whitespace``-based analyzer defined in the template, so no Chinese
analysis plugin is needed) and ``text`` (the content as is, for users of IK or smartcn, who pick
its analyzer with ``text_analyzer``). Entities are ``nested`` so a query can ask for one mention
that is, say, a symptom *and* not negated; ``concepts`` lists the asserted (non-negated) concept
ids for plain terms aggregations. Composable index templates have the same shape in Elasticsearch
≥ 7.8 and OpenSearch ≥ 1.0.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, BinaryIO

import orjson

from ..about import SCHEMA_VERSION, __version__
from ..record import token_pairs
from .records import Tally, checked_entities, convert_records

__all__ = ["SEGMENTED_ANALYZER", "es_document", "bulk_lines", "index_template", "write_bulk"]

SEGMENTED_ANALYZER = "medannot_segmented"
_ENTITY_FLAGS = ("negated", "uncertain", "hypothetical", "adverse_event")


def es_document(record: dict[str, Any]) -> dict[str, Any]:
    """The search document for one annotated record."""
    text: str = record["content"]["text"]
    meta = record.get("meta") or {}
    source = record.get("source") or {}
    pipeline = record.get("pipeline") or {}
    lexicon = pipeline.get("lexicon") or {}
    entities = [
        {
            "start": e["start"],
            "end": e["end"],
            "text": e["text"],
            "label": e["label"],
            "canonical": e["canonical"],
            "concept_id": e["concept_id"],
            **{flag: bool(e.get(flag)) for flag in _ENTITY_FLAGS},
        }
        for e in checked_entities(record)
    ]
    return {
        "id": record["id"],
        "schema_version": record.get("schema_version", SCHEMA_VERSION),
        "title": meta.get("title"),
        "published": meta.get("published"),
        "source_name": meta.get("source_name"),
        "author": meta.get("author"),
        "url": source.get("url"),
        "path": source.get("path"),
        "fetched": source.get("fetched"),
        "text": text,
        "text_segmented": " ".join([text[start:end] for start, end in token_pairs(record["tokens"])]),
        "entities": entities,
        "concepts": sorted({e["concept_id"] for e in entities if not e["negated"]}),
        "dois": [r["doi"] for r in record.get("references") or [] if r.get("doi")],
        "pipeline": {
            "medannot": pipeline.get("medannot"),
            "segmenter": pipeline.get("segmenter"),
            "lexicon_version": lexicon.get("version"),
            "lexicon_sha256": lexicon.get("sha256"),
        },
    }


def bulk_lines(record: dict[str, Any], index: str) -> bytes:
    """The two ``_bulk`` lines (action, document) that index one record under its id."""
    action = {"index": {"_index": index, "_id": record["id"]}}
    return orjson.dumps(action) + b"\n" + orjson.dumps(es_document(record)) + b"\n"


def _keyword(ignore_above: int | None = None) -> dict[str, Any]:
    return {"type": "keyword", **({"ignore_above": ignore_above} if ignore_above else {})}


def index_template(index: str, *, text_analyzer: str = "standard", shards: int = 1, replicas: int = 1) -> dict[str, Any]:
    """A composable index template (``PUT _index_template/<index>``) for ``index`` and ``index-*``."""
    boolean = {"type": "boolean"}
    integer = {"type": "integer"}
    date = {"type": "date", "format": "strict_date_optional_time||yyyy-MM-dd HH:mm:ss||yyyy-MM-dd HH:mm||epoch_millis"}
    return {
        "index_patterns": [index, f"{index}-*"],
        "priority": 200,
        "version": SCHEMA_VERSION,
        "_meta": {"description": "medannot annotated records", "medannot": __version__, "schema_version": SCHEMA_VERSION},
        "template": {
            "settings": {
                "number_of_shards": shards,
                "number_of_replicas": replicas,
                "analysis": {
                    "analyzer": {
                        SEGMENTED_ANALYZER: {"type": "custom", "tokenizer": "whitespace", "filter": ["cjk_width", "lowercase"]}
                    }
                },
            },
            "mappings": {
                "dynamic": False,
                "properties": {
                    "id": _keyword(),
                    "schema_version": integer,
                    "title": {"type": "text", "analyzer": text_analyzer, "fields": {"raw": _keyword(512)}},
                    "published": date,
                    "fetched": date,
                    "source_name": _keyword(256),
                    "author": _keyword(256),
                    "url": _keyword(2048),
                    "path": _keyword(2048),
                    "text": {"type": "text", "analyzer": text_analyzer},
                    "text_segmented": {"type": "text", "analyzer": SEGMENTED_ANALYZER},
                    "entities": {
                        "type": "nested",
                        "properties": {
                            "start": integer,
                            "end": integer,
                            "text": _keyword(),
                            "label": _keyword(),
                            "canonical": _keyword(),
                            "concept_id": _keyword(),
                            **{flag: boolean for flag in _ENTITY_FLAGS},
                        },
                    },
                    "concepts": _keyword(),
                    "dois": _keyword(),
                    "pipeline": {
                        "properties": {
                            "medannot": _keyword(),
                            "segmenter": _keyword(),
                            "lexicon_version": _keyword(),
                            "lexicon_sha256": _keyword(),
                        }
                    },
                },
            },
        },
    }


def write_bulk(inputs: Sequence[str | Path], out: BinaryIO, index: str) -> Tally:
    """Write ``_bulk`` NDJSON for every record of ``inputs``; the tally says what was skipped."""
    tally = Tally()
    for _, lines in convert_records(inputs, lambda line: bulk_lines(line.record, index), tally):
        out.write(lines)
    return tally
