"""What every answer is made of: its lines, the facts they used, and what it lacks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from ...knowledge import Event
from ...knowledge.moments import phase
from ..index import Written
from ..phrasing import Phrasebook
from ..query import Query
from ..text import fold, stems, words


@dataclass
class Answer:
    """The lines of a reply, the knowledge-base fields they came from, and whether to hand off."""

    lines: list[str] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)
    handoff: bool = False

    def add(self, line: str, *facts: str) -> Answer:
        self.lines.append(line)
        self.facts.extend(f for f in facts if f not in self.facts)
        return self

    @property
    def said(self) -> set[str]:
        """The stems of every word its lines say."""
        return set(stems(words(fold(" ".join(self.lines)))))

    def lack(self, line: str) -> Answer:
        """Say plainly what is not known; the question goes to the organisers."""
        self.lines.append(line)
        self.handoff = True
        return self


@dataclass(frozen=True)
class Ask:
    event: Event
    query: Query
    now: dt.datetime
    phrases: Phrasebook
    filler: frozenset[str]
    #: the stems of the event's own names and its people's: a fee category is not picked by
    #: one of them alone ("WHIS membership" is no "WHIS member" fee)
    own: frozenset[str] = frozenset()
    #: the stems of the event's own names alone: "the farewell dinner of the La Palma school"
    #: names no session by "La Palma"
    label: frozenset[str] = frozenset()
    categories: frozenset[str] = frozenset()  # the stems of the fee categories' names
    negation: frozenset[str] = frozenset()  # the stems that say "not": "non", "kein", "geen"
    later: frozenset[str] = frozenset()  # the stems of a time after another: "after", "nach"
    #: the cues of times, sessions, speakers and deadlines ("when", "time", "keynote"): they
    #: name no session by its description ("what time?" is not the "summer time" one's)
    asking: frozenset[str] = frozenset()
    #: the cues of organisers ("organiser", "committee", "chair"): they name no organiser by
    #: a role ("who organises it?" is not of the "Chair of the organising committee" alone)
    organiser_words: frozenset[str] = frozenset()
    #: the cues of registering ("sign up", "anmelden"): when a registration deadline is asked,
    #: they name none of the others ("can I still sign up for the certificate track?" is not
    #: of the "Reading-group sign-up")
    registering: frozenset[str] = frozenset()
    #: the words for sessions of any kind ("session", "programme"): "the next session" names
    #: no "Parallel session" in particular
    programme_words: frozenset[str] = frozenset()
    #: the words for kinds of event ("seminar", "workshop"): filler of an event of that kind,
    #: yet what its sessions may be ("the last seminar" of a seminar series)
    kinds: frozenset[str] = frozenset()
    #: the stems of the places the question names, as its English too ("Nederland": "dutch")
    places: frozenset[str] = frozenset()
    #: the sums of money the question names ("the 3980 AUD fee", "68,000 rupees"): a fee of
    #: that amount is the one asked about when no category is named
    amounts: frozenset[Decimal] = frozenset()
    #: the one fee the last answer gave, when the question points back to it ("how much VAT
    #: is in that?"): the one asked about when no category is named
    fee_before: int | None = None
    #: what the organisers call the VAT a fee includes, if not that: "GST", "IGIC"
    taxes: dict[int, str] = field(default_factory=dict)
    #: the organisers' one sentence of the tax ("Gibraltar has no VAT, so …"), if they wrote one
    tax_written: Written | None = None

    @property
    def aspects(self) -> set[str]:
        return self.query.aspects

    def text(self, key: str, **values: object) -> str:
        return self.phrases.say(
            key,
            e=self.event.label,
            past=phase(self.event, self.now) == "past",
            ongoing=phase(self.event, self.now) == "ongoing",
            **values,
        )


def converted(ask: Ask, at: dt.datetime) -> str:
    """ "(in Berlin: …)" when the question asks the time in another zone, else "" (also when
    that zone's clock shows the same time: "in Hannover" of a deadline in Berlin)."""
    zone = ask.query.zone
    if zone is None or at.astimezone(zone).utcoffset() == at.utcoffset():
        return ""
    return ask.phrases.say(
        "deadline_converted",
        zone=ask.query.zone_name or str(zone),
        at=ask.phrases.moment(at.astimezone(zone)),
    )


def yes_or_no(ask: Ask, yes: bool, line: str) -> str:
    """`line` after "Yes." or "No." when the question asks only that ("Is VAT included?",
    "Bekomme ich …?"); else as it is."""
    if not ask.query.polar:
        return line
    return ask.phrases.verdict(yes, line)


def asked_words(ask: Ask) -> set[str]:
    """The stems of the question that carry meaning."""
    return set(ask.query.asked) - ask.filler - ask.query.operation_words


#: the stems that name no fee in particular: "the student fee", "the member rate"
FEE_WORDS = frozenset({"fee", "registr", "regist", "rate", "price"})


def pick(ask: Ask, names: list[str]) -> list[int]:
    """The items the question names by a word of theirs ("the student fee"); when it says what
    the asker is not ("not a student"), the others ("Non-member" is named by "non-member")."""
    query = ask.query
    asked = asked_words(ask) - query.negated
    picked, kept = [], []
    for i, name in enumerate(names):
        named = set(stems(words(fold(name))))
        name_stems = named - ask.filler - FEE_WORDS
        negative = bool(ask.negation & named)  # "Non-member" is named by "non-member"
        if query.negated & name_stems and not negative:
            continue  # "not a student": not the "Student" fee
        kept.append(i)
        if name_stems & ((asked - ask.own) | (query.negated if negative else set())):
            picked.append(i)
    return picked or (kept if len(kept) < len(names) else [])  # all but what they are not
