"""Search the embedded index: BM25-ranked hits, snippets in the original text, concept facets.

A ``Searcher`` opens the index read-only and loads its segmenter once; each ``search`` runs the
MATCH once into a temporary table, from which the total, the page of hits and the facet counts
are read.
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections import Counter
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import Any

import orjson

from ..errors import ExportError
from ..segment import create_segmenter
from .query import Query, parse_query
from .schema import connect
from .snippet import Snippet, highlights, make_snippet, word_pattern
from .text import SEPARATOR, boundaries, unpack
from .vocabulary import Vocabulary

__all__ = ["Filters", "Hit", "FacetValue", "SearchResult", "Searcher", "WEIGHTS"]

WEIGHTS = (1.0, 4.0, 1.0, 0.0)  # bm25 column weights: body, title, concepts, filters
_ORDER = {  # ties: newest first, then the order documents were first indexed in
    "relevance": "score DESC, published DESC, doc",
    "date": "published DESC NULLS LAST, score DESC, doc",
}
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True, slots=True)
class Filters:
    """Restrictions on the documents a search may return (all must hold)."""

    since: str | None = None  # published on or after: YYYY, YYYY-MM or YYYY-MM-DD
    until: str | None = None  # published on or before (a month or year includes all of it)
    sources: tuple[str, ...] = ()  # source_name, or the url's host (a domain includes its subdomains)
    concepts: tuple[tuple[str | None, str], ...] = ()  # (label or None, concept id or name): must be mentioned
    include_negated: bool = False  # count negated mentions in facets and concept filters


@dataclass(frozen=True, slots=True)
class Hit:
    id: str
    score: float  # BM25, higher is better (0 when the query has no words)
    title: str | None
    published: str | None
    source_name: str | None
    url: str | None
    path: str | None
    snippet: Snippet

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "score": round(self.score, 4),
            "title": self.title,
            "published": self.published,
            "source_name": self.source_name,
            "url": self.url,
            "path": self.path,
            "snippet": self.snippet.to_dict(),
        }


@dataclass(frozen=True, slots=True)
class FacetValue:
    id: str
    canonical: str
    count: int  # matching documents that mention the concept


@dataclass(slots=True)
class SearchResult:
    query: str
    expression: str | None  # the FTS5 MATCH expression the query became
    total: int
    hits: list[Hit]
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)  # label -> most frequent concepts
    took_ms: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "expression": self.expression,
            "total": self.total,
            "took_ms": round(self.took_ms, 2),
            "hits": [hit.to_dict() for hit in self.hits],
            "facets": {
                label: [{"id": v.id, "canonical": v.canonical, "count": v.count} for v in values]
                for label, values in self.facets.items()
            },
        }


class Searcher:
    """An open index; reuse it for many queries (start-up loads the segmenter and the terms)."""

    def __init__(self, db: str | Path) -> None:
        self.connection = connect(db)
        self.vocabulary = Vocabulary(self.connection)
        row = self.connection.execute("SELECT value FROM info WHERE key = 'segmenter'").fetchone()
        self.segmenter = create_segmenter(row[0] if row else "rjieba", self.vocabulary.user_words())
        self.connection.execute("CREATE TEMP TABLE hits(doc INTEGER PRIMARY KEY, score REAL NOT NULL, published TEXT)")

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> Searcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def parse(self, query: str) -> Query:
        return parse_query(query, self.segmenter, self.vocabulary)

    def search(
        self,
        query: str = "",
        filters: Filters = Filters(),
        *,
        limit: int = 10,
        offset: int = 0,
        sort: str = "relevance",
        facet_size: int = 10,
        snippet_chars: int = 120,
    ) -> SearchResult:
        """Hits for ``query`` under ``filters``; ``sort`` is ``relevance`` (BM25) or ``date`` (newest first)."""
        if sort not in _ORDER:
            raise ValueError(f"sort must be 'relevance' or 'date', got {sort!r}")
        started = time.perf_counter()
        parsed = self.parse(query)
        where, params = self._conditions(query, filters)
        required = self._required(query, filters)
        constraint = " AND ".join(
            f'{{concepts}} : "c{num}"' + ("" if filters.include_negated else f' NOT {{filters}} : "n{num}"')
            for num in sorted(required)
        )
        expression = " AND ".join(f"({part})" for part in (parsed.expression, constraint) if part)
        execute = self.connection.execute
        execute("DELETE FROM temp.hits")
        try:
            if parsed.expression:
                # the facet filters in a second MATCH, so that BM25 ranks the query alone; "+" keeps
                # SQLite from looking the query up once per filtered rowid
                matched = " AND +fts.rowid IN (SELECT rowid FROM fts WHERE fts MATCH ?)" if constraint else ""
                execute(
                    "INSERT INTO temp.hits SELECT fts.rowid, -bm25(fts, ?, ?, ?, ?), d.published"
                    " FROM fts JOIN docs d ON d.rowid = fts.rowid"
                    f" WHERE fts MATCH ?{matched} AND {where}",
                    (*WEIGHTS, parsed.expression, *([constraint] if constraint else []), *params),
                )
            elif constraint:  # filters alone rank nothing
                execute(
                    "INSERT INTO temp.hits SELECT fts.rowid, 0, d.published FROM fts JOIN docs d ON d.rowid = fts.rowid"
                    f" WHERE fts MATCH ? AND {where}",
                    (constraint, *params),
                )
            else:
                execute(f"INSERT INTO temp.hits SELECT d.rowid, 0, d.published FROM docs d WHERE {where}", params)
        except sqlite3.OperationalError as error:  # FTS5 refused the expression: say so, with it
            raise ExportError("MA403", query=query, detail=f"{error} in {expression}") from None
        total = execute("SELECT count(*) FROM temp.hits").fetchone()[0]
        page = execute(f"SELECT doc, score FROM temp.hits ORDER BY {_ORDER[sort]} LIMIT ? OFFSET ?", (limit, offset)).fetchall()
        hits = []
        pattern = word_pattern(parsed.words)
        concepts = parsed.concepts | required
        for rowid, score in page:
            doc_id, title, published, source_name, url, path = execute(
                "SELECT id, title, published, source_name, url, path FROM docs WHERE rowid = ?", (rowid,)
            ).fetchone()
            stored, spans = execute("SELECT text, spans FROM bodies WHERE rowid = ?", (rowid,)).fetchone()
            body = execute("SELECT body FROM fts WHERE rowid = ?", (rowid,)).fetchone()[0]
            text = body.replace(SEPARATOR, "") if stored is None else stored
            marks = highlights(text, boundaries(text, body), orjson.loads(spans), pattern, concepts)
            snippet = make_snippet(text, marks, snippet_chars)
            hits.append(Hit(doc_id, score, title, published, source_name, url, path, snippet))
        facets = self._facets(filters.include_negated, facet_size) if facet_size > 0 else {}
        took = (time.perf_counter() - started) * 1000
        return SearchResult(query, expression or None, total, hits, facets, took)

    def _conditions(self, query: str, filters: Filters) -> tuple[str, list[object]]:
        """SQL conditions on ``docs d`` for the date and source filters, with their parameters."""
        conditions: list[str] = ["1"]
        params: list[object] = []
        for bound, value in (("since", filters.since), ("until", filters.until)):
            if value is None:
                continue
            if not _DATE.match(value):
                raise ExportError("MA403", query=query, detail=f"--{bound} {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
            if bound == "since":
                conditions.append("d.published >= ?")
            else:
                conditions.append("substr(d.published, 1, ?) <= ?")
                params.append(len(value))
            params.append(value)
        if filters.sources:
            alternatives = []
            for source in filters.sources:
                alternatives.append("d.source_name = ? OR d.host = ? OR d.host LIKE ?")
                params += [source, source.lower(), f"%.{source.lower()}"]
            conditions.append(f"({' OR '.join(alternatives)})")
        return " AND ".join(conditions), params

    def _required(self, query: str, filters: Filters) -> frozenset[int]:
        """The concepts the facet filters require, checked against their category."""
        required: set[int] = set()
        for label, name in filters.concepts:
            concept = self.vocabulary.resolve(name)
            if concept is None:
                raise ExportError("MA403", query=query, detail=f"{name!r} is not a concept this index knows")
            if label is not None and concept.label != label:
                detail = f"{name!r} is a {concept.label} ({concept.id} {concept.canonical}), not a {label}"
                raise ExportError("MA403", query=query, detail=detail)
            required.add(concept.num)
        return frozenset(required)

    def _facets(self, include_negated: bool, size: int) -> dict[str, list[FacetValue]]:
        """Documents per concept among the hits, the ``size`` most frequent per category."""
        column = "mentioned" if include_negated else "asserted"
        (arrays,) = self.connection.execute(  # every hit's array in one value: no row objects
            f"SELECT CAST(group_concat(d.{column}, '') AS BLOB) FROM temp.hits h CROSS JOIN docs d ON d.rowid = h.doc"
        ).fetchone()
        counts = Counter(unpack(arrays or b""))
        facets: dict[str, list[FacetValue]] = {}
        # most documents first, ties by concept number: two C-level sorts, the second one stable
        for num, n in sorted(sorted(counts.items()), key=itemgetter(1), reverse=True):
            concept = self.vocabulary.by_num[num]
            values = facets.setdefault(concept.label, [])
            if len(values) < size:
                values.append(FacetValue(concept.id, concept.canonical, n))
        return facets
