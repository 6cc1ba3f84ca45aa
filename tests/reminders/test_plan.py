"""When reminders are due: the moments of an event, the offsets before them, after downtime."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

from eventbot.knowledge import load_event
from eventbot.reminders.plan import MomentKind, moments, offsets, schedule

EVENTS = Path(__file__).resolve().parents[2] / "events"
AOE = ZoneInfo("Etc/GMT+12")
WEEK_AND_DAY = [dt.timedelta(days=7), dt.timedelta(days=1)]


def test_deadlines_keep_their_own_zone_anywhere_on_earth() -> None:
    tai4h = load_event(EVENTS / "tai4h-2024.toml")
    found = {moment.name: moment for moment in moments(tai4h)}
    camera = found["Camera-ready"]
    assert camera.kind is MomentKind.DEADLINE
    assert camera.key == "deadline:camera-ready"
    assert camera.at == dt.datetime(2024, 6, 10, 23, 59, tzinfo=AOE)
    assert camera.at.tzinfo == AOE


def test_registration_closing_and_the_event_itself_are_moments() -> None:
    hanover = load_event(EVENTS / "causality-medicine-2023.toml")
    kinds = [(moment.kind, moment.key) for moment in moments(hanover)]
    assert kinds == [
        (MomentKind.REGISTRATION, "registration"),
        (MomentKind.EVENT, "event"),
    ]


def test_each_moment_gets_a_reminder_a_week_and_a_day_before() -> None:
    tai4h = load_event(EVENTS / "tai4h-2024.toml")
    now = dt.datetime(2024, 5, 1, tzinfo=dt.UTC)
    planned = schedule(tai4h, WEEK_AND_DAY, now)
    camera = [p for p in planned if p.moment.key == "deadline:camera-ready"]
    assert [p.due_at for p in camera] == [
        dt.datetime(2024, 6, 3, 23, 59, tzinfo=AOE),
        dt.datetime(2024, 6, 9, 23, 59, tzinfo=AOE),
    ]
    assert all(p.due_at > now for p in planned)


def test_a_passed_moment_gets_nothing() -> None:
    tai4h = load_event(EVENTS / "tai4h-2024.toml")
    after = dt.datetime(2024, 9, 1, tzinfo=AOE)  # the workshop too is over
    assert [p.moment.key for p in schedule(tai4h, WEEK_AND_DAY, after)] == []


def test_after_downtime_only_the_latest_passed_reminder_of_a_moment_goes_out() -> None:
    tai4h = load_event(EVENTS / "tai4h-2024.toml")
    back = dt.datetime(2024, 6, 10, 12, tzinfo=AOE)  # both reminders of the camera-ready passed
    camera = [p for p in schedule(tai4h, WEEK_AND_DAY, back) if p.moment.key.endswith("ready")]
    assert [(p.offset, p.due_at) for p in camera] == [
        (dt.timedelta(days=1), dt.datetime(2024, 6, 9, 23, 59, tzinfo=AOE))
    ]


def test_planning_twice_gives_the_same_keys_and_a_moved_date_new_ones(
    write_event: Callable[..., Path],
) -> None:
    text = 'name = "X"\ntimezone = "UTC"\n[dates]\nstart = 2030-05-10\n'
    now = dt.datetime(2030, 1, 1, tzinfo=dt.UTC)
    first = [p.key for p in schedule(load_event(write_event(text, "x")), WEEK_AND_DAY, now)]
    again = [p.key for p in schedule(load_event(write_event(text, "x")), WEEK_AND_DAY, now)]
    moved = text.replace("2030-05-10", "2030-05-12")
    later = [p.key for p in schedule(load_event(write_event(moved, "x")), WEEK_AND_DAY, now)]
    assert first == again == ["event@20300510T0000-168h", "event@20300510T0000-24h"]
    assert set(later).isdisjoint(first)


def test_an_event_file_may_choose_its_own_offsets_or_none(
    write_event: Callable[..., Path],
) -> None:
    base = 'name = "X"\ntimezone = "UTC"\n[dates]\nstart = 2030-05-10\n'
    own = load_event(write_event(base + "[reminders]\ndays_before = [3]\nhours_before = [2]\n"))
    off = load_event(write_event(base + "[reminders]\nenabled = false\n", "off"))
    plain = load_event(write_event(base, "plain"))
    assert offsets(own, days=[7, 1]) == [dt.timedelta(days=3), dt.timedelta(hours=2)]
    assert offsets(off, days=[7, 1]) == []
    assert offsets(plain, days=[7, 1]) == WEEK_AND_DAY
