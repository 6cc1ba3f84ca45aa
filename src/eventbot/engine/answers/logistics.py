"""Answers about when, where and for how much: dates, fees, venue, registration, deadlines."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection
from dataclasses import replace
from itertools import pairwise

from ...knowledge import Deadline, DeadlineKind, Event, EventStatus, Fee
from ...knowledge import moments as m
from .. import places
from ..index import sentences
from ..intents import Intent
from ..phrasing import Phrasebook
from ..text import fold, stem_set, stems, words
from .base import FEE_WORDS, Answer, Ask, asked_words, converted, phase, pick, yes_or_no
from .taxes import speaks_of_tax


def dates(ask: Ask) -> Answer:
    event, phrases, answer = ask.event, ask.phrases, Answer()
    if event.dates is None:
        return answer.lack(ask.text("no_dates"))
    d = event.dates
    if event.status in (EventStatus.CANCELLED, EventStatus.POSTPONED):
        answer.add(ask.text(f"status_{event.status.value}"), "status")
    start, end = m.start_day(event), m.end_day(event)
    facts = ["dates.start"] + (["dates.end"] if d.end else [])
    if start is None:
        answer.add(ask.text("dates_no_year", day=phrases.day(d.start)), *facts)
        if "year" in ask.aspects:
            answer.handoff = True
    elif "duration" in ask.aspects and end:
        answer.add(
            ask.text("duration", n=(end - start).days + 1, days=_days(phrases, start, end)), *facts
        )
    else:
        relative = None
        starts, now_is = m.event_starts(event), phase(event, ask.now)
        if starts is not None and now_is == "upcoming":
            relative = phrases.relative(starts, ask.now)
        if relative and ask.query.operation == "countdown":  # "how many days until it starts?"
            ends = m.event_ends(event) if "end" in ask.aspects and end else None  # "… ends?"
            answer.add(
                ask.text(
                    "dates_countdown",
                    day=phrases.day(end if ends and end else start),
                    relative=phrases.relative(ends, ask.now) if ends else relative,
                    end=bool(ends),
                ),
                *facts,
            )
        elif end and end != start:
            answer.add(
                ask.text(
                    "dates_many",
                    days=_days(phrases, start, end),
                    n=(end - start).days + 1,
                    relative=relative,
                ),
                *facts,
            )
        else:
            answer.add(ask.text("dates_one", day=phrases.day(start), relative=relative), *facts)
        if (
            ask.query.operation == "passed"
            and ask.query.intent == Intent.DATES
            and now_is != "ongoing"
        ):  # "has it already taken place?": "Yes, it is over." or "No, not yet."
            answer.lines[-1] = _with_verdict(
                ask, now_is == "past", answer.lines[-1], yes="over_yes"
            )
    # "when are the course days?": what the dates' note says of them; not "can I arrive two
    # days late?", which it does not answer
    if (
        d.note
        and not ask.aspects & {"time", "whole_day", "duration"}
        and not ask.query.polar
        and _of_the_note(ask, d.note)
    ):
        answer.add(ask.text("dates_note", note=d.note.rstrip(".")), "dates.note")
    # "was it a full day?": its hours, or what its dates' note says of them
    if ask.aspects & {"time", "whole_day"}:
        if d.start_time or d.end_time:
            zone = event.timezone
            times = ask.text(
                "times",
                start=d.start_time and d.start_time.strftime("%H:%M"),
                end=d.end_time and d.end_time.strftime("%H:%M"),
                zone=zone,
            )
            starts = m.event_starts(event)
            if starts is not None and d.start_time:  # "what time does it start in CET?"
                times = f"{times} {converted(ask, starts)}".rstrip()
            answer.add(times, "dates.start_time", "dates.end_time")
        else:
            if d.note:
                answer.add(ask.text("dates_note", note=d.note.rstrip(".")), "dates.note")
            if (first := _first_session(ask)) is not None:  # the programme says when it starts
                session, starts = first
                times = ask.text(
                    "times", start=starts.strftime("%H:%M"), end=None, zone=event.timezone
                )
                answer.add(f"{times} {converted(ask, starts)}".rstrip(), f"programme[{session}]")
            # the note answers "was it in the afternoon?" and "a full day?", not "what time
            # did it start?"
            elif not (
                d.note
                and ("whole_day" in ask.aspects or stem_set(d.note) & ask.query.asked - ask.filler)
            ):
                answer.lack(ask.text("no_times"))
    return answer


def _of_the_note(ask: Ask, note: str) -> bool:
    """Whether the question asks of something only the dates' note names ("course days",
    "Anreisetag"), not of the event's days or times alone."""
    return bool(stem_set(note) & ask.query.asked - ask.filler - ask.asking - ask.label)


def _first_session(ask: Ask) -> tuple[int, dt.datetime] | None:
    """The programme's first session with a time, on the event's first day, and its start."""
    start = m.start_day(ask.event)
    zone = m.event_zone(ask.event)
    if start is None or zone is None:
        return None
    timed = [
        (session.start, i)
        for i, session in enumerate(ask.event.programme)
        if session.day == start and session.start is not None
    ]
    if not timed:
        return None
    at, i = min(timed)
    return i, dt.datetime.combine(start, at, tzinfo=zone)


def _days(phrases: Phrasebook, start: dt.date, end: dt.date) -> str:
    return phrases.day_range(start, end) if start != end else phrases.day(start)


