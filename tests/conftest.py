"""Shared fixtures. Tests that read ../shared skip cleanly when it is absent (a fresh clone)."""

from __future__ import annotations

from pathlib import Path

import pytest

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
