"""Names the organisers explain only in free text ("… Graphics (CMIG)") are vocabulary: asked
what they stand for, the assistant says, instead of describing the event."""

from __future__ import annotations

import datetime as dt

import pytest

from eventbot.engine import Engine, Incoming, State
from eventbot.engine.index import definitions
from eventbot.knowledge import Event

NOW = dt.datetime(2027, 1, 10, 12, tzinfo=dt.UTC)
EVENT = Event.model_validate(
    {
        "id": "demo-2027",
        "name": "Demo Workshop on Federated Learning",
        "acronyms": ["DWFL"],
        "summary": "A one-day workshop.",
        "description": (
            "Organised with the Nordic Health Data Network (NHDN) and hosted by "
            "KILab (Karolinska Imaging Lab). Papers appear in PMLR (Proceedings of Machine "
            "Learning Research). Members of the Baltic Bioinformatics Society (BBIS) and of "
            "MEDIRA, the Medical Imaging Research Alliance, pay less."
        ),
        "programme": [{"title": "BBIS general assembly", "day": "2027-03-02"}],
    }
)


def test_short_forms_are_read_either_way_round_and_only_when_the_initials_fit() -> None:
    found = {short: long for short, long in definitions(EVENT).values()}
    assert found == {
        "NHDN": "Nordic Health Data Network",
        "KILab": "Karolinska Imaging Lab",
        "PMLR": "Proceedings of Machine Learning Research",
        "BBIS": "Baltic Bioinformatics Society",  # letters inside a word: "Bioinformatics"
        "MEDIRA": "Medical Imaging Research Alliance",  # "MEDIRA, the …"
    }
    unrelated = EVENT.model_copy(update={"description": "Held in Rome (Italy) in May (2027)."})
    assert definitions(unrelated) == {}


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("what does NHDN stand for?", "NHDN stands for Nordic Health Data Network."),
        ("what is KILab?", "KILab stands for Karolinska Imaging Lab."),
        ("what does PMLR mean", "PMLR stands for Proceedings of Machine Learning Research."),
        ("what is BBIS?", "BBIS stands for Baltic Bioinformatics Society."),  # not the session
        (
            "Was bedeutet MEDIRA?",
            "MEDIRA ist die Abkürzung für „Medical Imaging Research Alliance“.",
        ),
        ("Wat is BBIS eigenlijk?", "BBIS is de afkorting van „Baltic Bioinformatics Society”."),
    ],
)
def test_a_short_form_asked_about_is_explained(question: str, expected: str) -> None:
    outcome = Engine([EVENT]).handle(Incoming(question), State(), NOW)
    assert [reply.text for reply in outcome.replies] == [expected]
    assert not outcome.handoff


def test_the_events_own_acronym_is_still_its_name() -> None:
    outcome = Engine([EVENT]).handle(Incoming("what does DWFL stand for?"), State(), NOW)
    assert "Demo Workshop on Federated Learning" in outcome.replies[0].text


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("What is NHDN?", "NHDN (Karolinska Institutet) is one of the organisers of"),
        ("Was ist NHDN eigentlich?", "NHDN (Karolinska Institutet) gehört zu den Veranstaltern"),
        ("Wat doet NHDN precies?", "A network of hospital data teams"),
    ],
)
def test_a_short_form_of_an_organiser_says_who_they_are(question: str, said: str) -> None:
    organiser = {
        "name": "NHDN (Nordic Health Data Network)",
        "affiliation": "Karolinska Institutet",
        "description": "A network of hospital data teams in the Nordic countries.",
    }
    event = Event.model_validate({**EVENT.model_dump(mode="json"), "organisers": [organiser]})
    outcome = Engine([event]).handle(Incoming(question), State(), NOW)
    assert not outcome.handoff
    assert "Nordic Health Data Network" in outcome.replies[0].text
    assert said in outcome.replies[0].text


def test_an_organiser_whose_name_only_starts_with_a_short_form_is_not_what_it_stands_for() -> None:
    organiser = {"name": "NHDN Statistics Unit", "description": "Five statisticians."}
    event = Event.model_validate(
        {
            **EVENT.model_dump(mode="json"),
            "description": EVENT.description + " Hosted by the Nordic Health Data Network (NHDN).",
            "organisers": [organiser],
        }
    )
    outcome = Engine([event]).handle(Incoming("What is NHDN?"), State(), NOW)
    assert "Five statisticians" not in outcome.replies[0].text


