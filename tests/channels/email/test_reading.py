"""Reading incoming mail: threading, new text, machine-made mail, bounces, and broken input."""

from __future__ import annotations

import base64
import random
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from email.message import EmailMessage
from pathlib import Path

import pytest

from eventbot.channels.email.reading import (
    Address,
    AttachedFile,
    Automatic,
    Bounce,
    Mail,
    is_own,
    read_mail,
)
from eventbot.channels.email.writing import message_id

MAIL_DIR = Path(__file__).resolve().parents[2] / "data" / "mail"
CORPUS = sorted(MAIL_DIR.glob("*.eml"))


def corpus(name: str) -> Mail:
    return read_mail((MAIL_DIR / f"{name}.eml").read_bytes())


def mail(body: str = "Please register me.", headers: dict[str, str] | None = None) -> bytes:
    """A plain-text mail from a person; `headers` are added or replace the usual ones."""
    fields = {
        "Return-Path": "<tom.baker@example.org>",
        "From": "Tom Baker <tom.baker@example.org>",
        "To": "eventbot@events.example.org",
        "Subject": "Question",
        "Date": "Fri, 3 May 2024 11:42:07 +0100",
        "Message-ID": "<question.1@example.org>",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=utf-8",
        "Content-Transfer-Encoding": "8bit",
    }
    fields.update(headers or {})
    head = "".join(f"{name}: {value}\n" for name, value in fields.items())
    return f"{head}\n{body}".encode()


def body_of(text: str) -> str:
    return read_mail(mail(text)).body


def seconds(run: Callable[[], object], times: int = 3) -> float:
    """The fastest of a few runs of `run`, in seconds."""
    best = float("inf")
    for _ in range(times):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


# --- replies: only the new text --------------------------------------------------------------


def test_gmail_reply_keeps_only_the_new_text() -> None:
    read = corpus("gmail_reply")
    assert read.body == "Thanks! Is there a vegetarian option at the conference dinner?\n\nTom"
    assert read.full_text.endswith("> See you in Stockholm!\n>")


def test_gmail_reply_is_threaded_by_its_message_ids() -> None:
    read = corpus("gmail_reply")
    assert read.message_id == "<CAF3x9Qk1+Zp7aY4mW2oQ5vJ8Tn0b6rLdE=Hq@mail.gmail.example>"
    assert read.in_reply_to == "<reply.3f2a1c9e@events.example.org>"
    assert read.references == ("<reply.3f2a1c9e@events.example.org>",)
    assert read.sender == Address("Tom Baker", "tom.baker@gmail.example")
    assert read.subject == "Re: Your registration for Nordic Health AI 2027"
    assert read.date == datetime(2024, 5, 3, 10, 42, 7, tzinfo=UTC)
    assert read.automatic is None


def test_outlook_reply_in_german_keeps_only_the_new_text() -> None:
    read = corpus("outlook_reply_german")
    assert read.body == (
        "Hallo,\n\nkönnen Sie mir bitte eine Rechnung für meine Anmeldung schicken? Als Adresse "
        "bitte „Universität Heidelberg, Im Neuenheimer Feld 205“ angeben.\n\n"
        "Mit freundlichen Grüßen\nJörg Müller"
    )
    assert read.sender == Address("Jörg Müller", "joerg.mueller@uni-heidelberg.example")
    assert read.language_hint == "de"


def test_apple_mail_reply_in_dutch_keeps_only_the_new_text() -> None:
    read = corpus("apple_mail_reply_dutch")
    assert read.body == (
        "Hoi,\n\nHoe laat begint de posterpresentatie op donderdag? En mag mijn collega Pieter "
        "ook mee?\n\nGroet,\nSanne"
    )
    assert read.references == (
        "<invite.11aa22bb@events.example.org>",
        "<reply.9a8b7c6d@events.example.org>",
    )


def test_thunderbird_reply_in_english_keeps_only_the_new_text_with_flowed_lines_joined() -> None:
    read = corpus("thunderbird_reply_english")
    assert read.body == (
        "Hi,\n\nCould you move my registration to the online ticket? I cannot travel to "
        "Stockholm after all.\n\nBest,\nAnna"
    )


