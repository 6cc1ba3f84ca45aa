"""A language's lexicon: the cues of each intent and aspect, filler words, timezone names, how
its sentences are built and the words of the registration form. Understanding reads the lexicons
of every language merged into one (`merged`), so an attendee may write in any of them.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from dataclasses import fields as fields_of
from functools import cache
from typing import Any

import snowballstemmer

from . import languages, prebuilt
from .intents import Intent
from .text import expand, fold, stems, words

Phrase = tuple[str, ...]  # a cue as a sequence of stems


def phrase(text: str, forms: Forms | None = None) -> Phrase:
    found = words(expand(fold(text)))
    return stems([forms.canonical(w) for w in found] if forms else found)


@dataclass(frozen=True)
class Pattern:
    """A sentence shape that signals an intent (and perhaps one of its aspects)."""

    regex: re.Pattern[str]
    intent: Intent
    weight: float
    fallback: bool  # counts only when no cue names an intent
    aspect: str | None


@dataclass(frozen=True)
class Grammar:
    """How a language's sentences are built, as far as understanding needs it."""

    pronouns: frozenset[str]  # surface words standing for a person mentioned before
    it: frozenset[str]  # surface words standing for the thing just answered: "it", "das", "dat"
    #: and those that stand for it only as a sentence's last word ("Wer hält die?", not "Wer
    #: hält die Keynote?")
    it_last: frozenset[str]
    after: tuple[Phrase, ...]  # the one after the thing just answered: "after that", "danach"
    later: frozenset[str]  # stems of a time after another: "after the early bird", "nach"
    person_before: frozenset[str]  # "is", "wird": a name may follow
    who: tuple[tuple[str, ...], ...]  # "who is", "wer ist": a name asked after follows
    person_after: frozenset[str]  # stems after a name asked about ("speaking", "sprechen")
    joins: re.Pattern[str]  # where a sentence holds a second question
    conditions: frozenset[str]  # "if", "wenn", "als": a clause they open is the next one's
    time_units: frozenset[str]  # stems of spans of time: "day", "Woche", "avond"
    asking: frozenset[str]  # the words a question starts with: "when", "wo", "waar"
    #: the words that make a question more than one of yes or no: "why", "wie viel", "of"
    open_words: frozenset[str]
    follow_up: re.Pattern[str]  # "and the fee?": the last question, of something else
    of_oneself: re.Pattern[str]  # "I'm a student": the asker tells of themselves
    event_words: tuple[Phrase, ...]  # the event itself: "workshop", "it starts"
    #: of those, the words for its start ("it starts", "beginnt"): of a session just answered,
    #: "when does it start?" asks that session's
    event_starts: tuple[Phrase, ...]
    zone_before: frozenset[str]  # stems before a place whose time is asked ("in", "für")
    zone_after: frozenset[str]  # stems after it ("time", "zeit")
    own_zone: tuple[Phrase, ...]  # the asker's own clock: "my time", "bei uns", "mijn tijd"
    local_time: tuple[Phrase, ...]  # the clock where the event is: "local time", "Ortszeit"
    #: the asker's own clock when a time is asked: "what time is that for me?"
    own_zone_of_a_time: tuple[Phrase, ...]
    whereabouts: frozenset[str]  # stems telling where the asker is: "here", "8pm", "Uhr"
    #: words written short with a full stop that ends no sentence: "incl.", "z.b.", "bijv."
    abbreviations: frozenset[str]
    #: how one takes part from afar ("watch", "live", "verfolgen"): "when can I watch the
    #: keynote live?" asks when the keynote is
    attending: frozenset[str]
    origin: frozenset[str]  # stems before the place the asker comes from: "from", "aus", "uit"
    towards: frozenset[str]  # stems after a place that is where a way starts: "to", "nach"
    #: stems before a town no zone is named after that make it a place: "in", "aus"
    town_before: frozenset[str]
    through: frozenset[str]  # "Friday to Monday": every day from one weekday to the other
    residing: frozenset[str]  # "live", "wohne": the place after "in" is the asker's home
    negation: frozenset[str]  # stems that say the next word is not so: "not a student", "kein"
    paid: frozenset[str]  # stems that say an amount was paid: "I paid 1,090", "690 bezahlt"
    asking_for: frozenset[str]  # stems that make a sentence a request: "please", "bitte"
    #: stems that ask of one of many: "each", "jede", "een" ("how long is each seminar?")
    one_of_many: frozenset[str]
    #: the articles, which a place's name may have after "in": "in the UK", "in der Schweiz"
    articles: frozenset[str]
    why: tuple[Phrase, ...]  # "why", "warum", "waarom"
    #: what asks of a difference of clocks: "an hour earlier", "a different time"
    clock_difference: tuple[Phrase, ...]
    #: what asks how far apart two places' clocks are: "time difference", "Zeitunterschied"
    time_difference: tuple[Phrase, ...]
    #: what asks whether two places keep the same clock: "on the same time as", "dezelfde tijd"
    same_clock: tuple[Phrase, ...]
    #: what asks a number of hours ("how many hours", "wie viele Stunden") and the words of one
    #: clock being ahead of or behind another ("ahead", "vor"): both asked in one sentence, the
    #: time difference ("How many hours is Samarkand ahead of Germany?")
    hours_asked: tuple[Phrase, ...]
    #: what asks the share of one person in a price several pay together: "per person",
    #: "pro Kopf", "per persoon"
    per_person: tuple[Phrase, ...]
    #: the words for a share of a whole: "percent", "Prozent", "procent"
    shares: frozenset[str]
    #: what asks how far apart places are: "how far", "wie weit", "hoe ver"
    how_far: tuple[Phrase, ...]
    #: stems of a way between places whose length asks how far they are: "how long is the
    #: bus ride?", "wie lange dauert die Fahrt?", "hoe lang duurt de rit?"
    rides: frozenset[str]
    #: the languages people speak, by their English names, as the events' facts name them
    #: ("Teaching is in English.", "sign language"); a German or Dutch name is one by its
    #: glossary
    languages: tuple[Phrase, ...]
    #: what gives something in a language: "language", "captions", "interpretation"
    language_words: frozenset[str]
    #: the words before a language's name that say something is in it: "in", "auf", "in het"
    in_a_language: tuple[Phrase, ...]
    #: what asks whether one may ("can I", "darf ich", "mag ik") or must ("do I have to",
    #: "muss ich", "moet ik"); and how the events' English rules forbid ("are forbidden"),
    #: oblige ("must") or allow ("may")
    may: tuple[Phrase, ...]
    must: tuple[Phrase, ...]
    forbids: tuple[Phrase, ...]
    obliges: tuple[Phrase, ...]
    allows: tuple[Phrase, ...]
    ahead_or_behind: frozenset[str]
    #: what asks whether and when the clocks change: "clocks go back", "Sommerzeit", "klok"
    clock_changes: tuple[Phrase, ...]
    journeys: tuple[Phrase, ...]  # a journey by air: "flight", "Flug", "vlucht"
    journey_ends: frozenset[str]  # a place after these is where it ends: "to", "nach", "naar"
    journey_starts: frozenset[str]  # and where it starts: "from", "von", "van"
    #: (way, words) of the ways of paying an asker names: ("amex", "american express")
    payment_means: tuple[tuple[str, Phrase], ...]
    #: what asks what paying so adds: "surcharge", "Aufschlag", "in totaal"
    surcharges: tuple[Phrase, ...]
    #: (word, country) of a people's names that are no country's name with an ending
    #: ("british": "united kingdom"; "bolivian" is found from the country's name)
    peoples: tuple[tuple[str, str], ...]
    #: the words after those that say it is the asker's: "passport", "citizens"
    citizenship: frozenset[str]
    #: stems that ask what is expected, not what is possible: "how many are expected?"
    expected: frozenset[str]
    #: another person the asker speaks of: "can a colleague take my place?" asks a rule
    someone_else: frozenset[str]
    #: passing one's place on to that person: "give my registration to", "take my place"
    passing_on: re.Pattern[str]
    #: "is there", "gibt es": asks whether something exists; a "no" after them is no
    #: self-description
    there_is: tuple[Phrase, ...]
    #: words that deny or limit what a sentence says: "no", "only", "ohne"; a sentence with
    #: one is no plain yes
    limits: frozenset[str]
    refers_back: frozenset[str]  # words pointing back at what was just answered: "that", "dat"
    until_when: tuple[Phrase, ...]  # "until when?", "bis wann?": the last day of what was asked
    count: tuple[Phrase, ...]  # a question of how many: "how many", "wie viele", "hoeveel"
    #: a question of what something costs: "how much", "was kostet", "wat kost"
    price: tuple[Phrase, ...]
    #: the stems of the units a written thing is measured in ("words", "pages"): "how long
    #: may the abstract be?"
    sizes: frozenset[str]
    #: a question of how big a group is ("how big can a team be?", "wie groß darf ein Team
    #: sein?"), of the `groups` named, answered in the units people are counted in (`members`:
    #: "teams of up to five people")
    how_big: tuple[Phrase, ...]
    groups: frozenset[str]
    members: frozenset[str]
    #: the verb a size is asked with ("how long may the abstract be?"), not a time to act in
    #: ("how long do I have to submit?")
    being: frozenset[str]
    #: a share of what attendees did, which only the organisers know: "acceptance rate"
    rates: tuple[Phrase, ...]
    next_year: tuple[Phrase, ...]  # another edition, next year's: "next year", "nächstes Jahr"
    #: the other event the conversation named: "the other one", "bei der anderen"
    the_other: tuple[Phrase, ...]
    infinitive: frozenset[str]  # the infinitive's marker inside a verb: "zu", "te"
    #: a verb's particle, which stands apart at the clause's end: "an" of "Wann reist man an?"
    particles: frozenset[str]
    #: short words that end compounds of longer ones: "Abschlusstag" (closing day), "slotdag"
    compound_ends: frozenset[str]
    topics: tuple[re.Pattern[str], ...]  # shapes asking whether topic `t` is in scope


