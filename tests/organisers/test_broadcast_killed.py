"""A 1,000-recipient broadcast sent by `eventbot broadcast` as a real process, killed with SIGKILL
three times while sending and resumed: every recipient has it, and the few sent twice (the
messages in flight at a kill) carry the same Message-ID each time."""

from __future__ import annotations

from collections import Counter
from email import message_from_bytes
from pathlib import Path

import pytest
from nordic import EVENT, nordic_config

from eventbot.cli import main
from mailservers import SmtpServer
from processes import Eventbot, wait_until

PEOPLE = 1000
KILLS_AFTER = (150, 450, 750)  # mails received when the process is killed
IN_FLIGHT = 1  # mails the email lane has going at once: what a kill can leave unrecorded


@pytest.fixture
def config(tmp_path: Path, clean_environ: None) -> tuple[Path, SmtpServer]:
    with SmtpServer() as smtp:
        path = nordic_config(
            tmp_path,
            f"sqlite:///{tmp_path / 'eventbot.db'}",
            smtp,
            send_per_second=250,
            more="[outbox]\nlease_seconds = 2\nretry_seconds = [0.5]",
        )
        rows = ["name,email,affiliation"] + [
            f"Person {i},p{i:04d}@example.org,Lab {i}" for i in range(PEOPLE)
        ]
        csv = tmp_path / "people.csv"
        csv.write_text("\n".join(rows), encoding="utf-8")
        assert (
            main(["--config", str(path), "registrations", "import", EVENT, "--csv", str(csv)]) == 0
        )
        yield path, smtp


def test_killed_three_times_and_resumed_every_recipient_has_it_once_bar_those_in_flight(
    config: tuple[Path, SmtpServer],
) -> None:
    path, smtp = config
    process = Eventbot(path, path.parent / "eventbot.log")
    process.start("broadcast", EVENT, "--to", "registered", "--text", "News, {name}", "--yes")
    for count in KILLS_AFTER:
        wait_until(lambda count=count: len(smtp.received) >= count, timeout=60, every=0.02)
        process.kill()
        process.start("broadcast", "resume", "1")
    assert process.wait(120) == 0, process.log.read_text()
    received = smtp.received
    per_address = Counter(r.rcpt_tos[0] for r in received)
    assert set(per_address) == {f"p{i:04d}@example.org" for i in range(PEOPLE)}
    twice = {address: n for address, n in per_address.items() if n > 1}
    assert sum(n - 1 for n in twice.values()) <= len(KILLS_AFTER) * IN_FLIGHT
    ids: dict[str, set[str]] = {}
    for r in received:
        ids.setdefault(r.rcpt_tos[0], set()).add(message_from_bytes(r.data)["Message-ID"])
    assert all(len(found) == 1 for found in ids.values())  # a mail sent twice is the same mail
