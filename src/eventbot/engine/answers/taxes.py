"""The VAT the organisers' own words say their fees include, for fees whose fields say nothing
of it or not its rate ("All our fees include 10 % GST.", "Prices include the general indirect
tax (IGIC) at 7 %."), so that "how much of the 3,980 AUD is GST?" has its answer. Read in
English, as the organisers write their facts, and read narrowly, since a tax said included
that is not is a wrong amount:

- only a sentence of the fees or the registration, or an organisers' answer that speaks of
  fees or prices (not "room rates at the hotel include 10 % GST");
- the rate next to the tax's name ("10 % GST", "VAT of 8,1 %"), and "include" before it, or
  "included" after it; no word of exception ("not", "plus", "added", "on top", "excl",
  "net", "exempt", "only", "outside", …);
- a sentence in a fee's own note, or naming a fee by a word only its category has ("the
  student rate"), speaks of that fee; one naming a currency of the fees, of the fees in it;
  one naming money that may be several of the fees' currencies ("dollars" of fees in USD and
  AUD), of none.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from ...knowledge import Event
from ..index import Written
from ..text import stem_set

_TAX = r"(?:VAT|GST|HST|IGIC|IVA|TVA|(?:sales|indirect|value[- ]added|goods and services) tax)"
_RATE = r"(\d+(?:[.,]\d+)?)\s?%"
#: "include 10 % GST", "include the general indirect tax (IGIC) at 7 %", "VAT (21 %) included"
_INCLUDED = re.compile(
    rf"\b(?:includ\w*|inclusive of)\b[^.;]*?(?:{_RATE}\s+(?:of\s+)?{_TAX}\b"
    rf"|\b{_TAX}(?:\s*\([A-Z]+\))?\s*(?:\(|of\s+|at\s+)?{_RATE})"
    rf"|\b(?:{_RATE}\s+{_TAX}|{_TAX}\s*\(?{_RATE}\)?)\s+(?:is\s+|are\s+)?included\b",
    re.IGNORECASE,
)
_TAXED = re.compile(rf"\b{_TAX}\b", re.IGNORECASE)
_NAME = re.compile(r"\b(GST|HST|IGIC|IVA|TVA)\b")
_EXCEPT = re.compile(
    r"\b(?:not|no|except|excl\w*|without|plus|added|on top|net|exempt|only|outside|unlike)\b",
    re.IGNORECASE,
)
#: the texts a sentence of which may speak of every fee: a fee's own, the registration's, and
#: an organisers' answer that speaks of fees
_OF_FEES = re.compile(r"fees\[(\d+)\]|registration\b|qa\[\d+\]")
_FEE_WORDS = re.compile(r"\b(?:fees?|prices?|registration)\b", re.IGNORECASE)
_CODE = re.compile(r"\b[A-Z]{3}\b")


@dataclass(frozen=True)
class Taxed:
    """The event with the VAT its text says fees include, what it calls the tax, by fee, and
    the organisers' one sentence of the tax, if they wrote one."""

    event: Event
    names: dict[int, str]
    written: Written | None = None


def of_the_fees(fact: str) -> bool:
    """Whether a fact's text may speak of every fee: a fee's own, the registration's, an
    organisers' entry."""
    return _OF_FEES.match(fact) is not None


def _a_fee_s_own(fact: str) -> bool:
    """Whether a fact's text is one fee's own ("fees[3].note")."""
    where = _OF_FEES.match(fact)
    return where is not None and where[1] is not None


def speaks_of_tax(text: str) -> bool:
    return bool(_TAXED.search(text))


def tax_written(texts: list[Written]) -> Written | None:
    """The one sentence of the fees', the registration's or the organisers' entries' texts that
    speaks of a tax ("Fees are not subject to sales tax, so the prices are what you pay"); when
    several do, the one that is no single fee's note ("Gibraltar has no VAT, so the prices in
    pounds are final", not "The price includes Guam's 5 % business privilege tax" of one)."""
    found = [w for w in texts if of_the_fees(w.fact) and speaks_of_tax(w.sentence)]
    for some in (found, [w for w in found if not _a_fee_s_own(w.fact)]):
        if len({w.sentence for w in some}) == 1:
            return some[0]
    return None


def vat_in_words(
    event: Event,
    texts: list[Written],
    currencies_named: Callable[[str], set[str]],
    filler: frozenset[str],
) -> Taxed:
    """`event` with the one VAT rate its `texts` say fees include set on the fees whose fields
    say nothing of VAT or of its rate, and the tax's short name for those fees if the text
    gives one ("GST"); `currencies_named` gives the currency codes a sentence's words name,
    `filler` the words that name no fee ("in" of "Extra night in Wellington")."""
    paid_in = {fee.currency for fee in event.fees}
    words_of = [stem_set(fee.category) - filler for fee in event.fees]
    own_words = [
        words - set().union(*(other for j, other in enumerate(words_of) if j != i))
        for i, words in enumerate(words_of)
    ]
    sentence_on_tax = tax_written(texts)
    said: dict[int, tuple[Decimal, str | None]] = {}  # fee -> rate, name
    for text in texts:
        path, sentence = text.fact, text.sentence
        where = _OF_FEES.match(path)
        found = _INCLUDED.search(sentence)
        if where is None or found is None or _EXCEPT.search(sentence):
            continue
        if path.startswith("qa") and not _FEE_WORDS.search(sentence):
            continue
        rate = Decimal(next(r for r in found.groups() if r).replace(",", "."))
        name = next(iter(_NAME.findall(sentence)), None)
        written = set(_CODE.findall(sentence)) & paid_in  # "AUD"
        worded = currencies_named(sentence) & paid_in  # "rupees"
        if not written and len(worded) > 1:
            continue  # "dollars" of fees in USD and AUD: which?
        if where[1] is not None:  # a fee's own note
            fees = [int(where[1])]
        elif written or worded:
            fees = [i for i, fee in enumerate(event.fees) if fee.currency in (written or worded)]
        else:
            fees = list(range(len(event.fees)))
        # "the student rate includes …": the fees a word only their category has names
        named_fees = [i for i in fees if own_words[i] & stem_set(sentence)]
        for i in named_fees or fees:
            said.setdefault(i, (rate, name))
    if len({rate for rate, _ in said.values()}) > 1:
        return Taxed(event, {}, sentence_on_tax)
    taxed = [
        fee.model_copy(update={"vat_included": True, "vat_rate_percent": said[i][0]})
        if i in said and fee.vat_included is not False and fee.vat_rate_percent is None
        else fee
        for i, fee in enumerate(event.fees)
    ]
    names = {i: name for i, (_, name) in said.items() if name and taxed[i] is not event.fees[i]}
    return Taxed(event.model_copy(update={"fees": taxed}), names, sentence_on_tax)
