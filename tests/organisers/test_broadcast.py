"""`eventbot broadcast` and `eventbot registrations import`, run in-process against a real SMTP
server (aiosmtpd), on SQLite and PostgreSQL: the preview, placeholders, the delivery report,
resuming a broadcast cut short, and imports that name their mistakes and half-do nothing."""

from __future__ import annotations

import asyncio
import datetime as dt
import io
from email import message_from_bytes
from pathlib import Path

import pytest
from nordic import EVENT, EVENT_FILE, nordic_config
from sqlalchemy import func, select

from eventbot.app import open_database, reminder_delivery
from eventbot.broadcasts import Broadcaster, Draft, Segment
from eventbot.cli import main
from eventbot.config import load_settings
from eventbot.knowledge import load_event
from eventbot.outbox import Outbox
from eventbot.storage.models import Broadcast, Identity, OutboxMessage, Registration, Subscription
from mailservers import SmtpServer

PEOPLE = "\n".join(
    [
        "First name;Last name;E-mail address;Affiliation;Paid",
        "Ada;Lovelace;ada@example.org;UCL;yes",
        "Bo;Chen;bo@example.org;KI;no",
        "Cy;Dahl;cy@example.org;KTH;no",
    ]
)


@pytest.fixture
def smtp() -> SmtpServer:
    with SmtpServer() as server:
        yield server


@pytest.fixture
def config(tmp_path: Path, database_url: str, smtp: SmtpServer, clean_environ: None) -> Path:
    return nordic_config(tmp_path, database_url, smtp, send_per_second=200)


def run(config: Path, *args: str) -> int:
    return main(["--config", str(config), *args])


def imported(config: Path, tmp_path: Path, text: str = PEOPLE) -> int:
    csv = tmp_path / "people.csv"
    csv.write_text(text, encoding="utf-8")
    return run(config, "registrations", "import", EVENT, "--csv", str(csv))


def test_the_dry_run_previews_one_message_per_channel_and_sends_nothing(
    config: Path, tmp_path: Path, smtp: SmtpServer, capsys: pytest.CaptureFixture[str]
) -> None:
    assert imported(config, tmp_path) == 0
    capsys.readouterr()
    text = "Dear {name}, your reference for {event} is {reference}."
    code = run(config, "broadcast", EVENT, "--to", "registered", "--text", text, "--dry-run")
    out = capsys.readouterr().out
    assert code == 0
    assert "--- email, as ada@example.org gets it ---" in out
    assert "Dear Ada Lovelace, your reference for NordML4H 2027 is NORDML4H-" in out
    assert "3 recipients (3 on email), now; about 1 s to send." in out
    assert len(smtp.received) == 0


