"""Where the sessions of one kind are ("which room are the keynotes in?"): every session whose
title has the word, with its place, and none of the others."""

from __future__ import annotations

import datetime as dt

import pytest

import asking
from eventbot.engine import Engine, Incoming, State
from eventbot.knowledge import Deadline, Event

NOW = dt.datetime(2027, 3, 1, 12, tzinfo=dt.UTC)
EVENT = Event.model_validate(
    {
        "id": "kinds-2027",
        "name": "Kinds Workshop 2027",
        "summary": "A two-day workshop.",
        "timezone": "Europe/Vienna",
        "dates": {"start": "2027-04-12", "end": "2027-04-13"},
        "programme": [
            {
                "title": "Keynote: Learning from sparse labels",
                "day": "2027-04-12",
                "start": "09:00",
                "description": "Festsaal.",
            },
            {
                "title": "Exercises 1: label noise",
                "day": "2027-04-12",
                "start": "14:00",
                "description": "Rooms A and B; bring a laptop.",
            },
            {
                "title": "Keynote: Causal discovery at scale",
                "day": "2027-04-13",
                "start": "09:00",
                "description": "Festsaal.",
            },
            {
                "title": "Exercises 2: discovery in practice",
                "day": "2027-04-13",
                "start": "14:00",
                "description": "Rooms A and B.",
            },
            {
                "title": "Closing panel",
                "day": "2027-04-13",
                "start": "16:00",
                "description": "Library.",
            },
        ],
    }
)


@pytest.mark.parametrize(
    ("question", "kind", "other"),
    [
        ("which room are the keynotes in?", "Keynote", "Exercises"),
        ("Which rooms are the exercises in?", "Exercises", "Keynote"),
        ("In welchem Raum sind die Keynotes?", "Keynote", "Exercises"),
        ("In welke zaal zijn de keynotes?", "Keynote", "Exercises"),
    ],
)
def test_the_sessions_of_a_kind_are_answered_with_their_places(
    question: str, kind: str, other: str
) -> None:
    outcome = Engine([EVENT]).handle(Incoming(question), State(), NOW)
    text = outcome.replies[0].text
    assert not outcome.handoff, text
    assert text.count(kind) == 2
    assert ("Festsaal" if kind == "Keynote" else "Rooms A and B") in text
    assert other not in text and "Closing panel" not in text


def test_one_session_asked_where_is_answered_with_its_place() -> None:
    outcome = Engine([EVENT]).handle(Incoming("which room is the closing panel in?"), State(), NOW)
    assert not outcome.handoff
    assert "Library" in outcome.replies[0].text


def test_two_kinds_asked_together_are_both_answered() -> None:
    question = "which rooms are the keynotes and the exercises in?"
    text = Engine([EVENT]).handle(Incoming(question), State(), NOW).replies[0].text
    assert text.count("Keynote") == 2 and text.count("Exercises") == 2


@pytest.mark.parametrize(
    ("question", "title"),
    [
        ("When is the first keynote?", "Learning from sparse labels"),
        ("Wann ist die letzte Keynote?", "Causal discovery at scale"),
        ("Hoe laat begint de eerste keynote?", "Learning from sparse labels"),
        # a session of any kind: the first or last of them all
        ("When is the first session?", "Registration"),
        ("What is the last session?", "Closing panel"),
        ("Wann ist die zweite Keynote?", "Causal discovery at scale"),
        ("what time is the third session?", "Exercises 1"),
        ("Hoe laat begint de tweede keynote?", "Causal discovery at scale"),
    ],
)
def test_the_first_or_last_of_a_kind_is_the_first_or_last_session_of_it(
    question: str, title: str
) -> None:
    desk = {"title": "Registration", "day": "2027-04-12", "start": "08:00"}
    sessions = [desk, *(s.model_dump(mode="json") for s in EVENT.programme)]
    event = Event.model_validate({**EVENT.model_dump(mode="json"), "programme": sessions})
    text = Engine([event]).handle(Incoming(question), State(), NOW).replies[0].text
    assert title in text
    assert len(text.splitlines()) == 1  # that one only


