"""`eventbot run` serving the contact mailbox as a real process: killed with SIGKILL between
reading a mail and sending its reply, then started again, it answers exactly once; with Dovecot
restarted under it, it reconnects and goes on."""

from __future__ import annotations

import email
import email.policy
import sqlite3
import time
from collections.abc import Iterator
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path

import pytest

from mailservers import Dovecot, SmtpServer
from processes import Eventbot, wait_until

ROOT = Path(__file__).resolve().parents[3]
ADA = "ada@example.org"


def mail(body: str) -> bytes:
    message = EmailMessage()
    message["From"] = f"Ada Lovelace <{ADA}>"
    message["To"] = Dovecot.user
    message["Subject"] = "A question"
    message["Message-ID"] = make_msgid(domain="example.org")
    message.set_content(body)
    return bytes(message)


class Process(Eventbot):
    """`eventbot run` in a process of its own, with a config written for the test servers."""

    def __init__(self, folder: Path, dovecot: Dovecot, smtp: SmtpServer) -> None:
        self.database = folder / "eventbot.db"
        config = folder / "eventbot.toml"
        config.write_text(
            f"""
[knowledge]
events_dir = "{ROOT / "events"}"

[database]
url = "sqlite:///{self.database}"

[outbox]
lease_seconds = 3
retry_seconds = [0.5]

[email]
address = "{Dovecot.user}"
imap_host = "{dovecot.host}"
imap_port = {dovecot.port}
smtp_host = "{smtp.host}"
smtp_port = {smtp.port}
password = "{Dovecot.password}"
security = "none"
poll_seconds = 1
timeout_seconds = 5
""",
            encoding="utf-8",
        )
        super().__init__(config, folder / "eventbot.log")

    def rows(self, query: str) -> list[tuple[object, ...]]:
        if not self.database.exists():
            return []
        with sqlite3.connect(self.database) as connection:
            try:
                return list(connection.execute(query))
            except sqlite3.OperationalError:  # not migrated yet
                return []


@pytest.fixture
def bot(tmp_path: Path, dovecot: Dovecot, smtp_server: SmtpServer) -> Iterator[Process]:
    process = Process(tmp_path, dovecot, smtp_server)
    yield process
    process.stop()


def text_of(data: bytes) -> str:
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    body = message.get_body(preferencelist=("plain",))
    assert body is not None
    return str(body.get_content())


def replies_to_ada(smtp: SmtpServer) -> list[bytes]:
    return [r.data for r in smtp.received if ADA in r.rcpt_tos]


def test_killed_between_reading_and_sending_it_answers_exactly_once_after_a_restart(
    bot: Process, dovecot: Dovecot, smtp_server: SmtpServer
) -> None:
    smtp_server.fail_next("DATA", 421, "4.3.0 Try again later", times=10_000)
    bot.start()
    dovecot.append(mail("When is the Hanover symposium?"))
    wait_until(lambda: bool(bot.rows("SELECT id FROM outbox WHERE attempts >= 1")))
    bot.kill()  # the mail is read and its reply written, never sent
    assert replies_to_ada(smtp_server) == []
    smtp_server.clear_faults()
    bot.start()
    wait_until(lambda: len(replies_to_ada(smtp_server)) == 1)
    time.sleep(3)  # a second reply, if any, would have come by now
    [reply] = replies_to_ada(smtp_server)
    assert "14–15 September 2023" in text_of(reply)
    assert bot.rows("SELECT status FROM outbox") == [("sent",)]
    assert bot.rows("SELECT status FROM inbound_mails") == [("answered",)]


def test_dovecot_restarted_under_the_running_bot_it_reconnects_and_goes_on(
    bot: Process, dovecot: Dovecot, smtp_server: SmtpServer
) -> None:
    bot.start()
    dovecot.append(mail("When is the Hanover symposium?"))
    wait_until(lambda: len(replies_to_ada(smtp_server)) == 1)
    dovecot.restart()
    dovecot.append(mail("How much is the Hanover symposium?"))
    wait_until(lambda: len(replies_to_ada(smtp_server)) == 2, timeout=40)
    assert "119 EUR" in text_of(replies_to_ada(smtp_server)[1])
    assert bot.rows("SELECT count(*) FROM inbound_mails") == [(2,)]