def test_an_unknown_placeholder_is_refused_naming_the_known_ones(
    config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = run(config, "broadcast", EVENT, "--to", "registered", "--text", "Hi {firstname}")
    assert code == 1
    assert (  # the SMTP server's own log may be there too: it runs in a thread of its own
        "eventbot: unknown placeholder {firstname}; known: {name}, {event}, {reference}, {email}\n"
        in capsys.readouterr().err
    )


def test_a_broadcast_reaches_each_recipient_once_and_reports_what_became_of_it(
    config: Path, tmp_path: Path, smtp: SmtpServer, capsys: pytest.CaptureFixture[str]
) -> None:
    assert imported(config, tmp_path) == 0
    smtp.refuse("cy@example.org")
    code = run(
        config,
        "broadcast",
        EVENT,
        "--to",
        "unpaid",
        "--text",
        "Dear {name}, please pay the fee for {event}.",
        "--subject",
        "Your fee",
        "--yes",
    )
    out = capsys.readouterr().out
    assert code == 0
    [mail] = smtp.wait_for(1)
    message = message_from_bytes(mail.data)
    assert message["To"] == "Bo Chen <bo@example.org>"
    assert message["Subject"] == "Your fee"
    assert "mailto:nordic@example.org" in message["List-Unsubscribe"]
    body = message.get_payload()[0].get_payload(decode=True).decode()
    assert body.startswith("Dear Bo Chen, please pay the fee for NordML4H 2027.")
    assert "reply “stop reminders”" in body
    assert "2 recipients" in out
    assert "sent" in out and "undeliverable" in out and "550 5.1.1 No such user" in out
    assert run(config, "broadcast", "status", "1") == 0
    status = capsys.readouterr().out
    assert "Broadcast #1 to unpaid of nordic-health-ai-2027 (written" in status
    assert len(smtp.received) == 1


def test_a_broadcast_cut_short_is_finished_by_resume_each_recipient_once(
    config: Path, tmp_path: Path, smtp: SmtpServer, capsys: pytest.CaptureFixture[str]
) -> None:
    assert imported(config, tmp_path) == 0
    settings = load_settings(config)
    event = load_event(settings.knowledge.events_dir / EVENT_FILE.name)

    async def cut_short() -> int:
        async with open_database(settings) as database:
            broadcaster = Broadcaster(
                database, Outbox(database), reminder_delivery(settings, ["email"])
            )
            draft = Draft(event, Segment.REGISTERED, ("email",), "News for {name}")
            number = await broadcaster.create(draft, dt.datetime.now(dt.UTC))
            # the process wrote one recipient's message and was killed
            [first, *_] = await broadcaster.recipients(draft)
            async with database.transaction() as session:
                message = broadcaster.message(draft, first)
                keyed = message.__class__(
                    **{**message.__dict__, "key": f"broadcast:{number}:email:{first.address}"}
                )
                await broadcaster.outbox.enqueue(session, keyed, now=dt.datetime.now(dt.UTC))
            return number

    number = asyncio.run(cut_short())
    assert run(config, "broadcast", "resume", str(number)) == 0
    assert run(config, "broadcast", "resume", str(number)) == 0  # twice: nothing more
    received = smtp.wait_for(3)
    assert sorted(r.rcpt_tos[0] for r in received) == [
        "ada@example.org",
        "bo@example.org",
        "cy@example.org",
    ]
    assert "3 recipients" in capsys.readouterr().out


def test_a_draft_from_telegram_is_not_sent_by_resume(
    config: Path, tmp_path: Path, smtp: SmtpServer, capsys: pytest.CaptureFixture[str]
) -> None:
    """A draft waits for its organiser's Send in Telegram; resume says so and sends nothing."""
    from eventbot.broadcasts.service import BroadcastStatus

    assert imported(config, tmp_path) == 0
    settings = load_settings(config)
    event = load_event(settings.knowledge.events_dir / EVENT_FILE.name)

    async def drafted() -> int:
        async with open_database(settings) as database:
            broadcaster = Broadcaster(
                database, Outbox(database), reminder_delivery(settings, ["email"])
            )
            draft = Draft(event, Segment.REGISTERED, ("email",), "News", created_by="telegram:7")
            now = dt.datetime.now(dt.UTC)
            return await broadcaster.create(draft, now, status=BroadcastStatus.DRAFT)

    number = asyncio.run(drafted())
    capsys.readouterr()
    assert run(config, "broadcast", "resume", str(number)) == 1
    assert f"broadcast #{number} is a draft not confirmed in Telegram" in capsys.readouterr().err
    assert smtp.received == []


def test_someone_who_stopped_the_events_messages_gets_no_broadcast(
    config: Path, tmp_path: Path, smtp: SmtpServer
) -> None:
    assert imported(config, tmp_path) == 0
    settings = load_settings(config)

    async def stop_bo() -> None:
        async with open_database(settings) as database, database.transaction() as session:
            attendee = await session.scalar(
                select(Registration.attendee_id).where(Registration.email == "bo@example.org")
            )
            identity = Identity(
                attendee_id=attendee,
                channel="email",
                address="bo@example.org",
                state={},
                updated_at=dt.datetime.now(dt.UTC),
            )
            session.add(identity)
            await session.flush()
            now = dt.datetime.now(dt.UTC)
            session.add(
                Subscription(
                    identity_id=identity.id,
                    event_id=EVENT,
                    moment="*",
                    created_at=now,
                    stopped_at=now,
                )
            )

    asyncio.run(stop_bo())
    assert run(config, "broadcast", EVENT, "--to", "registered", "--text", "News", "--yes") == 0
    received = smtp.wait_for(2)
    assert sorted(r.rcpt_tos[0] for r in received) == ["ada@example.org", "cy@example.org"]


def test_an_import_with_mistakes_names_each_by_line_and_imports_nothing(
    config: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = "\n".join(
        [
            "Name,Email,Status",
            "Ada Lovelace,ada@example.org,confirmed",
            "Bo Chen,bo@example,confirmed",
            "Cy Dahl,cy@example.org,maybe",
            ",dee@example.org,",
            "Eve,ada@example.org,",
        ]
    )
    assert imported(config, tmp_path, bad) == 1
    err = capsys.readouterr().err
    assert "nothing imported" in err
    assert "line 3: Email: 'bo@example': that is not a valid email address" in err
    assert "line 4: status: 'maybe' is not confirmed, waitlisted or cancelled" in err
    assert "line 5: Name: empty, but the form requires it" in err
    assert "line 6: email ada@example.org is also on line 2" in err
    settings = load_settings(config)

    async def count() -> int:
        async with open_database(settings) as database, database.transaction() as session:
            return int(await session.scalar(select(func.count()).select_from(Registration)) or 0)

    assert asyncio.run(count()) == 0


def test_importing_the_same_file_twice_adds_nothing_the_second_time(
    config: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert imported(config, tmp_path) == 0
    assert "3 registrations imported into nordic-health-ai-2027." in capsys.readouterr().out
    assert imported(config, tmp_path) == 0
    out = capsys.readouterr().out
    assert "0 registrations imported" in out and "3 already registered" in out
    assert run(config, "registrations", "list", EVENT) == 0
    listing = capsys.readouterr().out
    assert "Ada Lovelace" in listing and "3 confirmed" in listing


def test_a_broadcast_for_later_is_written_and_left_to_eventbot_run(
    config: Path, tmp_path: Path, smtp: SmtpServer, capsys: pytest.CaptureFixture[str]
) -> None:
    assert imported(config, tmp_path) == 0
    later = (dt.datetime.now(dt.UTC) + dt.timedelta(days=1)).isoformat(timespec="minutes")
    code = run(
        config, "broadcast", EVENT, "--to", "registered", "--text", "Soon", "--at", later, "--yes"
    )
    assert code == 0
    assert "`eventbot run` sends it then" in capsys.readouterr().out
    settings = load_settings(config)

    async def queued() -> tuple[int, str]:
        async with open_database(settings) as database, database.transaction() as session:
            rows = await session.scalar(select(func.count()).select_from(OutboxMessage))
            status = await session.scalar(select(Broadcast.status))
            return int(rows or 0), str(status)

    assert asyncio.run(queued()) == (3, "written")
    assert len(smtp.received) == 0


def test_the_readme_tour_an_export_with_a_column_of_its_own_then_a_broadcast_confirmed(
    config: Path,
    tmp_path: Path,
    smtp: SmtpServer,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """README "Reminders and broadcasts": the import names the column it did not use; without
    --yes the preview asks, and only a yes sends."""
    export = PEOPLE.replace(";Paid", ";Paid;Ticket type").replace(";yes", ";yes;VIP")
    assert imported(config, tmp_path, export) == 0
    out = capsys.readouterr().out
    assert "3 registrations imported into nordic-health-ai-2027." in out
    assert "Columns not used (no form field of that name): Ticket type" in out
    broadcast = ["broadcast", EVENT, "--to", "registered", "--subject", "Programme online"]
    text = [
        "--text",
        "Dear {name}, the programme of {event} is online. Your reference: {reference}.",
    ]
    answers = iter(["n", "y"])

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stdin", Terminal())
    monkeypatch.setattr("builtins.input", lambda prompt: print(prompt) or next(answers))
    assert run(config, *broadcast, *text) == 1  # no: nothing sent
    assert "Send it to 3 recipients? [y/N]" in capsys.readouterr().out
    assert smtp.received == []
    assert run(config, *broadcast, *text) == 0
    out = capsys.readouterr().out
    assert "to registered of nordic-health-ai-2027 (written" in out
    assert "sent" in out
    mails = smtp.wait_for(3)
    assert {message_from_bytes(m.data)["Subject"] for m in mails} == {"Programme online"}
