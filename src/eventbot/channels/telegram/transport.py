"""Sending the outbox's Telegram rows: a row's payload becomes messages to one chat.

A payload is `{"text": plain text, "reply_markup": an InlineKeyboardMarkup as a dict?,
"attachments": [{"filename", "content_type", "data" (base64), "caption"?}]?}`: the text is
escaped here (nothing an attendee, an organiser or the knowledge base wrote can inject markup)
and split at Telegram's limit, the buttons go under the last part, the files after it. The bot's rate limiter keeps Telegram's
limits (about 30 messages a second, one a second per private chat) and waits out a RetryAfter a
few times; what is left becomes a DeliveryError the outbox retries, or gives up on: 403 (the
attendee blocked the bot, who is marked inactive) and 400 (no such chat) are never retried.
"""

from __future__ import annotations

import base64
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Bot, InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from ...config import TelegramSettings
from ...conversation import Sender
from ...conversation.assistant import mark_inactive
from ...errors import DeliveryError
from ...outbox import Claimed, Lane, RetryPolicy
from ...storage.database import Database
from .format import escape, split
from .once import CHANNEL

log = logging.getLogger(__name__)

#: Retries for what an attendee waits for: within seconds, then as the outbox's usual policy.
SOON = RetryPolicy(delays=(1, 3, 10, 30, 60, 300, 900, 3600), max_attempts=10)


class TelegramTransport:
    """The outbox's transport for the "telegram" channel. `blocked` is told the address of a
    chat that blocked the bot."""

    def __init__(
        self, bot: Bot, *, blocked: Callable[[str], Awaitable[None]] | None = None
    ) -> None:
        self.bot = bot
        self.blocked = blocked

    async def send(self, message: Claimed) -> None:
        try:
            chat_id = int(message.address)
        except ValueError:
            raise DeliveryError(
                f"not a Telegram chat: {message.address!r}", permanent=True
            ) from None
        payload = message.payload
        parts = split(payload["text"]) if payload.get("text") else []
        markup = _markup(payload.get("reply_markup"))
        try:
            for number, part in enumerate(parts, start=1):
                await self.bot.send_message(
                    chat_id,
                    part,
                    parse_mode=ParseMode.HTML,
                    reply_markup=markup if number == len(parts) else None,
                )
            for attachment in payload.get("attachments") or []:
                caption = attachment.get("caption")
                await self.bot.send_document(
                    chat_id,
                    document=base64.b64decode(attachment["data"]),
                    filename=attachment["filename"],
                    caption=escape(caption) if caption else None,
                    parse_mode=ParseMode.HTML if caption else None,
                )
        except RetryAfter as exc:
            seconds = exc.retry_after
            wait = seconds.total_seconds() if hasattr(seconds, "total_seconds") else float(seconds)
            raise DeliveryError(
                f"Telegram asked to wait {wait:g} s", permanent=False, retry_after=wait, code=429
            ) from exc
        except Forbidden as exc:
            if self.blocked is not None:
                await self.blocked(message.address)
            raise DeliveryError("the attendee blocked the bot", permanent=True, code=403) from exc
        except BadRequest as exc:
            raise DeliveryError(
                f"Telegram refused it: {exc.message}", permanent=True, code=400
            ) from exc
        except NetworkError as exc:  # TimedOut too: it may have arrived, but a retry beats a loss
            raise DeliveryError(
                f"Telegram unreachable: {type(exc).__name__}", permanent=False
            ) from exc
        except TelegramError as exc:
            raise DeliveryError(f"Telegram answered: {exc.message}", permanent=False) from exc


def _markup(data: Any) -> InlineKeyboardMarkup | None:
    return InlineKeyboardMarkup.de_json(data, None) if data else None


def telegram_lane(bot: Bot, settings: TelegramSettings, database: Database) -> Lane:
    """The outbox's lane to Telegram through `bot` (whose rate limiter keeps Telegram's limits):
    replies are tried again within seconds; a chat that blocked the bot is marked inactive."""

    async def blocked(address: str) -> None:
        await mark_inactive(database, Sender(CHANNEL, address))

    transport = TelegramTransport(bot, blocked=blocked)
    return Lane(transport, settings.overall_per_second, concurrency=32, policy=SOON)