def test_the_second_day_is_a_day_not_the_second_session() -> None:
    text = Engine([EVENT]).handle(Incoming("What's on the second day?"), State(), NOW)
    assert "Closing panel" in text.replies[0].text  # not only the second session


SERIES = Event.model_validate(
    {
        "id": "series-2027",
        "name": "Series Seminars 2027",
        "summary": "Three online seminars.",
        "timezone": "Europe/Vienna",
        "dates": {"start": "2027-04-12", "end": "2027-06-14"},
        "programme": [
            {"title": "Session 1: Priors", "day": "2027-04-12", "start": "16:00", "end": "17:15"},
            {"title": "Session 2: Models", "day": "2027-05-10", "start": "16:00", "end": "17:15"},
            {"title": "Session 3: Panel", "day": "2027-06-14", "start": "15:00", "end": "17:30"},
        ],
    }
)


@pytest.mark.parametrize(
    ("question", "said"),
    [
        (
            "How long is each session?",
            "The sessions last 75 minutes (Session 3: Panel — 2 hours and 30 minutes)",
        ),
        ("Wie lange dauert eine Sitzung?", "Die Sitzungen dauern 75 Minuten"),
        ("Hoe lang duurt de laatste sessie?", "„Session 3: Panel” duurt 2 uur en 30 minuten"),
    ],
)
def test_how_long_sessions_last_is_read_from_the_programme(question: str, said: str) -> None:
    outcome = Engine([SERIES]).handle(Incoming(question), State(), NOW)
    assert not outcome.handoff
    assert said in outcome.replies[0].text


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("How long is the panel?", "Session 3: Panel lasts 3 hours."),
        ("Wie lange dauert das Panel?", "„Session 3: Panel“ dauert 3 Stunden."),
        ("Hoe lang duurt het panel?", "„Session 3: Panel” duurt 3 uur."),
    ],
)
def test_a_session_of_whole_hours_lasts_so_many_hours(question: str, said: str) -> None:
    """Not "180 minutes"."""
    panel = SERIES.model_copy(
        update={
            "programme": [
                *SERIES.programme[:2],
                SERIES.programme[2].model_copy(update={"end": dt.time(18)}),
            ]
        }
    )
    outcome = Engine([panel]).handle(Incoming(question), State(), NOW)
    assert said in outcome.replies[0].text, outcome.replies[0].text


BANQUET = Event.model_validate(
    {
        "id": "banquet-2049",
        "name": "Glass Congress 2049",
        "timezone": "America/Nassau",
        "dates": {"start": "2049-03-11", "end": "2049-03-14"},
        "programme": [
            {  # the clocks go forward at 02:00 that night
                "title": "Junkanoo Night banquet",
                "day": "2049-03-13",
                "start": "20:00",
                "end": "03:30",
            },
            {"title": "Closing dinner", "day": "2049-03-14", "start": "19:00", "end": "22:30"},
        ],
    }
)


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("How long is the Junkanoo Night banquet?", "lasts 6 hours and 30 minutes."),
        ("Wie lange dauert das Junkanoo-Bankett?", "dauert 6 Stunden und 30 Minuten."),
        ("Hoe lang duurt het closing dinner?", "duurt 3 uur en 30 minuten."),
    ],
)
def test_a_session_lasts_by_the_clock_of_its_place_past_midnight(question: str, said: str) -> None:
    """ "20:00–03:30" the night the clocks go forward is six and a half hours, not seven and a
    half."""
    outcome = Engine([BANQUET]).handle(Incoming(question), State(), NOW)
    assert said in outcome.replies[0].text, outcome.replies[0].text


def test_when_a_session_is_and_how_long_says_it_once_and_its_length() -> None:
    question = "When is the closing dinner and how long?"
    text = Engine([BANQUET]).handle(Incoming(question), State(), NOW).replies[0].text
    assert text.count("19:00–22:30") == 1 and "3 hours and 30 minutes" in text, text


def test_how_long_the_talks_last_is_not_the_sessions_length() -> None:
    outcome = Engine([SERIES]).handle(Incoming("How long are the talks?"), State(), NOW)
    assert "minutes" not in outcome.replies[0].text


