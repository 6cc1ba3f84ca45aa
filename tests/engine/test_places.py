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
        ("Kentucky", "America/New_York"),  # a state: the clock of most of its people
        ("Indiana", "America/Indiana/Indianapolis"),
        ("Virginia", "America/New_York"),  # not the town in the Free State
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
    assert not places.is_country("Ohio")


def test_a_state_and_a_country_of_one_name_are_no_place() -> None:
    """Georgia, the country on Tbilisi's clock and the state on New York's: no one can tell."""
    assert places.zone_of("Georgia") is None


@pytest.mark.parametrize("name", ["Valencia", "Ede", "Middelburg"])
def test_a_name_towns_with_other_clocks_share_is_no_place(name: str) -> None:
    """Valencia is in Spain and in Venezuela, Ede in the Netherlands and in Nigeria."""
    assert places.zone_of(name) is None


@pytest.mark.parametrize(
    ("word", "country"),
    [
        ("bolivia", "bolivia"),
        ("bolivian", "bolivia"),
        ("japanese", "japan"),
        ("pakistani", "pakistan"),
        ("austrian", "austria"),  # the country it begins the most like: not Australia
        ("australian", "australia"),
        ("belgisch", "belgium"),
        ("belgischen", "belgium"),  # German endings too
        ("italiener", "italy"),
        ("vegan", None),
        ("university", None),
    ],
)
def test_a_country_is_known_by_its_people(word: str, country: str | None) -> None:
    assert places.country_of(word) == country


def test_a_country_is_in_the_unions_its_citizens_are() -> None:
    assert {"eu", "schengen"} <= set(places.unions_of("germany"))
    assert places.unions_of("switzerland") == ["schengen"] and not places.unions_of("india")
