"""The conversation engine: a message and the conversation's state in; replies and new state out."""

from __future__ import annotations

import datetime as dt
import re
from calendar import monthrange
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import lru_cache, partial
from itertools import pairwise
from zoneinfo import ZoneInfo

from ..knowledge import Deadline, DeadlineKind, Event, EventStatus
from ..knowledge import moments as m
from . import languages, places
from .answers import COMPOSERS, Answer, Ask, journeys, per_unit, refunds, surcharges
from .answers.base import converted, pick
from .answers.content import ORDERS, editions_named, on_the_day
from .answers.logistics import rate_cores, rate_ended
from .answers.taxes import Taxed, vat_in_words
from .entries import Entries, counts, names_a_price
from .index import NAMED, STRONG, Catalog, Written
from .intents import ACTIONS, INTENTS, SOCIAL, Intent
from .lexicon import Phrase, detect, load_lexicon, merged, phrase
from .phrasing import Phrasebook, phrasebook
from .query import CANCELLING, MONEY_BACK, REFUNDING, Day, Query
from .text import (
    YEAR,
    denies,
    find_phrase,
    fold,
    has_any,
    kind_of,
    labels,
    named_by,
    of_a_kind,
    stem,
    stem_set,
    stems,
    words,
    years,
)
from .understand import PERSON, Understanding, calendar_stems

EVENT_CHOICE = "event:"
_DEADLINE_KINDS = {"abstract", "submission", "notification", "camera_ready"}
_TIMED = {Intent.DEADLINES, Intent.REGISTRATION, Intent.DATES, Intent.PROGRAMME}
#: what the organisers write of a session one need not pay for
_FREE = re.compile(r"\bfree\b|\bno charge\b|\bat no cost\b", re.IGNORECASE)
#: a day of the month by its number alone: "on the 15th", "am 15.", "op de 15e"
_NTH_DAY = re.compile(r"\b(?:the|am|den|de) ([12]?\d|3[01])(?:st|nd|rd|th|e|ste|de|\.)(?!\d)")
#: what asks a price with the organisers' code for a share off it: "with the discount code"
_WITH_A_CODE = stem_set("code discount")
#: the words of a deadline for the rest of a fee: "Balance", "Rest of the fee"
_BALANCE_WORDS = frozenset({stem("balance"), stem("rest"), stem("remainder")})
#: the questions a count of what attendees did may be read as ("how many abstracts were
#: submitted?", "how many papers did TAI4H accept?"): what they did is no fact of theirs
_OF_WHAT_WAS_DONE = {
    Intent.REGISTRATION,
    Intent.SUBMISSION,
    Intent.PAST_EDITIONS,
    Intent.DEADLINES,
}
#: a span of years: "2037–38", "2037/2038"
_YEAR_SPAN = re.compile(r"\b((?:19|20)\d\d)\s*[–/-]\s*(\d\d(?:\d\d)?)\b")
#: how many days an event runs at least to be a series of sessions rather than one meeting
_A_SERIES = 28
#: what a question naming a past edition's year asks of that edition: where, when, what it was
_OF_AN_EDITION = {Intent.VENUE, Intent.DATES, Intent.ABOUT, None}
#: an amount with a currency's sign: "(75 €)", "$840"
_SIGNED = re.compile(r"[€$£¥₹]\s?(\d+)|(\d+)\s?[€$£¥₹]")
#: an address to write to or call: "register@shbt.example.sh", "+500 21234"
_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\+\d[\d ]{5,}\d")
#: Questions about a moment: an operation on time ("how long until…?") is asked of them.
_MOMENTS = _TIMED | {Intent.SUBMISSION}
#: a rule of the call for papers an answer gives: "submission.rules[1]"
_RULE = re.compile(r"submission\.rules\[(\d+)\]")
#: what asks which language something is in, naming none: "language", "Sprache", "taal"
_LANGUAGE = frozenset({stem("language")})


@dataclass(frozen=True)
class Choice:
    label: str
    value: str


@dataclass(frozen=True)
class Reply:
    text: str
    choices: tuple[Choice, ...] = ()


@dataclass(frozen=True)
class Incoming:
    """A message from an attendee, whatever channel it came by."""

    text: str
    choice: str | None = None  # the value of a Choice the attendee picked
    intent: str | None = None  # named outright by a command ("/events"): no understanding needed
    zone: dt.tzinfo | None = None  # the asker's, when the channel knows it (a mail's Date)


@dataclass
class State:
    """What the conversation so far means for the next message. Stored between messages."""

    event: str | None = None
    intent: str | None = None
    aspects: list[str] = field(default_factory=list)
    speaker: tuple[str, int] | None = None
    pending: str | None = None  # a question waiting for the attendee to pick its event
    language: str | None = None  # the language of the last message that showed one
    #: where the asker said they are, or the time they asked in ("Europe/Berlin", or an offset
    #: "+05:45"), and its name as they said it: a follow-up ("and the panel?") is in it too
    zone: tuple[str, str] | None = None
    entry: tuple[str, int] | None = None  # the Q&A entry the last answer gave: its event, index
    other: str | None = None  # another event the conversation named: "and the other one?"
    #: the fee the asker said they paid, whose refund was reckoned: its event, index ("and if I
    #: had cancelled in January?")
    paid: tuple[str, int] | None = None
    #: the one fee the last answer gave: its event, index ("how much VAT is in that?")
    fee: tuple[str, int] | None = None
    #: the question sentences of the last message that asked: "I'm a student" asks them again
    asked: str | None = None
    form: dict | None = (
        None  # a registration conversation under way (eventbot.registration.flow.Form)
    )

    def to_dict(self) -> dict:
        return {
            "event": self.event,
            "intent": self.intent,
            "aspects": self.aspects,
            "speaker": list(self.speaker) if self.speaker else None,
            "pending": self.pending,
            "language": self.language,
            "zone": list(self.zone) if self.zone else None,
            "entry": list(self.entry) if self.entry else None,
            "other": self.other,
            "paid": list(self.paid) if self.paid else None,
            "fee": list(self.fee) if self.fee else None,
            "asked": self.asked,
            "form": self.form,
        }

    @classmethod
    def from_dict(cls, data: dict) -> State:
        speaker, zone, entry = data.get("speaker"), data.get("zone"), data.get("entry")
        paid, fee = data.get("paid"), data.get("fee")
        return cls(
            event=data.get("event"),
            intent=data.get("intent"),
            aspects=list(data.get("aspects") or []),
            speaker=tuple(speaker) if speaker else None,
            pending=data.get("pending"),
            language=data.get("language"),
            zone=(zone[0], zone[1]) if zone and m.zone_readable(zone[0]) else None,
            entry=(entry[0], int(entry[1])) if entry else None,
            other=data.get("other"),
            paid=(paid[0], int(paid[1])) if paid else None,
            fee=(fee[0], int(fee[1])) if fee else None,
            asked=data.get("asked"),
            form=data.get("form"),
        )


@dataclass
class Outcome:
    """What the engine did with a message: the replies, and what they rest on."""

    replies: list[Reply]
    state: State
    intents: list[str]
    event: str | None
    handoff: bool
    facts: list[str]
    action: str | None = None  # something for the assistant to do: "register", "forget", …
    calendar: str | None = None  # the event whose .ics goes with the replies (a registration)


#: Actions a question may name while asking about a rule around them ("can I get a refund if I
#: cancel?", "can I transfer my registration to a colleague?"): then the organisers answer.
_ASKING_MORE = (Intent.CANCEL_REGISTRATION, Intent.MY_REGISTRATION)
#: What a session's line in the programme does not tell: its price, how to register or submit.
_NOT_OF_SESSIONS = {Intent.FEES, Intent.REGISTRATION, Intent.SUBMISSION, Intent.DEADLINES}
#: what a fee question may ask that no field of the fees says: how to pay, whether VAT is
#: charged, whether something no fee lists is included
_UNWRITTEN = {"payment", "vat", "includes"}


