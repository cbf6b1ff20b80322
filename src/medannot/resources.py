"""Where the packaged data (``lexicons/``) lives: inside the wheel, or beside ``src/`` in a checkout."""

from __future__ import annotations

from functools import cache
from pathlib import Path

__all__ = ["lexicons_dir"]


@cache
def lexicons_dir() -> Path:
    installed = Path(__file__).with_name("_lexicons")  # placed there by the wheel build
    if installed.is_dir():
        return installed
    checkout = Path(__file__).resolve().parents[2] / "lexicons"  # editable install / source tree
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"medannot's lexicons/ not found at {installed} or {checkout}; reinstall medannot")
