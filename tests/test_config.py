"""Settings: defaults, a TOML file, the environment, and mistakes named."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from eventbot.config import Settings, load_settings
from eventbot.errors import ConfigError, EventbotError


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clean_environ: None) -> None:
    monkeypatch.chdir(tmp_path)  # no ./eventbot.toml unless a test writes one


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
