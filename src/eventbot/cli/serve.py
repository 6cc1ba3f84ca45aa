"""`eventbot run`: serve attendees and organisers on every configured channel until stopped."""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal

from ..config import Settings
from ..errors import ConfigError

log = logging.getLogger("eventbot")


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    run = commands.add_parser(
        "run", help="serve attendees and organisers on Telegram and by email, as configured"
    )
    run.set_defaults(run=run_command)


def run_command(args: argparse.Namespace, settings: Settings) -> int:
    return asyncio.run(_run(settings))


async def _run(settings: Settings) -> int:
    if settings.telegram.token is None and settings.email is None:
        raise ConfigError(
            "nothing to serve: set EVENTBOT_TELEGRAM_TOKEN for Telegram, or add an [email] "
            "table for the contact mailbox (see config.example.toml)"
        )
    from ..app import open_assistant, serve

    configure_logging(secrets_of(settings))
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signal_number in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signal_number, stop.set)
    async with open_assistant(settings) as assistant:
        await serve(assistant, settings, stop)
    return 0


def secrets_of(settings: Settings) -> list[str]:
    """Every secret the settings hold: no log line may show one."""
    from sqlalchemy.engine import make_url

    found = [
        s.get_secret_value()
        for s in (settings.telegram.token, settings.telegram.webhook_secret)
        if s
    ]
    if settings.email is not None:
        found.append(settings.email.password.get_secret_value())
    try:
        password = make_url(settings.database.url).password
    except Exception:  # an unreadable URL is refused, with a sentence, when the database opens
        password = None
    if password:
        found.append(str(password))
    return found


class RedactSecrets(logging.Filter):
    """Replaces every secret (a token, a password) in a log record by "***", whatever logged it."""

    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if s]

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if record.exc_info and record.exc_info[1] is not None:
            import traceback

            message += "\n" + "".join(traceback.format_exception(*record.exc_info))
            record.exc_info = None
            record.exc_text = None
        for secret in self.secrets:
            message = message.replace(secret, "***")
        record.msg, record.args = message, None
        return True


def configure_logging(secrets: list[str]) -> None:
    """Log lines to standard error, none of them holding a secret; libraries' chatter kept low."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactSecrets(secrets))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO)
    for noisy in ("httpx", "httpcore", "alembic", "apscheduler", "aiosqlite", "asyncio"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
