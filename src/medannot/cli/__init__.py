"""The ``medannot`` command. Subcommands live in their own modules and are imported only when
invoked, so ``medannot annotate`` never pays for the eval, index or spaCy code."""

from __future__ import annotations

import importlib

import click

from ..about import __version__

__all__ = ["main"]

# command name -> "module:attribute" (relative to medannot.cli)
COMMANDS = {
    "annotate": "annotate:annotate",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None:
            return None
        module_name, attribute = target.split(":")
        return getattr(importlib.import_module(f"{__name__}.{module_name}"), attribute)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="medannot")
def main() -> None:
    """Turn scraped Chinese health articles into clean, annotated, structured JSON."""
