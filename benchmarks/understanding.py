"""How well the assistant understands attendees, on blind sets written by someone who never saw
the engine (benchmarks/blind/<round>/: new events, single questions, whole conversations).

    python benchmarks/understanding.py round-1            # the figures
    python benchmarks/understanding.py round-1 --errors   # and every mistake (the set is then
                                                          # spent: tune on it, score a new round)

A reply is right when the hand-off is decided as labelled and, for an answer, every `contains`
group has one of its alternatives in the reply (a range of days in one month, "18–31 March",
says both days), nothing `absent` is there, the event is the
labelled one, and the reply is in the language asked. "Wrong with confidence" is an answer given
where a hand-off was due, or an answer that fails those checks; asking back which event is
counted apart. Conversations run through the whole assistant with a throwaway SQLite database,
so registration turns are real.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import re
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventbot.clock import FixedClock
from eventbot.conversation import Assistant, Sender
from eventbot.engine import Engine, Incoming, Outcome, State
from eventbot.knowledge import Event, load_events
from eventbot.storage.database import Database

HERE = Path(__file__).parent
SAMPLES = HERE.parent / "events"

#: Function words that tell the three languages apart in a reply (not the engine's own lists).
MARKERS = {
    "en": set(
        [
            "the",
            "is",
            "are",
            "and",
            "of",
            "you",
            "your",
            "on",
            "in",
            "at",
            "to",
            "for",
            "it",
            "was",
            "will",
            "not",
            "there",
            "this",
            "that",
            "with",
            "from",
            "days",
            "until",
        ]
    ),
    "de": set(
        [
            "der",
            "die",
            "das",
            "den",
            "dem",
            "des",
            "ist",
            "sind",
            "und",
            "von",
            "ihr",
            "ihre",
            "sie",
            "am",
            "im",
            "mit",
            "für",
            "zu",
            "zum",
            "zur",
            "nicht",
            "es",
            "ein",
            "eine",
            "einen",
            "ich",
            "wir",
            "tage",
            "tagen",
            "bis",
            "uhr",
            "auch",
            "noch",
        ]
    ),
    "nl": set(
        [
            "de",
            "het",
            "is",
            "zijn",
            "en",
            "van",
            "je",
            "u",
            "uw",
            "op",
            "bij",
            "voor",
            "een",
            "niet",
            "er",
            "dat",
            "dit",
            "met",
            "naar",
            "ik",
            "wij",
            "dagen",
            "tot",
            "uur",
            "ook",
            "nog",
        ]
    ),
}


def language_of(text: str) -> str | None:
    """The language whose function words the text uses most; None when no one language does
    (no such word, or a tie): a reply of names and dates tells nothing."""
    # a word in capitals is an abbreviation, not a function word: "IST" is India's time
    words = re.findall(r"[a-zäöüßéèëï]+", re.sub(r"\b[A-Z]{2,}\b", " ", text).lower())
    scores = {lang: sum(w in markers for w in words) for lang, markers in MARKERS.items()}
    best = max(scores.values())
    leaders = [lang for lang, score in scores.items() if score == best]
    return leaders[0] if best > 0 and len(leaders) == 1 else None


#: A range of days in one month as a reply writes it: "18–31 March", "18.–31. März".
RANGE = re.compile(r"\b(\d{1,2})(\.?)\s?[–-]\s?(\d{1,2})(\.?)\s+([A-Za-zÄäÖöÜü]{3,})")


def spelled_out_ranges(text: str) -> str:
    """Each range of days with its month written at both ends ("18 March – 31 March"), so that
    a check for the first day's date finds it: the range says both days as plainly."""
    return "\n".join(
        f"{a}{dot_a} {month} – {b}{dot_b} {month}"
        for a, dot_a, b, dot_b, month in RANGE.findall(text)
    )


@dataclass
class Verdict:
    right: bool
    confident_wrong: bool
    asked_back: bool
    why: str


def own_words(text: str, facts: list[str]) -> str:
    """The reply without the organisers' facts quoted in it (a summary, a rule, a talk title,
    one sentence of a longer text): those stay in the language they were written in, so they
    say nothing of the reply's."""
    quoted = {part for fact in facts for part in (fact, *SENTENCE_END.split(fact))}
    for fact in sorted(quoted, key=len, reverse=True):
        if len(fact) >= 12:
            text = text.replace(fact, " ")
    return text


#: where one sentence of an organisers' text ends and the next begins
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9])")


def fact_texts(event: Event | None) -> list[str]:
    """Every text of an event file, as written."""
    if event is None:
        return []
    found: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(event.model_dump(mode="json"))
    return found


def judge(
    expect: dict[str, Any], outcome: Outcome, lang: str, facts: list[str] | None = None
) -> Verdict:
    text = "\n".join(reply.text for reply in outcome.replies)
    lowered = (text + "\n" + spelled_out_ranges(text)).lower()
    asked_back = any(reply.choices for reply in outcome.replies) and not outcome.handoff
    if expect["handoff"] != outcome.handoff:
        why = "answered, should hand off" if expect["handoff"] else "handed off, should answer"
        return Verdict(False, not outcome.handoff and not asked_back, asked_back, why)
    if expect["handoff"]:
        return Verdict(True, False, False, "")
    problems = []
    for group in expect.get("contains", []):
        if not any(alt.lower() in lowered for alt in group):
            problems.append(f"lacks {group}")
    problems += [f"has {a!r}" for a in expect.get("absent", []) if a.lower() in lowered]
    if expect.get("event") and outcome.event != expect["event"]:
        problems.append(f"event {outcome.event} not {expect['event']}")
    said = own_words(text, facts or [])
    replied = language_of(said)
    if replied is not None and replied != lang:
        problems.append(f"replied in {replied}, not {lang}")
    right = not problems
    return Verdict(
        right, not right and not asked_back, asked_back and not right, "; ".join(problems)
    )


