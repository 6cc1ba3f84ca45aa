"""Answers about what the event is and who is in it: its scope, speakers, papers, people, links."""

from __future__ import annotations

import datetime as dt
import math
import re
from zoneinfo import ZoneInfo

from ...knowledge import Event
from ...knowledge import moments as m
from ...knowledge.model import Session
from ..entries import counts
from ..query import Day, Query
from ..text import (
    fold,
    kind_of,
    named_by,
    numbered,
    of_a_kind,
    stem,
    stem_set,
    stems,
    words,
    years,
)
from . import journeys
from .base import Answer, Ask, converted, pick, yes_or_no


def about(ask: Ask) -> Answer:
    event, answer = ask.event, Answer()
    if "name" in ask.aspects:
        answer.add(
            ask.text("full_name", name=event.name, acronyms=event.acronyms), "name", "acronyms"
        )
        return answer
    if "audience" in ask.aspects:
        if event.audience:
            return answer.add(ask.text("audience", audience=event.audience), "audience")
        return answer.lack(ask.text("no_audience"))
    if event.summary:
        # its name first when the summary does not say it: "A 2-day symposium of the Leibniz
        # AI Lab …" is about causality and personalised medicine because the name says so
        named = any(n and n in event.summary for n in (event.name, event.short_name))
        name = None if named else event.name
        answer.add(
            ask.text("about", summary=event.summary, name=name),
            "summary",
            *([] if named else ["name"]),
        )
    if event.description and ("more" in ask.aspects or not event.summary):
        answer.add(ask.text("about_more", description=event.description), "description")
    if not answer.lines:
        return answer.lack(ask.text("no_about"))
    return answer


def speakers(ask: Ask) -> Answer:
    event, query, answer = ask.event, ask.query, Answer()
    asked = [index for event_id, index in query.speakers if event_id == event.id]
    named_elsewhere = [s for s in query.speakers if s[0] != event.id]
    if not event.speakers:  # what the organisers say of them instead answers, when it speaks
        # of all the question asks: "the report does not name them", "announced in March"
        note = event.speakers_note
        said = stem_set(note or "") | ask.label  # not "which speakers came from LUMC?"
        named = set(query.stems) - ask.filler - ask.asking
        counted = query.counts and not counts(note or "", query)  # "how many?"
        if not note or counted or any(not query.senses(word) & said for word in named):
            answer.lack(ask.text("no_speakers"))
        else:
            answer.add(ask.text("no_speakers"))
        if note:
            answer.add(ask.text("speakers_note", note=note), "speakers_note")
        return answer
    if not asked and not (query.person or named_elsewhere):  # "who gives the talk on X?"
        _, asked = named_by(query.asked, [s.talk or "" for s in event.speakers], ask.filler)
        if not asked:  # "who gives the medal lecture?"
            roles = [s.role or "" for s in event.speakers]
            _, asked = named_by(query.asked, roles, ask.filler | ask.asking | ask.own)
    if not asked and (query.person or named_elsewhere):
        name = (
            query.person or query.speaker_names[named_elsewhere[0]]
        )  # the name asked about, not a fact
        return answer.add(
            ask.text("speaker_no", name=name, speakers=[s.name for s in event.speakers]),
            *(f"speakers[{i}].name" for i in range(len(event.speakers))),
        )
    if not asked:
        answer.add(ask.text("speakers"))
        for i, s in enumerate(event.speakers):
            answer.add(
                ask.text(
                    "speaker_line", name=s.name, affiliation=s.affiliation, role=s.role, talk=s.talk
                ),
                f"speakers[{i}].name",
                *([f"speakers[{i}].affiliation"] if s.affiliation else []),
            )
        return answer
    for i in asked:
        s = event.speakers[i]
        if "talk" in ask.aspects:
            if s.talk:
                answer.add(
                    ask.text("speaker_talk", name=s.name, talk=s.talk), f"speakers[{i}].talk"
                )
            else:
                answer.lack(ask.text("speaker_no_talk", name=s.name))
        elif "affiliation" in ask.aspects:
            if s.affiliation:
                answer.add(
                    ask.text("speaker_affiliation", name=s.name, affiliation=s.affiliation),
                    f"speakers[{i}].affiliation",
                )
            else:
                answer.lack(ask.text("speaker_no_affiliation", name=s.name))
        else:
            key = "speaker_yes" if _YES_NO.match(ask.query.text) else "speaker_is"
            answer.add(
                ask.text(key, name=s.name, affiliation=s.affiliation, role=s.role),
                f"speakers[{i}].name",
                *([f"speakers[{i}].affiliation"] if s.affiliation else []),
            )
            if s.talk:
                answer.add(
                    ask.text("speaker_talk", name=s.name, talk=s.talk), f"speakers[{i}].talk"
                )
            if s.bio and "bio" in ask.aspects:
                answer.add(ask.text("speaker_bio", bio=s.bio), f"speakers[{i}].bio")
    return answer


