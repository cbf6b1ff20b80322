"""Shared fixtures. Tests that read ../shared skip cleanly when it is absent (a fresh clone)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from medannot.errors import LexiconError

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "000_c3eac87ae79e87f4.txt"
CORPUS = ROOT / "corpus"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture(scope="session")
def seed_text(shared_dir: Path) -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def pipeline():
    """The default pipeline, built once for the whole test session."""
    from medannot import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def raw_pipeline():
    from medannot import Pipeline

    return Pipeline(raw=True)


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