def test_thunderbird_reply_in_german_keeps_only_the_new_text() -> None:
    read = corpus("thunderbird_reply_german")
    assert read.body == "Hallo,\n\nwo finde ich die Folien der Keynote?\n\nViele Grüße\nJulia"


def test_outlook_original_message_block_is_left_out() -> None:
    assert corpus("outlook_original_message").body == "Sure, 7 pm works for me.\n\nDavid"


def test_signature_after_dash_dash_space_is_left_out_of_the_body() -> None:
    read = corpus("signature")
    assert read.body == (
        "Hello,\n\nwhat is the maximum poster size? A0 portrait?\n\nThanks, and see you in June.\n"
        "Lars"
    )
    assert read.full_text.endswith(
        "-- \nLars Nilsson, PhD\nDepartment of Electrical Engineering"
        "\nChalmers University of Technology, Göteborg\n+46 31 772 00 00"
    )


def test_gmail_reply_in_a_language_the_quote_libraries_do_not_know_is_cut_at_gmail_quote() -> None:
    read = corpus("gmail_reply_polish")
    assert read.body == "Dziękuję! Czy mogę zapłacić przelewem?"
    assert "napisał(a):" in read.full_text


def test_outlook_web_reply_in_html_only_is_cut_where_its_reply_header_starts() -> None:
    read = corpus("outlook_web_reply_polish")
    assert read.body == "Proszę o dwa miejsca na warsztatach."
    assert read.full_text == (
        "Proszę o dwa miejsca na warsztatach.\n"
        "Od: Nordic Health AI 2027 <eventbot@events.example.org>\n"
        "Wysłane: piątek, 3 maja 2024 10:00\n"
        "Do: Michał Wiśniewski <m.wisniewski@uw.example>\n"
        "Temat: Warsztaty\n"
        "Zapraszamy na warsztaty."
    )


QUOTE_HEADERS = {
    "gmail in german": "Am Fr., 3. Mai 2024 um 10:00 Uhr schrieb Nordic Health AI 2027 <\n"
    "eventbot@events.example.org>:",
    "thunderbird in german": "Am 03.05.24 um 10:00 schrieb Nordic Health AI 2027:",
    "apple mail in dutch": "Op 3 mei 2024 om 10:00 heeft Nordic Health AI 2027 "
    "<eventbot@events.example.org> het volgende geschreven:",
    "gmail in dutch": "Op vr 3 mei 2024 om 10:00 schreef Nordic Health AI 2027 "
    "<eventbot@events.example.org>:",
    "gmail in swedish": "Den fre 3 maj 2024 kl 10:00 skrev Nordic Health AI 2027 "
    "<eventbot@events.example.org>:",
    "gmail in french": "Le ven. 3 mai 2024 à 10:00, Nordic Health AI 2027 "
    "<eventbot@events.example.org> a écrit :",
    "outlook web in dutch": "________________________________\n"
    "Van: Nordic Health AI 2027 <eventbot@events.example.org>\n"
    "Verzonden: vrijdag 3 mei 2024 10:00\nAan: Sanne de Vries <s.devries@uva.example>\n"
    "Onderwerp: Programma",
    "outlook in swedish": "Från: Nordic Health AI 2027 <eventbot@events.example.org>\n"
    "Skickat: den 3 maj 2024 10:00\nTill: Anna Berg <a.berg@ki.example>\nÄmne: Programmet",
    "outlook forward in german": "-----Ursprüngliche Nachricht-----\n"
    "Von: Nordic Health AI 2027 <eventbot@events.example.org>\nGesendet: Freitag, 3. Mai 2024",
}


@pytest.mark.parametrize("header", QUOTE_HEADERS.values(), ids=QUOTE_HEADERS.keys())
def test_text_above_a_quote_header_is_the_new_text(header: str) -> None:
    text = f"Danke, bis dann!\n\nSanne\n\n{header}\n\n> Hallo Sanne,\n> hier ist das Programm.\n"
    assert body_of(text) == "Danke, bis dann!\n\nSanne"


