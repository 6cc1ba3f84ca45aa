"""What takes long to build from the language files, kept on disk between processes.

A lexicon is built from its TOML files in about a tenth of a second per language; a new
process (`eventbot ask`, a test) reads the one built before, as long as the files it came from
and the code that builds it are unchanged. Where nothing can be written (a read-only home), it
is built every time, as before; a copy that cannot be read is built again.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

#: the code a built object depends on: a change to any of them builds everything again
_CODE = ("lexicon.py", "text.py", "intents.py", "prebuilt.py")


def folder() -> Path:
    """$EVENTBOT_CACHE, else the user's cache folder (XDG), else ~/.cache, under eventbot/."""
    if os.environ.get("EVENTBOT_CACHE"):
        return Path(os.environ["EVENTBOT_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "eventbot"


def load(name: str, sources: Sequence[str], build: Callable[[], T]) -> T:
    """The object `build` makes from `sources`, from disk when it was built from the same."""
    digest = hashlib.sha256()
    here = Path(__file__).parent
    parts = [(here / name).read_bytes() for name in _CODE] + [s.encode() for s in sources]
    for part in parts:
        digest.update(len(part).to_bytes(8, "big") + part)
    path = folder() / f"{name}-{digest.hexdigest()[:20]}.pickle"
    try:
        with path.open("rb") as stored:
            found: T = pickle.load(stored)
        return found
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        pass
    made = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as written:
            pickle.dump(made, written, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(written.name, path)  # whole or not at all, whoever else writes it
    except OSError:
        pass
    return made
