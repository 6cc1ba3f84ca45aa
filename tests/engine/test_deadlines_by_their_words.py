"""A question of when that the fields leave to the organisers, but that names one deadline by
words only its name has ("Until when is the early bird valid?" of "Early-bird rates"), gets that
deadline; a plain "when" of something else about it ("when are the results announced?") does
not."""

from __future__ import annotations

import datetime as dt

import pytest

import asking
from eventbot.knowledge import Event

NOW = dt.datetime(2051, 3, 1, 9, tzinfo=dt.UTC)
CONGRESS = Event.model_validate(
    {
        "id": "wcn-2051",
        "name": "World Congress of Numismatics 2051",
        "short_name": "WCN 2051",
        "timezone": "Asia/Amman",
        "dates": {"start": "2051-10-25", "end": "2051-10-31"},
        "deadlines": [
            {"name": "Early-bird rates", "date": "2051-07-31"},
            {"name": "Papers for the congress proceedings", "date": "2052-01-31"},
            {"name": "Institutional licences", "date": "2051-09-15"},
            {"name": "Travel grant applications", "date": "2051-04-30"},
        ],
    }
)


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("Until when is the WCN early bird valid?", "31 July 2051"),
        ("When are papers for the WCN proceedings due?", "31 January 2052"),
        ("Bis wann kann man beim WCN eine institutionelle Lizenz kaufen?", "15. September 2051"),
        ("Tot wanneer geldt de early bird van het WCN?", "31 juli 2051"),
    ],
)
def test_a_deadline_named_by_its_own_words_is_the_answer(question: str, said: str) -> None:
    reply = asking.ask([CONGRESS], question, NOW)
    assert not reply.handoff and said in reply.text, reply.text


def test_something_else_of_what_a_deadline_names_is_not_that_deadline() -> None:
    reply = asking.ask([CONGRESS], "When will the WCN travel grant results be announced?", NOW)
    assert "30 April 2051" not in reply.text, reply.text


def test_a_word_of_the_events_name_names_no_deadline_beside_the_one_named() -> None:
    """ "is online registration for the bridge congress still open?": "bridge" names the
    congress, not the "Student bridge design competition entries"."""
    congress = Event.model_validate(
        {
            "id": "wcbe-2056",
            "name": "World Congress on Bridge Engineering 2056",
            "timezone": "America/Puerto_Rico",
            "dates": {"start": "2056-03-23", "end": "2056-03-29"},
            "deadlines": [
                {"name": "Early-bird registration", "date": "2056-01-10", "kind": "registration"},
                {"name": "Online registration", "date": "2056-03-15", "kind": "registration"},
                {"name": "Student bridge design competition entries", "date": "2056-03-26"},
            ],
        }
    )
    now = dt.datetime(2056, 3, 16, 3, 30, tzinfo=dt.UTC)  # 23:30 on the 15th in San Juan
    for question, yes in (
        ("Is online registration for the bridge congress still open?", "Yes, there is still time."),
        ("Ist die Online-Anmeldung für den Brückenkongress noch offen?", "Ja"),
    ):
        reply = asking.ask([congress], question, now)
        assert reply.text.startswith(yes) and "15" in reply.text, reply.text
        assert "competition" not in reply.text, reply.text


def test_the_deadline_named_by_more_of_its_words_is_the_one_asked() -> None:
    """ "the certificate track" names the "Certificate tracks" by more words than the
    "Certificates sent", and asking to sign up for it names no "Free registration"; Dutch
    "certificaattraject" and German "Zertifikatskurs" are a certificate track."""
    series = Event.model_validate(
        {
            "id": "bees-2056",
            "name": "Apiculture Seminars 2056-57",
            "timezone": "Pacific/Niue",
            "dates": {"start": "2056-09-12", "end": "2057-04-22"},
            "deadlines": [
                {"name": "Certificate tracks", "date": "2056-10-31", "kind": "registration"},
                {"name": "Certificates sent", "date": "2057-06-10"},
                {"name": "Free registration", "date": "2057-04-18", "kind": "registration"},
            ],
        }
    )
    now = dt.datetime(2056, 10, 20, 9, tzinfo=dt.UTC)
    for question in (
        "Can I still sign up for the certificate track?",
        "Kan ik me nog inschrijven voor het certificaattraject?",
        "Kann ich mich noch für den Zertifikatskurs anmelden?",
    ):
        reply = asking.ask([series], question, now)
        assert "31" in reply.text and "Certificates sent" not in reply.text, reply.text
        assert "Free registration" not in reply.text and "18" not in reply.text, reply.text
