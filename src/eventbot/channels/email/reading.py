"""Incoming mail read from raw bytes: who wrote, in which thread, what is new, whether to answer."""

from __future__ import annotations

import re
from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from email import message_from_bytes, message_from_string
from email.errors import MessageError
from email.header import decode_header
from email.message import Message
from email.parser import BytesParser, Parser
from email.policy import Compat32
from email.utils import getaddresses, parsedate_to_datetime
from enum import StrEnum
from html.parser import HTMLParser
from typing import NamedTuple

import quotequail  # type: ignore[import-untyped]
from mailparser_reply import EmailReplyParser  # type: ignore[import-untyped]

__all__ = [
    "Address",
    "AttachedFile",
    "Automatic",
    "Bounce",
    "Mail",
    "is_own",
    "one_line",
    "read_mail",
]


@dataclass(frozen=True)
class Address:
    """A display name and a mail address."""

    name: str
    address: str


class AttachedFile(NamedTuple):
    """A file that came with a mail; its content is measured, never decoded."""

    filename: str
    content_type: str
    size: int


@dataclass(frozen=True)
class Bounce:
    """A report that a mail could not be delivered: to whom, and which mail it was."""

    failed_recipients: tuple[str, ...]
    original_message_id: str | None


class Automatic(StrEnum):
    """Why a mail was written by a machine, and so must never be answered."""

    REPORT = "report"  # multipart/report (delivery or read report), X-Failed-Recipients
    AUTO_SUBMITTED = "auto-submitted"  # Auto-Submitted other than "no" (RFC 3834)
    NULL_RETURN_PATH = "null-return-path"  # Return-Path <>
    AUTO_REPLY_HEADER = "auto-reply-header"  # X-Autoreply, X-Autorespond; X-Auto-Response-
    # Suppress asking for no auto-replies (All, OOF or AutoReply; not only DR, RN)
    PRECEDENCE = "precedence"  # Precedence bulk, junk, list or auto_reply
    MAILING_LIST = "mailing-list"  # List-Id, List-Unsubscribe
    ROBOT_SENDER = "robot-sender"  # mailer-daemon, postmaster, no-reply …
    LOOP = "loop"  # X-Loop, X-MS-Exchange-Inbox-Rules-Loop
    MACHINE_GENERATED = "machine-generated"  # X-FC-Machinegenerated
    OUT_OF_OFFICE = "out-of-office"  # a subject such as "Automatic reply:" or "Abwesenheitsnotiz:"


@dataclass(frozen=True)
class Mail:
    """One incoming mail as eventbot needs it; Message-IDs keep their angle brackets."""

    message_id: str | None
    in_reply_to: str | None
    references: tuple[str, ...]
    sender: Address | None
    reply_to: Address | None
    return_path: str | None  # "" for the null sender <>
    recipients: tuple[str, ...]  # To, Cc, Delivered-To and X-Original-To, lower case
    subject: str
    date: datetime | None
    body: str  # what the person wrote this time: no quoted reply, no signature
    full_text: str
    attachments: tuple[AttachedFile, ...]
    automatic: Automatic | None
    bounce: Bounce | None
    language_hint: str | None = None


class _RawHeaders(Compat32):
    """compat32, but a header comes back as it was: 8-bit bytes as surrogates, words encoded."""

    def header_fetch_parse(self, name: str, value: str) -> str:
        return value


_POLICY = _RawHeaders()
_MAX_DEPTH = 24  # MIME nesting deeper than this is not read
_SCAN_LINES = 250  # quote headers are looked for in this many lines of the new text at most
_QUOTE_LANGUAGES = ["de", "nl", "sv", "da", "fr"]  # and English, always
_OUTLOOK_HEADERS = EmailReplyParser(languages=_QUOTE_LANGUAGES).read("").HEADER_REGEX

