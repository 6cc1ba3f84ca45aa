"""What a cancellation brings back, reckoned from the organisers' refund policy as they wrote it
in an entry: for the fee the asker names (by its category or by what they paid), today or on the
day they name; a policy read only in part is given as written, with no amount."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from eventbot.engine import Engine, Incoming, State
from eventbot.engine.answers.refunds import policy, refund
from eventbot.knowledge import Event

POLICY = (
    "If you cancel by 31 January 2031 we refund everything except the 300 EUR deposit. "
    "From 1 to 20 February we keep the deposit and 25 % of the rest of the fee. "
    "From 21 February we cannot refund anything."
)
HANDLING = (
    "If you cancel by 17 May 2031 we refund your fee minus a handling fee of 100 EUR. "
    "From 18 May to 2 June we refund 50 %. After 2 June we cannot refund, but you can "
    "transfer your registration to a colleague."
)


def school(answer: str, start: str = "2031-03-03") -> Event:
    return Event.model_validate(
        {
            "id": "fjell-school-2031",
            "name": "Fjell Winter School 2031",
            "timezone": "Europe/Oslo",
            "dates": {"start": start},
            "fees": [
                {"category": "PhD student, shared room", "amount": 1480, "currency": "EUR"},
                {"category": "Postdoc, single room", "amount": 2340, "currency": "EUR"},
                {"category": "Member (early)", "amount": 595, "currency": "EUR"},
                {"category": "Non-member (early)", "amount": 820, "currency": "EUR"},
            ],
            "qa": [
                {
                    "question": "What is your cancellation policy?",
                    "answer": answer,
                    "keywords": ["cancel", "cancellation", "refund", "money back"],
                }
            ],
        }
    )


@pytest.mark.parametrize(
    ("day", "fee", "back"),
    [
        (dt.date(2031, 1, 10), 1480, 1180),  # all but the deposit
        (dt.date(2031, 2, 10), 1480, 885),  # the deposit and a quarter of the rest kept
        (dt.date(2031, 2, 10), 2340, 1530),
        (dt.date(2031, 2, 21), 1480, 0),
    ],
)
def test_a_policy_is_read_as_tiers(day: dt.date, fee: int, back: int) -> None:
    assert refund(policy(POLICY, 2031), Decimal(fee), day) == back


def test_handling_fee_half_and_nothing() -> None:
    tiers = policy(HANDLING, 2031)
    assert [
        refund(tiers, Decimal(820), dt.date(2031, m, d)) for m, d in ((5, 1), (5, 20), (6, 3))
    ] == [
        720,
        410,
        0,
    ]


def test_text_that_is_no_policy_has_no_tiers() -> None:
    assert (
        policy("The early bird ends on 15 April; from 16 April the rate is 20 % higher.", 2031)
        == []
    )


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("If I cancel my single room (postdoc) today, what is refunded?", "1,530 EUR"),
        (
            "Ich storniere heute mein geteiltes Zimmer als Doktorand. Was bekomme ich zurück?",
            "885 EUR",
        ),
        ("Ik annuleer vandaag, ik heb 1480 betaald. Hoeveel krijg ik terug?", "885 EUR"),
        ("If I cancel on 15 January, what do I get back on the shared room?", "1,180 EUR"),
    ],
)
def test_the_amount_back_for_the_fee_the_asker_names(question: str, expected: str) -> None:
    now = dt.datetime(2031, 2, 10, 12, tzinfo=dt.UTC)
    outcome = Engine([school(POLICY)]).handle(Incoming(question), State(), now)
    text = "\n".join(reply.text for reply in outcome.replies)
    assert expected in text and "If you cancel by 31 January" in text, text


def test_a_member_is_not_a_non_member() -> None:
    now = dt.datetime(2031, 5, 20, 12, tzinfo=dt.UTC)
    question = "If I cancel today, how much do I get back? I paid the member early rate."
    event = school(HANDLING, start="2031-06-16")
    text = Engine([event]).handle(Incoming(question), State(), now).replies[0].text
    assert "297.50 EUR" in text and "410" not in text, text


def test_no_fee_named_no_amount() -> None:
    now = dt.datetime(2031, 2, 10, 12, tzinfo=dt.UTC)
    text = Engine([school(POLICY)]).handle(Incoming("Can I get a refund?"), State(), now)
    assert "you get" not in text.replies[0].text and "If you cancel by" in text.replies[0].text


def test_half_of_the_fee() -> None:
    text = (
        "Cancellations until 31 July 2031 are refunded minus a 50 EUR fee; from 1 to 20 August "
        "2031 half of the fee is refunded; after 20 August there are no refunds."
    )
    assert refund(policy(text, 2031), Decimal(840), dt.date(2031, 8, 5)) == 420


def test_the_day_told_in_the_sentence_before_is_the_refunds() -> None:
    now = dt.datetime(2031, 2, 10, 12, tzinfo=dt.UTC)
    message = "Ik annuleer op 8 januari mijn plek (PhD, gedeelde kamer). Hoeveel krijg ik terug?"
    text = Engine([school(POLICY)]).handle(Incoming(message), State(), now).replies[0].text
    assert "op woensdag 8 januari 2031 annuleert, krijgt u 1.180 EUR terug" in text, text


def test_a_sentence_before_that_the_answer_speaks_of_is_not_handed_off() -> None:
    """ "I have to cancel now (postdoc, single room)." tells what the answer speaks of: no
    question to pass on to the organisers."""
    now = dt.datetime(2031, 2, 10, 12, tzinfo=dt.UTC)
    message = "I have to cancel now (postdoc, single room). What's refunded?"
    outcome = Engine([school(POLICY)]).handle(Incoming(message), State(), now)
    assert "1,530 EUR" in outcome.replies[0].text and not outcome.handoff, outcome.replies[0].text
