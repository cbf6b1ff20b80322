"""Embedded index: build rate (documents/s) and query latency on generated records, each against a
bare-FTS5 baseline measured in the same run.

    python bench/index.py [--docs 10000] [--queries 200] [--runs 3] [--lexicon PATH --no-builtin-lexicon]

Records are generated, not annotated, so that 10,000 of them have a realistic vocabulary: words are
drawn from jieba's dictionary with its corpus frequencies (so a few words are in every document and
most are rare, as in real text), 1,000–2,500 characters per document in sentences and paragraphs,
with lexicon terms placed as entities (concepts drawn Zipf-like, synonyms one time in five, one in
ten negated by a preceding 没有), dates over ten years and a handful of sources. Every record has
the exact shape ``medannot annotate`` writes. Baselines: for the build, parsing the same JSONL and
inserting only the segmented body into a bare FTS5 table; for queries, the same MATCH expression
with ``bm25`` and ``LIMIT 10`` on the index (no filters, snippets or facets). One core.
Each build and baseline load runs ``--runs`` times, each in a fresh interpreter, so that every
build pays its one-time set-up (segmenter, tables) as a ``medannot index build`` process does;
min and median rates are shown. Targets (issue 7): ≥ 2,000 documents/s indexed, < 50 ms per query.
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import multiprocessing
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import orjson

from medannot.record import token_pairs

SOURCES = ["健康报", "市第一人民医院", "康宁诊所", "健康门户", "问诊平台", "科普中国"]


class Words:
    """jieba's dictionary as a frequency-weighted sampler, most frequent first.

    Words with a Traditional-only character are left out: the dictionary carries some, and
    mojibake (鈥, 鍚, 鏃) among its frequent entries, which Simplified articles do not hold; the
    index stores such a text twice (as written, and folded to Simplified for search)."""

    def __init__(self, limit: int = 80_000) -> None:
        import jieba

        from medannot.traditional import has_traditional

        entries = []
        with open(Path(jieba.__file__).with_name("dict.txt"), encoding="utf-8") as lines:
            for line in lines:
                word, freq, *_ = line.split()
                if all("\u4e00" <= c <= "\u9fff" for c in word) and not has_traditional(word):
                    entries.append((int(freq), word))
        entries.sort(reverse=True)
        self.ranked = [w for _, w in entries[:limit]]
        self._cumulative = list(itertools.accumulate(f for f, _ in entries[:limit]))

    def sample(self, rng: random.Random) -> str:
        return self.ranked[bisect.bisect_right(self._cumulative, rng.random() * self._cumulative[-1])]


class Generator:
    """Records in annotate's shape with exact token, sentence, paragraph and entity offsets."""

    def __init__(self, words: Words, lexicon: Any, seed: int = 11) -> None:
        self.words = words
        self.rng = random.Random(seed)
        self.concepts = list(lexicon)
        self.concept_weights = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(self.concepts))))
        self.info = {"medannot": "bench", "segmenter": "rjieba", "lexicon": lexicon.info(), "raw": True, "pos": False}

    def _concept(self) -> Any:
        pick = self.rng.random() * self.concept_weights[-1]
        return self.concepts[bisect.bisect_right(self.concept_weights, pick)]

    def record(self, doc_id: str) -> dict[str, Any]:
        rng = self.rng
        parts: list[str] = []
        tokens: list[int] = []  # flat start, end pairs, as records store them
        sentences: list[list[int]] = []
        paragraphs: list[dict[str, Any]] = []
        entities: list[dict[str, Any]] = []
        offset = 0

        def put(piece: str) -> int:
            nonlocal offset
            parts.append(piece)
            tokens.extend((offset, offset + len(piece)))
            offset += len(piece)
            return offset - len(piece)

        for p in range(rng.randint(4, 10)):
            if p:
                parts.append("\n")
                offset += 1
            paragraph_start = offset
            for _ in range(rng.randint(4, 9)):
                sentence_start = offset
                for w in range(rng.randint(8, 28)):
                    if self.concepts and rng.random() < 0.03:
                        concept = self._concept()
                        term = rng.choice(concept.synonyms) if concept.synonyms and rng.random() < 0.2 else concept.canonical
                        negated = rng.random() < 0.1
                        if negated:
                            put("没有")
                        start = put(term)
                        entities.append({
                            "start": start, "end": start + len(term), "text": term, "label": concept.category,
                            "canonical": concept.canonical, "concept_id": concept.id, "synonym": term,
                            "sentence": len(sentences), "list_item": None, "negated": negated, "uncertain": False,
                            "hypothetical": False, "adverse_event": False, "cues": {"negated": "没有"} if negated else {},
                        })
                    else:
                        put(self.words.sample(rng))
                    if w and rng.random() < 0.12:
                        put("，")
                put("。")
                sentences.append([sentence_start, offset])
            paragraphs.append({"start": paragraph_start, "end": offset, "kind": "paragraph"})
        text = "".join(parts)
        date = f"{rng.randint(2015, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        title = "".join(self.words.sample(rng) for _ in range(rng.randint(3, 7)))
        return {
            "id": doc_id,
            "source": {"path": None, "url": f"https://site{rng.randint(1, 40)}.example.org/{doc_id}", "format": "text",
                       "encoding": "utf-8", "encoding_lossy": False, "sha256": None, "fetched": None, "extra": {}},
            "meta": {"title": title, "published": date, "source_name": rng.choice(SOURCES), "author": None, "views": None, "phones": []},
            "content": {"text": text, "paragraphs": paragraphs, "sentences": sentences},
            "boilerplate": [],
            "tokens": tokens,
            "pos": None,
            "entities": entities,
            "lists": [],
            "references": [],
            "pipeline": self.info,
            "schema_version": 1,
        }