# A run of base64 lines this long (about 1 MB) is an attachment, not text: it is measured and
# left out before the stdlib parser, which reads line by line, spends half a second on 10 MB.
_ELIDE_FROM = 2_000_000
_BASE64_RUN = re.compile(rb"(?:[A-Za-z0-9+/=]{40,100}\r?\n){16384,}")
_ELIDED = re.compile(r"!elided-base64 (\d{1,12})")

_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_LINE_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\s]+")
_BLANK_LINES = re.compile(r"\n{3,}")
_MESSAGE_ID = re.compile(r"<[^<>\s\x00-\x1f\x7f]+>")
_RETURNED_ID = re.compile(r"^message-id:[ \t]*(<[^<>\s]+>)", re.IGNORECASE | re.MULTILINE)
_ROBOT = re.compile(
    r"(?:^|[.+-])(?:mailer-?daemon|post-?master|no-?reply|do-?not-?reply)(?:$|[.+-])"
)
_PRECEDENCE = re.compile(r"\s*(?:bulk|junk|list|auto[-_]reply)\b", re.IGNORECASE)
_ABSENCE = re.compile(  # at the start of a subject, then ":", "]" or nothing more
    r"\W*(?:auto|auto[- ]?reply|auto[- ]?response|automatic reply|autosvar|automatisk svar"
    r"|automatisch antwoord|automatische antwort|abwesenheitsnotiz|abwesend"
    r"|out of (?:the )?office(?: auto[- ]?reply)?|réponse automatique|risposta automatica"
    r"|risposta non al computer|respuesta automática|resposta automática|fuori sede|frånvaro"
    r"|fravær|afwezig|automaattinen vastaus|poza biurem)\s*(?::|\]|$)",
    re.IGNORECASE,
)
_LATIN_1 = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "iso_8859-1", "cp819"}


def read_mail(raw: bytes) -> Mail:
    """The mail in `raw`, read as far as it can be; it never raises, whatever the bytes."""
    message = _parse(_elide_large_base64(raw))
    segments: list[_Segment] = []
    files: list[AttachedFile] = []
    # The stdlib raises on a few malformed parts; what was read before them is kept, for a mail
    # that cannot be read must not stop the mailbox.
    with suppress(LookupError, ValueError, TypeError, RecursionError):
        _collect(message, segments, files, depth=0)
    full_text = _join(segment.text() for segment in segments)
    try:
        bounce = _bounce(message, full_text)
    except (LookupError, ValueError, TypeError, RecursionError):
        bounce = None
    subject = one_line(_words(_raw(message, "subject") or ""))
    return_path = _return_path(message)
    sender = _first_address(message, "from")
    return Mail(
        message_id=_first_id(message, "message-id"),
        in_reply_to=_first_id(message, "in-reply-to"),
        references=_ids(_raw(message, "references") or ""),
        sender=sender,
        reply_to=_first_address(message, "reply-to"),
        return_path=return_path,
        recipients=_recipients(message),
        subject=subject,
        date=_date(_raw(message, "date")),
        body=_body(segments),
        full_text=full_text,
        attachments=tuple(files),
        automatic=_automatic(message, sender, return_path, subject, bounce),
        bounce=bounce,
        language_hint=_language(_raw(message, "content-language")),
    )


def _parse(raw: bytes) -> Message:
    """The MIME tree of `raw`; only its headers when parts nest too deep for the stdlib parser,
    which recurses once a level."""
    try:
        return message_from_bytes(raw, policy=_POLICY)
    except RecursionError:
        return BytesParser(policy=_POLICY).parsebytes(raw, headersonly=True)


def _headers(text: str) -> Message:
    """The headers at the start of `text`, the rest left unparsed."""
    return Parser(policy=_POLICY).parsestr(text, headersonly=True)


