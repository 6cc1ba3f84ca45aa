"""Settings: defaults, a TOML file, the environment, and mistakes named."""

from __future__ import annotations

import json
import traceback
from pathlib import Path

import pytest
from pydantic import ValidationError

from eventbot.config import EmailSettings, Settings, load_settings
from eventbot.errors import ConfigError, EventbotError


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clean_environ: None) -> None:
    monkeypatch.chdir(tmp_path)  # no ./eventbot.toml unless a test writes one
    monkeypatch.delenv("EVENTBOT_EMAIL_PASSWORD", raising=False)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults() -> None:
    settings = load_settings(environ={})
    assert settings.knowledge.events_dir == Path("events")
    assert settings.engine.language == "en"
    assert settings.database.url == "sqlite:///data/eventbot.db"
    assert settings == Settings()


def test_defaults_from_real_environment_without_eventbot_variables() -> None:
    assert load_settings() == Settings()


def test_toml_file(tmp_path: Path) -> None:
    path = write(
        tmp_path / "settings.toml",
        '[knowledge]\nevents_dir = "/x/events"\n[engine]\nlanguage = "en"\n'
        '[database]\nurl = "sqlite:////x/eventbot.db"\n',
    )
    settings = load_settings(path, environ={})
    assert settings.knowledge.events_dir == Path("/x/events")
    assert settings.engine.language == "en"
    assert settings.database.url == "sqlite:////x/eventbot.db"


def test_partial_toml_file_keeps_other_defaults(tmp_path: Path) -> None:
    path = write(tmp_path / "settings.toml", '[knowledge]\nevents_dir = "/x/events"\n')
    settings = load_settings(path, environ={})
    assert settings.knowledge.events_dir == Path("/x/events")
    assert settings.engine.language == "en"
    assert settings.database.url == "sqlite:///data/eventbot.db"


def test_config_file_named_by_environment(tmp_path: Path) -> None:
    path = write(tmp_path / "elsewhere.toml", '[database]\nurl = "sqlite:////x/h.db"\n')
    assert load_settings(environ={"EVENTBOT_CONFIG": str(path)}).database.url == "sqlite:////x/h.db"


def test_eventbot_toml_in_working_folder_is_read(tmp_path: Path) -> None:
    write(tmp_path / "eventbot.toml", '[database]\nurl = "sqlite:////x/here.db"\n')
    assert load_settings(environ={}).database.url == "sqlite:////x/here.db"


def test_environment_overrides_the_file(tmp_path: Path) -> None:
    path = write(
        tmp_path / "settings.toml",
        '[knowledge]\nevents_dir = "/file/events"\n[engine]\nlanguage = "en"\n'
        '[database]\nurl = "sqlite:////file/h.db"\n',
    )
    settings = load_settings(
        path,
        environ={
            "EVENTBOT_EVENTS_DIR": "/env/events",
            "EVENTBOT_DATABASE_URL": "postgresql://env/db",
        },
    )
    assert settings.knowledge.events_dir == Path("/env/events")
    assert settings.database.url == "postgresql://env/db"


def test_an_unsupported_language_is_a_config_error_naming_it(tmp_path: Path) -> None:
    path = write(tmp_path / "settings.toml", '[engine]\nlanguage = "en"\n')
    with pytest.raises(ConfigError, match="engine.language.*'xx'"):
        load_settings(path, environ={"EVENTBOT_LANGUAGE": "xx"})


def test_environment_overrides_defaults_without_a_file() -> None:
    settings = load_settings(environ={"EVENTBOT_EVENTS_DIR": "/env/events"})
    assert settings.knowledge.events_dir == Path("/env/events")
    assert settings.engine.language == "en"


def test_empty_environment_variable_is_ignored(tmp_path: Path) -> None:
    path = write(tmp_path / "settings.toml", '[database]\nurl = "sqlite:////file/h.db"\n')
    assert (
        load_settings(path, environ={"EVENTBOT_DATABASE_URL": ""}).database.url
        == "sqlite:////file/h.db"
    )


