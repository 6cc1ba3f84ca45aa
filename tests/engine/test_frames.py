"""What a question asks of an event, beyond which field: whether a listed item is included, how
long until a moment, whether it has passed, a deadline by its own name, a short form explained
in free text. On a summer school the engine was not written for (tests/data/events)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import asking
from eventbot.engine import Engine, Incoming, Outcome, State
from eventbot.knowledge import Event, load_events

EVENTS = Path(__file__).resolve().parents[1] / "data" / "events"
SAMPLES = Path(__file__).resolve().parents[2] / "events"
SCHOOL = "nsscd-2027"
NOW = dt.datetime(2027, 2, 1, 10, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine([e for e in load_events(EVENTS) if e.id == SCHOOL])


def ask(engine: Engine, text: str, state: State | None = None) -> Outcome:
    return engine.handle(Incoming(text), state or State(), NOW)


def said(outcome: Outcome) -> str:
    return "\n".join(reply.text for reply in outcome.replies)


def ask_samples(
    text: str, now: dt.datetime = dt.datetime(2024, 4, 1, 10, tzinfo=dt.UTC)
) -> Outcome:
    """A question to the three sample events (TAI4H's deadlines are in May 2024)."""
    return Engine(load_events(SAMPLES)).handle(Incoming(text), State(), now)


def test_an_item_one_fee_includes_is_a_yes_for_it_and_a_no_for_the_other(engine: Engine) -> None:
    outcome = ask(engine, "is accommodation included?")
    assert "academic fee includes accommodation for five nights" in said(outcome)
    assert "industry fee does not include it" in said(outcome)
    assert not outcome.handoff


def test_an_item_no_fee_lists_is_handed_off_with_what_they_include(engine: Engine) -> None:
    outcome = ask(engine, "is the excursion included in the industry fee?")
    assert "industry fee does not include it" in said(outcome)
    outcome = ask(engine, "is parking included?")
    assert outcome.handoff


def test_a_countdown_is_answered_with_the_time_left(engine: Engine) -> None:
    outcome = ask(engine, "how many days until applications close?")
    assert "30 April 2027" in said(outcome) and "in 88 days" in said(outcome)
    outcome = ask(engine, "how long until the poster abstract deadline?")
    assert "1 April 2027" in said(outcome) and "in 60 days" in said(outcome)


def test_a_deadline_is_named_by_a_word_only_its_name_has(engine: Engine) -> None:
    outcome = ask(engine, "when is the scholarship deadline?")
    assert said(outcome).startswith("Scholarship application deadline: Monday 15 March 2027")


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("what's HDN?", "HDN stands for Health Data Nordics."),
        ("what does UCR stand for?", "UCR stands for Uppsala Clinical Research Center."),
    ],
)
def test_partners_explained_in_the_description(
    engine: Engine, question: str, expected: str
) -> None:
    assert said(ask(engine, question)) == expected


def test_who_teaches_is_the_speakers(engine: Engine) -> None:
    outcome = ask(engine, "who is teaching?")
    assert "Ingrid Halvorsen" in said(outcome) and "Mikko Laine" in said(outcome)


def test_the_place_asked_in_survives_the_stored_state() -> None:
    """Asked from Tokyo, then (the state stored as JSON, as the assistant keeps it) "and the
    notification?": still in Tokyo's time."""
    engine = Engine(load_events(SAMPLES))
    now = dt.datetime(2024, 4, 1, 10, tzinfo=dt.UTC)
    first = engine.handle(Incoming("when is the TAI4H paper deadline in Tokyo?"), State(), now)
    state = State.from_dict(json.loads(json.dumps(first.state.to_dict())))
    then = engine.handle(Incoming("and the notification?"), state, now)
    assert "(in Tokyo:" in then.replies[0].text


@pytest.mark.parametrize(
    ("question", "until"),
    [
        ("is registration required?", "30 April 2027"),
        ("Ist eine Anmeldung erforderlich?", "30. April 2027"),
        ("Is inschrijving verplicht?", "30 april 2027"),
    ],
)
def test_required_registration_says_until_when_it_is_open(
    engine: Engine, question: str, until: str
) -> None:
    outcome = ask(engine, question)
    assert not outcome.handoff
    assert until in said(outcome)


@pytest.mark.parametrize(
    "question",
    [
        "what time in Tokyo is the TAI4H paper deadline?",
        "Welche Uhrzeit in Tokio ist die TAI4H-Deadline für Paper?",
    ],
)
def test_the_place_a_time_is_asked_in_may_come_before_what_is_asked(question: str) -> None:
    outcome = ask_samples(question)
    assert "(in Tokyo:" in said(outcome)
    assert not outcome.handoff


@pytest.mark.parametrize(
    "question",
    [
        "Which conference is TAI4H part of?",
        "Mit welcher Konferenz findet TAI4H statt?",
        "Bij welke conferentie hoort TAI4H?",
    ],
)
def test_the_conference_an_event_is_part_of_is_its_host(question: str) -> None:
    outcome = ask_samples(question)
    assert "IJCAI 2024" in said(outcome)
    assert "Hanover" not in said(outcome)  # not the list of the events I know


@pytest.mark.parametrize(
    "question",
    [
        "Um wie viel Uhr deutscher Zeit endet die Einreichung für TAI4H?",
        "hoe laat sluit de indiening van TAI4H in Nederlandse tijd?",
    ],
)
def test_what_time_a_submission_ends_is_its_deadline_not_the_events_hours(question: str) -> None:
    outcome = ask_samples(question, dt.datetime(2024, 5, 1, 10, tzinfo=dt.UTC))
    assert "20" in said(outcome) and "23:59" in said(outcome)
    assert not outcome.handoff


@pytest.mark.parametrize(
    ("question", "then"),
    [
        ("Until what time can I submit my TAI4H paper, German time?", "13:59"),
        ("Bis wie viel Uhr deutscher Zeit kann ich mein Paper für TAI4H einreichen?", "13:59"),
        ("Tot hoe laat Nederlandse tijd kan ik mijn paper voor TAI4H indienen?", "13:59"),
        ("Tot wanneer kan ik in Nederland mijn paper voor TAI4H indienen?", "13:59"),
    ],
)
def test_until_what_time_one_may_act_asks_until_when(question: str, then: str) -> None:
    """ "Until what time can I …?" asks the last moment to do it, not what time the event is."""
    outcome = ask_samples(question, dt.datetime(2024, 5, 1, 10, tzinfo=dt.UTC))
    assert "20" in said(outcome) and then in said(outcome), said(outcome)


def test_until_what_time_something_lasts_asks_when_it_ends() -> None:
    outcome = ask_samples("Tot hoe laat duurt het symposium in Hannover op vrijdag?")
    assert "15 september 2023" in said(outcome), said(outcome)
    assert "Registratie" not in said(outcome) and "inschrijving" not in said(outcome).lower()


@pytest.mark.parametrize(
    "question",
    [
        "When is the TAI4H paper deadline (Tokyo)?",
        "Bis wann kann ich mein TAI4H-Paper einreichen (Tokio)?",
    ],
)
def test_a_place_in_brackets_is_where_the_time_is_asked(question: str) -> None:
    outcome = ask_samples(question)
    assert "Tokyo" in said(outcome) and "21" in said(outcome), said(outcome)


def test_where_the_asker_follows_an_event_from_is_where_its_times_are_told() -> None:
    outcome = ask_samples("I'm following TAI4H online from Tokyo. When is the paper deadline?")
    assert "(in Tokyo:" in said(outcome)
    assert outcome.event == "tai4h-2024"


