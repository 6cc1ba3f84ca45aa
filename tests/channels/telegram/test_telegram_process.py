"""`eventbot run` on Telegram as a real process, against the fake Bot API server: killed with
SIGKILL while a reply is in flight, it sends that reply after the restart; five questions handed
off at once reach the organisers as five copies."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from fake_telegram import FakeTelegram
from processes import Eventbot

ROOT = Path(__file__).resolve().parents[3]
TOKEN = "123456:PROCESS"
ADA, ORGANISER = 1001, 9001


class Process(Eventbot):
    """`eventbot run` with a config pointing at the fake server and a SQLite file."""

    def __init__(self, folder: Path, server: FakeTelegram) -> None:
        config = folder / "eventbot.toml"
        config.write_text(
            f"""
[knowledge]
events_dir = "{ROOT / "events"}"
[database]
url = "sqlite:///{folder / "eventbot.db"}"
[outbox]
lease_seconds = 2
[telegram]
token = "{TOKEN}"
base_url = "{server.base_url}"
organisers = [{ORGANISER}]
""",
            encoding="utf-8",
        )
        super().__init__(config, folder / "eventbot.log")


@pytest.fixture
async def running(tmp_path: Path) -> AsyncIterator[tuple[FakeTelegram, Process]]:
    async with FakeTelegram(token=TOKEN) as server:
        process = Process(tmp_path, server)
        process.start()
        try:
            await server.wait_for(
                lambda calls: any(c.method == "setMyCommands" for c in calls), timeout=20
            )
            yield server, process
        finally:
            process.stop()


async def test_killed_while_a_reply_is_in_flight_it_sends_the_reply_after_a_restart(
    running: tuple[FakeTelegram, Process],
) -> None:
    server, process = running
    server.delay_next("sendMessage", 120)  # the reply is on its way when the process dies
    server.send_text(ADA, "when is TAI4H?")
    await server.wait_for(lambda calls: server.calls_to("sendMessage"), timeout=20)
    process.kill()
    process.start()  # the reply is sent again once its lease (2 s here) has run out
    await server.wait_for(
        lambda calls: any("4 August 2024" in t for t in server.sent_texts(ADA)), timeout=30
    )
    await asyncio.sleep(0.5)
    answered = [c for c in server.calls_to("sendMessage") if "4 August 2024" in c.params["text"]]
    assert len(answered) == 2  # the one cut off by the kill, and the one sent after it


async def test_five_questions_handed_off_at_once_reach_the_organisers_five_times(
    running: tuple[FakeTelegram, Process],
) -> None:
    server, _ = running
    for number in range(5):
        server.send_text(2000 + number, f"is there a crèche at the Leibnizhaus for child {number}?")
    await server.wait_for(lambda calls: len(server.sent_texts(ORGANISER)) >= 5, timeout=20)
    await asyncio.sleep(6)  # the forwarding loop has run since
    copies = server.sent_texts(ORGANISER)
    assert len(copies) == 5
    assert sorted(int(t.split(" ")[0].lstrip("#")) for t in copies) == [1, 2, 3, 4, 5]
