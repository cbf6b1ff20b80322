"""The ``medannot`` command. Subcommands live in their own modules and are imported only when
invoked, so ``medannot annotate`` never pays for the eval, index or spaCy code."""

from __future__ import annotations

import importlib
import sys
from typing import NoReturn

import click

from ..about import __version__

__all__ = ["main", "fail"]

# command name -> "module:attribute" (relative to medannot.cli)
COMMANDS = {
    "annotate": "annotate:annotate",
    "eval": "eval:eval_group",
    "lexicon": "lexicon:lexicon",
    "models": "models:models",
    "index": "index:index",
    "search": "index:search",
    "export": "export:export",
}


def fail(error: Exception) -> NoReturn:
    """Report an error that stops a command before or while it runs, with exit status 2."""
    click.echo(f"medannot: {error}", err=True)
    sys.exit(2)


class LazyGroup(click.Group):
    """A group whose subcommands are ``"module:attribute"`` strings, imported on first use."""

    def __init__(self, *args: object, lazy: dict[str, str], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = lazy

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(self.lazy)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = self.lazy.get(name)
        if target is None:
            return None
        module_name, attribute = target.split(":")
        return getattr(importlib.import_module(f"medannot.cli.{module_name}"), attribute)


@click.group(cls=LazyGroup, lazy=COMMANDS, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="medannot")
def main() -> None:
    """Turn scraped Chinese health articles into clean, annotated, structured JSON."""
