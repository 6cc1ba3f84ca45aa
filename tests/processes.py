"""`eventbot` as a process of its own, for the tests that kill it: started with a config of the
test's, without the caller's EVENTBOT_ settings, its output kept in a log file."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path


def wait_until(condition: Callable[[], bool], *, timeout: float = 20.0, every: float = 0.1) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return
        time.sleep(every)
    raise TimeoutError("the condition did not hold in time")


class Eventbot:
    """`eventbot --config CONFIG …` in a process of its own."""

    def __init__(self, config: Path, log: Path) -> None:
        self.config = config
        self.log = log
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, *args: str) -> None:
        """Run `eventbot ARGS` (`run` when none are given)."""
        environment = {k: v for k, v in os.environ.items() if not k.startswith("EVENTBOT_")}
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "eventbot",
                    "--config",
                    str(self.config),
                    *(args or ["run"]),
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
                env=environment,
            )

    def wait(self, timeout: float) -> int:
        """Its exit status, once it ended by itself."""
        assert self.process is not None
        return self.process.wait(timeout)

    def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()
