"""End-to-end throughput of ``medannot annotate --raw`` against bare ``jieba.lcut``, start-up time
and peak memory — all measured in the same run, on the same generated corpus.

    python bench/throughput.py [--mb 4] [--segmenter rjieba] [--repeat 3]

The corpus is generated from the bundled articles (corpus/articles), shuffled paragraph by paragraph
with a fixed seed until it reaches the requested size, so every run measures the same text
(Simplified Chinese paragraphs only: see paragraphs()).
Targets (issue 2): pipeline ≥ 3× bare jieba.lcut in chars/s, start-up < 0.8 s, peak RSS < 300 MB.
When ../shared is beside the checkout, the pipeline and jieba.lcut are also compared on real medical
text (cMedQANER questions and answers, CMDD dialogues), read in place, with each corpus's density of
entities and cue phrases: the tagging steps' cost grows with both.
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
SHARED = ROOT.parent / "shared" / "data"  # real medical text to measure on, when it is beside the checkout


def paragraphs() -> list[str]:
    """Editorial paragraphs of the bundled corpus (HTML pages go through the separator first),
    Simplified Chinese only: jieba's dictionary is Simplified, so on Traditional text it falls back
    to its HMM and runs about three times slower, which would flatter the ratio."""
    from medannot import Pipeline
    from medannot.read import iter_documents
    from medannot.traditional import has_traditional

    pipeline = Pipeline()
    found = []
    for record in pipeline.pipe(iter_documents([str(ARTICLES)])):
        text = record.content.text
        for paragraph in record.content.paragraphs:
            words = text[paragraph.start : paragraph.end]
            if len(words) > 20 and not has_traditional(words):
                found.append(words)
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


def real_corpora() -> dict[str, list[str]]:
    """Real medical text from ../shared, read in place (never copied): cMedQANER questions and
    answers grouped into documents of about 1,500 characters, and CMDD doctor-patient dialogues."""
    corpora: dict[str, list[str]] = {}
    questions = SHARED / "cmedqaner" / "train.json"
    if questions.exists():
        documents, current = [], []
        for line in questions.read_text(encoding="utf-8").splitlines():
            current.append(json.loads(line)["text"])
            if sum(map(len, current)) >= 1500:
                documents.append("\n".join(current))
                current = []
        corpora["cMedQANER train (Q&A)"] = documents
    dialogues = SHARED / "cmdd-dev" / "dev"
    if dialogues.is_dir():
        from medannot.evaluate.assertion import read_cmdd

        corpora["CMDD dev (dialogues)"] = [dialogue.text for dialogue in read_cmdd(dialogues)]
    return corpora


def density(pipeline, documents: list[str]) -> tuple[float, float]:
    """Entities and cue-phrase occurrences per 100 characters: what the tagging steps' cost scales with."""
    chars = sum(map(len, documents))
    cues = pipeline.assertion_rules.compiled.automaton
    entities = sum(len(pipeline.annotate(text).entities) for text in documents)
    phrases = sum(len(cues.find_matches_as_indexes(text, overlapping=True)) for text in documents)
    return 100 * entities / chars, 100 * phrases / chars


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
    steady = chars / max(chars / cli_rate - startup, 1e-9)  # the CLI once started: what a long batch sees

    print(f"bare jieba.lcut                    {baseline:>12,.0f} chars/s   1.00x")
    print(f"medannot pipeline (in process)     {in_process:>12,.0f} chars/s   {in_process / baseline:.2f}x   target >= 3x")
    print(f"medannot annotate --raw (CLI)      {cli_rate:>12,.0f} chars/s   {cli_rate / baseline:.2f}x   (start-up, reading, JSON writing included)")
    print(f"  the same, start-up taken off      {steady:>12,.0f} chars/s   {steady / baseline:.2f}x   (reading and writing included)")
    print(f"start-up, one small file           {startup:>12.3f} s          target < 0.8 s")
    print(f"peak memory, CLI on the corpus     {peak_mb:>12.1f} MB         target < 300 MB")
    print(f"spaCy imported on the default path {'yes' if spacy_loaded else 'no':>12}")

    # The same comparison on real medical text, and each corpus's density: the generated corpus
    # repeats the bundled articles' paragraphs, written to exercise every feature.
    entities, phrases = density(pipeline, documents)
    print(f"\n{'corpus':<28}{'chars':>10}{'entities/100':>14}{'cues/100':>10}{'pipeline':>14}{'jieba.lcut':>14}{'ratio':>8}")
    print(f"{'generated (above)':<28}{chars:>10,}{entities:>14.1f}{phrases:>10.1f}{in_process:>14,.0f}{baseline:>14,.0f}{in_process / baseline:>7.2f}x")
    for name, texts in real_corpora().items():
        size = sum(map(len, texts))
        entities, phrases = density(pipeline, texts)
        ours = chars_per_second(lambda text: to_json(pipeline.annotate(text)), texts, args.repeat)
        theirs = chars_per_second(jieba.lcut, texts, args.repeat)
        print(f"{name:<28}{size:>10,}{entities:>14.1f}{phrases:>10.1f}{ours:>14,.0f}{theirs:>14,.0f}{ours / theirs:>7.2f}x")


if __name__ == "__main__":
    main()