@pytest.mark.parametrize(
    "question",
    [
        "When and where is the closing panel?",
        "Wann und wo ist das Closing panel?",
        "Wanneer en waar is het closing panel?",
    ],
)
def test_two_question_words_ask_of_the_same_session(question: str) -> None:
    outcome = Engine([EVENT]).handle(Incoming(question), State(), NOW)
    text = outcome.replies[0].text
    assert not outcome.handoff, text
    assert "16:00" in text and "Library" in text
    assert "12" not in text  # not the dates of the event (12–13 April)


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("Where and how long is the closing panel?", "where is the closing panel?"),
        ("Waar en hoe laat is het closing panel?", "waar is het closing panel?"),
        ("Wo und wie lange ist das Closing panel?", "wo ist das closing panel?"),
        ("Where and how much is the closing panel?", "where is the closing panel?"),
    ],
)
def test_a_question_word_shares_the_subject_after_a_question_phrase(
    question: str, asked: str
) -> None:
    """ "hoe laat" asks as one word does: the subject the two share comes after it."""
    engine = Engine([EVENT])
    read = engine.understanding.read(question, dt.UTC, engine.language_of(question, State()))
    assert read[0].text == asked, [query.text for query in read]
    outcome = engine.handle(Incoming(question), State(), NOW)
    assert "Library" in outcome.replies[0].text  # its length or price is not given


def test_an_ordinal_beyond_the_sessions_of_a_kind_is_handed_off() -> None:
    outcome = Engine([EVENT]).handle(Incoming("When is the third keynote?"), State(), NOW)
    assert outcome.handoff


def test_how_long_the_programme_is_is_not_how_long_its_sessions_are() -> None:
    outcome = Engine([SERIES]).handle(Incoming("How long is the programme?"), State(), NOW)
    assert "minutes" not in outcome.replies[0].text


def test_this_workshop_after_a_session_is_the_event_not_the_session() -> None:
    engine = Engine([EVENT])
    first = engine.handle(Incoming("Wann ist die erste Keynote?"), State(), NOW)
    outcome = engine.handle(Incoming("Wann endet dieser Workshop?"), first.state, NOW)
    assert "Festsaal" not in outcome.replies[0].text


def test_the_opening_keynote_is_the_first_keynote_not_the_desk_that_opens() -> None:
    sessions = [
        {"title": "Registration desk opens", "day": "2027-04-12", "start": "08:00"},
        {"title": "Opening and keynote: Sparse labels", "day": "2027-04-12", "start": "09:00"},
        {"title": "Keynote: Causal discovery", "day": "2027-04-13", "start": "09:00"},
    ]
    event = Event.model_validate({**EVENT.model_dump(mode="json"), "programme": sessions})
    for question in ("When is the opening keynote?", "Hoe laat is de openingskeynote?"):
        text = Engine([event]).handle(Incoming(question), State(), NOW).replies[0].text
        assert "Sparse labels" in text and "Registration" not in text, text


@pytest.mark.parametrize(
    "question", ["When is the opening keynote?", "Hoe laat is de openingskeynote?"]
)
def test_the_opening_keynote_is_not_the_opening_before_it(question: str) -> None:
    sessions = [
        {"title": "Opening", "day": "2027-04-12", "start": "08:30", "end": "09:00"},
        {"title": "Keynote: Sparse labels", "day": "2027-04-12", "start": "09:00"},
        {"title": "Keynote: Causal discovery", "day": "2027-04-13", "start": "09:00"},
    ]
    event = Event.model_validate({**EVENT.model_dump(mode="json"), "programme": sessions})
    text = Engine([event]).handle(Incoming(question), State(), NOW).replies[0].text
    assert "Sparse labels" in text and "08:30" not in text, text


