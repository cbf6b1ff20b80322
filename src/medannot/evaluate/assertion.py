"""Score assertion (present / absent / uncertain) against CMDD-style dialogues.

CMDD (``dev/*.json``): each dialogue is a list of turns ``{speaker, sentence, label, normalized,
type}``; ``label`` is a BIO string over the sentence's characters marking symptom mentions, and
``type`` gives each mention's status: 1 present, 2 absent, 3 uncertain.

What is compared, and why it is fair:
- A dialogue is annotated as one text, its turns joined by line breaks (a line break ends every
  cue's scope, so no cue reaches into another turn), exactly as ``medannot annotate --raw`` would.
- A gold mention is *found* when a medannot entity labelled symptom or disease overlaps it; only
  found mentions are scored (the lexicon's coverage is reported separately, as the found rate).
- medannot's status: negated → absent, uncertain or hypothetical → uncertain, else present.
- CMDD's gold gives a mention the status the *conversation* establishes: a doctor's 有没有发烧？
  is absent when the patient answers 没有. Sentence-level assertion cannot know that, so the
  scorer can apply ``medannot.tag.dialogue.resolve_dialogue`` (answers, then earlier mentions) —
  rules that are data and would serve any dialogue — and reports both figures, per speaker.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from ..errors import InputError
from ..record import Entity
from ..tag.dialogue import DialogueRules, Turn, resolve_dialogue, status

__all__ = ["GoldMention", "Dialogue", "read_cmdd", "AssertionReport", "score_dialogues", "STATUSES"]

STATUSES = ("present", "absent", "uncertain")
_GOLD_STATUS = {"1": "present", "2": "absent", "3": "uncertain"}
_SPAN = re.compile(r"BI*")
SCORED_LABELS = frozenset({"symptom", "disease"})


@dataclass(frozen=True, slots=True)
class GoldMention:
    start: int  # in the dialogue's text
    end: int
    status: str
    speaker: str
    name: str  # CMDD's normalized symptom name


@dataclass(slots=True)
class Dialogue:
    id: str
    text: str
    turns: list[Turn]
    mentions: list[GoldMention]
    skipped: int = 0  # turns whose labels do not line up with their mentions


def read_cmdd(path: Path) -> Iterator[Dialogue]:
    """Dialogues from a CMDD file or a directory of them (sorted by name)."""
    files = sorted(path.glob("*.json")) if path.is_dir() else [path]
    if not files:
        raise InputError("MA108", what=str(path), detail="no *.json dialogue files")
    for file in files:
        try:
            data = orjson.loads(file.read_bytes())
            yield _dialogue(file.stem, data)
        except (orjson.JSONDecodeError, KeyError, TypeError) as error:
            raise InputError("MA107", what=str(file), detail=f"not a CMDD dialogue: {error!r}") from None


def _dialogue(name: str, data: dict) -> Dialogue:
    parts: list[str] = []
    turns: list[Turn] = []
    mentions: list[GoldMention] = []
    skipped = 0
    offset = 0
    for item in data["dialogue-content"]:
        sentence, labels = item["sentence"], item["label"]
        turns.append(Turn(item["speaker"], offset, offset + len(sentence)))
        spans = [m.span() for m in _SPAN.finditer(labels)]
        if len(labels) != len(sentence) or len(spans) != len(item["type"]) or len(spans) != len(item["normalized"]):
            skipped += 1
        else:
            for (start, end), kind, normalized in zip(spans, item["type"], item["normalized"]):
                if str(kind) in _GOLD_STATUS:
                    mentions.append(GoldMention(offset + start, offset + end, _GOLD_STATUS[str(kind)], item["speaker"], normalized))
        parts.append(sentence)
        offset += len(sentence) + 1
    return Dialogue(str(data.get("example-id", name)), "\n".join(parts), turns, mentions, skipped)


@dataclass(slots=True)
class AssertionReport:
    gold: int = 0
    found: int = 0
    agree: int = 0
    skipped_turns: int = 0
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)  # (gold, ours) over found mentions
    by_speaker: dict[str, list[int]] = field(default_factory=dict)  # speaker -> [gold, found, agree]
    disagreements: list[tuple[str, str, str]] = field(default_factory=list)  # (gold, ours, context)

    @property
    def agreement(self) -> float:
        return self.agree / self.found if self.found else 0.0

    @property
    def found_rate(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    def to_dict(self) -> dict[str, object]:
        return {
            "gold_mentions": self.gold,
            "found": self.found,
            "found_rate": round(self.found_rate, 4),
            "agreement": round(self.agreement, 4),
            "skipped_turns": self.skipped_turns,
            "by_speaker": {
                speaker: {"gold": g, "found": f, "agreement": round(a / f, 4) if f else 0.0}
                for speaker, (g, f, a) in sorted(self.by_speaker.items())
            },
            "confusion": {f"{gold}->{ours}": n for (gold, ours), n in sorted(self.confusion.items())},
        }


def score_dialogues(
    dialogues: Iterator[Dialogue],
    annotate: Callable[[str], list[Entity]],
    *,
    dialogue_rules: DialogueRules | None = None,
    resolve: bool = True,
    keep_disagreements: int = 0,
) -> AssertionReport:
    """Compare the status of each found gold mention with medannot's; ``annotate(text)`` gives entities."""
    report = AssertionReport()
    for dialogue in dialogues:
        report.skipped_turns += dialogue.skipped
        entities = [e for e in annotate(dialogue.text) if e.label in SCORED_LABELS]
        if resolve:
            resolve_dialogue(dialogue.text, dialogue.turns, entities, dialogue_rules)
        for mention in dialogue.mentions:
            counts = report.by_speaker.setdefault(mention.speaker, [0, 0, 0])
            report.gold += 1
            counts[0] += 1
            entity = _best_overlap(entities, mention)
            if entity is None:
                continue
            ours = status(entity)
            report.found += 1
            counts[1] += 1
            report.confusion[(mention.status, ours)] += 1
            if ours == mention.status:
                report.agree += 1
                counts[2] += 1
            elif len(report.disagreements) < keep_disagreements:
                text = dialogue.text
                line_start = text.rfind("\n", 0, mention.start) + 1
                line_end = text.find("\n", mention.end)
                line_end = len(text) if line_end < 0 else line_end
                context = f"{mention.speaker}: {text[line_start:mention.start]}[{text[mention.start:mention.end]}]{text[mention.end:line_end]}"
                report.disagreements.append((mention.status, f"{ours} {entity.cues}", context))
    return report


def _best_overlap(entities: list[Entity], mention: GoldMention) -> Entity | None:
    best, best_size = None, 0
    for entity in entities:
        size = min(entity.end, mention.end) - max(entity.start, mention.start)
        if size > best_size:
            best, best_size = entity, size
    return best
