"""`eventbot email check`: log in to both mail servers and say in one sentence how it went."""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Awaitable, Callable

from ..config import EmailSettings, Settings
from ..errors import ChannelError, ConfigError

#: The sentence when there is no [email] table.
NOT_CONFIGURED = "email is not configured: add an [email] table (see config.example.toml)"


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    email = commands.add_parser("email", help="the email channel").add_subparsers(
        required=True, metavar="ACTION"
    )
    check = email.add_parser(
        "check", help="log in to the IMAP and SMTP servers and say how it went"
    )
    check.set_defaults(run=check_command)


def check_command(args: argparse.Namespace, settings: Settings) -> int:
    """Print what works; when anything does not, the whole sentence is the error (status 1)."""
    if settings.email is None:
        raise ConfigError(NOT_CONFIGURED)
    worked, sentence = asyncio.run(_check(settings.email))
    if not worked:
        raise ChannelError(sentence)
    print(sentence)
    return 0


async def _check(settings: EmailSettings) -> tuple[bool, str]:
    """Whether both servers work, and one sentence saying how each one went."""
    imap, smtp = await asyncio.gather(
        _outcome(f"IMAP {settings.imap_host}:{settings.imap_port}", settings, _check_imap),
        _outcome(f"SMTP {settings.smtp_host}:{settings.smtp_port}", settings, _check_smtp),
    )
    return imap[0] and smtp[0], f"{imap[1]}; {smtp[1]}."


async def _outcome(
    server: str, settings: EmailSettings, check: Callable[[EmailSettings], Awaitable[str]]
) -> tuple[bool, str]:
    """The check's own sentence, or its failure after the server's name, e.g. "IMAP host:993
    (ssl): the IMAP server refused …"; both are free of the password (the channel scrubs it)."""
    try:
        return True, await check(settings)
    except ChannelError as exc:
        return False, f"{server} ({settings.security}): {exc}"


async def _check_imap(settings: EmailSettings) -> str:
    from ..channels.email.mailbox import Mailbox  # the mail libraries only when needed

    mailbox = Mailbox(settings)
    try:
        return await mailbox.check()
    finally:
        await mailbox.close()  # also when the login failed: its worker thread ends


async def _check_smtp(settings: EmailSettings) -> str:
    from ..channels.email.sending import SmtpSender

    async with SmtpSender(settings) as sender:
        return await sender.check()
