"""The organisers' own questions and answers (`[[qa]]`): which entry a question asks, by the
words of the entry's question and keywords, or, when the event's fields leave words of the
question unexplained, by its answer's words too."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..knowledge import Event
from ..knowledge import moments as m
from .answers.refunds import names_money, passes_on
from .index import Catalog, Written
from .intents import Intent
from .lexicon import Phrase
from .query import Query
from .text import fold, stem, stem_set, stems, words

#: Questions answered with a number: an amount, a date, a duration.
_COUNTED = {Intent.FEES, Intent.DEADLINES, Intent.DATES}
#: the numbers the organisers write in words, as the events' English does: "teams of up to
#: five people", "a five-minute talk"
_NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty"
    "|forty-five|forty|sixty|ninety"
)
#: a length of time as the organisers write it: "90-minute", "15 minutes", "a five-minute talk"
_LENGTH = re.compile(
    rf"\b(?:\d+(?:[.,]\d+)?|{_NUMBER_WORDS})"
    r"[- ]?(?:minutes?|mins?|hours?|hrs?)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Entries:
    catalog: Catalog
    filler: frozenset[str]
    #: how a question is framed (when, which session, who, to register…): never a word an
    #: entry must explain
    frames: frozenset[str]

    def asked(self, event: Event, query: Query) -> set[str]:
        """The stems that carry the question's meaning, less the event's own name."""
        label = self.catalog.words[event.id].label - self.apart(event, query)
        return set(query.in_english) - self.filler - label

    def apart(self, event: Event, query: Query) -> set[str]:
        """The words that alone name the event but name nothing in the question, as "knowledge"
        of "prior knowledge" asked of an event named "… Ocean Knowledge": the question's own."""
        refs = self.catalog.words[event.id].refs
        return {word for word in stems(query.content) if (word,) in refs}

    def matching(self, event: Event, query: Query) -> tuple[int, float] | None:
        """The entry whose question or keywords the query asks, and how much of the query
        they cover: half of the query's words at least, and what the entry is about (its
        keywords, else half of its question's words)."""
        asked = self.asked(event, query)
        if not asked or not event.qa:
            return None
        best: tuple[int, float] | None = None
        index = self.catalog.words[event.id]
        for i, known in enumerate(index.qa):
            score = len(asked & known) / len(asked)
            if score < 0.5 or (best is not None and score <= best[1]):
                continue
            keywords, question = index.qa_about[i]
            # "each session" is a phrase: its "each" must be asked too ("when is the first
            # session?" asks no entry on registering for each session); "talk length" is two
            # words, either of which names what the entry is about
            hit = any(
                keyword <= query.asked if keyword & self.filler else keyword & asked
                for keyword in index.qa_keywords[i]
            )
            if (keywords and hit) or (not keywords and len(asked & question) * 2 >= len(question)):
                best = (i, score)
        return best

    def needed(self, query: Query) -> list[str]:
        """The words of the question an answer must speak of: what nothing explained, and the
        cues of the intents that lost, less the words that frame the question."""
        return [*query.content, *(w for w in query.rivals if stems([w])[0] not in self.frames)]

    def items(self, event: Event, query: Query, kind: str) -> list[int]:
        """The sessions or speakers (`kind`) whose own text speaks of every word of the
        question nothing explained and of every cue of an intent that lost, two at least ("who
        gives the public evening lecture?"): a cue that elsewhere only frames a question
        ("lecture") is here what names the session."""
        asked = [*query.content, *query.rivals]
        if len(asked) < 2:
            return []
        index = self.catalog.words[event.id]
        return [
            i
            for (of, i), said in index.items.items()
            if of == kind and all(query.senses(w) & (said | index.own) for w in asked)
        ]

    def passage(
        self,
        event: Event,
        intent: str,
        query: Query,
        aspect: Sequence[tuple[str, ...]] = (),
        within: tuple[str, ...] = (),
    ) -> int | None:
        """The one sentence of the event's free text that speaks of every word needed (two at
        least: one alone is too often another thing) and of four in five of the question's
        words, and of the most of them ("where do drivers park?" in the directions); with one
        word needed, of every word asked, two at least besides the words that frame a question,
        in a question of no moment ("is there a quiet room?", not "when can I phone?"). Or, when
        cues of an `aspect` of the fees ask what no field says ("can I pay with PayPal?"), the
        one that speaks of a word of one of them and of every word needed, in the facts
        `within` if given (the fees' and registration's, not the directions' "back" of "money
        back")."""
        needed = self.needed(query)
        index = self.catalog.words[event.id]
        asked = self.asked(event, query)
        every_word = (
            len(needed) == 1
            and len(asked - self.frames) >= 2
            and query.operation is None
            and not query.when_words
        )
        # "is there eduroam?": the one text that speaks of it, if only one does
        one_thing = len(needed) == 1 and query.polar and query.there_is and query.operation is None
        if len(needed) < 2 and not aspect and not every_word and not one_thing:
            return None
        best: dict[str, tuple[int, int]] = {}  # a text's best sentence: it is given whole
        for i, passage in enumerate(index.passages):
            # "is there eduroam at the venue?": the venue's text is the venue's
            said = passage.said | index.own | (passage.field if one_thing else frozenset())
            if not all(query.senses(w) & said for w in needed):
                continue
            if (
                (not within or passage.fact.startswith(within))
                and any(query.senses(w) & said for cue in aspect for w in cue)
                if aspect
                else (
                    (intent not in _COUNTED or _has_a_number(passage.sentence))
                    and len(asked & said) >= (len(asked) if every_word else 0.8 * len(asked))
                )
            ):
                best[passage.fact] = max(best.get(passage.fact, (0, i)), (len(asked & said), i))
        fitting = sorted(best.values(), reverse=True)
        if not fitting or (len(fitting) > 1 and fitting[0][0] == fitting[1][0]):
            return None
        if one_thing and not every_word and len(fitting) > 1:
            return None
        return fitting[0][1]

    def best_sentence(
        self,
        event: Event,
        query: Query,
        fits: Callable[[str], object],
        asking: frozenset[str] = frozenset(),
        least: float = 0.0,
        framed_only: bool = False,
    ) -> Written | None:
        """The sentence of the event's texts that `fits` and speaks of the most of the words
        the question names besides those `asking` it ("how far", "contact"), one and `least` a
        share of them at least: the one that says how far apart the places asked are ("65 km
        from Irkutsk"), or gives an address for what is asked ("Questions about invoices go to
        …@…"). None when a sentence of another text speaks of as many (which is meant, the
        organisers know); of two as good, the one that also says more of the question's other
        words ("may I ask questions in Spanish?": "You may ask questions in English or
        Spanish."), which alone decide, if `framed_only`, when every word of the question frames
        it ("In welcher Sprache sind die Vorträge?")."""
        asked = self.asked(event, query) - asking - self.frames
        framing = query.asked - asked
        texts, said_in = self.catalog.texts(event), self.catalog.spoken_of(event)
        scored = sorted(
            (
                (len(asked & said), len(framing & said), i, written)
                for i, (written, said) in enumerate(zip(texts, said_in, strict=True))
                if fits(written.sentence) and not written.sentence.endswith("?")
            ),
            key=lambda each: (-each[0], -each[1], each[2]),
        )
        if not scored or scored[0][0] < least * len(asked):
            return None
        most, framed, _, best = scored[0]
        if not (most or (framed and framed_only and not asked)):
            return None
        if any(  # the same sentence written twice ("… go to applications@…" in the
            # registration's note and the contact's) is one answer
            (n, f) == (most, framed)
            and written.fact != best.fact
            and written.sentence != best.sentence
            for n, f, _, written in scored[1:]
        ):
            return None
        return best

    def on_passing_on(self, event: Event, query: Query) -> Written | None:
        """The organisers' sentence on passing one's place on to someone else (refunds.passes_on),
        in a field's text or an entry's answer: of several, the one that speaks of the most words
        of the question ("my symposium seat"), else one not of a single fee ("Seats can be
        transferred to someone else" of the seats' fee speaks of no other place)."""
        asked = self.asked(event, query)
        found = [w for w in self.catalog.texts(event) if passes_on(w.sentence)]
        return max(
            found,
            key=lambda w: (len(asked & stem_set(w.sentence)), not w.fact.startswith("fees[")),
            default=None,
        )

    def count_given(
        self,
        event: Event,
        query: Query,
        counted: frozenset[str] | None = None,
        asking: frozenset[str] = frozenset(),
        groups: frozenset[str] = frozenset(),
    ) -> Written | None:
        """The one text of the event with a number of what a count question counts (or of
        one of the `counted` units: how long an abstract is, in words or pages), in a sentence
        that speaks of the question's other words: "how many words may the abstract have?",
        "Hoeveel woorden mag de motivatie zijn?", "How long can the abstract be?" ("An abstract
        of up to 300 words"); `asking` are the words that ask it ("how big"), of one of the
        `groups` ("team")."""
        if query.operation is not None:  # "how many days left?"
            return None
        counted = counted or what_is_counted(query)
        if not counted:
            return None
        own = self.catalog.words[event.id].own
        # what is counted of: "abstract", "motivation"; a count of nothing named ("how many
        # people attended?", "wie viele Leute haben sich angemeldet?") is no number written
        of = {w for w in self.asked(event, query) - self.frames - asking if not {w} & counted}
        of |= groups & set(query.stems)  # "how big can a team be?": a team, a small word else
        if not of:
            return None
        found: dict[str, Written] = {}  # a text's first such sentence
        numbers: set[str] = set()
        for written in self.catalog.texts(event):
            # the field says what its text is: "13 nights in a twin room" is what a fee includes
            field = " ".join(re.findall(r"[a-z]+", written.fact))
            said = set(stems(words(fold(f"{field} {written.about} {written.sentence}")))) | own
            given = numbers_of(written.sentence, counted)
            if given and all(query.senses(w) & said for w in of):
                found.setdefault(written.fact, written)
                numbers |= given
        # one text, or several that give the same number ("13 nights" in each room's fee)
        return next(iter(found.values())) if len(found) == 1 or len(numbers) == 1 else None

    def counted_in_texts(
        self, event: Event, query: Query, expected: frozenset[str]
    ) -> Written | None:
        """The one sentence of the event's texts with a number of what a count question counts
        ("About 1,100 participants from …"), else the one with a number that says what is
        `expected`."""
        counted = what_is_counted(query)
        if not counted:
            return None
        texts = self.catalog.texts(event)
        # how many come is written in figures: "teams of five people" are no attendance
        found = [w for w in texts if numbers_of(w.sentence, counted, spelt=False)]
        if len(found) != 1:  # "we expect about 1,150", "we expect about 2,000 delegates"
            found = [
                w
                for w in found or texts
                if set(stems(words(fold(w.sentence)))) & expected
                and any(c.isdigit() for c in w.sentence)
            ]
        return found[0] if len(found) == 1 else None

    def price_given(
        self, event: Event, query: Query, currencies: Sequence[Phrase]
    ) -> Written | None:
        """The organisers' text of what a thing the fees do not name costs: an amount of money
        right after its name in any text of the event ("Admitted participants pay
        a deposit of 600 NZD by 20 November"), when every text that says so gives the same one
        ("How much is the deposit?", "Hoe hoog is de aanbetaling?")."""
        needed = set(self.needed(query))
        if not needed or query.operation is not None:
            return None
        found: dict[str, Written] = {}
        amounts: set[str] = set()
        for written in self.catalog.texts(event):
            said = written.sentence.split()
            stems_at = [set(stems(words(fold(token)))) for token in said]
            if not all(any(query.senses(w) & here for here in stems_at) for w in needed):
                continue
            first = next(
                i for i, here in enumerate(stems_at) if any(query.senses(w) & here for w in needed)
            )
            after = " ".join(said[first : first + 4])  # "a deposit of 600 NZD"
            if names_a_price(event, after, currencies):
                found.setdefault(written.fact, written)
                amounts.add(re.sub(r"\D", "", after))
        if len(amounts) != 1:
            return None
        return min(found.values(), key=lambda said: len(said.text))

    def length_given(self, event: Event, query: Query, parts: set[str]) -> Written | None:
        """The one text of the event that gives the length of a kind of part of the programme
        next to its name, in a sentence that speaks of the question's other words: "Eight
        90-minute sessions", "Contributed talks are 15 minutes plus 5 for questions"; not "a
        10-minute talk" for "how long is the discussion after my talk?". When the texts give
        several lengths, the one written right before the name: "a 50-minute talk" for a
        talk, not "a five-minute lightning talk" nor "each seminar lasts 90 minutes"."""
        own = self.catalog.words[event.id].own
        others = [w for w in self.needed(query) if not query.senses(w) & parts]
        found: dict[str, list[Written]] = {}  # by length; several texts may say it
        before_the_name: set[str] = set()
        for written in self.catalog.texts(event):
            sentence = written.sentence
            said = set(stems(words(fold(sentence)))) | own
            if not all(query.senses(w) & said for w in others):
                continue
            named = _lengths_of(sentence, parts)
            if not named:
                continue
            # a sentence's first length, or the one right before the name: "15 minutes plus
            # 5 for questions", "lasts 90 minutes: a 50-minute talk"
            adjacent, said_length = max(named, key=lambda each: each[0])
            found.setdefault(said_length, []).append(written)
            if adjacent:
                before_the_name.add(said_length)
        if len(found) != 1 and len(before_the_name) != 1:
            return None
        (the_length,) = found if len(found) == 1 else before_the_name
        return min(found[the_length], key=lambda said: len(said.text))  # the shortest

    def still_about(
        self, event: Event, intent: str, query: Query, i: int, words: list[str]
    ) -> bool:
        """Whether entry `i`, just given, answers a follow-up asking `words`: it speaks of
        every one, and one word only its answer says is asked as an amount, a date or a
        duration the answer gives ("how much per night?"), not as a thing ("is there
        parking?" of the "Nordnes Park Hotel")."""
        if not words or not self.says(event, query, i, words):
            return False
        about = self.catalog.words[event.id].qa[i]
        return (
            len(words) > 1
            or any(query.senses(w) & about for w in words)
            or (intent in _COUNTED and _has_a_number(event.qa[i].answer))
        )

    def says(self, event: Event, query: Query, i: int, words: list[str]) -> bool:
        """Whether entry `i` speaks of every one of `words` (its answer too)."""
        index = self.catalog.words[event.id]
        return all(query.senses(w) & (index.qa_said[i] | index.own) for w in words)

    def tells_instead(
        self,
        event: Event,
        intent: str,
        query: Query,
        i: int,
        unsaid: list[str],
        asking: list[str],
    ) -> bool:
        """Whether entry `i` answers a question whose words `unsaid` an answer of `intent`
        leaves unsaid ("how do I apply for the student showcase?"): it says them; it names a
        day for a question of when, an amount for one of cost; and for "how do I register /
        apply / submit?" it says one of the words that ask so (`asking`), not only the thing."""
        if not self.says(event, query, i, unsaid):
            return False
        text = event.qa[i].answer
        if intent in (Intent.DATES, Intent.DEADLINES) and not m.names_a_day(text):
            return False
        if intent == Intent.FEES and not _has_a_number(text):
            return False
        if intent in (Intent.REGISTRATION, Intent.SUBMISSION) and "how" in query.aspects:
            return self.says_any(event, query, i, asking)
        return True

    def says_any(self, event: Event, query: Query, i: int, words: list[str]) -> bool:
        """Whether entry `i` speaks of one of `words`."""
        said = self.catalog.words[event.id].qa_said[i]
        return any(query.senses(w) & said for w in words)

    def answering(
        self,
        event: Event,
        intent: str,
        query: Query,
        unexplained: list[str],
        last: int | None = None,
    ) -> int | None:
        """The one entry whose text speaks of every word the facts of the question's kind do
        not explain ("are the Monday workshops recorded?": the entry on recordings says so in
        its answer). A word the facts do not explain that only the answer says must come with
        another ("the backup video"): one alone is too often another thing ("parking" is not
        the "Solna Park Hostel", a "PhD student's fee" not the travel bursaries for PhD
        students). An amount, a date or a duration is asked only of an answer with a number in
        it ("how much is the JR Haruka ticket?" of one that only names the train). When no
        entry does, the `last` one given, if it says every word ("and what does that cost a
        night?")."""
        if not query.content:
            return None
        index = self.catalog.words[event.id]
        needed = self.needed(query)
        asked = self.asked(event, query)

        def fits(i: int) -> bool:
            if not self.says(event, query, i, needed):
                return False
            if intent in _COUNTED and not _has_a_number(event.qa[i].answer):
                return False
            about = index.qa[i] | index.own
            strange = unexplained or needed
            if len(strange) == 1 and strange[0] in query.countries:
                # "Do I need a visa as a German citizen?": the country is the asker's; it is
                # what the entry speaks of that must be asked
                strange = needed
            return len(strange) > 1 or any(query.senses(w) & about for w in strange)

        fitting = sorted(
            (
                (len(asked & index.qa_said[i]) + len(asked & index.qa[i]), i)
                for i in range(len(event.qa))
                if fits(i)
            ),
            reverse=True,
        )
        if not fitting:  # the file may have changed since the last one was given
            if last is not None and last < len(event.qa) and self.says(event, query, last, needed):
                return last
            return None
        if len(fitting) > 1 and fitting[0][0] == fitting[1][0]:
            return None
        return fitting[0][1]


