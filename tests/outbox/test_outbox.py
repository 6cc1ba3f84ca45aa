"""The outbox on SQLite and PostgreSQL: written once by key, claimed once, retried, given up,
missed when too late, and sent exactly once by two dispatchers at the same time."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator

import pytest

from eventbot.errors import DeliveryError
from eventbot.outbox import Claimed, Dispatcher, Lane, Outbox, Outgoing, RetryPolicy
from eventbot.storage.database import Database

NOW = dt.datetime(2030, 1, 1, 12, tzinfo=dt.UTC)
LEASE = dt.timedelta(minutes=5)


class Clock:
    def __init__(self) -> None:
        self.moment = NOW

    def now(self) -> dt.datetime:
        return self.moment


class Recorder:
    """A transport that keeps what it sent, and fails for the addresses it is told to."""

    def __init__(self, failing: dict[str, DeliveryError] | None = None) -> None:
        self.sent: list[str] = []
        self.failing = failing or {}

    async def send(self, message: Claimed) -> None:
        await asyncio.sleep(0)
        if message.address in self.failing:
            raise self.failing[message.address]
        self.sent.append(message.key)


def outgoing(key: str, *, address: str = "a@example.org", **options: object) -> Outgoing:
    values: dict[str, object] = {
        "key": key,
        "channel": "email",
        "address": address,
        "kind": "reply",
        "payload": {"text": key},
        "due_at": NOW,
    }
    values.update(options)
    return Outgoing(**values)  # type: ignore[arg-type]


@pytest.fixture
async def database(database_url: str) -> AsyncIterator[Database]:
    db = Database(database_url)
    await db.migrate()
    yield db
    await db.close()


async def write(outbox: Outbox, *messages: Outgoing) -> int:
    async with outbox.database.transaction() as session:
        return await outbox.enqueue_many(session, messages, now=NOW)


async def test_a_message_written_twice_with_one_key_is_one_row(database: Database) -> None:
    outbox = Outbox(database)
    async with database.transaction() as session:
        assert await outbox.enqueue(session, outgoing("k1"), now=NOW) is True
        assert await outbox.enqueue(session, outgoing("k1"), now=NOW) is False
    assert await write(outbox, *(outgoing(f"m{i % 2500}") for i in range(5000))) == 2500
    assert (await outbox.report()).counts == {"queued": 2501}


async def test_a_claimed_message_is_not_claimed_again_until_its_lease_runs_out(
    database: Database,
) -> None:
    outbox = Outbox(database)
    await write(outbox, outgoing("k1"))
    [first] = await outbox.claim(now=NOW, limit=10, lease=LEASE)
    assert first.attempt == 1
    assert await outbox.claim(now=NOW + dt.timedelta(minutes=1), limit=10, lease=LEASE) == []
    later = NOW + dt.timedelta(minutes=6)  # the first worker died with it
    [second] = await outbox.claim(now=later, limit=10, lease=LEASE)
    assert second.attempt == 2
    await outbox.sent(first, now=later)  # the late first worker changes nothing
    assert await outbox.status_of("k1") == "inflight"
    await outbox.sent(second, now=later)
    assert await outbox.status_of("k1") == "sent"


async def test_a_temporary_failure_is_retried_later_and_then_given_up(database: Database) -> None:
    policy = RetryPolicy(delays=(60, 300), max_attempts=3)
    outbox = Outbox(database, policy=policy)
    await write(outbox, outgoing("k1"))
    busy = DeliveryError("421 busy", permanent=False, code=421)
    moment = NOW
    waits = []
    for _ in range(3):
        [claimed] = await outbox.claim(now=moment, limit=1, lease=LEASE)
        await outbox.failed(claimed, busy, now=moment)
        due = await outbox.next_due(["email"])
        waits.append(due - moment if due else None)
        moment = due or moment
    assert waits == [dt.timedelta(seconds=60), dt.timedelta(seconds=300), None]
    report = await outbox.report()
    assert report.counts == {"failed": 1}
    assert report.failures[0].error == "421 busy"


async def test_retry_after_is_honoured(database: Database) -> None:
    outbox = Outbox(database)
    await write(outbox, outgoing("k1"))
    [claimed] = await outbox.claim(now=NOW, limit=1, lease=LEASE)
    await outbox.failed(claimed, DeliveryError("429", permanent=False, retry_after=7), now=NOW)
    assert await outbox.next_due(["email"]) == NOW + dt.timedelta(seconds=7)


async def test_a_permanent_failure_is_not_retried(database: Database) -> None:
    outbox = Outbox(database)
    await write(outbox, outgoing("k1"))
    [claimed] = await outbox.claim(now=NOW, limit=1, lease=LEASE)
    retried = await outbox.failed(
        claimed, DeliveryError("550 no such user", permanent=True), now=NOW
    )
    assert retried is False
    assert await outbox.claim(now=NOW + dt.timedelta(days=1), limit=1, lease=LEASE) == []
    assert (await outbox.report()).counts == {"failed": 1}


async def test_a_message_due_after_its_moment_is_missed_not_sent(database: Database) -> None:
    outbox = Outbox(database)
    await write(outbox, outgoing("late", not_after=NOW + dt.timedelta(hours=1)))
    assert await outbox.claim(now=NOW + dt.timedelta(hours=2), limit=5, lease=LEASE) == []
    assert await outbox.status_of("late") == "missed"


async def test_two_dispatchers_at_once_send_each_message_exactly_once(database_url: str) -> None:
    first, second = Database(database_url), Database(database_url)
    await first.migrate()
    outbox_a, outbox_b = Outbox(first), Outbox(second)
    await write(outbox_a, *(outgoing(f"m{i}", address=f"p{i}@example.org") for i in range(300)))
    a, b = Recorder(), Recorder()
    clock = Clock()
    lanes_a, lanes_b = {"email": Lane(a, 10_000)}, {"email": Lane(b, 10_000)}
    sent = await asyncio.gather(
        Dispatcher(outbox_a, clock, lanes_a, batch=20).drain(),
        Dispatcher(outbox_b, clock, lanes_b, batch=20).drain(),
    )
    assert sum(sent) == 300
    assert sorted(a.sent + b.sent) == sorted(f"m{i}" for i in range(300))
    assert (await outbox_a.report()).counts == {"sent": 300}
    await first.close()
    await second.close()


async def test_an_unexpected_error_of_a_transport_fails_one_message_not_the_others(
    database: Database,
) -> None:
    class Broken(Recorder):
        async def send(self, message: Claimed) -> None:
            if message.key == "bad":
                raise RuntimeError("a bug")
            await super().send(message)

    outbox = Outbox(database)
    await write(outbox, outgoing("bad"), outgoing("good", address="b@example.org"))
    transport = Broken()
    assert await Dispatcher(outbox, Clock(), {"email": Lane(transport, 100)}).drain() == 1
    assert transport.sent == ["good"]
    assert await outbox.status_of("bad") == "queued"


async def test_a_channel_without_a_transport_keeps_its_messages(database: Database) -> None:
    outbox = Outbox(database)
    await write(outbox, outgoing("tg", channel="telegram"), outgoing("mail"))
    recorder = Recorder()
    assert await Dispatcher(outbox, Clock(), {"email": Lane(recorder, 100)}).drain() == 1
    assert await outbox.status_of("tg") == "queued"


async def test_a_woken_dispatcher_sends_a_new_message_at_once(database: Database) -> None:
    outbox = Outbox(database)
    recorder = Recorder()
    clock = Clock()
    dispatcher = Dispatcher(outbox, clock, {"email": Lane(recorder, 100)}, idle=30)
    stop = asyncio.Event()
    running = asyncio.create_task(dispatcher.run(stop))
    await asyncio.sleep(0.2)
    await write(outbox, outgoing("k1"))
    dispatcher.wake()
    for _ in range(50):
        if recorder.sent:
            break
        await asyncio.sleep(0.05)
    stop.set()
    await asyncio.wait_for(running, 5)
    assert recorder.sent == ["k1"]


async def test_cancel_for_an_identity_stops_only_its_queued_messages(database: Database) -> None:
    from eventbot.storage.models import Attendee, Identity

    async with database.transaction() as session:
        identity = Identity(
            attendee=Attendee(created_at=NOW),
            channel="email",
            address="a@example.org",
            state={},
            updated_at=NOW,
        )
        session.add(identity)
        await session.flush()
        identity_id = identity.id
    outbox = Outbox(database)
    await write(outbox, outgoing("mine", identity_id=identity_id), outgoing("other"))
    async with database.transaction() as session:
        assert await outbox.cancel_for(session, identity_id) == 1
    assert (await outbox.status_of("mine"), await outbox.status_of("other")) == (
        "cancelled",
        "queued",
    )
