"""`eventbot kb check`: name the file, line and field of every mistake in the event files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..config import Settings
from ..knowledge import check_files


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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
    check.set_defaults(run=check_command)


def check_command(args: argparse.Namespace, settings: Settings) -> int:
    """Print every mistake, one a line; status 1 when there is any."""
    paths: list[Path] = args.paths or [settings.knowledge.events_dir]
    problems = [f"{path}: no such file or folder" for path in paths if not path.exists()]
    problems += [str(problem) for problem in check_files(p for p in paths if p.exists())]
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} mistake{'s' if len(problems) != 1 else ''} found.", file=sys.stderr)
        return 1
    print("All event files are valid.")
    return 0
