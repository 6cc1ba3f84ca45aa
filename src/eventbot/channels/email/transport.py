"""Sending the outbox's mails: a row's payload composed into a mail and handed to SMTP."""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Awaitable, Callable
from typing import Any

from ...config import EmailSettings
from ...errors import DeliveryError
from ...outbox import Claimed
from .reading import Address
from .sending import SmtpSender
from .writing import Attachment, compose


class EmailTransport:
    """The outbox's transport for the "email" channel."""

    def __init__(
        self,
        settings: EmailSettings,
        *,
        sender: SmtpSender | None = None,
        name: str | None = None,
        undeliverable: Callable[[str], Awaitable[None]] | None = None,
    ) -> None:
        self.settings = settings
        self.smtp = sender or SmtpSender(settings)
        self.me = Address(name or "", str(settings.address))
        self.undeliverable = undeliverable

    async def send(self, message: Claimed) -> None:
        """Compose and send one row; DeliveryError says whether a retry may help. An address
        the server refuses for good (5xx) is reported to `undeliverable`."""
        try:
            await self.smtp.send(self.mail(message, now=dt.datetime.now(dt.UTC)))
        except DeliveryError as error:
            refused = error.permanent and error.code is not None and 500 <= error.code < 600
            if refused and self.undeliverable is not None:
                await self.undeliverable(message.address)
            raise

    def mail(self, message: Claimed, *, now: dt.datetime) -> Any:
        payload = message.payload
        unsubscribe = payload.get("list_unsubscribe") or []
        return compose(
            sender=self.me,
            to=Address(payload.get("to_name") or "", message.address),
            subject=payload.get("subject") or "",
            text=payload["text"],
            message_id=message.message_id or "",
            in_reply_to=payload.get("in_reply_to"),
            references=payload.get("references") or [],
            attachments=[
                Attachment(a["filename"], a["content_type"], base64.b64decode(a["data"]))
                for a in payload.get("attachments") or []
            ],
            list_unsubscribe=unsubscribe,
            one_click=bool(payload.get("one_click")),
            date=now,
        )

    async def close(self) -> None:
        await self.smtp.close()