@dataclass(frozen=True)
class FormWords:
    """How attendees answer the registration form: yes, no, skip, stop, back, corrections."""

    yes: frozenset[str]
    no: frozenset[str]
    yes_first: frozenset[str]
    no_first: frozenset[str]
    skip: frozenset[str]
    stop: re.Pattern[str]
    back: re.Pattern[str]
    corrections: tuple[re.Pattern[str], ...]
    fields: dict[str, tuple[str, ...]]  # a form field's name -> what attendees call it


@dataclass(frozen=True)
class Lexicon:
    language: str  # a code, or the codes merged ("en+de+nl")
    rewrite: dict[str, str]
    #: ways of asking read as another of the same meaning: "until what time" as "until when"
    rephrase: dict[str, str]
    filler: frozenset[str]  # stems
    question_start: re.Pattern[str]  # a message that starts like a question ("what …", "is …")
    cues: dict[Intent, dict[Phrase, float]]  # intent -> cue -> weight
    aspects: dict[Intent, dict[str, tuple[Phrase, ...]]]  # intent -> aspect -> cues
    zones: dict[Phrase, str]
    vocabulary: frozenset[str]  # surface words of every cue and filler word
    cue_stems: frozenset[str]  # stems of every one-word cue and aspect
    patterns: tuple[Pattern, ...]
    grammar: Grammar
    form: FormWords
    markers: frozenset[str]  # surface words that show a message is in this language
    operations: dict[str, tuple[Phrase, ...]]  # countdown, passed, still -> cues
    ordinals: dict[str, tuple[Phrase, ...]]  # first, next, last -> cues: which of several
    #: the stem of each one-word ordinal cue -> its shortest and longest written forms'
    #: lengths: "open" is no "opening", "close" no "closing", "seconds" no "second", though
    #: each pair has one stem
    ordinal_lengths: dict[str, tuple[int, int]]
    currencies: dict[Phrase, frozenset[str]]  # "dollars" -> USD, CAD, AUD, …: money asked in
    numbers: dict[str, int]  # a number in words: "fünf" -> 5
    #: how many people a phrase says the askers are, as written: "zu viert" -> 4
    together: dict[tuple[str, ...], int]
    #: a day named by how far it is from today, as written -> how many days: "tomorrow" -> 1,
    #: "übermorgen" -> 2; 0 for words that only look so ("guten Morgen", "heute Morgen")
    days_from_today: dict[tuple[str, ...], int]
    #: a word for what the organisers price one of -> that unit in their English: "Nächte" ->
    #: "night" ("135 EUR a night")
    units: dict[str, str]
    #: a stem -> the stems of the words that name the same thing in the events' English
    #: ("food" -> "meal", "cater"): compared with the facts, never used to tell what is asked
    alike: dict[str, frozenset[str]]
    #: a language -> the words alike in its questions: `alike`, and the English alternatives
    #: its glossary gives one word ("verschickte" = "sent / send"), in that language's only
    alike_in: dict[str, dict[str, frozenset[str]]]
    #: a word of this language -> the English words events use for it ("unterkunft" ->
    #: ("accommodation",)): the events' facts are written in English
    glossary: dict[str, tuple[str, ...]]
    #: language code -> a word of it, cues too, -> its English ("vortrag" -> ("talk",)):
    #: compared with the events' facts, never used to tell what is asked
    meanings: dict[str, dict[str, tuple[str, ...]]]
    #: language code -> its own words by their stem in that language ("zahl" -> "zahle", the
    #: shortest), for a language whose grammar names a stemmer: "zahlen" is read as "zahle"
    forms: dict[str, Forms]
    #: language code -> the time zones where those who write it most often live
    #: ("Europe/Berlin"): a message's bare UTC offset is read as the one of their clocks it
    #: fits, which knows when summer time starts and ends
    homes: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Forms:
    """A language's words as its lexicon knows them, by the stem its own stemmer gives them."""

    stemmer: str  # a Snowball stemmer's name: "german"
    known: dict[str, str]
    #: words each read as itself: a stem's words of other meanings, or filler and not
    distinct: frozenset[str]
    participle: str = ""  # the prefix of a past participle: "ge" ("gekostet" is "kostet")
    #: how a place's name is made an adjective: (ending, what it replaces) — "Leidener" is
    #: "Leiden" and "er", "Leidse" is "Leiden" with "se" for "en"
    place_endings: tuple[tuple[str, str], ...] = ()

    def canonical(self, word: str) -> str:
        """The one form the lexicon reads `word` in ("zahlen", "zahlt" -> "zahle"); a filler
        word and a word that is not stay apart (Dutch "beurs", a grant, is no form of
        "gebeurt", though the stemmer gives them one stem)."""
        if word in self.distinct:
            return word
        form = self.known.get(_stemmer(self.stemmer).stemWord(word), word)
        # a longer word is a derivative, not a form: "Medizin" is not "Mediziner"; but a verb's
        # infinitive is its stem's ("als ik me terugtrek": "terugtrekken"), a small word's
        # is not ("weg" is no "wegen")
        infinitive = form in (f"{word}en", f"{word}{word[-1:]}en") and form not in self.distinct
        return form if len(form) <= len(word) + 1 or infinitive else word


