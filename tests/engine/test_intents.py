"""One source of truth for intents: the table, the answers, every language's files and the
Telegram commands all agree with `eventbot.engine.intents`."""

from __future__ import annotations

import tomllib

import pytest

from eventbot.channels.telegram import COMMANDS
from eventbot.engine import languages
from eventbot.engine.answers import COMPOSERS
from eventbot.engine.intents import INTENTS, QUESTIONS, Intent, Kind
from eventbot.engine.lexicon import load_lexicon

LANGUAGES = languages.available()
UNDERSTOOD = [intent for intent, spec in INTENTS.items() if spec.kind is not Kind.NONE]


def test_every_intent_is_in_the_table_once() -> None:
    assert list(INTENTS) == list(dict.fromkeys(INTENTS))
    assert set(INTENTS) == set(Intent)


def test_every_question_has_an_answer_and_nothing_else_does() -> None:
    assert set(COMPOSERS) == QUESTIONS
    assert all(INTENTS[intent].fields for intent in QUESTIONS)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_lexicon_recognises_every_intent(language: str) -> None:
    lexicon = load_lexicon(language)
    recognised = {i for i, cues in lexicon.cues.items() if cues} | {
        pattern.intent for pattern in lexicon.patterns
    }
    missing = [intent for intent in UNDERSTOOD if intent not in recognised]
    assert missing == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_templates_say_what_every_intent_needs(language: str) -> None:
    said = set(tomllib.loads(languages.read(language, "templates.toml"))["say"])
    missing = {
        intent: [key for key in spec.templates if key not in said]
        for intent, spec in INTENTS.items()
        if any(key not in said for key in spec.templates)
    }
    assert missing == {}


def test_telegram_commands_name_intents() -> None:
    named = [intent for _, intent in COMMANDS.values() if intent is not None]
    assert all(isinstance(intent, Intent) for intent in named)