SUMMER_SCHOOL = Event.model_validate(
    {
        "id": "baltic-geodesy-school-2031",
        "name": "Baltic Summer School in Geodesy 2031",
        "summary": "A week of satellite geodesy for PhD students.",
        "timezone": "Europe/Tallinn",
        "dates": {"start": "2031-07-07", "end": "2031-07-11"},
        "deadlines": [
            {"name": "Applications", "kind": "registration", "date": "2031-03-15"},
            {"name": "Admission decisions", "kind": "notification", "date": "2031-04-10"},
        ],
    }
)


def after(event: Event, first: str, then: str, now: dt.datetime = NOW) -> Outcome:
    """The reply to `then`, asked right after `first`."""
    engine = Engine([event])
    return engine.handle(Incoming(then), engine.handle(Incoming(first), State(), now).state, now)


def school_with(fields: dict[str, object]) -> Event:
    """The summer school with these fields of its own."""
    return asking.changed(SUMMER_SCHOOL, **fields)


@pytest.mark.parametrize(
    "question",
    [
        "Wann erfahre ich, ob ich für die Baltic Summer School angenommen bin?",
        "When will I be notified about the Baltic Summer School?",
        "Wanneer krijg ik bericht over acceptatie voor de Baltic Summer School?",
    ],
)
def test_the_school_named_in_a_question_of_its_notification_is_its_name(question: str) -> None:
    outcome = Engine([SUMMER_SCHOOL]).handle(Incoming(question), State(), NOW)
    assert "Admission decisions" in said(outcome) and "2031" in said(outcome), said(outcome)
    assert not outcome.handoff


def test_a_word_several_deadlines_share_asks_those_deadlines() -> None:
    school = school_with(
        {
            "deadlines": [
                {"name": "Scholarship applications", "kind": "other", "date": "2031-02-15"},
                {"name": "Applications", "kind": "registration", "date": "2031-03-15"},
                {
                    "name": "Admission and scholarship decisions",
                    "kind": "notification",
                    "date": "2031-04-10",
                },
                {"name": "Fee payment", "kind": "other", "date": "2031-05-01"},
            ],
        }
    )
    for question in ("When is the scholarship deadline?", "Wann ist die Stipendium-Frist?"):
        text = said(Engine([school]).handle(Incoming(question), State(), NOW))
        assert "Fee payment" not in text, text
        assert "Scholarship applications" in text, text


def test_the_words_that_ask_when_name_no_deadline() -> None:
    """ "Hoe laat" asks what time: Dutch "laat" is also "late", which names no "Late-breaking
    posters" deadline."""
    school = school_with(
        {
            "deadlines": [
                {"name": "Late-breaking posters", "kind": "other", "date": "2031-05-15"},
                {"name": "Hackathon teams", "kind": "other", "date": "2031-06-01"},
                {"name": "Admission decisions", "kind": "notification", "date": "2031-04-10"},
            ],
        }
    )
    for question in (
        "Hoe laat sluit de inschrijving voor de hackathon?",
        "Hoe laat is de deadline voor de hackathon-teams?",
    ):
        text = said(Engine([school]).handle(Incoming(question), State(), NOW))
        assert "Hackathon teams" in text and "Late-breaking" not in text, text


@pytest.mark.parametrize(
    "question",
    [
        "Can I still sign up for the certificate track?",
        "Can I still buy the certificate track?",
        "Is the certificate track still open?",
        "Kann ich mich noch für den Zertifikatsweg anmelden?",
        "Tot wanneer kan ik me inschrijven voor het certificaat?",
    ],
)
def test_a_registration_of_its_own_is_asked_in_its_words_without_registering(
    question: str,
) -> None:
    """A deadline of registering for one part ("Certificate track registration") is asked in
    its other words, not the registration of the whole; a deadline that only shares them
    ("Full refund of the certificate track") is not."""
    school = school_with(
        {
            "deadlines": [
                {
                    "name": "Full refund of the certificate track",
                    "kind": "other",
                    "date": "2031-03-01",
                },
                {
                    "name": "Certificate track registration",
                    "kind": "registration",
                    "date": "2031-03-15",
                },
                {"name": "Department licences", "kind": "registration", "date": "2031-04-15"},
            ],
        }
    )
    text = said(Engine([school]).handle(Incoming(question), State(), NOW))
    assert "15" in text and "Certificate track registration" in text, text


@pytest.mark.parametrize(
    "question",
    [
        "Until when can I sign up for the certificate track?",
        "Bis wann kann ich mich für den Zertifikatskurs anmelden?",
        "Tot wanneer kan ik me voor het certificaattraject aanmelden?",
    ],
)
def test_the_words_of_registering_name_no_deadline_of_another_kind(question: str) -> None:
    """ "Sign up" asks to register: it names no "Reading-group sign-up" when the certificate
    track's registration is asked."""
    school = school_with(
        {
            "deadlines": [
                {"name": "Reading-group sign-up", "kind": "other", "date": "2031-05-01"},
                {
                    "name": "Full refund of a certificate track",
                    "kind": "other",
                    "date": "2031-03-01",
                },
                {
                    "name": "Certificate-track registration",
                    "kind": "registration",
                    "date": "2031-03-15",
                },
            ],
        }
    )
    text = said(Engine([school]).handle(Incoming(question), State(), NOW))
    assert "Certificate-track registration" in text and "Reading-group" not in text, text
    assert "Full refund" not in text and "Department" not in text, text


def test_a_word_of_the_question_names_no_closing_it_made_the_question_of() -> None:
    """ "Late" in "will late-breaking abstracts be in the proceedings?" names the deadline, it
    does not ask whether it is still open."""
    school = school_with(
        {
            "deadlines": [
                {"name": "Abstract registration", "kind": "abstract", "date": "2031-02-15"},
                {"name": "Late-breaking poster abstracts", "kind": "other", "date": "2031-05-01"},
            ],
        }
    )
    text = said(
        Engine([school]).handle(
            Incoming("Will late-breaking abstracts be in the proceedings?"), State(), NOW
        )
    )
    assert "May" not in text and "February" not in text, text


@pytest.mark.parametrize(
    "question",
    [
        "Poster abstracts: still open? It's 1:30am on 2 May here in Tallinn",
        "Ist die Frist für Poster-Abstracts noch offen? Hier in Tallinn ist es 2. Mai, 1:30 Uhr",
        "Is de deadline voor posterabstracts nog open? Het is 2 mei 1:30 hier in Tallinn",
    ],
)
def test_a_time_in_the_events_own_city_says_where_the_asker_is(question: str) -> None:
    """The city that names the event is where the asker is when they tell the time there: an
    Anywhere-on-Earth deadline is told in its time too (the end of 1 May AoE is 2 May 14:59
    in Tallinn, in summer)."""
    school = school_with(
        {
            "venue": {"name": "Kultuurikatel", "city": "Tallinn", "country": "Estonia"},
            "deadlines": [
                {
                    "name": "Poster abstracts",
                    "kind": "abstract",
                    "date": "2031-05-01",
                    "timezone": "AoE",
                },
            ],
        }
    )
    now = dt.datetime(2031, 5, 1, 22, 30, tzinfo=dt.UTC)
    text = said(Engine([school]).handle(Incoming(question), State(), now))
    assert "14:59" in text or "15:00" in text, text


