"""One-click unsubscribe (RFC 8058) over real HTTP: a signed link stops one address's messages
about one event; a forged one stops nothing; opening the link only asks."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from aiohttp import ClientSession
from people import person, workshop
from sqlalchemy import select

from eventbot.clock import FixedClock
from eventbot.outbox import Outbox
from eventbot.reminders.planner import Delivery, Planner
from eventbot.reminders.unsubscribe import Unsubscribe, link
from eventbot.reminders.web import UnsubscribeEndpoint
from eventbot.storage.database import Database
from eventbot.storage.models import Identity, OutboxMessage, Subscription
from mailservers import free_port

NOW = dt.datetime(2030, 5, 1, 12, tzinfo=dt.UTC)
SECRET = "a-secret-of-more-than-sixteen-characters"


@pytest.fixture
async def served(tmp_path: Path) -> AsyncIterator[tuple[Database, str]]:
    database = Database(f"sqlite:///{tmp_path / 'eventbot.db'}")
    await database.migrate()
    port = free_port()
    event = workshop()
    endpoint = UnsubscribeEndpoint(database, SECRET, {event.id: event}, FixedClock(NOW), port=port)
    stop = asyncio.Event()
    task = asyncio.create_task(endpoint.run(stop))
    await asyncio.sleep(0.2)
    yield database, f"http://127.0.0.1:{port}"
    stop.set()
    await task
    await database.close()


async def test_the_one_click_post_stops_the_registered_address_and_cancels_what_is_queued(
    served: tuple[Database, str],
) -> None:
    database, base = served
    await person(database, registered="ada@example.org")
    planner = Planner(
        database, Outbox(database), Delivery(("email",)), horizon=dt.timedelta(days=60)
    )
    await planner.plan([workshop()], NOW)
    url = link(base, SECRET, Unsubscribe("email", "ada@example.org", "rw-2030"))
    async with ClientSession() as client:
        async with client.get(url) as page:  # a scanner opening the link: nothing happens
            assert page.status == 200 and '<form method="post"' in await page.text()
        async with database.transaction() as session:
            assert await session.scalar(select(Subscription)) is None
        async with client.post(url, data={"List-Unsubscribe": "One-Click"}) as done:
            assert done.status == 200
            assert "ada@example.org gets nothing more about RW 2030" in await done.text()
    async with database.transaction() as session:
        identity = await session.scalar(select(Identity).where(Identity.channel == "email"))
        assert identity is not None and identity.address == "ada@example.org"
        statuses = set(await session.scalars(select(OutboxMessage.status)))
    assert statuses == {"cancelled"}
    assert (await planner.plan([workshop()], NOW)).written == 0  # type: ignore[union-attr]


async def test_a_forged_link_stops_nothing(served: tuple[Database, str]) -> None:
    database, base = served
    await person(database, registered="ada@example.org")
    url = link(base, SECRET, Unsubscribe("email", "bo@example.org", "rw-2030"))
    forged = url.replace("bo%40example.org", "ada%40example.org")
    async with ClientSession() as client, client.post(forged) as answer:
        assert answer.status == 403
    async with database.transaction() as session:
        assert await session.scalar(select(Subscription)) is None
    assert urlsplit(url).path == "/unsubscribe"
