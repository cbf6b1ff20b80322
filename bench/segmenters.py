"""Compare the segmenter backends on medical text: F1 with and without the lexicon, speed, start-up, memory.

    python bench/segmenters.py                       # every backend this environment has
    python bench/segmenters.py --backends rjieba,jieba --seconds 3

For each backend a fresh Python process builds the segmenter with the lexicon as user dictionary
and reports:
- F1 (SIGHAN word spans) on the gold (default ../shared/data/amttl/forum_dev.txt) of the same
  backend without the lexicon, with it at word granularity (compound terms take the backend's
  inner split, as the gold standard does), and with it at term granularity (every term one token:
  what records get);
- throughput in chars/s, segmenting the AMTTL train+dev text as ~4000-character documents for
  ``--seconds`` (the ratio column divides by jieba's, measured in the same run);
- start-up: import of the backend plus building it with the lexicon (the lexicon load itself is the
  same for every backend and is printed once);
- peak RSS of that process (Python + medannot + lexicon + backend; the line under the table gives
  the same process without a segmenter).
Backends whose package or model is missing are listed as skipped, with the reason.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
AMTTL = ROOT.parent / "shared" / "data" / "amttl"
BACKENDS = ("rjieba", "jieba", "pkuseg", "spacy", "spacy+pkuseg")
DOC_CHARS = 4000


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def _documents(paths: list[Path]) -> list[str]:
    from medannot.evaluate.cws import read_gold

    docs, current = [], ""
    for path in paths:
        for sentence in read_gold(path):
            current += sentence.text + "\n"
            if len(current) >= DOC_CHARS:
                docs.append(current)
                current = ""
    return docs + ([current] if current else [])


def child(args: argparse.Namespace) -> dict:
    """Runs in a fresh process: one backend, measured in the order that keeps memory honest."""
    from medannot.errors import MedannotError
    from medannot.evaluate.cws import read_gold, score, segmenter_spans
    from medannot.lexicon import load_lexicon
    from medannot.segment import create_segmenter
    from medannot.segment.base import user_words

    started = time.perf_counter()
    lexicon = load_lexicon(args.lexicon, builtin=not args.no_builtin_lexicon)
    words = user_words(term for term, _ in lexicon.terms())
    gold = read_gold(args.gold)
    docs = _documents(args.corpus)
    result: dict = {"lexicon_s": time.perf_counter() - started, "user_words": len(words)}
    if args.child == "none":  # the baseline process: everything but a segmenter
        result["peak_mb"] = _peak_mb()
        return result
    name, _, inner = args.child.partition("+")
    model = {"model": args.pkuseg_model} if name == "pkuseg" or inner == "pkuseg" else {}
    try:
        started = time.perf_counter()
        segmenter = create_segmenter(name, words, **model)
        segmenter.segment("患者无发热。")
        result["startup_s"] = time.perf_counter() - started
    except (MedannotError, ImportError) as error:
        return {"skipped": str(error)}
    result["f1_lexicon"] = score(gold, segmenter_spans(segmenter)).f1
    chars, started = 0, time.perf_counter()
    while time.perf_counter() - started < args.seconds:
        for doc in docs:
            segmenter.segment(doc)
            chars += len(doc)
            if time.perf_counter() - started >= args.seconds:
                break
    result["chars_per_s"] = chars / (time.perf_counter() - started)
    result["peak_mb"] = _peak_mb()
    del segmenter
    result["f1_plain"] = score(gold, segmenter_spans(create_segmenter(name, [], **model))).f1
    word_level = create_segmenter(name, words, split_compounds=True, **model)
    result["f1_word"] = score(gold, segmenter_spans(word_level)).f1
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", type=Path, default=AMTTL / "forum_dev.txt")
    parser.add_argument("--corpus", type=Path, nargs="+", default=[AMTTL / "forum_train.txt", AMTTL / "forum_dev.txt"], help="Text for throughput (gold files; their words are joined).")
    parser.add_argument("--backends", default=",".join(BACKENDS), help=f"Comma-separated, from {', '.join(BACKENDS)}.")
    parser.add_argument("--pkuseg-model", default="mixed", help="pkuseg model for pkuseg and spacy+pkuseg (default: the installed mixed model).")
    parser.add_argument("--lexicon", action="append", default=[], help="User lexicon (repeatable), as in medannot annotate.")
    parser.add_argument("--no-builtin-lexicon", action="store_true")
    parser.add_argument("--seconds", type=float, default=5.0, help="Throughput measuring time per backend.")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args)))
        return
    if not args.gold.is_file():
        sys.exit(f"gold file {args.gold} not found (the AMTTL data lives in ../shared/data/amttl)")

    results = {}
    for backend in ["none", *args.backends.split(",")]:
        command = [sys.executable, __file__, "--child", backend, "--gold", str(args.gold), "--pkuseg-model", args.pkuseg_model, "--seconds", str(args.seconds), "--corpus", *map(str, args.corpus)]
        command += [f"--lexicon={path}" for path in args.lexicon] + (["--no-builtin-lexicon"] if args.no_builtin_lexicon else [])
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0:
            results[backend] = {"skipped": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit {done.returncode}"}
        else:
            results[backend] = json.loads(done.stdout.strip().splitlines()[-1])
        print(f"measured {backend}", file=sys.stderr)

    baseline = results.pop("none")
    reference = results.get("jieba", {}).get("chars_per_s")
    print(f"gold: {args.gold} · lexicon: {baseline.get('user_words', '?')} user words (loaded in {baseline.get('lexicon_s', 0):.2f} s)\n")
    print("| backend | F1 without lexicon | F1 with lexicon, word granularity | Δ F1 | F1 with lexicon, term granularity (records) | chars/s | × jieba | start-up (s) | peak RSS (MB) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for backend, r in results.items():
        if "skipped" in r:
            print(f"| {backend} | skipped: {r['skipped']} | | | | | | | |")
            continue
        ratio = f"{r['chars_per_s'] / reference:.1f}" if reference else "–"
        delta = 100 * (r["f1_word"] - r["f1_plain"])
        print(
            f"| {backend} | {100 * r['f1_plain']:.2f} | {100 * r['f1_word']:.2f} | {delta:+.2f} | {100 * r['f1_lexicon']:.2f} | "
            f"{r['chars_per_s']:,.0f} | {ratio} | {r['startup_s']:.2f} | {r['peak_mb']:.0f} |"
        )
    print(f"\nbaseline process (Python + medannot + lexicon + gold, no segmenter): {baseline.get('peak_mb', 0):.0f} MB peak RSS")


if __name__ == "__main__":
    main()