def test_quote_header_with_the_quoted_text_unquoted_below_is_cut_too() -> None:
    text = (
        "Yes, I will come.\n\nVon: Nordic Health AI 2027 <eventbot@events.example.org>\n"
        "Gesendet: Freitag, 3. Mai 2024 10:00\nAn: Tom\nBetreff: Dinner\n\nKommen Sie?\n"
    )
    assert body_of(text) == "Yes, I will come."


def test_answer_below_the_quote_is_kept() -> None:
    text = "On Fri, 3 May 2024 at 10:00, Eventbot <e@x.example> wrote:\n> Will you come?\n\nYes.\n"
    assert body_of(text) == "Yes."


def test_answers_between_quoted_lines_are_kept() -> None:
    text = "> Will you come?\nYes.\n> With a guest?\nNo, alone.\n\n-- \nTom Baker\n"
    assert body_of(text) == "Yes.\nNo, alone."


def test_quoted_lines_without_a_header_are_left_out() -> None:
    assert body_of("Yes please.\n\n> Shall we book the hotel?\n> It is near.\n") == "Yes please."


@pytest.mark.parametrize(
    "text",
    [
        "Hi,\n\nThanks, that helps. Can I also bring a guest to the dinner?\n\nTom",
        "Hi,\n\ntwo questions:\n- Is there parking at the venue?\n- Is lunch included?\n\nTom",
        "Q: Is lunch included?\nA: I hope so.\n\nQ: Is there parking?\nA: Maybe.",
        "Best regards from Stockholm! Can I still register?",
        "Date: 12 June\nTime: 14:00\nRoom: Aula Medica\n\nIs this my slot?",
    ],
    ids=["closing-words", "hyphen-list", "q-and-a", "regards-first", "labels"],
)
def test_text_that_only_looks_like_a_quote_or_signature_is_kept_whole(text: str) -> None:
    assert body_of(text) == text


def test_mail_with_no_quote_keeps_all_its_text() -> None:
    assert body_of("Please register me for the workshop on Tuesday.\n") == (
        "Please register me for the workshop on Tuesday."
    )


def test_two_thousand_line_quoted_thread_is_read_fast() -> None:
    quoted = "\n".join(
        f"{'>' * (1 + i % 4)} line {i} of the earlier conversation about the dinner"
        for i in range(2000)
    )
    text = (
        f"See you there.\n\nOn Fri, 3 May 2024 at 10:00, Eventbot <e@x.example> wrote:\n{quoted}\n"
    )
    raw = mail(text)
    assert read_mail(raw).body == "See you there."
    assert seconds(lambda: read_mail(raw)) < 0.05


def test_two_thousand_quoted_lines_without_a_header_are_read_fast() -> None:
    quoted = "\n".join(f"> line {i} of an old message" for i in range(2000))
    raw = mail(f"Fine with me.\n\n{quoted}\n")
    assert read_mail(raw).body == "Fine with me."
    assert seconds(lambda: read_mail(raw)) < 0.05


# --- headers -----------------------------------------------------------------------------------


def test_encoded_word_headers_are_decoded() -> None:
    read = corpus("encoded_headers")
    assert read.sender == Address("Björk Jónsdóttir", "b.jonsdottir@hi.example")
    assert read.subject == "Fråga om middagen – vegetarisk mat?"
    assert read.recipients == (
        "eventbot@events.example.org",
        "asa.strom@lu.example",
        "erik.lund@lu.example",
    )


def test_header_injection_leaves_names_and_subject_on_one_line() -> None:
    read = corpus("header_injection")
    assert read.sender == Address("Eve Bcc: victim@example.com", "eve@attacker.example")
    assert read.reply_to == Address("Admin Bcc: all@example.com", "eve@attacker.example")
    assert read.subject == "Hello Bcc: victim@example.com fake body"
    assert read.body == "Please register me."


def test_raw_utf8_headers_are_read_as_utf8() -> None:
    raw = mail(headers={"From": "Åsa Ström <asa@lu.example>", "Subject": "Middag på fredag"})
    read = read_mail(raw)
    assert (read.sender, read.subject) == (
        Address("Åsa Ström", "asa@lu.example"),
        "Middag på fredag",
    )


