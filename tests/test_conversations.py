"""Replay every transcript in conversations/ through the engine and check what each reply shows.

The transcript format is defined in conversations/README.md. Each file is one test; a failure
names the file, the turn, what the attendee said and what the assistant answered.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from eventbot.conversation import Assistant, Sender
from eventbot.engine import Engine, Outcome, State
from eventbot.knowledge import Event, load_events
from eventbot.storage.database import Database
from eventbot.storage.models import Attendee, Identity

ROOT = Path(__file__).resolve().parents[1]
CONVERSATIONS = ROOT / "conversations"
EVENTS = ROOT / "events"
MADE_UP_EVENTS = ROOT / "tests" / "data" / "events"  # a transcript may name these in `events`
FILES = sorted(CONVERSATIONS.glob("*.toml"))

#: The keys conversations/README.md defines, with the type each value must have.
FILE_KEYS: dict[str, type] = {
    "description": str,
    "now": dt.datetime,
    "events": list,
    "event": str,
    "turn": list,
}
TURN_KEYS: dict[str, type] = {
    "now": dt.datetime,
    "sender": str,
    "user": str,
    "intent": str,
    "event": str,
    "contains": list,
    "absent": list,
    "facts": list,
    "handoff": bool,
    "choices": list,
    "choose": str,
}
LIST_KEYS = ("events", "contains", "absent", "facts", "choices")


def _known_intents() -> set[str]:
    from eventbot.engine.answers import COMPOSERS
    from eventbot.engine.intents import ACTIONS, SOCIAL

    return set(COMPOSERS) | set(SOCIAL) | set(ACTIONS) | {"unknown"}


def _event_ids() -> set[str]:
    return {path.stem for folder in (EVENTS, MADE_UP_EVENTS) for path in folder.glob("*.toml")}


def _read(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def _problems(path: Path, data: dict[str, Any]) -> list[str]:
    """Every way `data` departs from the format in conversations/README.md."""
    known_events = _event_ids()
    problems: list[str] = []

    def check(where: str, table: dict[str, Any], keys: dict[str, type]) -> None:
        for key, value in table.items():
            if key not in keys:
                problems.append(f"{where}: unknown key {key!r} (known: {', '.join(keys)})")
            elif not isinstance(value, keys[key]):
                problems.append(
                    f"{where}: {key!r} must be a {keys[key].__name__}, not {type(value).__name__}"
                )
            elif key in LIST_KEYS and not all(isinstance(item, str) and item for item in value):
                problems.append(f"{where}: {key!r} must be a list of non-empty strings")

    check(path.name, data, FILE_KEYS)
    for key in ("description", "now", "turn"):
        if key not in data:
            problems.append(f"{path.name}: missing {key!r}")
    now = data.get("now")
    if isinstance(now, dt.datetime) and now.tzinfo is None:
        problems.append(
            f"{path.name}: 'now' must carry a UTC offset, e.g. 2023-08-01T10:00:00+02:00"
        )
    listed = data.get("events") if isinstance(data.get("events"), list) else None
    for event_id in listed or []:
        if event_id not in known_events:
            problems.append(
                f"{path.name}: events: no event {event_id!r} in {EVENTS} or {MADE_UP_EVENTS}"
            )
    loaded = set(listed) if listed else {p.stem for p in EVENTS.glob("*.toml")}
    if isinstance(data.get("event"), str) and data["event"] not in loaded:
        problems.append(f"{path.name}: event: {data['event']!r} is not among the loaded events")
    turns = data.get("turn")
    if isinstance(turns, list):
        if not turns:
            problems.append(f"{path.name}: has no [[turn]]")
        for number, turn in enumerate(turns, 1):
            where = f"{path.name} turn {number}"
            if not isinstance(turn, dict):
                problems.append(f"{where}: must be a table")
                continue
            check(where, turn, TURN_KEYS)
            if "user" not in turn and "choose" not in turn:
                problems.append(f"{where}: needs 'user' (what the attendee types) or 'choose'")
            if isinstance(turn.get("event"), str) and turn["event"] not in loaded:
                problems.append(f"{where}: event: {turn['event']!r} is not among the loaded events")
            if isinstance(turn.get("intent"), str):
                unknown = [
                    part for part in turn["intent"].split("+") if part not in _known_intents()
                ]
                if unknown:
                    problems.append(
                        f"{where}: intent: unknown intent(s) {unknown} "
                        f"(known: {', '.join(sorted(_known_intents()))})"
                    )
            if "choose" in turn and number == 1:
                problems.append(f"{where}: 'choose' needs an earlier reply that offered choices")
    return problems


def _events_for(data: dict[str, Any]) -> list[Event]:
    wanted = data.get("events")
    if not wanted:
        return load_events(EVENTS)
    return [
        event for event in load_events(EVENTS) + load_events(MADE_UP_EVENTS) if event.id in wanted
    ]


def _reply_text(outcome: Outcome) -> str:
    return "\n".join(reply.text for reply in outcome.replies)


def _labels(outcome: Outcome) -> list[str]:
    return [choice.label for reply in outcome.replies for choice in reply.choices]


def _check_turn(turn: dict[str, Any], outcome: Outcome) -> list[str]:
    """What the outcome of one turn gets wrong, as short sentences."""
    wrong: list[str] = []
    text = _reply_text(outcome)
    folded = text.casefold()
    for expected in turn.get("contains", []):
        if expected.casefold() not in folded:
            wrong.append(f"the reply should contain {expected!r}")
    for unwanted in turn.get("absent", []):
        if unwanted.casefold() in folded:
            wrong.append(f"the reply should not contain {unwanted!r}")
    if "intent" in turn:
        got = "+".join(outcome.intents)
        if got != turn["intent"]:
            wrong.append(f"intent should be {turn['intent']!r}, got {got!r}")
    if "event" in turn and outcome.event != turn["event"]:
        wrong.append(f"event should be {turn['event']!r}, got {outcome.event!r}")
    missing = [fact for fact in turn.get("facts", []) if fact not in outcome.facts]
    if missing:
        wrong.append(f"facts {missing} should have been used; used {outcome.facts}")
    if "handoff" in turn and outcome.handoff != turn["handoff"]:
        wrong.append(f"handoff should be {turn['handoff']}, got {outcome.handoff}")
    offered = _labels(outcome)
    for label in turn.get("choices", []):
        if label not in offered:
            wrong.append(f"should offer the choice {label!r}; offered {offered}")
    return wrong


def _said(turn: dict[str, Any]) -> str:
    if "choose" in turn:
        return f"[picks {turn['choose']}]" + (f" {turn['user']!r}" if turn.get("user") else "")
    return repr(turn["user"])


def test_there_are_transcripts() -> None:
    assert len(FILES) >= 10, f"expected the transcripts in {CONVERSATIONS}, found {len(FILES)}"


@pytest.mark.parametrize("path", FILES, ids=[path.stem for path in FILES])
def test_transcript_is_well_formed(path: Path) -> None:
    try:
        data = _read(path)
    except tomllib.TOMLDecodeError as exc:
        pytest.fail(f"{path.name}: not valid TOML: {exc}")
    problems = _problems(path, data)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", FILES, ids=[path.stem for path in FILES])
def test_conversation(path: Path, tmp_path: Path) -> None:
    data = _read(path)
    problems = _problems(path, data)
    if problems:
        pytest.fail("malformed transcript:\n" + "\n".join(problems))
    asyncio.run(_replay(path, data, f"sqlite:///{tmp_path / 'eventbot.db'}"))


@dataclass
class _Clock:
    moment: dt.datetime

    def now(self) -> dt.datetime:
        return self.moment


async def _replay(path: Path, data: dict[str, Any], database_url: str) -> None:
    """Every turn through the assistant, with a real database, as an attendee on a channel."""
    clock = _Clock(data["now"])
    database = Database(database_url)
    await database.migrate()
    assistant = Assistant(Engine(_events_for(data)), database, clock)
    sender = Sender("test", "attendee")  # a turn's `sender` names another attendee
    if data.get("event"):
        async with database.transaction() as session:
            session.add(
                Identity(
                    attendee=Attendee(created_at=clock.moment),
                    channel=sender.channel,
                    address=sender.address,
                    state=State(event=data["event"]).to_dict(),
                    updated_at=clock.moment,
                )
            )
    try:
        failures = await _turns(path, data, assistant, sender, clock)
    finally:
        await database.close()
    if failures:
        pytest.fail(
            f"{len(failures)} turn(s) of {path.name} went wrong:\n\n" + "\n".join(failures),
            pytrace=False,
        )


async def _turns(
    path: Path, data: dict[str, Any], assistant: Assistant, sender: Sender, clock: _Clock
) -> list[str]:
    failures: list[str] = []
    previous: Outcome | None = None
    for number, turn in enumerate(data["turn"], 1):
        clock.moment = turn.get("now", clock.moment)
        choice = turn.get("choose")
        if choice is not None:
            offered = [
                c.value for reply in (previous.replies if previous else []) for c in reply.choices
            ]
            if choice not in offered:
                failures.append(
                    f"{path.name}, turn {number} {_said(turn)}: picks {choice!r}, "
                    f"but the previous reply offered {offered}"
                )
        who = Sender("test", turn["sender"]) if "sender" in turn else sender
        outcome = await assistant.handle(who, turn.get("user", ""), choice=choice)
        wrong = _check_turn(turn, outcome)
        if wrong:
            reply = _reply_text(outcome) or "(no reply)"
            offered_labels = _labels(outcome)
            failures.append(
                f"{path.name}, turn {number}: user said {_said(turn)}\n"
                + "".join(f"  - {line}\n" for line in wrong)
                + f"  intent={'+'.join(outcome.intents)!r} event={outcome.event!r} handoff={outcome.handoff}"
                + (f" choices={offered_labels}" if offered_labels else "")
                + "\n  reply:\n"
                + "".join(f"    | {line}\n" for line in reply.splitlines())
            )
        previous = outcome
    return failures
