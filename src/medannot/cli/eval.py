"""``medannot eval``: score medannot against gold data. Each scorer is its own module."""

from __future__ import annotations

import click

from . import LazyGroup

__all__ = ["eval_group"]

EVALUATIONS = {
    "boilerplate": "eval_boilerplate:boilerplate",
    "ner": "eval_ner:ner",
    "assertion": "eval_assertion:assertion",
    "cws": "eval_cws:cws",
}


@click.group("eval", cls=LazyGroup, lazy=EVALUATIONS)
def eval_group() -> None:
    """Score content extraction, entity tagging, assertion and segmentation against gold data."""
