"""Where each key of a TOML document stands: key_lines, line_of and dotted."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from eventbot.knowledge.locate import dotted, key_lines, line_of


def lines_of(text: str) -> dict:
    tomllib.loads(text)  # key_lines is only ever given documents tomllib accepted
    return key_lines(text)


def test_tables_and_their_keys() -> None:
    text = '[dates]\nstart = 1\n\n[venue]\ncity = "x"\n[ "quoted" . sub ]\nk = 1\n'
    assert lines_of(text) == {
        ("dates",): 1,
        ("dates", "start"): 2,
        ("venue",): 4,
        ("venue", "city"): 5,
        ("quoted", "sub"): 6,
        ("quoted", "sub", "k"): 7,
    }


def test_first_array_table_element_and_its_keys() -> None:
    text = 'name = "x"\n\n[[speakers]]\nname = "A"\naffiliation = "U"\n'
    assert lines_of(text) == {
        ("name",): 1,
        ("speakers", 0): 3,
        ("speakers", 0, "name"): 4,
        ("speakers", 0, "affiliation"): 5,
    }


def test_array_of_tables_elements_are_indexed_in_order() -> None:
    text = '[[speakers]]\nname = "A"\n[[speakers]]\nname = "B"\n[[speakers]]\nname = "C"\n'
    assert lines_of(text) == {
        ("speakers", 0): 1,
        ("speakers", 0, "name"): 2,
        ("speakers", 1): 3,
        ("speakers", 1, "name"): 4,
        ("speakers", 2): 5,
        ("speakers", 2, "name"): 6,
    }


def test_fourth_speaker_of_sample_event_is_located(events_dir: Path) -> None:
    text = (events_dir / "causality-medicine-2023.toml").read_text(encoding="utf-8")
    lines = key_lines(text)
    source = text.splitlines()
    assert source[lines[("speakers", 3)] - 1] == "[[speakers]]"
    assert source[lines[("speakers", 3, "name")] - 1] == 'name = "Niels Peek"'


def test_sub_table_of_an_array_table_element_belongs_to_that_element() -> None:
    text = "[[a]]\n[a.b]\nk = 1\n"
    assert lines_of(text) == {("a", 0): 1, ("a", 0, "b"): 2, ("a", 0, "b", "k"): 3}


def test_dotted_keys() -> None:
    text = 'name = "x"\nvenue.city = "Leiden"\n"quoted key".a = 1\n[dates]\nx.y.z = 2\nsite."a.b" = 3\n'
    assert lines_of(text) == {
        ("name",): 1,
        ("venue", "city"): 2,
        ("quoted key", "a"): 3,
        ("dates",): 4,
        ("dates", "x", "y", "z"): 5,
        ("dates", "site", "a.b"): 6,
    }


def test_multi_line_array_elements_have_their_own_lines() -> None:
    text = 'topics = [\n  "a",\n  "b", # comment, with ] bracket\n\n  "c",\n]\nnext = 1\n'
    assert lines_of(text) == {
        ("topics",): 1,
        ("topics", 0): 2,
        ("topics", 1): 3,
        ("topics", 2): 5,
        ("next",): 7,
    }


def test_nested_arrays_and_comments_between_elements() -> None:
    text = "nested = [[1, 2], [\n3]]\nc = [1, # one\n 2, # two\n]\nd = 4\n"
    assert lines_of(text) == {
        ("nested",): 1,
        ("nested", 0): 1,
        ("nested", 0, 0): 1,
        ("nested", 0, 1): 1,
        ("nested", 1): 1,
        ("nested", 1, 0): 2,
        ("c",): 3,
        ("c", 0): 3,
        ("c", 1): 4,
        ("d",): 6,
    }


def test_multi_line_strings_hide_text_that_looks_like_keys_and_headers() -> None:
    text = (
        'summary = """\n'  # 1
        'name = "fake"\n'  # 2
        "[dates]\n"  # 3
        "[[speakers]]\n"  # 4
        '"""\n'  # 5
        "real = 1\n"  # 6
        "lit = '''\n"  # 7
        "foo = 2\n"  # 8
        "[x]'''\n"  # 9
        "after = 3\n"  # 10
        'q = """ends with quotes"""""\n'  # 11
        "z = 4\n"  # 12
    )
    assert lines_of(text) == {
        ("summary",): 1,
        ("real",): 6,
        ("lit",): 7,
        ("after",): 10,
        ("q",): 11,
        ("z",): 12,
    }