@cache
def _stemmer(name: str) -> Any:
    return snowballstemmer.stemmer(name)


def _forms(
    name: str | None,
    vocabulary: Iterable[str],
    filler: Iterable[str],
    meanings: dict[str, tuple[str, ...]],
) -> Forms | None:
    """The words of `vocabulary` by their stem, read as its shortest word. Words the stemmer
    gives one stem stay apart when one is `filler` and another not ("gebeurt", "beurs"), or
    when their English (`meanings`) differ: then no other word is read as one of them
    ("Medizin" is no form of "Mediziner", a practitioner). A filler word is always itself:
    the small words are listed in each of their forms ("waren" is no "waar")."""
    if not name:
        return None
    filler = set(filler)
    groups: dict[str, list[str]] = {}
    for word in sorted(vocabulary, key=lambda w: (len(w), w)):  # the shortest form stands
        if len(word) >= 3:
            groups.setdefault(_stemmer(name).stemWord(word), []).append(word)
    known: dict[str, str] = {}
    distinct: set[str] = set()
    for stem, group in groups.items():
        senses = [meanings[w] for w in group if w in meanings]
        if any(not _alike(a, b) for a in senses for b in senses):
            distinct.update(group)
            continue
        known[stem] = group[0]
        if len({w in filler for w in group}) > 1:
            distinct.update(group)
        distinct.update(w for w in group if w in filler)  # "waren" (were) is no "waar" (where)
    return Forms(name, known, frozenset(distinct))


