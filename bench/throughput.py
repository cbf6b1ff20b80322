"""End-to-end throughput of ``medannot annotate --raw`` against bare ``jieba.lcut``, start-up time
and peak memory — all measured in the same run, on the same generated corpus.

    python bench/throughput.py [--mb 4] [--segmenter rjieba] [--repeat 3]

The corpus is generated from the bundled articles (corpus/articles), shuffled paragraph by paragraph
with a fixed seed until it reaches the requested size, so every run measures the same text.
Targets (issue 2): pipeline ≥ 3× bare jieba.lcut in chars/s, start-up < 0.8 s, peak RSS < 300 MB.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "corpus" / "articles"


def paragraphs() -> list[str]:
    """Editorial paragraphs of the bundled corpus (HTML pages go through the separator first)."""
    from medannot import Pipeline
    from medannot.read import iter_documents

    pipeline = Pipeline()
    found = []
    for record in pipeline.pipe(iter_documents([str(ARTICLES)])):
        text = record.content.text
        found.extend(text[p.start : p.end] for p in record.content.paragraphs if p.end - p.start > 20)
    return found


def generate(megabytes: float, seed: int = 7) -> list[str]:
    """Documents of 5–15 paragraphs until the corpus holds ``megabytes`` of UTF-8 text."""
    rng = random.Random(seed)
    pool = paragraphs()
    documents, size = [], 0
    while size < megabytes * 1024 * 1024:
        text = "\n".join(rng.choice(pool) for _ in range(rng.randint(5, 15)))
        documents.append(text)
        size += len(text.encode("utf-8"))
    return documents


def chars_per_second(func, documents: list[str], repeat: int) -> float:
    """The best of ``repeat`` passes over the corpus, as ``timeit`` reports: the other passes measure
    what else the machine was doing."""
    chars = sum(map(len, documents))
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for text in documents:
            func(text)
        best = min(best, time.perf_counter() - start)
    return chars / best


def startup_seconds(sample: Path, segmenter: str, runs: int = 5) -> float:
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "medannot", "annotate", str(sample), "-o", f"{tmp}/one.jsonl", "--segmenter", segmenter],
                check=True,
                capture_output=True,
            )
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def cli_run(documents: list[str], segmenter: str) -> tuple[float, float, bool]:
    """(chars/s, peak RSS MB, spaCy imported?) of the real CLI on the corpus as JSONL, in a child process."""
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "corpus.jsonl"
        with source.open("w", encoding="utf-8") as out:
            for index, text in enumerate(documents):
                out.write(json.dumps({"id": f"d{index}", "text": text}, ensure_ascii=False) + "\n")
        probe = (
            "import sys, resource, runpy;"
            f"sys.argv=['medannot','annotate',{str(source)!r},'-o',{tmp + '/out.jsonl'!r},'--raw','--segmenter',{segmenter!r},'--workers','1'];"
            "from medannot.cli import main\n"
            "try:\n main()\nexcept SystemExit:\n pass\n"
            "print('spacy-imported=' + str('spacy' in sys.modules), file=sys.stderr)"
        )
        start = time.perf_counter()
        result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
        elapsed = time.perf_counter() - start
        peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        if "spacy-imported=" not in result.stderr:
            raise SystemExit(f"CLI run failed:\n{result.stderr}")
    chars = sum(map(len, documents))
    return chars / elapsed, peak_kb / 1024, "spacy-imported=True" in result.stderr


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=4.0, help="corpus size in MB of UTF-8 text")
    parser.add_argument("--segmenter", default="rjieba")
    parser.add_argument("--repeat", type=int, default=3, help="passes per measurement; the best counts, for both sides")
    args = parser.parse_args()

    import jieba

    from medannot import Pipeline
    from medannot.record import to_json

    documents = generate(args.mb)
    chars = sum(map(len, documents))
    print(f"corpus: {len(documents)} documents, {chars:,} characters ({args.mb} MB), segmenter {args.segmenter}, best of {args.repeat} passes")

    jieba.initialize()
    jieba.lcut(documents[0])
    baseline = chars_per_second(jieba.lcut, documents, args.repeat)

    pipeline = Pipeline(raw=True, segmenter=args.segmenter)
    pipeline.annotate(documents[0])
    in_process = chars_per_second(lambda text: to_json(pipeline.annotate(text)), documents, args.repeat)
    cli_rate, peak_mb, spacy_loaded = cli_run(documents, args.segmenter)
    startup = startup_seconds(ARTICLES / "dumps" / "hospital-diabetes.txt", args.segmenter)

    print(f"bare jieba.lcut                    {baseline:>12,.0f} chars/s   1.00x")
    print(f"medannot pipeline (in process)     {in_process:>12,.0f} chars/s   {in_process / baseline:.2f}x   target >= 3x")
    print(f"medannot annotate --raw (CLI)      {cli_rate:>12,.0f} chars/s   {cli_rate / baseline:.2f}x   (start-up, reading, JSON writing included)")
    print(f"start-up, one small file           {startup:>12.3f} s          target < 0.8 s")
    print(f"peak memory, CLI on the corpus     {peak_mb:>12.1f} MB         target < 300 MB")
    print(f"spaCy imported on the default path {'yes' if spacy_loaded else 'no':>12}")


if __name__ == "__main__":
    main()