class Engine:
    """Answers attendees' messages about `events`. Pure: no I/O, the clock is an argument."""

    def __init__(self, events: list[Event], *, language: str = languages.DEFAULT) -> None:
        self.language = language  # of a conversation whose messages have not shown one
        self.lexicon = merged()
        self.catalog = Catalog(events, self.lexicon)
        self.understanding = Understanding(self.catalog, self.lexicon)
        self.phrasebooks = {code: phrasebook(code) for code in languages.available()}
        self.phrases = self.phrasebooks[language]
        self.events = self.catalog.events
        # the names of the events and their speakers, and any two words of them or more with
        # one no language has, which are no words of a language: "van diemen session 4?" is
        # English, "die Lord Howe Summer School" German
        names: set[str] = set()
        for event in events:
            for name in (event.name, event.short_name, *event.aliases, *event.acronyms) + tuple(
                speaker.name for speaker in event.speakers
            ):
                if name:
                    names.add(name)
                    names.update(_parts_of_a_name(name, self.lexicon.vocabulary))
        self._names = re.compile(
            "|".join(rf"\b{re.escape(name)}\b" for name in sorted(names, key=len, reverse=True)),
            re.IGNORECASE,
        )
        # the words next to which a number is a sum paid: "paid 1,090", "840 euro"
        self._money_words = self.lexicon.grammar.paid | {
            word for name in self.lexicon.currencies for word in name
        }
        # the events with the VAT their text says fees include, and the tax's name ("GST")
        self._taxed: dict[str, Taxed] = {}
        grammar = self.lexicon.grammar
        self._kinds_of_event = frozenset(
            w[0] for w in grammar.event_words if len(w) == 1 and w not in grammar.event_starts
        )
        self._cue_words = {
            intent: frozenset(word for cue in cues for word in cue)
            for intent, cues in self.lexicon.cues.items()
        }

        def cue_words(*intents: Intent) -> frozenset[str]:
            return frozenset().union(*(self._cue_words.get(i, frozenset()) for i in intents))

        # "when", "talk", "speakers": how a session or a deadline is asked for, not which one;
        # but a title's own "Panel" or "Keynote" names it when no other title has the word
        self._ways_of_asking = cue_words(
            Intent.DATES, Intent.PROGRAMME, Intent.SPEAKERS, Intent.DEADLINES
        )
        # a losing intent's cue is a word the facts must explain, unless it only says how the
        # question is framed: when, which session, who, by which deadline, to register, to submit
        self._frames = self._ways_of_asking | cue_words(Intent.REGISTRATION, Intent.SUBMISSION)
        #: the words that name a written thing or its form: "abstract", "camera-ready", "pages"
        aspects = self.lexicon.aspects
        self._written_things = frozenset(
            word
            for cues in [
                *(c for k, c in aspects.get(Intent.DEADLINES, {}).items() if k in _DEADLINE_KINDS),
                aspects.get(Intent.SUBMISSION, {}).get("format", ()),
            ]
            for cue in cues
            if len(cue) == 1
            for word in cue
        )
        #: the words that ask a price: "how much", "kostet", "hoe hoog"
        self._price_words = frozenset(w for price in self.lexicon.grammar.price for w in price)
        #: the words that ask how long: "how long", "wie lange", "hoe lang"
        self._how_long = frozenset(
            word
            for cue in self.lexicon.aspects.get(Intent.DATES, {}).get("duration", ())
            for word in cue
        )
        self.entries = Entries(self.catalog, self.lexicon.filler, self._frames)
        self._surcharges_of: dict[str, list[surcharges.Surcharge]] = {}
        self._ways_of_asking_when = frozenset(
            cue[0]
            for intent in (Intent.DATES, Intent.DEADLINES)
            for cue in self.lexicon.cues.get(intent, {})
            if len(cue) == 1
        )

    def phrases_for(self, state: State | None) -> Phrasebook:
        """The wording of the conversation's language."""
        language = state.language if state is not None else None
        return self.phrasebooks.get(language or self.language, self.phrases)

    def language_of(self, text: str, state: State) -> str:
        """The language `text` is written in; the conversation's when it does not tell."""
        return detect(self._names.sub(" ", text), state.language or self.language)

    def is_small_talk(self, text: str) -> bool:
        """Whether `text` only greets, thanks or says goodbye ("Hi,", "Many thanks, Ada"): a
        channel leaves such lines of a longer message out of the question."""
        queries = self.understanding.read(text)
        return bool(queries) and all(query.intent in SOCIAL for query in queries)

    def _home_clock(
        self, zone: dt.tzinfo | None, now: dt.datetime, language: str | None
    ) -> dt.tzinfo | None:
        """The asker's clock when the channel knows only an offset (a mail's Date header, the
        offset of `now`): the clock of the places where the language is written whose offset
        it is, when all of them keep the same time all year ("+01:00" in German is Central
        European time, summer time too), else the bare offset."""
        if zone is None or isinstance(zone, ZoneInfo):
            return zone
        offset = zone.utcoffset(now)
        if not offset:
            return zone  # UTC: what a chat tells of no one
        homes = self.lexicon.homes.get(language or self.language, ())
        return _home_of(homes, offset, now.astimezone(dt.UTC).date()) or zone

    def _current(self, state: State) -> State:
        """A copy of the state without what names an event no longer loaded (an organiser
        renamed or removed its file, or another process serves other events)."""
        state = replace(state, aspects=list(state.aspects))
        if state.event is not None and state.event not in self.events:
            state.event, state.intent, state.aspects = None, None, []
        if state.speaker is not None and state.speaker[0] not in self.events:
            state.speaker = None
        return state

    def handle(self, message: Incoming, state: State, now: dt.datetime) -> Outcome:
        if now.tzinfo is None:
            raise ValueError("now must be timezone-aware")
        state = self._current(state)
        text = message.text
        if not message.choice:
            state.language = self.language_of(text, state)
        if message.choice and message.choice.startswith(EVENT_CHOICE):
            chosen = message.choice.removeprefix(EVENT_CHOICE)
            if chosen in self.events:
                state.event = chosen
                if state.pending:
                    text, state.pending = state.pending, None
        asker = self._home_clock(message.zone or now.tzinfo, now, state.language)
        queries = (
            [Query(text=text, intent=message.intent, score=10.0)]
            if message.intent
            else self.understanding.read(text, asker, state.language)
        )
        if (
            not message.choice
            and not any(query.intent in ACTIONS for query in queries)
            and self.lexicon.form.stop.match(text)
        ):  # "stop", "Anmeldung abbrechen" with no registration under way (the form takes them
            # while one is): nothing to stop, no question for the organisers ("cancel
            # registration" cancels one)
            line = self.phrases_for(state).say("nothing_to_stop")
            return self._outcome([Answer(lines=[line])], state, [Intent.UNKNOWN], state.event)
        if state.pending and len(queries) == 1 and queries[0].intent is None and queries[0].events:
            picked = self._named_event(queries[0].events, None)
            if picked:
                state.event = picked
                queries = self.understanding.read(state.pending, asker, state.language)
        state.pending = None
        if of_oneself := self._tells_of_the_asker(queries, state, message):
            # "Korrektur: Ich bin doch Mitglied.": the last question again, of them as they are
            text = f"{of_oneself} {state.asked}"
            queries = self.understanding.read(text, asker, state.language)
        for query in queries:
            if query.own_zone:  # "in my time": theirs when known; a chat tells only UTC
                known = message.zone is not None or now.utcoffset() != dt.timedelta(0)
                query.zone_name = self.phrases_for(state).words["your_time"] if known else "UTC"
            if query.day and query.day.from_today is not None:  # "tomorrow": the asker's
                day = now.date() + dt.timedelta(days=query.day.from_today)
                query.day = Day(month=day.month, number=day.day)

        parts: list[Answer] = []
        told: list[tuple[Query, Answer]] = []  # sentences that tell rather than ask
        read: list[tuple[Query, Answer]] = []  # every sentence and its answer
        intents: list[str] = []
        for query in queries:
            if not query.events and state.other in self.events and self._says_the_other(query):
                query.events = {state.other: STRONG}  # "and the other one?"
        before = state.event
        entry = state.entry  # the entry an answer of this message gives is for the next one
        explained: Answer | None = None  # why the clocks are as they are, if asked
        named_anywhere = self._named_event(_union_events(queries), state.event)
        for query in queries:
            if entry != state.entry and entry and self._refers_back(query):
                state.entry = entry  # "I can't join the orientation call. Will it be recorded?"
            intent = self._intent(query, state, now)
            intent = self._recast(intent, query)
            if intent in ACTIONS and self._tells_beside_a_question(query, queries):
                continue  # "I can't come after all. Will I get money back?": the question
            if self._tells_only_where_they_live(query, intent, queries):
                continue  # "Ik woon in Eucla zelf. Moet ik een aanbetaling doen?": the question
            intents.append(intent)
            if intent in ACTIONS:
                state.entry = entry
                self._remember_asked(queries, state)
                return self._action(intent, query, text, state, parts, intents, named_anywhere, now)
            if intent == Intent.EVENTS and (query.events or query.content):
                # "which event has a hackathon?" (a word of one's name), "… a whale-watching
                # trip?" (of one's facts): that one
                having = list(query.events) or self._events_saying(query)
                if len(having) == 1:
                    state.event = having[0]
                    parts.append(Answer(lines=[self._event_line(self.events[having[0]], state)]))
                    continue
            if intent in SOCIAL:
                parts.append(Answer(lines=[self._social(intent, state)]))
                continue
            event_id = (
                self._defines(query)
                or self._event_for(query, state, named_anywhere)
                or self.catalog.detail_of(query.stems)
                or self._only_one_answers(intent)
            )
            if event_id is None:
                if intent == Intent.UNKNOWN and not (query.content or self._asks(query.text)):
                    parts.append(
                        Answer(lines=[self.phrases_for(state).say("not_understood", e=None)])
                    )
                    continue
                state.entry = entry
                return self._which_event(text, state, parts, intents)
            state.event = event_id
            if query.local_time and query.zone is None:  # "…, local time?" where the event is
                self._in_the_event_s_time(self.events[event_id], query)
            year = self._other_edition(self.events[event_id], query, now)
            if year is not None and intent != Intent.PAST_EDITIONS:
                if any(p.year == year for p in self.events[event_id].past_editions):
                    intent = intents[-1] = Intent.PAST_EDITIONS  # "where was HimDH 2025?"
                else:  # "where will HimDH 2029 be?"
                    say = self.phrases_for(state).say
                    label = self.events[event_id].label
                    parts.append(Answer().lack(say("other_edition", e=label, year=year)))
                    continue
            self._number_as_an_order(self.events[event_id], query)
            if self._asks_what_it_stands_for(self.events[event_id], query, intent):
                named: Intent | None = Intent.ABOUT  # "Wat is WHIS eigenlijk?"
            else:
                named = self._named_item(self.events[event_id], query, intent, state)
            closing = self._a_closing_named(self.events[event_id], query, intent)
            if named is None and closing is not None:
                named = Intent.DEADLINES  # "can I still sign up for the certificate track?"
                query.aspects.add(closing.value)
            if named is None and self._names_a_deadline(self.events[event_id], query, intent):
                named = Intent.DEADLINES  # "the author registration deadline", "fee payment"
            if named is None and self._of_a_day(self.events[event_id], query, intent):
                named = Intent.PROGRAMME  # "who speaks on Wednesday?", "what is on 8 April?"
            if named is None and self._books_a_rate(self.events[event_id], query, intent):
                named = Intent.FEES  # "can I book an extra night on 1 March?": its rate says
            if named is not None:
                intent = intents[-1] = named
                if named == Intent.PROGRAMME and self._asks_how_long(query):
                    query.aspects.add("duration")  # "how long is the presidential address?"
            elif intent == Intent.SPEAKERS and self._when_a_speaker_speaks(query, event_id):
                intent = intents[-1] = Intent.UNKNOWN  # no session of theirs says when
            if intent == Intent.DATES and self._lasts_one_of_a_series(self.events[event_id], query):
                intent = intents[-1] = Intent.PROGRAMME  # "how long is each Tautai seminar?"
                query.aspects.add("duration")
            elif intent in (
                Intent.DATES,
                Intent.SPEAKERS,
                Intent.PROGRAMME,
            ) and self._lasts_a_part(self.events[event_id], query):
                if self._of_sessions(self.events[event_id], query):
                    intent = intents[-1] = Intent.PROGRAMME  # "how long is each session?"
                    query.aspects.add("duration")
                elif intent != Intent.PROGRAMME:  # "how long are the talks?": not the event
                    intent = intents[-1] = Intent.UNKNOWN
            if intent == Intent.CONTACT and (
                query.speakers
                or query.person
                or (query.pronoun and state.speaker and state.intent == Intent.SPEAKERS)
            ):  # "what's Valentina Riquelme's email?", "her email?": not the organisers'
                intent = intents[-1] = Intent.UNKNOWN
            if intent == Intent.UNKNOWN or (
                intent == Intent.ABOUT and not self._explained(event_id, intent, query)
            ):  # "who is the director of the school?": no words of its description
                own_words = self._in_its_own_words(self.events[event_id], query)
                if own_words != Intent.UNKNOWN or intent == Intent.UNKNOWN:
                    intent = intents[-1] = own_words
                    query.aspects |= self.understanding.aspects_of(query, intent)
            # the channel's offset, or the clock guessed from it: not a zone it names
            guessed = query.own_zone and not isinstance(message.zone, ZoneInfo)
            if (query.zone is None or guessed) and query.origin and intent in _TIMED:
                # "from Tokyo, when is the keynote?"; "… von Deutschland aus. … bei uns?": the
                # place's clock, which knows when summer time ends, not the message's offset (a
                # zone the channel knows by name stays)
                query.zone, query.zone_name = query.origin
                query.own_zone = False
            if (
                query.zone is None
                and state.zone
                and intent in _TIMED
                and self.lexicon.grammar.follow_up.search(query.text)
            ):
                query.zone, query.zone_name = (
                    m.zone_from_key(state.zone[0]),
                    state.zone[1],
                )  # "and the panel?"
            if (
                isinstance(query.zone, ZoneInfo | dt.timezone)
                and query.zone_name
                and intent in _TIMED
            ):
                state.zone = (m.zone_key(query.zone), query.zone_name)
            if (hour := self._why_at_another_hour(self.events[event_id], query, state)) is not None:
                answer = explained = hour  # "Why is seminar 3 not at 3 pm like seminar 1?"
            elif self._asks_why_the_clocks(query, state):  # "why is it an hour earlier?"
                answer = self._why_the_clocks(self.events[event_id], state)
                explained = answer
                intent = intents[-1] = Intent.DATES  # of a time, not of "earlier" editions
            elif (
                flight := self._flight_time(self.events[event_id], query, text, state)
            ) is not None:
                answer = flight  # "how long is the flight from Lisbon to Ponta Delgada really?"
            elif (
                apart := self._clocks_apart(self.events[event_id], query, text, state)
            ) is not None:
                answer = apart  # "the time difference between Berlin and Santiago?"
            elif (
                changes := self._clock_changes(self.events[event_id], query, text, state)
            ) is not None:
                answer = changes  # "Wird während der AquaML in Denver die Uhr umgestellt?"
            elif (
                shared := self._shared_fee(self.events[event_id], query, text, state, now)
            ) is not None:
                answer = shared  # "If 15 of us share the institutional licence, how much each?"
            elif (far := self._how_far(self.events[event_id], query, state, now)) is not None:
                answer = far  # "How far is the winter school from Irkutsk?"
            elif (
                spoken := self._language_of(self.events[event_id], query, state, now)
            ) is not None:
                answer = spoken  # "Is the school taught in English?"
            else:
                answer = self._answer(self.events[event_id], intent, query, state, now)
            if intent == Intent.SUBMISSION:
                answer = self._as_ruled(self.events[event_id], query, answer, state)
            if query.per_unit:
                answer = self._reckon_per_unit(self.events[event_id], query, answer, state)
            elif intent == Intent.FEES and query.people:
                answer = self._for_them_all(self.events[event_id], query, answer, state)
            if intent == Intent.FEES and "balance" in query.aspects:
                answer = self._the_balance(self.events[event_id], query, answer, state, now)
            if (way := self._paying_by(query, text, state)) is not None:  # "… if I pay it by Amex?"
                answer = self._surcharged(
                    self.events[event_id], *way, query, answer, state, now, text
                )
            answer = self._in_so_many_words(self.events[event_id], query, answer, state)
            if answer.handoff and (deadline := self._deadline_by_its_words(event_id, query)):
                # "Until when is the early bird valid?" of the deadline "Early-bird rates"
                asked = replace(query, aspects={deadline})
                answer = COMPOSERS[Intent.DEADLINES](
                    self._ask(self.events[event_id], asked, now, state)
                )
            if (
                self._counts_what_was_done(query, intent, answer)
                or self._asks_a_rate(query, answer)
                or _counts_nothing(query, answer)
            ):
                say = self.phrases_for(state).say
                answer = Answer().lack(say("unknown", e=self.events[event_id].label))
            if answer.handoff and self._only_tells(query):
                told.append((query, answer))
            read.append((query, answer))
            parts.append(answer)
            if (paid := _refunded_fee(answer)) is not None:
                state.paid = (event_id, paid)
            state.fee = None
            if not answer.handoff:  # "what does that cost a night?" of the entry just given,
                # "how much VAT is in that?" of the fee
                one_entry, one_fee = _the_one(answer, "qa"), _the_one(answer, "fees")
                entry = None if one_entry is None else (event_id, one_entry)
                state.fee = None if one_fee is None else (event_id, one_fee)
            if intent != Intent.UNKNOWN and answer is not explained:  # "what time is that in
                # Copán?" after why the clocks are as they are: of the moment explained
                state.intent = intent
                state.aspects = sorted(query.aspects - {"zone"})
                if intent == Intent.PROGRAMME:  # "what time is that in Berlin?" of the same ones
                    state.aspects = [f for f in answer.facts if f.startswith("programme[")]
                one = [f for f in answer.facts if re.fullmatch(r"deadlines\[\d+\]", f)]
                if intent != Intent.DEADLINES and (
                    deadline := self._a_deadline_named(self.events[event_id], query)
                ):
                    # "how much is the deposit?": "until when?" asks the deadline "Deposit"
                    state.aspects.append(deadline)
                if intent == Intent.DEADLINES and len(one) == 1:  # … of that deadline, of its
                    # own kind ("and the submission deadline?" may be "Tiling submissions")
                    kind = _deadline_of(self.events[event_id], one[0]).kind
                    kept = {a for a in state.aspects if a not in _DEADLINE_KINDS or a == kind}
                    state.aspects = sorted({*kept, *one})
            speakers = [(e, i) for e, i in query.speakers if e == event_id]
            if speakers:
                state.speaker = speakers[0]
        state.entry = entry
        self._remember_asked(queries, state)
        # "deciding between EuroHDS and NAFS: when is EuroHDS?": NAFS is the other one (the
        # whole message is read again only when it named an event: a sentence that asks
        # nothing is not among the queries)
        others = []
        if named_anywhere is not None:
            said, _ = self.catalog.mentions(stems(words(fold(text))))
            others = [e for e, score in said.items() if score >= NAMED and e != state.event]
        if before and before != state.event:
            others.append(before)
        if others:
            state.other = others[-1]
        dropped = [answer for _, answer in self._told_and_answered(told, parts)]
        if any("journey" in part.facts for part in parts):  # the clocks of the flight reckoned
            dropped += [answer for query, answer in told if journeys.clocks(query.text)]
        if any("surcharge" in part.facts for part in parts):  # "Ich überweise die 990 USD …"
            dropped += [answer for query, answer in told if self._ways_of_paying(query.stems)]
        if state.event in self.events and any("shared" in part.facts for part in parts):
            # "Wir sind 10 Leute im Institut. Was kostet die Lizenz pro Kopf?"
            event = self.events[state.event]
            dropped += [answer for query, answer in told if self._people_told(event, query.text)]
        dropped += self._answered_by_what_was_told(read)
        dropped += self._how_they_take_part(read)
        dropped += self._share_given_before(read)
        dropped += self._paid_and_reckoned(read)
        dropped += self._given_again_in_their_time(read)
        if explained is not None and not explained.handoff:  # "Are you sure? I thought …",
            # "Why 2 pm? …": what the explanation of the clocks answers, asking nothing else
            whereabouts = self.lexicon.grammar.whereabouts
            dropped += [
                answer
                for query, answer in read
                if answer.handoff and stem_set(" ".join(query.content)) <= whereabouts
            ]
        parts = [part for part in parts if not any(part is answer for answer in dropped)]
        return self._outcome(parts, state, intents, state.event)

    def _in_so_many_words(self, event: Event, query: Query, answer: Answer, state: State) -> Answer:
        """`answer`, or the organisers' own text of a number it does not give: how many ("how
        many words may the abstract have?": "An abstract of up to 300 words"), or how long a
        kind of part of the programme is ("how long is each talk?", "Wie lange dauert eine
        Sitzung?": "Talks are 15 minutes plus 5 for questions"), or how big a group may be
        ("how big can a team be?": "teams of up to five people")."""
        said = " ".join(answer.lines)
        written = None
        how_long = (
            "duration" in query.aspects | self.understanding.aspects_of(query, Intent.DATES)
            and query.operation is None  # "how many days until the next session?"
            and query.ordinal is None  # "how long is the first plenary?": that session
        )
        kinds = self._parts_asked(event, query) if how_long else set()
        if query.counts and not counts(said, query):  # "how many people per team?"
            written = self.entries.count_given(event, query, groups=self.lexicon.grammar.groups)
        elif kinds:
            written = self.entries.length_given(event, query, kinds)
        elif how_long and self._of_a_size(query):  # "how long may the abstract be?"
            written = self.entries.count_given(event, query, self.lexicon.grammar.sizes)
        elif asking := self._how_big(query):  # "how big can a team be?"
            grammar = self.lexicon.grammar
            written = self.entries.count_given(
                event, query, grammar.members, asking, grammar.groups
            )
        elif (
            answer.handoff
            and "vat" in query.aspects
            and "payment" not in query.aspects  # not of an invoice with "our VAT number"
            and not self._only_tells(query)  # nor "we have a VAT number."
            # when no fee says: "Both rupee rates include 18 % VAT" has been reckoned
            and all(fee.vat_included is None for fee in self._taxes(event).event.fees)
        ):  # "is sales tax added on top?"
            written = self._taxes(event).written
        elif answer.handoff and self._asks_a_price(query):  # "how much is the deposit?"
            written = self.entries.price_given(event, query, list(self.lexicon.currencies))
        if written is not None and written.text in said and not query.counts:
            written = None
        return answer if written is None else self._written(written, state)

    def _written(self, written: Written, state: State) -> Answer:
        """The organisers' own text as the answer."""
        line = self.phrases_for(state).say("passage", about=written.about, text=written.text)
        return Answer().add(line, written.fact)

    def _how_big(self, query: Query) -> frozenset[str]:
        """The stems that ask how big a group is, and their English ("how big", "wie groß":
        big, large); none if not asked."""
        asking = {
            word
            for phrase_ in self.lexicon.grammar.how_big
            if find_phrase(query.stems, phrase_) >= 0
            for word in phrase_
        }
        return frozenset(
            asking
            | {sense for w in query.surface if stem(w) in asking for sense in query.senses(w)}
        )

    def _of_a_size(self, query: Query) -> bool:
        """Whether a question of how long asks it of a written thing ("how long may the abstract
        be?", "Hoe lang mag de motivatie zijn?"), in words or pages, and not of a time to
        act in ("how long do I have to submit my abstract?", "wie lange dauert es, bis ich
        Bescheid bekomme?"): its only words of submitting, registering, deadlines or dates
        name the thing or its format."""
        acting = query.asked & (
            self._cue_words[Intent.SUBMISSION]
            | self._cue_words[Intent.REGISTRATION]
            | self._cue_words[Intent.DEADLINES]
            | self._cue_words[Intent.DATES]
        )
        named = bool(
            self._cue_words[Intent.SUBMISSION] & query.asked
            or self.understanding.aspects_of(query, Intent.SUBMISSION)
        )
        being = self.lexicon.grammar.being.intersection(words(fold(query.text)))
        return (
            named
            and bool(being)
            and not (acting - self._written_things - self._how_long - self.lexicon.filler)
        )

    def _asks_why_the_clocks(self, query: Query, state: State) -> bool:
        """ "Why is it an hour earlier?", "Warum eine Stunde später?", "Waarom is dat een uur
        later?": after a time given in another zone, why the clocks are that far apart."""
        grammar = self.lexicon.grammar
        if state.zone is None or not has_any(query.stems, grammar.clock_difference):
            return False
        # "Are you sure? I thought Yakutsk was 14 hours ahead of New York.": a doubt, as why
        return (
            has_any(query.stems, grammar.why)
            or journeys.word_after_length(query.text) in grammar.ahead_or_behind
        )

    def _why_the_clocks(self, event: Event, state: State) -> Answer:
        """Each place's clock on the day of what was just answered (a session, a deadline, else
        the event's start): summer or standard time, how far from UTC, and so how far apart.
        A deadline kept in another place's time than the event's is told by that place's."""
        assert state.zone is not None
        here = m.event_zone(event)
        at = None
        for fact in state.aspects:
            if found := re.fullmatch(r"(programme|deadlines)\[(\d+)\]", fact):
                kind, i = found[1], int(found[2])
                if kind == "deadlines" and i < len(event.deadlines):
                    at = m.deadline_at(event, event.deadlines[i])
                elif kind == "programme" and i < len(event.programme):
                    session = event.programme[i]
                    if session.day is not None:
                        time = session.start or dt.time(12)
                        at = dt.datetime.combine(session.day, time, tzinfo=here or dt.UTC)
                break
        at = at or m.event_starts(event)
        phrases = self.phrases_for(state)
        if here is None or at is None:
            return Answer().lack(phrases.say("unknown", e=event.label))
        kept = at.tzinfo if isinstance(at.tzinfo, ZoneInfo) else here  # "Omsk time"
        place = _city_of(event, here) if kept == here else m.city_of_zone(str(kept))
        there = at.astimezone(m.zone_from_key(state.zone[0]))
        ours = at.astimezone(kept)
        line = phrases.say(
            "clocks_apart",
            day=phrases.day(ours.date()),
            there=state.zone[1],
            there_summer=bool(there.dst()),
            there_offset=_utc_offset(there),
            here=place,
            here_summer=bool(ours.dst()),
            here_offset=_utc_offset(ours),
        )
        facts = [f for f in state.aspects if "[" in f] or ["timezone"]
        apart = _clocks_line(phrases, phrases.day(ours.date()), place, ours, state.zone[1], there)
        return Answer().add(line, *facts).add(apart, *facts)

    def _why_at_another_hour(self, event: Event, query: Query, state: State) -> Answer | None:
        """ "Why is seminar 3 not at 3 pm like seminar 1?", "Seminar 2 was at 2 pm for me. Why
        is seminar 4 at 1 pm?": why sessions are at other hours by the asker's clock, told by
        how far apart their clock and the event's place's are on each session's day (the two
        sessions named, or one and the one just answered). None when it asks no why of an hour,
        or the asker's clock or a second session is not known; a hand-off when the two clocks
        are as far apart on both days, so that they do not explain it."""
        here = m.event_zone(event)
        if (
            here is None
            or not has_any(query.stems, self.lexicon.grammar.why)
            or not journeys.clocks(query.text)
        ):
            return None
        if query.zone is not None:  # "for me in New York", "bei uns", "hier"
            there, there_name = query.zone, query.zone_name or m.city_of_zone(str(query.zone))
        elif state.zone is not None:
            there, there_name = m.zone_from_key(state.zone[0]), state.zone[1]
        else:
            return None
        named = query.numbering([s.title for s in event.programme])
        before = _indices(state.aspects, "programme")  # the session just answered
        chosen = sorted(set(named) | (before if len(named) == 1 else set()))
        starts = [
            (i, dt.datetime.combine(s.day, s.start, tzinfo=here))
            for i in chosen
            if (s := event.programme[i]).day and s.start
        ]
        if len(starts) < 2:
            return None
        phrases = self.phrases_for(state)
        if len({_offset(at.astimezone(there)) - _offset(at) for _, at in starts}) == 1:
            return Answer().lack(phrases.say("unknown", e=event.label))  # not the clocks
        place = _city_of(event, here)
        clocks = ((place, here), (there_name, there))
        changed = [
            name
            for name, zone in clocks
            if len({_offset(at.astimezone(zone)) for _, at in starts}) > 1
        ]
        unchanged = next((name for name, _ in clocks if name not in changed), None)
        answer = Answer().add(
            phrases.say(
                "clocks_between_sessions",
                here=place,
                there=there_name,
                changed=changed,
                unchanged=unchanged,
            ),
            "timezone",
        )
        for i, at in starts:
            title = event.programme[i].title
            day = f"{title.split(':')[0]}, {phrases.day(at.date())}"
            line = _clocks_line(phrases, day, place, at, there_name, at.astimezone(there))
            answer.add(line, f"programme[{i}]")
        return answer

    def _clocks_apart(
        self, event: Event, query: Query, original: str, state: State
    ) -> Answer | None:
        """How far apart the clocks of the places a question names are (or of one and the
        event's) on each day of the event, when it asks the time difference: "Wie groß ist der
        Zeitunterschied zwischen Berlin und Santiago während des Consortiums?", "Is Phoenix on
        LA time during ISRAS?"; None when it does not ask that or names no place."""
        grammar = self.lexicon.grammar
        if not (
            has_any(query.stems, grammar.time_difference)
            or (
                has_any(query.stems, grammar.hours_asked)
                and grammar.ahead_or_behind & set(query.surface)
            )
        ):
            return None
        titles = [s.title for s in event.programme]
        if query.numbering(titles):
            return None  # "session 8 - same time as session 6 for us?": the sessions say
        here, start = m.event_zone(event), m.start_day(event)
        places = self.understanding.places_in(query, original)
        if here is not None and len(places) == 1:  # the other is the event's own
            places.append((here, _city_of(event, here)))
        if start is None or len(places) < 2:
            return None
        one, other = places[:2]
        if one[0] == other[0]:  # "Is Phoenix on LA time?" with LA not known: Phoenix itself
            return None
        runs: list[list] = []  # [first day, last day, one's clock, other's]: one offset each
        end = m.end_day(event) or start
        days = [start + dt.timedelta(days=n) for n in range((end - start).days + 1)]
        # "am Montag, dem 28. Oktober": that day's only
        days = [d for d in days if query.day is None or query.day.holds(d)] or days
        for day in days:
            noon = dt.datetime.combine(day, dt.time(12), tzinfo=here or dt.UTC)
            ones, others = noon.astimezone(one[0]), noon.astimezone(other[0])
            offsets = (ones.utcoffset(), others.utcoffset())
            if (
                runs
                and (runs[-1][2].utcoffset(), runs[-1][3].utcoffset()) == offsets
                and runs[-1][1] == day - dt.timedelta(days=1)
            ):
                runs[-1][1] = day
            else:
                runs.append([day, day, ones, others])
        phrases = self.phrases_for(state)
        intro = phrases.say("clocks_during", e=event.label)
        same = {ones.utcoffset() == others.utcoffset() for _, _, ones, others in runs}
        if query.polar and len(same) == 1 and has_any(query.stems, self.lexicon.grammar.same_clock):
            # "Is Fiji on the same time as New Zealand in January?": no, all the while
            intro = phrases.verdict(same.pop(), intro)
        answer = Answer().add(intro, "timezone")
        for first, last, ones, others in runs:  # "6 hours 45 minutes", "7 hours"
            told = phrases.day(first) if first == last else phrases.day_range(first, last)
            answer.add(_clocks_line(phrases, told, one[1], ones, other[1], others), "timezone")
        return answer

    def _clock_changes(
        self, event: Event, query: Query, original: str, state: State
    ) -> Answer | None:
        """Whether and when the clocks change where the event is, or in the place a question
        names, while the event runs ("do the clocks go back that weekend?", "hat Fidschi im
        Januar Sommerzeit?"): each change then; none then, the changes before and after it; none
        within a year, that the place keeps one offset. None when no change of clocks is asked."""
        grammar = self.lexicon.grammar
        at = [p for p in map(partial(find_phrase, query.stems), grammar.clock_changes) if p >= 0]
        if not at or self._only_tells(query):  # "I know the clocks change in March somewhere."
            return None
        # "do the seminars move when the clocks change?", "… als de klok teruggaat?": a question
        # of something else, on that condition
        subordinate = set(query.surface[1 : min(at)]) & (grammar.asking | grammar.conditions)
        titles = [s.title for s in event.programme]
        if (
            subordinate
            or query.counts
            or query.numbering(titles)
            or self.understanding.cued(query, Intent.PROGRAMME)
        ):  # "do the session times change …?", "wie viele Stunden …?": the sessions say
            return None
        here, first, last = m.event_zone(event), m.start_day(event), m.end_day(event)
        if here is None or first is None:
            return None
        last = last or first
        named = self.understanding.places_in(query, original)
        zone, place = named[0] if named else (here, _city_of(event, here))
        phrases = self.phrases_for(state)
        offset = _utc_offset(dt.datetime.combine(first, dt.time(12), tzinfo=zone))
        shown = m.clock_changes(zone, first - dt.timedelta(days=1), last + dt.timedelta(days=1))
        if shown:
            heading = phrases.say(
                "clock_changes_during", polar=query.polar, place=place, e=event.label
            )
        else:  # the last change before the event and the first after it, within a year
            year = dt.timedelta(days=366)
            around = m.clock_changes(zone, first - year, last + year)
            if not around:
                line = phrases.say(
                    "clock_changes_never", polar=query.polar, place=place, offset=offset
                )
                return Answer().add(line, "timezone")
            heading = phrases.say(
                "clock_changes_none", polar=query.polar, place=place, offset=offset, e=event.label
            )
            shown = [t for t in around if t.date() < first][-1:]
            shown += [t for t in around if t.date() > last][:1]
        answer = Answer().add(heading, "timezone")
        for moment in shown:
            old = _offset((moment - dt.timedelta(minutes=1)).astimezone(zone))
            new, then = moment.astimezone(zone), moment.astimezone(dt.timezone(old))
            line = phrases.say(
                "clock_change",
                day=phrases.day(then.date()),  # "24 March at 23:00", not the 25th's midnight
                before=then.strftime("%H:%M"),
                old_offset=_utc_offset(then),
                forward=_offset(new) > old,
                after=new.strftime("%H:%M"),
                new_offset=_utc_offset(new),
            )
            answer.add(line, "timezone")
        return answer

    def _flight_time(
        self, event: Event, query: Query, original: str, state: State
    ) -> Answer | None:
        """How long a flight takes, when a question asks that of one: from the clocks the
        message gives ("leaves 8:30 and lands at 11"), else from the organisers' flight
        between the places it names (or one of them and the event's), each clock in its own
        place's zone; None when it asks no such thing or the places or clocks are not known."""
        sentences = query.sentences or [query]
        message = " ".join(part.text for part in sentences)
        # "Der Rückflug geht um 12:40 und landet um 13:10. Dauert der wirklich nur 30 Minuten?"
        # "But it leaves at 7:30 and lands at 12:45. That's 5 h 15?": of the flight just asked
        following = not any(map(self._of_a_journey, sentences))
        before = None
        if following and (
            len(journeys.clocks(original)) < 2
            or (before := self._journey_asked_before(state)) is None
        ):
            return None
        # "Is it really only 1h15?"
        thought = journeys.length_said(original if following else query.text)
        if thought is None and "duration" not in self.understanding.aspects_of(query, Intent.DATES):
            return None
        here = m.event_zone(event)
        start = m.start_day(event)
        if here is None or start is None:
            return None
        home = (here, _city_of(event, here))
        named_start, named_end = self._ends_of_a_journey(query, original)
        if named_start is None and named_end is None and state.asked:
            before = before or self._journey_asked_before(state)
            if before is not None:
                named_start, named_end = self._ends_of_a_journey(before, state.asked)
        (origin, leaving), (destination, landing) = named_start or home, named_end or home
        said = journeys.clocks(message)
        if len(said) < 2 and origin == destination == here:
            return None  # "so how long is the flight?" of none named: which one is not known
        if len(said) >= 2 and not following:  # a follow-up's clocks are the flight's told
            leaves, lands, clause = said[0], said[1], ""
        else:
            # "from Barbados": the flight from there, wherever the organisers say it lands
            # ("in Puerto Vallarta at 10:15 local time"), and by that place's clock
            legs = []
            for said_by_them in self.catalog.texts(event):
                for leg in journeys.legs(said_by_them.sentence):
                    leaves_from = self._zone_named(leg.origin) or here
                    lands_in = self._zone_named(leg.destination) or here
                    if (named_start is None or leaves_from == origin) and (
                        named_end is None or lands_in == destination
                    ):
                        legs.append((leg, leaves_from, lands_in))
            if len(legs) != 1:
                return None
            leg, origin, destination = legs[0]
            leaving = leaving if named_start else leg.origin or leaving
            landing = landing if named_end else leg.destination or landing
            leaves, lands, clause = leg.leaves, leg.lands, leg.clause
        said_day = next((part.day for part in sentences if part.day), None)
        if said_day is None and (nth := _NTH_DAY.search(message)):  # "lands at 11 on the 15th"
            said_day = Day(month=start.month, number=int(nth[1]))
        named = _the_days(said_day, start) if said_day else None
        days = [day for day, _ in m.days_in(clause, m.end_day(event) or start)]
        day = named[0] if named else days[0] if days else start
        taken = journeys.duration(day, leaves, origin, lands, destination)
        phrases = self.phrases_for(state)
        departure = dt.datetime.combine(day, leaves, tzinfo=origin)
        arrival = departure + taken
        line = phrases.say(
            "flight_takes",
            taken=journeys.written(taken),
            leaves=leaves.strftime("%H:%M"),
            lands=lands.strftime("%H:%M"),
            origin=leaving,
            destination=landing,
            origin_offset=_utc_offset(departure),
            destination_offset=_utc_offset(arrival.astimezone(destination)),
            day=phrases.day(day),
        )
        if (query.polar or following) and thought is not None:
            line = phrases.verdict(thought == taken, line)  # "Is it really only 1h15?": no
        answer = Answer().add(line, "journey", *(["venue.directions"] if clause else []))
        landed = arrival.astimezone(destination)
        if (
            (thought is not None or following)
            and landed.utcoffset() != departure.utcoffset()
            and leaving
            and landing
        ):  # why it is not as the clocks seem to say: the two places' clocks are apart
            told = phrases.day(landed.date())
            answer.add(_clocks_line(phrases, told, landing, landed, leaving, departure), "timezone")
        return answer

    def _journey_asked_before(self, state: State) -> Query | None:
        """The sentence of the message before this one that asked of a flight, if one."""
        return next(filter(self._of_a_journey, self._asked_before(state)), None)

    def _of_a_journey(self, query: Query) -> bool:
        """Whether a sentence speaks of a flight: "flight", "Rückflug", "ochtendvlucht"."""
        journeys = self.lexicon.grammar.journeys
        if has_any(query.stems, journeys):
            return True
        ends = tuple(phrase[0] for phrase in journeys if len(phrase) == 1 and len(phrase[0]) > 3)
        return any(word.endswith(ends) for word in query.surface)

    def _ends_of_a_journey(
        self, query: Query, original: str
    ) -> tuple[tuple[ZoneInfo, str] | None, tuple[ZoneInfo, str] | None]:
        """The places a journey a question asks of leaves and lands in, with their zones: one
        after "from", "von", "van" the start, one after "to", "nach", "naar" the end, else the
        places it names in their order ("Sydney–Nadi"); None for an end it names no place of."""
        grammar = self.lexicon.grammar
        text = fold(original)
        marked: dict[str | None, list[tuple[ZoneInfo, str]]] = {}
        for part in query.sentences or [query]:
            for zone, name in self.understanding.places_in(part, original):
                before = words(text[: max(text.find(fold(name)), 0)])
                before = [w for w in before if w not in grammar.articles][-1:]  # "to the Azores"
                side = (
                    "end"
                    if set(before) & grammar.journey_ends
                    else "start"
                    if set(before) & grammar.journey_starts
                    else None
                )
                marked.setdefault(side, []).append((zone, name))
        unmarked = iter(marked.get(None, []))
        start = next(iter(marked.get("start", [])), None) or next(unmarked, None)
        end = next(iter(marked.get("end", [])), None) or next(unmarked, None)
        return start, end

    def _zone_named(self, name: str | None) -> ZoneInfo | None:
        """The zone of a place the organisers name ("Lisbon", "Broken Hill"), if known: an
        event's city ("San Juan" of Puerto Rico) by the event's, as a question's is read."""
        if not name:
            return None
        zones, named = self.understanding.zones, phrase(name)
        key = zones.get(named) or places.zone_of(name)
        if key is None:  # "Dawson City": the town its first words name, as a question's is
            key = next(
                (zones[named[:n]] for n in range(len(named) - 1, 0, -1) if named[:n] in zones), None
            )
        return ZoneInfo(key) if key else None

    def _told_and_answered(
        self, told: list[tuple[Query, Answer]], parts: list[Answer]
    ) -> list[tuple[Query, Answer]]:
        """The sentences that only tell and were handed off, whose every word the answers to the
        others speak of: "I have to cancel the school now (postdoc, single room). What's
        refunded?" needs no hand-off of the first. One word must be spoken of by an organisers'
        entry ("I'm a nurse"), not by a deadline's name or a zone's ("… told me Berlin"). One
        that tells of cancelling is answered by what another's answer reckons comes back ("Wenn
        ich jetzt absage (Doktorand, Einzelzimmer), was bekomme ich zurück?")."""
        answered = [part for part in parts if not part.handoff]
        said = set().union(*(part.said for part in answered))
        by_entry = any(map(_rests_on_an_entry, answered))
        # what a cancellation brings back, reckoned from the organisers' entry on it
        reckoned = any(map(_reckons_a_refund, answered))
        return [
            (query, answer)
            for query, answer in told
            if query.content
            and query.intent not in ACTIONS  # "Please cancel my registration. What's refunded?"
            and not self.lexicon.grammar.asking_for & set(query.stems)
            and (len(query.content) > 1 or by_entry)
            and (
                all(query.senses(word) & said for word in query.content)
                or (CANCELLING & query.asked and reckoned)
            )
        ]

    def _how_they_take_part(self, read: list[tuple[Query, Answer]]) -> list[Answer]:
        """The hand-offs of sentences that, beside a question answered, only tell how the asker
        will take part: "What time is the public lecture in New York time? I want to watch the
        stream." needs no answer of the second, nor "I'm in Germany following CRUSTACEA online.
        When is the opening ceremony for me?" of the first (whose place the next is answered
        for)."""
        attending = self.lexicon.grammar.attending
        return [
            answer
            for i, (query, answer) in enumerate(read)
            if answer.handoff
            and query.content
            and self._only_tells(query)
            and stem_set(" ".join(query.content)) <= attending
            and (
                any(not given.handoff for _, given in read[i + 1 :])
                # "… von Berlin aus verfolgen" after a time asked: it was not Berlin's
                or (query.origin is None and any(not given.handoff for _, given in read[:i]))
            )
        ]

    def _answered_by_what_was_told(self, read: list[tuple[Query, Answer]]) -> list[Answer]:
        """The hand-offs of questions that only ask again what the sentence before them told
        and was answered by the organisers' entry: "Ik heb 1.090 AUD betaald en wil annuleren.
        Hoeveel krijg ik terug?" is answered by the first's refund, every word of it."""
        return [
            answer
            for (before, given), (query, answer) in pairwise(read)
            if answer.handoff
            and not given.handoff
            and self._only_tells(before)
            and _rests_on_an_entry(given)
            and query.content
            and not (query.events or query.speakers)
            and all(query.senses(word) & given.said for word in query.content)
        ]

    def _share_given_before(self, read: list[tuple[Query, Answer]]) -> list[Answer]:
        """The hand-offs of questions that ask nothing but a share ("Ist die Steuer schon im
        Preis drin? Wie viel Prozent?") after a question whose answer gives one ("… inklusive
        Mehrwertsteuer (5 %, also 100 BRL)")."""
        shares = self.lexicon.grammar.shares
        return [
            answer
            for (_, given), (query, answer) in pairwise(read)
            if answer.handoff
            and not given.handoff
            and query.content
            and all(stem(word) in shares for word in query.content)
            and any("%" in line for line in given.lines)
        ]

    @staticmethod
    def _given_again_in_their_time(read: list[tuple[Query, Answer]]) -> list[Answer]:
        """The answers that the next sentence's answer gives again in the asker's time: "Ab wann
        kann man sich anmelden? Uhrzeit bei uns in Deutschland?" needs the opening once, in
        Berlin."""
        return [
            given
            for (before, given), (query, answer) in pairwise(read)
            if before.zone is None
            and query.zone is not None
            and not (given.handoff or answer.handoff)
            and given.facts
            and set(given.facts) <= set(answer.facts)
        ]

    def _paid_and_reckoned(self, read: list[tuple[Query, Answer]]) -> list[Answer]:
        """The fees given for sentences that only tell what was paid, when another's answer
        reckons what that fee brings back: "Ich storniere heute, bezahlt habe ich 620 Dollar als
        Mitglied. Wie viel bekomme ich zurück?" needs the refund, not the list of fees."""
        if not any(_reckons_a_refund(answer) for _, answer in read):
            return []
        return [
            answer
            for query, answer in read
            if query.intent == Intent.FEES
            and self._only_tells(query)
            and not _reckons_a_refund(answer)
            and all(f.startswith("fees[") for f in answer.facts)
        ]

    def _remember_asked(self, queries: list[Query], state: State) -> None:
        """The question sentences of a message, kept for the next: "I'm a student" asks them
        again, "and if I pay that by Amex?" reckons their sum. Kept once the message is
        answered, so that while it is, they are the message's before."""
        if asking := [query.text for query in queries if not self._only_tells(query)]:
            state.asked = " ".join(asking)

    def _tells_of_the_asker(
        self, queries: list[Query], state: State, message: Incoming
    ) -> str | None:
        """What a message tells of the asker, when it is one sentence that only tells that
        ("I'm a student", "Korrektur: Ich bin doch Mitglied." says "ich bin doch mitglied."),
        after a question: not a request to act, thanks, or "sorry, I meant the keynote" (which
        asks the last question of something else)."""
        if state.asked is None or message.intent or message.choice or len(queries) != 1:
            return None
        query = queries[0]
        told = self.lexicon.grammar.of_oneself.search(query.text)
        if (
            told is None
            or not self._only_tells(query)
            or query.intent in ACTIONS | SOCIAL
            or self.lexicon.grammar.follow_up.search(query.text)
        ):
            return None
        last = told.group().split()[-1]  # the word that starts telling: "ich", not "korrektur:"
        return query.text[told.end() - len(last) :]

    @staticmethod
    def _in_the_event_s_time(event: Event, query: Query) -> None:
        """A question asked in the local time, of the event's town: a deadline kept in another
        zone is converted to it."""
        zone = m.event_zone(event)
        if zone is not None:
            query.zone, query.zone_name = zone, _city_of(event, zone)

    def _tells_only_where_they_live(self, query: Query, intent: str, queries: list[Query]) -> bool:
        """Whether a sentence beside a question only tells where the asker lives: the question
        is answered for that place (a fee for those based there), the sentence needs none."""
        return (
            len(queries) > 1
            and query.origin is not None
            and intent == Intent.UNKNOWN
            and not query.content
            and self._only_tells(query)
        )

    def _only_tells(self, query: Query) -> bool:
        """Whether a sentence tells rather than asks: a full stop ("… und muss heute absagen."),
        or no question mark and no question's start."""
        text = query.text.strip()
        return text.endswith((".", "!")) or (
            not text.endswith("?") and not self.lexicon.question_start.match(text)
        )

    def _recast(self, intent: str, query: Query) -> str:
        """The intent a question's words asked, read again for what it asks in fact."""
        if intent in _ASKING_MORE and self._asks_more(query, intent):
            # "can I get a refund if I cancel?", "can I transfer my registration?": rules
            intent = Intent.UNKNOWN
            sending = self._cue_words[Intent.SUBMISSION] | self._cue_words[Intent.REGISTRATION]
            if (
                query.operation == "still"
                and query.polar
                and any(stems([w])[0] in sending for w in query.rivals)
                and not query.content
            ):  # "Kan ik mijn aanmelding nog insturen?": whether registration is still open
                intent = Intent.REGISTRATION
                query.aspects = {"status"}
                query.rivals = [w for w in query.rivals if stems([w])[0] not in sending]
        if (
            intent == Intent.REGISTRATION
            and not (query.counts or query.operation)
            and query.aspects <= {"how"}  # not "… before the registration deadline?"
            and (
                self.understanding.cued(query, Intent.FEES, strength=4)
                or "includes" in self.understanding.aspects_of(query, Intent.FEES)
            )
        ):  # "how much is registration for a member?", "Was kostet die Anmeldung?", "Zit de
            # lunch bij de registratie inbegrepen?"
            intent = Intent.FEES
            query.aspects = self.understanding.aspects_of(query, intent)
            fees = self._cue_words[Intent.FEES]
            query.rivals = [w for w in query.rivals if stems([w])[0] not in fees]
        if (
            intent == Intent.REGISTRATION
            and not query.aspects
            and has_any(query.stems, self.lexicon.grammar.must)
        ):  # "Muss man sich anmelden?", "Moet je je aanmelden?": whether one must, not can
            query.aspects = {"required"}
        if (
            intent == Intent.EVENTS
            and query.events
            and "co_located" in self.understanding.aspects_of(query, Intent.VENUE)
        ):  # "Which conference is TAI4H part of?": where it is held, not the events I know
            intent = Intent.VENUE
            query.aspects = {"co_located"}
        if (
            intent == Intent.DATES
            and "end" in query.aspects
            and self.understanding.cued(query, Intent.REGISTRATION, strength=2.5)
        ):  # "what time does the application close?", "um wie viel Uhr endet die Bewerbung?"
            intent = Intent.REGISTRATION
            query.aspects = self.understanding.aspects_of(query, intent) | {"deadline"}
            registering = self._cue_words[Intent.REGISTRATION]
            query.rivals = [w for w in query.rivals if stems([w])[0] not in registering]
        if intent == Intent.CAPABILITIES and (query.content or query.rivals):
            intent = Intent.UNKNOWN  # "can the school help with my flight?": no "help"
        if intent in SOCIAL - {Intent.EVENTS} and query.content and self._asks(query.text):
            intent = Intent.UNKNOWN  # "when does the lift leave for the farewell dinner?"
        if intent == Intent.EVENTS and max(query.events.values(), default=0) >= NAMED:
            intent = Intent.UNKNOWN  # "welke workshops zijn er bij HimDH?"
        return intent

    def _events_saying(self, query: Query) -> list[str]:
        """The events whose facts speak of every word the question asks about."""
        return [
            event_id
            for event_id, said in self.catalog.said.items()
            if all(query.senses(word) & said for word in query.content)
        ]

    def _says_the_other(self, query: Query) -> bool:
        """Whether the question speaks of the other event: "the other one", "bei der anderen"."""
        return has_any(query.stems, self.lexicon.grammar.the_other)

    def _action(
        self,
        intent: str,
        query: Query,
        text: str,
        state: State,
        parts: list[Answer],
        intents: list[str],
        named_anywhere: str | None,
        now: dt.datetime,
    ) -> Outcome:
        """Hand an action to the assistant, with its event; "register" and "remind me" need
        one, so ask which. A reminder's facts are the deadlines it is about."""
        if intent in (Intent.STOP_REMINDERS, Intent.MY_REMINDERS):  # all, unless one is named
            event_id = self._named_event(query.events, None) or named_anywhere
        else:
            event_id = self._event_for(query, state, named_anywhere)
        if event_id is None and intent in (Intent.REGISTER, Intent.REMIND):
            return self._which_event(text, state, parts, intents)
        if event_id is not None:
            state.event = event_id
        outcome = self._outcome(parts, state, intents, event_id)
        outcome.action = intent
        if intent == Intent.REMIND and event_id is not None:
            outcome.facts = self._moments_asked(self.events[event_id], query, state, now)
        return outcome

    def _moments_asked(
        self, event: Event, query: Query, state: State, now: dt.datetime
    ) -> list[str]:
        """The deadlines a request names ("remind me before the camera-ready"), as the facts
        their answer would use; none when it names no deadline of the event."""
        query = replace(query, aspects=self.understanding.aspects_of(query, Intent.DEADLINES))
        answer = COMPOSERS[Intent.DEADLINES](self._ask(event, query, now, state))
        return [] if answer.handoff else answer.facts

    def _event_for(self, query: Query, state: State, named_anywhere: str | None) -> str | None:
        """The event the query names, else one named elsewhere in the message, else the
        conversation's, else the only one there is."""
        event_id = self._named_event(query.events, state.event) or named_anywhere or state.event
        if event_id is None and len(self.events) == 1:
            return next(iter(self.events))
        return event_id

    def _which_event(
        self, text: str, state: State, parts: list[Answer], intents: list[str]
    ) -> Outcome:
        """Ask which event the message is about; it is answered when the attendee picks one."""
        state.pending = text
        reply = Reply(
            self.phrases_for(state).say("choose_event"),
            tuple(Choice(e.label, EVENT_CHOICE + e.id) for e in self.events.values()),
        )
        return self._outcome(parts, state, intents, None, extra=reply)

    def _asks(self, text: str) -> bool:
        return text.rstrip().endswith("?") or bool(self.lexicon.question_start.match(text))

    def _intent(self, query: Query, state: State, now: dt.datetime) -> str:
        """The query's intent, or the one it continues: "and where is it?", "what about the camera-ready?"."""
        if (
            query.pronoun
            and state.speaker
            and state.intent == Intent.SPEAKERS
            and not query.speakers
        ):
            asked = self.understanding.aspects_of(query, Intent.SPEAKERS)
            if (
                query.intent == Intent.SPEAKERS or asked
            ):  # "where does she work?" after "is Sabine Salloch speaking?"
                query.intent, query.aspects = Intent.SPEAKERS, asked
                query.speakers.append(state.speaker)
                query.content = [w for w in query.content if w not in ("work",)]
        session = [a for a in state.aspects if a.startswith("programme[")]
        if (
            query.intent in (Intent.SPEAKERS, Intent.VENUE, Intent.DATES, Intent.ABOUT, None)
            and self._asks(query.text)
            and not (query.events or query.speakers or query.person or query.content or query.day)
            and not self._names_the_event(query)  # "Wann endet diese Tagung?"
            and self._it_is_the_session(query, state)
        ):  # "who's giving it?", "where is that?" of the one session just answered
            query.intent = Intent.PROGRAMME
            query.aspects |= set(session)
        if (
            query.intent in (Intent.DATES, None)
            and state.intent == Intent.REGISTRATION
            and not (query.events or query.speakers or query.person or query.content or query.day)
            and (window := self._of_the_window(query, state))[0]
        ):  # "When exactly does it open for me?" after "Can I register right now?"
            query.intent = Intent.REGISTRATION
            query.aspects, said = window
            query.rivals = [w for w in query.rivals if w not in said]  # "schließt": no dates
        if (
            query.ordinal
            and state.intent == Intent.PROGRAMME
            and len(session) == 1
            and query.intent in (Intent.PROGRAMME, None)
            and not (query.events or query.speakers or query.person or query.content or query.day)
        ):  # "and the second?" after the first keynote: the second keynote
            query.intent = Intent.PROGRAMME
            query.aspects |= set(session)
        following = (
            self._session_after(self.events[state.event], session[0])
            if state.intent == Intent.PROGRAMME and len(session) == 1 and state.event in self.events
            else None
        )
        after = {  # the words of the "after that" phrases the question has
            word
            for words in self.lexicon.grammar.after
            if find_phrase(query.stems, words) >= 0
            for word in words
        }
        if (
            following is not None
            and after
            and not (query.events or query.speakers or query.person)
            and set(stems(query.content)) <= after
        ):  # "and the one after that?", "und die danach?", "en de sessie daarna?"
            query.intent = Intent.PROGRAMME
            query.aspects = {following}
            query.content = []
        opening = self._opening(query)
        if (
            state.intent
            and state.intent not in SOCIAL
            and opening
            and (query.score < 4 or self._follows_with_a_deadline(query, state, opening))
        ):
            query.intent = state.intent  # "and the full paper?" after a deadline question
            query.follows = True
            query.content = [w for w in query.content if w not in opening]
            own = self.understanding.aspects_of(query, state.intent)
            if not own and query.zone is not None:  # "and in Berlin time?" asks the same again
                own = set(state.aspects)
            query.aspects |= own
        if (
            query.operation is not None
            and query.intent not in _MOMENTS
            and (query.operation != "still" or len(query.operation_words) > 1)  # not "still" alone
        ):
            # "is it too late to register for the symposium in Hanover?": a moment's question
            for kind in (Intent.REGISTRATION, Intent.SUBMISSION, Intent.DEADLINES):
                if self.understanding.cued(query, kind, besides=query.operation_words) or (
                    kind == Intent.DEADLINES and query.aspects & _DEADLINE_KINDS
                ):  # "is it too late to send an abstract?"
                    query.intent = kind
                    query.aspects = self.understanding.aspects_of(query, kind)
                    break
        if query.operation in ("countdown", "passed"):
            self._of_a_moment(query, state, self._names_the_event(query))
        if (
            query.intent == Intent.DATES
            and state.intent in (Intent.FEES, Intent.REGISTRATION, Intent.SUBMISSION)
            and has_any(query.stems, self.lexicon.grammar.until_when)
            and not (query.events or query.content or query.speakers or query.person)
            and not (query.day or query.zone or query.operation)
            and not self._names_the_event(query)  # "when is the symposium?" asks its dates
            and not (
                state.event in self.events and m.phase(self.events[state.event], now) == "past"
            )
        ):  # "until when?" after the early-bird fee or the registration: its last day (of an
            # event that is over, "when was that?" asks when it took place), or the deadline
            # the question named ("how much is the deposit?")
            named = [a for a in state.aspects if a.startswith("deadlines[")]
            query.intent = Intent.DEADLINES if named else state.intent
            query.aspects = set(named) or set(state.aspects) | (
                {"deadline"} if state.intent != Intent.FEES else set()
            )
        last = [a for a in state.aspects if a.startswith("deadlines[")]
        if (
            query.intent == Intent.REGISTRATION
            and len(last) == 1
            and state.event in self.events
            and _deadline_of(self.events[state.event], last[0]).kind
            is not DeadlineKind.REGISTRATION
            and (has_any(query.stems, self.lexicon.grammar.until_when) or query.operation)
            and not (query.events or query.content or query.speakers or query.person)
            and not self._names_the_event(query)
        ):  # "tot wanneer kan ik boeken?", "can I still book it?" after the deadline of the
            # extra nights: that deadline, not the registration's (which "und bis wann kann
            # ich mich überhaupt anmelden?" asks after the early-bird registration's)
            query.intent, query.aspects, query.follows = Intent.DEADLINES, set(last), True
        if (
            query.intent == Intent.DATES
            and query.zone is not None
            and state.intent in _TIMED - {Intent.DATES}
            and not (
                (query.events and not self._named_by_its_clock(query, state))
                or query.content
                or self._a_word_for_the_event(query, state)
            )
        ):  # "what time is that in Berlin?", "what time does it start in Tehran?" of the
            # deadline or session just answered; "… in Almaty?" of the Almaty school's
            query.intent, query.follows = state.intent, True
            query.aspects |= set(state.aspects)
        if (
            query.intent == Intent.DATES
            and query.aspects & _DEADLINE_KINDS
            and "duration" not in query.aspects  # "how long may the abstract be?"
            and not self._a_word_for_the_event(query)
            and not any(
                self.understanding.cued(query, kind) for kind in (Intent.PROGRAMME, Intent.SPEAKERS)
            )  # "um wie viel Uhr ist die Keynote in Indien?" (not Dutch "indienen")
        ):  # "Um wie viel Uhr endet die Einreichung für TAI4H?": the deadline, not the event
            query.intent = Intent.DEADLINES
            query.aspects = self.understanding.aspects_of(query, Intent.DEADLINES)
            # "… ob ich angenommen bin?": the word that asked the kind asks nothing else
            cues = self.understanding.aspect_cues(query, Intent.DEADLINES, query.aspects)
            said = {word for cue in cues for word in cue}
            query.rivals = [w for w in query.rivals if w not in said]
        if query.intent:
            return query.intent
        if query.aspects & _DEADLINE_KINDS:
            query.intent = Intent.DEADLINES
        elif query.zone is not None and state.intent in _TIMED:
            query.intent = state.intent
            query.aspects |= set(state.aspects)
        elif query.zone is not None and self._numbers_a_session(query):
            query.intent = Intent.PROGRAMME  # "Cabrillo seminar 8 in Eastern time?"
        elif (
            query.zone is not None
            and query.content
            and query.operation is None
            and not self.lexicon.grammar.zone_after.isdisjoint(query.stems)
        ):  # "Gas-cylinder bells seminar - Chicago time?" asks when it is, in Chicago
            query.intent = Intent.DATES
        elif query.zone is not None:
            query.intent = Intent.DEADLINES
        elif query.pronoun and state.speaker and state.intent == Intent.SPEAKERS:
            query.speakers.append(state.speaker)
            query.intent = Intent.SPEAKERS
        elif query.events and state.intent and not query.content:
            query.intent = state.intent
            query.aspects |= set(state.aspects)
        return query.intent or Intent.UNKNOWN

    def _tells_beside_a_question(self, query: Query, queries: list[Query]) -> bool:
        """Whether a sentence that reads as an action only tells ("I can't come after all",
        "Ich muss absagen") beside a question the message asks: the question is answered,
        and nothing is done that was not asked for ("please cancel my registration")."""
        return (
            not self._asks(query.text)
            and not self.lexicon.grammar.asking_for & set(query.stems)
            and any(other is not query and self._asks(other.text) for other in queries)
        )

    def _asks_more(self, query: Query, action: str) -> bool:
        """Whether a question names an action and more than it: "can I get a refund if I cancel
        my registration?" asks about a rule, where "can I cancel my registration?" asks to."""
        if not self._asks(query.text):
            return False
        if self.lexicon.grammar.someone_else & set(query.stems):
            return True  # "can I give my place to a colleague?": a rule, not my registration
        rest = query.text
        for pattern in self.lexicon.patterns:
            if pattern.intent == action:
                rest = pattern.regex.sub(" ", rest)
        tokens = self.understanding.stems_of(rest)
        _, named = self.catalog.mentions(tokens)
        meaningful = self.lexicon.cue_stems | set(stems(query.content))
        return any(
            token in meaningful and token not in self.lexicon.filler
            for i, token in enumerate(tokens)
            if i not in named
        )

    def _refers_back(self, query: Query) -> bool:
        """Whether the query speaks of what was just answered: "that", "es", "dat", "and …?"."""
        return self._points_back(query) or bool(self.lexicon.grammar.follow_up.search(query.text))

    def _points_back(self, query: Query) -> bool:
        """Whether the query has a word for what was just answered: "it", "das", "dat"."""
        return query.pronoun or self.understanding.points_back(query.text)

    def _numbers_a_session(self, query: Query) -> bool:
        """Whether the query names a session of an event it names by its number ("seminar 8")."""
        titles = [s.title for e in query.events or self.events for s in self.events[e].programme]
        return bool(query.numbering(titles))

    def _names_the_event(self, query: Query) -> bool:
        """Whether the query speaks of the event itself ("the workshop", "it starts")."""
        return bool(query.events) or self._a_word_for_the_event(query)

    def _named_by_its_clock(self, query: Query, state: State) -> bool:
        """Whether the conversation's event is named only by the place whose clock is asked,
        its own city ("what time is that in Almaty?", "… in Kopenhagen?" of a deadline of
        the event in Almaty, in Copenhagen)."""
        if not (query.zone_name and query.naming) or set(query.events) != {state.event}:
            return False
        named = tuple(query.stems[i] for i in sorted(query.naming))
        place = set(stems(words(fold(query.zone_name))))
        return set(named) <= place or self.understanding.zones.get(named) == str(query.zone)

    def _a_word_for_the_event(self, query: Query, state: State | None = None) -> bool:
        """Whether the query says "the workshop", "it starts", other than in an event's name
        ("… the La Palma Winter School": its name, not when the school is); after one session
        of the `state`'s, "when does it start?" asks the session's start."""
        grammar = self.lexicon.grammar
        session = state is not None and self._it_is_the_session(query, state)
        return _said_outside_a_name(
            query,
            [w for w in grammar.event_words if not (session and w in grammar.event_starts)],
        )

    def _of_the_window(self, query: Query, state: State) -> tuple[set[str], set[str]]:
        """What a question that points back ("it", "sie", "het") asks of registration's window,
        by a word of its opening or closing other than "when" ("when does it open?",
        "wann schließt sie?"): those aspects and the words that ask them, else none."""
        if not self._says_it(query, state):
            return set(), set()
        window = {"opens", "deadline", "status"}
        cues = self.understanding.aspect_cues(query, Intent.REGISTRATION, window)
        if not any(set(stems(cue)) - query.when_words for cue in cues):
            return set(), set()
        asked = self.understanding.aspects_of(query, Intent.REGISTRATION) & window
        return asked, {word for cue in cues for word in cue}

    def _it_is_the_session(self, query: Query, state: State) -> bool:
        """Whether the query points back ("it", "that", "die") at the one session just
        answered about."""
        return (
            state.intent == Intent.PROGRAMME
            and len([a for a in state.aspects if a.startswith("programme[")]) == 1
            and self._says_it(query, state)
        )

    def _says_it(self, query: Query, state: State) -> bool:
        """Whether the query points back ("it", "that", "sie" at its end) in the words of the
        conversation's language (Dutch "die", that one, is German "die", the)."""
        grammar = load_lexicon(state.language or self.language).grammar
        said = words(fold(query.text))
        return bool(grammar.it.intersection(said) or set(said[-1:]) & grammar.it_last)

    @staticmethod
    def _of_a_moment(query: Query, state: State, the_event: bool) -> None:
        """ "How much time is left before abstracts close?" asks a countdown to a deadline, not a
        fee; "how many days until it starts?" a countdown to the event, not its length; "how
        long until then?" a countdown to the moment the conversation was about."""
        query.aspects -= {"duration", "time", "how"}  # "how long until", not how to
        if query.intent in (Intent.REGISTRATION, Intent.SUBMISSION):
            query.aspects.add("deadline")  # "how many days left to apply?": its deadline
        if query.intent in _MOMENTS:
            return
        if query.aspects & (_DEADLINE_KINDS | {"registration"}):
            query.intent = Intent.DEADLINES
        elif query.intent is None and state.intent in _TIMED and not (query.content or the_event):
            query.intent = Intent(state.intent)
            query.aspects |= set(state.aspects)
        elif query.intent is None or query.intent in (Intent.FEES, Intent.ABOUT, Intent.PROGRAMME):
            query.intent = Intent.DATES

    def _named_event(self, scores: dict[str, float], current: str | None) -> str | None:
        """The event named by `scores`, if named surely enough to leave the current one."""
        if not scores:
            return None
        best = max(scores.values())
        top = [event_id for event_id, score in scores.items() if score == best]
        if len(top) != 1:
            return None
        if current is not None and top[0] != current and best < NAMED:
            return None
        return top[0]

    def _social(self, intent: str, state: State) -> str:
        labels = [e.label for e in self.events.values()]
        current = self.events[state.event].label if state.event in self.events else None
        if intent == Intent.EVENTS:
            lines = [self.phrases_for(state).say("events_list")]
            lines += [self._event_line(event, state) for event in self.events.values()]
            return "\n".join(lines)
        return self.phrases_for(state).say(
            INTENTS[Intent(intent)].templates[0], events=labels, e=current
        )

    def _event_line(self, event: Event, state: State) -> str:
        """ "• TAI4H 2024 — Sunday 4 August 2024, IJCAI 2024": what and when and where."""
        return self.phrases_for(state).say(
            "event_line",
            name=event.label,
            when=self._when(event, state),
            where=event.venue and (event.venue.city or event.venue.co_located_with),
        )

    def _when(self, event: Event, state: State) -> str | None:
        phrases = self.phrases_for(state)
        start, end = m.start_day(event), m.end_day(event)
        if start and end and end != start:
            return phrases.day_range(start, end)
        if start:
            return phrases.day(start)
        return phrases.day(event.dates.start) if event.dates else None

    def _answer(
        self, event: Event, intent: str, query: Query, state: State, now: dt.datetime
    ) -> Answer:
        if (
            query.operation in ("still", "passed")
            and intent in (Intent.REGISTRATION, Intent.SUBMISSION, Intent.DEADLINES)
            and m.phase(event, now) == "past"
        ):  # "can I still register?" when it is over: no, when it took place, and what it says
            over = self._answer(
                event,
                Intent.DATES,
                replace(query, content=[], aspects=set(), operation=None),
                state,
                now,
            )
            over.lines.insert(0, self.phrases_for(state).say("already_over", e=event.label))
            also = self._answer(event, intent, replace(query, operation=None), state, now)
            if not also.handoff:
                over.lines += also.lines
                over.facts += [f for f in also.facts if f not in over.facts]
            return over
        index = self.catalog.words[event.id]
        if self._asks_what_it_stands_for(event, query, intent):
            return self._definition(event, query, state) or Answer()
        if (
            intent == Intent.CONTACT
            and not query.polar
            and (written := self._address_for(event, query))
        ):
            # "who do I contact about my invoice?": the address the organisers give for that
            return Answer().add(self._their_text(written, state), written.fact)
        passed_on = self._on_passing_on(event, query, state, now)
        if passed_on is not None:  # "can a colleague take my place?": the organisers' rule on
            # it, whatever else the words cue ("place" the capacity, "instead" a cancelling)
            return passed_on
        last = self._last_entry(event, intent, query, state)
        if last is not None:  # "how much per night?" after the entry on accommodation
            return self._entry_answer(event, last, state, query, now)
        on_cancelling = self._entry_on_cancelling(event, intent, query)
        if on_cancelling is not None:  # "if I cancel my certificate track now, do I get the
            # full amount back?": the organisers' policy, whatever else the words cue
            return self._entry_answer(event, on_cancelling, state, query, now)
        session = self._session_just_given(event, intent, query, state)
        if session is not None:  # "do I have to pay for it?" after the public lecture
            return self._price_of_a_session(event, session, query, state, now)
        # "what's that in Adelaide time?", "… for me?" converts the last answer: no entry on
        # time zones
        converts = not query.content and (
            "zone" in query.aspects or (query.own_zone and query.operation is None)
        )
        qa = None if converts else self.entries.matching(event, query)
        own = index.own - self.entries.apart(event, query)
        explained = index.explained.get(Intent(intent), frozenset()) | own

        def explains(word: str) -> bool:  # "Vortrag": a talk the facts speak of
            return bool(query.senses(word) & explained)

        unexplained = [w for w in query.content if not explains(w)]
        if intent == Intent.REGISTRATION and "capacity" in self.understanding.aspects_of(
            query, Intent.REGISTRATION
        ):  # "how many places on the walking tour?": the event's capacity is not the tour's
            unexplained = [w for w in query.content if not query.senses(w) & own]
            expected = [w for w in query.surface if stem(w) in self.lexicon.grammar.expected]
            if expected:  # "how many are expected?": what the organisers expect, not the places
                written = self.entries.counted_in_texts(event, query, self.lexicon.grammar.expected)
                if written is not None:
                    return self._written(written, state)
                unexplained += expected
        if intent == Intent.FEES:  # "a PhD student": the Student fee says what a PhD student pays
            qualifying = self._qualifying(event, query)  # and "AUD" is what they are paid in
            paid_in = {fee.currency for fee in event.fees}
            unexplained = [
                w
                for w in unexplained
                if w not in qualifying and not self._currencies_in(w) & paid_in
            ]
        # "how do I contact the organisers?": the contact is theirs
        framing = self._frames | (
            self._cue_words[Intent.ORGANISERS] if intent == Intent.CONTACT else frozenset()
        )
        unexplained += [w for w in query.rivals if not explains(w) and stems([w])[0] not in framing]
        if intent == Intent.ORGANISERS:  # "who sponsors it?": the organisers' facts must say so
            sponsors = self.understanding.aspect_cues(query, intent, {"sponsors"})
            unexplained += [w for cue in sponsors for w in cue if not explains(w)]
        if qa is not None and (
            intent == Intent.UNKNOWN
            or unexplained
            # "and for students?" asks the fee again; "what time is the first webinar?" asks
            # one of several sessions, not the entry on time zones
            or (
                qa[1] >= 0.8
                and not query.follows
                and not query.ordinal
                and not self._price_not_given(event, intent, query, qa[0])
            )
        ):
            said = index.qa_said[qa[0]] | index.own
            # "can I give my lightning talk in Tamil?": the entry says nothing of Tamil
            if any(not query.senses(w) & said for w in unexplained):
                return self._from_an_entry(event, intent, query, unexplained, state, now)
            return self._entry_answer(event, qa[0], state, query, now)
        if intent in (Intent.ABOUT, Intent.UNKNOWN) and (
            definition := self._definition(event, query, state)
        ):  # "SAILS?"; "which faculties take part in SAILS?" when it speaks of its faculties,
            # not "may I bring my dog to APSAC?"
            defined = definition.said | index.own
            if all(query.senses(w) & defined for w in unexplained):
                return definition
        if intent == Intent.UNKNOWN:
            if not (query.content or query.topic or self._asks(query.text)):
                return Answer(lines=[self.phrases_for(state).say("not_understood", e=event.label)])
            return self._from_an_entry(event, intent, query, unexplained, state, now)
        paid_in = {fee.currency for fee in event.fees}
        other_money = intent == Intent.FEES and paid_in and not query.currencies & paid_in
        if unexplained or (query.currencies and other_money):
            # "can I pay in dollars?" of an event whose fees are in euros: the organisers know,
            # unless one of their answers speaks of it
            return self._from_an_entry(event, intent, query, unexplained, state, now)
        answer = COMPOSERS[Intent(intent)](self._ask(event, query, now, state))
        if intent == Intent.FEES and answer.handoff and query.aspects & _UNWRITTEN:
            answer = self._in_their_words(event, query, state, now) or answer
        if answer.handoff and intent != Intent.PROGRAMME:
            # "who gives the public lecture?" of an event with no proceedings: the session says
            return self._from_sessions(event, intent, query, now, state) or answer
        to_say = self._to_say(event, intent, query)
        spoken = answer.said | index.own if to_say else set()  # stemmed only when needed
        unsaid = [w for w in to_say if not query.senses(w) & spoken]
        if unsaid:
            # "can cyclists borrow a bike?": the venue's facts say so, its answer does not;
            # "when does the registration desk open?" answered with the deadline says nothing
            # of the desk
            found = self.entries.passage(event, intent, query)
            if found is not None and self._says_there_is(event, query, found):
                return self._passage(event, found, state, query, now, Answer())
            if found is not None:
                if index.passages[found].fact not in answer.facts:
                    answer = self._passage(event, found, state, query, now, answer)
            elif (entry := self._entry_instead(event, intent, query, qa, unsaid)) is not None:
                # "how do I apply for the student showcase?": the registration says nothing
                # of the showcase, the organisers' entry on it does
                return self._entry_answer(event, entry, state, query, now)
            elif not answer.handoff:
                return Answer().lack(self.phrases_for(state).say("unknown", e=event.label))
        if intent in (Intent.PROGRAMME, Intent.SPEAKERS) and not answer.handoff:
            unsaid = self._unsaid(event, query, answer, known=index.own | self._frames)
            if unsaid:  # "who moderates session 2?": the session is found, its moderator not
                return Answer().lack(self.phrases_for(state).say("unknown", e=event.label))
        if intent == Intent.SUBMISSION and "deadline" in query.aspects:  # "can I still submit?"
            kinds = {d.kind.value for d in event.deadlines} & {"abstract", "submission"} or {
                "submission"
            }
            timing = COMPOSERS[Intent.DEADLINES](
                self._ask(event, replace(query, aspects=kinds), now, state)
            )
            answer = Answer(
                lines=timing.lines + answer.lines,
                facts=timing.facts + answer.facts,
                handoff=timing.handoff or answer.handoff,
            )
        return answer

    def _on_passing_on(
        self, event: Event, query: Query, state: State, now: dt.datetime
    ) -> Answer | None:
        """The organisers' sentence on passing one's place on to someone else, in the whole text
        it is part of, when the question asks that of someone the message names ("Can a
        colleague take my place?", "Mijn collega kan niet. Mag ik haar registratie overnemen?"),
        and the event says it."""
        grammar = self.lexicon.grammar
        named = {word for sentence in query.sentences or [query] for word in sentence.stems}
        if not (
            grammar.someone_else & named
            and grammar.passing_on.search(query.text)
            and self._asks(query.text)
        ):
            return None
        written = self.entries.on_passing_on(event, query)
        if written is None:
            return None
        line = self._their_text(written, state)
        # "Can I …?", "Kan een collega …, als ik niet kan?": yes, …; not "until when?"
        asking = load_lexicon(state.language or self.language).grammar.open_words
        if asking.isdisjoint(query.surface) and refunds.lets_pass_on(written.sentence):
            line = self.phrases_for(state).verdict(True, line)
        answer = Answer().add(line, written.fact)
        return self._times_in_zone(event, query, now, state, written.sentence, answer)

    def _address_for(self, event: Event, query: Query) -> Written | None:
        """The one sentence of the organisers that gives an address and speaks of the most of
        what a question of whom to contact asks of ("Questions about payments, refunds,
        invoices and certificates go to SHBT: register@shbt.example.sh" of "who do I write to
        about my invoice?"); None when it asks of nothing else, or no such sentence does."""
        return self.entries.best_sentence(
            event, query, _ADDRESS.search, asking=self._cue_words[Intent.CONTACT]
        )

    def _their_text(self, written: Written, state: State) -> str:
        """The whole text a sentence of the organisers is part of, as they wrote it: an
        entry's answer alone, another text after what it speaks of."""
        phrases = self.phrases_for(state)
        if written.fact.startswith("qa["):
            return phrases.say("qa", answer=written.text)
        return phrases.say("passage", about=written.about, text=written.text)

    def _entry_on_cancelling(self, event: Event, intent: str, query: Query) -> int | None:
        """The one organisers' entry on cancelling, when the question asks what cancelling
        brings back ("money back if I cancel", "storniere … zurück", "krijg ik nog geld
        terug?" where the asker is), not when ("until when is a full refund possible?", "has it
        passed?": the deadline says, in the zone asked)."""
        asked = query.asked
        # "can I get a refund for my online pass?": of a fee, a refund needs no cancelling
        of_a_fee = asked & REFUNDING and any(
            stem_set(fee.category.split("(")[0]) <= asked for fee in event.fees
        )
        if (
            not ((asked & CANCELLING and asked & MONEY_BACK) or of_a_fee)
            or intent == Intent.DEADLINES
            or query.operation not in (None, "still")
            or query.when_words
            # "what's that in Tokyo?" converts; "5:30 Uhr deutscher Zeit" tells when they cancel
            or (
                query.zone
                and not (query.zone_told or query.own_zone or journeys.clocks(query.text))
            )
        ):
            return None
        about = [
            keywords | question for keywords, question in self.catalog.words[event.id].qa_about
        ]
        on_it = [i for i, topic in enumerate(about) if topic & (CANCELLING | REFUNDING)]
        if len(on_it) > 1:  # "… if the boat trip is cancelled?": of them, the one on refunds
            on_it = [i for i in on_it if about[i] & REFUNDING]
        return on_it[0] if len(on_it) == 1 else None

    def _entry_instead(
        self,
        event: Event,
        intent: str,
        query: Query,
        qa: tuple[int, float] | None,
        unsaid: list[str],
    ) -> int | None:
        """The organisers' entry the question asks (`qa`, entries.Entries.matching), when it
        says what an answer of `intent` leaves unsaid (entries.Entries.tells_instead)."""
        if qa is None or query.operation is not None:  # no countdown or "still?": not reckoned
            return None
        cues = self._cue_words[Intent(intent)]
        asking = [w for w in query.surface if stem(w) in cues]  # "register", "apply"
        return (
            qa[0]
            if self.entries.tells_instead(event, intent, query, qa[0], unsaid, asking)
            else None
        )

    def _last_entry(self, event: Event, intent: str, query: Query, state: State) -> int | None:
        """The organisers' entry just given, if it speaks of every word of a question that
        names no event ("is breakfast included?" after the one on the residence), besides
        those that ask it ("how much", "hoeveel"); or if the question asks only what time
        that is somewhere and the entry names a time ("what time is that in New York?"), or
        until when and it names a day ("until when?" of the hotel's booking code)."""
        if not state.entry or state.entry[0] != event.id or query.events:
            return None
        i = state.entry[1]
        if i >= len(event.qa):  # the file changed since
            return None
        asking = self._cue_words.get(Intent(intent), frozenset()) | self._ways_of_asking
        meaningful = self.entries.asked(event, query) - asking - self._places(query)
        if intent == Intent.FEES and meaningful & self.catalog.words[event.id].categories:
            return None  # "what does the student pass cost?" after recordings: the fees say
        # "And if I wait until September 3?": a day on a condition, and no more than its verb
        waiting = self.lexicon.grammar.conditions & set(query.surface) and len(query.content) <= 1
        if (
            state.paid
            and state.paid[0] == event.id
            and query.day
            and (CANCELLING & query.asked or not query.content or waiting)
        ):
            return i  # "und wenn ich am 9. September storniert hätte?": that refund, that day
        if intent == Intent.DEADLINES and self._a_deadline_asked(event, query):
            return None  # "what time is the abstract deadline here?" after the posters' entry
        words = [w for w in query.surface if stems([w])[0] in meaningful]
        if not words and query.zone is not None and self._refers_back(query):
            return i if m.moments_in(event.qa[i].answer, event) else None
        if not words and query.origin is not None and query.follows:
            return i  # "and from Suriname?" after the travel grants from the Netherlands
        if not words and intent == Intent.FEES and self._points_back(query):
            # "Is there a social programme?" … "What does it cost?": the amount it names
            return i if self._names_a_price(event, event.qa[i].answer) else None
        if not words and self._asks_only_until_when(event, query, i):
            return i if m.names_a_day(event.qa[i].answer) else None  # "until when?" of it
        # "Is there a booking code?" after "Book with the code IMAGEN32": the cue "booking"
        # is said there too
        cued = [
            w
            for w in query.surface
            if stems([w])[0] in asking - self._ways_of_asking - self.catalog.words[event.id].filler
        ]
        seconded = bool(words) and self.entries.says_any(event, query, i, cued)
        if seconded and self.entries.says(event, query, i, words):
            return i
        return i if self.entries.still_about(event, intent, query, i, words) else None

    def _session_just_given(
        self, event: Event, intent: str, query: Query, state: State
    ) -> int | None:
        """The one session just answered about, when a question of cost points back at it and
        names nothing else ("do I have to pay for it?", "Kostet das etwas?")."""
        given = _indices(state.aspects, "programme")
        if (
            intent != Intent.FEES
            or state.intent != Intent.PROGRAMME
            or state.event != event.id
            or len(given) != 1
            or query.content
            or query.events
            or not self._points_back(query)
        ):
            return None
        at = given.pop()
        return at if at < len(event.programme) else None

    def _price_of_a_session(
        self, event: Event, at: int, query: Query, state: State, now: dt.datetime
    ) -> Answer:
        """The session's line, if its text speaks of what it costs; else the organisers know
        (the registration fee is not what it costs)."""
        session = event.programme[at]
        text = f"{session.title} {session.description or ''}"
        if not (_FREE.search(text) or self._names_a_price(event, text)):
            return Answer().lack(self.phrases_for(state).say("unknown", e=event.label))
        # that session's line, whatever else the words of the question might name
        that_one = Query(text=query.text, aspects={f"programme[{at}]"})
        return COMPOSERS[Intent.PROGRAMME](self._ask(event, that_one, now, state))

    def _naming_nothing(self, event: Event) -> frozenset[str]:
        """The stems that name no session or deadline of `event`: the filler, the ways of
        asking, and the event's own names."""
        return self.lexicon.filler | self._ways_of_asking | self.catalog.words[event.id].label

    def _a_deadline_named(self, event: Event, query: Query) -> str | None:
        """The one deadline of the event every word of whose name the question says ("how
        much is the deposit?": "Deposit"), as a fact ("deadlines[3]"); None if not one."""
        asked = set(query.stems) | set(query.in_english)
        generic = self._naming_nothing(event)
        named = [
            i
            for i, d in enumerate(event.deadlines)
            if (name := stem_set(d.name)) <= asked | generic and name - generic
        ]
        return f"deadlines[{named[0]}]" if len(named) == 1 else None

    def _deadline_by_its_words(self, event_id: str, query: Query) -> str | None:
        """The one deadline a question asking when names by words only its name has ("when
        are papers for the proceedings due?": "Papers for the congress proceedings"), as a
        fact ("deadlines[3]")."""
        if (
            not query.when_words
            or query.counts
            or "duration" in query.aspects
            or self._how_long & set(query.stems)
        ):
            return None  # "how long does the Play Jam last?" asks no deadline
        event = self.events[event_id]
        asked = set(query.stems) | set(query.in_english)
        generic = self._naming_nothing(event)
        said, named = named_by(asked, [d.name for d in event.deadlines], generic)
        if len(named) != 1:
            return None
        # two of its words, or all of a name of one ("When is the poster session?" names no
        # "Poster upload")
        deadline = event.deadlines[named[0]]
        name = stem_set(deadline.name)
        if said < 2 and not name - generic <= asked:
            return None
        kinds = query.aspects & _DEADLINE_KINDS
        if kinds and deadline.kind.value not in kinds:
            return None  # "when do we learn if our paper is accepted?" is no "Paper submission"
        if has_any(query.stems, self.lexicon.grammar.until_when):  # "until when …?" asks a
            return f"deadlines[{named[0]}]"  # last day
        # a plain "when" names nothing else but the event and words of acting by a day: "when
        # are the travel grant results announced?" asks no "Travel grant applications"
        acting = self._cue_words.get(Intent.DEADLINES, frozenset()) | self._cue_words.get(
            Intent.REGISTRATION, frozenset()
        )
        others = (
            {
                sense
                for word in query.content
                for sense in {stem(word), *query.english.get(word, ())}
            }
            - name
            - generic
            - acting
            - {query.stems[i] for i in query.naming}
        )
        return None if others else f"deadlines[{named[0]}]"

    def _a_deadline_asked(self, event: Event, query: Query) -> bool:
        """Whether the question asks one of the event's deadlines: by its kind ("the abstract
        deadline") or by a word only its name has ("the proposal deadline")."""
        if query.aspects & {d.kind.value for d in event.deadlines}:
            return True
        generic = self._naming_nothing(event)
        found, _ = named_by(
            set(query.stems) | set(query.in_english), [d.name for d in event.deadlines], generic
        )
        return found > 0

    def _asks_only_until_when(self, event: Event, query: Query, i: int) -> bool:
        """ "Until when?", "Bis wann muss ich da buchen?" of entry `i`: until when, and no cue
        of a question of its own the entry does not speak of ("until when can I register?"
        asks the registration's deadline), nor of the event ("until when is the workshop?")."""
        until = [w for w in self.lexicon.grammar.until_when if find_phrase(query.stems, w) >= 0]
        if not until or self._names_the_event(query):
            return False
        asked = set(query.stems) - self.lexicon.filler - {w for phrase in until for w in phrase}
        cues = [w for w in query.surface if stem(w) in asked & self.lexicon.cue_stems]
        return self.entries.says(event, query, i, cues)

    def _to_say(self, event: Event, intent: str, query: Query) -> list[str]:
        """The words of the question an answer of `intent` must say. Not who and where the
        asker is ("a PhD student from Germany"): the place they name, and for a fee or a
        registration a fee category's words and the word before one; nor the item of "is the
        excursion included?", which the fees' lists answer of, yes, no or "not listed"."""
        if intent == Intent.FEES and "includes" in query.aspects:
            return []
        said = self._places(query)
        asker = set()
        if intent in (Intent.FEES, Intent.REGISTRATION):
            asker = self._qualifying(event, query)
            said |= self.catalog.words[event.id].categories
        return [w for w in query.content if w not in asker and not query.senses(w) & said]

    def _places(self, query: Query) -> set[str]:
        """The stems of the places the question names: the zone asked in (as its name goes,
        and as written: "Tokio"), where the asker is."""
        named = [query.zone_name or "", query.origin[1] if query.origin else ""]
        places = set(stems(words(fold(" ".join(named)))))
        if query.zone is not None:  # "in Nederland": "nederland", and its English "dutch"
            for word in query.surface:
                if word in self.catalog.zone_words:
                    places |= query.senses(word)
        return places

    def _asks_a_price(self, query: Query) -> bool:
        """Whether the question asks what something costs ("how much", "was kostet")."""
        return not query.counts and has_any(query.stems, self.lexicon.grammar.price)

    def _names_a_price(self, event: Event, text: str) -> bool:
        """Whether `text` names an amount of money the event's fees may be paid in."""
        return names_a_price(event, text, list(self.lexicon.currencies))

    def _price_not_given(self, event: Event, intent: str, query: Query, entry: int) -> bool:
        """Whether a question of what a fee costs, by its name and nothing more ("how much is
        the online pass?"), would get an entry that names no amount (what the online pass
        streams); not "the online pass for students", which an entry on its half price may
        answer."""
        asked = self.entries.asked(event, query) - self._price_words
        return (
            intent == Intent.FEES
            and not query.aspects & (_UNWRITTEN | {"free", "difference"})
            and self._asks_a_price(query)
            and bool(asked)
            and any(asked <= stem_set(fee.category) for fee in event.fees)
            and not self._names_a_price(event, event.qa[entry].answer)
        )

    def _qualifying(self, event: Event, query: Query) -> set[str]:
        """The question's words right before a word of a fee category: what kind of that
        category the asker is ("a PhD student", "an international delegate")."""
        categories = self.catalog.words[event.id].categories
        return {
            word
            for word, after in zip(query.surface, query.stems[1:], strict=False)
            if after in categories
        }

    def _unsaid(
        self, event: Event, query: Query, answer: Answer, known: frozenset[str]
    ) -> list[str]:
        """The words asked that the sessions or speakers an answer names do not speak of: an
        answer about one of several is grounded in that one's own text."""
        items = {
            (found[1], int(found[2]))
            for fact in answer.facts
            if (found := re.match(r"(programme|speakers)\[(\d+)\]", fact))
        }
        kinds = {kind for kind, _ in items}
        if not items or any(
            len([i for k, i in items if k == kind]) >= len(getattr(event, kind)) for kind in kinds
        ):
            return []
        said = set(known).union(*(self.catalog.words[event.id].items[item] for item in items))
        # "who chairs the Track D sessions?" when the programme names its tracks by letters
        # ("Track A is in room 4") but none "Track D": no session given is it ("a session I
        # could join" may be "Session I", or not)
        lettered = self.catalog.words[event.id].lettered
        given = any(kind == "programme" for kind, _ in items)
        labelled = [
            f"{word} {label}"
            for word, label in labels(query.stems, letters=True)
            if given
            and word in {w for w, _ in lettered} - self.lexicon.filler
            and (word, label) not in lettered
        ]
        unsaid = [word for word in [*query.content, *query.rivals] if not query.senses(word) & said]
        return unsaid + labelled

    def _counts_what_was_done(self, query: Query, intent: str, answer: Answer) -> bool:
        """ "How many applications were there?", "Wie viele Einreichungen gab es?", "Hoeveel
        mensen komen er?": a count of what attendees did, which no fact gives (unlike the
        places there are: the capacity), where the question counts its kind's own word."""
        if (
            not query.counts
            or query.operation is not None  # "how many days left to register?"
            or intent not in _OF_WHAT_WAS_DONE
            or any(fact.endswith(".capacity") for fact in answer.facts)
        ):
            return False
        at = query.counted
        kinds = self._cue_words[Intent.REGISTRATION] | self._cue_words[Intent.SUBMISSION]
        if at is None or query.stems[at] not in kinds:
            return False
        # "wie viele Seiten?" is answered by a number of pages ("at most 8 pages"); not
        # "wie viele Einreichungen?" by "multiple submissions are forbidden"
        return not counts(" ".join(answer.lines), query)

    def _asks_a_rate(self, query: Query, answer: Answer) -> bool:
        """ "What is the acceptance rate?", "Wie hoch ist die Annahmequote?": a share of what
        attendees did, which the organisers know and the answer does not say (a fee's "rate"
        or a deadline is no answer)."""
        asked = [
            set(query.stems[at : at + len(rate)])
            for rate in self.lexicon.grammar.rates
            if (at := find_phrase(query.stems, rate)) >= 0
        ]
        return bool(asked) and any(not rate <= answer.said for rate in asked)

    def _other_edition(self, event: Event, query: Query, now: dt.datetime) -> int | None:
        """The year of another edition the query names ("HimDH 2029", "die LACML 2028"): a
        year right after the event's name that is not its own, or next year's ("will there be
        another one next year?") when the event is not then."""
        own = {day.year for day in (m.start_day(event), m.end_day(event)) if day}
        if self._names_the_event(query) and has_any(query.stems, self.lexicon.grammar.next_year):
            # "will there be another symposium next year?"; not "can I pay next year?"
            return None if now.year + 1 in own else now.year + 1
        tokens, index = query.stems, self.catalog.words[event.id]
        if not own:  # a past event whose year is not known: "gibt es 2027 wieder eins?"
            ahead = {year for year in years(tokens) if year > now.year}
            took_place = event.status == EventStatus.TOOK_PLACE
            if took_place and len(ahead) == 1 and self._names_the_event(query):
                return ahead.pop()
            return None
        own |= {int(year) for year in YEAR.findall(event.name)}
        # "a season in 2037–38" of the 2036–37 one: a span of years not its own
        for span in _YEAR_SPAN.finditer(query.text):
            start = int(span[1])
            end = start // 100 * 100 + int(span[2]) if len(span[2]) == 2 else int(span[2])
            if end > max(own) and start >= min(own) and self._names_the_event(query):
                return start
        for ref in index.refs:
            at = find_phrase(tokens, ref) + len(ref)
            if (
                set(ref) <= index.label
                and len(ref) <= at < len(tokens)
                and YEAR.fullmatch(tokens[at])
            ):
                return None if int(tokens[at]) in own else int(tokens[at])
        # "where was PRGC held in 2024?": the year of a past edition anywhere in a question of
        # where, when or what it was
        held = {p.year for p in event.past_editions if p.year}
        said = years(tokens) & held
        this_one = years(tokens) & own
        # "how many people attended the 2032 WCAV?": a count of people of an edition too
        counting = query.intent == Intent.REGISTRATION and query.counts
        if (query.intent not in _OF_AN_EDITION and not counting) or query.operation or this_one:
            return None
        if len(said) == 1:
            return said.pop()
        # "Hoeveel deelnemers waren er op het WCN in Kraków?": the edition of the place named
        placed = {event.past_editions[i].year for i in editions_named(event, query)} - {None}
        if counting and len(placed) == 1 and not years(tokens) - held:
            return placed.pop()
        # "wird es 2035 wieder eine Atlanticrypt geben?", "wo findet der APSAC-Kongress 2034
        # statt?": a year after its own, anywhere in a question that names it
        later = {year for year in years(tokens) if year > max(own)}
        if len(later) == 1 and self._names_the_event(query):
            return later.pop()
        return None

    def _short_form(self, event: Event, query: Query) -> tuple[str, str] | None:
        """A short form the organisers explain that the query writes as they do ("WHIS",
        not "sailing" for "SAILS"), and what it stands for; not a word that frames questions
        ("ist" is no "IST" airport)."""
        defined = self.catalog.words[event.id].defined
        if not defined.keys() & set(query.stems):
            return None
        # a short form that is also a word ("SET") when written as the organisers write it
        written = (set(words(fold(query.text))) - self.lexicon.filler) | query.capitals
        return next(
            (defined[w] for w in query.stems if w in defined and fold(defined[w][0]) in written),
            None,
        )

    def _asks_what_it_stands_for(self, event: Event, query: Query, intent: str) -> bool:
        """ "What does WHIS stand for?", "Wat is WHIS eigenlijk?": a short form the organisers
        explain, asked after with nothing more than what it means or what it is."""
        if self._short_form(event, query) is None:
            return False
        named = "name" in self.understanding.aspects_of(query, Intent.ABOUT)
        defined = self.catalog.words[event.id].defined
        rest = [w for w in query.content if stems([w])[0] not in defined]
        # not "wie lange dauert ein Vortrag bei ISRAS inklusive Fragen?", whose words ask
        # something else, though no intent won
        asks_else = bool(query.rivals or query.when_words)
        return not rest and (
            named or intent == Intent.ABOUT or (intent == Intent.UNKNOWN and not asks_else)
        )

    def _definition(self, event: Event, query: Query, state: State) -> Answer | None:
        """ "WHIS stands for Western Hydroinformatics Society.", if the query names one."""
        found = self._short_form(event, query)
        if found is None:
            return None
        short, long = found
        say = self.phrases_for(state).say
        answer = Answer().add(say("definition", short=short, long=long), "definitions")
        for i, o in enumerate(event.organisers):  # "CAIRELab?": the lab that organises it
            name = o.name.lower()
            if (long.lower() in name or name == short.lower()) and (o.affiliation or o.description):
                line = say(
                    "definition_organiser",
                    short=short,
                    e=event.label,
                    affiliation=o.affiliation,
                    description=o.description,
                )
                answer.add(line, f"organisers[{i}]")
        return answer

    def _defines(self, query: Query) -> str | None:
        """The one event that explains a short form the query uses ("CMIG")."""
        found = [e for e in self.catalog.words if self._short_form(self.events[e], query)]
        return found[0] if len(found) == 1 else None

    def _only_one_answers(self, intent: str) -> str | None:
        """The one loaded event that has facts of the kind asked (the only call for papers)."""
        fields = INTENTS[Intent(intent)].fields if intent in INTENTS else ()
        if not fields:
            return None
        able = [e.id for e in self.events.values() if getattr(e, fields[0], None)]
        return able[0] if len(able) == 1 else None

    def _when_a_speaker_speaks(self, query: Query, event_id: str) -> bool:
        """ "When is Sabine Salloch's talk?": when a speaker named speaks, which the list of
        speakers does not say (a session of theirs would have been named)."""
        return bool(
            query.when_words
            and any(e == event_id for e, _ in query.speakers)
            and self.understanding.cued(query, Intent.DATES)
        )

    def _number_as_an_order(self, event: Event, query: Query) -> None:
        """ "Keynote 3" of keynotes whose titles have no number: the third keynote."""
        titles = [s.title for s in event.programme]
        if query.ordinal or query.numbering(titles):
            return
        for word, number in labels(query.in_english):
            if (
                number.isdigit()
                and 0 < int(number) <= len(ORDERS)
                and of_a_kind({word}, titles, self.lexicon.filler)
            ):
                query.ordinal, query.ordinal_words = ORDERS[int(number) - 1], frozenset({number})
                return

    def _named_item(
        self, event: Event, query: Query, intent: str, state: State | None = None
    ) -> Intent | None:
        """A question about one thing of the programme or one deadline, by words only its name
        has ("when is the mediation analysis talk?", "when do I upload my poster?"), asked as
        a when, a what or not understood: the programme or the deadlines answer it."""
        # "when is X's talk?"; "who gives the talk on Y?" where only the programme names them
        when = intent == Intent.SPEAKERS and (
            self.understanding.cued(query, Intent.DATES) or not event.speakers
        )
        where = intent == Intent.VENUE  # "where is the gala dinner?": the programme says
        # "is the panel recorded?", "which one is the panel?": a session by its title's word,
        # which is also a word for speakers, when no one is named
        titled = intent == Intent.SPEAKERS and not (query.speakers or query.person)
        # "CBSSL opening morning — New York time?": a time asked in a zone, of no deadline
        zoned = (
            intent == Intent.DEADLINES
            and query.aspects <= {"zone"}
            and query.zone is not None
            and not set(query.in_english) & (self._cue_words[Intent.DEADLINES] - {"time"})
            and not self._a_deadline_asked(event, query)
            and self._a_deadline_named(event, query) is None
        )
        if (
            intent not in (Intent.DATES, Intent.ABOUT, Intent.UNKNOWN, Intent.TOPICS)
            and not zoned
            and not when
            and not where
            and not titled
        ):
            return None
        asked = set(stems(query.content)) | set(query.asked)
        if where and not self.understanding.cued(query, Intent.DATES):
            # "what is the address of the venue?": not the "Presidential address"; but "when do
            # I get the Zoom link?" asks when, not where
            asked -= self._cue_words[Intent.VENUE]
        generic = self._naming_nothing(event)  # a speaker's name counts
        # "Fragen für das Abschlusspanel": the deadline "Questions for the closing panel", each
        # of whose words is asked (two at least that say something), not the last panel
        filler = self.lexicon.filler
        whole = [
            name
            for d in event.deadlines
            if (name := stem_set(d.name)) <= asked | filler | generic
            and len(name & asked - filler) > 1
        ]
        ends = query.when_words and "end" in self.understanding.aspects_of(query, Intent.DATES)
        # "bis wann …?", "when do … close?"; not "what time does the round table start?"
        asks_until = ends or has_any(query.stems, self.lexicon.grammar.until_when)
        if asks_until and whole:
            return Intent.DEADLINES
        if (
            query.ordinal
            and event.programme
            and (self.understanding.cued(query, Intent.PROGRAMME) or self._names_the_event(query))
        ):
            return Intent.PROGRAMME  # "when is the next session?", "… the next seminar?"
        speakers = [i for e, i in query.speakers if e == event.id]
        if not speakers and state is not None and state.speaker and state.speaker[0] == event.id:
            speakers = [state.speaker[1]]  # "when is that talk?" of the speaker just named
            query.speakers.append(state.speaker)
        for i in speakers:
            if i < len(event.speakers):
                asked |= stem_set(event.speakers[i].name)
        label = self.catalog.words[event.id].label
        deadline, _ = named_by(asked, [d.name for d in event.deadlines], generic)
        sessions = [f"{s.title} {s.description or ''}" for s in event.programme]
        session, _ = named_by(asked, sessions, generic)
        titles = [s.title for s in event.programme]
        untitled = self.lexicon.filler | self._ways_of_asking_when | label  # "Keynote" names
        by_title, _ = named_by(asked, titles, untitled)
        by_number = bool(query.numbering(titles))
        if by_number:
            by_title = max(by_title, 1)  # "plenary 1" of several plenaries
        session = max(session, by_title)
        asks_where = where or self.understanding.cued(query, Intent.VENUE)  # "which room …?"

        def programme() -> Intent:
            """The programme answers, and its lines say where: "room" needs no other fact."""
            if asks_where:
                places = self._cue_words[Intent.VENUE]
                query.rivals = [w for w in query.rivals if stems([w])[0] not in places]
            return Intent.PROGRAMME

        kinds = untitled | self._cue_words[Intent.PROGRAMME]
        if query.ordinal and of_a_kind(query.asked, titles, kinds):
            return programme()  # "when is the first keynote?": the first session of its kind
        that_day = [kind_of(titles[i]) for i in on_the_day(event, query.day)]
        if any(kind & asked - kinds for kind in that_day):
            return programme()  # "which excursions are there on 14 March?": that day's
        if asks_where and not session and (titled or where):
            kind = of_a_kind(asked, titles, kinds)
            if kind:  # "which room are the keynotes in?": every session of that kind
                query.aspects |= {f"programme[{i}]" for i in kind}
                return programme()
        talk, _ = named_by(asked, [s.talk or "" for s in event.speakers], generic)
        who = self.understanding.cued(query, Intent.SPEAKERS) and not self.understanding.cued(
            query, Intent.DATES
        )
        if talk and who and talk >= max(session, deadline):
            return Intent.SPEAKERS  # "who gives the talk on mediation analysis?"
        if intent == Intent.TOPICS:  # "do you accept papers on X?" stays a question of scope,
            asks_when = self.understanding.cued(query, Intent.DATES)  # "when is the session on X?"
            # "who gives seminar 6 and on what topic?": the session its number names
            return programme() if (asks_when and session > 0) or by_number else None
        if titled and not when:
            return programme() if by_title > 0 else None
        if where:  # "where is the congress dinner?": a deadline for its tickets is nowhere
            return programme() if session > 0 and session >= deadline else None
        if deadline > max(session, 0):
            return Intent.DEADLINES
        # a question of nothing known ("is there parking at the centre?") is of a session
        # by its title's word, or by two of its description's, not by one ("Botanic Park")
        if session > 1 or (session > 0 and (by_title > 0 or intent != Intent.UNKNOWN)):
            return programme()
        return None

    @staticmethod
    def _session_after(event: Event, fact: str) -> str | None:
        """The session after the one `fact` ("programme[3]") names, in time."""
        timed = sorted(
            (s.day, s.start or dt.time(), i) for i, s in enumerate(event.programme) if s.day
        )
        at = int(fact[len("programme[") : -1])
        order = [i for _, _, i in timed]
        if at not in order or order.index(at) + 1 >= len(order):
            return None
        return f"programme[{order[order.index(at) + 1]}]"

    def _books_a_rate(self, event: Event, query: Query, intent: str) -> bool:
        """Whether a question of registering, not of when, names one of the rates by words
        only its category has ("can I book an extra night?": "Extra night at the lodge"),
        whose note tells what may be booked and when."""
        if intent != Intent.REGISTRATION or query.when_words or query.operation:
            return False
        # "how many seats has each tutorial?": the places; "how do I apply for the student
        # showcase?": the way, not a price
        if {"capacity", "how"} & self.understanding.aspects_of(query, Intent.REGISTRATION):
            return False
        index = self.catalog.words[event.id]
        generic = index.filler | index.label | self._cue_words[Intent.REGISTRATION]
        found, which = named_by(query.asked, [fee.category for fee in event.fees], generic)
        return found > 0 and len(which) == 1

    def _a_closing_named(self, event: Event, query: Query, intent: str) -> DeadlineKind | None:
        """The kind of the one deadline whose name's words, but for those of registering and
        submitting, are all asked, in a question of registering, or of whether something is
        still open ("can I still sign up for the certificate track?", "is the
        certificate track still open?": "Certificate track registration")."""
        closing = query.operation in ("still", "passed") and intent in _MOMENTS | {Intent.UNKNOWN}
        if not (closing or intent == Intent.REGISTRATION) or self.understanding.cued(
            query, Intent.FEES
        ):  # "can I still get the early bird?" asks the rate ("Early-bird registration")
            return None
        index = self.catalog.words[event.id]
        asked = set(query.asked) | set(stems(query.content))
        generic = self._frames | index.filler | index.label
        kinds = set(DeadlineKind) if closing else {DeadlineKind.REGISTRATION}
        # "will late-breaking abstracts be in the proceedings?": "late" names, asks nothing
        operation = stem_set(" ".join(query.operation_words))
        found = [
            d.kind
            for d in event.deadlines
            if d.kind in kinds
            and (own := stem_set(d.name) - generic)
            and own <= asked
            and not operation & stem_set(d.name)
        ]
        return found[0] if len(found) == 1 else None

    def _opening(self, query: Query) -> set[str]:
        """The words that say a question follows the last ("and", "sorry, I meant"): they ask
        nothing themselves. None when it does not."""
        opening = self.lexicon.grammar.follow_up.search(query.text)
        return set(words(opening.group(0))) if opening else set()

    def _follows_with_a_deadline(self, query: Query, state: State, opening: set[str]) -> bool:
        """Whether a follow-up after a deadline names another of the event's deadlines, all
        the words of its name and nothing else but words for deadlines ("and the reference
        letters?"), whatever else its words may cue; not "and the speakers?" of "Speaker
        slides upload"."""
        if state.intent != Intent.DEADLINES or state.event not in self.events:
            return False
        event = self.events[state.event]
        filler = self.catalog.words[event.id].filler
        asked = set(query.stems) - filler - set(stems(opening))
        return any(
            (name := stem_set(d.name) - filler)
            and name <= asked
            and asked - name <= self._cue_words[Intent.DEADLINES]
            for d in event.deadlines
        )

    def _names_a_deadline(self, event: Event, query: Query, intent: str) -> bool:
        """A question of when, in the words of one of the organisers' deadlines ("when is the
        author registration deadline?", "bis wann Stipendium bewerben?"), that a registration,
        submission or fee question's cue took: the whole name, or a word of it that is no cue of
        that intent ("registration deadline" stays a question about registration)."""
        of_registering = self.understanding.aspects_of(query, Intent.REGISTRATION)
        when = "deadline" in of_registering
        if "opens" in of_registering | query.aspects and query.operation is None:
            return False  # "when does registration open?" (not "still open?"): a deadline closes
        if intent not in (Intent.REGISTRATION, Intent.SUBMISSION, Intent.FEES) or not (
            when  # "when", "bis wann", "tot wanneer", "deadline": not "the workshop day"
            or "deadline" in query.aspects
            or query.operation is not None
            # a strong cue: not "pass" ("the online pass"), the stem of "passed"
            or self.understanding.cued(query, Intent.DEADLINES, strength=2)
        ):
            return False
        # "wann erfahre ich, ob mein Paper angenommen wurde?": a submission question of when
        # the decisions or the final versions are due, which a deadline of that kind holds
        after_submitting = {DeadlineKind.NOTIFICATION, DeadlineKind.CAMERA_READY}
        of_deadlines = self.understanding.aspects_of(query, Intent.DEADLINES)
        if (
            intent == Intent.SUBMISSION
            and query.when_words
            and any(
                d.kind in after_submitting and d.kind.value in of_deadlines for d in event.deadlines
            )
        ):
            return True
        index = self.catalog.words[event.id]
        asked = set(query.asked) | set(stems(query.content))
        names = [d.name for d in event.deadlines]
        words_of = [stem_set(name) - index.filler for name in names]
        # "how much is a seat at the closing colloquium?": the price of the rate whose category
        # says every word of a deadline's name ("Closing colloquium seats"), or whose name
        # before its brackets, two words at least, the deadline's says ("Closing symposium
        # seat (Los Angeles)" of "Closing symposium seats in Cabrillo Hall"), not the deadline
        # for buying it
        of_a_rate: set[int] = set()
        if intent == Intent.FEES and not query.when_words:
            rates = [
                (stem_set(fee.category), stem_set(fee.category.split("(")[0]) - index.filler)
                for fee in event.fees
            ]
            of_a_rate = {
                i
                for i, words in enumerate(words_of)
                if any(words <= rate or (len(core) > 1 and core <= words) for rate, core in rates)
            }
        if any(words and words <= asked for i, words in enumerate(words_of) if i not in of_a_rate):
            return True
        cues = self._cue_words[Intent(intent)]
        # "bis wann muss die Gebühr bezahlt sein?": the one deadline named in fee words alone
        # ("Fee payment"), asked with a deadline's words
        paying = [words for words in words_of if words and words <= cues]
        # (asked in words of when: "closing" of "the closing symposium" names, asks nothing)
        if intent == Intent.FEES and query.when_words and len(paying) == 1:
            return True
        # "the application deadline", "can I still apply?": the one deadline whose name starts
        # with a word asked ("Application (research summary and CV)"), though it is a word for
        # registering, when the question asks when something closes
        if intent == Intent.REGISTRATION and of_registering & {"deadline", "status"}:
            heads = [said[0] for said in (stems(words(fold(n))) for n in names) if said]
            if sum(head in asked and head not in index.filler for head in heads) == 1:
                return True
        generic = index.filler | self._ways_of_asking | cues | index.label
        found, which = named_by(asked, names, generic)
        if set(which) <= of_a_rate:
            found = 0
        # "how much is the in-person ticket for the closing concert?": a price is of the session
        # its title names as well, not of the deadline for its seats; a question of when ("bis
        # wann kann ich einen Lightning Talk einreichen?") asks the deadline
        sessions = [s.title for s in event.programme]
        titled = named_by(asked, sessions, generic)[0] if intent == Intent.FEES or not when else 0
        return found > titled

    def _asks_how_long(self, query: Query) -> bool:
        """ "How long is …?", "wie lange dauert …?": words that ask a length, not only an
        ordinal's or a countdown's."""
        other = query.ordinal_words | query.operation_words  # "last", "how many days until"
        return any(
            not set(stems(cue)) <= other
            for cue in self.understanding.aspect_cues(query, Intent.DATES, {"duration"})
        )

    def _lasts_a_part(self, event: Event, query: Query) -> bool:
        """ "How long are the talks?", "wie lang sind die Vorträge?": the length of a part of the
        programme, which the event's duration does not answer (a Q&A entry may); "how long is
        the workshop?" of a workshop asks the event's, of a conference a part's."""
        filler = self.catalog.words[event.id].filler
        itself = [w for w in self.lexicon.grammar.event_words if len(w) > 1 or w[0] in filler]
        return (
            "duration" in self.understanding.aspects_of(query, Intent.DATES)
            and (
                any(self.understanding.cued(query, k) for k in (Intent.PROGRAMME, Intent.SPEAKERS))
                # not "how many days until the workshop day?", a countdown
                or bool(self._parts_named(event, query) and self._asks_how_long(query))
            )
            # "each session of the Van Diemen Seminars": the name's "seminars", not asked
            and not _said_outside_a_name(query, itself)
        )

    def _lasts_one_of_a_series(self, event: Event, query: Query) -> bool:
        """ "How long is each Tautai seminar?", "Hoe lang duurt een Van Diemen-seminar?": the
        length of one of the sessions of a series (an event of weeks whose kind, "seminar
        series", names what it is made of), named by the series' name after a word for one of
        many."""
        start, end = m.start_day(event), m.end_day(event)
        if not (query.naming and start and end and (end - start).days >= _A_SERIES):
            return False
        first, last = min(query.naming), max(query.naming)
        kind, one = stem_set(event.kind or ""), self.lexicon.grammar.one_of_many
        tokens = (*query.stems, "")
        # "een Van Diemen-seminar", "ein MOSH-Seminar"; "één seminar van de Andes Seminars",
        # not "a seminar series"
        one_of_them = (
            first > 0 and tokens[first - 1] in one and kind & {tokens[last], tokens[last + 1]}
        ) or any(
            tokens[i] in one and tokens[i + 1] in kind and tokens[i + 2] not in kind
            for i in range(len(tokens) - 2)
        )
        return (
            "duration" in self.understanding.aspects_of(query, Intent.DATES)
            and one_of_them
            and sum(1 for s in event.programme if s.start and s.end) > 1
        )

    def _parts_asked(self, event: Event, query: Query) -> set[str]:
        """The stems of the kinds of the programme's parts a question names ("talk", "Sitzung":
        session), not the event itself ("how long is the workshop?" of a workshop)."""
        filler = self.catalog.words[event.id].filler
        itself = {w for ws in self.lexicon.grammar.event_words for w in ws}
        kinds = (self._cue_words[Intent.PROGRAMME] | self._cue_words[Intent.SPEAKERS]) - filler
        return {
            sense
            for word in query.surface
            if stem(word) in kinds and stem(word) not in itself
            for sense in {*query.senses(word), *query.english.get(word, ())}
            if sense not in filler
        }

    def _parts_named(self, event: Event, query: Query) -> set[str]:
        """The kinds of event asked that this one is not and that its sessions' titles name:
        "how long are the workshops?" of a congress asks a part of it."""
        kinds = {w[0] for w in self.lexicon.grammar.event_words if len(w) == 1}
        titled = stem_set(" ".join(s.title for s in event.programme))
        return kinds - self.catalog.words[event.id].filler & titled & set(query.stems)

    def _of_sessions(self, event: Event, query: Query) -> bool:
        """Whether a question of how long asks it of sessions, as what the programme is made
        of ("how long is each session?", "Wie lange dauert eine Sitzung?") or by a word their
        titles have ("how long is a seminar?"); not of "the programme" or "the breaks" as a
        whole, nor of the talks in them; and the programme says."""
        named = self._cue_words[Intent.PROGRAMME] & query.asked | self._parts_named(event, query)
        return not self.understanding.cued(query, Intent.SPEAKERS) and any(
            s.start and s.end and ("session" in named or named & stem_set(s.title))
            for s in event.programme
        )

    def _of_a_day(self, event: Event, query: Query, intent: str) -> bool:
        """A question about what happens, or who speaks, on a day of the programme."""
        that_day = on_the_day(event, query.day)
        if not that_day:
            return False
        if intent in (Intent.PROGRAMME, Intent.SPEAKERS):
            return True
        # "when is the seminar on 23 February?" of a series whose sessions are seminars
        kinds = frozenset().union(*(kind_of(event.programme[i].title) for i in that_day))
        if intent == Intent.DATES and kinds & query.asked & self._kinds_of_event:
            return True
        return intent in (Intent.DATES, Intent.UNKNOWN, Intent.ABOUT, Intent.VENUE) and any(
            self.understanding.cued(query, kind) for kind in (Intent.PROGRAMME, Intent.SPEAKERS)
        )

    def _explained(self, event_id: str, intent: str, query: Query) -> bool:
        """Whether the facts of `intent` speak of every word the query asks."""
        index = self.catalog.words[event_id]
        explained = index.explained.get(Intent(intent), frozenset()) | index.own
        return all(query.senses(word) & explained for word in query.content)

    def _in_its_own_words(self, event: Event, query: Query) -> str:
        """A question in the organisers' own words ("is there a Student rate?", "when is the
        Poster upload?"): the kind of question whose facts alone hold every word asked, the most
        specific when several do. The description and topics explain too much to count, and a
        question-and-answer entry that fits is answered instead."""
        index = self.catalog.words[event.id]
        asked = set(stems(query.content)) - index.own
        if not asked or self.entries.matching(event, query) is not None:
            return Intent.UNKNOWN
        fitting = [
            intent
            for intent, explained in index.explained.items()
            if intent not in (Intent.ABOUT, Intent.TOPICS) and asked <= explained
        ]
        if not fitting:
            return Intent.UNKNOWN
        return min(fitting, key=lambda intent: len(index.explained[intent]))

    def _ask(self, event: Event, query: Query, now: dt.datetime, state: State) -> Ask:
        """What a composer answers from: the question, the event, its words, the wording."""
        index = self.catalog.words[event.id]
        taxed = self._taxes(event)
        return Ask(
            event=taxed.event,
            taxes=taxed.names,
            tax_written=taxed.written,
            query=query,
            now=now,
            phrases=self.phrases_for(state),
            filler=index.filler,
            own=index.own,
            label=index.label,
            categories=index.categories,
            negation=self.lexicon.grammar.negation,
            later=self.lexicon.grammar.later,
            asking=self._ways_of_asking,
            programme_words=self._cue_words[Intent.PROGRAMME],
            organiser_words=self._cue_words[Intent.ORGANISERS],
            registering=self._cue_words[Intent.REGISTRATION],
            kinds=self._kinds_of_event,
            places=frozenset(self._places(query)),
            amounts=frozenset(Decimal(n) for n in self._amounts_paid(event, query.text))
            if any(c.isdigit() for c in query.text)
            else frozenset(),
            fee_before=state.fee[1]
            if state.fee and state.fee[0] == event.id and self._points_back(query)
            else None,
        )

    def _taxes(self, event: Event) -> Taxed:
        """The event with the VAT its text says fees include (worked out once)."""
        if event.id not in self._taxed:
            self._taxed[event.id] = vat_in_words(
                event, self.catalog.texts(event), self._currencies_in, self.lexicon.filler
            )
        return self._taxed[event.id]

    def _currencies_in(self, text: str) -> set[str]:
        """The codes of the currencies `text` names in words ("rupee", "dollars")."""
        said = stems(words(fold(text)))
        return {
            code
            for name, codes in self.lexicon.currencies.items()
            if find_phrase(said, name) >= 0
            for code in codes
        }

    def _entry_answer(
        self, event: Event, i: int, state: State, query: Query, now: dt.datetime
    ) -> Answer:
        """The organisers' answer of their entry `i`, as it is written, with the times it
        names in the zone asked about."""
        text = event.qa[i].answer
        answer = Answer()
        if reckoned := self._refund(event, i, query, state, now):  # "what do I get back?"
            back, paid = reckoned
            answer.add(back, f"qa[{i}]", f"fees[{paid}].amount")
        answer.add(self.phrases_for(state).say("qa", answer=text), f"qa[{i}]")
        return self._times_in_zone(event, query, now, state, text, answer)

    def _refund(
        self, event: Event, i: int, query: Query, state: State, now: dt.datetime
    ) -> tuple[str, int] | None:
        """What the fee the asker names brings back if they cancel today (or on the day the
        sentence that cancels names), when the organisers' entry `i` is on cancelling and its
        answer a refund policy read in full for that fee's currency; of the fee as listed
        (not of a dinner ticket's policy: "Can I get my dinner ticket money back?"). The line
        that says so, and the fee's index."""
        entry = event.qa[i]
        text = entry.answer
        if not CANCELLING & stem_set(" ".join([entry.question, *entry.keywords, text])):
            return None
        start = m.start_day(event)
        said = query.sentences or [query]  # the message's, as read
        at = self._fee_named(event, said, now, state) if start else None
        if at is None and state.paid and state.paid[0] == event.id:
            at = state.paid[1]  # "and if I had cancelled in January?"
        if at is None or at >= len(event.fees) or start is None:
            return None
        fee = event.fees[at]
        if refunds.excepted(text, fee.category, start):
            return None  # "The virtual pass cannot be refunded.": the organisers' words say it
        # "everything except the deposit": the deposit they name elsewhere
        deposit = self._deposit(event, fee.currency) if "deposit" in text else None
        tiers = refunds.policy(text, start, fee.currency, deposit)
        if not tiers:
            return None
        # the day of the sentence that cancels ("Ik annuleer op 8 januari …"), not of another
        # ("I signed up on 15 January"); none: today
        cancelling = [part.day for part in said if CANCELLING & part.asked]
        if not any(cancelling) and state.paid == (event.id, at):
            cancelling = [part.day for part in said]  # "and from July?" of the refund just given
        # the asker's own today is now where the policy's days are kept ("30 Sept 10:30pm
        # here": 1 October in Goose Bay)
        today = now.astimezone(self._refund_zone(event, text) or now.tzinfo).date()
        named = next(filter(None, cancelling), None)
        if named is not None and named.number and any(map(named.holds, _todays_of(query, now))):
            named = None
        span = _the_days(named, today)
        if span is None:
            return None
        # a month's days must all bring back the same: "and if I had cancelled in May?"
        first, day = span
        back = refunds.refund(tiers, Decimal(fee.amount), day)
        if back is None or refunds.refund(tiers, Decimal(fee.amount), first) != back:
            return None
        phrases = self.phrases_for(state)
        line = self._ask(event, query, now, state).text(
            "refund_amount" if back else "refund_nothing",
            day=phrases.day(day),
            amount=phrases.money(back, fee.currency),
            paid=phrases.money(Decimal(fee.amount), fee.currency),
            category=fee.category,
        )
        return line, at

    def _refund_zone(self, event: Event, policy: str) -> dt.tzinfo | None:
        """Where the days of a refund policy are kept: the zone it says ("All dates are Goose
        Bay time."), or that another sentence of the organisers says refund dates are kept in
        ("Registration, payment and refund dates are Malta time."), else the event's."""
        refunding = (w.sentence for w in self.catalog.texts(event) if "refund" in w.sentence)
        return next(filter(None, map(m.zone_of_dates, [policy, *refunding])), m.event_zone(event))

    def _how_far(self, event: Event, query: Query, state: State, now: dt.datetime) -> Answer | None:
        """The organisers' sentence on how far apart the places a question names are, when it
        asks that ("How far is the winter school from Irkutsk?", "Hoe ver is het vliegveld
        van het centrum?"); None when it does not, or no sentence says."""
        grammar = self.lexicon.grammar
        if not (has_any(query.stems, grammar.how_far) or self._asks_how_long_a_ride(query)):
            return None
        asking = frozenset(word for phrase_ in grammar.how_far for word in phrase_)
        written = self.entries.best_sentence(event, query, journeys.tells_how_far, asking, 0.5)
        if written is None:
            return None
        answer = Answer().add(self._their_text(written, state), written.fact)
        return self._times_in_zone(event, query, now, state, written.sentence, answer)

    def _asks_how_long_a_ride(self, query: Query) -> bool:
        """ "How long is the bus ride?", "hoe lang duurt de busrit?": how long a way between
        places takes (the words as written, so that a compound's end is found: "Busfahrt")."""
        if not self._how_long & set(query.stems):
            return False
        rides = tuple(self.lexicon.grammar.rides)
        return any(stem(word).endswith(rides) for word in words(query.text))

    def _language_of(
        self, event: Event, query: Query, state: State, now: dt.datetime
    ) -> Answer | None:
        """The organisers' sentence on the language something is in, when a question asks
        that ("Is the school taught in English?", "In welke taal zijn de webinars?", "Gibt es
        beim spanischen Seminar Untertitel?", "Can I write my abstract in Spanish?"): the one
        that names every language asked and an aid asked (captions, interpreting), or else a
        language or an aid, and speaks of the most words asked; None when it asks no such
        thing, or no one sentence says. "Yes" before it when a clause of it says so."""
        if not self._asks_a_language(event, query):
            return None
        grammar = self.lexicon.grammar
        named = self._languages_in(query.in_english)
        asked = self.entries.asked(event, query)
        aids = asked & grammar.language_words - _LANGUAGE

        def names_a_language(sentence: str) -> bool:
            said = stems(words(fold(sentence)))
            if not (named or aids):  # "in English", "captions"; not "the Georgian Military Road"
                return self._in_a_language(said) or bool(grammar.language_words.intersection(said))
            return named <= self._languages_in(said) and bool(aids.intersection(said) or not aids)

        written = self.entries.best_sentence(
            event, query, names_a_language, _LANGUAGE, 0.5, framed_only=True
        )
        if written is None:
            return None
        line = self._their_text(written, state)
        spoken = {w for p in grammar.languages for w in p} | grammar.language_words
        things = asked - spoken - self.entries.frames
        verdict = self._verdict_in(written.sentence, named, aids, things)
        if query.polar and verdict is not None:  # "Is the school in English?"
            line = self.phrases_for(state).verdict(verdict, line)
        answer = Answer().add(line, written.fact)
        return self._times_in_zone(event, query, now, state, written.sentence, answer)

    def _languages_in(self, said: Sequence[str]) -> set[Phrase]:
        """The languages stems name: "english", "sign language"."""
        return {p for p in self.lexicon.grammar.languages if find_phrase(said, p) >= 0}

    def _in_a_language(self, said: Sequence[str]) -> bool:
        """Whether stems say something is in a language: "in English", "in het Spaans" (as
        "in het spanish"); not "in German time"."""
        grammar = self.lexicon.grammar
        for language in grammar.languages:
            if (at := find_phrase(said, language)) < 0:
                continue
            after = said[at + len(language)] if at + len(language) < len(said) else ""
            if after not in grammar.zone_after and any(
                said[max(0, at - len(before)) : at] == before for before in grammar.in_a_language
            ):
                return True
        return False

    def _verdict_in(
        self, sentence: str, named: set[Phrase], aids: set[str], things: set[str]
    ) -> bool | None:
        """What a clause of the organisers' sentence says of what is asked: yes when it names
        a language `named` (else an aid asked) and one of the `things` it is of, if any, and no
        "not" or "only" ("The lab sessions are in English and Spanish" of "are the lab
        sessions in English?"); no when it speaks of those things in another language only
        ("Full papers must be in English" of "can I write my full paper in Spanish?", not
        "extended abstracts may be in English or Spanish"); None when no clause says."""
        for clause in re.split(r"[;,:]", sentence):
            said = stems(words(fold(clause)))
            languages = self._languages_in(said)
            if things and not things.intersection(said):
                continue
            if (named & languages if named else aids.intersection(said)) and not denies(
                words(fold(clause)), self.lexicon.grammar.limits
            ):
                return True
            if named and things and languages and not named & languages:
                return False
        return None

    def _asks_a_language(self, event: Event, query: Query) -> bool:
        """Whether a question asks which language something is in, or how it is given in
        another: by a word for it ("language", "Untertitel", "getolkt"), or a language's name
        after "in" ("in Spanish", "auf Englisch", "in het Spaans"; not "in German time");
        not when it asks when, how many or how long, nor of what was just said ("is it in
        English?" of a session: its text)."""
        pointing = self.understanding.points_back(query.text)  # not "zijn", are, as "his"
        if query.when_words or query.operation or query.counts or pointing:
            return False
        aids = self.lexicon.grammar.language_words
        return bool(self.entries.asked(event, query) & aids) or self._in_a_language(
            query.in_english
        )

    def _as_ruled(self, event: Event, query: Query, answer: Answer, state: State) -> Answer:
        """The one submission rule an answer gives, after a yes or a no when the question asks
        whether one may or must and the rule forbids, obliges or allows: "Can I send my paper
        to another conference at the same time?" of "Multiple submissions of the same paper to
        other venues are forbidden." is a no; "Does an author have to attend in person?" of
        "At least one author … must travel to the venue in person." a yes."""
        ruled = [int(m[1]) for f in answer.facts if (m := _RULE.fullmatch(f))]
        if not query.polar or len(ruled) != 1 or event.submission is None or not answer.lines:
            return answer
        grammar = self.lexicon.grammar
        rule = stems(words(fold(event.submission.rules[ruled[0]])))
        forbids = has_any(rule, grammar.forbids)
        if has_any(query.stems, grammar.must):  # "do I have to …?": yes when it must be done
            if has_any(rule, grammar.obliges) and not forbids:
                answer.lines[0] = self.phrases_for(state).verdict(True, answer.lines[0])
        elif has_any(query.stems, grammar.may) and (forbids or has_any(rule, grammar.allows)):
            answer.lines[0] = self.phrases_for(state).verdict(not forbids, answer.lines[0])
        return answer

    def _shared_fee(
        self, event: Event, query: Query, text: str, state: State, now: dt.datetime
    ) -> Answer | None:
        """What each pays of a fee for a group ("recordings for up to 12 people of one
        institution") that the message `text` shares among so many people: "If 15 ringers
        from our band share the institutional licence, how much is that per person?", "Wir
        sind 30 Leute am Institut. Was kostet die Department-Lizenz pro Kopf?"; of the fee it
        names, else of the one the last answer gave. More people than the fee is for: the
        organisers know what they pay."""
        if not has_any(query.stems, self.lexicon.grammar.per_person):
            return None
        at = self._fee_named(event, query.sentences or [query], now, state)
        if at is None and state.fee and state.fee[0] == event.id:
            at = state.fee[1]
        if at is None:
            return None
        fee = event.fees[at]
        size = per_unit.group_size([fee.category, *fee.includes, fee.note or ""])
        people = self._people_told(event, text)
        if size is None or people is None:
            return None
        phrases = self.phrases_for(state)
        total = fee.with_tax()
        figures = {
            "category": fee.category,
            "total": phrases.money(total, fee.currency),
            "size": size,
            "people": people,
        }
        if people > size:
            return Answer().lack(phrases.say("shared_beyond", **figures))
        each = phrases.money(per_unit.share_of(total, people), fee.currency)
        line = phrases.say("shared", each=each, **figures)
        return Answer().add(line, f"fees[{at}]", "shared")

    def _people_told(self, event: Event, text: str) -> int | None:
        """How many people a message says there are: its one number that is no amount of
        money, clock, share, day, year or count of nights ("if 15 ringers share …", "Wir sind
        30 Leute", "twelve of us", not "420 EUR" nor "by 3 October")."""
        # an amount, a clock or a share counts no people: "1,260", "23:30", "2 %", "€ 40"
        plain = _SIGNED.sub(" ", re.sub(r"\d+(?:[:.,]\d+)+|\d+\s?%", " ", text))
        said = words(fold(plain))
        tokens = stems(said)
        # the money beside a number ("420 EUR", "zwölf Euro"), but "of us" is no US dollar
        money = (self._money_words - {"us"}) | {fee.currency.lower() for fee in event.fees}
        calendar, lexicon = calendar_stems(), self.lexicon
        found = set()
        for i, word in enumerate(said):
            number = int(word) if word.isdigit() else lexicon.numbers.get(word)
            beside = {*tokens[max(i - 1, 0) : i], *tokens[i + 1 : i + 2]}
            if (
                number is not None
                and 2 <= number < 1000
                and not beside & (calendar | money)
                # "5 nights" counts no people, "12 people" does
                and lexicon.units.get(said[i + 1] if i + 1 < len(said) else "", PERSON) == PERSON
            ):
                found.add(number)
        return found.pop() if len(found) == 1 else None

    def _reckon_per_unit(self, event: Event, query: Query, answer: Answer, state: State) -> Answer:
        """ "What do five nights at the Floreasca cost?": what the organisers' price for one
        that the answer gives ("135 EUR a night") comes to for as many as asked, after it; "and
        for three days?" that of the entry given last, when it asks nothing else."""
        line = None if answer.handoff else self._per_unit_line(event, query, answer.facts, state)
        if (
            line is None
            and state.entry
            and state.entry[0] == event.id
            and self._only_how_many(query)
        ):
            given = f"qa[{state.entry[1]}]"
            line = self._per_unit_line(event, query, [given], state)
            answer = Answer(facts=[given]) if line else answer
        return answer.add(line) if line else answer

    def _for_them_all(self, event: Event, query: Query, answer: Answer, state: State) -> Answer:
        """ "We are three people from our lab. What would the symposium cost us in total?": the
        one fee the answer gives, for as many people as the message says, after it; not what
        each pays of a fee several share ("… pro Kopf?")."""
        at = None if answer.handoff else _the_one(answer, "fees")
        if (
            at is None
            or query.people is None
            or has_any(query.stems, self.lexicon.grammar.per_person)
        ):
            return answer
        fee, phrases = event.fees[at], self.phrases_for(state)
        line = phrases.say(
            "for_them_all",
            people=query.people,
            rate=phrases.money(fee.with_tax(), fee.currency),
            total=phrases.money(fee.with_tax() * query.people, fee.currency),
        )
        return answer.add(line)

    def _per_unit_line(
        self, event: Event, query: Query, facts: list[str], state: State
    ) -> str | None:
        """What as many as asked come to at the one price for one the `facts` give, if any."""
        assert query.per_unit is not None
        count, unit = query.per_unit
        given = [w.sentence for w in self.catalog.texts(event) if w.fact in facts]
        rate = per_unit.the_rate(per_unit.rates(given, unit), query.asked - self.lexicon.filler)
        if rate is None:
            return None
        phrases = self.phrases_for(state)
        # "30 USD per child and day" for "my two kids": each of them
        people = query.people if rate.per_person and query.people else 1
        line = phrases.say(
            "per_unit",
            count=count,
            unit=phrases.say("words.units", unit=unit),
            people=people,
            rate=phrases.money(rate.amount, rate.currency),
            total=phrases.money(rate.amount * count * people, rate.currency),
        )
        count *= people  # as many units in all
        if rate.extras:  # "plus a 10 % service charge", "the guest levy of 8 USD a night"
            added = [extra.on(rate.amount, count) for extra in rate.extras]
            line += " " + phrases.say(
                "per_unit_added",
                added=phrases.join_and([phrases.money(a, rate.currency) for a in added]),
                total=phrases.money(rate.amount * count + sum(added), rate.currency),
            )
        if rate.discount and query.asked & _WITH_A_CODE:  # "… mit dem Rabattcode?"
            code, share = rate.discount
            line += " " + phrases.say(
                "per_unit_discount",
                code=code,
                share=phrases.percent(share),
                total=phrases.money(rate.discounted(count), rate.currency),
            )
        return line

    def _the_balance(
        self, event: Event, query: Query, answer: Answer, state: State, now: dt.datetime
    ) -> Answer:
        """ "How much is left to pay after the deposit for the single room, and by when?": the
        fee the message names less the one deposit the organisers' text gives in its currency
        ("a deposit of 300 EUR"), and, asked when, the deadline named for the balance; no
        list of fees. Asked only when, with no such deadline: the organisers are asked."""
        when = bool(query.when_words or query.operation)
        rest = self._after_the_deposit(event, query, now, state)
        balance = [i for i, d in enumerate(event.deadlines) if stem_set(d.name) & _BALANCE_WORDS]
        if len(balance) != 1:
            if when:
                return rest.lack(self.phrases_for(state).say("unknown", e=event.label))
            return rest if rest.lines else answer
        named = f"deadlines[{balance[0]}]"
        query.aspects.add(named)  # "… and by when?" asks that deadline
        if not when:
            return rest if rest.lines else answer
        due = COMPOSERS[Intent.DEADLINES](
            self._ask(event, replace(query, aspects={named}), now, state)
        )
        return Answer(lines=rest.lines + due.lines, facts=rest.facts + due.facts)

    def _after_the_deposit(
        self, event: Event, query: Query, now: dt.datetime, state: State
    ) -> Answer:
        """The fee the message names less the one deposit the organisers' text gives in its
        currency, said; no line when either is not found."""
        found = self._balance(event, query, now, state)
        return Answer() if found is None else self._balance_said(event, *found, state)

    def _balance_said(self, event: Event, at: int, deposit: Decimal, state: State) -> Answer:
        """What is left of fee `at` after the `deposit`, said."""
        fee = event.fees[at]
        amount = Decimal(fee.amount)
        phrases = self.phrases_for(state)
        line = phrases.say(
            "balance",
            deposit=phrases.money(deposit, fee.currency),
            fee=phrases.money(amount, fee.currency),
            category=fee.category,
            rest=phrases.money(amount - deposit, fee.currency),
        )
        return Answer().add(line, f"fees[{at}].amount")

    def _balance(
        self, event: Event, query: Query, now: dt.datetime, state: State
    ) -> tuple[int, Decimal] | None:
        """The fee the message names and the one deposit in its currency the organisers' text
        gives, if it is less than the fee."""
        at = self._fee_named(event, query.sentences or [query], now, state)
        if at is None:
            return None
        fee = event.fees[at]
        deposit = self._deposit(event, fee.currency)
        return None if deposit is None or deposit >= Decimal(fee.amount) else (at, deposit)

    def _paying_by(self, query: Query, text: str, state: State) -> tuple[str, bool] | None:
        """The one way of paying a question names when it asks what paying so costs ("is there
        a surcharge for Amex?", "what's the total if I pay by card?", "wat is het restbedrag
        als ik met American Express betaal?"): "amex", "card", "transfer", …; and whether the
        question names it or a charge itself ("… Kost dat extra?"), not only another sentence
        of the message `text` ("Ich überweise die 990 USD von meiner deutschen Bank. Wie viel
        muss ich insgesamt zahlen?")."""
        grammar = self.lexicon.grammar

        def asks_money(said: Sequence[str]) -> bool:
            return has_any(said, grammar.surcharges) or has_any(said, grammar.price)

        own = self._ways_of_paying(query.stems)
        tells = self._only_tells(query)
        if not tells and not (asks_money(query.stems) or "balance" in query.aspects):
            # "and if I pay that by Amex?" after a question of money
            before = (asks_money(q.stems) for q in self._asked_before(state))
            if not own or not (state.intent == Intent.FEES or any(before)):
                return None
        # the whole message, read only when the question itself does not say enough
        message = stems(words(fold(text))) if tells or not own else []
        if tells and (len(query.sentences) > 1 or not (asks_money(message) and "?" in text)):
            return None  # "Ik betaal … met Amex, wat wordt het totaal?": the question after it
            # asks nothing the reading kept
        named = own or self._ways_of_paying(message)
        asked = bool(own) or has_any(query.stems, grammar.surcharges)  # "Kost dat extra?"
        return (next(iter(named)), asked) if len(named) == 1 else None

    def _ways_of_paying(self, said: Sequence[str]) -> set[str]:
        """The ways of paying the stems `said` name: "amex", "card", …; also with a place's
        name left out ("from my UK bank", "von meiner deutschen Bank" is from "my bank")."""
        grammar = self.lexicon.grammar
        placeless = [w for w in said if w not in self.catalog.zone_words]
        named = {
            way
            for way, words_ in grammar.payment_means
            if any(find_phrase(each, words_) >= 0 for each in (said, placeless))
        }
        return named - {"card"} if named & surcharges.WIDER.keys() else named  # "my Amex card"

    def _surcharged(
        self,
        event: Event,
        way: str,
        asked: bool,
        query: Query,
        answer: Answer,
        state: State,
        now: dt.datetime,
        text: str,
    ) -> Answer:
        """What the organisers say paying `way` adds ("American Express costs 3.5 % extra"),
        and what the sum the question pays comes to so: "1,250 USD + 43.75 USD (3.5 %) =
        1,293.75 USD". `answer` as it is when they say nothing of paying so, or nothing is
        reckoned of a way the question does not name itself (not `asked`)."""
        found = surcharges.for_means(self._surcharges(event), way)
        if not found:
            return answer
        phrases = self.phrases_for(state)
        said = Answer()
        written = {(w.fact, w.sentence): w for w in self.catalog.texts(event)}
        for whole in dict.fromkeys(written[s.fact, s.sentence] for s in found):
            line = phrases.say("passage", about=whole.about, text=whole.text)
            if line not in said.lines:
                said.add(line, whole.fact, "surcharge")
        if len({s.charge for s in found}) > 1:  # "Visa without a surcharge, Amex with 1.5 %"
            return said if asked else answer  # of a card: which?
        charge = found[0]
        if query.polar and has_any(query.stems, self.lexicon.grammar.surcharges):
            # "is there a surcharge if I pay by card?"
            none = charge.charge == (None, None, None)
            said.lines[0] = phrases.verdict(not none, said.lines[0])
        paid = self._sum_paid(event, query, now, state, text)
        extra = None if paid is None else charge.on(paid[0], paid[1])
        if paid is None or not extra:
            return said if asked else answer
        total, currency, lines = paid
        said.lines[:0] = lines
        share = None if charge.percent is None else phrases.percent(charge.percent)
        return said.add(
            phrases.say(
                "surcharge",
                paid=phrases.money(total, currency),
                extra=phrases.money(extra, currency),
                share=share,
                total=phrases.money(total + extra, currency),
            )
        )

    def _surcharges(self, event: Event) -> list[surcharges.Surcharge]:
        """The charges for ways of paying the event's texts give, read once per event."""
        if event.id not in self._surcharges_of:
            texts = ((w.fact, w.sentence) for w in self.catalog.texts(event))
            self._surcharges_of[event.id] = surcharges.surcharges(texts)
        return self._surcharges_of[event.id]

    def _sum_paid(
        self, event: Event, query: Query, now: dt.datetime, state: State, text: str
    ) -> tuple[Decimal, str, list[str]] | None:
        """The sum a question pays, its currency and the lines that reckon it: an amount its
        message `text` names ("the 880 AUD fee"), the balance after the deposit, the deposit,
        or the fee it names with its tax; else that of the question before ("and if I pay that
        by Amex?")."""
        for said in (query, *self._asked_before(state)):
            if (paid := self._sum_in(event, said, now, state, text)) is not None:
                return paid
            text = said.text
        if state.fee and state.fee[0] == event.id:  # the one fee the last answer gave
            fee = event.fees[state.fee[1]]
            return fee.with_tax(), fee.currency, []
        return None

    def _asked_before(self, state: State) -> list[Query]:
        """The question sentences of the message before this one."""
        if state.asked is None:
            return []
        return self.understanding.read(state.asked, dt.UTC, state.language)

    def _sum_in(
        self, event: Event, query: Query, now: dt.datetime, state: State, text: str
    ) -> tuple[Decimal, str, list[str]] | None:
        currencies = {fee.currency for fee in event.fees}
        named = {Decimal(n) for n in self._amounts_paid(event, text)}
        if len(named) == 1:  # "the 880 AUD fee": in the currency of a fee of that amount
            amount = named.pop()
            priced = {fee.currency for fee in event.fees if Decimal(fee.amount) == amount}
            paid_in = priced if len(priced) == 1 else currencies
            return (amount, paid_in.pop(), []) if len(paid_in) == 1 else None
        # the sentences of one question: "If I pay the balance with my Amex, what's the total?"
        said = query.sentences or [query]
        balance = any("balance" in part.aspects for part in said)
        if balance and (found := self._balance(event, query, now, state)):
            at, deposit = found
            fee = event.fees[at]
            rest = self._balance_said(event, at, deposit, state)
            return Decimal(fee.amount) - deposit, fee.currency, rest.lines
        if any("deposit" in part.asked for part in said):  # "the deposit if I pay by Amex?"
            deposits = {(d, c) for c in currencies if (d := self._deposit(event, c)) is not None}
            if len(deposits) == 1:
                deposit, currency = deposits.pop()
                return deposit, currency, []
        fee_at = self._fee_named(event, said, now, state)
        if fee_at is None and (fee_at := self._rate_in_force(event, said, now, state)) is None:
            return None
        return event.fees[fee_at].with_tax(), event.fees[fee_at].currency, []

    def _rate_in_force(
        self, event: Event, said: list[Query], now: dt.datetime, state: State
    ) -> int | None:
        """Of the rates of one fee a message names ("for a non-member": early and standard),
        the one paid now: the first whose last day is still to come, else the one with none."""
        categories = [fee.category for fee in event.fees]
        named = {i for part in said for i in pick(self._ask(event, part, now, state), categories)}
        core = rate_cores(event, named)
        if len({core[i] for i in named}) != 1:
            return None  # not the rates of one fee
        fees = event.fees
        open_ = [i for i in named if fees[i].until and not rate_ended(event, fees[i], now)]
        if open_:
            return min(open_, key=lambda i: fees[i].until or dt.date.max)
        lasting = [i for i in named if not event.fees[i].until]
        return lasting[0] if len(lasting) == 1 else None

    def _deposit(self, event: Event, currency: str) -> Decimal | None:
        """The one deposit in `currency` the organisers' text gives ("a deposit of 300 EUR")."""
        return refunds.deposit_in([w.sentence for w in self.catalog.texts(event)], currency)

    def _only_how_many(self, query: Query) -> bool:
        """Whether a message asks nothing but for how many of a thing: "and for three days?",
        "How much for 5 nights?"."""
        lexicon = self.lexicon
        said = [
            w
            for w in words(query.text)
            if not (w.isdigit() or w in lexicon.numbers or w in lexicon.units)
        ]
        asked = set(stems(said)) - lexicon.filler - self._price_words
        return not asked - set(stems(self._opening(query)))

    def _fee_named(
        self, event: Event, said: list[Query], now: dt.datetime, state: State
    ) -> int | None:
        """The one fee a message names anywhere: by the words of its category, the closest
        ("the member early rate" is no "Non-member (early)"), else by the amount said paid ("I
        paid 1,090", "690 bezahlt")."""
        categories = [fee.category for fee in event.fees]
        named = {i for part in said for i in pick(self._ask(event, part, now, state), categories)}
        asked = frozenset().union(*(part.asked for part in said))
        negation = self.lexicon.grammar.negation - asked
        named = {i for i in named if not stem_set(categories[i]) & negation}
        # "cancelled on 30 October" names no "Tutorial day only (30 October)": a day is named
        # by its words, not a fee
        days = calendar_stems()
        named = {
            i
            for i in named
            if not (shared := stem_set(categories[i]) & asked)
            or any(not (w.isdigit() or w in days) for w in shared)
        }
        most = max((len(stem_set(categories[i]) & asked) for i in named), default=0)
        named = {i for i in named if len(stem_set(categories[i]) & asked) == most}
        if len(named) == 1:
            return named.pop()
        # none, or "Zertifikatskurs (60 EUR)" of two certificate tracks: by the amount paid
        paid = {Decimal(n) for part in said for n in self._amounts_paid(event, part.text)}
        by_amount = {i for i, fee in enumerate(event.fees) if Decimal(fee.amount) in paid}
        if not named & by_amount:
            # "the certificate track": "Certificate track", not "Student certificate track"
            fewest = min((len(stem_set(categories[i]) - asked) for i in named), default=0)
            named = {i for i in named if len(stem_set(categories[i]) - asked) == fewest}
        if len(named) != 1:
            named = named & by_amount or by_amount
        return named.pop() if len(named) == 1 else None

    def _amounts_paid(self, event: Event, text: str) -> list[str]:
        """The numbers a sentence says were paid: next to a word of paying or of money ("I
        paid 1,090", "690 bezahlt", "van 840 euro"), not a day's ("on 30 January")."""
        money = self._money_words | {fee.currency.lower() for fee in event.fees}
        plain = re.sub(r"(?<=\d)[.,'](?=\d{3}\b)", "", text)  # "1,090": 1090
        plain = re.sub(r"\d+[.,]\d{1,2}\b", " ", plain)  # "149.50" is no 50 (nor 149)
        tokens = stems(words(fold(plain)))
        calendar = calendar_stems()  # "if I pay on 30 March": a day, not 30 paid
        # "(75 €)", "$840"
        signed = [a or b for a, b in _SIGNED.findall(plain)]
        return signed + [
            t
            for i, t in enumerate(tokens)
            if t.isdigit()
            and {*tokens[max(i - 2, 0) : i], *tokens[i + 1 : i + 3]} & money
            and not {*tokens[max(i - 1, 0) : i], *tokens[i + 1 : i + 2]} & calendar
        ]

    def _times_in_zone(
        self, event: Event, query: Query, now: dt.datetime, state: State, text: str, answer: Answer
    ) -> Answer:
        """`answer`, with each moment the organisers' `text` names (a day and a clock time) in
        the zone the question asks about ("what time is the orientation call in Tokyo?")."""
        if query.zone is None:
            return answer
        ask = self._ask(event, query, now, state)
        for moment in m.moments_in(text, event):
            answer.add(f"• {self.phrases_for(state).moment(moment)} {converted(ask, moment)}")
        return answer

    def _from_an_entry(
        self,
        event: Event,
        intent: str,
        query: Query,
        unexplained: list[str],
        state: State,
        now: dt.datetime,
    ) -> Answer:
        """The answer of the organisers' entry that speaks of what the fields do not explain
        (entries.Entries.answering); the one just given only for a follow-up that points back
        at it; else the few sessions whose text speaks of it ("who gives the public lecture?"),
        else the one sentence of the organisers' text that does (in the whole text it is
        part of); else the organisers are asked."""
        last = state.entry[1] if state.entry and state.entry[0] == event.id else None
        found = self.entries.answering(
            event, intent, query, unexplained, last if self._refers_back(query) else None
        )
        if found is not None:
            return self._entry_answer(event, found, state, query, now)
        from_sessions = self._from_sessions(event, intent, query, now, state)
        if from_sessions is not None:
            return from_sessions
        sentence = self.entries.passage(event, intent, query)
        if sentence is not None:
            return self._passage(event, sentence, state, query, now, Answer())
        if intent == Intent.FEES and query.aspects & _UNWRITTEN:  # "a CFDI invoice?"
            answer = self._in_their_words(event, query, state, now)
            if answer is not None:
                return answer
        return Answer().lack(self.phrases_for(state).say("unknown", e=event.label))

    def _from_sessions(
        self, event: Event, intent: str, query: Query, now: dt.datetime, state: State
    ) -> Answer | None:
        """The programme's lines of the one to three sessions whose own text speaks of every
        word of the question that matters, if any do, and it asks what a session's line
        tells (not its price, nor how to register or submit for it)."""
        if intent in _NOT_OF_SESSIONS:
            return None
        sessions = self.entries.items(event, query, "programme")
        if not 0 < len(sessions) <= 3:
            return None
        named = replace(query, aspects=query.aspects | {f"programme[{i}]" for i in sessions})
        return COMPOSERS[Intent.PROGRAMME](self._ask(event, named, now, state))

    def _in_their_words(
        self, event: Event, query: Query, state: State, now: dt.datetime
    ) -> Answer | None:
        """How to pay, whether VAT is charged, or whether something no fee lists is included,
        where no field says so: the organisers' one sentence that speaks of it ("We do not
        accept PayPal.", "Fees are exempt from VAT.", "Ferry tickets are not included in any
        package."), after the fees when the tax was asked."""
        asked = query.aspects & _UNWRITTEN
        cues = self.understanding.aspect_cues(query, Intent.FEES, asked)
        # "über PayPal bezahlen": a sentence on paying by card does not say it
        named = [c for c in cues if len(c) == 1 and stem(c[0]) not in self._cue_words[Intent.FEES]]
        # what is included may be said anywhere ("ferries" in the venue's note), how to pay
        # and the tax only of the fees and the registration
        within = () if asked == {"includes"} else ("fees", "registration")
        found = self.entries.passage(event, Intent.FEES, query, named or cues, within)
        if found is None:
            return None
        answer = Answer()
        if "vat" in asked and "payment" not in asked:  # "is VAT charged?": fees, and the tax
            aspects = query.aspects - asked - {"includes"}  # "is VAT included?": no item
            answer = COMPOSERS[Intent.FEES](
                self._ask(event, replace(query, aspects=aspects), now, state)
            )
        return self._passage(event, found, state, query, now, answer)

    def _passage(
        self, event: Event, i: int, state: State, query: Query, now: dt.datetime, answer: Answer
    ) -> Answer:
        """`answer` with the sentence `i` of the organisers' text, in the whole text it is part
        of, after it (and its times in the zone asked about); after a yes when it says there is
        what the question asks if there is."""
        passage = self.catalog.words[event.id].passages[i]
        line = self.phrases_for(state).say("passage", about=passage.about, text=passage.text)
        if not answer.lines and self._says_there_is(event, query, i):
            line = self.phrases_for(state).verdict(True, line)
        answer.add(line, passage.fact)
        return self._times_in_zone(event, query, now, state, passage.sentence, answer)

    def _says_there_is(self, event: Event, query: Query, i: int) -> bool:
        """Whether the sentence `i` of the organisers' text says yes to "is there …?" ("Gibt es
        einen Ruheraum?" of "… and there is a quiet room on the second floor"): it says every
        word asked (entries.passage found it) and no "not", "no" or "only"."""
        if not (query.polar and query.there_is) or query.operation:
            return False
        said = words(fold(self.catalog.words[event.id].passages[i].sentence))
        return not denies(said, self.lexicon.grammar.limits)

    def _outcome(
        self,
        parts: list[Answer],
        state: State,
        intents: list[str],
        event: str | None,
        extra: Reply | None = None,
    ) -> Outcome:
        handoff = any(part.handoff for part in parts)
        paragraphs: list[str] = []
        before: list[str] = []
        for part in parts:  # a part that says the one before and more says only the more
            lines = part.lines[len(before) :] if part.lines[: len(before)] == before else part.lines
            if lines and "\n".join(lines) not in paragraphs:
                paragraphs.append("\n".join(lines))
            before = part.lines or before
        if handoff:
            paragraphs.append(self.phrases_for(state).say("handed_off"))
        replies = [Reply("\n\n".join(paragraphs))] if paragraphs else []
        if extra:
            replies.append(extra)
        facts = [fact for part in parts for fact in part.facts]
        return Outcome(
            replies=replies,
            state=state,
            intents=intents,
            event=event,
            handoff=handoff,
            facts=list(dict.fromkeys(facts)),
        )


