"""Every language is a folder of two files that say everything English says; a message is
answered in the language it is written in, a short one in the conversation's."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest

import asking
from eventbot.engine import Engine, Incoming, State, languages
from eventbot.engine.dictionary import is_word, words_of
from eventbot.engine.lexicon import detect, load_lexicon, merged
from eventbot.engine.text import head_of, split_by_cognate
from eventbot.knowledge import Event, load_events

ENGLISH = tomllib.loads(languages.read("en", "templates.toml"))
OTHERS = [code for code in languages.available() if code != "en"]
NOW = dt.datetime(2026, 1, 10, 12, tzinfo=dt.UTC)
EVENTS = Path(__file__).parents[2] / "events"


def keys(table: dict, prefix: str = "") -> set[str]:
    found: set[str] = set()
    for key, value in table.items():
        if isinstance(value, dict):
            found |= keys(value, f"{prefix}{key}.")
        else:
            found.add(prefix + key)
    return found


@pytest.mark.parametrize("language", OTHERS)
def test_a_language_says_everything_english_says(language: str) -> None:
    own = tomllib.loads(languages.read(language, "templates.toml"))
    assert sorted(keys(ENGLISH) - keys(own)) == []
    assert len(own["words"]["months"]) == 12 and len(own["words"]["weekdays"]) == 7


@pytest.mark.parametrize("language", languages.available())
def test_a_language_has_every_part_of_a_lexicon(language: str) -> None:
    lexicon = load_lexicon(language)
    assert lexicon.markers and lexicon.form.yes and lexicon.form.no and lexicon.grammar.who
    assert set(lexicon.form.fields) == set(load_lexicon("en").form.fields)


def test_the_default_language_comes_first_and_an_unknown_one_is_named() -> None:
    assert languages.available()[0] == languages.DEFAULT
    with pytest.raises(ValueError, match="no language 'xx'"):
        languages.read("xx", "lexicon.toml")


def test_understanding_reads_every_language_at_once() -> None:
    everything = merged()
    for code in languages.available():
        assert load_lexicon(code).filler <= everything.filler


@pytest.mark.parametrize("language", languages.available())
def test_a_message_without_words_of_a_language_keeps_the_conversations(language: str) -> None:
    assert detect("ok", language) == language
    assert detect("42", language) == language


@pytest.mark.parametrize("language", languages.available())
def test_a_message_is_answered_in_its_own_language(language: str) -> None:
    """A sentence made of the language's own markers is detected as that language, and the
    engine's reply to it is worded from that language's templates."""
    lexicon = load_lexicon(language)
    others = set().union(*(load_lexicon(c).markers for c in languages.available() if c != language))
    sentence = " ".join(sorted(lexicon.markers - others)[:6])
    assert detect(sentence, "en") == language
    engine = Engine(load_events(EVENTS))
    outcome = engine.handle(Incoming(sentence), State(), NOW)
    assert outcome.state.language == language
    assert engine.phrases_for(outcome.state).language == language


@pytest.mark.parametrize("language", OTHERS)
def test_a_glossary_names_things_in_english_and_leaves_cues_and_english_words_alone(
    language: str,
) -> None:
    """A glossary word is a thing ("Unterkunft"), never one of its language's cues or filler
    words (those are understood already) nor an English word (an English question would be
    rewritten)."""
    from eventbot.engine.text import stem

    lexicon, english = load_lexicon(language), load_lexicon("en")
    assert lexicon.glossary
    for word, meaning in lexicon.glossary.items():
        assert stem(word) not in lexicon.cue_stems | lexicon.filler, word
        assert word not in english.vocabulary, word
        assert meaning and meaning != (word,), word


def test_a_word_of_another_language_is_understood_in_the_events_english() -> None:
    engine = Engine(load_events(Path(__file__).parents[1] / "data" / "events"))
    state = State(event="nsscd-2027")
    asked = {
        "Ist die Unterkunft im Preis enthalten?": "accommodation for five nights",
        "Is het verblijf inbegrepen?": "accommodation for five nights",
        "Gibt es Stipendien?": "ten scholarships",
        "Zijn er beurzen?": "ten scholarships",
    }
    for question, fact in asked.items():
        outcome = engine.handle(Incoming(question), state, NOW)
        assert fact in outcome.replies[0].text and not outcome.handoff, question


def test_a_word_is_read_in_every_form_of_its_language() -> None:
    """ "zahle", "zahlt" are the lexicon's "zahlen"; "betaal" its "betalen"; a name the events
    use ("Leiden", "REDS") is never taken for a word of the language ("leider")."""
    engine = Engine(load_events(EVENTS))
    state = State(event="causality-medicine-2023")
    for question in ("Wie viel zahle ich?", "Was zahlt man?", "Hoeveel betaal ik?"):
        outcome = engine.handle(Incoming(question), state, NOW)
        assert outcome.intents == ["fees"] and not outcome.handoff, question
    outcome = engine.handle(Incoming("Wann war das Symposium in Leiden?"), State(), NOW)
    assert outcome.event == "demystifying-ai-healthcare"


def test_a_verb_s_stem_is_read_as_its_infinitive_but_a_small_word_stays_itself() -> None:
    """ "als ik me terugtrek" is the glossary's "terugtrekken" (withdraw); German "weg" is
    no "wegen", a small word of another meaning."""
    engine = Engine(load_events(EVENTS))
    dutch = engine.understanding.read("Als ik me terugtrek, wat dan?", None, "nl")[0]
    assert "withdraw" in dutch.in_english, dutch.in_english
    german = engine.understanding.read("Ist der Frühbucherpreis schon weg?", None, "de")[0]
    assert "weg" in german.surface, german.surface


@pytest.mark.parametrize(
    ("message", "language", "asked"),
    [
        (
            "If I cancel now, do I get my money back?",
            "en",
            ["do i get my money back, if i cancel now?"],
        ),
        (
            "Wenn ich jetzt storniere, kann ich alles zurückbekommen?",
            "de",
            ["kann ich alles zurückbekommen, wenn ich jetzt storniere?"],
        ),
        (
            "Als ik nu annuleer, krijg ik dan alles terug?",
            "nl",
            ["krijg ik dan alles terug, als ik nu annuleer?"],
        ),
        (  # a condition in a question of its own is left as it is
            "Is the deadline extended if I ask? And where is it?",
            "en",
            ["is the deadline extended if i ask?", "and where is it?"],
        ),
    ],
)
def test_a_clause_that_says_on_what_condition_is_part_of_the_question(
    message: str, language: str, asked: list[str]
) -> None:
    """ "If I cancel now, do I get my money back?" is one question, asked on a condition: not a
    sentence that tells of cancelling and a question of money with nothing to ask it of."""
    engine = Engine(load_events(EVENTS))
    queries = engine.understanding.read(message, None, language)
    assert [query.text for query in queries] == asked


def test_the_asker_s_own_time_is_theirs_when_known_else_utc() -> None:
    engine = Engine(load_events(EVENTS))
    state = State(event="tai4h-2024")
    question = "When is the paper deadline in my time?"
    tokyo = dt.timezone(dt.timedelta(hours=9))
    # 20 May 2024 23:59 AoE is 21 May 11:59 UTC, 20:59 in Tokyo
    mail = engine.handle(Incoming(question, zone=tokyo), state, NOW)
    assert "(in your time: Tuesday 21 May 2024, 20:59" in mail.replies[0].text
    clock = engine.handle(Incoming(question), state, NOW.astimezone(tokyo))
    assert "(in your time: Tuesday 21 May 2024, 20:59" in clock.replies[0].text
    chat = engine.handle(Incoming(question), state, NOW)
    assert "(in UTC: Tuesday 21 May 2024, 11:59" in chat.replies[0].text
    german = engine.handle(Incoming("Wann ist die Paper-Deadline bei uns?", zone=tokyo), state, NOW)
    assert "(in Ihrer Zeit: Dienstag, 21. Mai 2024, 20:59" in german.replies[0].text


def test_a_sharp_s_is_spelt_out_and_accents_taken_off() -> None:
    from eventbot.engine.text import fold, words

    assert words(fold("Straße, weiß, Ermäßigung")) == ["strasse", "weiss", "ermassigung"]
    assert words(fold("Zürich café")) == ["zurich", "cafe"]


def test_a_cue_word_is_compared_with_the_facts_in_english_in_its_own_language_only() -> None:
    engine = Engine(load_events(EVENTS))
    german = engine.understanding.read("Wie lang sind die Vorträge?", None, "de")[0]
    assert "talk" in german.in_english and "vortrag" in german.stems
    english = engine.understanding.read("Is medical data in scope?", None, "en")[0]
    assert "data" in english.in_english  # the Dutch "data" (dates) is Dutch only


def test_a_word_of_the_language_is_no_typo_of_another() -> None:
    """ "Hoe groot moet de poster zijn?" asks how big (groot), not a greeting (groet): a word of
    the language is corrected only to another form of itself."""
    engine = Engine(load_events(EVENTS))
    state = State(event="tai4h-2024")
    for question in ("Hoe groot moet de poster zijn?", "Hoe groot mag een team zijn?"):
        outcome = engine.handle(Incoming(question), state, NOW)
        assert "goodbye" not in outcome.intents, question
    assert is_word("groot") and is_word("zahlt") and not is_word("registraton")
    assert all(words_of(code) for code in ("en", "de", "nl"))  # the lists are where they were


def test_a_small_word_is_never_read_as_another_small_word_of_its_stem() -> None:
    """Dutch "waren" (were) shares its stem with "waar" (where): "Waren er veel mensen?"
    asks nothing of the venue."""
    engine = Engine(load_events(EVENTS))
    for question in ("Waren er veel mensen op het symposium?", "Wie waren de sprekers?"):
        query = engine.understanding.read(question, None, "nl")[0]
        assert "waren" in query.surface and query.intent != "venue", query


def test_an_english_word_of_another_meaning_in_the_language_asks_nothing() -> None:
    """Dutch "net" (just) is no English "net" price, German "groß" (big) no "gross" one: a VAT
    word only in its phrases ("net price", "gross or net")."""
    engine = Engine(load_events(EVENTS))
    for question in ("Kan ik me net nog inschrijven voor het symposium?", "Wie groß ist der Saal?"):
        query = engine.understanding.read(question, dt.UTC, None)[0]
        assert "vat" not in engine.understanding.aspects_of(query, "fees"), question
    query = engine.understanding.read("is that the net price?", dt.UTC, "en")[0]
    assert "vat" in engine.understanding.aspects_of(query, "fees")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("travel grant deadline in IST?", "en"),  # India's time, not German "ist"
        ("Wann ist die Deadline in IST?", "de"),
        ("WANN IST DIE ANMELDEFRIST?", "de"),  # a message in capitals is no short form
    ],
)
def test_a_short_form_in_capitals_tells_no_language(text: str, language: str) -> None:
    assert detect(text, "nl") == language


def test_a_weekday_is_no_compound_of_a_short_word() -> None:
    """ "Dienstag" is a word of its own, not "dien" + "Tag"."""
    from pathlib import Path

    from eventbot.engine import Engine, State
    from eventbot.knowledge import load_events

    engine = Engine(load_events(Path(__file__).resolve().parents[2] / "events"))
    for text, word in (
        ("Was steht am Dienstag auf dem Programm?", "dienstag"),
        ("Wat is er op dinsdag?", "dinsdag"),
    ):
        assert (
            word
            in engine.understanding.read(text, None, engine.language_of(text, State()))[0].surface
        )


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("van diemen session 4 chicago time?", "en"),
        ("Wofür steht TCPH bei den Van Diemen Seminars?", "de"),
        ("Wann beginnt die Lord Howe Summer School?", "de"),
    ],
)
def test_the_names_of_events_tell_no_language(text: str, language: str) -> None:
    """ "Van Diemen" is no Dutch "van", "Summer School" no English words in a German question."""
    events = [
        Event.model_validate(
            {
                "id": "van-diemen",
                "name": "Van Diemen Seminars 2030-31",
                "summary": "Online seminars.",
                "timezone": "Australia/Hobart",
                "dates": {"start": "2030-08-28", "end": "2031-04-16"},
            }
        ),
        Event.model_validate(
            {
                "id": "lord-howe",
                "name": "Lord Howe Island Summer School 2031",
                "aliases": ["Lord Howe Summer School"],
                "summary": "A summer school.",
                "timezone": "Australia/Lord_Howe",
                "dates": {"start": "2031-03-31", "end": "2031-04-11"},
            }
        ),
    ]
    assert Engine(events).language_of(text, State()) == language


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Wie is Rohan Iyer?", "nl"),
        ("Is TSCME gratis?", "nl"),
        ("Wer ist Rohan Iyer?", "de"),
        ("Who is Rohan Iyer?", "en"),
    ],
)
def test_the_one_language_that_has_every_word_is_the_messages(text: str, language: str) -> None:
    assert detect(text, "en") == language


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("Geht es auch um Kartografie?", "historical cartography"),
        ("Gaat het ook over cartografie?", "historical cartography"),
        ("Ist Robotik ein Thema?", "swarm robotics"),
        ("Geht es um Paläontologie?", "palaeontology of maps"),
        ("Welche Themen deckt der Workshop ab?", "swarm robotics"),
        ("Welche Themen behandelt der Workshop?", "swarm robotics"),
        ("Welke onderwerpen komen aan bod op de workshop?", "historical cartography"),
        ("Komt cartografie aan bod?", "historical cartography"),
    ],
)
def test_a_topic_asked_in_german_or_dutch_is_read_in_the_events_english(
    question: str, topic: str
) -> None:
    event = Event.model_validate(
        {
            "id": "maps-2027",
            "name": "Old Maps Workshop 2027",
            "summary": "A workshop on old maps.",
            "timezone": "Europe/Vienna",
            "dates": {"start": "2027-04-12"},
            "topics": ["historical cartography", "swarm robotics", "palaeontology of maps"],
        }
    )
    outcome = Engine([event]).handle(Incoming(question), State(), NOW)
    assert not outcome.handoff and topic in outcome.replies[0].text, outcome.replies[0].text


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        (
            "Past een paper over fouten in cartografische beeldvorming bij de Maps Workshop?",
            "imaging",
        ),
        ("Ist Paläontologie ein Thema beim Old Maps Workshop?", "palaeontology"),
        ("Is old maps palaeontology a topic at the Old Maps Workshop?", "palaeontology"),
    ],
)
def test_a_topic_is_read_as_the_facts_say_it_less_the_words_naming_the_event(
    question: str, topic: str
) -> None:
    """ "beeldvorming" is the topics' "imaging"; "at the Old Maps Workshop" names the event, no
    part of the topic asked, unless it is all the topic is ("Is causality a topic of the
    causality symposium?")."""
    event = Event.model_validate(
        {
            "id": "maps-2027",
            "name": "Old Maps Workshop 2027",
            "timezone": "Europe/Vienna",
            "dates": {"start": "2027-04-12"},
            "topics": ["errors in cartographic imaging", "palaeontology of maps", "map trade"],
        }
    )
    outcome = Engine([event]).handle(Incoming(question), State(), NOW)
    text = outcome.replies[0].text
    assert not outcome.handoff and topic in text and "map trade" not in text, text


@pytest.mark.parametrize(
    "question",
    [
        "When is the camera-ready version for TAI4H due?",
        "Bis wann muss die Camera-ready-Version für TAI4H fertig sein?",
        "Wanneer moet de camera-ready versie voor TAI4H binnen zijn?",
    ],
)
def test_the_camera_ready_version_is_the_camera_ready_deadline(question: str) -> None:
    events = load_events(EVENTS)
    outcome = Engine(events).handle(Incoming(question), State(), NOW)
    text = outcome.replies[0].text
    assert not outcome.handoff and "10" in text and "Camera-ready" in text, text


def made_up(event_id: str, name: str, **facts: object) -> Event:
    """A made-up event with the `facts` a test needs (in Oslo, in June 2034, unless they say
    otherwise)."""
    base = {
        "id": event_id,
        "name": name,
        "timezone": "Europe/Oslo",
        "dates": {"start": "2034-06-05", "end": "2034-06-16"},
    }
    return Event.model_validate(base | facts)


@pytest.mark.parametrize(
    "question",
    [
        "Für wen ist das Symposium in Leiden gedacht?",
        "Who is the Leiden symposium intended for?",
        "Voor wie is het symposium in Leiden bedoeld?",
    ],
)
def test_whom_an_event_is_meant_for_is_its_audience_in_every_language(question: str) -> None:
    reply = asking.ask(load_events(EVENTS), question, NOW)
    assert not reply.handoff, reply.text
    assert "Professionals from computer science and healthcare" in reply.text


@pytest.mark.parametrize(
    "question",
    [
        "When is the balance for the Tromsø school due?",
        "Bis wann muss der Restbetrag für die Tromsø-Schule bezahlt sein?",
        "Tot wanneer moet het restbedrag van de Tromsø-school betaald zijn?",
    ],
)
def test_the_rest_of_a_fee_is_its_balance_in_every_language(question: str) -> None:
    school = made_up(
        "tromso-school-2034",
        "Tromsø Winter School 2034",
        dates={"start": "2034-02-06", "end": "2034-02-17"},
        deadlines=[
            {"name": "Deposit", "date": "2033-12-01"},
            {"name": "Balance", "date": "2034-01-10"},
        ],
    )
    reply = asking.ask([school], question, NOW)
    assert not reply.handoff, reply.text
    days = ("10 January", "10. Januar", "10 januari")
    assert "2034" in reply.text and any(day in reply.text for day in days), reply.text


@pytest.mark.parametrize(
    ("question", "language"),
    [("Heb ik een trui nodig?", "nl"), ("Brauche ich einen Pullover?", "de")],
)
def test_a_word_of_several_english_words_is_any_of_them(question: str, language: str) -> None:
    """The glossary's "trui" = "sweater / jumper": either word, not the phrase "sweater
    jumper", and alike only in the language whose word it is."""
    engine = Engine(load_events(EVENTS))
    query = engine.understanding.read(question, dt.UTC, language)[0]
    assert query.content == ["sweater"]
    assert {"sweater", "jumper"} <= query.senses("sweater")
    english = engine.understanding.read("Do I need a sweater?", dt.UTC, "en")[0]
    assert "jumper" not in english.senses("sweater")


def test_a_dutch_verb_in_its_own_form_asks_what_its_infinitive_does() -> None:
    """ "als ik me nu inschrijf": "inschrijven" with its v written f, as Dutch does."""
    congress = made_up(
        "gent-congress-2034",
        "Ghent Congress 2034",
        timezone="Europe/Brussels",
        dates={"start": "2034-09-04", "end": "2034-09-06"},
        fees=[
            {"category": "Member", "amount": 300, "currency": "EUR"},
            {"category": "Non-member", "amount": 420, "currency": "EUR"},
        ],
    )
    question = "Wat kost het Ghent congres voor leden als ik me nu inschrijf?"
    reply = asking.ask([congress], question, NOW)
    assert not reply.handoff and "300" in reply.text, reply.text


@pytest.mark.parametrize(
    "question", ["Gibt es ECTS-Punkte für die Schule?", "Krijg ik ECTS-punten voor de school?"]
)
def test_points_of_study_are_the_credits_the_organisers_write(question: str) -> None:
    """ "ECTS-Punkte" is cut at its hyphen: "Punkte" alone is credits as well as points."""
    school = made_up(
        "vega-school-2034",
        "Vega Island School 2034",
        qa=[
            {
                "question": "Is there a certificate?",
                "answer": "Everyone receives a certificate; students who hand in the "
                "report receive 5 ECTS credits.",
            }
        ],
    )
    reply = asking.ask([school], question, NOW)
    assert not reply.handoff and "5 ECTS credits" in reply.text, reply.text


@pytest.mark.parametrize("question", ["Wann fährt der Bus?", "Hoe laat vertrekken de bussen?"])
def test_a_verb_of_leaving_is_the_leaving_the_organisers_write(question: str) -> None:
    """ "fährt" is folded as "Fahrt", a trip, and "vertrekken" is also a departure: either
    is said as the organisers' "leaves"."""
    school = made_up(
        "roros-school-2034",
        "Røros Mining School 2034",
        dates={"start": "2034-06-05", "end": "2034-06-09"},
        programme=[
            {
                "title": "Excursion to the Olav mine",
                "day": "2034-06-07",
                "start": "08:15",
                "end": "16:00",
                "description": "The bus leaves from the field station.",
            }
        ],
    )
    reply = asking.ask([school], question, NOW)
    assert not reply.handoff and "08:15" in reply.text, reply.text


def fjord_school() -> Event:
    return made_up(
        "fjord-2034",
        "Fjord Summer School 2034",
        venue={"name": "Havhuset", "address": "Kaigata 4, 0150 Oslo", "city": "Oslo"},
        registration={"required": True, "deadline": "2034-05-01", "capacity": 40},
        fees=[
            {
                "category": "Early bird",
                "amount": 900,
                "currency": "NOK",
                "until": "2034-03-31",
                "vat_included": True,
                "vat_rate_percent": 25,
            }
        ],
        contact={"email": "post@fjord.example.org"},
        programme=[{"title": "Session 6: Tides", "day": "2034-06-08"}],
        deadlines=[
            {"name": "Early-bird registration", "kind": "registration", "date": "2034-03-31"}
        ],
    )


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("Wie lautet die Adresse des Tagungsorts?", "Kaigata 4"),
        ("Hoeveel plekken zijn er bij de Fjord-zomerschool?", "40"),
        ("Hoeveel dagen nog tot de early bird van de Fjord-zomerschool afloopt?", "30 dagen"),
        ("An wen kann ich mich bei Fragen zur Sommerschule wenden?", "post@fjord"),
        ("An wen schreibe ich bei Fragen zur Fjord-Sommerschule?", "post@fjord"),
        ("Wie viel Mehrwertsteuer steckt im Frühbucherpreis?", "180"),
        ("Op welke dag valt sessie 6 van de Fjord-zomerschool?", "8 juni"),
    ],
)
def test_a_word_that_only_frames_a_question_in_its_language_asks_nothing_else(
    question: str, said: str
) -> None:
    """German "Wie lautet …", "an wen", "steckt" and Dutch "valt" only frame what is asked
    ("sich wenden an" and "schreiben an" someone ask whom to contact); Dutch "plekken" are
    places and "afloopt" is when something ends (the early bird's, 30 days after 1 March)."""
    reply = asking.ask([fjord_school()], question, dt.datetime(2034, 3, 1, tzinfo=dt.UTC))
    assert said in reply.text and not reply.handoff, reply.text


