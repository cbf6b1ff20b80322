"""The record: one JSON object per input document (schema version 1).

Every field of the output lives here, so this module is the schema's single source of truth;
``schema/record-v1.schema.json`` describes the same shape for other languages and is checked
against real records in the tests. All offsets are Python string indices (Unicode code points)
into ``content.text``, end exclusive.

Records are plain dataclasses; ``to_json`` serialises them with orjson, which handles dataclasses
natively. They deliberately have no ``__slots__``: orjson serialises a dataclass through its
``__dict__`` about twice as fast, and records hold tens of thousands of entities.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Iterator, Sequence
from typing import Any

import orjson

from .about import SCHEMA_VERSION

__all__ = [
    "Source",
    "Meta",
    "Paragraph",
    "Content",
    "BoilerplateBlock",
    "Entity",
    "ListItem",
    "EnumeratedList",
    "Reference",
    "PipelineInfo",
    "Record",
    "ErrorRecord",
    "to_json",
    "token_pairs",
    "json_schema",
    "SCHEMA_PATH",
]

SCHEMA_PATH = Path(__file__).with_name("schema") / f"record-v{SCHEMA_VERSION}.schema.json"


@dataclass
class Source:
    """Where the document came from and how its bytes were read."""

    path: str | None = None
    url: str | None = None
    format: str = "text"  # text | html | jsonl
    encoding: str | None = None  # codec used to decode the bytes
    encoding_lossy: bool = False  # True when undecodable bytes were replaced
    sha256: str | None = None  # of the input bytes (of the JSONL line's text/html field)
    fetched: str | None = None  # crawl date, when the input says (WARC)
    extra: dict[str, Any] = field(default_factory=dict)  # other JSONL keys, carried as they came


@dataclass
class Meta:
    """Page metadata lifted out of the boilerplate."""

    title: str | None = None
    published: str | None = None  # ISO 8601 date (YYYY-MM-DD), or date-time when the page gives one
    source_name: str | None = None  # 来源
    author: str | None = None  # 作者
    views: int | None = None  # 访问量 / 阅读
    phones: list[str] = field(default_factory=list)


@dataclass
class Paragraph:
    start: int
    end: int
    kind: str = "paragraph"  # paragraph | heading | list_item


@dataclass
class Content:
    text: str
    paragraphs: list[Paragraph] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)  # [start, end] pairs


@dataclass
class BoilerplateBlock:
    """A block of the page that is not editorial content, kept so nothing is lost."""

    text: str
    kind: str  # nav | hotline | cta | ad | image | caption | meta | title | footer | related | share | comments | references | other
    position: int  # order of the block in the page (0-based), content blocks included in the count
    reason: str = ""  # the cue or rule that decided it
    reference: int | None = None  # for captions like 图片来自文献[3]: the reference number


@dataclass
class Entity:
    start: int
    end: int
    text: str
    label: str  # symptom | disease | drug | treatment | exam | anatomy | department | microorganism | device | adverse_event
    canonical: str
    concept_id: str
    synonym: str  # the lexicon term that matched (differs from text only by width, case or script)
    sentence: int  # index into content.sentences
    list_item: tuple[int, int] | None = None  # (list index, item index) when inside an enumerated list
    negated: bool = False
    uncertain: bool = False
    hypothetical: bool = False
    adverse_event: bool = False
    cues: dict[str, str] = field(default_factory=dict)  # flag -> cue text that set it


@dataclass
class ListItem:
    start: int
    end: int
    marker: str  # ①, 1., (1), •, or "" for inline 、-separated items
    entities: list[int] = field(default_factory=list)  # indices into Record.entities


@dataclass
class EnumeratedList:
    start: int
    end: int
    style: str  # circled | numbered | parenthesized | bullet | item (list-item paragraphs with no marker: HTML <li>) | inline
    kind: str  # symptom when most items carry a symptom, else generic
    items: list[ListItem] = field(default_factory=list)


@dataclass
class Reference:
    number: int | None
    raw: str
    authors: list[str] = field(default_factory=list)
    title: str | None = None
    journal: str | None = None
    year: int | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    doi: str | None = None
    url: str | None = None


@dataclass
class PipelineInfo:
    """Enough to reproduce the record: versions, segmenter and the exact lexicon."""

    medannot: str
    segmenter: str
    lexicon: dict[str, Any]
    raw: bool
    pos: bool


@dataclass
class Record:
    id: str
    source: Source
    meta: Meta
    content: Content
    boilerplate: list[BoilerplateBlock]
    tokens: list[int]  # flat [start0, end0, start1, end1, …] into content.text; whitespace is not a token
    pos: list[str] | None  # part of speech per token, when requested and the segmenter gives it
    entities: list[Entity]
    lists: list[EnumeratedList]
    references: list[Reference]
    pipeline: PipelineInfo
    schema_version: int = SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        return orjson.loads(to_json(self))

    def token_spans(self) -> list[tuple[int, int]]:
        """``tokens`` as ``(start, end)`` pairs."""
        return list(token_pairs(self.tokens))


@dataclass
class ErrorRecord:
    """Stands in for a document that could not be processed; the batch goes on."""

    id: str
    source: Source
    error: dict[str, str]  # {type, code, message}
    schema_version: int = SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        return orjson.loads(to_json(self))


def token_pairs(tokens: Sequence[int]) -> Iterator[tuple[int, int]]:
    """``(start, end)`` pairs of a record's flat ``tokens`` list (a record dict's ``["tokens"]`` too).

    Tokens are stored flat because a JSON array of two-element arrays costs about ten times as much
    to parse, and every reader of records (index, exports, resume) parses them.
    """
    return zip(tokens[0::2], tokens[1::2])


def to_json(record: Record | ErrorRecord) -> bytes:
    """One record as one line of UTF-8 JSON (no trailing newline)."""
    return orjson.dumps(record)


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of records and error records."""
    return orjson.loads(SCHEMA_PATH.read_bytes())
