"""Throughput of the tagging step alone (no reading, boilerplate, segmentation or JSON) with the
full built-in lexicon, against baselines measured in the same run on the same text.

    python bench/tagging.py [--mb 4] [--repeat 3] [--text FILE ...]

The corpus is the one bench/throughput.py generates from the bundled articles' Simplified Chinese
paragraphs (bench/throughput.py prints its density of entities and cue phrases beside that of real
medical text), or, with --text, the given UTF-8 files repeated to
--mb (each file one document, taken as clean content). Segmentation and
sentence splitting happen first and are not timed: the figures are for what ``medannot.tag`` does.

    Aho-Corasick scan only        the automaton over the lower-cased text, no Python per match: a floor
    bare jieba.lcut               the reference bench/throughput.py uses, for scale
    matching                      Matcher.find: leftmost-longest, aligned to token boundaries
    entities (the tagging step)   find_entities: matching plus a record Entity per match
    assertion                     assert_entities as the pipeline calls it (cues not held to token bounds)
    lists                         find_lists
    all of tag/                   entities + assertion + lists

Each figure is the best of --repeat runs (the machine is shared; the best run is the least disturbed).
Target (issue 4): the tagging step at least 10 M chars/s.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import generate  # noqa: E402  (the same corpus as the end-to-end bench)


def lines(text: str) -> list:
    """Each line of a generated document is one paragraph."""
    from medannot.record import Paragraph

    paragraphs, offset = [], 0
    for line in text.split("\n"):
        if line.strip():
            paragraphs.append(Paragraph(offset, offset + len(line)))
        offset += len(line) + 1
    return paragraphs


def repeated(texts: list[str], megabytes: float) -> list[str]:
    documents, size = [], 0
    while size < megabytes * 1024 * 1024:
        for text in texts:
            documents.append(text)
            size += len(text.encode("utf-8"))
    return documents


def best_rate(work: Callable[[], object], chars: int, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return chars / best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=4.0, help="corpus size in MB of UTF-8 text")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the best counts")
    parser.add_argument("--text", nargs="+", type=Path, help="measure on these files instead of the generated corpus")
    args = parser.parse_args()

    import jieba

    from medannot import Pipeline
    from medannot.lexicon.matcher import TokenBoundaries
    from medannot.segment.sentences import split_sentences
    from medannot.tag import assert_entities, find_entities, find_lists

    documents = generate(args.mb) if not args.text else repeated([p.read_text(encoding="utf-8") for p in args.text], args.mb)
    chars = sum(map(len, documents))
    pipeline = Pipeline(raw=True)
    matcher, rules = pipeline.matcher, pipeline.assertion_rules
    # Tokens as the segmenter gives them to the pipeline (flat offsets); the tagging step starts from those.
    prepared = [(text, pipeline.segmenter.segment(text).offsets, split_sentences(text), lines(text)) for text in documents]

    def tag_entities(text: str, offsets: list[int], sentences: list) -> list:
        return find_entities(text, TokenBoundaries.from_offsets(offsets), sentences, matcher)

    entity_count = sum(len(tag_entities(text, tokens, sentences)) for text, tokens, sentences, _ in prepared)
    print(
        f"corpus: {len(documents)} documents, {chars:,} characters ({args.mb} MB); lexicon {pipeline.lexicon.name} "
        f"{pipeline.lexicon.version}: {len(pipeline.lexicon):,} concepts, {len(pipeline.lexicon.index):,} terms; "
        f"{entity_count:,} entities (one per {chars / max(entity_count, 1):.1f} characters)"
    )

    lowered = [text.lower() for text in documents]
    automaton = matcher._automaton  # noqa: SLF001 - the floor is the bare automaton
    jieba.initialize()

    def tag_one(text: str, tokens: list, sentences: list, paragraphs: list) -> None:
        entities = tag_entities(text, tokens, sentences)
        assert_entities(text, entities, rules)
        find_lists(text, paragraphs, entities)

    def each(step: Callable[..., object], *columns: Sequence) -> Callable[[], None]:
        """Run ``step`` over every document, keeping no result (as a batch run keeps none)."""

        def run() -> None:
            for row in zip(*columns):
                step(*row)

        return run

    texts = [row[0] for row in prepared]
    tokens = [row[1] for row in prepared]
    sentences = [row[2] for row in prepared]
    paragraphs = [row[3] for row in prepared]
    rates = {
        "Aho-Corasick scan only": best_rate(each(lambda t: automaton.find_matches_as_indexes(t, overlapping=True), lowered), chars, args.repeat),
        "bare jieba.lcut": best_rate(each(jieba.lcut, documents), chars, 1),
        "matching (Matcher.find)": best_rate(
            each(lambda t, tok: matcher.find(t, TokenBoundaries.from_offsets(tok)), texts, tokens), chars, args.repeat
        ),
        "entities (the tagging step)": best_rate(each(tag_entities, texts, tokens, sentences), chars, args.repeat),
    }
    # Assertion sets flags in place: every run gets entities of its own, found before the clock starts.
    runs = [[tag_entities(t, tok, s) for t, tok, s in zip(texts, tokens, sentences)] for _ in range(args.repeat)]
    rates["assertion"] = best_rate(lambda: each(lambda t, e: assert_entities(t, e, rules), texts, runs.pop())(), chars, args.repeat)
    found = [tag_entities(t, tok, s) for t, tok, s in zip(texts, tokens, sentences)]
    rates["lists"] = best_rate(each(find_lists, texts, paragraphs, found), chars, args.repeat)
    del found
    rates["all of tag/"] = best_rate(each(tag_one, texts, tokens, sentences, paragraphs), chars, args.repeat)

    jieba_rate = rates["bare jieba.lcut"]
    for name, rate in rates.items():
        note = "   target >= 10 M chars/s" if name.startswith("entities") else ""
        print(f"{name:<30}{rate / 1e6:>8.2f} M chars/s   {rate / jieba_rate:>6.1f}x jieba.lcut{note}")


if __name__ == "__main__":
    main()