def fjord_congress() -> Event:
    return made_up(
        "fjord-congress-2034",
        "Nordic Fjord Science Congress 2034",
        programme=[{"title": "Kayak workshop", "day": "2034-06-06", "start": "09:00"}],
    )


@pytest.mark.parametrize(
    "question",
    [
        "Wie lange dauert der Fjordkundekongress?",
        "Wann ist das Fjordkunde-Symposium?",
        "Hoeveel dagen duurt het fjordkundecongres?",
    ],
)
def test_a_compound_naming_the_event_by_what_it_is_about_asks_of_the_event(question: str) -> None:
    reply = asking.ask([fjord_congress()], question, NOW)
    assert not reply.handoff, reply.text
    assert "12" in reply.text, reply.text


@pytest.mark.parametrize(
    "question",
    [
        "Wann ist der Paddel-Workshop?",  # the event has a workshop: this may be another one
        "Wanneer is de peddelworkshop?",
        "Is there a golf course nearby?",  # two words: the golf is not the course's subject
    ],
)
def test_an_unknown_word_before_a_word_for_the_event_is_still_asked_of(question: str) -> None:
    assert asking.ask([fjord_congress()], question, NOW).handoff


@pytest.mark.parametrize(
    "question",
    ["Wann wird das Reisestipendium ausgezahlt?", "Wanneer wordt de reisbeurs uitbetaald?"],
)
def test_a_grant_paid_out_is_the_grant_the_organisers_say_is_paid(question: str) -> None:
    congress = made_up(
        "fjord-congress-2034",
        "Nordic Fjord Science Congress 2034",
        qa=[
            {
                "question": "Are there travel grants?",
                "answer": "Ten travel grants of up to 500 EUR, paid after the congress"
                " against receipts.",
            }
        ],
    )
    reply = asking.ask([congress], question, NOW)
    assert not reply.handoff and "paid after the congress" in reply.text, reply.text


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("Wanneer is het symposium over gepersonaliseerde oncologie?", "12–13 mei 2031"),
        ("Waar is het symposium over gepersonaliseerde oncologie?", "Jaarbeurs, Utrecht"),
    ],
)
def test_a_participle_is_the_cognate_of_its_english_without_its_ge(
    question: str, said: str
) -> None:
    """ "gepersonaliseerde" is "personalised": a Dutch or German participle's "ge-" has no
    English cognate, so the event named "Personalised Oncology" is asked of."""
    event = Event.model_validate(
        {
            "id": "pos-2031",
            "name": "Personalised Oncology Symposium 2031",
            "timezone": "Europe/Amsterdam",
            "dates": {"start": "2031-05-12", "end": "2031-05-13"},
            "venue": {"name": "Jaarbeurs", "city": "Utrecht", "country": "Netherlands"},
        }
    )
    reply = asking.ask([event], question, dt.datetime(2031, 3, 1, 12, tzinfo=dt.UTC))
    assert said in reply.text and not reply.handoff, reply.text


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("Wer ist die Präsidentin der Gesellschaft?", "Olsen-Akker"),
        ("Wer sind die Präsidenten der Gesellschaft?", "Olsen-Akker"),
        ("Uit hoeveel faculteiten komen de onderzoekers?", "seven faculties"),
    ],
)
def test_a_noun_s_plural_or_feminine_ending_is_no_part_of_its_cognate(
    question: str, said: str
) -> None:
    """ "Präsidentin", "Präsidenten" are the organisers' "President", "faculteiten" their
    "faculties": German and Dutch endings English cognates lack."""
    event = Event.model_validate(
        {
            "id": "pos-2031",
            "name": "Personalised Oncology Symposium 2031",
            "timezone": "Europe/Amsterdam",
            "dates": {"start": "2031-05-12", "end": "2031-05-13"},
            "description": "The society's president is Marit Olsen-Akker. Researchers from "
            "seven faculties of the university take part.",
        }
    )
    reply = asking.ask([event], question, dt.datetime(2031, 3, 1, 12, tzinfo=dt.UTC))
    assert not reply.handoff and said in reply.text, reply.text


