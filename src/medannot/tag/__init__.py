"""Tagging: lexicon entities, their assertion (negated / uncertain / hypothetical / adverse event),
and enumerated lists such as ①…⑤ symptom lists. Each concern is its own module and stage."""

from .assertion import AssertionRules, assert_entities, load_assertion_rules
from .entities import find_entities
from .lists import find_lists

__all__ = ["find_entities", "AssertionRules", "load_assertion_rules", "assert_entities", "find_lists"]