def test_the_events_city_tells_its_clock_though_no_zone_is_named_after_it() -> None:
    """Tartu has no zone of its own name: the event there says it keeps Tallinn's clock."""
    school = school_with(
        {
            "venue": {"name": "Delta Centre", "city": "Tartu", "country": "Estonia"},
            "deadlines": [
                {
                    "name": "Hackathon teams",
                    "kind": "other",
                    "date": "2031-05-01",
                    "time": "18:00",
                    "timezone": "Europe/Paris",
                },
            ],
        }
    )
    for question in (
        "Hackathon teams deadline in Tartu time?",
        "Frist für die Hackathon-Teams in Tartuer Zeit?",
    ):
        text = said(Engine([school]).handle(Incoming(question), State(), NOW))
        assert "19:00" in text, text


def test_a_zone_after_a_deadline_named_for_another_kind_converts_that_deadline() -> None:
    """ "And the submission deadline?" answered with "Hackathon submissions" (of no kind):
    "in Berlin time?" next converts it, not a submission deadline the event lacks."""
    school = school_with(
        {
            "deadlines": [
                {"name": "Hackathon teams", "kind": "other", "date": "2031-05-01"},
                {
                    "name": "Hackathon submissions",
                    "kind": "other",
                    "date": "2031-06-01",
                    "time": "23:59",
                    "timezone": "UTC",
                },
            ],
        }
    )
    engine, state = Engine([school]), State()
    for question in ("When do hackathon teams register?", "and the submission deadline?"):
        state = engine.handle(Incoming(question), state, NOW).state
    outcome = engine.handle(Incoming("in Berlin time?"), state, NOW)
    assert not outcome.handoff
    assert "Hackathon submissions" in said(outcome) and "01:59" in said(outcome), said(outcome)


@pytest.mark.parametrize(
    "question",
    [
        "The orientation call, what time in Tokyo?",
        "Orientation call for the Baltic school, what time is that in Tokyo?",
    ],
)
def test_the_head_of_a_sentence_names_what_its_question_asks_about(question: str) -> None:
    school = school_with(
        {
            "qa": [
                {
                    "question": "Is there an orientation call?",
                    "answer": "We meet on Zoom on 20 February 2031 at 08:00 Tallinn time.",
                }
            ],
        }
    )
    outcome = Engine([school]).handle(Incoming(question), State(), NOW)
    assert not outcome.handoff, said(outcome)
    assert "15:00" in said(outcome), said(outcome)


@pytest.mark.parametrize(
    "question",
    [
        "Seminar 3 of the Baltic Summer School in Geodesy, what time is that in Tokyo?",
        "Und Seminar 3 der Baltic Summer School in Geodesy, wann ist das in Tokio?",
    ],
)
def test_a_session_named_by_its_number_at_the_head_is_what_the_question_asks(
    question: str,
) -> None:
    """ "Seminar 3 of the …, what time is that in Tokyo?": the seminar its number names at the
    head of the sentence, not the event's first day."""
    school = school_with(
        {
            "programme": [
                {"title": f"Seminar {n}", "day": f"2031-07-0{n + 6}", "start": "10:00"}
                for n in (1, 2, 3)
            ]
        }
    )
    outcome = Engine([school]).handle(Incoming(question), State(), NOW)
    assert "16:00" in said(outcome) and "Seminar 3" in said(outcome), said(outcome)


def test_a_session_by_its_number_in_an_event_named_by_a_town_is_no_time_in_that_town() -> None:
    """ "Nassau seminar 3, what time in Tokyo?" names the third seminar of the Nassau Seminars;
    it does not say the asker is in Nassau at three o'clock."""
    seminars = school_with(
        {
            "name": "Nassau Seminars 2031",
            "short_name": "Nassau Seminars",
            "programme": [
                {"title": f"Seminar {n}", "day": f"2031-07-0{n + 6}", "start": "10:00"}
                for n in (1, 2, 3)
            ],
        }
    )
    outcome = Engine([seminars]).handle(
        Incoming("Nassau seminar 3, what time in Tokyo?"), State(), NOW
    )
    assert "16:00" in said(outcome) and "Seminar 3" in said(outcome), said(outcome)


def test_a_head_that_tells_of_the_asker_is_not_what_the_question_asks_about() -> None:
    outcome = Engine([SUMMER_SCHOOL]).handle(
        Incoming("my daughter is 2, when does the school start?"), State(), NOW
    )
    assert "July 2031" in said(outcome), said(outcome)


@pytest.mark.parametrize(
    "follow_up",
    ["what time is that for me?", "Wie spät ist das für mich?", "Hoe laat is dat voor mij?"],
)
def test_the_time_for_the_asker_after_a_session_is_that_session_in_their_time(
    follow_up: str,
) -> None:
    """Not the organisers' entry on time zones, which speaks of time too."""
    school = school_with(
        {
            "programme": [
                {"title": "Public lecture", "day": "2031-07-09", "start": "18:30", "end": "19:45"}
            ],
            "qa": [
                {
                    "question": "Which time zone are the times in?",
                    "answer": "All times are Tallinn time, three hours ahead of UTC in summer.",
                }
            ],
        }
    )
    now = dt.datetime(2031, 6, 1, 10, tzinfo=dt.timezone(dt.timedelta(hours=-4)))
    text = said(after(school, "When is the public lecture?", follow_up, now))
    assert "11:30" in text, text


LECTURES = school_with(
    {
        "fees": [{"category": "Participant", "amount": 900, "currency": "EUR"}],
        "programme": [
            {
                "title": "Public lecture",
                "day": "2031-07-09",
                "start": "18:30",
                "description": "Free and open to everyone.",
            },
            {"title": "Harbour walk", "day": "2031-07-10", "start": "17:00"},
        ],
    }
)


@pytest.mark.parametrize(
    "follow_up", ["do I have to pay for it?", "Kostet das etwas?", "Kost dat iets?"]
)
def test_what_a_session_just_given_costs_is_its_own_text_not_the_fee(follow_up: str) -> None:
    for session, expected in (("public lecture", "Free"), ("harbour walk", None)):
        outcome = after(LECTURES, f"When is the {session}?", follow_up)
        assert "900" not in said(outcome), said(outcome)
        assert (expected in said(outcome)) if expected else outcome.handoff, said(outcome)


def test_a_place_asked_after_that_is_a_clock_though_it_names_the_event() -> None:
    """ "Which day is that in Tallinn?" after a deadline in Tokyo time: Tallinn's clock, not the
    dates of the school in Tallinn."""
    school = school_with(
        {
            "venue": {"name": "Kultuurikatel", "city": "Tallinn", "country": "Estonia"},
            "deadlines": [
                {
                    "name": "Hackathon teams",
                    "kind": "other",
                    "date": "2031-05-20",
                    "time": "03:00",
                    "timezone": "Asia/Tokyo",
                },
            ],
        }
    )
    text = said(
        after(school, "When is the hackathon teams deadline?", "which day is that in Tallinn?")
    )
    assert "Monday 19 May 2031, 21:00" in text, text


@pytest.mark.parametrize(
    "question",
    [
        "What time does the application close for me in London?",
        "Um wie viel Uhr endet die Bewerbung bei uns in Berlin?",
        "Hoe laat sluit de aanmelding in Nederlandse tijd?",
    ],
)
def test_what_time_registering_ends_is_its_deadline_not_a_closing_session(question: str) -> None:
    school = school_with(
        {
            "programme": [{"title": "Closing dinner", "day": "2031-07-11", "start": "19:00"}],
        }
    )
    text = said(Engine([school]).handle(Incoming(question), State(), NOW))
    assert "15 March 2031" in text or "15. März 2031" in text or "15 maart 2031" in text, text
    assert "dinner" not in text, text


