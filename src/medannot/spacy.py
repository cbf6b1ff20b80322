"""medannot inside spaCy: a Chinese tokenizer and registered components, for users' own pipelines.

    import medannot.spacy
    nlp = medannot.spacy.load()                   # spaCy blank "zh" + medannot tokenizer, tagger, assertion
    doc = nlp("患者无发热，偶有复视。")
    [(e.text, e.label_, e.kb_id_, e._.canonical, e._.negated) for e in doc.ents]

or in an existing pipeline: ``nlp.add_pipe("medannot_tagger")`` then ``nlp.add_pipe("medannot_assertion")``.

- ``medannot.Tokenizer.v1`` (registered tokenizer): one of medannot's segmenters (rjieba, jieba, pkuseg)
  with the lexicon as user dictionary, so medical terms stay whole. Each tokenizer owns its segmenter
  (spaCy's own zh tokenizer shares jieba's process-wide dictionary).
- ``medannot_tagger``: lexicon entities into ``doc.spans["medannot"]`` and, where they do not overlap
  entities already there, ``doc.ents``; label = category, ``kb_id_`` = concept id.
- ``medannot_assertion``: ConText-style negated / uncertain / hypothetical / adverse-event flags.

Every span attribute is declared in ``SPAN_ATTRIBUTES`` and mirrors the record's ``Entity`` field of
the same name; values live in ``doc.user_data``, so ``DocBin(store_user_data=True)`` keeps them.
Importing this module imports spaCy; nothing on ``medannot annotate``'s default path imports it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

import srsly
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import registry
from spacy.vocab import Vocab

from .lexicon import Lexicon, Matcher, load_lexicon
from .record import Entity
from .segment import DEFAULT_SEGMENTER, create_segmenter
from .segment.base import Tokens, user_words
from .segment.sentences import split_sentences
from .tag import assert_entities, find_entities, load_assertion_rules
from .traditional import to_simplified

__all__ = [
    "SPAN_ATTRIBUTES",
    "SPANS_KEY",
    "TOKENIZER",
    "MedannotTokenizer",
    "EntityTagger",
    "AssertionTagger",
    "doc_from_tokens",
    "load",
]

TOKENIZER = "medannot.Tokenizer.v1"
SPANS_KEY = "medannot"
# span attribute -> default; each is the record Entity field of the same name
SPAN_ATTRIBUTES: dict[str, Any] = {
    "canonical": None,
    "concept_id": None,
    "synonym": None,
    "negated": False,
    "uncertain": False,
    "hypothetical": False,
    "adverse_event": False,
    "cues": None,  # {flag: cue text}, set by medannot_assertion
}
for _name, _default in SPAN_ATTRIBUTES.items():
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=_default)


@lru_cache(maxsize=8)
def _lexicon(lexicons: tuple[str, ...], builtin_lexicon: bool) -> Lexicon:
    """Shared by the tokenizer and the tagger of one pipeline: loaded once per configuration."""
    return load_lexicon(lexicons, builtin=builtin_lexicon)


def doc_from_tokens(vocab: Vocab, text: str, tokens: Tokens) -> Doc:
    """A Doc whose text is exactly ``text``: one space after a token is its ``whitespace_``, other
    whitespace becomes whitespace tokens (tagged ``_SP``), as spaCy's own tokenizers do."""
    words: list[str] = []
    spaces: list[bool] = []
    tags: list[str] | None = [] if tokens.pos is not None else None

    def gap(start: int, end: int) -> None:
        if start >= end:
            return
        if words and text[start] == " " and not words[-1].isspace():
            spaces[-1] = True
            start += 1
        if start < end:
            words.append(text[start:end])
            spaces.append(False)
            if tags is not None:
                tags.append("_SP")

    offset = 0
    for index, (start, end) in enumerate(tokens.spans):
        gap(offset, start)
        words.append(text[start:end])
        spaces.append(False)
        if tags is not None:
            tags.append(tokens.pos[index])
        offset = end
    gap(offset, len(text))
    return Doc(vocab, words=words, spaces=spaces, tags=tags)


class MedannotTokenizer:
    """A spaCy tokenizer backed by a medannot segmenter with the lexicon as user dictionary."""

    def __init__(
        self,
        vocab: Vocab,
        segmenter: str = DEFAULT_SEGMENTER,
        model: str | None = None,
        lexicons: Sequence[str] = (),
        builtin_lexicon: bool = True,
        words: Iterable[str] | None = None,
        pos: bool = False,
        split_compounds: bool = False,
    ) -> None:
        """``words`` overrides the lexicon's terms as user dictionary (the ``spacy`` segmenter passes its own)."""
        self.vocab = vocab
        self._configure(segmenter, model, lexicons, builtin_lexicon, pos, words, split_compounds)

    def _configure(
        self,
        segmenter: str,
        model: str | None,
        lexicons: Sequence[str],
        builtin_lexicon: bool,
        pos: bool,
        words: Iterable[str] | None = None,
        split_compounds: bool = False,
    ) -> None:
        if segmenter == "spacy":
            raise ValueError("the medannot tokenizer runs rjieba, jieba or pkuseg, not spacy itself")
        self.settings = {
            "segmenter": segmenter,
            "model": os.fspath(model) if model else None,
            "lexicons": [os.fspath(p) for p in lexicons],
            "builtin_lexicon": builtin_lexicon,
            "pos": pos,
            "split_compounds": split_compounds,
        }
        if words is None:
            words = user_words(term for term, _ in _lexicon(tuple(self.settings["lexicons"]), builtin_lexicon).terms())
        self.segmenter = create_segmenter(segmenter, list(words), model=self.settings["model"], split_compounds=split_compounds)
        self.pos = pos and self.segmenter.supports_pos

    def __call__(self, text: str) -> Doc:
        return doc_from_tokens(self.vocab, text, self.segmenter.segment(text, pos=self.pos))

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterable[Doc]:
        for text in texts:
            yield self(text)

    # Serialisation stores the settings; the segmenter and its model are rebuilt from them.
    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return srsly.json_dumps(self.settings).encode("utf-8")

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> MedannotTokenizer:
        self._configure(**srsly.json_loads(data))
        return self

    def to_disk(self, path: str | os.PathLike[str], *, exclude: Iterable[str] = ()) -> None:
        os.makedirs(path, exist_ok=True)
        srsly.write_json(os.path.join(path, "medannot.json"), self.settings)

    def from_disk(self, path: str | os.PathLike[str], *, exclude: Iterable[str] = ()) -> MedannotTokenizer:
        self._configure(**srsly.read_json(os.path.join(path, "medannot.json")))
        return self


