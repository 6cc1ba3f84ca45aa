"""Composing outgoing mail: Message-IDs, subjects, threading, loop prevention, HTML, attachments."""

from __future__ import annotations

import email
import random
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage

import pytest
from aiosmtplib.email import flatten_message

from eventbot.channels.email.reading import Address, Automatic, read_mail
from eventbot.channels.email.writing import (
    REFERENCES_KEPT,
    Attachment,
    compose,
    message_id,
    reply_subject,
    trim_references,
)
from eventbot.errors import ConfigError, DeliveryError

BOT = Address("Nordic Health AI 2027", "eventbot@events.example.org")
TOM = Address("Tom Baker", "tom.baker@example.org")
WHEN = datetime(2024, 5, 3, 10, 0, tzinfo=UTC)
OURS = "<5f1d0c3e9a7b4c2d8e6f1a0b3c5d7e9f@events.example.org>"


def reply(**options: object) -> EmailMessage:
    """A reply from the bot to Tom, with `options` added or replacing the usual ones."""
    arguments: dict[str, object] = {
        "sender": BOT,
        "to": TOM,
        "subject": "Dinner",
        "text": "Yes, there is a vegetarian option.",
        "message_id": OURS,
        "in_reply_to": "<q.2@example.org>",
        "references": ["<q.1@example.org>"],
        "date": WHEN,
    }
    arguments.update(options)
    return compose(**arguments)  # type: ignore[arg-type]


def raw_headers(mail: EmailMessage) -> str:
    """The header section as it goes over SMTP."""
    return mail.as_bytes().decode("ascii").split("\r\n\r\n", 1)[0]


def html_of(mail: EmailMessage) -> str:
    part = mail.get_body(("html",))
    assert part is not None
    return str(part.get_content())


# --- message_id --------------------------------------------------------------------------------


def test_message_id_is_the_same_for_the_same_key() -> None:
    first = message_id("reply:42", domain="events.example.org")
    assert first == message_id("reply:42", domain="Events.Example.ORG.")
    assert first != message_id("reply:43", domain="events.example.org")


def test_message_id_is_hex_at_our_domain_and_shows_nothing_of_its_key() -> None:
    made = message_id("reminder:anna@ki.example:<weird>\r\n", domain="events.example.org")
    assert made.startswith("<") and made.endswith("@events.example.org>")
    assert len(made) == len("<@events.example.org>") + 32
    assert all(c in "0123456789abcdef" for c in made[1:33])


def test_message_id_of_an_international_domain_uses_its_ascii_form() -> None:
    assert message_id("k", domain="bücher.example").endswith("@xn--bcher-kva.example>")


@pytest.mark.parametrize("domain", ["", "localhost", "events example.org", "a@b.org", "x>.org"])
def test_message_id_refuses_what_is_not_a_domain(domain: str) -> None:
    with pytest.raises(ConfigError):
        message_id("k", domain=domain)


# --- reply_subject and trim_references ---------------------------------------------------------


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        ("Dinner", "Re: Dinner"),
        ("Re: Dinner", "Re: Dinner"),
        ("RE: Dinner", "RE: Dinner"),
        ("re:Dinner", "re:Dinner"),
        ("Re[2]: Dinner", "Re[2]: Dinner"),
        ("AW: Ihre Anmeldung", "AW: Ihre Anmeldung"),
        ("Antw: Uw registratie", "Antw: Uw registratie"),
        ("SV: Din registrering", "SV: Din registrering"),
        ("Fwd: Dinner", "Re: Fwd: Dinner"),
        ("Rebooking my hotel", "Re: Rebooking my hotel"),
        ("Hello\r\nBcc: victim@example.com", "Re: Hello Bcc: victim@example.com"),
        ("", "Re:"),
    ],
)
def test_reply_subject_adds_re_once(subject: str, expected: str) -> None:
    assert reply_subject(subject) == expected


def test_references_under_the_limit_are_kept_in_order_each_once() -> None:
    ids = ["<a@x>", "<b@x>", "<a@x>", "<c@x>"]
    assert trim_references(ids) == ("<a@x>", "<b@x>", "<c@x>")


