"""What several nights, days or weeks of something come to, from the organisers' price for one
("single rooms at 135 EUR a night", "It costs 50 EUR a day"): the asker names how many ("five
nights at the hotel", "drei Tage Kinderbetreuung"), and the answer reckons it; and how many
people one price is for ("live seminars and recordings for up to 12 people of one
institution"), which the asker shares among theirs. The organisers write their facts in
English, so their prices are read in English whatever the asker writes in."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

from ..text import fold, stems, words

#: a price for one unit, its amount and currency's code either way round: "135 EUR a night",
#: "EUR 42 per night", "50 EUR each day"; perhaps for each person too: "30 USD per child and
#: day", "65 CAD a day per child"
_PERSON = r"(?:child|kid|person|participant)"
_RATE = re.compile(
    r"(?:(?P<amount>\d[\d,]*(?:\.\d+)?)\s*(?P<code>[A-Z]{3})|(?P<code_first>[A-Z]{3})\s*"
    r"(?P<amount_after>\d[\d,]*(?:\.\d+)?))\s+(?:a|per|each|every)\s+"
    rf"(?P<each>{_PERSON}\s+(?:and|per|a)\s+)?(?P<unit>night|day|week)\b"
    rf"(?P<each_after>\s+(?:per|a|for each|each)\s+{_PERSON}\b)?"
)


#: what may be added to a price: "a 10 % service charge", "the hotel guest levy", "a tourist tax",
#: "the city tourism fee"
_CHARGE = re.compile(
    r"\b(?:service charges?|levy|levies|(?:tourist |city |room |resort )?tax(?:es)?|resort fees?"
    r"|(?:tourist|tourism|city|municipal) (?:fees?|charges?)|VAT|IVA|GST)\b",
    re.IGNORECASE,
)
#: what says it is added: "plus a 10 % service charge", "the hotels add …", "not included"
_ADDED = re.compile(r"\b(?:plus|add|adds|added|not included|not|excluding|on top)\b", re.I)
#: what says a price has nothing added: "55 USD a night, without levy", "all included"
_NOTHING_ADDED = re.compile(r"\b(?:without|all included|no levy|no tax|including all)\b", re.I)
_SHARE = re.compile(r"(\d+(?:[.,]\d+)?)\s?%")
#: a share off a price with a code: "with the code BEES57 you get 10 % off", "or 10 % less with
#: the code MTS53"
_CODE = re.compile(r"\bcode\s+([A-Z][A-Z0-9-]{2,})")
_OFF = re.compile(r"(\d+(?:[.,]\d+)?)\s?%\s+(?:off|less|discount)\b")
_CENT = Decimal("0.01")
#: how many people one price is for: "for up to 12 people", "up to 25 participants"
_GROUP = re.compile(
    r"\bup to (\d+) (?:people|persons|participants|members|users|viewers|staff|colleagues)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Extra:
    """What is added to a price: a share of it, or an amount for each unit."""

    share: Decimal | None = None
    amount: Decimal | None = None

    def on(self, price: Decimal, count: int) -> Decimal:
        """What it adds to `count` units at `price` each."""
        if self.share is not None:
            return (price * count * self.share / 100).quantize(_CENT, ROUND_HALF_UP)
        return (self.amount or Decimal(0)) * count


@dataclass(frozen=True)
class Rate:
    """A price for one night, day or week, and the sentence that gives it."""

    amount: Decimal
    currency: str
    unit: str  # "night", "day", "week"
    sentence: str
    #: the words of the sentence that lead to it from the price before ("and at the Bay Street
    #: Inn for 145 USD a night")
    clause: str
    #: what the organisers add to it ("plus a 10 % service charge", "the hotel guest levy of 8
    #: USD a night, which the hotels add")
    extras: tuple[Extra, ...] = ()
    #: the code its sentence gives for a share off it, and the share: ("BEES57", 10)
    discount: tuple[str, Decimal] | None = None
    per_person: bool = False  # "30 USD per child and day"

    def discounted(self, count: int) -> Decimal:
        """What `count` units come to with the code's share off."""
        share = self.discount[1] if self.discount else Decimal(0)
        whole = self.amount * count
        return whole - (whole * share / 100).quantize(_CENT, ROUND_HALF_UP)