_YES_NO = re.compile(r"^\s*(?:is|are|was|were|will|does|do|did|has|have|can)\b")


def submission(ask: Ask) -> Answer:
    event, answer = ask.event, Answer()
    sub = event.submission
    if sub is None:
        return answer.lack(ask.text("no_submission"))
    aspects = ask.aspects
    rules = list(enumerate(sub.rules))
    if aspects & {"in_person", "dual"}:  # the rules that speak most of it
        picked = pick(ask, sub.rules) or range(len(sub.rules))
        said = {i: len(ask.query.asked & stem_set(sub.rules[i])) for i in picked}
        rules = [rules[i] for i in picked if said[i] == max(said.values())]
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
            answer.add(
                ask.text("anonymous_yes" if sub.anonymous else "anonymous_no"),
                "submission.anonymous",
            )
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
            answer.add(
                ask.text("proceedings", title=p.title, note=p.note, url=p.url and str(p.url)),
                f"proceedings[{i}]",
            )
    if "special_issue" in ask.aspects or not only_journal:
        for i, s in enumerate(event.special_issues):
            answer.add(
                ask.text(
                    "special_issue",
                    title=s.title,
                    journal=s.journal,
                    note=s.note,
                    url=s.url and str(s.url),
                ),
                f"special_issues[{i}]",
            )
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
        asked = ask.query.topic_read or ask.query.topic
        best, best_score = _closest_topic(ask, asked, event.topics)
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
    """The listed topic that covers most of what was asked, words weighed by how rare they are;
    a word as the facts may say it too ("beeldvorming": imaging), the words that name the event
    not ("fairness in medical imaging at TAI4H")."""
    topic_stems = [set(stems(words(fold(topic)))) - ask.filler for topic in topics]
    surface = ask.query.surface
    naming = {surface[i] for i in ask.query.naming if i < len(surface)}
    said = [  # (whether it names this event, what it may mean)
        (word in naming and bool(senses & ask.label), senses)
        for word in dict.fromkeys(words(fold(asked_text)))
        if (senses := frozenset(ask.query.senses(word)) - ask.filler)
    ]  # "Is causality a topic at the causality symposium?": what names it, if nothing else
    asked = [senses for named, senses in said if not named] or [senses for _, senses in said]
    if not asked:
        return None, 0.0

    def weight(senses: frozenset[str]) -> float:
        count = sum(bool(senses & each) for each in topic_stems)
        return math.log(1 + len(topics) / (count or 0.5))

    total = sum(weight(senses) for senses in asked)
    scored = [
        (sum(weight(senses) for senses in asked if senses & each) / total, i)
        for i, each in enumerate(topic_stems)
    ]
    score, index = max(scored)
    return (index if score > 0 else None), score


def organisers(ask: Ask) -> Answer:
    event, answer = ask.event, Answer()
    if not event.organisers:
        return answer.lack(ask.text("no_organisers"))
    roles = [o.role or "" for o in event.organisers]
    # "programme" is filler of a question, not of "Programme chair"
    generic = ask.filler - ask.programme_words | ask.own | ask.organiser_words
    _, asked = named_by(ask.query.asked, roles, generic)
    for i in asked:  # "who chairs the local committee?": the one whose role it is
        o = event.organisers[i]
        answer.add(
            ask.text("organiser_role", role=o.role, name=o.name, affiliation=o.affiliation),
            f"organisers[{i}]",
        )
    if asked:
        return answer
    names = [o.name for o in event.organisers]
    answer.add(
        ask.text("organisers", names=names), *(f"organisers[{i}].name" for i in range(len(names)))
    )
    for i, o in enumerate(event.organisers):
        if o.role or o.affiliation or o.description:
            answer.add(
                ask.text(
                    "organiser_line",
                    name=o.name,
                    role=o.role,
                    affiliation=o.affiliation,
                    description=o.description,
                ),
                f"organisers[{i}]",
            )
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
    # "are you looking for volunteers?" (not "can I volunteer as a reviewer?"): only a call for
    # reviewers that speaks of them answers
    volunteers = (
        "volunteer" in ask.aspects
        and "review" not in ask.aspects
        and not (r and r.note and ask.query.senses("volunteer") & stem_set(r.note))
    )
    if r is None or volunteers:
        return answer.lack(ask.text("unknown" if volunteers else "no_reviewers"))
    return answer.add(ask.text("reviewers", note=r.note, url=r.url and str(r.url)), "reviewers")


