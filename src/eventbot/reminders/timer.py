"""APScheduler 3 as the timer that wakes the planner: every few minutes, and once at the start.

It is only a timer. What to send, and what was sent, is in the outbox; a job missed while the
process was down is not caught up by APScheduler but by the next planning, which writes what is
still meaningful (see `plan.schedule`).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Awaitable, Callable, Sequence

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from ..clock import Clock
from ..knowledge import Event
from .planner import Planner

log = logging.getLogger(__name__)


#: Another job for the same ticks: given the time, it returns whether it wrote to the outbox.
Job = Callable[[dt.datetime], Awaitable[bool]]


class ReminderTimer:
    """Runs `planner` every `every` seconds over the events `events()` gives at that moment, and
    the `also` jobs (finishing broadcasts cut short); `planned()` is called when something was
    written (to wake the dispatcher)."""

    def __init__(
        self,
        planner: Planner,
        events: Callable[[], Sequence[Event]],
        clock: Clock,
        *,
        every: float,
        planned: Callable[[], None] = lambda: None,
        also: Sequence[Job] = (),
    ) -> None:
        self.also = list(also)
        self.planner = planner
        self.events = events
        self.clock = clock
        self.every = every
        self.planned = planned

    async def plan_once(self) -> None:
        """One planning, and the other jobs; a failure is logged, and the next tick tries again."""
        wrote = False
        try:
            result = await self.planner.plan(self.events(), self.clock.now())
            if result is None:
                log.debug("reminders: another process is planning")
            elif result.written or result.cancelled:
                log.info("reminders: %d written, %d cancelled", result.written, result.cancelled)
                wrote = True
            for job in self.also:
                wrote = await job(self.clock.now()) or wrote
        except Exception:
            log.exception("reminders: planning failed; trying again in %g s", self.every)
        if wrote:
            self.planned()

    async def run(self, stop: asyncio.Event) -> None:
        """Plan at each of the scheduler's ticks until `stop` is set. The planning runs here, in
        this task, not in the scheduler's: stopping never cuts one short."""
        loop = asyncio.get_running_loop()
        tick = asyncio.Event()
        scheduler = AsyncIOScheduler(timezone=dt.UTC)
        scheduler.add_job(
            lambda: loop.call_soon_threadsafe(tick.set),
            "interval",
            seconds=self.every,
            next_run_time=dt.datetime.now(dt.UTC),
            coalesce=True,
            max_instances=1,
            misfire_grace_time=None,
        )
        scheduler.start()
        try:
            while not stop.is_set():
                waiters = [asyncio.create_task(tick.wait()), asyncio.create_task(stop.wait())]
                try:
                    await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
                finally:
                    for waiter in waiters:
                        waiter.cancel()
                if stop.is_set():
                    break
                tick.clear()
                await self.plan_once()
        finally:
            scheduler.shutdown(wait=False)