def fees(ask: Ask) -> Answer:
    event, phrases, answer = ask.event, ask.phrases, Answer()
    if not event.fees:
        return answer.lack(ask.text("no_fees"))
    aspects = set(ask.aspects)
    if "payment" in aspects:  # how, not how much: the event's file says nothing of paying
        return answer.lack(ask.text("unknown"))
    if "vat" in aspects:  # "is VAT included?" asks about the tax, not what the fee covers
        aspects.discard("includes")
    paid_in = ask.query.currencies  # "how much of the 3980 AUD fee is GST?"
    # the fee of the place they live, and of those the one the question names ("a student
    # living in Nuuk"), else theirs before the one named
    local, named = _for_where_they_live(ask), pick(ask, [fee.category for fee in event.fees])
    chosen = (
        [i for i in local if i in named]
        or local + [i for i in named if i not in local]
        or [
            i
            for i, fee in enumerate(event.fees)
            if fee.amount in ask.amounts and (not paid_in or fee.currency in paid_in)
        ]
        or ([ask.fee_before] if ask.fee_before is not None else [])
    )
    if not chosen and ask.query.intent == Intent.FEES:
        chosen = _for_whom_noted(ask)  # "what does it cost for postdocs?": "For postdocs, …"
    indices = chosen if chosen else list(range(len(event.fees)))
    if chosen and all(event.fees[i].until for i in chosen) and ask.later & set(ask.query.stems):
        indices = _in_their_place(event, chosen) or indices  # "and after the early bird?"
    elif chosen and all(_ended(ask, event.fees[i]) for i in chosen):
        indices += _in_their_place(event, chosen)  # "the early-bird rate?" after it ended
    if "difference" in aspects:  # "a shared or a single room?": one pair, else the organisers
        pair = _compared(ask)
        return _difference(ask, pair) if pair else answer.lack(ask.text("unknown"))
    if "includes" in aspects and ask.query.polar and (sold := _sold_apart(ask, chosen)):
        # "is the banquet included in the student fee?": whether the student fees include
        # what the banquet ticket's name says, and what the ticket costs
        i, item = sold
        answer = _included(ask, [j for j in chosen if j != i], item)
        answer.add(_fee_line(ask, i), f"fees[{i}].category", f"fees[{i}].amount")
        return answer
    item = _item_asked(ask)
    if "includes" in aspects and item:  # "is accommodation included?"
        return _included(ask, indices, item)
    if "includes" in aspects and ask.fee_before is not None and chosen != [ask.fee_before]:
        # "Does that include the congress dinner?" after the student fee: whether that fee
        # includes what the other's name says, not what the other costs
        item = _thing_named(ask, chosen)
        if item:
            return _included(ask, [ask.fee_before], item)
    # "is sales tax added on top?" asks of the tax, not of a note that says "add"
    noted = [] if "vat" in aspects else _notes_naming(ask, indices, item)
    if not chosen and noted and not any(item & stem_set(e) for f in event.fees for e in f.includes):
        return _of_something_else(ask, noted)
    noted += [i for i in _notes_on_the_asker(ask, chosen) if i not in noted]
    noted += [i for i in _notes_for_anyone(ask, chosen) if i not in noted]
    if "vat" in aspects:  # "do I pay GST from the UK?": what the fees' notes say of the tax
        noted += [i for i in indices if speaks_of_tax(event.fees[i].note or "") and i not in noted]
    if "free" in aspects and all(event.fees[i].amount == 0 for i in indices):
        free = yes_or_no(ask, True, ask.text("free_event"))  # "is it free?"
        return answer.add(free, *(f"fees[{i}].amount" for i in indices))
    if "free" in aspects and len(indices) == 1:
        fee = event.fees[indices[0]]
        answer.add(
            ask.text("not_free", amount=phrases.money(fee.amount, fee.currency)),
            f"fees[{indices[0]}].amount",
        )
    elif len(indices) == 1:
        i = indices[0]
        fee = event.fees[i]
        answer.add(
            ask.text(
                "fee_one",
                category=fee.category,
                amount=phrases.money(fee.amount, fee.currency),
                vat=_vat(ask, i),
            ),
            f"fees[{i}].amount",
            f"fees[{i}].currency",
            *([f"fees[{i}].vat_included"] if fee.vat_included is not None else []),
        )
        if fee.until and _to_the_minute(ask):  # "can I still get the early rate?"
            answer.add(ask.text("fee_until", until=_until(ask, fee.until), ended=_ended(ask, fee)))
    else:
        answer.add(ask.text("fees_many"))
        for i in indices:
            answer.add(_fee_line(ask, i), f"fees[{i}].category", f"fees[{i}].amount")
    if (ended := _rates_ended(ask, indices)) is not None:  # "can I still get the early bird?"
        answer.lines[0] = _with_verdict(ask, ended, answer.lines[0])
    elif "vat" in aspects and "includes" in ask.aspects:  # "is VAT included?"
        said = {event.fees[i].vat_included for i in indices}
        if len(said) == 1 and None not in said:
            answer.lines[0] = yes_or_no(ask, said.pop() is True, answer.lines[0])
    if "vat" in aspects and any(_tax_unsaid(event.fees[i]) for i in indices):
        if (written := ask.tax_written) is None:
            answer.lack(ask.text("vat_unknown"))
        else:  # "Gibraltar has no VAT, so the prices in pounds are final."
            answer.add(ask.text("passage", about="", text=written.sentence), written.fact)
    _add_notes(ask, answer, noted)  # "extra nights cost 65 EUR"
    if "includes" in aspects or len(indices) == 1:
        covered = [i for i in indices if event.fees[i].includes]
        for i in covered:
            fee = event.fees[i]
            key = "includes" if len(indices) == 1 else "category_includes"
            answer.add(
                ask.text(key, category=fee.category, items=fee.includes), f"fees[{i}].includes"
            )
        if "includes" in aspects and not covered:
            answer.lack(ask.text("no_includes"))
    return answer