def past_editions(ask: Ask) -> Answer:
    event, answer = ask.event, Answer()
    if not event.past_editions:
        return answer.lack(ask.text("no_past_editions"))
    asked = editions_named(event, ask.query)
    if not asked:
        # "Was there a workshop last year?": yes; "Is this the first edition?": no
        first = ask.query.ordinal == "first"
        said = ask.text("past_editions")
        answer.add(yes_or_no(ask, not first, said) if first or ask.query.there_is else said)
    for i, p in enumerate(event.past_editions):
        if asked and i not in asked:
            continue  # "where was PRGC held in 2024?": that edition
        answer.add(
            ask.text(
                "past_edition",
                name=p.name,
                url=p.url and str(p.url),
                proceedings=p.proceedings_url and str(p.proceedings_url),
                note=p.note,
            ),
            f"past_editions[{i}]",
        )
    return answer


def editions_named(event: Event, query: Query) -> list[int]:
    """The past editions a question names: by their year ("where was PRGC held in 2024?"), or
    by a name their text gives that the event's own names do not ("Hoeveel deelnemers waren
    er op het WCN in Kraków?" of "WCN 2050. Held in Kraków, with 1,100 delegates.")."""
    own = set(words(fold(" ".join([event.name, event.short_name or "", *event.aliases]))))
    said, asked = years(query.stems), set(query.surface)
    return [
        i
        for i, p in enumerate(event.past_editions)
        if p.year in said or (_names_in(f"{p.name}. {p.note or ''}") - own) & asked
    ]


def _names_in(text: str) -> set[str]:
    """The names a text gives, as written: its capitalised words that start no sentence."""
    return set(words(fold(" ".join(re.findall(r"(?<![.!?]\s)(?<=\s)[A-Z][\w'’-]+", text)))))


def website(ask: Ask) -> Answer:
    if ask.event.website is None:
        return Answer().lack(ask.text("no_website"))
    return Answer().add(ask.text("website", url=str(ask.event.website)), "website")


def programme(ask: Ask) -> Answer:
    """The sessions asked about (by words only their titles or descriptions have, or the first,
    next or last), with their times, how soon, and the time in a zone asked for; else all."""
    event, answer = ask.event, Answer()
    if not event.programme:
        return answer.lack(ask.text("no_programme"))
    chosen = _sessions_asked(ask)
    if not chosen:  # "the third keynote" of two
        return answer.lack(ask.text("unknown"))
    if len(chosen) == len(event.programme):
        answer.add(ask.text("programme"))
    for i in chosen:
        s = event.programme[i]
        answer.add(
            ask.text(
                "programme_line",
                when=_session_time(ask, s, soon=len(chosen) <= 3),
                title=s.title,
                description=s.description,
            ),
            f"programme[{i}]",
        )
    if "duration" in ask.aspects:  # "how long is each session?"
        _add_lengths(ask, answer, chosen)
    return answer


def _add_lengths(ask: Ask, answer: Answer, chosen: list[int]) -> None:
    """How long the sessions asked last: the one's, or most sessions' and the others'."""
    sessions = ask.event.programme
    zone = m.event_zone(ask.event)
    timed = {i: n for i in chosen if (n := _minutes(sessions[i], zone))}
    if not timed:
        answer.lack(ask.text("unknown"))
        return
    if len(timed) == 1:
        ((i, minutes),) = timed.items()
        answer.add(
            ask.text(
                "session_length",
                title=sessions[i].title,
                length=ask.text("words.length", minutes=minutes),
                exceptions=[],
            )
        )
        return
    usual = max(set(timed.values()), key=list(timed.values()).count)
    others = [
        f"{sessions[i].title} — {ask.text('words.length', minutes=n)}"
        for i, n in timed.items()
        if n != usual
    ]
    length = ask.text("words.length", minutes=usual)
    answer.add(ask.text("session_length", title=None, length=length, exceptions=others))


