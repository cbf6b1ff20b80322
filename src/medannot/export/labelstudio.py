"""Label Studio: one task per record with the entities as pre-annotations (predictions).

Reviewers see medannot's entities already drawn and correct them. Each region carries the concept
and the assertion flags in its ``meta`` note. ``labeling_config`` gives the matching project
configuration (a ``<Labels>`` over a ``<Text>``) with one label per entity category.
"""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import quoteattr

from ..lexicon.model import CATEGORIES
from .offsets import offset_converter
from .records import checked_entities

__all__ = ["FROM_NAME", "TO_NAME", "labelstudio_task", "labeling_config", "entity_note"]

FROM_NAME = "label"  # the <Labels name=...> control
TO_NAME = "text"  # the <Text name=...> object, whose value is $text
_FLAGS = ("negated", "uncertain", "hypothetical", "adverse_event")


def entity_note(entity: dict[str, Any]) -> str:
    """A one-line human note: concept id, canonical name and the flags that are set."""
    flags = [flag for flag in _FLAGS if entity.get(flag)]
    return " · ".join([f"{entity['concept_id']} {entity['canonical']}", *flags])


def labelstudio_task(record: dict[str, Any], *, units: str = "codepoints") -> dict[str, Any]:
    text: str = record["content"]["text"]
    meta = record.get("meta") or {}
    source = record.get("source") or {}
    pipeline = record.get("pipeline") or {}
    lexicon = pipeline.get("lexicon") or {}
    at = offset_converter(text, units)
    results = [
        {
            "id": f"e{number}",
            "from_name": FROM_NAME,
            "to_name": TO_NAME,
            "type": "labels",
            "value": {"start": at(e["start"]), "end": at(e["end"]), "text": e["text"], "labels": [e["label"]]},
            "meta": {"text": [entity_note(e)]},
        }
        for number, e in enumerate(checked_entities(record))
    ]
    version = f"medannot {pipeline.get('medannot', '?')} / {lexicon.get('name', '?')} {lexicon.get('version', '?')}"
    return {
        "data": {
            "text": text,
            "id": record["id"],
            "title": meta.get("title"),
            "published": meta.get("published"),
            "url": source.get("url") or source.get("path"),
        },
        "predictions": [{"model_version": version, "result": results}],
    }


def labeling_config(labels: tuple[str, ...] = CATEGORIES) -> str:
    """The Label Studio labeling configuration the tasks are written for."""
    rows = "\n".join(f"    <Label value={quoteattr(label)}/>" for label in labels)
    return (
        "<View>\n"
        f'  <Labels name="{FROM_NAME}" toName="{TO_NAME}">\n{rows}\n  </Labels>\n'
        f'  <Text name="{TO_NAME}" value="${TO_NAME}"/>\n'
        "</View>\n"
    )
