"""The `eventbot` command: check the knowledge base, chat with or ask the assistant."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from .clock import FixedClock, SystemClock, parse_now
from .config import Settings, load_settings
from .errors import EventbotError, KnowledgeError


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        settings = load_settings(args.config)
        return args.run(args, settings)
    except KnowledgeError as exc:
        print(
            "eventbot: the knowledge base has mistakes; fix them and start again:", file=sys.stderr
        )
        print(exc, file=sys.stderr)
        return 1
    except EventbotError as exc:
        print(f"eventbot: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="eventbot", description="An assistant for the attendees of academic events."
    )
    parser.add_argument(
        "--config", type=Path, help="settings file (default: $EVENTBOT_CONFIG or ./eventbot.toml)"
    )
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    kb = commands.add_parser("kb", help="the knowledge base").add_subparsers(
        required=True, metavar="ACTION"
    )
    check = kb.add_parser("check", help="validate event files and name every mistake")
    check.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="files or folders (default: the events folder)",
    )
    check.set_defaults(run=_check)

    for name, helptext in (
        ("chat", "talk with the assistant"),
        ("ask", "answer each question on its own"),
    ):
        command = commands.add_parser(name, help=helptext)
        command.add_argument("--event", metavar="ID", help="answer about this event only")
        command.add_argument(
            "--now",
            type=_moment,
            metavar="ISO-DATETIME",
            help="pin the clock, e.g. 2023-08-01T10:00+02:00",
        )
        if name == "ask":
            command.add_argument("--json", action="store_true", help="one JSON object a line")
            command.add_argument("questions", nargs="*", metavar="QUESTION")
        command.set_defaults(run=_chat if name == "chat" else _ask)

    run = commands.add_parser("run", help="serve attendees and organisers on Telegram")
    run.set_defaults(run=_run, event=None, now=None)

    handoffs = commands.add_parser(
        "handoffs", help="the questions the assistant handed to the organisers"
    )
    handoffs.set_defaults(run=_handoffs)

    from .organisers import add_registration_commands

    add_registration_commands(commands)
    return parser


def _moment(text: str):
    try:
        return parse_now(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not an ISO date or datetime: {text!r}") from exc


def _check(args: argparse.Namespace, settings: Settings) -> int:
    from .knowledge import check_files

    paths = args.paths or [settings.knowledge.events_dir]
    missing = [path for path in paths if not path.exists()]
    problems = [f"{path}: no such file or folder" for path in missing]
    problems += [str(problem) for problem in check_files(path for path in paths if path.exists())]
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} mistake{'s' if len(problems) != 1 else ''} found.", file=sys.stderr)
        return 1
    print("All event files are valid.")
    return 0


def _chat(args: argparse.Namespace, settings: Settings) -> int:
    return asyncio.run(_chat_async(args, settings))


async def _chat_async(args: argparse.Namespace, settings: Settings) -> int:
    from .app import open_assistant, terminal_user

    interactive = sys.stdin.isatty()
    sender = terminal_user()
    async with open_assistant(settings, event=args.event, now=args.now) as assistant:
        if interactive:
            print("Ask me about the events (Ctrl-D to leave). Pick a choice by its number.")
        choices: list = []
        for line in _lines(interactive):
            if not line.strip():
                continue
            choice = None
            if line.strip().isdigit() and 0 < int(line) <= len(choices):
                choice = choices[int(line) - 1].value
            if not interactive:
                print(f"> {line}")
            outcome = await assistant.handle(sender, line, choice=choice)
            choices = []
            for reply in outcome.replies:
                print(reply.text)
                for number, option in enumerate(reply.choices, start=len(choices) + 1):
                    print(f"  [{number}] {option.label}")
                choices.extend(reply.choices)
            print()
    return 0


def _lines(interactive: bool) -> Iterator[str]:
    while True:
        try:
            line = input("you> ") if interactive else sys.stdin.readline()
        except EOFError:
            return
        if not interactive and not line:
            return
        yield line.rstrip("\n")


def _ask(args: argparse.Namespace, settings: Settings) -> int:
    return asyncio.run(_ask_async(args, settings))


async def _ask_async(args: argparse.Namespace, settings: Settings) -> int:
    """Each question on its own, by the engine alone; the ones it hands off are kept at the end."""
    from .app import events_of
    from .engine import Engine, Incoming, State

    engine = Engine(events_of(settings, only=args.event), language=settings.engine.language)
    clock = FixedClock(args.now) if args.now else SystemClock()
    questions = args.questions or (line.rstrip("\n") for line in sys.stdin)
    asked = []
    out = sys.stdout
    for question in questions:
        if not question.strip():
            continue
        outcome = engine.handle(Incoming(question), State(), clock.now())
        asked.append((question, outcome))
        answer = "\n".join(reply.text for reply in outcome.replies)
        if outcome.action:
            answer = "That needs a conversation with me: try `eventbot chat`."
        if args.json:
            record = {
                "question": question,
                "event": outcome.event,
                "intent": "+".join(outcome.intents),
                "answer": answer,
                "handoff": outcome.handoff,
                "facts": outcome.facts,
            }
            if any(reply.choices for reply in outcome.replies):
                record["choices"] = [c.value for reply in outcome.replies for c in reply.choices]
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            out.write(f"> {question}\n{answer}\n\n")
    if any(outcome.handoff for _, outcome in asked):
        from .app import open_database, terminal_user
        from .assistant import Assistant

        async with open_database(settings) as database:
            await Assistant(engine, database, clock).hand_off(terminal_user(), asked)
    return 0


def _run(args: argparse.Namespace, settings: Settings) -> int:
    return asyncio.run(_run_async(settings))


async def _run_async(settings: Settings) -> int:
    import logging
    import signal

    from .channels.telegram import TelegramChannel

    if settings.telegram.token is None:
        raise EventbotError("no Telegram token: set EVENTBOT_TELEGRAM_TOKEN or [telegram] token")
    from .app import open_assistant

    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    for noisy in ("httpx", "alembic"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signal_number in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signal_number, stop.set)
    async with open_assistant(settings) as assistant:
        channel = TelegramChannel(
            assistant, settings.telegram, events_dir=settings.knowledge.events_dir
        )
        await channel.run(stop)
    return 0


def _handoffs(args: argparse.Namespace, settings: Settings) -> int:
    return asyncio.run(_handoffs_async(settings))


async def _handoffs_async(settings: Settings) -> int:
    from sqlalchemy import select

    from .app import open_database
    from .storage.models import Handoff, Identity

    async with open_database(settings) as database, database.transaction() as session:
        rows = (
            await session.execute(
                select(Handoff, Identity)
                .outerjoin(Identity, Handoff.identity_id == Identity.id)
                .order_by(Handoff.id)
            )
        ).all()
    if not rows:
        print("No handed-off questions.")
    for handoff, identity in rows:
        who = f"{identity.channel}:{identity.address}" if identity else "(erased)"
        print(
            f"{handoff.created_at:%Y-%m-%d %H:%M}  {handoff.event_id or '-'}  {who}\n  {handoff.question}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