def _tax_unsaid(fee: Fee) -> bool:
    """Whether nothing says if a fee includes its tax: neither its field nor its note ("no
    IVA is charged on it")."""
    return fee.vat_included is None and not speaks_of_tax(fee.note or "")


def _rates_ended(ask: Ask, indices: list[int]) -> bool | None:
    """Whether the rates with an end have ended, when the question names such a rate by a
    word only they have ("early") and all of them have ended, or none; else None."""
    fees = ask.event.fees
    dated = [i for i in indices if fees[i].until]
    names = [stem_set(fee.category) for fee in fees]
    timing = set().union(*(names[i] for i in dated)) - set().union(
        *(n for n, fee in zip(names, fees, strict=True) if not fee.until)
    )
    if not timing & set(ask.query.stems):
        return None
    ended = [i for i in dated if _ended(ask, fees[i])]
    return bool(ended) if len(ended) in (0, len(dated)) else None


def _compared(ask: Ask) -> tuple[int, int] | None:
    """The two fees a question compares ("a single and a shared room for a PhD student",
    "the member early rate rather than the non-member one"): the one pair whose names say
    the most words asked, and differ the least, each named by one; None unless one pair does,
    in one currency."""
    fees = ask.event.fees
    asked = asked_words(ask) | ask.query.negated
    names = [stem_set(fee.category) - ask.filler - FEE_WORDS for fee in fees]
    ranked = sorted(
        ((-len((names[i] | names[j]) & asked), len(names[i] ^ names[j]), (i, j)))
        for i in range(len(fees))
        for j in range(i + 1, len(fees))
        if fees[i].currency == fees[j].currency and names[i] & asked and names[j] & asked
    )
    if not ranked or (len(ranked) > 1 and ranked[0][:2] == ranked[1][:2]):
        return None
    return ranked[0][2]


def _difference(ask: Ask, pair: tuple[int, int]) -> Answer:
    """Both fees, what each includes, and what one costs more than the other."""
    answer = Answer().add(ask.text("fees_many"))
    fees = ask.event.fees
    for i in pair:
        fee = fees[i]
        answer.add(_fee_line(ask, i), f"fees[{i}].category", f"fees[{i}].amount")
        if fee.includes:
            answer.add(
                ask.text("category_includes", category=fee.category, items=fee.includes),
                f"fees[{i}].includes",
            )
    first, second = (fees[i] for i in pair)
    gap = ask.phrases.money(abs(first.amount - second.amount), first.currency)
    return answer.add(ask.text("fee_difference", amount=gap))


def _fee_line(ask: Ask, i: int) -> str:
    """ "• Student: 150 GBP (until …)": one fee of a list, with its VAT rate if VAT is asked."""
    fee = ask.event.fees[i]
    return ask.text(
        "fee_line",
        category=fee.category,
        amount=ask.phrases.money(fee.amount, fee.currency),
        vat=_vat(ask, i),
        until=fee.until and _until(ask, fee.until),
        ended=_ended(ask, fee),
    )


def _to_the_minute(ask: Ask) -> bool:
    """Whether the asker wants a rate's end to the minute: they say where they are, or ask
    whether it still holds ("It's 5pm in Munich – can I still get the early bird?")."""
    return ask.query.zone is not None or ask.query.operation in ("still", "passed")


def _until(ask: Ask, day: dt.date) -> str:
    """Until when a rate holds: its day, or to the minute and in the asker's time."""
    if not _to_the_minute(ask):
        return ask.phrases.day(day)
    return _in_their_time(ask, m.end_of(day, m.event_zone(ask.event)))


def _in_their_time(ask: Ask, at: dt.datetime, said: str | None = None) -> str:
    """A moment as said (its day and time, unless `said`), and in the asker's time when that
    is asked: "… 23:59 UTC+05 (Asia/Aqtau) (in New York: …)"."""
    return " ".join(filter(None, [said or ask.phrases.moment(at), converted(ask, at)]))


def _ended(ask: Ask, fee: Fee) -> bool:
    return rate_ended(ask.event, fee, ask.now)


def rate_ended(event: Event, fee: Fee, now: dt.datetime) -> bool:
    """Whether a rate's last day is over where the event is (Anywhere on Earth if nowhere)."""
    return fee.until is not None and now > m.end_of(fee.until, m.event_zone(event))


def rate_cores(event: Event, among: Collection[int] | None = None) -> list[frozenset[str]]:
    """Each fee's name without the words only fees with an end date have ("early") and those
    only fees without one have ("regular"), of the fees `among` (all by default): "CISA member
    (early)" and "CISA member (regular)" are rates of one fee, "CISA member"."""
    chosen = range(len(event.fees)) if among is None else among
    names = [stem_set(fee.category) for fee in event.fees]
    dated = set().union(*(names[i] for i in chosen if event.fees[i].until))
    undated = set().union(*(names[i] for i in chosen if not event.fees[i].until))
    return [frozenset(name - (dated ^ undated)) for name in names]


