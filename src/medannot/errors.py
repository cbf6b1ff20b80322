"""Coded exceptions.

    MedannotError
    ├── InputError       MA1xx  a document cannot be read or decoded
    ├── LexiconError     MA2xx  a lexicon or cue file is invalid
    ├── SegmenterError   MA3xx  a segmenter backend or its model is unavailable
    └── ExportError      MA4xx  records cannot be indexed, searched, exported or pushed

Each code has one message template, filled where the error is raised, so a user can search for the
code and an error record carries it (``{"error": {"type", "code", "message"}}``).
"""

from __future__ import annotations

__all__ = ["MedannotError", "InputError", "LexiconError", "SegmenterError", "ExportError", "MESSAGES"]

MESSAGES: dict[str, str] = {
    # input
    "MA101": "empty document: {what} has no content",
    "MA102": "binary content: {what} looks like a binary file ({detail}), not text or HTML",
    "MA103": "undecodable bytes: {what} could not be decoded as text ({detail})",
    "MA104": "document too large: {what} is {size} bytes, the limit is {limit} (--max-bytes)",
    "MA105": "unsupported input: {what} has extension {ext!r}; expected one of {expected}",
    "MA106": "malformed JSONL line: {what}: {detail}",
    "MA107": "invalid JSONL record: {what}: {detail}",
    "MA108": "unreadable input: {what}: {detail}",
    "MA109": "truncated or corrupt archive: {what}: {detail}",
    "MA110": "unparseable HTML: {what}: {detail}",
    "MA111": "optional package missing: reading {what} needs {package}: pip install 'medannot[{extra}]'",
    "MA112": "cannot resume into {what}: {detail}",
    "MA113": "output busy: {what} is being written by another medannot run",
    "MA114": "worker crashed on {what}: {detail}",
    "MA115": "dask engine unavailable: {detail}",
    # lexicon
    "MA201": "{where}: invalid YAML: {detail}",
    "MA202": "{where}: {detail}",
    "MA203": "lexicon not found: {path}",
    "MA204": "{where}: duplicate id {id!r} (first defined at {first})",
    "MA205": "{where}: term {term!r} of {id} is also a term of {other} ({first})",
    "MA206": "{where}: cannot import this line as {format}: {detail}",
    # segmenter
    "MA301": "unknown segmenter {name!r}; available: {available}",
    "MA302": "segmenter {name!r} needs a package that is not installed: pip install {hint}",
    "MA303": "pkuseg model not found: {model}. {hint}",
    "MA304": "segmenter {name!r} returned tokens that do not match the text at {offset}",
    "MA305": "model error: {detail}",
    # index, search, export
    "MA401": "{where}: not an annotated record: {detail}",
    "MA402": "{path} is not a medannot index ({detail}); build one with: medannot index build RECORDS... --db {path}",
    "MA403": "invalid search query {query!r}: {detail}",
    "MA404": "cannot reach the search server at {url}: {detail}",
    "MA405": "the search server at {url} refused the index template: {detail}",
}


class MedannotError(Exception):
    """Base class: every error medannot raises on purpose has a code and a filled message."""

    code = "MA000"

    def __init__(self, code: str, **fields: object) -> None:
        self.code = code
        self.fields = fields
        template = MESSAGES.get(code, "{detail}")
        try:
            message = template.format(**fields)
        except (KeyError, IndexError):
            message = f"{template} {fields}"
        super().__init__(f"[{code}] {message}")
        self.message = message

    def to_dict(self) -> dict[str, str]:
        return {"type": type(self).__name__, "code": self.code, "message": self.message}


class InputError(MedannotError):
    """A document cannot be read or decoded; the batch records it and goes on."""


class LexiconError(MedannotError):
    """A lexicon, cue or configuration file is invalid; the message starts with ``file:line``."""


class SegmenterError(MedannotError):
    """A segmenter backend or model is missing or misbehaves; says how to install it."""


class ExportError(MedannotError):
    """Records cannot be read back, indexed, searched, exported or pushed to a search server."""
