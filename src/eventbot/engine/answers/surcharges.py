"""What paying one way adds, as the organisers say it ("American Express payments carry a
surcharge of 1.5 %", "by credit card (3 % surcharge)", "Transfers from banks outside Jordan cost
15 JOD extra", "Visa and Mastercard carry no surcharge"), and what a sum comes to paid so. The
organisers write their facts in English, so their sentences are read in English whatever the
asker writes in.

A sentence is read clause by clause (its parts between commas, colons and semicolons): a clause
that names a way of paying and one charge gives that way its charge; a charge in a clause that
names no way belongs to the way the clause before names ("we add a handling fee of 35 USD" after
"Bank transfers in USD are possible until 15 May"); the ways listed before a colon are charged
after it ("Pay by card or PayPal: cards are free, PayPal costs 2 % extra")."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .refunds import MONEY

#: the ways of paying, as the organisers name them; American Express and the other cards are
#: kinds of card
_MEANS = {
    "amex": re.compile(r"\bamerican express\b|\bamex\b", re.IGNORECASE),
    # "Visa" the card, not a visa to enter ("Visa Waiver Program countries")
    "visa": re.compile(r"\b(?-i:Visa)\b(?! [Ww]aiver)|\b(?:mastercard|maestro)\b", re.IGNORECASE),
    "card": re.compile(r"\b(?:credit |debit )?cards?\b", re.IGNORECASE),
    "transfer": re.compile(
        r"\b(?:bank|wire|sepa|swift|international|foreign)\s+transfers?\b"
        r"|\btransfers?\s+(?:from|in)\s+(?:banks?|[A-Z]{3}\b|\w+ (?:dollars|euros))"
        r"|\band transfers\b|\bsepa\b|\bswift\b",
        re.IGNORECASE,
    ),
    "paypal": re.compile(r"\bpaypal\b", re.IGNORECASE),
}
#: a card that is no means of paying: "a copy of your student card", "on the HOLO card"
_OTHER_CARDS = frozenset(
    {"student", "id", "identity", "sim", "bus", "travel", "transit", "boarding", "business"}
    | {"gift", "library", "membership", "member", "key", "smart", "metro", "transport"}
)
#: the kind each way of paying is one of: a rule for cards holds for American Express
WIDER = {"amex": "card", "visa": "card"}
#: where a clause ends: "By card (Visa or Mastercard, no surcharge) or by SEPA bank transfer";
#: a colon before a space, not the one of a clock ("12:00")
_CLAUSES = re.compile(r";\s*|:\s+|,\s+|\s*\(|\s+or\s+(?=by\b)")
_PERCENT = re.compile(r"(\d+(?:[.,]\d+)?)\s?(?:%|per ?cent\b)", re.IGNORECASE)
#: what makes an amount in a clause a charge for paying so
_CHARGE = re.compile(
    r"\b(?:surcharges?|extra|add(?:s|ed)?|(?:handling |processing |bank )?fee|charges?|costs?)\b",
    re.IGNORECASE,
)
_NONE = re.compile(
    r"\bno (?:surcharge|extra|fee|charge)s?\b|\bat no (?:extra )?cost\b|\bfree of charge\b"
    r"|\bwithout (?:a |any )?(?:surcharge|fee|charge)\b|\b(?:are|is) free\b|\bcarry none\b",
    re.IGNORECASE,
)
#: a rate that is a tax, not a charge for paying so
_TAX = re.compile(r"\b(?:VAT|GST|HST|IVA|TVA|tax)\b", re.IGNORECASE)
_CENT = Decimal("0.01")


@dataclass(frozen=True)
class Surcharge:
    """What paying one way adds: a share, an amount, or nothing; and the sentence saying so."""

    means: str  # "amex", "visa", "card", "transfer", "paypal"
    percent: Decimal | None
    amount: Decimal | None
    currency: str | None
    fact: str
    sentence: str

    @property
    def charge(self) -> tuple[Decimal | None, Decimal | None, str | None]:
        return self.percent, self.amount, self.currency

    def on(self, total: Decimal, currency: str) -> Decimal | None:
        """What it adds to `total` in `currency`; None if it is an amount in another one."""
        if self.percent is not None:
            return (total * self.percent / 100).quantize(_CENT, ROUND_HALF_UP)
        if self.amount is not None:
            return self.amount if self.currency == currency else None
        return Decimal(0)


def surcharges(texts: Iterable[tuple[str, str]]) -> list[Surcharge]:
    """Every charge for a way of paying the (fact, sentence) `texts` give."""
    found: list[Surcharge] = []
    for fact, sentence in texts:
        waiting: list[str] = []  # the ways named so far with no charge of their own
        last: list[str] = []  # those of the last clause that named any
        for clause in _CLAUSES.split(sentence):
            named, charge = _means_in(clause), _charge_in(clause)
            if charge is None:
                waiting, last = waiting + named, named or last
                continue
            if not named:  # "…, by PayPal or by bank transfer; there is no surcharge.", but
                # "… or by credit card (3 % surcharge)" of the card alone
                named = waiting if charge == (None, None, None) else last
                waiting = []
            found.extend(Surcharge(means, *charge, fact, sentence) for means in named)
    return list(dict.fromkeys(found))


def for_means(found: list[Surcharge], means: str) -> list[Surcharge]:
    """The charges that hold for paying by `means`: its own, else those of the kind it is one
    of; of a card, the charges of each kind of card when no rule is said of cards at all."""
    own = [s for s in found if s.means == means]
    if own:
        return own
    if means in WIDER:
        return [s for s in found if s.means == WIDER[means]]
    return [s for s in found if WIDER.get(s.means) == means]


def _means_in(clause: str) -> list[str]:
    named = [means for means, pattern in _MEANS.items() if pattern.search(clause)]
    if "card" in named and all(
        before and (before.lower() in _OTHER_CARDS or before.isupper())
        for before in re.findall(r"(?:(\w+)\s+)?\bcards?\b", clause, re.IGNORECASE)
    ):
        named.remove("card")
    if "card" in named and ("amex" in named or "visa" in named):
        named.remove("card")  # "American Express cards carry …"
    return named


def _charge_in(clause: str) -> tuple[Decimal | None, Decimal | None, str | None] | None:
    """The one charge a clause says, (share, amount, currency); (None, None, None) when it says
    there is none; None when it says none of these, or more than one."""
    if _NONE.search(clause):
        return None, None, None
    if not _CHARGE.search(clause):
        return None
    shares = [] if _TAX.search(clause) else _PERCENT.findall(clause)
    amounts = MONEY.findall(clause)
    if len(shares) + len(amounts) != 1:
        return None
    if shares:
        return Decimal(shares[0].replace(",", ".")), None, None
    number, code, code_first, number_after = amounts[0]
    return None, Decimal((number or number_after).replace(",", "")), code or code_first
