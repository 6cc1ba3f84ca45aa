"""Changes the assistant makes to an event file: a question the organisers answered, kept."""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import KnowledgeError
from .load import load_event
from .model import Event


def append_qa(path: Path, question: str, answer: str) -> Event:
    """Add a `[[qa]]` entry to the event file at `path` and return the event it now describes.

    The file is written only if it still checks out; organisers' own text is left as it is.
    """
    original = path.read_text(encoding="utf-8")
    entry = f"\n[[qa]]\nquestion = {_toml_string(question)}\nanswer = {_toml_string(answer)}\n"
    path.write_text(original.rstrip("\n") + "\n" + entry, encoding="utf-8")
    try:
        return load_event(path)
    except KnowledgeError:
        path.write_text(original, encoding="utf-8")
        raise


def _toml_string(text: str) -> str:
    """A TOML basic string: JSON's escapes are TOML's."""
    return json.dumps(text.strip(), ensure_ascii=False)
