"""The IMAP mailbox against a real Dovecot: fetching, flagging, moving, waiting, failing."""

from __future__ import annotations

import asyncio
import logging
import random
import time
import traceback
from collections.abc import AsyncIterator

import pytest

from eventbot.channels.email.mailbox import Backoff, FetchedMail, Mailbox
from eventbot.config import EmailSettings
from eventbot.errors import ChannelError
from mailservers import Dovecot, free_port

#: A Dovecot that offers neither MOVE nor IDLE (its commands still work; we must not use them).
WITHOUT_MOVE_AND_IDLE = "imap_capability = IMAP4rev1 LITERAL+ UIDPLUS"


def mail(subject: str = "Hello", body: str = "A question about the venue.") -> bytes:
    """A small mail as it would arrive, CRLF line ends."""
    lines = [
        "From: Ada <ada@example.net>",
        "To: bot@example.org",
        f"Subject: {subject}",
        f"Message-ID: <{subject.replace(' ', '.')}@example.net>",
        "",
        body,
        "",
    ]
    return "\r\n".join(lines).encode()


def with_changes(settings: EmailSettings, **changes: object) -> EmailSettings:
    return EmailSettings.model_validate({**settings.model_dump(), **changes})


@pytest.fixture
async def mailbox(email_settings: EmailSettings) -> AsyncIterator[Mailbox]:
    """A Mailbox connected to the test's Dovecot, INBOX selected."""
    box = Mailbox(email_settings)
    await box.connect()
    await box.select()
    yield box
    await box.close()


# --- fetching -------------------------------------------------------------------------------


async def test_fetch_new_returns_appended_mail_with_its_bytes(
    dovecot: Dovecot, mailbox: Mailbox
) -> None:
    raw = mail()
    uid = dovecot.append(raw)
    assert await mailbox.fetch_new(0, limit=10) == [FetchedMail(uid=uid, size=len(raw), raw=raw)]


async def test_fetch_new_leaves_mail_unread_until_it_is_marked_handled(
    dovecot: Dovecot, mailbox: Mailbox
) -> None:
    uid = dovecot.append(mail())
    await mailbox.fetch_new(0, limit=10)
    assert b"\\Seen" not in dovecot.flags(uid)
    await mailbox.mark_handled(uid)
    assert b"\\Seen" in dovecot.flags(uid)


async def test_select_returns_the_folders_uidvalidity(
    dovecot: Dovecot, email_settings: EmailSettings
) -> None:
    client = dovecot.client()
    expected = client.select_folder("INBOX")[b"UIDVALIDITY"]
    client.logout()
    async with Mailbox(email_settings) as box:
        assert await box.select("INBOX") == expected


async def test_select_of_a_missing_folder_is_a_channel_error(mailbox: Mailbox) -> None:
    with pytest.raises(ChannelError, match=r"refused to open the folder Nowhere: "):
        await mailbox.select("Nowhere")


async def test_fetch_new_returns_only_mail_after_the_uid_oldest_first(
    dovecot: Dovecot, mailbox: Mailbox
) -> None:
    first, second, third = (dovecot.append(mail(f"Mail {n}")) for n in range(3))
    fetched = await mailbox.fetch_new(first, limit=10)
    assert [m.uid for m in fetched] == [second, third]


async def test_fetch_new_after_the_last_uid_returns_nothing_though_n_star_matches_it(
    dovecot: Dovecot, mailbox: Mailbox
) -> None:
    last = dovecot.append(mail())
    assert await mailbox.fetch_new(last, limit=10) == []
    assert await mailbox.fetch_new(last + 100, limit=10) == []


async def test_fetch_new_returns_at_most_limit_mails_the_oldest(
    dovecot: Dovecot, mailbox: Mailbox
) -> None:
    uids = [dovecot.append(mail(f"Mail {n}")) for n in range(4)]
    assert [m.uid for m in await mailbox.fetch_new(0, limit=2)] == uids[:2]