def _todays_of(query: Query, now: dt.datetime) -> set[dt.date]:
    """The days it may be today where the asker is: by the clock of `now`, of the place they
    say they are in, of the zone they ask in."""
    zones = [zone for zone in (query.origin and query.origin[0], query.zone) if zone]
    return {now.date(), *(now.astimezone(zone).date() for zone in zones)}


def _the_days(day: Day | None, today: dt.date) -> tuple[dt.date, dt.date] | None:
    """The first and last date a day the asker names stands for, next to `today` (a month's
    first and last); today if they name none; None for a weekday."""
    if day is None:
        return today, today
    if day.month is None:
        return None
    for year in (today.year, today.year + 1, today.year - 1):
        try:
            first = dt.date(year, day.month, day.number or 1)
        except ValueError:
            return None
        last = first
        if day.number is None:
            last = dt.date(year, day.month, monthrange(year, day.month)[1])
        if abs((first - today).days) <= 183:
            return first, last
    return None


def _counts_nothing(query: Query, answer: Answer) -> bool:
    """Whether a question of how many is answered with one session's line that gives no
    number of what it counts ("how many tutors work in the studios?": "in small groups with
    residents and tutors"), or, when it counts nothing named or asks what time ("um wie viel
    Uhr"), no number at all; a list of several counts by itself."""
    return (
        query.counts
        and query.operation is None
        and len(answer.lines) == 1
        and bool(answer.facts)
        and all(fact.startswith("programme[") for fact in answer.facts)
        and (
            not counts(answer.lines[0], query)
            if query.counted is not None and not query.when_words
            else not any(c.isdigit() for c in answer.lines[0])
        )
    )