def test_what_a_session_costs_is_that_sessions_line_only() -> None:
    walks = Event.model_validate(
        {
            **LECTURES.model_dump(mode="json", exclude_none=True),
            "programme": [
                {
                    "title": "Harbour walk",
                    "day": "2031-07-10",
                    "start": "17:00",
                    "description": "Meet at the ticket office.",
                },
                {
                    "title": "Boat trip",
                    "day": "2031-07-10",
                    "start": "19:00",
                    "description": "Tickets cost 35 EUR.",
                },
            ],
        }
    )
    outcome = after(walks, "When is the harbour walk?", "Kostet das etwas?")
    assert "Boat trip" not in said(outcome) and outcome.handoff, said(outcome)


@pytest.mark.parametrize(
    ("question", "there"),
    [
        (
            "Het is 9:30 op 14 maart in Nijmegen. Kan ik me nog aanmelden voor de Baltic school?",
            "(in Nijmegen: zaterdag 15 maart 2031, 23:00",
        ),
        (
            "Es ist 14:30 in Stuttgart. Kann ich mich noch für die Baltic Summer School bewerben?",
            "(in Stuttgart: Samstag, 15. März 2031, 23:00",
        ),
        (
            "Applications for the Baltic school - what time do they close in Edinburgh?",
            "(in Edinburgh: Saturday 15 March 2031, 22:00",
        ),
        (
            "Suva, 6:30pm on the 15th - can I still apply to the Baltic school?",
            "(in Suva: Sunday 16 March 2031, 10:00",
        ),
        (  # a word of the lexicons ("new") with one that is none is still a place's name
            "When do applications for the Baltic school close in New Zealand?",
            "(in New Zealand: Sunday 16 March 2031, 11:00",
        ),
    ],
)
def test_a_town_no_zone_is_named_after_is_a_clock_too(question: str, there: str) -> None:
    """Nijmegen, Stuttgart, Edinburgh, Suva and New Zealand name no zone of the tz database,
    but a town or country the asker names is where they are: the end of 15 March in Tallinn
    (UTC+2) is 23:00 in Nijmegen, 22:00 in Edinburgh, and on the 16th 10:00 in Suva and 11:00
    in Auckland, on summer time."""
    outcome = Engine([SUMMER_SCHOOL]).handle(Incoming(question), State(), NOW)
    assert there in said(outcome) and not outcome.handoff, said(outcome)


def test_a_place_a_way_starts_from_is_no_place_of_the_asker() -> None:
    """ "From Incheon airport to the venue" asks the way: the entry that describes it, not
    the fees of someone from Incheon."""
    school = school_with(
        {
            "qa": [
                {
                    "question": "How do I get to the school?",
                    "answer": "From Incheon airport take bus 6103 to the main gate.",
                }
            ]
        }
    )
    for question in (
        "How do I get from Incheon airport to the school?",
        "Wie komme ich vom Flughafen Incheon zur Schule?",
    ):
        text = said(Engine([school]).handle(Incoming(question), State(), NOW))
        assert "6103" in text, text


def test_and_from_another_country_asks_the_entry_just_given_again() -> None:
    school = school_with(
        {
            "qa": [
                {
                    "question": "Are there travel grants?",
                    "answer": "Yes: up to 400 EUR from within Europe and 800 EUR from elsewhere.",
                }
            ]
        }
    )
    outcome = after(
        school, "how much is the travel grant from the Netherlands?", "and from Suriname?"
    )
    assert "800 EUR" in said(outcome) and not outcome.handoff, said(outcome)


DINNER = school_with(
    {
        "timezone": "Asia/Colombo",
        "dates": {"start": "2030-10-24", "end": "2030-10-28"},
        "programme": [
            {"title": "Gala dinner", "day": "2030-10-25", "start": "19:00"},
            {"title": "Plenary 4", "day": "2030-10-28", "start": "11:00"},
        ],
    }
)
SEPTEMBER = dt.datetime(2030, 9, 15, 10, tzinfo=dt.timezone(dt.timedelta(hours=2)))


def test_the_zone_of_a_clock_told_is_not_the_zone_asked() -> None:
    """ "19:00 Colombo time" tells the dinner's time; the time asked is the UK's (14:30 BST)."""
    text = said(
        Engine([DINNER]).handle(
            Incoming("The gala dinner starts at 19:00 Colombo time, what's that in UK time?"),
            State(),
            SEPTEMBER,
        )
    )
    assert "14:30 BST" in text, text


@pytest.mark.parametrize(
    "question",
    [
        "I watch the Baltic plenaries from Germany. When does plenary 4 start for us?",
        "Ich schaue die Plenarvorträge der Baltic School von Deutschland aus. "
        "Um wie viel Uhr beginnt Plenary 4 bei uns?",
    ],
)
def test_the_place_the_asker_named_keeps_its_clock_after_summer_time_ends(question: str) -> None:
    """The message's own offset is summer time's (UTC+2 in September); the asker said they
    are in Germany, where 28 October is winter: 11:00 in Colombo is 06:30 CET, not 07:30."""
    text = said(Engine([DINNER]).handle(Incoming(question), State(), SEPTEMBER))
    assert "06:30" in text and "07:30" not in text, text


def test_the_first_word_of_the_events_name_is_no_place_the_asker_is_from() -> None:
    """Dutch "van" is "from" and "of": "de call van de Lord Howe-school" is the school's."""
    school = school_with(
        {
            "name": "Lord Howe Summer School 2031",
            "timezone": "Australia/Lord_Howe",
            "dates": {"start": "2031-03-31", "end": "2031-04-11"},
            "programme": [{"title": "Orientation call", "day": "2031-03-12", "start": "17:00"}],
        }
    )
    now = dt.datetime(2031, 2, 22, 9, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    question = "Hoe laat is de oriëntatiecall van de Lord Howe-zomerschool bij ons?"
    text = said(Engine([school]).handle(Incoming(question), State(), now))
    assert "07:00" in text, text


@pytest.mark.parametrize(
    "question",
    [
        "Applications deadline was 15 March. Still OK?",
        "On Lord Howe, 11:30pm on 16 March. The applications deadline was 15 March. Too late?",
        "Die Bewerbungsfrist war der 15. März. Zu spät?",
    ],
)
def test_a_bare_still_or_too_late_asks_of_the_deadline_the_message_just_restated(
    question: str,
) -> None:
    now = dt.datetime(2031, 3, 16, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=11)))
    outcome = Engine([SUMMER_SCHOOL]).handle(Incoming(question), State(), now)
    text = said(outcome)
    assert "15 March 2031" in text or "15. März 2031" in text, text
    assert not outcome.handoff, text


@pytest.mark.parametrize(
    ("question", "not_said"),
    [
        ("A question from Mary: when does the gala dinner start?", "Ashgabat"),
        ("Question from Santos: when does the gala dinner start?", "Sao_Paulo"),
        ("When does the gala dinner start for Jordan?", "Amman"),
        ("I'm a PhD student at Warwick. When does the gala dinner start?", "New_York"),
        ("Is there a session on Nepal?", "Kathmandu"),
    ],
)
def test_a_name_that_is_also_a_town_s_is_no_place_where_it_cannot_be_one(
    question: str, not_said: str
) -> None:
    """A town's name is a place after "in" (or "from", when it is no word of the languages):
    not a person, a university or a topic."""
    text = said(Engine([DINNER]).handle(Incoming(question), State(), SEPTEMBER))
    assert not_said not in text, text


