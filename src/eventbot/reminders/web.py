"""eventbot's small web endpoint: one-click unsubscribe (RFC 8058).

    POST /unsubscribe?c=…&a=…&e=…&t=…   List-Unsubscribe=One-Click: stopped, at once
    GET  /unsubscribe?…                  a page with one button that POSTs (a mail scanner that
                                         follows links must not unsubscribe anyone)

The link is signed (`unsubscribe.py`). Stopping is what "stop reminders" does in a conversation:
the event's reminders and broadcasts to that address end, and what is queued is cancelled.
"""

from __future__ import annotations

import asyncio
import html
import logging

from aiohttp import web
from sqlalchemy import select

from ..clock import Clock
from ..knowledge import Event
from ..storage.database import Database
from ..storage.models import Attendee, Identity, Registration
from . import subscriptions
from .unsubscribe import PATH, Unsubscribe, verify

log = logging.getLogger(__name__)

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>{title}</title></head>
<body style="font-family: sans-serif; max-width: 36em; margin: 3em auto; padding: 0 1em">
<h1>{title}</h1><p>{text}</p>{form}</body></html>"""


class UnsubscribeEndpoint:
    """Serves the unsubscribe links of the mails eventbot sends."""

    def __init__(
        self,
        database: Database,
        secret: str,
        events: dict[str, Event],
        clock: Clock,
        *,
        listen: str = "127.0.0.1",
        port: int = 8080,
    ) -> None:
        self.database = database
        self.secret = secret
        self.events = events
        self.clock = clock
        self.listen = listen
        self.port = port
        self.application = web.Application()
        self.application.router.add_get(PATH, self._page)
        self.application.router.add_post(PATH, self._stop)

    async def run(self, stop: asyncio.Event) -> None:
        runner = web.AppRunner(self.application, access_log=None)
        await runner.setup()
        try:
            await web.TCPSite(runner, self.listen, self.port).start()
            log.info("unsubscribe links served on %s:%d", self.listen, self.port)
            await stop.wait()
        finally:
            await runner.cleanup()

    async def _page(self, request: web.Request) -> web.Response:
        what = verify(self.secret, request.query)
        if what is None:
            return _page("Link not valid", "This unsubscribe link is not valid.", status=403)
        label = self._label(what)
        form = (
            f'<form method="post" action="{html.escape(request.path_qs)}">'
            '<button type="submit" name="List-Unsubscribe" value="One-Click">Unsubscribe</button>'
            "</form>"
        )
        text = f"Stop the reminders and announcements about {html.escape(label)} to {html.escape(what.address)}?"
        return _page("Unsubscribe", text, form=form)

    async def _stop(self, request: web.Request) -> web.Response:
        what = verify(self.secret, request.query)
        if what is None:
            return _page("Link not valid", "This unsubscribe link is not valid.", status=403)
        await self.stop(what)
        label = html.escape(self._label(what))
        return _page(
            "Unsubscribed", f"{html.escape(what.address)} gets nothing more about {label}."
        )

    async def stop(self, what: Unsubscribe) -> None:
        """Stop the event's messages to the address, whoever it belongs to."""
        now = self.clock.now()
        async with self.database.transaction() as session:
            identity = await session.scalar(
                select(Identity).where(
                    Identity.channel == what.channel, Identity.address == what.address
                )
            )
            if identity is None:  # registered with this address, never wrote from it
                attendee_id = await session.scalar(
                    select(Registration.attendee_id)
                    .where(Registration.email == what.address)
                    .order_by(Registration.id.desc())
                    .limit(1)
                )
                if attendee_id is None:
                    attendee = Attendee(created_at=now)
                    session.add(attendee)
                    await session.flush()
                    attendee_id = attendee.id
                identity = Identity(
                    attendee_id=attendee_id,
                    channel=what.channel,
                    address=what.address,
                    state={},
                    updated_at=now,
                )
                session.add(identity)
                await session.flush()
            await subscriptions.stop(session, identity, [what.event_id], now)
        log.info("unsubscribed %s:%s from %s", what.channel, what.address, what.event_id)

    def _label(self, what: Unsubscribe) -> str:
        event = self.events.get(what.event_id)
        return event.label if event is not None else what.event_id


def _page(title: str, text: str, *, form: str = "", status: int = 200) -> web.Response:
    body = PAGE.format(title=html.escape(title), text=text, form=form)
    return web.Response(text=body, content_type="text/html", status=status)


__all__ = ["UnsubscribeEndpoint"]
