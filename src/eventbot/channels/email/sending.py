"""Sending mail over SMTP with aiosmtplib: one reused connection, failures as DeliveryError."""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import ssl
from email.message import EmailMessage
from email.utils import getaddresses
from typing import Self

import aiosmtplib

from ...config import EmailSettings
from ...errors import ChannelError, DeliveryError

__all__ = ["SmtpSender"]

log = logging.getLogger(__name__)

#: The failures of the network itself: always worth another try.
NETWORK_ERRORS = (
    aiosmtplib.SMTPServerDisconnected,
    aiosmtplib.SMTPConnectError,
    aiosmtplib.SMTPTimeoutError,
    OSError,  # ConnectionError, TimeoutError, ssl.SSLError, socket.gaierror
)


class SmtpSender:
    """Sends messages through the SMTP server of `settings`, over one connection kept open.

    The connection is opened at the first send, checked with NOOP before it is used again, and
    opened anew when the server has dropped it. Outcomes follow RFC 5321: a 4yz answer or a
    network failure is a transient DeliveryError, a 5yz answer a permanent one. Trouble opening
    the connection (unreachable, TLS, refused login) is never the message's fault: transient.
    """

    def __init__(self, settings: EmailSettings) -> None:
        self._settings = settings
        self._server = f"{settings.smtp_host}:{settings.smtp_port}"
        self._smtp: aiosmtplib.SMTP | None = None
        self._lock = asyncio.Lock()

    async def send(self, message: EmailMessage) -> None:
        """Send `message` to its To and Cc addresses, from our address; DeliveryError if not."""
        recipients = _recipients(message)
        if not recipients:
            raise DeliveryError("the message has no To or Cc address", permanent=True)
        async with self._lock:
            try:
                smtp = await self._connection()
            except ChannelError as exc:
                raise DeliveryError(str(exc), permanent=False, code=_code(exc)) from exc
            refused = await self._transmit(smtp, message, recipients)
        if refused:
            raise DeliveryError(self._refusals(refused), permanent=True, code=_first_code(refused))
        log.debug("sent %s to %s", message.get("Message-ID", "a message"), ", ".join(recipients))

    async def check(self) -> str:
        """Connect (and log in), make sure the server takes mail from our address, and say so
        in a sentence; ChannelError if it does not."""
        async with self._lock:
            smtp = await self._connection()
            try:
                await smtp.mail(self._settings.address)
                await smtp.rset()
            except aiosmtplib.SMTPResponseException as exc:
                raise ChannelError(
                    f"the SMTP server {self._server} refuses mail from {self._settings.address}: "
                    f"{exc.code} {self._scrub(exc.message)}"
                ) from exc
            except (*NETWORK_ERRORS, aiosmtplib.SMTPException) as exc:
                self._drop()
                raise ChannelError(self._unreachable(exc)) from exc
        login = f"logged in as {self._settings.username}" if self._settings.username else "no login"
        return (
            f"SMTP {self._server} ({self._settings.security}, {login}): "
            f"the server takes mail from {self._settings.address}"
        )

    async def close(self) -> None:
        """Say goodbye to the server and close the connection, if one is open."""
        smtp, self._smtp = self._smtp, None
        if smtp is None:
            return
        try:
            if smtp.is_connected:
                await smtp.quit()
        except (*NETWORK_ERRORS, aiosmtplib.SMTPException):
            pass
        finally:
            smtp.close()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *_: object) -> None:
        await self.close()

    async def _transmit(
        self, smtp: aiosmtplib.SMTP, message: EmailMessage, recipients: list[str]
    ) -> dict[str, aiosmtplib.SMTPResponse]:
        """One mail transaction; the recipients refused while others were accepted."""
        try:
            refused, _ = await smtp.send_message(
                message, sender=self._settings.address, recipients=recipients
            )
        except aiosmtplib.SMTPRecipientsRefused as exc:
            raise self._all_refused(exc) from exc
        except aiosmtplib.SMTPResponseException as exc:
            if not smtp.is_connected:  # 421: the server closed the connection
                self._drop()
            raise DeliveryError(
                self._answered(exc), permanent=_permanent(exc.code), code=exc.code
            ) from exc
        except NETWORK_ERRORS as exc:
            self._drop()
            raise DeliveryError(
                f"lost the connection to the SMTP server {self._server} while sending: "
                f"{self._scrub(_reason(exc))}",
                permanent=False,
            ) from exc
        except (aiosmtplib.SMTPException, ValueError) as exc:  # e.g. SMTPUTF8 unsupported
            raise DeliveryError(
                f"the SMTP server {self._server} cannot take this message: {self._scrub(str(exc))}",
                permanent=True,
            ) from exc
        return refused

    async def _connection(self) -> aiosmtplib.SMTP:
        """The open connection, checked with NOOP, or a new one; ChannelError if none can be had."""
        smtp = self._smtp
        if smtp is not None and smtp.is_connected:
            try:
                await smtp.noop()
                return smtp
            except (*NETWORK_ERRORS, aiosmtplib.SMTPException):
                log.debug(
                    "the SMTP server %s dropped the connection: opening another", self._server
                )
        self._drop()
        self._smtp = await self._open()
        return self._smtp

    async def _open(self) -> aiosmtplib.SMTP:
        settings = self._settings
        smtp = aiosmtplib.SMTP(
            hostname=settings.smtp_host,
            port=settings.smtp_port,
            timeout=settings.timeout_seconds,
            local_hostname=settings.domain,
            use_tls=settings.security == "ssl",
            start_tls=settings.security == "starttls",
            tls_context=ssl.create_default_context() if settings.security != "none" else None,
        )
        try:
            await smtp.connect()
            if settings.username:
                await smtp.login(settings.username, settings.password.get_secret_value())
        except BaseException as exc:
            smtp.close()
            if isinstance(exc, (*NETWORK_ERRORS, aiosmtplib.SMTPException)):
                raise ChannelError(self._unreachable(exc)) from exc
            raise
        log.info("connected to the SMTP server %s", self._server)
        return smtp

    def _drop(self) -> None:
        smtp, self._smtp = self._smtp, None
        if smtp is not None:
            smtp.close()

    def _unreachable(self, exc: BaseException) -> str:
        """The sentence for a connection that cannot be opened (or used at all)."""
        if isinstance(exc, aiosmtplib.SMTPAuthenticationError):
            return (
                f"the SMTP server refused the username or password for {self._settings.username} "
                f"at {self._server}"
            )
        if isinstance(exc, ssl.SSLCertVerificationError):
            return (
                f"the SMTP server {self._server} sent a TLS certificate that cannot be trusted: "
                f"{self._scrub(exc.verify_message or str(exc))}"
            )
        if isinstance(exc, aiosmtplib.SMTPResponseException):
            return f"the SMTP server {self._server} turned us away: {self._answer(exc)}"
        if isinstance(exc, NETWORK_ERRORS):
            return f"cannot reach the SMTP server {self._server}: {self._scrub(_reason(exc))}"
        return f"the SMTP server {self._server} cannot be used: {self._scrub(str(exc))}"

    def _answered(self, exc: aiosmtplib.SMTPResponseException) -> str:
        if isinstance(exc, aiosmtplib.SMTPSenderRefused):
            return f"the SMTP server {self._server} refused the sender {exc.sender}: {self._answer(exc)}"
        if isinstance(exc, aiosmtplib.SMTPDataError):
            return f"the SMTP server {self._server} refused the message: {self._answer(exc)}"
        return f"the SMTP server {self._server} answered {self._answer(exc)}"

    def _all_refused(self, exc: aiosmtplib.SMTPRecipientsRefused) -> DeliveryError:
        refusals = {
            refusal.recipient: aiosmtplib.SMTPResponse(refusal.code, refusal.message)
            for refusal in exc.recipients
        }
        permanent = any(_permanent(refusal.code) for refusal in exc.recipients)
        return DeliveryError(
            self._refusals(refusals), permanent=permanent, code=_first_code(refusals)
        )

    def _refusals(self, refused: dict[str, aiosmtplib.SMTPResponse]) -> str:
        named = "; ".join(
            f"{address} ({response.code} {self._scrub(response.message)})"
            for address, response in refused.items()
        )
        return f"the SMTP server {self._server} refused the recipient {named}"

    def _answer(self, exc: aiosmtplib.SMTPResponseException) -> str:
        return f"{exc.code} {self._scrub(exc.message)}"

    def _scrub(self, text: str) -> str:
        """`text` without the password, should a server or library ever echo it."""
        password = self._settings.password.get_secret_value()
        # A password of one to three characters would blot out letters of ordinary words.
        return text.replace(password, "********") if len(password) >= 4 else text