@pytest.mark.parametrize(
    ("event", "first", "then", "said"),
    [
        (EVENT, "When is the first keynote?", "and the second?", "Causal discovery at scale"),
        (EVENT, "Hoe laat is de eerste keynote?", "en de tweede?", "Causal discovery at scale"),
        (SERIES, "Wann ist die erste Sitzung?", "Und die zweite?", "Session 2: Models"),
    ],
)
def test_the_next_ordinal_asks_of_the_kind_just_answered(
    event: Event, first: str, then: str, said: str
) -> None:
    engine = Engine([event])
    before = engine.handle(Incoming(first), State(), NOW)
    text = engine.handle(Incoming(then), before.state, NOW).replies[0].text
    assert said in text and len(text.splitlines()) == 1, text


def test_dutch_die_points_back_at_the_session_just_given() -> None:
    engine = Engine([EVENT])
    before = engine.handle(Incoming("Hoe laat is de eerste keynote?"), State(), NOW)
    outcome = engine.handle(Incoming("en wie geeft die?"), before.state, NOW)
    assert not outcome.handoff
    assert "Learning from sparse labels" in outcome.replies[0].text


@pytest.mark.parametrize(
    "question",
    [
        "When does the closing day start?",
        "Wann beginnt der Abschlusstag?",
        "Hoe laat begint de slotdag?",
    ],
)
def test_a_part_named_by_a_word_of_order_is_all_the_sessions_so_titled(question: str) -> None:
    """ "The closing day" of three sessions titled "Closing day: …" is all three, the first
    from 16:00, not the last of them; German and Dutch write it as one word."""
    closing = [
        {"title": f"Closing day: {part}", "day": "2027-04-14", "start": start}
        for part, start in (
            ("flash talks", "16:00"),
            ("round table", "17:00"),
            ("workshop", "16:00"),
        )
    ]
    sessions = [*(s.model_dump(mode="json") for s in EVENT.programme), *closing]
    event = Event.model_validate(
        {
            **EVENT.model_dump(mode="json"),
            "dates": {"start": "2027-04-12", "end": "2027-04-14"},
            "programme": sessions,
        }
    )
    text = Engine([event]).handle(Incoming(question), State(), NOW).replies[0].text
    assert all(part in text for part in ("flash talks", "round table", "workshop")), text
    assert "Closing panel" not in text, text


def congress(*sessions: tuple[str, str]) -> Event:
    return Event.model_validate(
        {
            "id": "tracks-2027",
            "name": "Tracks Congress 2027",
            "summary": "A congress in parallel tracks.",
            "timezone": "Europe/Vienna",
            "dates": {"start": "2027-04-12", "end": "2027-04-13"},
            "programme": [
                {
                    "title": "Closing panel",
                    "day": "2027-04-13",
                    "start": "12:00",
                    "description": "Chaired by our president, Anna Weber, in the Aula.",
                },
                *(
                    {"title": title, "day": "2027-04-12", "start": start, "description": text}
                    for start, (title, text) in zip(("09:00", "14:00"), sessions, strict=False)
                ),
            ],
        }
    )


TRACKS = [
    ("Parallel sessions 1 (Tracks A to G)", "In rooms 1 to 7; Track A is always in room 4."),
    ("Parallel sessions 2 (Tracks A to G)", "In rooms 1 to 7."),
]


@pytest.mark.parametrize(
    "question", ["Who chairs the Track D sessions?", "Wer leitet die Sessions von Track D?"]
)
def test_a_session_by_its_letter_is_one_that_bears_it(question: str) -> None:
    outcome = Engine([congress(*TRACKS)]).handle(Incoming(question), State(), NOW)
    assert outcome.handoff and "Anna Weber" not in outcome.replies[0].text


def test_a_session_bearing_the_letter_is_given() -> None:
    outcome = Engine([congress(*TRACKS)]).handle(Incoming("When is Track A?"), State(), NOW)
    assert "room 4" in outcome.replies[0].text and not outcome.handoff, outcome.replies[0].text


@pytest.mark.parametrize(
    "question",
    [
        "how long is each Series seminar?",
        "Wie lange dauert ein Series-Seminar?",
        "Hoe lang duurt een Series-seminar?",
        "Hoe lang duurt één seminar van de Series Seminars?",
        "Wie lange dauert ein Seminar der Series Seminars?",
        "How long is one seminar of the Series Seminars?",
        # the series' short name, and the word for its kind after it
        "Wie lange dauert ein SSEM-Seminar?",
        "How long is an SSEM seminar?",
    ],
)
def test_one_of_a_series_named_by_the_series_lasts_as_its_sessions(question: str) -> None:
    series = SERIES.model_copy(update={"kind": "seminar series", "short_name": "SSEM"})
    outcome = Engine([series]).handle(Incoming(question), State(), NOW)
    assert not outcome.handoff
    assert "75" in outcome.replies[-1].text


