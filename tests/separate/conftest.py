"""Shared checks for the separation tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from medannot.errors import LexiconError


@pytest.fixture
def refused(tmp_path: Path) -> Callable[[Callable[[Path], object], str, int, str], None]:
    """``refused(loader, text, line, message)``: ``loader`` rejects a file holding ``text`` with an
    error that names the file, the line and ``message``."""

    def check(loader: Callable[[Path], object], text: str, line: int, message: str) -> None:
        path = tmp_path / "bad.yaml"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(LexiconError) as error:
            loader(path)
        assert f"{path}:{line}" in str(error.value)
        assert message in str(error.value)

    return check