def _recipients(message: EmailMessage) -> list[str]:
    """The addresses in the To and Cc headers, each once, in order."""
    fields = [str(value) for name in ("To", "Cc") for value in message.get_all(name, [])]
    addresses = [address for _, address in getaddresses(fields) if address]
    return list(dict.fromkeys(addresses))


def _permanent(code: int) -> bool:
    """RFC 5321: 5yz is permanent; 4yz (and anything else odd) is worth another try."""
    return 500 <= code < 600


def _first_code(refused: dict[str, aiosmtplib.SMTPResponse]) -> int | None:
    return next((response.code for response in refused.values()), None)


def _code(exc: BaseException) -> int | None:
    """The SMTP code behind a ChannelError, when the server gave one."""
    cause = exc.__cause__
    return cause.code if isinstance(cause, aiosmtplib.SMTPResponseException) else None


def _reason(exc: BaseException) -> str:
    """The gist of a network failure, e.g. 'Connection refused' or 'timed out'."""
    if isinstance(exc, ssl.SSLError):  # its errno is OpenSSL's, not the system's
        return f"TLS failed: {exc.reason or exc}"
    if isinstance(exc.__cause__, OSError):  # aiosmtplib wraps the socket's error
        return _reason(exc.__cause__)
    if isinstance(exc, aiosmtplib.SMTPException):
        return exc.message
    if isinstance(exc, OSError) and not isinstance(exc, socket.gaierror) and exc.errno:
        return os.strerror(exc.errno)
    return (exc.strerror if isinstance(exc, OSError) else None) or str(exc) or type(exc).__name__
