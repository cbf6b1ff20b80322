"""User query → FTS5 MATCH expression.

The query language is small on purpose:

- words separated by spaces must all match (``多发性硬化 干细胞``);
- ``"…"`` (or ``“…”``) is a phrase: its words must be adjacent, in order;
- ``OR`` between two terms accepts either; ``-term`` excludes documents that contain its words;
- a concept id (``DRG0001``) matches every mention of that concept.

Each term is put in index form and segmented with the index's segmenter and terms (so
``多发性硬化患者`` splits the way document text did), and every run of words that names a concept
becomes ``(the words OR the concept)``, which is how 甲氨蝶呤 finds an article that only says 氨甲喋呤.
Punctuation tokens are left out of terms but kept inside a phrase, whose tokens must be adjacent in
the index as they are in the text. User words are searched in the ``title`` and ``body`` columns
only, concept tokens in ``concepts``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import ExportError
from ..segment import Segmenter
from .text import index_form, index_words, is_word
from .vocabulary import ConceptInfo, Vocabulary

__all__ = ["Group", "Query", "parse_query"]

_CLAUSE = re.compile(r'(-?)(?:"([^"]*)"?|“([^”]*)”?|(\S+))')
_MAX_RUN = 6  # longest run of query words tried as one lexicon term
_TEXT_COLUMNS = "{title body}"


@dataclass(frozen=True, slots=True)
class Group:
    """Adjacent query words, and the concept they name when they name one."""

    words: tuple[str, ...]
    concept: ConceptInfo | None = None

    def expression(self) -> str:
        parts = []
        if self.words:
            parts.append(f'{_TEXT_COLUMNS} : "{" ".join(self.words)}"')
        if self.concept is not None:
            parts.append(f'{{concepts}} : "c{self.concept.num}"')
        return parts[0] if len(parts) == 1 else f"({' OR '.join(parts)})"


@dataclass(frozen=True, slots=True)
class Query:
    text: str
    expression: str | None  # FTS5 MATCH expression; None when the query is empty (filters only)
    words: frozenset[str]  # positive words, for highlighting
    concepts: frozenset[int]  # positive concept numbers, for highlighting their mentions


def _groups(text: str, phrase: bool, segmenter: Segmenter, vocabulary: Vocabulary) -> list[Group]:
    """Segment one term and group its words into lexicon terms (longest run first).

    Each word becomes the tokens the index has for it, lower-cased as the tokenizer lower-cases
    ASCII (for highlighting); outside a phrase, tokens without a letter or digit are dropped.
    """
    text = index_form(text)
    spans = segmenter.segment(text).spans
    keep = None if phrase else is_word
    groups: list[Group] = []
    i = 0
    while i < len(spans):
        for j in range(min(len(spans), i + _MAX_RUN), i, -1):
            concept = vocabulary.lookup(text[spans[i][0] : spans[j - 1][1]])
            if concept is not None or j == i + 1:
                break
        tokens = [token.lower() for start, end in spans[i:j] for token in index_words(text[start:end])]
        words = tuple(filter(keep, tokens))
        if words or concept is not None:
            groups.append(Group(words, concept))
        i = j
    return groups


def _clause(text: str, phrase: bool, segmenter: Segmenter, vocabulary: Vocabulary) -> list[Group]:
    if not phrase and text in vocabulary.by_id:
        return [Group((), vocabulary.by_id[text])]
    groups = _groups(text, phrase, segmenter, vocabulary)
    if phrase and not any(is_word(w) for g in groups for w in g.words):  # punctuation alone is not searched for
        return []
    if phrase and len(groups) > 1:  # one phrase of all the words; a concept only if it names one whole
        whole = vocabulary.lookup(text)
        return [Group(tuple(w for g in groups for w in g.words), whole)]
    return groups


def parse_query(text: str, segmenter: Segmenter, vocabulary: Vocabulary) -> Query:
    """Parse ``text``; MA403 when it has words but nothing searchable or only exclusions."""
    alternatives: list[list[str]] = []  # AND of ORs
    excluded: list[str] = []
    words: set[str] = set()
    concepts: set[int] = set()
    join_next = False
    for match in _CLAUSE.finditer(text):
        negative, quoted_a, quoted_b, bare = match.groups()
        if bare == "OR" and not negative:
            join_next = bool(alternatives)
            continue
        phrase = bare is None
        term = bare if bare is not None else (quoted_a if quoted_a is not None else quoted_b)
        groups = _clause(term.strip(), phrase, segmenter, vocabulary) if term.strip() else []
        if negative:  # exclude the words themselves, not every synonym of what they name
            groups = [g if not g.words else Group(g.words) for g in groups]
        if not groups:
            continue
        expression = " AND ".join(g.expression() for g in groups)
        if len(groups) > 1:
            expression = f"({expression})"
        if negative:
            excluded.append(expression)
            continue
        for group in groups:
            words.update(filter(is_word, group.words))
            if group.concept is not None:
                concepts.add(group.concept.num)
        if join_next:
            alternatives[-1].append(expression)
        else:
            alternatives.append([expression])
        join_next = False
    if not alternatives:
        if excluded:
            raise ExportError("MA403", query=text, detail="every term is excluded; add one to search for")
        if text.strip():
            raise ExportError("MA403", query=text, detail="no searchable words")
        return Query(text, None, frozenset(), frozenset())
    expression = " AND ".join(alt[0] if len(alt) == 1 else f"({' OR '.join(alt)})" for alt in alternatives)
    if excluded:
        expression = f"({expression})" + "".join(f" NOT {e}" for e in excluded)
    return Query(text, expression, frozenset(words), frozenset(concepts))