def test_the_series_itself_lasts_its_weeks() -> None:
    series = SERIES.model_copy(update={"kind": "seminar series"})
    outcome = Engine([series]).handle(Incoming("How long are the Series Seminars?"), State(), NOW)
    assert "64" in outcome.replies[0].text
    assert "75" not in outcome.replies[0].text


#: a series whose name says what its sessions are, and says a word of another session's title
MOSAIC = Event.model_validate(
    {
        "id": "mosaic-2027",
        "name": "Tessera Mosaic Seminars 2027",
        "kind": "seminar series",
        "summary": "Online seminars on Byzantine mosaics, and a workshop in Ravenna.",
        "timezone": "America/Lima",
        "dates": {"start": "2027-03-03", "end": "2027-06-20"},
        "programme": [
            {"title": "Seminar 1: Tesserae and glass", "day": "2027-03-03", "start": "11:00"},
            {"title": "Seminar 2: Dutch collectors", "day": "2027-04-07", "start": "11:00"},
            {"title": "Seminar 3: Apses of Ravenna", "day": "2027-05-05", "start": "11:00"},
            {
                "title": "Mosaic-laying workshop",
                "day": "2027-06-20",
                "start": "10:00",
                "description": "In person; it runs all morning.",
            },
        ],
    }
)


@pytest.mark.parametrize(
    ("question", "title"),
    [
        # the last word of a kind is the head of the phrase: "mosaic" is the workshop's kind
        # and a word of the series' name, "seminar" the series' own kind
        ("What time is the last Tessera mosaic seminar?", "Apses of Ravenna"),
        ("When is the first Tessera mosaic seminar?", "Tesserae and glass"),
        ("Wann ist das letzte Tessera-Seminar?", "Apses of Ravenna"),
        # the place asked in names no session: "Nederland" is no "Dutch collectors"
        ("Hoe laat is het eerste Tessera-seminar in Nederland?", "Tesserae and glass"),
    ],
)
def test_the_first_or_last_of_the_series_own_kind_is_of_its_sessions(
    question: str, title: str
) -> None:
    text = Engine([MOSAIC]).handle(Incoming(question), State(), NOW).replies[0].text
    assert title in text and "workshop" not in text, text


def test_a_kind_asked_beats_a_verb_of_a_description() -> None:
    """ "läuft" (runs) asks when, and names no session whose description says "runs"."""
    sessions = [
        *(s.model_dump(mode="json") for s in EVENT.programme),
        {
            "title": "Poster session",
            "day": "2027-04-12",
            "start": "11:00",
            "description": "The online poster session runs at the same time.",
        },
    ]
    event = Event.model_validate({**EVENT.model_dump(mode="json"), "programme": sessions})
    for question in (
        "Um wie viel Uhr deutscher Zeit läuft die erste Keynote?",
        "What time does the first keynote run?",
    ):
        outcome = Engine([event]).handle(Incoming(question), State(), NOW)
        text = outcome.replies[0].text
        assert not outcome.handoff, text
        assert "Learning from sparse labels" in text and "Poster" not in text, text


def test_the_head_of_a_sentence_is_what_its_question_asks_of() -> None:
    """ "Und das letzte Tessera-Seminar, wann ist das?": of the last seminar, not the series."""
    for question in (
        "Und das letzte Tessera-Seminar, wann ist das in deutscher Zeit?",
        "And the first Tessera seminar, when is that?",
        "Wann ist das letzte Seminar der Tessera-Reihe?",
    ):
        text = Engine([MOSAIC]).handle(Incoming(question), State(), NOW).replies[0].text
        assert ("Apses" in text or "Tesserae and glass" in text) and "workshop" not in text, text