def test_references_over_the_limit_keep_the_first_and_the_latest() -> None:
    ids = [f"<m{i}@x>" for i in range(30)]
    kept = trim_references(ids)
    assert len(kept) == REFERENCES_KEPT
    assert kept == ("<m0@x>", *[f"<m{i}@x>" for i in range(21, 30)])


def test_references_kept_down_to_one_are_the_latest() -> None:
    assert trim_references(["<a@x>", "<b@x>"], keep=1) == ("<b@x>",)
    assert trim_references(["<a@x>", "<b@x>"], keep=0) == ()


def test_malformed_references_are_dropped() -> None:
    ids = ["<ok@x>", "no-brackets@x", "<with space@x>", "<a@x>\r\nBcc: v@x", "<jörg@x>", ""]
    assert trim_references(ids) == ("<ok@x>",)


# --- compose -----------------------------------------------------------------------------------


def test_reply_carries_threading_and_loop_prevention_headers() -> None:
    assert raw_headers(reply()).split("\r\n")[:9] == [
        "From: Nordic Health AI 2027 <eventbot@events.example.org>",
        "To: Tom Baker <tom.baker@example.org>",
        "Subject: Re: Dinner",
        "Date: Fri, 03 May 2024 10:00:00 +0000",
        f"Message-ID: {OURS}",
        "In-Reply-To: <q.2@example.org>",
        "References: <q.1@example.org> <q.2@example.org>",
        "Auto-Submitted: auto-replied",
        "X-Auto-Response-Suppress: All",
    ]


def test_mail_that_answers_nothing_is_auto_generated_and_not_a_reply() -> None:
    mail = reply(in_reply_to=None, references=(), subject="Reminder: the dinner is tonight")
    assert mail["Subject"] == "Reminder: the dinner is tonight"
    assert mail["Auto-Submitted"] == "auto-generated"
    assert mail["In-Reply-To"] is None
    assert mail["References"] is None


def test_mail_written_by_a_person_says_nothing_of_automation() -> None:
    mail = reply(automatic=False)
    assert mail["Auto-Submitted"] is None
    assert mail["X-Auto-Response-Suppress"] is None


def test_malformed_parent_id_is_not_used_for_threading() -> None:
    mail = reply(in_reply_to="<q.2@example.org>\r\nBcc: victim@example.com")
    assert mail["In-Reply-To"] is None
    assert "Bcc" not in raw_headers(mail)


def test_long_thread_references_are_folded_between_ids_never_encoded() -> None:
    parents = [f"<{'x' * 60}.{i}@mail.gmail.example>" for i in range(15)]
    mail = reply(references=parents[:-1], in_reply_to=parents[-1])
    headers = raw_headers(mail)
    assert "=?" not in headers
    assert all(len(line) <= 998 for line in headers.split("\r\n"))
    read = read_mail(mail.as_bytes())
    assert read.references == (parents[0], *parents[-(REFERENCES_KEPT - 1) :])
    assert read.in_reply_to == parents[-1]


def test_threading_headers_survive_aiosmtplib_flattening() -> None:
    parents = [f"<{'x' * 60}.{i}@mail.gmail.example>" for i in range(3)]
    mail = reply(references=parents[:-1], in_reply_to=parents[-1], subject="Grüße")
    for utf8 in (False, True):
        read = read_mail(flatten_message(mail, utf8=utf8))
        assert (read.in_reply_to, read.references) == (parents[-1], tuple(parents))
        assert read.subject == "Re: Grüße"


def test_list_unsubscribe_lists_the_given_uris_with_one_click() -> None:
    mail = reply(
        list_unsubscribe=[
            "mailto:unsubscribe+abc@events.example.org?subject=unsubscribe",
            "https://events.example.org/unsubscribe/abc",
        ],
        one_click=True,
    )
    headers = raw_headers(mail)
    assert (
        "List-Unsubscribe: <mailto:unsubscribe+abc@events.example.org?subject=unsubscribe>,\r\n"
        " <https://events.example.org/unsubscribe/abc>\r\n"
        "List-Unsubscribe-Post: List-Unsubscribe=One-Click"
    ) in headers


