"""What the asker says of themselves qualifies the question, it is not asked about: where they
come from ("a student from Germany": the fees; "from Tokyo, when…?": in Tokyo's time) and what
they are not ("not a student", "kein Mitglied": the other fees)."""

from __future__ import annotations

import datetime as dt

import pytest

import asking
from eventbot.knowledge import Event

NOW = dt.datetime(2027, 1, 10, 12, tzinfo=dt.UTC)
EVENT = Event.model_validate(
    {
        "id": "rivers-2027",
        "name": "Rivers and Data Congress 2027",
        "summary": "A congress on river data.",
        "timezone": "Europe/Vienna",
        "dates": {"start": "2027-06-07", "end": "2027-06-09"},
        "fees": [
            {"category": "Member", "amount": 300, "currency": "EUR"},
            {"category": "Non-member", "amount": 420, "currency": "EUR"},
            {"category": "Student", "amount": 120, "currency": "EUR"},
        ],
        "registration": {"url": "https://rivers.example/register", "deadline": "2027-05-14"},
        "programme": [
            {"title": "Opening keynote", "day": "2027-06-07", "start": "09:00"},
        ],
    }
)


def ask(question: str) -> str:
    said = asking.ask([EVENT], question, NOW)
    assert not said.handoff, said.text
    return said.text


@pytest.mark.parametrize(
    "question",
    [
        "what is the fee for a student from Germany?",
        "Was kostet es für Studierende aus Deutschland?",
        "Wat kost het voor een student uit Nederland?",
        "what does a PhD student from Germany pay?",  # a kind of student: the Student fee
    ],
)
def test_where_the_asker_comes_from_is_not_asked_about(question: str) -> None:
    assert "120" in ask(question)


@pytest.mark.parametrize(
    ("question", "there"),
    [
        ("from Tokyo, what time is the opening keynote?", "16:00"),
        ("Ich schaue von New York aus zu: wann beginnt die Opening keynote?", "03:00"),
    ],
)
def test_a_time_is_given_where_the_asker_is(question: str, there: str) -> None:
    assert there in ask(question)


@pytest.mark.parametrize(
    ("question", "now", "there"),
    [  # registration closes at the end of 14 May 2027 in Vienna (CEST)
        ("Tokyo, 14 May 18:00 - can I still register?", "2027-05-14T18:00+09:00", "07:00"),
        ("New York, 14 May 5pm: is registration still open?", "2027-05-14T17:00-04:00", "18:00"),
        (
            "Berlin, 15.05., 00:20 Uhr: ist die Anmeldung noch offen?",
            "2027-05-15T00:20+02:00",
            "23:59",
        ),
        ("Lissabon, 15 mei 8:00. Kan ik me nog inschrijven?", "2027-05-15T08:00+01:00", "23:00"),
        # the day ends the sentence: "May 14." is no German "14. Mai"
        (
            "I'm in New York, it's 5pm on May 14. Can I still register?",
            "2027-05-14T17:00-04:00",
            "18:00",
        ),
        ("Tokyo, 6pm on May 14. Is registration still open?", "2027-05-14T18:00+09:00", "07:00"),
    ],
)
def test_a_place_and_its_time_before_the_question_is_where_the_asker_is(
    question: str, now: str, there: str
) -> None:
    said = asking.ask([EVENT], question, dt.datetime.fromisoformat(now))
    assert there in said.text
    assert not said.handoff, said.text


@pytest.mark.parametrize(
    ("question", "fees", "not_fees"),
    [
        ("what do I pay if I'm not a student?", ["300", "420"], ["120"]),
        ("Was kostet es, wenn ich kein Mitglied bin?", ["420"], ["120", "300"]),
        ("fee for non-members?", ["420"], ["120", "300"]),
        ("Wat betaal ik als ik geen student ben?", ["300", "420"], ["120"]),
    ],
)
def test_what_the_asker_is_not_leaves_its_fee_out(
    question: str, fees: list[str], not_fees: list[str]
) -> None:
    text = ask(question)
    assert all(fee in text for fee in fees), text
    assert not any(f" {fee} " in text for fee in not_fees), text


