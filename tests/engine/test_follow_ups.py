"""A follow-up asks what the answer before it was about, of the thing it names: another
deadline by its name, the start of the session just given in another place's time."""

from __future__ import annotations

import datetime as dt

import pytest

import asking
from eventbot.engine import State
from eventbot.knowledge import Event

NOW = dt.datetime(2031, 9, 10, 8, tzinfo=dt.UTC)


def school() -> Event:
    return Event.model_validate(
        {
            "id": "rekohu-school-2032",
            "name": "Rēkohu Summer School 2032",
            "summary": "A summer school on the Chatham Islands.",
            "timezone": "Pacific/Chatham",
            "dates": {"start": "2032-01-12", "end": "2032-01-23"},
            "deadlines": [
                {"name": "Applications", "date": "2031-10-05"},
                {"name": "Reference letters", "date": "2031-10-12", "timezone": "AoE"},
            ],
            "speakers": [{"name": "Hinemoa Tautahi-Brennan", "affiliation": "VUW"}],
            "programme": [
                {
                    "title": "Public lecture: Proofs from Auckland",
                    "day": "2032-01-15",
                    "start": "19:30",
                    "end": "20:30",
                },
                {
                    "title": "Project presentations",
                    "day": "2032-01-23",
                    "start": "09:00",
                    "end": "12:00",
                    "description": "Teams present in the hall of Te Whanga Lodge.",
                },
            ],
        }
    )


@pytest.mark.parametrize(
    ("follow_up", "said"),
    [("and the reference letters?", "12 October"), ("en de reference letters?", "12 oktober")],
)
def test_a_follow_up_naming_another_deadline_asks_its_date(follow_up: str, said: str) -> None:
    first = asking.ask([school()], "When do applications for the Rēkohu school close?", NOW)
    assert "5 October" in first.text, first.text
    then = asking.ask([school()], follow_up, NOW, first.state)
    assert said in then.text and not then.handoff, then.text


def test_when_it_starts_in_a_place_after_a_session_is_that_sessions_start() -> None:
    first = asking.ask([school()], "When are the Rēkohu project presentations?", NOW)
    assert "Project presentations" in first.text, first.text
    # "Auckland" is in the other session's title; "it" is the session just given
    then = asking.ask([school()], "what time does it start in Auckland?", NOW, first.state)
    assert "Project presentations" in then.text and "Public lecture" not in then.text, then.text


def congress() -> Event:
    return Event.model_validate(
        {
            "id": "imagen-2032",
            "name": "IMAGEN 2032",
            "summary": "A congress.",
            "timezone": "America/Havana",
            "dates": {"start": "2032-03-10", "end": "2032-03-15"},
            "qa": [
                {
                    "question": "Where should I stay?",
                    "answer": "Our congress hotel is the Hotel Vedado Mar. Book with the code "
                    "IMAGEN32 by 31 January.",
                    "keywords": ["hotel", "stay"],
                },
                {
                    "question": "What should I wear?",
                    "answer": "Dress is informal; the code is smart casual for the dinner.",
                    "keywords": ["dress code", "wear"],
                },
            ],
        }
    )


@pytest.mark.parametrize(
    ("follow_up", "said"),
    [("Is there a booking code?", "IMAGEN32"), ("Gibt es einen Buchungscode?", "IMAGEN32")],
)
def test_a_follow_up_whose_words_the_entry_just_given_says_is_answered_by_it(
    follow_up: str, said: str
) -> None:
    first = asking.ask([congress()], "Where should I stay for IMAGEN?", NOW)
    then = asking.ask([congress()], follow_up, NOW, first.state)
    assert said in then.text and "informal" not in then.text, then.text


def test_a_follow_up_of_a_thing_the_entry_only_names_in_passing_is_handed_off() -> None:
    first = asking.ask([congress()], "Where should I stay for IMAGEN?", NOW)
    then = asking.ask([congress()], "Is there parking?", NOW, first.state)
    assert then.handoff, then.text


