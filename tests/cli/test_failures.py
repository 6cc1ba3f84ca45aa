"""Every failure of the configuration, the database or the knowledge base is one sentence on
standard error, with exit status 1, and never shows a secret."""

from __future__ import annotations

import io
import logging
import os
import threading
from pathlib import Path

import pytest

from eventbot.cli import main
from eventbot.cli.serve import RedactSecrets

PASSWORD = "s3cret-Pa55"


@pytest.fixture(autouse=True)
def _isolated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clean_environ: None, events_dir: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("EVENTBOT_EVENTS_DIR", str(events_dir))
    monkeypatch.setenv("EVENTBOT_DATABASE_URL", f"sqlite:///{tmp_path / 'eventbot.db'}")


def chat(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, text: str, *argv: str
) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(text))
    code = main(["chat", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_conversation_about_an_event_no_longer_loaded_goes_on_without_it(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    now = "--now=2023-08-01T10:00:00+02:00"
    chat(capsys, monkeypatch, "when is TAI4H?\n", now)
    code, out, err = chat(
        capsys,
        monkeypatch,
        "hi\nwhen is it?\nI'd like to register\n",
        now,
        "--event",
        "causality-medicine-2023",
    )
    assert (code, err) == (0, "")
    assert "14–15 September 2023" in out
    assert "TAI4H" not in out
    assert "not registered" not in out
    assert "full name" in out.lower()  # the form starts for the one event loaded


def test_a_removed_event_file_does_not_break_the_conversation_about_it(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    events_dir: Path,
) -> None:
    own = tmp_path / "events"
    own.mkdir()
    for path in events_dir.glob("*.toml"):
        (own / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setenv("EVENTBOT_EVENTS_DIR", str(own))
    chat(capsys, monkeypatch, "where is TAI4H?\n")
    (own / "tai4h-2024.toml").unlink()
    code, out, err = chat(capsys, monkeypatch, "and when is it?\n")
    assert (code, err) == (0, "")
    assert "Which event do you mean?" in out


def test_a_database_password_never_appears_when_the_database_cannot_be_opened(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, unused_tcp_port: int
) -> None:
    url = f"postgresql://eventbot:{PASSWORD}@127.0.0.1:{unused_tcp_port}/eventbot"
    monkeypatch.setenv("EVENTBOT_DATABASE_URL", url)
    code, out, err = chat(capsys, monkeypatch, "hi\n")
    assert code == 1
    assert err == (
        f"eventbot: nothing answers at 127.0.0.1:{unused_tcp_port} for "
        f"postgresql://eventbot:***@127.0.0.1:{unused_tcp_port}/eventbot; "
        "is PostgreSQL running, and is the host right?\n"
    )
    assert PASSWORD not in out + err


def test_an_sqlite_path_that_cannot_be_written_is_one_sentence(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the database's folder should be")
    monkeypatch.setenv("EVENTBOT_DATABASE_URL", f"sqlite:///{blocker}/eventbot.db")
    code, out, err = chat(capsys, monkeypatch, "hi\n")
    assert code == 1
    assert err.startswith(f"eventbot: cannot create the folder of the SQLite database {blocker}")
    assert err.count("\n") == 1 and "Traceback" not in err


def test_an_sqlite_file_that_cannot_be_opened_is_one_sentence(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    folder = tmp_path / "eventbot.db"
    folder.mkdir()  # a folder where the database file should be
    monkeypatch.setenv("EVENTBOT_DATABASE_URL", f"sqlite:///{folder}")
    code, _, err = chat(capsys, monkeypatch, "hi\n")
    assert code == 1
    assert err.startswith(f"eventbot: cannot open the SQLite database {folder}")
    assert err.count("\n") == 1 and "Traceback" not in err


def test_an_sqlite_file_that_cannot_be_opened_leaves_no_thread_behind(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """aiosqlite opens a file in a worker thread, which on failure goes on to report its own
    end to the event loop, closed by then ("Event loop is closed" in that thread): the file is
    refused before any such thread starts."""
    import aiosqlite.core

    started: list[threading.Thread] = []

    class Spied(threading.Thread):
        def start(self) -> None:
            started.append(self)
            super().start()

    monkeypatch.setattr(aiosqlite.core, "Thread", Spied)
    folder = tmp_path / "eventbot.db"
    folder.mkdir()
    monkeypatch.setenv("EVENTBOT_DATABASE_URL", f"sqlite:///{folder}")
    code, _, err = chat(capsys, monkeypatch, "hi\n")
    assert code == 1 and "cannot open the SQLite database" in err
    assert started == []


def test_an_unreadable_database_url_is_refused_without_echoing_it(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EVENTBOT_DATABASE_URL", f"postgresql://eventbot:{PASSWORD}@[nowhere/x")
    code, out, err = chat(capsys, monkeypatch, "hi\n")
    assert code == 1
    assert PASSWORD not in out + err


POSTGRES_URL = os.environ.get("EVENTBOT_TEST_POSTGRES_URL")


@pytest.mark.skipif(not POSTGRES_URL, reason="needs EVENTBOT_TEST_POSTGRES_URL (see .ci/run)")
def test_a_postgresql_database_that_does_not_exist_is_named_with_how_to_create_it(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy.engine import make_url

    assert POSTGRES_URL is not None
    url = make_url(POSTGRES_URL).set(database="eventbot_no_such_database")
    monkeypatch.setenv("EVENTBOT_DATABASE_URL", url.render_as_string(hide_password=False))
    code, out, err = chat(capsys, monkeypatch, "hi\n")
    assert code == 1
    assert "the PostgreSQL database 'eventbot_no_such_database' does not exist" in err
    assert "createdb eventbot_no_such_database" in err
    assert f":{url.password}@" not in out + err  # (CI's user and password may be the same word)
    assert ":***@" in err


@pytest.mark.skipif(not POSTGRES_URL, reason="needs EVENTBOT_TEST_POSTGRES_URL (see .ci/run)")
def test_a_wrong_postgresql_password_is_said_without_showing_it(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy.engine import make_url

    assert POSTGRES_URL is not None
    url = make_url(POSTGRES_URL).set(password=PASSWORD)
    monkeypatch.setenv("EVENTBOT_DATABASE_URL", url.render_as_string(hide_password=False))
    code, out, err = chat(capsys, monkeypatch, "hi\n")
    assert code == 1
    assert "PostgreSQL refused the user" in err
    assert PASSWORD not in out + err


def test_log_lines_never_show_a_secret_even_in_a_traceback() -> None:
    record = logging.LogRecord(
        "httpx",
        logging.INFO,
        __file__,
        1,
        "POST %s",
        (f"https://api.example/bot{PASSWORD}/x",),
        None,
    )
    try:
        raise ConnectionError(f"cannot reach https://api.example/bot{PASSWORD}/getMe")
    except ConnectionError as exc:
        record.exc_info = (type(exc), exc, exc.__traceback__)
    assert RedactSecrets([PASSWORD]).filter(record)
    text = record.getMessage()
    assert PASSWORD not in text
    assert "bot***/x" in text and "bot***/getMe" in text


def test_run_with_no_channel_configured_says_what_to_set(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("EVENTBOT_TELEGRAM_TOKEN", raising=False)
    code = main(["run"])
    out, err = capsys.readouterr()
    assert code == 1
    assert err == (
        "eventbot: nothing to serve: set EVENTBOT_TELEGRAM_TOKEN for Telegram, or add an [email] "
        "table for the contact mailbox (see config.example.toml)\n"
    )
