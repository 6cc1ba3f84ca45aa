"""What a message asks: its questions, each with an intent, aspects and the things it names.

No event is chosen here and no fact is read: this turns text into `Query` objects, and the
engine decides, with the conversation's state, which event each is about and how to answer.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Iterator
from dataclasses import replace
from functools import cache, cached_property
from typing import NamedTuple
from zoneinfo import ZoneInfo

from ..knowledge import moments as m
from . import languages, places
from .dictionary import is_word
from .index import NAMED, Catalog
from .intents import PRIORITY, Intent
from .lexicon import Forms, Lexicon, Pattern, Phrase, load_lexicon, phrase
from .phrasing import phrasebook
from .query import CANCELLING, MONEY_BACK, Day, Query
from .text import (
    YEAR,
    denies,
    expand,
    find_phrase,
    fold,
    has_any,
    head_of,
    rejoined,
    reunited,
    split_by_cognate,
    split_compound,
    stem,
    stem_set,
    stems,
    strip_accents,
    unlinked,
    words,
)

#: An intent needs at least this much evidence; below it a clause asks nothing known.
THRESHOLD = 1.5
_SHORTEST_PLACE = 4  # letters: "Leidse" is Leiden, "ons" no "on"
#: a word written in capitals, two letters or more: "SET", "US", "TAI4H"
_IN_CAPITALS = re.compile(r"\b[A-Z][A-Z0-9]+\b")
_SHORTEST_HEAD = 4  # letters of what a compound says the event is about ("Bodenkongress")
_SHORTEST_EVENT_WORD = 5  # letters of the word for the event it ends in: "reeks", not "kurs"
#: where a sentence ends: "am 8. April" is one, "… 8:00. Can I …" two; a full stop after a
#: word written short ends none (grammar "abbreviations": "St. John's", "Dr. Peek", "incl.")
_SENTENCE = re.compile(r"(?<=[?!;])\s*|(?<=[^\d][.])\s+|(?<=\d:\d\d[.])\s+|\n+")
#: the word a full stop ends: "incl." of "price incl. service?"
_SHORTENED = re.compile(r"([\w.]+)\.$")
#: words written with a capital, one after another ("New York", "Sri Lanka", "Nijmegen")
_CAPITALISED = re.compile(r"\b[A-ZÀ-Þ][\w'’-]*(?:[ \t]+[A-ZÀ-Þ][\w'’-]*)*")
#: a word of a clock time or a date: "8pm", "21st", "2024"
_CLOCK = re.compile(r"\d{1,2}(?:am|pm|h|uhr|uur|st|nd|rd|th|e|de|ste)?|\d{4}")
#: a dash between parts of a sentence, or a colon after its first: "Tokyo, 31 July 23:40: can …"
_DASH = re.compile(r"\s[-–—]\s|(?<=\w):\s")
#: to tell a zone that is UTC all year from one that is not (London is in summer)
_TWO_SEASONS = (dt.datetime(2000, 1, 1), dt.datetime(2000, 7, 1))
#: what closes at a moment: "is it still open?" of them is told in the asker's time too
_CLOSING = {Intent.REGISTRATION, Intent.SUBMISSION, Intent.DEADLINES, Intent.FEES}
#: vehicles, and their going, in the facts' English: the going is what a vehicle does
_VEHICLES = stem_set("bus buses shuttle shuttles minibus coach coaches train ferry boat tram")
_GOING = stem_set("leave leaves depart departs departure go goes run runs drive travel ride")
_OFFSET = re.compile(r"\b(?:utc|gmt)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?\b")


ASPECT_WEIGHT = 1.5  # an aspect's word, for its intent: less than a cue's


#: an aside in brackets of a few words: "(Eastern)", "(New York time)"
_ASIDE = re.compile(r"\(([^()\d]{2,30})\)")


class Understanding:
    def __init__(self, catalog: Catalog, lexicon: Lexicon) -> None:
        self.catalog = catalog
        self.lexicon = lexicon
        self._cue_index: dict[str, list[tuple[str, Phrase, float]]] = {}
        for intent, cues in lexicon.cues.items():
            for cue, weight in cues.items():
                self._cue_index.setdefault(cue[0], []).append((intent, cue, weight))
        self._aspect_index: dict[str, list[tuple[str, str, Phrase]]] = {}
        for intent, aspects in lexicon.aspects.items():
            for aspect, cue_list in aspects.items():
                for cue in cue_list:
                    self._aspect_index.setdefault(cue[0], []).append((intent, aspect, cue))
        self._operation_index: dict[str, list[tuple[str, Phrase]]] = {}
        for name, cue_list in lexicon.operations.items():
            for cue in cue_list:
                self._operation_index.setdefault(cue[0], []).append((name, cue))
        # words written short, as the message is read when it is cut ("incl." is "including.")
        short = lexicon.grammar.abbreviations
        self._shortened = short | {lexicon.rewrite.get(word, word) for word in short}
        longest = sorted(lexicon.rephrase, key=len, reverse=True)
        self._rephrased = (
            re.compile(r"\b(?:" + "|".join(map(re.escape, longest)) + r")\b") if longest else None
        )
        self.zones = dict(_iana_cities())
        keys = set(self.zones.values())
        # "in Rabat time": the city's zone is the event's; "San Juan" of an event in Puerto Rico
        # is not the San Juan of Argentina's zones
        for event in catalog.events.values():
            if event.venue and event.venue.city and event.timezone in keys:
                self.zones[phrase(event.venue.city)] = event.timezone
                # "in Copán" of the Copán seminars in Copán Ruinas: the first word of the city
                # that the event's name also says, if it is no zone's
                first = phrase(event.venue.city)[:1]
                named = {stem(w) for w in words(fold(f"{event.name} {event.short_name or ''}"))}
                if len(first) == 1 and len(first[0]) >= 4 and first[0] in named:
                    self.zones.setdefault(first, event.timezone)
        self.zones.update(lexicon.zones)
        # the towns and countries the message being read names that no zone name above is
        # ("Nijmegen", "Sri Lanka"), by their words as the message's are read, and those words
        # as written (no typos: "Mainz")
        self._towns: dict[Phrase, _Town] = {}
        self._town_words: frozenset[str] = frozenset()
        #: the words of the events' own names ("TAI4H", "Hanover"): no towns to look up
        self._names_written = frozenset(
            word
            for event in catalog.events.values()
            for name in (event.name, event.short_name, *event.acronyms, *event.aliases)
            if name
            for word in words(fold(name))
        )
        #: the words no town is looked up by: the events' people's and names, and the lexicons'
        #: unless with another word ("New Zealand", not "What Time")
        self._no_towns = catalog.people | self._names_written
        #: the words of the sessions' titles and descriptions ("Keynote (online from Suva)")
        self._session_words = frozenset(
            word
            for event in catalog.events.values()
            for session in event.programme
            for word in words(fold(f"{session.title} {session.description or ''}"))
        )
        self._title_stems = frozenset(
            stem(word)
            for event in catalog.events.values()
            for session in event.programme
            for word in words(fold(session.title))
        )
        self.patterns = [_with_events(pattern, catalog) for pattern in lexicon.patterns]
        # words for the event itself ("the summer school", "die Seminarreihe"): never a word
        # the facts would have to explain
        self._event_words = frozenset(
            phrase[0] for phrase in lexicon.grammar.event_words if len(phrase) == 1
        )
        grammar = lexicon.grammar
        #: the words for kinds of event ("Kongress", "summer school"), not for its start
        self._kinds = frozenset(grammar.event_words) - frozenset(grammar.event_starts)
        self._kind_starts = frozenset(kind[0] for kind in self._kinds)
        self._peoples = dict(grammar.peoples)  # "british": "united kingdom"
        #: the words the lexicons know the English of, and that English
        self._glossed = frozenset(lexicon.glossary).union(
            *lexicon.glossary.values(), *map(frozenset, lexicon.meanings.values())
        )
        # the one-word cues of the dates ("start", "time"): they name nothing one attends
        self._date_words = frozenset(
            cue[0] for cue in lexicon.cues.get(Intent.DATES, {}) if len(cue) == 1
        )

    def read(
        self, text: str, zone: dt.tzinfo | None = None, language: str | None = None
    ) -> list[Query]:
        """The questions in `text`, in order; greetings and sign-offs around a question are
        dropped. `zone` is the asker's, for "in my time"; `language` the one they write in."""
        self._towns = self._places_named(text, language)
        folded = self._normalise(text)
        queries: list[Query] = []
        whereabouts: list[Query] = []  # "It's 8pm here in New York.": where the asker is
        for clause in self._shared_subjects(self._clauses(folded)):
            head, *rest = _DASH.split(clause, maxsplit=1)
            if rest and rest[0].strip(" -–—?!.,;"):  # "it's 10am here in Germany – can I …?"
                said = self._query(head, original=text, zone=zone, language=language)
                if self._says_where_the_asker_is(said):
                    whereabouts.append(said)
                    clause = rest[0]
            query = self._query(clause, original=text, zone=zone, language=language)
            if self._says_where_the_asker_is(query):
                whereabouts.append(query)
            elif (
                queries
                and queries[-1].intent is None
                and self.lexicon.question_start.match(queries[-1].text)
                and not queries[-1].text.rstrip().endswith((".", "?", "!", ";"))
                and query.intent is not None
                and not (query.content or query.events or query.speakers)
            ):  # "is there parking at the venue and how much?": how much the parking is
                joined = f"{queries[-1].text} {query.text}"
                queries[-1] = self._query(joined, original=text, zone=zone, language=language)
            elif query.meaningful or not queries:
                if queries and self._of_the_last(query, queries[-1]):
                    # "the dates of the datathon and what does it cost?": of the datathon; "und
                    # das letzte Plata-Seminar, wann ist das?": of the last of its seminars
                    subject = f"{' '.join(self._named_in(queries[-1]))} {query.text}"
                    query = self._query(subject, original=text, zone=zone, language=language)
                queries.append(query)
        for said in whereabouts:
            if said.zone is None and said.origin is not None:  # "From Tokyo, …"
                said.zone, said.zone_name = said.origin
            if said.zone is None:
                self._find_zone(
                    said, said.text, said.stems, set(), whatever_follows=True, original=text
                )
            if said.zone is None and (place := self._opening_place(said.stems)):
                said.zone, said.zone_name = self._zone_of(
                    said.stems[place.start : place.stop], text
                )
        if whereabouts and any(q.meaningful for q in queries):
            self._ask_where_the_asker_is(queries, whereabouts, zone)
        else:  # "I'm in Tokyo.": the last question again, in that place's time, if any
            for said in whereabouts:
                said.intent, said.content = None, []
                if said.zone is not None:
                    said.aspects.add("zone")
            queries += whereabouts
        asking = [q for q in queries if q.intent and not q.social]
        if asking:
            kept = [
                q
                for q in queries
                if (q.intent and not q.social)
                or (
                    q.intent is None
                    # "Welches Hotel empfiehlt der AMC, und was kostet die Nacht?": a question
                    # of its own, though the sentence's question mark ends the other one
                    and (q.text.rstrip().endswith("?") or (q.content and q is not queries[-1]))
                    and self.lexicon.question_start.match(q.text)
                )
            ]
            for dropped in (q for q in queries if q not in kept):
                before = [q for q in kept if queries.index(q) < queries.index(dropped)]
                if (  # a question that is nothing but the operation ("Still OK?", "Und in
                    # wie vielen Tagen ist das?"), not "Ich bin noch Student."
                    dropped.operation
                    and not dropped.content
                    and dropped.text.rstrip().endswith("?")
                    and before
                    and before[-1].operation is None
                ):
                    # "Reference letter deadline was 22 Oct AoE. Still OK?": of that deadline
                    before[-1].operation = dropped.operation
                    before[-1].operation_words = dropped.operation_words
                for query in kept:
                    if not query.events:  # "what about TAI4H, when ...?"
                        query.events = dict(dropped.events)
                    if not query.origin:  # "I'm at the Reykjavík hub - what time is …?"
                        query.origin = _where_from(dropped)
                    if not query.people:  # "We have two kids. What would childcare cost?"
                        query.people = dropped.people
                    if dropped.zone is not None and self.points_back(dropped.text):
                        # "… starts at 19:00 Colombo time, what's that in UK time?"
                        query.zone, query.zone_name = dropped.zone, dropped.zone_name
            origin = None
            for query in kept:  # "I'll follow INSECTA from Germany with the virtual pass.
                # What time is the opening keynote for me?": where they are, for what follows
                if query.origin:
                    origin = _where_from(query)
                elif origin:
                    query.origin = origin
            read: list[Query] = []
            for asked in kept:
                query = self._with_who_asks(asked, queries, text, zone, language)
                if query is asked and (told := self._cancelling_before(asked, queries, kept)):
                    # (a sentence that says what they are and cancel is read with it once)
                    query = self._joined(told, query, text, zone, language)
                read.append(query)
            queries = read
        elif len(queries) > 1 and any(q.social for q in queries):
            queries = list({q.intent: q for q in queries if q.social}.values())
        for query in queries:
            # "is the early bird still open?": whether it is, and until when in the asker's
            # own time, when the channel knows it (not UTC all year)
            still = (
                query.operation in ("still", "passed")
                and query.intent in _CLOSING
                and query.zone is None
            )
            if still and _local(zone):
                query.own_zone, query.zone = True, zone
        queries = queries or [Query(text=text)]
        for query in queries:
            query.sentences = queries
        return queries

    def _with_who_asks(
        self,
        query: Query,
        clauses: list[Query],
        original: str,
        zone: dt.tzinfo | None,
        language: str | None,
    ) -> Query:
        """A question of what the asker pays, read with the sentence before it when that
        only says what they are, in the words of the fees' categories ("Ich bin Doktorandin
        und AMRS-Mitglied. Was zahle ich?"), and asks nothing; where they are and the event
        named stay the question's."""
        before = _sentence_before(query, clauses)
        if query.intent != Intent.FEES or before is None or before.intent or not before.content:
            return query
        categories, said = self.catalog.category_words, self.catalog.all_said
        senses = [set(stems(before.english.get(w, [w]))) for w in before.content]
        if not any(s & categories for s in senses) or not all(s & said for s in senses):
            return query  # "I'm a student at the University of Porto.": not what a fee is
        joined = self._joined(before, query, original, zone, language)
        return joined if joined.intent == Intent.FEES else query

    def _cancelling_before(
        self, query: Query, clauses: list[Query], asking: list[Query]
    ) -> Query | None:
        """The sentence before a question of money coming back, when that tells of cancelling
        and asks nothing (is none of those `asking`): "I have to cancel APSAC today. How much
        do I get back?" asks what comes back if they cancel today."""
        before = _sentence_before(query, clauses)
        if (
            before is None
            or before in asking
            or not MONEY_BACK & query.asked
            or CANCELLING & query.asked
            or not CANCELLING & before.asked
            or before.text.rstrip().endswith("?")
        ):
            return None
        return before

    def _joined(
        self,
        before: Query,
        query: Query,
        original: str,
        zone: dt.tzinfo | None,
        language: str | None,
    ) -> Query:
        """`query` read with the sentence before it; where the asker is and the event named
        stay the question's."""
        joined = self._query(f"{before.text} {query.text}", original, zone, language)
        joined.zone, joined.zone_name, joined.own_zone = query.zone, query.zone_name, query.own_zone
        joined.events, joined.origin = query.events or joined.events, query.origin
        return joined

    def _of_the_last(self, query: Query, last: Query) -> bool:
        """Whether a question speaks of the thing the one before it in the message named: it
        says "it" or "that" and names nothing itself; or the one before only names it, as the
        head of the sentence ("the orientation call, what time is it in Tokyo?", "Seminar 3 of
        the Plata Map Seminars, what time is that here?"); or it asks only how long ("When is
        the letterpress workshop and how long?")."""
        return bool(
            (last.content or last.ordinal or any(s.isdigit() for s in last.stems))
            and not (query.content or query.events or query.speakers or query.person or query.day)
            and (
                self.points_back(query.text)
                or self._only_names(last)
                or query.aspects == {"duration"}
            )
            and not last.text.rstrip().endswith((".", "?", "!", ";"))  # in one sentence
        )

    def _named_in(self, clause: Query) -> list[str]:
        """The words of a clause that name something, as read: its content, an event's name, a
        word of order, a kind of event and a number ("das letzte Plata-Seminar": "letzte Plata
        Seminar"; "the dates of the datathon": "datathon"; "seminar 3"; "sechs Nächte")."""
        return [
            word
            for i, word in enumerate(clause.surface)
            if word in clause.content
            or i in clause.naming
            or clause.stems[i] in clause.ordinal_words
            or clause.stems[i] in self._event_words
            or clause.stems[i].isdigit()
            or (clause.per_unit is not None and word in self.lexicon.numbers)
        ]

    def _only_names(self, clause: Query) -> bool:
        """A clause that asks nothing and says nothing of the asker: no verb of a question
        ("is", "kann"), no word of where or when they are ("I'm in Alexandria")."""
        return clause.intent is None and not any(
            self.lexicon.question_start.match(word) or word in self.lexicon.grammar.whereabouts
            for word in clause.surface
        )

    def points_back(self, text: str) -> bool:
        """Whether `text` has a word pointing back at what was just said: "that", "das", "dat"."""
        return bool(self.lexicon.grammar.refers_back.intersection(words(fold(text))))

    def _says_where_the_asker_is(self, query: Query) -> bool:
        """A sentence that asks nothing and says only where the asker is, or what time or day
        it is there: "It's 8pm here in New York.", "Hier in Zürich ist es schon 23 Uhr.",
        "Het is 21 mei, half tien 's ochtends.", "I'm in Tokyo.", "I'm following ACCI online
        from London." """
        if query.text.rstrip().endswith("?") or self.lexicon.question_start.match(query.text):
            return False
        # "Hanga Roa seminar 5": a seminar by its number, not a time there (but "Seminar 6 was
        # at 5 pm for me in NYC" tells the time where the asker is)
        tokens = query.stems
        clocks = [i for i, token in enumerate(tokens) if _CLOCK.fullmatch(token)]
        numbered = [
            i
            for i in clocks
            if tokens[i].isdigit() and i > 0 and tokens[i - 1] in self._event_words
        ]
        if numbered and numbered == clocks:
            return False
        grammar = self.lexicon.grammar
        place = self._places(query.stems, preceded_by=grammar.zone_before | grammar.origin)
        place |= set(self._opening_place(query.stems))
        event: set[int] = set()
        clock = any(_CLOCK.fullmatch(token) for token in query.stems)
        if max(query.events.values(), default=0.0) >= NAMED:
            # "… the symposium in Hanover – when is that?" is no whereabouts (nor "in India", a
            # word of a speaker's affiliation); "I'm following ACCI online from London." is, and
            # so is "it's 1:30am on May 2 here in Honolulu", a time where the event is
            if not (clock and place) and not self._places(query.stems, preceded_by=grammar.origin):
                return False
            _, event = self.catalog.mentions(query.stems)
            event -= place
        told = {
            i: token
            for i, token in enumerate(query.stems)
            if i not in place and i not in event and token not in self.lexicon.filler
        }
        rest = [
            i
            for i, token in told.items()
            if token not in self.lexicon.grammar.whereabouts
            and token not in calendar_stems()
            and not _CLOCK.fullmatch(token)
            and _day_number(token) is None  # "… on May 21"
        ]
        if clock and rest == [len(query.stems) - 1] and query.stems[-2] in grammar.zone_before:
            # "It's Oct 31, 10am here in LA.": the time where the asker is, a place unknown
            rest = []
        return bool(place or told) and not rest

    def _opening_place(self, tokens: tuple[str, ...]) -> range:
        """Where the tokens of a place that opens a sentence telling the time there, or that
        the asker is there, are ("Tokyo, 31 July 23:40", "Berlin 11:15 on 26 June", "Sydney
        here."); empty if none."""
        grammar = self.lexicon.grammar
        # "On Lord Howe, 11:30pm", "In Leeds, 23:30": after a word that places
        placing = grammar.zone_before | grammar.origin | grammar.town_before
        lead = 1 if tokens[:1] and tokens[0] in placing else 0
        opening = self._place_spans(tokens[: lead + 3])
        if opening and opening[0][0] == lead:
            rest = tokens[lead + opening[0][1] :]
            if any(_CLOCK.fullmatch(t) or t in grammar.whereabouts for t in rest):
                return range(lead, lead + opening[0][1])
        return range(0)

    def _ask_where_the_asker_is(
        self, queries: list[Query], whereabouts: list[Query], zone: dt.tzinfo | None
    ) -> None:
        """Ask the message's questions in the place the asker said they are in; when they
        told only the time there, in their own time (when the channel knows a zone that is
        not UTC all year)."""
        place = next((said for said in whereabouts if said.zone is not None), None)
        named = next((said.events for said in whereabouts if said.events), {})
        for query in queries:
            if not query.events and not query.social:  # "I'm following ACCI from London."
                query.events = dict(named)
            if (query.zone is not None and not query.own_zone) or query.social:
                continue  # "… for me? I'm in Berlin": the place said beats the channel's zone
            if place is not None:
                query.own_zone, query.zone_told = False, True
                query.zone, query.zone_name = place.zone, place.zone_name
            elif _local(zone):
                query.own_zone, query.zone = True, zone

    def _clauses(self, text: str) -> list[str]:
        """`text` cut into questions, never inside the name of an event, person or place."""
        protected = text
        for name in self.catalog.names:
            if ("," in name or " and " in name) and name in protected:
                protected = protected.replace(
                    name, name.replace(",", "\x00").replace(" and ", " \x01 ")
                )
        sentences: list[str] = []
        for piece in self._after_a_number(_SENTENCE.split(protected)):
            last = _SHORTENED.search(sentences[-1]) if sentences else None
            if last and last[1] in self._shortened:  # "Dr. Rossi", "incl."
                sentences[-1] = f"{sentences[-1]} {piece}"
            else:
                sentences.append(piece)
        parts = []
        for sentence in sentences:
            parts.extend(self._conditioned(self.lexicon.grammar.joins.split(sentence)))
        restored = [p.replace("\x00", ",").replace(" \x01 ", " and ") for p in parts if p]
        return [p for p in restored if p.strip(" ?!.,;")]

    def _conditioned(self, parts: list[str]) -> list[str]:
        """A sentence's questions, each with the clause before it that says on what condition
        it is asked after it, where a question's words are read from its start: "If I cancel
        now, do I get my money back?" asks "do I get my money back, if I cancel now?"."""
        conditions = self.lexicon.grammar.conditions
        asked: list[str] = []
        condition = None  # a clause that waits for its question
        for part in parts:
            comma = _clause_comma(part)
            if condition is None and set(words(part)[:1]) & conditions and "?" not in part[:comma]:
                # "Als ik nu annuleer, krijg ik dan alles terug?": its question after the comma,
                # else in the next part
                condition, part = part[:comma], part[comma + 1 :]
                if not part.strip():
                    continue
            if condition is not None:
                question = part.strip()
                mark = "?" if question.endswith("?") else ""
                asked.append(f"{question.rstrip('?').rstrip()}, {condition.strip()}{mark}")
                condition = None
            else:
                asked.append(part)
        return [*asked, condition] if condition is not None else asked

    def _after_a_number(self, pieces: list[str]) -> list[str]:
        """The pieces cut again where a date ends a sentence and a question starts ("… on May
        21. Can I still submit?"); a full stop after a number is mostly a date's own ("am 21.
        Mai"), so only a question's start after a month's day ends one (not "My poster is
        number 84. Which day …?", which the question needs)."""
        _, months, _ = _calendar_words()
        cut: list[str] = []
        for piece in pieces:
            start = 0
            for end in re.finditer(r"(?<=\d\.)\s+", piece):
                before = words(piece[start : end.start()])[-3:-1]
                if set(before) & set(months) and self.lexicon.question_start.match(
                    piece[end.end() :]
                ):
                    cut.append(piece[start : end.start()])
                    start = end.end()
            cut.append(piece[start:])
        return cut

    def _shared_subjects(self, clauses: list[str]) -> list[str]:
        """ "When and where is the poster session?", "Wann und wo ist die Postersession?": a
        question word alone asks of what the next question does."""
        asking = self.lexicon.grammar.asking
        shared = list(clauses)
        for i in range(len(clauses) - 1):
            alone, following = words(clauses[i]), words(clauses[i + 1])
            if alone and set(alone) <= asking and following and following[0] in asking:
                asked = self._asking_phrase(following)  # "hoe laat", not "hoe"
                rest = re.sub(rf"^\W*(?:\w+\W+){{{asked - 1}}}\w+", "", clauses[i + 1], count=1)
                shared[i] = f"{clauses[i].strip()} {rest.strip()}"
        return shared

    def _asking_phrase(self, following: list[str]) -> int:
        """How many words the question phrase at the start of `following` has: "how much",
        "hoe laat" are one way of asking, as "when" is; the verb after it ("where is") is not."""
        verb = next(
            (i for i, w in enumerate(following) if w in self.lexicon.grammar.person_before),
            len(following),
        )
        tokens = stems(following[:verb])
        lengths = [len(cue) for *_, cue in self._aspect_cues(tokens) if cue.start == 0]
        lengths += [len(p) for p in self.lexicon.grammar.price if tokens[: len(p)] == p]
        return max(lengths, default=1)

    def stems_of(self, text: str) -> tuple[str, ...]:
        """The stems of `text` as a question's are read (compounds split, typos corrected,
        another language's words in English)."""
        return stems(self._surface(self._normalise(text)))

    def _surface(self, clause: str, language: str | None = None) -> list[str]:
        """The clause's words, compounds of known words split ("Studententarif": student,
        tarif; "konferentiediner"), a word of the asker's language in the form its lexicon
        knows ("zahlen" as "zahle"), verbs in pieces joined ("anzumelden"), typos corrected (but
        not a word of the language into another: "groot"), a word no one knows as the events' word it is a
        cognate of ("Kausalität": causality), and a German or Dutch word for a thing events are
        made of in the English the events are written in ("Unterkunft": accommodation)."""
        known = self.catalog.speller.known
        forms = self.lexicon.forms.get(language or "")
        # the words of the language's cues, which a compound may end in ("Lizenz")
        meanings = self.lexicon.meanings.get(language or "", {}).keys()
        found: list[str] = []
        # "zondagkeynote", "Sonntagsvortrag": a day's, as "the Sunday keynote" is; not a part of
        # a day ("Sonntagnachmittag"), which no answer narrows to yet
        with_weekdays = self._known_and_weekdays
        grammar = self.lexicon.grammar
        joined = reunited(words(clause), known, grammar.particles)
        for word in rejoined(joined, known, grammar.infinitive):
            parts = split_compound(word, with_weekdays)
            if (
                parts
                and parts[0] in _calendar_words()[0]
                and stem(parts[1]) in self.lexicon.grammar.time_units
            ):
                parts = split_compound(word, known)
            ends = self.lexicon.grammar.compound_ends
            if parts is None and any(map(word.endswith, ends)) and not is_word(word):
                parts = split_compound(word, known, ends)  # "Abschlusstag", not "Dienstag"
            found.extend(parts or self._of_the_event(word, known))
        glossary = self.lexicon.glossary
        english: list[str] = []
        for i, word in enumerate(found):
            if forms is not None and word not in self.catalog.surface:  # "Leiden" stays
                # "Leidener": Leiden; "New Yorker": York of New York
                word = self._place_of(word, forms.place_endings, found[i - 1] if i else "")
                word = forms.canonical(word) if word not in self.catalog.surface else word
                word = self._verb_of(word, forms)  # "gekostet": "kostet"
            word = self._corrected(word)
            parts = [word]
            if forms is not None and word not in with_weekdays:  # "zondag" is no "Condado"
                # "Kausalität": the events' "causality"; "Institutionslizenz": institutions,
                # licence; "veiligheidstraining": training
                parts = split_by_cognate(word, known, self.catalog.cognate, meanings) or [
                    self.catalog.cognate(word) or head_of(word, self.catalog.surface, known) or word
                ]
            for part in parts:
                meant = glossary.get(part) or glossary.get(unlinked(part, glossary)) or (part,)
                if part in meant and part in self.catalog.surface:  # "crèche": the events' word
                    meant = (part,)
                english.extend(meant)
        return english

    def _of_the_event(self, word: str, known: frozenset[str]) -> list[str]:
        """A compound that ends in a word for the event, split: "Seerechtsreihe",
        "bodemcongres", "Archivkongresses" (what the event is about, then the event); the
        word alone when it is no such compound, or a word of its own ("Hochschule")."""
        if word in known or is_word(word) or not word.isalpha():
            return [word]
        for cut in range(_SHORTEST_HEAD, len(word) - _SHORTEST_EVENT_WORD + 1):
            if (stem(word[cut:]),) in self._kinds:
                return [word[:cut], word[cut:]]
        return [word]

    def _place_of(self, word: str, endings: tuple[tuple[str, str], ...], before: str = "") -> str:
        """The events' place, or a place with a time zone, a word is the adjective of
        ("Leidener", "Leidse": Leiden; "Wiener Zeit": Wien; "New Yorker Zeit" after "new"), by
        the language's `endings`."""
        for ending, was in endings:
            place = word.removesuffix(ending) + was
            if (
                word.endswith(ending)
                and len(place) >= _SHORTEST_PLACE
                and (
                    place in self.catalog.naming
                    or (stem(place),) in self.zones
                    or (stem(before), stem(place)) in self.zones
                )
            ):
                return place
        return word

    def _verb_of(self, word: str, forms: Forms) -> str:
        """The verb a past participle is a form of, when that verb asks something ("gekostet":
        "kostet", "gekost": "kost"; not "geleden", ago, for "leden")."""
        if not forms.participle or not word.startswith(forms.participle):
            return word
        verb = forms.canonical(word.removeprefix(forms.participle))
        return verb if stem(verb) in self.lexicon.cue_stems else word

    def _corrected(self, word: str) -> str:
        """A typo corrected; a word of the language only to another form of itself ("zahlt":
        "zahle"), never to another word ("groot", big, is no misspelt "groet")."""
        if word in self._town_words or any(c.isdigit() for c in word):
            return word  # "Mainz", a town the message names; "15th", which is no typo
        corrected = self.catalog.speller.correct(word)
        if corrected == word or not is_word(word):
            return corrected
        kept = word if len(word) < 5 else word[:-1]  # "boot" (a boat) is no "book"
        return corrected if corrected.startswith(kept) or word.startswith(corrected) else word

    def _normalise(self, text: str) -> str:
        folded = expand(fold(text))
        if self._rephrased is not None:  # "until what time": "until when"
            folded = self._rephrased.sub(lambda m: self.lexicon.rephrase[m[0]], folded)
        folded = _ASIDE.sub(self._place_aside, folded)
        rewrite = self.lexicon.rewrite
        return re.sub(r"[^\W_]+(?:/[^\W_]*)?|/", lambda m: rewrite.get(m[0], m[0]), folded)

    def _place_aside(self, aside: re.Match[str]) -> str:
        """A place or zone written in brackets as the question's aside, read as the one its
        times are asked in: "until what time on 15 Nov (Eastern) …" as "(in Eastern)"."""
        named = phrase(aside[1])
        return f"(in {aside[1]})" if named and named in self.zones else aside[0]

    def _asks_yes_or_no(self, clause: str, surface: list[str], language: str | None) -> bool:
        """ "Is VAT included?", "Bekomme ich Tagungsunterlagen?": a question with no word that
        asks what, why or how much, no choice between two ("inclusief of exclusief?") and no
        "not" ("Isn't VAT included?", "Ist Paraguay nicht UTC−4?": which yes would be unclear)."""
        grammar = (
            load_lexicon(language) if language in languages.available() else self.lexicon
        ).grammar
        asks = clause.rstrip().endswith("?") or self.lexicon.question_start.match(clause)
        return (
            bool(asks)
            and grammar.open_words.isdisjoint(surface)
            and not denies(map(stem, surface), grammar.negation)
        )

    def _when_words(self, tokens: tuple[str, ...]) -> frozenset[str]:
        """The words of the cues of the dates with a question word, which ask when: "when",
        "what time", "um wie viel Uhr", "hoe laat"; not "a visa in time"."""
        asking = self.lexicon.grammar.asking
        return frozenset(
            word
            for start, token in enumerate(tokens)
            for cue_intent, cue, _ in self._cue_index.get(token, ())
            if cue_intent == Intent.DATES
            and tokens[start : start + len(cue)] == cue
            and not asking.isdisjoint(cue)
            for word in cue
        )

    def cued(
        self,
        query: Query,
        intent: str,
        besides: frozenset[str] = frozenset(),
        strength: float = 0.0,
    ) -> bool:
        """Whether the query has a cue of `intent` ("session" of the programme, "when" of the
        dates), whichever intent won; a cue of words `besides` only does not count, nor one
        weaker than `strength`."""
        tokens = query.stems
        return any(
            cue_intent == intent
            and weight >= strength
            and tokens[start : start + len(cue)] == cue
            and not set(cue) <= besides
            for start, token in enumerate(tokens)
            for cue_intent, cue, weight in self._cue_index.get(token, ())
        )

    def aspects_of(self, query: Query, intent: str) -> set[str]:
        """The aspects of `intent` that the query's words ask about."""
        return {
            aspect
            for cue_intent, aspect, _ in self._aspect_cues(query.stems)
            if cue_intent == intent
        }

    def aspect_cues(self, query: Query, intent: str, aspects: set[str]) -> list[tuple[str, ...]]:
        """The cues in the question that ask `aspects` of `intent`, each as its words less the
        filler ("PayPal"; "money back"; "how do I pay": "pay")."""
        return [
            tuple(
                query.surface[i]
                for i in where
                if len(where) == 1 or query.stems[i] not in self.lexicon.filler  # "btw" is VAT
            )
            for cue_intent, aspect, where in self._aspect_cues(query.stems)
            if cue_intent == intent and aspect in aspects
        ]

    def _aspect_cues(self, tokens: tuple[str, ...]) -> Iterator[tuple[str, str, range]]:
        """Every aspect cue in `tokens`: its intent, its aspect and where it stands."""
        for start, token in enumerate(tokens):
            for intent, aspect, cue in self._aspect_index.get(token, ()):
                if tokens[start : start + len(cue)] == cue:
                    yield intent, aspect, range(start, start + len(cue))

    def _query(
        self,
        clause: str,
        original: str,
        zone: dt.tzinfo | None = None,
        language: str | None = None,
    ) -> Query:
        surface = self._surface(clause, language)
        tokens = tuple(stem(word) for word in surface)
        meanings = self.lexicon.meanings.get(language or "", {})  # "data" is English data
        english = {w: stems(meanings[w]) for w in surface if w in meanings}
        query = Query(
            text=clause,
            surface=tuple(surface),
            stems=tokens,
            in_english=tuple(
                s
                for word, token in zip(surface, tokens, strict=True)
                for s in english.get(word, (token,))
            ),
            english=english,
            alike=self.lexicon.alike_in.get(language or "", self.lexicon.alike),
            capitals=frozenset(fold(word) for word in _IN_CAPITALS.findall(original)),
        )
        query.polar = self._asks_yes_or_no(clause, surface, language)
        when = self._when_words(tokens)  # and their English: "laat" is also "late"
        query.when_words = when | {e for w, es in english.items() if stem(w) in when for e in es}
        used: set[int] = set()

        topic_words: set[int] = set()
        self._find_topic(query, clause, topic_words, surface, language)
        query.events, named = self.catalog.mentions(tokens, ignore=topic_words)
        query.naming = frozenset(named)
        used |= named | self._name_in_other_words(query, surface, tokens)
        self._find_zone(query, clause, tokens, used, original=original)
        if query.zone is None:
            self._find_own_zone(query, tokens, used, zone)
        self._find_local_time(query, tokens, used)
        self._find_origin(query, surface, tokens, used, original)
        self._find_speakers(query, tokens, used)
        self._find_person(query, surface, tokens, original, used)
        self._find_operation(query, tokens, used)
        query.currencies = self._currencies(tokens)
        said = words(clause)
        query.per_unit = self._per_unit(said) or self._weekdays_named(said)
        query.people = self._people(said)
        day_words = self._find_day(query, surface, used)
        cued: dict[str, set[int]] = {}
        gaps = used | day_words | {i for i, t in enumerate(tokens) if t in self.lexicon.filler}
        scores = self._score(tokens, used, cued, gaps)
        used |= day_words  # "Mai", "Juni" still say "when"; nothing else need explain them
        recognised = any(score >= THRESHOLD for score in scores.values())
        pattern_aspects: dict[str, set[str]] = {}
        for pattern in self.patterns:
            if (not pattern.fallback or not recognised) and pattern.regex.search(clause):
                scores[pattern.intent] = scores.get(pattern.intent, 0.0) + pattern.weight
                if pattern.aspect:
                    pattern_aspects.setdefault(pattern.intent, set()).add(pattern.aspect)
        if (
            query.zone is not None and Intent.DEADLINES in scores
        ):  # conversions are asked of deadlines
            scores[Intent.DEADLINES] += 2.0
        if query.speakers or query.person:
            scores[Intent.SPEAKERS] = scores.get(Intent.SPEAKERS, 0.0) + 3.0
        if query.topic:
            scores["topics"] = scores.get("topics", 0.0) + 4.0
        if any(  # an organiser named, unless the name only names the event
            tokens[s : s + len(name)] == name and not used.intersection(range(s, s + len(name)))
            for name in self.catalog.organisers
            for s in range(len(tokens))
        ):
            scores["organisers"] = scores.get("organisers", 0.0) + 2.0
        query.counted = self._counted(tokens)
        if (
            query.counted is not None
            and Intent.FEES in scores
            and any(query.counted in at for intent, at in cued.items() if intent != Intent.FEES)
        ):  # "wie viele Seiten?" counts pages: its "wie viel" asks no price
            del scores[Intent.FEES]
        if scores:
            best = max(scores.items(), key=lambda item: (item[1], -PRIORITY.index(item[0])))
            if best[1] >= THRESHOLD:
                query.intent, query.score = best
        if query.intent == Intent.TOPICS:
            used |= topic_words
        else:  # "is lunch included in the fee?" names no topic
            query.topic = None
        if query.zone is not None and (
            query.intent is None
            or (query.intent == Intent.ABOUT and (query.score < 2 or not query.events))
        ):
            query.intent, query.score = (
                None,
                0.0,
            )  # "what is that in Berlin time?" continues the last question
            query.aspects.add("zone")
        asked = self._find_aspects(query, tokens, used)
        if query.intent is not None:
            own = cued.get(query.intent, set()) | asked  # "VAT on top": not Dutch "top!"
            query.rivals = [
                surface[i]
                for i in sorted(set().union(*cued.values()) - own)
                if tokens[i] not in self.lexicon.filler and tokens[i] not in self._event_words
            ]
        if query.intent is not None:
            query.aspects |= pattern_aspects.get(query.intent, set())
        if query.intent in (Intent.ORGANISERS, Intent.ABOUT) and has_any(
            tokens, self.lexicon.grammar.why
        ):  # "Why was the symposium organised?": what it is for, not who organised it
            query.intent = Intent.ABOUT
            who = {surface[i] for i in cued.get(Intent.ORGANISERS, ())}
            query.rivals = [w for w in query.rivals if w not in who]
        if (
            query.intent == Intent.VENUE
            and query.operation == "passed"
            and not query.aspects
            and set(cued) <= {Intent.VENUE}
        ):  # "Ist das Symposium in Hannover schon vorbei?": whether it is over, not where
            query.intent = Intent.DATES
        if query.intent == Intent.VENUE:  # "findet es in Tokyo statt?": the place asked about
            # (but not a town no zone is named after that the facts speak of, a stop on the way
            # they describe: "vom Flughafen Incheon zum COEX")
            used.update(
                i
                for i in self._places(tokens)
                if tokens[i : i + 1] in self.zones or surface[i] not in self.catalog.surface
            )
        self._find_ordinal(query, tokens, used)  # after the cues: "last year" is not "the last"
        if query.intent == Intent.FEES:
            used |= self._how_many_priced(query, surface, tokens)
        attending = {i for i, t in enumerate(tokens) if t in self.lexicon.grammar.attending}
        framing = self.lexicon.filler | query.when_words | self._date_words
        others = [  # what else the question names: "the Quechua talk", not "start"
            t for i, t in enumerate(tokens) if i not in attending and t not in framing
        ]
        if query.when_words and "duration" not in query.aspects and others:
            # "when can I watch the keynote live?": when the keynote is, however one attends;
            # not "when does the livestream start?", which asks of nothing else
            used |= attending
            query.rivals = [
                w for w in query.rivals if stem(w) not in self.lexicon.grammar.attending
            ]
        query.pronoun = any(word in self.lexicon.grammar.pronouns for word in surface)
        query.counts = any(find_phrase(tokens, words) >= 0 for words in self.lexicon.grammar.count)
        query.there_is = has_any(tokens, self.lexicon.grammar.there_is)
        said_not = _negated(tokens, self.lexicon)
        query.negated = frozenset(sense for i in said_not for sense in query.senses(surface[i]))
        used |= self._what_the_event_is_about(clause, surface, tokens)
        query.content = [
            surface[i]
            for i, token in enumerate(tokens)
            if i not in used
            and token not in self.lexicon.filler
            and token not in self.lexicon.cue_stems
            and token not in self._event_words
            and not token.isdigit()
            and not (i and tokens[i - 1].isdigit() and _CLOCK.fullmatch(tokens[i - 1] + token))
            and len(token) > 1
        ]
        if any(query.senses(word) & _VEHICLES for word in query.content):
            # "when do the buses leave?", "wann fahren die Busse?": a bus goes, which asks
            # nothing more of "Buses from the centre at 08:15"
            query.content = [w for w in query.content if not query.senses(w) & _GOING]
            query.rivals = [w for w in query.rivals if not query.senses(w) & _GOING]
        self._of_a_country(query)
        return query

    def _of_a_country(self, query: Query) -> None:
        """A country, or its people, the question names ("as a German citizen", "Ik ben
        Nederlander", "with a Bolivian passport") is what the facts say of it by name or of the
        unions it is part of ("Citizens of the EU …"); the passport after it, what they say of
        its citizens."""
        citizenship = self.lexicon.grammar.citizenship
        surface = query.surface
        for i, word in enumerate(surface):
            if word not in query.content:
                continue
            country = self._peoples.get(word) or places.country_of(word)
            if country is None:
                continue
            query.countries.add(word)
            names = [country, *places.unions_of(country)]
            query.english[word] = (*query.english.get(word, ()), *stems(" ".join(names).split()))
            after = surface[i + 1] if i + 1 < len(surface) else ""
            if stem(after) in citizenship:
                query.english[after] = (*query.english.get(after, ()), *citizenship)

    def _what_the_event_is_about(
        self, clause: str, surface: list[str], tokens: tuple[str, ...]
    ) -> set[int]:
        """The words joined to a word for the event that neither the events' facts nor the
        lexicons know: what the asker says the event is about, in their words ("die
        Seerechtsreihe", "het bodemcongres", "das Kausalitäts-Symposium"), not a thing they
        ask of. Not when a session's title has that word for the event: "das
        Papierschöpf-Workshop" of the seminars may be one of their sessions."""
        written = strip_accents(clause)
        return {
            i
            for i in range(len(tokens) - 1)
            if tokens[i + 1] in self._kind_starts
            and any(
                tokens[i + 1 : i + 1 + len(kind)] == kind and not set(kind) & self._title_stems
                for kind in self._kinds
            )
            and surface[i] not in self.catalog.speller.known
            and surface[i] not in self._glossed
            and re.search(rf"\b{re.escape(surface[i])}(?:-|[a-z])", written)
        }

    def _name_in_other_words(
        self, query: Query, surface: list[str], tokens: tuple[str, ...]
    ) -> set[int]:
        """The words after a word for the event that say the one event's name in other words
        ("das Symposium zu KI, Kausalität und personalisierter Medizin", "das Leidener
        Symposium über KI im Gesundheitswesen" of "Demystifying AI in Healthcare"): words of
        its name in English, with the small words between them."""
        if len(query.events) != 1:
            return set()
        label = self.catalog.words[next(iter(query.events))].label
        found: set[int] = set()
        for start, token in enumerate(tokens):
            if token not in self._event_words:
                continue
            for i in range(start + 1, len(tokens)):
                if tokens[i] in self.lexicon.filler:
                    continue
                if not query.senses(surface[i]) & label:
                    break
                found.add(i)
        return found

    def _currencies(self, tokens: tuple[str, ...]) -> frozenset[str]:
        """The codes of the currencies the tokens name, by their longest names: "Singapore
        dollars" are SGD, not every dollar."""
        found: set[str] = set()
        covered = -1  # the last token a longer name took
        for start in range(len(tokens)):
            for size in (2, 1):
                name = tokens[start : start + size]
                codes = self.lexicon.currencies.get(name, ())
                if codes and len(name) == size and start + size - 1 > covered:
                    found.update(codes)
                    covered = start + size - 1
                    break
        return frozenset(found)

    def _per_unit(self, said: list[str], unit: str | None = None) -> tuple[int, str] | None:
        """How many of what the organisers price one of the words name: "five nights at the
        hotel" (5, "night"), "für 3 Tage" (3, "day"); the first, two at least; of `unit` if
        given, else of a time ("two kids" are people)."""
        for i, number in enumerate(said):
            count = int(number) if number.isdigit() else self.lexicon.numbers.get(number, 0)
            # the unit next, or after one word that says which and is no number ("two extra
            # nights", "vier Kongresstage" read as "four congress days")
            after = said[i + 1 : i + 3]
            if after[:1] and (after[0].isdigit() or after[0] in self.lexicon.numbers):
                after = after[:1]
            of = next((self.lexicon.units[w] for w in after if w in self.lexicon.units), None)
            if 2 <= count <= 99 and of is not None and (of == unit or (not unit and of != PERSON)):
                return count, of
        return None

    def _how_many_priced(
        self, query: Query, surface: list[str], tokens: tuple[str, ...]
    ) -> set[int]:
        """Where a price question says how many it is for, which nothing need explain: the
        weekdays counted ("on Monday, Tuesday and Thursday") and the people ("my two kids")."""
        days = {i for i, token in enumerate(tokens) if token in calendar_stems()}
        found = days if query.per_unit and len(days) > 1 else set()
        if query.people:
            people = [i for i, word in enumerate(surface) if self.lexicon.units.get(word) == PERSON]
            found |= {j for i in people for j in (i - 1, i) if j >= 0}
        return found

    def _people(self, said: list[str]) -> int | None:
        """How many people the words name: "for my two kids", "zwei Kinder", "vier personen",
        "wir kommen zu viert"."""
        found = self._per_unit(said, PERSON)
        if found:
            return found[0]
        together = self.lexicon.together.items()
        return next((n for phrase, n in together if find_phrase(said, phrase) >= 0), None)

    def _weekdays_named(self, said: list[str]) -> tuple[int, str] | None:
        """How many days the weekdays among the words are: each one ("on Thursday, Friday and
        Monday": 3), or every day from one to the other ("Friday to Monday", "von Donnerstag bis
        Samstag", "vrijdag tot en met maandag": 4); two at least."""
        weekdays = _calendar_words()[0]
        named = [(i, weekdays[w]) for i, w in enumerate(said) if w in weekdays]
        if len(named) < 2:
            return None
        (first, start), (last, end) = named[0], named[-1]
        if len(named) == 2 and set(stems(said[first + 1 : last])) & self.lexicon.grammar.through:
            return (end - start) % 7 + 1, "day"
        return len({day for _, day in named}), "day"

    def _find_operation(self, query: Query, tokens: tuple[str, ...], used: set[int]) -> None:
        """What is asked of a moment, by the longest cue: "how much time is left" asks a
        countdown (and no fee); its words are taken."""
        found: list[tuple[int, str, range]] = []
        for start, token in enumerate(tokens):
            for name, cue in self._operation_index.get(token, ()):
                span = _loosely(tokens, start, cue, self.lexicon.filler)
                if span is not None and not used.intersection(span):
                    found.append((len(cue), name, span))
        named = self._fee_names_at(query) if found else set()
        found = [each for each in found if not named.intersection(each[2])]
        if found:
            _, query.operation, span = max(found, key=lambda item: item[0])
            query.operation_words = frozenset(tokens[i] for i in span)
            if len(span) > 1 or query.operation != "still":  # "still" alone may ask anything
                for _, name, other in found:  # "how much time [is] left": all its words
                    if name == query.operation and (len(other) > 1 or other == span):
                        used.update(other)

    def _fee_names_at(self, query: Query) -> set[int]:
        """Where the query names a fee category, in its words or their English: "the online
        pass", "der virtuelle Pass" (not "has it passed?")."""
        senses = [query.senses(word) for word in query.surface]
        return {
            i
            for name in self.catalog.fee_names
            for at in range(len(senses) - len(name) + 1)
            if all(word in senses[at + k] for k, word in enumerate(name))
            for i in range(at, at + len(name))
        }

    def _find_day(self, query: Query, surface: list[str], used: set[int]) -> set[int]:
        """A day named: by how far it is from today ("tomorrow", "morgen früh"; not "guten
        Morgen"), a weekday ("on Wednesday"), a number beside a month's name or its first three
        letters, either way round ("8 April", "8. April", "April 8th", "6 mei"), or a month
        alone ("in April"); where its words stand."""
        weekdays, months, full_months = _calendar_words()
        relative = [  # the longest phrase: "morgen früh", "guten Morgen", not "Morgen"
            (len(said), days, range(at, at + len(said)))
            for said, days in self.lexicon.days_from_today.items()
            if (at := find_phrase(surface, said)) >= 0
            and not used.intersection(range(at, at + len(said)))
        ]
        if relative:
            _, days, where = max(relative, key=lambda found: found[0])
            if days:
                query.day = Day(from_today=days)
                return set(where)
        month: tuple[int, int] | None = None  # a month alone, if no day is named
        for i, word in enumerate(surface):
            if i in used:
                continue
            if word in weekdays:
                query.day = Day(weekday=weekdays[word])
                return {i}
            if word not in months:
                continue
            for j in (i - 1, i + 1):
                number = _day_number(surface[j]) if 0 <= j < len(surface) else None
                if number is not None and j not in used:
                    query.day = Day(month=months[word], number=number)
                    return {i, j}
            # "in April", "im Mai", "in mei"; not "mar", nor English "may", a word of its own,
            # unless "in may" ends the sentence ("and if I had cancelled in May?")
            last_in = i == len(surface) - 1 and i > 0 and surface[i - 1] == "in"
            if (
                month is None
                and word in full_months
                and (stem(word) not in self.lexicon.filler or last_in)
            ):
                month = (i, months[word])
        if month is not None:
            query.day = Day(month=month[1])
            return {month[0]}
        return set()

    def _find_ordinal(self, query: Query, tokens: tuple[str, ...], used: set[int]) -> None:
        """Which of several is asked ("the next session", "die zweite Keynote"); its words are
        taken. Not of a day or a span of time ("the second day", "the second Tuesday"), whose
        ordinal asks no word of its own."""
        units = self.lexicon.grammar.time_units
        for name, cues in self.lexicon.ordinals.items():
            for cue in cues:
                start = find_phrase(tokens, cue)
                if start < 0 or (
                    len(cue) == 1 and not self._an_ordinal(query.surface[start], cue[0])
                ):
                    continue
                if (
                    0 < start == len(tokens) - 1
                    and query.surface[start - 1] in self.lexicon.grammar.it
                    and cue in self.lexicon.aspects[Intent.DATES]["duration"]
                ):  # "how long does it last?", "… do they last?": a verb, not "the last"
                    continue
                where = set(range(start, start + len(cue)))
                after = range(start + len(cue), min(start + len(cue) + 2, len(tokens)))
                if name not in ("first", "next", "last") and (
                    {tokens[i] for i in after} & units
                    or (query.day is not None and used.intersection(after))
                ):  # "the second (conference) day", "the second Tuesday": a day of the event
                    used.update(where)
                    continue
                query.ordinal, query.ordinal_words = name, frozenset(cue)
                used.update(where)
                return

    def _an_ordinal(self, word: str, cue: str) -> bool:
        """Whether a word with the stem of a one-word ordinal `cue` is one: not shorter than
        its shortest form ("is it open?" asks no "opening"), nor its plural ("the leap seconds
        seminar" is no second one)."""
        shortest, longest = self.lexicon.ordinal_lengths.get(cue, (0, len(word)))
        return shortest <= len(word) and not (len(word) > longest and word.endswith("s"))

    def _counted(self, tokens: tuple[str, ...]) -> int | None:
        """Where the word a count question counts stands ("how many pages": pages)."""
        for phrase_ in self.lexicon.grammar.count:
            at = find_phrase(tokens, phrase_) + len(phrase_)
            if len(phrase_) <= at < len(tokens):
                return at
        return None

    def _score(
        self,
        tokens: tuple[str, ...],
        used: set[int],
        by_intent: dict[str, set[int]],
        gaps: Collection[int] = (),
    ) -> dict[str, float]:
        """Each intent's evidence: the weights of its cues, outside words already taken;
        `by_intent` gets where each intent's cues stand. A cue of three words or more may have
        the words `gaps` holds (a day, the event's name) inside it: "was ist morgen beim
        ARACHNO los?", "wat is er morgen te doen?"."""
        scores: dict[str, float] = {}
        cued: set[int] = set()
        for start, token in enumerate(tokens):
            for intent, cue, weight in self._cue_index.get(token, ()):
                spanned = _spanned(tokens, start, cue, gaps if len(cue) >= 3 else ())
                if spanned and not used.intersection(spanned):
                    scores[intent] = scores.get(intent, 0.0) + weight
                    cued.update(spanned)
                    by_intent.setdefault(intent, set()).update(spanned)
        # an aspect's own words speak for its intent too ("places" for registration's
        # capacity), words cues took already aside
        for intent, _, span in self._aspect_cues(tokens):
            words = tokens[span.start : span.stop]
            if (
                not cued.intersection(span)
                and not used.intersection(span)
                and not set(words) <= self.lexicon.filler
            ):
                scores[intent] = scores.get(intent, 0.0) + ASPECT_WEIGHT
                by_intent.setdefault(intent, set()).update(span)
        used |= cued
        return scores

    def _find_aspects(self, query: Query, tokens: tuple[str, ...], used: set[int]) -> set[int]:
        """The aspects of the query's intent it asks about; deadline kinds are noted whatever
        the intent. Where the words of the intent's own aspects stand."""
        own: set[int] = set()
        for intent, aspect, span in self._aspect_cues(tokens):
            if intent == query.intent or (
                intent == Intent.DEADLINES and aspect not in ("timezone", "registration")
            ):
                query.aspects.add(aspect)
                used.update(span)
                if intent == query.intent:
                    own.update(span)
        return own

    def _find_zone(
        self,
        query: Query,
        clause: str,
        tokens: tuple[str, ...],
        used: set[int],
        whatever_follows: bool = False,
        original: str = "",
    ) -> None:
        """A place or zone whose time is asked: "in Berlin time", "CET", "in Tokyo" at the end
        (or, `whatever_follows`, anywhere in a sentence that says where the asker is)."""
        offset = _OFFSET.search(clause)
        grammar = self.lexicon.grammar
        if offset and grammar.zone_before.intersection(stems(words(clause[: offset.start()]))):
            sign = 1 if offset[1] == "+" else -1
            delta = dt.timedelta(hours=int(offset[2]), minutes=int(offset[3] or 0))
            query.zone = dt.timezone(sign * delta)
            query.zone_name = offset[0].upper().replace(" ", "")
            for i, token in enumerate(tokens):
                if token in ("utc", "gmt") or token.isdigit():
                    used.add(i)
            return
        # "um wie viel Uhr … in Berlin", "tot wanneer kan ik in Nederland nog …"
        clock = "time" in self.aspects_of(query, Intent.DATES) or has_any(
            tokens, grammar.until_when
        )
        # "… in Leiden?" names the Leiden symposium, unless a time is asked: "what's that in
        # Santiago?", "and in Manila?", "which day is that in Honolulu?"
        timed = bool(
            clock
            or self.points_back(clause)
            or grammar.follow_up.search(clause)
            or self._date_words.intersection(tokens)
            or query.when_words
        )
        found = list(self._zones_named(tokens, whatever_follows, original, clock, timed))
        if not found:
            return
        # "19:00 Colombo time, what's that in UK time?": the zone of a clock told is not the
        # one asked, when another is named
        asked = [(start, size) for start, size in found if not _a_clock_before(tokens, start)]
        # "I'm in Indiana on Central time": the clock named as a clock, not the place's
        clocks = [
            (start, size)
            for start, size in asked or found
            if start + size < len(tokens) and tokens[start + size] in grammar.zone_after
        ]
        start, size = (clocks or asked or found)[0]
        if clocks:  # "… in Alaska …, deutsche Zeit?": the other place is where, not what
            used.update(i for first, n in found for i in range(first, first + n))
        name = tokens[start : start + size]
        after = tokens[start + size] if start + size < len(tokens) else ""
        query.zone, query.zone_name = self._zone_of(name, original)
        used.update(range(start, start + size))
        blanked = tokens[:start] + ("",) * size + tokens[start + size :]
        if after in grammar.zone_after:  # "in Adelaide time": a clock, whatever
            used.add(start + size)  # event Adelaide also names
            query.events, naming = self.catalog.mentions(blanked)
            query.naming = frozenset(naming)
        elif (
            self.points_back(clause)
            and self._date_words.intersection(tokens)
            and not any(map(_CLOCK.fullmatch, tokens))
        ):  # "what time is that in Honolulu?" of what was just said: no event the place alone
            # names (not "was kostet das Symposium in Hannover?", nor "it's 8pm here in
            # Honolulu", which tells the time)
            still, _ = self.catalog.mentions(blanked)
            by_place, _ = self.catalog.mentions(name)
            query.events = {
                e: score for e, score in query.events.items() if e not in by_place or e in still
            }

    def _zones_named(
        self,
        tokens: tuple[str, ...],
        whatever_follows: bool,
        original: str,
        clock: bool = False,
        timed: bool = True,
    ) -> Iterator[tuple[int, int]]:
        """Where the tokens name a place or zone whose time is asked, and how many tokens
        long: "German time", "in Tokyo" at the end (of a question `timed`, or when the place
        names no event: not "was ist SAILS in Leiden?"), "what time in New York is …"; anywhere
        in a question asking the `clock`, when the place names no event ("um wie viel Uhr kann
        ich in Berlin …", not "what time does the symposium in Hanover start?")."""
        grammar = self.lexicon.grammar
        for start in range(len(tokens)):
            for size in (3, 2, 1):
                name = tokens[start : start + size]
                before = tokens[start - 1] if start else ""
                if before in grammar.articles and start > 1:  # "in the UK", "in der Schweiz"
                    before = tokens[start - 2]
                after = tokens[start + size] if start + size < len(tokens) else ""
                # a town no zone is named after: "in Nijmegen", "Nijmegen time", not "for Jordan"
                placing = None if after in grammar.zone_after else before
                if len(name) < size or self._zone_key(name, placing) is None:
                    continue
                if whatever_follows and set(name) <= self.lexicon.filler:
                    continue  # "hier ist es": not India's time
                if self._only_a_word(name, original):
                    continue  # "for us" is no "US"
                asked_time = start > 1 and tokens[start - 2] in grammar.zone_after
                # "…, EST?", "…, LA time?": a zone's short name closing a question of a time
                # (not the zone of a clock told: "is at 5 pm LA time.")
                closing = (
                    not after
                    and timed
                    and not _a_clock_before(tokens, start)
                    and (
                        (name in self.lexicon.zones and _written_in_capitals(name, original))
                        or (size > 1 and name[-1] in grammar.zone_after)
                    )
                )
                if (
                    after in grammar.zone_after  # "German time", "deutsche Zeit"
                    or (before in grammar.zone_after and not after)  # "what time UK?"
                    or closing
                    # "in Tokyo" at the end; "what time in New York is the deadline?"
                    or (
                        before in grammar.zone_before
                        and (
                            (not after and (timed or not self.catalog.mentions(name)[0]))
                            or whatever_follows
                            or asked_time
                            or (clock and not self.catalog.mentions(name)[0])
                        )
                    )
                ):
                    yield start, size
                    break

    def places_in(self, query: Query, original: str) -> list[tuple[ZoneInfo, str]]:
        """The places with a time zone a question names, in its order, each once: "the time
        difference between Honolulu and London"."""
        found: dict[str, tuple[ZoneInfo, str]] = {}
        for start, size in self._place_spans(query.stems):
            words_of = query.stems[start : start + size]
            if self._only_a_word(words_of, original):
                continue  # "ist" is no IST, "us" no US
            zone, name = self._zone_of(words_of, original)
            if name.lower() == " ".join(words_of):  # its stems as written: "Azor" of "Azoren"
                surface = query.surface[start : start + size]
                name = " ".join(_as_written(word, original) for word in surface)
            found.setdefault(name, (zone, name))
        return list(found.values())

    def _only_a_word(self, name: Phrase, original: str) -> bool:
        """Whether a place's name is only small words of the language, not written in capitals
        as a place's would be: "us" is no US, "ist" no IST."""
        return set(name) <= self.lexicon.filler and not _written_in_capitals(name, original)

    def _zone_of(self, name: Phrase, original: str) -> tuple[ZoneInfo, str]:
        """The zone of a place or zone's name, and how to call it in a reply."""
        key = self._zone_key(name)
        assert key is not None, name
        if name in self._towns and name not in self.zones:  # "Leiden", not its words' English
            return ZoneInfo(key), self._towns[name].written
        if len(name) == 1 and (  # "CET", "EST", "MEZ" as written; not "WIEN"
            _abbreviates(name[0], key) or _written_in_capitals(name, original)
        ):
            return ZoneInfo(key), name[0].upper()
        if name in self.lexicon.zones and not key.startswith("Etc/"):
            # "German", "Nederlandse": the city of its zone, in every language
            return ZoneInfo(key), m.city_of_zone(key)
        return ZoneInfo(key), " ".join(_as_written(token, original) for token in name)

    def _find_origin(
        self,
        query: Query,
        surface: list[str],
        tokens: tuple[str, ...],
        used: set[int],
        original: str,
    ) -> None:
        """The place the asker comes from or is in ("a student from Germany", "remote from
        London"): it qualifies the asker, it is not asked about; a time asked is theirs."""
        grammar = self.lexicon.grammar
        spans = [  # "from Incheon to the venue": a town a way starts from, not the asker's
            # place; nor is the first word of an event's name ("van de Lord Howe-zomerschool")
            (start, size)
            for start, size in self._place_spans(tokens, preceded_by=grammar.origin)
            if not self._a_way_from(tokens, start + size) and start + size not in query.naming
        ]
        homes = [  # "I live in Funchal", "ich wohne in Almaty": even the event's own town
            (start, size)
            for start, size in self._place_spans(tokens, preceded_by=grammar.town_before)
            if grammar.residing.intersection(tokens[max(start - 3, 0) : start - 1])
        ]
        if homes:
            spans = homes[:1]
            used.update(i for i, token in enumerate(tokens) if token in grammar.residing)
        if not spans and grammar.of_oneself.search(query.text):
            # "I'm a student in Oslo", in a sentence of the asker; not a place the events
            # speak of, or its country, whose rate or grant may be the asker's ("Ich studiere
            # in Asunción", "… in Jerewan" of students "in Armenia")
            spans = [
                (start, size)
                for start, size in self._place_spans(tokens, preceded_by=grammar.town_before)
                if not self._spoken_of(tokens[start : start + size], surface[start : start + size])
            ]
        if not spans:
            return
        start, size = spans[0]
        query.origin = self._zone_of(tokens[start : start + size], original)
        used.update(i for start, size in spans for i in range(start, start + size))

    @cached_property
    def _known_and_weekdays(self) -> frozenset[str]:
        """The words the assistant knows and every language's weekdays ("zondag"), made once:
        a compound's parts, and no cognate of an event's word."""
        return frozenset(self.catalog.speller.known | _calendar_words()[0].keys())

    @cached_property
    def _said_plainly(self) -> frozenset[str]:
        """Every word the events are written with, without its accents ("asuncion"): read
        only when the asker says where they are."""
        return frozenset(strip_accents(word) for word in self.catalog.surface)

    def _spoken_of(self, name: Phrase, written: list[str]) -> bool:
        """Whether the events' text names a place, or the country whose clock it keeps."""
        said = self._said_plainly
        if set(written) & said:
            return True
        key = self._zone_key(name)
        countries = places.countries_of(key) if key else []
        return any(set(words(country)) <= said for country in countries)

    def _a_way_from(self, tokens: tuple[str, ...], end: int) -> bool:
        """Whether a place ending at `end` is where a way starts: "from Incheon airport to
        COEX", "von Brüssel nach Gent"; not a time asked ("aus Tokio nach der Uhrzeit", "uit
        Tokio naar Nederlandse tijd")."""
        grammar = self.lexicon.grammar
        ahead = tokens[end : end + 2]
        if not grammar.towards.intersection(ahead):
            return False
        at = end + next(i for i, t in enumerate(ahead) if t in grammar.towards)
        return not grammar.zone_after.intersection(tokens[at + 1 : at + 4])

    def _find_own_zone(
        self, query: Query, tokens: tuple[str, ...], used: set[int], zone: dt.tzinfo | None
    ) -> None:
        """ "In my time", "bei uns", "in mijn tijd": the asker's own zone, when known; "for me"
        when a time is asked ("what time is that for me?", not "a discount for me?")."""
        phrases = self.lexicon.grammar.own_zone
        if query.when_words:  # "what time", "um wie viel Uhr", not "afternoons"
            phrases += self.lexicon.grammar.own_zone_of_a_time
        for own in phrases:
            start = find_phrase(tokens, own)
            if start >= 0:
                query.own_zone, query.zone = True, zone
                used.update(range(start, start + len(own)))
                return

    def _find_local_time(self, query: Query, tokens: tuple[str, ...], used: set[int]) -> None:
        """ "…, local time?", "Ortszeit", "plaatselijke tijd": the time where the event is, when
        no place is named ("Berlin local time" is Berlin's); its words are taken."""
        for local in self.lexicon.grammar.local_time:
            start = find_phrase(tokens, local)
            if start >= 0:
                query.local_time = query.zone is None
                used.update(range(start, start + len(local)))

    def _places(
        self, tokens: tuple[str, ...], preceded_by: frozenset[str] | None = None
    ) -> set[int]:
        """Where the tokens name a city that has a time zone (a place someone asks about),
        right after one of the words `preceded_by` if given ("in", "from the")."""
        return {
            i
            for start, size in self._place_spans(tokens, preceded_by)
            for i in range(start, start + size)
        }

    def _place_spans(
        self, tokens: tuple[str, ...], preceded_by: frozenset[str] | None = None
    ) -> list[tuple[int, int]]:
        """Each place's start and length, as `_places` finds them."""
        found: list[tuple[int, int]] = []
        for start in range(len(tokens)):
            before = tokens[max(start - 2, 0) : start]
            if preceded_by is not None and not (
                (before[-1:] and before[-1] in preceded_by)
                or (
                    len(before) == 2
                    and before[0] in preceded_by
                    and before[1] in self.lexicon.filler
                )
            ):
                continue
            # a town no zone is named after, only where it can only be a place ("in Ede",
            # "aus Jena"; not "at Warwick", "for Jordan", "von Nakamura")
            placing = None if preceded_by is None else (before[-1] if before else "")
            for size in (3, 2, 1):
                name = tokens[start : start + size]
                if len(name) == size and self._zone_key(name, placing):
                    found.append((start, size))
                    break
        return found

    def _zone_key(self, name: Phrase, before: str | None = None) -> str | None:
        """The tz database zone a place's or zone's name (as read) stands for, if any; also a
        town or country of the message no zone is named after, when the word `before` it
        makes it a place (any word, if None): "in Ede", "aus Jena"; one whose name is also a
        word ("Mary", "Santos", "Orange") only after "in"."""
        if name in self.zones:
            return self.zones[name]
        town = self._towns.get(name)
        grammar = self.lexicon.grammar
        if town is None or (
            before is not None
            and (
                before not in grammar.town_before
                # "from Mary", "from Suva" (a keynote "online from Suva"): a person, or a
                # place a session names, unless the time in it is asked ("in Mary")
                or (town.uncertain and before not in grammar.zone_before)
            )
        ):
            return None
        return town.zone

    def _places_named(self, text: str, language: str | None) -> dict[Phrase, _Town]:
        """The towns and countries `text` names with capitals, of up to three words, that are
        no words of the lexicons ("Van" is Dutch "from", not Van in Turkey), of the events'
        people ("Nakamura") or zone names here, by their words as the message's are read: "Het
        is 9:30 in Nijmegen", "Leeds, 23:30", "what time in Edinburgh?". Their words are then
        no typos ("Mainz" is no "main")."""
        named: dict[str, str] = {}
        for run in _CAPITALISED.findall(text):
            names = run.split()
            for size in (3, 2, 1):
                for start in range(len(names) - size + 1):
                    name = " ".join(names[start : start + size])
                    folded = set(words(fold(name)))
                    if folded & self._no_towns or folded <= self.lexicon.vocabulary:
                        continue  # "What", "Ich": words of asking; "Santos", a speaker
                    zone = places.zone_of(name)
                    if zone is not None:
                        named[name] = zone
        self._town_words = frozenset(w for name in named for w in words(fold(name)))
        found: dict[Phrase, _Town] = {}
        for name, zone in named.items():
            read = stems(self._surface(self._normalise(name), language))
            if read and read not in self.zones:
                wordlike = is_word(fold(name)) and not places.is_country(name)
                in_a_session = bool(set(words(fold(name))) & self._session_words)
                found.setdefault(read, _Town(zone, name, wordlike or in_a_session))
        return found

    def _find_speakers(self, query: Query, tokens: tuple[str, ...], used: set[int]) -> None:
        for event_id, index, name, full, last in self.catalog.speakers:
            for ref in (full, last):
                starts = [
                    s for s in range(len(tokens) - len(ref) + 1) if tokens[s : s + len(ref)] == ref
                ]
                if starts:
                    query.speakers.append((event_id, index))
                    query.speaker_names[(event_id, index)] = name
                    for s in starts:
                        used.update(range(s, s + len(ref)))
                    break

    def _find_person(
        self,
        query: Query,
        surface: list[str],
        tokens: tuple[str, ...],
        original: str,
        used: set[int],
    ) -> None:
        """A person asked about who is not a known speaker: "is Yoshua Bengio speaking?"."""
        if query.speakers:
            return
        grammar = self.lexicon.grammar
        for start, word in enumerate(surface):
            who = next(
                (w for w in grammar.who if tuple(surface[start : start + len(w)]) == w), None
            )
            if who is not None:
                begin = start + len(who)
            elif word in grammar.person_before:
                begin = start + 1
            else:
                continue
            end = begin
            while (
                end < len(surface)
                and end - begin < 4
                and end not in used
                and tokens[end] not in self.lexicon.filler
                and tokens[end] not in self.lexicon.cue_stems
                and tokens[end] not in grammar.person_after
            ):
                end += 1
            run = surface[begin:end]
            after = tokens[end] if end < len(tokens) else ""
            asked = (
                who is not None and (not after or after in self.lexicon.filler)
            ) or after in grammar.person_after
            if run and asked and self._looks_like_name(run, original):
                query.person = " ".join(_as_written(w, original) for w in run)
                used.update(range(begin, end))
                return

    def _looks_like_name(self, run: list[str], original: str) -> bool:
        """Capitalised mid-sentence; or, from someone who writes without capitals, words the
        assistant does not know ("is yoshua bengio speaking?", not "will kosher meals be…")."""
        if any(word in _capitalised(original) for word in run):
            return True
        return original == original.lower() and not all(
            w in self.catalog.speller.known for w in run
        )

    def _find_topic(
        self,
        query: Query,
        clause: str,
        used: set[int],
        surface: list[str],
        language: str | None,
    ) -> None:
        text = clause.strip(" ?!.")
        for pattern in self.lexicon.grammar.topics:
            match = pattern.search(text)
            if not match:
                continue
            topic = match["t"].strip(" ?!.,")
            topic = re.sub(
                r"^(?:the|a|an|any|some|papers on|work on|research on|papers about)\s+", "", topic
            )
            topic_words = set(words(topic))
            content = [w for w in words(topic) if stem(w) not in self.lexicon.filler]
            if not content or all(stem(w) in self.lexicon.cue_stems for w in content):
                continue
            if {stem(w) for w in content} <= self.catalog.fee_words:
                continue  # "does that include the banquet?" asks about a fee, not the scope
            query.topic = topic
            # as the events' English says it: "Robotik" is "robotics", "Unterkunft" lodging
            query.topic_read = " ".join(self._surface(topic, language))
            for i, word in enumerate(surface):
                if word in topic_words:
                    used.add(i)
            return