def test_single_line_strings_with_escapes_hashes_and_brackets() -> None:
    text = 'esc = "a \\" b = [c]"\nh = "x # y"\nb = 1 # c\nwin = \'C:\\\'\nw = 5\n'
    assert lines_of(text) == {("esc",): 1, ("h",): 2, ("b",): 3, ("win",): 4, ("w",): 5}


def test_multi_line_basic_string_with_escaped_quote() -> None:
    text = 's = """a \\" b\nk = 1\n"""\nreal = 2\n'
    assert lines_of(text) == {("s",): 1, ("real",): 4}


def test_multi_line_basic_string_with_escaped_triple_quote_terminates() -> None:
    text = 's = """a \\""" b\nk = 1\n"""\nreal = 2\n'
    tomllib.loads(text)
    code = f"from eventbot.knowledge.locate import key_lines; print(sorted(key_lines({text!r}).items()))"
    try:
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=10
        )
    except subprocess.TimeoutExpired:
        pytest.fail("key_lines did not terminate")
    assert result.stdout.strip() == "[(('real',), 4), (('s',), 1)]"


def test_inline_tables_and_arrays_of_inline_tables() -> None:
    text = (
        'venue = { name = "L", city = "H" }\n'
        'fees = [ { amount = 1, currency = "EUR" },\n'
        '  { amount = 2, currency = "USD" } ]\n'
        "x = 1\n"
    )
    assert lines_of(text) == {
        ("venue",): 1,
        ("venue", "name"): 1,
        ("venue", "city"): 1,
        ("fees",): 2,
        ("fees", 0): 2,
        ("fees", 0, "amount"): 2,
        ("fees", 0, "currency"): 2,
        ("fees", 1): 3,
        ("fees", 1, "amount"): 3,
        ("fees", 1, "currency"): 3,
        ("x",): 4,
    }


def test_windows_line_endings_count_lines() -> None:
    assert lines_of("a = 1\r\nb = 2\r\n") == {("a",): 1, ("b",): 2}


def test_sample_event_keys_are_located(events_dir: Path) -> None:
    text = (events_dir / "tai4h-2024.toml").read_text(encoding="utf-8")
    lines = key_lines(text)
    source = text.splitlines()
    assert source[lines[("name",)] - 1].startswith("name = ")
    assert source[lines[("dates",)] - 1] == "[dates]"
    assert source[lines[("dates", "start")] - 1] == "start = 2024-08-04"
    assert (
        source[lines[("topics", 12)] - 1].strip()
        == '"Foundation model pre-training and adaptation",'
    )
    assert source[lines[("contact", "email")] - 1] == 'email = "tai4healthcare@gmail.com"'
    assert source[lines[("deadlines", 0, "date")] - 1] == "date = 2024-05-20"


def test_line_of_gives_the_line_of_the_path() -> None:
    lines = {("speakers", 0): 3, ("speakers", 0, "name"): 4}
    assert line_of(lines, ("speakers", 0, "name")) == 4


def test_line_of_falls_back_to_the_nearest_parent() -> None:
    lines = {("dates",): 7, ("speakers", 0): 3, ("speakers", 0, "name"): 4}
    assert line_of(lines, ("speakers", 0, "bio")) == 3
    assert line_of(lines, ("speakers", 0, "name", "deeper", 2)) == 4
    assert line_of(lines, ("dates", "end")) == 7


def test_line_of_is_none_without_any_known_parent() -> None:
    lines = {("dates",): 7}
    assert line_of(lines, ("name",)) is None
    assert line_of(lines, ()) is None


@pytest.mark.parametrize(
    ("path", "text"),
    [
        (("speakers", 2, "name"), "speakers[2].name"),
        (("dates", "start"), "dates.start"),
        (("name",), "name"),
        (("topics", 0), "topics[0]"),
        (("fees", 1, "includes", 3), "fees[1].includes[3]"),
        ((), ""),
    ],
)
def test_dotted_formats_paths_as_organisers_read_them(path: tuple, text: str) -> None:
    assert dotted(path) == text