def _said_outside_a_name(query: Query, phrases: list[Phrase]) -> bool:
    """Whether the query says one of `phrases` (stems) other than in an event's name, or
    right after one ("the RSSG seminars", "the Riverside Seminars")."""
    tokens = query.stems
    return any(
        tokens[at : at + len(said)] == said
        and not set(range(at, at + len(said))) <= query.naming
        and not (len(said) == 1 and at - 1 in query.naming)
        for said in phrases
        for at in range(len(tokens))
    )


def _parts_of_a_name(name: str, vocabulary: frozenset[str]) -> Iterator[str]:
    """The runs of two words of `name` or more with a word no language has ("Van Diemen" of
    "Van Diemen Seminars 2030-31")."""
    said = name.split()
    for start in range(len(said)):
        for end in range(start + 2, len(said) + 1):
            part = said[start:end]
            if any(fold(word).strip(".,:;()") not in vocabulary for word in part):
                yield " ".join(part)


def _union_events(queries: list[Query]) -> dict[str, float]:
    scores: dict[str, float] = {}
    for query in queries:
        for event_id, score in query.events.items():
            scores[event_id] = max(scores.get(event_id, 0.0), score)
    return scores


def _city_of(event: Event, zone: ZoneInfo) -> str:
    """What to call the event's place when its clock is told: its city, else its zone."""
    return event.venue.city if event.venue and event.venue.city else str(zone)