def _sentence_before(query: Query, clauses: list[Query]) -> Query | None:
    """The clause of the message just before `query`, if any."""
    at = next(i for i, clause in enumerate(clauses) if clause is query)
    return clauses[at - 1] if at else None


def _abbreviates(word: str, key: str) -> bool:
    """Whether `word` is an abbreviation of zone `key`'s time: "cet", "edt", "aoe"."""
    zone = ZoneInfo(key)
    names = {zone.tzname(dt.datetime(2000, month, 1)) for month in (1, 7)}
    return word.upper() in names or key == "UTC" or key.startswith("Etc/")


def _negated(tokens: tuple[str, ...], lexicon: Lexicon) -> list[int]:
    """Where the words said not to be so stand: the first word that is no filler within two
    after "not", "kein", "geen" ("not a student", "kein Mitglied"; "non-member": "member");
    not after "is there", "gibt es" ("is there no student fee?" asks whether there is one)."""
    found = []
    for i, token in enumerate(tokens):
        if token not in lexicon.grammar.negation:
            continue
        if not any(tokens[max(i - len(w), 0) : i] == w for w in lexicon.grammar.there_is):
            after = [
                j for j in range(i + 1, min(i + 3, len(tokens))) if tokens[j] not in lexicon.filler
            ]
            if after:
                found.append(after[0])
    return found


