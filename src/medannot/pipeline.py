"""The pipeline: decode → separate → segment → tag → record, built once and reused.

``Pipeline.annotate`` takes one text or HTML string; ``Pipeline.pipe`` takes ``Document`` items from
the readers and yields one record or one error record per item, in order, never raising for a
bad document.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from .about import __version__
from .config import Options
from .decode import decode_bytes
from .errors import InputError, MedannotError
from .lexicon import Lexicon, Matcher, load_lexicon
from .lexicon.matcher import TokenBoundaries
from .read import Document, InputFailure
from .record import Content, ErrorRecord, PipelineInfo, Record, Source
from .segment import create_segmenter
from .segment.base import user_words
from .segment.sentences import split_sentences
from .separate import Separated, as_content, separate_html, separate_text
from .tag import assert_entities, find_entities, find_lists, load_assertion_rules
from .traditional import to_simplified

__all__ = ["Pipeline", "annotate"]


class Pipeline:
    """Everything expensive (lexicon, matcher, segmenter, cue rules) is loaded here, once."""

    def __init__(self, options: Options | None = None, *, lexicon: Lexicon | None = None, **overrides: Any) -> None:
        options = options or Options()
        if overrides:
            options = replace(options, **overrides)
        self.options = options
        self.lexicon = lexicon or load_lexicon(options.lexicons, builtin=options.builtin_lexicon)
        self.matcher = Matcher(self.lexicon)
        words = user_words(term for term, _ in self.lexicon.terms())
        model = {"model": options.segmenter_model} if options.segmenter_model else {}
        self.segmenter = create_segmenter(options.segmenter, words, **model)
        self.assertion_rules = load_assertion_rules()
        self.info = PipelineInfo(
            medannot=__version__,
            segmenter=options.segmenter,
            lexicon=self.lexicon.info(),
            raw=options.raw,
            pos=options.pos,
        )

    def annotate(
        self,
        text: str | None = None,
        *,
        html: str | None = None,
        id: str = "document",
        url: str | None = None,
        source: Source | None = None,
    ) -> Record:
        """Annotate one document given as text (a dump, or clean content with ``raw``) or HTML."""
        if (text is None) == (html is None):
            raise TypeError("annotate() takes exactly one of text= or html=")
        body = text if text is not None else html
        if source is None:
            source = Source(url=url, format="text" if text is not None else "html")
            source.sha256 = hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest()
        if not body or body.isspace():  # not strip(): that copies the whole text
            raise InputError("MA101", what=id)
        if self.options.raw:
            separated = as_content(body)
        elif html is not None:
            separated = separate_html(body)
        else:
            separated = separate_text(body)
        return self._record(id, source, separated)

    def _record(self, doc_id: str, source: Source, separated: Separated) -> Record:
        text = separated.content
        tokens = self.segmenter.segment(text, pos=self.options.pos)
        sentences = split_sentences(text)
        entities = find_entities(text, TokenBoundaries.from_offsets(tokens.offsets), sentences, self.matcher)
        # Cue phrases are Simplified: assertion and lists read the text folded (same length, same offsets).
        folded = to_simplified(text)
        assert_entities(folded, entities, self.assertion_rules)
        lists = find_lists(folded, separated.paragraphs, entities)
        return Record(
            id=doc_id,
            source=source,
            meta=separated.meta,
            content=Content(text, separated.paragraphs, sentences),
            boilerplate=separated.boilerplate,
            tokens=tokens.offsets,
            pos=tokens.pos,
            entities=entities,
            lists=lists,
            references=separated.references,
            pipeline=self.info,
        )

    def annotate_document(self, document: Document | InputFailure) -> Record | ErrorRecord:
        """One record, or an error record that says why; never raises for bad input."""
        if isinstance(document, InputFailure):
            source = Source(path=document.path, format=document.format)
            return ErrorRecord(document.id, source, document.error.to_dict())
        source = Source(
            path=document.path,
            url=document.url,
            format=document.format,
            fetched=document.fetched,
            extra=document.extra,
        )
        try:
            if document.data is not None:
                source.sha256 = hashlib.sha256(document.data).hexdigest()
                if len(document.data) > self.options.max_bytes:
                    raise InputError("MA104", what=document.id, size=len(document.data), limit=self.options.max_bytes)
                decoded = decode_bytes(document.data, what=document.path or document.id, content_type=document.content_type)
                body = decoded.text
                source.encoding, source.encoding_lossy = decoded.encoding, decoded.lossy
            else:
                body = document.text or ""
                source.sha256 = hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest()
                source.encoding = "utf-8"
                if len(body) > self.options.max_bytes:
                    raise InputError("MA104", what=document.id, size=len(body), limit=self.options.max_bytes)
            if document.format == "html":
                return self.annotate(html=body, id=document.id, source=source)
            return self.annotate(body, id=document.id, source=source)
        except MedannotError as error:
            return ErrorRecord(document.id, source, error.to_dict())
        except Exception as error:  # noqa: BLE001 - one bad document must not end the batch
            detail = {"type": type(error).__name__, "code": "MA100", "message": f"internal error on {document.id}: {error!r}"}
            return ErrorRecord(document.id, source, detail)

    def pipe(self, documents: Iterable[Document | InputFailure]) -> Iterator[Record | ErrorRecord]:
        """Records in input order, one per document."""
        for document in documents:
            yield self.annotate_document(document)


_default: dict[Options, Pipeline] = {}


def annotate(text: str | None = None, *, html: str | None = None, **options: Any) -> Record:
    """Annotate one document with a pipeline cached per set of options (convenience for scripts)."""
    id_ = options.pop("id", "document")
    url = options.pop("url", None)
    key = Options(**options)
    pipeline = _default.get(key)
    if pipeline is None:
        pipeline = _default[key] = Pipeline(key)
    return pipeline.annotate(text, html=html, id=id_, url=url)