def _clocks_line(
    phrases: Phrasebook, days: str, one: str, one_at: dt.datetime, other: str, other_at: dt.datetime
) -> str:
    """ "• 15 March 2073: Omsk (UTC+6) is 10 hours ahead of New York (UTC−4)": how far one
    place's clock is from another's at one moment, told for `days`."""
    apart = _offset(one_at) - _offset(other_at)
    minutes = int(apart.total_seconds()) // 60
    hours, rest = divmod(abs(minutes), 60)
    return phrases.say(
        "clocks_line",
        days=days,
        one=one,
        one_offset=_utc_offset(one_at),
        other=other,
        other_offset=_utc_offset(other_at),
        minutes=minutes,
        hours=hours,
        rest=rest,
    )


def _offset(at: dt.datetime) -> dt.timedelta:
    """How far a moment's clock is from UTC."""
    return at.utcoffset() or dt.timedelta()


def _utc_offset(at: dt.datetime) -> str:
    """ "UTC−3", "UTC+5:45", "UTC": how far a moment's clock is from UTC."""
    minutes = int(_offset(at).total_seconds()) // 60
    if not minutes:
        return "UTC"
    sign = "+" if minutes > 0 else "−"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def _rests_on_an_entry(answer: Answer) -> bool:
    """Whether an answer gives one of the organisers' question-and-answer entries."""
    return any(f.startswith("qa[") for f in answer.facts)


