"""Assertion across the turns of a dialogue: a finding asked about (有没有发烧？) takes its status
from the answer (没有 / 有点 / 不发烧), or from what the dialogue said about it before; a
clinician's hedged mention of a finding (如果咳嗽…) takes the status the patient gave it.

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
    follows_patient: frozenset[str] = frozenset()  # labels whose hedged clinician mentions take the patient's status
    particles: str = ""  # what may close a bare yes or no (没有啊, 有的)


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
        "sentence_ends", "clause_ends", "clinicians", "tentative_labels", "follows_patient", "particles",
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
        frozenset(_words(header, "follows_patient", where)) if "follows_patient" in header else frozenset(),
        str(header.get("particles", "")),
    )


@cache
def default_dialogue_rules() -> DialogueRules:
    return load_dialogue_rules()


def answer(text: str, rules: DialogueRules, finding: str = "") -> tuple[str, str] | None:
    """``("absent" | "present", cue)`` when ``text`` opens with a yes or no, else None.

    The yes or no must stand alone (没有, 没有啊, 有，…) or go on with an echo of the ``finding``
    asked about (不咳, 不烧了, 有点咳): 没有吃药 or 不想喝奶 answer something else. An echo alone
    is a yes (吐了, 咳的). An echo is a run of the finding's characters that ends the reply or
    comes before punctuation or a closing particle.
    """
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
    for state, cues in (("absent", rules.negative_answers), ("present", rules.positive_answers)):
        for cue in cues:
            if rest.startswith(cue) and _closes(rest[len(cue) :], rules, finding):
                return state, cue
    if finding and rest[0] in finding and _closes(rest, rules, finding):
        return "present", rest[0]
    return None


def _closes(after: str, rules: DialogueRules, finding: str) -> bool:
    """Whether ``after`` says nothing more than an echo of ``finding`` and closing particles."""
    after = after.lstrip(finding).lstrip(rules.particles)
    return not after or after[0] in _PUNCTUATION


def resolve_dialogue(text: str, turns: Sequence[Turn], entities: Sequence[Entity], rules: DialogueRules | None = None) -> None:
    """Give the findings asked about in a question the status the dialogue establishes, mark a
    clinician's unreported diagnoses tentative, and give a clinician's conditions, possibilities
    and denials of a finding the patient's own status for it (in place).

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
    # concept -> the status the non-clinician side gives it (present if it ever does), then answers
    reported: dict[str, tuple[str, str]] = {}
    for index, turn in enumerate(turns):
        if turn.speaker not in rules.clinicians:
            for entity in by_turn[index]:
                if not entity.uncertain and not entity.hypothetical:
                    _report(reported, entity.concept_id, (status(entity), entity.cues.get("negated", "")))
    known: dict[str, tuple[str, str]] = {}  # concept -> (status, cue) from definite earlier mentions
    hedged: list[Entity] = []  # a clinician's conditions, possibilities and denials of findings
    for index, turn in enumerate(turns):
        asked = _asked(text, by_turn[index], rules)
        clinician = turn.speaker in rules.clinicians
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
                    _report(reported, entity.concept_id, found)
                elif not entity.uncertain:  # asked along with a later finding, and left open
                    entity.uncertain = True
                    entity.cues["uncertain"] = asked[id(entity)]
                continue
            if clinician and entity.label in rules.follows_patient and status(entity) != "present":
                hedged.append(entity)
            if (
                clinician
                and entity.label in rules.tentative_labels
                and status(entity) == "present"
                and reported.get(entity.concept_id, ("",))[0] != "present"
            ):
                entity.uncertain = True
                entity.cues["uncertain"] = turn.speaker  # a clinician's tentative diagnosis
            elif not entity.uncertain and not entity.hypothetical:
                known[entity.concept_id] = (status(entity), entity.cues.get("negated", ""))
    for entity in hedged:
        if (found := reported.get(entity.concept_id)) is not None:
            entity.hypothetical = entity.negated = False
            entity.cues.pop("hypothetical", None)
            entity.cues.pop("negated", None)
            _settle(entity, *found)


def _report(reported: dict[str, tuple[str, str]], concept: str, found: tuple[str, str]) -> None:
    """Present wins: a finding the patient had at any time in the dialogue is the patient's."""
    if found[0] == "present" or concept not in reported:
        reported[concept] = found


def _asked(text: str, entities: list[Entity], rules: DialogueRules) -> dict[int, str]:
    """The entities a question asks about, by id, with the question cue: those flagged by a
    question cue, and the flagless ones of the clauses before it in its sentence."""
    asked: dict[int, str] = {}
    for position, entity in enumerate(entities):
        cue = entity.cues.get("uncertain")
        if not (entity.uncertain and not entity.negated and cue in rules.question_cues):
            continue
        asked[id(entity)] = cue
        for earlier in reversed(entities[:position]):
            between = text[earlier.end : entity.start]
            if any(c in rules.sentence_ends for c in between):
                break
            if not earlier.cues and any(c in rules.clause_ends for c in between):
                asked.setdefault(id(earlier), cue)
    return asked


def _answered(
    text: str, turns: Sequence[Turn], by_turn: list[list[Entity]], index: int, entity: Entity, rules: DialogueRules
) -> tuple[str, str] | None:
    """The status the replies give: a definite mention of the same finding in any of them (不吐
    after 是的 still says no; a present one first), else the first yes or no that opens a reply
    that is not itself a question, a bare 嗯 counting only when no later reply says more."""
    speaker = turns[index].speaker
    replies = [i for i in range(index + 1, len(turns)) if turns[i].speaker != speaker][: rules.window]
    said = [
        (status(other), other.cues.get("negated", ""))
        for reply in replies
        for other in by_turn[reply]
        if other.concept_id == entity.concept_id and not other.uncertain and not other.hypothetical
    ]
    if said:  # present wins: 上午退了烧、夜里又烧起来 says yes
        return next((found for found in said if found[0] == "present"), said[0])
    weak = None  # a bare 嗯 may only acknowledge: a later explicit yes or no wins over it
    for reply in replies:
        said = text[turns[reply].start : turns[reply].end]
        if _is_question(said, rules) or (found := answer(said, rules, entity.text)) is None:
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