@pytest.mark.parametrize(
    ("question", "there"),
    [
        ("Wann beginnt das Gala dinner in Mainz?", "(in Mainz:"),
        ("What time does the gala dinner start in Portland?", "(in Portland:"),
        ("When does the gala dinner start? I'm from Denmark", "Copenhagen"),
    ],
)
def test_a_town_is_told_as_written_and_never_read_as_a_typo(question: str, there: str) -> None:
    text = said(Engine([DINNER]).handle(Incoming(question), State(), SEPTEMBER))
    assert there in text, text


def test_a_sentence_with_still_that_asks_nothing_gives_its_operation_to_no_question() -> None:
    """ "Ik ben nog student." says who the asker is: the fee is asked, not whether it is open."""
    school = school_with(
        {
            "registration": {"required": True, "deadline": "2031-05-01"},
            "fees": [{"category": "Student", "amount": 120, "currency": "EUR"}],
        }
    )
    text = said(
        Engine([school]).handle(
            Incoming("Wat kost de inschrijving? Ik ben nog student."), State(), NOW
        )
    )
    assert "120" in text, text


@pytest.mark.parametrize(
    "question",
    ["When does the closing keynote start?", "Wann beginnt die Abschluss-Keynote?"],
)
def test_a_word_of_order_before_a_kind_of_session_is_that_kind_s_last(question: str) -> None:
    """ "The closing keynote" is the keynote at the close (17:30), not the "Closing
    symposium" it is part of, whose description also speaks of "the closing keynote"."""
    school = school_with(
        {
            "programme": [
                {
                    "title": "Closing symposium",
                    "day": "2031-07-11",
                    "start": "15:00",
                    "end": "19:00",
                    "description": "Lightning talks, a round table and the closing keynote.",
                },
                {
                    "title": "Keynote: Two centuries of families",
                    "day": "2031-07-11",
                    "start": "17:30",
                    "description": "The closing keynote of the symposium.",
                },
            ]
        }
    )
    text = said(Engine([school]).handle(Incoming(question), State(), NOW))
    assert "17:30" in text and "15:00" not in text, text


LENGTHS = school_with(
    {
        "qa": [
            {
                "question": "What should I prepare for my presentation?",
                "answer": "Contributed talks are 15 minutes plus 5 minutes for questions.",
            },
            {
                "question": "How does the doctoral day work?",
                "answer": "Each student gives a 10-minute talk and presents a poster.",
            },
        ],
        "programme": [
            {"title": "Opening", "day": "2031-07-07", "start": "09:00", "end": "09:30"},
            {"title": "Contributed talks", "day": "2031-07-07", "start": "10:00", "end": "12:30"},
        ],
    }
)


@pytest.mark.parametrize(
    "question",
    [
        "How long is each contributed talk?",
        "Wie lange dauert ein Vortrag?",
        "Hoe lang duurt een praatje?",
    ],
)
def test_the_length_of_a_kind_of_part_is_the_one_the_organisers_wrote(question: str) -> None:
    """Not the event's length, nor the length of the block of talks (150 minutes)."""
    lengths = school_with(
        {
            "qa": [LENGTHS.qa[0]],
            "programme": [p.model_dump(mode="json") for p in LENGTHS.programme],
        }
    )
    text = said(Engine([lengths]).handle(Incoming(question), State(), NOW))
    assert "15 minutes" in text and "150" not in text, text


def test_a_length_of_something_else_next_to_the_part_named_is_not_given() -> None:
    """ "How long is the discussion after my talk?" is not "a 10-minute talk"."""
    text = said(
        Engine([LENGTHS]).handle(
            Incoming("How long is the discussion after my talk?"), State(), NOW
        )
    )
    assert "10-minute" not in text, text


@pytest.mark.parametrize(
    ("question", "length"),
    [
        ("How long is a talk?", "50-minute"),
        ("How long is a lightning talk?", "five-minute"),
        ("Wie lange dauert ein Blitzvortrag?", "five-minute"),
    ],
)
def test_of_several_lengths_the_one_written_before_the_name_is_given(
    question: str, length: str
) -> None:
    """ "Each seminar lasts 90 minutes: a 50-minute talk, then questions" and "a five-minute
    lightning talk at the closing symposium": each kind of talk its own length."""
    seminars = school_with(
        {
            "description": "Each seminar lasts 90 minutes on Zoom: a 50-minute talk, then questions.",
            "qa": [
                {
                    "question": "Can students present?",
                    "answer": "Yes: send an abstract for a five-minute lightning talk at the "
                    "closing symposium.",
                }
            ],
            "programme": [
                {"title": "Seminar 1", "day": "2031-07-07", "start": "09:00", "end": "10:30"},
                {
                    "title": "Closing symposium",
                    "day": "2031-07-11",
                    "start": "15:00",
                    "end": "19:00",
                    "description": "Lightning talks, a round table and the closing keynote.",
                },
            ],
        }
    )
    text = said(Engine([seminars]).handle(Incoming(question), State(), NOW))
    assert length in text and "4 hours" not in text, text


@pytest.mark.parametrize(
    "question",
    [
        "When will I hear whether my TAI4H paper is accepted?",
        "Wann erfahre ich, ob mein Paper bei TAI4H angenommen wurde?",
        "Wanneer hoor ik of mijn TAI4H-paper is geaccepteerd?",
    ],
)
def test_when_a_paper_is_decided_on_is_the_notification_not_the_submission(
    question: str,
) -> None:
    text = said(ask_samples(question))
    assert "Decision notification" in text
    assert "Paper submission" not in text


@pytest.mark.parametrize(
    "question",
    [
        "Was the Leiden symposium a full day?",
        "War das Leiden-Symposium ganztägig?",
        "Duurde het Leidse symposium een hele dag?",
    ],
)
def test_whether_an_event_took_the_whole_day_is_what_its_dates_say_of_its_hours(
    question: str,
) -> None:
    outcome = ask_samples(question)
    assert "afternoon" in said(outcome)
    assert not outcome.handoff


def test_whether_an_event_takes_the_whole_day_is_handed_off_when_nothing_says() -> None:
    outcome = ask_samples("Is TAI4H a half-day or a full-day workshop?")
    assert outcome.handoff


SCHOOL_DAYS = Event.model_validate(
    {
        "id": "reef-school-2061",
        "name": "Atoll Reef Summer School 2061",
        "timezone": "Pacific/Majuro",
        "dates": {
            "start": "2061-07-03",
            "end": "2061-07-15",
            "note": "Arrival on Sunday 3 July, field days from Monday 4 to Thursday 14 July, "
            "departure on Friday 15 July.",
        },
    }
)


@pytest.mark.parametrize(
    "question",
    [
        "When are the field days?",
        "Wann sind die Feldtage?",
        "Wanneer zijn de velddagen?",
        "When should I arrive?",
        "Wann ist der Anreisetag?",
    ],
)
def test_what_the_dates_note_names_is_answered_with_the_note(question: str) -> None:
    outcome = Engine([SCHOOL_DAYS]).handle(Incoming(question), State(), NOW)
    assert "Monday 4 to Thursday 14 July" in said(outcome), said(outcome)
    assert not outcome.handoff


@pytest.mark.parametrize(
    "question", ["Wann kommen wir an?", "Wann reisen wir ab?", "Wanneer kom ik aan?"]
)
def test_a_verb_whose_particle_stands_at_the_end_is_read_as_one_word(question: str) -> None:
    """ "kommen … an" is "ankommen", arriving; "kom … aan" is "aankomen"."""
    outcome = Engine([SCHOOL_DAYS]).handle(Incoming(question), State(), NOW)
    assert "Monday 4 to Thursday 14 July" in said(outcome), said(outcome)
    assert not outcome.handoff