def rates(sentences: Iterable[str], unit: str) -> list[Rate]:
    """Every price for one `unit` the sentences give, once each, with what is added to it: a
    charge the same sentence or a later one says is added applies to the prices before it
    that do not say they have nothing added ("… 95 JOD a night …, but the hotels add a
    service charge of 10 % on departure. The guesthouse has rooms at 28 JOD a night, all
    included.")."""
    found: dict[tuple[Decimal, str], Rate] = {}
    for sentence in sentences:
        start = 0
        matches = list(_RATE.finditer(sentence))
        for i, match in enumerate(matches):
            clause, start = sentence[start : match.end()], match.end()
            end = matches[i + 1].start() if i + 1 < len(matches) else len(sentence)
            around = clause + sentence[start:end]  # from the price before to the next
            if match["unit"] != unit:
                continue
            amount = Decimal((match["amount"] or match["amount_after"]).replace(",", ""))
            currency = match["code"] or match["code_first"]
            if _CHARGE.search(clause[-40:]) and _ADDED.search(sentence):
                # "the hotel guest levy of 8 USD a night": no price, but what is added to one
                found.update(_added_to(found, Extra(amount=amount), currency))
            else:
                each = bool(match["each"] or match["each_after"])
                rate = Rate(
                    amount,
                    currency,
                    unit,
                    sentence,
                    clause,
                    discount=_discount(around),
                    per_person=each,
                )
                found.setdefault((amount, currency), rate)
        if not _ADDED.search(sentence):
            continue
        for charge in _CHARGE.finditer(sentence):  # "plus a 10 % service charge", "a service
            # charge of 10 %", not "including 16 % sales tax"
            # its own clause: "ITBIS included, plus a 10 % service charge" adds the charge
            leading = re.split(r"[,;]", sentence[max(charge.start() - 40, 0) : charge.start()])
            near = leading[-1] + sentence[charge.start() : charge.end() + 12]
            # the share right before it ("plus Guam's 11 % hotel occupancy tax"), else after
            before = _SHARE.findall(sentence[max(charge.start() - 30, 0) : charge.start()])
            after = _SHARE.findall(sentence[charge.end() : charge.end() + 12])
            share = before[-1] if before else next(iter(after), None)
            if share and "includ" not in near.lower():
                found.update(_added_to(found, Extra(share=Decimal(share.replace(",", ".")))))
    return list(found.values())


def _discount(around: str) -> tuple[str, Decimal] | None:
    """The code and the share off a price the words `around` it (from the price before it to
    the next) give, if any: "… 230 NZD a night; with the code BEES57 you get 10 % off", "The
    Argent Hotel gives 15 % off with the code BRSF45; its rooms cost 180 AUD a night"."""
    code, off = _CODE.search(around), _OFF.search(around)
    if code is None or off is None:
        return None
    return code[1], Decimal(off[1].replace(",", "."))


def _added_to(
    found: dict[tuple[Decimal, str], Rate], extra: Extra, currency: str | None = None
) -> dict[tuple[Decimal, str], Rate]:
    """The prices found so far that may have `extra` added (in its currency, if an amount),
    with it."""
    return {
        key: replace(rate, extras=(*rate.extras, extra))
        for key, rate in found.items()
        if (currency is None or rate.currency == currency)
        and not _NOTHING_ADDED.search(rate.clause)
        and extra not in rate.extras
    }


def the_rate(found: list[Rate], asked: Collection[str]) -> Rate | None:
    """The one price asked of: the only one, else the one whose sentence says the most of the
    `asked` stems ("five nights at the Floreasca", not the hostel's price beside it), and of
    those the one whose own clause does ("… and at the Bay Street Inn for 145 USD a night");
    None when two say as much."""
    if len(found) <= 1:
        return found[0] if found else None
    said = set(asked)

    def saying(text: str) -> int:
        return len(set(stems(words(fold(text)))) & said)

    scored = sorted(
        (((saying(rate.sentence), saying(rate.clause)), i) for i, rate in enumerate(found)),
        reverse=True,
    )
    if scored[0][0] == scored[1][0]:
        return None
    return found[scored[0][1]]


def group_size(texts: Iterable[str]) -> int | None:
    """How many people the texts of one fee say it is for ("Institutional licence (up to 25
    people)", "recordings for up to 12 people of one institution"); None when they say no
    number, or two."""
    sizes = {int(n) for text in texts for n in _GROUP.findall(text)}
    return sizes.pop() if len(sizes) == 1 else None


def share_of(total: Decimal, people: int) -> Decimal:
    """What each of `people` pays of a price they share, to the cent."""
    return (total / people).quantize(_CENT, ROUND_HALF_UP)
