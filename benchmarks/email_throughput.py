"""Mails answered per second by the email channel, end to end, through real mail servers.

    python benchmarks/email_throughput.py [--mails 1000] [--limited 200] [--paced 100]

Needs Dovecot (Debian: apt-get install dovecot-imapd) and aiosmtpd (the test extra). Each round
starts a throwaway Dovecot and an aiosmtpd server (tests/mailservers.py), and runs eventbot as
production does, `eventbot.app.serve` in this process's event loop, on a fresh SQLite database:
the mailbox is watched with IDLE, each mail answered in its transaction, the reply sent by the
outbox's dispatcher. The mails are appended to INBOX by a pool of threads while eventbot runs,
one question each (over the three sample events), each from its own sender with its own
Message-ID; a reply is matched to its mail by In-Reply-To. Mails per second run from the first
append to the last reply received; a mail's latency from the moment its APPEND completed to the
moment its reply reached the SMTP server.

Three rounds: `--mails` appended as fast as Dovecot takes them with the email lane's rate lifted
(the throughput figure; latencies there include the wait behind the backlog), `--limited`
likewise at the default `send_per_second` (the configured limit kept), and `--paced` appended at
`--pace` a second, well under capacity (the latency of a mail that waits for no other; Dovecot
itself announces new mail to IDLE only after half a second, NOTIFY_DELAY_MSECS in its
mailbox-watch.c, so a lone mail takes about 0.5 s plus eventbot's own time). Everything runs on
this machine, servers and appending threads included: they share its cores with eventbot.
"""

from __future__ import annotations

import argparse
import asyncio
import email.policy
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

from eventbot.app import open_assistant, serve
from eventbot.config import DatabaseSettings, EmailSettings, KnowledgeSettings, Settings

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from mailservers import (  # noqa: E402
    Dovecot,
    DovecotMissing,
    SmtpServer,
    dovecot_binary,
    dovecot_version,
)

#: The questions asked in turn, and a part of the answer each one must get.
QUESTIONS = (
    ("When is the Hanover symposium?", "14–15 September 2023"),
    ("How much is the registration fee for the Hanover symposium?", "119 EUR"),
    ("What is the TAI4H submission deadline?", "20 May 2024"),
    ("Where is the Hanover symposium held?", "Leibnizhaus"),
)
DEFAULT_SEND_PER_SECOND = EmailSettings.model_fields["send_per_second"].default
APPEND_THREADS = 4


@dataclass(frozen=True)
class Question:
    """One mail to append: its Message-ID, its bytes, and what its reply must say."""

    message_id: str
    raw: bytes
    expected: str


def mails_asking(count: int, *, tag: str) -> list[Question]:
    """`count` mails, each from its own sender, the questions taken in turn."""
    made = []
    for i in range(count):
        text, expected = QUESTIONS[i % len(QUESTIONS)]
        message = EmailMessage()
        message["From"] = f"Attendee {i} <sender{i}@example.org>"
        message["To"] = Dovecot.user
        message["Subject"] = "A question"
        message["Message-ID"] = f"<bench-{tag}-{i}@example.org>"
        message["Date"] = "Tue, 01 Aug 2023 09:00:00 +0000"
        message.set_content(f"Hello,\n\n{text}\n\nThanks,\nAttendee {i}\n")
        made.append(Question(message["Message-ID"], bytes(message), expected))
    return made


class Appender:
    """Appends the mails to INBOX from a pool of threads, as fast as Dovecot takes them or at
    `pace` a second, recording when each APPEND completed, by Message-ID."""

    def __init__(
        self, dovecot: Dovecot, mails: Sequence[Question], *, threads: int, pace: float | None
    ) -> None:
        self.dovecot = dovecot
        self.mails = mails
        self.threads = threads
        self.pace = pace
        self.appended: dict[str, float] = {}
        self.error: BaseException | None = None
        self.done = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="appender", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        try:
            with ThreadPoolExecutor(self.threads, thread_name_prefix="append") as pool:
                began = time.perf_counter()
                futures = []
                for i, mail in enumerate(self.mails):
                    if self.pace is not None and self._stop.wait(
                        max(0.0, began + i / self.pace - time.perf_counter())
                    ):
                        break
                    futures.append(pool.submit(self._append, mail))
                for future in futures:
                    future.result()
        except BaseException as exc:  # reported by the round, which then stops
            self.error = exc
        finally:
            self.done.set()

    def _append(self, mail: Question) -> None:
        if self._stop.is_set():
            return
        self.dovecot.append(mail.raw)
        self.appended[mail.message_id] = time.perf_counter()


