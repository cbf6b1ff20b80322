"""What a reader hands to the pipeline."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..errors import InputError


@dataclass(slots=True)
class Document:
    """One input document: raw bytes (files) or already-decoded text (JSONL fields)."""

    id: str
    format: str  # text | html
    data: bytes | None = None  # undecoded bytes, when read from a file
    text: str | None = None  # decoded text, when the input carried a string
    path: str | None = None
    url: str | None = None
    content_type: str | None = None  # HTTP Content-Type, when known (charset hint)
    fetched: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class InputFailure:
    """A document that could not even be read; becomes an error record."""

    id: str
    error: InputError
    path: str | None = None
    format: str = "unknown"