def _written_in_capitals(name: tuple[str, ...], original: str) -> bool:
    """Whether the words of `name` are written in capitals: "US", not "us"."""
    return all(re.search(rf"\b{re.escape(word.upper())}\b", original) for word in name)


@cache
def calendar_stems() -> frozenset[str]:
    """The stems of every language's weekdays and months."""
    weekdays, months, _ = _calendar_words()
    return frozenset(stem(word) for word in [*weekdays, *months])


@cache
def _calendar_words() -> tuple[dict[str, int], dict[str, int], frozenset[str]]:
    """Every language's names of the weekdays (and with an "s": "sonntags", "Sundays") and the
    months (and the months' first three letters), as `words()` writes them, and the months'
    full names."""
    weekdays: dict[str, int] = {}
    months: dict[str, int] = {}
    full: set[str] = set()
    for code in languages.available():
        names = phrasebook(code).words
        for number, name in enumerate(names["weekdays"]):
            folded = words(fold(name))[0]
            # "Sonntags-Keynote", "zondags", "on Sundays": the day too
            weekdays[folded] = weekdays[folded + "s"] = number
        for number, name in enumerate(names["months"], start=1):
            folded = words(fold(name))[0]
            months[folded] = months[folded[:3]] = number
            full.add(folded)
    return weekdays, months, frozenset(full)


