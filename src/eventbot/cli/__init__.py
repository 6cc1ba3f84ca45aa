"""The `eventbot` command: one module a command group, one sentence for every failure."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from ..config import load_settings
from ..errors import EventbotError, KnowledgeError
from . import broadcast, conversation, email, knowledge, organisers, serve

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run one `eventbot` command; a failure is one sentence on standard error and status 1."""
    args = _parser().parse_args(argv)
    try:
        settings = load_settings(args.config)
        code: int = args.run(args, settings)
        return code
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
    for group in (knowledge, conversation, serve, organisers, broadcast, email):
        group.add_commands(commands)
    return parser
