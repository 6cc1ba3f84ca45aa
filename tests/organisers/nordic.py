"""A config for the organisers' command-line tests: the Nordic test event alone, a database,
and mail through the test SMTP server (IMAP pointed at a closed port: nothing reads mail)."""

from __future__ import annotations

from pathlib import Path

from mailservers import SmtpServer, free_port

EVENT = "nordic-health-ai-2027"
EVENT_FILE = Path(__file__).resolve().parents[1] / "data" / "events" / f"{EVENT}.toml"


def nordic_config(
    folder: Path, database_url: str, smtp: SmtpServer, *, send_per_second: int, more: str = ""
) -> Path:
    """`eventbot.toml` in `folder`, with `more` settings (TOML tables) added."""
    events = folder / "events"
    events.mkdir()
    (events / EVENT_FILE.name).write_text(EVENT_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    path = folder / "eventbot.toml"
    path.write_text(
        f"""
[knowledge]
events_dir = "{events}"
[database]
url = "{database_url}"
{more}
[email]
address = "nordic@example.org"
imap_host = "127.0.0.1"
imap_port = {free_port()}
smtp_host = "{smtp.host}"
smtp_port = {smtp.port}
password = "x"
security = "none"
send_per_second = {send_per_second}
""",
        encoding="utf-8",
    )
    return path
