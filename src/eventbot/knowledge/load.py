"""Read event files, and name the file, line and field of every mistake in them."""

from __future__ import annotations

import difflib
import itertools
import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from ..errors import KnowledgeError
from . import moments
from .locate import KeyPath, dotted, key_lines, line_of
from .model import DeadlineKind, Event


@dataclass(frozen=True)
class Problem:
    """One mistake in an event file, as an organiser needs to read it."""

    file: Path
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else f"{self.file}"
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


def load_event(path: Path) -> Event:
    """The event described by `path`; raises KnowledgeError naming every mistake."""
    event, problems = _read(path)
    if problems:
        raise KnowledgeError(problems)
    assert event is not None
    return event


def check_files(paths: Iterable[Path]) -> list[Problem]:
    """Every mistake in the event files at `paths` (folders are searched for *.toml)."""
    problems: list[Problem] = []
    for path in _event_files(paths):
        problems.extend(_read(path)[1])
    return problems


def load_events(folder: Path) -> list[Event]:
    """All events in `folder`, or KnowledgeError naming every mistake in any of them."""
    if not folder.is_dir():
        raise KnowledgeError([Problem(folder, None, "", "no such folder of event files")])
    events, problems = [], []
    for path in _event_files([folder]):
        event, found = _read(path)
        problems.extend(found)
        if event is not None:
            events.append(event)
    if not problems and not events:
        problems.append(Problem(folder, None, "", "holds no event files (*.toml)"))
    if problems:
        raise KnowledgeError(problems)
    return events


def _event_files(paths: Iterable[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            yield from sorted(path.glob("*.toml"))
        else:
            yield path


def _read(path: Path) -> tuple[Event | None, list[Problem]]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Problem(path, None, "", f"cannot be read: {exc}")]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"\(at line (\d+), column \d+\)|\(at end of document\)", str(exc))
        line = int(match[1]) if match and match[1] else text.count("\n") + 1
        reason = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", str(exc))
        return None, [Problem(path, line, "", f"TOML syntax error: {reason}")]

    lines = key_lines(text)
    event_id = path.stem
    problems = []
    if "id" in data and data["id"] != event_id:
        problems.append(
            Problem(path, lines.get(("id",)), "id", f"must match the file name {event_id!r}")
        )
    data["id"] = event_id
    try:
        event = Event.model_validate(data)
    except ValidationError as exc:
        return None, problems + _schema_problems(path, data, lines, exc)
    problems += [
        Problem(path, line_of(lines, loc), dotted(loc), message)
        for loc, message in _nonsense(event)
    ]
    return (None if problems else event), problems


def _schema_problems(
    path: Path, data: dict[str, Any], lines: dict[KeyPath, int], exc: ValidationError
) -> list[Problem]:
    problems: dict[str, Problem] = {}
    for error in exc.errors():
        loc = _data_path(data, error["loc"], error["type"])
        field = dotted(loc)
        if field in problems:  # a union reports each member; the first reason is enough
            continue
        problems[field] = Problem(path, line_of(lines, loc), field, _reason(error, loc))
    return sorted(problems.values(), key=lambda p: (p.line or 0, p.field))


def _data_path(data: Any, loc: KeyPath, kind: str) -> KeyPath:
    """The part of pydantic's `loc` that names keys of the file (not union member names)."""
    path: KeyPath = ()
    node = data
    for part in loc:
        is_key = isinstance(node, dict) and part in node
        is_index = isinstance(node, list) and isinstance(part, int) and part < len(node)
        if not (is_key or is_index):
            if kind == "missing" and isinstance(node, dict) and isinstance(part, str):
                path = (*path, part)
            break
        node = node[part]
        path = (*path, part)
    return path