def _lengths_of(sentence: str, parts: set[str]) -> list[tuple[bool, str]]:
    """The lengths of time a sentence gives within a few words of one of `parts`, each with
    whether it stands right before it ("a 50-minute talk")."""
    lengths = []
    for length in _LENGTH.finditer(sentence):
        after = stems(words(fold(sentence[length.end() : length.end() + 30])))
        before = stems(words(fold(sentence[max(0, length.start() - 30) : length.start()])))
        if parts & {*before, *after}:
            written = re.sub(r"\W", "", length[0].lower()).rstrip("s")
            lengths.append((bool(after) and after[0] in parts, written))
    return lengths


def counts(text: str, query: Query) -> bool:
    """Whether `text` gives a number of what `query` counts: "up to 300 words", "20 places"."""
    counted = what_is_counted(query)
    return bool(counted) and gives_a_number_of(text, counted)


def what_is_counted(query: Query) -> frozenset[str]:
    """The stems of the word a count question counts, and its English ("pages", "Seiten");
    none when it counts nothing."""
    if query.counted is None:
        return frozenset()
    return frozenset(query.senses(query.surface[query.counted]))


def gives_a_number_of(text: str, counted: frozenset[str]) -> bool:
    """Whether `text` has a number right before a word of the stems `counted`."""
    return bool(numbers_of(text, counted))


