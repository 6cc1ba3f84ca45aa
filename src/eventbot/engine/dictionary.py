"""The words of each language, so that a real word is never "corrected" into another: Dutch
"groot" (big) is no misspelt "groet" (a greeting), "instalments" no misspelt "install".

The lists are pyspellchecker's word frequencies, gathered from subtitles and encyclopaedias; a
word seen fewer than `FREQUENT` times there is left out, since a common typo can be seen that
often. A language the package has no list for simply has none. Each list is read once a
process, and only when a word the events and lexicons do not know is met; a new process reads
the set kept on disk (prebuilt) instead of the package's compressed file.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
from functools import cache
from pathlib import Path

from . import languages, prebuilt
from .text import fold

#: how often a word must have been seen to be taken for a word of the language
FREQUENT = 100


def is_word(word: str) -> bool:
    """Whether `word` (folded) is a word of one of the assistant's languages."""
    return word in _every_word()


@cache
def _every_word() -> frozenset[str]:
    return frozenset().union(*(words_of(code) for code in languages.available()))


@cache
def words_of(language: str) -> frozenset[str]:
    """The folded words of `language` seen at least `FREQUENT` times; none if no list."""
    source = _list_of(language)
    if source is None:
        return frozenset()
    stat = source.stat()
    return prebuilt.load(
        f"words-{language}",
        [str(source), str(stat.st_size), str(stat.st_mtime_ns), str(FREQUENT)],
        lambda: _read(source),
    )


def _list_of(language: str) -> Path | None:
    """pyspellchecker's list for `language`, found without importing the package."""
    spec = importlib.util.find_spec("spellchecker")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "resources" / f"{language}.json.gz"
    return path if path.is_file() else None


def _read(source: Path) -> frozenset[str]:
    with gzip.open(source, "rt", encoding="utf-8") as file:
        counts: dict[str, int] = json.load(file)
    return frozenset(fold(word) for word, seen in counts.items() if seen >= FREQUENT)