def test_folded_subject_is_one_line() -> None:
    read = read_mail(mail(headers={"Subject": "A long subject\n\tabout the dinner\r\n on Friday"}))
    assert read.subject == "A long subject about the dinner on Friday"


def test_recipients_come_lower_case_from_to_cc_delivered_to_and_x_original_to() -> None:
    headers = {
        "To": "Events <Events@Example.ORG>, b@example.org",
        "Cc": "C <c@example.org>, b@example.org",
        "Delivered-To": "bot+reply@example.org",
        "X-Original-To": "ALIAS@example.org",
    }
    assert read_mail(mail(headers=headers)).recipients == (
        "events@example.org",
        "b@example.org",
        "c@example.org",
        "bot+reply@example.org",
        "alias@example.org",
    )


def test_bare_message_ids_get_angle_brackets() -> None:
    headers = {"Message-ID": "abc.1@example.org", "In-Reply-To": "<p.1@events.example.org> (x)"}
    read = read_mail(mail(headers=headers))
    assert (read.message_id, read.in_reply_to) == (
        "<abc.1@example.org>",
        "<p.1@events.example.org>",
    )


def test_null_return_path_reads_as_empty_and_missing_as_none() -> None:
    assert corpus("null_return_path").return_path == ""
    assert corpus("outlook_reply_german").return_path is None
    assert corpus("gmail_reply").return_path == "tom.baker@gmail.example"


@pytest.mark.parametrize(
    ("value", "moment"),
    [
        (
            "Fri, 3 May 2024 11:42:07 +0100",
            datetime(2024, 5, 3, 11, 42, 7, tzinfo=timezone(timedelta(hours=1))),
        ),
        ("Fri, 3 May 2024 11:42:07 -0000", datetime(2024, 5, 3, 11, 42, 7, tzinfo=UTC)),
        ("yesterday at noon", None),
        ("", None),
    ],
)
def test_date_is_aware_or_none(value: str, moment: datetime | None) -> None:
    assert read_mail(mail(headers={"Date": value})).date == moment


def test_message_of_our_own_address_or_with_a_message_id_we_made_is_our_own() -> None:
    ours = read_mail(mail(headers={"From": "Bot <EventBot@events.example.org>"}))
    made = message_id("reply:1", domain="events.example.org")
    forwarded = read_mail(mail(headers={"Message-ID": made.upper().replace("@", "@")}))
    colleague = read_mail(mail(headers={"Message-ID": "<abc@Events.Example.org>"}))
    theirs = corpus("gmail_reply")
    own = {"eventbot@events.example.org"}
    assert is_own(ours, addresses=own, domain="events.example.org")
    assert is_own(forwarded, addresses=own, domain="events.example.org")
    assert not is_own(
        colleague, addresses=own, domain="events.example.org"
    )  # same domain, a person
    assert not is_own(theirs, addresses=own, domain="events.example.org")


# --- machine-made mail -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("auto_submitted_vacation", Automatic.AUTO_SUBMITTED),
        ("precedence_bulk", Automatic.PRECEDENCE),
        ("mailing_list", Automatic.MAILING_LIST),
        ("x_autoreply", Automatic.AUTO_REPLY_HEADER),
        ("x_autorespond", Automatic.AUTO_REPLY_HEADER),
        ("exchange_out_of_office", Automatic.AUTO_REPLY_HEADER),
        ("null_return_path", Automatic.NULL_RETURN_PATH),
        ("noreply_sender", Automatic.ROBOT_SENDER),
        ("out_of_office_subject", Automatic.OUT_OF_OFFICE),
        ("x_loop", Automatic.LOOP),
        ("x_fc_machinegenerated", Automatic.MACHINE_GENERATED),
        ("x_failed_recipients", Automatic.REPORT),
        ("dsn", Automatic.REPORT),
    ],
)
def test_machine_made_mail_in_the_corpus_is_recognised(name: str, reason: Automatic) -> None:
    assert corpus(name).automatic == reason


