"""People in bylines: the author's name without the titles and departments around it, and the
unlabelled lines that only name a person (``赵志远 副主任医师`` on a Q&A answer card).

Which words are titles or departments is data (``lexicons/boilerplate/people.yaml``); the record
has no field for them, and they stay in the byline block kept as boilerplate.
"""

from __future__ import annotations

import re

from .cues import load_person_qualifiers

__all__ = ["author_name", "is_person_line"]

_BRACKETED = re.compile(r"[（(【\[][^（()）【】\[\]]*[）)】\]]")
_HAN = re.compile(r"[\u3400-\u9fff]+")
_NAME = re.compile(r"[\u3400-\u9fff]{2,4}")  # a Chinese personal name: two to four characters
MAX_PERSON_LINE = 40
MAX_PERSON_WORDS = 6


def _name_part(word: str) -> str | None:
    """The name in one word of a byline, or None when the word is only a title or a unit."""
    qualifiers = load_person_qualifiers()
    rest, cut = qualifiers.strip_title(word)
    if cut:
        if not rest or qualifiers.is_unit(rest):
            return None
        return rest if len(rest) >= 2 else word  # 李主任: too little left to be a name
    return None if qualifiers.is_unit(word) else word


def author_name(value: str) -> str:
    """The person's name in a byline's author value: ``消化内科 陈立`` → ``陈立``,
    ``周楠（营养科）`` → ``周楠``, ``赵 培：北京物资学院`` → ``赵培``. Several names stay, space-separated;
    a value that is all qualifiers (宣传科) is kept as it is."""
    words = _BRACKETED.sub(" ", value)
    words = re.split(r"[:：]", words, maxsplit=1)[0].split()
    if 2 <= len(words) <= 3 and all(len(w) == 1 and _HAN.fullmatch(w) for w in words):
        return "".join(words)  # a two-character name spaced out to the width of three: 赵 培
    names = [name for word in words if (name := _name_part(word)) is not None]
    return " ".join(names) if names else value


def is_person_line(block: str) -> bool:
    """A short line that only names a person with their title, and maybe their department or
    hospital: ``赵志远 副主任医师``, ``孙蕾 主治医师 江州市中心医院 普外科``."""
    if len(block) > MAX_PERSON_LINE:
        return False
    words = block.split()
    if not 2 <= len(words) <= MAX_PERSON_WORDS:
        return False
    qualifiers = load_person_qualifiers()
    names = titles = 0
    for word in words:
        if not _HAN.fullmatch(word):
            return False  # punctuation or digits: a sentence or a label, not a name card
        rest, cut = qualifiers.strip_title(word)
        if cut and (not rest or qualifiers.is_unit(rest)):
            titles += 1
        elif cut and _NAME.fullmatch(rest):
            names, titles = names + 1, titles + 1
        elif qualifiers.is_unit(word):
            continue
        elif _NAME.fullmatch(word):
            names += 1
        else:
            return False
    return names == 1 and titles >= 1
