"""The assistant with a real database (SQLite and PostgreSQL): registration, its rules, privacy."""

from __future__ import annotations

import asyncio
import datetime as dt
from dataclasses import dataclass

import pytest
from sqlalchemy import func, select

from eventbot.conversation import Assistant, Sender
from eventbot.engine import Engine
from eventbot.knowledge import Event
from eventbot.storage.database import Database
from eventbot.storage.models import Attendee, ErasedCount, Handoff, Identity, Registration

OPEN = dt.datetime(2030, 3, 1, 9, tzinfo=dt.UTC)


def small_event(capacity: int | None = 2) -> Event:
    return Event.model_validate(
        {
            "id": "small-workshop-2030",
            "name": "Small Workshop on Testing",
            "short_name": "SWT 2030",
            "acronyms": ["SWT"],
            "timezone": "Europe/Berlin",
            "dates": {"start": "2030-06-10"},
            "fees": [{"amount": 50, "currency": "EUR", "vat_included": True}],
            "registration": {
                "required": True,
                "opens": "2030-02-01",
                "deadline": "2030-05-31",
                "capacity": capacity,
                "fields": [{"name": "diet", "label": "dietary needs", "required": False}],
            },
        }
    )


@dataclass
class MovableClock:
    moment: dt.datetime

    def now(self) -> dt.datetime:
        return self.moment


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock(OPEN)


EVENTS_TWO = "two events"  # open_assistant with the small event and another, so none is implied


async def open_assistant(
    url: str, clock: MovableClock, event: Event | str | None = None
) -> Assistant:
    database = Database(url)
    await database.migrate()
    if event == EVENTS_TWO:
        other = small_event().model_copy(
            update={
                "id": "other-workshop-2030",
                "short_name": "Other 2030",
                "acronyms": ["OTH"],
                "name": "Other Workshop",
            }
        )
        events = [small_event(), other]
    else:
        events = [event or small_event()]
    return Assistant(Engine(events), database, clock, offer_hold=dt.timedelta(hours=48))


async def say(assistant: Assistant, sender: Sender, *texts: str) -> list[str]:
    replies = []
    for text in texts:
        outcome = await assistant.handle(sender, text)
        replies.append("\n".join(r.text for r in outcome.replies))
    return replies


def registering(name: str, email: str) -> tuple[str, ...]:
    return ("I'd like to register", name, email, "Test University", "skip", "yes")


async def rows(assistant: Assistant) -> list[Registration]:
    async with assistant.database.transaction() as session:
        return list((await session.scalars(select(Registration).order_by(Registration.id))).all())


def test_a_whole_registration_conversation_stores_one_confirmed_registration(
    database_url: str, clock
) -> None:
    async def run() -> None:
        assistant = await open_assistant(database_url, clock)
        ada = Sender("telegram", "1001")
        replies = await say(assistant, ada, *registering("Ada Lovelace", "Ada@Example.org"))
        assert "1/4" in replies[0] and "full name" in replies[0]
        assert "Fee due: 50 EUR, VAT included." in replies[4]
        assert "You're registered for SWT 2030" in replies[5]
        [row] = await rows(assistant)
        assert (row.status, row.email, row.paid) == ("confirmed", "ada@example.org", False)
        assert row.answers == {
            "name": "Ada Lovelace",
            "email": "ada@example.org",
            "affiliation": "Test University",
            "diet": "",
        }
        assert row.reference in replies[5] and row.reference.startswith("SWT-")
        await assistant.database.close()

    asyncio.run(run())


def test_registration_before_it_opens_and_after_its_deadline_is_refused(
    database_url: str, clock
) -> None:
    async def run() -> None:
        assistant = await open_assistant(database_url, clock)
        clock.moment = dt.datetime(2030, 1, 15, tzinfo=dt.UTC)
        [early] = await say(assistant, Sender("email", "a@example.org"), "register me")
        assert "opens on Friday 1 February 2030" in early
        clock.moment = dt.datetime(2030, 6, 2, tzinfo=dt.UTC)
        [late] = await say(assistant, Sender("email", "b@example.org"), "register me")
        assert (
            late
            == "Registration for SWT 2030 closed on Friday 31 May 2030, so I can't register you any more."
        )
        assert await rows(assistant) == []
        await assistant.database.close()

    asyncio.run(run())


