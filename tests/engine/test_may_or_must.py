"""Whether one may or must do what a rule of the call for papers speaks of is a yes or a no
before that rule, when the rule forbids, obliges or allows it ("Papers under review elsewhere
may not be submitted." is a no to "Can I submit a paper that is under review elsewhere?")."""

from __future__ import annotations

import datetime as dt

import pytest

import asking
from eventbot.knowledge import Event

NOW = dt.datetime(2043, 2, 1, 9, tzinfo=dt.UTC)
EVENT = Event.model_validate(
    {
        "id": "rivers-2043",
        "name": "Rivers and Deltas Workshop 2043",
        "short_name": "Rivers Workshop",
        "timezone": "Europe/Amsterdam",
        "dates": {"start": "2043-06-10"},
        "submission": {
            "rules": [
                "Papers under review at another venue may not be submitted.",
                "At least one author of each accepted paper must present it in person.",
                "Posters may be printed in A0 or A1 portrait.",
                "An author whose visa is refused may present online.",
            ]
        },
        "contact": {"email": "rivers@example.nl"},
    }
)


@pytest.mark.parametrize(
    ("question", "verdict", "rule"),
    [
        ("Can I submit a paper that is under review at another venue?", "No.", "review"),
        ("Darf ich ein Paper einreichen, das anderswo unter Begutachtung ist?", "Nein.", "review"),
        ("Does an author have to present the accepted paper in person?", "Yes.", "in person"),
        ("Moet een auteur het paper persoonlijk presenteren?", "Ja.", "in person"),
        ("Can I present online if my visa is refused?", "Yes.", "may present online"),
    ],
)
def test_a_rule_that_forbids_obliges_or_allows_is_a_yes_or_a_no(
    question: str, verdict: str, rule: str
) -> None:
    answer = asking.ask([EVENT], question, NOW)
    assert answer.text.startswith(verdict) and rule in answer.text, answer.text
