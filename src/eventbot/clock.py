"""The one clock: the real time, or a moment pinned with --now."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol


class Clock(Protocol):
    def now(self) -> dt.datetime: ...


class SystemClock:
    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class FixedClock:
    moment: dt.datetime

    def now(self) -> dt.datetime:
        return self.moment

    @classmethod
    def now_utc(cls) -> FixedClock:
        """Pinned to the moment it is made."""
        return cls(dt.datetime.now(dt.UTC))


def parse_now(text: str) -> dt.datetime:
    """An ISO date or datetime; without a zone it is UTC ("2023-08-01" is its midnight UTC)."""
    moment = dt.datetime.fromisoformat(text.strip())
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