class _Town(NamedTuple):
    """A town or country a message names that no zone is named after."""

    zone: str  # its tz database zone
    written: str  # as the message writes it: "Leiden"
    uncertain: bool  # also a word ("Mary", "Orange") or named by a session: a place after "in"


def _clause_comma(text: str) -> int:
    """Where the first comma that ends a clause stands, outside brackets and numbers
    ("If I cancel (early, 1,020 EUR) now, …"); the text's length if none does."""
    depth = 0
    for i, char in enumerate(text):
        depth += (char == "(") - (char == ")")
        if char == "," and depth <= 0 and text[i + 1 : i + 2].isspace():
            return i
    return len(text)


def _where_from(query: Query) -> tuple[dt.tzinfo, str] | None:
    """Where a sentence says the asker is, as the clock they keep there: the one it names as a
    clock ("I'm in Indiana on Central time"), else the place's."""
    if query.origin is None:
        return None
    zone, name = query.zone, query.zone_name
    return (zone, name) if isinstance(zone, ZoneInfo) and name else query.origin


def _a_clock_before(tokens: tuple[str, ...], start: int) -> bool:
    """Whether a clock stands right before `start`: "19:00 Colombo time" tells a time."""
    return start > 0 and bool(
        _CLOCK.fullmatch(tokens[start - 1]) or tokens[start - 1] in ("am", "pm")
    )