def test_real_environment_is_read_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTBOT_DATABASE_URL", "sqlite:////env/real.db")
    assert load_settings().database.url == "sqlite:////env/real.db"


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ('[knowledge]\nevent_dir = "x"\n', "knowledge.event_dir"),
        ('[knowlege]\nevents_dir = "x"\n', "knowlege"),
        ("lang = 1\n", "lang"),
    ],
)
def test_unknown_setting_is_an_error_naming_it(tmp_path: Path, text: str, named: str) -> None:
    path = write(tmp_path / "settings.toml", text)
    with pytest.raises(ConfigError) as caught:
        load_settings(path, environ={})
    assert str(caught.value).startswith(f"{path}: {named}: ")
    assert "Extra inputs are not permitted" in str(caught.value)
    assert isinstance(caught.value, EventbotError)


def test_wrong_type_of_section_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path / "settings.toml", "engine = 3\n")
    with pytest.raises(ConfigError, match=r"settings\.toml: engine: "):
        load_settings(path, environ={})


def test_wrong_type_of_section_with_environment_override_is_a_config_error(tmp_path: Path) -> None:
    path = write(tmp_path / "settings.toml", "engine = 3\n")
    with pytest.raises(ConfigError, match="engine"):
        load_settings(path, environ={"EVENTBOT_LANGUAGE": "en"})


def test_toml_syntax_error_is_a_config_error(tmp_path: Path) -> None:
    path = write(tmp_path / "settings.toml", "[engine\n")
    with pytest.raises(ConfigError, match=r"settings\.toml: TOML syntax error: .*line 1"):
        load_settings(path, environ={})


def test_missing_config_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(
        ConfigError, match=r"cannot read the config file .*nope\.toml: No such file or directory"
    ):
        load_settings(tmp_path / "nope.toml", environ={})


def test_missing_config_file_named_by_environment_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read the config file"):
        load_settings(environ={"EVENTBOT_CONFIG": str(tmp_path / "nope.toml")})


def test_settings_are_frozen() -> None:
    settings = load_settings(environ={})
    with pytest.raises(ValidationError, match="frozen"):
        settings.engine.language = "xx"  # type: ignore[misc]


# --- [email] -------------------------------------------------------------------------------------

PASSWORD = "s3cr3t-Pw"  # short: pydantic cuts what it quotes at ~25 characters

#: The least an [email] table holds (the password comes from the file or the environment).
EMAIL = '[email]\naddress = "Help@Conf.Example.org"\nimap_host = "imap.example.org"\n'
EMAIL += 'smtp_host = "smtp.example.org"\n'


def email_settings(
    tmp_path: Path, extra: str = "", environ: dict[str, str] | None = None
) -> EmailSettings:
    """The [email] settings of a config file holding EMAIL and `extra`."""
    password = "" if environ else f'password = "{PASSWORD}"\n'
    path = write(tmp_path / "settings.toml", f"{EMAIL}{password}{extra}")
    email = load_settings(path, environ=environ or {}).email
    assert email is not None
    return email


def email_error(tmp_path: Path, text: str) -> tuple[Path, ConfigError]:
    """The config file holding `text`, and the ConfigError it causes."""
    path = write(tmp_path / "settings.toml", text)
    with pytest.raises(ConfigError) as caught:
        load_settings(path, environ={})
    return path, caught.value


def test_email_is_off_without_an_email_table() -> None:
    assert load_settings(environ={}).email is None


@pytest.mark.parametrize(
    ("security", "imap_port", "smtp_port"),
    [("ssl", 993, 465), ("starttls", 143, 587), ("none", 143, 25)],
)
def test_email_ports_default_by_security(
    tmp_path: Path, security: str, imap_port: int, smtp_port: int
) -> None:
    email = email_settings(tmp_path, f'security = "{security}"\n')
    assert (email.security, email.imap_port, email.smtp_port) == (security, imap_port, smtp_port)


def test_email_security_defaults_to_ssl(tmp_path: Path) -> None:
    email = email_settings(tmp_path)
    assert (email.security, email.imap_port, email.smtp_port) == ("ssl", 993, 465)


def test_email_ports_in_the_file_win_over_the_defaults(tmp_path: Path) -> None:
    email = email_settings(tmp_path, 'security = "starttls"\nimap_port = 1143\nsmtp_port = 2525\n')
    assert (email.imap_port, email.smtp_port) == (1143, 2525)


def test_email_domain_is_taken_from_the_address_in_lower_case(tmp_path: Path) -> None:
    assert email_settings(tmp_path).domain == "conf.example.org"


def test_email_domain_in_the_file_wins_over_the_address(tmp_path: Path) -> None:
    assert email_settings(tmp_path, 'domain = "mail.example.net"\n').domain == "mail.example.net"