def generate(generator: Generator, count: int, path: Path) -> list[dict[str, Any]]:
    """Write ``count`` records; returns a sample of them for drawing queries."""
    sample = []
    with path.open("wb") as out:
        for number in range(count):
            record = generator.record(f"doc-{number:05d}")
            if number % 50 == 0:
                sample.append(record)
            out.write(orjson.dumps(record) + b"\n")
    return sample


def baseline_build(records: Path, db: Path) -> float:
    """Seconds to parse the JSONL and load only the segmented bodies into a bare FTS5 table."""
    from medannot.index.text import index_form, segmented

    index_form("")  # its one-time table is the index's set-up, not part of a bare load
    start = time.perf_counter()
    connection = sqlite3.connect(db, isolation_level=None)
    connection.execute("CREATE VIRTUAL TABLE fts USING fts5(body)")
    connection.execute("BEGIN")
    with records.open("rb") as lines:
        for line in lines:
            record = orjson.loads(line)
            body = segmented(index_form(record["content"]["text"]), token_pairs(record["tokens"]))
            connection.execute("INSERT INTO fts(body) VALUES (?)", (body,))
    connection.execute("COMMIT")
    connection.close()
    return time.perf_counter() - start


def timed_build(records: Path, db: Path, lexicons: list[str], builtin: bool) -> tuple[float, float]:
    """(seconds, MB) of ``build_index`` into a new ``db``; the lexicon is loaded first, as the CLI does."""
    from medannot import load_lexicon
    from medannot.index import build_index

    lexicon = load_lexicon(lexicons, builtin=builtin)
    seconds = build_index([records], db, lexicon).seconds
    return seconds, db.stat().st_size / 1e6


def in_fresh_interpreter(function: Any, *args: Any) -> Any:
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        return pool.apply(function, args)


def make_queries(words: Words, sample: list[dict[str, Any]], count: int, seed: int = 5) -> list[tuple[str, str, dict[str, Any]]]:
    """(kind, query, filters) of every kind the CLI takes, drawn from the generated vocabulary."""
    rng = random.Random(seed)
    ranked = words.ranked
    mentions = [(e["label"], e["canonical"], e["text"]) for r in sample for e in r["entities"] if not e["negated"]]

    def phrase() -> str:
        record = rng.choice(sample)
        text, tokens = record["content"]["text"], list(token_pairs(record["tokens"]))
        while True:
            i = rng.randrange(len(tokens) - 1)
            pair = text[tokens[i][0] : tokens[i + 1][1]]
            if pair.isalnum():
                return f'"{pair}"'

    makers = {
        "frequent word (top 500)": lambda: (rng.choice(ranked[:500]), {}),
        "mid word (500-10k)": lambda: (rng.choice(ranked[500:10_000]), {}),
        "rare word (10k+)": lambda: (rng.choice(ranked[10_000:]), {}),
        "two words": lambda: (f"{rng.choice(ranked[:10_000])} {rng.choice(ranked[:10_000])}", {}),
        "phrase": lambda: (phrase(), {}),
        "concept name": lambda: (rng.choice(mentions)[1], {}),
        "synonym as written": lambda: (rng.choice(mentions)[2], {}),
        "word + date range": lambda: (rng.choice(ranked[:10_000]), {"since": "2020-01-01", "until": "2021-12"}),
        "facet filter only": lambda: ("", {"concept": rng.choice(mentions)[:2]}),
        "word + facet filter": lambda: (rng.choice(ranked[:2_000]), {"concept": rng.choice(mentions)[:2]}),
    }
    kinds = list(makers)
    return [(kinds[i % len(kinds)], *makers[kinds[i % len(kinds)]]()) for i in range(count)]


