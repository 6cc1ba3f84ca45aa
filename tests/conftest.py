"""Shared fixtures: the sample events, and event files written to a temporary folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
EVENTS_DIR = PROJECT / "events"
SAMPLE_IDS = ["causality-medicine-2023", "demystifying-ai-healthcare", "tai4h-2024"]


@pytest.fixture
def events_dir() -> Path:
    """The project's folder of sample events (read only)."""
    return EVENTS_DIR


@pytest.fixture
def write_event(tmp_path: Path) -> Callable[..., Path]:
    """Write `text` to `<tmp>/<folder>/<name>.toml` and return the path."""

    def write(text: str, name: str = "demo", folder: str = "events") -> Path:
        directory = tmp_path / folder
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / f"{name}.toml"
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def clean_environ(monkeypatch: pytest.MonkeyPatch) -> None:
    """No eventbot setting leaks in from the environment of whoever runs the tests."""
    for variable in ("EVENTBOT_CONFIG", "EVENTBOT_EVENTS_DIR", "EVENTBOT_LANGUAGE", "EVENTBOT_DATABASE_URL"):
        monkeypatch.delenv(variable, raising=False)