def _in_their_place(event: Event, ended: list[int]) -> list[int]:
    """The fees that take the place of those `ended` ("CISA member (regular)" of "CISA member
    (early)"): the other rates of the same fee, with no end date."""
    core = rate_cores(event)
    return [
        i
        for i, fee in enumerate(event.fees)
        if not fee.until and i not in ended and core[i] and any(core[i] == core[j] for j in ended)
    ]


def _for_where_they_live(ask: Ask) -> list[int]:
    """The fees for those who live where the asker says they are ("I live in Nuuk. Is there a
    cheaper option?": the "Participant based in Greenland" fee): a fee whose category names
    the place they name, or its country, or a place on its clock, or the one its clock is
    named after ("Funchal": Atlantic/Madeira)."""
    told = ask.query.sentences or [ask.query]
    names = {fold(name) for q in told for name in (q.zone_name, q.origin and q.origin[1]) if name}
    zones = {str(z) for q in told for z in (q.zone, q.origin and q.origin[0]) if z is not None}
    if not names and not zones:
        return []
    countries = {country for zone in zones for country in places.countries_of(zone)}
    clock_names = {fold(m.city_of_zone(zone)) for zone in zones}

    def lives_in(place: str) -> bool:
        return (
            place in names
            or place in countries
            or place in clock_names
            or places.zone_of(place) in zones
        )

    return [
        i for i, fee in enumerate(ask.event.fees) if any(map(lives_in, _places_named(fee.category)))
    ]


def _places_named(text: str) -> list[str]:
    """The words and pairs of words of `text` that may name a place ("Greenland", "Chatham
    Islands"), folded."""
    found = words(fold(text))
    return [*found, *(f"{a} {b}" for a, b in pairwise(found))]


def _of_something_else(ask: Ask, noted: list[int]) -> Answer:
    """The cost of a thing no fee is, that a fee's note speaks of ("how much is an extra
    night?", "how much does WHIS membership cost?"): the notes that name it, and the
    organisers when none of them gives a sum of money ("WHIS members get 20 % off")."""
    answer = Answer()
    money = _money_in({fee.currency for fee in ask.event.fees})
    priced = [i for i in noted if money.search(ask.event.fees[i].note or "")]
    _add_notes(ask, answer, priced or noted)
    if not priced:
        answer.lack(ask.text("unknown"))
    return answer


def _money_in(currencies: set[str]) -> re.Pattern[str]:
    """A sum of money as organisers write it, in one of `currencies` or with a currency's
    sign: "65 EUR", "EUR 65", "€65", "1,200 AUD"; not "20 % off" or "12 CET"."""
    codes = "|".join(sorted(map(re.escape, currencies))) or "(?!)"
    return re.compile(
        rf"(?:\b(?:{codes})\b|[$€£¥])\s?\d|\d(?:[\d,.'’\u00a0\u202f ]*\d)?\s?(?:(?:{codes})\b|[$€£¥])"
    )


def _item_asked(ask: Ask) -> set[str]:
    """The stems of what a question asks about a fee ("is travel included?", "an extra
    night"): its words that name no fee category, another kind of question's cues among them."""
    asked = [*ask.query.content, *ask.query.rivals]
    return set().union(*(ask.query.senses(w) for w in asked)) - ask.categories - ask.filler


def _thing_named(ask: Ask, fees: list[int]) -> set[str]:
    """The words of these fees' names that the question asks of as a thing, not as a fee
    ("banquet" of the "Banquet ticket", not "ticket" or the event's own name)."""
    named = set().union(*(stem_set(ask.event.fees[i].category) for i in fees))
    return named & (asked_words(ask) - FEE_WORDS - ask.own - ask.kinds)


def _sold_apart(ask: Ask, chosen: list[int]) -> tuple[int, set[str]] | None:
    """The one fee asked about that sells what its name says, by a word asked that no other
    fee asked about has ("Banquet ticket": the conference banquet, of "is the banquet
    included in the student fee?"), and that word, when the question asks of no other
    thing: what the others include is asked."""
    fees = ask.event.fees
    found: list[tuple[int, set[str]]] = []
    for i in chosen:
        others = set().union(*(stem_set(fees[j].category) for j in chosen if j != i))
        sold = set().union(*(stem_set(entry) for entry in fees[i].includes))
        if item := (_thing_named(ask, [i]) - others) & sold:
            found.append((i, item))
    if len(found) != 1 or len(chosen) < 2 or _item_asked(ask) - FEE_WORDS - found[0][1]:
        return None  # "ist der Flug ab Sydney dabei?": the flight, not the night in Sydney
    return found[0]


def _vat(ask: Ask, i: int) -> str:
    """What fee `i` says of its tax; its rate, and how much of the fee or on top of it the tax
    is, when the question asks of it."""
    asked = _tax_asked(ask, i)
    fee = ask.event.fees[i]
    return ask.phrases.vat(fee, rate_shown=asked, added_share=asked, tax=ask.taxes.get(i))


def _tax_asked(ask: Ask, i: int) -> bool:
    """Whether the question asks of fee `i`'s tax: a word of VAT, or the organisers' own name
    for it ("how much IGIC is in the fee?")."""
    name = ask.taxes.get(i)
    return "vat" in ask.aspects or bool(name and name.lower() in ask.query.content)


