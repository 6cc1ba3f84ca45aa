"""The dispatcher: claims what is due in the outbox and sends it, within each channel's rate.

A scheduler or a channel only wakes it; what to send, and what was sent, is in the database.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from aiolimiter import AsyncLimiter

from ..clock import Clock
from ..errors import DeliveryError
from .store import Claimed, Outbox

log = logging.getLogger(__name__)


class Transport(Protocol):
    """Sends one outbox row on its channel; DeliveryError says whether a retry may help."""

    async def send(self, message: Claimed) -> None: ...


@dataclass(frozen=True)
class Lane:
    """A channel's transport and how fast it may send (messages a second, at most at once)."""

    transport: Transport
    per_second: float
    concurrency: int = 8


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
        self._limits = {
            name: AsyncLimiter(
                max(lane.per_second, 1.0), max(1.0, lane.per_second) / lane.per_second
            )
            for name, lane in self.lanes.items()
        }
        self._woken = asyncio.Event()

    def wake(self) -> None:
        """Something was written to the outbox: look now instead of at the next due time."""
        self._woken.set()

    async def run(self, stop: asyncio.Event) -> None:
        """Send until `stop` is set; sleep until woken, until the next row is due, or `idle`."""
        while not stop.is_set():
            self._woken.clear()
            try:
                await self.drain()
            except Exception:  # the database is away for a moment: try again soon
                log.exception("outbox: could not send")
            await self._sleep(stop)

    async def drain(self) -> int:
        """Send everything due now, channel by channel; returns how many were sent. A message
        that fails is due again later, so one drain tries it once."""
        sent = 0
        now = self.clock.now()
        for name in self.lanes:
            while True:
                claimed = await self.outbox.claim(
                    now=now, limit=self.batch, lease=self.lease, channel=name
                )
                if not claimed:
                    break
                sent += await self._send_all(name, claimed)
        return sent

    async def _send_all(self, name: str, claimed: list[Claimed]) -> int:
        lane = self.lanes[name]
        gate = asyncio.Semaphore(lane.concurrency)

        async def one(message: Claimed) -> bool:
            async with gate, self._limits[name]:
                return await self._send(lane.transport, message)

        results = await asyncio.gather(*(one(message) for message in claimed))
        return sum(results)

    async def _send(self, transport: Transport, message: Claimed) -> bool:
        try:
            await transport.send(message)
        except DeliveryError as error:
            retried = await self.outbox.failed(message, error, now=self.clock.now())
            log.warning(
                "outbox: %s to %s:%s %s: %s",
                message.kind,
                message.channel,
                message.address,
                "will be tried again" if retried else "failed",
                error.reason,
            )
            return False
        except Exception as exc:  # a transport's own bug must not stop the others
            log.exception("outbox: %s to %s failed unexpectedly", message.kind, message.channel)
            unexpected = DeliveryError(f"unexpected {type(exc).__name__}", permanent=False)
            await self.outbox.failed(message, unexpected, now=self.clock.now())
            return False
        await self.outbox.sent(message, now=self.clock.now())
        return True

    async def _sleep(self, stop: asyncio.Event) -> None:
        due = await self._next_due()
        timeout = self.idle if due is None else min(self.idle, max(0.0, due))
        woken = asyncio.create_task(self._woken.wait())
        stopping = asyncio.create_task(stop.wait())
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(
                asyncio.wait({woken, stopping}, return_when=asyncio.FIRST_COMPLETED), timeout
            )
        woken.cancel()
        stopping.cancel()

    async def _next_due(self) -> float | None:
        try:
            moment = await self.outbox.next_due(list(self.lanes))
        except Exception:
            return None
        if moment is None:
            return None
        return (moment - self.clock.now()).total_seconds()
