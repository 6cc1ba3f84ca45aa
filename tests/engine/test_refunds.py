"""What a cancellation brings back, reckoned from the organisers' refund policy as they wrote it
in an entry: for the fee the asker names (by its category or by what they paid), today or on the
day they name; a policy read only in part is given as written, with no amount."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from eventbot.engine import Engine, Incoming, Outcome, State
from eventbot.engine.answers.refunds import deposit_in, policy, refund
from eventbot.engine.answers.refunds import excepted as is_excepted
from eventbot.knowledge import Event, Fee

START = dt.date(2031, 3, 3)
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


def handled(message: str) -> Outcome:
    """A message to the Fjell school with the policy above, on 10 February 2031."""
    now = dt.datetime(2031, 2, 10, 12, tzinfo=dt.UTC)
    return Engine([school(POLICY)]).handle(Incoming(message), State(), now)


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
    assert refund(policy(POLICY, START, "EUR"), Decimal(fee), day) == back


def test_handling_fee_half_and_nothing() -> None:
    tiers = policy(HANDLING, dt.date(2031, 6, 16), "EUR")
    days = (dt.date(2031, 5, 1), dt.date(2031, 5, 20), dt.date(2031, 6, 3))
    assert [refund(tiers, Decimal(820), day) for day in days] == [720, 410, 0]


def test_the_fee_refunded_in_full_is_a_tier() -> None:
    text = (
        "If you cancel by 1 October 2032 we refund your fee in full. From 2 October to 15 "
        "November 2032 we refund 50 %. After 15 November 2032 we cannot refund."
    )
    tiers = policy(text, dt.date(2032, 12, 1), "EUR")
    days = (dt.date(2032, 9, 30), dt.date(2032, 10, 15), dt.date(2032, 11, 16))
    assert [refund(tiers, Decimal(60), day) for day in days] == [60, 30, 0]


def test_it_refunded_in_full_and_a_place_transferred_instead_are_read() -> None:
    """ "We refund it in full" is a tier; "Instead of cancelling, you can transfer your
    registration … free of charge until …" is no refund at all, though it names a day."""
    text = (
        "If you cancel a track by 30 September 2039 we refund it in full. From 1 October to 31 "
        "October 2039 we refund 50 %. After 31 October 2039 we cannot refund. Instead of "
        "cancelling, you can transfer your registration to a colleague free of charge until "
        "10 March 2040."
    )
    tiers = policy(text, dt.date(2040, 3, 21), "EUR")
    days = (dt.date(2039, 9, 30), dt.date(2039, 10, 15), dt.date(2039, 11, 1))
    assert [refund(tiers, Decimal(123), day) for day in days] == [123, Decimal("61.5"), 0]


@pytest.mark.parametrize(
    ("text", "fee", "backs"),
    [
        (  # one day, then "after that": nothing from the day after
            "Certificate fees are refunded in full if you cancel by 31 October 2039, Nairobi "
            "time; after that there is no refund, but you can pass your place to a colleague.",
            "60 EUR",
            [60, 60, 0],
        ),
        (
            "If you cancel by 31 October 2039 we refund your whole fee. Afterwards we cannot "
            "refund.",
            "60 EUR",
            [60, 60, 0],
        ),
        (
            "Paid tracks are refunded in full until 15 October 2039 and at 50 % until 31 "
            "October 2039; after that there are no refunds.",
            "60 EUR",
            [60, 30, 0],
        ),
        (  # a handling fee in another currency, and in the fee's own in brackets
            "Registrations are refunded minus a 30 USD handling fee (NPR 3,500 for NPR fees) if "
            "cancelled by 15 October 2039, and 50 % if cancelled by 31 October 2039; after that "
            "there is no refund.",
            "13500 NPR",
            [10000, 6750, 0],
        ),
    ],
)
def test_a_policy_in_other_words_is_read(text: str, fee: str, backs: list[int]) -> None:
    amount, currency = fee.split()
    tiers = policy(text, dt.date(2040, 3, 21), currency)
    days = (dt.date(2039, 10, 1), dt.date(2039, 10, 20), dt.date(2039, 11, 1))
    assert [refund(tiers, Decimal(amount), day) for day in days] == backs


def test_a_share_of_what_was_paid_beyond_the_deposit_is_of_the_rest() -> None:
    text = (
        "If you withdraw by 15 June 2050 we refund everything except the deposit of 350 EUR. "
        "From 16 June to 30 June 2050 we refund 25 % of what you paid beyond the deposit. From "
        "1 July 2050 we cannot refund."
    )
    tiers = policy(text, dt.date(2050, 7, 3), "EUR")
    days = (dt.date(2050, 6, 10), dt.date(2050, 6, 20), dt.date(2050, 7, 1))
    assert [refund(tiers, Decimal(2600), day) for day in days] == [2250, Decimal("562.50"), 0]


