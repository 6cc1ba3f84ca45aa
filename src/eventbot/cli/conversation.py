"""`eventbot chat` and `eventbot ask`: talk with the assistant in a terminal, or ask it questions."""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import sys
from collections.abc import Iterator

from ..clock import Clock, FixedClock, SystemClock, parse_now
from ..config import Settings


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    for name, helptext, run in (
        ("chat", "talk with the assistant", chat_command),
        ("ask", "answer each question on its own", ask_command),
    ):
        command = commands.add_parser(name, help=helptext)
        command.add_argument("--event", metavar="ID", help="answer about this event only")
        add_now_option(command)
        if name == "ask":
            command.add_argument("--json", action="store_true", help="one JSON object a line")
            command.add_argument("questions", nargs="*", metavar="QUESTION")
        command.set_defaults(run=run)


def add_now_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--now",
        type=_moment,
        metavar="ISO-DATETIME",
        help="pin the clock, e.g. 2023-08-01T10:00+02:00",
    )


def clock_of(now: dt.datetime | None) -> Clock:
    return FixedClock(now) if now else SystemClock()


def _moment(text: str) -> dt.datetime:
    try:
        return parse_now(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not an ISO date or datetime: {text!r}") from exc


def chat_command(args: argparse.Namespace, settings: Settings) -> int:
    return asyncio.run(_chat(args, settings))


async def _chat(args: argparse.Namespace, settings: Settings) -> int:
    """A conversation, from the keyboard or a pipe (one message a line); choices by number."""
    from ..app import open_assistant, terminal_user
    from ..engine import Choice

    interactive = sys.stdin.isatty()
    sender = terminal_user()
    async with open_assistant(settings, event=args.event, now=args.now) as assistant:
        if interactive:
            print("Ask me about the events (Ctrl-D to leave). Pick a choice by its number.")
        choices: list[Choice] = []
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


def ask_command(args: argparse.Namespace, settings: Settings) -> int:
    return asyncio.run(_ask(args, settings))


async def _ask(args: argparse.Namespace, settings: Settings) -> int:
    """Each question on its own, by the engine alone; the ones it hands off are kept at the end."""
    from ..app import events_of
    from ..engine import Engine, Incoming, Outcome, State

    engine = Engine(events_of(settings, only=args.event), language=settings.engine.language)
    clock = clock_of(args.now)
    questions = args.questions or (line.rstrip("\n") for line in sys.stdin)
    asked: list[tuple[str, Outcome]] = []
    out = sys.stdout
    for question in questions:
        if not question.strip():
            continue
        outcome = engine.handle(Incoming(question), State(), clock.now())
        asked.append((question, outcome))
        answer = "\n".join(reply.text for reply in outcome.replies)
        if outcome.action:
            answer = engine.phrases.say("needs_conversation")
        if args.json:
            record: dict[str, object] = {
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
        from ..app import open_database, terminal_user
        from ..conversation import Assistant

        async with open_database(settings) as database:
            await Assistant(engine, database, clock).hand_off(terminal_user(), asked)
    return 0