@pytest.mark.parametrize(
    ("headers", "reason"),
    [
        ({"Auto-Submitted": "auto-generated"}, Automatic.AUTO_SUBMITTED),
        ({"Auto-Submitted": "auto-replied (vacation)"}, Automatic.AUTO_SUBMITTED),
        ({"Return-Path": "<>"}, Automatic.NULL_RETURN_PATH),
        ({"X-Autoreply": "yes"}, Automatic.AUTO_REPLY_HEADER),
        ({"X-Autorespond": "Hotel Lund"}, Automatic.AUTO_REPLY_HEADER),
        ({"X-Auto-Response-Suppress": "All"}, Automatic.AUTO_REPLY_HEADER),
        ({"X-Auto-Response-Suppress": "OOF, AutoReply"}, Automatic.AUTO_REPLY_HEADER),
        ({"Precedence": "bulk"}, Automatic.PRECEDENCE),
        ({"Precedence": "junk"}, Automatic.PRECEDENCE),
        ({"Precedence": "list"}, Automatic.PRECEDENCE),
        ({"Precedence": "auto_reply"}, Automatic.PRECEDENCE),
        ({"List-Id": "<health-ai.lists.example.net>"}, Automatic.MAILING_LIST),
        ({"List-Unsubscribe": "<https://news.example/u/1>"}, Automatic.MAILING_LIST),
        ({"X-Loop": "yes"}, Automatic.LOOP),
        ({"X-MS-Exchange-Inbox-Rules-Loop": "h.schmidt@charite.example"}, Automatic.LOOP),
        ({"X-FC-Machinegenerated": "true"}, Automatic.MACHINE_GENERATED),
        ({"X-Failed-Recipients": "a@example.org"}, Automatic.REPORT),
        (
            {"Content-Type": "multipart/report; report-type=disposition-notification"},
            Automatic.REPORT,
        ),
    ],
)
def test_each_sign_of_a_machine_is_recognised_on_its_own(
    headers: dict[str, str], reason: Automatic
) -> None:
    assert read_mail(mail(headers=headers)).automatic == reason


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Auto-Submitted": "no"},
        {"X-Autoreply": "no"},
        {"X-Auto-Response-Suppress": "DR, RN, NRN"},
        {"Precedence": "first-class"},
        {"From": "Noreen Reply <noreen.reply@example.org>"},
        {"Subject": "Afwezig op dinsdag - kan ik mijn ticket overdragen?"},
        {"Subject": "Auto rental for the excursion: is it included?"},
        {"Subject": "Re: Automatic registration confirmation"},
    ],
    ids=lambda headers: next(iter(headers.values()), "plain"),
)
def test_mail_from_a_person_is_not_taken_for_a_machine(headers: dict[str, str]) -> None:
    assert read_mail(mail(headers=headers)).automatic is None


@pytest.mark.parametrize(
    "address",
    [
        "MAILER-DAEMON@mx.example.org",
        "mailer_daemon@mx.example.org",
        "postmaster@example.org",
        "noreply@example.org",
        "no-reply@example.org",
        "no_reply@example.org",
        "do-not-reply@example.org",
        "donotreply@example.org",
        "notifications-noreply@example.org",
    ],
)
def test_robot_senders_are_recognised(address: str) -> None:
    read = read_mail(mail(headers={"From": f"Robot <{address}>"}))
    assert read.automatic == Automatic.ROBOT_SENDER


@pytest.mark.parametrize(
    "subject",
    [
        "Auto: Your registration",
        "Automatic reply: Your registration",
        "Autosvar: Din registrering",
        "Automatisk svar: Din registrering",
        "Automatisch antwoord: Uw registratie",
        "Automatische Antwort: Ihre Anmeldung",
        "Abwesenheitsnotiz: Ihre Anmeldung",
        "Abwesend: Ihre Anmeldung",
        "Out of Office: Your registration",
        "Out of Office AutoReply: Your registration",
        "[Out of Office] Your registration",
        "Réponse automatique : Votre inscription",
        "Risposta automatica: La tua registrazione",
        "Respuesta automática: Su inscripción",
        "Fuori sede: La tua registrazione",
        "Frånvaro: Din registrering",
        "Afwezig: Uw registratie",
        "Out of office",
    ],
)
def test_out_of_office_subjects_are_recognised(subject: str) -> None:
    assert read_mail(mail(headers={"Subject": subject})).automatic == Automatic.OUT_OF_OFFICE


