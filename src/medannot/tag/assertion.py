"""ConText-style assertion for Chinese: cue phrases (data in ``lexicons/assertion/``) set the
negated / uncertain / hypothetical / adverse_event flags of the entities in their scope, and each
flag records the cue that set it. A presupposing cue (如果咳嗽加重: the course of a finding) clears
uncertain and hypothetical.

Scope is counted in characters inside the clause, stops at a terminator (但, 然而 …), and is
carried along an enumeration (无发热、咳嗽及头痛). Pseudo-cues (无明显诱因) mask the cues they
contain; a cue inside another entity's name (无 in 无力) is not a cue. A cue followed by an
attributive phrase (没有特殊禁忌的成年感染者…) reaches only the noun that phrase modifies. An
introducing cue (如有以下情况，请就医：A；B。) sets its flag on the enumeration after its colon.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import ahocorasick_rs

from ..errors import LexiconError
from ..lexicon.matcher import TokenBoundaries
from ..record import Entity
from ..resources import lexicons_dir
from ..yamlfile import check_keys, load_yaml

__all__ = ["CueRule", "AssertionRules", "load_rule_file", "load_assertion_rules", "assert_entities"]

FORMAT = "medannot-assertion/1"
FLAGS = ("negated", "uncertain", "hypothetical", "adverse_event", "presupposed", "pseudo")
_CLEARED_BY_PRESUPPOSITION = ("uncertain", "hypothetical")
DIRECTIONS = ("forward", "backward", "both")
_HEADER = {"format", "terminators", "enumerators", "clause_ends", "continuations", "labels", "attributives"}
_DEFAULT_CLAUSE_ENDS = "。！？；，,;!?：:\n"
# An introducing cue's colon must come before any of these; its enumeration ends at one of them,
# a line break only where the line does not end with a clause end (A；⏎B；⏎C。 is one enumeration).
_TO_COLON = re.compile("[：:。！？!?\n]")
_SENTENCE_END = re.compile("[。！？!?\n]")


@dataclass(frozen=True, slots=True)
class CueRule:
    cue: str
    flag: str
    direction: str = "forward"
    scope: int = 15
    labels: frozenset[str] | None = None  # entity labels the rule applies to; None: all
    final: bool = False  # the cue counts only where it ends its clause (发烧不？ is a question)
    echo: bool = False  # the cue counts only between a finding's echo and the finding (发不发烧: A-not-A)
    # past an attributive marker (的), the cue reaches only a finding this close after it: the noun
    # the attribute modifies (没有明显的头痛), not the rest of the clause (没有禁忌的患者可以考虑治疗)
    noun_phrase: int | None = None
    # the cue introduces an enumeration after a colon (如有以下情况，应就医：A；B。): it sets its flag on
    # the findings from there to the sentence's end, and nothing in its own clause
    introduces: bool = False


@dataclass(frozen=True, slots=True)
class AssertionRules:
    rules: tuple[CueRule, ...]
    terminators: tuple[str, ...] = ()
    enumerators: tuple[str, ...] = ()
    clause_ends: str = _DEFAULT_CLAUSE_ENDS
    continuations: tuple[str, ...] = ()  # a clause after a comma that starts with one continues the one before
    labels: frozenset[str] | None = None  # entity labels that take flags (None: every label)
    attributives: tuple[str, ...] = ()  # markers that close an attributive phrase (的): see CueRule.noun_phrase
    _compiled: _Compiled | None = field(default=None, init=False, repr=False, compare=False, hash=False)

    @property
    def compiled(self) -> _Compiled:
        """The cue automaton, built on first use and kept with the rules."""
        if self._compiled is None:
            object.__setattr__(self, "_compiled", _compile(self))
        return self._compiled  # type: ignore[return-value]


# (start, end, rule): a plain tuple, made once per cue occurrence, so it must be cheap
_Cue = tuple[int, int, CueRule]


@dataclass(slots=True)
class _Compiled:
    automaton: ahocorasick_rs.AhoCorasick
    patterns: list[tuple[CueRule, ...] | None]  # per pattern: its rules but pseudo ones, or None for a terminator
    pseudo: list[bool]  # per pattern: whether it is a pseudo-cue (kept apart: it only masks)
    clause_end: re.Pattern[str]  # a clause end, except a comma followed by a continuation
    final: list[bool]  # per pattern: whether any of its rules counts only at a clause's end
    echo: list[bool]  # per pattern: whether any of its rules is an echo rule
    introducing: list[tuple[CueRule, ...]]  # per pattern: its introducing rules (not among its patterns' rules)
    special: list[bool]  # per pattern: final, echo or introducing rules, which the scan must look at
    # (pattern, ends its clause, echoes a finding or None) -> the pattern's rules that count there;
    # filled as met: 不, 没, 没有 are among the commonest cues and have final or echo rules
    variants: dict[tuple[int, bool, bool | None], tuple[CueRule, ...]] = field(default_factory=dict)

    def rules_where(self, index: int, ends_clause: bool, echoes: bool | None) -> tuple[CueRule, ...]:
        """A final rule counts only where its cue ends the clause; where the pattern has echo rules,
        only they count at an echo (发不发烧) and only the others elsewhere."""
        key = (index, ends_clause, echoes)
        found = self.variants.get(key)
        if found is None:
            rules = self.patterns[index] or ()
            found = self.variants[key] = tuple(
                rule for rule in rules if (ends_clause or not rule.final) and (echoes is None or rule.echo == echoes)
            )
        return found


def _compile(rules: AssertionRules) -> _Compiled:
    by_cue: dict[str, list[CueRule]] = defaultdict(list)
    for rule in rules.rules:
        by_cue[rule.cue].append(rule)
    patterns: list[str] = list(by_cue)
    targets: list[tuple[CueRule, ...] | None] = [
        tuple(r for r in by_cue[p] if r.flag != "pseudo" and not r.introduces) for p in patterns
    ]
    pseudo = [any(r.flag == "pseudo" for r in by_cue[p]) for p in patterns]
    introducing = [tuple(r for r in by_cue[p] if r.introduces) for p in patterns]
    for terminator in rules.terminators:
        patterns.append(terminator)
        targets.append(None)
        pseudo.append(False)
        introducing.append(())
    words = "|".join(map(re.escape, sorted(rules.continuations, key=len, reverse=True)))
    # One character class first, the continuation as a lookahead: one fast scan per text.
    bridge = f"(?!(?<=[，,])[ \t\u3000]*(?:{words}))" if words else ""
    clause_end = re.compile(f"[{re.escape(rules.clause_ends)}]{bridge}" if rules.clause_ends else "(?!)")
    final = [target is not None and any(rule.final for rule in target) for target in targets]
    echo = [target is not None and any(rule.echo for rule in target) for target in targets]
    special = [f or e or bool(i) for f, e, i in zip(final, echo, introducing)]
    return _Compiled(ahocorasick_rs.AhoCorasick(patterns), targets, pseudo, clause_end, final, echo, introducing, special)


def load_rule_file(path: Path) -> AssertionRules:
    """One cue file (format in the header comment of ``lexicons/assertion/context.yaml``)."""
    header, entries = load_yaml(path, "rules", format=FORMAT, header_keys=_HEADER)
    rules = []
    for entry in entries:
        raw = check_keys(entry, {"cue", "flag"}, {"direction", "scope", "labels", "final", "echo", "noun_phrase", "introduces"})
        flag, direction = raw["flag"], raw.get("direction", "forward")
        if flag not in FLAGS:
            raise LexiconError("MA202", where=entry.where, detail=f"flag {flag!r} is not one of {', '.join(FLAGS)}")
        if direction not in DIRECTIONS:
            raise LexiconError("MA202", where=entry.where, detail=f"direction {direction!r} is not one of {', '.join(DIRECTIONS)}")
        scope, noun_phrase = raw.get("scope", 15), raw.get("noun_phrase")
        for key, value in (("scope", scope), ("noun_phrase", noun_phrase)):
            if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
                raise LexiconError("MA202", where=entry.where, detail=f"{key} must be a non-negative integer, got {value!r}")
        labels = raw.get("labels")
        if labels is not None and (not isinstance(labels, list) or not all(isinstance(l, str) for l in labels)):
            raise LexiconError("MA202", where=entry.where, detail="labels must be a list of entity labels")
        cue = str(raw["cue"])
        if not cue or cue != cue.strip():  # token boundaries are checked only for stripped spans
            raise LexiconError("MA202", where=entry.where, detail=f"cue must be non-empty, without spaces at its ends: {cue!r}")
        final, echo, introduces = raw.get("final", False), raw.get("echo", False), raw.get("introduces", False)
        for key, value in (("final", final), ("echo", echo), ("introduces", introduces)):
            if not isinstance(value, bool):
                raise LexiconError("MA202", where=entry.where, detail=f"{key} must be true or false, got {value!r}")
        if introduces and (direction != "forward" or final or echo or flag in ("pseudo", "presupposed")):
            raise LexiconError("MA202", where=entry.where, detail="an introducing cue is a forward cue of a flag, neither final nor echo")
        labels_set = None if labels is None else frozenset(labels)
        rules.append(CueRule(cue, flag, direction, scope, labels_set, final, echo, noun_phrase, introduces))
    return AssertionRules(
        tuple(rules),
        tuple(str(t) for t in header.get("terminators") or ()),
        tuple(str(e) for e in header.get("enumerators") or ()),
        str(header.get("clause_ends", _DEFAULT_CLAUSE_ENDS)),
        tuple(str(c) for c in header.get("continuations") or ()),
        _labels(header.get("labels"), f"{path}:1"),
        tuple(str(a) for a in header.get("attributives") or ()),
    )


def _labels(value: object, where: str) -> frozenset[str] | None:
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(label, str) for label in value):
        raise LexiconError("MA202", where=where, detail="labels must be a list of entity labels")
    return frozenset(value)


@cache
def load_assertion_rules() -> AssertionRules:
    """The packaged cue rules (every ``lexicons/assertion/*.yaml``), loaded once per process."""
    loaded = [load_rule_file(path) for path in sorted((lexicons_dir() / "assertion").glob("*.yaml"))]
    return AssertionRules(
        tuple(rule for part in loaded for rule in part.rules),
        tuple(dict.fromkeys(t for part in loaded for t in part.terminators)),
        tuple(dict.fromkeys(e for part in loaded for e in part.enumerators)),
        "".join(dict.fromkeys(c for part in loaded for c in part.clause_ends)),
        tuple(dict.fromkeys(c for part in loaded for c in part.continuations)),
        _union(part.labels for part in loaded),
        tuple(dict.fromkeys(a for part in loaded for a in part.attributives)),
    )


def _union(label_sets: Iterable[frozenset[str] | None]) -> frozenset[str] | None:
    """Labels any file gives flags to; None (every label) when a file does not restrict them."""
    union: set[str] = set()
    for labels in label_sets:
        if labels is None:
            return None
        union |= labels
    return frozenset(union)


def assert_entities(
    text: str,
    entities: Sequence[Entity],
    rules: AssertionRules,
    tokens: Sequence[tuple[int, int]] | None = None,
) -> None:
    """Set assertion flags and their cues on ``entities`` (sorted, non-overlapping) in place.

    With ``tokens``, a cue counts only where it starts and ends on token boundaries (so 未 in
    未来 or 不 in 不同 is no cue even without a pseudo-cue rule).
    """
    if not entities:
        return
    compiled = rules.compiled
    matches = compiled.automaton.find_matches_as_indexes(text, overlapping=True)
    patterns, pseudo, final, echo, variants = compiled.patterns, compiled.pseudo, compiled.final, compiled.echo, compiled.variants
    special = compiled.special
    if all(patterns[index] is None for index, _, _ in matches):
        return  # terminators only (or nothing): no flag to set, no clause to find
    clause_ends = [m.start() for m in compiled.clause_end.finditer(text)]
    boundaries = TokenBoundaries(tokens) if tokens is not None else None
    entity_starts = [e.start for e in entities]
    entity_ends = [e.end for e in entities]
    last = len(entities) - 1

    flagged = rules.labels
    cues: dict[int, list[_Cue]] = defaultdict(list)
    terminators: dict[int, list[tuple[int, int]]] = defaultdict(list)
    pseudos: dict[int, list[tuple[int, int]]] = defaultdict(list)
    introduced: list[tuple[int, int, _Cue]] = []  # (enumeration start, end, the cue introducing it)
    for index, start, end in matches:
        if boundaries is not None and not boundaries.fits(start, end):
            continue
        targets = patterns[index]
        if targets is None:
            terminators[bisect_left(clause_ends, start)].append((start, end))
            continue
        # A cue overlapping an entity is part of that entity's name, unless it is the entity (副作用):
        # entities do not overlap, so only the one starting at or before the cue and the next can.
        near = bisect_right(entity_starts, start) - 1
        if near >= 0 and start < entity_ends[near] and (entity_starts[near] != start or entity_ends[near] != end):
            continue
        near += 1
        if near <= last and entity_starts[near] < end and (entity_starts[near] != start or entity_ends[near] != end):
            continue
        clause = bisect_left(clause_ends, start)
        if pseudo[index]:
            pseudos[clause].append((start, end))
            if not targets:
                continue
        if special[index]:
            for rule in compiled.introducing[index]:  # most patterns have none
                span = _enumeration(text, end, rule.scope, rules.clause_ends)
                if span is not None:
                    introduced.append((*span, (start, end, rule)))
            if final[index] or echo[index]:
                ends_clause, echoes = True, None
                if final[index]:
                    clause_end = clause_ends[clause] if clause < len(clause_ends) else len(text)
                    ends_clause = not text[end:clause_end].strip()
                if echo[index]:  # 发不发烧, 咳嗽不咳嗽: only the echo rules count, and only there
                    size = entity_ends[near] - end if near <= last and entity_starts[near] == end else 0
                    echoes = size > 0 and start > 0 and (text[start - 1] == text[end] or (start >= size and text[start - size : start] == text[end : end + size]))
                targets = variants.get((index, ends_clause, echoes)) or compiled.rules_where(index, ends_clause, echoes)
        found = cues[clause]
        for rule in targets:
            found.append((start, end, rule))

    enumerations: dict[int, list[tuple[int, int, _Cue]]] = {}  # clause -> the enumerations it is part of
    for span in introduced:
        for clause in range(bisect_left(clause_ends, span[0]), bisect_left(clause_ends, span[1]) + 1):
            enumerations.setdefault(clause, []).append(span)
            cues.setdefault(clause, [])  # looked at even without cues of its own

    for clause, found_cues in cues.items():
        clause_start = clause_ends[clause - 1] + 1 if clause else 0
        clause_end = clause_ends[clause] if clause < len(clause_ends) else len(text)
        members = entities[bisect_left(entity_starts, clause_start) : bisect_left(entity_starts, clause_end)]
        if not members:
            continue
        kept = _precedence(found_cues, pseudos.get(clause))
        spans = enumerations.get(clause) if enumerations else None
        if not kept and not spans:
            continue
        found = _nearest_cues(text, members, kept, terminators.get(clause, ()), rules.attributives)
        if spans:
            _introduce(members, found, spans)
        if not any(found):
            continue  # no cue reaches an entity: nothing to carry or set
        if len(members) > 1:
            _carry_along_enumerations(text, members, found, rules.enumerators)
        for entity, flags in zip(members, found):
            if flagged is not None and entity.label not in flagged:
                continue  # flags carried along enumerations still passed through it
            if flags.pop("presupposed", None) is not None:
                for cleared in _CLEARED_BY_PRESUPPOSITION:
                    flags.pop(cleared, None)
            for flag, (cue, _, _) in flags.items():
                setattr(entity, flag, True)
                entity.cues[flag] = cue[2].cue


def _enumeration(text: str, cue_end: int, reach: int, clause_ends: str) -> tuple[int, int] | None:
    """The enumeration an introducing cue ending at ``cue_end`` opens: from the colon after it (at
    most ``reach`` characters on, in its sentence) to the sentence's end. A line break ends it only
    after a line that does not end with a clause end (A；⏎B；⏎C。 is one sentence). After a colon
    that ends its line, a line must end with one: a paragraph after a colon is no list."""
    colon = _TO_COLON.search(text, cue_end, cue_end + reach + 1)
    if colon is None or colon.group() not in "：:":
        return None
    start = end = colon.end()
    item_lines = 0
    for stop in _SENTENCE_END.finditer(text, start):
        end = stop.start()
        if stop.group() != "\n":
            break
        before = end - 1
        while before >= start and text[before] in " \t\u3000\r":
            before -= 1
        if before >= start and text[before] != "\n":  # not the colon's line, not a blank line
            if text[before] not in clause_ends:
                break
            item_lines += 1
    else:
        end = len(text)
    line_end = text.find("\n", start)
    if not item_lines and not text[start : line_end if line_end >= 0 else len(text)].strip():
        return None  # the colon ends its line, and no line after it ends like an item
    return start, end


def _introduce(members: Sequence[Entity], found: list[_Flags], spans: Sequence[tuple[int, int, _Cue]]) -> None:
    """Findings of an enumeration take its introducing cue's flag, unless a cue of their own clause set it."""
    for entity, flags in zip(members, found):
        for start, end, cue in spans:
            rule = cue[2]
            if start <= entity.start and entity.end <= end and rule.flag not in flags and (rule.labels is None or entity.label in rule.labels):
                flags[rule.flag] = (cue, "forward", entity.start - cue[1])


def _precedence(found: Sequence[_Cue], pseudo: Sequence[tuple[int, int]] | None) -> Sequence[_Cue]:
    """Pseudo-cues mask the cues they contain; a longer cue wins over a cue it contains."""
    real = found
    if pseudo:
        real = [cue for cue in found if not _inside_any(cue[0], cue[1], pseudo)]
    if len(real) < 3:
        if len(real) < 2:
            return real
        (first_start, first_end, _), (second_start, second_end, _) = real  # the common case, unrolled
        if second_start <= first_start and first_end <= second_end and second_end - second_start > first_end - first_start:
            return real[1:]
        if first_start <= second_start and second_end <= first_end and first_end - first_start > second_end - second_start:
            return real[:1]
        return real
    # Explicit loops: a clause holds a handful of cues, where generator expressions cost more than they save.
    kept = []
    for cue in real:
        start, end, _ = cue
        size = end - start
        for other_start, other_end, _ in real:
            if other_start <= start and end <= other_end and other_end - other_start > size:
                break
        else:
            kept.append(cue)
    return kept


def _inside_any(start: int, end: int, outers: Sequence[tuple[int, int]]) -> bool:
    for outer_start, outer_end in outers:
        if outer_start <= start and end <= outer_end:
            return True
    return False


# flag -> (the cue that set it, "forward" | "backward", its distance to the entity)
_Flags = dict[str, tuple[_Cue, str, int]]


def _nearest_cues(
    text: str, members: Sequence[Entity], cues: Sequence[_Cue], terminators: Sequence[tuple[int, int]], attributives: Sequence[str]
) -> list[_Flags]:
    """Per entity of a clause, each flag from the nearest cue in scope whose gap to the entity
    holds no terminator (one call per clause: most clauses hold one or two entities and cues)."""
    found = []
    for entity in members:
        flags: _Flags = {}
        entity_start, entity_end, label = entity.start, entity.end, entity.label
        for cue in cues:
            cue_start, cue_end, rule = cue
            labels = rule.labels
            if labels is not None and label not in labels:
                continue
            # Cues are never empty, so one before the entity cannot also be after it.
            if cue_end <= entity_start:
                if rule.direction == "backward":
                    continue
                low, high, direction = cue_end, entity_start, "forward"
            elif cue_start >= entity_end:
                if rule.direction == "forward":
                    continue
                low, high, direction = entity_end, cue_start, "backward"
            else:
                continue  # overlaps the entity
            distance = high - low
            if distance > rule.scope or (terminators and _any_inside(low, high, terminators)):
                continue
            reach = rule.noun_phrase
            if reach is not None and distance > reach and direction == "forward" and _beyond_attribute(text, low, high, reach, attributives):
                continue
            held = flags.get(rule.flag)
            if held is None or distance < held[2]:
                flags[rule.flag] = (cue, direction, distance)
        found.append(flags)
    return found


def _beyond_attribute(text: str, low: int, high: int, reach: int, attributives: Sequence[str]) -> bool:
    """Whether the gap ``text[low:high]`` holds an attributive marker more than ``reach`` characters
    before its end: the finding is past the noun the attribute modifies."""
    for marker in attributives:
        at = text.rfind(marker, low, high)
        if at >= 0 and high - at - len(marker) > reach:
            return True
    return False


def _any_inside(low: int, high: int, inners: Sequence[tuple[int, int]]) -> bool:
    for start, end in inners:
        if low <= start and end <= high:
            return True
    return False


def _carry_along_enumerations(
    text: str, members: Sequence[Entity], found: list[_Flags], enumerators: Sequence[str]
) -> None:
    """Forward flags flow right across 、/和/及 … joins and between adjacent findings (无恶心呕吐);
    backward flags flow left across explicit joins only (咳嗽有痰吗 asks about the phlegm)."""
    gaps = [text[left.end : right.start].strip() for left, right in zip(members, members[1:])]
    for i, gap in enumerate(gaps):
        if gap in enumerators or not gap:
            _inherit(members[i + 1], found[i + 1], found[i], "forward")
    for i in range(len(gaps) - 1, -1, -1):
        if gaps[i] in enumerators:
            _inherit(members[i], found[i], found[i + 1], "backward")


def _inherit(entity: Entity, flags: _Flags, source: _Flags, direction: str) -> None:
    for flag, held in source.items():
        labels = held[0][2].labels
        if held[1] == direction and flag not in flags and (labels is None or entity.label in labels):
            flags[flag] = held