def run_queries(db: Path, queries: list[tuple[str, str, dict[str, Any]]]) -> tuple[dict[str, list[float]], list[float], float]:
    """(medannot latencies in ms by kind, bare-FTS5 latencies in ms, Searcher start-up in s)."""
    from medannot.index import Filters, Searcher

    started = time.perf_counter()
    searcher = Searcher(db)
    startup = time.perf_counter() - started
    ours: dict[str, list[float]] = defaultdict(list)
    bare = []
    for kind, text, options in queries:
        concept = options.get("concept")
        filters = Filters(since=options.get("since"), until=options.get("until"), concepts=(concept,) if concept else ())
        start = time.perf_counter()
        result = searcher.search(text, filters)
        ours[kind].append((time.perf_counter() - start) * 1000)
        if result.expression:
            body_only = result.expression.replace("{title body} : ", "").replace("{concepts} : ", "")
            start = time.perf_counter()
            searcher.connection.execute(
                "SELECT rowid, bm25(fts) FROM fts WHERE fts MATCH ? ORDER BY bm25(fts) LIMIT 10", (body_only,)
            ).fetchall()
            bare.append((time.perf_counter() - start) * 1000)
    searcher.close()
    return ours, bare, startup


def cli_search_seconds(db: Path, query: str, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "medannot", "search", query, "--db", str(db), "--json"], check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3, help="builds and baseline loads to time (min and median shown)")
    parser.add_argument("--lexicon", action="append", default=[], help="user lexicon (repeatable)")
    parser.add_argument("--no-builtin-lexicon", action="store_true")
    args = parser.parse_args()

    from medannot import load_lexicon
    from medannot.index import build_index

    lexicon = load_lexicon(args.lexicon, builtin=not args.no_builtin_lexicon)
    words = Words()
    with tempfile.TemporaryDirectory() as tmp:
        records, db = Path(tmp) / "records.jsonl", Path(tmp) / "index.sqlite"
        sample = generate(Generator(words, lexicon), args.docs, records)
        chars = statistics.mean(len(r["content"]["text"]) for r in sample)
        mentions = statistics.mean(len(r["entities"]) for r in sample)
        print(f"records: {args.docs:,} generated, ~{chars:,.0f} chars and ~{mentions:.0f} entity mentions each, "
              f"{records.stat().st_size / 1e6:,.0f} MB of JSONL; lexicon of {len(lexicon):,} concepts")

        base_rates, rates = [], []
        for _ in range(args.runs):  # alternated, so that a change in the machine's load hits both
            bare = Path(tmp) / "bare.sqlite"
            base_rates.append(args.docs / in_fresh_interpreter(baseline_build, records, bare))
            bare.unlink()
            db.unlink(missing_ok=True)
            seconds, size = in_fresh_interpreter(timed_build, records, db, args.lexicon, not args.no_builtin_lexicon)
            rates.append(args.docs / seconds)
        again = build_index([records], db, lexicon)
        base_rate, rate = statistics.median(base_rates), statistics.median(rates)
        print(f"build   bare FTS5 load (baseline)        {base_rate:>8,.0f} docs/s  1.00x  (min {min(base_rates):,.0f}, {args.runs} runs)")
        print(f"build   medannot index build             {rate:>8,.0f} docs/s  {rate / base_rate:.2f}x  (min {min(rates):,.0f}, "
              f"{args.runs} runs)  target >= 2,000 docs/s")
        print(f"build   again, nothing changed (upsert)  {args.docs / again.seconds:>8,.0f} docs/s")
        print(f"index   file size                        {size:>8,.0f} MB")

        queries = make_queries(words, sample, args.queries)
        ours, bare, startup = run_queries(db, queries)
        every = [t for times in ours.values() for t in times]
        print(f"query   bare FTS5 MATCH + bm25 top 10    median {statistics.median(bare):6.2f} ms  p95 {percentile(bare, 0.95):6.2f} ms")
        print(f"query   medannot search, all kinds       median {statistics.median(every):6.2f} ms  p95 {percentile(every, 0.95):6.2f} ms"
              f"  max {max(every):6.2f} ms  target < 50 ms")
        for kind, times in ours.items():
            print(f"          {kind:<30} median {statistics.median(times):6.2f} ms  max {max(times):6.2f} ms")
        print(f"search  Searcher start-up (terms, segmenter) {startup:6.3f} s")
        print(f"search  whole `medannot search` process      {cli_search_seconds(db, queries[0][1]):6.3f} s")


if __name__ == "__main__":
    main()
