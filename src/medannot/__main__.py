"""``python -m medannot`` is the ``medannot`` command."""

from .cli import main

main()
