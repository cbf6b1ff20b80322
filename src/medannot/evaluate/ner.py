"""Score entity spans against gold NER data, per label, by exact and by overlap match.

Gold formats:

- ``cmedqaner``: JSON lines ``{"text", "mention_data": [{"mention", "type", "offset"}]}``; a mention
  whose offset does not point at its text is skipped (and counted).
- ``cmeee``: a JSON array (or JSON lines) of ``{"text", "entities": [{"start_idx", "end_idx",
  "type", "entity"}]}``; ``end_idx`` inclusive as CBLUE ships it (exclusive is detected too).
- ``spans``: JSON lines ``{"text", "entities": [{"start", "end", "label"}]}`` in medannot's labels.

Gold types are mapped to medannot labels (body → anatomy, test → exam, …); types without a
counterpart (time, crowd, …) are not scored, and neither are predictions whose label the gold
set never uses. Exact: same label, same span. Overlap: same label, spans share a character;
overlap precision counts predictions that overlap some gold span, overlap recall gold spans that
overlap some prediction.

``interchangeable`` (off by default, ``--interchangeable symptom,disease`` on the command line)
declares labels whose split the gold draws by another convention: a span right under either
counts for both. cMedQANER, for one, labels many complaints and signs (发烧, 血尿, 黄疸, 惊厥)
diseases, where medannot files them as symptoms by ICD-10 chapter XVIII (lexicons/README.md).
Precision counts predictions of a label that hit a gold span of an interchangeable one; recall
counts gold spans hit by a prediction of an interchangeable label. Report it beside the strict
figures, never instead of them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from ..errors import InputError

__all__ = ["FORMATS", "LABEL_MAPS", "GoldDocument", "LabelScore", "Report", "read_gold", "score"]

FORMATS = ("cmedqaner", "cmeee", "spans")
LABEL_MAPS: dict[str, dict[str, str]] = {
    "cmedqaner": {
        "symptom": "symptom",
        "disease": "disease",
        "drug": "drug",
        "treatment": "treatment",
        "body": "anatomy",
        "test": "exam",
        "department": "department",
    },
    "cmeee": {
        "sym": "symptom",
        "dis": "disease",
        "dru": "drug",
        "pro": "treatment",
        "bod": "anatomy",
        "ite": "exam",
        "equ": "device",
        "mic": "microorganism",
        "dep": "department",
    },
}

Span = tuple[int, int, str]  # start, end (exclusive), medannot label


@dataclass(slots=True)
class GoldDocument:
    text: str
    spans: list[Span]
    unscored: list[Span] = field(default_factory=list)  # gold mentions of types without a medannot label


@dataclass(slots=True)
class GoldStats:
    documents: int = 0
    mentions: int = 0
    misaligned: int = 0  # offset does not point at the mention: skipped
    unmapped: Counter[str] = field(default_factory=Counter)  # gold types not scored


def _lines(path: Path) -> Iterator[dict]:
    data = path.read_bytes()
    stripped = data.lstrip()
    if stripped.startswith(b"["):
        try:
            yield from orjson.loads(data)
        except orjson.JSONDecodeError as error:
            raise InputError("MA106", what=str(path), detail=error) from None
        return
    for number, line in enumerate(data.splitlines(), 1):
        if line.strip():
            try:
                yield orjson.loads(line)
            except orjson.JSONDecodeError as error:
                raise InputError("MA106", what=f"{path}:{number}", detail=error) from None


def read_gold(path: Path, fmt: str, stats: GoldStats | None = None, label_map: dict[str, str] | None = None) -> Iterator[GoldDocument]:
    """Gold documents with spans in medannot labels; ``stats`` collects what was skipped."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown gold format {fmt!r}; expected one of {', '.join(FORMATS)}")
    stats = stats if stats is not None else GoldStats()
    mapping = label_map if label_map is not None else LABEL_MAPS.get(fmt)
    for item in _lines(path):
        text = item.get("text")
        if not isinstance(text, str):
            raise InputError("MA107", what=str(path), detail="a gold item needs a text string")
        spans: list[Span] = []
        unscored: list[Span] = []
        for start, end, kind, mention in _mentions(fmt, item):
            stats.mentions += 1
            if mention is not None and text[start:end] != mention:
                stats.misaligned += 1
                continue
            label = kind if mapping is None else mapping.get(kind)
            if label is None:
                stats.unmapped[kind] += 1
                unscored.append((start, end, kind))
                continue
            spans.append((start, end, label))
        stats.documents += 1
        yield GoldDocument(text, spans, unscored)