@pytest.mark.parametrize(
    ("correction", "said"),
    [
        ("sorry, I meant the reference letters", "12 October"),
        ("Entschuldigung, ich meinte die Reference letters", "12. Oktober"),
        ("sorry, ik bedoelde de reference letters", "12 oktober"),
        ("correction: I meant the reference letters", "12 October"),
        ("Korrektur: ich meinte die Reference letters", "12. Oktober"),
        ("correctie: ik bedoelde de reference letters", "12 oktober"),
    ],
)
def test_i_meant_asks_the_last_question_again_of_what_it_names(correction: str, said: str) -> None:
    first = asking.ask([school()], "When do applications for the Rēkohu school close?", NOW)
    then = asking.ask([school()], correction, NOW, first.state)
    assert said in then.text and not then.handoff, then.text


@pytest.mark.parametrize(
    "question",
    [
        "When will I hear if I got into the school?",
        "Wann erfahre ich, ob ich angenommen bin?",
        "Wanneer hoor ik of ik toegelaten ben?",
    ],
)
def test_a_deadline_named_as_the_kind_asked_is_it_though_its_kind_is_other(question: str) -> None:
    """No deadline of kind "notification", but "Admission decisions": that one."""
    event = Event.model_validate(
        {
            "id": "sand-school-2027",
            "name": "Sand Dune School 2027",
            "summary": "A summer school on dunes.",
            "kind": "summer school",
            "timezone": "Europe/Lisbon",
            "dates": {"start": "2027-07-05", "end": "2027-07-16"},
            "deadlines": [
                {"name": "Applications", "date": "2027-03-01", "kind": "registration"},
                {"name": "Admission decisions", "date": "2027-03-27"},
                {"name": "Deposit", "date": "2027-04-15"},
            ],
        }
    )
    said = asking.ask([event], question, dt.datetime(2027, 3, 10, 12, tzinfo=dt.UTC))
    assert not said.handoff and "27" in said.text and "Deposit" not in said.text, said.text


def andes_seminars(**more: object) -> Event:
    """Online seminars from Lima, which keeps no summer time, one before and one after Europe
    and New York leave theirs."""
    return Event.model_validate(
        {
            "id": "andes-2027",
            "name": "Andes Seminars 2027",
            "summary": "Online seminars from Lima.",
            "timezone": "America/Lima",
            "venue": {"name": "Zoom", "city": "Lima"},
            "dates": {"start": "2027-10-14", "end": "2027-11-11"},
            "programme": [
                {"title": "Session 1: Glaciers", "day": "2027-10-14", "start": "12:00"},
                {"title": "Session 2: Rivers", "day": "2027-11-11", "start": "12:00"},
            ],
            **more,
        }
    )


@pytest.mark.parametrize(
    ("first", "then", "why", "said"),
    [
        (
            "What time is session 1 in New York?",
            "and session 2?",
            "why is it an hour earlier?",
            ["New York is on standard time (UTC−5)", "Lima on standard time (UTC−5)"],
        ),
        (
            "Um wie viel Uhr ist Sitzung 1 in Wien?",
            "und Sitzung 2?",
            "warum eine Stunde früher?",
            ["in Vienna Normalzeit (UTC+1)", "in Lima Normalzeit (UTC−5)"],
        ),
        (
            "Hoe laat is sessie 1 in Amsterdam?",
            "en sessie 2?",
            "Waarom is dat een uur eerder?",
            ["in Amsterdam standaardtijd (UTC+1)"],
        ),
    ],
)
def test_why_a_time_is_an_hour_apart_is_each_place_s_clock_that_day(
    first: str, then: str, why: str, said: list[str]
) -> None:
    """Lima keeps no summer time; Europe and New York leave theirs between the two sessions."""
    from eventbot.engine import Engine, Incoming, State

    event = andes_seminars()
    engine, now, state = Engine([event]), dt.datetime(2027, 9, 1, 12, tzinfo=dt.UTC), State()
    for message in (first, then):
        state = engine.handle(Incoming(message), state, now).state
    outcome = engine.handle(Incoming(why), state, now)
    text = outcome.replies[0].text
    assert not outcome.handoff and all(part in text for part in said), text