@pytest.mark.parametrize(
    ("category", "excepted"),
    [
        ("Virtual pass", True),
        ("Notebook workshop (Bogotá, 21 April)", True),
        ("Department licence", True),
        ("Certificate track", False),
        ("Student", False),
    ],
)
def test_a_fee_the_policy_says_is_not_refunded_is_excepted(category: str, excepted: bool) -> None:
    text = (
        "If you cancel by 15 February 2040 we refund your fee minus 75 EUR. After 15 February "
        "2040 we cannot refund. The virtual pass cannot be refunded. Department licences and "
        "workshop places cannot be refunded, but you can pass them on to a colleague."
    )
    assert is_excepted(text, category, dt.date(2040, 3, 21)) is excepted


def test_a_fee_the_policy_excepts_has_no_amount_back() -> None:
    now = dt.datetime(2031, 2, 10, 12, tzinfo=dt.UTC)
    event = school(POLICY + " The Member (early) rate cannot be refunded.")
    question = "I paid the member early rate. If I cancel today, how much do I get back?"
    text = Engine([event]).handle(Incoming(question), State(), now).replies[0].text
    assert "you get" not in text and "cannot be refunded" in text, text


@pytest.mark.parametrize(
    "kept",
    [
        "All dates are Reykjavik time.",  # in the policy
        "Registration and refund dates are Reykjavik time.",  # in another entry
    ],
)
def test_the_days_of_a_policy_are_where_the_organisers_say_they_are_kept(kept: str) -> None:
    """Half past midnight on 21 February in Oslo is still 20 February in Reykjavik, where the
    organisers keep their refund dates: the 20 February share comes back."""
    event = school(POLICY if "refund" in kept else f"{POLICY} {kept}")
    if "refund" in kept:
        entry = {"question": "Which time zone?", "answer": kept, "keywords": ["time zone"]}
        event = Event.model_validate(
            {**event.model_dump(), "qa": [*event.model_dump()["qa"], entry]}
        )
    now = dt.datetime.fromisoformat("2031-02-21T00:30+01:00")
    question = "If I cancel my PhD student shared room now, what do I get back?"
    text = Engine([event]).handle(Incoming(question), State(), now).replies[0].text
    assert "885 EUR back" in text, text


def test_the_day_the_asker_says_it_is_is_now_where_the_policy_is_kept() -> None:
    """ "20 February, 23:30 here in Reykjavik" is already 21 February in Oslo, the event's
    zone, where the policy's days are kept: nothing comes back, not the 20 February share."""
    now = dt.datetime(2031, 2, 20, 23, 30, tzinfo=dt.UTC)
    question = (
        "I'm cancelling my PhD student shared room now, on 20 February at 23:30 here in "
        "Reykjavik. What do I get back?"
    )
    text = Engine([school(POLICY)]).handle(Incoming(question), State(), now).replies[0].text
    assert "on Friday 21 February 2031, nothing" in text, text


def test_a_deposit_named_elsewhere_is_what_the_policy_keeps() -> None:
    """ "We refund everything except the deposit" of a deposit the organisers give elsewhere
    ("pay a deposit of 400 EUR"); "50 % of the fee minus the deposit" is half of the rest."""
    text = (
        "If you withdraw by 31 January 2033, we refund everything you paid except the deposit. "
        "From 1 February to 28 February 2033 we refund 50 % of the fee minus the deposit. From "
        "1 March 2033 we cannot refund."
    )
    elsewhere = ["If we accept you, pay a deposit of 400 EUR by 15 December 2032."]
    deposit = deposit_in(elsewhere, "EUR")
    assert deposit == 400
    tiers = policy(text, dt.date(2033, 3, 19), "EUR", deposit)
    days = (dt.date(2033, 1, 20), dt.date(2033, 2, 10), dt.date(2033, 3, 2))
    assert [refund(tiers, Decimal(1450), day) for day in days] == [1050, 525, 0]
    assert policy(text, dt.date(2033, 3, 19), "EUR") == []  # no deposit known: not reckoned
    assert deposit_in([*elsewhere, "The 300 EUR deposit for the ski day."], "EUR") is None