def test_the_deadline_passing_during_the_form_is_caught_at_confirmation(
    database_url: str, clock
) -> None:
    async def run() -> None:
        assistant = await open_assistant(database_url, clock)
        clock.moment = dt.datetime(2030, 5, 31, 21, 50, tzinfo=dt.UTC)  # 23:50 in Berlin
        sender = Sender("telegram", "7")
        await say(assistant, sender, *registering("Late Comer", "late@example.org")[:-1])
        clock.moment += dt.timedelta(minutes=15)
        [reply] = await say(assistant, sender, "yes")
        assert "closed on Friday 31 May 2030" in reply
        assert await rows(assistant) == []
        await assistant.database.close()

    asyncio.run(run())


def test_a_second_registration_with_the_same_email_is_recognised(database_url: str, clock) -> None:
    async def run() -> None:
        assistant = await open_assistant(database_url, clock)
        await say(
            assistant, Sender("telegram", "1"), *registering("Ada Lovelace", "ada@example.org")
        )
        [again] = await say(assistant, Sender("email", "ada@example.org"), "I'd like to register")
        assert (
            "You're already registered for SWT 2030 as ada@example.org" in again
        )  # recognised at once
        assert "Would you like to change that registration?" in again
        assert len(await rows(assistant)) == 1
        await assistant.database.close()

    asyncio.run(run())


def test_someone_elses_email_is_refused_without_showing_or_offering_their_registration(
    database_url: str, clock
) -> None:
    async def run() -> None:
        assistant = await open_assistant(database_url, clock)
        await say(
            assistant, Sender("telegram", "ada"), *registering("Ada Lovelace", "ada@example.org")
        )
        [reference] = [r.reference for r in await rows(assistant)]
        mallory = Sender("telegram", "mallory")
        replies = await say(assistant, mallory, *registering("Mallory", "ada@example.org"), "yes")
        assert "ada@example.org is already registered for SWT 2030" in replies[5]
        assert reference not in "".join(replies) and "change that registration" not in "".join(
            replies
        )
        assert (
            "Please check your registration" in replies[6]
        )  # still theirs to correct, nothing saved
        [row] = await rows(assistant)
        assert row.answers["name"] == "Ada Lovelace"
        await assistant.database.close()

    asyncio.run(run())


def test_writing_from_the_registered_email_address_is_the_same_attendee(
    database_url: str, clock
) -> None:
    async def run() -> None:
        assistant = await open_assistant(database_url, clock)
        await say(
            assistant, Sender("telegram", "42"), *registering("Ada Lovelace", "ada@example.org")
        )
        [status] = await say(assistant, Sender("email", "Ada@Example.org"), "am I registered?")
        assert "SWT 2030: confirmed" in status
        async with assistant.database.transaction() as session:
            assert await session.scalar(select(func.count()).select_from(Attendee)) == 1
            assert await session.scalar(select(func.count()).select_from(Identity)) == 2
        await assistant.database.close()

    asyncio.run(run())


def test_the_same_person_asking_again_is_shown_their_registration_and_can_change_it(
    database_url: str, clock
) -> None:
    async def run() -> None:
        assistant = await open_assistant(database_url, clock)
        ada = Sender("telegram", "1")
        await say(assistant, ada, *registering("Ada Lovelace", "ada@example.org"))
        again, summary, changed, done = await say(
            assistant, ada, "register me", "yes", "my affiliation is Analytical Engines", "yes"
        )
        assert "already registered" in again
        assert "Ada Lovelace" in summary and "Test University" in summary
        assert "Analytical Engines" in changed
        assert "is updated" in done
        [row] = await rows(assistant)
        assert row.answers["affiliation"] == "Analytical Engines"
        await assistant.database.close()

    asyncio.run(run())