def _for_whom_noted(ask: Ask) -> list[int]:
    """The one fee whose note begins by saying whom it is for, among them what a question of
    the fees names that no category does: "For postdocs, researchers and wildlife vets." of
    "what does it cost for a postdoc?"."""
    item = _item_asked(ask)
    found = [
        i
        for i, fee in enumerate(ask.event.fees)
        if fee.note
        and (first := re.split(r"(?<=[.!?;:])\s+", fee.note, maxsplit=1)[0]).startswith("For ")
        and item & stem_set(first)
    ]
    return found if len(found) == 1 else []


def _notes_naming(ask: Ask, indices: list[int], item: set[str]) -> list[int]:
    """The fees asked about whose note speaks of the item asked."""
    fees = ask.event.fees
    return [i for i in indices if fees[i].note and item & stem_set(fees[i].note)]


#: what a sentence says of whether a thing is paid for or given: "Travel is not included",
#: "Flights are at your own expense", "Lunch costs 12 EUR", "Towels are provided", "Bring your
#: own" (the organisers write in English)
_PAYING = re.compile(
    r"\b(?:includ|cover|own (?:expense|cost)|pay|paid|cost|free|charge|price|provid|suppl|bring)",
    re.IGNORECASE,
)


def _tells_if_paid(note: str | None, item: set[str]) -> bool:
    """Whether a sentence of a fee's note that names the item says whether it is paid for (not
    "… the night of 25 July, if your flight leaves on 26 July" of "are flights included?")."""
    return any(
        item & stem_set(sentence) and _PAYING.search(sentence)
        for sentence in re.split(r"(?<=[.!?;])\s+", note or "")
    )


def _notes_on_the_asker(ask: Ask, chosen: list[int]) -> list[int]:
    """The fees picked whose note speaks of what else the asker said they are, in the words
    of the fees' categories: "a PhD student and an AMRS member" of the Student fee's "Student
    members of AMRS pay 420 AUD"; not of what they say they are not ("not a member")."""
    fees = ask.event.fees
    said = (set(ask.query.in_english) & (ask.categories - ask.filler)) - ask.query.negated
    if said & ask.negation:  # "a non-member": no member
        said = set()
    return [
        i
        for i in chosen
        if fees[i].note and (said - stem_set(fees[i].category)) & stem_set(fees[i].note)
    ]


def _notes_for_anyone(ask: Ask, chosen: list[int]) -> list[int]:
    """The note of the one fee asked by name, which may change what this asker pays
    ("Participants outside Australia pay 227.27 AUD" of the Online pass); not when it names
    another fee's category ("Student members pay 95 GBP", of the Member fee, is not said to a
    student who did not say they are a member)."""
    if len(chosen) != 1 or not (fee := ask.event.fees[chosen[0]]).note:
        return []
    said = stem_set(fee.note)
    others = (stem_set(f.category) for f in ask.event.fees if f is not fee)
    return [] if any(other and other <= said for other in others) else chosen


def _add_notes(ask: Ask, answer: Answer, indices: list[int]) -> None:
    for i in indices:
        fee = ask.event.fees[i]
        answer.add(ask.text("fee_note", category=fee.category, note=fee.note), f"fees[{i}].note")


def _included(ask: Ask, indices: list[int], item: set[str]) -> Answer:
    """Whether the fees asked about include the item: yes for those whose list names it, no for
    those whose list does not when another's does, and what a fee's note says of it ("Travel to
    and from Tomar is not included"); a hand-off when neither names it (it may only not be
    written down)."""
    answer = Answer()
    fees = ask.event.fees
    noted = [i for i in _notes_naming(ask, indices, item) if _tells_if_paid(fees[i].note, item)]
    naming = {
        i: [entry for entry in fee.includes if item & stem_set(entry)] for i, fee in enumerate(fees)
    }
    if noted and not any(naming.values()):
        _add_notes(ask, answer, noted)
        return answer
    if not any(naming.values()):  # no list names it: perhaps only not written down
        answer.lack(ask.text("unknown"))
        for i in indices:
            if fees[i].includes:
                answer.add(
                    ask.text(
                        "category_includes", category=fees[i].category, items=fees[i].includes
                    ),
                    f"fees[{i}].includes",
                )
        return answer
    for i in indices:
        key = "category_includes" if naming[i] else "category_excludes"
        answer.add(
            ask.text(key, category=fees[i].category, items=naming[i] or fees[i].includes),
            f"fees[{i}].includes",
        )
    named = [bool(naming[i]) for i in indices]  # a yes when every one names it, a no when none
    if all(named) or (not any(named) and all(fees[i].includes for i in indices)):
        answer.lines[0] = yes_or_no(ask, all(named), answer.lines[0])
    _add_notes(ask, answer, noted)
    return answer