def test_list_unsubscribe_without_one_click_has_no_post_header() -> None:
    mail = reply(list_unsubscribe=["mailto:u@events.example.org"])
    assert mail["List-Unsubscribe"] == "<mailto:u@events.example.org>"
    assert mail["List-Unsubscribe-Post"] is None


@pytest.mark.parametrize(
    ("uris", "one_click"),
    [
        (["http://events.example.org/u"], False),
        (["https://events.example.org/u>, <https://evil.example/"], False),
        (["mailto:u@events.example.org\r\nBcc: v@x"], False),
        (["mailto:u@events.example.org"], True),
        ([], True),
    ],
)
def test_list_unsubscribe_refuses_unsafe_uris(uris: list[str], one_click: bool) -> None:
    with pytest.raises(ValueError):
        reply(list_unsubscribe=uris, one_click=one_click)


def test_display_name_with_line_breaks_cannot_inject_headers() -> None:
    mail = reply(to=Address("Tom\r\nBcc: victim@example.com", "tom.baker@example.org"))
    headers = raw_headers(mail)
    assert "\r\nBcc:" not in headers
    assert read_mail(mail.as_bytes()).recipients == ("tom.baker@example.org",)
    assert str(mail["To"]) == '"Tom Bcc: victim@example.com" <tom.baker@example.org>'


def test_non_ascii_names_and_subjects_are_encoded_and_read_back_the_same() -> None:
    to = Address("Jörg Müller, Dr.", "joerg.mueller@uni-heidelberg.example")
    subject = "Ihre Anmeldung zur Nordic Health AI 2027 – bitte prüfen Sie Ihre Daten sorgfältig"
    mail = reply(to=to, subject=subject, in_reply_to=None, references=())
    raw = mail.as_bytes()
    assert raw.isascii()
    assert all(len(line) <= 78 for line in raw_headers(mail).split("\r\n"))
    parsed = email.message_from_bytes(raw, policy=policy.default)
    assert (str(parsed["To"]), str(parsed["Subject"])) == (
        '"Jörg Müller, Dr." <joerg.mueller@uni-heidelberg.example>',
        subject,
    )


def test_no_name_or_subject_adds_a_header_or_breaks_the_mail() -> None:
    alphabet = 'aÖ€ :;,<>"@=?_\r\n\t\x00\x7f\u2028\u202e\ud800Bcc'
    chance = random.Random(3)
    for _ in range(60):
        name, subject, filename = ("".join(chance.choices(alphabet, k=40)) for _ in range(3))
        mail = reply(
            to=Address(name, "tom.baker@example.org"),
            subject=subject,
            attachments=[Attachment(filename, "text/plain", b"x")],
        )
        parsed = email.message_from_bytes(mail.as_bytes(), policy=policy.default)
        assert list(parsed.keys()) == list(mail.keys())
        assert parsed["To"].addresses[0].addr_spec == "tom.baker@example.org"
        assert "\n" not in str(parsed["Subject"])


def test_lone_surrogates_in_the_text_are_replaced() -> None:
    plain = reply(text="Hallo\ud800 Jörg").get_body(("plain",))
    assert plain is not None
    assert plain.get_content() == "Hallo? Jörg\n"


def test_recipient_of_an_international_domain_is_written_in_its_ascii_form() -> None:
    mail = reply(to=Address("Anna", "anna@bücher.example"))
    assert mail["To"].addresses[0].addr_spec == "anna@xn--bcher-kva.example"


@pytest.mark.parametrize(
    "address", ["", "tom", "tom@", "@example.org", "jörg@example.org", "a b@x.org"]
)
def test_address_that_cannot_be_written_to_is_refused_for_good(address: str) -> None:
    with pytest.raises(DeliveryError) as refused:
        reply(to=Address("Tom", address))
    assert refused.value.permanent