def _minutes(session: Session, zone: ZoneInfo | None) -> int | None:
    """How many minutes a session with a start and an end lasts, past midnight too, and by the
    clock of the event's place on its day ("20:00–03:30" the night the clocks go forward is
    six and a half hours)."""
    if not (session.start and session.end):
        return None
    if session.start == session.end:
        return None
    if session.day is None or zone is None:  # by the clock alone
        start = session.start.hour * 60 + session.start.minute
        return (session.end.hour * 60 + session.end.minute - start) % (24 * 60)
    taken = journeys.duration(session.day, session.start, zone, session.end, zone)
    return int(taken.total_seconds() // 60) or None


#: which of several in time an ordinal asks ("next" and "last" depend on now and on all)
ORDERS = (
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
)
_NTH = {name: at for at, name in enumerate(ORDERS)}


def _sessions_asked(ask: Ask) -> list[int]:
    query, sessions = ask.query, ask.event.programme
    everything = on_the_day(ask.event, ask.query.day) or list(range(len(sessions)))
    titles = [sessions[i].title for i in everything]
    texts = [f"{sessions[i].title} {sessions[i].description or ''}" for i in everything]
    before = sorted(
        int(a[len("programme[") : -1]) for a in ask.aspects if a.startswith("programme[")
    )
    asked = set(ask.query.asked) - {ask.query.ordinal}
    if ask.query.zone is not None:
        # "what time does it start in Tehran?" of the session just given, not of the one
        # whose title names Tehran; "… in Nederland?" names no session on the Dutch
        asked -= ask.places
    for event_id, i in ask.query.speakers:  # "when is Felix Hartung's talk?", "… that talk?"
        if event_id == ask.event.id and i < len(ask.event.speakers):
            asked |= stem_set(ask.event.speakers[i].name)
    # by a word and its number first ("session 2"), then by words of their titles: "the
    # keynote on Wednesday" when a panel's description mentions "the keynote speakers" too;
    # a letter is a session's ("track B") only when no word of a title is asked ("a session I
    # could join on causal methods")
    best, found = named_by(asked, titles, ask.filler | ask.label)
    # the words that may ask a kind of session: not the event's own name's ("ISRAS General
    # Assembly", "Group flight … Sisimiut"), unless a kind ("the first Plata seminar")
    # the words of order as written and in English ("slot": close, final)
    order = set(query.ordinal_words).union(
        *(query.senses(w) for w in query.surface if stem(w) in query.ordinal_words)
    )
    unordered = asked - order
    sort = unordered - ask.query.when_words - ask.filler - ask.label | asked & ask.kinds
    by_kind = bool(
        ask.query.ordinal_words
        and not any(stem_set(titles[i]) & sort for i in found)
        and of_a_kind(sort, titles, ask.programme_words)
    )
    if by_kind:
        # "the opening keynote": the first of the keynotes, not a session titled "Opening"
        # that only the word of order names, nor one whose description says "runs"
        best, found = 0, []
    by_number = ask.query.numbering(titles)
    if by_number or not best:
        found = by_number or numbered(ask.query.stems, titles, letters=True) or found
        best = best or int(bool(found))  # named, one way or another
    # an ordinal's words name a session by its title ("the Opening lecture", "Final
    # pitches"), not by its description, nor a kind of session ("the opening keynote"); "the
    # first session" picks by time, not by a description's "the first one after …"
    if not best and not by_kind:
        # "what time is it?" names no session whose description says "summer time"
        best, found = named_by(unordered, texts, ask.filler | ask.asking | ask.label)
    if not best and ask.query.ordinal:  # "the first keynote": a word several titles share
        found = _of_the_kind_named_last(ask, sort, titles)
        given = sessions[before[0]].title if len(before) == 1 and before[0] < len(sessions) else ""
        if not found and ":" in given:
            # "and the second?" after the first keynote: of the kind of the one just given
            kind = kind_of(given)
            found = of_a_kind({w for w in kind if not w.isdigit()}, titles, ask.programme_words)
    if before and not best and not ask.query.ordinal and not ask.query.day:
        return [i for i in before if i < len(sessions)]  # the ones just answered about
    named = [everything[i] for i in found] or everything
    ordinal = ask.query.ordinal
    titled = _titled_by_order(ask, everything)
    # not when another's title has more of the other words asked: "the closing keynote" is
    # "Keynote: …" (the closing one), not "Closing symposium" ("Abschluss": closing, final)
    others = unordered - ask.filler

    def in_title(i: int) -> int:
        return len(stem_set(sessions[i].title) & others)

    if (
        titled
        and set(titled) <= set(named)
        and max(map(in_title, titled)) >= max(map(in_title, named))
    ):
        named, ordinal = titled, None
    elif ordinal:
        # "the closing keynote on Tuesday": the last keynote of the day, not the "Closing
        # ceremony" that only the word of order names
        what = others - query.when_words  # not "Late-breaking posters" for "hoe laat"
        by_what = [i for i in named if stem_set(sessions[i].title) & what]
        if any(stem_set(sessions[i].title) & order for i in named if i not in by_what):
            named = by_what or named
    timed = sorted(
        (i for i in named if sessions[i].day is not None),
        key=lambda i: (sessions[i].day, sessions[i].start or dt.time()),
    )
    if ordinal in _NTH and timed:  # "the first keynote", "die zweite"; no third of two
        return [timed[_NTH[ordinal]]] if len(timed) > _NTH[ordinal] else []
    if ordinal == "last" and timed:
        return timed[-1:]
    if ordinal == "next" and timed:
        ahead = [i for i in timed if _session_start(ask, sessions[i]) > ask.now]
        return ahead[:1] or timed[-1:]
    return named


def _of_the_kind_named_last(ask: Ask, asked: set[str], titles: list[str]) -> list[int]:
    """The titles of the kind asked, by the word that names a kind last in the question (the
    head of its phrase): "the last Plata map seminar" is the last of the seminars, not the
    map-handling workshop."""
    kinds = {w for w in asked if of_a_kind({w}, titles, ask.programme_words)}
    at = {w: i for i, word in enumerate(ask.query.surface) for w in kinds & ask.query.senses(word)}
    head = max(at, key=at.__getitem__) if len(at) > 1 else None
    return of_a_kind({head} if head else kinds, titles, ask.programme_words)


def _titled_by_order(ask: Ask, sessions: list[int]) -> list[int]:
    """The sessions a word of order names by the head of their titles, and the most other
    words asked: "when does the closing day start?" of "Closing day: flash talks", "Closing
    day: round table" and "Closing panel" is the first two ("Round table: the next ten
    years" names no next one)."""
    query, programme = ask.query, ask.event.programme
    heads = {i: kind_of(programme[i].title) for i in sessions}
    titled = [i for i in sessions if any(query.senses(w) & heads[i] for w in query.ordinal_words)]
    asked = {sense for w in query.surface for sense in query.senses(w)}
    most = max((len(asked & heads[i]) for i in titled), default=0)
    return [i for i in titled if len(asked & heads[i]) == most]


def on_the_day(event: Event, day: Day | None) -> list[int]:
    """The sessions of the programme on the day named, in its order ([] for none)."""
    if day is None:
        return []
    return [i for i, s in enumerate(event.programme) if s.day is not None and day.holds(s.day)]


def _session_start(ask: Ask, session: Session) -> dt.datetime:
    assert session.day is not None
    zone = m.event_zone(ask.event) or dt.UTC
    return dt.datetime.combine(session.day, session.start or dt.time(), tzinfo=zone)


def _session_time(ask: Ask, session: Session, *, soon: bool) -> str:
    """ "Wednesday 19 March 2025 12:00–13:00 (America/New_York), in 7 days (in Berlin: 17:00)"."""
    if session.day is None:
        return session.start.strftime("%H:%M") if session.start else ""
    parts = [ask.phrases.day(session.day)]
    if session.start:
        span = session.start.strftime("%H:%M")
        if session.end:
            span += "–" + session.end.strftime("%H:%M")
        starts = _session_start(ask, session)
        parts += [f"{span} {ask.phrases.zone(starts)}", converted(ask, starts)]
    when = " ".join(p for p in parts if p)
    if soon:
        when += ", " + ask.phrases.relative(_session_start(ask, session), ask.now)
    return when + " —"
