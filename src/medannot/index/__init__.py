"""The embedded full-text index: SQLite FTS5 over segmented record text, with concept facets.

    >>> from medannot.index import build_index, Searcher
    >>> build_index(["out.jsonl"], "corpus.sqlite")           # doctest: +SKIP
    >>> with Searcher("corpus.sqlite") as searcher:           # doctest: +SKIP
    ...     result = searcher.search("多发性硬化 干细胞")
"""

from .build import BuildStats, IndexWriter, build_index
from .search import FacetValue, Filters, Hit, SearchResult, Searcher

__all__ = ["BuildStats", "IndexWriter", "build_index", "Searcher", "Filters", "Hit", "FacetValue", "SearchResult"]