@pytest.mark.parametrize(
    "question",
    [
        "Was kostet die Institutionslizenz?",
        "Wat kost de institutielicentie?",
        "Was kostet die Institutslizenz?",  # "Instituts", known to no one, ends in "Lizenz"
    ],
)
def test_a_compound_of_a_known_word_and_a_cognate_is_both(question: str) -> None:
    """ "Institutionslizenz" is institutions and the events' "licence", though no one knows
    "Lizenz" as a word of its own: not the events' "institutions" alone, as the whole word's
    nearest cognate would be."""
    event = made_up(
        "tide-seminars-2034",
        "Tide Gauge Seminars 2034",
        fees=[
            {"category": "Single seat", "amount": 60, "currency": "EUR"},
            {"category": "Institutional licence", "amount": 380, "currency": "EUR"},
        ],
    )
    reply = asking.ask([event], question, NOW)
    assert "380 EUR" in reply.text and "60 EUR" not in reply.text, reply.text


def test_a_compound_is_split_at_a_known_word_and_a_cognate() -> None:
    cognates = {"lizenz": "licence", "zentrum": "centre"}.get
    known = frozenset({"institution", "kongress"})
    assert split_by_cognate("institutionslizenz", known, cognates) == ["institution", "licence"]
    assert split_by_cognate("kongresszentrum", known, cognates) == ["kongress", "centre"]
    assert split_by_cognate("abteilungslizenz", known, cognates) is None  # neither is known
    assert split_by_cognate("institution", known, cognates) is None  # no compound
    # a cognate before a word of the language's cues, which no event's text has
    instituts = {"instituts": "institutional"}.get
    assert split_by_cognate("institutslizenz", frozenset(), instituts, {"lizenz"}) == [
        "institutional",
        "lizenz",
    ]