def test_us_is_no_country_unless_written_so() -> None:
    assert "America/New_York" not in ask("what time is the opening keynote for us?")
    assert "America/New_York" in ask("what time is the opening keynote in US time?")


IN_VIENNA = Event.model_validate(
    {
        **EVENT.model_dump(mode="json", exclude_none=True),
        "venue": {"name": "Palais Ferstel", "city": "Vienna", "country": "Austria"},
        "deadlines": [
            {"name": "Abstracts", "kind": "abstract", "date": "2027-03-01", "timezone": "AoE"},
            {"name": "Poster proposals", "kind": "other", "date": "2027-04-01"},
        ],
        "qa": [
            {
                "question": "Which time zone are the times in?",
                "answer": "All times are Vienna time (CET, then CEST from 28 March).",
                "keywords": ["time zone", "time"],
            },
            {
                "question": "What size are the posters?",
                "answer": "A0 portrait; your proposal number is on the board.",
                "keywords": ["poster"],
            },
        ],
    }
)


@pytest.mark.parametrize(
    ("question", "then", "there"),
    [  # the end of 1 March AoE is 13:00 CET on 2 March in Vienna
        ("When is the abstract deadline?", "what's that in Vienna time?", "2 March 2027, 13:00"),
        ("Abstract deadline?", "and in Vienna time?", "2 March 2027, 13:00"),
        ("Wann ist die Abstract-Frist?", "Und in Wiener Zeit?", "2. März 2027, 13:00"),
        ("Wanneer is de abstract deadline?", "en in Amsterdamse tijd?", "2 maart 2027, 13:00"),
    ],
)
def test_the_event_s_own_city_with_time_asks_its_clock_not_the_event(
    question: str, then: str, there: str
) -> None:
    first = asking.ask([IN_VIENNA], question, NOW)
    said = asking.ask([IN_VIENNA], then, NOW, first.state)
    assert there in said.text
    assert "All times are" not in said.text


def test_a_zone_asked_is_named_as_written() -> None:
    said = asking.ask([IN_VIENNA], "When is the abstract deadline in Adelaide time?", NOW)
    assert "(in Adelaide:" in said.text


@pytest.mark.parametrize(
    ("question", "there"),
    [  # the Opening keynote is at 09:00 in Vienna (CEST) on 7 June
        ("What time is the opening keynote for me?", "16:00"),
        ("Um wie viel Uhr ist die Opening keynote für mich?", "16:00"),
        ("Hoe laat is de opening keynote voor mij?", "16:00"),
        ("What time is the opening keynote here?", "16:00"),
        ("Um wie viel Uhr ist die Opening keynote hier?", "16:00"),
        ("Hoe laat is de opening keynote hier?", "16:00"),
    ],
)
def test_for_me_or_here_with_a_time_asked_is_the_asker_s_own_time(
    question: str, there: str
) -> None:
    tokyo = dt.datetime(2027, 6, 1, 12, tzinfo=dt.timezone(dt.timedelta(hours=9)))
    assert there in asking.ask([EVENT], question, tokyo).text


def test_a_place_said_beats_the_asker_s_own_time() -> None:
    tokyo = dt.datetime(2027, 6, 1, 12, tzinfo=dt.timezone(dt.timedelta(hours=9)))
    question = "What time is the opening keynote for me? I'm in New York."
    said = asking.ask([EVENT], question, tokyo).text
    assert "03:00" in said and "16:00" not in said


def test_for_me_without_a_time_asked_is_no_zone() -> None:
    said = asking.ask([EVENT], "Is there a discount for me?", NOW)
    assert "UTC" not in said.text


