"""Reading the mailbox over IMAP: imapclient on one worker thread, its errors as ChannelError."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import imaplib
import logging
import os
import random
import socket
import ssl
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, NamedTuple, ParamSpec, Self, TypeVar

from imapclient import DELETED, SEEN, IMAPClient
from imapclient.exceptions import LoginError

from ...config import EmailSettings
from ...errors import ChannelError

__all__ = ["Backoff", "FetchedMail", "Mailbox"]

log = logging.getLogger(__name__)

P = ParamSpec("P")
T = TypeVar("T")

#: How long one `idle_check` blocks, so that `close()` or a cancelled `wait()` ends IDLE soon.
IDLE_SLICE_SECONDS = 1.0


class FetchedMail(NamedTuple):
    """A new mail: its UID, its size in bytes, and its bytes (None when over the size limit)."""

    uid: int
    size: int
    raw: bytes | None

    @property
    def too_large(self) -> bool:
        """Whether the mail was over `max_message_bytes`, and so not loaded."""
        return self.raw is None


@dataclass(frozen=True, kw_only=True)
class Backoff:
    """Delays between reconnection attempts: `first`, growing by `factor` up to `longest`,
    each moved at random by up to ± `jitter` of itself so that clients don't come back in step."""

    first: float = 1.0
    factor: float = 2.0
    longest: float = 60.0
    jitter: float = 0.1

    def delays(self, *, rng: random.Random | None = None) -> Iterator[float]:
        """The delays, one per failed attempt, without end."""
        uniform = (rng or random.Random()).uniform
        delay = self.first
        while True:
            spread = delay * self.jitter
            yield max(0.0, delay + uniform(-spread, spread))
            delay = min(delay * self.factor, self.longest)


