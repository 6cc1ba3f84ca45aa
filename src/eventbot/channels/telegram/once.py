"""Each Telegram update handled once, and its replies sent through the outbox.

An update is recorded, and what it makes eventbot say is written to the outbox, in the same
transaction as everything else it changes: delivered twice (a restart before Telegram saw the
offset move on), it is recognised and not answered again; a crash after the transaction loses
no reply, which the dispatcher sends once it runs again. The key of an update survives Telegram
numbering updates anew (it may, after a week without any): its id with the message's date, or
the callback query's own id.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from telegram import InlineKeyboardMarkup, Update

from ...outbox import Outbox, Outgoing
from ...storage.models import TelegramUpdate

CHANNEL = "telegram"
KEPT = dt.timedelta(days=14)  # how long a handled update is remembered


def update_key(update: Update) -> str:
    """The update's id with what makes it unique beyond a renumbering."""
    if update.callback_query is not None:
        return f"{update.update_id}:q{update.callback_query.id}"
    message = update.effective_message
    when = int(message.date.timestamp()) if message is not None and message.date else 0
    edited = message.edit_date if message is not None else None
    return f"{update.update_id}:{when}" + (f":e{int(edited.timestamp())}" if edited else "")


async def first_time(session: AsyncSession, key: str, now: dt.datetime, *, sqlite_: bool) -> bool:
    """Record the update in the caller's transaction; False when it was handled before."""
    dialect = sqlite if sqlite_ else postgresql
    result = await session.execute(
        dialect.insert(TelegramUpdate)
        .values(key=key, received_at=now)
        .on_conflict_do_nothing(index_elements=[TelegramUpdate.key])
        .returning(TelegramUpdate.key)
    )
    return result.first() is not None


async def forget_old(session: AsyncSession, now: dt.datetime) -> None:
    await session.execute(delete(TelegramUpdate).where(TelegramUpdate.received_at < now - KEPT))


@dataclass
class Replies:
    """What one update (or one pass over the organisers' questions) makes eventbot say, written
    to the outbox in `session`, the transaction of what caused it."""

    key: str
    session: AsyncSession
    now: dt.datetime  # when they are written, and due
    messages: list[Outgoing] = field(default_factory=list)

    def add(
        self,
        chat_id: int,
        text: str,
        *,
        markup: InlineKeyboardMarkup | None = None,
        attachments: Sequence[dict[str, str]] = (),
        identity_id: int | None = None,
        kind: str = "reply",
        key: str | None = None,
    ) -> None:
        """A message to `chat_id`; `key` names it when it must be written once whoever writes
        it (an organisers' copy), else it is the update's own n-th."""
        payload: dict[str, Any] = {"text": text}
        if markup is not None:
            payload["reply_markup"] = markup.to_dict()
        if attachments:
            payload["attachments"] = list(attachments)
        self.messages.append(
            Outgoing(
                key=key or f"telegram:{self.key}:{len(self.messages)}",
                channel=CHANNEL,
                address=str(chat_id),
                kind=kind,
                payload=payload,
                due_at=self.now,
                identity_id=identity_id,
            )
        )

    async def write(self, outbox: Outbox) -> None:
        await outbox.enqueue_many(self.session, self.messages, now=self.now)