def test_an_organiser_named_long_form_first_says_who_they_are() -> None:
    organiser = {"name": "Nordic Health Data Network (NHDN)", "affiliation": "Karolinska"}
    event = Event.model_validate({**EVENT.model_dump(mode="json"), "organisers": [organiser]})
    outcome = Engine([event]).handle(Incoming("What is NHDN?"), State(), NOW)
    assert "NHDN (Karolinska) is one of the organisers" in outcome.replies[0].text


@pytest.mark.parametrize(
    ("question", "asks_of_the_organiser"),
    [
        ("May I bring my dog to NHDN?", False),
        ("Darf ich meinen Hund zum NHDN-Treffen mitbringen?", False),
        ("Is smoking allowed anywhere at NHDN?", False),
        ("Which hospitals are in NHDN?", True),  # its description speaks of hospitals
    ],
)
def test_a_question_that_only_names_a_short_form_gets_the_definition_if_it_speaks_of_it(
    question: str, asks_of_the_organiser: bool
) -> None:
    organiser = {
        "name": "NHDN (Nordic Health Data Network)",
        "description": "A network of hospital data teams in the Nordic countries.",
    }
    event = Event.model_validate({**EVENT.model_dump(mode="json"), "organisers": [organiser]})
    outcome = Engine([event]).handle(Incoming(question), State(), NOW)
    text = " ".join(reply.text for reply in outcome.replies)
    assert ("Nordic Health Data Network" in text) is asks_of_the_organiser
    assert outcome.handoff is not asks_of_the_organiser


def test_a_short_form_stands_for_the_last_words_whose_initials_it_is() -> None:
    congress = EVENT.model_copy(
        update={
            "description": "The World Congress of Ornithology of the World Ornithological Union "
            "(WOU), with SET (Sahel Engineering Trust)."
        }
    )
    found = {short: long for short, long in definitions(congress).values()}
    assert found == {"WOU": "World Ornithological Union", "SET": "Sahel Engineering Trust"}


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Wat is SET precies?", "Sahel Engineering Trust"),  # "set": a word, but in capitals
        ("Was ist WOU?", "World Ornithological Union"),  # "wou": Dutch "wanted"
    ],
)
def test_a_short_form_that_is_also_a_word_is_one_when_written_in_capitals(
    question: str, expected: str
) -> None:
    congress = EVENT.model_copy(
        update={
            "description": "Hosted by the World Ornithological Union (WOU), with SET (Sahel "
            "Engineering Trust)."
        }
    )
    outcome = Engine([congress]).handle(Incoming(question), State(), NOW)
    assert not outcome.handoff
    assert expected in outcome.replies[0].text, outcome.replies[0].text


def test_a_word_that_frames_questions_is_no_short_form_of_another_event() -> None:
    """ "ist" is German for "is", not the "IST" airport one event explains: a question of the
    conversation's event stays with it."""
    airport = Event.model_validate(
        {
            "id": "bosporus-2041",
            "name": "Bosporus Seminars",
            "summary": "Online seminars.",
            "description": "Fly into Istanbul Airport (IST) for the study day.",
        }
    )
    engine = Engine([EVENT, airport])
    state = State(event=EVENT.id)
    outcome = engine.handle(Incoming("Wann ist die general assembly?"), state, NOW)
    assert outcome.event == EVENT.id


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Was ist KILab in Stockholm?", "KILab ist die Abkürzung für „Karolinska Imaging Lab“."),
        ("Wat is KILab in Stockholm?", "KILab is de afkorting van „Karolinska Imaging Lab”."),
    ],
)
def test_the_town_that_names_the_event_is_no_time_asked(question: str, expected: str) -> None:
    """ "… in Stockholm?" of the workshop held there names the workshop; no time is asked, so
    it asks no zone's time (and no deadline)."""
    held = Event.model_validate(
        {
            **EVENT.model_dump(mode="json", exclude_none=True),
            "timezone": "Europe/Stockholm",
            "dates": {"start": "2027-03-02"},
            "venue": {"name": "Aula Medica", "city": "Stockholm", "country": "Sweden"},
        }
    )
    outcome = Engine([held]).handle(Incoming(question), State(), NOW)
    assert outcome.replies[0].text == expected and not outcome.handoff


def test_an_organiser_named_by_the_short_form_alone_says_who_they_are() -> None:
    organiser = {"name": "NHDN", "affiliation": "Stockholm, Sweden", "role": "Data access"}
    event = Event.model_validate({**EVENT.model_dump(mode="json"), "organisers": [organiser]})
    outcome = Engine([event]).handle(Incoming("what is NHDN?"), State(), NOW)
    text = " ".join(reply.text for reply in outcome.replies)
    assert "Nordic Health Data Network" in text and "Stockholm, Sweden" in text, text
