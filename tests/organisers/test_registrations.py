"""The organisers' commands, run in-process on SQLite and PostgreSQL: `eventbot registrations
list | export | mark-paid | cancel`, on registrations made through whole conversations."""

from __future__ import annotations

import asyncio
import codecs
import csv
import datetime as dt
import io
import re
import shutil
from pathlib import Path

import pytest

from eventbot.app import open_assistant
from eventbot.cli import main
from eventbot.config import load_settings
from eventbot.conversation import Sender

EVENT = "nordic-health-ai-2027"
EVENT_FILE = Path(__file__).resolve().parents[1] / "data" / "events" / f"{EVENT}.toml"
NOW = dt.datetime(2027, 2, 1, 10, 0, tzinfo=dt.UTC)  # registration is open
HEADER = [
    "reference",
    "status",
    "paid",
    "registered_at",
    "name",
    "email",
    "affiliation",
    "fee_category",
]
LIST_HEADER = ["reference", "status", "paid", "name", "email", "affiliation", "fee_category"]
REFERENCE = re.compile(r"Your reference is (NORDML4H-[A-Z2-9]{6})\.")

#: (address, name, email, affiliation, what they answer for the fee category, the category stored)
PEOPLE = [
    ("101", "Ada Lovelace", "ada@example.org", "University College London", "Regular", "Regular"),
    ("102", "Zoë Müller", "zoe@example.org", 'Université Paris Cité, "LIP6"', "2", "Student"),
    (
        "103",
        "Bjørn O'Neil",
        "bjorn@example.org",
        "Rigshospitalet, Copenhagen",
        "early bird",
        "Early bird",
    ),
]


@pytest.fixture(autouse=True)
def _isolated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clean_environ: None, database_url: str
) -> Path:
    monkeypatch.chdir(tmp_path)
    events = tmp_path / "events"
    events.mkdir()
    shutil.copy(EVENT_FILE, events / EVENT_FILE.name)
    monkeypatch.setenv("EVENTBOT_EVENTS_DIR", str(events))
    monkeypatch.setenv("EVENTBOT_DATABASE_URL", database_url)
    return events


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


async def _converse(conversations: list[tuple[str, list[str]]]) -> list[str]:
    """Each sender's messages in turn; the last reply of each conversation."""
    last = []
    async with open_assistant(load_settings(), now=NOW) as assistant:
        for address, messages in conversations:
            sender = Sender("telegram", address)
            for text in messages:
                outcome = await assistant.handle(sender, text)
            last.append("\n".join(reply.text for reply in outcome.replies))
    return last


def register(people=PEOPLE) -> dict[str, str]:
    """Register `people` through whole conversations; their references by name."""
    replies = asyncio.run(
        _converse(
            [
                (address, ["register me", name, email, affiliation, fee, "yes"])
                for address, name, email, affiliation, fee, _ in people
            ]
        )
    )
    references = {}
    for (_, name, *_), reply in zip(people, replies, strict=True):
        assert reply.startswith("You're registered for NordML4H 2027!"), reply
        references[name] = REFERENCE.search(reply).group(1)
    assert len(set(references.values())) == len(people)
    return references


def cells(line: str) -> list[str]:
    return re.split(r"\s{2,}", line.strip())


def listed(capsys: pytest.CaptureFixture[str]) -> tuple[dict[str, list[str]], str]:
    """The rows of `registrations list` by reference, and its summary line."""
    code, out, err = run(capsys, "registrations", "list", EVENT)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert cells(lines[0]) == LIST_HEADER
    assert lines[-2] == ""
    rows = {cells(line)[0]: cells(line) for line in lines[1:-2]}
    assert len(rows) == len(lines) - 3
    return rows, lines[-1]


def exported(capsys: pytest.CaptureFixture[str], path: Path) -> list[list[str]]:
    code, out, err = run(capsys, "registrations", "export", EVENT, "--csv", str(path))
    assert (code, out) == (0, "")
    assert err.endswith(f" of {EVENT} written to {path}\n")
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))


# --- list --------------------------------------------------------------------------------------------


def test_list_shows_each_reference_status_and_answers_and_a_summary_line(capsys) -> None:
    references = register()
    rows, summary = listed(capsys)
    assert rows == {
        references[name]: [references[name], "confirmed", "no", name, email, affiliation, category]
        for _, name, email, affiliation, _, category in PEOPLE
    }
    assert summary == "NordML4H 2027: 3 confirmed; 250 places"