class Mailbox:
    """One IMAP connection to the mailbox of `settings`, used from asyncio.

    imapclient is synchronous and not thread-safe, so every call runs on one worker thread of
    this mailbox, in the order the calls were made; the event loop never blocks on the network.
    Network and protocol failures come out as ChannelError, whose sentence names the server and
    never the password; after a lost connection, `connect()` (or `reconnect()`) opens a new one.
    """

    def __init__(
        self,
        settings: EmailSettings,
        *,
        backoff: Backoff | None = None,
        sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
    ) -> None:
        self._settings = settings
        self._backoff = backoff or Backoff()
        self._sleep = sleep
        self._server = f"{settings.imap_host}:{settings.imap_port}"
        self._username = settings.username or settings.address
        self._client: Any = None  # an IMAPClient while connected (imapclient is untyped)
        self._executor: ThreadPoolExecutor | None = None
        self._interrupt = threading.Event()
        self._folder: str | None = None
        self._ready_folders: set[str] = set()

    # --- the asyncio side ---------------------------------------------------------------------

    @property
    def connected(self) -> bool:
        """Whether a connection is open (it may still turn out to be lost at the next call)."""
        return self._client is not None

    async def connect(self) -> None:
        """Open a new connection (TLS as configured) and log in; an open one is closed first."""
        await self._in_thread("connect", self._connect)

    async def close(self) -> None:
        """Log out and close the connection; nothing happens when there is none."""
        self._interrupt.set()
        if self._executor is None:
            return
        try:
            await self._in_thread("log out", self._logout)
        finally:
            self._executor.shutdown(wait=False)
            self._executor = None

    async def reconnect(self, *, attempts: int | None = None) -> int | None:
        """Connect again, waiting longer after each failure, until it works (or `attempts` have
        failed: the last ChannelError is raised). The folder selected before is selected again
        and its UIDVALIDITY returned (None when none was)."""
        for attempt, delay in enumerate(self._backoff.delays(), start=1):
            try:
                await self.connect()
                return None if self._folder is None else await self.select(self._folder)
            except ChannelError as exc:
                if attempts is not None and attempt >= attempts:
                    raise
                log.warning("%s; trying again in %.1f s", exc, delay)
                await self._sleep(delay)
        raise AssertionError("Backoff.delays() never ends")  # pragma: no cover

    async def select(self, folder: str | None = None) -> int:
        """Select `folder` (default: the configured one) and return its UIDVALIDITY."""
        chosen = folder or self._settings.folder
        return await self._in_thread(f"open the folder {chosen}", self._select, chosen)

    async def fetch_new(self, after_uid: int, *, limit: int) -> list[FetchedMail]:
        """At most `limit` mails of the selected folder with a UID above `after_uid`, oldest
        first, fetched with BODY.PEEK[] so that none is marked as read."""
        return await self._in_thread("fetch new mail", self._fetch_new, after_uid, limit)

    async def mark_handled(self, uid: int) -> None:
        """Mark the mail `uid` as read, and move it to `processed_folder` when one is set."""
        await self._in_thread(f"mark the mail UID {uid} as handled", self._mark_handled, uid)

    async def wait(self, timeout: float) -> bool:
        """Wait at most `timeout` seconds for new mail in the selected folder; whether any came.

        With IDLE the server says when mail arrives (the IDLE is renewed every
        `idle_renew_seconds`); without it the folder is polled every `poll_seconds`."""
        if await self._in_thread("check for IDLE", self._has_idle):
            return await self._idle(timeout)
        return await self._poll(timeout)

    async def check(self) -> str:
        """Connect, look at the folder, and say in a sentence what was found."""
        opened_here = not self.connected
        if opened_here:
            await self.connect()
        try:
            return await self._in_thread("look at the folder", self._describe)
        finally:
            if opened_here:
                await self.close()

    async def __aenter__(self) -> Self:
        await self.connect()
        return self

    async def __aexit__(self, *_: object) -> None:
        await self.close()

    async def _idle(self, timeout: float) -> bool:
        self._interrupt.clear()
        try:
            return await self._in_thread("wait for new mail", self._idle_for, timeout)
        except asyncio.CancelledError:
            self._interrupt.set()  # the worker thread ends the IDLE within a second
            raise

    async def _poll(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while not await self._in_thread("look for new mail", self._poll_once):
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            await self._sleep(min(left, self._settings.poll_seconds))
        return True

    async def _in_thread(
        self, doing: str, job: Callable[P, T], *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """Run `job` on the worker thread, with its failures as ChannelError."""
        if self._executor is None:
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="imap")
        call = functools.partial(self._guarded, doing, job, *args, **kwargs)
        return await asyncio.get_running_loop().run_in_executor(self._executor, call)

    # --- the worker thread's side -------------------------------------------------------------

    def _guarded(self, doing: str, job: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        try:
            return job(*args, **kwargs)
        except ChannelError:
            raise  # ours already (a ConnectionError, and so an OSError)
        except LoginError as exc:
            self._drop()
            raise ChannelError(
                f"the IMAP server refused the username or password for {self._username} "
                f"at {self._server}"
            ) from exc
        except ssl.SSLCertVerificationError as exc:
            self._drop()
            raise ChannelError(
                f"the IMAP server {self._server} sent a TLS certificate that cannot be trusted: "
                f"{self._scrub(exc.verify_message or str(exc))}"
            ) from exc
        except (imaplib.IMAP4.abort, OSError, EOFError) as exc:
            self._drop()
            raise ChannelError(self._lost(doing, exc)) from exc
        except imaplib.IMAP4.error as exc:
            raise ChannelError(
                f"the IMAP server {self._server} refused to {doing}: {self._scrub(str(exc))}"
            ) from exc

    def _lost(self, doing: str, exc: BaseException) -> str:
        reason = self._scrub(_reason(exc))
        if doing == "connect":
            return f"cannot reach the IMAP server {self._server}: {reason}"
        return (
            f"lost the connection to the IMAP server {self._server} "
            f"while trying to {doing}: {reason}"
        )

    def _scrub(self, text: str) -> str:
        """`text` without the password, should a server or library ever echo it."""
        password = self._settings.password.get_secret_value()
        # A password of one to three characters would blot out letters of ordinary words.
        return text.replace(password, "********") if len(password) >= 4 else text

    def _require(self) -> Any:
        if self._client is None:
            raise ChannelError(f"not connected to the IMAP server {self._server}")
        return self._client

    def _connect(self) -> None:
        self._drop()
        settings = self._settings
        context = ssl.create_default_context() if settings.security != "none" else None
        client = IMAPClient(
            settings.imap_host,
            port=settings.imap_port,
            ssl=settings.security == "ssl",
            ssl_context=context,
            timeout=settings.timeout_seconds,
        )
        try:
            if settings.security == "starttls":
                client.starttls(context)
            client.login(self._username, settings.password.get_secret_value())
        except BaseException:
            _shut(client)
            raise
        self._client = client
        self._ready_folders.clear()
        log.info("connected to the IMAP server %s as %s", self._server, self._username)

    def _drop(self) -> None:
        """Forget the connection, closing its socket without a word to the server."""
        client, self._client = self._client, None
        if client is not None:
            _shut(client)

    def _logout(self) -> None:
        client, self._client = self._client, None
        if client is None:
            return
        try:
            client.logout()
        except (imaplib.IMAP4.error, OSError, EOFError):
            _shut(client)

    def _select(self, folder: str) -> int:
        client = self._require()
        answer = client.select_folder(folder)
        self._folder = folder
        _take_news(client)  # the EXISTS of the SELECT answer is not news
        return int(answer[b"UIDVALIDITY"])

    def _fetch_new(self, after_uid: int, limit: int) -> list[FetchedMail]:
        client = self._require()
        client.noop()  # servers show new mail to a command only after announcing it (EXISTS)
        _take_news(client)  # what has arrived until now is in this search
        # `n:*` always matches the last mail, even when its UID is below n (RFC 3501 6.4.8).
        found = client.search(["UID", f"{after_uid + 1}:*"])
        uids = sorted(uid for uid in found if uid > after_uid)[:limit]
        if not uids:
            return []
        sizes = {
            uid: int(data[b"RFC822.SIZE"])
            for uid, data in client.fetch(uids, ["RFC822.SIZE"]).items()
        }
        small = [uid for uid in uids if sizes.get(uid, 0) <= self._settings.max_message_bytes]
        bodies = client.fetch(small, ["BODY.PEEK[]"]) if small else {}
        mails = []
        for uid in uids:
            if uid not in sizes:
                continue  # expunged meanwhile
            raw = bodies.get(uid, {}).get(b"BODY[]")
            if raw is None and uid in small:
                continue  # expunged between the two fetches
            if raw is None:
                log.warning("mail UID %d is %d bytes, over max_message_bytes", uid, sizes[uid])
            mails.append(FetchedMail(uid=uid, size=sizes[uid], raw=raw))
        return mails

    def _mark_handled(self, uid: int) -> None:
        client = self._require()
        client.add_flags([uid], [SEEN], silent=True)
        target = self._settings.processed_folder
        if target is None:
            return
        self._ensure_folder(client, target)
        if client.has_capability("MOVE"):
            client.move([uid], target)
            return
        client.copy([uid], target)
        client.add_flags([uid], [DELETED], silent=True)
        if client.has_capability("UIDPLUS"):
            client.uid_expunge([uid])
        else:
            client.expunge()  # without UIDPLUS: every mail marked \Deleted goes

    def _ensure_folder(self, client: Any, folder: str) -> None:
        if folder in self._ready_folders:
            return
        if not client.folder_exists(folder):
            try:
                client.create_folder(folder)
            except imaplib.IMAP4.error:
                if not client.folder_exists(folder):  # someone else made it meanwhile?
                    raise
            else:
                log.info("created the folder %s on the IMAP server %s", folder, self._server)
                client.subscribe_folder(folder)
        self._ready_folders.add(folder)

    def _has_idle(self) -> bool:
        return bool(self._require().has_capability("IDLE"))

    def _idle_for(self, timeout: float) -> bool:
        client = self._require()
        if _take_news(client):
            return True
        try:
            return self._idle_rounds(client, time.monotonic() + timeout)
        except imaplib.IMAP4.error:
            self._drop()  # an IDLE gone wrong leaves the connection in no known state
            raise

    def _idle_rounds(self, client: Any, deadline: float) -> bool:
        """IDLE until mail comes or `deadline`, renewed every `idle_renew_seconds`."""
        while True:
            client.idle()
            end = min(deadline, time.monotonic() + self._settings.idle_renew_seconds)
            news = self._idle_until(client, end)
            client.idle_done()  # raises when the connection is gone
            news = _take_news(client) or news  # mail announced just before DONE
            if news or time.monotonic() >= deadline or self._interrupt.is_set():
                return news
            log.debug("renewing IDLE on the IMAP server %s", self._server)

    def _idle_until(self, client: Any, end: float) -> bool:
        """Watch an IDLE until `end`; True at new mail, False at `end`, at an interrupt, or when
        the line went quiet in a suspicious way (the caller's `idle_done` then tells)."""
        while not self._interrupt.is_set():
            left = end - time.monotonic()
            if left <= 0:
                return False
            wanted = min(left, IDLE_SLICE_SECONDS)
            started = time.monotonic()
            responses = client.idle_check(timeout=wanted)
            if any(_is_news(response) for response in responses):
                return True
            if not responses and time.monotonic() - started < wanted / 2:
                return False  # woken with nothing to read: the server may have hung up
        return False

    def _poll_once(self) -> bool:
        client = self._require()
        client.noop()
        return _take_news(client)

    def _describe(self) -> str:
        client = self._require()
        folder = self._settings.folder
        status = client.folder_status(folder, ["MESSAGES", "UNSEEN", "UIDVALIDITY"])
        waiting = (
            f"new mail is announced by IDLE (renewed every {self._settings.idle_renew_seconds:g} s)"
            if client.has_capability("IDLE")
            else f"the server has no IDLE: the folder is polled every {self._settings.poll_seconds:g} s"
        )
        return (
            f"IMAP {self._server} ({self._settings.security}): logged in as {self._username}; "
            f"{folder}: {status[b'MESSAGES']} mails, {status[b'UNSEEN']} unread, "
            f"UIDVALIDITY {status[b'UIDVALIDITY']}; {waiting}"
        )


def _reason(exc: BaseException) -> str:
    """The gist of a network failure, e.g. 'Connection refused' or 'timed out'."""
    if isinstance(exc, ssl.SSLError):  # its errno is OpenSSL's, not the system's
        return f"TLS failed: {exc.reason or exc}"
    if isinstance(exc, OSError) and not isinstance(exc, socket.gaierror) and exc.errno:
        return os.strerror(exc.errno)
    return (exc.strerror if isinstance(exc, OSError) else None) or str(exc) or type(exc).__name__


def _shut(client: Any) -> None:
    """Close the socket of `client` at once, ignoring a socket already gone."""
    with contextlib.suppress(imaplib.IMAP4.error, OSError, EOFError):
        client.shutdown()


def _take_news(client: Any) -> bool:
    """Whether the server announced new mail (EXISTS) in an answer since the last look.

    imaplib keeps the untagged answers that came with other commands; they are read here, on
    the worker thread, and forgotten."""
    pending = client._imap.untagged_responses
    news = pending.pop("EXISTS", None) is not None
    pending.pop("RECENT", None)
    return news


def _is_news(response: Any) -> bool:
    """Whether an IDLE response such as (3, b'EXISTS') announces mail."""
    return isinstance(response, tuple) and len(response) >= 2 and response[1] == b"EXISTS"
