"""Outgoing mail composed: plain text with an HTML twin, threading and loop-prevention headers."""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from email.headerregistry import Address as HeaderAddress
from email.headerregistry import BaseHeader, HeaderRegistry, UnstructuredHeader
from email.message import EmailMessage
from email.policy import SMTP as SMTP_POLICY
from email.policy import Policy

from ...errors import ConfigError, DeliveryError
from .reading import Address, one_line

__all__ = [
    "REFERENCES_KEPT",
    "Attachment",
    "compose",
    "message_id",
    "reply_subject",
    "trim_references",
]

REFERENCES_KEPT = 10  # Message-IDs a reply's References keeps: the thread's first and the latest

_ID = re.compile(r"<[\x21-\x3b\x3d\x3f-\x7e]{1,250}>")  # printable ASCII, no spaces or brackets
_DOMAIN = re.compile(
    r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*"
)
_ADDRESS = re.compile(r"[^\s<>()\[\],;:\"\\@\x00-\x1f\x7f]+@[^\s<>()\[\],;:\"\\@\x00-\x1f\x7f]+")
_CONTENT_TYPE = re.compile(r"[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*")
_UNSUBSCRIBE = re.compile(r"(?:mailto:|https://)[\x21-\x2b\x2d-\x3b\x3d\x3f-\x7e]+")
_REPLY_PREFIX = re.compile(
    r"\s*(?:re|aw|antw|antwort|sv|vs|odp|rif|res|réf)\s*(?:\[\d+\]|\(\d+\))?\s*[:：]", re.IGNORECASE
)
_LINK = re.compile(
    r"(?P<url>https?://[^\s<>\"]+)|(?P<address>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)", re.IGNORECASE
)
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


class _Tokens(UnstructuredHeader, BaseHeader):
    """A header of Message-IDs or URIs, folded between them and never RFC 2047-encoded: the
    stdlib encodes a long one as `=?utf-8?q?…?=`, and Outlook then drops it
    (python/cpython#79986), losing the thread."""

    def fold(self, *, policy: Policy) -> str:
        head = f"{self.name}:"
        lines, line = [], head
        for token in str(self).split():
            if line != head and len(line) + 1 + len(token) > (policy.max_line_length or 998):
                lines.append(line)
                line = ""
            line += f" {token}"
        return policy.linesep.join([*lines, line]) + policy.linesep


def _policy() -> Policy:
    registry = HeaderRegistry()
    for name in ("message-id", "in-reply-to", "references", "list-unsubscribe"):
        registry.map_to_type(name, _Tokens)
    return SMTP_POLICY.clone(header_factory=registry, cte_type="7bit")  # any relay passes 7 bits


_POLICY = _policy()


@dataclass(frozen=True)
class Attachment:
    """A file to send with a mail, such as `event.ics` as text/calendar."""

    filename: str
    content_type: str
    data: bytes


def message_id(key: str, *, domain: str) -> str:
    """The Message-ID for `key`, the same each time, so that a retried mail keeps its id; the key
    is hashed, so nothing in it shows."""
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return f"<{digest}@{_domain(domain)}>"


def reply_subject(subject: str) -> str:
    """The subject of a reply: "Re: " once, unless it already starts with a reply prefix such as
    "Re:", "AW:", "Antw:" or "SV:"."""
    subject = _line(subject)
    return subject if _REPLY_PREFIX.match(subject) else f"Re: {subject}".rstrip()


def trim_references(ids: Sequence[str], *, keep: int = REFERENCES_KEPT) -> tuple[str, ...]:
    """The well-formed Message-IDs among `ids`, each once, at most `keep` of them: the first
    (the thread's start) and the latest."""
    found = tuple(dict.fromkeys(i.strip() for i in ids if _ID.fullmatch(i.strip())))
    if keep < 1:
        return ()
    if len(found) <= keep:
        return found
    return found[:1] + found[len(found) - keep + 1 :] if keep > 1 else found[-keep:]


def compose(
    *,
    sender: Address,
    to: Address,
    subject: str,
    text: str,
    message_id: str,
    in_reply_to: str | None = None,
    references: Sequence[str] = (),
    attachments: Sequence[Attachment] = (),
    list_unsubscribe: Sequence[str] = (),
    one_click: bool = False,
    automatic: bool = True,
    date: datetime,
) -> EmailMessage:
    """A mail ready for SMTP. A reply (`in_reply_to`, with the parent's `references`) gets "Re: "
    and its threading headers; an `automatic` one says so (RFC 3834), so no auto-reply answers."""
    if date.tzinfo is None:
        raise ValueError("date must be aware")
    if not _ID.fullmatch(message_id):
        raise ValueError("message_id must be <…> in printable ASCII, without spaces")
    parent = in_reply_to.strip() if in_reply_to and _ID.fullmatch(in_reply_to.strip()) else None
    mail = EmailMessage(policy=_POLICY)
    mail["From"] = _header_address(sender)
    mail["To"] = _header_address(to)
    mail["Subject"] = reply_subject(subject) if parent else _line(subject)
    mail["Date"] = date
    mail["Message-ID"] = message_id
    if parent:
        mail["In-Reply-To"] = parent
        mail["References"] = " ".join(trim_references([*references, parent]))
    if automatic:
        mail["Auto-Submitted"] = "auto-replied" if parent else "auto-generated"
        mail["X-Auto-Response-Suppress"] = "All"
    _unsubscribe(mail, list_unsubscribe, one_click=one_click)
    plain = _clean(text)
    mail.set_content(plain)
    mail.add_alternative(_html(plain), subtype="html")
    for attachment in attachments:
        _attach(mail, attachment)
    return mail