def is_own(mail: Mail, *, addresses: set[str], domain: str) -> bool:
    """Whether `mail` came from one of our `addresses` or carries a Message-ID of our `domain`."""
    own = {address.strip().lower() for address in addresses}
    if mail.sender is not None and mail.sender.address in own:
        return True
    suffix = f"@{domain.strip().lower()}>"
    return mail.message_id is not None and mail.message_id.lower().endswith(suffix)


def one_line(text: str) -> str:
    """`text` on one line: line breaks, control characters and runs of white space become a space."""
    return _LINE_CONTROLS.sub(" ", text).strip()


# --- headers -------------------------------------------------------------------------------------


def _raw(message: Message, name: str) -> str | None:
    """The first `name` header as text, encoded words left as they are."""
    value = message.get(name)
    return None if value is None else _text(str(value))


def _text(value: str) -> str:
    """A header value with its 8-bit bytes (kept as surrogates by the parser) decoded."""
    if value.isascii():
        return value
    return _decode(value.encode("utf-8", "surrogateescape"), None)


def _words(value: str) -> str:
    """`value` with its RFC 2047 encoded words decoded; as it was when they cannot be."""
    if "=?" not in value:
        return value
    try:
        parts = decode_header(value)
    except (MessageError, ValueError, LookupError):
        return value
    return "".join(
        part if isinstance(part, str) else _decode(part, charset or "raw-unicode-escape")
        for part, charset in parts
    )


def _addresses(message: Message, *names: str) -> list[Address]:
    values = [_text(str(value)) for name in names for value in message.get_all(name) or []]
    found = []
    for name, address in getaddresses(values):
        address = _LINE_CONTROLS.sub("", address).lower()
        if address:
            found.append(Address(one_line(_words(name)), address))
    return found


def _first_address(message: Message, name: str) -> Address | None:
    found = _addresses(message, name)
    return found[0] if found else None


def _recipients(message: Message) -> tuple[str, ...]:
    found = _addresses(message, "to", "cc", "delivered-to", "x-original-to")
    return tuple(dict.fromkeys(address.address for address in found))


def _return_path(message: Message) -> str | None:
    value = _raw(message, "return-path")
    if value is None:
        return None
    found = getaddresses([value])
    return _LINE_CONTROLS.sub("", found[0][1] if found else "").lower()


def _ids(value: str) -> tuple[str, ...]:
    """The Message-IDs in a header, with their angle brackets (added to a bare one)."""
    found = _MESSAGE_ID.findall(value)
    bare = value.strip()
    if not found and "@" in bare and _MESSAGE_ID.fullmatch(f"<{bare}>"):
        found = [f"<{bare}>"]
    return tuple(dict.fromkeys(found))


def _first_id(message: Message, name: str) -> str | None:
    found = _ids(_raw(message, name) or "")
    return found[0] if found else None


def _date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = parsedate_to_datetime(one_line(value))
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _language(value: str | None) -> str | None:
    found = re.match(r"\s*([A-Za-z]{2,3})\b", value or "")
    return found.group(1).lower() if found else None


# --- machine-made mail ---------------------------------------------------------------------------


def _automatic(
    message: Message,
    sender: Address | None,
    return_path: str | None,
    subject: str,
    bounce: Bounce | None,
) -> Automatic | None:
    """The first reason, in the order of `Automatic`, that no person wrote this mail."""

    def header(name: str) -> str | None:
        value = _raw(message, name)
        return None if value is None else one_line(value).lower()

    def present(name: str) -> bool:
        value = header(name)
        return value is not None and value not in ("no", "false")

    submitted = header("auto-submitted")
    suppress = header("x-auto-response-suppress") or ""
    local_part = (sender.address if sender else "").rsplit("@", 1)[0].replace("_", "-")
    if bounce is not None or message.get_content_type() == "multipart/report":
        return Automatic.REPORT
    if submitted is not None and re.split(r"[\s;(]", submitted)[0] != "no":
        return Automatic.AUTO_SUBMITTED
    if return_path == "":
        return Automatic.NULL_RETURN_PATH
    if present("x-autoreply") or present("x-autorespond"):
        return Automatic.AUTO_REPLY_HEADER
    if re.search(r"\b(?:all|oof|autoreply)\b", suppress):
        return Automatic.AUTO_REPLY_HEADER
    if _PRECEDENCE.match(header("precedence") or ""):
        return Automatic.PRECEDENCE
    if header("list-id") is not None or header("list-unsubscribe") is not None:
        return Automatic.MAILING_LIST
    if _ROBOT.search(local_part):
        return Automatic.ROBOT_SENDER
    if present("x-loop") or header("x-ms-exchange-inbox-rules-loop") is not None:
        return Automatic.LOOP
    if header("x-fc-machinegenerated") == "true":
        return Automatic.MACHINE_GENERATED
    if _ABSENCE.match(subject):
        return Automatic.OUT_OF_OFFICE
    return None