def _deadline_of(event: Event, fact: str) -> Deadline:
    """The deadline a fact names: "deadlines[2]"."""
    return event.deadlines[int(fact[len("deadlines[") : -1])]


def _the_one(answer: Answer, field: str) -> int | None:
    """The index of the one item of a list field ("qa", "fees") an answer's facts name, if
    they name one: 2 of "fees[2].amount" and "fees[2].includes"."""
    given = _indices(answer.facts, field)
    return given.pop() if len(given) == 1 else None


def _indices(facts: Iterable[str], field: str) -> set[int]:
    """The items of a list field ("programme", "fees") that facts name: {2, 4} of
    "programme[2]" and "programme[4].title"."""
    return {int(found[1]) for f in facts if (found := re.match(rf"{field}\[(\d+)\]", f))}


def _refunded_fee(answer: Answer) -> int | None:
    """The fee whose refund an answer reckons from the organisers' entry on it, if any."""
    if not _rests_on_an_entry(answer):
        return None
    amounts = (re.fullmatch(r"fees\[(\d+)\]\.amount", f) for f in answer.facts)
    return next((int(found[1]) for found in amounts if found), None)


def _reckons_a_refund(answer: Answer) -> bool:
    """Whether an answer reckons what a fee brings back from the organisers' entry on it."""
    return _refunded_fee(answer) is not None


@lru_cache(maxsize=256)
def _home_of(homes: tuple[str, ...], offset: dt.timedelta, day: dt.date) -> ZoneInfo | None:
    """The first of the zones `homes` whose offset is `offset` at noon UTC on `day`, when every
    one that has it keeps the same time as it for the year after."""
    start = dt.datetime(day.year, day.month, day.day, 12, tzinfo=dt.UTC)
    fitting = [z for key in homes if start.astimezone(z := ZoneInfo(key)).utcoffset() == offset]
    year_after = [start + dt.timedelta(days=days) for days in range(0, 400, 7)]
    if fitting and all(
        moment.astimezone(zone).utcoffset() == moment.astimezone(fitting[0]).utcoffset()
        for zone in fitting[1:]
        for moment in year_after
    ):
        return fitting[0]
    return None