def test_a_full_event_offers_the_waiting_list_and_a_freed_place_goes_to_the_next(
    database_url: str, clock
) -> None:
    async def run() -> None:
        assistant = await open_assistant(database_url, clock)
        first, second, third = (
            Sender("telegram", "1"),
            Sender("telegram", "2"),
            Sender("telegram", "3"),
        )
        await say(assistant, first, *registering("One", "one@example.org"))
        await say(assistant, second, *registering("Two", "two@example.org"))
        full, *rest = await say(
            assistant,
            third,
            "register me",
            "yes",
            "Three",
            "three@example.org",
            "Uni",
            "skip",
            "yes",
        )
        assert full == "SWT 2030 is full (2 places). Would you like to join the waiting list?"
        assert "You're on the waiting list for SWT 2030, number 1." in rest[-1]
        await say(assistant, first, "cancel my registration", "yes")
        statuses = [r.status for r in await rows(assistant)]
        assert statuses == ["cancelled", "confirmed", "offered"]
        [offer] = await say(assistant, third, "when is it?")
        assert "takes place on Monday 10 June 2030" in offer
        assert (
            "a place has freed up at SWT 2030, and it is held for you until Sunday 3 March 2030, 10:00 CET"
            in offer
        )
        [taken] = await say(assistant, third, "yes")
        assert "the place is yours" in taken
        assert [r.status for r in await rows(assistant)] == ["cancelled", "confirmed", "confirmed"]
        await assistant.database.close()

    asyncio.run(run())


def test_an_offer_not_taken_in_time_goes_to_the_next_person_waiting(
    database_url: str, clock
) -> None:
    async def run() -> None:
        assistant = await open_assistant(database_url, clock, small_event(capacity=1))
        people = [Sender("telegram", str(i)) for i in range(3)]
        await say(assistant, people[0], *registering("Zero", "zero@example.org"))
        for i in (1, 2):
            await say(
                assistant,
                people[i],
                "register me",
                "yes",
                f"Person {i}",
                f"p{i}@example.org",
                "Uni",
                "skip",
                "yes",
            )
        await say(assistant, people[0], "cancel my registration", "yes")
        assert [r.status for r in await rows(assistant)] == ["cancelled", "offered", "waitlisted"]
        clock.moment += dt.timedelta(hours=49)
        [reply] = await say(assistant, people[2], "hello")
        assert "a place has freed up" in reply
        assert [r.status for r in await rows(assistant)] == ["cancelled", "expired", "offered"]
        [too_late] = await say(assistant, people[1], "am I registered?")
        assert "not registered" in too_late
        await assistant.database.close()

    asyncio.run(run())


def test_a_question_without_a_question_mark_is_answered_but_an_affiliation_like_one_is_taken(
    database_url: str, clock
) -> None:
    async def run() -> None:
        assistant = await open_assistant(database_url, clock)
        sender = Sender("telegram", "who")
        *_, asked, taken = await say(
            assistant,
            sender,
            "register me",
            "Tedros A.",
            "t@who.int",
            "what is the fee",
            "WHO Regional Office for Europe",
        )
        assert "The registration fee is 50 EUR" in asked and "3/4" in asked
        assert "4/4" in taken and "Dietary needs" in taken
        await assistant.database.close()

    asyncio.run(run())


def test_a_restart_in_the_middle_of_a_registration_loses_nothing(database_url: str, clock) -> None:
    async def run() -> None:
        sender = Sender("telegram", "4242")
        before = await open_assistant(database_url, clock)
        await say(before, sender, "register me", "Grace Hopper", "grace@example.org")
        await before.database.close()
        after = await open_assistant(
            database_url, clock
        )  # a new process: new engine, new connections
        affiliation, diet, done = await say(after, sender, "US Navy", "skip", "yes")
        assert "4/4" in affiliation and "Dietary needs" in affiliation
        assert "You're registered" in done
        [row] = await rows(after)
        assert row.answers["name"] == "Grace Hopper"
        await after.database.close()

    asyncio.run(run())


def test_many_attendees_registering_at_once_make_one_row_each_and_never_oversell(
    database_url: str, clock
) -> None:
    async def run() -> None:
        assistant = await open_assistant(database_url, clock, small_event(capacity=10))

        async def attendee(i: int) -> None:
            """Answers whatever the assistant asks, as a person would, until registered or waiting."""
            sender = Sender("telegram", f"user{i}")
            answers = {
                "join the waiting list": "yes",
                "everything correct": "yes",
                "full name": f"Person {i}",
                "email": f"p{i}@example.org",
                "affiliation": "Uni",
                "dietary": "skip",
            }
            [reply] = await say(assistant, sender, "register me")
            for _ in range(12):
                if "You're registered" in reply or "You're on the waiting list" in reply:
                    return
                asked = reply.splitlines()[-1]
                answer = [a for q, a in answers.items() if q in asked.lower()]
                assert answer, f"attendee {i} was asked something unexpected: {reply}"
                [reply] = await say(assistant, sender, answer[0])
            raise AssertionError(f"attendee {i} never got through: {reply}")

        await asyncio.gather(*(attendee(i) for i in range(40)))
        registrations = await rows(assistant)
        assert len(registrations) == 40
        assert len({r.email for r in registrations}) == 40
        assert sum(r.status == "confirmed" for r in registrations) == 10
        assert sum(r.status == "waitlisted" for r in registrations) == 30
        await assistant.database.close()

    asyncio.run(run())