def _day_number(word: str) -> int | None:
    """A day of the month as written: "8", "08", "8th", "1st", "3rd", "8e", "8ste"."""
    match = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th|e|de|ste|ten)?", word)
    number = int(match[1]) if match else 0
    return number if 1 <= number <= 31 else None


@cache
def _iana_cities() -> list[tuple[Phrase, str]]:
    return [(phrase(city), key) for city, key in m.tz_cities().items()]


def _capitalised(original: str) -> set[str]:
    """The words written with a capital other than at the start of a sentence, lower-cased."""
    found: set[str] = set()
    for sentence in re.split(r"[.?!]\s+", original):
        found.update(w.lower() for w in re.findall(r"[\w'’-]+", sentence)[1:] if w[0].isupper())
    return found


#: the unit of a price for each person ("per child and day"), and of the people asked for
PERSON = "person"

#: how many words a cue may have inside it ("was ist [morgen beim ARACHNO] los?")
_LONGEST_GAP = 6


def _spanned(tokens: tuple[str, ...], start: int, cue: Phrase, gaps: Collection[int]) -> list[int]:
    """Where the words of `cue` stand from `start` on, with only words at the positions `gaps`
    holds between them, and a few ([] when they do not); unlike `_loosely`, the gaps are not
    the cue's."""
    found: list[int]
    at, found = start, []
    for word in cue:
        while at < len(tokens) and tokens[at] != word and at in gaps and found:
            at += 1
        if at >= len(tokens) or tokens[at] != word:
            return []
        found.append(at)
        at += 1
    return found if found[-1] - start < len(cue) + _LONGEST_GAP else []


