"""The planner writes reminders to the outbox (SQLite and PostgreSQL): once, for whom they are
meant, moved with a moved date, never for a passed moment, stopped when asked."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from people import person, workshop
from sqlalchemy import select, text

from eventbot.knowledge import Event
from eventbot.outbox import Outbox
from eventbot.reminders import subscriptions
from eventbot.reminders.planner import Delivery, Planner, Steps
from eventbot.storage.database import Database
from eventbot.storage.models import Identity, OutboxMessage, Registration

NOW = dt.datetime(2030, 4, 1, 12, tzinfo=dt.UTC)


@pytest.fixture
async def database(database_url: str) -> Any:
    db = Database(database_url)
    await db.migrate()
    yield db
    await db.close()


def planner(database: Database, channels: tuple[str, ...] = ("telegram", "email")) -> Planner:
    def extras(channel: str, address: str, event: Event) -> dict[str, Any]:
        if channel != "email":
            return {}
        return {"list_unsubscribe": ["mailto:rw@example.org?subject=stop%20reminders"]}

    return Planner(
        database,
        Outbox(database),
        Delivery(channels, extras=extras, message_id=lambda key: f"<{abs(hash(key))}@rw>"),
        steps=Steps(days=(7, 1)),
        horizon=dt.timedelta(days=400),  # everything ahead, for these tests
    )


async def rows(database: Database, status: str | None = "queued") -> list[OutboxMessage]:
    async with database.transaction() as session:
        query = select(OutboxMessage).order_by(OutboxMessage.due_at, OutboxMessage.key)
        if status:
            query = query.where(OutboxMessage.status == status)
        return list(await session.scalars(query))


async def test_a_registered_attendee_gets_each_deadline_and_the_event_on_their_channel(
    database: Database,
) -> None:
    await person(database, telegram="4242", registered="ada@example.org")
    result = await planner(database).plan([workshop()], NOW)
    assert result is not None and result.cancelled == 0
    queued = await rows(database)
    assert {r.channel for r in queued} == {"telegram"}  # the channel they talk on, once
    moments = [r.payload["moment"] for r in queued]
    assert moments == [
        "deadline:abstract",  # a week before has passed: now, late, then the day before
        "deadline:abstract",
        "deadline:camera-ready",
        "deadline:camera-ready",
        "event",
        "event",
    ]
    assert "registration" not in moments  # registered already
    assert queued[0].due_at == dt.datetime(2030, 3, 30, 11, 59, 59, tzinfo=dt.UTC)  # due: at once
    abstract = queued[1]
    assert abstract.due_at == dt.datetime(
        2030, 4, 5, 11, 59, 59, tzinfo=dt.UTC
    )  # AoE, a day before
    assert abstract.not_after == dt.datetime(2030, 4, 6, 11, 59, 59, tzinfo=dt.UTC)
    assert "Abstract deadline is Friday 5 April 2030, 23:59 AoE" in abstract.payload["text"]
    assert "https://rw.example.org/submit" in abstract.payload["text"]
    assert "stop reminders" in abstract.payload["text"]


async def test_planning_twice_writes_nothing_new(database: Database) -> None:
    await person(database, telegram="4242", registered="ada@example.org")
    first = await planner(database).plan([workshop()], NOW)
    again = await planner(database).plan([workshop()], NOW + dt.timedelta(minutes=5))
    assert first is not None and first.written == 6
    assert again is not None and (again.written, again.cancelled) == (0, 0)


async def test_a_moved_date_cancels_the_reminders_not_sent_and_plans_new_ones(
    database: Database,
) -> None:
    await person(database, telegram="4242", registered="ada@example.org")
    await planner(database).plan([workshop()], NOW)
    moved = workshop(
        deadlines=[
            {"name": "Abstract", "kind": "abstract", "date": "2030-04-05", "timezone": "AoE"},
            {"name": "Camera-ready", "kind": "camera_ready", "date": "2030-05-27"},
        ]
    )
    result = await planner(database).plan([moved], NOW)
    assert result is not None and (result.written, result.cancelled) == (2, 2)
    camera = [r for r in await rows(database) if r.payload["moment"] == "deadline:camera-ready"]
    assert [r.due_at.date() for r in camera] == [dt.date(2030, 5, 20), dt.date(2030, 5, 26)]
    cancelled = await rows(database, "cancelled")
    assert [r.due_at.date() for r in cancelled] == [dt.date(2030, 5, 13), dt.date(2030, 5, 19)]


async def test_a_passed_moment_gets_nothing_and_a_late_one_is_missed(database: Database) -> None:
    await person(database, telegram="4242", registered="ada@example.org")
    after_abstract = dt.datetime(2030, 4, 7, tzinfo=dt.UTC)
    await planner(database).plan([workshop()], after_abstract)
    assert "deadline:abstract" not in {r.payload["moment"] for r in await rows(database)}
    # planned before the deadline, claimed after it (the process was down): missed, not sent
    await planner(database).plan([workshop(id="rw-2030")], NOW)
    outbox = Outbox(database)
    claimed = await outbox.claim(now=after_abstract, limit=100, lease=dt.timedelta(minutes=5))
    assert "deadline:abstract" not in {c.payload["moment"] for c in claimed}
    assert [r.payload["moment"] for r in await rows(database, "missed")] == [
        "deadline:abstract"
    ] * 2


async def test_someone_who_asked_gets_that_deadline_only_and_all_get_what_they_asked(
    database: Database,
) -> None:
    one = await person(database, telegram="1001")
    every = await person(database, email="bo@example.org", language="de", zone="Asia/Tokyo")
    async with database.transaction() as session:
        await subscriptions.subscribe(session, one.id, "rw-2030", "deadline:camera-ready", NOW)
        await subscriptions.subscribe(session, every.id, "rw-2030", "*", NOW)
    await planner(database).plan([workshop()], NOW)
    queued = await rows(database)
    by_address: dict[str, list[str]] = {}
    for row in queued:
        by_address.setdefault(row.address, []).append(row.payload["moment"])
    assert by_address["1001"] == ["deadline:camera-ready"] * 2
    # every deadline, registration's closing too (not registered), but not the event itself
    assert sorted(set(by_address["bo@example.org"])) == [
        "deadline:abstract",
        "deadline:camera-ready",
        "registration",
    ]
    german = next(r for r in queued if r.address == "bo@example.org")
    assert german.payload["subject"].startswith("Erinnerung")
    assert "In Ihrer Zeit" in german.payload["text"]  # their zone, Tokyo, beside AoE
    assert german.payload["list_unsubscribe"] == ["mailto:rw@example.org?subject=stop%20reminders"]
    assert german.message_id and german.identity_id == every.id


async def test_stopping_cancels_what_is_queued_and_plans_nothing_more(database: Database) -> None:
    ada = await person(database, telegram="4242", registered="ada@example.org")
    await planner(database).plan([workshop()], NOW)
    async with database.transaction() as session:
        identity = await session.get(Identity, ada.id)
        assert identity is not None
        cancelled = await subscriptions.stop(session, identity, ["rw-2030"], NOW)
    assert cancelled == 6
    result = await planner(database).plan([workshop()], NOW)
    assert result is not None and result.written == 0
    assert await rows(database) == []


async def test_a_stop_that_comes_in_while_the_planner_writes_wins(database: Database) -> None:
    """The planner reads who gets what, then writes without holding the database: a stop in
    between cancels nothing yet (nothing is written), and the planner's rows for that attendee
    are cancelled by its second reading."""
    ada = await person(database, telegram="4242", registered="ada@example.org")

    class Interrupted(Planner):
        async def _written(self, *args: Any) -> set[str]:
            found = await super()._written(*args)
            async with database.transaction() as session:  # the attendee, meanwhile
                identity = await session.get(Identity, ada.id)
                assert identity is not None
                await subscriptions.stop(session, identity, ["rw-2030"], NOW)
            return found

    interrupted = Interrupted(database, Outbox(database), planner(database).delivery)
    interrupted.steps, interrupted.horizon = Steps(days=(7, 1)), dt.timedelta(days=400)
    result = await interrupted.plan([workshop()], NOW)
    assert result is not None and result.written == result.cancelled > 0
    assert await rows(database) == []


async def test_a_blocked_telegram_chat_falls_back_to_the_registration_email(
    database: Database,
) -> None:
    await person(database, telegram="4242", registered="Ada@Example.org")
    async with database.transaction() as session:
        await session.execute(text("UPDATE identities SET active = false"))
    await planner(database).plan([workshop()], NOW)
    assert {(r.channel, r.address) for r in await rows(database)} == {("email", "ada@example.org")}


async def test_only_the_horizon_is_written(database: Database) -> None:
    await person(database, telegram="4242", registered="ada@example.org")
    near = Planner(
        database,
        Outbox(database),
        Delivery(("telegram",)),
        steps=Steps(days=(7, 1)),
        horizon=dt.timedelta(days=5),
    )
    await near.plan([workshop()], NOW)
    assert [r.payload["moment"] for r in await rows(database)] == ["deadline:abstract"] * 2


async def test_one_process_plans_at_a_time_on_postgresql(database: Database) -> None:
    if database.sqlite:
        pytest.skip("on SQLite two planners may overlap: their keys keep each row once")
    await person(database, telegram="4242", registered="ada@example.org")
    async with database.transaction() as session:  # another process, planning
        await session.execute(text("SELECT pg_advisory_xact_lock(7411500201)"))
        assert await planner(database).plan([workshop()], NOW) is None
    assert await planner(database).plan([workshop()], NOW) is not None


async def test_someone_offered_a_freed_place_hears_before_the_offer_lapses(
    database: Database,
) -> None:
    waiting = await person(database, telegram="5151", registered="wai@example.org")
    lapses = NOW + dt.timedelta(hours=48)
    async with database.transaction() as session:
        registration = await session.scalar(
            select(Registration).where(Registration.attendee_id == waiting.attendee_id)
        )
        assert registration is not None
        registration.status, registration.offer_expires_at = "offered", lapses
    await planner(database).plan([workshop()], NOW)
    [offer] = [r for r in await rows(database) if r.payload["moment"].startswith("offer:")]
    assert offer.address == "5151"
    assert offer.due_at == lapses - dt.timedelta(hours=12)  # Steps' offer_hours
    assert offer.not_after == lapses
    assert "held until" in offer.payload["text"] and "Reply “yes”" in offer.payload["text"]
    others = {r.payload["moment"] for r in await rows(database)} - {offer.payload["moment"]}
    assert "event" not in others  # not registered (yet): not the event's own reminder


async def test_an_address_that_bounced_gets_nothing_more(database: Database) -> None:
    from eventbot.conversation import Sender
    from eventbot.conversation.assistant import mark_inactive

    await person(database, registered="gone@example.org")  # imported: no identity of theirs
    await mark_inactive(database, Sender("email", "gone@example.org"))  # SMTP said 550
    result = await planner(database).plan([workshop()], NOW)
    assert result is not None and result.written == 0
