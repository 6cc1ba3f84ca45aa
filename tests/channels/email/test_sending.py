"""The SMTP sender against a real aiosmtpd server: delivery, reuse, and each kind of refusal."""

from __future__ import annotations

from collections.abc import AsyncIterator
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest

from eventbot.channels.email.sending import SmtpSender
from eventbot.config import EmailSettings
from eventbot.errors import ChannelError, DeliveryError
from mailservers import Dovecot, SmtpServer

ADA = "ada@example.net"


def message(
    to: str = ADA, subject: str = "Your question about the venue", **extra: str
) -> EmailMessage:
    """A reply as the channel would send it."""
    mail = EmailMessage()
    mail["From"] = "Conference help <bot@example.org>"
    mail["To"] = to
    mail["Subject"] = subject
    mail["Message-ID"] = "<reply.1@example.org>"
    for name, value in extra.items():
        mail[name.replace("_", "-")] = value
    mail.set_content("The venue opens at nine.\n")
    return mail


@pytest.fixture
async def sender(smtp_settings: EmailSettings) -> AsyncIterator[SmtpSender]:
    async with SmtpSender(smtp_settings) as smtp:
        yield smtp


# --- delivery --------------------------------------------------------------------------------


async def test_send_delivers_the_message_with_its_headers_intact(
    sender: SmtpSender, smtp_server: SmtpServer
) -> None:
    sent = message(
        subject="Réponse : le café",
        In_Reply_To="<question.1@example.net>",
        References="<question.1@example.net>",
        Auto_Submitted="auto-replied",
    )
    await sender.send(sent)
    [received] = smtp_server.wait_for(1)
    assert received.mail_from == "bot@example.org"
    assert received.rcpt_tos == (ADA,)
    got = message_from_bytes(received.data, policy=policy.default)
    for name in ("From", "To", "Subject", "Message-ID", "In-Reply-To", "References"):
        assert got[name] == sent[name]
    assert got["Auto-Submitted"] == "auto-replied"
    assert got.get_content() == "The venue opens at nine.\r\n"  # as on the wire


async def test_send_goes_to_the_to_and_cc_addresses(
    sender: SmtpSender, smtp_server: SmtpServer
) -> None:
    await sender.send(message(to=f"Ada <{ADA}>", Cc="Org <org@example.org>, ada@example.net"))
    [received] = smtp_server.wait_for(1)
    assert received.rcpt_tos == (ADA, "org@example.org")


async def test_a_message_without_recipients_is_a_permanent_error(sender: SmtpSender) -> None:
    mail = message()
    del mail["To"]
    with pytest.raises(DeliveryError) as caught:
        await sender.send(mail)
    assert (str(caught.value), caught.value.permanent) == (
        "the message has no To or Cc address",
        True,
    )


async def test_the_same_connection_is_reused_for_several_sends(
    sender: SmtpSender, smtp_server: SmtpServer
) -> None:
    for n in range(3):
        await sender.send(message(subject=f"Reply {n}"))
    received = smtp_server.wait_for(3)
    assert len({r.peer for r in received}) == 1


async def test_a_connection_the_server_dropped_is_opened_again(
    sender: SmtpSender, smtp_server: SmtpServer
) -> None:
    await sender.send(message(subject="First"))
    smtp_server.drop_connections()
    await sender.send(message(subject="Second"))
    first, second = smtp_server.wait_for(2)
    assert first.peer != second.peer


# --- refusals and failures -------------------------------------------------------------------


async def test_421_is_a_transient_error_with_its_code_and_the_next_send_reconnects(
    sender: SmtpSender, smtp_server: SmtpServer
) -> None:
    smtp_server.fail_next("DATA", 421, "4.3.2 Service shutting down")
    with pytest.raises(DeliveryError) as caught:
        await sender.send(message())
    error = caught.value
    assert (error.permanent, error.code) == (False, 421)
    assert str(error) == (
        f"the SMTP server 127.0.0.1:{smtp_server.port} refused the message: "
        "421 4.3.2 Service shutting down"
    )
    await sender.send(message())
    assert len(smtp_server.wait_for(1)) == 1


async def test_451_is_a_transient_error(sender: SmtpSender, smtp_server: SmtpServer) -> None:
    smtp_server.fail_next("DATA", 451, "4.3.0 Try again later")
    with pytest.raises(DeliveryError) as caught:
        await sender.send(message())
    assert (caught.value.permanent, caught.value.code) == (False, 451)


async def test_550_is_a_permanent_error_and_the_connection_stays_usable(
    sender: SmtpSender, smtp_server: SmtpServer
) -> None:
    smtp_server.fail_next("DATA", 550, "5.7.1 Message refused")
    with pytest.raises(DeliveryError) as caught:
        await sender.send(message(subject="Refused"))
    assert (caught.value.permanent, caught.value.code) == (True, 550)
    await sender.send(message(subject="Accepted"))
    [received] = smtp_server.wait_for(1)
    assert b"Subject: Accepted" in received.data


async def test_a_refused_sender_is_a_permanent_error_naming_it(
    sender: SmtpSender, smtp_server: SmtpServer
) -> None:
    smtp_server.fail_next("MAIL", 553, "5.7.1 Sender not allowed")
    with pytest.raises(DeliveryError) as caught:
        await sender.send(message())
    assert (caught.value.permanent, caught.value.code) == (True, 553)
    assert str(caught.value) == (
        f"the SMTP server 127.0.0.1:{smtp_server.port} refused the sender bot@example.org: "
        "553 5.7.1 Sender not allowed"
    )


