"""What takes long to build from the language files, kept on disk between processes.

A lexicon is built from its TOML files in about a tenth of a second per language; a new
process (`eventbot ask`, a test) reads the one built before, as long as the files it came from,
the code that builds it and the stemmers are unchanged. Where nothing can be written (a
read-only or missing home), it is built every time, as before; a copy that cannot be read is
built again. The folder is the user's own (mode 700), and a file in it that is not theirs is
never read: unpickling runs code.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

#: the code a built object depends on: a change to any of them builds everything again
_CODE = ("lexicon.py", "text.py", "intents.py", "prebuilt.py", "dictionary.py")
#: the modules whose behaviour is in a built object (its stems)
_MODULES = ("snowballstemmer", "Stemmer")


def folder() -> Path:
    """$EVENTBOT_CACHE, else the user's cache folder (XDG), else ~/.cache, under eventbot/."""
    if os.environ.get("EVENTBOT_CACHE"):
        return Path(os.environ["EVENTBOT_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "eventbot"


def load(name: str, sources: Sequence[str], build: Callable[[], T]) -> T:
    """The object `build` makes from `sources`, from disk when it was built from the same."""
    try:
        path = folder() / f"{name}-{_digest(sources)}.pickle"
    except (OSError, RuntimeError):  # no home to keep it in
        return build()
    found = _read(path)
    if found is not None:
        return found  # type: ignore[return-value]  # what was kept under this digest
    made = build()
    _write(path, made)
    return made


def _digest(sources: Sequence[str]) -> str:
    digest = _code().copy()
    for part in (source.encode() for source in sources):
        digest.update(len(part).to_bytes(8, "big") + part)
    return digest.hexdigest()[:20]


@cache
def _code() -> hashlib._Hash:
    """The digest of what every built object depends on, read once a process."""
    digest = hashlib.sha256(sys.version.encode())
    here = Path(__file__).parent
    parts = [(here / module).read_bytes() for module in _CODE]
    parts += [_installed(module).encode() for module in _MODULES]
    for part in parts:
        digest.update(len(part).to_bytes(8, "big") + part)
    return digest


def _installed(module: str) -> str:
    """Which copy of `module` is installed: its file, size and time (cheaper than its version,
    and changed by any upgrade)."""
    found = sys.modules.get(module)
    if found is None or not getattr(found, "__file__", None):
        return "-"
    stat = os.stat(found.__file__)  # type: ignore[arg-type]
    return f"{found.__file__} {stat.st_size} {stat.st_mtime_ns}"


def _read(path: Path) -> object | None:
    try:
        if path.stat().st_uid != os.getuid():
            return None
        with path.open("rb") as stored:
            return pickle.load(stored)
    except Exception:  # missing, damaged, from another version: built again
        return None


def _write(path: Path, made: object) -> None:
    """Keep `made` at `path`, whole or not at all, and nothing older of its name beside it."""
    written: Path | None = None
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as file:
            written = Path(file.name)
            pickle.dump(made, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(written, path)
        written = None
        prefix = path.name.rsplit("-", 1)[0]
        for old in path.parent.glob(f"{prefix}-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except Exception:  # nowhere to write, or something that cannot be kept: built next time
        pass
    finally:
        if written is not None:
            written.unlink(missing_ok=True)