@pytest.mark.parametrize(
    "question",
    ["When is the summer school?", "Can I arrive two days late?", "How long is the school?"],
)
def test_the_dates_note_is_not_said_for_the_days_alone_nor_for_what_it_does_not_answer(
    question: str,
) -> None:
    outcome = Engine([SCHOOL_DAYS]).handle(Incoming(question), State(), NOW)
    assert "Monday 4 to Thursday 14 July" not in said(outcome), said(outcome)


@pytest.mark.parametrize(
    ("question", "over"),
    [
        ("Can I still register for the Leiden symposium?", "No: Demystifying AI in Healthcare is"),
        ("Kann ich mich noch für das Symposium in Leiden anmelden?", "ist bereits vorbei"),
        ("Kan ik me nog aanmelden voor het Leidse symposium?", "is al voorbij"),
    ],
)
def test_still_possible_of_an_event_that_is_over_says_no_first(question: str, over: str) -> None:
    text = said(ask_samples(question))
    assert text.startswith(over) or over in text.splitlines()[0], text


AFTER = dt.datetime(2024, 5, 21, 12, 30, tzinfo=dt.UTC)  # 8:30 in New York
BEFORE = dt.datetime(2024, 5, 19, 12, 30, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("question", "now", "verdict"),
    [
        ("Can I still submit to TAI4H? It's 8:30am here in New York.", AFTER, "No, "),
        ("Kann ich noch bei TAI4H einreichen? Ich bin in New York.", AFTER, "Nein, "),
        ("Kan ik nog een paper indienen bij TAI4H?", AFTER, "Nee, "),
        ("Is the TAI4H submission still open?", BEFORE, "Yes, "),
        ("Has the TAI4H submission deadline passed?", AFTER, "Yes, "),
        ("Ist die Deadline für Paper bei TAI4H schon vorbei?", BEFORE, "Nein, "),
        ("Is it too late to submit to TAI4H?", BEFORE, "No, "),
        ("Ist es zu spät für eine Einreichung bei TAI4H?", AFTER, "Ja, "),
        ("Is het te laat om een paper in te dienen bij TAI4H?", BEFORE, "Nee, "),
    ],
)
def test_still_possible_or_passed_of_one_deadline_says_yes_or_no_first(
    question: str, now: dt.datetime, verdict: str
) -> None:
    """The yes or no comes before the deadline that gives it (the end of 20 May AoE is
    21 May, 07:59 in New York)."""
    text = said(ask_samples(question, now))
    assert text.startswith(verdict) and "Paper submission" in text.splitlines()[0], text


@pytest.mark.parametrize(
    ("question", "day", "verdict"),
    [
        ("Can I still get the early bird for NordML4H?", 30, "Yes, "),
        ("Krieg ich bei NordML4H noch den Frühbucherpreis?", 31, "Ja, "),
        ("Kan ik nog early bird krijgen voor NordML4H?", 1, "Nee, "),
    ],
)
def test_still_possible_of_a_rate_that_ends_says_yes_or_no_first(
    question: str, day: int, verdict: str
) -> None:
    """The early-bird rate holds until the end of 31 March in Copenhagen."""
    events = [e for e in load_events(EVENTS) if e.id == "nordic-health-ai-2027"]
    month = 4 if day == 1 else 3
    now = dt.datetime(2027, month, day, 12, tzinfo=dt.UTC)
    text = said(Engine(events).handle(Incoming(question), State(), now))
    assert text.startswith(verdict), text


def test_a_deadline_asked_of_when_has_no_yes_or_no() -> None:
    text = said(ask_samples("When is the TAI4H paper deadline?", BEFORE))
    assert text.startswith("Paper submission deadline"), text


@pytest.mark.parametrize(
    ("question", "verdict"),
    [
        ("Are lunches included?", "Yes. "),
        ("Sind die Mittagessen inbegriffen?", "Ja. "),
        ("Zit de lunch erbij?", "Ja. "),
        ("Is the excursion included in the industry fee?", "No. "),
    ],
)
def test_whether_every_fee_asked_includes_an_item_is_a_yes_or_no_first(
    engine: Engine, question: str, verdict: str
) -> None:
    text = said(ask(engine, question))
    assert text.startswith(verdict), text


@pytest.mark.parametrize(
    ("question", "verdict"),
    [
        ("Is VAT included in the 119 euro for the Hanover symposium?", "Yes. "),
        ("Ist die MwSt. beim Symposium in Hannover dabei?", "Ja. "),
        ("Zijn de kosten van het symposium in Hannover inclusief btw?", "Ja. "),
        ("Do I need to register for the Hanover symposium?", "Yes. "),
        ("Moet ik me inschrijven voor het symposium in Hannover?", "Ja. "),
        ("Has the Hanover symposium already taken place?", "Yes, it is over. "),
        ("Ist das Symposium in Hannover schon vorbei?", "Ja, das ist schon vorbei. "),
        ("Is het symposium in Hannover al voorbij?", "Ja, dat is al voorbij. "),
        ("Has TAI4H already taken place?", "No, not yet. "),
    ],
)
def test_a_question_of_yes_or_no_the_facts_settle_says_which_first(
    question: str, verdict: str
) -> None:
    text = said(ask_samples(question))
    assert text.startswith(verdict), text


@pytest.mark.parametrize(
    ("question", "verdict"),
    [
        ("Was there a TAI4H workshop last year?", "Yes. "),
        ("Gab es letztes Jahr schon einen TAI4H-Workshop?", "Ja. "),
        ("Was er vorig jaar ook al een TAI4H-workshop?", "Ja. "),
        ("Is this the first edition of TAI4H?", "No. "),
        ("Ist das die erste Ausgabe von TAI4H?", "Nein. "),
    ],
)
def test_whether_there_was_an_edition_before_says_yes_or_no_first(
    question: str, verdict: str
) -> None:
    text = said(ask_samples(question))
    assert text.startswith(verdict) and "tml4h2023" in text, text


@pytest.mark.parametrize(
    "question",
    [
        "is accommodation included?",  # one fee does, the other does not
        "Is accommodation included, or do I book it myself?",
    ],
)
def test_no_yes_or_no_when_the_fees_differ_or_a_choice_is_asked(
    engine: Engine, question: str
) -> None:
    assert said(ask(engine, question)).startswith("The academic fee includes accommodation")


@pytest.mark.parametrize(
    "question",
    [
        "Is de prijs van het symposium in Hannover inclusief of exclusief btw?",
        "Isn't VAT included for the Hanover symposium?",
        "How much is the Hanover symposium and is VAT included?",
    ],
)
def test_no_yes_or_no_to_a_choice_a_denial_or_a_question_of_how_much(question: str) -> None:
    text = said(ask_samples(question))
    assert not text.startswith(("Yes", "No", "Ja", "Nee")), text
    assert "119 EUR" in text


@pytest.mark.parametrize(
    "question",
    [
        "Why was the Leiden symposium organised?",
        "Warum wurde das Leidener Symposium veranstaltet?",
        "Waarom werd het Leidse symposium georganiseerd?",
    ],
)
def test_why_an_event_was_organised_is_what_it_is_for_not_who_organised_it(question: str) -> None:
    text = said(ask_samples(question))
    assert "reluctant" in text and "SAILS" not in text, text