def test_until_when_of_a_deadline_named_in_full_is_the_deadline_not_the_session() -> None:
    """ "Bis wann kann ich Fragen für das Abschlusspanel schicken?": the deadline "Questions for
    the closing panel", though "Abschluss" also asks the last session."""
    deadline = {"name": "Questions for the closing panel", "date": "2027-04-10", "kind": "other"}
    event = Event.model_validate({**EVENT.model_dump(mode="json"), "deadlines": [deadline]})
    for question in (
        "Bis wann kann ich Fragen für das Abschlusspanel schicken?",
        "Until when can I send questions for the closing panel?",
    ):
        text = Engine([event]).handle(Incoming(question), State(), NOW).replies[0].text
        assert "10" in text and "Library" not in text, text


@pytest.mark.parametrize(
    ("question", "there"),
    [
        ("What time is the first keynote in the UK?", "08:00 BST"),
        ("Um wie viel Uhr ist die erste Keynote in der Ukraine?", "10:00 Uhr EEST"),
        ("Hoe laat is de eerste keynote in de Ukraine?", "10:00 uur EEST"),
    ],
)
def test_a_place_named_with_its_article_is_where_the_time_is_asked(
    question: str, there: str
) -> None:
    text = Engine([EVENT]).handle(Incoming(question), State(), NOW).replies[0].text
    assert there in text, text


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("When is the seventh seminar?", "Seminar 7: Tilings"),
        ("Wann ist das sechste Seminar?", "Seminar 6: Sieves"),
        ("Hoe laat is het achtste seminar?", "Seminar 8: Lattices"),
    ],
)
def test_a_place_in_the_series_beyond_the_fifth_is_that_session(question: str, said: str) -> None:
    """Eight seminars, one a month: the sixth to the tenth are counted as the first was."""
    sessions = [
        {"title": f"Seminar {n}: {topic}", "day": f"2027-{n + 1:02d}-10", "start": "16:00"}
        for n, topic in enumerate(
            ["Primes", "Forms", "Curves", "Sums", "Series", "Sieves", "Tilings", "Lattices"],
            start=1,
        )
    ]
    event = Event.model_validate({**SERIES.model_dump(mode="json"), "programme": sessions})
    text = Engine([event]).handle(Incoming(question), State(), NOW).replies[0].text
    assert said in text and len(text.splitlines()) == 1, text


@pytest.mark.parametrize(
    ("first", "then"),
    [
        ("When is the first session?", "How long does it last?"),
        ("When is the first session?", "And how long do they last?"),
        ("Wann ist die erste Sitzung?", "Wie lange dauern die?"),
        ("Wann ist die erste Sitzung?", "Und wie lange dauert sie?"),
        ("Wanneer is de eerste sessie?", "Hoe lang duren ze?"),
    ],
)
def test_it_or_they_last_in_a_sentence_points_back_at_the_session_just_given(
    first: str, then: str
) -> None:
    """ "… does it last?" is no "the last"; German "die" and "sie" point back only as the
    sentence's last word."""
    engine = Engine([SERIES])
    before = engine.handle(Incoming(first), State(), NOW)
    text = engine.handle(Incoming(then), before.state, NOW).replies[0].text
    assert "Session 1: Priors" in text and "Session 3" not in text, text


def test_german_die_before_a_name_is_no_word_pointing_back() -> None:
    engine = Engine([EVENT])
    before = engine.handle(Incoming("Wann ist die erste Keynote?"), State(), NOW)
    text = engine.handle(Incoming("Wann ist die Closing panel?"), before.state, NOW).replies[0].text
    assert "Closing panel" in text and "sparse labels" not in text, text


@pytest.mark.parametrize(
    "question",
    ["Wann ist die Dienstags-Keynote?", "Hoe laat is de dinsdags-keynote?"],
)
def test_a_weekday_with_an_s_is_that_day(question: str) -> None:
    """ "die Sonntags-Keynote", "de dinsdags-keynote": the keynote of that weekday."""
    text = Engine([EVENT]).handle(Incoming(question), State(), NOW).replies[0].text
    assert "Causal discovery" in text and "sparse labels" not in text, text


