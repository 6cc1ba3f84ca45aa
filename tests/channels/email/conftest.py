"""Fixtures of the email channel's tests: a real Dovecot, a real SMTP server, and settings."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from eventbot.config import EmailSettings
from mailservers import DOVECOT_INSTALL, Dovecot, DovecotMissing, SmtpServer, free_port


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "dovecot_config(text): settings added to the test's Dovecot configuration"
    )


@pytest.fixture
def dovecot(request: pytest.FixtureRequest) -> Iterator[Dovecot]:
    """A Dovecot of its own for each test (it starts in a tenth of a second), INBOX empty;
    `@pytest.mark.dovecot_config("...")` adds settings to its configuration."""
    marker = request.node.get_closest_marker("dovecot_config")
    try:
        server = Dovecot(extra_config=marker.args[0] if marker else "")
    except DovecotMissing:
        if os.environ.get("CI"):
            pytest.fail(f"CI must test against Dovecot: {DOVECOT_INSTALL} (see .ci/run)")
        pytest.skip(f"the IMAP tests need Dovecot: {DOVECOT_INSTALL}")
    with server:
        yield server


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    """An aiosmtpd server recording what it receives, with faults to inject."""
    with SmtpServer() as server:
        yield server


@pytest.fixture
def email_settings(dovecot: Dovecot, smtp_server: SmtpServer) -> EmailSettings:
    """Settings pointing at both servers, in plain text, with short timeouts for the tests."""
    return _settings(imap=(dovecot.host, dovecot.port), smtp=(smtp_server.host, smtp_server.port))


@pytest.fixture
def smtp_settings(smtp_server: SmtpServer) -> EmailSettings:
    """Settings for the SMTP tests, which need no Dovecot (IMAP points at a closed port)."""
    return _settings(imap=("127.0.0.1", free_port()), smtp=(smtp_server.host, smtp_server.port))


def _settings(*, imap: tuple[str, int], smtp: tuple[str, int]) -> EmailSettings:
    return EmailSettings(
        address=Dovecot.user,
        imap_host=imap[0],
        imap_port=imap[1],
        smtp_host=smtp[0],
        smtp_port=smtp[1],
        password=Dovecot.password,
        security="none",
        timeout_seconds=5,
        poll_seconds=0.2,
    )
