"""A fee with VAT on top says what it comes to in all; an early rate whose day has gone says so."""

from __future__ import annotations

import datetime as dt

import pytest

from eventbot.engine import Engine, Incoming, State
from eventbot.knowledge import Event

EVENT = Event.model_validate(
    {
        "id": "vat-2027",
        "name": "VAT Workshop 2027",
        "summary": "A workshop.",
        "timezone": "Asia/Kathmandu",
        "dates": {"start": "2027-03-15"},
        "fees": [
            {
                "category": "Delegate (early)",
                "amount": 18000,
                "currency": "NPR",
                "vat_included": False,
                "vat_rate_percent": 13,
                "until": "2027-01-15",
            },
            {
                "category": "Delegate",
                "amount": 24000,
                "currency": "NPR",
                "vat_included": False,
                "vat_rate_percent": 13,
            },
        ],
    }
)


def fees(question: str, now: dt.datetime) -> str:
    outcome = Engine([EVENT]).handle(Incoming(question), State(), now)
    assert not outcome.handoff
    return outcome.replies[0].text


def test_vat_on_top_is_added_up() -> None:
    text = fees("what are the fees?", dt.datetime(2027, 1, 1, tzinfo=dt.UTC))
    assert "24,000 NPR, plus VAT (13%): 27,120 NPR in all" in text
    assert "passed" not in text
    assert "insgesamt 27.120 NPR" in fees("Was kostet es?", dt.datetime(2027, 1, 1, tzinfo=dt.UTC))


def test_an_early_rate_whose_day_has_gone_says_so() -> None:
    text = fees("what are the fees?", dt.datetime(2027, 2, 1, tzinfo=dt.UTC))
    assert "(until Friday 15 January 2027, passed)" in text


def test_a_fee_named_with_a_word_for_time_is_the_fee() -> None:
    """ "the online pass", "der virtuelle Pass": the fee category, not "has it passed?"."""
    online = {"category": "Virtual pass", "amount": 4000, "currency": "NPR", "vat_included": True}
    event = Event.model_validate({**EVENT.model_dump(mode="json"), "fees": [online]})
    now = dt.datetime(2027, 2, 1, tzinfo=dt.UTC)
    said = {
        "what does the virtual pass cost?": "4,000 NPR",
        "Hoeveel kost de virtual pass?": "4.000 NPR",
        "Was kostet der virtuelle Pass?": "4.000 NPR",
    }
    for question, amount in said.items():
        outcome = Engine([event]).handle(Incoming(question), State(), now)
        assert not outcome.handoff and outcome.intents == ["fees"], question
        assert amount in outcome.replies[0].text


def test_an_early_rate_asked_after_it_ended_comes_with_the_rate_in_its_place() -> None:
    fees_now = [
        {"category": "Member (early)", "amount": 300, "currency": "EUR", "until": "2027-01-15"},
        {"category": "Non-member (early)", "amount": 400, "currency": "EUR", "until": "2027-01-15"},
        {"category": "Member (regular)", "amount": 350, "currency": "EUR"},
        {"category": "Non-member (regular)", "amount": 450, "currency": "EUR"},
        {"category": "Student", "amount": 100, "currency": "EUR"},
    ]
    event = Event.model_validate({**EVENT.model_dump(mode="json"), "fees": fees_now})
    after = dt.datetime(2027, 2, 1, tzinfo=dt.UTC)
    for question in ("can I still get the early rate?", "Gibt es noch den Frühbucherpreis?"):
        text = Engine([event]).handle(Incoming(question), State(), after).replies[0].text
        assert "300" in text and "350" in text and "450" in text, text
        assert "Student" not in text
    before = dt.datetime(2027, 1, 1, tzinfo=dt.UTC)  # while it lasts, the early rates alone
    text = Engine([event]).handle(Incoming("what is the early rate?"), State(), before)
    assert "350" not in text.replies[0].text


@pytest.mark.parametrize(
    ("question", "now", "there", "ended"),
    [  # the early rate holds until the end of 15 January in Kathmandu (UTC+05:45)
        (
            "It's 7pm on 15 January here in Berlin - can I still get the early rate?",
            dt.datetime(2027, 1, 15, 18, tzinfo=dt.UTC),
            "19:15",
            False,
        ),
        (
            "Es ist 20 Uhr am 15. Januar in Wien. Krieg ich noch den Frühbucherpreis?",
            dt.datetime(2027, 1, 15, 19, tzinfo=dt.UTC),
            "19:15",
            True,
        ),
        (
            "Kan ik nog het early tarief krijgen?",
            dt.datetime(2027, 1, 10, 9, tzinfo=dt.UTC),
            "23:59",
            False,
        ),
    ],
)
def test_whether_a_rate_still_holds_is_told_to_the_minute_and_in_the_asker_s_time(
    question: str, now: dt.datetime, there: str, ended: bool
) -> None:
    said = fees(question, now)
    assert there in said, said
    assert any(word in said for word in ("ended", "galt", "abgelaufen", "gold")) is ended