def test_email_event_addresses_are_lower_cased(tmp_path: Path) -> None:
    email = email_settings(
        tmp_path, '[email.event_addresses]\n"Help+TAI4H@Conf.Example.org" = "tai4h-2024"\n'
    )
    assert email.event_addresses == {"help+tai4h@conf.example.org": "tai4h-2024"}


def test_email_password_comes_from_the_environment(tmp_path: Path) -> None:
    email = email_settings(tmp_path, environ={"EVENTBOT_EMAIL_PASSWORD": PASSWORD})
    assert email.password.get_secret_value() == PASSWORD


def test_email_password_in_the_environment_wins_over_the_file(tmp_path: Path) -> None:
    path = write(tmp_path / "settings.toml", f'{EMAIL}password = "from-the-file"\n')
    email = load_settings(path, environ={"EVENTBOT_EMAIL_PASSWORD": PASSWORD}).email
    assert email is not None
    assert email.password.get_secret_value() == PASSWORD


def test_email_password_in_the_environment_does_not_turn_email_on(tmp_path: Path) -> None:
    path = write(tmp_path / "settings.toml", '[database]\nurl = "sqlite:////x/h.db"\n')
    settings = load_settings(
        path,
        environ={"EVENTBOT_EMAIL_PASSWORD": PASSWORD, "EVENTBOT_EVENTS_DIR": "/env/events"},
    )
    assert settings.email is None
    assert settings.knowledge.events_dir == Path("/env/events")  # other overrides still apply
    assert settings.database.url == "sqlite:////x/h.db"


def test_email_password_in_the_environment_without_a_file_does_not_turn_email_on() -> None:
    assert load_settings(environ={"EVENTBOT_EMAIL_PASSWORD": PASSWORD}) == Settings()


def test_email_without_a_password_anywhere_is_an_error_naming_it(tmp_path: Path) -> None:
    path, error = email_error(tmp_path, EMAIL)
    assert str(error) == f"{path}: email.password: Field required"


def test_an_invalid_email_address_is_an_error_naming_the_file_and_field(tmp_path: Path) -> None:
    path, error = email_error(
        tmp_path,
        '[email]\naddress = "help.example.org"\nimap_host = "i"\nsmtp_host = "s"\n'
        f'password = "{PASSWORD}"\n',
    )
    assert str(error) == (
        f"{path}: email.address: value is not a valid email address: "
        "An email address must have an @-sign."
    )


def test_an_unknown_email_setting_is_refused_naming_it(tmp_path: Path) -> None:
    path, error = email_error(tmp_path, f'{EMAIL}password = "{PASSWORD}"\nimap_server = "x"\n')
    assert str(error) == f"{path}: email.imap_server: Extra inputs are not permitted"


def test_an_unknown_email_security_is_refused_naming_the_choices(tmp_path: Path) -> None:
    path, error = email_error(tmp_path, f'{EMAIL}password = "{PASSWORD}"\nsecurity = "tls"\n')
    assert str(error) == f"{path}: email.security: Input should be 'ssl', 'starttls' or 'none'"


def email_table(**fields: object) -> str:
    """An [email] table with the password first (where pydantic's own text would quote it
    first), then the least settings overridden by `fields`; a field given None is left out."""
    least = {
        "password": PASSWORD,
        "address": "help@example.org",
        "imap_host": "i",
        "smtp_host": "s",
    }
    values = {**least, **fields}
    lines = [f"{key} = {json.dumps(value)}" for key, value in values.items() if value is not None]
    return "\n".join(["[email]", *lines, ""])


@pytest.mark.parametrize(
    ("field", "mistake"),
    [
        ("security", {"security": "tls"}),
        ("imap_port", {"imap_port": 0}),
        ("address", {"address": "nope"}),
        ("address", {"address": None}),
        ("organiser_address", {"organiser_address": "nope"}),
        ("colour", {"colour": "blue"}),
    ],
    ids=["bad security", "bad port", "bad address", "no address", "bad organiser", "unknown key"],
)
def test_no_email_error_shows_the_password(
    tmp_path: Path, field: str, mistake: dict[str, object]
) -> None:
    path, error = email_error(tmp_path, email_table(**mistake))
    assert str(error).startswith(f"{path}: email.{field}: ")
    assert "\n" not in str(error)  # that mistake alone
    assert PASSWORD not in "".join(traceback.format_exception(error))  # nor in its cause
