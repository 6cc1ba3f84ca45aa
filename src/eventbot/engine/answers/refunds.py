"""What the organisers refund, read from their own prose ("If you cancel by 17 May we refund your
fee minus a handling fee of 100 USD. From 18 May to 2 June we refund 50 %. After 2 June we
cannot refund.") as tiers, and what one fee brings back on one day. The organisers write their
facts in English, so their sentences are read in English whatever the asker writes in; a
policy read only in part is not reckoned with at all."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from ...knowledge import moments as m

#: the parts of a policy: its sentences, and the clauses "…, and 50 % if cancelled by …" joins
_PARTS = re.compile(r"(?<=[.;])\s+|,\s+and\s+")
_AMOUNT = r"(\d[\d,]*(?:\.\d+)?)"
_NOTHING = re.compile(r"\bno refund|\bcannot refund|\bnot refund|\bnothing\b", re.IGNORECASE)
_KEEP = re.compile(r"\bkeep the deposit and (\d+(?:\.\d+)?) ?% of the rest", re.IGNORECASE)
_LESS = re.compile(
    rf"\b(?:minus|except|less)\b[^.;]*?(?:{_AMOUNT}\s*[A-Z]{{3}}|[A-Z]{{3}}\s*{_AMOUNT})"
)
_SHARE = re.compile(r"(\d+(?:\.\d+)?) ?%")
_HALF = re.compile(r"\bhalf\b", re.IGNORECASE)
_DEPOSIT = re.compile(rf"(?:{_AMOUNT}\s*[A-Z]{{3}}|[A-Z]{{3}}\s*{_AMOUNT}) deposit")
_ABOUT = re.compile(r"\brefund|\bcancel", re.IGNORECASE)


@dataclass(frozen=True)
class Tier:
    """What a cancellation brings back until a day (inclusive), or from a day on."""

    until: dt.date | None
    since: dt.date | None
    share: Decimal  # of the fee, or of the rest after `less`
    less: Decimal  # taken off first: a handling fee, the deposit


def policy(text: str, year: int) -> list[Tier]:
    """The tiers of the refund policy `text` states, in order; [] unless every clause that
    names a day says what it refunds, and at least two do."""
    if not _ABOUT.search(text):
        return []
    deposit = _DEPOSIT.search(text)
    kept = Decimal(_number(deposit[1] or deposit[2])) if deposit else None
    tiers: list[Tier] = []
    for part in _PARTS.split(text):
        days = m.days_in(part, year)
        if not days:
            continue
        tier = _tier(part, days, kept)
        if tier is None:
            return []
        tiers.append(tier)
    return tiers if len(tiers) > 1 else []


def _tier(part: str, days: list[dt.date], deposit: Decimal | None) -> Tier | None:
    if _NOTHING.search(part):  # "after 2 June we cannot refund": from 3 June on
        after = re.search(r"\bafter\b", part, re.IGNORECASE)
        return Tier(None, days[0] + dt.timedelta(days=1 if after else 0), Decimal(0), Decimal(0))
    if (keep := _KEEP.search(part)) and deposit is not None:
        return Tier(days[-1], None, 1 - Decimal(keep[1]) / 100, deposit)
    if less := _LESS.search(part):
        return Tier(days[-1], None, Decimal(1), Decimal(_number(less[1] or less[2])))
    if share := _SHARE.search(part):
        return Tier(days[-1], None, Decimal(share[1]) / 100, Decimal(0))
    if _HALF.search(part):  # "half of the fee is refunded"
        return Tier(days[-1], None, Decimal("0.5"), Decimal(0))
    return None


def refund(tiers: list[Tier], fee: Decimal, day: dt.date) -> Decimal | None:
    """What `fee` brings back when cancelled on `day`; None if no tier says."""
    for tier in sorted((t for t in tiers if t.until), key=lambda t: t.until or day):
        if tier.until is not None and day <= tier.until:
            return max((fee - tier.less) * tier.share, Decimal(0))
    if any(t.since is not None and t.since <= day for t in tiers):
        return Decimal(0)
    return None


def _number(text: str) -> str:
    return text.replace(",", "")
