"""The VAT the organisers' own words say their fees include, for fees whose fields say nothing
of it or not its rate ("All rates include 10 % GST.", "Prices are inclusive of 19 % VAT."), so
that "how much of the 3,980 AUD is GST?" has its answer. Read in English, as the organisers
write their facts. A sentence that names a currency ("both rupee rates") speaks only of the
fees in it, and one in a fee's own note only of that fee (and then no other sentence speaks
for the rest). A sentence with a word of exception ("not", "plus", "without") sets nothing."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from ...knowledge import Event
from ..index import sentences

#: what the organisers call the tax; its short names are kept to be said back ("GST")
_TAX = re.compile(
    r"\b(?:VAT|GST|HST|IGIC|IVA|TVA|(?:sales|indirect|value[- ]added|goods and services) tax)\b",
    re.IGNORECASE,
)
_NAME = re.compile(r"\b(GST|HST|IGIC|IVA|TVA)\b")
_INCLUDED = re.compile(r"\b(?:includ\w*|inclusive)\b", re.IGNORECASE)
_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s?%")
_NOT = re.compile(r"\b(?:not|no|except|excluding|exclusive of|without|plus)\b", re.IGNORECASE)
_CODE = re.compile(r"\b[A-Z]{3}\b")
_FEE = re.compile(r"fees\[(\d+)\]")


def speaks_of_tax(text: str) -> bool:
    return bool(_TAX.search(text))


def vat_in_words(
    event: Event, currencies_named: Callable[[str], set[str]]
) -> tuple[Event, str | None]:
    """`event` with the one VAT rate its text says fees include ("include 10 % GST", "the
    general indirect tax (IGIC) at 7 %") set on the fees whose fields say nothing of VAT or of
    its rate, and the tax's short name if the text gives one ("GST"); `currencies_named` gives
    the currency codes a sentence's words name."""
    rates: set[Decimal] = set()
    names: set[str] = set()
    currencies: set[str] = set()  # named by any of the sentences: only those fees
    own: set[int] = set()  # the fees whose own note says it: only those
    for path, _, sentence, _ in sentences(event, every=True):
        percents = _PERCENT.findall(sentence)
        if not (_TAX.search(sentence) and _INCLUDED.search(sentence)) or len(percents) != 1:
            continue
        if _NOT.search(sentence):
            continue
        rates.add(Decimal(percents[0]))
        names.update(_NAME.findall(sentence))
        if fee := _FEE.match(path):
            own.add(int(fee[1]))
        else:
            named = set(_CODE.findall(sentence)) | currencies_named(sentence)
            currencies |= named & {fee.currency for fee in event.fees}
    name = names.pop() if len(names) == 1 else None
    if len(rates) != 1:
        return event, name
    rate = rates.pop()
    fees = [
        fee.model_copy(update={"vat_included": True, "vat_rate_percent": rate})
        if fee.vat_included is not False
        and fee.vat_rate_percent is None
        and (i in own or (not own and (not currencies or fee.currency in currencies)))
        else fee
        for i, fee in enumerate(event.fees)
    ]
    return event.model_copy(update={"fees": fees}), name
