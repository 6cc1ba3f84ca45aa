"""The world's towns and countries by name, each with its time zone: "it's 9:30 in Nijmegen",
"what time in Edinburgh?", "I'm in Sri Lanka".

`places.tsv` is made from GeoNames (CC BY 4.0) by `tools/make_places.py`, which says which
places and names it keeps. It is read once a process, and only when a message names with a
capital something no zone name of the lexicons or the tz database is, and kept on disk like a
lexicon (`prebuilt.py`).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from . import prebuilt
from .text import fold, strip_accents

SOURCE = Path(__file__).with_name("places.tsv")


def zone_of(name: str) -> str | None:
    """The tz database zone of the town or country `name`, if one is known by it."""
    found = _places().get(_key(name))
    return found[0] if found else None


def is_country(name: str) -> bool:
    """Whether `name` is a country's ("Denmark": a place, though a word of English too)."""
    found = _places().get(_key(name))
    return bool(found and found[1])


def countries_of(zone: str) -> list[str]:
    """The names of the countries whose clock is `zone` ("armenia" of Asia/Yerevan)."""
    return _countries().get(zone, [])


@cache
def _countries() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for name, (zone, country) in _places().items():
        if country:
            found.setdefault(zone, []).append(name)
    return found


def _key(name: str) -> str:
    return " ".join(strip_accents(fold(name)).split())


@cache
def _places() -> dict[str, tuple[str, bool]]:
    text = SOURCE.read_text(encoding="utf-8")
    return prebuilt.load("places", [text], lambda: _read(text))


def _read(text: str) -> dict[str, tuple[str, bool]]:
    found = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, zone, *country = line.split("\t")
            found[name] = (zone, bool(country))
    return found