def test_a_compound_no_one_knows_is_a_kind_of_its_last_part() -> None:
    """ "veiligheidstraining" is a training, whatever "veiligheid" is: the events' word last."""
    own = frozenset({"training", "raining", "excursion"})
    assert head_of("veiligheidstraining", own, frozenset()) == "training"
    assert head_of("dagexcursion", own, frozenset()) is None  # too short to be two
    assert head_of("veiligheidsmodule", own, frozenset()) is None  # no word of theirs


@pytest.mark.parametrize(
    "question",
    ["Hoe lang duurt de veiligheidstraining?", "Wie lange dauert das Sicherheitstraining?"],
)
def test_a_session_named_by_a_compound_of_its_last_word(question: str) -> None:
    event = made_up(
        "esso-school-2041",
        "Esso Field School 2041",
        programme=[
            {
                "title": "Field safety training",
                "day": "2041-07-18",
                "start": "14:00",
                "end": "17:00",
                "description": "Helmets, gas masks and radios.",
            },
            {
                "title": "Welcome dinner",
                "day": "2041-07-17",
                "start": "19:30",
                "end": "21:30",
            },
        ],
    )
    reply = asking.ask([event], question, NOW)
    assert "3 " in reply.text and "Welcome" not in reply.text and not reply.handoff, reply.text


@pytest.mark.parametrize(
    "question",
    [
        "Wann ist die Präsidentenansprache, deutsche Zeit?",
        "Hoe laat is de presidentiële toespraak in Nederlandse tijd?",
    ],
)
def test_a_speech_is_an_address_in_every_language(question: str) -> None:
    event = made_up(
        "mollusca-2034",
        "MOLLUSCA 2034",
        timezone="Asia/Tokyo",
        programme=[
            {"title": "Opening keynote", "day": "2034-06-05", "start": "09:00"},
            {
                "title": "Presidential address",
                "day": "2034-06-06",
                "start": "12:00",
                "description": "By the president of the society.",
            },
        ],
    )
    reply = asking.ask([event], question, NOW)
    assert "Presidential address" in reply.text and "Opening keynote" not in reply.text, reply.text
    assert not reply.handoff, reply.text
