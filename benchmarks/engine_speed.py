"""Engine time per message, and wall time of `eventbot ask` for 200 questions on standard input.

    python benchmarks/engine_speed.py

The questions are the labelled ones in questions/, replayed until a few thousand have been
answered; each is timed on its own (median and p99). Then `eventbot ask` is started as a new
process with 200 of them on its standard input, process start included, after a first run
that creates the database and, as on a user's machine, writes Python's bytecode cache (a
PYTHONDONTWRITEBYTECODE in the environment is not passed on: with it, every process compiles
the package's modules again, about 0.1 s more).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from eventbot.engine import Engine, Incoming, State
from eventbot.knowledge import load_events

HERE = Path(__file__).parent
NOW = dt.datetime(2024, 1, 15, 12, tzinfo=dt.UTC)
MESSAGES = 5000


def questions() -> list[str]:
    found = []
    for path in sorted((HERE / "questions").glob("*.jsonl")):
        found += [
            json.loads(line)["question"]
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
    return found


def engine_times(texts: list[str]) -> list[float]:
    engine = Engine(load_events(HERE.parent / "events"))
    for text in texts:  # warm the caches once, as a running assistant would have
        engine.handle(Incoming(text), State(), NOW)
    times = []
    for i in range(MESSAGES):
        text = texts[i % len(texts)] + (
            "" if i < len(texts) else f" {i}"
        )  # later rounds miss the caches
        start = time.perf_counter()
        engine.handle(Incoming(text), State(), NOW)
        times.append(time.perf_counter() - start)
    return times


def ask_wall_time(texts: list[str]) -> float:
    """Seconds for a new `eventbot ask` process to answer `texts`, hand-offs recorded in an
    SQLite database as in the README's default (created by a first run, as on a user's machine)."""
    with tempfile.TemporaryDirectory() as tmp:
        stdin = "\n".join(texts) + "\n"
        env = {**os.environ, "EVENTBOT_DATABASE_URL": f"sqlite:///{tmp}/eventbot.db"}
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # a user's Python keeps its bytecode
        command = [sys.executable, "-m", "eventbot", "ask", "--json", "--now", NOW.isoformat()]
        subprocess.run(
            [*command, "what is the meaning of life?"],
            capture_output=True,
            cwd=HERE.parent,
            env=env,
        )
        start = time.perf_counter()
        done = subprocess.run(
            command, input=stdin, capture_output=True, text=True, cwd=HERE.parent, env=env
        )
        elapsed = time.perf_counter() - start
        assert done.returncode == 0 and len(done.stdout.splitlines()) == len(texts), done.stderr
        return elapsed


def main() -> None:
    texts = questions()
    times = sorted(engine_times(texts))
    ms = [t * 1000 for t in times]
    p99 = ms[int(len(ms) * 0.99) - 1]
    print(
        f"engine: {len(ms)} messages, median {statistics.median(ms):.3f} ms, p99 {p99:.3f} ms, max {ms[-1]:.3f} ms"
    )
    cold = [ask_wall_time(["hi"]) for _ in range(5)]
    print(f'eventbot ask "hi", process start included: median {statistics.median(cold):.2f} s of 5')
    walls = [ask_wall_time(texts[:200]) for _ in range(3)]
    print(
        f"eventbot ask, 200 questions on stdin, process start included: best {min(walls):.2f} s, "
        f"median {statistics.median(walls):.2f} s of {len(walls)} runs"
    )


if __name__ == "__main__":
    main()