@pytest.mark.parametrize(
    ("first", "why", "then"),
    [
        ("What time is session 2 in New York?", "why is it an hour earlier?", "and session 1?"),
        ("Um wie viel Uhr ist Sitzung 2 in Wien?", "warum eine Stunde früher?", "und Sitzung 1?"),
        ("Hoe laat is sessie 2 in Amsterdam?", "Waarom is dat een uur eerder?", "en sessie 1?"),
    ],
)
def test_after_why_the_clocks_a_session_asked_is_that_session_not_an_earlier_edition(
    first: str, why: str, then: str
) -> None:
    """ "Earlier" asks of the clocks there, not of the event's earlier editions."""
    from eventbot.engine import Engine, Incoming, State

    event = andes_seminars(
        past_editions=[{"name": "Andes Seminars 2025", "year": 2025, "note": "The first season."}]
    )
    engine, now, state = Engine([event]), dt.datetime(2027, 9, 1, 12, tzinfo=dt.UTC), State()
    for message in (first, why):
        state = engine.handle(Incoming(message), state, now).state
    text = engine.handle(Incoming(then), state, now).replies[0].text
    assert "Session 1: Glaciers" in text and "first season" not in text, text


def karakum_school() -> Event:
    return Event.model_validate(
        {
            "id": "karakum-school-2033",
            "name": "Karakum Winter School 2033",
            "summary": "A winter school in Ashgabat.",
            "timezone": "Asia/Ashgabat",
            "dates": {"start": "2033-02-07", "end": "2033-02-18"},
            "venue": {
                "name": "Institute of Deserts",
                "city": "Ashgabat",
                "country": "Turkmenistan",
            },
            "deadlines": [
                {
                    "name": "Travel grant applications",
                    "date": "2032-11-05",
                    "time": "12:00",
                    "timezone": "Europe/Lisbon",
                },
            ],
        }
    )


@pytest.mark.parametrize(
    ("follow_up", "said"),
    [
        ("What time is that in Ashgabat?", "17:00"),
        ("Wie spät ist das in Aschgabat?", "17:00"),
        ("Hoe laat is dat in Asjchabad?", "17:00"),
    ],
)
def test_the_time_of_a_deadline_in_the_events_own_city_is_that_deadlines(
    follow_up: str, said: str
) -> None:
    """The city names the event too; in a follow-up on its clock it asks the same again."""
    first = asking.ask([karakum_school()], "When is the travel grant deadline?", NOW)
    assert "5 November 2032" in first.text, first.text
    then = asking.ask([karakum_school()], follow_up, NOW, first.state)
    assert said in then.text and "Travel grant" in then.text, then.text


def congress_with_early_rates() -> Event:
    return Event.model_validate(
        {
            "id": "lagos-2033",
            "name": "Lagos Urban Congress 2033",
            "summary": "A congress on cities.",
            "timezone": "Africa/Lagos",
            "dates": {"start": "2033-05-09", "end": "2033-05-12"},
            "fees": [
                {
                    "category": "Member (early)",
                    "amount": 300,
                    "currency": "EUR",
                    "until": "2033-02-01",
                },
                {"category": "Member (standard)", "amount": 380, "currency": "EUR"},
                {
                    "category": "Non-member (early)",
                    "amount": 420,
                    "currency": "EUR",
                    "until": "2033-02-01",
                },
                {"category": "Non-member (standard)", "amount": 500, "currency": "EUR"},
            ],
        }
    )


