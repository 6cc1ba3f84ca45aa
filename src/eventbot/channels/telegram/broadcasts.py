"""Organisers' broadcasts from Telegram: `/broadcast EVENT SEGMENT`, then the message, a preview
with a confirm button, then progress and the delivery report in the same chat.

From `/broadcast` on, the organiser's broadcast is a draft in the database (a restart in between
loses nothing); the confirm button names it, so pressing it twice, or after the draft was
replaced, sends nothing. Once confirmed, the broadcast is written to the outbox like one from
the CLI, and resumable.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from collections.abc import Awaitable, Callable
from dataclasses import replace

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update, User
from telegram.error import TelegramError

from ...broadcasts import PLACEHOLDERS, Broadcaster, Draft, Report, Segment, check_text
from ...broadcasts.service import BroadcastStatus
from ...clock import Clock
from ...errors import EventbotError
from ...knowledge import Event
from .organisers import Send

log = logging.getLogger(__name__)

CHOICE = "bc:"
PROGRESS_EVERY = 2.0  # seconds between two updates of the progress message
PROGRESS_FOR = 3600.0  # seconds after which the progress message is left as it stands
#: Edits a message the bot sent: chat, message id, new text.
Edit = Callable[[int, int, str], Awaitable[None]]


class BroadcastsOnTelegram:
    """`/broadcast` for the organisers. `broadcaster` is set by `eventbot run` once the outbox's
    lanes are known; `queued` wakes the dispatcher."""

    def __init__(
        self,
        *,
        events: Callable[[], dict[str, Event]],
        send: Send,
        edit: Edit,
        clock: Clock,
        is_organiser: Callable[[User | None], bool],
    ) -> None:
        self.events = events
        self._send = send
        self._edit = edit
        self.clock = clock
        self.is_organiser = is_organiser
        self.broadcaster: Broadcaster | None = None
        self.queued: Callable[[], None] = lambda: None
        self._tasks: set[asyncio.Task[None]] = set()

    async def on_command(self, chat: int, user: User | None, args: list[str]) -> None:
        """/broadcast EVENT SEGMENT: asks for the message."""
        if user is None or not self.is_organiser(user):
            await self._send(chat, "That command is for the organisers.")
            return
        if self.broadcaster is None:
            await self._send(chat, "Broadcasts are sent by `eventbot run`, which is not running.")
            return
        events = self.events()
        segments = ", ".join(s.value for s in Segment)
        if len(args) != 2 or args[0] not in events or args[1] not in set(Segment):
            await self._send(
                chat,
                "Use /broadcast EVENT SEGMENT, e.g. /broadcast "
                f"{next(iter(events), 'EVENT')} registered.\nEvents: {', '.join(events)}\n"
                f"Segments: {segments}",
            )
            return
        author = _author(user)
        await self.broadcaster.discard_drafts(author)
        draft = Draft(
            events[args[0]],
            Segment(args[1]),
            self.broadcaster.delivery.channels,
            "",
            created_by=author,
        )
        await self.broadcaster.create(draft, self.clock.now(), status=BroadcastStatus.DRAFT)
        known = ", ".join("{" + name + "}" for name in PLACEHOLDERS)
        await self._send(
            chat,
            f"Send me the message for {args[1]} of {events[args[0]].label}. It may name {known}.",
        )

    async def on_text(self, update: Update) -> bool:
        """The message of a broadcast being prepared: a preview and a confirm button. False
        when the sender is not preparing one (the text is then an ordinary message)."""
        user, chat, message = update.effective_user, update.effective_chat, update.effective_message
        if user is None or chat is None or message is None or not message.text:
            return False
        if self.broadcaster is None or not self.is_organiser(user):
            return False
        found = await self.broadcaster.draft_of(_author(user), self.events())
        if found is None or found[1].text:
            return False  # none, or one written and waiting for its button
        number, draft = found
        text = message.text.strip()
        try:
            check_text(text)
        except EventbotError as exc:
            await self._send(chat.id, f"{exc}. Send the message again.")
            return True
        draft = replace(draft, text=text)
        people = await self.broadcaster.recipients(draft)
        if not people:
            await self.broadcaster.discard_drafts(draft.created_by)
            await self._send(chat.id, f"Nobody in {draft.segment.value} can be reached: not sent.")
            return True
        await self.broadcaster.revise(number, text)
        first = people[0]
        sample = self.broadcaster.message(draft, first).payload["text"]
        counts: dict[str, int] = {}
        for person in people:
            counts[person.channel] = counts.get(person.channel, 0) + 1
        per_channel = ", ".join(f"{n} on {channel}" for channel, n in counts.items())
        buttons = InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton(
                        f"Send to {len(people)}", callback_data=f"{CHOICE}send:{number}"
                    ),
                    InlineKeyboardButton("Cancel", callback_data=f"{CHOICE}cancel:{number}"),
                ]
            ]
        )
        await self._send(
            chat.id,
            f"As {first.address} gets it on {first.channel}:\n\n{sample}\n\n"
            f"{len(people)} recipients ({per_channel}).",
            markup=buttons,
        )
        return True

    async def on_button(self, chat: int, user: User, data: str) -> None:
        """Send or Cancel under a preview: "bc:send:NUMBER", "bc:cancel:NUMBER"."""
        action, _, number = data.removeprefix(CHOICE).partition(":")
        if self.broadcaster is None or not self.is_organiser(user) or not number.isdigit():
            await self._send(chat, "There is no broadcast waiting to be sent.")
            return
        author = _author(user)
        if action != "send":
            await self.broadcaster.discard_drafts(author)
            await self._send(chat, "Not sent.")
            return
        if not await self.broadcaster.confirm(int(number), author):
            await self._send(chat, f"Broadcast #{number} is not waiting to be sent.")
            return
        now = self.clock.now()
        await self.broadcaster.write(int(number), self.events(), now)
        self.queued()
        report = await self.broadcaster.report(int(number))
        progress = await self._send(chat, _progress(report))
        if progress is not None:
            task = asyncio.create_task(self._follow(chat, progress.message_id, int(number)))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _follow(self, chat: int, message_id: int, number: int) -> None:
        """Keep the progress message up to date until nothing is left to send; then the report."""
        assert self.broadcaster is not None
        shown = ""
        started = dt.datetime.now(dt.UTC)
        try:
            while True:
                report = await self.broadcaster.report(number)
                text = _progress(report)
                if text != shown:
                    with contextlib.suppress(TelegramError):
                        await self._edit(chat, message_id, text)
                    shown = text
                waited = (dt.datetime.now(dt.UTC) - started).total_seconds()
                if report.settled or waited > PROGRESS_FOR:
                    break
                await asyncio.sleep(PROGRESS_EVERY)
            await self._send(chat, _report(report))
        except Exception:
            log.exception("broadcast #%d: the progress in Telegram stopped", number)


def _author(user: User) -> str:
    """Who prepared a broadcast, as its row records it."""
    return f"telegram:{user.id}"


def _progress(report: Report) -> str:
    done = report.recipients - report.counts.get("queued", 0)
    return f"Broadcast #{report.id}: {done} of {report.recipients} handled"


def _report(report: Report) -> str:
    lines = [f"Broadcast #{report.id} to {report.segment} of {report.event_id}:"]
    lines += [f"{outcome}: {n}" for outcome, n in report.tally()]
    lines += [f"{n} × {reason}" for reason, n in report.reasons.items()]
    return "\n".join(lines)
