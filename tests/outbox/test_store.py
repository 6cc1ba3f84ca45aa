"""The outbox table and its service on SQLite and PostgreSQL: written once by key, claimed once,
taken over after a crash, retried with growing delays, given up, missed when too late."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Iterator

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import delete, select, text

from eventbot.errors import DeliveryError
from eventbot.outbox import Claimed, Failure, Outbox, OutboxStatus, Outgoing, RetryPolicy
from eventbot.outbox.store import DUE_SQL
from eventbot.storage.database import Database
from eventbot.storage.models import Attendee, Base, Identity, OutboxMessage

NOW = dt.datetime(2030, 1, 1, 12, tzinfo=dt.UTC)
LEASE = dt.timedelta(minutes=5)
MINUTE = dt.timedelta(minutes=1)
BUSY = DeliveryError("421 try again later", permanent=False, code=421)


def outgoing(key: str, **options: object) -> Outgoing:
    values: dict[str, object] = {
        "key": key,
        "channel": "email",
        "address": f"{key}@example.org",
        "kind": "reply",
        "payload": {"text": f"about {key}"},
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


@pytest.fixture
def outbox(database: Database) -> Outbox:
    return Outbox(database, policy=RetryPolicy(delays=(60, 300, 900), max_attempts=4))


async def write(outbox: Outbox, *messages: Outgoing) -> int:
    async with outbox.database.transaction() as session:
        return await outbox.enqueue_many(session, messages, now=NOW)


async def claim_one(outbox: Outbox, at: dt.datetime) -> Claimed:
    [claimed] = await outbox.claim(now=at, limit=10, lease=LEASE)
    return claimed


async def status(outbox: Outbox, key: str) -> OutboxStatus:
    stored = await outbox.get(key)
    assert stored is not None
    return stored.status


async def new_identity(database: Database, address: str) -> int:
    async with database.transaction() as session:
        identity = Identity(
            attendee=Attendee(created_at=NOW),
            channel="email",
            address=address,
            state={},
            updated_at=NOW,
        )
        session.add(identity)
        await session.flush()
        return identity.id


# -- the schema -------------------------------------------------------------------------------


async def test_the_migrations_make_the_outbox_table_of_the_model(database: Database) -> None:
    async with database.engine.connect() as connection:
        differences = await connection.run_sync(
            lambda sync: compare_metadata(MigrationContext.configure(sync), Base.metadata)
        )
    assert [d for d in differences if "outbox" in repr(d)] == []


def test_the_due_index_covers_exactly_the_statuses_still_to_send() -> None:
    [index] = [i for i in OutboxMessage.__table__.indexes if i.name == "outbox_due"]
    assert str(index.dialect_options["sqlite"]["where"]) == DUE_SQL
    assert str(index.dialect_options["postgresql"]["where"]) == DUE_SQL
    assert DUE_SQL == "status IN ('queued', 'inflight')"


# -- writing ----------------------------------------------------------------------------------


async def test_a_message_enqueued_twice_is_one_row_as_first_written(outbox: Outbox) -> None:
    async with outbox.database.transaction() as session:
        assert await outbox.enqueue(session, outgoing("reply:email:1"), now=NOW) is True
        again = outgoing("reply:email:1", payload={"text": "changed"})
        assert await outbox.enqueue(session, again, now=NOW) is False
    stored = await outbox.get("reply:email:1")
    assert stored is not None
    assert (stored.payload, stored.status, stored.attempts) == (
        {"text": "about reply:email:1"},
        OutboxStatus.QUEUED,
        0,
    )
    assert await outbox.counts() == {OutboxStatus.QUEUED: 1}


async def test_a_message_enqueued_in_a_transaction_rolled_back_is_not_written(
    outbox: Outbox,
) -> None:
    with pytest.raises(RuntimeError):
        async with outbox.database.transaction() as session:
            await outbox.enqueue(session, outgoing("reply:email:1"), now=NOW)
            raise RuntimeError("the answer could not be stored")
    assert await outbox.get("reply:email:1") is None


async def test_enqueue_many_counts_only_the_new_rows_across_chunks(outbox: Outbox) -> None:
    assert await write(outbox, *(outgoing(f"r{i}") for i in range(2500))) == 2500
    assert await write(outbox, *(outgoing(f"r{i}") for i in range(2400, 2600))) == 100
    assert await outbox.counts() == {OutboxStatus.QUEUED: 2600}


async def test_enqueue_many_writes_a_hundred_thousand_rows_from_a_generator(
    outbox: Outbox,
) -> None:
    def broadcast() -> Iterator[Outgoing]:
        for chat in range(100_000):
            yield Outgoing(
                key=f"broadcast:7:telegram:{chat}",
                channel="telegram",
                address=str(chat),
                kind="broadcast",
                payload={"text": "The venue has moved to room 2."},
                due_at=NOW,
                broadcast_id=7,
            )

    async with outbox.database.transaction() as session:
        assert await outbox.enqueue_many(session, broadcast(), now=NOW) == 100_000
    async with outbox.database.transaction() as session:
        assert await outbox.enqueue_many(session, broadcast(), now=NOW) == 0
    assert await outbox.counts(7) == {OutboxStatus.QUEUED: 100_000}


# -- claiming ---------------------------------------------------------------------------------


async def test_a_claim_marks_rows_inflight_and_a_second_claim_gets_nothing(
    outbox: Outbox,
) -> None:
    await write(outbox, outgoing("a", message_id="<a@eventbot>"))
    [claimed] = await outbox.claim(now=NOW, limit=10, lease=LEASE)
    assert (claimed.key, claimed.attempt, claimed.message_id) == ("a", 1, "<a@eventbot>")
    assert claimed.payload == {"text": "about a"}
    stored = await outbox.get("a")
    assert stored is not None
    assert (stored.status, stored.attempts, stored.lease_until) == (
        OutboxStatus.INFLIGHT,
        1,
        NOW + LEASE,
    )
    assert await outbox.claim(now=NOW + MINUTE, limit=10, lease=LEASE) == []


async def test_a_claim_takes_the_oldest_due_first_and_leaves_what_is_not_yet_due(
    outbox: Outbox,
) -> None:
    await write(
        outbox,
        outgoing("now", due_at=NOW),
        outgoing("later", due_at=NOW + dt.timedelta(hours=1)),
        outgoing("earlier", due_at=NOW - dt.timedelta(minutes=10)),
        outgoing("earliest", due_at=NOW - dt.timedelta(hours=1)),
    )
    first = await outbox.claim(now=NOW, limit=2, lease=LEASE)
    rest = await outbox.claim(now=NOW, limit=2, lease=LEASE)
    assert [c.key for c in first] == ["earliest", "earlier"]
    assert [c.key for c in rest] == ["now"]
    assert await status(outbox, "later") == OutboxStatus.QUEUED


async def test_a_claim_for_one_channel_leaves_the_others(outbox: Outbox) -> None:
    await write(outbox, outgoing("mail"), outgoing("chat", channel="telegram", address="42"))
    claimed = await outbox.claim(now=NOW, limit=10, lease=LEASE, channel="telegram")
    assert [(c.key, c.channel, c.address) for c in claimed] == [("chat", "telegram", "42")]
    assert await status(outbox, "mail") == OutboxStatus.QUEUED


async def test_claim_skips_rows_another_process_holds(database_url: str) -> None:
    if database_url.startswith("sqlite"):
        pytest.skip("SQLite serialises whole transactions: there is no row lock to skip")
    first, second = Database(database_url), Database(database_url)
    await first.migrate()
    outbox = Outbox(second)
    await write(Outbox(first), outgoing("held"), outgoing("free", due_at=NOW + MINUTE))
    async with first.transaction() as session:
        held = select(OutboxMessage.id).where(OutboxMessage.key == "held").with_for_update()
        await session.execute(held)
        claimed = await outbox.claim(now=NOW + 2 * MINUTE, limit=10, lease=LEASE)
        assert [c.key for c in claimed] == ["free"]
    assert [c.key for c in await outbox.claim(now=NOW + 2 * MINUTE, limit=10, lease=LEASE)] == [
        "held"
    ]
    await first.close()
    await second.close()


# -- a crash while sending --------------------------------------------------------------------


async def test_an_expired_lease_makes_the_row_due_again_and_the_late_outcome_is_ignored(
    outbox: Outbox,
) -> None:
    await write(outbox, outgoing("a"))
    first = await claim_one(outbox, NOW)
    assert await outbox.claim(now=NOW + 4 * MINUTE, limit=10, lease=LEASE) == []
    second = await claim_one(outbox, NOW + 6 * MINUTE)  # the first worker died, or hangs
    assert (second.id, second.attempt) == (first.id, 2)
    assert await outbox.sent(first, now=NOW + 7 * MINUTE) is False
    assert await outbox.failed(first, BUSY, now=NOW + 7 * MINUTE) is False
    assert await status(outbox, "a") == OutboxStatus.INFLIGHT
    assert await outbox.sent(second, now=NOW + 8 * MINUTE) is True
    stored = await outbox.get("a")
    assert stored is not None
    assert (stored.status, stored.attempts, stored.sent_at, stored.lease_until) == (
        OutboxStatus.SENT,
        2,
        NOW + 8 * MINUTE,
        None,
    )
    assert await outbox.failed(second, BUSY, now=NOW + 9 * MINUTE) is False
    assert await status(outbox, "a") == OutboxStatus.SENT


async def test_a_row_whose_lease_runs_out_on_every_attempt_is_given_up(outbox: Outbox) -> None:
    await write(outbox, outgoing("poison"))
    moment = NOW
    for attempt in range(1, 5):
        assert (await claim_one(outbox, moment)).attempt == attempt
        moment += LEASE + MINUTE  # each time, the process dies while sending it
    assert await outbox.claim(now=moment, limit=10, lease=LEASE) == []
    stored = await outbox.get("poison")
    assert stored is not None
    assert (stored.status, stored.attempts, stored.last_error) == (
        OutboxStatus.FAILED,
        4,
        "no outcome was recorded after 4 attempts (the sending process stopped each time)",
    )


# -- failures ---------------------------------------------------------------------------------


async def test_a_transient_error_is_retried_with_growing_delays_then_failed(
    outbox: Outbox,
) -> None:
    await write(outbox, outgoing("a"))
    moment, waits = NOW, []
    for _ in range(3):
        claimed = await claim_one(outbox, moment)
        assert await outbox.failed(claimed, BUSY, now=moment) is True
        stored = await outbox.get("a")
        assert stored is not None and stored.status == OutboxStatus.QUEUED
        assert (
            await outbox.claim(now=stored.due_at - dt.timedelta(seconds=1), limit=1, lease=LEASE)
            == []
        )
        waits.append((stored.due_at - moment).total_seconds())
        moment = stored.due_at
    last = await claim_one(outbox, moment)
    assert await outbox.failed(last, BUSY, now=moment) is False
    assert waits == [60, 300, 900]
    stored = await outbox.get("a")
    assert stored is not None
    assert (stored.status, stored.attempts, stored.last_error) == (
        OutboxStatus.FAILED,
        4,
        "421 try again later",
    )


async def test_the_last_delay_repeats_when_attempts_outnumber_the_delays(
    database: Database,
) -> None:
    outbox = Outbox(database, policy=RetryPolicy(delays=(60, 300), max_attempts=8))
    await write(outbox, outgoing("a"))
    moment, waits = NOW, []
    for _ in range(4):
        await outbox.failed(await claim_one(outbox, moment), BUSY, now=moment)
        stored = await outbox.get("a")
        assert stored is not None
        waits.append((stored.due_at - moment).total_seconds())
        moment = stored.due_at
    assert waits == [60, 300, 300, 300]


async def test_retry_after_of_the_server_is_honoured(outbox: Outbox) -> None:
    await write(outbox, outgoing("a"))
    flood = DeliveryError("Too Many Requests", permanent=False, retry_after=7, code=429)
    await outbox.failed(await claim_one(outbox, NOW), flood, now=NOW)
    stored = await outbox.get("a")
    assert stored is not None
    assert (stored.status, stored.due_at) == (OutboxStatus.QUEUED, NOW + dt.timedelta(seconds=7))


async def test_a_policy_given_with_the_failure_overrides_the_outboxs(outbox: Outbox) -> None:
    await write(outbox, outgoing("a"))
    once = RetryPolicy(delays=(1,), max_attempts=1)
    assert await outbox.failed(await claim_one(outbox, NOW), BUSY, now=NOW, policy=once) is False
    assert await status(outbox, "a") == OutboxStatus.FAILED


async def test_a_permanent_error_fails_the_row_and_it_is_not_retried(outbox: Outbox) -> None:
    await write(outbox, outgoing("a"))
    blocked = DeliveryError("Forbidden: bot was blocked by the user", permanent=True, code=403)
    assert await outbox.failed(await claim_one(outbox, NOW), blocked, now=NOW) is False
    assert await outbox.claim(now=NOW + dt.timedelta(days=7), limit=10, lease=LEASE) == []
    stored = await outbox.get("a")
    assert stored is not None
    assert (stored.status, stored.attempts, stored.last_error) == (
        OutboxStatus.FAILED,
        1,
        "Forbidden: bot was blocked by the user",
    )


# -- too late ---------------------------------------------------------------------------------


async def test_a_row_due_after_its_not_after_is_missed_not_sent(outbox: Outbox) -> None:
    await write(
        outbox,
        outgoing("stale", due_at=NOW - dt.timedelta(hours=3), not_after=NOW - MINUTE),
        outgoing("timely", due_at=NOW - dt.timedelta(hours=2), not_after=NOW + MINUTE),
    )
    assert [c.key for c in await outbox.claim(now=NOW, limit=10, lease=LEASE)] == ["timely"]
    stored = await outbox.get("stale")
    assert stored is not None
    assert (stored.status, stored.attempts, stored.sent_at) == (OutboxStatus.MISSED, 0, None)


async def test_missed_rows_do_not_use_up_a_claims_limit(outbox: Outbox) -> None:
    stale = [
        outgoing(f"stale{i}", due_at=NOW - dt.timedelta(hours=2), not_after=NOW - MINUTE)
        for i in range(5)
    ]
    await write(outbox, *stale, outgoing("fresh1"), outgoing("fresh2"), outgoing("fresh3"))
    claimed = await outbox.claim(now=NOW, limit=2, lease=LEASE)
    assert [c.key for c in claimed] == ["fresh1", "fresh2"]
    assert await outbox.counts() == {
        OutboxStatus.MISSED: 5,
        OutboxStatus.INFLIGHT: 2,
        OutboxStatus.QUEUED: 1,
    }


async def test_a_retry_that_falls_due_after_not_after_is_missed(outbox: Outbox) -> None:
    await write(outbox, outgoing("reminder", not_after=NOW + 30 * dt.timedelta(seconds=1)))
    await outbox.failed(await claim_one(outbox, NOW), BUSY, now=NOW)  # back in 60 s: too late
    assert await outbox.claim(now=NOW + MINUTE, limit=10, lease=LEASE) == []
    assert await status(outbox, "reminder") == OutboxStatus.MISSED


# -- stopping ---------------------------------------------------------------------------------


async def test_cancel_for_cancels_only_the_queued_rows_of_that_identity(
    outbox: Outbox, database: Database
) -> None:
    ada, bob = (
        await new_identity(database, "ada@example.org"),
        await new_identity(database, "bob@example.org"),
    )
    await write(outbox, outgoing("ada-sending", identity_id=ada))
    sending = await claim_one(outbox, NOW)
    await write(
        outbox,
        outgoing("ada-1", identity_id=ada),
        outgoing("ada-2", identity_id=ada, due_at=NOW + dt.timedelta(days=1)),
        outgoing("bob-1", identity_id=bob),
    )
    async with database.transaction() as session:
        assert await outbox.cancel_for(session, ada) == 2
    assert [await status(outbox, key) for key in ("ada-1", "ada-2", "ada-sending", "bob-1")] == [
        OutboxStatus.CANCELLED,
        OutboxStatus.CANCELLED,
        OutboxStatus.INFLIGHT,
        OutboxStatus.QUEUED,
    ]
    # the row in flight is the sender's to finish (within its lease)
    claimed = await outbox.claim(now=NOW + MINUTE, limit=10, lease=LEASE)
    assert [c.key for c in claimed] == ["bob-1"]
    assert await outbox.sent(sending, now=NOW + MINUTE) is True


async def test_an_identity_deleted_leaves_its_rows_without_it(
    outbox: Outbox, database: Database
) -> None:
    ada = await new_identity(database, "ada@example.org")
    await write(outbox, outgoing("ada-1", identity_id=ada))
    async with database.transaction() as session:
        await session.execute(delete(Identity).where(Identity.id == ada))
    stored = await outbox.get("ada-1")
    assert stored is not None
    assert (stored.identity_id, stored.status) == (None, OutboxStatus.QUEUED)


# -- reporting --------------------------------------------------------------------------------


async def test_counts_and_failures_report_one_broadcast(outbox: Outbox) -> None:
    await write(
        outbox,
        outgoing("b7-ada", broadcast_id=7, channel="telegram", address="11"),
        outgoing("b7-bob", broadcast_id=7, channel="telegram", address="12"),
        outgoing("b7-eve", broadcast_id=7, channel="telegram", address="13"),
        outgoing("b8-ada", broadcast_id=8, channel="telegram", address="11"),
        outgoing("reply"),
    )
    claimed = {c.key: c for c in await outbox.claim(now=NOW, limit=2, lease=LEASE)}
    await outbox.sent(claimed["b7-ada"], now=NOW)
    blocked = DeliveryError("Forbidden: bot was blocked by the user", permanent=True)
    await outbox.failed(claimed["b7-bob"], blocked, now=NOW)
    assert await outbox.counts(7) == {
        OutboxStatus.SENT: 1,
        OutboxStatus.FAILED: 1,
        OutboxStatus.QUEUED: 1,
    }
    assert await outbox.counts() == {
        OutboxStatus.SENT: 1,
        OutboxStatus.FAILED: 1,
        OutboxStatus.QUEUED: 3,
    }
    assert await outbox.failures(7) == [
        Failure("12", "telegram", "Forbidden: bot was blocked by the user")
    ]
    assert await outbox.failures(8) == []


async def test_next_due_is_the_earliest_queued_row_or_lease_of_the_channels_given(
    outbox: Outbox,
) -> None:
    assert await outbox.next_due(["email"]) is None
    await write(
        outbox,
        outgoing("soon", due_at=NOW + dt.timedelta(hours=1)),
        outgoing("sending", due_at=NOW - dt.timedelta(hours=1)),
        outgoing("chat", channel="telegram", due_at=NOW - dt.timedelta(hours=2)),
    )
    await outbox.claim(now=NOW, limit=1, lease=LEASE, channel="email")
    assert await outbox.next_due(["email"]) == NOW + LEASE
    assert await outbox.next_due(["email", "telegram"]) == NOW - dt.timedelta(hours=2)


async def test_the_partial_index_is_what_a_claim_reads(outbox: Outbox) -> None:
    """A claim seeks the due rows of its channel in order: on SQLite that needs the index's
    predicate written out as text, which a bound parameter would not match."""
    if not outbox.database.sqlite:
        pytest.skip("PostgreSQL's planner picks by statistics; the SQLite plan is the fragile one")
    query = outbox._due_rows(NOW, "telegram", 10, ())
    async with outbox.database.transaction() as session:
        compiled = query.compile(session.bind, compile_kwargs={"literal_binds": True})
        plan = (await session.execute(text(f"EXPLAIN QUERY PLAN {compiled}"))).all()
    assert any("USING INDEX outbox_due" in row[-1] for row in plan), plan
    assert not any("TEMP B-TREE" in row[-1] for row in plan), plan


def test_the_head_revision_the_database_checks_is_alembics() -> None:
    from alembic.script import ScriptDirectory

    from eventbot.storage.database import HEAD
    from eventbot.storage.migrate import alembic_config

    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == HEAD
