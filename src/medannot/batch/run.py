"""Annotate a batch of inputs into one JSONL file, counting what happened."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..config import Options
from ..pipeline import Pipeline
from ..read import iter_documents
from ..record import ErrorRecord, to_json
from .writer import AtomicWriter

__all__ = ["Summary", "run_batch"]


@dataclass(slots=True)
class Summary:
    documents: int = 0
    errors: int = 0
    errors_by_code: Counter = field(default_factory=Counter)
    characters: int = 0
    seconds: float = 0.0

    def describe(self) -> str:
        rate = self.documents / self.seconds if self.seconds else 0.0
        detail = ", ".join(f"{code}: {n}" for code, n in sorted(self.errors_by_code.items()))
        return (
            f"medannot: {self.documents} documents, {self.errors} errors{f' ({detail})' if detail else ''}, "
            f"{self.seconds:.2f} s, {rate:.1f} docs/s"
        )


def run_batch(inputs: Sequence[str], output: str, options: Options) -> Summary:
    """Annotate every document named by ``inputs`` into ``output`` (JSONL; ``-`` for stdout)."""
    started = time.perf_counter()
    pipeline = Pipeline(options)
    summary = Summary()
    with AtomicWriter(output) as out:
        for record in pipeline.pipe(iter_documents(inputs, max_bytes=options.max_bytes)):
            summary.documents += 1
            if isinstance(record, ErrorRecord):
                summary.errors += 1
                summary.errors_by_code[record.error.get("code", "?")] += 1
            else:
                summary.characters += len(record.content.text)
            out.write(to_json(record) + b"\n")
    summary.seconds = time.perf_counter() - started
    return summary
