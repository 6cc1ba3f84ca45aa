"""The towns and countries the assistant knows the time zone of (places.tsv)."""

from __future__ import annotations

from zoneinfo import available_timezones

import pytest

from eventbot.engine import places


@pytest.mark.parametrize(
    ("name", "zone"),
    [
        ("Nijmegen", "Europe/Amsterdam"),
        ("Sao Paulo", "America/Sao_Paulo"),  # written without its accent
        ("São Paulo", "America/Sao_Paulo"),
        ("Keulen", "Europe/Berlin"),  # Cologne in Dutch
        ("Sri Lanka", "Asia/Colombo"),
        ("Netherlands", "Europe/Amsterdam"),
        ("Germany", "Europe/Berlin"),  # "most of Germany"; Büsingen keeps Zurich's clock
    ],
)
def test_a_place_is_known_by_how_people_write_it(name: str, zone: str) -> None:
    assert places.zone_of(name) == zone


@pytest.mark.parametrize("word", ["University", "What", "Anna"])
def test_a_word_is_no_place(word: str) -> None:
    assert places.zone_of(word) is None


def test_every_zone_in_the_file_is_one_the_tz_database_has() -> None:
    assert {zone for zone, _ in places._places().values()} <= available_timezones()


def test_a_country_is_told_from_a_town() -> None:
    assert places.is_country("Denmark") and not places.is_country("Nijmegen")


@pytest.mark.parametrize("name", ["Valencia", "Ede", "Middelburg"])
def test_a_name_towns_with_other_clocks_share_is_no_place(name: str) -> None:
    """Valencia is in Spain and in Venezuela, Ede in the Netherlands and in Nigeria."""
    assert places.zone_of(name) is None