def test_a_deadline_named_after_an_entry_is_the_deadline() -> None:
    first = asking.ask([IN_VIENNA], "what size are the posters?", NOW)
    assert "A0" in first.text
    said = asking.ask([IN_VIENNA], "what time is the abstract deadline in Tokyo?", NOW, first.state)
    assert "Abstracts" in said.text and "A0" not in said.text


@pytest.mark.parametrize(
    "question",
    [
        "When can I watch the opening keynote live?",
        "Wann kann ich mir die Opening keynote online ansehen?",
        "Wanneer kan ik de opening keynote live volgen?",
    ],
)
def test_how_one_attends_is_no_word_a_time_must_explain(question: str) -> None:
    said = asking.ask([EVENT], question, NOW)
    assert "7 June 2027" in said.text or "7. Juni 2027" in said.text or "7 juni 2027" in said.text
    assert not said.handoff, said.text


@pytest.mark.parametrize(
    "question", ["When does the livestream start?", "When can I watch online?"]
)
def test_how_one_attends_is_what_is_asked_when_nothing_else_is(question: str) -> None:
    said = asking.ask([EVENT], question, NOW)
    assert said.handoff and "Opening keynote" not in said.text and "09:00" not in said.text


@pytest.mark.parametrize(
    "question",
    ["Is registration still open?", "Ist die Anmeldung noch offen?", "Kan ik me nog inschrijven?"],
)
def test_whether_it_is_still_open_is_told_in_the_asker_s_own_time_too(question: str) -> None:
    tokyo = dt.datetime(2027, 5, 14, 18, tzinfo=dt.timezone(dt.timedelta(hours=9)))
    said = asking.ask([EVENT], question, tokyo).text
    assert "07:00" in said, said  # the end of 14 May in Vienna is 07:00 on 15 May at +09:00
    utc = asking.ask([EVENT], question, dt.datetime(2027, 5, 14, 9, tzinfo=dt.UTC)).text
    assert "07:00" not in utc and "UTC" not in utc, utc


def test_a_zone_whose_clock_shows_the_same_time_is_not_converted_to() -> None:
    said = asking.ask([EVENT], "When does registration close in Berlin time?", NOW).text
    assert "Vienna" in said and "(in Berlin" not in said, said


def test_a_deadline_named_by_its_own_word_after_an_entry_is_the_deadline() -> None:
    first = asking.ask([IN_VIENNA], "what size are the posters?", NOW)
    said = asking.ask([IN_VIENNA], "what's the proposal deadline in Tokyo time?", NOW, first.state)
    assert "Poster proposals" in said.text and "A0" not in said.text, said.text


@pytest.mark.parametrize(
    ("question", "said"),
    [
        (
            "What's the time difference between Honolulu and Vienna during the congress?",
            "Honolulu (UTC−10) is 12 hours behind Vienna (UTC+2)",
        ),
        (
            "Wie groß ist der Zeitunterschied zwischen Berlin und Santiago während des Kongresses?",
            "Berlin (UTC+2) ist Santiago 6 Stunden voraus (UTC−4)",
        ),
        ("Hoeveel uur loopt Tokio voor op Wenen?", "Tokyo (UTC+9) loopt 7 uur voor op Vienna"),
        (  # half an hour is told in minutes
            "What's the time difference between Adelaide and Brisbane during the congress?",
            "Adelaide (UTC+9:30) is 30 minutes behind Brisbane (UTC+10)",
        ),
        # hours and minutes, as each language says them; a half as a decimal
        (
            "Tijdsverschil tussen Kathmandu en Wenen?",
            "Kathmandu (UTC+5:45) loopt 3 uur en 45 minuten voor",
        ),
        ("Zeitunterschied zwischen Kathmandu und Wien?", "Vienna 3 Stunden und 45 Minuten voraus"),
        (
            "Time difference between Delhi and Vienna?",
            "(UTC+5:30) is 3.5 hours ahead of Vienna",
        ),
        ("Zeitunterschied zwischen Delhi und Wien?", "Vienna 3,5 Stunden voraus"),
        # one place: against the congress's own
        ("How many hours ahead of New York is Vienna?", "New York (UTC−4) is 6 hours behind"),
    ],
)
def test_the_time_difference_between_places_is_each_day_s_clocks(question: str, said: str) -> None:
    event = Event.model_validate(
        {**EVENT.model_dump(mode="json"), "venue": {"name": "Hofburg", "city": "Vienna"}}
    )
    assert said in asking.ask([event], question, NOW).text