@registry.tokenizers(TOKENIZER)
def create_tokenizer(
    segmenter: str = DEFAULT_SEGMENTER,
    model: str | None = None,
    lexicons: Sequence[str] = (),
    builtin_lexicon: bool = True,
    pos: bool = False,
):
    def make(nlp: Language) -> MedannotTokenizer:
        return MedannotTokenizer(nlp.vocab, segmenter, model, lexicons, builtin_lexicon, pos=pos)

    return make


def _sentences(doc: Doc) -> list[tuple[int, int]]:
    if doc.has_annotation("SENT_START"):
        return [(sent.start_char, sent.end_char) for sent in doc.sents]
    return split_sentences(doc.text)


class EntityTagger:
    """Lexicon entities on token boundaries, as the record's ``entities`` are found."""

    def __init__(self, lexicons: Sequence[str] = (), builtin_lexicon: bool = True, spans_key: str = SPANS_KEY, set_ents: bool = True) -> None:
        self.matcher = Matcher(_lexicon(tuple(os.fspath(p) for p in lexicons), builtin_lexicon))
        self.spans_key = spans_key
        self.set_ents = set_ents

    def __call__(self, doc: Doc) -> Doc:
        tokens = [(token.idx, token.idx + len(token)) for token in doc if not token.is_space]
        spans = []
        for entity in find_entities(doc.text, tokens, _sentences(doc), self.matcher):
            span = doc.char_span(entity.start, entity.end, label=entity.label, kb_id=entity.concept_id)
            if span is None:  # cannot happen: the matcher only keeps token-aligned matches
                continue
            span._.canonical = entity.canonical
            span._.concept_id = entity.concept_id
            span._.synonym = entity.synonym
            span._.adverse_event = entity.adverse_event
            span._.cues = {}
            spans.append(span)
        doc.spans[self.spans_key] = spans
        if self.set_ents:  # entities another component already set win where they overlap ours
            taken = {i for ent in doc.ents for i in range(ent.start, ent.end)}
            doc.ents = [*doc.ents, *(span for span in spans if taken.isdisjoint(range(span.start, span.end)))]
        return doc


class AssertionTagger:
    """Assertion flags on the tagger's spans, by the same cue rules as the record's entities."""

    def __init__(self, spans_key: str = SPANS_KEY) -> None:
        self.rules = load_assertion_rules()
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        spans = list(doc.spans.get(self.spans_key, []))
        entities = [
            Entity(
                start=span.start_char,
                end=span.end_char,
                text=span.text,
                label=span.label_,
                canonical=span._.canonical or span.text,
                concept_id=span._.concept_id or span.kb_id_,
                synonym=span._.synonym or span.text,
                sentence=0,
                adverse_event=bool(span._.adverse_event),
            )
            for span in spans
        ]
        assert_entities(to_simplified(doc.text), entities, self.rules)  # cue phrases are Simplified; offsets hold
        for span, entity in zip(spans, entities, strict=True):
            span._.negated = entity.negated
            span._.uncertain = entity.uncertain
            span._.hypothetical = entity.hypothetical
            span._.adverse_event = entity.adverse_event
            span._.cues = dict(entity.cues)
        return doc


@Language.factory(
    "medannot_tagger",
    default_config={"lexicons": [], "builtin_lexicon": True, "spans_key": SPANS_KEY, "set_ents": True},
)
def make_tagger(nlp: Language, name: str, lexicons: list[str], builtin_lexicon: bool, spans_key: str, set_ents: bool) -> EntityTagger:
    return EntityTagger(lexicons, builtin_lexicon, spans_key, set_ents)


@Language.factory("medannot_assertion", default_config={"spans_key": SPANS_KEY})
def make_assertion(nlp: Language, name: str, spans_key: str) -> AssertionTagger:
    return AssertionTagger(spans_key)


def load(
    segmenter: str = DEFAULT_SEGMENTER,
    *,
    model: str | None = None,
    lexicons: Sequence[str] = (),
    builtin_lexicon: bool = True,
    assertion: bool = True,
    pos: bool = False,
) -> Language:
    """A Chinese spaCy pipeline: medannot tokenizer, ``medannot_tagger`` and ``medannot_assertion``."""
    import spacy

    lexicons = [os.fspath(p) for p in lexicons]
    tokenizer = {"@tokenizers": TOKENIZER, "segmenter": segmenter, "model": model, "lexicons": lexicons, "builtin_lexicon": builtin_lexicon, "pos": pos}
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": tokenizer}})
    nlp.add_pipe("medannot_tagger", config={"lexicons": lexicons, "builtin_lexicon": builtin_lexicon})
    if assertion:
        nlp.add_pipe("medannot_assertion")
    return nlp