def venue(ask: Ask) -> Answer:
    event, answer = ask.event, Answer()
    v = event.venue
    if v is None:
        return answer.lack(ask.text("no_venue"))
    if v.name or v.city:
        answer.add(
            ask.text("venue", name=v.name, city=v.city, country=v.country),
            *[f"venue.{f}" for f in ("name", "city", "country") if getattr(v, f)],
        )
    if v.co_located_with:
        answer.add(
            ask.text("co_located", conference=v.co_located_with, name=v.name, city=v.city),
            "venue.co_located_with",
        )
        host = set(stems(words(fold(v.co_located_with)))) - ask.filler
        if not v.city and host and host <= set(ask.query.stems):
            answer.lack(ask.text("no_city"))  # where the host conference is: not in the file
    if "address" in ask.aspects:
        if v.address:
            answer.add(ask.text("venue_address", address=v.address), "venue.address")
        else:
            answer.lack(ask.text("no_address"))
        if v.directions:
            answer.add(ask.text("directions", directions=v.directions), "venue.directions")
    if "city" in ask.aspects and not v.city:
        answer.lack(ask.text("no_city"))
    if "country" in ask.aspects and not v.country:
        answer.lack(ask.text("no_country"))
    if "mode" in ask.aspects:
        if v.mode:
            answer.add(ask.text(f"mode_{v.mode}", url=v.online_url), "venue.mode")
        else:
            answer.lack(ask.text("no_mode"))
    if not answer.lines:
        return answer.lack(ask.text("no_venue"))
    return answer


#: what a question of the registration may ask of it; one that asks none of them, all of it
_OF_REGISTRATION = frozenset({"required", "deadline", "status", "how", "capacity", "opens"})


def registration(ask: Ask) -> Answer:
    event, answer = ask.event, Answer()
    reg = event.registration
    closing = [d for d in event.deadlines if d.kind is DeadlineKind.REGISTRATION]
    if (reg is None or reg.deadline is None) and closing and ask.aspects & {"deadline", "status"}:
        # "until when can I apply?" of a school whose only word on it is its deadline
        return deadlines(replace(ask, query=replace(ask.query, aspects={"registration"})))
    if reg is None:
        return answer.lack(ask.text("no_registration"))
    aspects = ask.aspects
    if "needs" in aspects and reg.how:  # "what do I need to apply?": what the organisers ask
        # for ("Apply online with a CV, …"), not whether one must ("do I need to register?")
        return answer.add(ask.text("registration_how", how=reg.how), "registration.how")
    # "can I register yet?", "Kan ik me al registreren?": whether one can now, before all else;
    # not whether one may, being who they are ("… as a chemistry student?": the organisers')
    query = ask.query
    can_now = (
        query.polar
        and query.operation is None
        and aspects <= {"status", "opens"}
        and not (query.content or query.origin or query.rivals)
    )
    if can_now:
        _registration_window(ask, answer, can_now=True)
    everything = not can_now and not aspects & _OF_REGISTRATION
    if "required" in aspects or everything:
        if reg.required is None:
            if "required" in aspects:
                answer.lack(ask.text("registration_required_unknown"))
        else:
            line = ask.text("registration_required" if reg.required else "registration_optional")
            if "required" in aspects:  # "do I need to register?"
                line = yes_or_no(ask, reg.required, line)
            answer.add(line, "registration.required")
    # "is registration required?": yes, and until when it is open
    if not can_now and (
        aspects & {"deadline", "status", "opens"}
        or everything
        or (reg.required and "required" in aspects)
    ):
        _registration_window(ask, answer)
    if "capacity" in aspects:
        if reg.capacity:
            answer.add(ask.text("capacity", capacity=reg.capacity), "registration.capacity")
        else:
            answer.lack(ask.text("no_capacity"))
    # "yes, you can": and where
    open_now = can_now and m.registration_window(event, ask.now) is m.Window.OPEN
    if "how" in aspects or everything or open_now:
        if reg.url:
            answer.add(ask.text("registration_url", url=str(reg.url)), "registration.url")
        if reg.email:
            answer.add(ask.text("registration_email", email=reg.email), "registration.email")
        if reg.how and ("how" in aspects or not (reg.url or reg.email)):
            answer.add(ask.text("registration_how", how=reg.how), "registration.how")
        if not (reg.url or reg.email or reg.how) and "how" in aspects:
            # no link elsewhere: the assistant itself takes the registrations
            answer.add(ask.text("registration_here"), "registration")
    if not answer.lines:
        return answer.lack(ask.text("no_registration"))
    return answer


#: how long after registration closed its closing is told to the minute
_LATELY = dt.timedelta(days=2)


def _registration_window(ask: Ask, answer: Answer, can_now: bool = False) -> None:
    """When registration opens and closes, as it stands now; after a yes or no, if the question
    asks whether one `can_now` register."""
    event, phrases, now = ask.event, ask.phrases, ask.now

    def verdict(yes: bool, line: str) -> str:
        return phrases.verdict(yes, line) if can_now else line

    closes, opens = m.registration_deadline(event), m.registration_opens(event)
    deadline: str | None = None
    if closes is not None:
        deadline = _in_their_time(ask, closes)
    window = m.registration_window(event, now)
    # CLOSED needs a deadline and NOT_YET an opening: the checks for None tell mypy so
    if window is m.Window.OVER and closes is None:
        answer.add(ask.text("registration_over"), "dates.start")
    elif window in (m.Window.OVER, m.Window.CLOSED) and closes is not None:
        # "Berlin, 16 Nov, 01:20: still possible?": when it closed, to the minute and in the
        # asker's time, when that is asked or it closed in the last days; else the day
        lately = now - closes < _LATELY
        when = deadline if ask.query.zone is not None or lately else phrases.day(closes.date())
        closed = ask.text("registration_closed", deadline=when)
        answer.add(verdict(False, _with_verdict(ask, True, closed)), "registration.deadline")
    elif window is m.Window.NOT_YET and opens is not None:
        answer.add(
            verdict(
                False,
                ask.text(
                    "registration_not_yet",
                    opens=_in_their_time(ask, opens),
                    relative=phrases.relative(opens, now),
                    deadline=deadline,
                ),
            ),
            "registration.opens",
            *(["registration.deadline"] if closes else []),
        )
    elif opens is not None and "opens" in ask.aspects:  # "when did registration open?"
        answer.add(
            verdict(
                True,
                ask.text(
                    "registration_opened",
                    # a day the file gives without a time opened at its start: the day says it
                    opens=_in_their_time(
                        ask,
                        opens,
                        None
                        if isinstance(event.registration and event.registration.opens, dt.datetime)
                        else phrases.day(opens.date()),
                    ),
                    deadline=deadline,
                ),
            ),
            "registration.opens",
            *(["registration.deadline"] if closes else []),
        )
    elif closes:
        still = ask.text(
            "registration_open", deadline=deadline, relative=phrases.relative(closes, now)
        )
        answer.add(verdict(True, _with_verdict(ask, False, still)), "registration.deadline")
    elif "deadline" in ask.aspects:
        answer.lack(ask.text("no_deadline_kind", kind=ask.phrases.say("kind_registration")))


