"""The medical lexicon: concepts loaded from YAML, layered with user lexicons, and matched in text."""

from .model import CATEGORIES, Concept, Lexicon, fold
from .load import Inspection, inspect_lexicon, load_lexicon
from .matcher import Match, Matcher

__all__ = ["CATEGORIES", "Concept", "Lexicon", "fold", "load_lexicon", "inspect_lexicon", "Inspection", "Match", "Matcher"]
