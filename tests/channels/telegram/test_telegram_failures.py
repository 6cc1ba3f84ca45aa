"""Starting the Telegram channel fails with one sentence and never shows the token: a token
Telegram refuses, and a Telegram that cannot be reached."""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path

import pytest

from eventbot.channels.telegram import TelegramChannel
from eventbot.cli import main
from eventbot.clock import FixedClock
from eventbot.config import TelegramSettings
from eventbot.conversation import Assistant
from eventbot.engine import Engine
from eventbot.errors import ConfigError
from eventbot.knowledge import load_events
from eventbot.storage.database import Database
from fake_telegram import FakeTelegram

ROOT = Path(__file__).resolve().parents[3]
WRONG_TOKEN = "999999:wrong-token-never-shown"


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_a_token_telegram_refuses_is_said_as_such(tmp_path: Path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'eventbot.db'}")
    await database.migrate()
    assistant = Assistant(Engine(load_events(ROOT / "events")), database, FixedClock.now_utc())
    try:
        async with FakeTelegram(token="123:ABC") as server:
            settings = TelegramSettings(token=WRONG_TOKEN, base_url=server.base_url)
            channel = TelegramChannel(assistant, settings, events_dir=ROOT / "events")
            with pytest.raises(ConfigError) as refused:
                await asyncio.wait_for(channel.run(asyncio.Event()), 10)
    finally:
        await database.close()
    assert str(refused.value) == (
        "Telegram refused the bot token: check EVENTBOT_TELEGRAM_TOKEN ([telegram] token) "
        "against the one @BotFather gave you"
    )


def test_run_without_telegram_reachable_is_one_sentence_without_the_token(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    clean_environ: None,
) -> None:
    port = closed_port()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("EVENTBOT_EVENTS_DIR", str(ROOT / "events"))
    monkeypatch.setenv("EVENTBOT_DATABASE_URL", f"sqlite:///{tmp_path / 'eventbot.db'}")
    monkeypatch.setenv("EVENTBOT_TELEGRAM_TOKEN", WRONG_TOKEN)
    config = tmp_path / "eventbot.toml"
    config.write_text(f'[telegram]\nbase_url = "http://127.0.0.1:{port}/bot"\n', encoding="utf-8")
    code = main(["--config", str(config), "run"])
    out, err = capsys.readouterr()
    assert code == 1
    assert err.endswith(
        f"eventbot: cannot reach Telegram at 127.0.0.1:{port}: check the network, or "
        "[telegram] base_url\n"
    )
    assert "Traceback" not in out + err
    assert WRONG_TOKEN not in out + err
