"""A lexicon built once is read from disk by the next process, unless its files changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventbot.engine import prebuilt


def test_what_was_built_from_the_same_files_is_read_not_built(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EVENTBOT_CACHE", str(tmp_path))
    built: list[str] = []

    def build(text: str) -> dict[str, str]:
        built.append(text)
        return {"made from": text}

    assert prebuilt.load("thing", ["a = 1"], lambda: build("a = 1")) == {"made from": "a = 1"}
    assert prebuilt.load("thing", ["a = 1"], lambda: build("a = 1")) == {"made from": "a = 1"}
    assert built == ["a = 1"]  # the second came from disk
    assert prebuilt.load("thing", ["a = 2"], lambda: build("a = 2")) == {"made from": "a = 2"}
    assert built == ["a = 1", "a = 2"]  # a changed file is built again


def test_a_copy_that_cannot_be_read_or_written_is_built_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EVENTBOT_CACHE", str(tmp_path))
    prebuilt.load("thing", ["x"], lambda: "first")
    for copy in tmp_path.iterdir():
        copy.write_bytes(b"not a pickle")
    assert prebuilt.load("thing", ["x"], lambda: "again") == "again"

    blocked = tmp_path / "a file, not a folder"
    blocked.write_text("")
    monkeypatch.setenv("EVENTBOT_CACHE", str(blocked))
    assert prebuilt.load("thing", ["x"], lambda: "built anyway") == "built anyway"


def test_an_older_copy_is_removed_and_a_file_of_another_user_never_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EVENTBOT_CACHE", str(tmp_path))
    prebuilt.load("thing", ["v1"], lambda: "one")
    prebuilt.load("thing", ["v2"], lambda: "two")
    assert len(list(tmp_path.glob("thing-*.pickle"))) == 1  # v1's copy is gone
    monkeypatch.setattr(prebuilt.os, "getuid", lambda: -1)  # as if someone else wrote it
    assert prebuilt.load("thing", ["v2"], lambda: "built") == "built"
