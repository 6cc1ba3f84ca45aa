"""Answers composed from one event's facts: each says what it used, and whether it fell short."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..knowledge import DeadlineKind, Event, EventStatus
from ..knowledge import moments as m
from .phrasing import Phrasebook
from .text import fold, stems, words
from .understand import Query


@dataclass
class Answer:
    """The lines of a reply, the knowledge-base fields they came from, and whether to hand off."""

    lines: list[str] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)
    handoff: bool = False

    def add(self, line: str, *facts: str) -> Answer:
        self.lines.append(line)
        self.facts.extend(f for f in facts if f not in self.facts)
        return self

    def lack(self, line: str) -> Answer:
        """Say plainly what is not known; the question goes to the organisers."""
        self.lines.append(line)
        self.handoff = True
        return self


@dataclass(frozen=True)
class Ask:
    event: Event
    query: Query
    now: dt.datetime
    say: Phrasebook
    filler: frozenset[str]

    @property
    def aspects(self) -> set[str]:
        return self.query.aspects

    def text(self, key: str, **values: object) -> str:
        return self.say.say(key, e=self.event.label, past=phase(self.event, self.now) == "past",
                            ongoing=phase(self.event, self.now) == "ongoing", **values)


def phase(event: Event, now: dt.datetime) -> str:
    """'upcoming', 'ongoing' or 'past'; 'unknown' when the dates do not tell."""
    if event.status is EventStatus.TOOK_PLACE:
        return "past"
    starts, ends = m.event_starts(event), m.event_ends(event)
    if starts is None or ends is None:
        return "unknown"
    if now < starts:
        return "upcoming"
    return "ongoing" if now <= ends else "past"


def about(ask: Ask) -> Answer:
    event, answer = ask.event, Answer()
    if "name" in ask.aspects:
        answer.add(ask.text("full_name", name=event.name, acronyms=event.acronyms), "name", "acronyms")
        return answer
    if "audience" in ask.aspects:
        if event.audience:
            return answer.add(ask.text("audience", audience=event.audience), "audience")
        return answer.lack(ask.text("no_audience"))
    if event.summary:
        answer.add(ask.text("about", summary=event.summary), "summary")
    if event.description and ("more" in ask.aspects or not event.summary):
        answer.add(ask.text("about_more", description=event.description), "description")
    if not answer.lines:
        return answer.lack(ask.text("no_about"))
    return answer


def dates(ask: Ask) -> Answer:
    event, say, answer = ask.event, ask.say, Answer()
    if event.dates is None:
        return answer.lack(ask.text("no_dates"))
    d = event.dates
    if event.status in (EventStatus.CANCELLED, EventStatus.POSTPONED):
        answer.add(ask.text(f"status_{event.status.value}"), "status")
    start, end = m.start_day(event), m.end_day(event)
    facts = ["dates.start"] + (["dates.end"] if d.end else [])
    if start is None:
        answer.add(ask.text("dates_no_year", day=say.day(d.start)), *facts)
        if "year" in ask.aspects:
            answer.handoff = True
    elif "duration" in ask.aspects and end:
        answer.add(ask.text("duration", n=(end - start).days + 1, days=_days(say, start, end)), *facts)
    else:
        relative = None
        if phase(event, ask.now) == "upcoming":
            relative = say.relative(m.event_starts(event), ask.now)
        if end and end != start:
            answer.add(ask.text("dates_many", days=_days(say, start, end), n=(end - start).days + 1,
                                relative=relative), *facts)
        else:
            answer.add(ask.text("dates_one", day=say.day(start), relative=relative), *facts)
    if "time" in ask.aspects:
        if d.start_time or d.end_time:
            zone = event.timezone
            answer.add(ask.text("times", start=d.start_time and d.start_time.strftime("%H:%M"),
                                end=d.end_time and d.end_time.strftime("%H:%M"), zone=zone),
                       "dates.start_time", "dates.end_time")
        else:
            if d.note:
                answer.add(ask.text("dates_note", note=d.note.rstrip(".")), "dates.note")
            # the note answers "was it in the afternoon?", not "what time did it start?"
            if not (d.note and set(stems(words(fold(d.note)))) & set(ask.query.stems) - ask.filler):
                answer.lack(ask.text("no_times"))
    return answer


def _days(say: Phrasebook, start: dt.date, end: dt.date) -> str:
    return say.day_range(start, end) if start != end else say.day(start)


def fees(ask: Ask) -> Answer:
    event, say, answer = ask.event, ask.say, Answer()
    if not event.fees:
        return answer.lack(ask.text("no_fees"))
    aspects = set(ask.aspects)
    if "vat" in aspects:  # "is VAT included?" asks about the tax, not what the fee covers
        aspects.discard("includes")
    chosen = _pick(ask, [fee.category for fee in event.fees])
    indices = chosen if chosen else list(range(len(event.fees)))
    if "free" in aspects and all(event.fees[i].amount == 0 for i in indices):
        return answer.add(ask.text("free_event"), *(f"fees[{i}].amount" for i in indices))
    if "free" in aspects and len(indices) == 1:
        fee = event.fees[indices[0]]
        answer.add(ask.text("not_free", amount=say.money(fee.amount, fee.currency)), f"fees[{indices[0]}].amount")
    elif len(indices) == 1:
        i = indices[0]
        fee = event.fees[i]
        answer.add(ask.text("fee_one", category=fee.category, amount=say.money(fee.amount, fee.currency),
                            vat=_vat(ask, fee)), f"fees[{i}].amount", f"fees[{i}].currency",
                   *([f"fees[{i}].vat_included"] if fee.vat_included is not None else []))
    else:
        answer.add(ask.text("fees_many"))
        for i in indices:
            fee = event.fees[i]
            answer.add(ask.text("fee_line", category=fee.category, amount=say.money(fee.amount, fee.currency),
                                vat=_vat(ask, fee), until=fee.until and say.day(fee.until)),
                       f"fees[{i}].category", f"fees[{i}].amount")
    if "vat" in aspects and any(event.fees[i].vat_included is None for i in indices):
        answer.lack(ask.text("vat_unknown"))
    if "includes" in aspects or len(indices) == 1:
        covered = [i for i in indices if event.fees[i].includes]
        for i in covered:
            fee = event.fees[i]
            key = "includes" if len(indices) == 1 else "category_includes"
            answer.add(ask.text(key, category=fee.category, items=fee.includes), f"fees[{i}].includes")
        if "includes" in aspects and not covered:
            answer.lack(ask.text("no_includes"))
    return answer


def _vat(ask: Ask, fee) -> str:
    if fee.vat_included is True:
        return ask.text("vat_included")
    if fee.vat_included is False:
        return ask.text("vat_excluded", rate=fee.vat_rate_percent)
    return ""


def _pick(ask: Ask, names: list[str]) -> list[int]:
    """The items the question names by a word of theirs ("the student fee")."""
    asked = set(ask.query.stems) - ask.filler
    picked = []
    for i, name in enumerate(names):
        name_stems = set(stems(words(fold(name)))) - ask.filler - {"fee", "registr", "regist"}
        if name_stems and name_stems & asked:
            picked.append(i)
    return picked


def venue(ask: Ask) -> Answer:
    event, answer = ask.event, Answer()
    v = event.venue
    if v is None:
        return answer.lack(ask.text("no_venue"))
    if v.name or v.city:
        answer.add(ask.text("venue", name=v.name, city=v.city, country=v.country),
                   *[f"venue.{f}" for f in ("name", "city", "country") if getattr(v, f)])
    if v.co_located_with:
        answer.add(ask.text("co_located", conference=v.co_located_with, name=v.name, city=v.city),
                   "venue.co_located_with")
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


def speakers(ask: Ask) -> Answer:
    event, query, answer = ask.event, ask.query, Answer()
    asked = [index for event_id, index in query.speakers if event_id == event.id]
    named_elsewhere = [s for s in query.speakers if s[0] != event.id]
    if not event.speakers:
        answer.lack(ask.text("no_speakers"))
        if event.speakers_note:
            answer.add(ask.text("speakers_note", note=event.speakers_note), "speakers_note")
        return answer
    if not asked and (query.person or named_elsewhere):
        name = query.person or query.speaker_names[named_elsewhere[0]]  # the name asked about, not a fact
        return answer.add(ask.text("speaker_no", name=name, speakers=[s.name for s in event.speakers]),
                          *(f"speakers[{i}].name" for i in range(len(event.speakers))))
    if not asked:
        answer.add(ask.text("speakers"))
        for i, s in enumerate(event.speakers):
            answer.add(ask.text("speaker_line", name=s.name, affiliation=s.affiliation, talk=s.talk),
                       f"speakers[{i}].name", *([f"speakers[{i}].affiliation"] if s.affiliation else []))
        return answer
    for i in asked:
        s = event.speakers[i]
        if "talk" in ask.aspects:
            if s.talk:
                answer.add(ask.text("speaker_talk", name=s.name, talk=s.talk), f"speakers[{i}].talk")
            else:
                answer.lack(ask.text("speaker_no_talk", name=s.name))
        elif "affiliation" in ask.aspects:
            if s.affiliation:
                answer.add(ask.text("speaker_affiliation", name=s.name, affiliation=s.affiliation),
                           f"speakers[{i}].affiliation")
            else:
                answer.lack(ask.text("speaker_no_affiliation", name=s.name))
        else:
            key = "speaker_yes" if _YES_NO.match(ask.query.text) else "speaker_is"
            answer.add(ask.text(key, name=s.name, affiliation=s.affiliation), f"speakers[{i}].name",
                       *([f"speakers[{i}].affiliation"] if s.affiliation else []))
            if s.talk:
                answer.add(ask.text("speaker_talk", name=s.name, talk=s.talk), f"speakers[{i}].talk")
            if s.bio and "bio" in ask.aspects:
                answer.add(ask.text("speaker_bio", bio=s.bio), f"speakers[{i}].bio")
    return answer


_YES_NO = re.compile(r"^\s*(?:is|are|was|were|will|does|do|did|has|have|can)\b")


def registration(ask: Ask) -> Answer:
    event, say, answer = ask.event, ask.say, Answer()
    reg = event.registration
    if reg is None:
        return answer.lack(ask.text("no_registration"))
    aspects = ask.aspects
    everything = not aspects & {"required", "deadline", "status", "how", "capacity", "opens"}
    if "required" in aspects or everything:
        if reg.required is None:
            if "required" in aspects:
                answer.lack(ask.text("registration_required_unknown"))
        else:
            answer.add(ask.text("registration_required" if reg.required else "registration_optional"),
                       "registration.required")
    if aspects & {"deadline", "status", "opens"} or everything:
        _registration_window(ask, answer)
    if "capacity" in aspects:
        if reg.capacity:
            answer.add(ask.text("capacity", capacity=reg.capacity), "registration.capacity")
        else:
            answer.lack(ask.text("no_capacity"))
    if "how" in aspects or everything:
        if reg.url:
            answer.add(ask.text("registration_url", url=str(reg.url)), "registration.url")
        if reg.email:
            answer.add(ask.text("registration_email", email=reg.email), "registration.email")
        if reg.how and ("how" in aspects or not (reg.url or reg.email)):
            answer.add(ask.text("registration_how", how=reg.how), "registration.how")
        if not (reg.url or reg.email or reg.how) and "how" in aspects:
            answer.lack(ask.text("no_registration_how"))
    if not answer.lines:
        return answer.lack(ask.text("no_registration"))
    return answer


def _registration_window(ask: Ask, answer: Answer) -> None:
    event, say, now = ask.event, ask.say, ask.now
    closes, opens = m.registration_deadline(event), m.registration_opens(event)
    deadline = closes and say.moment(closes)
    if closes and ask.query.zone is not None:
        deadline += " " + say.say("deadline_converted", zone=ask.query.zone_name or str(ask.query.zone),
                                  at=say.moment(closes.astimezone(ask.query.zone)))
    if phase(event, now) == "past" and (closes is None or closes < now):
        if closes:
            answer.add(ask.text("registration_closed", deadline=say.day(closes.date())), "registration.deadline")
        else:
            answer.add(ask.text("registration_over"), "dates.start")
    elif opens and now < opens:
        answer.add(ask.text("registration_not_yet", opens=say.moment(opens), relative=say.relative(opens, now),
                            deadline=deadline), "registration.opens", *(["registration.deadline"] if closes else []))
    elif closes and now > closes:
        answer.add(ask.text("registration_closed", deadline=say.day(closes.date())), "registration.deadline")
    elif closes:
        answer.add(ask.text("registration_open", deadline=deadline, relative=say.relative(closes, now)),
                   "registration.deadline")
    elif "deadline" in ask.aspects:
        answer.lack(ask.text("no_deadline_kind", kind=ask.say.say("kind_registration")))


_KIND_ASPECTS = {kind.value: kind for kind in DeadlineKind}


def deadlines(ask: Ask) -> Answer:
    event, say, answer = ask.event, ask.say, Answer()
    kinds = [_KIND_ASPECTS[a] for a in ("abstract", "submission", "notification", "camera_ready", "registration")
             if a in ask.aspects]
    if "timezone" in ask.aspects and not kinds and not ask.query.zone:
        zones = sorted({say.zone(m.deadline_at(event, d)) for d in event.deadlines})
        if any(d.timezone and d.timezone.lower() in ("aoe", "etc/gmt+12") for d in event.deadlines) or (
            "aoe" in ask.query.stems):
            answer.add(say.say("aoe_explained"), *(f"deadlines[{i}].timezone" for i in range(len(event.deadlines))))
        elif zones:
            answer.add(ask.text("zone_explained", zones=zones), "deadlines")
        else:
            answer.lack(ask.text("no_deadlines"))
        return answer
    if kinds == [DeadlineKind.REGISTRATION] and not any(d.kind is DeadlineKind.REGISTRATION for d in event.deadlines):
        return registration(Ask(event, _with_aspects(ask.query, {"deadline"}), ask.now, say, ask.filler))
    chosen = [(i, d) for i, d in enumerate(event.deadlines) if not kinds or d.kind in kinds]
    if not kinds:  # a deadline asked for by its own name: "the full paper"
        named = [(i, d) for i, d in chosen if _names_it(ask, d.name)]
        if named:
            chosen, kinds = named, [d.kind for _, d in named]
    missing = [k for k in kinds if not any(d.kind is k for d in event.deadlines) and k is not DeadlineKind.REGISTRATION]
    for kind in missing:
        answer.lack(ask.text("no_deadline_kind", kind=say.say(f"kind_{kind.value}")))
    if len(chosen) == 1 and kinds:
        i, d = chosen[0]
        answer.add(ask.text("deadline_one", name=d.name, **_deadline_values(ask, d)), f"deadlines[{i}]")
    elif chosen:
        answer.add(ask.text("deadlines"))
        for i, d in chosen:
            answer.add(ask.text("deadline_line", name=d.name, **_deadline_values(ask, d)), f"deadlines[{i}]")
    if not kinds and not missing:
        closes = m.registration_deadline(event)
        if closes and not any(d.kind is DeadlineKind.REGISTRATION for d in event.deadlines):
            if not chosen:
                answer.add(ask.text("deadlines"))
            answer.add(ask.text("deadline_line", name=say.say("kind_registration").capitalize(),
                                **_moment_values(ask, closes)), "registration.deadline")
        if chosen and m.start_day(event):
            answer.add(ask.text("event_day_line", kind=event.kind or "event", day=say.day(m.start_day(event))),
                       "dates.start")
    if not answer.lines:
        return answer.lack(ask.text("no_deadlines"))
    return answer


def _names_it(ask: Ask, name: str) -> bool:
    own = set(stems(words(fold(name)))) - ask.filler - {"deadlin", "date"}
    return bool(own) and own <= set(ask.query.stems)


def _with_aspects(query: Query, aspects: set[str]) -> Query:
    from dataclasses import replace

    return replace(query, aspects=aspects)


def _deadline_values(ask: Ask, deadline) -> dict[str, str]:
    return _moment_values(ask, m.deadline_at(ask.event, deadline))


def _moment_values(ask: Ask, at: dt.datetime) -> dict[str, str]:
    say, now, zone = ask.say, ask.now, ask.query.zone
    state = say.say("deadline_passed") if at < now else say.say("deadline_open", relative=say.relative(at, now))
    converted = ""
    if zone is not None:
        local = at.astimezone(zone)
        converted = say.say("deadline_converted", zone=ask.query.zone_name or str(zone), at=say.moment(local))
    return {"at": say.moment(at), "state": state, "converted": converted}


def submission(ask: Ask) -> Answer:
    event, answer = ask.event, Answer()
    sub = event.submission
    if sub is None:
        return answer.lack(ask.text("no_submission"))
    aspects = ask.aspects
    rules = list(enumerate(sub.rules))
    if "in_person" in aspects or "dual" in aspects:
        wanted = set(ask.query.stems) - ask.filler
        picked = [(i, r) for i, r in rules if set(stems(words(fold(r)))) & wanted]
        rules = picked or rules
    if "how" in aspects:
        if sub.url:
            answer.add(ask.text("submission_url", url=str(sub.url)), "submission.url")
        else:
            answer.lack(ask.text("no_submission_url"))
    if "format" in aspects:
        if sub.format:
            answer.add(ask.text("submission_format", format=sub.format), "submission.format")
        if sub.page_limit:
            answer.add(ask.text("page_limit", limit=sub.page_limit), "submission.page_limit")
        if not (sub.format or sub.page_limit):
            answer.lack(ask.text("no_format"))
    if "anonymous" in aspects:
        if sub.anonymous is None:
            answer.lack(ask.text("no_anonymous"))
        else:
            answer.add(ask.text("anonymous_yes" if sub.anonymous else "anonymous_no"), "submission.anonymous")
    if rules and (not aspects & {"how", "format", "anonymous"} or aspects & {"in_person", "dual"}):
        answer.add(ask.text("submission_rules"))
        for i, rule in rules:
            answer.add(ask.text("rule_line", rule=rule), f"submission.rules[{i}]")
    if not answer.lines:
        return answer.lack(ask.text("no_submission"))
    return answer


def proceedings(ask: Ask) -> Answer:
    event, answer = ask.event, Answer()
    only_journal = "special_issue" in ask.aspects and "proceedings" not in ask.aspects
    if not only_journal:
        for i, p in enumerate(event.proceedings):
            answer.add(ask.text("proceedings", title=p.title, note=p.note, url=p.url and str(p.url)), f"proceedings[{i}]")
    if "special_issue" in ask.aspects or not only_journal:
        for i, s in enumerate(event.special_issues):
            answer.add(ask.text("special_issue", title=s.title, journal=s.journal, note=s.note,
                                url=s.url and str(s.url)), f"special_issues[{i}]")
    if only_journal and not event.special_issues:
        return answer.lack(ask.text("no_special_issue"))
    if not answer.lines:
        return answer.lack(ask.text("no_proceedings"))
    return answer


def topics(ask: Ask) -> Answer:
    event, answer = ask.event, Answer()
    if not event.topics:
        if event.scope:
            return answer.add(ask.text("scope", scope=event.scope), "scope")
        return answer.lack(ask.text("no_topics"))
    if ask.query.topic:
        best, best_score = _closest_topic(ask, ask.query.topic, event.topics)
        if best is not None and best_score >= 0.4:
            return answer.add(ask.text("topic_yes", topic=event.topics[best]), f"topics[{best}]")
        key = "topic_no" if event.topics_exhaustive else "topic_unlisted"
        answer.add(ask.text(key, asked=ask.query.topic))
        answer.handoff = not event.topics_exhaustive
    else:
        answer.add(ask.text("topics", exhaustive=event.topics_exhaustive))
    for i, topic in enumerate(event.topics):
        answer.add(ask.text("topic_line", topic=topic), f"topics[{i}]")
    return answer


def _closest_topic(ask: Ask, asked_text: str, topics: list[str]) -> tuple[int | None, float]:
    """The listed topic that covers most of what was asked, words weighed by how rare they are."""
    topic_stems = [set(stems(words(fold(topic)))) - ask.filler for topic in topics]
    asked = set(stems(words(fold(asked_text)))) - ask.filler
    if not asked:
        return None, 0.0

    def weight(word: str) -> float:
        count = sum(word in each for each in topic_stems)
        return math.log(1 + len(topics) / (count or 0.5))

    total = sum(weight(word) for word in asked)
    scored = [(sum(weight(w) for w in asked & each) / total, i) for i, each in enumerate(topic_stems)]
    score, index = max(scored)
    return (index if score > 0 else None), score


def organisers(ask: Ask) -> Answer:
    event, answer = ask.event, Answer()
    if not event.organisers:
        return answer.lack(ask.text("no_organisers"))
    names = [o.name for o in event.organisers]
    answer.add(ask.text("organisers", names=names), *(f"organisers[{i}].name" for i in range(len(names))))
    for i, o in enumerate(event.organisers):
        if o.affiliation or o.description:
            answer.add(ask.text("organiser_line", name=o.name, affiliation=o.affiliation, description=o.description),
                       f"organisers[{i}]")
    return answer


def contact(ask: Ask) -> Answer:
    c, answer = ask.event.contact, Answer()
    if c is None or not (c.email or c.phone or c.url):
        return answer.lack(ask.text("no_contact"))
    if c.email:
        answer.add(ask.text("contact_email", email=c.email), "contact.email")
    if c.phone:
        answer.add(ask.text("contact_phone", phone=c.phone), "contact.phone")
    if c.url:
        answer.add(ask.text("contact_url", url=str(c.url)), "contact.url")
    return answer


def reviewers(ask: Ask) -> Answer:
    r, answer = ask.event.reviewers, Answer()
    if r is None:
        return answer.lack(ask.text("no_reviewers"))
    return answer.add(ask.text("reviewers", note=r.note, url=r.url and str(r.url)), "reviewers")


def past_editions(ask: Ask) -> Answer:
    event, answer = ask.event, Answer()
    if not event.past_editions:
        return answer.lack(ask.text("no_past_editions"))
    answer.add(ask.text("past_editions"))
    for i, p in enumerate(event.past_editions):
        answer.add(ask.text("past_edition", name=p.name, url=p.url and str(p.url),
                            proceedings=p.proceedings_url and str(p.proceedings_url), note=p.note), f"past_editions[{i}]")
    return answer


def website(ask: Ask) -> Answer:
    if ask.event.website is None:
        return Answer().lack(ask.text("no_website"))
    return Answer().add(ask.text("website", url=str(ask.event.website)), "website")


def programme(ask: Ask) -> Answer:
    event, answer = ask.event, Answer()
    if not event.programme:
        return answer.lack(ask.text("no_programme"))
    answer.add(ask.text("programme"))
    for i, s in enumerate(event.programme):
        when = " ".join(x for x in (s.day and ask.say.day(s.day), s.start and s.start.strftime("%H:%M")) if x)
        answer.add(ask.text("programme_line", when=when, title=s.title, description=s.description), f"programme[{i}]")
    return answer


COMPOSERS: dict[str, Callable[[Ask], Answer]] = {
    "about": about, "dates": dates, "fees": fees, "venue": venue, "speakers": speakers,
    "registration": registration, "deadlines": deadlines, "submission": submission,
    "proceedings": proceedings, "topics": topics, "organisers": organisers, "contact": contact,
    "reviewers": reviewers, "past_editions": past_editions, "website": website, "programme": programme,
}
