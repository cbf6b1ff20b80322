"""What the separation stage returns."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..record import BoilerplateBlock, Meta, Paragraph, Reference


@dataclass(slots=True)
class Separated:
    content: str
    paragraphs: list[Paragraph]
    boilerplate: list[BoilerplateBlock] = field(default_factory=list)
    meta: Meta = field(default_factory=Meta)
    references: list[Reference] = field(default_factory=list)