def _mentions(fmt: str, item: dict) -> Iterator[tuple[int, int, str, str | None]]:
    if fmt == "cmedqaner":
        for mention in item.get("mention_data") or ():
            start = int(mention["offset"])
            yield start, start + len(mention["mention"]), mention["type"], mention["mention"]
    elif fmt == "cmeee":
        text = item["text"]
        for entity in item.get("entities") or ():
            start, end, name = int(entity["start_idx"]), int(entity["end_idx"]), entity["entity"]
            end = end if text[start:end] == name else end + 1  # CBLUE's end_idx is inclusive
            yield start, end, entity["type"], name
    else:
        for entity in item.get("entities") or ():
            if isinstance(entity, dict):
                yield int(entity["start"]), int(entity["end"]), entity["label"], None
            else:
                start, end, label = entity
                yield int(start), int(end), label, None


@dataclass(slots=True)
class LabelScore:
    gold: int = 0
    predicted: int = 0
    exact: int = 0  # predictions equal to a gold span
    exact_gold: int = 0  # gold spans equal to a prediction (= exact unless labels are interchangeable)
    overlap_predicted: int = 0  # predictions overlapping a gold span
    overlap_gold: int = 0  # gold spans overlapping a prediction
    # Why predictions were wrong: the gold gives the same span another type, a longer or shorter
    # span of this label, an overlapping span of another type, or nothing at all.
    false_positives: Counter[str] = field(default_factory=Counter)

    @staticmethod
    def _prf(hits_p: int, predicted: int, hits_r: int, gold: int) -> dict[str, float]:
        precision = hits_p / predicted if predicted else 0.0
        recall = hits_r / gold if gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}

    def exact_prf(self) -> dict[str, float]:
        return self._prf(self.exact, self.predicted, self.exact_gold, self.gold)

    def overlap_prf(self) -> dict[str, float]:
        return self._prf(self.overlap_predicted, self.predicted, self.overlap_gold, self.gold)

    def add(self, other: LabelScore) -> None:
        self.gold += other.gold
        self.predicted += other.predicted
        self.exact += other.exact
        self.exact_gold += other.exact_gold
        self.overlap_predicted += other.overlap_predicted
        self.overlap_gold += other.overlap_gold
        self.false_positives.update(other.false_positives)

    def to_dict(self) -> dict[str, object]:
        return {
            "gold": self.gold,
            "predicted": self.predicted,
            "exact": self.exact_prf(),
            "overlap": self.overlap_prf(),
            "false_positives": dict(self.false_positives),
        }


@dataclass(slots=True)
class Report:
    labels: dict[str, LabelScore]
    stats: GoldStats
    false_positives: list[tuple[str, str, str]] = field(default_factory=list)  # (label, why wrong, context)
    false_negatives: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def micro(self) -> LabelScore:
        total = LabelScore()
        for entry in self.labels.values():
            total.add(entry)
        return total

    def to_dict(self) -> dict[str, object]:
        return {
            "documents": self.stats.documents,
            "gold_mentions": self.stats.mentions,
            "misaligned_skipped": self.stats.misaligned,
            "unscored_gold_types": dict(self.stats.unmapped),
            "labels": {label: entry.to_dict() for label, entry in sorted(self.labels.items())},
            "micro": self.micro.to_dict(),
        }