def _reason(error: ErrorDetails, loc: KeyPath) -> str:
    kind, message = error["type"], error["msg"]
    if kind == "extra_forbidden":
        name = loc[-1]
        known = _fields_at(loc[:-1])
        close = difflib.get_close_matches(str(name), known, n=1, cutoff=0.6)
        hint = f" (did you mean {close[0]!r}?)" if close else f" (known fields: {', '.join(known)})"
        return f"unknown field {name!r}{hint}"
    if kind == "missing":
        return "is required but missing"
    message = message.removeprefix("Value error, ")
    value = error.get("input")
    if kind not in ("value_error",) and isinstance(value, (str, int, float, bool)):
        message += f" (got {value!r})"
    return message


def _fields_at(loc: KeyPath) -> list[str]:
    """The field names a table at `loc` may have."""
    model: type[BaseModel] = Event
    for part in loc:
        if isinstance(part, int):
            continue
        annotation = model.model_fields[part].annotation
        nested = _model_in(annotation)
        if nested is None:
            return []
        model = nested
    return [name for name in model.model_fields if name != "id" or model is not Event]


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


_ORDER = [
    DeadlineKind.ABSTRACT,
    DeadlineKind.SUBMISSION,
    DeadlineKind.NOTIFICATION,
    DeadlineKind.CAMERA_READY,
]


def _nonsense(event: Event) -> Iterator[tuple[KeyPath, str]]:
    """Facts that each parse but cannot all be true: a deadline after the event, and such."""
    dates = event.dates
    if dates and dates.end is not None:
        if (dates.start.year is None) != (dates.end.year is None):
            yield ("dates", "end"), "give the year of both start and end, or of neither"
        elif (dates.end.year, dates.end.month, dates.end.day) < (
            dates.start.year,
            dates.start.month,
            dates.start.day,
        ):
            yield ("dates", "end"), f"the event ends ({dates.end}) before it starts ({dates.start})"
    starts, ends = moments.event_starts(event), moments.event_ends(event)

    for index, deadline in enumerate(event.deadlines):
        if deadline.timezone is None and event.timezone is None:
            yield (
                ("deadlines", index, "timezone"),
                ("is required because the event has no timezone (e.g. 'AoE' or 'Europe/Berlin')"),
            )
            continue
        at = moments.deadline_at(event, deadline)
        if deadline.kind is DeadlineKind.REGISTRATION:
            if ends and at > ends:
                yield (
                    ("deadlines", index, "date"),
                    f"registration closes after the event has ended ({moments.end_day(event)})",
                )
        elif deadline.kind is not DeadlineKind.OTHER and starts and at > starts:
            yield (
                ("deadlines", index, "date"),
                f"the {deadline.name} deadline falls after the event starts ({moments.start_day(event)})",
            )

    by_kind = {
        d.kind: (i, moments.deadline_at(event, d))
        for i, d in enumerate(event.deadlines)
        if d.timezone or event.timezone
    }
    ordered = [(kind, *by_kind[kind]) for kind in _ORDER if kind in by_kind]
    for (kind_a, _, at_a), (kind_b, index_b, at_b) in itertools.pairwise(ordered):
        if at_b < at_a:
            yield (
                ("deadlines", index_b, "date"),
                f"the {kind_b.value.replace('_', '-')} deadline comes before the {kind_a.value.replace('_', '-')} deadline",
            )

    reg = event.registration
    if reg is not None:
        closes, opens = moments.registration_deadline(event), moments.registration_opens(event)
        if closes and ends and closes > ends:
            yield (
                ("registration", "deadline"),
                f"registration closes after the event has ended ({moments.end_day(event)})",
            )
        if closes and opens and opens > closes:
            yield ("registration", "opens"), "registration opens after it closes"
        if (reg.deadline or reg.opens) and not (reg.timezone or event.timezone):
            yield ("registration", "timezone"), "is required because the event has no timezone"
    for index, fee in enumerate(event.fees):
        if fee.until and ends and fee.until > ends.date():
            yield ("fees", index, "until"), "this fee is offered until after the event has ended"
