"""Flood control: Telegram's send limits, and attendees who send too much, too fast."""

from __future__ import annotations

import time
from collections import OrderedDict, deque
from collections.abc import Callable, Coroutine
from typing import Any

from aiolimiter import AsyncLimiter
from telegram.ext import AIORateLimiter

#: A JSON object as python-telegram-bot passes it around (its own alias is private).
JSONDict = dict[str, Any]
#: What Telegram's Bot API answers to a request.
Result = bool | JSONDict | list[JSONDict]


class ChatRateLimiter(AIORateLimiter):
    """Telegram's limits as python-telegram-bot knows them (30 messages a second overall, 20 a
    minute per group, RetryAfter waited out and retried), plus about one a second per private chat."""

    def __init__(
        self,
        *,
        per_chat_per_second: float = 1.0,
        overall_per_second: float = 30.0,
        max_retries: int = 3,
        chats_kept: int = 10_000,
    ) -> None:
        super().__init__(overall_max_rate=overall_per_second, max_retries=max_retries)
        self._per_chat = per_chat_per_second
        self._chats: OrderedDict[int, AsyncLimiter] = OrderedDict()
        self._chats_kept = chats_kept

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Result]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Result:
        chat_id = data.get("chat_id")
        if isinstance(chat_id, int) and chat_id > 0:  # a private chat
            async with self._limiter(chat_id):
                return await super().process_request(
                    callback, args, kwargs, endpoint, data, rate_limit_args
                )
        return await super().process_request(
            callback, args, kwargs, endpoint, data, rate_limit_args
        )

    def _limiter(self, chat_id: int) -> AsyncLimiter:
        limiter = self._chats.pop(chat_id, None) or AsyncLimiter(1, 1 / self._per_chat)
        self._chats[chat_id] = limiter
        while len(self._chats) > self._chats_kept:
            self._chats.popitem(last=False)
        return limiter


class FloodGate:
    """At most `messages` from one sender in `seconds`; past that they are told once, then ignored
    until the window has room again. Other senders are not slowed."""

    def __init__(
        self, *, messages: int = 20, seconds: float = 10.0, senders_kept: int = 10_000
    ) -> None:
        self.messages = messages
        self.seconds = seconds
        self._seen: OrderedDict[int, deque[float]] = OrderedDict()
        self._warned: set[int] = set()
        self._kept = senders_kept

    def admit(self, sender: int, now: float | None = None) -> str:
        """ "ok" to handle the message, "warn" to say so once, "drop" to ignore it."""
        now = time.monotonic() if now is None else now
        times = self._seen.pop(sender, None) or deque()
        self._seen[sender] = times
        while times and now - times[0] > self.seconds:
            times.popleft()
        while len(self._seen) > self._kept:
            self._warned.discard(self._seen.popitem(last=False)[0])
        if len(times) < self.messages:
            times.append(now)
            self._warned.discard(sender)
            return "ok"
        if sender in self._warned:
            return "drop"
        self._warned.add(sender)
        return "warn"
