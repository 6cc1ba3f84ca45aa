"""What one question asks, as far as words alone tell: the `Query` that `understand.py` reads
from a message and the engine answers, and a `Day` it may name."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from zoneinfo import ZoneInfo

from .intents import SOCIAL
from .text import numbered, stem

#: the stems a sentence that cancels has, in its words or their English ("annuleer",
#: "withdraw")
CANCELLING = frozenset({stem("cancel"), stem("withdraw")})
#: what asks of money coming back: "a refund", "reimbursed"; and, of cancelling, "back"
REFUNDING = frozenset({stem("refund"), stem("reimburse")})
MONEY_BACK = frozenset({stem("back"), stem("money"), *REFUNDING})


@dataclass(frozen=True)
class Day:
    """A day an attendee names: a weekday, a day of a month, or a month (the year is the
    event's); or how many days from today ("tomorrow"), until the engine, which knows today,
    makes it a day of a month."""

    weekday: int | None = None  # Monday is 0
    month: int | None = None
    number: int | None = None
    from_today: int | None = None

    def holds(self, date: dt.date) -> bool:
        if self.weekday is not None:
            return date.weekday() == self.weekday
        return date.month == self.month and self.number in (None, date.day)


@dataclass
class Query:
    """One question in a message, understood as far as words alone allow."""

    text: str
    intent: str | None = None
    score: float = 0.0
    aspects: set[str] = field(default_factory=set)
    events: dict[str, float] = field(default_factory=dict)
    naming: frozenset[int] = frozenset()  # where the words that name an event stand
    speakers: list[tuple[str, int]] = field(default_factory=list)  # (event id, index)
    speaker_names: dict[tuple[str, int], str] = field(default_factory=dict)
    person: str | None = None  # a person named who is not a known speaker
    pronoun: bool = False
    counts: bool = False  # asks how many
    counted: int | None = None  # where the word it counts stands: "how many pages"
    negated: frozenset[str] = frozenset()  # what the asker says they are not: "not a student"
    topic: str | None = None  # a topic asked about, as written: "Robotik"
    topic_read: str | None = None  # and as read, in the events' English: "robotics"
    #: what is asked of a moment: "countdown" (how long until), "passed", "still" (possible)
    operation: str | None = None
    polar: bool = False  # asks yes or no: "Is VAT included?", with no "why", "or" or "not"
    there_is: bool = False  # asks whether there is something: "is there a quiet room?"
    operation_words: frozenset[str] = frozenset()  # "too late": how it is asked, naming nothing
    #: the stems of a phrase that asks when ("hoe laat", "what time"): naming nothing
    when_words: frozenset[str] = frozenset()
    ordinal: str | None = None  # which of several is asked: "first", "next", "last"
    ordinal_words: frozenset[str] = frozenset()  # the stems that ask it: "open" of "opening"
    day: Day | None = None  # a day named: "on Wednesday", "am 8. April", "op 6 mei"
    zone: ZoneInfo | dt.tzinfo | None = None
    zone_name: str | None = None
    origin: tuple[dt.tzinfo, str] | None = None  # where the asker is from: its zone and name
    own_zone: bool = False  # the time asked is the asker's own ("in my time", "bei uns")
    zone_told: bool = False  # the zone is where the asker said they are ("I'm in Berlin.")
    local_time: bool = False  # asked in the time where the event is: "…, local time?"
    follows: bool = False  # asks the conversation's last question of something else
    currencies: frozenset[str] = frozenset()  # money asked in: "in dollars" (ISO codes)
    #: how many of what the organisers price one of: "five nights" is (5, "night")
    per_unit: tuple[int, str] | None = None
    people: int | None = None  # how many people a price per person is asked for: "two kids"
    #: words that are cues of an intent that lost ("livestreamed" when the keynote won): what
    #: the winner's facts must explain too
    rivals: list[str] = field(default_factory=list)
    content: list[str] = field(default_factory=list)  # surface words nothing explained yet
    surface: tuple[str, ...] = ()  # the words as read (compounds split, typos corrected)
    #: the words the message writes in capitals, folded: a short form, though a word of the
    #: language ("SET", "US")
    capitals: frozenset[str] = frozenset()
    stems: tuple[str, ...] = ()  # their stems, one each
    #: the stems with each German or Dutch word in the English of the events' facts ("vortrag"
    #: as "talk"): what is compared with the facts
    in_english: tuple[str, ...] = ()
    english: dict[str, tuple[str, ...]] = field(default_factory=dict)  # a word -> those stems
    #: the words that name a country or its people ("German", "Nederlander"): of the asker
    #: ("as a German citizen"), what the facts say of it, not the thing asked
    countries: set[str] = field(default_factory=set)
    #: a stem -> the stems of words naming the same thing in the facts' English ("food": "meal")
    alike: dict[str, frozenset[str]] = field(default_factory=dict, repr=False, compare=False)
    #: the questions of the whole message this one is part of, itself among them
    sentences: list[Query] = field(default_factory=list, repr=False, compare=False)

    @cached_property
    def asked(self) -> frozenset[str]:
        """Every stem of the question, as written and in English."""
        return frozenset(self.stems) | frozenset(self.in_english)

    def numbering(self, names: Sequence[str]) -> list[int]:
        """The names a word and its number in the question name, as written or in English:
        "session 2", "Sitzung 2" (text.numbered)."""
        return numbered(self.stems, names) or numbered(self.in_english, names)

    def senses(self, word: str) -> set[str]:
        """A word of the question as the facts may say it: its stem, its English, and the
        words that name the same thing."""
        own = {stem(word), *self.english.get(word, ())}
        return own.union(*(self.alike.get(each, ()) for each in own))

    @property
    def social(self) -> bool:
        return self.intent in SOCIAL

    @property
    def meaningful(self) -> bool:
        """It asks something, or names something, even if no intent was recognised."""
        return bool(
            self.intent
            or self.events
            or self.speakers
            or self.person
            or self.topic
            or self.operation
            or self.zone
            or self.day
            or self.aspects
            or self.content
        )
