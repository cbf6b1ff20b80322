"""The SQLite file behind ``medannot index build`` and ``medannot search``.

Tables:

- ``docs``: one narrow row per record (id, digest, metadata) for filters, ordering and display, with
  the concepts it mentions as uint32 arrays (``asserted``: at least once not negated; ``mentioned``:
  at all), which facet counting reads for every hit.
- ``bodies``: the entity spans (orjson array of [start, end, concept]) of each record, and its
  content text only when the indexed body cannot give it back (NULL otherwise: the text is stored
  once), read only for the page of hits being shown.
- ``fts`` (FTS5, ascii tokenizer): ``body`` holds the text cut before every token (see ``text.py``),
  so FTS5 sees the segmenter's Chinese words rather than one run of characters (and snippets get
  the text and its token boundaries back from it); it is the first column because FTS5 marks every
  position list outside the first column with its column number (two bytes a word and document:
  first, the body loads 10% faster into an index 10% smaller); ``title`` holds the segmented
  words joined by spaces; ``concepts`` holds one ``c<num>`` token per entity mention, so a query term that names a
  concept also finds the article's synonyms of it; ``filters`` holds ``n<num>`` once per concept
  only ever negated, so a facet filter is ``c<num>`` (mentioned) without ``n<num>`` (so, asserted
  at least once), or ``c<num>`` alone with negated mentions. A token per asserted concept would
  cost 4% of the build; filters are matched apart from the query, so they do not change its BM25.
- ``concepts`` (id, canonical, label) and ``terms`` (folded surface form → concept): the lexicon the
  index was built with plus every surface form seen in the records; queries are segmented and
  expanded with it, so searching needs no YAML.
- ``info``: index format, the segmenter name the records used.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ..errors import ExportError

__all__ = ["FORMAT", "connect", "create"]

FORMAT = "medannot-index/4"  # 2: the body is the text cut at tokens; 3: ascii tokenizer, body first; 4: n filters only

_DDL = """
CREATE TABLE IF NOT EXISTS info(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS docs(
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    digest BLOB NOT NULL,
    title TEXT,
    published TEXT,
    source_name TEXT,
    url TEXT,
    host TEXT,
    path TEXT,
    asserted BLOB NOT NULL,
    mentioned BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS bodies(rowid INTEGER PRIMARY KEY, text TEXT, spans BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS docs_published ON docs(published);
CREATE INDEX IF NOT EXISTS docs_source ON docs(source_name);
CREATE INDEX IF NOT EXISTS docs_host ON docs(host);
CREATE TABLE IF NOT EXISTS concepts(num INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, canonical TEXT NOT NULL, label TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS terms(key TEXT PRIMARY KEY, term TEXT NOT NULL, concept INTEGER NOT NULL) WITHOUT ROWID;
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(body, title, concepts, filters, tokenize='ascii');
"""


# A 16 MB in-memory term buffer (default 1 MB) and merging 16 segments at a time (default 4): each
# commit writes a segment, and a segment is rewritten once per level it climbs, so wider merges
# rewrite less (merging 8 at a time took 4% more of a build; 10,000 documents in batches of 1,000
# are never merged, and queries over their ten segments are as fast as over three).
_FTS_OPTIONS = (("hashsize", 16 * 1024 * 1024), ("automerge", 16))


def create(path: str | Path, *, scratch: bool = False) -> sqlite3.Connection:
    """Open (creating if needed) an index for writing.

    ``scratch``: a new file that nobody else reads until the caller has synced and renamed it, so
    it needs neither a rollback journal nor syncs at each commit (which the caller then does once).
    """
    connection = sqlite3.connect(str(path), isolation_level=None)
    if scratch:
        connection.execute("PRAGMA journal_mode = OFF")
        connection.execute("PRAGMA synchronous = OFF")
    _check(connection, path, allow_empty=True)
    connection.executescript(f"BEGIN; {_DDL} COMMIT;")  # one transaction: one sync, not one per table
    connection.execute("BEGIN")
    connection.execute("INSERT OR IGNORE INTO info VALUES ('format', ?)", (FORMAT,))
    for option, value in _FTS_OPTIONS:  # stored in the table: they also apply to later updates
        connection.execute("INSERT INTO fts(fts, rank) VALUES (?, ?)", (option, value))
    connection.execute("COMMIT")
    if not scratch:
        connection.execute("PRAGMA synchronous = NORMAL")
    return connection


def connect(path: str | Path) -> sqlite3.Connection:
    """Open an existing index read-only; MA402 when it is missing or not an index."""
    if not Path(path).is_file():
        raise ExportError("MA402", path=str(path), detail="no such file")
    connection = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
    _check(connection, path, allow_empty=False)
    return connection


def _check(connection: sqlite3.Connection, path: str | Path, *, allow_empty: bool) -> None:
    try:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        row = connection.execute("SELECT value FROM info WHERE key='format'").fetchone() if "info" in tables else None
    except sqlite3.DatabaseError as error:
        connection.close()
        raise ExportError("MA402", path=str(path), detail=str(error)) from None
    if not tables and allow_empty:
        return
    if row is None or row[0] != FORMAT:
        connection.close()
        found = f"format {row[0]!r}, expected {FORMAT!r}" if row else "no medannot tables"
        raise ExportError("MA402", path=str(path), detail=found)
