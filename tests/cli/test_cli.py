"""The `eventbot` command, run in-process: kb check, ask, chat, handoffs."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from eventbot.cli import main

SAMPLE_IDS = ["causality-medicine-2023", "demystifying-ai-healthcare", "tai4h-2024"]
NOW = "2024-05-01T00:00:00+00:00"
JSON_KEYS = {"question", "event", "intent", "answer", "handoff", "facts"}

BROKEN = 'name = "X"\ntimezone = "UTC"\n\n[dates]\nstart = 2024-08-04\nedn = 2024-08-05\n'


@pytest.fixture(autouse=True)
def _isolated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clean_environ: None, events_dir: Path
) -> None:
    monkeypatch.chdir(tmp_path)  # no stray ./eventbot.toml, nothing written to the project
    monkeypatch.setenv("EVENTBOT_EVENTS_DIR", str(events_dir))
    monkeypatch.setenv("EVENTBOT_DATABASE_URL", f"sqlite:///{tmp_path / 'eventbot.db'}")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def records(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines()]


# --- kb check ------------------------------------------------------------------------------------


def test_kb_check_on_sample_events_exits_0(capsys) -> None:
    code, out, err = run(capsys, "kb", "check")
    assert (code, out, err) == (0, "All event files are valid.\n", "")


def test_kb_check_on_named_sample_files_exits_0(capsys, events_dir: Path) -> None:
    paths = [str(events_dir / f"{event_id}.toml") for event_id in SAMPLE_IDS]
    code, out, _ = run(capsys, "kb", "check", *paths)
    assert (code, out) == (0, "All event files are valid.\n")


def test_kb_check_on_broken_file_prints_file_line_field_message(capsys, write_event) -> None:
    path = write_event(BROKEN)
    code, out, err = run(capsys, "kb", "check", str(path))
    assert code == 1
    assert out == f"{path}:6: dates.edn: unknown field 'edn' (did you mean 'end'?)\n"
    assert err == "1 mistake found.\n"
    assert "Traceback" not in out + err


def test_kb_check_counts_every_mistake(capsys, write_event) -> None:
    path = write_event('name = "X"\ntimezone = "Nowhere"\n[contact]\nemail = "nope"\n')
    code, out, err = run(capsys, "kb", "check", str(path.parent))
    assert code == 1
    assert [line.split(": ")[0:2] for line in out.splitlines()] == [
        [f"{path}:2", "timezone"],
        [f"{path}:4", "contact.email"],
    ]
    assert err == "2 mistakes found.\n"


def test_kb_check_on_syntax_error_prints_its_line(capsys, write_event) -> None:
    path = write_event('name = "X"\nname = "Y"\n')
    code, out, err = run(capsys, "kb", "check", str(path))
    assert code == 1
    assert out.startswith(f"{path}:2: TOML syntax error: ")
    assert "Traceback" not in out + err


def test_kb_check_on_missing_path_exits_1(capsys, tmp_path: Path) -> None:
    missing = tmp_path / "missing.toml"
    code, out, err = run(capsys, "kb", "check", str(missing))
    assert (code, out, err) == (1, f"{missing}: no such file or folder\n", "1 mistake found.\n")


# --- ask -----------------------------------------------------------------------------------------


def test_ask_json_prints_one_object_per_question(capsys) -> None:
    code, out, err = run(
        capsys,
        "ask",
        "--json",
        "--now",
        NOW,
        "--event",
        "tai4h-2024",
        "when is the camera-ready deadline?",
    )
    assert (code, err) == (0, "")
    [record] = records(out)
    assert set(record) == JSON_KEYS
    assert record["question"] == "when is the camera-ready deadline?"
    assert record["event"] == "tai4h-2024"
    assert record["intent"] == "deadlines"
    assert record["handoff"] is False
    assert record["facts"] == ["deadlines[2]"]
    assert "10 June 2024" in record["answer"]
    assert "23:59 AoE" in record["answer"]


def test_ask_json_answers_each_question_on_its_own_line(capsys) -> None:
    questions = ["when is the camera-ready deadline?", "when is the paper submission deadline?"]
    code, out, _ = run(capsys, "ask", "--json", "--now", NOW, "--event", "tai4h-2024", *questions)
    assert code == 0
    found = records(out)
    assert [record["question"] for record in found] == questions
    assert all(set(record) == JSON_KEYS for record in found)
    assert "20 May 2024" in found[1]["answer"]


def test_ask_without_timezone_in_now_takes_utc(capsys) -> None:
    question = "when is the camera-ready deadline?"
    _, with_zone, _ = run(capsys, "ask", "--json", "--now", NOW, "--event", "tai4h-2024", question)
    _, without_zone, _ = run(
        capsys, "ask", "--json", "--now", "2024-05-01", "--event", "tai4h-2024", question
    )
    assert with_zone == without_zone


def test_ask_reads_questions_from_stdin_when_none_given(capsys, monkeypatch) -> None:
    monkeypatch.setattr(
        "sys.stdin", io.StringIO("when is the camera-ready deadline?\n\n  \nis there parking?\n")
    )
    code, out, _ = run(capsys, "ask", "--json", "--now", NOW, "--event", "tai4h-2024")
    assert code == 0
    assert [record["question"] for record in records(out)] == [
        "when is the camera-ready deadline?",
        "is there parking?",
    ]


def test_ask_plain_text_prints_question_and_answer(capsys) -> None:
    code, out, _ = run(
        capsys, "ask", "--now", NOW, "--event", "tai4h-2024", "when is the camera-ready deadline?"
    )
    assert code == 0
    assert out.startswith("> when is the camera-ready deadline?\n")
    assert "10 June 2024" in out
    assert out.endswith("\n\n")


def test_unanswerable_question_is_handed_off_and_kept_for_the_organisers(capsys) -> None:
    code, out, _ = run(
        capsys, "ask", "--json", "--now", NOW, "--event", "tai4h-2024", "is there parking?"
    )
    assert code == 0
    [record] = records(out)
    assert record["handoff"] is True
    assert record["event"] == "tai4h-2024"
    code, out, _ = run(capsys, "handoffs")
    assert code == 0
    assert out.startswith("2024-05-01 00:00  tai4h-2024  terminal:")
    assert out.endswith("\n  is there parking?\n")


def test_handed_off_questions_accumulate(capsys) -> None:
    run(capsys, "ask", "--now", NOW, "--event", "tai4h-2024", "is there parking?")
    run(capsys, "ask", "--now", NOW, "--event", "tai4h-2024", "can I get a refund?")
    _, out, _ = run(capsys, "handoffs")
    assert [line.strip() for line in out.splitlines()[1::2]] == [
        "is there parking?",
        "can I get a refund?",
    ]


def test_answered_question_is_not_handed_off(capsys) -> None:
    run(capsys, "ask", "--now", NOW, "--event", "tai4h-2024", "when is the camera-ready deadline?")
    assert run(capsys, "handoffs")[1] == "No handed-off questions.\n"


# --- chat ----------------------------------------------------------------------------------------


def test_chat_reads_piped_conversation_and_carries_context(capsys, monkeypatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("when is the Hanover symposium?\nwhere is it?\n"))
    code, out, _ = run(capsys, "chat", "--now", "2023-08-01T10:00:00+02:00")
    assert code == 0
    first, second = out.split("> where is it?\n")
    assert first.startswith("> when is the Hanover symposium?\n")
    assert "14–15 September 2023" in first
    assert "Leibnizhaus" in second


def test_chat_without_context_does_not_know_which_event(capsys, monkeypatch) -> None:
    # the control for the test above: the same follow-up alone is not about the Hanover symposium
    monkeypatch.setattr("sys.stdin", io.StringIO("where is it?\n"))
    code, out, _ = run(capsys, "chat", "--now", "2023-08-01T10:00:00+02:00")
    assert code == 0
    assert out.startswith("> where is it?\n")
    assert "Leibnizhaus" not in out


def test_ask_does_not_carry_context_between_questions(capsys) -> None:
    code, out, _ = run(
        capsys,
        "ask",
        "--json",
        "--now",
        "2023-08-01T10:00:00+02:00",
        "when is the Hanover symposium?",
        "where is it?",
    )
    assert code == 0
    first, second = records(out)
    assert first["event"] == "causality-medicine-2023"
    assert "Leibnizhaus" not in second["answer"]


# --- refusing to start ---------------------------------------------------------------------------


@pytest.mark.parametrize("command", [["ask", "when is it?"], ["chat"]])
def test_assistant_refuses_to_start_with_invalid_event_file(
    capsys, monkeypatch, write_event, command: list[str]
) -> None:
    path = write_event(BROKEN)
    monkeypatch.setenv("EVENTBOT_EVENTS_DIR", str(path.parent))
    monkeypatch.setattr("sys.stdin", io.StringIO("hello\n"))
    code, out, err = run(capsys, *command)
    assert code == 1
    assert out == ""
    assert err == (
        "eventbot: the knowledge base has mistakes; fix them and start again:\n"
        f"{path}:6: dates.edn: unknown field 'edn' (did you mean 'end'?)\n"
    )


def test_assistant_refuses_to_start_without_events_folder(
    capsys, monkeypatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("EVENTBOT_EVENTS_DIR", str(tmp_path / "nowhere"))
    code, _, err = run(capsys, "ask", "hello")
    assert code == 1
    assert f"{tmp_path / 'nowhere'}: no such folder of event files" in err


def test_unknown_event_exits_1_naming_known_ids(capsys, events_dir: Path) -> None:
    code, out, err = run(capsys, "ask", "--event", "nope", "when is it?")
    assert (code, out) == (1, "")
    assert err == (f"eventbot: no event 'nope' in {events_dir} (known: {', '.join(SAMPLE_IDS)})\n")


def test_bad_now_is_rejected_by_argparse(capsys) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["ask", "--now", "yesterday-ish", "when?"])
    assert caught.value.code == 2
    assert "not an ISO date or datetime: 'yesterday-ish'" in capsys.readouterr().err


def test_missing_config_file_exits_1_without_traceback(capsys, tmp_path: Path) -> None:
    code, _, err = run(capsys, "--config", str(tmp_path / "nope.toml"), "kb", "check")
    assert code == 1
    assert err.startswith("eventbot: cannot read the config file ")


def test_unsupported_language_exits_1_without_traceback(capsys, monkeypatch) -> None:
    monkeypatch.setenv("EVENTBOT_LANGUAGE", "xx")
    code, _, err = run(capsys, "ask", "--event", "tai4h-2024", "when is it?")
    assert code == 1
    assert err.startswith("eventbot: ")
    assert "xx" in err
