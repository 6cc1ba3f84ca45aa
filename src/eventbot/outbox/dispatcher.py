"""The dispatcher: claims what is due in the outbox and sends it, within each channel's rate.

A scheduler or a channel only wakes it; what to send, and what was sent, is in the database.
Each channel is a lane (a transport, a rate, how many sends at once); the lanes drain side by
side, so a slow channel never holds up a fast one. A channel without a lane is left queued.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from aiolimiter import AsyncLimiter

from ..clock import Clock
from ..errors import DeliveryError
from .store import Claimed, Outbox, RetryPolicy

__all__ = ["Dispatcher", "Lane", "Transport"]

log = logging.getLogger(__name__)

NAP = 0.05  # seconds: the shortest sleep, when something is due that another process holds
PAUSE = 5.0  # seconds: the sleep after the database failed


class Transport(Protocol):
    """Sends one outbox row on its channel; DeliveryError says whether a retry may help."""

    async def send(self, message: Claimed) -> None: ...


@dataclass(frozen=True)
class Lane:
    """A channel's transport and how fast it may send: messages a second, spaced evenly, and
    at most `concurrency` at once."""

    transport: Transport
    per_second: float
    concurrency: int = 8
    policy: RetryPolicy | None = None  # the outbox's own unless the channel needs another

    def __post_init__(self) -> None:
        if self.per_second <= 0 or self.concurrency < 1:
            raise ValueError("a lane needs a rate above 0 and a concurrency of 1 at least")


class Dispatcher:
    """Sends the outbox: every due row once (at least once across a crash), within the limits."""

    def __init__(
        self,
        outbox: Outbox,
        clock: Clock,
        lanes: Mapping[str, Lane],
        *,
        batch: int = 200,
        lease: dt.timedelta = dt.timedelta(minutes=5),
        idle: float = 30.0,
    ) -> None:
        self.outbox = outbox
        self.clock = clock
        self.lanes = dict(lanes)
        self.batch = batch
        self.lease = lease
        self.idle = idle
        self._limiters = {
            name: AsyncLimiter(1, 1 / lane.per_second) for name, lane in self.lanes.items()
        }
        self._woken = asyncio.Event()
        self._lane_woken = {name: asyncio.Event() for name in self.lanes}

    def wake(self) -> None:
        """Something was written to the outbox (and committed): look now."""
        self._woken.set()
        for woken in self._lane_woken.values():
            woken.set()

    async def run(self, stop: asyncio.Event) -> None:
        """Send until `stop` is set; sleep until woken, until the next row is due, or `idle`.
        A failing database is logged and tried again; the rows sending at `stop` are finished."""
        while not stop.is_set():
            self._woken.clear()
            try:
                await self._drain(None, stop)
                pause = await self._until_due()
            except Exception:
                log.exception("outbox: the database failed while sending; trying again")
                pause = PAUSE
            await self._sleep(stop, pause)

    async def drain(self, now: dt.datetime | None = None) -> int:
        """Send everything due (at `now`, else at the clock's time); how many were sent."""
        return await self._drain(now, None)

    async def _drain(self, now: dt.datetime | None, stop: asyncio.Event | None) -> int:
        lanes = [self._drain_lane(name, now, stop) for name in self.lanes]
        return sum(await asyncio.gather(*lanes))

    async def _drain_lane(
        self, name: str, now: dt.datetime | None, stop: asyncio.Event | None
    ) -> int:
        """Send until nothing of this channel is due. Rows are claimed as sends finish and as
        new ones are written (`wake`), so a message for one chat never waits behind a slow
        send to another; every outcome is recorded before a database error (the first) is
        raised."""
        lane, limiter = self.lanes[name], self._limiters[name]
        gate = asyncio.Semaphore(lane.concurrency)
        woken = self._lane_woken[name]
        limit = self._batch(lane)
        running: dict[asyncio.Task[bool], int] = {}  # each send, and the row it sends
        results: list[bool | BaseException] = []

        async def one(message: Claimed) -> bool:
            async with gate, limiter:
                return await self._send(lane, message, now)

        try:
            while stop is None or not stop.is_set():
                woken.clear()
                claimed: list[Claimed] = []
                if len(running) < limit:
                    claimed = await self.outbox.claim(
                        now=now or self.clock.now(),
                        limit=limit - len(running),
                        lease=self.lease,
                        channel=name,
                        held=running.values(),
                    )
                running |= {asyncio.create_task(one(message)): message.id for message in claimed}
                if not running:
                    break
                done = await self._next_done(set(running), woken)
                for task in done:
                    del running[task]
                results += [_result(task) for task in done]
        finally:
            if running:
                finished = await asyncio.gather(*running, return_exceptions=True)
                results += finished
        for result in results:
            if isinstance(result, BaseException):
                raise result
        return sum(result is True for result in results)

    @staticmethod
    async def _next_done(
        running: set[asyncio.Task[bool]], woken: asyncio.Event
    ) -> set[asyncio.Task[bool]]:
        """Wait until a send finishes or something new is written; the sends that finished."""
        waiter = asyncio.create_task(woken.wait())
        try:
            done, _ = await asyncio.wait({*running, waiter}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            waiter.cancel()
        return {task for task in done if task is not waiter}

    def _batch(self, lane: Lane) -> int:
        """How many rows a lane holds at once: enough to keep its sends busy, and no more than
        it can send in half the lease (a row must not be taken over by another process, or
        claimed again by this one, while it waits its turn here)."""
        sendable = int(lane.per_second * self.lease.total_seconds() / 2)
        return max(1, min(self.batch, sendable, 2 * lane.concurrency))

    async def _send(self, lane: Lane, message: Claimed, now: dt.datetime | None) -> bool:
        """Send one row and record the outcome; True when it was delivered."""
        try:
            await lane.transport.send(message)
        except DeliveryError as error:
            await self._failed(message, error, now, lane.policy)
            return False
        except Exception as exc:  # a transport's own bug must not stop the others
            log.exception("outbox: %s %s failed unexpectedly", message.channel, message.key)
            # the class name only: an exception's text may hold a URL with a token in it
            unexpected = DeliveryError(f"unexpected {type(exc).__name__}", permanent=False)
            await self._failed(message, unexpected, now, lane.policy)
            return False
        await self.outbox.sent(message, now=now or self.clock.now())
        return True

    async def _failed(
        self,
        message: Claimed,
        error: DeliveryError,
        now: dt.datetime | None,
        policy: RetryPolicy | None,
    ) -> None:
        retried = await self.outbox.failed(
            message, error, now=now or self.clock.now(), policy=policy
        )
        log.warning(
            "outbox: %s to %s:%s, attempt %d: %s (%s)",
            message.kind,
            message.channel,
            message.address,
            message.attempt,
            error.reason,
            "will be tried again" if retried else "not retried",
        )

    async def _until_due(self) -> float:
        """Seconds until the next row of a lane falls due, within [NAP, idle]."""
        moment = await self.outbox.next_due(list(self.lanes))
        if moment is None:
            return self.idle
        return min(self.idle, max(NAP, (moment - self.clock.now()).total_seconds()))

    async def _sleep(self, stop: asyncio.Event, seconds: float) -> None:
        """Sleep `seconds`, or less when woken or stopped."""
        waiters = [asyncio.create_task(self._woken.wait()), asyncio.create_task(stop.wait())]
        try:
            await asyncio.wait(waiters, timeout=seconds, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for waiter in waiters:
                waiter.cancel()


def _result(task: asyncio.Task[bool]) -> bool | BaseException:
    return task.exception() or task.result()