def test_naive_date_or_malformed_message_id_is_refused() -> None:
    with pytest.raises(ValueError):
        reply(date=datetime(2024, 5, 3, 10, 0))
    with pytest.raises(ValueError):
        reply(message_id="no-brackets@events.example.org")


def test_text_goes_out_as_plain_text_and_escaped_html_with_links() -> None:
    text = (
        "Hello <Tom> & co,\r\n\r\nthe programme is at https://events.example.org/programme.\n"
        "Questions to info@events.example.org (or see https://x.example/a_(b)).\n\n\n"
        '<script>alert("x")</script>'
    )
    mail = reply(text=text)
    plain = mail.get_body(("plain",))
    assert plain is not None
    assert plain.get_content() == (
        "Hello <Tom> & co,\n\nthe programme is at https://events.example.org/programme.\n"
        "Questions to info@events.example.org (or see https://x.example/a_(b)).\n\n\n"
        '<script>alert("x")</script>\n'
    )
    assert html_of(mail) == (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8"></head><body>\n'
        "<p>Hello &lt;Tom&gt; &amp; co,</p>\n"
        '<p>the programme is at <a href="https://events.example.org/programme">'
        "https://events.example.org/programme</a>.<br>\n"
        'Questions to <a href="mailto:info@events.example.org">info@events.example.org</a> '
        '(or see <a href="https://x.example/a_(b)">https://x.example/a_(b)</a>).</p>\n'
        "<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p>\n"
        "</body></html>\n"
    )


def test_body_goes_out_in_seven_bit_transfer_encodings() -> None:
    mail = reply(text="Hej Åsa! Middagen börjar kl. 19.")
    assert mail.as_bytes().isascii()
    plain = mail.get_body(("plain",))
    assert plain is not None
    assert plain["Content-Transfer-Encoding"] == "quoted-printable"


def test_calendar_file_is_attached_as_text_calendar() -> None:
    ics = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"
    mail = reply(attachments=[Attachment("event.ics", "text/calendar", ics)])
    files = list(mail.iter_attachments())
    assert [(f.get_filename(), f.get_content_type()) for f in files] == [
        ("event.ics", "text/calendar")
    ]
    assert files[0].get_payload(decode=True) == ics
    assert mail.get_content_type() == "multipart/mixed"


def test_attachment_of_no_content_type_is_refused() -> None:
    with pytest.raises(ValueError):
        reply(attachments=[Attachment("x.bin", "nonsense", b"x")])


# --- round trip --------------------------------------------------------------------------------


def test_composed_reply_read_back_is_automatic_and_threaded() -> None:
    incoming = read_mail(
        b"From: Tom Baker <tom.baker@example.org>\r\n"
        b"To: eventbot@events.example.org\r\n"
        b"Subject: AW: Dinner\r\n"
        b"Message-ID: <q.2@example.org>\r\n"
        b"References: <root@events.example.org> <q.1@example.org>\r\n"
        b"\r\nIs there a vegetarian option?\r\n"
    )
    assert incoming.sender is not None and incoming.message_id is not None
    mail = compose(
        sender=BOT,
        to=incoming.sender,
        subject=incoming.subject,
        text="Yes, there is.\n\n-- \nNordic Health AI 2027",
        message_id=message_id(f"reply:{incoming.message_id}", domain="events.example.org"),
        in_reply_to=incoming.message_id,
        references=incoming.references,
        date=WHEN,
    )
    read = read_mail(mail.as_bytes())
    assert read.automatic == Automatic.AUTO_SUBMITTED
    assert read.in_reply_to == "<q.2@example.org>"
    assert read.references == (
        "<root@events.example.org>",
        "<q.1@example.org>",
        "<q.2@example.org>",
    )
    assert read.message_id == message_id("reply:<q.2@example.org>", domain="events.example.org")
    assert read.subject == "AW: Dinner"
    assert read.sender == BOT
    assert read.recipients == ("tom.baker@example.org",)
    assert read.body == "Yes, there is."
    assert read.date == WHEN