def test_a_clock_change_during_the_event_splits_the_difference() -> None:
    """New York leaves summer time on 7 November 2027; Vienna a week before."""
    event = Event.model_validate(
        {
            **EVENT.model_dump(mode="json"),
            "dates": {"start": "2027-11-04", "end": "2027-11-09"},
            "venue": {"name": "Hofburg", "city": "Vienna"},
        }
    )
    text = asking.ask([event], "Is New York on the same time as Vienna then?", NOW).text
    assert "4–6 November 2027: New York (UTC−4) is 5 hours behind" in text, text
    assert "7–9 November 2027: New York (UTC−5) is 6 hours behind" in text, text


def test_the_time_difference_of_two_places_needs_no_zone_of_the_event() -> None:
    """A workshop whose file gives no time zone: the two places' clocks on its day."""
    event = Event.model_validate(
        {"id": "day-2027", "name": "Data Day 2027", "dates": {"start": "2027-08-04"}}
    )
    text = asking.ask([event], "Time difference between Honolulu and Vienna?", NOW).text
    assert "Honolulu (UTC−10) is 12 hours behind Vienna (UTC+2)" in text, text


@pytest.mark.parametrize(
    ("question", "verdict"),
    [
        ("Is New York on the same time as Vienna during the congress?", "No."),
        ("Haben Bratislava und Wien während des Kongresses dieselbe Uhrzeit?", "Ja."),
        ("Heeft Lissabon dezelfde tijd als Wenen tijdens het congres?", "Nee."),
        ("How many hours ahead of New York is Vienna?", None),  # no yes or no asked
    ],
)
def test_whether_two_places_keep_the_same_clock_is_a_yes_or_no(
    question: str, verdict: str | None
) -> None:
    event = Event.model_validate(
        {**EVENT.model_dump(mode="json"), "venue": {"name": "Hofburg", "city": "Vienna"}}
    )
    text = asking.ask([event], question, NOW).text
    if verdict is None:
        assert not text.startswith(("Yes", "No")), text
    else:
        assert text.startswith(verdict), text


VISAS = Event.model_validate(
    {
        **EVENT.model_dump(mode="json", exclude_none=True),
        "qa": [
            {
                "question": "Do I need a visa for Austria?",
                "answer": "Citizens of the EU, the United Kingdom and Canada need no visa for"
                " stays of up to 90 days; others ask us for an invitation letter by 1 April.",
            }
        ],
    }
)


@pytest.mark.parametrize(
    "question",
    [
        "Do I need a visa as a German citizen?",
        "I'm British. Do I need a visa?",
        "Brauche ich als Deutscher ein Visum?",
        "Heb ik als Nederlander een visum nodig?",
        "Heb ik met een Belgisch paspoort een visum nodig?",
    ],
)
def test_the_asker_s_country_is_what_is_said_of_it_or_of_its_union(question: str) -> None:
    said = asking.ask([VISAS], question, NOW)
    assert not said.handoff and "need no visa" in said.text, said.text


@pytest.mark.parametrize(
    "question",
    [
        "Do I need a visa as an Indian citizen?",  # India is not among the countries named
        "Brauche ich mit einem Schweizer Pass ein Visum?",  # nor Switzerland, out of the EU
        "Do I need a visa with a Bolivian passport?",
    ],
)
def test_a_country_the_organisers_do_not_name_is_theirs_to_answer(question: str) -> None:
    assert asking.ask([VISAS], question, NOW).handoff