def test_list_lists_registrations_oldest_first(capsys) -> None:
    references = register()
    code, out, _ = run(capsys, "registrations", "list", EVENT)
    order = [cells(line)[0] for line in out.splitlines()[1:4]]
    assert order == [references[name] for _, name, *_ in PEOPLE]


def test_list_without_registrations_says_so(capsys) -> None:
    code, out, err = run(capsys, "registrations", "list", EVENT)
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "reference  status  paid  name  email  affiliation  fee_category",
        "",
        "NordML4H 2027: no registrations; 250 places",
    ]


# --- export ------------------------------------------------------------------------------------------


def test_export_writes_utf8_with_a_bom_and_one_column_per_form_field(
    capsys, tmp_path: Path
) -> None:
    references = register()
    path = tmp_path / "registrations.csv"
    rows = exported(capsys, path)
    assert path.read_bytes().startswith(codecs.BOM_UTF8 + b"reference,status,paid,registered_at,")
    assert rows[0] == HEADER
    assert rows[1:] == [
        [
            references[name],
            "confirmed",
            "no",
            "2027-02-01T10:00:00+00:00",
            name,
            email,
            affiliation,
            category,
        ]
        for _, name, email, affiliation, _, category in PEOPLE
    ]


def test_export_says_how_many_rows_it_wrote(capsys, tmp_path: Path) -> None:
    register()
    path = tmp_path / "out.csv"
    code, out, err = run(capsys, "registrations", "export", EVENT, "--csv", str(path))
    assert (code, out, err) == (0, "", f"3 registrations of {EVENT} written to {path}\n")


def test_export_keeps_non_ascii_and_quotes_commas_and_quotes(capsys, tmp_path: Path) -> None:
    references = register()
    path = tmp_path / "registrations.csv"
    exported(capsys, path)
    text = path.read_bytes().decode("utf-8")
    zoe = references["Zoë Müller"]
    assert (
        f"{zoe},confirmed,no,2027-02-01T10:00:00+00:00,Zoë Müller,zoe@example.org,"
        f'"Université Paris Cité, ""LIP6""",Student\r\n' in text
    )
    assert ',"Rigshospitalet, Copenhagen",Early bird\r\n' in text
    assert ",Bjørn O'Neil," in text


def test_export_of_an_event_without_registrations_writes_only_the_header(
    capsys, tmp_path: Path
) -> None:
    path = tmp_path / "empty.csv"
    code, _, err = run(capsys, "registrations", "export", EVENT, "--csv", str(path))
    assert (code, err) == (0, f"0 registrations of {EVENT} written to {path}\n")
    assert path.read_bytes() == codecs.BOM_UTF8 + ",".join(HEADER).encode() + b"\r\n"


def test_export_to_standard_output(capsys) -> None:
    references = register(PEOPLE[:1])
    code, out, err = run(capsys, "registrations", "export", EVENT, "--csv", "-")
    assert code == 0
    assert list(csv.reader(io.StringIO(out))) == [
        HEADER,
        [
            references["Ada Lovelace"],
            "confirmed",
            "no",
            "2027-02-01T10:00:00+00:00",
            "Ada Lovelace",
            "ada@example.org",
            "University College London",
            "Regular",
        ],
    ]
    assert err == f"1 registration of {EVENT} written to -\n"


# --- mark-paid and cancel ----------------------------------------------------------------------------


def test_mark_paid_sets_paid_in_list_and_export(capsys, tmp_path: Path) -> None:
    references = register()
    zoe = references["Zoë Müller"]
    code, out, err = run(capsys, "registrations", "mark-paid", zoe)
    assert (code, out, err) == (0, f"{zoe} (Zoë Müller) is marked as paid.\n", "")
    rows, summary = listed(capsys)
    assert {reference: row[2] for reference, row in rows.items()} == {
        reference: "yes" if reference == zoe else "no" for reference in references.values()
    }
    assert rows[zoe][1] == "confirmed"
    exported_rows = exported(capsys, tmp_path / "paid.csv")
    assert {row[0]: row[2] for row in exported_rows[1:]} == {
        reference: "yes" if reference == zoe else "no" for reference in references.values()
    }


