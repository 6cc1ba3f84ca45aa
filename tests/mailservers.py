"""Real mail servers for the tests: a throwaway Dovecot (IMAP) and an aiosmtpd SMTP server.

Both listen on a free loopback port and are plain text (the code under test runs with
``security = "none"``)::

    with Dovecot() as dovecot:                     # needs `dovecot` (Debian: dovecot-imapd)
        uid = dovecot.append(raw_bytes)            # put a mail into INBOX, get its UID
        dovecot.restart()                          # same port, same mailbox: clients are cut off

    with SmtpServer() as smtp:
        ...                                        # send to 127.0.0.1:smtp.port
        smtp.fail_next("DATA", 451, "try later")   # the next DATA is answered 451
        smtp.refuse("nobody@example.org")          # RCPT TO that address gets 550
        smtp.drop_next("DATA")                     # the next DATA gets no answer: cut off
        smtp.drop_connections()                    # cut off every client now
        [received] = smtp.wait_for(1)              # what arrived: envelope and raw bytes

Dovecot takes any user name with :attr:`Dovecot.password`; the mail is kept by an unprivileged
user (Dovecot refuses mail access as root). Dovecot 2.3 (Debian 12) and 2.4 are both known.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Self

from aiosmtpd.controller import Controller
from imapclient import IMAPClient

if TYPE_CHECKING:
    from eventbot.config import EmailSettings

__all__ = ["DOVECOT_INSTALL", "Dovecot", "DovecotMissing", "Received", "SmtpServer", "free_port"]

#: The apt command that installs Dovecot on Debian.
DOVECOT_INSTALL = "apt-get install dovecot-imapd"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for_port(port: int, *, timeout: float, alive: Any = None) -> bool:
    """Whether 127.0.0.1:`port` accepts a connection within `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if alive is not None and not alive():
            return False
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
            return True
        time.sleep(0.05)
    return False


# --- Dovecot ------------------------------------------------------------------------------------


class DovecotMissing(RuntimeError):
    """The `dovecot` binary is not installed."""


_CONFIG_23 = """\
base_dir = {folder}/run
state_dir = {folder}/state
log_path = {folder}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
mail_location = maildir:~/Maildir
mail_max_userip_connections = 100
{users}
service imap-login {{
  inet_listener imap {{
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
passdb {{
  driver = static
  args = password={password}
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={folder}/home
}}
"""

_CONFIG_24 = """\
dovecot_config_version = 2.4.0
dovecot_storage_version = 2.4.0
base_dir = {folder}/run
state_dir = {folder}/state
log_path = {folder}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
auth_allow_cleartext = yes
auth_mechanisms = plain login
auth_failure_delay = 0
mail_driver = maildir
mail_path = ~/Maildir
mail_max_userip_connections = 100
{users}
service imap-login {{
  inet_listener imap {{
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
passdb static {{
  password = {password}
}}
userdb static {{
  fields {{
    uid = {uid}
    gid = {gid}
    home = {folder}/home
  }}
}}
"""


def dovecot_binary() -> str:
    """The path of the `dovecot` binary; DovecotMissing when there is none."""
    path = shutil.which("dovecot") or shutil.which("dovecot", path="/usr/sbin:/usr/local/sbin")
    if path is None:
        raise DovecotMissing(f"Dovecot is not installed ({DOVECOT_INSTALL})")
    return path


def dovecot_version(binary: str) -> tuple[int, int]:
    """The (major, minor) version of the Dovecot at `binary`, e.g. (2, 3)."""
    output = subprocess.run([binary, "--version"], capture_output=True, text=True, check=True)
    major, minor = output.stdout.split()[0].split(".")[:2]
    return int(major), int(minor)


def _mail_owner() -> tuple[int, int, str]:
    """The uid, gid and the `default_*_user` lines for the mail: `nobody` when run as root."""
    if os.geteuid() == 0:
        nobody = pwd.getpwnam("nobody")
        return nobody.pw_uid, nobody.pw_gid, ""
    me = pwd.getpwuid(os.geteuid())
    users = f"default_internal_user = {me.pw_name}\ndefault_login_user = {me.pw_name}\n"
    return me.pw_uid, me.pw_gid, users


class Dovecot:
    """A Dovecot IMAP server on 127.0.0.1:`port`, in a temporary folder removed by `stop()`."""

    user = "bot@example.org"
    password = "dovecot-test-password"

    def __init__(self, *, extra_config: str = "", start_timeout: float = 10.0) -> None:
        self._binary = dovecot_binary()
        self.version = dovecot_version(self._binary)
        self.port = free_port()
        self.host = "127.0.0.1"
        self._start_timeout = start_timeout
        self._extra_config = extra_config
        self._folder = Path(tempfile.mkdtemp(prefix="eventbot-dovecot-"))
        self._process: subprocess.Popen[bytes] | None = None
        self.config = self._write_config()

    def _write_config(self) -> Path:
        uid, gid, users = _mail_owner()
        self._folder.chmod(0o755)  # the login and mail processes run unprivileged
        home = self._folder / "home"
        home.mkdir()
        os.chown(home, uid, gid)
        template = _CONFIG_24 if self.version >= (2, 4) else _CONFIG_23
        text = template.format(
            folder=self._folder,
            port=self.port,
            password=self.password,
            uid=uid,
            gid=gid,
            users=users,
        )
        config = self._folder / "dovecot.conf"
        config.write_text(f"{text}{self._extra_config}\n", encoding="utf-8")
        return config

    @property
    def log(self) -> str:
        """What Dovecot wrote to its error output and its log so far."""
        paths = (self._folder / "stderr.log", self._folder / "dovecot.log")
        return "".join(
            path.read_text(encoding="utf-8", errors="replace") for path in paths if path.exists()
        )

    def start(self) -> None:
        """Start Dovecot and wait until its IMAP port answers."""
        with (self._folder / "stderr.log").open("ab") as stderr:
            self._process = subprocess.Popen(
                [self._binary, "-F", "-c", str(self.config)],
                stdout=subprocess.DEVNULL,
                stderr=stderr,
                start_new_session=True,  # its own process group: `halt` ends all of it at once
            )
        process = self._process
        if not _wait_for_port(
            self.port, timeout=self._start_timeout, alive=lambda: process.poll() is None
        ):
            self.halt()
            raise RuntimeError(f"Dovecot did not start on port {self.port}:\n{self.log}")

    def halt(self) -> None:
        """Stop Dovecot but keep its mailbox, to `start()` it again."""
        process, self._process = self._process, None
        if process is None:
            return
        # Killed outright, every process of it: a graceful stop takes from 10 ms to 10 s, and
        # maildir is safe against it (what a test appended was written before the answer).
        _signal_group(process.pid, signal.SIGKILL)
        process.wait()
        # A killed master leaves its sockets behind, and a login process that is not gone yet
        # still answers on them: the next start would take that for a running Dovecot ("Socket
        # already exists"). The mailbox is elsewhere; the next start makes the folder anew.
        shutil.rmtree(self._folder / "run", ignore_errors=True)

    def restart(self) -> None:
        """Stop and start again on the same port with the same mailbox: connections are cut."""
        self.halt()
        self.start()

    def stop(self) -> None:
        """Stop Dovecot and remove its folder."""
        self.halt()
        shutil.rmtree(self._folder, ignore_errors=True)

    def client(self) -> IMAPClient:
        """A logged-in imapclient connection (close it with `logout()`)."""
        client = IMAPClient(self.host, port=self.port, ssl=False, timeout=10)
        client.login(self.user, self.password)
        return client

    def append(self, raw: bytes, folder: str = "INBOX") -> int:
        """Put the mail `raw` into `folder` (created if need be) and return its UID."""
        client = self.client()
        try:
            if not client.folder_exists(folder):
                client.create_folder(folder)
            response = client.append(folder, raw)
        finally:
            client.logout()
        return _appended_uid(response)

    def flags(self, uid: int, folder: str = "INBOX") -> set[bytes]:
        """The flags of the mail `uid` in `folder`."""
        client = self.client()
        try:
            client.select_folder(folder, readonly=True)
            return set(client.get_flags([uid]).get(uid, ()))
        finally:
            client.logout()

    def uids(self, folder: str = "INBOX") -> list[int]:
        """The UIDs of the mail in `folder` (none when it does not exist)."""
        client = self.client()
        try:
            if not client.folder_exists(folder):
                return []
            client.select_folder(folder, readonly=True)
            return sorted(client.search("ALL"))
        finally:
            client.logout()

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()


def _signal_group(group: int, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(group, signum)


def _appended_uid(response: bytes) -> int:
    """The UID in an APPEND answer such as b'[APPENDUID 1712 3] Append completed.'."""
    words = response.decode().strip("[").split()
    if words[0].upper() != "APPENDUID":
        raise RuntimeError(f"the server gave no UID for the appended mail: {response!r}")
    return int(words[2].rstrip("]"))


# --- SMTP ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Received:
    """One message the SMTP server accepted."""

    mail_from: str
    rcpt_tos: tuple[str, ...]
    data: bytes
    peer: tuple[str, int]  # the client's address: the same for messages on one connection


Command = Literal["MAIL", "RCPT", "DATA"]


class _Handler:
    """aiosmtpd hooks that record messages and answer with the faults asked for."""

    def __init__(self) -> None:
        self.lock = threading.Condition()
        self.received: list[Received] = []
        self.faults: dict[str, list[str | None]] = {"MAIL": [], "RCPT": [], "DATA": []}
        self.refused: dict[str, str] = {}
        self.servers: set[Any] = set()

    def _fault(self, command: str, server: Any) -> str | None:
        """The answer injected for this `command` (closing the connection for a drop)."""
        with self.lock:
            if not self.faults[command]:
                return None
            answer = self.faults[command].pop(0)
        if answer is None:
            server.transport.close()
            return "421 dropped"  # never reaches the client: the connection is closed
        return answer

    async def handle_EHLO(
        self, server: Any, session: Any, envelope: Any, hostname: str, responses: list[str]
    ) -> list[str]:
        session.host_name = hostname
        with self.lock:
            self.servers.add(server)
        return responses

    async def handle_MAIL(
        self, server: Any, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        answer = self._fault("MAIL", server)
        if answer is not None:
            return answer
        envelope.mail_from = address
        envelope.mail_options.extend(options)
        return "250 OK"

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        answer = self._fault("RCPT", server)
        if answer is not None:
            return answer
        with self.lock:
            refusal = self.refused.get(address.lower())
        if refusal is not None:
            return refusal
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        answer = self._fault("DATA", server)
        if answer is not None:
            return answer
        message = Received(
            mail_from=envelope.mail_from,
            rcpt_tos=tuple(envelope.rcpt_tos),
            data=bytes(envelope.original_content),
            peer=tuple(session.peer[:2]),
        )
        with self.lock:
            self.received.append(message)
            self.lock.notify_all()
        return "250 Message accepted for delivery"


class SmtpServer:
    """An aiosmtpd SMTP server on 127.0.0.1:`port` that records what it receives."""

    def __init__(self) -> None:
        self.host = "127.0.0.1"
        self.port = free_port()  # aiosmtpd cannot bind port 0 (aio-libs/aiosmtpd#388)
        self._handler = _Handler()
        self._controller = Controller(self._handler, hostname=self.host, port=self.port)
        self.running = False

    def settings(self, address: str, **more: Any) -> EmailSettings:
        """eventbot's [email] settings for sending through this server; IMAP points at a closed
        port (sending needs no mailbox)."""
        from eventbot.config import EmailSettings

        return EmailSettings(
            address=address,
            imap_host="127.0.0.1",
            imap_port=free_port(),
            smtp_host=self.host,
            smtp_port=self.port,
            password="x",
            security="none",
            **more,
        )

    @property
    def received(self) -> list[Received]:
        """Every message accepted so far, oldest first."""
        with self._handler.lock:
            return list(self._handler.received)

    def wait_for(self, count: int, *, timeout: float = 10.0) -> list[Received]:
        """Wait until `count` messages have arrived, and return them all."""
        with self._handler.lock:
            if not self._handler.lock.wait_for(
                lambda: len(self._handler.received) >= count, timeout
            ):
                got = len(self._handler.received)
                raise TimeoutError(f"{got} of {count} messages arrived in {timeout} s")
            return list(self._handler.received)

    def fail_next(self, command: Command, code: int, text: str, *, times: int = 1) -> None:
        """Answer the next `times` MAIL, RCPT or DATA commands with `code` and `text`."""
        with self._handler.lock:
            self._handler.faults[command].extend([f"{code} {text}"] * times)

    def clear_faults(self) -> None:
        """Answer every command normally again."""
        with self._handler.lock:
            for queued in self._handler.faults.values():
                queued.clear()

    def drop_next(self, command: Command) -> None:
        """Close the connection instead of answering the next `command`."""
        with self._handler.lock:
            self._handler.faults[command].append(None)

    def refuse(self, address: str, code: int = 550, text: str = "5.1.1 No such user") -> None:
        """Refuse RCPT TO `address` from now on."""
        with self._handler.lock:
            self._handler.refused[address.lower()] = f"{code} {text}"

    def drop_connections(self) -> None:
        """Close every client connection now, as a server does after an idle timeout."""
        with self._handler.lock:
            servers, self._handler.servers = list(self._handler.servers), set()
        for server in servers:
            if server.transport is not None:
                self._controller.loop.call_soon_threadsafe(server.transport.close)

    def start(self) -> None:
        """Start listening."""
        self._controller.start()
        self.running = True

    def stop(self) -> None:
        """Stop listening and cut off every client."""
        if self.running:
            self.drop_connections()
            self._controller.stop()
            self.running = False

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()