def _local(zone: dt.tzinfo | None) -> bool:
    """Whether the channel's zone is the asker's own: known, and not UTC all year."""
    return zone is not None and any(zone.utcoffset(day) for day in _TWO_SEASONS)


def _as_written(word: str, original: str) -> str:
    """The word of `original` that `word` (folded, or its stem) is, as written and with a
    capital: "Adelaide" of "adelaid", "Ozola" of "ozola"."""
    for candidate in re.findall(r"[\w'’-]+", original):
        if candidate.lower() == word or stem(fold(candidate)) == word:
            return candidate if candidate[0].isupper() else candidate.capitalize()
    return word.capitalize()


def _loosely(
    tokens: tuple[str, ...], start: int, cue: tuple[str, ...], filler: frozenset[str]
) -> range | None:
    """Where `cue` stands at `start`: its words in order, allowing one other word, or up to
    three filler words, between two of its own ("how many days [are] left", "how many days [do
    i have] left", "wie lange [ist es] noch"); None when it does not."""
    if tokens[start : start + len(cue)] == cue:
        return range(start, start + len(cue))
    if len(cue) < 2 or not tokens[start:] or tokens[start] != cue[0]:
        return None
    at = start
    for word in cue[1:]:
        following = tokens[at + 1 : at + 5]  # the next word, or up to three words on
        if word not in following:
            return None
        gap = following.index(word)
        if gap > 1 and not set(following[:gap]) <= filler:
            return None
        at += gap + 1
    return range(start, at + 1)


def _with_events(pattern: Pattern, catalog: Catalog) -> Pattern:
    """A pattern whose `{event}` stands for the name of any loaded event, as written folded
    ("is TAI4H in Jeju?")."""
    if "{event}" not in pattern.regex.pattern:
        return pattern
    names = {
        fold(said)
        for event in catalog.events.values()
        for name in (event.name, event.short_name, *event.acronyms)
        if name
        # "the previous TIDAL" of "TIDAL 2027": its name without its year too
        for said in (name, YEAR.sub("", name).strip())
        if len(said) > 2
    }
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    source = pattern.regex.pattern.replace("{event}", f"(?:{alternation or '(?!)'})")
    return replace(pattern, regex=re.compile(source, pattern.regex.flags))