def test_text_that_is_no_policy_has_no_tiers() -> None:
    assert (
        policy(
            "The early bird ends on 15 April; from 16 April the rate is 20 % higher.", START, "EUR"
        )
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
    outcome = handled(question)
    text = "\n".join(reply.text for reply in outcome.replies)
    assert expected in text and "If you cancel by 31 January" in text, text


def test_a_member_is_not_a_non_member() -> None:
    now = dt.datetime(2031, 5, 20, 12, tzinfo=dt.UTC)
    question = "If I cancel today, how much do I get back? I paid the member early rate."
    event = school(HANDLING, start="2031-06-16")
    text = Engine([event]).handle(Incoming(question), State(), now).replies[0].text
    assert "297.50 EUR" in text and "410" not in text, text


@pytest.mark.parametrize(
    ("message", "back"),
    [
        (
            "Ich muss meine Anmeldung (Mitglied, Standardtarif) stornieren. Was bekomme ich "
            "zurück?",
            "375 EUR",
        ),
        (
            "Ik heb het standaardtarief voor leden betaald en annuleer nu. Wat krijg ik terug?",
            "375 EUR",
        ),
    ],
)
def test_a_standard_rate_named_in_other_words_is_the_fee_refunded(message: str, back: str) -> None:
    """ "Standardtarif", "standaardtarief": the "Member (standard)" fee, which organisers
    call standard as often as regular."""
    data = school(HANDLING, start="2031-06-16").model_dump(mode="json")
    data["fees"].append({"category": "Member (standard)", "amount": 750, "currency": "EUR"})
    now = dt.datetime(2031, 5, 20, 12, tzinfo=dt.UTC)
    outcome = Engine([Event.model_validate(data)]).handle(Incoming(message), State(), now)
    text = "\n".join(reply.text for reply in outcome.replies)
    assert back in text and "750" in text and not outcome.handoff, text


def test_no_fee_named_no_amount() -> None:
    now = dt.datetime(2031, 2, 10, 12, tzinfo=dt.UTC)
    text = Engine([school(POLICY)]).handle(Incoming("Can I get a refund?"), State(), now)
    assert "you get" not in text.replies[0].text and "If you cancel by" in text.replies[0].text


def test_half_of_the_fee() -> None:
    text = (
        "Cancellations until 31 July 2031 are refunded minus a 50 EUR fee; from 1 to 20 August "
        "2031 half of the fee is refunded; after 20 August there are no refunds."
    )
    assert (
        refund(policy(text, dt.date(2031, 9, 1), "EUR"), Decimal(840), dt.date(2031, 8, 5)) == 420
    )


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


@pytest.mark.parametrize(
    "message",
    [
        "Ik heb 1480 euro betaald en wil annuleren. Hoeveel krijg ik terug?",
        "I paid 1480 EUR and have to cancel. What do I get back?",
    ],
)
def test_a_question_after_what_was_told_and_answered_is_not_handed_off(message: str) -> None:
    """The first sentence, which tells, is answered by the policy and what it brings back; the
    question after it asks nothing that answer does not speak of."""
    now = dt.datetime(2031, 2, 10, 12, tzinfo=dt.UTC)
    data = school(POLICY).model_dump(mode="json")
    data["qa"][0]["keywords"] = ["cancel", "cancellation", "withdraw"]  # no "money back"
    event = Event.model_validate(data)
    outcome = Engine([event]).handle(Incoming(message), State(), now)
    text = "\n".join(reply.text for reply in outcome.replies)
    assert "885" in text and not outcome.handoff, text


@pytest.mark.parametrize(
    ("message", "back"),
    [
        (
            "Wenn ich jetzt absage (Nachwuchsforscherin, Postdoc, Einzelzimmer), was bekomme ich "
            "zurück?",
            "1.530 EUR",
        ),
        (
            "Annuleren, eenpersoonskamer als jonge onderzoeker (postdoc), hoeveel krijg ik terug?",
            "1.530 EUR",
        ),
    ],
)
def test_a_clause_that_tells_of_cancelling_is_answered_by_the_refund(
    message: str, back: str
) -> None:
    """What comes back, reckoned, answers the clause that tells of cancelling too, though
    that clause's other words ("Nachwuchsforscherin") are not the fee's."""
    outcome = handled(message)
    text = "\n".join(reply.text for reply in outcome.replies)
    assert back in text and not outcome.handoff, text


@pytest.mark.parametrize(
    "message",
    [
        "I have to cancel the Fjell school today. How much do I get back?",
        "Ich muss die Fjell-Schule heute absagen. Wie viel bekomme ich zurück?",
        "Ik moet de Fjell-school vandaag annuleren. Hoeveel krijg ik terug?",
    ],
)
def test_a_sentence_that_only_tells_of_cancelling_is_the_question_after_its_condition(
    message: str,
) -> None:
    """ "How much do I get back?" after a sentence that tells of cancelling and asks nothing
    asks what cancelling brings back: the organisers' policy, not a hand-off."""
    now = dt.datetime(2031, 2, 10, 12, tzinfo=dt.UTC)
    data = school(POLICY).model_dump(mode="json")
    data["qa"][0]["keywords"] = ["cancel", "cancellation", "withdraw"]  # no "money back"
    outcome = Engine([Event.model_validate(data)]).handle(Incoming(message), State(), now)
    text = "\n".join(reply.text for reply in outcome.replies)
    assert "From 21 February we cannot refund anything" in text and not outcome.handoff, text


def test_two_fees_named_alike_are_told_apart_by_the_amount_paid() -> None:
    now = dt.datetime(2031, 2, 10, 12, tzinfo=dt.UTC)
    message = "Ich möchte mein Zimmer (1480 EUR) stornieren. Wie viel bekomme ich zurück?"
    text = Engine([school(POLICY)]).handle(Incoming(message), State(), now).replies[0].text
    assert "885 EUR" in text, text


@pytest.mark.parametrize(
    "text",
    [
        "A cancellation fee of 20 % applies until 31 January. From 1 February we cannot refund.",
        "Until 31 January we keep 30 % of the fee. From 1 February we cannot refund.",
        "Until 31 January we refund the fee minus 10 %. From 1 February we cannot refund.",
        "Until 31 January we refund the fee minus a 50 CHF handling fee. From 1 February no refund.",
    ],
)
def test_a_clause_not_read_in_full_leaves_the_policy_unreckoned(text: str) -> None:
    """A share that is taken, not given back, or an amount in another currency than the fee's:
    no amount is reckoned at all."""
    assert policy(text, START, "EUR") == []


def test_days_without_a_year_are_the_last_before_the_event() -> None:
    text = (
        "By 15 December we refund 90 %; from 16 December to 15 January 50 %; after 15 January "
        "there is no refund."
    )
    tiers = policy(text, START, "EUR")
    assert refund(tiers, Decimal(100), dt.date(2030, 12, 1)) == 90
    assert refund(tiers, Decimal(100), dt.date(2031, 2, 10)) == 0


def test_before_a_day_ends_the_day_before_and_a_day_in_brackets_is_no_end() -> None:
    text = (
        "Cancellations received before 1 February are refunded 80 %. Until 20 February (two "
        "weeks before the school starts on 3 March) we refund 50 %. From 21 February we cannot "
        "refund."
    )
    tiers = policy(text, START, "EUR")
    assert refund(tiers, Decimal(100), dt.date(2031, 1, 31)) == 80
    assert refund(tiers, Decimal(100), dt.date(2031, 2, 1)) == 50
    assert refund(tiers, Decimal(100), dt.date(2031, 2, 25)) == 0


def test_a_day_named_in_a_sentence_that_does_not_cancel_is_not_the_days() -> None:
    now = dt.datetime(2031, 2, 10, 12, tzinfo=dt.UTC)
    message = (
        "I signed up on 15 January (postdoc, single room). If I cancel today, how much is refunded?"
    )
    text = Engine([school(POLICY)]).handle(Incoming(message), State(), now).replies[0].text
    assert "1,530 EUR" in text and "15 January" not in text.split("If you cancel by")[0], text


def test_a_day_is_no_amount_paid() -> None:
    now = dt.datetime(2031, 1, 10, 12, tzinfo=dt.UTC)
    event = Event.model_validate(
        {
            **school(POLICY).model_dump(mode="json"),
            "fees": [
                {"category": "Full", "amount": 450, "currency": "EUR"},
                {"category": "Day pass", "amount": 30, "currency": "EUR"},
            ],
        }
    )
    text = (
        Engine([event])
        .handle(Incoming("If I cancel on 30 January, how much is refunded?"), State(), now)
        .replies[0]
        .text
    )
    assert "Day pass" not in text, text


def test_nothing_back_is_said_as_nothing() -> None:
    now = dt.datetime(2031, 2, 25, 12, tzinfo=dt.UTC)
    message = "If I cancel my single room (postdoc) today, what is refunded?"
    text = Engine([school(POLICY)]).handle(Incoming(message), State(), now).replies[0].text
    assert "nothing of the 2,340 EUR" in text and "free" not in text, text


def test_a_policy_on_something_else_is_not_the_fees() -> None:
    """An entry on dinner tickets' refunds says nothing of what the room fee brings back."""
    event = Event.model_validate(
        {
            **school(POLICY).model_dump(mode="json"),
            "qa": [
                {
                    "question": "Can I get my dinner ticket money back?",
                    "answer": "Dinner tickets are refunded 50 % until 15 February; after that, no refund.",
                    "keywords": ["dinner", "ticket", "money back"],
                }
            ],
        }
    )
    now = dt.datetime(2031, 2, 10, 12, tzinfo=dt.UTC)
    message = "I'm a postdoc in a single room. Can I get my dinner ticket money back?"
    text = Engine([event]).handle(Incoming(message), State(), now).replies[0].text
    assert "1,170" not in text and "you get" not in text, text


@pytest.mark.parametrize(
    "message",
    [
        "Please cancel my postdoc single room registration. What's refunded?",
        "Bitte stornieren Sie meine Anmeldung als Postdoc im Einzelzimmer. Was bekomme ich zurück?",
    ],
)
def test_a_request_to_act_is_passed_on_though_the_refund_is_answered(message: str) -> None:
    outcome = handled(message)
    assert outcome.handoff or outcome.action is not None, outcome.replies[0].text


@pytest.mark.parametrize(
    "question",
    [
        "I can't come to the Fjell school after all. Will I get any money back?",
        "Ich muss meine Teilnahme absagen (Doktorand, geteiltes Zimmer). Was bekomme ich zurück?",
        "Ik wil mijn registratie annuleren, ik heb 1480 betaald. Hoeveel krijg ik terug?",
    ],
)
def test_cancelling_told_beside_a_question_is_answered_not_done(question: str) -> None:
    outcome = handled(question)
    assert outcome.action is None
    assert "If you cancel by 31 January" in "\n".join(reply.text for reply in outcome.replies)


def test_asked_to_cancel_it_is_done() -> None:
    outcome = handled("Please cancel my registration. What do I get back?")
    assert outcome.action is not None


@pytest.mark.parametrize(
    "question",
    [
        "Can a colleague take my place?",
        "Kann eine Kollegin meinen Platz übernehmen?",
        "Kan een collega mijn plek overnemen?",
    ],
)
def test_a_place_given_to_someone_else_is_a_rule_not_my_registration(question: str) -> None:
    outcome = handled(question)
    assert outcome.action is None
    assert outcome.handoff or "transfer your registration" in outcome.replies[0].text


def test_a_sentence_of_something_else_with_a_day_leaves_the_policy_reckoned() -> None:
    """ "You can transfer your registration until …" names a day and no refund: not a tier."""
    text = HANDLING + " You can also transfer your registration to a colleague until 30 May."
    tiers = policy(text, dt.date(2031, 6, 16), "EUR")
    assert refund(tiers, Decimal(600), dt.date(2031, 5, 20)) == 300


def test_the_deposit_kept_and_half_of_the_rest_refunded() -> None:
    text = (
        "If you withdraw by 31 January 2031 we refund everything except the deposit. "
        "From 1 to 20 February we keep the deposit and refund half of the rest of the fee. "
        "From 21 February we refund nothing, unless someone takes your place."
    )
    tiers = policy(text, START, "EUR", Decimal(300))
    days = (dt.date(2031, 1, 20), dt.date(2031, 2, 10), dt.date(2031, 2, 25))
    assert [refund(tiers, Decimal(1480), day) for day in days] == [1180, 590, 0]


@pytest.mark.parametrize(
    "message",
    [
        "Ich storniere heute, bezahlt habe ich 1480 Euro. Wie viel bekomme ich zurück?",
        "I'm cancelling today. I paid 1480 EUR for the shared room. What do I get back?",
    ],
)
def test_what_was_paid_told_beside_the_refund_asked_is_not_answered_with_the_fees(
    message: str,
) -> None:
    text = "\n".join(reply.text for reply in handled(message).replies)
    assert "885 EUR" in text, text
    assert "2,340" not in text and "2.340" not in text, text  # no list of the fees


@pytest.mark.parametrize(
    ("first", "then", "expected"),
    [
        (
            "I have to cancel today; I paid 1480 EUR. What do I get back?",
            "And what if I had cancelled on 15 January?",
            "1,180 EUR",
        ),
        (
            "Ich muss heute stornieren (1480 €). Was bekomme ich zurück?",
            "Und wenn ich am 15. Januar storniert hätte?",
            "1.180 EUR",
        ),
    ],
)
def test_a_refund_on_another_day_is_of_the_fee_paid_before(
    first: str, then: str, expected: str
) -> None:
    """The fee the asker said they paid stays theirs, through the stored state."""
    engine, now = Engine([school(POLICY)]), dt.datetime(2031, 2, 10, 12, tzinfo=dt.UTC)
    before = engine.handle(Incoming(first), State(), now)
    assert "885 EUR" in before.replies[0].text, before.replies[0].text
    stored = State.from_dict(before.state.to_dict())
    text = engine.handle(Incoming(then), stored, now).replies[0].text
    assert expected in text and "1,480" in text.replace(".", ","), text


def test_a_day_in_a_fees_name_does_not_name_it() -> None:
    """ "Cancelled on 30 January" names no "Day ticket (30 January)"."""
    event = school(POLICY)
    day = {"category": "Day ticket (30 January)", "amount": 210, "currency": "EUR"}
    fees = [*(f.model_dump(mode="json") for f in event.fees), day]
    event = Event.model_validate({**event.model_dump(mode="json"), "fees": fees})
    engine, now = Engine([event]), dt.datetime(2031, 2, 10, 12, tzinfo=dt.UTC)
    before = engine.handle(Incoming("I paid 1480 EUR and cancel today. Refund?"), State(), now)
    then = "What if I had cancelled on 30 January?"
    text = engine.handle(Incoming(then), before.state, now).replies[0].text
    assert "1,180 EUR" in text and "Day ticket" not in text, text


@pytest.mark.parametrize(
    ("then", "expected"),
    [
        ("And if I had withdrawn in January?", "1,180 EUR"),  # every day of it alike
        ("and if I had cancelled in May?", "nothing"),
        ("And from March?", "nothing"),
        ("En als ik het in januari had gedaan?", "1.180 EUR"),
    ],
)
def test_a_refund_in_another_month_is_reckoned_when_every_day_of_it_brings_the_same(
    then: str, expected: str
) -> None:
    engine, now = Engine([school(POLICY)]), dt.datetime(2031, 2, 10, 12, tzinfo=dt.UTC)
    before = engine.handle(Incoming("I withdraw today; I paid 1480 EUR. Refund?"), State(), now)
    assert "885 EUR" in before.replies[0].text, before.replies[0].text
    text = engine.handle(Incoming(then), before.state, now).replies[0].text
    assert expected in text and "1,480" in text.replace(".", ","), text


@pytest.mark.parametrize(
    "then",
    [
        "And if I wait until 10 February?",
        "Und wenn ich bis zum 10. Februar warte?",
        "En als ik wacht tot 10 februari?",
    ],
)
def test_waiting_until_a_day_asks_the_refund_of_that_day(then: str) -> None:
    """A day on a condition ("if I wait until …") after a refund reckoned is that refund, that
    day: only its verb is more than the day."""
    engine, now = Engine([school(POLICY)]), dt.datetime(2031, 1, 20, 12, tzinfo=dt.UTC)
    before = engine.handle(Incoming("I withdraw today; I paid 1480 EUR. Refund?"), State(), now)
    assert "1,180 EUR" in before.replies[0].text, before.replies[0].text
    outcome = engine.handle(Incoming(then), before.state, now)
    text = outcome.replies[0].text
    assert not outcome.handoff and "885 EUR" in text and "10" in text, text


def test_a_month_whose_days_bring_back_different_amounts_is_not_reckoned() -> None:
    engine, now = Engine([school(POLICY)]), dt.datetime(2031, 2, 10, 12, tzinfo=dt.UTC)
    before = engine.handle(Incoming("I cancel today; I paid 1480 EUR. Refund?"), State(), now)
    text = engine.handle(Incoming("And in February?"), before.state, now).replies[0].text
    assert "you get" not in text and "If you cancel by 31 January" in text, text


@pytest.mark.parametrize(
    ("question", "back"),
    [
        ("I booked the certificate track. What do I get back if I cancel today?", "61.50 EUR"),
        (
            "I booked the student certificate track. What do I get back if I cancel today?",
            "24.60 EUR",
        ),
    ],
)
def test_the_fee_named_is_the_closest_of_those_sharing_its_words(question: str, back: str) -> None:
    """ "The certificate track" is the "Certificate track", not the "Student certificate
    track", whose every word it does not say."""
    event = school(
        "If you cancel by 30 September 2039 we refund it in full. From 1 October to 31 October "
        "2039 we refund 50 %. After 31 October 2039 we cannot refund.",
        start="2039-11-02",
    ).model_copy(
        update={
            "fees": [
                Fee(category="Certificate track", amount=Decimal("123"), currency="EUR"),
                Fee(category="Student certificate track", amount=Decimal("49.20"), currency="EUR"),
            ]
        }
    )
    now = dt.datetime(2039, 10, 10, 12, tzinfo=dt.UTC)
    text = Engine([event]).handle(Incoming(question), State(), now).replies[0].text
    assert back in text, text


@pytest.mark.parametrize(
    ("message", "said"),
    [
        (
            "Withdrawing from the Fjell school with a PhD student shared room - what's the refund?",
            "885 EUR",
        ),
        (
            "Wenn ich das Postdoc-Einzelzimmer heute storniere, bekomme ich dann alles zurück?",
            "1.530 EUR",
        ),
    ],
)
def test_what_cancelling_brings_back_is_the_entry_on_cancelling_whatever_else_is_cued(
    message: str, said: str
) -> None:
    """The words of a fee ("shared room", "Einzelzimmer") cue other questions; cancelling and
    money back ask the organisers' policy."""
    outcome = handled(message)
    text = " ".join(reply.text for reply in outcome.replies)
    assert not outcome.handoff and said in text, text


@pytest.mark.parametrize(
    ("message", "back"),
    [
        ("If I cancel my postdoc single room now, how much do I get back?", "1,530 EUR"),
        ("Als ik nu annuleer (postdoc, single room), hoeveel krijg ik terug?", "1.530 EUR"),
    ],
)
def test_the_entry_on_cancelling_is_the_one_on_refunds_of_those_that_say_cancelled(
    message: str, back: str
) -> None:
    """An entry on an excursion cancelled for the weather is no policy: of two entries that
    speak of cancelling, the one that speaks of refunds is asked."""
    event = school(POLICY)
    policy_entry = event.qa[0].model_copy(
        update={
            "question": "What is the cancellation and payment policy?",
            "keywords": ["payment", "deposit", "cancel", "cancellation", "refund", "card"],
        }
    )
    weather = event.qa[0].model_copy(
        update={
            "question": "What happens if the fjord boat cannot sail?",
            "answer": "The boat trip is cancelled in a storm and replaced by a walk.",
            "keywords": ["weather", "storm", "cancelled"],
        }
    )
    event = event.model_copy(update={"qa": [policy_entry, weather]})
    now = dt.datetime(2031, 2, 10, 12, tzinfo=dt.UTC)
    outcome = Engine([event]).handle(Incoming(message), State(), now)
    text = " ".join(reply.text for reply in outcome.replies)
    assert not outcome.handoff and back in text, text


def test_a_sentence_that_says_what_was_paid_and_cancels_is_read_with_the_question_once() -> None:
    """ "I have to cancel Fjell (package B). How much do I get back?": the sentence before says
    both the fee and the cancelling, and the question is read with it once."""
    packages = [
        Fee(category="Package A: residence, single room", amount=3200, currency="EUR"),
        Fee(category="Package B: residence, shared twin room", amount=2790, currency="EUR"),
    ]
    engine = Engine([school(POLICY).model_copy(update={"fees": packages})])
    message = "I have to cancel Fjell (package B). How much do I get back?"
    (query,) = engine.understanding.read(message, None, "en")
    assert query.text.count("cancel") == 1, query.text


@pytest.mark.parametrize(
    "message",
    [
        "Ich habe 2340 EUR für Fjell bezahlt und muss heute absagen. Wie viel bekomme ich zurück?",
        "Ik heb 2340 euro voor Fjell betaald en moet vandaag annuleren. Hoeveel krijg ik terug?",
    ],
)
def test_a_clause_with_a_full_stop_tells_though_it_starts_as_a_question_would(message: str) -> None:
    """ "… und muss heute absagen." starts with a verb, as a German question does, but its full
    stop says it tells: the refund it is answered with answers the question after it, which is
    not handed off (the entry speaks of refunds, not of "money back")."""
    event = school(POLICY)
    entry = event.qa[0].model_copy(update={"keywords": ["cancel", "cancellation", "refund"]})
    event = event.model_copy(update={"qa": [entry]})
    now = dt.datetime(2031, 2, 10, 12, tzinfo=dt.UTC)
    outcome = Engine([event]).handle(Incoming(message), State(), now)
    text = " ".join(reply.text for reply in outcome.replies)
    assert not outcome.handoff and "1.530 EUR" in text, text


@pytest.mark.parametrize(
    ("message", "back"),
    [
        ("Can I still get a refund for my postdoc single room?", "1,530 EUR back"),
        ("Als ik nu annuleer (postdoc, single room), krijg ik dan nog geld terug?", "1.530 EUR"),
        (
            "Es ist 3:30 Uhr am 10. Februar. Wenn ich jetzt das Postdoc-Einzelzimmer storniere, "
            "bekomme ich dann noch etwas zurück?",
            "1.530 EUR",
        ),
    ],
)
def test_still_asked_of_a_refund_is_what_cancelling_now_brings_back(
    message: str, back: str
) -> None:
    """ "Can I still get a refund?", "krijg ik nog geld terug?": what cancelling brings back
    today, reckoned from the organisers' policy, also where the asker says they are."""
    outcome = handled(message)
    text = " ".join(reply.text for reply in outcome.replies)
    assert not outcome.handoff and back in text, text


@pytest.mark.parametrize(
    "message",
    [
        "Ich storniere jetzt (10. Februar, 13:00 Uhr deutscher Zeit) mein Postdoc-Einzelzimmer – "
        "wie viel bekomme ich zurück?",
        "Ik annuleer nu (10 februari, 13:00 uur Nederlandse tijd) mijn postdoc single room. "
        "Hoeveel krijg ik terug?",
    ],
)
def test_a_clock_told_in_a_zone_is_when_they_cancel_not_a_time_to_convert(message: str) -> None:
    """ "5:30 Uhr deutscher Zeit" beside cancelling tells when they cancel (the message's
    moment), not a time to give in that zone: the policy is reckoned."""
    outcome = handled(message)
    text = " ".join(reply.text for reply in outcome.replies)
    assert not outcome.handoff and "1.530 EUR" in text, text


def test_a_refund_asked_of_no_cancelling_is_not_the_policy() -> None:
    """Money paid twice, a speaker's expenses: no cancellation, not the entry on cancelling."""
    outcome = handled("I paid twice by mistake, can you refund one payment?")
    assert "25 % of the rest" not in " ".join(reply.text for reply in outcome.replies)


def seminars() -> Event:
    """Online seminars with certificate tracks, a programme and registration: a question of
    cancelling may be read as one of the programme, or of registering."""
    return Event.model_validate(
        {
            "id": "tarn-seminars-2040",
            "name": "Tarn Seminars 2040",
            "acronyms": ["TARN"],
            "timezone": "Europe/Paris",
            "dates": {"start": "2040-11-05", "end": "2041-03-05"},
            "registration": {"opens": "2040-06-01", "deadline": "2040-11-01"},
            "fees": [
                {"category": "Certificate track", "amount": 150, "currency": "EUR"},
                {"category": "Student certificate track", "amount": 50, "currency": "EUR"},
                {"category": "Recordings pass", "amount": 40, "currency": "EUR"},
                {"category": "Online pass", "amount": 30, "currency": "EUR"},
            ],
            "venue": {"name": "Zoom", "mode": "online"},
            "programme": [
                {"title": "Seminar 1: Rivers and law", "day": "2040-11-05", "start": "18:00"},
                {"title": "Reading group (certificate track)", "day": "2040-11-12"},
            ],
            "qa": [
                {
                    "question": "What if I cancel?",
                    "answer": "If you cancel by 30 September 2040 we refund your whole fee. "
                    "From 1 October to 31 October 2040 we refund 50 %. From 1 November 2040 we "
                    "cannot refund. The recordings pass and the online pass cannot be refunded.",
                    "keywords": ["cancel", "refund"],
                }
            ],
        }
    )


@pytest.mark.parametrize(
    ("message", "said"),
    [
        ("If I cancel my certificate track today, do I get all my money back?", "75 EUR back"),
        ("Als ik nu annuleer, hoeveel krijg ik terug van mijn certificaattraject?", "75 EUR"),
        ("If I cancel my TARN registration now, do I get money back?", "we refund 50 %"),
        ("Wenn ich meine TARN-Anmeldung heute storniere, was bekomme ich zurück?", "50 %"),
        ("If I withdraw from TARN now, do I get anything back?", "we refund 50 %"),
    ],
)
def test_a_cancellation_asked_on_a_condition_is_answered_by_the_policy(
    message: str, said: str
) -> None:
    """ "If I cancel my certificate track today, …?": the clause that cancels is the
    condition of the question, not a question of the programme or of registering."""
    now = dt.datetime.fromisoformat("2040-10-10T18:00+02:00")
    outcome = Engine([seminars()]).handle(Incoming(message), State(), now)
    assert not outcome.handoff and said in outcome.replies[0].text, outcome.replies[0].text


@pytest.mark.parametrize(
    "message",
    [
        "It's 6 pm on 10 February here in Oslo. If I cancel my PhD student shared room now, how "
        "much do I get back?",
        "Ich bin in Oslo. Wenn ich jetzt mein PhD student shared room storniere, was bekomme ich "
        "zurück?",
        "If I cancel my PhD student shared room today, do I get all my money back?",
    ],
)
def test_a_cancellation_on_a_condition_is_reckoned_where_the_asker_says_they_are(
    message: str,
) -> None:
    """ "If I cancel …, how much do I get back?" asks the refund on a condition, and the place
    the asker says they are in tells the time there, not a zone the refund is asked in."""
    now = dt.datetime.fromisoformat("2031-02-10T18:00+01:00")
    text = Engine([school(POLICY)]).handle(Incoming(message), State(), now).replies[0].text
    assert "885 EUR" in text, text


@pytest.mark.parametrize(
    "message",
    [
        "Can I get a refund for my TARN online pass?",
        "Is the online pass refundable?",
        "Kann ich mir den Online pass erstatten lassen?",
        "Kan ik mijn online pass terugkrijgen als ik toch niet kijk?",
    ],
)
def test_a_refund_of_a_fee_is_the_policy_without_cancelling(message: str) -> None:
    """A refund asked of a fee the organisers price ("my recordings pass") is their policy,
    which says whether it comes back, though the asker says nothing of cancelling."""
    now = dt.datetime.fromisoformat("2040-10-10T18:00+02:00")
    outcome = Engine([seminars()]).handle(Incoming(message), State(), now)
    text = outcome.replies[0].text
    assert not outcome.handoff and "online pass cannot be refunded" in text, text


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        (
            "I paid 1480 EUR for a PhD shared room. If I cancel tomorrow, what do I get back?",
            "on Friday 21 February 2031, nothing",
        ),
        (
            "Ich habe 1480 EUR bezahlt. Was bekomme ich zurück, wenn ich morgen storniere?",
            "21. Februar 2031",
        ),
        (
            "Guten Morgen! Ich habe 1480 EUR bezahlt. Was bekomme ich, wenn ich heute storniere?",
            "885",
        ),
        (
            "Ik betaalde 1480 EUR. Wat krijg ik terug als ik overmorgen annuleer?",
            "zaterdag 22 februari 2031",
        ),
        (
            "I paid 1480 EUR. What would I have got back if I had cancelled yesterday?",
            "19 February 2031, you get 885 EUR",
        ),
    ],
)
def test_a_day_named_by_how_far_it_is_from_today_is_the_refunds(
    message: str, expected: str
) -> None:
    """ "Tomorrow" is the day after the asker's today: on 20 February, the last day of the
    second tier, tomorrow brings nothing back; "Guten Morgen" names no day."""
    now = dt.datetime(2031, 2, 20, 12, tzinfo=dt.UTC)
    text = Engine([school(POLICY)]).handle(Incoming(message), State(), now).replies[0].text
    assert expected in text, text
