"""Mail eventbot writes on its own, not in reply to a mail just read: an organiser's answer to
a handed-off question, sent in the attendee's thread through the outbox."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.ext.asyncio import AsyncSession

from ...config import EmailSettings
from ...engine.phrasing import Phrasebook
from ...knowledge import Event
from ...organisers import OpenQuestion
from ...outbox import Outbox, Outgoing
from .writing import message_id

CHANNEL = "email"


class MailDelivery:
    """Writes eventbot's own mails to the outbox, each keyed so that it is written once."""

    def __init__(
        self, settings: EmailSettings, outbox: Outbox, phrases: Phrasebook, events: dict[str, Event]
    ) -> None:
        self.settings = settings
        self.outbox = outbox
        self.phrases = phrases
        self.events = events

    async def answer(
        self, session: AsyncSession, question: OpenQuestion, answer: str, now: dt.datetime
    ) -> bool:
        """The organisers' answer, in reply to the mail that said the question was passed on."""
        if question.address is None:
            return False
        earlier = None
        if question.identity_id is not None:
            earlier = await self.outbox.latest(
                session,
                identity_id=question.identity_id,
                channel=CHANNEL,
                kind="reply",
                before=question.asked_at,
            )
        event = self.events.get(question.event_id or "")
        label = event.label if event else None
        text = "\n\n".join(
            [
                self.phrases.say("email_greeting", name=question.name if question.name else None),
                self.phrases.say("organiser_answer", question=question.question, answer=answer),
                self.phrases.say("email_sign_off", e=label),
            ]
        )
        thread = earlier.payload if earlier else {}
        references = [*thread.get("references", []), thread.get("in_reply_to")]
        key = f"organiser-answer:{question.id}"
        return await self.outbox.enqueue(
            session,
            Outgoing(
                key=key,
                channel=CHANNEL,
                address=question.address,
                kind="answer",
                payload={
                    "to_name": question.name,
                    "subject": thread.get("subject")
                    or self.phrases.say("email_answer_subject", e=label),
                    "text": text,
                    "in_reply_to": earlier.message_id if earlier else None,
                    "references": [r for r in references if r],
                    "event": question.event_id,
                },
                message_id=message_id(key, domain=self.settings.domain),
                identity_id=question.identity_id,
                due_at=now,
            ),
            now=now,
        )
