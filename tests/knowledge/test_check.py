"""The knowledge base: the sample events load, and `check_files` names file, line and field of each mistake."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from eventbot.errors import KnowledgeError
from eventbot.knowledge import (
    DeadlineKind,
    PartialDate,
    Problem,
    check_files,
    load_event,
    load_events,
    moments,
    resolve_zone,
)

SAMPLE_IDS = ["causality-medicine-2023", "demystifying-ai-healthcare", "tai4h-2024"]

UTC = dt.UTC


def where(problems: list[Problem]) -> list[tuple[int | None, str]]:
    return [(problem.line, problem.field) for problem in problems]


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, problems
    return problems[0]


# --- the sample events ---------------------------------------------------------------------------


def test_sample_events_load_with_ids_from_file_names(events_dir: Path) -> None:
    events = load_events(events_dir)
    assert sorted(event.id for event in events) == SAMPLE_IDS


def test_sample_events_have_no_problems(events_dir: Path) -> None:
    assert check_files([events_dir]) == []


def test_sample_events_keep_their_facts(events_dir: Path) -> None:
    causality = load_event(events_dir / "causality-medicine-2023.toml")
    assert causality.timezone == "Europe/Berlin"
    assert (causality.dates.start.date, causality.dates.end.date) == (
        dt.date(2023, 9, 14),
        dt.date(2023, 9, 15),
    )
    assert [(fee.amount, fee.currency, fee.vat_included) for fee in causality.fees] == [
        (Decimal(119), "EUR", True)
    ]
    assert [speaker.name for speaker in causality.speakers] == [
        "Jonas Peters",
        "Amit Sharma",
        "Sabine Salloch",
        "Niels Peek",
    ]

    leiden = load_event(events_dir / "demystifying-ai-healthcare.toml")
    assert leiden.dates.start == PartialDate(year=None, month=6, day=28)
    assert leiden.dates.start.date is None

    tai4h = load_event(events_dir / "tai4h-2024.toml")
    assert tai4h.timezone is None
    assert tai4h.label == "TAI4H 2024"
    assert [d.kind for d in tai4h.deadlines] == [
        DeadlineKind.SUBMISSION,
        DeadlineKind.NOTIFICATION,
        DeadlineKind.CAMERA_READY,
    ]
    assert tai4h.contact.email == "tai4healthcare@gmail.com"


# --- one mistake a file --------------------------------------------------------------------------


def test_toml_syntax_error_is_reported_with_its_line(write_event) -> None:
    path = write_event('name = "X"\ntimezone = "UTC"\n[dates]\nstart = 2024-08-04\nend = \n')
    problem = only(check_files([path]))
    assert (problem.file, problem.line, problem.field) == (path, 5, "")
    assert problem.message.startswith("TOML syntax error: ")
    assert "(at line" not in problem.message
    assert str(problem).startswith(f"{path}:5: TOML syntax error: ")


def test_unknown_field_is_reported_with_line_and_suggestion(write_event) -> None:
    path = write_event(
        'name = "X"\ntimezone = "UTC"\n\n[dates]\nstart = 2024-08-04\nedn = 2024-08-05\n'
    )
    problem = only(check_files([path]))
    assert (problem.file, problem.line, problem.field) == (path, 6, "dates.edn")
    assert problem.message == "unknown field 'edn' (did you mean 'end'?)"
    assert str(problem) == f"{path}:6: dates.edn: unknown field 'edn' (did you mean 'end'?)"


def test_unknown_field_without_close_match_lists_known_fields(write_event) -> None:
    path = write_event('name = "X"\n[contact]\nzzzzzz = 1\n')
    problem = only(check_files([path]))
    assert (problem.line, problem.field) == (3, "contact.zzzzzz")
    assert problem.message == "unknown field 'zzzzzz' (known fields: email, phone, url, note)"


def test_wrong_type_is_reported_with_line_field_and_value(write_event) -> None:
    path = write_event(
        'name = "X"\ntimezone = "UTC"\n[[fees]]\namount = "lots"\ncurrency = "EUR"\n'
    )
    problem = only(check_files([path]))
    assert (problem.file, problem.line, problem.field) == (path, 4, "fees[0].amount")
    assert "decimal" in problem.message
    assert problem.message.endswith("(got 'lots')")


@pytest.mark.parametrize("written", ['"2024-02-30"', '"--02-30"'])
def test_impossible_date_is_reported(write_event, written: str) -> None:
    path = write_event(f'name = "X"\ntimezone = "UTC"\n[dates]\nstart = {written}\n')
    problem = only(check_files([path]))
    assert (problem.file, problem.line, problem.field) == (path, 4, "dates.start")
    assert problem.message == f"impossible date {written.strip(chr(34))!r}"


def test_impossible_toml_date_literal_is_a_syntax_error_at_its_line(write_event) -> None:
    path = write_event('name = "X"\ntimezone = "UTC"\n[dates]\nstart = 2024-02-30\n')
    problem = only(check_files([path]))
    assert (problem.line, problem.field) == (4, "")
    assert problem.message.startswith("TOML syntax error")


def test_year_less_date_is_accepted(write_event) -> None:
    path = write_event('name = "X"\ntimezone = "UTC"\n[dates]\nstart = "--06-28"\n')
    assert check_files([path]) == []
    event = load_event(path)
    assert event.dates.start == PartialDate(year=None, month=6, day=28)
    assert str(event.dates.start) == "--06-28"


def test_year_less_february_29_is_accepted(write_event) -> None:
    path = write_event('name = "X"\ntimezone = "UTC"\n[dates]\nstart = "--02-29"\n')
    assert check_files([path]) == []


def test_badly_written_day_is_reported(write_event) -> None:
    path = write_event('name = "X"\ntimezone = "UTC"\n[dates]\nstart = "28 June"\n')
    problem = only(check_files([path]))
    assert (problem.line, problem.field) == (4, "dates.start")
    assert (
        problem.message
        == "a day is written 2024-08-04, or --06-28 when the year is unknown, not '28 June'"
    )


def test_unknown_timezone_is_reported_with_suggestion(write_event) -> None:
    path = write_event('name = "X"\ntimezone = "Europe/Berln"\n')
    problem = only(check_files([path]))
    assert (problem.file, problem.line, problem.field) == (path, 2, "timezone")
    assert problem.message == "unknown timezone 'Europe/Berln' (did you mean 'Europe/Berlin'?)"


def test_unknown_timezone_without_close_match_explains_the_form(write_event) -> None:
    path = write_event(
        'name = "X"\n[[deadlines]]\nname = "Paper"\ndate = 2024-05-20\ntimezone = "Mars/Olympus"\n'
    )
    problem = only(check_files([path]))
    assert (problem.line, problem.field) == (5, "deadlines[0].timezone")
    assert (
        problem.message
        == "unknown timezone 'Mars/Olympus' (use an IANA name such as 'Europe/Berlin', or 'AoE')"
    )


def test_bad_email_is_reported(write_event) -> None:
    path = write_event('name = "X"\n[contact]\nemail = "not-an-email"\n')
    problem = only(check_files([path]))
    assert (problem.file, problem.line, problem.field) == (path, 3, "contact.email")
    assert problem.message.startswith("not a valid email address: ")
    assert "@" in problem.message


def test_missing_required_name_is_reported(write_event) -> None:
    path = write_event('short_name = "X"\ntimezone = "UTC"\n')
    problem = only(check_files([path]))
    assert (problem.file, problem.field, problem.message) == (
        path,
        "name",
        "is required but missing",
    )
    assert str(problem) == f"{path}: name: is required but missing"  # no line: the key is nowhere


def test_missing_name_in_array_table_is_reported_at_the_element(write_event) -> None:
    path = write_event('name = "X"\n\n[[speakers]]\naffiliation = "Y"\n')
    problem = only(check_files([path]))
    assert (problem.line, problem.field, problem.message) == (
        3,
        "speakers[0].name",
        "is required but missing",
    )


def test_deadline_after_event_start_is_reported(write_event) -> None:
    path = write_event(
        'name = "X"\ntimezone = "UTC"\n[dates]\nstart = 2024-08-04\n'
        '[[deadlines]]\nname = "Paper"\nkind = "submission"\ndate = 2024-08-10\n'
    )
    problem = only(check_files([path]))
    assert (problem.file, problem.line, problem.field) == (path, 8, "deadlines[0].date")
    assert problem.message == "the Paper deadline falls after the event starts (2024-08-04)"


CAMERA_BEFORE_NOTIFICATION = (
    'name = "X"\n'  # 1
    'timezone = "UTC"\n'  # 2
    "[dates]\n"  # 3
    "start = 2024-08-04\n"  # 4
    "[[deadlines]]\n"  # 5
    'name = "Notification"\n'  # 6
    'kind = "notification"\n'  # 7
    "date = 2024-06-10\n"  # 8
    "[[deadlines]]\n"  # 9
    'name = "Camera-ready"\n'  # 10
    'kind = "camera_ready"\n'  # 11
    "date = 2024-06-01\n"  # 12
)


def test_camera_ready_before_notification_is_reported(write_event) -> None:
    path = write_event(CAMERA_BEFORE_NOTIFICATION)
    problem = only(check_files([path]))
    assert (problem.file, problem.field) == (path, "deadlines[1].date")
    assert problem.message == "the camera-ready deadline comes before the notification deadline"


def test_mistake_in_second_array_table_element_is_reported_at_its_line(write_event) -> None:
    path = write_event(CAMERA_BEFORE_NOTIFICATION)
    assert where(check_files([path])) == [(12, "deadlines[1].date")]


def test_unknown_field_in_second_speaker_is_reported_at_its_line(write_event) -> None:
    path = write_event(
        'name = "X"\n[[speakers]]\nname = "A"\n[[speakers]]\nname = "B"\nafiliation = "Y"\n'
    )
    assert where(check_files([path])) == [(6, "speakers[1].afiliation")]


def test_registration_closing_after_event_ended_is_reported(write_event) -> None:
    path = write_event(
        'name = "X"\ntimezone = "UTC"\n[dates]\nstart = 2024-08-04\nend = 2024-08-05\n'
        "[registration]\ndeadline = 2024-08-10\n"
    )
    problem = only(check_files([path]))
    assert (problem.file, problem.line, problem.field) == (path, 7, "registration.deadline")
    assert problem.message == "registration closes after the event has ended (2024-08-05)"


def test_registration_closing_on_the_last_day_is_accepted(write_event) -> None:
    path = write_event(
        'name = "X"\ntimezone = "UTC"\n[dates]\nstart = 2024-08-04\nend = 2024-08-05\n'
        "[registration]\ndeadline = 2024-08-05\n"
    )
    assert check_files([path]) == []


def test_registration_opening_after_it_closes_is_reported(write_event) -> None:
    path = write_event(
        'name = "X"\ntimezone = "UTC"\n[dates]\nstart = 2024-08-04\n'
        "[registration]\nopens = 2024-07-10\ndeadline = 2024-07-01\n"
    )
    problem = only(check_files([path]))
    assert (problem.file, problem.line, problem.field) == (path, 6, "registration.opens")
    assert problem.message == "registration opens after it closes"


def test_event_ending_before_it_starts_is_reported(write_event) -> None:
    path = write_event(
        'name = "X"\ntimezone = "UTC"\n[dates]\nstart = 2024-08-04\nend = 2024-08-01\n'
    )
    problem = only(check_files([path]))
    assert (problem.file, problem.line, problem.field) == (path, 5, "dates.end")
    assert problem.message == "the event ends (2024-08-01) before it starts (2024-08-04)"


def test_deadline_without_timezone_when_event_has_none_is_reported(write_event) -> None:
    path = write_event('name = "X"\n\n[[deadlines]]\nname = "Paper"\ndate = 2024-05-20\n')
    problem = only(check_files([path]))
    # the key is absent, so the line is the one of its [[deadlines]] table
    assert (problem.file, problem.line, problem.field) == (path, 3, "deadlines[0].timezone")
    assert (
        problem.message
        == "is required because the event has no timezone (e.g. 'AoE' or 'Europe/Berlin')"
    )


def test_deadline_without_timezone_takes_the_events_zone(write_event) -> None:
    path = write_event(
        'name = "X"\ntimezone = "Europe/Berlin"\n[[deadlines]]\nname = "Paper"\ndate = 2024-05-20\n'
    )
    event = load_event(path)
    at = moments.deadline_at(event, event.deadlines[0])
    assert at == dt.datetime(2024, 5, 20, 21, 59, 59, tzinfo=UTC)  # the end of the day, CEST


def test_id_differing_from_file_name_is_reported(write_event) -> None:
    path = write_event('id = "other"\nname = "X"\n', name="demo")
    problem = only(check_files([path]))
    assert (problem.file, problem.line, problem.field) == (path, 1, "id")
    assert problem.message == "must match the file name 'demo'"


def test_id_equal_to_file_name_is_accepted(write_event) -> None:
    path = write_event('id = "demo"\nname = "X"\n', name="demo")
    assert check_files([path]) == []
    assert load_event(path).id == "demo"


def test_wrong_id_does_not_hide_other_mistakes(write_event) -> None:
    path = write_event('id = "other"\nname = "X"\ntimezone = "Mars/Base"\n', name="demo")
    assert where(check_files([path])) == [(1, "id"), (3, "timezone")]


# --- several mistakes, folders, loading ----------------------------------------------------------


def test_several_mistakes_in_one_file_are_all_reported(write_event) -> None:
    path = write_event(
        'name = "X"\n'  # 1
        'timezone = "Mars/Base"\n'  # 2
        "[dates]\n"  # 3
        "start = 2024-08-04\n"  # 4
        "edn = 2024-08-05\n"  # 5
        "[contact]\n"  # 6
        'email = "nope"\n'  # 7
        "[[speakers]]\n"  # 8
        'afiliation = "Y"\n'  # 9
    )
    problems = check_files([path])
    assert where(problems) == [
        (2, "timezone"),
        (5, "dates.edn"),
        (7, "contact.email"),
        (8, "speakers[0].name"),
        (9, "speakers[0].afiliation"),
    ]
    assert {problem.file for problem in problems} == {path}


def test_check_files_searches_folders_and_names_each_file(write_event) -> None:
    good = write_event('name = "Good"\n', name="good")
    bad = write_event('name = "Bad"\ntimezone = "Nowhere"\n', name="bad")
    assert good.parent == bad.parent
    problems = check_files([good.parent])
    assert [(problem.file, problem.line, problem.field) for problem in problems] == [
        (bad, 2, "timezone")
    ]


def test_load_event_raises_knowledge_error_naming_every_problem(write_event) -> None:
    path = write_event('name = "X"\ntimezone = "Nowhere"\n[contact]\nemail = "nope"\n')
    with pytest.raises(KnowledgeError) as caught:
        load_event(path)
    assert where(caught.value.problems) == [(2, "timezone"), (4, "contact.email")]
    assert f"{path}:2: timezone: unknown timezone 'Nowhere'" in str(caught.value)


def test_load_events_refuses_a_folder_with_a_broken_file(write_event) -> None:
    write_event('name = "Good"\n', name="good")
    bad = write_event('name = "Bad"\n[dates]\nstrat = 2024-01-01\n', name="bad")
    with pytest.raises(KnowledgeError) as caught:
        load_events(bad.parent)
    assert [(p.file, p.line, p.field, p.message) for p in caught.value.problems] == [
        (bad, 2, "dates.start", "is required but missing"),
        (bad, 3, "dates.strat", "unknown field 'strat' (did you mean 'start'?)"),
    ]


def test_load_events_refuses_a_missing_or_empty_folder(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError, match="no such folder of event files"):
        load_events(tmp_path / "missing")
    with pytest.raises(KnowledgeError, match=r"holds no event files \(\*\.toml\)"):
        load_events(tmp_path)


# --- times and zones -----------------------------------------------------------------------------


def test_time_as_string_and_as_toml_local_time_are_both_accepted(write_event) -> None:
    path = write_event(
        'name = "X"\ntimezone = "AoE"\n[dates]\nstart = 2024-08-04\n'
        '[[deadlines]]\nname = "A"\nkind = "submission"\ndate = 2024-05-20\ntime = "23:59"\n'
        '[[deadlines]]\nname = "B"\nkind = "notification"\ndate = 2024-06-20\ntime = 23:59:00\n'
    )
    assert check_files([path]) == []
    event = load_event(path)
    assert [deadline.time for deadline in event.deadlines] == [dt.time(23, 59), dt.time(23, 59)]


def test_badly_written_time_is_reported(write_event) -> None:
    path = write_event(
        'name = "X"\ntimezone = "UTC"\n[dates]\nstart = 2024-08-04\nstart_time = "9h30"\n'
    )
    problem = only(check_files([path]))
    assert (problem.line, problem.field) == (5, "dates.start_time")
    assert problem.message == "a time is written like '23:59', not '9h30'"


def test_impossible_time_is_reported(write_event) -> None:
    path = write_event(
        'name = "X"\ntimezone = "UTC"\n[dates]\nstart = 2024-08-04\nstart_time = "24:30"\n'
    )
    problem = only(check_files([path]))
    assert (problem.line, problem.field, problem.message) == (
        5,
        "dates.start_time",
        "impossible time '24:30'",
    )


@pytest.mark.parametrize("name", ["AoE", "aoe", "Anywhere on Earth", " AOE ", "UTC-12"])
def test_aoe_resolves_to_etc_gmt_plus_12(name: str) -> None:
    assert resolve_zone(name) == ZoneInfo("Etc/GMT+12")


def test_unknown_zone_raises_value_error() -> None:
    with pytest.raises(ValueError, match="unknown timezone 'Europe/Berln'"):
        resolve_zone("Europe/Berln")


def test_aoe_deadline_at_is_noon_next_day_utc(events_dir: Path) -> None:
    tai4h = load_event(events_dir / "tai4h-2024.toml")
    submission = tai4h.deadlines[0]
    assert (submission.date, submission.time, submission.timezone) == (
        dt.date(2024, 5, 20),
        dt.time(23, 59),
        "AoE",
    )
    at = moments.deadline_at(tai4h, submission)
    assert at.utcoffset() == dt.timedelta(hours=-12)
    assert at.astimezone(UTC).isoformat() == "2024-05-21T11:59:00+00:00"
    assert at == dt.datetime(2024, 5, 21, 11, 59, tzinfo=UTC)