async def test_the_only_recipient_refused_is_a_permanent_error_naming_it(
    sender: SmtpSender, smtp_server: SmtpServer
) -> None:
    smtp_server.refuse(ADA)
    with pytest.raises(DeliveryError) as caught:
        await sender.send(message())
    assert (caught.value.permanent, caught.value.code) == (True, 550)
    assert str(caught.value) == (
        f"the SMTP server 127.0.0.1:{smtp_server.port} refused the recipient "
        f"{ADA} (550 5.1.1 No such user)"
    )
    assert smtp_server.received == []


async def test_one_recipient_refused_among_others_is_a_permanent_error_naming_it(
    sender: SmtpSender, smtp_server: SmtpServer
) -> None:
    smtp_server.refuse("gone@example.org")
    with pytest.raises(DeliveryError) as caught:
        await sender.send(message(Cc="gone@example.org"))
    assert (caught.value.permanent, caught.value.code) == (True, 550)
    assert "gone@example.org (550 5.1.1 No such user)" in str(caught.value)
    assert ADA not in str(caught.value)
    [received] = smtp_server.wait_for(1)
    assert received.rcpt_tos == (ADA,)


async def test_a_recipient_refused_for_now_is_a_transient_error(
    sender: SmtpSender, smtp_server: SmtpServer
) -> None:
    smtp_server.fail_next("RCPT", 450, "4.2.1 Mailbox busy")
    with pytest.raises(DeliveryError) as caught:
        await sender.send(message())
    assert (caught.value.permanent, caught.value.code) == (False, 450)


async def test_a_connection_cut_during_data_is_a_transient_error(
    sender: SmtpSender, smtp_server: SmtpServer
) -> None:
    smtp_server.drop_next("DATA")
    with pytest.raises(DeliveryError) as caught:
        await sender.send(message())
    assert (caught.value.permanent, caught.value.code) == (False, None)
    assert str(caught.value).startswith(
        f"lost the connection to the SMTP server 127.0.0.1:{smtp_server.port} while sending: "
    )
    await sender.send(message())
    assert len(smtp_server.wait_for(1)) == 1


async def test_a_stopped_server_is_a_transient_error(
    sender: SmtpSender, smtp_server: SmtpServer
) -> None:
    await sender.send(message())
    smtp_server.stop()
    with pytest.raises(DeliveryError) as caught:
        await sender.send(message())
    assert (caught.value.permanent, caught.value.code) == (False, None)
    assert str(caught.value) == (
        f"cannot reach the SMTP server 127.0.0.1:{smtp_server.port}: Connection refused"
    )


# --- check -----------------------------------------------------------------------------------


async def test_check_says_the_server_takes_mail_from_our_address(
    sender: SmtpSender, smtp_server: SmtpServer
) -> None:
    assert await sender.check() == (
        f"SMTP 127.0.0.1:{smtp_server.port} (none, no login): "
        "the server takes mail from bot@example.org"
    )
    assert smtp_server.received == []


async def test_check_when_the_server_refuses_our_sender_is_a_channel_error(
    sender: SmtpSender, smtp_server: SmtpServer
) -> None:
    smtp_server.fail_next("MAIL", 550, "5.7.1 Not here")
    with pytest.raises(ChannelError) as caught:
        await sender.check()
    assert str(caught.value) == (
        f"the SMTP server 127.0.0.1:{smtp_server.port} refuses mail from bot@example.org: "
        "550 5.7.1 Not here"
    )
    assert not isinstance(caught.value, DeliveryError)


async def test_check_of_a_stopped_server_is_a_channel_error(
    sender: SmtpSender, smtp_server: SmtpServer
) -> None:
    smtp_server.stop()
    with pytest.raises(ChannelError, match=r"^cannot reach the SMTP server 127\.0\.0\.1:\d+: "):
        await sender.check()


@pytest.mark.parametrize(
    ("security", "reason"),
    [
        ("ssl", r"cannot reach the SMTP server 127\.0\.0\.1:\d+: TLS failed: "),
        ("starttls", r"the SMTP server 127\.0\.0\.1:\d+ cannot be used: .*STARTTLS"),
    ],
    ids=["ssl", "starttls"],
)
async def test_tls_is_never_dropped_for_a_server_without_it(
    smtp_settings: EmailSettings, smtp_server: SmtpServer, security: str, reason: str
) -> None:
    settings = EmailSettings.model_validate({**smtp_settings.model_dump(), "security": security})
    async with SmtpSender(settings) as sender:
        with pytest.raises(DeliveryError, match=reason) as caught:
            await sender.send(message())
    assert caught.value.permanent is False
    assert smtp_server.received == []


async def test_a_server_answer_that_echoes_the_password_is_reported_without_it(
    sender: SmtpSender, smtp_server: SmtpServer
) -> None:
    smtp_server.fail_next("DATA", 554, f"5.7.0 not with {Dovecot.password} here")
    with pytest.raises(DeliveryError) as caught:
        await sender.send(message())
    assert str(caught.value).endswith("554 5.7.0 not with ******** here")