def _kinds(why: str) -> set[str]:
    """The kinds of a verdict's problems, without the facts: "lacks", "replied in", …"""
    return {re.sub(r" [\[{'\w].*$", "", part.strip()) or part for part in why.split(";")} or {"?"}


def events_for(loaded: list[str], pool: dict[str, Event]) -> list[Event]:
    return [pool[event_id] for event_id in loaded]


def moment(text: str) -> dt.datetime:
    value = dt.datetime.fromisoformat(text)
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def score_questions(
    rows: list[dict[str, Any]], pool: dict[str, Event], errors: bool
) -> Counter[str]:
    totals: Counter[str] = Counter()
    engines: dict[tuple[str, ...], Engine] = {}
    for row in rows:
        key = tuple(row["loaded"])
        engine = engines.get(key) or engines.setdefault(
            key, Engine(events_for(row["loaded"], pool))
        )
        state = State(event=row.get("state_event"))
        outcome = engine.handle(Incoming(row["question"]), state, moment(row["now"]))
        verdict = judge(row, outcome, row["lang"], fact_texts(pool.get(outcome.event or "")))
        for label in ("all", row["lang"], "sample" if set(key) <= SAMPLE_IDS else "new"):
            totals[f"{label} n"] += 1
            totals[f"{label} right"] += verdict.right
            totals[f"{label} confident wrong"] += verdict.confident_wrong
            totals[f"{label} asked back"] += verdict.asked_back
        if not verdict.right:  # the kind of mistake only: counting them spends nothing
            for kind in _kinds(verdict.why):
                totals[f"why {row['lang']} {kind}"] += 1
        if errors and not verdict.right:
            reply = " / ".join(r.text for r in outcome.replies).replace("\n", " ")[:300]
            print(f"  [{row['id']}] {row['question']!r}: {verdict.why}\n      -> {reply}")
    return totals


async def score_conversations(
    rows: list[dict[str, Any]], pool: dict[str, Event], errors: bool
) -> Counter[str]:
    totals: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as folder:
        for number, row in enumerate(rows):
            database = Database(f"sqlite:///{folder}/{number}.db")
            await database.migrate()
            clock = FixedClock(moment(row["now"]))
            assistant = Assistant(Engine(events_for(row["loaded"], pool)), database, clock)
            sender = Sender("benchmark", row["id"])
            whole = True
            for index, turn in enumerate(row["turns"]):
                outcome = await assistant.handle(sender, turn["user"])
                verdict = judge(
                    turn, outcome, row["lang"], fact_texts(pool.get(outcome.event or ""))
                )
                whole &= verdict.right
                for label in ("all", row["lang"]):
                    totals[f"{label} turns"] += 1
                    totals[f"{label} turns right"] += verdict.right
                    totals[f"{label} confident wrong"] += verdict.confident_wrong
                if not verdict.right:
                    for kind in _kinds(verdict.why):
                        totals[f"why {row['lang']} {kind}"] += 1
                if errors and not verdict.right:
                    reply = " / ".join(r.text for r in outcome.replies).replace("\n", " ")[:300]
                    print(
                        f"  [{row['id']} #{index + 1}] {turn['user']!r}: {verdict.why}\n      -> {reply}"
                    )
            for label in ("all", row["lang"]):
                totals[f"{label} conversations"] += 1
                totals[f"{label} conversations right"] += whole
            await database.close()
    return totals


def percent(part: int, whole: int) -> str:
    return f"{part}/{whole} = {part / whole:.1%}" if whole else "—"


SAMPLE_IDS: set[str] = set()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("round", help="a folder of benchmarks/blind/, e.g. round-1")
    parser.add_argument("--errors", action="store_true", help="list every mistake")
    args = parser.parse_args()
    folder = HERE / "blind" / args.round
    samples = load_events(SAMPLES)
    SAMPLE_IDS.update(event.id for event in samples)
    pool = {event.id: event for event in [*samples, *load_events(folder / "events")]}
    questions = [json.loads(line) for line in (folder / "questions.jsonl").open() if line.strip()]
    conversations = [
        json.loads(line) for line in (folder / "conversations.jsonl").open() if line.strip()
    ]
    q = score_questions(questions, pool, args.errors)
    print(f"single questions ({args.round}):")
    for label in ("all", "sample", "new", "en", "de", "nl"):
        n = q[f"{label} n"]
        if n:
            print(
                f"  {label:>6}: right {percent(q[f'{label} right'], n)}; wrong with confidence "
                f"{percent(q[f'{label} confident wrong'], n)}; asked back {q[f'{label} asked back']}"
            )
    kinds = sorted((k.removeprefix("why "), v) for k, v in q.items() if k.startswith("why "))
    print("  mistakes by kind: " + "; ".join(f"{kind} {count}" for kind, count in kinds))
    c = asyncio.run(score_conversations(conversations, pool, args.errors))
    print(f"conversations ({args.round}):")
    for label in ("all", "en", "de", "nl"):
        if c[f"{label} turns"]:
            print(
                f"  {label:>6}: turns right {percent(c[f'{label} turns right'], c[f'{label} turns'])}"
                f"; conversations right throughout "
                f"{percent(c[f'{label} conversations right'], c[f'{label} conversations'])}"
                f"; wrong with confidence {c[f'{label} confident wrong']}"
            )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
