"""A 1,000-recipient broadcast sent by `eventbot broadcast` as a real process, killed with SIGKILL
three times while sending and resumed: every recipient has it, and the few sent twice (the
messages in flight at a kill) carry the same Message-ID each time."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from email import message_from_bytes
from pathlib import Path

import pytest

from eventbot.cli import main
from mailservers import SmtpServer, free_port

EVENT = "nordic-health-ai-2027"
EVENT_FILE = Path(__file__).resolve().parents[1] / "data" / "events" / f"{EVENT}.toml"
PEOPLE = 1000
KILLS_AFTER = (150, 450, 750)  # mails received when the process is killed
IN_FLIGHT = 1  # mails the email lane has going at once: what a kill can leave unrecorded


def wait_until(condition: Callable[[], bool], *, timeout: float = 60.0) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return
        time.sleep(0.02)
    raise TimeoutError("the condition did not hold in time")


@pytest.fixture
def config(tmp_path: Path, clean_environ: None) -> tuple[Path, SmtpServer]:
    events = tmp_path / "events"
    events.mkdir()
    (events / EVENT_FILE.name).write_text(EVENT_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    with SmtpServer() as smtp:
        path = tmp_path / "eventbot.toml"
        path.write_text(
            f"""
[knowledge]
events_dir = "{events}"
[database]
url = "sqlite:///{tmp_path / "eventbot.db"}"
[outbox]
lease_seconds = 2
retry_seconds = [0.5]
[email]
address = "nordic@example.org"
imap_host = "127.0.0.1"
imap_port = {free_port()}
smtp_host = "{smtp.host}"
smtp_port = {smtp.port}
password = "x"
security = "none"
send_per_second = 250
""",
            encoding="utf-8",
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


def eventbot(config: Path, *args: str) -> subprocess.Popen[bytes]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("EVENTBOT_")}
    return subprocess.Popen(
        [sys.executable, "-m", "eventbot", "--config", str(config), *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=environment,
    )


def test_killed_three_times_and_resumed_every_recipient_has_it_once_bar_those_in_flight(
    config: tuple[Path, SmtpServer],
) -> None:
    path, smtp = config
    process = eventbot(
        path, "broadcast", EVENT, "--to", "registered", "--text", "News, {name}", "--yes"
    )
    for count in KILLS_AFTER:
        wait_until(lambda count=count: len(smtp.received) >= count)
        process.send_signal(signal.SIGKILL)
        process.wait(10)
        process = eventbot(path, "broadcast", "resume", "1")
    _, err = process.communicate(timeout=120)
    assert process.returncode == 0, err.decode()
    received = smtp.received
    per_address = Counter(r.rcpt_tos[0] for r in received)
    assert set(per_address) == {f"p{i:04d}@example.org" for i in range(PEOPLE)}
    twice = {address: n for address, n in per_address.items() if n > 1}
    assert sum(n - 1 for n in twice.values()) <= len(KILLS_AFTER) * IN_FLIGHT
    ids: dict[str, set[str]] = {}
    for r in received:
        ids.setdefault(r.rcpt_tos[0], set()).add(message_from_bytes(r.data)["Message-ID"])
    assert all(len(found) == 1 for found in ids.values())  # a mail sent twice is the same mail
