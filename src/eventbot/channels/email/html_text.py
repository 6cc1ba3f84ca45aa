"""HTML to readable text without mail clients' quote markers; the clean-up all mail text gets."""

from __future__ import annotations

import re
from html.parser import HTMLParser

__all__ = ["BLANK_LINES", "LINE_CONTROLS", "clean", "html_text", "one_line"]

_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
LINE_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\s]+")
BLANK_LINES = re.compile(r"\n{3,}")


def one_line(text: str) -> str:
    """`text` on one line: line breaks, control characters and runs of white space become a space."""
    return LINE_CONTROLS.sub(" ", text).strip()


def clean(text: str) -> str:
    """`text` with one kind of line break, no-break spaces as spaces, no control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    return _CONTROLS.sub("", text.replace("\xa0", " ").replace("\u2029", "\n\n"))


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


def html_text(html: str, *, drop_quotes: bool = False) -> tuple[str, bool]:
    """Readable text of HTML: links as "text (url)", quoted blocks as "> " lines, no scripts or
    styles; with `drop_quotes`, without the quote and signature its mail client marked, and
    whether there were any."""
    reader = _HtmlReader(drop_quotes=drop_quotes)
    try:
        reader.feed(html)
        reader.close()
    except (AssertionError, ValueError):  # html.parser gives up on some broken markup
        pass
    lines = (line.strip() for line in clean("".join(reader.out)).split("\n"))
    return BLANK_LINES.sub("\n\n", "\n".join(lines)).strip(), reader.dropped


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