@pytest.mark.parametrize(
    "question",
    ["What is the Hanover symposium about?", "Worum geht es beim Symposium in Hannover?"],
)
def test_what_an_event_is_about_names_it_when_its_summary_does_not(question: str) -> None:
    text = said(ask_samples(question))
    assert text.startswith("Artificial Intelligence, Causality and Personalised Medicine")
    assert "Leibniz AI Lab" in text


@pytest.mark.parametrize(
    "question",
    ["Hoeveel bezoekers waren er op het Leidse symposium?", "How many visitors came to Leiden?"],
)
def test_how_many_is_no_session_line_without_a_number(question: str) -> None:
    outcome = ask_samples(question)
    assert outcome.handoff
    assert "Breaks" not in said(outcome)


@pytest.mark.parametrize(
    "question",
    ["When is Sabine Salloch's talk at the Hanover symposium?", "Wann spricht Sabine Salloch?"],
)
def test_when_a_speaker_speaks_is_handed_off_when_no_session_says(question: str) -> None:
    outcome = ask_samples(question)
    assert outcome.handoff
    assert "one of the speakers" not in said(outcome)


@pytest.mark.parametrize(
    "question", ["Waar gaat de summer school over?", "Waar gaan de lezingen over?"]
)
def test_dutch_asks_what_it_is_about_in_the_singular_and_the_plural(
    engine: Engine, question: str
) -> None:
    [query] = engine.understanding.read(question)
    assert query.intent == "about"


@pytest.mark.parametrize(
    "question",
    ["How many papers did TAI4H accept this year?", "Hoeveel papers accepteert TAI4H?"],
)
def test_how_many_were_accepted_is_no_deadline(question: str) -> None:
    outcome = ask_samples(question)
    assert outcome.handoff
    assert "Decision notification" not in said(outcome)


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("When do applications close for the palaeo school?", "15 March 2031"),
        ("Bis wann kann ich mich für die Neuro-Schule bewerben?", "1. Mai 2031"),
        ("Tot wanneer kan ik me aanmelden voor de palaeo-school?", "15 maart 2031"),
    ],
)
def test_a_long_word_of_an_events_name_names_it_clipped(question: str, named: str) -> None:
    """ "Palaeo" is the school in Palaeontology, "Neuro" the one in Neuroscience; neither is
    a word the facts would have to explain."""
    palaeo = school_with({"name": "Baltic Summer School in Palaeontology 2031"})
    neuro = school_with(
        {
            "id": "tartu-neuro-school-2031",
            "name": "Tartu Summer School in Neuroscience 2031",
            "deadlines": [{"name": "Applications", "kind": "registration", "date": "2031-05-01"}],
        }
    )
    outcome = Engine([palaeo, neuro]).handle(Incoming(question), State(), NOW)
    assert named in said(outcome) and not outcome.handoff, said(outcome)


@pytest.mark.parametrize(
    "question",
    [
        "Can I still apply? It's 14 March, 10am here in LA.",
        "Can I still apply? It's Mar 14, 10am here in Oberkleinwald.",
    ],
)
def test_the_time_told_in_a_town_not_known_is_no_question_of_its_own(question: str) -> None:
    """The second sentence tells where the asker is, a place the assistant does not know:
    nothing is handed off for it."""
    now = dt.datetime(2031, 3, 14, 17, tzinfo=dt.UTC)
    outcome = Engine([SUMMER_SCHOOL]).handle(Incoming(question), State(), now)
    assert "15 March 2031" in said(outcome) and not outcome.handoff, said(outcome)


@pytest.mark.parametrize(
    "question", ["Hoe laat is de publiekslezing?", "Is de publieke lezing open voor publiek?"]
)
def test_dutch_publiek_is_public(question: str) -> None:
    """ "Publiekslezing" is the public lecture, not an audience's."""
    school = school_with(
        {
            "programme": [
                {"title": "Opening", "day": "2031-07-07", "start": "09:00"},
                {
                    "title": "Public lecture: Satellites and sea level",
                    "day": "2031-07-08",
                    "start": "19:00",
                    "description": "Open to the public, free of charge.",
                },
            ]
        }
    )
    outcome = Engine([school]).handle(Incoming(question), State(), NOW)
    assert "19:00" in said(outcome) and not outcome.handoff, said(outcome)


@pytest.mark.parametrize(
    ("question", "there"),
    [
        ("What time would I need to get up in New York for the closing panel?", "03:00"),
        ("Um wie viel Uhr kann ich in Berlin das Abschlusspanel anschauen?", "09:00"),
        ("Hoe laat kan ik in Tokio het slotpanel volgen?", "16:00"),
    ],
)
def test_a_place_named_in_the_middle_of_a_question_of_the_clock_is_where_it_is_asked(
    question: str, there: str
) -> None:
    """The closing panel at 10:00 in Tallinn, in the place named before what is asked."""
    school = school_with(
        {
            "programme": [
                {"title": "Opening", "day": "2031-07-07", "start": "09:00"},
                {"title": "Closing panel", "day": "2031-07-11", "start": "10:00"},
            ]
        }
    )
    outcome = Engine([school]).handle(Incoming(question), State(), NOW)
    assert there in said(outcome) and not outcome.handoff, said(outcome)


@pytest.mark.parametrize(
    "question",
    [
        "Can I pay in US dollars?",
        "Kann ich in US-Dollar bezahlen?",
        "Kan ik in US dollars betalen?",
    ],
)
def test_money_named_by_its_longest_name_is_that_currency_only(question: str) -> None:
    """US dollars are no Canadian dollars: a fee in CAD does not answer, the organisers do."""
    school = school_with({"fees": [{"category": "Regular", "amount": 300, "currency": "CAD"}]})
    assert Engine([school]).handle(Incoming(question), State(), NOW).handoff


@pytest.mark.parametrize(
    "question",
    [
        "When will I know if I'm in?",
        "Wann erfahre ich, ob ich einen Platz habe?",
        "Wanneer weet ik of ik erbij ben?",
    ],
)
def test_when_one_will_know_whether_asks_the_notification(question: str) -> None:
    """Not the school's dates: the day the decisions are told."""
    outcome = Engine([SUMMER_SCHOOL]).handle(Incoming(question), State(), NOW)
    assert "Admission decisions" in said(outcome) and not outcome.handoff, said(outcome)


@pytest.mark.parametrize(
    ("question", "handoff"),
    [
        ("Are you looking for volunteers during the school?", True),
        ("Sucht ihr noch freiwillige Helfer?", True),
        ("Zoeken jullie nog vrijwilligers?", True),
        ("Can I volunteer as a reviewer?", False),
    ],
)
def test_a_call_for_reviewers_does_not_answer_for_volunteers(question: str, handoff: bool) -> None:
    school = school_with(
        {
            "reviewers": {
                "note": "We welcome reviewers with a PhD; sign up on the reviewer page.",
                "url": "https://example.org/reviewers",
            }
        }
    )
    outcome = Engine([school]).handle(Incoming(question), State(), NOW)
    assert outcome.handoff == handoff, said(outcome)
    assert ("reviewer page" in said(outcome)) != handoff, said(outcome)


TEAMS = school_with(
    {
        "description": "About 120 participants are expected in Tallinn.",
        "qa": [
            {
                "question": "What is the mapping challenge?",
                "answer": "Teams of up to five people map a harbour in a day. The winning team "
                "receives a prize.",
            }
        ],
    }
)


@pytest.mark.parametrize(
    "question",
    [
        "How big can a team be?",
        "How many people can be in a team?",
        "Wie groß darf ein Team sein?",
        "Hoe groot mag een team zijn?",
    ],
)
def test_how_big_a_team_may_be_is_the_organisers_sentence_with_its_size(question: str) -> None:
    """The sentence is an entry's, of the challenge its question names."""
    outcome = Engine([TEAMS]).handle(Incoming(question), State(), NOW)
    assert "up to five people" in said(outcome) and not outcome.handoff, said(outcome)