def _bounce(message: Message, full_text: str) -> Bounce | None:
    """The delivery report in `message`, from its delivery-status part or X-Failed-Recipients."""
    failed = [address for _, address in getaddresses(message.get_all("x-failed-recipients") or [])]
    original: str | None = None
    is_report = False
    for part in _parts(message):
        content_type = part.get_content_type()
        if content_type == "message/delivery-status":
            is_report = True
            failed += _failed_in_status(part)
        elif content_type in ("message/rfc822", "message/global", "text/rfc822-headers"):
            original = original or _returned_id(part)
    if not failed and not is_report:
        return None
    if original is None:
        found = _RETURNED_ID.search(full_text)
        original = found.group(1) if found else None
    recipients = (_LINE_CONTROLS.sub("", address).lower() for address in failed)
    return Bounce(tuple(dict.fromkeys(r for r in recipients if r)), original)


def _failed_in_status(part: Message) -> list[str]:
    """The recipients that a message/delivery-status part reports as failed."""
    blocks = _payload(part)
    if isinstance(blocks, str):  # a status the parser left as text: read its fields ourselves
        blocks = [_headers(block) for block in re.split(r"\n\s*\n", blocks)]
    failed = []
    for block in blocks:
        action = str(block.get("action", "")).strip().lower()
        recipient = str(block.get("final-recipient") or block.get("original-recipient") or "")
        if action == "failed" and recipient:
            failed.append(recipient.partition(";")[2].strip() or recipient.strip())
    return failed


def _returned_id(part: Message) -> str | None:
    """The Message-ID of the mail a bounce returns, in full or its headers only."""
    payload = _payload(part)
    if isinstance(payload, str):
        return _first_id(_headers(payload.lstrip()), "message-id")
    return _first_id(payload[0], "message-id") if payload else None


# --- the MIME tree -------------------------------------------------------------------------------


@dataclass
class _Segment:
    """One readable piece of a mail: its plain text, its HTML, or both (multipart/alternative)."""

    plain: str | None = None
    html: str | None = None

    def text(self) -> str:
        if self.plain is not None and (self.plain.strip() or self.html is None):
            return self.plain
        return _html_text(self.html or "")[0]


def _elide_large_base64(raw: bytes) -> bytes:
    """`raw` with each megabyte-sized run of base64 lines replaced by a line giving its size."""
    if len(raw) < _ELIDE_FROM:
        return raw
    return _BASE64_RUN.sub(lambda run: b"!elided-base64 %d\n" % _base64_size(run.group()), raw)


