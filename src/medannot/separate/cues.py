"""Boilerplate cue data from ``lexicons/boilerplate/``: which kind a block is, and why.

``cues.yaml`` classifies a block by its text (phrases and patterns); ``dom.yaml`` classifies an
element by its tag, class and id; ``meta.yaml`` names the labels of byline fields (来源, 作者, 发布时间…);
``people.yaml`` names the titles and departments around a person's name in a byline.
All are validated on load with ``file:line`` errors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..errors import LexiconError
from ..resources import lexicons_dir
from ..yamlfile import check_keys, load_yaml

__all__ = [
    "CueRule",
    "CueSet",
    "DomHint",
    "DomHints",
    "MetaLabels",
    "PersonQualifiers",
    "load_cues",
    "load_cue_file",
    "load_dom_hints",
    "load_dom_file",
    "load_meta_labels",
    "load_meta_file",
    "load_person_qualifiers",
    "load_person_file",
]

FORMAT = "medannot-cues/1"
DOM_FORMAT = "medannot-dom-hints/1"
META_FORMAT = "medannot-meta-labels/1"
PERSON_FORMAT = "medannot-person-qualifiers/1"
META_FIELDS = ("source_name", "author", "published", "updated", "views", "other")
# A label starts the block or follows a separator, and is followed by a colon, or (for fields whose
# value is a number or a date) directly by that number.
_LABEL_BEFORE = r"(?:^|(?<=[\s|｜/\\\[\]【】()（）·•,，;；:：]))"
_LABEL_AFTER = r"\s*(?:[:：]\s*|(?=[(（\[]?\s*\d))"
CONTENT = "content"  # the one DOM hint kind that marks article containers rather than boilerplate


@dataclass(frozen=True, slots=True)
class CueRule:
    kind: str
    regex: re.Pattern[str]  # the rule's phrases (escaped) and patterns as one alternation
    max_len: int
    section: bool = False  # a match heads a section of this kind that runs to the end of the article

    def match(self, block: str) -> str | None:
        """The text that makes ``block`` this kind (a phrase, or what a pattern matched), if any."""
        if len(block) > self.max_len:
            return None
        found = self.regex.search(block)
        return found.group() if found else None


@dataclass(frozen=True, slots=True)
class CueSet:
    rules: tuple[CueRule, ...]

    def classify(self, block: str) -> tuple[str, str] | None:
        """``(kind, cue)`` of the first rule that matches the stripped block, else None."""
        rule = self.rule_for(block)
        return (rule[0].kind, rule[1]) if rule else None

    def rule_for(self, block: str) -> tuple[CueRule, str] | None:
        """The first matching rule and the cue that matched."""
        for rule in self.rules:
            cue = rule.match(block)
            if cue is not None:
                return rule, cue
        return None


@dataclass(frozen=True, slots=True)
class DomHint:
    kind: str
    tags: frozenset[str]
    pattern: re.Pattern[str] | None  # the hint's patterns as one alternation


@dataclass(frozen=True, slots=True)
class DomHints:
    hints: tuple[DomHint, ...]

    def classify(self, tag: str, names: str) -> tuple[str, str] | None:
        """``(kind, cue)`` for an element with this tag and ``"id class"`` string, else None."""
        for hint in self.hints:
            if tag in hint.tags:
                return hint.kind, f"<{tag}>"
            if names and hint.pattern is not None and (match := hint.pattern.search(names)):
                return hint.kind, f"{match.group()!r} in class/id {names.strip()[:60]!r}"
        return None


@dataclass(frozen=True, slots=True)
class MetaLabels:
    """Byline labels: ``pattern`` finds them (group ``label``), ``fields`` maps a label to its field."""

    pattern: re.Pattern[str]
    fields: dict[str, str]  # lower-cased label -> field

    def field(self, label: str) -> str:
        return self.fields[label.lower()]


@dataclass(frozen=True, slots=True)
class PersonQualifiers:
    """Titles and units (departments, institutions, roles) that qualify a name in a byline."""

    titles: tuple[tuple[str, int], ...]  # (suffix, min_len), longest suffix first
    unit_suffixes: tuple[tuple[str, int], ...]
    unit_words: frozenset[str]

    def strip_title(self, word: str) -> tuple[str, bool]:
        """``word`` without the titles it ends with (副主任医师 → "", 陳嘉欣醫生 → 陳嘉欣), and whether any was cut."""
        cut = False
        while word:
            suffix = next((s for s, n in self.titles if len(word) >= n and word.endswith(s)), None)
            if suffix is None:
                break
            word, cut = word[: -len(suffix)], True
        return word, cut

    def is_unit(self, word: str) -> bool:
        return word in self.unit_words or any(len(word) >= n and word.endswith(s) for s, n in self.unit_suffixes)


def _compile(pattern: object, where: str) -> re.Pattern[str]:
    try:
        return re.compile(str(pattern), re.IGNORECASE)
    except re.error as error:
        raise LexiconError("MA202", where=where, detail=f"bad pattern {pattern!r}: {error}") from None


def _strings(value: object, where: str, key: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
        raise LexiconError("MA202", where=where, detail=f"{key} must be a list of strings")
    return [str(v) for v in value]


def load_cue_file(path: Path) -> CueSet:
    _, entries = load_yaml(path, "rules", format=FORMAT)
    rules = []
    for entry in entries:
        raw = check_keys(entry, {"kind"}, {"phrases", "patterns", "max_len", "section"})
        phrases = [re.escape(p) for p in _strings(raw.get("phrases"), entry.where, "phrases")]
        patterns = _strings(raw.get("patterns"), entry.where, "patterns")
        for pattern in patterns:
            _compile(pattern, entry.where)  # each one on its own first, so an error names it
        if not phrases and not patterns:
            raise LexiconError("MA202", where=entry.where, detail="a rule needs phrases or patterns")
        max_len = raw.get("max_len", 40)
        if not isinstance(max_len, int) or max_len < 1:
            raise LexiconError("MA202", where=entry.where, detail="max_len must be a positive integer")
        regex = _compile("|".join(f"(?:{p})" for p in [*phrases, *patterns]), entry.where)
        rules.append(CueRule(str(raw["kind"]), regex, max_len, bool(raw.get("section", False))))
    return CueSet(tuple(rules))


def load_dom_file(path: Path) -> DomHints:
    _, entries = load_yaml(path, "hints", format=DOM_FORMAT)
    hints = []
    for entry in entries:
        raw = check_keys(entry, {"kind"}, {"tags", "patterns"})
        tags = frozenset(t.lower() for t in _strings(raw.get("tags"), entry.where, "tags"))
        patterns = _strings(raw.get("patterns"), entry.where, "patterns")
        for pattern in patterns:
            _compile(pattern, entry.where)
        if not tags and not patterns:
            raise LexiconError("MA202", where=entry.where, detail="a hint needs tags or patterns")
        joined = _compile("|".join(f"(?:{p})" for p in patterns), entry.where) if patterns else None
        hints.append(DomHint(str(raw["kind"]), tags, joined))
    return DomHints(tuple(hints))


def load_meta_file(path: Path) -> MetaLabels:
    _, entries = load_yaml(path, "fields", format=META_FORMAT)
    fields: dict[str, str] = {}
    for entry in entries:
        raw = check_keys(entry, {"field", "labels"}, set())
        field = str(raw["field"])
        if field not in META_FIELDS:
            raise LexiconError("MA202", where=entry.where, detail=f"field must be one of {', '.join(META_FIELDS)}")
        for label in _strings(raw["labels"], entry.where, "labels"):
            if label.lower() in fields:
                raise LexiconError("MA202", where=entry.where, detail=f"label {label!r} is given twice")
            fields[label.lower()] = field
    if not fields:
        raise LexiconError("MA202", where=f"{path}:1", detail="no labels")
    labels = sorted(fields, key=len, reverse=True)  # longest first: 发布时间 before 发布
    alternation = "|".join(re.escape(label) for label in labels)
    return MetaLabels(re.compile(f"{_LABEL_BEFORE}(?P<label>{alternation}){_LABEL_AFTER}", re.IGNORECASE), fields)


def load_person_file(path: Path) -> PersonQualifiers:
    _, entries = load_yaml(path, "qualifiers", format=PERSON_FORMAT)
    titles: list[tuple[str, int]] = []
    unit_suffixes: list[tuple[str, int]] = []
    unit_words: set[str] = set()
    for entry in entries:
        raw = check_keys(entry, {"kind"}, {"suffixes", "words", "min_len"})
        kind = raw["kind"]
        if kind not in ("title", "unit"):
            raise LexiconError("MA202", where=entry.where, detail="kind must be title or unit")
        suffixes = _strings(raw.get("suffixes"), entry.where, "suffixes")
        words = _strings(raw.get("words"), entry.where, "words")
        if not suffixes and not words:
            raise LexiconError("MA202", where=entry.where, detail="an entry needs suffixes or words")
        min_len = raw.get("min_len", 2)
        if not isinstance(min_len, int) or isinstance(min_len, bool) or min_len < 1:
            raise LexiconError("MA202", where=entry.where, detail="min_len must be a positive integer")
        if kind == "title":
            titles += [(s, min_len) for s in suffixes] + [(w, len(w)) for w in words]
        else:
            unit_suffixes += [(s, min_len) for s in suffixes]
            unit_words.update(words)
    return PersonQualifiers(_longest_first(titles), _longest_first(unit_suffixes), frozenset(unit_words))


def _longest_first(pairs: list[tuple[str, int]]) -> tuple[tuple[str, int], ...]:
    """Longest suffix first, so 主治医师 is cut whole rather than as 医师."""
    return tuple(sorted(pairs, key=lambda pair: len(pair[0]), reverse=True))


@cache
def load_cues() -> CueSet:
    """The packaged cue set, loaded once per process."""
    return load_cue_file(lexicons_dir() / "boilerplate" / "cues.yaml")


@cache
def load_meta_labels() -> MetaLabels:
    """The packaged byline labels, loaded once per process."""
    return load_meta_file(lexicons_dir() / "boilerplate" / "meta.yaml")


@cache
def load_dom_hints() -> DomHints:
    """The packaged DOM hints, loaded once per process."""
    return load_dom_file(lexicons_dir() / "boilerplate" / "dom.yaml")


@cache
def load_person_qualifiers() -> PersonQualifiers:
    """The packaged person qualifiers, loaded once per process."""
    return load_person_file(lexicons_dir() / "boilerplate" / "people.yaml")
