"""What a run did, for the closing line on stderr and for ``--stats FILE`` (JSON).

The counts reconcile: ``documents == ok + errors``, ``errors == sum(errors_by_code)``, and the
output holds ``documents + resumed`` records. Archive records that are not documents (WARC
requests, images, redirects…) are not in the output; ``skipped`` counts them by reason.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Summary"]


@dataclass(slots=True)
class Summary:
    documents: int = 0  # records written by this run
    errors: int = 0  # of which error records
    errors_by_code: Counter = field(default_factory=Counter)
    characters: int = 0  # content characters of the annotated documents
    seconds: float = 0.0
    startup_seconds: float = 0.0  # of which: building the pipeline, taking stock, starting workers
    resumed: int = 0  # records an interrupted run had already written (skipped inputs)
    resumed_errors: int = 0  # of which error records
    skipped: Counter = field(default_factory=Counter)  # non-document archive records, by reason
    stale: int = 0  # records found in the output on resume whose id no input has any more
    engine: str = "local"
    workers: int = 1
    outputs: list[str] = field(default_factory=list)

    @property
    def ok(self) -> int:
        return self.documents - self.errors

    @property
    def failed(self) -> bool:
        """Whether the output holds any error record (the exit status says so)."""
        return bool(self.errors or self.resumed_errors)

    def rate(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0

    def add(self, error: str | None, characters: int) -> None:
        self.documents += 1
        if error is None:
            self.characters += characters
        else:
            self.errors += 1
            self.errors_by_code[error] += 1

    def describe(self) -> str:
        detail = ", ".join(f"{code}: {n}" for code, n in sorted(self.errors_by_code.items()))
        chars_rate = self.characters / self.seconds if self.seconds else 0.0
        where = f"{self.workers} worker{'s' if self.workers != 1 else ''} ({self.engine})" if self.workers else self.engine
        text = (
            f"medannot: {self.documents} documents, {self.errors} errors{f' ({detail})' if detail else ''}, "
            f"{self.seconds:.2f} s, {self.rate():.1f} docs/s, {chars_rate:,.0f} chars/s, {where}"
        )
        if self.resumed:
            text += f"; resumed after {self.resumed} records already written ({self.resumed_errors} errors)"
        if self.stale:
            text += f"; {self.stale} records in the output match no input"
        if self.skipped:
            text += f"; skipped {sum(self.skipped.values())} non-document archive records"
        if self.outputs and self.outputs != ["-"]:
            shown = self.outputs[0] if len(self.outputs) == 1 else f"{len(self.outputs)} shards {self.outputs[0]} …"
            text += f" → {shown}"
        return text

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "ok": self.ok,
            "errors": self.errors,
            "errors_by_code": dict(sorted(self.errors_by_code.items())),
            "characters": self.characters,
            "seconds": round(self.seconds, 3),
            "startup_seconds": round(self.startup_seconds, 3),
            "docs_per_second": round(self.rate(), 2),
            "chars_per_second": round(self.characters / self.seconds, 1) if self.seconds else 0.0,
            "resumed": self.resumed,
            "resumed_errors": self.resumed_errors,
            "skipped": dict(sorted(self.skipped.items())),
            "stale": self.stale,
            "engine": self.engine,
            "workers": self.workers,
            "outputs": self.outputs,
        }