@pytest.mark.parametrize(
    "question",
    [
        "Do I need a visa for the rivers congress as a German citizen?",
        "Brauche ich als Deutsche ein Visum für den Rivers-Kongress?",
        "Heb ik als Nederlander een visum nodig voor het rivierencongres?",
    ],
)
def test_the_asker_s_country_is_not_what_an_entry_must_speak_of(question: str) -> None:
    """ "as a German citizen" says who asks; the entry on visas answers, though it names the
    asker's country only by its union ("Citizens of the EU")."""
    event = asking.changed(
        EVENT,
        qa=[
            {
                "question": "Do I need a visa?",
                "answer": "Citizens of the EU and of Switzerland need no visa for Austria; "
                "others ask us for a letter by 1 March 2027.",
                "keywords": ["visa", "entry"],
            }
        ],
        deadlines=[
            {
                "name": "Visa invitation letters",
                "date": "2027-03-01",
                "note": "For citizens of countries whose citizens need a visa.",
            }
        ],
    )
    said = asking.ask([event], question, NOW)
    assert "Citizens of the EU" in said.text and not said.handoff, said.text


def whale_school(first: str = "For postdocs, researchers and wildlife vets.") -> Event:
    return asking.changed(
        EVENT,
        fees=[
            {"category": "Student, shared cabin", "amount": 900, "currency": "EUR"},
            {"category": "Professional package", "amount": 1400, "currency": "EUR", "note": first},
            {
                "category": "Guest house",
                "amount": 300,
                "currency": "EUR",
                "note": "A room for a partner. Postdocs often bring theirs.",
            },
        ],
    )


@pytest.mark.parametrize(
    "question",
    [
        "What does the congress cost for a postdoc?",
        "Was kostet der Kongress für Postdocs?",
        "Wat kost het congres voor een onderzoeker?",  # "researchers"
    ],
)
def test_the_one_fee_whose_note_says_it_is_for_the_asker_is_theirs(question: str) -> None:
    reply = asking.ask([whale_school()], question, NOW)
    assert not reply.handoff, reply.text
    assert "1,400" in reply.text or "1.400" in reply.text, reply.text
    assert "900" not in reply.text and "300" not in reply.text, reply.text


def test_a_note_that_only_speaks_of_them_is_no_fee_for_them() -> None:
    reply = asking.ask(
        [whale_school("Cabins with a view. Postdocs like them.")], "What do postdocs pay?", NOW
    )
    assert "1,400" not in reply.text or "900" in reply.text, reply.text


@pytest.mark.parametrize(
    "question",
    [
        "When is the opening keynote in Tokyo time? I want to watch the stream.",
        "Wann ist die Eröffnungskeynote in Tokio? Ich möchte sie live anschauen.",
        "Hoe laat is de openingskeynote in Tokio? Ik wil hem online volgen.",
    ],
)
def test_how_the_asker_will_take_part_after_a_question_needs_no_answer(question: str) -> None:
    reply = asking.ask([EVENT], question, NOW)
    assert not reply.handoff, reply.text
    assert "16:00" in reply.text, reply.text  # 09:00 in Vienna


def test_how_the_asker_takes_part_from_a_place_is_not_left_out() -> None:
    # "… from Berlin": where they are, which a time asked is converted to, not only how
    reply = asking.ask([EVENT], "When is the opening keynote? I'll watch it from Tokyo.", NOW)
    assert reply.handoff or "16:00" in reply.text, reply.text


@pytest.mark.parametrize(
    "question",
    [
        "I'm in Tokyo following the Rivers and Data Congress online. When is the opening keynote "
        "for me?",
        "Ich bin in Tokio und verfolge den Rivers and Data Congress online. Wann ist die "
        "Eröffnungskeynote bei mir?",
    ],
)
def test_how_the_asker_takes_part_from_a_place_before_a_question_needs_no_answer(
    question: str,
) -> None:
    # where they are is the clock of the question after it, which answers it
    reply = asking.ask([EVENT], question, NOW)
    assert not reply.handoff, reply.text
    assert "16:00" in reply.text, reply.text