def test_two_identities_submitting_the_same_email_at_once_make_one_registration(
    database_url: str, clock
) -> None:
    async def run() -> None:
        assistant = await open_assistant(database_url, clock)
        senders = [Sender("telegram", "1"), Sender("email", "ada@example.org")]
        for sender in senders:
            await say(assistant, sender, *registering("Ada", "ada@example.org")[:-1])
        replies = await asyncio.gather(*(assistant.handle(sender, "yes") for sender in senders))
        texts = sorted(r.replies[0].text.split("!")[0] for r in replies)
        assert (
            texts[0].startswith("You're already registered")
            and texts[1] == "You're registered for SWT 2030"
        )
        assert len(await rows(assistant)) == 1
        await assistant.database.close()

    asyncio.run(run())


def test_what_do_you_know_about_me_shows_everything_and_delete_my_data_erases_it(
    database_url: str, clock
) -> None:
    async def run() -> None:
        assistant = await open_assistant(database_url, clock)
        ada = Sender("telegram", "1001")
        await say(assistant, ada, *registering("Ada Lovelace", "ada@example.org"))
        await say(assistant, ada, "is there parking?")
        [data] = await say(assistant, ada, "what do you know about me?")
        for shown in (
            "telegram as 1001",
            "Ada Lovelace",
            "ada@example.org",
            "Test University",
            "confirmed",
            "“is there parking?”",
        ):
            assert shown in data
        asked, done = await say(assistant, ada, "delete my data", "yes")
        assert (
            "cannot be undone" in asked
            and done == "Done: I've deleted everything I stored about you."
        )
        async with assistant.database.transaction() as session:
            for table in (Attendee, Identity, Registration, Handoff):
                assert await session.scalar(select(func.count()).select_from(table)) == 0
            assert (await session.get(ErasedCount, "small-workshop-2030")).registrations == 1
        [fresh] = await say(assistant, ada, "am I registered?")
        assert "not registered" in fresh
        await assistant.database.close()

    asyncio.run(run())


def test_delete_my_data_works_before_any_event_was_talked_about(database_url: str, clock) -> None:
    async def run() -> None:
        assistant = await open_assistant(database_url, clock, EVENTS_TWO)
        stranger = Sender("email", "someone@example.org")
        asked, done = await say(assistant, stranger, "delete my data", "yes")
        assert (
            "delete everything" in asked
            and done == "Done: I've deleted everything I stored about you."
        )
        async with assistant.database.transaction() as session:
            assert await session.scalar(select(func.count()).select_from(Identity)) == 0
        await assistant.database.close()

    asyncio.run(run())


def test_delete_my_data_is_not_done_without_a_yes(database_url: str, clock) -> None:
    async def run() -> None:
        assistant = await open_assistant(database_url, clock)
        ada = Sender("telegram", "1001")
        await say(assistant, ada, *registering("Ada Lovelace", "ada@example.org"))
        _, kept = await say(assistant, ada, "forget me", "no")
        assert kept == "OK, I've kept your data."
        assert len(await rows(assistant)) == 1
        await assistant.database.close()

    asyncio.run(run())


def test_a_question_the_assistant_cannot_answer_is_stored_for_the_organisers(
    database_url: str, clock
) -> None:
    async def run() -> None:
        assistant = await open_assistant(database_url, clock)
        await say(assistant, Sender("email", "x@example.org"), "is there parking at SWT?")
        async with assistant.database.transaction() as session:
            [handoff] = (await session.scalars(select(Handoff))).all()
        assert (handoff.question, handoff.event_id) == (
            "is there parking at SWT?",
            "small-workshop-2030",
        )
        await assistant.database.close()

    asyncio.run(run())