def test_a_plural_of_an_ordinal_is_no_ordinal() -> None:
    """ "the leap seconds talk" is the talk on leap seconds, not the second session."""
    leap = {"title": "Talk: Leap seconds", "day": "2027-04-12", "start": "16:00"}
    data = EVENT.model_dump(mode="json")
    event = Event.model_validate({**data, "programme": [*data["programme"], leap]})
    outcome = Engine([event]).handle(Incoming("When is the leap seconds talk?"), State(), NOW)
    text = outcome.replies[0].text
    assert "Leap seconds" in text and "Exercises 1" not in text, text


@pytest.mark.parametrize(
    "question",
    [
        "What time is the closing keynote on Tuesday?",
        "Wann ist die Abschlusskeynote am Dienstag?",
        "Hoe laat is de slotkeynote op dinsdag?",
    ],
)
def test_the_last_of_a_kind_on_a_day_is_not_a_session_only_the_word_of_order_names(
    question: str,
) -> None:
    outcome = Engine([EVENT]).handle(Incoming(question), State(), NOW)
    text = outcome.replies[0].text
    assert "Causal discovery at scale" in text, text
    assert "Closing panel" not in text


@pytest.mark.parametrize(
    ("question", "title"),
    [
        ("Wer hält die Abschlusskeynote?", "Causal discovery at scale"),
        ("Who holds the opening keynote?", "Learning from sparse labels"),
        ("Wie houdt de openingskeynote?", "Learning from sparse labels"),
    ],
)
def test_who_gives_the_first_or_last_of_a_kind_is_that_session(question: str, title: str) -> None:
    outcome = Engine([EVENT]).handle(Incoming(question), State(), NOW)
    text = outcome.replies[0].text
    assert not outcome.handoff, text
    assert title in text and "Closing panel" not in text, text


@pytest.mark.parametrize(
    "question",
    [
        "What is on tomorrow at the Kinds Workshop?",
        "Was ist morgen beim Kinds Workshop los?",  # "was ist … los" around the day and name
        "Wat is er morgen bij de Kinds Workshop te doen?",
    ],
)
def test_a_phrase_asking_the_programme_holds_the_day_and_the_event_inside_it(
    question: str,
) -> None:
    the_day_before = dt.datetime(2027, 4, 12, 18, tzinfo=dt.UTC)
    outcome = Engine([EVENT]).handle(Incoming(question), State(), the_day_before)
    text = outcome.replies[0].text
    assert not outcome.handoff, text
    assert "Causal discovery at scale" in text and "Learning from sparse labels" not in text


@pytest.mark.parametrize(
    "question",
    [
        "Which exercises are there on 13 April?",
        "Welche Übungen gibt es am 13. April?",
        "Welke oefeningen zijn er op 13 april?",
    ],
)
def test_a_kind_of_session_asked_of_a_day_is_that_day_s_not_a_deadline_naming_it(
    question: str,
) -> None:
    with_a_deadline = EVENT.model_copy(
        update={
            "deadlines": [Deadline(name="Laptops and exercises sign-up", date=dt.date(2027, 4, 1))]
        }
    )
    outcome = Engine([with_a_deadline]).handle(Incoming(question), State(), NOW)
    text = outcome.replies[0].text
    assert "Exercises 2: discovery in practice" in text and "sign-up" not in text, text


@pytest.mark.parametrize(
    ("question", "title", "not_title"),
    [
        ("Wann ist die Dienstagskeynote?", "Causal discovery", "sparse labels"),
        ("Hoe laat is de maandagkeynote?", "sparse labels", "Causal discovery"),
    ],
)
def test_a_kind_of_session_compounded_with_a_weekday_is_that_day_s(
    question: str, title: str, not_title: str
) -> None:
    """ "Dienstagskeynote", "maandagkeynote": the keynote of that day, as "the Tuesday keynote"."""
    reply = asking.ask([EVENT], question, NOW)
    assert title in reply.text and not_title not in reply.text, reply.text