# --- bounces -----------------------------------------------------------------------------------


def test_delivery_status_report_names_the_failed_recipient_and_the_original_mail() -> None:
    read = corpus("dsn")
    assert read.bounce == Bounce(
        failed_recipients=("k.andersen@sdu.example",),
        original_message_id="<reply.c0ffee42@events.example.org>",
    )
    assert read.attachments == (
        AttachedFile("", "message/delivery-status", 478),
        AttachedFile("", "text/rfc822-headers", 289),
    )


def test_exim_bounce_with_x_failed_recipients_names_the_recipient_and_the_original_mail() -> None:
    assert corpus("x_failed_recipients").bounce == Bounce(
        failed_recipients=("nobody@uni-example.example",),
        original_message_id="<reply.0badf00d@events.example.org>",
    )


def test_bounce_with_the_whole_original_mail_returned_finds_its_message_id() -> None:
    raw = (
        "From: MAILER-DAEMON@mx.example.org\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="b"\n\n'
        "--b\nContent-Type: text/plain\n\nDelivery failed.\n"
        "--b\nContent-Type: message/delivery-status\n\n"
        "Reporting-MTA: dns; mx.example.org\n\n"
        "Final-Recipient: rfc822; Gone@Example.org\nAction: failed\nStatus: 5.1.1\n"
        "--b\nContent-Type: message/rfc822\n\n"
        "Message-ID: <reply.1@events.example.org>\nSubject: Hello\n\nHello\n"
        "--b--\n"
    )
    assert read_mail(raw.encode()).bounce == Bounce(
        ("gone@example.org",), "<reply.1@events.example.org>"
    )


def test_mail_from_a_person_is_no_bounce() -> None:
    assert corpus("gmail_reply").bounce is None


# --- attachments and broken input --------------------------------------------------------------


def test_ten_megabyte_attachment_is_measured_without_slowing_reading_down() -> None:
    payload = random.Random(7).randbytes(10 * 1024 * 1024 + 1)
    raw = (
        b"From: Anna Berg <a.berg@ki.example>\r\nSubject: My poster\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n'
        b"--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHere is my poster.\r\n"
        b"--b\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n"
        b'Content-Disposition: attachment; filename="poster.pdf"\r\n\r\n'
        + base64.encodebytes(payload).replace(b"\n", b"\r\n")
        + b"--b--\r\n"
    )
    read = read_mail(raw)
    assert read.attachments == (AttachedFile("poster.pdf", "application/pdf", len(payload)),)
    assert read.body == "Here is my poster."
    assert seconds(lambda: read_mail(raw), times=2) < 0.5


def test_megabytes_of_base64_text_are_left_out_rather_than_read_slowly() -> None:
    message = EmailMessage()
    message["From"] = "Anna Berg <a.berg@ki.example>"
    message.set_content("word " * 600_000, cte="base64")
    raw = message.as_bytes()
    assert (read_mail(raw).body, read_mail(raw).attachments) == ("", ())
    assert seconds(lambda: read_mail(raw), times=2) < 0.5


def test_attachment_names_are_decoded_and_sized() -> None:
    message = EmailMessage()
    message["From"] = "Anna Berg <a.berg@ki.example>"
    message.set_content("Two files.")
    message.add_attachment(b"\x89PNG" * 10, maintype="image", subtype="png", filename="Öresund.png")
    message.add_attachment("BEGIN:VCALENDAR\n", subtype="calendar", filename="event.ics")
    read = read_mail(message.as_bytes())
    assert read.attachments == (
        AttachedFile("Öresund.png", "image/png", 40),
        AttachedFile("event.ics", "text/calendar", 16),
    )
    assert read.body == "Two files."


def test_multipart_without_its_boundary_is_read_with_the_boundary_its_body_uses() -> None:
    read = corpus("broken_mime")
    assert read.body == "Could you send me an invitation letter for my visa application?"
    assert read.attachments == (AttachedFile("passport.pdf", "application/pdf", 108),)


