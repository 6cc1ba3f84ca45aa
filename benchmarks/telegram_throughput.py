"""Telegram updates handled per second, end to end, against a bare python-telegram-bot echo bot.

    python benchmarks/telegram_throughput.py [--attendees 1000]

Both bots talk HTTP to the same fake Bot API server (tests/fake_telegram.py) in one run. Each
of the simulated attendees sends one question (taken from the labelled sets); the clock runs
from the first update queued to the last reply received. eventbot's path is the whole of it:
python-telegram-bot, the assistant, the engine, the SQLite database, sendMessage back. The echo
bot replies with the text it got. Telegram's overall limit of 30 messages a second would make
both measure only that limit, so it is lifted for both; a last run shows eventbot with it.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from telegram import Update
from telegram.ext import ApplicationBuilder, ContextTypes, MessageHandler, filters

from eventbot.channels.telegram import TelegramChannel
from eventbot.clock import FixedClock
from eventbot.config import TelegramSettings
from eventbot.conversation import Assistant
from eventbot.engine import Engine
from eventbot.knowledge import load_events
from eventbot.storage.database import Database

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from fake_telegram import FakeTelegram  # noqa: E402

TOKEN = "123456:BENCHMARK"


def questions() -> list[str]:
    path = ROOT / "benchmarks" / "questions" / "tune.jsonl"
    return [
        json.loads(line)["question"]
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


async def flood(server: FakeTelegram, attendees: int, texts: list[str]) -> float:
    """Queue one message from each attendee; seconds until every one of them has a reply."""
    start = time.perf_counter()
    for i in range(attendees):
        server.send_text(10_000 + i, texts[i % len(texts)])
    while len(server.calls_to("sendMessage")) < attendees:
        await asyncio.sleep(0.02)
        if time.perf_counter() - start > 600:
            raise TimeoutError("the bot did not answer everyone within 10 minutes")
    return time.perf_counter() - start


async def echo_rate(attendees: int, texts: list[str]) -> float:
    async with FakeTelegram(token=TOKEN) as server:

        async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
            await context.bot.send_message(update.effective_chat.id, update.effective_message.text)

        application = (
            ApplicationBuilder()
            .token(TOKEN)
            .base_url(server.base_url)
            .concurrent_updates(True)
            .build()
        )
        application.add_handler(MessageHandler(filters.TEXT, echo))
        async with application:
            await application.start()
            await application.updater.start_polling(poll_interval=0.0)
            seconds = await flood(server, attendees, texts)
            await application.updater.stop()
            await application.stop()
    return attendees / seconds


async def eventbot_rate(attendees: int, texts: list[str], *, overall_per_second: float) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        async with FakeTelegram(token=TOKEN) as server:
            database = Database(f"sqlite:///{tmp}/bench.db")
            await database.migrate()
            events_dir = ROOT / "events"
            assistant = Assistant(Engine(load_events(events_dir)), database, FixedClock.now_utc())
            settings = TelegramSettings(
                token=TOKEN,
                base_url=server.base_url,
                overall_per_second=overall_per_second,
                per_chat_per_second=1.0,
            )
            channel = TelegramChannel(assistant, settings, events_dir=events_dir)
            stop = asyncio.Event()
            running = asyncio.create_task(channel.run(stop))
            await server.wait_for(
                lambda calls: any(c.method == "setMyCommands" for c in calls), timeout=10
            )
            seconds = await flood(server, attendees, texts)
            stop.set()
            await running
            await database.close()
    return attendees / seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--attendees", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    texts = questions()
    echoes, ours = [], []
    for _ in range(args.rounds):  # alternate, so that both see the machine in the same state
        echoes.append(asyncio.run(echo_rate(args.attendees, texts)))
        ours.append(asyncio.run(eventbot_rate(args.attendees, texts, overall_per_second=1_000_000)))
    ratios = sorted(o / e for o, e in zip(ours, echoes, strict=False))
    print(
        f"{args.attendees} attendees, one question each, over HTTP to the fake Bot API server, "
        f"{args.rounds} rounds:"
    )
    print(
        f"  bare python-telegram-bot echo bot: {' '.join(f'{r:.0f}' for r in echoes)} updates/s "
        f"(median {statistics.median(echoes):.0f})"
    )
    print(
        f"  eventbot (engine, SQLite, replies): {' '.join(f'{r:.0f}' for r in ours)} updates/s "
        f"(median {statistics.median(ours):.0f})"
    )
    print(
        f"  ratio per round: {' '.join(f'{r:.2f}' for r in ratios)}; median {statistics.median(ratios):.2f} "
        f"of the echo bot"
    )
    limited = asyncio.run(eventbot_rate(min(args.attendees, 300), texts, overall_per_second=30))
    print(
        f"  eventbot with Telegram's 30 messages/s limit ({min(args.attendees, 300)} attendees): {limited:.0f} updates/s"
    )


if __name__ == "__main__":
    main()
