"""The one typed settings object, read from a TOML file and the environment."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    EmailStr,
    Field,
    PositiveFloat,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)

from .errors import ConfigError

#: Environment variables that override the file, and the setting each one sets. A section that
#: is off without its table (`[email]`) is filled in by them, never created.
ENVIRONMENT = {
    "EVENTBOT_EVENTS_DIR": ("knowledge", "events_dir"),
    "EVENTBOT_LANGUAGE": ("engine", "language"),
    "EVENTBOT_DATABASE_URL": ("database", "url"),
    "EVENTBOT_TELEGRAM_TOKEN": ("telegram", "token"),
    "EVENTBOT_TELEGRAM_WEBHOOK_SECRET": ("telegram", "webhook_secret"),
    "EVENTBOT_EMAIL_PASSWORD": ("email", "password"),
    "EVENTBOT_WEB_SECRET": ("web", "secret"),
}


class _Section(BaseModel):
    # pydantic's own error text, chained to ConfigError and so shown in any traceback, quotes the
    # input: a missing field quotes its whole table, the email password and all. Hidden for every
    # section, as the outermost model (Settings) decides for the fields nested in it.
    model_config = ConfigDict(extra="forbid", frozen=True, hide_input_in_errors=True)


class KnowledgeSettings(_Section):
    events_dir: Path = Path("events")


class EngineSettings(_Section):
    language: str = "en"

    @field_validator("language")
    @classmethod
    def _supported(cls, language: str) -> str:
        from .engine.languages import available

        if language not in available():
            raise ValueError(
                f"no replies in the language {language!r} (there are {', '.join(available())})"
            )
        return language


class DatabaseSettings(_Section):
    url: str = "sqlite:///data/eventbot.db"


class RegistrationSettings(_Section):
    offer_hours: float = Field(default=48, gt=0)


class OutboxSettings(_Section):
    # a message claimed for sending longer ago than this is taken as lost with its process and
    # sent again (at least once: the one in flight at a crash may go twice)
    lease_seconds: float = Field(default=300, gt=0)
    # the waits before each new attempt after a temporary failure; the last one repeats
    retry_seconds: list[PositiveFloat] = Field(
        default=[60, 300, 900, 3600, 3 * 3600, 6 * 3600, 12 * 3600], min_length=1
    )
    max_attempts: int = Field(default=8, gt=0)


class ReminderSettings(_Section):
    # before each deadline of an event, and before the event itself; an event file's
    # [reminders] table may say otherwise
    days_before: list[int] = Field(default=[7, 1])
    hours_before: list[int] = []
    # before a freed place offered to someone on the waiting list lapses
    offer_hours_before: float = Field(default=12, gt=0)
    # how often the planner looks at the events and the subscriptions, and how far ahead it
    # writes reminders to the outbox (a date moved after that is still caught: the rows not yet
    # sent are planned again)
    plan_every_seconds: float = Field(default=300, gt=0)
    horizon_hours: float = Field(default=24, gt=0)

    @field_validator("days_before", "hours_before")
    @classmethod
    def _not_negative(cls, values: list[int]) -> list[int]:
        if any(value < 0 for value in values):
            raise ValueError("reminders are sent before a moment: use 0 or more")
        return values


class WebSettings(_Section):
    # eventbot's small web endpoint: one-click unsubscribe (RFC 8058). Off without base_url,
    # the public address at which `listen`:`port` is reached (through a reverse proxy).
    base_url: str | None = None
    listen: str = "127.0.0.1"
    port: int = Field(default=8080, gt=0, lt=65536)
    # signs the links, so that nobody can unsubscribe someone else: a long random string
    secret: SecretStr | None = None

    @model_validator(mode="after")
    def _signed(self) -> WebSettings:
        if self.base_url and (self.secret is None or len(self.secret.get_secret_value()) < 16):
            raise ValueError(
                "base_url needs a secret of 16 characters or more to sign the unsubscribe "
                "links (set EVENTBOT_WEB_SECRET or [web] secret)"
            )
        return self


class PrivacySettings(_Section):
    keep_erased_counts: bool = True


class TelegramSettings(_Section):
    token: SecretStr | None = None
    base_url: str = "https://api.telegram.org/bot"
    mode: Literal["polling", "webhook"] = "polling"
    webhook_url: str | None = None  # the public address Telegram posts updates to
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = Field(default=8443, gt=0, lt=65536)
    webhook_path: str = "telegram"
    webhook_secret: SecretStr | None = None
    organisers: list[int] = []  # Telegram user ids allowed the organisers' commands
    organiser_chat: int | None = None  # where handed-off questions go (default: each organiser)
    flood_messages: int = Field(default=20, gt=0)  # at most this many messages from one attendee …
    flood_seconds: float = Field(default=10, gt=0)  # … in this many seconds
    per_chat_per_second: float = Field(default=1.0, gt=0)  # messages sent to one private chat
    overall_per_second: float = Field(default=30.0, gt=0)  # messages sent in all (Telegram's limit)


#: How the mail servers are reached: implicit TLS, STARTTLS, or plain text (tests, a local relay).
EmailSecurity = Literal["ssl", "starttls", "none"]

#: The ports used when the config names none, by `security`.
IMAP_PORTS: dict[str, int] = {"ssl": 993, "starttls": 143, "none": 143}
SMTP_PORTS: dict[str, int] = {"ssl": 465, "starttls": 587, "none": 25}


class EmailSettings(_Section):
    address: EmailStr  # the contact address attendees write to
    imap_host: str = Field(min_length=1)
    imap_port: int = Field(default=IMAP_PORTS["ssl"], gt=0, lt=65536)
    smtp_host: str = Field(min_length=1)
    smtp_port: int = Field(default=SMTP_PORTS["ssl"], gt=0, lt=65536)
    username: str | None = None  # IMAP logs in as `address` without it; SMTP then skips AUTH
    password: SecretStr
    security: EmailSecurity = "ssl"
    folder: str = Field(default="INBOX", min_length=1)  # where new mail is read
    processed_folder: str | None = None  # handled mail is moved here (created if need be)
    idle_renew_seconds: float = Field(default=600, gt=0, le=1740)  # RFC 2177: within 29 minutes
    poll_seconds: float = Field(default=60, gt=0)  # when the server has no IDLE
    max_message_bytes: int = Field(default=25 * 1024 * 1024, gt=0)  # larger mail is not loaded
    timeout_seconds: float = Field(default=30, gt=0)  # for one network operation
    organiser_address: EmailStr | None = None  # handed-off questions are forwarded here
    event_addresses: dict[EmailStr, str] = {}  # an address (plus-address) → the event id
    replies_per_sender_per_hour: int = Field(default=10, gt=0)
    send_per_second: float = Field(default=5, gt=0)
    # The right-hand side of our Message-IDs; filled in from `address` when not given (the
    # empty default is never the outcome: `address` is required).
    domain: str = Field(default="", pattern=r"^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$")

    @model_validator(mode="before")
    @classmethod
    def _defaults_from_security_and_address(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        data = dict(data)
        security = data.get("security", "ssl")
        if security in IMAP_PORTS:
            data.setdefault("imap_port", IMAP_PORTS[security])
            data.setdefault("smtp_port", SMTP_PORTS[security])
        address = data.get("address")
        if isinstance(address, str) and "@" in address:
            data.setdefault("domain", address.rpartition("@")[2].lower())
        return data

    @field_validator("event_addresses")
    @classmethod
    def _lower_case_addresses(cls, addresses: dict[str, str]) -> dict[str, str]:
        return {address.lower(): event_id for address, event_id in addresses.items()}


class Settings(_Section):
    knowledge: KnowledgeSettings = KnowledgeSettings()
    engine: EngineSettings = EngineSettings()
    database: DatabaseSettings = DatabaseSettings()
    registration: RegistrationSettings = RegistrationSettings()
    privacy: PrivacySettings = PrivacySettings()
    reminders: ReminderSettings = ReminderSettings()
    web: WebSettings = WebSettings()
    outbox: OutboxSettings = OutboxSettings()
    telegram: TelegramSettings = TelegramSettings()
    email: EmailSettings | None = None  # mail is off unless the [email] table is there


def load_settings(path: Path | None = None, environ: dict[str, str] | None = None) -> Settings:
    """Settings from `path` (or $EVENTBOT_CONFIG, or ./eventbot.toml if present), then the environment."""
    environ = dict(os.environ if environ is None else environ)
    if path is None and environ.get("EVENTBOT_CONFIG"):
        path = Path(environ["EVENTBOT_CONFIG"])
    if path is None and Path("eventbot.toml").is_file():
        path = Path("eventbot.toml")
    data: dict = {}
    if path is not None:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise ConfigError(f"cannot read the config file {path}: {exc.strerror}") from exc
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: TOML syntax error: {exc}") from exc
    for variable, (section, key) in ENVIRONMENT.items():
        if not environ.get(variable):
            continue
        if section not in data and _switched_on_by_its_table(section):
            # The table is the switch: the environment fills in a secret for a channel the
            # config turns on, and never turns one on itself. Operators keep secrets in an
            # environment shared by several deployments, or comment out [email] to stop mail
            # for a while; neither should stop eventbot from starting, nor start a channel
            # whose address and servers nobody gave. `eventbot email check` says it is off.
            continue
        table = data.setdefault(section, {})
        if not isinstance(table, dict):
            raise ConfigError(
                f"{path}: {section}: must be a table ([{section}]), not {type(table).__name__}"
            )
        table[key] = environ[variable]
    try:
        return Settings.model_validate(data)
    except ValidationError as exc:
        where = path or "the environment"
        lines = [
            f"{where}: {'.'.join(map(str, e['loc']))}: {e['msg'].removeprefix('Value error, ')}"
            for e in exc.errors()
        ]
        raise ConfigError("\n".join(lines)) from exc


def _switched_on_by_its_table(section: str) -> bool:
    """Whether `section` is off unless its table is in the config (as `[email]` is)."""
    return Settings.model_fields[section].default is None
