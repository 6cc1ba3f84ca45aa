"""The reply wording of one language: its templates, and how it writes days, moments and money."""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from functools import cache

from jinja2 import Environment, StrictUndefined, Template

from ..knowledge import Fee, PartialDate
from ..knowledge.moments import full_minute
from . import languages

AOE = "Etc/GMT+12"


class Phrasebook:
    """Renders the templates of `languages/<language>/templates.toml`."""

    def __init__(self, language: str = languages.DEFAULT) -> None:
        data = tomllib.loads(languages.read(language, "templates.toml"))
        self.language = language
        self.words = data["words"]
        self._env = Environment(
            undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False
        )
        self._env.filters["join_and"] = self.join_and
        self._env.filters["in_a_sentence"] = in_a_sentence
        self._sources = {
            **{f"relative.{k}": v for k, v in data["relative"].items()},
            **data["say"],
            **{f"words.{k}": v for k, v in data["words"].items() if isinstance(v, str)},
        }
        self._compiled: dict[str, Template] = {}

    def say(self, key: str, **values: object) -> str:
        template = self._compiled.get(key)
        if template is None:
            template = self._compiled[key] = self._env.from_string(self._sources[key])
        return template.render(**values).strip()

    def verdict(self, yes: bool, line: str) -> str:
        """`line` after "Yes." or "No."."""
        return f"{self.say('yes' if yes else 'no')} {line}"

    def join_and(self, items: Sequence[str]) -> str:
        items = [str(item) for item in items]
        if len(items) <= 1:
            return "".join(items)
        return f"{', '.join(items[:-1])} {self.words['and']} {items[-1]}"

    def day(self, day: dt.date | PartialDate, *, weekday: bool = True) -> str:
        date = day if isinstance(day, dt.date) else day.date
        if date is None:  # a day without a year has no weekday
            return self.say(
                "words.day",
                weekday="",
                day=day.day,
                month=self.words["months"][day.month - 1],
                year=None,
            )
        return self.say(
            "words.day",
            weekday=self.words["weekdays"][date.weekday()] if weekday else "",
            day=date.day,
            month=self.words["months"][date.month - 1],
            year=date.year,
        )

    def day_range(self, start: dt.date, end: dt.date) -> str:
        months = self.words["months"]
        return self.say(
            "words.day_range",
            start_day=start.day,
            start_month=months[start.month - 1],
            start_year=start.year,
            end_day=end.day,
            end_month=months[end.month - 1],
            end_year=end.year,
        )

    def zone(self, moment: dt.datetime) -> str:
        key = getattr(moment.tzinfo, "key", None)
        if key == AOE:
            return self.words["aoe"]
        name = moment.tzname() or ""
        if key and name and not name[0].isalpha():  # zones without an abbreviation: "+04"
            name = f"UTC{name}"
        return f"{name} ({key})" if key and key != "UTC" and name != key else name

    def moment(self, moment: dt.datetime) -> str:
        """ "Tuesday 31 July 2029, 23:59 ACST". The end of a day is the full minute in another
        zone (moments.full_minute: the end of 31 July in Adelaide is 23:30 in Tokyo), but 23:59
        in its own, where the minute after it would be the next day."""
        if (rounded := full_minute(moment)).time() != dt.time():
            moment = rounded
        return self.say(
            "words.moment",
            day=self.day(moment.date()),
            time=moment.strftime("%H:%M"),
            zone=self.zone(moment),
        )

    def money(self, amount: Decimal, currency: str) -> str:
        if amount == 0:
            return self.words["free"]
        text = f"{amount:,.2f}".removesuffix(".00")
        marks = {",": self.words.get("thousands", ","), ".": self.words.get("decimal", ".")}
        text = "".join(marks.get(c, c) for c in text)
        return self.say("words.money", amount=text, currency=currency)

    def percent(self, share: Decimal) -> str:
        """ "3.5 %", "3,5 %": a share as the language writes it."""
        return f"{share.normalize():f} %".replace(".", self.words.get("decimal", "."))

    def vat(
        self,
        fee: Fee,
        *,
        rate_shown: bool = True,
        added_share: bool = False,
        tax: str | None = None,
    ) -> str:
        """What a fee says of VAT: included (with its rate and share, if `rate_shown`), or on
        top with what the fee comes to in all ("24,000 NPR, plus VAT (13%): 27,120 NPR in all")
        and, with `added_share`, how much that adds ("VAT (13%, that is 3,120 NPR)")."""
        rate = fee.vat_rate_percent
        if fee.vat_included is True:
            share = fee.amount * rate / (100 + rate) if rate and rate_shown else None
            return self.say(
                "vat_included",
                rate=rate if rate_shown else None,
                share=self.money(_cents(share), fee.currency) if share else None,
                tax=tax,
            )
        if fee.vat_included is False:
            total = fee.with_tax() if rate and fee.amount else None
            share = total - fee.amount if total and added_share else None
            return self.say(
                "vat_excluded",
                rate=rate,
                share=self.money(_cents(share), fee.currency) if share else None,
                total=self.money(total, fee.currency) if total else None,
                tax=tax,
            )
        return ""

    def relative(self, moment: dt.datetime, now: dt.datetime) -> str:
        """When `moment` is from `now`: "in 14 minutes" within the hour, "in 3 hours" within a
        day, else "tomorrow", "in 12 days"."""
        seconds = (moment - now).total_seconds()
        if abs(seconds) < 60:
            return self.say("relative.now")
        if abs(seconds) < 3600:
            minutes = round(abs(seconds) / 60)
            key = "relative.in_minutes" if seconds > 0 else "relative.minutes_ago"
            return self.say(key, n=minutes)
        if abs(seconds) < 3600 * 24:
            hours = round(abs(seconds) / 3600)
            if hours == 0:
                return self.say("relative.now")
            return self.say("relative.in_hours" if seconds > 0 else "relative.hours_ago", n=hours)
        days = (moment.astimezone(now.tzinfo).date() - now.date()).days
        if days == 1:
            return self.say("relative.tomorrow")
        if days == -1:
            return self.say("relative.yesterday")
        return self.say("relative.in_days" if days > 0 else "relative.days_ago", n=abs(days))


def in_a_sentence(name: str) -> str:
    """A name as it reads inside a sentence: its first letter small when its first word is a
    common one ("Student, shared room"), the rest as the organisers wrote it ("participant from
    Greenland"; "IAA member" and "PhD student" stay)."""
    first = name.split(" ", 1)[0]
    return name[:1].lower() + name[1:] if first[1:].islower() else name


@cache
def phrasebook(language: str = languages.DEFAULT) -> Phrasebook:
    return Phrasebook(language)


def _cents(amount: Decimal) -> Decimal:
    return amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
