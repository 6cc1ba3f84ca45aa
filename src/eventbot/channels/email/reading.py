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
from functools import partial
from typing import NamedTuple

from .automatic import Automatic, automatic_reason
from .html_text import BLANK_LINES, LINE_CONTROLS, clean, html_text, one_line
from .quotes import new_text

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

# A run of base64 lines this long (about 1 MB) is an attachment, not text: it is measured and
# left out before the stdlib parser, which reads line by line, spends half a second on 10 MB.
_ELIDE_FROM = 2_000_000
_BASE64_RUN = re.compile(rb"(?:[A-Za-z0-9+/=]{40,100}\r?\n){16384,}")
_ELIDED = re.compile(r"!elided-base64 (\d{1,12})")

_MESSAGE_ID = re.compile(r"<[^<>\s\x00-\x1f\x7f]+>")
_RETURNED_ID = re.compile(r"^message-id:[ \t]*(<[^<>\s]+>)", re.IGNORECASE | re.MULTILINE)
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
        automatic=automatic_reason(
            partial(_header, message),
            content_type=message.get_content_type(),
            sender=sender.address if sender else "",
            return_path=return_path,
            subject=subject,
            bounced=bounce is not None,
        ),
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
    """Whether `mail` came from one of our `addresses` or carries a Message-ID of the kind we
    make (`writing.message_id`: 32 hex digits at our `domain`); people of the same domain
    writing to us are not taken for ourselves."""
    own = {address.strip().lower() for address in addresses}
    if mail.sender is not None and mail.sender.address in own:
        return True
    ours = re.compile(rf"<[0-9a-f]{{32}}@{re.escape(domain.strip().lower())}>")
    return mail.message_id is not None and ours.fullmatch(mail.message_id.lower()) is not None


# --- headers -------------------------------------------------------------------------------------


def _raw(message: Message, name: str) -> str | None:
    """The first `name` header as text, encoded words left as they are."""
    value = message.get(name)
    return None if value is None else _text(str(value))


def _header(message: Message, name: str) -> str | None:
    """The first `name` header on one line, in lower case, encoded words left as they are."""
    value = _raw(message, name)
    return None if value is None else one_line(value).lower()


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
        address = LINE_CONTROLS.sub("", address).lower()
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
    return LINE_CONTROLS.sub("", found[0][1] if found else "").lower()


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


# --- delivery reports ----------------------------------------------------------------------------


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
    recipients = (LINE_CONTROLS.sub("", address).lower() for address in failed)
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
        return html_text(self.html or "")[0]


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
    return AttachedFile(clean(one_line(_words(filename))), part.get_content_type(), _size(part))


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
    return clean(text)


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
    return BLANK_LINES.sub("\n\n", "\n\n".join(t for t in texts if t.strip())).strip()


# --- the new text --------------------------------------------------------------------------------


def _body(segments: list[_Segment]) -> str:
    """What the person wrote this time; from the HTML when only its client's markers show where
    the quote starts (a quote header in a language the quote libraries do not know)."""
    plain, marked = new_text(_join(segment.text() for segment in segments))
    if marked:
        return plain
    pieces, dropped = [], False
    for segment in segments:
        if segment.html:
            text, found = html_text(segment.html, drop_quotes=True)
            pieces.append(text)
            dropped = dropped or found
        else:
            pieces.append(segment.text())
    return new_text(_join(pieces))[0] if dropped else plain
