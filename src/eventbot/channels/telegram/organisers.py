"""The organisers' side of the Telegram channel: handed-off questions sent to them, their answers
sent back to the attendee and kept as knowledge, and their commands."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update, User
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from ...clock import Clock
from ...config import TelegramSettings
from ...conversation import Assistant
from ...errors import EventbotError
from ...knowledge import load_events
from ...organisers import Inbox, OpenQuestion
from ...outbox import Outbox
from .once import CHANNEL, Replies

log = logging.getLogger(__name__)
QA_CHOICE = "qa:"
_QUESTION_NUMBER = re.compile(r"#(\d+)\b")


class Send(Protocol):
    """How the channel sends a text (escaped and split) to a chat; None when it was not delivered."""

    async def __call__(
        self, chat_id: int, text: str, *, markup: InlineKeyboardMarkup | None = None
    ) -> Message | None: ...


class OrganisersOnTelegram:
    """The organisers' side of the channel: their commands, their answers, the questions sent
    to them. It sends through the channel's `send`, so that escaping and limits are the same."""

    def __init__(
        self,
        *,
        assistant: Assistant,
        inbox: Inbox,
        settings: TelegramSettings,
        events_dir: Path,
        send: Send,
        outbox: Outbox,
        wake: Callable[[], None],
        clock: Clock,
        forward_every: float = 5.0,
    ) -> None:
        self.clock = clock
        self.assistant = assistant
        self.outbox = outbox
        self.wake = wake
        self.inbox = inbox
        self.settings = settings
        self.events_dir = events_dir
        self._send = send
        self.forward_every = forward_every

    def is_organiser(self, user: User | None) -> bool:
        return user is not None and user.id in self.settings.organisers

    async def on_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/unanswered, /answer NUMBER TEXT or /stats, from an organiser."""
        message = update.effective_message
        if update.effective_chat is None or message is None or message.text is None:
            return  # not a command someone typed in a chat
        chat = update.effective_chat.id
        if not self.is_organiser(update.effective_user):
            await self._send(chat, "That command is for the organisers.")
            return
        name = message.text.split()[0].lstrip("/").split("@")[0].lower()
        if name == "unanswered":
            questions = await self.inbox.open()
            lines = [_question_line(q) for q in questions] or ["No open questions."]
            await self._send(
                chat,
                "\n".join(lines)
                + ("\n\nReply to a question, or /answer NUMBER TEXT." if questions else ""),
            )
        elif name == "answer":
            args = context.args or []
            if len(args) < 2 or not args[0].lstrip("#").isdigit():
                await self._send(
                    chat, "Use /answer NUMBER TEXT, e.g. /answer 12 There is no parking."
                )
                return
            question = await self.inbox.find(question_id=int(args[0].lstrip("#")))
            await self._answer(chat, question, message.text.split(None, 2)[2])
        else:
            figures = await self.inbox.figures()
            lines = []
            for event_id, event in self.assistant.engine.events.items():
                counts = figures.registrations.get(event_id, Counter())
                places = (
                    ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
                    or "no registrations"
                )
                lines.append(
                    f"{event.label}: {places}; {figures.answered.get(event_id, 0)} questions answered, "
                    f"{figures.handed_off.get(event_id, 0)} handed off"
                )
            lines.append(f"Open questions: {figures.open_questions}")
            await self._send(chat, "\n".join(lines))

    async def on_reply(self, update: Update) -> bool:
        """An organiser's reply to a question sent to them answers it; False when the message
        replies to something else (it is then an ordinary message)."""
        chat, message = update.effective_chat, update.effective_message
        replied = message.reply_to_message if message else None
        if chat is None or message is None or replied is None or replied.from_user is None:
            return False
        found = _QUESTION_NUMBER.search(replied.text or "")
        if found is None or not replied.from_user.is_bot:
            return False
        question = await self.inbox.find(question_id=int(found[1]))
        await self._answer(chat.id, question, message.text or "")
        return True

    async def _answer(self, chat: int, question: OpenQuestion | None, answer: str) -> None:
        if question is None:
            await self._send(chat, "That question is already answered, or no longer exists.")
            return
        on_its_way = await self.inbox.answer(question.id, answer)
        text = self.assistant.engine.phrases.say(
            "organiser_answer", question=question.question, answer=answer
        )
        if question.channel is None or question.address is None:  # both or neither
            status = "The attendee has since erased their data; the answer is kept."
        elif question.channel == CHANNEL:
            await self._to_attendee(question, text)
            status = "On its way to the attendee."
        elif on_its_way:
            status = f"On its way to the attendee by {question.channel}."
        else:
            status = f"Kept for the attendee, who asked on {question.channel}."
        markup = None
        if question.event_id in self.assistant.engine.events:
            markup = InlineKeyboardMarkup(
                [
                    [
                        InlineKeyboardButton(
                            "Save as an answer in the knowledge base",
                            callback_data=f"{QA_CHOICE}{question.id}",
                        )
                    ]
                ]
            )
        await self._send(chat, f"{status} (question #{question.id})", markup=markup)

    async def save_as_qa(self, chat: int, user: User, question_id: int) -> None:
        """An organiser pressed "save as an answer": the answer joins the event's file."""
        if not self.is_organiser(user):
            await self._send(chat, "That is for the organisers.")
            return
        try:
            _, question = await self.inbox.save_as_qa(question_id, self.events_dir)
            self.assistant.reload(load_events(self.events_dir))
        except EventbotError as exc:
            await self._send(chat, f"I could not save it: {exc}")
            return
        await self._send(chat, f"Saved: I will answer “{question}” myself from now on.")

    async def forward_loop(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                await self.forward_questions()
            except (TelegramError, OSError) as exc:
                log.warning("could not forward questions to the organisers: %s", exc)
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(stop.wait(), self.forward_every)

    async def forward_questions(self) -> None:
        """Copies, for the organisers, of the questions handed off on other channels (mail)."""
        async with self.assistant.database.transaction() as session:
            replies = Replies("organisers", session, self.clock.now())
            await self.copy_questions(replies)
            await replies.write(self.outbox)
        if replies.messages:
            self.wake()

    async def copy_questions(self, replies: Replies) -> None:
        """In the replies' transaction, a copy of every question of which the organisers have
        none yet, each keyed by question and chat: written once, whoever writes it."""
        targets = (
            [self.settings.organiser_chat]
            if self.settings.organiser_chat
            else self.settings.organisers
        )
        if not targets:
            return
        for question in await self.inbox.to_forward(replies.session):
            text = (
                f"{_question_line(question)}\n\nI replied:\n{question.reply}\n\n"
                f"Reply to this message to answer; the attendee gets your answer."
            )
            for chat in targets:
                key = f"organiser-copy:{question.id}:{chat}"
                replies.add(chat, text, kind="organiser_copy", key=key)
            await self.inbox.forwarded(replies.session, question.id, targets[0])

    async def _to_attendee(self, question: OpenQuestion, text: str) -> None:
        """The organisers' answer to an attendee on Telegram, once, through the outbox."""
        assert question.address is not None
        async with self.assistant.database.transaction() as session:
            replies = Replies("answer", session, self.clock.now())
            key = f"organiser-answer:{question.id}"
            replies.add(int(question.address), text, kind="answer", key=key)
            await replies.write(self.outbox)
        self.wake()


def _question_line(question: OpenQuestion) -> str:
    """A handed-off question as organisers see it; `_send` escapes it."""
    who = question.name or question.address or "an attendee who erased their data"
    return f"#{question.id} · {question.event_id or 'no event'} · {who} ({question.channel or '—'}):\n“{question.question}”"
