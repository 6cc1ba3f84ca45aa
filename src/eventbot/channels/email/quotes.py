"""The new text of a mail: what is left above quote headers, quoted lines and a signature."""

from __future__ import annotations

import quotequail  # type: ignore[import-untyped]
from mailparser_reply import EmailReplyParser  # type: ignore[import-untyped]

from .html_text import BLANK_LINES

__all__ = ["new_text"]

_SCAN_LINES = 250  # quote headers are looked for in this many lines of the new text at most
_QUOTE_LANGUAGES = ["de", "nl", "sv", "da", "fr"]  # and English, always
_OUTLOOK_HEADERS = EmailReplyParser(languages=_QUOTE_LANGUAGES).read("").HEADER_REGEX


def new_text(text: str) -> tuple[str, bool]:
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
    new = BLANK_LINES.sub("\n\n", "\n".join(line.rstrip() for line in kept)).strip()
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
