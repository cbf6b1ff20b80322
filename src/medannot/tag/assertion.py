"""ConText-style assertion for Chinese: cue phrases (data in ``lexicons/assertion/``) set the
negated / uncertain / hypothetical flags of the entities in their scope; adverse-event phrasing
(…的不良反应, 副作用) marks the findings it qualifies."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import ahocorasick

from ..errors import LexiconError
from ..record import Entity
from ..resources import lexicons_dir
from ..yamlfile import check_keys, load_yaml

__all__ = ["CueRule", "AssertionRules", "load_assertion_rules", "assert_entities"]

FORMAT = "medannot-assertion/1"
FLAGS = ("negated", "uncertain", "hypothetical", "pseudo")
DIRECTIONS = ("forward", "backward", "both")
_CLAUSE_END = re.compile(r"[。！？；，,;!?\n：:]")
# A finding followed, in its clause, by these words is reported as an adverse event.
_ADVERSE = re.compile(r"[^。！？；，,;!?\n]{0,20}?(?:的|等)?(?:不良反应|副作用|副反应)")


@dataclass(frozen=True, slots=True)
class CueRule:
    cue: str
    flag: str
    direction: str
    scope: int


@dataclass(frozen=True, slots=True)
class AssertionRules:
    rules: tuple[CueRule, ...]
    terminators: tuple[str, ...]

    @property
    def automaton(self) -> ahocorasick.Automaton:
        return _automaton(self)


@cache
def _automaton(rules: AssertionRules) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for rule in rules.rules:
        automaton.add_word(rule.cue, ("cue", rule))
    for terminator in rules.terminators:
        if terminator not in automaton:
            automaton.add_word(terminator, ("terminator", None))
    automaton.make_automaton()
    return automaton


def load_rule_file(path: Path) -> AssertionRules:
    header, entries = load_yaml(path, "rules")
    if header.get("format") != FORMAT:
        raise LexiconError("MA202", where=f"{path}:1", detail=f"format must be {FORMAT!r}")
    rules = []
    for entry in entries:
        raw = check_keys(entry, {"cue", "flag"}, {"direction", "scope"})
        flag, direction = raw["flag"], raw.get("direction", "forward")
        if flag not in FLAGS:
            raise LexiconError("MA202", where=entry.where, detail=f"flag {flag!r} is not one of {', '.join(FLAGS)}")
        if direction not in DIRECTIONS:
            raise LexiconError("MA202", where=entry.where, detail=f"direction {direction!r} is not one of {', '.join(DIRECTIONS)}")
        rules.append(CueRule(str(raw["cue"]), flag, direction, int(raw.get("scope", 15))))
    terminators = tuple(str(t) for t in header.get("terminators") or ())
    return AssertionRules(tuple(rules), terminators)


@cache
def load_assertion_rules() -> AssertionRules:
    """The packaged cue rules (every ``lexicons/assertion/*.yaml``), loaded once per process."""
    rules: list[CueRule] = []
    terminators: list[str] = []
    for path in sorted((lexicons_dir() / "assertion").glob("*.yaml")):
        loaded = load_rule_file(path)
        rules.extend(loaded.rules)
        terminators.extend(loaded.terminators)
    return AssertionRules(tuple(rules), tuple(dict.fromkeys(terminators)))


def _cues_in(clause: str, rules: AssertionRules) -> tuple[list[tuple[int, int, CueRule]], list[int]]:
    """Cue occurrences (longest wins where cues overlap; pseudo-cues mask what they cover) and terminator positions."""
    found: list[tuple[int, int, CueRule]] = []
    terminators: list[int] = []
    for last, (kind, rule) in rules.automaton.iter(clause):
        if kind == "terminator":
            terminators.append(last)
            continue
        found.append((last + 1 - len(rule.cue), last + 1, rule))
        if rule.cue in rules.terminators:
            terminators.append(last)
    found.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    kept: list[tuple[int, int, CueRule]] = []
    masked: list[tuple[int, int]] = [(s, e) for s, e, r in found if r.flag == "pseudo"]
    for start, end, rule in found:
        if rule.flag == "pseudo":
            continue
        if any(ms <= start and end <= me for ms, me in masked):
            continue
        if any(ks <= start and end <= ke and (ks, ke) != (start, end) for ks, ke, _ in kept):
            continue  # 未 inside 未见: the longer cue speaks
        kept = [k for k in kept if not (start <= k[0] and k[1] <= end)]
        kept.append((start, end, rule))
    return kept, terminators


def assert_entities(text: str, entities: Sequence[Entity], rules: AssertionRules) -> None:
    """Set assertion flags and their cues on ``entities`` in place."""
    clause_cache: dict[tuple[int, int], tuple[list, list]] = {}
    for entity in entities:
        clause_start, clause_end = _clause(text, entity.start, entity.end)
        key = (clause_start, clause_end)
        if key not in clause_cache:
            clause_cache[key] = _cues_in(text[clause_start:clause_end], rules)
        cues, terminators = clause_cache[key]
        local_start, local_end = entity.start - clause_start, entity.end - clause_start
        for cue_start, cue_end, rule in cues:
            if cue_start < local_end and local_start < cue_end:
                continue  # a cue inside the entity itself (无 in 无菌性) is part of its name
            if cue_end <= local_start and rule.direction in ("forward", "both"):
                gap = (cue_end, local_start)
            elif cue_start >= local_end and rule.direction in ("backward", "both"):
                gap = (local_end, cue_start)
            else:
                continue
            if gap[1] - gap[0] > rule.scope or any(gap[0] <= t < gap[1] for t in terminators):
                continue
            if not getattr(entity, rule.flag):
                setattr(entity, rule.flag, True)
                entity.cues[rule.flag] = rule.cue
        if not entity.adverse_event and entity.label == "symptom" and _ADVERSE.match(text, entity.end, clause_end):
            entity.adverse_event = True
            entity.cues["adverse_event"] = _ADVERSE.match(text, entity.end, clause_end).group().lstrip("、")


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    left = start
    while left > 0 and not _CLAUSE_END.match(text, left - 1):
        left -= 1
    found = _CLAUSE_END.search(text, end)
    return left, found.start() if found else len(text)
