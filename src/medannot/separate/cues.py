"""Boilerplate cue rules from ``lexicons/boilerplate/cues.yaml``: which kind a block is, and why."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..errors import LexiconError
from ..resources import lexicons_dir
from ..yamlfile import check_keys, load_yaml

__all__ = ["CueRule", "CueSet", "load_cues"]

FORMAT = "medannot-cues/1"


@dataclass(frozen=True, slots=True)
class CueRule:
    kind: str
    phrases: tuple[str, ...]
    patterns: tuple[re.Pattern[str], ...]
    max_len: int

    def match(self, block: str) -> str | None:
        """The cue (phrase or pattern) that makes ``block`` this kind, if any."""
        if len(block) > self.max_len:
            return None
        for phrase in self.phrases:
            if phrase in block:
                return phrase
        for pattern in self.patterns:
            if pattern.search(block):
                return pattern.pattern
        return None


@dataclass(frozen=True, slots=True)
class CueSet:
    rules: tuple[CueRule, ...]

    def classify(self, block: str) -> tuple[str, str] | None:
        """``(kind, cue)`` of the first rule that matches the stripped block, else None."""
        for rule in self.rules:
            cue = rule.match(block)
            if cue is not None:
                return rule.kind, cue
        return None


def _compile(pattern: object, where: str) -> re.Pattern[str]:
    try:
        return re.compile(str(pattern), re.IGNORECASE)
    except re.error as error:
        raise LexiconError("MA202", where=where, detail=f"bad pattern {pattern!r}: {error}") from None


def load_cue_file(path: Path) -> CueSet:
    header, entries = load_yaml(path, "rules")
    if header.get("format") != FORMAT:
        raise LexiconError("MA202", where=f"{path}:1", detail=f"format must be {FORMAT!r}")
    rules = []
    for entry in entries:
        raw = check_keys(entry, {"kind"}, {"phrases", "patterns", "max_len"})
        phrases = tuple(str(p) for p in raw.get("phrases") or ())
        patterns = tuple(_compile(p, entry.where) for p in raw.get("patterns") or ())
        if not phrases and not patterns:
            raise LexiconError("MA202", where=entry.where, detail="a rule needs phrases or patterns")
        rules.append(CueRule(str(raw["kind"]), phrases, patterns, int(raw.get("max_len", 40))))
    return CueSet(tuple(rules))


@cache
def load_cues() -> CueSet:
    """The packaged cue set, loaded once per process."""
    return load_cue_file(lexicons_dir() / "boilerplate" / "cues.yaml")