class Watcher:
    """Records, on a thread of its own, when each message reached the SMTP server."""

    def __init__(self, smtp: SmtpServer) -> None:
        self.smtp = smtp
        self.arrivals: list[tuple[float, bytes]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="watcher", daemon=True)

    @property
    def count(self) -> int:
        return len(self.arrivals)

    @property
    def last(self) -> float | None:
        return self.arrivals[-1][0] if self.arrivals else None

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:  # woken by the server's condition the moment a message is accepted
                received = self.smtp.wait_for(len(self.arrivals) + 1, timeout=0.2)
            except TimeoutError:
                continue
            now = time.perf_counter()
            self.arrivals.extend((now, r.data) for r in received[len(self.arrivals) :])


@dataclass
class Outcome:
    """What one round measured."""

    mails: list[Question]
    appended: dict[str, float]
    arrivals: list[tuple[float, bytes]]
    appending_seconds: float | None
    round_seconds: float
    problem: str | None
    replied: dict[str, float] = field(default_factory=dict)  # Message-ID → reply received
    stray: int = 0  # replies naming no mail of ours
    twice: int = 0  # second replies to the same mail
    wrong: int = 0  # replies without the expected answer

    def __post_init__(self) -> None:
        expected = {mail.message_id: mail.expected for mail in self.mails}
        parser = BytesParser(policy=email.policy.default)
        for at, data in self.arrivals:
            message = parser.parsebytes(data)
            asked = str(message.get("In-Reply-To", "")).strip()
            if asked not in expected:
                self.stray += 1
                continue
            if asked in self.replied:
                self.twice += 1
                continue
            self.replied[asked] = at
            assert isinstance(message, EmailMessage)
            body = message.get_body(preferencelist=("plain",))
            if body is None or expected[asked] not in str(body.get_content()):
                self.wrong += 1

    @property
    def complete(self) -> bool:
        """Exactly one reply to each mail, each naming its mail, nothing else."""
        return len(self.replied) == len(self.mails) and not (self.stray or self.twice)

    def rate(self) -> float | None:
        """Mails answered a second, from the first append to the last reply received."""
        if not self.replied or not self.appended:
            return None
        return len(self.replied) / (max(self.replied.values()) - min(self.appended.values()))

    def phases(self) -> tuple[float, float] | None:
        """Mails answered a second while mails were still being appended, and after the last
        append (the appending threads and Dovecot share the machine with eventbot)."""
        if not self.replied or len(self.appended) < 2:
            return None
        first, last = min(self.appended.values()), max(self.appended.values())
        during = sum(1 for at in self.replied.values() if at <= last)
        after = len(self.replied) - during
        if last - first < 1.0 or after < 10:
            return None
        return during / (last - first), after / (max(self.replied.values()) - last)

    def latencies(self) -> list[float]:
        return sorted(at - self.appended[m] for m, at in self.replied.items() if m in self.appended)


async def run_round(
    count: int, *, tag: str, send_per_second: float, pace: float | None, stall: float
) -> Outcome:
    """Append `count` mails while eventbot serves, until every reply is in (or none comes for
    `stall` seconds, or eventbot stops on its own)."""
    began = time.perf_counter()
    mails = mails_asking(count, tag=tag)
    with (
        tempfile.TemporaryDirectory(prefix="eventbot-email-bench-") as tmp,
        Dovecot() as dovecot,
        SmtpServer() as smtp,
    ):
        settings = Settings(
            knowledge=KnowledgeSettings(events_dir=ROOT / "events"),
            database=DatabaseSettings(url=f"sqlite:///{tmp}/eventbot.db"),
            email=EmailSettings(
                address=Dovecot.user,
                imap_host=dovecot.host,
                imap_port=dovecot.port,
                smtp_host=smtp.host,
                smtp_port=smtp.port,
                password=Dovecot.password,
                security="none",
                send_per_second=send_per_second,
            ),
        )
        watcher = Watcher(smtp)
        appender = Appender(dovecot, mails, threads=1 if pace else APPEND_THREADS, pace=pace)
        stop = asyncio.Event()
        async with open_assistant(settings) as assistant:
            serving = asyncio.create_task(serve(assistant, settings, stop))
            await asyncio.sleep(1.0)  # the channel logs in, catches up and starts its IDLE
            watcher.start()
            appender.start()
            problem = await wait_for_replies(count, watcher, appender, serving, stall=stall)
            appender.stop()
            stop.set()
            try:
                await serving
            except Exception as exc:
                problem = problem or f"eventbot failed: {exc!r}"
        watcher.stop()
        appending = None
        if appender.appended and len(appender.appended) == count:
            appending = max(appender.appended.values()) - min(appender.appended.values())
        return Outcome(
            mails=mails,
            appended=dict(appender.appended),
            arrivals=list(watcher.arrivals),
            appending_seconds=appending,
            round_seconds=time.perf_counter() - began,
            problem=problem,
        )


