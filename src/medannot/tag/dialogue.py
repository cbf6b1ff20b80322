"""Assertion across the turns of a dialogue: a finding asked about (有没有发烧？) takes its status
from the answer (没有 / 有点 / 不发烧), or from what the dialogue said about it before.

Rules are data (``lexicons/dialogue/answers.yaml``, format in its header). This runs after
``assert_entities`` has set each entity's flags within its own turn.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..record import Entity
from ..resources import lexicons_dir
from ..yamlfile import load_yaml, positive_int, string_entries, word_list

__all__ = ["Turn", "DialogueRules", "load_dialogue_rules", "resolve_dialogue", "status"]

FORMAT = "medannot-dialogue/1"
_PUNCTUATION = "，,。.！!？?；;：:、~～…\u3000 "


@dataclass(frozen=True, slots=True)
class Turn:
    speaker: str
    start: int  # span of the turn in the dialogue's text
    end: int


@dataclass(frozen=True, slots=True)
class DialogueRules:
    question_cues: frozenset[str]
    negative_answers: tuple[str, ...]  # longest first
    positive_answers: tuple[str, ...]
    fillers: tuple[str, ...]
    window: int = 2
    sentence_ends: str = "。！？!?"
    clause_ends: str = "，,；;"
    clinicians: frozenset[str] = frozenset()
    tentative_labels: frozenset[str] = frozenset()
    non_answers: tuple[str, ...] = ()  # openings that look like a no but say nothing (不知道, 没量过)


def status(entity: Entity) -> str:
    """present, absent or uncertain: a condition (如果没有肺炎) asserts nothing, so hypothetical
    wins; then negated, then uncertain."""
    if entity.hypothetical:
        return "uncertain"
    if entity.negated:
        return "absent"
    if entity.uncertain:
        return "uncertain"
    return "present"


def _words(header: dict, key: str, where: str) -> tuple[str, ...]:
    return word_list(header.get(key), where, key)


def load_dialogue_rules(path: Path | None = None) -> DialogueRules:
    """The answer cues (default: the packaged ``lexicons/dialogue/answers.yaml``)."""
    path = path or lexicons_dir() / "dialogue" / "answers.yaml"
    known_keys = {
        "negative_answers", "positive_answers", "non_answers", "fillers", "window",
        "sentence_ends", "clause_ends", "clinicians", "tentative_labels",
    }
    header, entries = load_yaml(path, "question_cues", format=FORMAT, header_keys=known_keys)
    where = f"{path}:1"
    cues = string_entries(entries, "a question cue")
    window = positive_int(header, "window", 2, where)
    return DialogueRules(
        frozenset(cues),
        _words(header, "negative_answers", where),
        _words(header, "positive_answers", where),
        _words(header, "fillers", where),
        window,
        str(header.get("sentence_ends", "。！？!?")),
        str(header.get("clause_ends", "，,；;")),
        frozenset(_words(header, "clinicians", where)) if "clinicians" in header else frozenset(),
        frozenset(_words(header, "tentative_labels", where)) if "tentative_labels" in header else frozenset(),
        _words(header, "non_answers", where) if "non_answers" in header else (),
    )


@cache
def default_dialogue_rules() -> DialogueRules:
    return load_dialogue_rules()


def answer(text: str, rules: DialogueRules) -> tuple[str, str] | None:
    """``("absent" | "present", cue)`` when ``text`` opens with a yes or no, else None."""
    rest = text.lstrip(_PUNCTUATION)
    stripped: list[str] = []
    while True:
        filler = next((f for f in rules.fillers if rest.startswith(f)), None)
        if filler is None:
            break
        stripped.append(filler)
        rest = rest[len(filler) :].lstrip(_PUNCTUATION)
    if not rest:  # only fillers: 嗯 is a yes, 好的 is no answer
        yes = next((f for f in stripped if f in rules.positive_answers), None)
        return ("present", yes) if yes else None
    if rest.startswith(rules.non_answers):
        return None
    for cue in rules.negative_answers:
        if rest.startswith(cue):
            return "absent", cue
    for cue in rules.positive_answers:
        if rest.startswith(cue):
            return "present", cue
    return None


def resolve_dialogue(text: str, turns: Sequence[Turn], entities: Sequence[Entity], rules: DialogueRules | None = None) -> None:
    """Give the findings asked about in a question the status the dialogue establishes, and mark
    a clinician's unreported diagnoses tentative (in place).

    ``turns`` are sorted, non-overlapping spans of ``text``; ``entities`` lie inside them. A
    resolved question loses its uncertain flag; a "no" sets negated, with the answer's cue; a
    tentative diagnosis is uncertain with the clinician's speaker name as its cue.
    """
    rules = rules or default_dialogue_rules()
    starts = [turn.start for turn in turns]
    by_turn: list[list[Entity]] = [[] for _ in turns]
    for entity in entities:
        index = bisect_right(starts, entity.start) - 1
        if index >= 0 and entity.end <= turns[index].end:
            by_turn[index].append(entity)
    reported: dict[str, tuple[str, str]] = {}  # concept -> the non-clinician side's first definite status
    for index, turn in enumerate(turns):
        if turn.speaker not in rules.clinicians:
            for entity in by_turn[index]:
                if not entity.uncertain and not entity.hypothetical:
                    reported.setdefault(entity.concept_id, (status(entity), entity.cues.get("negated", "")))
    known: dict[str, tuple[str, str]] = {}  # concept -> (status, cue) from definite earlier mentions
    for index, turn in enumerate(turns):
        asked = _asked(text, by_turn[index], rules)
        for entity in by_turn[index]:
            if id(entity) in asked:
                found = (
                    _answered(text, turns, by_turn, index, entity, rules)
                    or known.get(entity.concept_id)
                    or reported.get(entity.concept_id)
                )
                if found is not None:
                    _settle(entity, *found)
                    known[entity.concept_id] = found
            elif (
                turn.speaker in rules.clinicians
                and entity.label in rules.tentative_labels
                and status(entity) == "present"
                and reported.get(entity.concept_id, ("",))[0] != "present"
            ):
                entity.uncertain = True
                entity.cues["uncertain"] = turn.speaker  # a clinician's tentative diagnosis
            elif not entity.uncertain and not entity.hypothetical:
                known[entity.concept_id] = (status(entity), entity.cues.get("negated", ""))


def _asked(text: str, entities: list[Entity], rules: DialogueRules) -> set[int]:
    """Ids of the entities a question asks about: those flagged by a question cue, and the
    flagless ones of the clauses before it in its sentence."""
    asked: set[int] = set()
    for position, entity in enumerate(entities):
        if not (entity.uncertain and not entity.negated and entity.cues.get("uncertain") in rules.question_cues):
            continue
        asked.add(id(entity))
        for earlier in reversed(entities[:position]):
            between = text[earlier.end : entity.start]
            if any(c in rules.sentence_ends for c in between):
                break
            if not earlier.cues and any(c in rules.clause_ends for c in between):
                asked.add(id(earlier))
    return asked


def _answered(
    text: str, turns: Sequence[Turn], by_turn: list[list[Entity]], index: int, entity: Entity, rules: DialogueRules
) -> tuple[str, str] | None:
    """The status the replies give: a definite mention of the same finding in any of them (不吐
    after 是的 still says no), else the first yes or no that opens a reply that is not itself a
    question, a bare 嗯 counting only when no later reply says more."""
    speaker = turns[index].speaker
    replies = [i for i in range(index + 1, len(turns)) if turns[i].speaker != speaker][: rules.window]
    for reply in replies:
        for other in by_turn[reply]:
            if other.concept_id == entity.concept_id and not other.uncertain and not other.hypothetical:
                return status(other), other.cues.get("negated", "")
    weak = None  # a bare 嗯 may only acknowledge: a later explicit yes or no wins over it
    for reply in replies:
        said = text[turns[reply].start : turns[reply].end]
        if _is_question(said, rules) or (found := answer(said, rules)) is None:
            continue
        if found[1] not in rules.fillers:
            return found
        weak = weak or found
    return weak


def _is_question(said: str, rules: DialogueRules) -> bool:
    """A reply that asks back (会不会是…？) answers nothing."""
    if any(mark in said for mark in "？?") or any(cue in said for cue in rules.question_cues if len(cue) > 1):
        return True
    particles = tuple(cue for cue in rules.question_cues if len(cue) == 1 and cue not in rules.negative_answers)
    return said.rstrip(_PUNCTUATION).endswith(particles)


def _settle(entity: Entity, state: str, cue: str) -> None:
    entity.uncertain = False
    entity.cues.pop("uncertain", None)
    if state == "absent":
        entity.negated = True
        entity.cues["negated"] = cue
