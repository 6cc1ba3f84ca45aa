"""What the engine knows of the loaded events' words: how each can be named, what its facts say."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise

from rapidfuzz.distance import JaroWinkler
from rapidfuzz.process import extractOne

from ..knowledge import Event
from ..knowledge.moments import tz_cities
from . import dictionary, places, prebuilt
from .intents import FIELDS, Intent
from .lexicon import Lexicon, Phrase, phrase
from .text import Speller, fold, stem_set, stems, words

STRONG, NAMED, WEAK = 3.0, 2.0, 1.5


def texts(value: object) -> Iterator[str]:
    if value is None or isinstance(value, bool):
        return
    if isinstance(value, str):
        yield value
    elif isinstance(value, list | tuple):
        for item in value:
            yield from texts(item)
    elif hasattr(value, "model_dump"):
        for item in value.model_dump(mode="json").values():
            yield from texts(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from texts(item)
    else:
        yield str(value)


#: a word written with a hyphen, which may be asked without one: "Wi-Fi", "e-mail"
_HYPHENATED = re.compile(r"\b([a-z]+)-([a-z]+)\b")


def _field(fact: str) -> str:
    """The field of the event a fact is part of, in words: "venue" of "venue.directions"."""
    return re.split(r"[.\[]", fact, maxsplit=1)[0].replace("_", " ")


def _stems_of(value: object) -> set[str]:
    """The stems of the texts of `value`, a word written with a hyphen also as one word
    ("Wi-Fi": wi, fi and wifi)."""
    found: set[str] = set()
    for text in texts(value):
        folded = fold(text)
        found.update(stems(words(folded)))
        found.update(stems(a + b for a, b in _HYPHENATED.findall(folded)))
    return found


def _parts(name: str | None) -> list[str]:
    """'Leiden University Medical Center (LUMC)' is named both ways."""
    if not name:
        return []
    inner = re.findall(r"\(([^)]+)\)", name)
    return [_short(name), *inner]


def _short(name: str) -> str:
    """'CAIRELab (Clinical AI ...)' is also called 'CAIRELab'."""
    return name.split("(")[0].strip()


#: "Computerized Medical Imaging and Graphics (CMIG)" and "CAIRELab (Clinical AI …)": a name
#: and its short form, either way round.
_LONG_SHORT = re.compile(
    r"([A-Z][\w&'’-]*(?:[ ,-]+(?:and |of |for |in |the |&)*[A-Z][\w&'’-]*)+)\s*\(([A-Z][\w-]{1,15})\)"
)
_SHORT_LONG = re.compile(r"\b([A-Z][\w-]{1,15})\s*\(([^()]{6,120})\)")
#: "HELVIA, the Helvetic Alliance for Privacy in Health Data, a non-profit …"
_SHORT_COMMA_LONG = re.compile(r"\b([A-Z][A-Z\d-]{1,15}), (?:the |an? )?([A-Z][^,.;:()]{5,120})")
#: a name's year or season: "Engadin Summer School 2027", "Kaghaz Seminars 2031–32"
_YEAR_LAST = re.compile(r"\s+(?:19|20)\d\d(?:\s*[-–/]\s*(?:(?:19|20)?\d\d))?\s*$")


def _expansion(short: str, long: str) -> str | None:
    """What `short` stands for in `long`: all of it when the capitals of `short` are the
    initials of its words, in order; else its last words from one with `short`'s first
    letter, in which `short`'s letters are found in order ("WHIS": Western Hydroinformatics
    Society; "BBIS" in "members of the Baltic Bioinformatics Society")."""
    capitals = [c.lower() for c in short if c.isupper()]
    if len(capitals) < 2:
        return None
    long_words = re.findall(r"[\w]+", long)
    found = 0
    for word in long_words:
        if found < len(capitals) and word[0].lower() == capitals[found]:
            found += 1
    if found >= max(2, round(len(capitals) * 2 / 3)):
        # from the last word whose capitals begin all of them: "World Ornithological Union" of
        # "World Congress of Ornithology of the World Ornithological Union (WOU)"
        for start in reversed(list(re.finditer(r"\w+", long))):
            initials = [w[0].lower() for w in re.findall(r"\w+", long[start.start() :])]
            if initials[0] == capitals[0] and _letters_in_order(capitals, "".join(initials)):
                return long[start.start() :]
        return long
    letters = [c.lower() for c in short if c.isalpha()]
    for first, word in enumerate(long_words[:-1]):
        named = [w for w in long_words[first:] if w[0].isupper()]  # a name, not "up to 90 days"
        if (
            word[0].lower() == letters[0]
            and word[0].isupper()
            and len(named) >= 2
            and _letters_in_order(letters[1:], " ".join(long_words[first:]).lower()[1:])
        ):
            return " ".join(long_words[first:])
    return None


def _letters_in_order(letters: list[str], text: str) -> bool:
    at = 0
    for letter in letters:
        at = text.find(letter, at) + 1
        if at == 0:
            return False
    return True


def definitions(event: Event) -> dict[str, tuple[str, str]]:
    """The short forms the organisers explain anywhere in the event's text: the short form's
    stem -> (the short form, what it stands for)."""
    found: dict[str, tuple[str, str]] = {}
    for text in texts(event):
        pairs = [(m[2], m[1]) for m in _LONG_SHORT.finditer(text)]
        pairs += [(m[1], m[2]) for m in _SHORT_LONG.finditer(text)]
        pairs += [(m[1], m[2]) for m in _SHORT_COMMA_LONG.finditer(text)]
        for short, long in pairs:
            expansion = _expansion(short, long.strip(" ,;:"))
            key = phrase(short)
            if expansion is not None and len(key) == 1:
                found.setdefault(key[0], (short, expansion))
    return found


#: where one sentence ends and the next begins ("i.e." and "e.g." end none)
_SENTENCE_END = re.compile(r"(?<![ (]i\.e\.)(?<![ (]e\.g\.)(?<=[.!?;])\s+(?=[A-Z0-9\"“(])")
#: the fields that say things in sentences, rather than name them
_FREE_TEXT = {"summary", "description", "audience", "note", "how", "directions", "rules", "scope"}


def sentences(event: Event, every: bool = False) -> Iterator[tuple[str, str, str, str]]:
    """Every sentence of the event's free text of four words or more, as (the fact it is part
    of, the name of what that speaks of, the sentence, the whole text): what a question the
    fields do not answer may find ("where do drivers park?" in the venue's directions; "Proof
    of full-time student status is needed." of the "Student" fee). The sessions, speakers and
    the organisers' entries are answered whole; with `every`, their sentences are among them,
    and those of every text field ("An abstract of up to 300 words")."""

    def walk(
        value: object, path: str, heading: str, free: bool
    ) -> Iterator[tuple[str, str, str, str]]:
        if isinstance(value, str) and free:
            for sentence in _SENTENCE_END.split(value.replace("\n", " ")):
                if len(sentence.split()) >= 4 and "://" not in sentence:
                    yield path, heading, sentence.strip(), value
        elif isinstance(value, list):
            for i, item in enumerate(value):
                yield from walk(item, f"{path}[{i}]", heading, free)
        elif isinstance(value, dict):
            name = value.get("category") or value.get("name") or value.get("question")
            inner = name if isinstance(name, str) and path else heading
            for key, item in value.items():
                free = every or key in _FREE_TEXT
                yield from walk(item, f"{path}.{key}" if path else key, inner, free)

    facts = event.model_dump(
        mode="json", exclude=None if every else {"qa", "programme", "speakers"}
    )
    yield from walk(facts, "", "", False)


@dataclass(frozen=True)
class Written:
    """A sentence of any text of the event: the fact it is part of (a session's, speaker's or
    entry's whole: "qa[3]"), what that speaks of ("" when that is the text itself), the
    sentence, and the whole text."""

    fact: str
    about: str
    sentence: str
    text: str


#: the session, speaker or entry a sentence of its text is part of: "programme[6]"
_WHOLE = re.compile(r"(?:programme|speakers|qa)\[\d+\]")


@dataclass(frozen=True)
class Passage:
    """A sentence of the event's free text: the fact it is part of, what that speaks of (a fee
    category, a deadline), the sentence, the whole text it is part of, and the stems of the
    sentence and of what it speaks of."""

    fact: str
    about: str
    sentence: str
    text: str
    said: frozenset[str]
    #: the stems of the field it is part of: "venue" of the venue's directions
    field: frozenset[str] = frozenset()


@dataclass(frozen=True)
class EventWords:
    event: Event
    refs: dict[Phrase, float]  # ways to name the event, with how surely each names it
    explained: dict[Intent, frozenset[str]]  # intent -> stems its facts explain
    own: frozenset[str]  # stems that name this event (never unexplained)
    #: stems of the event's own names, which say nothing of what a question is about (where
    #: `own` also holds the words of its people's and organisers' names: "Language")
    label: frozenset[str]
    #: the words that say nothing of which of its things is asked: the filler, less the words
    #: for other kinds of event ("the workshop papers deadline" of a conference)
    filler: frozenset[str]
    #: ("programme", 3) or ("speakers", 0) -> the stems of that session's or speaker's text
    items: dict[tuple[str, int], frozenset[str]]
    qa: tuple[frozenset[str], ...]  # the meaningful stems of each question-and-answer entry
    qa_said: tuple[frozenset[str], ...]  # every stem each entry says, its answer's too
    # what each entry is about: its keywords' stems, else its question's (less the event's own)
    qa_about: tuple[tuple[frozenset[str], frozenset[str]], ...]
    defined: dict[str, tuple[str, str]]  # a short form's stem -> (short form, its expansion)
    #: the sentences of the event's free text outside its sessions, speakers and entries, each
    #: with the fact it belongs to ("fees[2].note") and its stems
    passages: tuple[Passage, ...] = ()
    categories: frozenset[str] = frozenset()  # the stems of the fee categories' names
    #: each entry's keywords, each the stems of all its words ("each session": both)
    qa_keywords: tuple[tuple[frozenset[str], ...], ...] = ()
    #: the words the sessions' texts follow by a letter, with it: ("track", "a") of "Track A
    #: is in room 4"
    lettered: frozenset[tuple[str, str]] = frozenset()


class Catalog:
    """The loaded events, indexed for understanding messages about them."""

    def __init__(self, events: list[Event], lexicon: Lexicon) -> None:
        self.events = {event.id: event for event in events}
        self.lexicon = lexicon
        all_names = {event.id: _stems_of(list(_names(event))) for event in events}
        coined = _coined(events)
        clipped = _clipped(events)
        for event_id, cuts in clipped.items():  # "the palaeo school" is named by its cut too
            all_names[event_id] |= set(stems(cuts))
        self.words = {
            event.id: self._index(event, all_names, coined, events, lexicon) for event in events
        }
        #: every stem each event's facts say ("which event has a hackathon?")
        self.said = {event.id: frozenset(_stems_of(event) - lexicon.filler) for event in events}
        fact_stems = {event_id: said - lexicon.cue_stems for event_id, said in self.said.items()}
        self.distinctive = {
            event_id: frozenset(
                found - set().union(*(v for k, v in fact_stems.items() if k != event_id))
            )
            for event_id, found in fact_stems.items()
        }
        surface: set[str] = set()
        for event in events:
            for text in texts(event):
                surface.update(words(fold(text)))
        self.surface = frozenset(surface)  # every word the events are written with
        # what the fees name and include ("banquet", "lunch"), less what every text says
        self.fee_words = (
            frozenset().union(*(index.explained[Intent.FEES] for index in self.words.values()))
            - lexicon.filler
        )
        #: every stem of every event's fee categories' names ("student", "member")
        self.category_words = frozenset().union(*(w.categories for w in self.words.values()))
        #: every stem any event's facts say
        self.all_said = frozenset().union(*self.said.values())
        #: the fee categories' names of two words or more ("Online pass"): a word of one is
        #: no operation on a moment ("pass" is not "passed")
        self.fee_names = frozenset(
            name
            for event in events
            for fee in event.fees
            if len(name := phrase(_short(fee.category))) > 1
        )
        #: the words that name an event, as written ("leiden", "hanover", "sails")
        self.naming = frozenset(
            word
            for event in events
            for name in _names(event)
            for word in words(fold(name))
            if stems([word])[0] in self.words[event.id].own - lexicon.filler
        ) | frozenset(
            word
            for event in events
            if event.venue and event.venue.city
            for word in words(fold(event.venue.city))
        )
        #: every word of a place or zone's name ("new", "york", "tokio"), the tz database's
        #: cities too, so that no typo is read in "Lord Howe" ("how")
        self.zone_words = frozenset(word for name in lexicon.zones for word in name) | frozenset(
            word for city in tz_cities() for word in words(fold(city))
        )
        known = lexicon.vocabulary | surface | self.zone_words
        # a typo is corrected to a word that matters (a cue, a word of the events), never to a
        # filler word: "recording" is not a misspelt "regarding"
        meaningful = {w for w in lexicon.vocabulary if stems([w])[0] not in lexicon.filler}
        candidates = sorted(meaningful) + sorted(surface - lexicon.vocabulary)
        small = sorted(lexicon.vocabulary - meaningful)
        self.speller = Speller.of(set(known), candidates, small)
        # the events' own longer words, spelt as German and Dutch spell their cognates
        self._cognates = {_cognate_form(w): w for w in sorted(surface) if len(w) >= 5}
        self._cognate_forms = list(self._cognates)
        self.speakers = [
            (event.id, index, speaker.name, phrase(speaker.name), phrase(speaker.name.split()[-1]))
            for event in events
            for index, speaker in enumerate(event.speakers)
        ]
        self._texts: dict[str, list[Written]] = {}  # by event, as `texts` reads them
        self._spoken_of: dict[str, list[frozenset[str]]] = {}  # by event, as `spoken_of` reads
        #: the folded words of the names of the events' speakers and organisers: no towns
        #: ("Santos", "Nakamura")
        self.people = frozenset(
            word
            for event in events
            for name in [s.name for s in event.speakers] + [o.name for o in event.organisers]
            for word in words(fold(name))
        )
        self.organisers = {
            phrase(part)
            for event in events
            for organiser in event.organisers
            for part in [_short(organiser.name), *_parts(organiser.affiliation)]
            if phrase(part)
        }
        self._refs_by_first: dict[str, list[tuple[str, Phrase, float]]] = {}
        for event_id, index in self.words.items():
            for ref, weight in index.refs.items():
                self._refs_by_first.setdefault(ref[0], []).append((event_id, ref, weight))
        self.names = sorted(
            {fold(text) for event in events for text in _names(event)}, key=len, reverse=True
        )

    def _index(
        self,
        event: Event,
        all_names: dict[str, set[str]],
        coined: frozenset[str],
        all_events: list[Event],
        lexicon: Lexicon,
    ) -> EventWords:
        refs: dict[Phrase, float] = {}

        def add(text: str | None, weight: float) -> None:
            if text:
                key = phrase(text)
                if key:
                    refs[key] = max(refs.get(key, 0.0), weight)

        for name in (event.name, event.short_name, *event.acronyms, *event.aliases):
            add(name, STRONG)
            if name and (year := _YEAR_LAST.search(name)) and len(name[: year.start()].split()) > 1:
                add(name[: year.start()], STRONG)  # "the Engadin Summer School", not "2027"
        if event.venue:
            add(event.venue.name, STRONG)
            add(event.venue.city, STRONG)
            for spelling in _spellings(event, lexicon):  # "Hannover" of the file's "Hanover"
                refs.setdefault(spelling, STRONG)
            if event.venue.co_located_with:
                add(event.venue.co_located_with, STRONG)
                add(event.venue.co_located_with.split()[0], STRONG)
        for speaker in event.speakers:
            add(speaker.name, NAMED)
            add(speaker.name.split()[-1], NAMED)
        for speaker in event.speakers:
            add(speaker.affiliation, NAMED)
        for organiser in event.organisers:
            add(_short(organiser.name), NAMED)
            for part in _parts(organiser.affiliation):
                add(part, NAMED)
        others = set().union(
            *(names for event_id, names in all_names.items() if event_id != event.id)
        )
        for word in all_names[event.id] - others - lexicon.filler - lexicon.cue_stems:
            if not word.isdigit():  # "Kaghaz" names its event surely; "causality" may not
                refs.setdefault((word,), NAMED if word in coined else WEAK)
        if event.kind and not any(e.kind == event.kind for e in all_events if e.id != event.id):
            refs.setdefault(phrase(event.kind), WEAK)
        explained = {
            intent: frozenset(_stems_of([getattr(event, f) for f in fields]))
            for intent, fields in FIELDS.items()
        }
        own = frozenset(word for ref in refs for word in ref)
        label = frozenset(
            word
            for name in (event.name, event.short_name, *event.acronyms, *event.aliases)
            if name
            for word in phrase(name)
        )
        kinds = {w[0] for w in lexicon.grammar.event_words if len(w) == 1} & lexicon.filler
        own_kind = set(phrase(event.kind or "")) | label
        qa = tuple(
            frozenset(_stems_of([entry.question, *entry.keywords]) - lexicon.filler)
            for entry in event.qa
        )
        return EventWords(
            event=event,
            refs=refs,
            explained=explained,
            own=own,
            label=label,
            filler=lexicon.filler - (kinds - own_kind),
            items={
                (kind, i): frozenset(_stems_of(item))
                for kind in ("programme", "speakers")
                for i, item in enumerate(getattr(event, kind))
            },
            qa=qa,
            qa_said=tuple(
                frozenset(_stems_of([entry.question, entry.answer, *entry.keywords]))
                for entry in event.qa
            ),
            qa_about=tuple(
                (
                    frozenset(_stems_of(entry.keywords)) - lexicon.filler - label,
                    frozenset(_stems_of([entry.question])) - lexicon.filler - label,
                )
                for entry in event.qa
            ),
            qa_keywords=tuple(
                tuple(
                    said
                    for keyword in entry.keywords
                    if (said := frozenset(_stems_of(keyword))) - lexicon.filler
                )
                for entry in event.qa
            ),
            defined=definitions(event),
            categories=frozenset(_stems_of([fee.category for fee in event.fees])),
            lettered=frozenset(
                (word, label)
                for s in event.programme
                for word, label in pairwise(stems(words(fold(f"{s.title} {s.description or ''}"))))
                if len(label) == 1 and label.isalpha()
            ),
            passages=tuple(
                Passage(
                    fact,
                    about,
                    sentence,
                    whole,
                    frozenset(_stems_of([about, sentence])),
                    frozenset(_stems_of(_field(fact))),
                )
                for fact, about, sentence, whole in sentences(event)
            ),
        )

    def texts(self, event: Event) -> list[Written]:
        """Every sentence of every text of `event` ("An abstract of up to 300 words", "Talks
        are 15 minutes plus 5 for questions"), read once a catalog, when first asked for."""
        if event.id not in self._texts:
            self._texts[event.id] = [
                Written(
                    whole[0] if (whole := _WHOLE.match(path)) else path,
                    "" if about == text else about,
                    sentence,
                    text,
                )
                for path, about, sentence, text in sentences(event, every=True)
            ]
        return self._texts[event.id]

    def spoken_of(self, event: Event) -> list[frozenset[str]]:
        """The stems each of the event's `texts` speaks of, with what it is about: a session's,
        speaker's or entry's sentence all that its whole says (a session's title speaks of
        what its description says); read once a catalog, when first asked for."""
        if event.id not in self._spoken_of:
            texts = self.texts(event)
            own = [stem_set(f"{written.about} {written.sentence}") for written in texts]
            whole: dict[str, set[str]] = {}
            for written, stems_ in zip(texts, own, strict=True):
                if _WHOLE.fullmatch(written.fact):
                    whole.setdefault(written.fact, set()).update(stems_)
            self._spoken_of[event.id] = [
                frozenset(whole.get(written.fact) or stems_)
                for written, stems_ in zip(texts, own, strict=True)
            ]
        return self._spoken_of[event.id]

    def cognate(self, word: str) -> str | None:
        """The events' word a German or Dutch word no one knows is a cognate of ("kausalitat":
        causality, "sensitiviteitsanalyse": sensitivity, "gaussische": gaussian), if one is
        close enough."""
        if len(word) < 5:
            return None
        # a participle's "ge-" has no English cognate: "gepersonaliseerde" is "personalised"
        forms = [word, word[2:]] if word.startswith("ge") and len(word) > 9 else [word]
        # a noun's plural or feminine ending has none either: "Präsidenten", "Präsidentin"
        forms += [
            word.removesuffix(end)
            for end in _NOUN_ENDINGS
            if word.endswith(end) and len(word) - len(end) >= 6
        ]
        found = [
            extractOne(
                _cognate_form(form),
                self._cognate_forms,
                scorer=JaroWinkler.normalized_similarity,
                score_cutoff=COGNATE,
            )
            for form in forms
        ]
        best = max((f for f in found if f), key=lambda f: f[1], default=None)
        return self._cognates[best[0]] if best else None

    def detail_of(self, tokens: tuple[str, ...]) -> str | None:
        """The one event whose facts alone hold a word of `tokens` ("CMIG", "oncology")."""
        found = {event_id for event_id, own in self.distinctive.items() if own.intersection(tokens)}
        return found.pop() if len(found) == 1 else None

    def mentions(
        self, tokens: tuple[str, ...], ignore: frozenset[int] | set[int] = frozenset()
    ) -> tuple[dict[str, float], set[int]]:
        """How surely the stems `tokens` name each event, and which positions did the naming.

        A single distinctive word at a position in `ignore` (part of a topic asked about) names
        nothing; two distinctive words of one event's name ("the Nordic-Baltic hackathon") name
        it surely (NAMED).
        """
        scores: dict[str, float] = {}
        used: set[int] = set()
        weak: dict[str, set[Phrase]] = {}
        for start, token in enumerate(tokens):
            for event_id, ref, weight in self._refs_by_first.get(token, ()):
                if tokens[start : start + len(ref)] != ref or (weight <= WEAK and start in ignore):
                    continue
                if weight <= WEAK and start and self._qualifies(tokens[start - 1], event_id):
                    continue  # "prior knowledge": a noun of the question, whatever it names
                scores[event_id] = max(scores.get(event_id, 0.0), weight)
                used.update(range(start, start + len(ref)))
                if weight <= WEAK:
                    weak.setdefault(event_id, set()).add(ref)
        for event_id, refs in weak.items():  # "the Nordic-Baltic hackathon": two words of its name
            if len(refs) > 1:
                scores[event_id] = max(scores[event_id], NAMED)
        return scores, used

    def _qualifies(self, token: str, event_id: str) -> bool:
        """Whether a word before a word of an event's name makes that word the question's own:
        a word that is no small word and no other word of the event's name ("prior" of "prior
        knowledge", not "the" of "the causality symposium" nor "AI" of "AI causality")."""
        named = self.words[event_id]
        return token not in self.lexicon.filler and token not in named.own | named.label


#: how alike a word and an event's word must be, spelt alike, to be one (Jaro–Winkler)
COGNATE = 0.9
_COGNATE_SPELLING = (
    ("ik$", "ics"),  # "Robotik", "Statistik"; before "k" becomes "c"
    ("gra(?:ph|f)ie", "graphy"),  # "Kartografie", "Kartographie"
    ("logie", "logy"),
    ("k", "c"),
    ("z", "c"),
    ("iteit", "ity"),
    ("itat", "ity"),
    ("isch", "ic"),
    ("ierung", "ation"),
    ("atie", "ation"),
)


#: the endings of German and Dutch nouns that English cognates lack: the plural
#: ("Präsidenten", "faculteiten"), the feminine ("Präsidentin", "Präsidentinnen")
_NOUN_ENDINGS = ("en", "in", "innen")


def _cognate_form(word: str) -> str:
    """A word spelt as English would spell a German or Dutch cognate ("kausalitat" -> "causality",
    "kartografie" -> "cartography")."""
    for german, english in _COGNATE_SPELLING:
        word = re.sub(german, english, word)
    return word


def _spellings(event: Event, lexicon: Lexicon) -> list[Phrase]:
    """Other spellings of the event's city that the languages know as a place in the event's
    own time zone ("Hannover" of "Hanover", "Gent" of "Ghent")."""
    city = phrase(event.venue.city) if event.venue and event.venue.city else ()
    zone = str(event.timezone) if event.timezone else None
    if len(city) != 1 or zone is None:
        return []
    return [
        name
        for name, key in lexicon.zones.items()
        if len(name) == 1
        and key == zone
        and name != city
        and JaroWinkler.normalized_similarity(name[0], city[0]) >= COGNATE
    ]


#: a web or mail address, whose words are written small whatever they name
_ADDRESSES = re.compile(r"\S*(?:@|://|www\.)\S*")


def _coined(events: list[Event]) -> frozenset[str]:
    """The stems of the words of the events' own names that are no word of any language
    ("Kaghaz", "Rekohu"), that no text of the events writes in small letters (a "hackathon" is
    a thing, not a name) and that is no place: such a word alone names its event as surely as
    a speaker's name.
    The languages' word lists take long to read, so what they say of these names is kept on
    disk."""
    lower = {
        word
        for event in events
        for text in texts(event)
        if text != event.id
        for word in re.findall(r"\w+", _ADDRESSES.sub(" ", text))
        if word.islower()
    }
    small = {fold(word) for word in lower}
    named = sorted(
        {
            word
            for event in events
            for name in (event.name, event.short_name, *event.acronyms, *event.aliases)
            if name
            for word in words(fold(name))
            if len(word) >= 4 and word not in small and not any(c.isdigit() for c in word)
        }
    )
    found = prebuilt.load(
        "coined",
        # the rule is part of what is kept: a copy made by another rule is not read
        ["no word of a language, no town, country or tz city", *named],
        # a town in the name ("Utrecht Winter School") is where an asker may be, too
        lambda: [w for w in named if not (dictionary.is_word(w) or _a_place(w))],
    )
    return frozenset(stems(found))


#: a word of an event's name that may be clipped, and how short its clipped form may be
_CLIPPED_FROM, _SHORTEST_CLIP = 9, 5


def _clipped(events: list[Event]) -> dict[str, frozenset[str]]:
    """The clipped forms of the long words of each event's own names, by event: "palaeo" of
    "Palaeontology", "neuro" of "Neuroscience", cut after an "o" that joins two parts of the
    word, and no word of any language ("photo" is a photo) nor a place. What the word lists
    say of them is kept on disk, as for `_coined`."""
    cuts = {
        event.id: {
            word[:end]
            for name in (event.name, event.short_name, *event.acronyms, *event.aliases)
            if name
            for word in words(fold(name))
            if len(word) >= _CLIPPED_FROM and word.isalpha()
            for end in range(_SHORTEST_CLIP, len(word) - 3)
            if word[end - 1] == "o"
        }
        for event in events
    }
    every = sorted(set().union(*cuts.values()))
    kept = set(
        prebuilt.load(
            "clipped",
            ["no word of a language, no town, country or tz city", *every],
            lambda: [cut for cut in every if not (dictionary.is_word(cut) or _a_place(cut))],
        )
    )
    return {event_id: frozenset(found & kept) for event_id, found in cuts.items()}


def _a_place(word: str) -> bool:
    """Whether `word` (folded) is a town's or a country's, or a word of a tz database city."""
    return places.zone_of(word) is not None or any(
        word in words(fold(city)) for city in tz_cities()
    )


def _names(event: Event) -> Iterator[str]:
    """The names of an event and of the people and places in it, as written."""
    yield from (event.name, *(n for n in (event.short_name,) if n), *event.acronyms, *event.aliases)
    yield from (s.name for s in event.speakers)
    yield from (s.affiliation for s in event.speakers if s.affiliation)
    yield from (o.name for o in event.organisers)
    if event.venue:
        yield from (v for v in (event.venue.name, event.venue.co_located_with) if v)