def test_mark_paid_reads_the_reference_in_any_case(capsys) -> None:
    ada = register(PEOPLE[:1])["Ada Lovelace"]
    code, out, _ = run(capsys, "registrations", "mark-paid", f" {ada.lower()} ")
    assert (code, out) == (0, f"{ada} (Ada Lovelace) is marked as paid.\n")
    rows, _ = listed(capsys)
    assert rows[ada][2] == "yes"


def test_cancel_cancels_the_registration(capsys, tmp_path: Path) -> None:
    references = register()
    ada = references["Ada Lovelace"]
    code, out, err = run(capsys, "registrations", "cancel", ada)
    assert (code, out, err) == (0, f"{ada} is cancelled.\n", "")
    rows, summary = listed(capsys)
    assert {reference: row[1] for reference, row in rows.items()} == {
        reference: "cancelled" if reference == ada else "confirmed"
        for reference in references.values()
    }
    assert summary == "NordML4H 2027: 2 confirmed, 1 cancelled; 250 places"
    exported_rows = exported(capsys, tmp_path / "cancelled.csv")
    assert {row[0]: row[1] for row in exported_rows[1:]}[ada] == "cancelled"


def test_cancel_twice_exits_1_saying_it_is_already_cancelled(capsys) -> None:
    ada = register(PEOPLE[:1])["Ada Lovelace"]
    assert run(capsys, "registrations", "cancel", ada)[0] == 0
    code, out, err = run(capsys, "registrations", "cancel", ada)
    assert (code, out, err) == (1, "", f"eventbot: {ada} is already cancelled\n")


def test_cancel_offers_the_freed_place_to_the_first_on_the_waiting_list(
    capsys, _isolated: Path
) -> None:
    event_file = _isolated / EVENT_FILE.name
    event_file.write_text(
        event_file.read_text(encoding="utf-8").replace("capacity = 250", "capacity = 1"),
        encoding="utf-8",
    )
    ada = register(PEOPLE[:1])["Ada Lovelace"]
    _, name, email, affiliation, fee, _ = PEOPLE[1]
    [reply] = asyncio.run(
        _converse([("102", ["register me", "yes", name, email, affiliation, fee, "yes"])])
    )
    assert reply.startswith("You're on the waiting list for NordML4H 2027, number 1."), reply
    zoe = REFERENCE.search(reply).group(1)
    code, out, err = run(capsys, "registrations", "cancel", ada)
    assert (code, err) == (0, "")
    first, second = out.splitlines()
    assert first == f"{ada} is cancelled."
    assert re.fullmatch(
        rf"Its place is offered to {zoe} \(Zoë Müller\) until \d{{4}}-\d\d-\d\d \d\d:\d\d UTC\.",
        second,
    )
    rows, summary = listed(capsys)
    assert (rows[ada][1], rows[zoe][1]) == ("cancelled", "offered")
    assert summary == "NordML4H 2027: 1 offered, 1 cancelled; 1 places"


# --- mistakes ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("action", ["mark-paid", "cancel"])
def test_unknown_reference_exits_1_naming_it(capsys, action: str) -> None:
    register(PEOPLE[:1])
    code, out, err = run(capsys, "registrations", action, "NORDML4H-ZZZZZZ")
    assert (code, out, err) == (
        1,
        "",
        "eventbot: no registration with the reference 'NORDML4H-ZZZZZZ'\n",
    )


@pytest.mark.parametrize("argv", [["list"], ["export", "--csv", "out.csv"]], ids=["list", "export"])
def test_unknown_event_exits_1_naming_it_and_the_known_ones(
    capsys, tmp_path: Path, argv: list[str]
) -> None:
    code, out, err = run(capsys, "registrations", argv[0], "no-such-event", *argv[1:])
    assert code == 1
    assert out == ""
    assert err == f"eventbot: no event 'no-such-event' in {tmp_path / 'events'} (known: {EVENT})\n"
    assert not (tmp_path / "out.csv").exists()


@pytest.mark.parametrize(
    ("where", "why"),
    [
        ("missing/out.csv", "No such file or directory"),
        (".", "Is a directory"),
    ],
    ids=["no-folder", "a-folder"],
)
def test_export_to_an_unwritable_path_exits_1_with_a_message(
    capsys, tmp_path: Path, where: str, why: str
) -> None:
    register(PEOPLE[:1])
    path = tmp_path / where
    code, out, err = run(capsys, "registrations", "export", EVENT, "--csv", str(path))
    assert (code, out, err) == (1, "", f"eventbot: cannot write {path}: {why}\n")