def _base64_size(encoded: bytes | str) -> int:
    """How many bytes `encoded` decodes to, counted without decoding it."""
    if isinstance(encoded, str):
        encoded = encoded.encode("utf-8", "surrogateescape")
    stripped = encoded.rstrip()
    white = sum(stripped.count(c) for c in (b"\n", b"\r", b" ", b"\t"))
    padding = len(stripped) - len(stripped.rstrip(b"="))
    return max(0, (len(stripped) - white) * 3 // 4 - padding)


def _payload(part: Message) -> list[Message] | str:
    """What the parser left in a part: its subparts, or its text still transfer-encoded, 8-bit
    bytes as surrogates. (`get_payload()` decodes such text by the charset parameter, and raises
    when that names no charset; the bytes are then taken back as they came.)"""
    if part.is_multipart():
        return [child for child in part.get_payload() if isinstance(child, Message)]
    try:
        payload = part.get_payload()
    except (LookupError, ValueError, TypeError):  # UnicodeError is a ValueError
        payload = part.get_payload(decode=True)
        return payload.decode("ascii", "surrogateescape") if isinstance(payload, bytes) else ""
    return payload if isinstance(payload, str) else ""


def _parts(message: Message, depth: int = 0) -> list[Message]:
    """`message` and every part in it, depth first, bounded."""
    found = [message]
    payload = _payload(message) if depth < _MAX_DEPTH else []
    for part in payload if isinstance(payload, list) else []:
        found += _parts(part, depth + 1)
    return found


def _collect(
    part: Message, segments: list[_Segment], files: list[AttachedFile], *, depth: int
) -> None:
    """Add the readable text of `part` to `segments` and its files to `files`."""
    content_type = part.get_content_type()
    if depth > _MAX_DEPTH:
        return
    payload = _payload(part)
    if content_type.startswith("multipart/") and isinstance(payload, str):
        repaired = _with_boundary(part, payload)
        if repaired is None:
            segments.append(_Segment(plain=_part_text(part)))
        else:
            _collect(repaired, segments, files, depth=depth + 1)
    elif content_type.startswith("multipart/") and isinstance(payload, list):
        children = payload
        if content_type == "multipart/alternative":
            segments.append(_alternative(children, files, depth=depth))
            return
        for index, child in enumerate(children):
            if content_type == "multipart/report" and index > 0:
                files.append(_file(child))
            else:
                _collect(child, segments, files, depth=depth + 1)
    elif content_type in ("text/plain", "text/html") and not _is_attachment(part):
        text = _part_text(part)
        segments.append(
            _Segment(plain=text) if content_type == "text/plain" else _Segment(html=text)
        )
    else:
        files.append(_file(part))


def _with_boundary(part: Message, payload: str) -> Message | None:
    """A multipart that lost its boundary parameter, parsed again with the boundary its body
    uses; None when the body shows none."""
    found = re.search(r"^--([0-9A-Za-z'()+_,./:=?-]{1,70})[ \t]*$", payload, re.MULTILINE)
    if found is None:
        return None
    head = f'Content-Type: {part.get_content_type()}; boundary="{found.group(1)}"\n\n'
    repaired = message_from_string(head + payload, policy=_POLICY)
    return repaired if repaired.is_multipart() else None


def _alternative(children: list[Message], files: list[AttachedFile], *, depth: int) -> _Segment:
    """The plain text and the HTML of a multipart/alternative, each the first one offered."""
    chosen = _Segment()
    for child in children:
        inner: list[_Segment] = []
        _collect(child, inner, files, depth=depth + 1)
        plain = [segment.plain for segment in inner if segment.plain is not None]
        html = [segment.html for segment in inner if segment.html is not None]
        if chosen.plain is None and plain:
            chosen.plain = "\n\n".join(plain)
        if chosen.html is None and html:
            chosen.html = "\n".join(html)
    return chosen


def _is_attachment(part: Message) -> bool:
    return part.get_content_disposition() == "attachment" or bool(part.get_param("name"))


def _file(part: Message) -> AttachedFile:
    try:
        filename = part.get_filename() or ""
    except (LookupError, ValueError):  # an RFC 2231 charset that names no charset at all
        filename = ""
    return AttachedFile(_clean(one_line(_words(filename))), part.get_content_type(), _size(part))


def _size(part: Message, depth: int = 0) -> int:
    """The decoded size of a part's content; base64 is measured, not decoded."""
    payload = _payload(part)
    if isinstance(payload, list):
        inner = payload if depth < _MAX_DEPTH else []
        return sum(_size(child, depth + 1) + _header_size(child) for child in inner)
    elided = _ELIDED.fullmatch(payload.strip())
    encoding = str(part.get("content-transfer-encoding", "")).strip().lower()
    if elided:
        return int(elided.group(1))
    if encoding == "base64":
        return _base64_size(payload)
    if encoding == "quoted-printable":
        decoded = part.get_payload(decode=True)
        return len(decoded) if isinstance(decoded, bytes) else 0
    return len(payload.encode("utf-8", "surrogateescape"))


def _header_size(part: Message) -> int:
    return sum(len(name) + len(str(value)) + 4 for name, value in part.items())


def _part_text(part: Message) -> str:
    """The text of a text/* part, decoded from its transfer encoding and its charset; none when
    it was a megabyte of base64, left out before parsing."""
    payload = _payload(part)
    if not isinstance(payload, str) or _ELIDED.fullmatch(payload.strip()):
        return ""
    data = part.get_payload(decode=True)
    if not isinstance(data, bytes):
        return ""
    text = _decode(data, part.get_content_charset())
    if str(part.get_param("format") or "").lower() == "flowed":
        text = _unflow(text, delsp=str(part.get_param("delsp") or "").lower() == "yes")
    return _clean(text)


def _decode(data: bytes, charset: str | None) -> str:
    """`data` read in its declared charset, else UTF-8, else Windows-1252, else Latin-1 (which
    reads any bytes)."""
    declared = (charset or "").strip().lower()
    if declared in _LATIN_1:
        declared = "cp1252"  # what mail declared as Latin-1 really is, as browsers know
    for name in (declared, "utf-8", "cp1252"):
        if name:
            try:
                return data.decode(name)
            except (ValueError, LookupError):  # UnicodeDecodeError, or no such text encoding
                continue
    return data.decode("latin-1")


def _clean(text: str) -> str:
    """`text` with one kind of line break, no-break spaces as spaces, no control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    return _CONTROLS.sub("", text.replace("\xa0", " ").replace("\u2029", "\n\n"))


def _unflow(text: str, *, delsp: bool) -> str:
    """Plain text sent as format=flowed (RFC 3676) with its soft line breaks joined."""
    lines: list[str] = []
    pending: tuple[int, str] | None = None
    for raw in text.replace("\r\n", "\n").split("\n"):
        depth = len(raw) - len(raw.lstrip(">"))
        line = raw[depth:]
        line = line[1:] if line.startswith(" ") else line
        if pending is not None and pending[0] == depth:
            line = pending[1] + line
        elif pending is not None:
            lines.append(_quoted(*pending))
        pending = None
        if line.endswith(" ") and line != "-- ":
            pending = (depth, line[:-1] if delsp else line)
        else:
            lines.append(_quoted(depth, line))
    if pending is not None:
        lines.append(_quoted(*pending))
    return "\n".join(lines)


def _quoted(depth: int, line: str) -> str:
    return f"{'>' * depth} {line}" if depth else line


def _join(texts: Iterable[str]) -> str:
    """Pieces of text as paragraphs, with at most one blank line between any two."""
    return _BLANK_LINES.sub("\n\n", "\n\n".join(t for t in texts if t.strip())).strip()


# --- the new text --------------------------------------------------------------------------------


def _body(segments: list[_Segment]) -> str:
    """What the person wrote this time; from the HTML when only its client's markers show where
    the quote starts (a quote header in a language the quote libraries do not know)."""
    plain, marked = _new_text(_join(segment.text() for segment in segments))
    if marked:
        return plain
    pieces, dropped = [], False
    for segment in segments:
        if segment.html:
            text, found = _html_text(segment.html, drop_quotes=True)
            pieces.append(text)
            dropped = dropped or found
        else:
            pieces.append(segment.text())
    return _new_text(_join(pieces))[0] if dropped else plain


def _new_text(text: str) -> tuple[str, bool]:
    """The text above a quoted reply and a signature, and whether a quote header or a signature
    marked where it ends (rather than only the lines that start with ">")."""
    lines = text.split("\n")
    first_quoted = next((i for i, line in enumerate(lines) if line.startswith(">")), len(lines))
    header = _quote_header(lines[: min(first_quoted + 1, _SCAN_LINES)])
    signature = _signature(lines)
    marks = [mark for mark in (header, signature) if mark is not None]
    end = min([first_quoted, *marks])
    kept = [line for line in lines[:end] if not line.startswith(">")]
    if not "".join(kept).strip():  # nothing above the quote: the answer is below or between it
        rest = [line for line in lines[_after_intro(lines, end) :] if not line.startswith(">")]
        kept = rest[: _signature(rest)]
    new = _BLANK_LINES.sub("\n\n", "\n".join(line.rstrip() for line in kept)).strip()
    return new, any(mark <= first_quoted for mark in marks)


def _signature(lines: list[str]) -> int | None:
    """Where the signature starts: the line "-- " (or "--", when a client trimmed it)."""
    return next((i for i, line in enumerate(lines) if line.rstrip() == "--"), None)


def _quote_header(lines: list[str]) -> int | None:
    """The line where a quoted reply or forward starts: "On … wrote:", "Von: … Gesendet: …" …"""
    text = "\n".join(lines)
    header = _OUTLOOK_HEADERS.search(text)
    if header is not None:  # what comes after it need not be searched again
        start = header.start() + len(header.group()) - len(header.group().lstrip("\n"))
        lines = lines[: text.count("\n", 0, start) + 1]
    parts = quotequail.quote("\n".join(lines), limit=len(lines) + 1, quote_intro_line=True)
    if len(parts) == 2:
        return len(lines) - len(parts[1][1].split("\n"))
    return None if header is None else len(lines) - 1


def _after_intro(lines: list[str], start: int) -> int:
    """The line after a quote's introduction ("On … wrote:", perhaps wrapped) at `start`."""
    for index in range(start, min(start + 2, len(lines))):
        if lines[index].rstrip().endswith(":"):
            return index + 1
    return start


# --- HTML ----------------------------------------------------------------------------------------

_SKIPPED = {"script", "style", "title", "template", "xml"}
_PARAGRAPHS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "pre", "blockquote"}
_LINES = {"div", "tr", "li", "dt", "dd", "hr", "section", "article", "header", "footer", "center"}
_QUOTE_CLASSES = {
    "gmail_quote",
    "gmail_quote_container",
    "gmail_signature",
    "gmail_extra",
    "moz-cite-prefix",
    "moz-signature",
    "protonmail_quote",
    "protonmail_signature_block",
    "yahoo_quoted",
    "zmail_extra",
}
_QUOTE_IDS = {"applemailsignature", "signature", "zwchr"}
_REST_IDS = {"divrplyfwdmsg", "appendonsend", "mail-editor-reference-message-container"}
_OUTLOOK_RULE = re.compile(r"border-top:\s*solid\s+#(?:e1e1e1|b5c4df)\s+1\.0pt", re.IGNORECASE)