def _html(text: str) -> str:
    """`text` as an HTML page: escaped, paragraphs at blank lines, links and addresses clickable."""
    paragraphs = [p for p in re.split(r"\n[ \t]*\n", text.strip()) if p.strip()]
    body = "\n".join(
        "<p>" + "<br>\n".join(_linked(line) for line in p.strip("\n").split("\n")) + "</p>"
        for p in paragraphs
    )
    return f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"></head><body>\n{body}\n</body></html>\n'


def _linked(line: str) -> str:
    """One line of text, escaped, with its URLs and mail addresses as links."""
    pieces, position = [], 0
    for found in _LINK.finditer(line):
        target = found.group()
        if found.group("url"):
            target = _trim_url(target)
        pieces.append(html.escape(line[position : found.start()]))
        href = target if found.group("url") else f"mailto:{target}"
        pieces.append(f'<a href="{html.escape(href)}">{html.escape(target)}</a>')
        position = found.start() + len(target)
    pieces.append(html.escape(line[position:]))
    return "".join(pieces)


def _trim_url(url: str) -> str:
    """A URL without the punctuation that ends the sentence around it."""
    while url and url[-1] in ".,;:!?'\")]":
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        url = url[:-1]
    return url


def _domain(domain: str) -> str:
    """A domain for a Message-ID: lower case, international names in their ASCII form."""
    name = _ascii_domain(domain)
    if name is None or "." not in name:
        raise ConfigError(f"{domain!r} is not a domain name for Message-IDs")
    return name


def _ascii_domain(domain: str) -> str | None:
    name = domain.strip().lower().rstrip(".")
    try:
        name = name.encode("idna").decode("ascii")
    except UnicodeError:
        return None
    return name if _DOMAIN.fullmatch(name) else None


def _header_address(address: Address) -> HeaderAddress:
    """`address` as a header value: its display name on one line, its domain in ASCII form; an
    address that SMTP without SMTPUTF8 cannot carry is refused for good."""
    local, _, domain = address.address.strip().rpartition("@")
    host = _ascii_domain(domain)
    if host is None or not _ADDRESS.fullmatch(f"{local}@{host}") or not local.isascii():
        raise DeliveryError(f"{address.address!r} is not a mail address", permanent=True)
    try:
        return HeaderAddress(display_name=_line(address.name), addr_spec=f"{local}@{host}")
    except (ValueError, IndexError) as exc:
        raise DeliveryError(f"{address.address!r} is not a mail address", permanent=True) from exc


def _unsubscribe(mail: EmailMessage, uris: Sequence[str], *, one_click: bool) -> None:
    """List-Unsubscribe, and RFC 8058's List-Unsubscribe-Post when `one_click`."""
    for uri in uris:
        if not _UNSUBSCRIBE.fullmatch(uri):
            raise ValueError(f"not a mailto: or https: URI for List-Unsubscribe: {uri!r}")
    if one_click and not any(uri.startswith("https://") for uri in uris):
        raise ValueError("one-click unsubscribe needs an https: URI")
    if uris:
        mail["List-Unsubscribe"] = ", ".join(f"<{uri}>" for uri in uris)
    if one_click:
        mail["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"


def _attach(mail: EmailMessage, attachment: Attachment) -> None:
    content_type = attachment.content_type.strip().lower()
    if not _CONTENT_TYPE.fullmatch(content_type):
        raise ValueError(f"not a content type: {attachment.content_type!r}")
    maintype, _, subtype = content_type.partition("/")
    filename = _line(attachment.filename).replace("/", "_").replace("\\", "_")
    mail.add_attachment(attachment.data, maintype=maintype, subtype=subtype, filename=filename)


def _clean(text: str) -> str:
    """Text with one kind of line break, no control characters but tabs, no lone surrogates."""
    text = text.encode("utf-8", "replace").decode("utf-8")
    return _CONTROLS.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def _line(text: str) -> str:
    """Text for a header: one line, no lone surrogates."""
    return one_line(text.encode("utf-8", "replace").decode("utf-8"))
