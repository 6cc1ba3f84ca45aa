"""Questions the knowledge base could not answer, kept for the organisers to answer by hand."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True)
class HandedOff:
    at: str
    event: str | None
    channel: str
    sender: str
    question: str
    reply: str


class HandoffLog:
    """An append-only file of handed-off questions, one JSON object a line."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def record(self, *, at: dt.datetime, event: str | None, channel: str, sender: str, question: str,
               reply: str) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        entry = HandedOff(at.isoformat(), event, channel, sender, question, reply)
        with self.path.open("a", encoding="utf-8") as file:
            file.write(json.dumps(asdict(entry), ensure_ascii=False) + "\n")

    def __iter__(self) -> Iterator[HandedOff]:
        if not self.path.exists():
            return
        with self.path.open(encoding="utf-8") as file:
            for line in file:
                if line.strip():
                    yield HandedOff(**json.loads(line))
