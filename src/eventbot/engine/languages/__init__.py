"""The languages the assistant speaks. Each is a folder here, named by its code, and nothing
else: `lexicon.toml` (how attendees ask: cues, filler words, sentence shapes, the words of the
registration form), `templates.toml` (how the assistant answers) and, for a language other than
the one organisers write their events in, `glossary.toml` (its words for the things events are
made of, in English: "Unterkunft" is "accommodation"). A new language is a new folder with those
files; `tests/engine/test_languages.py` checks that it covers every intent
and template the others do.

Understanding reads every language at once (an attendee may mix them); the reply is written in
the language the message is detected to be in, or the conversation's when it does not say.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable

#: The language of a conversation that has not shown one.
DEFAULT = "en"


def folder(language: str) -> Traversable:
    return resources.files(__name__).joinpath(language)


@cache
def available() -> tuple[str, ...]:
    """The codes of every language with both files, the default first."""
    found = sorted(
        entry.name
        for entry in resources.files(__name__).iterdir()
        if entry.is_dir()
        and entry.joinpath("lexicon.toml").is_file()
        and entry.joinpath("templates.toml").is_file()
    )
    return tuple(sorted(found, key=lambda code: code != DEFAULT))


def has(language: str, name: str) -> bool:
    """Whether the language has that file (a glossary is optional)."""
    return folder(language).joinpath(name).is_file()


def read(language: str, name: str) -> str:
    """The text of one of a language's files; a language without it is named."""
    if language not in available():
        known = ", ".join(available())
        raise ValueError(f"no language {language!r} (there are {known})")
    return folder(language).joinpath(name).read_text(encoding="utf-8")