def test_how_many_come_is_not_the_size_of_a_team() -> None:
    """Attendance is written in figures: "teams of up to five people" says none."""
    outcome = Engine([TEAMS]).handle(Incoming("How many people are expected?"), State(), NOW)
    assert "five people" not in said(outcome), said(outcome)


@pytest.mark.parametrize(
    ("first", "then", "day"),
    [
        ("How much is the deposit?", "Until when?", "1 May 2031"),
        ("Wie hoch ist die Anzahlung?", "Und bis wann?", "1. Mai 2031"),
        ("Hoe hoog is de aanbetaling?", "Tot wanneer?", "1 mei 2031"),
    ],
)
def test_until_when_after_a_question_naming_a_deadline_asks_that_deadline(
    first: str, then: str, day: str
) -> None:
    """Not the fees again: the deadline whose name the first question said."""
    school = school_with(
        {
            "fees": [
                {
                    "category": "Student",
                    "amount": 900,
                    "currency": "EUR",
                    "note": "A deposit of 200 EUR is due after admission.",
                }
            ],
            "deadlines": [
                *[d.model_dump(mode="json") for d in SUMMER_SCHOOL.deadlines],
                {"name": "Deposit", "kind": "other", "date": "2031-05-01"},
            ],
        }
    )
    outcome = after(school, first, then)
    assert day in said(outcome) and "900" not in said(outcome), said(outcome)


def test_what_one_pays_if_one_registers_asks_the_fee() -> None:
    """ "Zahlen" asks a price as surely as "bezahlen": the registration is only its when."""
    school = school_with({"fees": [{"category": "Student", "amount": 900, "currency": "EUR"}]})
    outcome = Engine([school]).handle(
        Incoming("Was zahle ich, wenn ich mich jetzt anmelde?"), State(), NOW
    )
    assert "900" in said(outcome), said(outcome)


def test_a_question_asking_something_else_of_a_short_form_is_no_question_of_its_meaning() -> None:
    """ "Inklusive" asks what a length includes: not what BGS stands for."""
    school = school_with(
        {
            "name": "BGS Summer School 2031",
            "organisers": [{"name": "BGS (Baltic Geodetic Society)"}],
        }
    )
    engine = Engine([school])
    assert "Baltic Geodetic Society" in said(engine.handle(Incoming("BGS?"), State(), NOW))
    outcome = engine.handle(
        Incoming("Wie lange dauert ein Vortrag bei BGS inklusive Fragen?"), State(), NOW
    )
    assert "Baltic Geodetic Society" not in said(outcome), said(outcome)


@pytest.mark.parametrize(
    ("question", "ordinal"),
    [
        ("Which days is it open?", None),
        ("When does it close?", None),
        ("When is the opening keynote?", "first"),
        ("Wann ist die erste Keynote?", "first"),
        ("When is the closing panel?", "last"),
    ],
)
def test_a_word_sharing_an_ordinals_stem_is_no_ordinal(question: str, ordinal: str | None) -> None:
    """ "Open" is no "opening", "close" no "closing", though each pair has one stem."""
    [query] = Engine([SUMMER_SCHOOL]).understanding.read(question)
    assert query.ordinal == ordinal


@pytest.mark.parametrize(
    "question",
    [
        "Is the gala dinner included in my student registration?",
        "is the gala dinner included with a student ticket?",
    ],
)
def test_included_in_a_registration_asks_what_the_fee_includes(question: str) -> None:
    """ "Registration" names the fee here, not how to register."""
    school = school_with(
        {
            "registration": {"required": True, "url": "https://example.org/register"},
            "fees": [
                {
                    "category": "Student",
                    "amount": 300,
                    "currency": "EUR",
                    "note": "The gala dinner is not included for students.",
                }
            ],
        }
    )
    outcome = Engine([school]).handle(Incoming(question), State(), NOW)
    assert "not included" in said(outcome) and "example.org" not in said(outcome), said(outcome)


@pytest.mark.parametrize(
    "question",
    [
        "When is the abstract submission deadline?",
        "Bis wann kann ich mein Abstract einreichen?",
        "Wat is de deadline voor het indienen van abstracts?",
    ],
)
def test_an_abstracts_submission_is_the_abstract_deadline(question: str) -> None:
    """Submitting an abstract asks the abstract deadline: an event with no deadline of kind
    "submission" beside it lacks nothing."""
    school = school_with(
        {
            "deadlines": [
                {"name": "Poster abstracts", "kind": "abstract", "date": "2031-05-01"},
                {"name": "Decisions", "kind": "notification", "date": "2031-06-01"},
            ]
        }
    )
    now = dt.datetime(2031, 4, 1, 10, tzinfo=dt.UTC)
    outcome = Engine([school]).handle(Incoming(question), State(), now)
    assert (
        "1 May 2031" in said(outcome)
        or "1. Mai 2031" in said(outcome)
        or "1 mei 2031" in said(outcome)
    )
    assert not outcome.handoff, said(outcome)


@pytest.mark.parametrize(
    ("question", "yes"),
    [
        ("Can I still submit my abstract?", "Yes, there is still time."),
        ("Kann ich mein Abstract noch einreichen?", "Ja"),
        ("Kan ik mijn abstract nog indienen?", "Ja"),
    ],
)
def test_submitting_an_abstract_is_not_also_the_full_papers(question: str, yes: str) -> None:
    """The abstract deadline alone, with its yes, when the full papers have their own."""
    school = school_with(
        {
            "deadlines": [
                {"name": "Abstracts", "kind": "abstract", "date": "2031-05-01"},
                {"name": "Full papers", "kind": "submission", "date": "2031-06-01"},
            ]
        }
    )
    now = dt.datetime(2031, 4, 1, 10, tzinfo=dt.UTC)
    text = said(Engine([school]).handle(Incoming(question), State(), now))
    assert text.startswith(yes) and "2031" in text and "June" not in text, text
    assert "Full papers" not in text, text
    text = said(
        Engine([school]).handle(Incoming("Can I still submit my full paper?"), State(), now)
    )
    assert "Full papers" in text and "Abstracts" not in text, text


@pytest.mark.parametrize(
    "question",
    [
        "What time is the TAI4H submission deadline in California?",
        "What time is the TAI4H submission deadline in LA time?",
        "Um wie viel Uhr endet die Einreichungsfrist von TAI4H an der Westküste?",
    ],
)
def test_a_state_or_a_coast_is_the_clock_of_its_cities(question: str) -> None:
    text = said(ask_samples(question))
    assert "Los_Angeles" in text, text


@pytest.mark.parametrize(
    "question",
    [
        "Is lunch included in the registration?",
        "Zit de lunch bij de registratie inbegrepen?",
        "Is de lunch bij de inschrijving inbegrepen?",
    ],
)
def test_an_item_included_in_the_registration_is_asked_of_its_fees(question: str) -> None:
    school = school_with(
        {
            "fees": [
                {"category": "Student", "amount": 300, "currency": "EUR", "includes": ["lunch"]},
                {"category": "Regular", "amount": 500, "currency": "EUR", "includes": ["lunch"]},
            ]
        }
    )
    outcome = Engine([school]).handle(Incoming(question), State(), NOW)
    assert said(outcome).startswith(("Yes", "Ja")) and not outcome.handoff, said(outcome)