def _alike(one: tuple[str, ...], other: tuple[str, ...]) -> bool:
    """Whether two words' English share a word, or its beginning ("pay", "payment")."""
    return any(
        a[: min(4, len(a), len(b))] == b[: min(4, len(a), len(b))]
        for a in words(" ".join(one))
        for b in words(" ".join(other))
        if len(a) > 2 and len(b) > 2
    )


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
        raise ValueError(f"lexicon of {language!r}: {name!r} is not an intent") from None


def _alternatives(items: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first."""
    return "|".join(re.escape(item) for item in sorted(set(items), key=len, reverse=True))


def _joins(
    joins: Sequence[str],
    starts: Sequence[str],
    *,
    prepositions: Sequence[str] = (),
    asking: Sequence[str] = (),
) -> re.Pattern[str]:
    """Where a sentence holds a second question: a joining word and a question's first word,
    or a preposition and a question word ("where is it and on what date?"; not "and for any
    guest?")."""
    opening = _alternatives(starts)
    if prepositions and asking:
        opening += rf"|(?:{_alternatives(prepositions)})\s+(?:{_alternatives(asking)})"
    after = rf"(?=(?:{opening})\b)"
    return re.compile(
        rf"\s+(?:{_alternatives(joins)})\s+{after}|,\s*(?:(?:{_alternatives(joins)})\s+)?{after}"
    )


def _stem_set(items: Iterable[str], forms: Forms | None = None) -> frozenset[str]:
    return frozenset(phrase(" ".join(items), forms))


@cache
def load_lexicon(language: str = languages.DEFAULT) -> Lexicon:
    """The language's lexicon, as its files say; read from the cache when they have not
    changed since it was built (a start-up in half the time)."""
    sources = [languages.read(language, "lexicon.toml")]
    if languages.has(language, "glossary.toml"):
        sources.append(languages.read(language, "glossary.toml"))
    return prebuilt.load(f"lexicon-{language}", sources, lambda: _build(language, *sources))


def _build(language: str, source: str, glossary_source: str = "") -> Lexicon:
    data = tomllib.loads(source)
    tables = tomllib.loads(glossary_source)
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
    for table in ("operations", "ordinals"):
        for cue_list in data.get(table, {}).values():
            for cue in cue_list:
                surface(cue)
    for pattern in data.get("patterns", []):  # the words of a pattern are words, no typos
        vocabulary.update(re.findall(r"[^\W\d_]{3,}", pattern["regex"].replace("\\b", " ")))
    filler_words = data["filler"].split()
    vocabulary.update(words(" ".join(filler_words)))
    vocabulary.update(words(fold(" ".join(data["rewrite"].values()))))
    grammar, form = data["grammar"], data["form"]
    vocabulary.update(words(fold(" ".join(grammar["markers"].split()))))
    vocabulary.update(words(fold(" ".join(grammar.get("whereabouts", [])))))  # "halb", not "hall"
    vocabulary.update(words(fold(" ".join(data.get("days_from_today", {})))))  # "overmorgen"
    glossary = _glossary(language, tables, "glossary")
    vocabulary.update(glossary)
    own_meanings = _glossary(language, tables, "meanings")
    # "verschickte" = "sent / send": either word, not the phrase "sent send"; the question says
    # the first, and the alternatives of one word name the same thing in this language's
    # questions ("sent" is also "send")
    either: list[str] = []
    for word, alternatives in _either_of(tables.get("glossary", {})).items():
        glossary[word] = alternatives[0]
        either.append(" ".join(each[0] for each in alternatives if len(each) == 1))
    alike = _alike_stems(data.get("alike", {}).get("groups", []))
    forms = _forms(
        grammar.get("stemmer"),
        vocabulary,
        words(" ".join(filler_words)),
        {**own_meanings, **glossary},
    )
    if forms is not None:
        forms = replace(
            forms,
            participle=grammar.get("participle", ""),
            place_endings=tuple((end, was) for end, was in grammar.get("place_endings", [])),
        )

    def keys(text: str) -> tuple[Phrase, ...]:
        """A cue as written, and in its language's forms: a message told from another
        language ("Was zahlen Studierende bei der Nordic Conference …?" has more English) is
        read as written."""
        return tuple(dict.fromkeys([phrase(text), phrase(text, forms)]))

    def key_set(items: Iterable[str]) -> frozenset[str]:
        return _stem_set(items) | _stem_set(items, forms)

    def all_keys(items: Iterable[str]) -> tuple[Phrase, ...]:
        return tuple(dict.fromkeys(k for item in items for k in keys(item)))

    cues: dict[Intent, dict[Phrase, float]] = {}
    for intent, table in data["intents"].items():
        weights = cues.setdefault(_intent(intent, language), {})
        for cue, weight in table["cues"].items():  # "reviewer" and "review" share a stem
            for stemmed in keys(cue):
                weights[stemmed] = max(weights.get(stemmed, 0.0), float(weight))
    aspects = {
        _intent(intent, language): {
            aspect: all_keys(cue_list) for aspect, cue_list in table.items()
        }
        for intent, table in data["aspects"].items()
    }
    return Lexicon(
        language=language,
        rewrite=data["rewrite"],
        rephrase={fold(k): fold(v) for k, v in data.get("rephrase", {}).items()},
        filler=key_set(filler_words),
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
        grammar=Grammar(
            pronouns=frozenset(grammar["pronouns"]),
            it=frozenset(grammar.get("it", [])),
            it_last=frozenset(grammar.get("it_last", [])),
            after=all_keys(grammar.get("after", [])),
            later=key_set(grammar.get("later", [])),
            person_before=frozenset(grammar["person_before"]),
            who=tuple(tuple(fold(w).split()) for w in _list(grammar["who"])),
            person_after=key_set(grammar["person_after"]),
            joins=_joins(
                grammar["joins"],
                grammar["question_starts"],
                prepositions=grammar.get("prepositions", []),
                asking=grammar.get("asking_words", []),
            ),
            conditions=frozenset(fold(w) for w in grammar.get("conditions", [])),
            asking=frozenset(fold(w) for w in grammar.get("asking_words", [])),
            open_words=frozenset(fold(w) for w in grammar.get("open_words", [])),
            time_units=key_set(grammar.get("time_units", [])),
            follow_up=re.compile(grammar["follow_up"]),
            of_oneself=re.compile(grammar["of_oneself"]),
            event_words=all_keys(grammar.get("event_words", []) + grammar.get("event_starts", [])),
            event_starts=all_keys(grammar.get("event_starts", [])),
            zone_before=key_set(grammar["zone_before"]),
            zone_after=key_set(grammar["zone_after"]),
            own_zone=all_keys(grammar.get("own_zone", [])),
            local_time=all_keys(grammar.get("local_time", [])),
            own_zone_of_a_time=all_keys(grammar.get("own_zone_of_a_time", [])),
            whereabouts=key_set(grammar.get("whereabouts", [])),
            abbreviations=frozenset(fold(w) for w in grammar.get("abbreviations", [])),
            attending=key_set(grammar.get("attending", [])),
            origin=key_set(grammar.get("origin", [])),
            towards=key_set(grammar.get("towards", [])),
            town_before=key_set(grammar.get("town_before", [])),
            through=key_set(grammar.get("through", [])),
            residing=key_set(grammar.get("residing", [])),
            negation=key_set(grammar.get("negation", [])),
            paid=key_set(grammar.get("paid", [])),
            asking_for=key_set(grammar.get("asking_for", [])),
            one_of_many=key_set(grammar.get("one_of_many", [])),
            articles=key_set(grammar.get("articles", [])),
            why=all_keys(grammar.get("why", [])),
            clock_difference=all_keys(grammar.get("clock_difference", [])),
            time_difference=all_keys(grammar.get("time_difference", [])),
            same_clock=all_keys(grammar.get("same_clock", [])),
            hours_asked=all_keys(grammar.get("hours_asked", [])),
            per_person=all_keys(grammar.get("per_person", [])),
            shares=key_set(grammar.get("shares", [])),
            how_far=all_keys(grammar.get("how_far", [])),
            rides=key_set(grammar.get("rides", [])),
            languages=all_keys(grammar.get("languages", [])),
            language_words=key_set(grammar.get("language_words", [])),
            in_a_language=all_keys(grammar.get("in_a_language", [])),
            may=all_keys(grammar.get("may", [])),
            must=all_keys(grammar.get("must", [])),
            forbids=all_keys(grammar.get("forbids", [])),
            obliges=all_keys(grammar.get("obliges", [])),
            allows=all_keys(grammar.get("allows", [])),
            ahead_or_behind=frozenset(fold(w) for w in grammar.get("ahead_or_behind", [])),
            clock_changes=all_keys(grammar.get("clock_changes", [])),
            journeys=all_keys(grammar.get("journeys", [])),
            journey_ends=frozenset(fold(w) for w in grammar.get("journey_ends", [])),
            journey_starts=frozenset(fold(w) for w in grammar.get("journey_starts", [])),
            payment_means=tuple(
                (way, phrase_)
                for way, said in grammar.get("payment_means", {}).items()
                for phrase_ in all_keys(said)
            ),
            surcharges=all_keys(grammar.get("surcharges", [])),
            citizenship=key_set(grammar.get("citizenship", [])),
            peoples=tuple((fold(k), v) for k, v in grammar.get("peoples", {}).items()),
            expected=key_set(grammar.get("expected", [])),
            someone_else=key_set(grammar.get("someone_else", [])),
            passing_on=re.compile(grammar["passing_on"]),
            there_is=all_keys(grammar.get("there_is", [])),
            limits=frozenset(fold(w) for w in grammar.get("limits", [])),
            refers_back=frozenset(grammar.get("refers_back", [])),
            until_when=all_keys(grammar.get("until_when", [])),
            count=all_keys(grammar.get("count", [])),
            price=all_keys(grammar.get("price", [])),
            sizes=key_set(grammar.get("sizes", [])),
            how_big=all_keys(grammar.get("how_big", [])),
            groups=key_set(grammar.get("groups", [])),
            members=key_set(grammar.get("members", [])),
            being=frozenset(grammar.get("being", [])),
            rates=all_keys(grammar.get("rates", [])),
            next_year=all_keys(grammar.get("next_year", [])),
            the_other=all_keys(grammar.get("the_other", [])),
            infinitive=frozenset(_list(grammar.get("infinitive", []))),
            particles=frozenset(_list(grammar.get("particles", []))),
            compound_ends=frozenset(_list(grammar.get("compound_ends", []))),
            topics=tuple(re.compile(p) for p in grammar["topics"]),
        ),
        form=FormWords(
            yes=frozenset(form["yes"]),
            no=frozenset(form["no"]),
            yes_first=frozenset(form["yes_first"]),
            no_first=frozenset(form["no_first"]),
            skip=frozenset(form["skip"]),
            stop=re.compile(form["stop"], re.IGNORECASE),
            back=re.compile(form["back"], re.IGNORECASE),
            corrections=tuple(re.compile(p, re.IGNORECASE) for p in form["corrections"]),
            fields={name: tuple(aliases) for name, aliases in form["fields"].items()},
        ),
        markers=frozenset(words(fold(grammar["markers"]))),
        operations={
            name: all_keys(cue_list) for name, cue_list in data.get("operations", {}).items()
        },
        ordinals={name: all_keys(cue_list) for name, cue_list in data.get("ordinals", {}).items()},
        ordinal_lengths=_lengths_by_stem(
            cue for cue_list in data.get("ordinals", {}).values() for cue in cue_list
        ),
        currencies={
            stemmed: frozenset(codes.split())
            for word, codes in data.get("currencies", {}).items()
            for stemmed in keys(word)
        },
        numbers={words(fold(w))[0]: int(value) for w, value in data.get("numbers", {}).items()},
        together={tuple(words(fold(w))): int(n) for w, n in data.get("together", {}).items()},
        days_from_today={
            tuple(words(fold(w))): int(days) for w, days in data.get("days_from_today", {}).items()
        },
        units={words(fold(w))[0]: unit for w, unit in data.get("units", {}).items()},
        alike=alike,
        alike_in={language: _united([alike, _alike_stems(either)])},
        glossary=_read_by(glossary, forms, cues, aspects, key_set(filler_words)),
        meanings={
            language: {
                forms.canonical(word) if forms else word: english
                for word, english in own_meanings.items()
            }
        },
        forms={language: forms} if forms else {},
        homes={language: tuple(data.get("homes", []))},
    )


def _read_by(
    glossary: dict[str, tuple[str, ...]],
    forms: Forms | None,
    cues: dict[Intent, dict[Phrase, float]],
    aspects: dict[Intent, dict[str, tuple[Phrase, ...]]],
    filler: frozenset[str],
) -> dict[str, tuple[str, ...]]:
    """The glossary as a question's words reach it (in their lexicon form), less any word
    whose form is a cue's or filler ("Tage" is read as "Tag", a cue of dates, not "day")."""
    taken = set(filler)
    for table in cues.values():
        taken.update(word for cue in table for word in cue)
    for by_aspect in aspects.values():
        taken.update(word for cue_list in by_aspect.values() for cue in cue_list for word in cue)
    found: dict[str, tuple[str, ...]] = {}
    for word, english in glossary.items():
        form = forms.canonical(word) if forms else word
        if stems([form])[0] not in taken:
            found.setdefault(form, english)
    return found


def _either_of(table: dict[str, Any]) -> dict[str, list[tuple[str, ...]]]:
    """The words of a glossary table whose English is alternatives ("sent / send"), and those
    alternatives' words."""
    return {
        words(fold(word))[0]: [tuple(words(fold(each))) for each in english.split("/")]
        for word, english in table.items()
        if isinstance(english, str) and "/" in english
    }


def _glossary(language: str, tables: dict[str, Any], table_name: str) -> dict[str, tuple[str, ...]]:
    """A table of the language's glossary.toml ([glossary] or [meanings]): each word, as
    `words()` writes it, and its English words. A key that is not one word is a mistake in the
    file, named."""
    table = tables.get(table_name, {})
    found: dict[str, tuple[str, ...]] = {}
    for word, english in table.items():
        key = words(fold(word))
        if len(key) != 1 or not isinstance(english, str) or not words(fold(english)):
            raise ValueError(
                f"glossary of {language!r}, [{table_name}]: {word!r} = {english!r} is not one "
                "word and its English words"
            )
        found[key[0]] = tuple(words(fold(english)))
    return found


def _united(tables: Sequence[dict[str, frozenset[str]]]) -> dict[str, frozenset[str]]:
    """Tables of words alike, as one: each stem's alike words in any of them."""
    return {k: frozenset().union(*(t.get(k, ()) for t in tables)) for k in set().union(*tables)}


def _alike_stems(groups: list[str]) -> dict[str, frozenset[str]]:
    """Each stem of a group of words that name the same thing -> the group's stems."""
    found: dict[str, frozenset[str]] = {}
    for group in groups:
        said = frozenset(stems(words(fold(group))))
        for each in said:
            found[each] = found.get(each, frozenset()) | said
    return found


def _lengths_by_stem(cues: Iterable[str]) -> dict[str, tuple[int, int]]:
    """Each one-word cue's stem -> the lengths of its shortest and longest written forms
    (folded)."""
    found: dict[str, tuple[int, int]] = {}
    for cue in cues:
        written = words(fold(cue))
        if len(written) == 1:
            key, size = stems(written)[0], len(written[0])
            shortest, longest = found.get(key, (size, size))
            found[key] = min(shortest, size), max(longest, size)
    return found


def _list(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else value


def _either(patterns: Sequence[re.Pattern[str]]) -> re.Pattern[str]:
    """One pattern matching where any of `patterns` does."""
    if len(patterns) == 1:
        return patterns[0]
    return re.compile("|".join(f"(?:{p.pattern})" for p in patterns), patterns[0].flags)


def _merge(values: list[Any]) -> Any:
    """One language's grammar item and another's as one: sets joined, patterns either one,
    lists one after the other without repeats."""
    if isinstance(values[0], frozenset):
        return frozenset().union(*values)
    if isinstance(values[0], re.Pattern):
        return _either(values)
    return tuple(dict.fromkeys(item for value in values for item in value))


@cache
def merged(codes: tuple[str, ...] | None = None) -> Lexicon:
    """The lexicons of `codes` (every language by default) as one: an attendee is understood
    whichever of them they write in. Where two languages give one cue different weights, the
    stronger counts."""
    each = [load_lexicon(code) for code in (codes or languages.available())]
    if len(each) == 1:
        return each[0]
    cues: dict[Intent, dict[Phrase, float]] = {}
    aspects: dict[Intent, dict[str, tuple[Phrase, ...]]] = {}
    for lexicon in each:
        for intent, table in lexicon.cues.items():
            weights = cues.setdefault(intent, {})
            for cue, weight in table.items():
                weights[cue] = max(weights.get(cue, 0.0), weight)
        for intent, by_aspect in lexicon.aspects.items():
            mine = aspects.setdefault(intent, {})
            for aspect, cue_list in by_aspect.items():
                mine[aspect] = tuple(dict.fromkeys((*mine.get(aspect, ()), *cue_list)))
    fields: dict[str, tuple[str, ...]] = {}
    for lexicon in each:
        for name, aliases in lexicon.form.fields.items():
            fields[name] = tuple(dict.fromkeys((*fields.get(name, ()), *aliases)))
    rewrite: dict[str, str] = {}
    for lexicon in reversed(each):  # the default language's shorthand wins
        others = frozenset().union(*(x.vocabulary for x in each if x is not lexicon))
        # but not over a word of another language: English chat's "wat" and "wen" are Dutch
        # and German words ("wat is er op …", "an wen …")
        rewrite.update({k: v for k, v in lexicon.rewrite.items() if k not in others})
    grammars, forms = [x.grammar for x in each], [x.form for x in each]
    alike = _united([x.alike for x in each])
    return Lexicon(
        language="+".join(x.language for x in each),
        rewrite=rewrite,
        rephrase={k: v for x in each for k, v in x.rephrase.items()},
        filler=frozenset().union(*(x.filler for x in each)),
        question_start=_either([x.question_start for x in each]),
        cues=cues,
        aspects=aspects,
        zones={k: v for x in reversed(each) for k, v in x.zones.items()},
        vocabulary=frozenset().union(*(x.vocabulary for x in each)),
        cue_stems=_all_stems(cues, aspects),
        patterns=tuple(p for x in each for p in x.patterns),
        grammar=Grammar(
            **{f.name: _merge([getattr(g, f.name) for g in grammars]) for f in fields_of(Grammar)}
        ),
        form=FormWords(
            yes=frozenset().union(*(f.yes for f in forms)),
            no=frozenset().union(*(f.no for f in forms)),
            yes_first=frozenset().union(*(f.yes_first for f in forms)),
            no_first=frozenset().union(*(f.no_first for f in forms)),
            skip=frozenset().union(*(f.skip for f in forms)),
            stop=_either([f.stop for f in forms]),
            back=_either([f.back for f in forms]),
            corrections=tuple(p for f in forms for p in f.corrections),
            fields=fields,
        ),
        markers=frozenset().union(*(x.markers for x in each)),
        operations={
            name: tuple(dict.fromkeys(c for x in each for c in x.operations.get(name, ())))
            for name in dict.fromkeys(n for x in each for n in x.operations)
        },
        ordinals={
            name: tuple(dict.fromkeys(c for x in each for c in x.ordinals.get(name, ())))
            for name in dict.fromkeys(n for x in each for n in x.ordinals)
        },
        ordinal_lengths={
            s: (
                min(x.ordinal_lengths[s][0] for x in each if s in x.ordinal_lengths),
                max(x.ordinal_lengths[s][1] for x in each if s in x.ordinal_lengths),
            )
            for s in {s for x in each for s in x.ordinal_lengths}
        },
        currencies={k: v for x in reversed(each) for k, v in x.currencies.items()},
        numbers={k: v for x in each for k, v in x.numbers.items()},
        together={k: v for x in each for k, v in x.together.items()},
        days_from_today={k: v for x in each for k, v in x.days_from_today.items()},
        units={k: v for x in each for k, v in x.units.items()},
        alike=alike,
        # each language's own alternatives with the words alike in every language
        alike_in={code: _united([alike, own]) for x in each for code, own in x.alike_in.items()},
        glossary={k: v for x in reversed(each) for k, v in x.glossary.items()},
        meanings={code: m for x in each for code, m in x.meanings.items()},
        forms={code: f for x in each for code, f in x.forms.items()},
        homes={code: h for x in each for code, h in x.homes.items()},
    )


def detect(text: str, fallback: str) -> str:
    """The language `text` is written in: the one that most of its words belong to alone (a
    marker, a word typical of the language, counts more), else `fallback` (the conversation's)
    when it does not tell ("ok", "42", "Jonas Peters")."""
    codes = languages.available()
    if len(codes) == 1:
        return codes[0]
    scores = {code: 0.0 for code in codes}
    # a short form in capitals is no word of a language: "in IST" is India's time, not "ist"
    capitals = {fold(w) for w in re.findall(r"\w+", text) if len(w) > 1 and w.isupper()}
    if not text.islower() and text.upper() == text:  # "WANN IST DIE FRIST?" is shouted German
        capitals = set()
    said = [word for word in words(fold(text)) if word not in capitals]
    owners = {word: [code for code in codes if word in _known(code)] for word in said}
    known = [found for found in owners.values() if found]
    # "Wie is Rohan Iyer?": the one language that has every word known, though each word is
    # also another's ("wie" German, "is" English)
    whole = [code for code in codes if known and all(code in found for found in known)]
    if len(whole) == 1:
        return whole[0]
    for word in said:
        for code in owners[word] if len(owners[word]) < len(codes) else ():
            # a function word tells more than a content word (the events' English ones turn up
            # in every language: "paper", "chair"); a word of two languages, half as much
            weight = 2.0 if word in load_lexicon(code).markers else 0.5
            scores[code] += weight / len(owners[word])
    best = max(scores.values())
    top = [code for code, score in scores.items() if score == best]
    if best == 0 or len(top) > 1:
        return fallback if fallback in top or best == 0 else top[0]
    return top[0]


@cache
def _known(code: str) -> frozenset[str]:
    """Every word a language's lexicon knows: its markers, cues, filler and shorthand."""
    lexicon = load_lexicon(code)
    return lexicon.vocabulary | lexicon.markers