async def test_fetch_new_in_an_empty_folder_returns_nothing(mailbox: Mailbox) -> None:
    assert await mailbox.fetch_new(0, limit=10) == []


async def test_mail_over_the_size_limit_is_reported_but_not_loaded(
    dovecot: Dovecot, email_settings: EmailSettings
) -> None:
    big = mail("Big", "x" * 5000)
    small = mail("Small")
    big_uid, small_uid = dovecot.append(big), dovecot.append(small)
    async with Mailbox(with_changes(email_settings, max_message_bytes=1000)) as box:
        await box.select()
        fetched = await box.fetch_new(0, limit=10)
    assert fetched == [
        FetchedMail(uid=big_uid, size=len(big), raw=None),
        FetchedMail(uid=small_uid, size=len(small), raw=small),
    ]
    assert [m.too_large for m in fetched] == [True, False]


# --- marking handled -------------------------------------------------------------------------


async def test_mark_handled_without_processed_folder_keeps_the_mail_in_inbox(
    dovecot: Dovecot, mailbox: Mailbox
) -> None:
    uid = dovecot.append(mail())
    await mailbox.fetch_new(0, limit=10)
    await mailbox.mark_handled(uid)
    assert dovecot.uids("INBOX") == [uid]
    assert b"\\Seen" in dovecot.flags(uid)


async def test_mark_handled_moves_the_mail_to_the_processed_folder_it_creates(
    dovecot: Dovecot, email_settings: EmailSettings
) -> None:
    kept, handled = dovecot.append(mail("Kept")), dovecot.append(mail("Handled"))
    async with Mailbox(with_changes(email_settings, processed_folder="Done")) as box:
        await box.select()
        await box.fetch_new(0, limit=10)
        await box.mark_handled(handled)
    assert dovecot.uids("INBOX") == [kept]
    [moved] = dovecot.uids("Done")
    assert b"\\Seen" in dovecot.flags(moved, "Done")


@pytest.mark.dovecot_config(WITHOUT_MOVE_AND_IDLE)
async def test_mark_handled_copies_and_expunges_when_the_server_cannot_move(
    dovecot: Dovecot, email_settings: EmailSettings
) -> None:
    client = dovecot.client()
    assert b"MOVE" not in client.capabilities()
    client.logout()
    kept, handled = dovecot.append(mail("Kept")), dovecot.append(mail("Handled"))
    async with Mailbox(with_changes(email_settings, processed_folder="Done")) as box:
        await box.select()
        await box.fetch_new(0, limit=10)
        await box.mark_handled(handled)
        await box.mark_handled(kept)  # the folder exists now: used as it is
    assert dovecot.uids("INBOX") == []
    assert len(dovecot.uids("Done")) == 2


# --- waiting for mail ------------------------------------------------------------------------


async def append_later(dovecot: Dovecot, delay: float) -> int:
    await asyncio.sleep(delay)
    return await asyncio.to_thread(dovecot.append, mail("Later"))


async def test_wait_returns_soon_when_mail_arrives_during_idle(
    dovecot: Dovecot, mailbox: Mailbox
) -> None:
    appending = asyncio.create_task(append_later(dovecot, 0.5))
    started = time.monotonic()
    assert await mailbox.wait(30) is True
    assert time.monotonic() - started < 15  # well before the timeout
    uid = await appending
    assert [m.uid for m in await mailbox.fetch_new(0, limit=10)] == [uid]


async def test_wait_returns_false_at_its_timeout_without_mail(mailbox: Mailbox) -> None:
    assert await mailbox.wait(0.3) is False


async def test_wait_notices_mail_after_the_idle_was_renewed(
    dovecot: Dovecot, email_settings: EmailSettings, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="eventbot.channels.email.mailbox")
    async with Mailbox(with_changes(email_settings, idle_renew_seconds=0.2)) as box:
        await box.select()
        appending = asyncio.create_task(append_later(dovecot, 1.2))
        assert await box.wait(30) is True
        await appending
    renewals = [r for r in caplog.records if r.getMessage().startswith("renewing IDLE")]
    assert len(renewals) >= 2


