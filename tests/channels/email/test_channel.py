"""The email channel end to end: mail appended to a real Dovecot, read and answered by the
assistant, the reply written to the outbox and sent through a real SMTP server (aiosmtpd)."""

from __future__ import annotations

import asyncio
import datetime as dt
import email
import email.policy
import shutil
from collections.abc import AsyncIterator
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path

import pytest

from eventbot.channels.email import EmailChannel, EmailTransport
from eventbot.channels.email.mailbox import Mailbox
from eventbot.config import EmailSettings
from eventbot.conversation import Assistant
from eventbot.engine import Engine
from eventbot.knowledge import load_events
from eventbot.organisers import Inbox
from eventbot.outbox import Dispatcher, Lane, Outbox
from eventbot.storage.database import Database
from eventbot.storage.mail import MailStatus
from mailservers import Dovecot, SmtpServer

ROOT = Path(__file__).resolve().parents[3]
NOW = dt.datetime(2023, 8, 1, 10, 0, tzinfo=dt.UTC)
ADA = "ada@example.org"


class Clock:
    def __init__(self, moment: dt.datetime) -> None:
        self.moment = moment

    def now(self) -> dt.datetime:
        return self.moment


@dataclass
class Bot:
    channel: EmailChannel
    dispatcher: Dispatcher
    outbox: Outbox
    inbox: Inbox
    dovecot: Dovecot
    smtp: SmtpServer
    database: Database
    clock: Clock
    uidvalidity: int

    async def exchange(self, raw: bytes, *, replies: int = 1) -> list[EmailMessage]:
        """Append a mail, let the bot read it and send what it wrote; the replies received."""
        before = len(self.smtp.received)
        self.dovecot.append(raw)
        await self.channel.read_new(self.uidvalidity)
        await self.dispatcher.drain()
        if replies == 0:
            return []
        received = await asyncio.to_thread(self.smtp.wait_for, before + replies)
        return [parse(r.data) for r in received[before:]]


def parse(data: bytes) -> EmailMessage:
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