def score(
    documents: Iterable[GoldDocument],
    predict: Callable[[str], list[Span]],
    *,
    stats: GoldStats | None = None,
    keep_errors: int = 0,
    interchangeable: Iterable[Iterable[str]] = (),
) -> Report:
    """Compare ``predict(text)`` with each gold document; the labels scored are those the gold uses.

    ``stats`` is the ``GoldStats`` that ``read_gold`` filled; ``keep_errors`` keeps that many false
    positives and negatives, with context, for error analysis; ``interchangeable`` lists groups of
    labels a span may carry either of (see the module docstring).
    """
    collected = list(documents)
    gold_labels = {label for doc in collected for _, _, label in doc.spans}
    same = _label_groups(interchangeable)
    scored = {same.get(label, label) for label in gold_labels}
    labels: dict[str, LabelScore] = defaultdict(LabelScore)
    report = Report({}, stats or GoldStats())
    for doc in collected:
        gold = set(doc.spans)
        predicted = {span for span in predict(doc.text) if same.get(span[2], span[2]) in scored}
        gold_keys = {(s, e, same.get(label, label)) for s, e, label in gold}
        predicted_keys = {(s, e, same.get(label, label)) for s, e, label in predicted}
        for label in gold_labels:
            g = [s for s in gold if s[2] == label]
            p = [s for s in predicted if s[2] == label]
            group = {l for l in gold_labels | set(same) if same.get(l, l) == same.get(label, label)}
            g_any = [s for s in gold if s[2] in group]
            p_any = [s for s in predicted if s[2] in group]
            entry = labels[label]
            entry.gold += len(g)
            entry.predicted += len(p)
            hits = [span for span in p if (span[0], span[1], same.get(label, label)) in gold_keys]
            entry.exact += len(hits)
            entry.exact_gold += sum((s, e, same.get(label, label)) in predicted_keys for s, e, _ in g)
            entry.overlap_predicted += sum(any(_overlaps(a, b) for b in g_any) for a in p)
            entry.overlap_gold += sum(any(_overlaps(a, b) for b in p_any) for a in g)
            entry.false_positives.update(_why_wrong(span, doc) for span in set(p) - set(hits))
        if keep_errors:
            wrong = {span for span in predicted if (span[0], span[1], same.get(span[2], span[2])) not in gold_keys}
            missed = {span for span in gold if (span[0], span[1], same.get(span[2], span[2])) not in predicted_keys}
            _keep(report.false_positives, wrong, doc, keep_errors, why=True)
            _keep(report.false_negatives, missed, doc, keep_errors)
    report.labels = dict(labels)
    return report


def _label_groups(groups: Iterable[Iterable[str]]) -> dict[str, str]:
    """label -> a name shared by every label of its group (labels in no group are absent)."""
    same: dict[str, str] = {}
    for group in groups:
        members = sorted(set(group))
        name = "+".join(members)
        for label in members:
            if label in same:
                raise ValueError(f"label {label!r} is in two interchangeable groups")
            same[label] = name
    return same


FP_KINDS = ("other_type", "boundary", "overlaps_other_type", "unannotated")


def _why_wrong(span: Span, doc: GoldDocument) -> str:
    every = doc.spans + doc.unscored
    if any(g[:2] == span[:2] for g in every):
        return "other_type"
    if any(g[2] == span[2] and _overlaps(g, span) for g in doc.spans):
        return "boundary"
    if any(_overlaps(g, span) for g in every):
        return "overlaps_other_type"
    return "unannotated"


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _keep(sink: list[tuple[str, str, str]], spans: set[Span], doc: GoldDocument, limit: int, why: bool = False) -> None:
    text = doc.text
    for span in sorted(spans):
        if len(sink) >= limit:
            return
        start, end, label = span
        context = f"{text[max(start - 8, 0):start]}[{text[start:end]}]{text[end:end + 8]}"
        sink.append((label, _why_wrong(span, doc) if why else "", context))
