"""How the English phrasebook writes days, ranges, moments, money and relative times."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from eventbot.engine.phrasing import Phrasebook, in_a_sentence, phrasebook
from eventbot.knowledge import PartialDate

UTC = dt.UTC
AOE = ZoneInfo("Etc/GMT+12")
BERLIN = ZoneInfo("Europe/Berlin")
NOW = dt.datetime(2024, 5, 1, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def phrases() -> Phrasebook:
    return phrasebook("en")


def test_phrasebook_is_cached_per_language() -> None:
    assert phrasebook("en") is phrasebook("en")


# --- day -----------------------------------------------------------------------------------------


def test_day_with_weekday(phrases: Phrasebook) -> None:
    assert phrases.day(dt.date(2024, 8, 4)) == "Sunday 4 August 2024"


def test_day_without_weekday(phrases: Phrasebook) -> None:
    assert phrases.day(dt.date(2024, 8, 4), weekday=False) == "4 August 2024"


def test_day_of_partial_date_with_year(phrases: Phrasebook) -> None:
    assert phrases.day(PartialDate(year=2023, month=6, day=28)) == "Wednesday 28 June 2023"


def test_day_of_year_less_date_has_no_weekday_and_no_year(phrases: Phrasebook) -> None:
    assert phrases.day(PartialDate(year=None, month=6, day=28)) == "28 June"


# --- day_range -----------------------------------------------------------------------------------


def test_day_range_in_one_month(phrases: Phrasebook) -> None:
    assert phrases.day_range(dt.date(2023, 9, 14), dt.date(2023, 9, 15)) == "14–15 September 2023"


def test_day_range_across_months(phrases: Phrasebook) -> None:
    assert (
        phrases.day_range(dt.date(2023, 8, 30), dt.date(2023, 9, 2))
        == "30 August – 2 September 2023"
    )


def test_day_range_across_years(phrases: Phrasebook) -> None:
    assert (
        phrases.day_range(dt.date(2023, 12, 30), dt.date(2024, 1, 2))
        == "30 December 2023 – 2 January 2024"
    )


def test_day_range_same_day_of_different_months(phrases: Phrasebook) -> None:
    assert (
        phrases.day_range(dt.date(2024, 1, 5), dt.date(2024, 2, 5)) == "5 January – 5 February 2024"
    )


# --- moment --------------------------------------------------------------------------------------


def test_moment_in_aoe(phrases: Phrasebook) -> None:
    moment = dt.datetime(2024, 5, 20, 23, 59, tzinfo=AOE)
    assert phrases.moment(moment) == "Monday 20 May 2024, 23:59 AoE (Anywhere on Earth, UTC−12)"


def test_moment_in_berlin_summer(phrases: Phrasebook) -> None:
    moment = dt.datetime(2023, 8, 15, 23, 59, tzinfo=BERLIN)
    assert phrases.moment(moment) == "Tuesday 15 August 2023, 23:59 CEST (Europe/Berlin)"


def test_moment_in_berlin_winter(phrases: Phrasebook) -> None:
    moment = dt.datetime(2023, 1, 15, 9, 0, tzinfo=BERLIN)
    assert phrases.moment(moment) == "Sunday 15 January 2023, 09:00 CET (Europe/Berlin)"


def test_moment_uses_the_day_in_its_own_zone(phrases: Phrasebook) -> None:
    # 2024-05-21 11:59 UTC is still 20 May Anywhere on Earth
    moment = dt.datetime(2024, 5, 21, 11, 59, tzinfo=UTC).astimezone(AOE)
    assert phrases.moment(moment).startswith("Monday 20 May 2024, 23:59 ")


def test_the_end_of_a_day_is_23_59_there_and_the_full_minute_elsewhere(
    phrases: Phrasebook,
) -> None:
    end = dt.datetime(2028, 11, 15, 23, 59, 59, tzinfo=ZoneInfo("Atlantic/Canary"))
    assert phrases.moment(end).startswith("Wednesday 15 November 2028, 23:59 ")
    assert phrases.moment(end.astimezone(BERLIN)).startswith("Thursday 16 November 2028, 01:00 ")
    tokyo = ZoneInfo("Asia/Tokyo")  # the end of 31 July in Adelaide (ACST) is 23:30 in Tokyo
    adelaide = dt.datetime(2029, 7, 31, 23, 59, 59, tzinfo=ZoneInfo("Australia/Adelaide"))
    assert phrases.moment(adelaide.astimezone(tokyo)).startswith("Tuesday 31 July 2029, 23:30 ")


def test_a_minute_written_stays_that_minute_elsewhere(phrases: Phrasebook) -> None:
    written = dt.datetime(2028, 11, 15, 23, 59, tzinfo=ZoneInfo("Atlantic/Canary"))
    assert phrases.moment(written.astimezone(BERLIN)).startswith("Thursday 16 November 2028, 00:59")


@pytest.mark.parametrize("zone", [ZoneInfo("UTC"), UTC])
def test_moment_in_utc(phrases: Phrasebook, zone: dt.tzinfo) -> None:
    assert (
        phrases.moment(dt.datetime(2023, 1, 15, 9, 0, tzinfo=zone))
        == "Sunday 15 January 2023, 09:00 UTC"
    )


def test_moment_in_zone_without_abbreviation(phrases: Phrasebook) -> None:
    moment = dt.datetime(2023, 1, 15, 9, 0, tzinfo=ZoneInfo("Asia/Dubai"))
    assert phrases.moment(moment) == "Sunday 15 January 2023, 09:00 UTC+04 (Asia/Dubai)"


# --- money ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "currency", "text"),
    [
        (Decimal("119"), "EUR", "119 EUR"),
        (Decimal("1000.00"), "EUR", "1,000 EUR"),
        (Decimal("1234.5"), "USD", "1,234.50 USD"),
        (Decimal("99.99"), "GBP", "99.99 GBP"),
        (Decimal("0.5"), "EUR", "0.50 EUR"),
    ],
)
def test_money(phrases: Phrasebook, amount: Decimal, currency: str, text: str) -> None:
    assert phrases.money(amount, currency) == text


def test_money_zero_is_free(phrases: Phrasebook) -> None:
    assert phrases.money(Decimal("0"), "EUR") == "free"
    assert phrases.money(Decimal("0.00"), "USD") == "free"


# --- relative ------------------------------------------------------------------------------------


def test_relative_now(phrases: Phrasebook) -> None:
    assert phrases.relative(NOW, NOW) == "now"
    assert phrases.relative(NOW + dt.timedelta(seconds=30), NOW) == "now"


def test_relative_within_the_hour_counts_minutes(phrases: Phrasebook) -> None:
    assert phrases.relative(NOW + dt.timedelta(minutes=14), NOW) == "in 14 minutes"
    assert phrases.relative(NOW - dt.timedelta(minutes=1), NOW) == "1 minute ago"
    assert phrasebook("de").relative(NOW + dt.timedelta(minutes=20), NOW) == "in 20 Minuten"
    assert phrasebook("nl").relative(NOW + dt.timedelta(minutes=1), NOW) == "over 1 minuut"


@pytest.mark.parametrize(
    ("delta", "text"),
    [
        (dt.timedelta(hours=1), "in 1 hour"),
        (dt.timedelta(hours=5), "in 5 hours"),
        (dt.timedelta(hours=23), "in 23 hours"),
        (dt.timedelta(hours=-1), "1 hour ago"),
        (dt.timedelta(hours=-3), "3 hours ago"),
    ],
)
def test_relative_within_a_day_counts_hours(
    phrases: Phrasebook, delta: dt.timedelta, text: str
) -> None:
    assert phrases.relative(NOW + delta, NOW) == text


def test_relative_later_today_is_counted_in_hours(phrases: Phrasebook) -> None:
    # a moment later the same day is said in hours, which is more precise than "today"
    assert phrases.relative(dt.datetime(2024, 5, 1, 21, 0, tzinfo=UTC), NOW) == "in 9 hours"
    assert phrases.relative(dt.datetime(2024, 5, 1, 1, 0, tzinfo=UTC), NOW) == "11 hours ago"


@pytest.mark.parametrize(
    "moment",
    [dt.datetime(2024, 5, 2, 12, 0, tzinfo=UTC), dt.datetime(2024, 5, 2, 23, 0, tzinfo=UTC)],
)
def test_relative_tomorrow(phrases: Phrasebook, moment: dt.datetime) -> None:
    assert phrases.relative(moment, NOW) == "tomorrow"


def test_relative_yesterday(phrases: Phrasebook) -> None:
    assert phrases.relative(dt.datetime(2024, 4, 30, 1, 0, tzinfo=UTC), NOW) == "yesterday"


def test_relative_in_days(phrases: Phrasebook) -> None:
    assert phrases.relative(NOW + dt.timedelta(days=12), NOW) == "in 12 days"


def test_relative_days_ago(phrases: Phrasebook) -> None:
    assert phrases.relative(NOW - dt.timedelta(days=3), NOW) == "3 days ago"


def test_relative_counts_days_in_the_zone_of_now(phrases: Phrasebook) -> None:
    # 20 May 23:59 AoE is 21 May 11:59 UTC: 20 calendar days after 1 May in UTC
    assert phrases.relative(dt.datetime(2024, 5, 20, 23, 59, tzinfo=AOE), NOW) == "in 20 days"
    # 2 May 23:00 UTC is 3 May 01:00 in Berlin: two calendar days after 1 May 23:30 in Berlin
    berlin_now = dt.datetime(2024, 5, 1, 23, 30, tzinfo=BERLIN)
    assert phrases.relative(dt.datetime(2024, 5, 2, 23, 0, tzinfo=UTC), berlin_now) == "in 2 days"


@pytest.mark.parametrize(
    ("name", "read"),
    [
        ("Student, shared room", "student, shared room"),
        (
            "Participant based in Greenland (no lodging)",
            "participant based in Greenland (no lodging)",
        ),
        ("IAA member (early)", "IAA member (early)"),
        ("PhD student", "PhD student"),
    ],
)
def test_a_name_inside_a_sentence_keeps_its_proper_names(name: str, read: str) -> None:
    assert in_a_sentence(name) == read