async def test_wait_keeps_the_event_loop_free(mailbox: Mailbox) -> None:
    waiting = asyncio.create_task(mailbox.wait(3))
    await asyncio.sleep(0.2)
    assert not waiting.done()  # the loop ran this test while the IDLE went on
    waiting.cancel()
    with pytest.raises(asyncio.CancelledError):
        await waiting


async def test_close_ends_a_pending_wait_promptly(mailbox: Mailbox) -> None:
    waiting = asyncio.create_task(mailbox.wait(60))
    await asyncio.sleep(0.3)
    await asyncio.wait_for(mailbox.close(), timeout=10)
    assert await asyncio.wait_for(waiting, timeout=10) is False
    assert not mailbox.connected


async def test_mail_fetched_before_wait_is_not_announced_again(
    dovecot: Dovecot, mailbox: Mailbox
) -> None:
    dovecot.append(mail())
    assert len(await mailbox.fetch_new(0, limit=10)) == 1
    assert await mailbox.wait(0.5) is False


@pytest.mark.dovecot_config(WITHOUT_MOVE_AND_IDLE)
async def test_wait_polls_when_the_server_has_no_idle(dovecot: Dovecot, mailbox: Mailbox) -> None:
    appending = asyncio.create_task(append_later(dovecot, 0.5))
    assert await mailbox.wait(30) is True
    await appending
    assert await mailbox.wait(0.5) is False


# --- failures and reconnecting ---------------------------------------------------------------


async def test_a_restarted_server_fails_the_next_call_then_connect_works_again(
    dovecot: Dovecot, mailbox: Mailbox
) -> None:
    dovecot.restart()
    uid = dovecot.append(mail())
    with pytest.raises(ChannelError) as caught:
        await mailbox.fetch_new(0, limit=10)
    assert str(caught.value).startswith(
        f"lost the connection to the IMAP server 127.0.0.1:{dovecot.port} "
        "while trying to fetch new mail: "
    )
    assert not mailbox.connected
    await mailbox.connect()
    await mailbox.select()
    assert [m.uid for m in await mailbox.fetch_new(0, limit=10)] == [uid]


async def test_a_restart_during_idle_fails_the_wait(dovecot: Dovecot, mailbox: Mailbox) -> None:
    waiting = asyncio.create_task(mailbox.wait(30))
    await asyncio.sleep(0.3)
    await asyncio.to_thread(dovecot.restart)
    with pytest.raises(ChannelError, match="lost the connection to the IMAP server"):
        await asyncio.wait_for(waiting, timeout=15)


async def test_reconnect_waits_growing_delays_until_the_server_is_back(
    dovecot: Dovecot, email_settings: EmailSettings
) -> None:
    delays: list[float] = []

    async def sleep(delay: float) -> None:
        delays.append(delay)
        if len(delays) == 3:
            await asyncio.to_thread(dovecot.start)

    box = Mailbox(email_settings, backoff=Backoff(first=1, jitter=0), sleep=sleep)
    await box.connect()
    uidvalidity = await box.select()
    dovecot.halt()
    assert await box.reconnect() == uidvalidity  # and INBOX is selected again
    assert delays == [1, 2, 4]
    assert await box.fetch_new(0, limit=1) == []
    await box.close()


async def test_reconnect_gives_up_after_the_attempts_allowed(
    dovecot: Dovecot, email_settings: EmailSettings
) -> None:
    delays: list[float] = []

    async def sleep(delay: float) -> None:
        delays.append(delay)

    dovecot.halt()
    box = Mailbox(email_settings, backoff=Backoff(first=1, jitter=0), sleep=sleep)
    with pytest.raises(ChannelError, match="cannot reach the IMAP server"):
        await box.reconnect(attempts=3)
    assert delays == [1, 2]


