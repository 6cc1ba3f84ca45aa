"""The world's towns and countries by name, each with its time zone: "it's 9:30 in Nijmegen",
"what time in Edinburgh?", "I'm in Sri Lanka".

`places.tsv` is made from GeoNames (CC BY 4.0) by `tools/make_places.py`, which says which
places and names it keeps. It is read once a process, when a message first names with a
capital something no zone name of the lexicons or the tz database is, or has a word the
facts must explain that may be a country or its people's ("as a German citizen"), and kept
on disk like a lexicon (`prebuilt.py`).
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


def country_of(word: str) -> str | None:
    """The country the folded `word` names, by its name or its people's ("bolivian",
    "japanese", "pakistani", "swedish", "italiener": the country whose English name it begins
    the most like, in four letters and all but the last two at least, with a people's
    ending)."""
    if is_country(word) or word in _MANY_CLOCKS:
        return word
    if len(word) <= 4 or not word.endswith(_PEOPLE_ENDINGS):
        return None
    alike = [
        name
        for name in _countries_by_head().get(word[:4], ())
        if _letters_alike(name, word) >= len(name) - 2
    ]
    return max(alike, key=lambda name: _letters_alike(name, word), default=None)


def _letters_alike(one: str, other: str) -> int:
    """How many letters `one` and `other` begin with alike."""
    return next(
        (i for i, (a, b) in enumerate(zip(one, other, strict=False)) if a != b),
        min(len(one), len(other)),
    )


def unions_of(country: str) -> list[str]:
    """The names of the unions whose citizens `country`'s are ("eu", "schengen")."""
    return [union for union, members in _UNIONS.items() if country in members]


#: a people's endings in English, German and Dutch ("Italiener", "belgischen", "Belgisch")
_PEOPLE_ENDINGS = ("an", "ese", "ish", "i", "er", "erin", "isch", "ische", "ischen", "ischer")
#: the countries places.tsv leaves out, as no one clock is theirs
_MANY_CLOCKS = (
    *("argentina", "australia", "brazil", "canada", "china", "indonesia", "kiribati"),
    *("malaysia", "mexico", "micronesia", "russia"),
)
_EU = (
    *("austria", "belgium", "bulgaria", "croatia", "cyprus", "czechia", "denmark", "estonia"),
    *("finland", "france", "germany", "greece", "hungary", "ireland", "italy", "latvia"),
    *("lithuania", "luxembourg", "malta", "netherlands", "poland", "portugal", "romania"),
    *("slovakia", "slovenia", "spain", "sweden"),
)
_EEA = (*_EU, "iceland", "liechtenstein", "norway")
#: who is a citizen of which union, as the facts name it (as of 2025)
_UNIONS = {
    "eu": _EU,
    "european union": _EU,
    "eea": _EEA,
    "schengen": (*(c for c in _EEA if c not in ("cyprus", "ireland")), "switzerland"),
}


@cache
def _countries_by_head() -> dict[str, list[str]]:
    """The countries of one word, by their first four letters."""
    found: dict[str, list[str]] = {}
    for name, (_, country) in _places().items():
        if country and " " not in name:
            found.setdefault(name[:4], []).append(name)
    for name in _MANY_CLOCKS:
        found.setdefault(name[:4], []).append(name)
    return found


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
