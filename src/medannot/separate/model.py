"""What the separation stage works on (blocks) and returns (``Separated``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..record import BoilerplateBlock, Meta, Paragraph, Reference


@dataclass(slots=True)
class Block:
    """One block of a page in reading order: a line of a text dump, or the text of an HTML block.

    The DOM fields stay at their defaults for text dumps, so every decision also works without them.
    """

    text: str
    link_density: float = 0.0  # share of the text inside <a> elements
    role: str = ""  # heading | item | row | "" : what the markup says the block is
    hint: tuple[str, str] | None = None  # (kind, cue) of the innermost class/id/tag-hinted element around it
    in_content: bool = False  # that innermost hinted element is an article container


@dataclass(frozen=True, slots=True)
class Container:
    """An element that holds blocks ``[first, last]`` (inclusive) at nesting ``depth``."""

    first: int
    last: int
    depth: int


@dataclass(slots=True)
class Separated:
    content: str
    paragraphs: list[Paragraph]
    boilerplate: list[BoilerplateBlock] = field(default_factory=list)
    meta: Meta = field(default_factory=Meta)
    references: list[Reference] = field(default_factory=list)