def text_of(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    return str(part.get_content())


def mail(
    body: str,
    *,
    subject: str = "A question",
    sender: str = f"Ada Lovelace <{ADA}>",
    to: str = "bot@example.org",
    headers: dict[str, str] | None = None,
    message_id: str | None = None,
    date: str = "Tue, 01 Aug 2023 09:00:00 +0000",
) -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Message-ID"] = message_id or make_msgid(domain="example.org")
    message["Date"] = date
    for name, value in (headers or {}).items():
        message[name] = value
    message.set_content(body)
    return bytes(message)


@pytest.fixture
async def bot(
    tmp_path: Path, dovecot: Dovecot, smtp_server: SmtpServer, email_settings: EmailSettings
) -> AsyncIterator[Bot]:
    events_dir = tmp_path / "events"
    events_dir.mkdir()
    for path in (ROOT / "events").glob("*.toml"):
        shutil.copy(path, events_dir)
    shutil.copy(ROOT / "tests/data/events/nordic-health-ai-2027.toml", events_dir)
    settings = email_settings.model_copy(
        update={"organiser_address": "chair@example.org", "replies_per_sender_per_hour": 5}
    )
    database = Database(f"sqlite:///{tmp_path / 'eventbot.db'}")
    await database.migrate()
    clock = Clock(NOW)
    assistant = Assistant(Engine(load_events(events_dir)), database, clock)
    outbox = Outbox(database)
    inbox = Inbox(database, clock)
    channel = EmailChannel(assistant, settings, outbox, inbox=inbox)
    transport = EmailTransport(settings)
    dispatcher = Dispatcher(outbox, clock, {"email": Lane(transport, 100.0)})
    await channel.mailbox.connect()
    uidvalidity = await channel.mailbox.select(settings.folder)
    yield Bot(
        channel, dispatcher, outbox, inbox, dovecot, smtp_server, database, clock, uidvalidity
    )
    await channel.mailbox.close()
    await transport.close()
    await database.close()


async def test_a_question_is_answered_in_its_thread_like_a_persons_email(bot: Bot) -> None:
    question = mail(
        "Hi,\n\nhow much is the Hanover symposium?\n\nThanks,\nAda",
        subject="Fee",
        message_id="<q1@example.org>",
    )
    [reply] = await bot.exchange(question)
    assert reply["To"] == f"Ada Lovelace <{ADA}>"
    assert reply["Subject"] == "Re: Fee"
    assert reply["In-Reply-To"] == "<q1@example.org>"
    assert reply["References"] == "<q1@example.org>"
    assert reply["Auto-Submitted"] == "auto-replied"
    assert reply["X-Auto-Response-Suppress"] == "All"
    body = text_of(reply)
    assert body.startswith("Dear Ada Lovelace,")
    assert "119 EUR" in body
    assert "You're welcome" not in body and "Hello! I'm" not in body
    assert "Best regards" in body and "AI, Causality and Personalised Medicine" in body
    assert reply.get_body(preferencelist=("html",)) is not None
    [uid] = bot.dovecot.uids()
    assert b"\\Seen" in bot.dovecot.flags(uid)


async def test_in_my_time_is_the_time_of_the_senders_date_header(bot: Bot) -> None:
    question = "When does registration for the Hanover symposium close, in my time?"
    [tokyo] = await bot.exchange(mail(question, date="Tue, 01 Aug 2023 18:00:00 +0900"))
    # the end of 15 August in Hanover (CEST) is 16 August 07:00 at +09:00
    assert "(in your time: Wednesday 16 August 2023, 07:00" in text_of(tokyo)
    [unknown] = await bot.exchange(
        mail(question, subject="Again", date="Tue, 01 Aug 2023 09:00:00 -0000")
    )
    assert "(in UTC: Tuesday 15 August 2023, 22:00" in text_of(unknown)


async def test_two_questions_in_one_mail_are_both_answered(bot: Bot) -> None:
    [reply] = await bot.exchange(
        mail("When is the Hanover symposium? And how much is the registration fee?")
    )
    body = text_of(reply)
    assert "14–15 September 2023" in body
    assert "119 EUR" in body


async def test_a_reply_in_the_thread_is_read_in_context_without_its_quote(bot: Bot) -> None:
    [first] = await bot.exchange(mail("When is the Hanover symposium?", subject="Dates"))
    quoted = "\n".join(f"> {line}" for line in text_of(first).splitlines())
    follow_up = mail(
        f"And where is it?\n\nOn Tue, 1 Aug 2023 at 10:00, the assistant wrote:\n{quoted}",
        subject="Re: Dates",
        headers={"In-Reply-To": first["Message-ID"], "References": first["Message-ID"]},
    )
    [second] = await bot.exchange(follow_up)
    body = text_of(second)
    assert "Leibnizhaus" in body
    assert "14–15 September 2023" not in body  # the quoted text was not read as a question
    assert second["In-Reply-To"] == follow_up_id(follow_up)


def follow_up_id(raw: bytes) -> str:
    return str(parse(raw)["Message-ID"])


async def test_registration_by_mail_takes_one_round_trip_and_sends_the_calendar(bot: Bot) -> None:
    bot.clock.moment = dt.datetime(2027, 2, 1, 10, 0, tzinfo=dt.UTC)
    [form] = await bot.exchange(mail("I'd like to register for NordML4H 2027", subject="Register"))
    asked = text_of(form)
    assert "Your full name" in asked and "Your affiliation" in asked
    assert "Your email address" not in asked  # the address written from is taken
    answers = mail(
        "Name: Ada Lovelace\nAffiliation: University College London\nFee category: Student",
        subject="Re: Register",
        headers={"In-Reply-To": form["Message-ID"]},
    )
    [summary] = await bot.exchange(answers)
    assert "Ada Lovelace" in text_of(summary) and ADA in text_of(summary)
    yes = mail("yes", subject="Re: Register", headers={"In-Reply-To": summary["Message-ID"]})
    [confirmed] = await bot.exchange(yes)
    assert "You're registered" in text_of(confirmed)
    calendars = [p for p in confirmed.iter_attachments() if p.get_content_type() == "text/calendar"]
    assert len(calendars) == 1
    assert "NordML4H" in calendars[0].get_content()


AUTOMATIC = {
    "auto-submitted": {"Auto-Submitted": "auto-replied"},
    "precedence bulk": {"Precedence": "bulk"},
    "precedence auto_reply": {"Precedence": "auto_reply"},
    "list-id": {"List-Id": "<news.example.org>"},
    "list-unsubscribe": {"List-Unsubscribe": "<mailto:leave@example.org>"},
    "x-autoreply": {"X-Autoreply": "yes"},
    "x-autorespond": {"X-Autorespond": "yes"},
    "x-auto-response-suppress": {"X-Auto-Response-Suppress": "All"},
    "empty return-path": {"Return-Path": "<>"},
    "failed recipients": {"X-Failed-Recipients": "someone@example.org"},
}


@pytest.mark.parametrize("headers", AUTOMATIC.values(), ids=AUTOMATIC.keys())
async def test_mail_written_by_a_machine_gets_no_reply(bot: Bot, headers: dict[str, str]) -> None:
    await bot.exchange(mail("when is the deadline?", headers=headers), replies=0)
    await bot.dispatcher.drain()
    assert bot.smtp.received == []
    report = await bot.outbox.report()
    assert report.counts == {}


@pytest.mark.parametrize(
    ("sender", "subject"),
    [
        ("MAILER-DAEMON@example.org", "Undeliverable"),
        ("postmaster@example.org", "Delivery failure"),
        ("no-reply@example.org", "Your newsletter"),
        (f"Ada <{ADA}>", "Automatic reply: when is the deadline?"),
        (f"Ada <{ADA}>", "Abwesenheitsnotiz: Frage"),
        (f"Ada <{ADA}>", "Automatisch antwoord: vraag"),
        (f"Ada <{ADA}>", "Out of Office: question"),
    ],
)
async def test_robots_and_out_of_office_replies_get_no_reply(
    bot: Bot, sender: str, subject: str
) -> None:
    await bot.exchange(mail("I am away until Monday.", sender=sender, subject=subject), replies=0)
    assert bot.smtp.received == []


async def test_our_own_reply_delivered_back_to_the_mailbox_gets_no_reply(bot: Bot) -> None:
    [reply] = await bot.exchange(mail("When is the Hanover symposium?"))
    own = bytes(reply)
    await bot.exchange(own, replies=0)
    loop_back = mail("when is TAI4H?", sender="Eventbot <bot@example.org>")
    await bot.exchange(loop_back, replies=0)
    assert len(bot.smtp.received) == 1


async def test_a_sender_gets_at_most_the_hourly_number_of_replies(bot: Bot) -> None:
    def to_ada() -> int:
        return sum(ADA in r.rcpt_tos for r in bot.smtp.received)

    for number in range(5):
        await bot.exchange(mail(f"Question {number}: when is the Hanover symposium?"))
    await bot.exchange(mail("And once more: when is the Hanover symposium?"), replies=0)
    assert to_ada() == 5
    bot.clock.moment = NOW + dt.timedelta(hours=1, minutes=1)
    await bot.exchange(mail("An hour later: when is the Hanover symposium?"))
    assert to_ada() == 6


async def test_the_same_mail_read_twice_is_answered_once(bot: Bot) -> None:
    raw = mail("When is the Hanover symposium?", message_id="<twice@example.org>")
    await bot.exchange(raw)
    await bot.exchange(raw, replies=0)  # delivered again under another UID
    assert len(bot.smtp.received) == 1


DSN = (
    b"From: Mail Delivery System <MAILER-DAEMON@mx.example.org>\r\n"
    b"To: bot@example.org\r\nSubject: Undelivered Mail Returned to Sender\r\n"
    b"Message-ID: <dsn-1@mx.example.org>\r\nMIME-Version: 1.0\r\n"
    b'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"\r\n\r\n'
    b"--b1\r\nContent-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n"
    b"--b1\r\nContent-Type: message/delivery-status\r\n\r\n"
    b"Reporting-MTA: dns; mx.example.org\r\n\r\n"
    b"Final-Recipient: rfc822; gone@example.org\r\nAction: failed\r\nStatus: 5.1.1\r\n"
    b"--b1--\r\n"
)


async def test_a_bounce_of_our_mail_marks_the_address_undeliverable(bot: Bot) -> None:
    await bot.exchange(mail("When is TAI4H?", sender="Gone <gone@example.org>"))
    await bot.exchange(DSN, replies=0)
    async with bot.database.transaction() as session:
        assert await bot.channel.log.deliverable(session, "gone@example.org") is False


BAD_MAIL = {
    "broken MIME": (
        b"From: Ada <ada@example.org>\r\nTo: bot@example.org\r\nSubject: Fee\r\n"
        b"Message-ID: <broken@example.org>\r\n"
        b'Content-Type: multipart/mixed; boundary="nowhere"\r\n\r\n'
        b"how much is the Hanover symposium?\r\n--elsewhere\r\ntruncated"
    ),
    "unknown charset": (
        b"From: Ada <ada@example.org>\r\nTo: bot@example.org\r\nSubject: Fee\r\n"
        b"Message-ID: <charset@example.org>\r\n"
        b'Content-Type: text/plain; charset="x-unknown"\r\n\r\n'
        b"how much is the Hanover symposium?\r\n"
    ),
    "HTML only": (
        b"From: Ada <ada@example.org>\r\nTo: bot@example.org\r\nSubject: Fee\r\n"
        b"Message-ID: <html@example.org>\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
        b"<html><body><p>How much is the <b>Hanover symposium</b>?</p></body></html>\r\n"
    ),
    "empty body": (
        b"From: Ada <ada@example.org>\r\nTo: bot@example.org\r\nSubject: \r\n"
        b"Message-ID: <empty@example.org>\r\n\r\n"
    ),
    "header injection": (
        b"From: =?utf-8?q?Ada=0D=0ABcc=3A_victim=40example=2Eorg?= <ada@example.org>\r\n"
        b"To: bot@example.org\r\nSubject: =?utf-8?q?Fee=0D=0ABcc=3A_victim=40example=2Eorg?=\r\n"
        b"Message-ID: <inject@example.org>\r\n\r\nhow much is the Hanover symposium?\r\n"
    ),
}


@pytest.mark.parametrize("raw", BAD_MAIL.values(), ids=BAD_MAIL.keys())
async def test_bad_mail_gets_an_answer_and_the_loop_goes_on(bot: Bot, raw: bytes) -> None:
    [reply] = [r for r in await bot.exchange(raw) if r["To"].addresses[0].addr_spec == ADA]
    assert reply["To"].addresses[0].addr_spec == ADA
    assert "victim" not in str(reply["Bcc"] or "") and reply["Bcc"] is None
    assert "\n" not in str(reply["Subject"])
    [after] = await bot.exchange(mail("When is the Hanover symposium?"))
    assert "14–15 September 2023" in text_of(after)


async def test_a_mail_too_large_to_read_is_set_aside_with_a_record(bot: Bot) -> None:
    small = bot.channel.settings.model_copy(update={"max_message_bytes": 2000})
    await bot.channel.mailbox.close()
    bot.channel.mailbox = Mailbox(small)
    await bot.channel.mailbox.connect()
    await bot.channel.mailbox.select(small.folder)
    bot.dovecot.append(mail("how much is it?\n" + "x" * 5000))
    await bot.channel.read_new(bot.uidvalidity)
    from sqlalchemy import select

    from eventbot.storage.models import InboundMail

    async with bot.database.transaction() as session:
        [row] = (await session.scalars(select(InboundMail))).all()
    assert row.status == MailStatus.SET_ASIDE
    assert row.reason is not None and row.reason.startswith("too large to read (")


async def test_a_handed_off_question_reaches_the_organisers_and_their_reply_the_attendee(
    bot: Bot,
) -> None:
    question = mail("Is there parking at the Leibnizhaus?", subject="Parking")
    replies = await bot.exchange(question, replies=2)
    by_recipient = {r["To"].addresses[0].addr_spec: r for r in replies}
    attendee, copy = by_recipient[ADA], by_recipient["chair@example.org"]
    assert "passed your question on to the organisers" in text_of(attendee)
    assert "Is there parking at the Leibnizhaus?" in text_of(copy)
    answer = mail(
        "Yes, there are 20 spaces behind the building.\n\n> quoted copy",
        sender="Chair <chair@example.org>",
        subject=f"Re: {copy['Subject']}",
        headers={"In-Reply-To": copy["Message-ID"]},
    )
    [delivered] = await bot.exchange(answer)
    assert delivered["To"].addresses[0].addr_spec == ADA
    assert delivered["In-Reply-To"] == attendee["Message-ID"]
    assert "20 spaces behind the building" in text_of(delivered)
    assert "quoted copy" not in text_of(delivered)
    assert await bot.inbox.open() == []


async def test_an_answer_given_on_another_route_reaches_the_attendee_by_mail(bot: Bot) -> None:
    await bot.exchange(mail("Is there parking at the Leibnizhaus?", subject="Parking"), replies=2)
    [question] = await bot.inbox.open()
    assert await bot.inbox.answer(question.id, "No parking, sorry; take tram 4.") is True
    await bot.dispatcher.drain()
    received = await asyncio.to_thread(bot.smtp.wait_for, 3)
    delivered = parse(received[-1].data)
    assert delivered["To"].addresses[0].addr_spec == ADA
    assert "take tram 4" in text_of(delivered)
    assert delivered["Subject"] == "Re: Parking"


async def test_smtp_421_then_success_sends_one_reply_with_one_message_id(bot: Bot) -> None:
    bot.smtp.fail_next("DATA", 421, "4.3.0 Try again later")
    bot.dovecot.append(mail("When is the Hanover symposium?"))
    await bot.channel.read_new(bot.uidvalidity)
    assert await bot.dispatcher.drain() == 0
    assert bot.smtp.received == []
    bot.clock.moment = NOW + dt.timedelta(minutes=2)
    assert await bot.dispatcher.drain() == 1
    [reply] = await asyncio.to_thread(bot.smtp.wait_for, 1)
    report = await bot.outbox.report()
    assert report.counts == {"sent": 1}
    assert parse(reply.data)["Message-ID"] is not None


async def test_smtp_550_is_recorded_and_not_retried(bot: Bot) -> None:
    bot.smtp.refuse(ADA)
    bot.dovecot.append(mail("When is the Hanover symposium?"))
    await bot.channel.read_new(bot.uidvalidity)
    assert await bot.dispatcher.drain() == 0
    bot.clock.moment = NOW + dt.timedelta(days=1)
    assert await bot.dispatcher.drain() == 0
    report = await bot.outbox.report()
    assert report.counts == {"failed": 1}
    assert ADA in (report.failures[0].error or "")


async def test_an_answer_kept_before_mail_could_be_sent_is_delivered_when_the_channel_starts(
    bot: Bot,
) -> None:
    await bot.exchange(mail("Is there parking at the Leibnizhaus?", subject="Parking"), replies=2)
    [question] = await bot.inbox.open()
    bot.inbox.deliver.clear()  # as before this channel existed: the answer is only kept
    assert await bot.inbox.answer(question.id, "Park behind the building.") is False
    await bot.channel.catch_up()
    await bot.channel.catch_up()  # twice changes nothing
    await bot.dispatcher.drain()
    received = await asyncio.to_thread(bot.smtp.wait_for, 3)
    answers = [parse(r.data) for r in received if "Park behind" in text_of(parse(r.data))]
    assert len(answers) == 1
    assert answers[0]["To"].addresses[0].addr_spec == ADA


async def test_status_cancellation_personal_data_and_erasure_work_by_mail(bot: Bot) -> None:
    bot.clock.moment = dt.datetime(2027, 2, 1, 10, 0, tzinfo=dt.UTC)
    limits = {"replies_per_sender_per_hour": 20}  # a whole conversation within the hour
    bot.channel.settings = bot.channel.settings.model_copy(update=limits)
    [form] = await bot.exchange(mail("Please register me for NordML4H 2027"))
    [summary] = await bot.exchange(
        mail(
            "Ada Lovelace\nUniversity College London\nStudent",
            headers={"In-Reply-To": form["Message-ID"]},
        )
    )
    await bot.exchange(mail("yes", headers={"In-Reply-To": summary["Message-ID"]}))
    [status] = await bot.exchange(mail("Am I registered?"))
    assert "NORDML4H-" in text_of(status)
    [data] = await bot.exchange(mail("What do you know about me?"))
    assert "University College London" in text_of(data)
    [ask] = await bot.exchange(mail("Please cancel my registration"))
    [cancelled] = await bot.exchange(mail("yes", headers={"In-Reply-To": ask["Message-ID"]}))
    assert "cancelled" in text_of(cancelled).lower()
    [confirm] = await bot.exchange(mail("Please delete my data"))
    [forgotten] = await bot.exchange(mail("yes", headers={"In-Reply-To": confirm["Message-ID"]}))
    assert "deleted everything" in text_of(forgotten)
    from sqlalchemy import func, select

    from eventbot.storage.models import Identity, InboundMail, OutboxMessage

    async with bot.database.transaction() as session:
        assert await session.scalar(select(func.count()).select_from(Identity)) == 0
        assert (
            await session.scalar(
                select(func.count()).select_from(InboundMail).where(InboundMail.sender == ADA)
            )
            == 0
        )
        kept = (await session.scalars(select(OutboxMessage.kind))).all()
    assert kept == ["reply"]  # only the confirmation that everything was deleted


async def test_the_address_written_to_chooses_the_event(bot: Bot) -> None:
    plus = "bot+tai4h@example.org"
    settings = bot.channel.settings.model_copy(update={"event_addresses": {plus: "tai4h-2024"}})
    bot.channel.settings = settings
    [reply] = await bot.exchange(mail("When is the camera-ready deadline?", to=plus))
    assert "10 June 2024" in text_of(reply)


async def test_a_new_uidvalidity_does_not_answer_old_mail_again(bot: Bot) -> None:
    await bot.exchange(mail("When is the Hanover symposium?"))
    await bot.channel.read_new(bot.uidvalidity + 1)  # the server renumbered the folder
    await bot.dispatcher.drain()
    assert len(bot.smtp.received) == 1


async def test_a_mail_with_a_10_mb_attachment_is_answered(bot: Bot) -> None:
    message = EmailMessage()
    message["From"] = f"Ada <{ADA}>"
    message["To"] = "bot@example.org"
    message["Subject"] = "My poster"
    message["Message-ID"] = make_msgid(domain="example.org")
    message.set_content("How much is the Hanover symposium?")
    message.add_attachment(
        bytes(10 * 1024 * 1024), maintype="application", subtype="pdf", filename="poster.pdf"
    )
    [reply] = await bot.exchange(bytes(message))
    assert "119 EUR" in text_of(reply)


async def test_an_answer_given_with_the_command_line_reaches_the_attendee_by_mail(
    bot: Bot, tmp_path: Path, email_settings: EmailSettings, capsys: pytest.CaptureFixture[str]
) -> None:
    from eventbot.cli import main

    await bot.exchange(mail("Is there parking at the Leibnizhaus?", subject="Parking"), replies=2)
    [question] = await bot.inbox.open()
    config = tmp_path / "eventbot.toml"
    config.write_text(
        f'[knowledge]\nevents_dir = "{tmp_path / "events"}"\n'
        f'[database]\nurl = "sqlite:///{tmp_path / "eventbot.db"}"\n'
        f'[email]\naddress = "{email_settings.address}"\nimap_host = "127.0.0.1"\n'
        f'smtp_host = "127.0.0.1"\npassword = "x"\nsecurity = "none"\n',
        encoding="utf-8",
    )
    argv = ["--config", str(config), "handoffs", "answer", str(question.id), "Take tram 4."]
    assert await asyncio.to_thread(main, argv) == 0
    assert "goes to the attendee by email" in capsys.readouterr().out
    bot.clock.moment = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=1)  # the command's clock
    await bot.dispatcher.drain()
    received = await asyncio.to_thread(bot.smtp.wait_for, 3)
    delivered = parse(received[-1].data)
    assert delivered["To"].addresses[0].addr_spec == ADA
    assert "Take tram 4." in text_of(delivered)


async def test_reminders_asked_for_by_mail_are_stopped_by_the_list_unsubscribe_mailto(
    bot: Bot,
) -> None:
    [subscribed] = await bot.exchange(
        mail("Hello,\n\nplease remind me before the Hanover symposium's registration closes.")
    )
    assert "I'll remind you before the registration deadline" in text_of(subscribed)
    # the mailto of List-Unsubscribe: a mail with the subject "stop reminders", no body
    [stopped] = await bot.exchange(mail("", subject="stop reminders"))
    assert "no more reminders" in text_of(stopped)
    [listed] = await bot.exchange(mail("Which reminders do I have?"))
    assert "You have no reminders" in text_of(listed)