def test_truncated_mime_is_read_as_far_as_it_goes() -> None:
    read = corpus("truncated_mime")
    assert read.body == "Could you send me an invitation letter?"
    assert read.attachments == (AttachedFile("passport.pdf", "application/pdf", 90),)


def test_unknown_charset_falls_back_to_utf8() -> None:
    assert corpus("unknown_charset").body == (
        "Is the conference dinner at Fotografiska or at the Nobel Prize Museum? "
        "I would like to bring my colleague Jörgen."
    )


def test_text_not_in_its_declared_charset_is_read_as_windows_1252() -> None:
    read = corpus("lying_charset")
    assert read.body == "Is there a café near the venue? The price is 5 £ or 6 €?"
    assert read.subject == "Café"


def test_declared_latin1_with_windows_quotes_keeps_them() -> None:
    raw = mail(headers={"Content-Type": "text/plain; charset=iso-8859-1"})
    raw = raw.replace(b"Please register me.", b"\x84Ja\x93, bitte.")
    assert read_mail(raw).body == "„Ja“, bitte."


def test_html_only_mail_becomes_readable_text_with_its_links() -> None:
    read = corpus("html_only")
    assert read.body == (
        "Hello,\n\nmy slides for the federated learning workshop are on our website "
        "(https://slides.example/fl-2027). The code is at https://git.example/fl.\n\n"
        "- Part 1: data & privacy\n- Part 2: models\n\n"
        "Questions to me (o.hansen@ntnu.example), please.\nOla"
    )
    assert "alert" not in read.full_text
    assert "font-family" not in read.full_text


def test_empty_body_reads_as_empty_text() -> None:
    read = corpus("empty_body")
    assert (read.body, read.full_text, read.attachments) == ("", "", ())


def test_nothing_at_all_reads_as_an_empty_mail() -> None:
    assert read_mail(b"") == Mail(
        message_id=None,
        in_reply_to=None,
        references=(),
        sender=None,
        reply_to=None,
        return_path=None,
        recipients=(),
        subject="",
        date=None,
        body="",
        full_text="",
        attachments=(),
        automatic=None,
        bounce=None,
        language_hint=None,
    )


def test_control_characters_are_removed_from_the_text() -> None:
    assert body_of("Hello\x00 \x1b[31mworld\u202e\r\nbye\x7f") == "Hello [31mworld\nbye"


@pytest.mark.parametrize("path", CORPUS, ids=lambda path: path.stem)
def test_damaged_corpus_mail_never_raises(path: Path) -> None:
    original = path.read_bytes()
    pieces = [b"\r\n--", b"=?utf-8?b?", b"\x00", b"\xff\xfe", b"<", b"\n\n", b"; boundary=", b"=\n"]
    chance = random.Random(path.name)
    for _ in range(60):
        raw = bytearray(original)
        for _ in range(chance.randint(1, 8)):
            at = chance.randrange(len(raw) + 1)
            if chance.random() < 0.5:
                raw[at:at] = chance.choice(pieces)
            else:
                del raw[at : at + chance.randint(1, 40)]
        assert isinstance(read_mail(bytes(raw[: chance.randint(0, len(raw))])), Mail)


@pytest.mark.parametrize(
    "nesting",
    [
        b"Content-Type: message/rfc822\n\n" * 3000,
        b"".join(
            b'Content-Type: multipart/mixed; boundary="b%d"\n\n--b%d\n' % (i, i)
            for i in range(1200)
        ),
    ],
    ids=["message-in-message", "multipart-in-multipart"],
)
def test_parts_nested_thousands_deep_leave_the_headers_readable(nesting: bytes) -> None:
    raw = b"From: Eve <eve@attacker.example>\nSubject: Nested\n" + nesting + b"\nhello\n"
    read = read_mail(raw)
    assert (read.sender, read.subject) == (Address("Eve", "eve@attacker.example"), "Nested")


def test_random_bytes_never_raise() -> None:
    chance = random.Random(42)
    for size in (1, 10, 100, 1000, 10000):
        for _ in range(10):
            assert isinstance(read_mail(chance.randbytes(size)), Mail)