def test_backoff_doubles_up_to_its_longest_delay() -> None:
    delays = Backoff(first=1, factor=2, longest=60, jitter=0).delays()
    assert [next(delays) for _ in range(9)] == [1, 2, 4, 8, 16, 32, 60, 60, 60]


def test_backoff_jitter_stays_within_its_share_of_each_delay() -> None:
    delays = Backoff(first=10, factor=1, jitter=0.1).delays(rng=random.Random(7))
    taken = [next(delays) for _ in range(200)]
    assert all(9 <= delay <= 11 for delay in taken)
    assert len(set(taken)) > 1


async def test_wrong_password_is_a_clear_error_that_names_no_password(
    dovecot: Dovecot, email_settings: EmailSettings, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    secret = "wrong-Pa55word-xyzzy"
    box = Mailbox(with_changes(email_settings, password=secret))
    with pytest.raises(ChannelError) as caught:
        await box.connect()
    assert str(caught.value) == (
        "the IMAP server refused the username or password for bot@example.org "
        f"at 127.0.0.1:{dovecot.port}"
    )
    assert secret not in "".join(traceback.format_exception(caught.value))
    assert secret not in caplog.text
    assert caplog.records  # the libraries did log the conversation: without the password
    assert not box.connected
    await box.close()


async def test_unreachable_port_is_a_channel_error_naming_host_and_port(
    email_settings: EmailSettings,
) -> None:
    port = free_port()
    box = Mailbox(with_changes(email_settings, imap_port=port))
    with pytest.raises(ChannelError) as caught:
        await box.connect()
    assert str(caught.value) == f"cannot reach the IMAP server 127.0.0.1:{port}: Connection refused"
    assert Dovecot.password not in "".join(traceback.format_exception(caught.value))
    await box.close()


async def test_a_call_before_connect_is_a_channel_error(email_settings: EmailSettings) -> None:
    box = Mailbox(email_settings)
    with pytest.raises(ChannelError, match=r"^not connected to the IMAP server 127\.0\.0\.1:\d+$"):
        await box.fetch_new(0, limit=1)
    await box.close()


# --- check -----------------------------------------------------------------------------------


async def test_check_describes_the_folder_and_closes_its_connection(
    dovecot: Dovecot, email_settings: EmailSettings
) -> None:
    dovecot.append(mail())
    client = dovecot.client()
    uidvalidity = client.select_folder("INBOX")[b"UIDVALIDITY"]
    client.logout()
    box = Mailbox(email_settings)
    assert await box.check() == (
        f"IMAP 127.0.0.1:{dovecot.port} (none): logged in as bot@example.org; "
        f"INBOX: 1 mails, 1 unread, UIDVALIDITY {uidvalidity}; "
        "new mail is announced by IDLE (renewed every 600 s)"
    )
    assert not box.connected


@pytest.mark.dovecot_config(WITHOUT_MOVE_AND_IDLE)
async def test_check_says_when_the_server_has_no_idle(mailbox: Mailbox) -> None:
    assert (await mailbox.check()).endswith(
        "the server has no IDLE: the folder is polled every 0.2 s"
    )
    assert mailbox.connected  # a connection it did not open stays open


# --- transport security ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("security", "reason"),
    [
        ("ssl", r"cannot reach the IMAP server 127\.0\.0\.1:\d+: TLS failed: "),
        ("starttls", r"the IMAP server 127\.0\.0\.1:\d+ refused to connect: .*STARTTLS"),
    ],
    ids=["ssl", "starttls"],
)
async def test_tls_is_never_dropped_for_a_server_without_it(
    email_settings: EmailSettings, security: str, reason: str
) -> None:
    box = Mailbox(with_changes(email_settings, security=security))
    with pytest.raises(ChannelError, match=reason):
        await box.connect()
    assert not box.connected
    await box.close()