def test_a_weekday_is_no_cognate_of_an_event_s_word() -> None:
    """ "zondag" is Sunday, not a Dutch spelling of the hotel "Condado" the event names."""
    hotel = asking.changed(
        EVENT,
        dates={"start": "2027-04-11", "end": "2027-04-13"},
        programme=[
            {"title": "Opening lecture", "day": "2027-04-11", "start": "17:00"},
            *[s.model_dump(mode="json", exclude_none=True) for s in EVENT.programme],
        ],
        qa=[
            {
                "question": "Where can I stay?",
                "answer": "Rooms at the Hotel Condado at 120 EUR a night.",
                "keywords": ["hotel"],
            }
        ],
    )
    reply = asking.ask([hotel], "Wat is er op zondag?", NOW)
    assert "Opening lecture" in reply.text and "Condado" not in reply.text, reply.text


ADDRESS = Event.model_validate(
    {
        "id": "address-2051",
        "name": "Lichen Congress 2051",
        "timezone": "Africa/Lusaka",
        "dates": {"start": "2051-05-02", "end": "2051-05-04"},
        "venue": {"name": "Kafue Hall", "address": "Independence Avenue 4, Lusaka"},
        "programme": [
            {
                "title": "Presidential address: a century of lichens",
                "day": "2051-05-03",
                "start": "12:45",
                "end": "13:30",
            },
            {"title": "Poster session", "day": "2051-05-03", "start": "14:00", "end": "16:00"},
        ],
    }
)


@pytest.mark.parametrize(
    "question",
    [
        "How long is the presidential address?",
        "Wie lange dauert die Presidential Address?",
        "Hoe lang duurt de presidential address?",
    ],
)
def test_how_long_a_session_lasts_whose_title_has_a_word_of_another_kind(question: str) -> None:
    """ "Address" asks where too; a session it names is the one asked, and how long it lasts."""
    outcome = Engine([ADDRESS]).handle(Incoming(question), State(), NOW)
    assert not outcome.handoff
    assert "45 min" in outcome.replies[0].text.lower(), outcome.replies[0].text


@pytest.mark.parametrize(
    "question",
    [
        "How many days until the presidential address?",
        "Hoeveel dagen nog tot de presidential address?",
    ],
)
def test_a_countdown_to_a_session_is_not_asked_how_long_it_lasts(question: str) -> None:
    outcome = Engine([ADDRESS]).handle(Incoming(question), State(), NOW)
    assert "45 min" not in outcome.replies[0].text.lower(), outcome.replies[0].text


def congress_with_workshops(kind: str) -> Event:
    return Event.model_validate(
        {
            "id": "lichen-2052",
            "name": "Lichen Meeting 2052",
            "kind": kind,
            "timezone": "Africa/Lusaka",
            "dates": {"start": "2052-05-02", "end": "2052-05-05"},
            "programme": [
                {"title": "Workshops", "day": "2052-05-02", "start": "09:00", "end": "15:30"},
                {"title": "Opening keynote", "day": "2052-05-03", "start": "09:00"},
            ],
        }
    )


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("How long are the workshops?", "6 hours and 30 minutes"),
        ("Wie lange dauern die Workshops?", "6 Stunden und 30 Minuten"),
        ("Hoe lang duren de workshops?", "6 uur en 30 minuten"),
    ],
)
def test_how_long_a_kind_of_event_lasts_of_one_it_is_not_is_its_sessions_length(
    question: str, said: str
) -> None:
    """Workshops of a congress are a part of it."""
    outcome = Engine([congress_with_workshops("congress")]).handle(Incoming(question), State(), NOW)
    assert said in outcome.replies[-1].text, outcome.replies[-1].text


def test_how_long_the_workshop_is_of_a_workshop_is_the_event_s_length() -> None:
    outcome = Engine([congress_with_workshops("workshop")]).handle(
        Incoming("How long is the workshop?"), State(), NOW
    )
    assert "4 days" in outcome.replies[0].text, outcome.replies[0].text


def test_a_countdown_to_the_workshops_of_a_congress_is_not_their_length() -> None:
    outcome = Engine([congress_with_workshops("congress")]).handle(
        Incoming("How many days until the workshops?"), State(), NOW
    )
    assert "minutes" not in "\n".join(r.text for r in outcome.replies)