def _html_text(html: str, *, drop_quotes: bool = False) -> tuple[str, bool]:
    """Readable text of HTML: links as "text (url)", quoted blocks as "> " lines, no scripts or
    styles; with `drop_quotes`, without the quote and signature its mail client marked, and
    whether there were any."""
    reader = _HtmlReader(drop_quotes=drop_quotes)
    try:
        reader.feed(html)
        reader.close()
    except (AssertionError, ValueError):  # html.parser gives up on some broken markup
        pass
    lines = (line.strip() for line in _clean("".join(reader.out)).split("\n"))
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip(), reader.dropped


class _HtmlReader(HTMLParser):
    """Collects the text of HTML, with line breaks where blocks end."""

    def __init__(self, *, drop_quotes: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.drop_quotes = drop_quotes
        self.dropped = False  # a quote or signature was left out
        self.out: list[str] = []
        self.newlines = 0  # line breaks owed before the next text
        self.skipping: list[str] = []  # the element being skipped, once per level it is open
        self.stopped = False  # the rest of the document is a quote
        self.links: list[tuple[str, int]] = []
        self.quotes = 0  # blockquotes open
        self.pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.stopped:
            return
        if self.skipping:
            self.skipping += [tag] if tag == self.skipping[0] else []
            return
        found = {name: (value or "") for name, value in attrs}
        if self.drop_quotes and _is_quote(tag, found):
            self.skipping, self.dropped = [tag], True
        elif self.drop_quotes and _is_rest_quoted(found):
            self.stopped, self.dropped = True, True
        elif tag in _SKIPPED:
            self.skipping = [tag]
        elif tag == "br":
            self.newlines += 1
        elif tag == "a":
            self.links.append((found.get("href", ""), len(self.out)))
        elif tag in ("td", "th") and self.out and not self.newlines:
            self.write(" ")
        else:
            self.block(tag, opening=True)

    def handle_endtag(self, tag: str) -> None:
        if self.stopped:
            return
        if self.skipping:
            if tag == self.skipping[0]:
                self.skipping.pop()
            return
        if tag == "a" and self.links:
            href, start = self.links.pop()
            target = _link_target(href)
            if target and target != "".join(self.out[start:]).strip():
                self.write(f" ({target})")
        else:
            self.block(tag, opening=False)

    def handle_data(self, data: str) -> None:
        if self.stopped or self.skipping:
            return
        if self.pre:
            self.write(data)
        elif data.strip():
            self.write(re.sub(r"\s+", " ", data))
        elif self.out and not self.newlines:
            self.out.append(" ")

    def block(self, tag: str, *, opening: bool) -> None:
        if tag in _PARAGRAPHS:
            self.newlines = max(self.newlines, 2)
        elif tag in _LINES:
            self.newlines = max(self.newlines, 1)
        step = 1 if opening else -1
        if tag == "pre":
            self.pre = max(0, self.pre + step)
        elif tag == "blockquote":
            self.quotes = max(0, self.quotes + step)
        elif tag == "li" and opening:
            self.write("- ")

    def write(self, text: str) -> None:
        if self.newlines and self.out:
            self.out.append("\n" * self.newlines)
        if self.quotes and (self.newlines or not self.out):
            text = "> " * self.quotes + text.lstrip()
        self.newlines = 0
        self.out.append(text)
        if self.quotes and "\n" in text:  # preformatted lines in a quote: each one quoted
            self.out[-1] = text.replace("\n", "\n" + "> " * self.quotes)


def _is_quote(tag: str, attrs: dict[str, str]) -> bool:
    """Whether an element holds a quoted reply or a signature, as its mail client marks it."""
    classes = set(attrs.get("class", "").lower().split())
    return (
        tag == "blockquote"
        or bool(classes & _QUOTE_CLASSES)
        or attrs.get("id", "").lower() in _QUOTE_IDS
    )


def _is_rest_quoted(attrs: dict[str, str]) -> bool:
    """Whether an element starts the quoted reply that fills the rest of an Outlook mail."""
    return attrs.get("id", "").lower() in _REST_IDS or bool(
        _OUTLOOK_RULE.search(attrs.get("style", ""))
    )


def _link_target(href: str) -> str:
    """Where a link goes, as a reader should see it: the URL, or the address of a mailto."""
    href = one_line(href)
    if href.lower().startswith("mailto:"):
        return href[7:].partition("?")[0]
    return href if href.lower().startswith(("http://", "https://")) else ""
