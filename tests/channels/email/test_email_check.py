"""`eventbot email check`, run in-process against a real Dovecot and a real SMTP server.

Here rather than in tests/cli/ because the servers are fixtures of this folder's conftest."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventbot.cli import main
from eventbot.config import EmailSettings
from mailservers import Dovecot, SmtpServer

WRONG_PASSWORD = "wr0ng-Pa55word"


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clean_environ: None) -> None:
    monkeypatch.chdir(tmp_path)  # no stray ./eventbot.toml
    monkeypatch.delenv("EVENTBOT_EMAIL_PASSWORD", raising=False)


def write_config(tmp_path: Path, settings: EmailSettings, *, password: str | None) -> Path:
    """A config file with the [email] table of `settings`; `password` None leaves it out."""
    lines = [
        "[email]",
        f'address = "{settings.address}"',
        f'imap_host = "{settings.imap_host}"',
        f"imap_port = {settings.imap_port}",
        f'smtp_host = "{settings.smtp_host}"',
        f"smtp_port = {settings.smtp_port}",
        f'security = "{settings.security}"',
        f"timeout_seconds = {settings.timeout_seconds}",
    ]
    if password is not None:
        lines.append(f'password = "{password}"')
    path = tmp_path / "eventbot-email.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def check(capsys: pytest.CaptureFixture[str], config: Path) -> tuple[int, str, str]:
    code = main(["--config", str(config), "email", "check"])
    out, err = capsys.readouterr()
    return code, out, err


def imap_works(dovecot: Dovecot, *, mails: int) -> str:
    """What the check says of a working Dovecot holding `mails` mails, none of them read."""
    client = dovecot.client()
    uidvalidity = client.select_folder("INBOX")[b"UIDVALIDITY"]
    client.logout()
    return (
        f"IMAP 127.0.0.1:{dovecot.port} (none): logged in as bot@example.org; "
        f"INBOX: {mails} mails, {mails} unread, UIDVALIDITY {uidvalidity}; "
        "new mail is announced by IDLE (renewed every 600 s)"
    )


def smtp_works(smtp_server: SmtpServer) -> str:
    return (
        f"SMTP 127.0.0.1:{smtp_server.port} (none, no login): "
        "the server takes mail from bot@example.org"
    )


def test_email_check_with_both_servers_working_says_so_and_exits_0(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    dovecot: Dovecot,
    smtp_server: SmtpServer,
    email_settings: EmailSettings,
) -> None:
    dovecot.append(b"From: ada@example.net\r\nSubject: Venue?\r\n\r\nWhere is it?\r\n")
    config = write_config(tmp_path, email_settings, password=Dovecot.password)
    code, out, err = check(capsys, config)
    assert (code, err) == (0, "")
    assert out == f"{imap_works(dovecot, mails=1)}; {smtp_works(smtp_server)}.\n"
    assert smtp_server.received == []  # a check sends nothing


def test_email_check_takes_the_password_from_the_environment(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    dovecot: Dovecot,
    smtp_server: SmtpServer,
    email_settings: EmailSettings,
) -> None:
    monkeypatch.setenv("EVENTBOT_EMAIL_PASSWORD", Dovecot.password)
    code, out, err = check(capsys, write_config(tmp_path, email_settings, password=None))
    assert (code, err) == (0, "")
    assert out == f"{imap_works(dovecot, mails=0)}; {smtp_works(smtp_server)}.\n"


def test_email_check_with_a_wrong_password_names_the_refusal_and_exits_1(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    dovecot: Dovecot,
    smtp_server: SmtpServer,
    email_settings: EmailSettings,
) -> None:
    config = write_config(tmp_path, email_settings, password=WRONG_PASSWORD)
    code, out, err = check(capsys, config)
    imap = f"127.0.0.1:{dovecot.port}"
    assert (code, out) == (1, "")
    assert err == (
        f"eventbot: IMAP {imap} (none): the IMAP server refused the username or password for "
        f"bot@example.org at {imap}; {smtp_works(smtp_server)}.\n"
    )
    assert WRONG_PASSWORD not in err
    assert "Traceback" not in err


def test_email_check_with_the_smtp_server_stopped_names_smtp_and_exits_1(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    dovecot: Dovecot,
    smtp_server: SmtpServer,
    email_settings: EmailSettings,
) -> None:
    smtp_server.stop()
    code, out, err = check(
        capsys, write_config(tmp_path, email_settings, password=Dovecot.password)
    )
    smtp = f"127.0.0.1:{smtp_server.port}"
    assert (code, out) == (1, "")
    assert err == (
        f"eventbot: {imap_works(dovecot, mails=0)}; "
        f"SMTP {smtp} (none): cannot reach the SMTP server {smtp}: Connection refused.\n"
    )
    assert Dovecot.password not in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "environ",
    [{}, {"EVENTBOT_EMAIL_PASSWORD": WRONG_PASSWORD}],
    ids=["no email variable", "a password in the environment"],
)
def test_email_check_without_an_email_table_says_email_is_not_configured(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    environ: dict[str, str],
) -> None:
    for variable, value in environ.items():
        monkeypatch.setenv(variable, value)
    config = tmp_path / "eventbot-email.toml"
    config.write_text('[engine]\nlanguage = "en"\n', encoding="utf-8")
    assert check(capsys, config) == (
        1,
        "",
        "eventbot: email is not configured: add an [email] table (see config.example.toml)\n",
    )
