"""doccano: one JSONL line per record for a sequence-labeling project.

doccano imports ``{"text": ..., "label": [[start, end, label], ...]}``; any other key (here the
record id, title, date and url) is kept as the example's metadata.
"""

from __future__ import annotations

from typing import Any

from .offsets import offset_converter
from .records import checked_entities

__all__ = ["doccano_line"]


def doccano_line(record: dict[str, Any], *, units: str = "codepoints") -> dict[str, Any]:
    text: str = record["content"]["text"]
    meta = record.get("meta") or {}
    source = record.get("source") or {}
    at = offset_converter(text, units)
    return {
        "text": text,
        "label": [[at(e["start"]), at(e["end"]), e["label"]] for e in checked_entities(record)],
        "id": record["id"],
        "title": meta.get("title"),
        "published": meta.get("published"),
        "url": source.get("url") or source.get("path"),
    }