def numbers_of(text: str, counted: frozenset[str], spelt: bool = True) -> set[str]:
    """The numbers `text` gives right before a word of the stems `counted`: "13 nights",
    and `spelt` out, "five people"."""
    said = words(fold(text))
    return {
        w
        for i, word in enumerate(said)
        if stem(word) in counted
        for w in said[max(i - 2, 0) : i]
        if w.isdigit() or (spelt and re.fullmatch(_NUMBER_WORDS, w))
    }


def names_a_price(event: Event, text: str, currencies: Sequence[Phrase]) -> bool:
    """Whether `text` names an amount of money in a currency the event's fees are paid in
    ("140 EUR"), or with a currency's sign or name ("€35", "NZ$1,800", "2,000,000 rials"); not
    a date or a count of something else."""
    if names_money(text, {fee.currency for fee in event.fees if fee.currency}):
        return True
    names = {" ".join(name) for name in currencies}
    said = [w for w in re.split(r"\s+|(?<=[€$£¥₹])(?=\d)|(?<=\d)(?=[€$£¥₹])", fold(text)) if w]
    for i, word in enumerate(said):
        if not any(c.isdigit() for c in word):
            continue
        if word[0] in _SIGNS or word.rstrip(".,;:)")[-1:] in _SIGNS:  # "NZ$35", "35€"
            return True
        near = [w.strip(".,;:()") for w in said[max(i - 1, 0) : i] + said[i + 1 : i + 2]]
        if any(w in names or w[-1:] in _SIGNS for w in near if w):
            return True
    return False


#: the signs of currencies written next to an amount
_SIGNS = frozenset("€$£¥₹")


def _has_a_number(text: str) -> bool:
    return any(c.isdigit() for c in text)