_KIND_ASPECTS = {kind.value: kind for kind in DeadlineKind}
#: the deadlines that come of a submission: asked of it in its words ("my paper")
_OUTCOMES = {DeadlineKind.NOTIFICATION, DeadlineKind.CAMERA_READY}
#: the words of a deadline's name, as organisers write them in English, that say only that
#: something is submitted ("Paper submission"): the abstract's submission names no paper
_SUBMITTING = stem_set("submission submissions submit deadline")
#: the words of a deadline's name, as organisers write them in English, that make one of kind
#: "other" the one of a kind ("Admission decisions" is when applicants hear)
_NAMED_AS = {
    DeadlineKind.NOTIFICATION: stem_set("notification decisions acceptance admission results"),
    DeadlineKind.CAMERA_READY: stem_set("camera-ready version"),
}


def deadlines(ask: Ask) -> Answer:
    event, phrases, answer = ask.event, ask.phrases, Answer()
    kinds = [
        _KIND_ASPECTS[a]
        for a in ("abstract", "submission", "notification", "camera_ready", "registration")
        if a in ask.aspects
    ]
    if {DeadlineKind.ABSTRACT, DeadlineKind.SUBMISSION} <= set(kinds) and not any(
        d.kind is DeadlineKind.SUBMISSION
        and (stem_set(d.name) - _SUBMITTING - ask.filler) & asked_words(ask)
        for d in event.deadlines
    ):  # "the abstract submission deadline", "can I still submit my abstract?": the
        # abstracts' own, not also the "Full papers" the question says nothing of
        kinds.remove(DeadlineKind.SUBMISSION)
    if "timezone" in ask.aspects and not kinds and not ask.query.zone:
        zones = sorted({phrases.zone(m.deadline_at(event, d)) for d in event.deadlines})
        if any(
            d.timezone and d.timezone.lower() in ("aoe", "etc/gmt+12") for d in event.deadlines
        ) or ("aoe" in ask.query.stems):
            answer.add(
                phrases.say("aoe_explained"),
                *(f"deadlines[{i}].timezone" for i in range(len(event.deadlines))),
            )
        elif zones:
            answer.add(ask.text("zone_explained", zones=zones), "deadlines")
        else:
            answer.lack(ask.text("no_deadlines"))
        return answer
    if kinds == [DeadlineKind.REGISTRATION] and not any(
        d.kind is DeadlineKind.REGISTRATION for d in event.deadlines
    ):
        return registration(replace(ask, query=replace(ask.query, aspects={"deadline"})))
    chosen = [(i, d) for i, d in enumerate(event.deadlines) if not kinds or d.kind in kinds]
    others = [d.name for d in event.deadlines]
    framing = ask.registering if DeadlineKind.REGISTRATION in kinds else frozenset()
    naming = [_naming_words(ask, d.name, others, framing) for d in event.deadlines]
    named = [(i, d) for i, d in enumerate(event.deadlines) if naming[i]]
    # "is online registration for the bridge congress still open?": "bridge" names the event,
    # not the "Student bridge design competition entries" beside the "Online registration"
    # named; "can I still sign up for the certificate track?" asks to register, not of the
    # "Free registration" beside the "Certificate tracks"
    generic = ask.label | ask.registering
    if any(naming[i] - generic for i, _ in named):
        named = [(i, d) for i, d in named if naming[i] - generic]
    # "the certificate track" names the "Certificate tracks" by more than the "Certificates sent"
    named = [(i, d) for i, d in named if not any(naming[i] < naming[j] for j, _ in named)]
    if not named:  # "the scholarship deadline" of "Scholarship applications" and "… decisions"
        named = _sharing_a_word(ask, event.deadlines)
    if not kinds:  # a deadline asked for by its own name: "the full paper"
        before = [  # "what time is that in Berlin?" of the one just answered about
            (i, d) for i, d in chosen if f"deadlines[{i}]" in ask.aspects
        ]
        named = before if before and ask.query.follows else named or before
        if named:
            chosen, kinds = named, [d.kind for _, d in named]
    elif (named_of_kind := [(i, d) for i, d in named if d.kind in kinds]) and {
        d.kind for _, d in named_of_kind
    } == set(kinds):
        chosen = named_of_kind  # "can I still sign up for the certificate track?"
    elif (
        named
        and all(d.kind not in kinds for _, d in named)
        and not (chosen and set(kinds) <= _OUTCOMES)
    ):
        # "the workshop papers deadline": named by a word the deadlines of the kind asked
        # ("paper": the full paper) do not have; not "when will I hear whether my paper is
        # accepted?" of an event with a notification, where the paper is what it is on
        of_kind = stem_set(" ".join(d.name for _, d in chosen))
        if all(stem_set(d.name) & asked_words(ask) - of_kind for _, d in named):
            chosen, kinds = named, [d.kind for _, d in named]
    missing = [
        k
        for k in kinds
        if not any(d.kind is k for d in event.deadlines) and k is not DeadlineKind.REGISTRATION
    ]
    for kind in missing:
        # "when will I hear if I got in?" of "Admission decisions": the one so named
        as_named = [
            (i, d)
            for i, d in enumerate(event.deadlines)
            if d.kind is DeadlineKind.OTHER and stem_set(d.name) & _NAMED_AS.get(kind, set())
        ]
        if len(as_named) == 1 and kinds == [kind]:
            chosen = as_named
            continue
        answer.lack(ask.text("no_deadline_kind", kind=phrases.say(f"kind_{kind.value}")))
    if len(chosen) == 1 and kinds:
        i, d = chosen[0]
        line = ask.text("deadline_one", name=d.name, **_deadline_values(ask, d))
        passed = m.deadline_at(event, d) < ask.now
        answer.add(_with_verdict(ask, passed, line), f"deadlines[{i}]")
        if passed and d.kind is DeadlineKind.REGISTRATION:
            for fact, sentence in _after_registration_closes(ask):
                answer.add(sentence, fact)
    elif chosen:
        answer.add(ask.text("deadlines"))
        for i, d in chosen:
            answer.add(
                ask.text("deadline_line", name=d.name, **_deadline_values(ask, d)),
                f"deadlines[{i}]",
            )
    if not kinds and not missing:
        closes = m.registration_deadline(event)
        if closes and not any(d.kind is DeadlineKind.REGISTRATION for d in event.deadlines):
            if not chosen:
                answer.add(ask.text("deadlines"))
            answer.add(
                ask.text(
                    "deadline_line",
                    name=phrases.say("kind_registration").capitalize(),
                    **_moment_values(ask, closes),
                ),
                "registration.deadline",
            )
        start = m.start_day(event)
        if chosen and start:
            answer.add(
                ask.text("event_day_line", kind=event.kind or "event", day=phrases.day(start)),
                "dates.start",
            )
    if not answer.lines:
        return answer.lack(ask.text("no_deadlines"))
    return answer