async def wait_for_replies(
    count: int,
    watcher: Watcher,
    appender: Appender,
    serving: asyncio.Task[None],
    *,
    stall: float,
) -> str | None:
    """None once `count` replies are in (and a second more passed, to see any extra one), or
    what went wrong."""
    quarters = [count * k // 4 for k in (1, 2, 3)]
    started = time.perf_counter()
    while watcher.count < count:
        if serving.done():
            error = serving.exception() if not serving.cancelled() else None
            return f"eventbot stopped on its own: {error!r}"
        if appender.error is not None:
            return f"appending to Dovecot failed: {appender.error!r}"
        quiet = time.perf_counter() - (watcher.last or started)
        if quiet > stall:
            return f"no reply came for {stall:g} s"
        if quarters and watcher.count >= quarters[0]:
            print(f"    {watcher.count} replies after {time.perf_counter() - started:.1f} s")
            quarters.pop(0)
        await asyncio.sleep(0.05)
    await asyncio.sleep(1.0)
    return None


def report(outcome: Outcome) -> None:
    count = len(outcome.mails)
    if outcome.problem:
        print(f"  STOPPED EARLY: {outcome.problem}")
        print(f"  appended: {len(outcome.appended)} of {count}")
    verdict = "OK" if outcome.complete else "NOT OK: must be exactly one per mail"
    print(
        f"  replies received: {len(outcome.arrivals)}; {len(outcome.replied)} of {count} mails "
        f"answered, with In-Reply-To naming the mail ({verdict}); "
        f"{outcome.twice} second replies, {outcome.stray} naming no mail of ours"
    )
    print(f"  replies without the expected answer: {outcome.wrong}")
    rate = outcome.rate()
    if rate is not None:
        span = len(outcome.replied) / rate
        appending = (
            f"; appending took {outcome.appending_seconds:.1f} s"
            if outcome.appending_seconds is not None
            else ""
        )
        print(
            f"  throughput: {rate:.1f} mails/s "
            f"(first append to last reply received: {span:.1f} s{appending})"
        )
    phases = outcome.phases()
    if phases is not None:
        print(
            f"    of which {phases[0]:.1f} mails/s while mails were still being appended, "
            f"{phases[1]:.1f} mails/s after the last append"
        )
    latencies = outcome.latencies()
    if latencies:
        p99 = statistics.quantiles(latencies, n=100, method="inclusive")[98]
        print(
            f"  arrival to reply received (IDLE): median {statistics.median(latencies):.3f} s, "
            f"p99 {p99:.3f} s, max {latencies[-1]:.3f} s"
        )
    print(f"  whole round (servers, database, eventbot up and down): {outcome.round_seconds:.1f} s")


@dataclass(frozen=True, kw_only=True)
class Round:
    """One round of the run: what is said of it, and how it is run."""

    title: str
    count: int
    tag: str
    send_per_second: float
    pace: float | None = None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mails", type=int, default=1000, help="the throughput round")
    parser.add_argument("--limited", type=int, default=200, help="the round at the default rate")
    parser.add_argument("--paced", type=int, default=100, help="the latency round (0: none)")
    parser.add_argument("--pace", type=float, default=5.0, help="mails/s in the latency round")
    parser.add_argument("--stall", type=float, default=30.0, help="give up after so long quiet")
    args = parser.parse_args()
    began = time.perf_counter()
    try:
        version = dovecot_version(dovecot_binary())
    except DovecotMissing as exc:
        sys.exit(f"{exc}: the benchmark needs a real Dovecot")
    fast = 1000.0
    print(
        f"eventbot's email channel end to end: Dovecot {'.'.join(map(str, version))} (IMAP, IDLE)"
        " -> eventbot.app.serve (SQLite, outbox) -> aiosmtpd; eventbot, aiosmtpd and the"
        " appending threads in one process"
    )
    rounds = [
        Round(
            title=f"{args.mails} mails appended as fast as Dovecot takes them ({APPEND_THREADS} "
            f"threads), send_per_second = {fast:g} (lifted, so that the lane's limit does not "
            "set the figure; latencies include the wait behind the backlog)",
            count=args.mails,
            tag="fast",
            send_per_second=fast,
        ),
        Round(
            title=f"{args.limited} mails appended as fast as Dovecot takes them, "
            f"send_per_second = {DEFAULT_SEND_PER_SECOND:g} (the default: the configured limit "
            "should be kept)",
            count=args.limited,
            tag="limited",
            send_per_second=DEFAULT_SEND_PER_SECOND,
        ),
        Round(
            title=f"{args.paced} mails appended at {args.pace:g} a second (under capacity: no "
            f"backlog), send_per_second = {fast:g}",
            count=args.paced,
            tag="paced",
            send_per_second=fast,
            pace=args.pace,
        ),
    ]
    failed = False
    for chosen in rounds:
        if chosen.count <= 0:
            continue
        print(f"{chosen.title}:", flush=True)
        outcome = asyncio.run(
            run_round(
                chosen.count,
                tag=chosen.tag,
                send_per_second=chosen.send_per_second,
                pace=chosen.pace,
                stall=args.stall,
            )
        )
        report(outcome)
        failed = failed or not outcome.complete or outcome.problem is not None
    print(f"whole run: {time.perf_counter() - began:.1f} s")
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
