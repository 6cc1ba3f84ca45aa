"""What several nights, days or weeks of something come to, from the organisers' price for one
("single rooms at 135 EUR a night", "It costs 50 EUR a day"): the asker names how many ("five
nights at the hotel", "drei Tage Kinderbetreuung"), and the answer reckons it. The organisers
write their facts in English, so their prices are read in English whatever the asker writes in."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from decimal import Decimal

from ..text import fold, stems, words

#: a price for one unit, its amount and currency's code either way round: "135 EUR a night",
#: "EUR 42 per night", "50 EUR each day"
_RATE = re.compile(
    r"(?:(?P<amount>\d[\d,]*(?:\.\d+)?)\s*(?P<code>[A-Z]{3})|(?P<code_first>[A-Z]{3})\s*"
    r"(?P<amount_after>\d[\d,]*(?:\.\d+)?))\s+(?:a|per|each|every)\s+(?P<unit>night|day|week)\b"
)


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


def rates(sentences: Iterable[str], unit: str) -> list[Rate]:
    """Every price for one `unit` the sentences give, once each."""
    found: dict[tuple[Decimal, str], Rate] = {}
    for sentence in sentences:
        start = 0
        for match in _RATE.finditer(sentence):
            clause, start = sentence[start : match.end()], match.end()
            if match["unit"] != unit:
                continue
            amount = Decimal((match["amount"] or match["amount_after"]).replace(",", ""))
            currency = match["code"] or match["code_first"]
            found.setdefault((amount, currency), Rate(amount, currency, unit, sentence, clause))
    return list(found.values())


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