@pytest.mark.parametrize(
    ("first", "then"),
    [
        ("What is the early-bird rate at the Lagos congress?", "and after the early bird?"),
        ("Wie hoch ist der Frühbucherpreis beim Lagos-Kongress?", "und nach dem Frühbucherdatum?"),
        ("Wat kost de early bird voor het Lagos-congres?", "en na de early bird?"),
    ],
)
def test_after_the_early_bird_asks_the_rates_that_follow_it(first: str, then: str) -> None:
    early = asking.ask([congress_with_early_rates()], first, NOW)
    assert "300" in early.text and "420" in early.text, early.text
    later = asking.ask([congress_with_early_rates()], then, NOW, early.state)
    assert "380" in later.text and "500" in later.text, later.text
    assert "300" not in later.text and "420" not in later.text, later.text


def school_with_rates() -> Event:
    return Event.model_validate(
        {
            "id": "bergen-school-2033",
            "name": "Bergen Fjord School 2033",
            "summary": "A summer school on fjord sediments.",
            "timezone": "Europe/Oslo",
            "dates": {"start": "2033-06-13", "end": "2033-06-24"},
            "fees": [
                {"category": "Student", "amount": 200, "currency": "EUR"},
                {"category": "Postdoc", "amount": 350, "currency": "EUR"},
                {"category": "Professor", "amount": 500, "currency": "EUR"},
            ],
        }
    )


@pytest.mark.parametrize(
    ("question", "told"),
    [
        ("How much is the Bergen school for a student?", "Oh no, I'm a postdoc already."),
        ("Was kostet die Bergen-Schule für Studierende?", "Ach nein, ich bin ja schon Postdoc."),
        ("Wat kost de Bergen-school?", "Correctie: ik ben postdoc."),
    ],
)
def test_telling_who_one_is_after_a_question_asks_it_again_of_them(
    question: str, told: str
) -> None:
    first = asking.ask([school_with_rates()], question, NOW)
    then = asking.ask([school_with_rates()], told, NOW, first.state)
    assert "350" in then.text and not then.handoff, then.text
    assert "500" not in then.text, then.text


def test_what_one_tells_of_oneself_before_any_question_is_no_question_again() -> None:
    said = asking.ask([school_with_rates()], "I'm a postdoc.", NOW)
    assert said.state.asked is None


def test_the_last_question_is_kept_with_the_conversation() -> None:
    first = asking.ask([school_with_rates()], "How much is the Bergen school for a student?", NOW)
    kept = State.from_dict(first.state.to_dict())
    then = asking.ask([school_with_rates()], "Oh no, I'm a postdoc already.", NOW, kept)
    assert "350" in then.text, then.text


def priced() -> Event:
    return asking.changed(
        school(),
        fees=[
            {"category": "Student package", "amount": 1200, "currency": "NZD"},
            {
                "category": "Boat trip",
                "amount": 115,
                "currency": "NZD",
                "vat_included": True,
                "vat_rate_percent": 15,
            },
        ],
    )


@pytest.mark.parametrize(
    "follow_up",
    ["How much VAT is in that?", "Wie viel Mehrwertsteuer ist da drin?", "Hoeveel btw zit daarin?"],
)
def test_a_follow_up_pointing_back_at_a_fee_asks_of_that_fee(follow_up: str) -> None:
    first = asking.ask([priced()], "What does the boat trip cost?", NOW)
    assert "115" in first.text and "1,200" not in first.text, first.text
    stored = State.from_dict(first.state.to_dict())  # the conversation's state is stored
    then = asking.ask([priced()], follow_up, NOW, stored)
    assert "15" in then.text and "1,200" not in then.text and "1.200" not in then.text, then.text


def test_a_fee_handed_off_after_is_no_longer_the_one_pointed_back_at() -> None:
    first = asking.ask([priced()], "What does the boat trip cost?", NOW)
    lost = asking.ask(
        [priced()], "And how much is the bundle with the conference?", NOW, first.state
    )
    assert lost.handoff, lost.text
    then = asking.ask([priced()], "Does it include VAT?", NOW, lost.state)
    assert "1,200" in then.text, then.text


