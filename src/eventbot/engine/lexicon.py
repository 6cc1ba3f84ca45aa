"""A language's lexicon: the cues of each intent and aspect, filler words, timezone names."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from .intents import Intent
from .text import expand, fold, stems, words

Phrase = tuple[str, ...]  # a cue as a sequence of stems


def phrase(text: str) -> Phrase:
    return stems(words(expand(fold(text))))


@dataclass(frozen=True)
class Pattern:
    """A sentence shape that signals an intent (and perhaps one of its aspects)."""

    regex: re.Pattern[str]
    intent: Intent
    weight: float
    fallback: bool  # counts only when no cue names an intent
    aspect: str | None


@dataclass(frozen=True)
class Lexicon:
    language: str
    rewrite: dict[str, str]
    filler: frozenset[str]  # stems
    question_start: re.Pattern[str]  # a message that starts like a question ("what …", "is …")
    cues: dict[Intent, dict[Phrase, float]]  # intent -> cue -> weight
    aspects: dict[Intent, dict[str, tuple[Phrase, ...]]]  # intent -> aspect -> cues
    zones: dict[Phrase, str]
    vocabulary: frozenset[str]  # surface words of every cue and filler word
    cue_stems: frozenset[str]  # stems of every one-word cue and aspect
    patterns: tuple[Pattern, ...]


def _all_stems(
    cues: dict[Intent, dict[Phrase, float]],
    aspects: dict[Intent, dict[str, tuple[Phrase, ...]]],
) -> frozenset[str]:
    """Words that signal something alone; a word of a longer cue counts only with the rest of it."""
    found: set[str] = set()
    for table in cues.values():
        found.update(cue[0] for cue in table if len(cue) == 1)
    for by_aspect in aspects.values():
        for cue_list in by_aspect.values():
            found.update(cue[0] for cue in cue_list if len(cue) == 1)
    return frozenset(found)


def _intent(name: str, language: str) -> Intent:
    try:
        return Intent(name)
    except ValueError:
        raise ValueError(f"lexicon/{language}.toml: {name!r} is not an intent") from None


@cache
def load_lexicon(language: str = "en") -> Lexicon:
    source = resources.files("eventbot.engine").joinpath("lexicon", f"{language}.toml")
    data = tomllib.loads(source.read_text(encoding="utf-8"))
    vocabulary: set[str] = set()

    def surface(text: str) -> None:
        vocabulary.update(words(fold(text)))

    for cue_table in data["intents"].values():
        for cue in cue_table["cues"]:
            surface(cue)
    for aspect_table in data["aspects"].values():
        for cue_list in aspect_table.values():
            for cue in cue_list:
                surface(cue)
    filler_words = data["filler"].split()
    vocabulary.update(words(" ".join(filler_words)))
    vocabulary.update(data["rewrite"].values())
    cues: dict[Intent, dict[Phrase, float]] = {}
    for intent, table in data["intents"].items():
        weights = cues.setdefault(_intent(intent, language), {})
        for cue, weight in table[
            "cues"
        ].items():  # "reviewer" and "review" share a stem: keep the stronger
            key = phrase(cue)
            weights[key] = max(weights.get(key, 0.0), float(weight))
    aspects = {
        _intent(intent, language): {
            aspect: tuple(phrase(cue) for cue in cue_list) for aspect, cue_list in table.items()
        }
        for intent, table in data["aspects"].items()
    }
    return Lexicon(
        language=language,
        rewrite=data["rewrite"],
        filler=frozenset(stems(words(" ".join(filler_words)))),
        question_start=re.compile(
            rf"^\s*(?:{'|'.join(data['question_words'].split())})\b", re.IGNORECASE
        ),
        cues=cues,
        aspects=aspects,
        zones={phrase(name): zone for name, zone in data["zones"].items()},
        vocabulary=frozenset(vocabulary),
        cue_stems=_all_stems(cues, aspects),
        patterns=tuple(
            Pattern(
                re.compile(p["regex"]),
                _intent(p["intent"], language),
                float(p["weight"]),
                bool(p.get("fallback")),
                p.get("aspect"),
            )
            for p in data.get("patterns", [])
        ),
    )
