"""Accuracy of understanding on the labelled attendee questions (see questions/LABELS.md).

    python benchmarks/accuracy.py                 # both sets, figures only
    python benchmarks/accuracy.py --errors tune   # also list the tuning set's mistakes

A question that names its event is asked with no event chosen; one that does not is asked in a
conversation where its event is already chosen. The held-out set's mistakes are never listed:
it is kept out of tuning.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections import Counter
from pathlib import Path

from eventbot.engine import Engine, Incoming, State
from eventbot.knowledge import load_events

HERE = Path(__file__).parent
NOW = dt.datetime(2024, 1, 15, 12, tzinfo=dt.UTC)


def score(engine: Engine, path: Path, show_errors: bool) -> None:
    rows = [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    totals: Counter[str] = Counter()
    for row in rows:
        state = State(event=None if row["names_event"] else row["event"])
        outcome = engine.handle(Incoming(row["question"]), state, NOW)
        handoff_ok = outcome.handoff == row["handoff"]
        event_ok = row["event"] is None or outcome.event == row["event"]
        intents_ok = outcome.intents == row["intents"] or set(outcome.intents) == set(
            row["intents"]
        )
        right = (
            handoff_ok
            and (row["handoff"] or (event_ok and intents_ok))
            and (event_ok or not row["names_event"])
        )
        totals["questions"] += 1
        totals["correct"] += right
        totals["handoff correct"] += handoff_ok
        totals["event correct"] += event_ok
        if not row["handoff"]:
            totals["answerable"] += 1
            totals["answerable, intents correct"] += intents_ok
        else:
            totals["handoff questions"] += 1
            totals["handoff questions handed off"] += outcome.handoff
        if not row["handoff"] and outcome.handoff:
            totals["answerable but handed off"] += 1
        if show_errors and not right:
            print(
                f"  {row['question']!r}\n    want {row['intents']} {row['event']} handoff={row['handoff']}"
                f"\n    got  {outcome.intents} {outcome.event} handoff={outcome.handoff}"
            )
    n = totals["questions"]
    print(f"{path.name}: {totals['correct']}/{n} correct = {totals['correct'] / n:.1%}")
    print(
        f"  handoff decided right: {totals['handoff correct'] / n:.1%}"
        f"; event right: {totals['event correct'] / n:.1%}"
        f"; intents right on answerable: {totals['answerable, intents correct']}/{totals['answerable']}"
        f"; handoff questions handed off: {totals['handoff questions handed off']}/{totals['handoff questions']}"
        f"; answerable but handed off: {totals['answerable but handed off']}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--errors", choices=["tune"], help="list the mistakes on the tuning set")
    args = parser.parse_args()
    engine = Engine(load_events(HERE.parent / "events"))
    for name in ("tune", "heldout"):
        path = HERE / "questions" / f"{name}.jsonl"
        if path.exists():
            score(engine, path, show_errors=args.errors == name)


if __name__ == "__main__":
    main()