def with_a_dinner() -> Event:
    return asking.changed(
        school(),
        fees=[
            {
                "category": "Student",
                "amount": 1200,
                "currency": "NZD",
                "includes": ["lectures", "lunches", "the welcome reception"],
            },
            {
                "category": "Researcher",
                "amount": 1900,
                "currency": "NZD",
                "includes": ["lectures", "lunches", "the school dinner"],
            },
            {"category": "School dinner ticket", "amount": 90, "currency": "NZD"},
        ],
    )


@pytest.mark.parametrize(
    ("first", "follow_up", "verdict"),
    [
        ("What does a researcher pay?", "Does that include the school dinner?", "Yes. "),
        ("Was zahlen Studierende?", "Ist das Dinner dabei?", "Nein. "),
        ("Wat kost het voor studenten?", "Is het diner daarbij inbegrepen?", "Nee. "),
    ],
)
def test_whether_the_fee_just_given_includes_what_another_fee_is_for(
    first: str, follow_up: str, verdict: str
) -> None:
    """ "Does that include the school dinner?" asks of the fee just given, not what the
    dinner ticket costs."""
    before = asking.ask([with_a_dinner()], first, NOW)
    then = asking.ask([with_a_dinner()], follow_up, NOW, before.state)
    assert then.text.startswith(verdict) and "90" not in then.text, then.text


def with_extra_nights() -> Event:
    return asking.changed(
        school(),
        registration={"required": True, "deadline": "2031-11-30"},
        deadlines=[
            {"name": "Early-bird registration", "kind": "registration", "date": "2031-10-01"},
            {"name": "Extra nights", "date": "2031-12-15"},
            {"name": "Kayak bookings", "date": "2032-01-05"},
        ],
    )


@pytest.mark.parametrize(
    "follow_up",
    ["Until when can I book?", "Can I still book it?", "Tot wanneer kan ik boeken?"],
)
def test_booking_after_a_deadline_of_one_thing_asks_that_deadline(follow_up: str) -> None:
    """ "Until when can I book?" after the extra nights' deadline is that deadline: not the
    registration's, nor the one named "bookings"."""
    first = asking.ask([with_extra_nights()], "When is the extra nights deadline?", NOW)
    assert "15 December" in first.text, first.text
    then = asking.ask([with_extra_nights()], follow_up, NOW, first.state)
    assert "Extra nights" in then.text and "Kayak" not in then.text, then.text


def test_registering_at_all_after_the_early_bird_deadline_asks_the_registration() -> None:
    first = asking.ask([with_extra_nights()], "When does early-bird registration end?", NOW)
    then = asking.ask(
        [with_extra_nights()], "And until when can I register at all?", NOW, first.state
    )
    assert "30 November" in then.text, then.text


@pytest.mark.parametrize(
    ("first", "doubt", "said"),
    [
        (
            "When do applications close, New York time?",
            "Are you sure? I thought Omsk was 11 hours ahead of New York.",
            "Omsk (UTC+6) is 10 hours ahead of New York (UTC−4)",
        ),
        (
            "When do applications close, New York time?",
            "Why 2 pm? Omsk is 11 hours ahead of me.",
            "Omsk (UTC+6) is 10 hours ahead of New York (UTC−4)",
        ),
        (
            "Wann ist die Bewerbungsfrist, New Yorker Zeit?",
            "Bist du sicher? Ich dachte, Omsk ist New York 11 Stunden voraus.",
            "Omsk (UTC+6) ist New York 10 Stunden voraus",
        ),
    ],
)
def test_a_doubt_of_how_far_apart_the_clocks_are_is_told_that_day_s_clocks(
    first: str, doubt: str, said: str
) -> None:
    """A deadline kept in another place's time than the event's (Omsk's, of a school in
    Alaska) is explained by that place's clock on its day, and how far apart the two are; the
    doubt beside it ("Are you sure?") asks nothing more."""
    from eventbot.engine import Engine, Incoming, State

    event = Event.model_validate(
        {
            "id": "moss-school-2073",
            "name": "Moss Summer School 2073",
            "timezone": "America/Juneau",
            "venue": {"name": "Rainforest Station", "city": "Juneau"},
            "dates": {"start": "2073-07-16", "end": "2073-07-28"},
            "deadlines": [
                {
                    "name": "Applications",
                    "kind": "other",
                    "date": "2073-03-15",
                    "timezone": "Asia/Omsk",
                }
            ],
        }
    )
    engine, now = Engine([event]), dt.datetime(2073, 2, 15, 15, tzinfo=dt.UTC)
    state = engine.handle(Incoming(first), State(), now).state
    outcome = engine.handle(Incoming(doubt), state, now)
    text = "\n".join(reply.text for reply in outcome.replies)
    assert not outcome.handoff and said in text, text


