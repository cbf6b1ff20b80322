"""Reading inputs: files, directories, globs, JSONL streams and WARC archives become ``Document``
items, in input order, streamed (no archive or JSONL file is read whole).

A reader never raises for a bad document: it yields an ``InputFailure`` in its place, so the batch
can write an error record and go on.
"""

from .document import Document, InputFailure
from .inputs import iter_documents, SUFFIXES

__all__ = ["Document", "InputFailure", "iter_documents", "SUFFIXES"]
