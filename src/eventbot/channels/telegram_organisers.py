"""The organisers' side of the Telegram channel: handed-off questions sent to them, their answers
sent back to the attendee and kept as knowledge, and their commands."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update, User
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from ..errors import EventbotError
from ..inbox import OpenQuestion
from ..knowledge import load_events
from ..knowledge.edit import append_qa

log = logging.getLogger(__name__)
CHANNEL = "telegram"
QA_CHOICE = "qa:"
_QUESTION_NUMBER = re.compile(r"#(\d+)\b")


class OrganisersOnTelegram:
    """Mixed into TelegramChannel, whose assistant, inbox, settings and _send it uses."""

    def _is_organiser(self, user: User | None) -> bool:
        return user is not None and user.id in self.settings.organisers

    async def _on_organiser_command(
        self, update: Update, context: ContextTypes.DEFAULT_TYPE
    ) -> None:
        chat = update.effective_chat.id
        if not self._is_organiser(update.effective_user):
            await self._send(chat, "That command is for the organisers.")
            return
        name = update.effective_message.text.split()[0].lstrip("/").split("@")[0].lower()
        if name == "unanswered":
            questions = await self.inbox.open()
            lines = [_question_line(q) for q in questions] or ["No open questions."]
            await self._send(
                chat,
                "\n".join(lines)
                + ("\n\nReply to a question, or /answer NUMBER TEXT." if questions else ""),
            )
        elif name == "answer":
            if len(context.args) < 2 or not context.args[0].lstrip("#").isdigit():
                await self._send(
                    chat, "Use /answer NUMBER TEXT, e.g. /answer 12 There is no parking."
                )
                return
            question = await self.inbox.find(question_id=int(context.args[0].lstrip("#")))
            await self._answer(update, question, update.effective_message.text.split(None, 2)[2])
        else:
            figures = await self.inbox.figures()
            lines = []
            for event_id, event in self.assistant.engine.events.items():
                counts = figures.registrations.get(event_id, {})
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

    async def _on_organiser_reply(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        replied = update.effective_message.reply_to_message
        found = _QUESTION_NUMBER.search(replied.text or "") if replied else None
        if found is None or replied.from_user is None or not replied.from_user.is_bot:
            await self._on_text(update, context)  # an organiser's ordinary message
            return
        await self._answer(
            update, await self.inbox.find(question_id=int(found[1])), update.effective_message.text
        )

    async def _answer(self, update: Update, question: OpenQuestion | None, answer: str) -> None:
        chat = update.effective_chat.id
        if question is None:
            await self._send(chat, "That question is already answered, or no longer exists.")
            return
        await self.inbox.answer(question.id, answer)
        text = self.assistant.engine.say.say(
            "organiser_answer", question=question.question, answer=answer
        )
        if question.channel == CHANNEL:
            delivered = await self._send(int(question.address), text)
            status = (
                "Sent to the attendee."
                if delivered
                else "The attendee has blocked me; the answer is kept."
            )
        elif question.channel is None:
            status = "The attendee has since erased their data; the answer is kept."
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

    async def _save_as_qa(self, update: Update, question_id: int) -> None:
        chat = update.effective_chat.id
        if not self._is_organiser(update.effective_user):
            await self._send(chat, "That is for the organisers.")
            return
        answered = await self.inbox.answered(question_id)
        if answered is None or answered[0] not in self.assistant.engine.events:
            await self._send(chat, "There is no answer to save for that question.")
            return
        event_id, question, answer = answered
        try:
            append_qa(self.events_dir / f"{event_id}.toml", question, answer)
            self.assistant.reload(load_events(self.events_dir))
        except EventbotError as exc:
            await self._send(chat, f"I could not save it: {exc}")
            return
        await self._send(chat, f"Saved: I will answer “{question}” myself from now on.")

    async def _forward_loop(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                await self.forward_questions()
            except (TelegramError, OSError) as exc:
                log.warning("could not forward questions to the organisers: %s", exc)
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(stop.wait(), self.forward_every)

    async def forward_questions(self) -> None:
        """Every handed-off question, from any channel, once to the organisers."""
        targets = (
            [self.settings.organiser_chat]
            if self.settings.organiser_chat
            else self.settings.organisers
        )
        if not targets:
            return
        for question in await self.inbox.to_forward():
            text = (
                f"{_question_line(question)}\n\nI replied:\n{question.reply}\n\n"
                f"Reply to this message to answer; the attendee gets your answer."
            )
            sent = [await self._send(chat, text) for chat in targets]
            first = next((message for message in sent if message), None)
            if first is not None:
                await self.inbox.forwarded(question.id, first.chat_id, first.message_id)


def _question_line(question: OpenQuestion) -> str:
    """A handed-off question as organisers see it; `_send` escapes it."""
    who = question.name or question.address or "an attendee who erased their data"
    return f"#{question.id} · {question.event_id or 'no event'} · {who} ({question.channel or '—'}):\n“{question.question}”"