def seminars() -> Event:
    return Event.model_validate(
        {
            "id": "copan-2077",
            "name": "Copán Seminars on Epigraphy 2077",
            "summary": "Online seminars on inscriptions.",
            "timezone": "America/Tegucigalpa",
            "dates": {"start": "2077-01-10", "end": "2077-04-25"},
            "venue": {"mode": "online", "city": "Copán Ruinas", "country": "Honduras"},
            "deadlines": [
                {
                    "name": "Prize essays",
                    "date": "2077-03-22",
                    "time": "09:00",
                    "timezone": "Asia/Tomsk",
                }
            ],
            "qa": [
                {
                    "question": "Which time zone?",
                    "answer": "Copán time, UTC−6 all year. The prize essays are due in Tomsk time.",
                    "keywords": ["time zone", "time", "Copán"],
                }
            ],
        }
    )


@pytest.mark.parametrize(
    "between",
    [None, "Are you sure? I thought Tomsk was 12 hours ahead of New York."],
)
def test_what_time_that_is_in_the_event_s_own_town_is_the_moment_just_given(
    between: str | None,
) -> None:
    """ "in Copán" of the seminars in Copán Ruinas is their clock; after why the clocks differ,
    "that" is still the deadline, not the organisers' entry on time zones."""
    now = dt.datetime(2077, 3, 10, 15, tzinfo=dt.UTC)
    said = asking.ask([seminars()], "When is the prize essay deadline in New York?", now)
    assert "22:00" in said.text, said.text  # Sunday 21 March, 22:00 EDT
    if between:
        said = asking.ask([seminars()], between, now, said.state)
        assert "11 hours" in said.text, said.text
    then = asking.ask([seminars()], "And what time is that in Copán?", now, said.state)
    assert "20:00" in then.text and not then.handoff, then.text  # Sunday 21 March, 20:00 CST


@pytest.mark.parametrize(
    ("question", "said", "not_said"),
    [
        ("Rēkohu opening morning — Tokyo time?", "Opening morning", "Applications"),
        ("Rekohu opening morning, New York time?", "Opening morning", "Applications"),
        ("Rēkohu reference letters, Tokyo time?", "Reference letters", "Opening morning"),
    ],
)
def test_a_thing_named_with_a_zone_alone_is_its_time_there(
    question: str, said: str, not_said: str
) -> None:
    """ "CBSSL opening morning — New York time?" asks when that session is, in New York; not
    the deadlines, which a zone alone asks of nothing else."""
    event = school()
    opening = {"title": "Opening morning", "day": "2032-01-12", "start": "09:00", "end": "12:00"}
    event = asking.changed(event, programme=[*event.model_dump(mode="json")["programme"], opening])
    answer = asking.ask([event], question, NOW)
    assert said in answer.text and not_said not in answer.text, answer.text
    assert "Tokyo" in answer.text or "New York" in answer.text, answer.text