def test_a_rate_of_an_event_with_no_zone_holds_until_its_day_is_over_everywhere() -> None:
    nowhere = Event.model_validate(
        {
            **EVENT.model_dump(mode="json", exclude_none=True),
            "id": "nowhere-2027",
            "timezone": None,
        }
    )
    # 16 January 05:00 UTC: 15 January is not over Anywhere on Earth (UTC-12) until 12:00 UTC
    now = dt.datetime(2027, 1, 16, 5, tzinfo=dt.UTC)
    outcome = Engine([nowhere]).handle(Incoming("Can I still get the early rate?"), State(), now)
    text = "\n".join(reply.text for reply in outcome.replies)
    assert "This rate holds until" in text and "AoE" in text, text


ROOMS = Event.model_validate(
    {
        **EVENT.model_dump(mode="json", exclude_none=True),
        "id": "rooms-2027",
        "fees": [
            {"category": "PhD student, shared room", "amount": 1250, "currency": "EUR"},
            {"category": "PhD student, single room", "amount": 1540, "currency": "EUR"},
            {"category": "Postdoc, single room", "amount": 1890, "currency": "EUR"},
            {"category": "Member (early)", "amount": 480, "currency": "EUR", "until": "2027-01-31"},
            {
                "category": "Non-member (early)",
                "amount": 640,
                "currency": "EUR",
                "until": "2027-01-31",
            },
            {"category": "Non-member (regular)", "amount": 790, "currency": "EUR"},
        ],
    }
)


@pytest.mark.parametrize(
    ("question", "gap"),
    [
        ("What's the price difference between a single and a shared room for PhD students?", "290"),
        (
            "Was ist der Preisunterschied zwischen Postdoc und PhD student im Einzelzimmer?",
            "350",
        ),
        ("Wat is het verschil tussen het member early tarief en non-member early?", "160"),
    ],
)
def test_the_difference_between_two_fees_is_told(question: str, gap: str) -> None:
    outcome = Engine([ROOMS]).handle(
        Incoming(question), State(), dt.datetime(2027, 1, 10, tzinfo=dt.UTC)
    )
    text = "\n".join(reply.text for reply in outcome.replies)
    assert f"{gap} EUR" in text and not outcome.handoff, text


def test_a_difference_of_no_one_pair_is_for_the_organisers() -> None:
    question = "How much would I save compared with the others?"
    outcome = Engine([ROOMS]).handle(
        Incoming(question), State(), dt.datetime(2027, 1, 10, tzinfo=dt.UTC)
    )
    assert outcome.handoff


NEAR = dt.datetime(2027, 3, 1, 12, tzinfo=dt.UTC)
BANQUET = Event.model_validate(
    {
        "id": "alpine-2027",
        "name": "Alpine Data Congress 2027",
        "summary": "A congress.",
        "timezone": "Europe/Vienna",
        "dates": {"start": "2027-06-07", "end": "2027-06-09"},
        "fees": [
            {
                "category": "Member",
                "amount": 400,
                "currency": "EUR",
                "includes": ["all sessions", "lunches", "the conference banquet"],
            },
            {
                "category": "Student",
                "amount": 150,
                "currency": "EUR",
                "includes": ["all sessions", "lunches"],
            },
            {
                "category": "Banquet ticket",
                "amount": 70,
                "currency": "EUR",
                "includes": ["the conference banquet on Tuesday"],
            },
        ],
    }
)


@pytest.mark.parametrize(
    ("question", "no"),
    [
        ("Is the banquet included in the student fee?", "No."),
        ("Ist das Bankett bei der Studentengebühr dabei?", "Nein."),
        ("Zit het banket bij het studententarief inbegrepen?", "Nee."),
    ],
)
def test_a_thing_sold_on_its_own_is_asked_of_the_other_fee_named(question: str, no: str) -> None:
    """A fee that sells what its name says ("Banquet ticket") names the thing asked about:
    whether the student fee includes the banquet, and what the ticket costs."""
    outcome = Engine([BANQUET]).handle(Incoming(question), State(), NEAR)
    text = outcome.replies[0].text
    assert not outcome.handoff and text.startswith(no), text
    assert "Banquet ticket: 70" in text and "Member" not in text, text


def test_a_fee_asked_for_one_part_alone_is_that_parts_fee() -> None:
    """ "the workshop day alone", "die Doctoral School allein": the fee for that part only."""
    parts = [
        {"category": "Full registration", "amount": 20000, "currency": "NPR"},
        {"category": "Tutorial day only", "amount": 5000, "currency": "NPR"},
    ]
    event = Event.model_validate({**EVENT.model_dump(mode="json"), "fees": parts})
    now = dt.datetime(2027, 2, 1, tzinfo=dt.UTC)
    said = {
        "What does the tutorial day alone cost?": "5,000 NPR",
        "Was kostet der Tutorial-Tag allein?": "5.000 NPR",
        "Wat kost alleen de tutorialdag?": "5.000 NPR",
    }
    for question, amount in said.items():
        outcome = Engine([event]).handle(Incoming(question), State(), now)
        assert not outcome.handoff and outcome.intents == ["fees"], question
        assert amount in outcome.replies[0].text and "20" not in outcome.replies[0].text, question
