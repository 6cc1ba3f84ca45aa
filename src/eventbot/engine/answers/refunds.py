"""What the organisers refund, read from their own prose ("If you cancel by 17 May we refund your
fee minus a handling fee of 100 USD. From 18 May to 2 June we refund 50 %. After 2 June we
cannot refund.") as tiers, and what one fee brings back on one day. The organisers write their
facts in English, so their sentences are read in English whatever the asker writes in. A clause
that names a day but whose refund is not read in full (a cancellation fee of 20 %, an amount in
another currency) leaves the whole policy unreckoned."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from ...knowledge import moments as m
from ..text import fold, stem_set, stems, words

#: the parts of a policy: its sentences, and the clauses "…, and 50 % if cancelled by …" and
#: "… until 21 August and at 50 % until …" join
_PARTS = re.compile(r"(?<=[.;])\s+|,\s+and\s+|\s+and\s+(?=at\s+\d+(?:\.\d+)?\s?%)")
#: an amount and its currency's code, either way round: "100 USD", "CAD 300"
MONEY = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*([A-Z]{3})\b|\b([A-Z]{3})\s*(\d[\d,]*(?:\.\d+)?)")
_NOTHING = re.compile(
    r"\bno refunds?\b|\bcannot (?:be )?refund|\bnot (?:be )?refund|\bnon-refundable"
    r"|\bnothing is refunded"
    r"|\brefund nothing\b",
    re.IGNORECASE,
)
#: "we keep the deposit and 50 % of the rest", "… and refund half of the rest": the share is
#: what is kept, or what comes back
_KEEP = re.compile(
    r"\bkeep the deposit and (?:(?P<kept>\d+(?:\.\d+)?) ?%|refund (?P<back>half|\d+(?:\.\d+)?) ?%?)"
    r" of the rest",
    re.IGNORECASE,
)
#: what is taken off before a share: "minus a handling fee of 100 USD", "except the deposit",
#: "25 % of what you paid beyond the deposit"
_LESS = re.compile(r"\b(?:minus|except|less|beyond)\b", re.IGNORECASE)
_SHARE = re.compile(r"(\d+(?:\.\d+)?) ?%")
_HALF = re.compile(r"\bhalf\b", re.IGNORECASE)
#: what makes a share of the fee something other than what comes back: "a 20 % fee", "keep 30 %"
_TAKEN = re.compile(
    r"\b(?:fee|charge) of\b|\b(?:cancellation|handling|administration|processing) (?:fee|charge)"
    r"|\b(?:keep|kept|penalty|costs?)\b",
    re.IGNORECASE,
)
_FULL = re.compile(
    r"\bfull refund|\brefund (?:everything|in full|the full)"
    # "we refund your fee in full", "we refund the certificate tracks in full", "refunded in
    # full", "we refund your whole fee"
    r"|\brefund(?:ed)? (?:(?:it|them|(?:your|the)(?: \w+){1,2}) )?in full"
    r"|\brefund (?:your|the) (?:whole|entire) \w+",
    re.IGNORECASE,
)
#: a clause that holds from where the one before it ends: "after that there is no refund",
#: "afterwards", "later cancellations are not refunded"
_THEN = re.compile(r"\b(?:after that|afterwards|thereafter|later)\b", re.IGNORECASE)
#: a clause on giving one's place to someone else, not on money back: "Instead of cancelling,
#: you can transfer your registration to a colleague free of charge until 10 March."
TRANSFER = re.compile(r"\btransfer|\bpass (?:\w+ ){0,2}on\b|\bsubstitut", re.IGNORECASE)
#: where a clause starts: "If you cannot come, you can …", "… cannot be refunded, but …"
_CLAUSE = re.compile(r"[,;]|\bbut\b")
#: what says a place may not go to someone else ("at no cost" does not)
_NOT = re.compile(
    r"\b(?:not|cannot|never)\b|n't\b|\bno (?:transfers?|substitut\w*|name change)|\bnon-?transfer",
    re.IGNORECASE,
)
#: who a place goes to: "a colleague", "someone else", "another institution"; or the change
#: itself: "a substitute", "name changes are free"
_ANOTHER = re.compile(
    r"\bcolleagues?\b|\bsomeone else\b|\banother (?:person|participant|attendee|delegate|member"
    r"|institution|department)\b|\bsubstitut|\bname changes?\b",
    re.IGNORECASE,
)
_ABOUT = re.compile(r"\brefund", re.IGNORECASE)
#: what a clause of the policy speaks of, if it speaks of what comes back at all
_OF_MONEY_BACK = re.compile(
    r"\b(?:refund|cancel|withdraw|money|back|keep|kept|deposit|fee|charge|pay|paid|half|full)|%",
    re.IGNORECASE,
)
#: the word before a tier's last day: "by 17 May", "until", "to 2 June", "before 1 February"
_UNTIL = re.compile(r"\b(until|till|by|to|through|before)\s+$", re.IGNORECASE)
_AFTER = re.compile(r"\bafter\b", re.IGNORECASE)


@dataclass(frozen=True)
class Tier:
    """What a cancellation brings back until a day (inclusive), or nothing from a day on."""

    until: dt.date | None
    nothing_from: dt.date | None
    share: Decimal  # of the fee, or of the rest after `less`
    less: Decimal  # taken off first: a handling fee, the deposit


def policy(text: str, before: dt.date, currency: str, deposit: Decimal | None = None) -> list[Tier]:
    """The tiers of the refund policy `text` states for a fee in `currency`, the days without a
    year the last such before the event starts (`before`); [] unless every clause that names a
    day says what it refunds, and at least two do. A deposit it names without its amount is
    `deposit` (deposit_in: what the organisers say it is elsewhere)."""
    if not _ABOUT.search(text):
        return []
    kept = deposit_in([text], currency) or deposit
    tiers: list[Tier] = []
    for part in _PARTS.split(text):
        days = m.days_in(part, before)
        if not days and tiers and _THEN.search(part) and _NOTHING.search(part):
            last = max(tier.until or dt.date.min for tier in tiers)
            tiers.append(Tier(None, last + dt.timedelta(days=1), Decimal(0), Decimal(0)))
            continue
        if not days or not (_OF_MONEY_BACK.search(part) or MONEY.search(part)):
            continue  # "you can transfer your registration until 25 October instead"
        if TRANSFER.search(part) and not _ABOUT.search(part):
            continue  # "Instead of cancelling, you can transfer it … free of charge until …"
        tier = _tier(part, days, kept, currency)
        if tier is None:
            return []
        tiers.append(tier)
    return tiers if len(tiers) > 1 else []


def excepted(text: str, category: str, before: dt.date) -> bool:
    """Whether the policy `text` says, on no day, that the fee named `category` is not
    refunded ("The virtual pass cannot be refunded.", "Department licences … cannot be
    refunded"): its name before any brackets, or its last word and all but one other ("workshop
    places" of the "Notebook workshop"), in a sentence that refunds nothing."""
    named = stems(words(fold(category.split("(")[0])))
    if not named:
        return False
    return any(
        _NOTHING.search(part)
        and not m.days_in(part, before)
        and named[-1] in (said := stem_set(part))
        and len(set(named) - said) <= (1 if len(named) > 1 else 0)
        for part in _PARTS.split(text)
    )


def deposit_in(texts: list[str], currency: str) -> Decimal | None:
    """The one amount in `currency` the texts give a deposit ("a deposit of 400 EUR", "the 300
    CAD deposit"); None when none does, or they differ."""
    amounts = set()
    for text in texts:
        for money in MONEY.finditer(text):
            before, after = text[: money.start()], text[money.end() :]
            if re.search(r"\bdeposit of\s*$", before, re.IGNORECASE) or re.match(
                r"\s*deposit\b", after, re.IGNORECASE
            ):
                amounts.add(_amount(money, currency))
    amounts.discard(None)
    return amounts.pop() if len(amounts) == 1 else None


def _tier(
    part: str, days: list[tuple[dt.date, int]], deposit: Decimal | None, currency: str
) -> Tier | None:
    until = _last_day(part, days)
    if _NOTHING.search(part):  # "after 2 June we cannot refund": nothing from 3 June on
        first = days[0][0] + dt.timedelta(days=1 if _AFTER.search(part) else 0)
        return Tier(None, first, Decimal(0), Decimal(0))
    if keep := _KEEP.search(part):
        if deposit is None:
            return None
        if keep["kept"]:
            return Tier(until, None, 1 - Decimal(keep["kept"]) / 100, deposit)
        back = Decimal("0.5") if keep["back"].lower() == "half" else Decimal(keep["back"]) / 100
        return Tier(until, None, back, deposit)
    if less := _LESS.search(part):  # "minus a handling fee of 100 USD", "except the deposit"
        # "minus a 30 USD handling fee (NPR 3,500 for NPR fees)": the amount in the fee's currency
        taken = next(
            (
                found
                for money in MONEY.finditer(part, less.end())
                if (found := _amount(money, currency)) is not None
            ),
            None,
        )
        if taken is None and re.match(r"\s+the deposit\b", part[less.end() :], re.IGNORECASE):
            taken = deposit
        if taken is None:
            return None
        share = _SHARE.search(part, 0, less.start())  # "50 % of the fee minus the deposit"
        return Tier(until, None, Decimal(share[1]) / 100 if share else Decimal(1), taken)
    if _TAKEN.search(part):  # "a cancellation fee of 20 %": not what comes back
        return None
    if _FULL.search(part):
        return Tier(until, None, Decimal(1), Decimal(0))
    if share := _SHARE.search(part):
        return Tier(until, None, Decimal(share[1]) / 100, Decimal(0))
    if _HALF.search(part):  # "half of the fee is refunded"
        return Tier(until, None, Decimal("0.5"), Decimal(0))
    return None


def _last_day(part: str, days: list[tuple[dt.date, int]]) -> dt.date:
    """The last day a clause's refund holds: the one after "until", "by", "to" (the day before
    one after "before"), else the last it names."""
    for day, at in days:
        if word := _UNTIL.search(part[:at]):
            return day - dt.timedelta(days=1) if word[1].lower() == "before" else day
    return days[-1][0]


def passes_on(sentence: str) -> bool:
    """Whether an organisers' sentence says a place may go to someone else: "Instead of
    cancelling, you can transfer your registration to a colleague free of charge until 10 March.",
    "Seats can be transferred to someone else but not refunded." (not "Bank transfers cost 25 USD
    extra.")."""
    return bool(TRANSFER.search(sentence) and _ANOTHER.search(sentence))


def lets_pass_on(sentence: str) -> bool:
    """Whether the clause of an organisers' sentence on passing a place on allows it: "…
    cannot be refunded, but you can transfer them to a colleague" and "Seats can be transferred
    to someone else but not refunded." do, "Registrations cannot be transferred." does not."""
    clause = next((part for part in _CLAUSE.split(sentence) if TRANSFER.search(part)), sentence)
    return not _NOT.search(clause)


def names_money(text: str, currencies: set[str]) -> bool:
    """Whether `text` names an amount in one of `currencies`: "35 EUR", "USD 245"."""
    return any((found[2] or found[3]) in currencies for found in MONEY.finditer(text))


def _amount(found: re.Match[str] | None, currency: str) -> Decimal | None:
    """The amount of a match of MONEY, if in `currency`."""
    if found is None or (found[2] or found[3]) != currency:
        return None
    return Decimal((found[1] or found[4]).replace(",", ""))


def refund(tiers: list[Tier], fee: Decimal, day: dt.date) -> Decimal | None:
    """What `fee` brings back when cancelled on `day`; None if no tier says."""
    for tier in sorted((t for t in tiers if t.until), key=lambda t: t.until or day):
        if tier.until is not None and day <= tier.until:
            return max((fee - tier.less) * tier.share, Decimal(0))
    if any(t.nothing_from is not None and t.nothing_from <= day for t in tiers):
        return Decimal(0)
    return None