def _after_registration_closes(ask: Ask) -> list[tuple[str, str]]:
    """The sentences of the registration's own text that say what may be done after a time
    ("after that you can register at the desk from 4 November"), with their facts."""
    return [
        (fact, sentence)
        for fact, _, sentence, _ in sentences(ask.event)
        if fact.startswith("registration.") and ask.later & stem_set(sentence)
    ]


def _sharing_a_word(ask: Ask, deadlines: list[Deadline]) -> list[tuple[int, Deadline]]:
    """The few deadlines whose names have a word the question asks about, when no one name
    alone does and not all of them have it."""
    content = set(stems(ask.query.content)) - ask.filler
    sharing = [(i, d) for i, d in enumerate(deadlines) if content & stem_set(d.name)]
    return sharing if len(sharing) < len(deadlines) else []


def _naming_words(ask: Ask, name: str, names: list[str], framing: frozenset[str]) -> set[str]:
    """The words by which the question names this deadline, none if it does not: all the
    words of its name, or those that no other deadline's name has ("the scholarship deadline"
    for "Scholarship application"), other than those `framing` the question."""
    generic = ask.filler | {"deadlin", "date"}
    own = set(stems(words(fold(name)))) - generic
    # "hoe laat": no "Late-breaking posters"
    asked = ask.query.asked - ask.query.when_words - framing
    if own and own <= asked:
        return own
    others = set().union(*(set(stems(words(fold(n)))) for n in names if n != name))
    return (own - others) & asked


def _with_verdict(ask: Ask, passed: bool, line: str, yes: str = "passed_yes") -> str:
    """`line` after the yes or no that answers "can I still …?" ("No, it is too late.") or
    "has … passed?" (`yes`: "Yes, it has passed."; of the event, "Yes, it is over."); as it
    is, to any other question."""
    if ask.query.operation == "still":
        return f"{ask.phrases.say('still_closed' if passed else 'still_open')} {line}"
    if ask.query.operation == "passed":
        return f"{ask.phrases.say(yes if passed else 'passed_not_yet')} {line}"
    return line


def _deadline_values(ask: Ask, deadline: Deadline) -> dict[str, str]:
    return _moment_values(ask, m.deadline_at(ask.event, deadline))


def _moment_values(ask: Ask, at: dt.datetime) -> dict[str, str]:
    phrases, now = ask.phrases, ask.now
    state = (
        phrases.say("deadline_passed")
        if at < now
        else phrases.say("deadline_open", relative=phrases.relative(at, now))
    )
    return {"at": phrases.moment(at), "state": state, "converted": converted(ask, at)}
