"""Replies as Telegram shows them: escaped HTML, split at Telegram's limit, choices as buttons."""

from __future__ import annotations

import html

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from ...engine import Choice

MESSAGE_LIMIT = 4096
CALLBACK_LIMIT = 64  # bytes of callback data Telegram keeps


def escape(text: str) -> str:
    """Text from attendees or the knowledge base, shown literally: `<b>Bob & "Co"</b>` stays that."""
    return html.escape(text, quote=False)


def split(text: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """`text` escaped and cut into messages of at most `limit` characters, at paragraph, line or
    word boundaries when it can be, never inside an escape such as `&amp;`."""
    chunks: list[str] = []
    current = ""
    for piece in _pieces(text):
        escaped = escape(piece)
        if len(current) + len(escaped) <= limit:
            current += escaped
            continue
        line_end = current.rfind("\n")
        if line_end > len(current) // 2:  # rather end a message at a line break than mid-line
            chunks.append(current[:line_end].rstrip())
            current = current[line_end + 1 :]
            if len(current) + len(escaped) <= limit:
                current += escaped
                continue
        if current.strip():
            chunks.append(current.rstrip())
        while len(escaped) > limit:  # one piece longer than a message: cut between escapes
            cut = escaped.rfind("&", limit - 8, limit)
            cut = cut if cut > 0 and ";" not in escaped[cut:limit] else limit
            chunks.append(escaped[:cut])
            escaped = escaped[cut:]
        current = escaped
    if current.strip():
        chunks.append(current.rstrip())
    return chunks or [""]


def _pieces(text: str) -> list[str]:
    """Paragraphs, lines and words, each with the separator that followed it."""
    pieces = []
    for paragraph in text.split("\n\n"):
        for line in paragraph.split("\n"):
            words = line.split(" ")
            pieces += [w + " " for w in words[:-1]] + [words[-1] + "\n"]
        pieces[-1] = pieces[-1][:-1] + "\n\n"
    pieces[-1] = pieces[-1].rstrip("\n")
    return pieces


def keyboard(choices: tuple[Choice, ...] | list[Choice]) -> InlineKeyboardMarkup | None:
    """The engine's choices as inline buttons, two to a row when their labels are short."""
    if not choices:
        return None
    buttons = [
        InlineKeyboardButton(choice.label[:64], callback_data=callback_data(choice, number))
        for number, choice in enumerate(choices, start=1)
    ]
    width = 2 if all(len(c.label) <= 14 for c in choices) else 1
    return InlineKeyboardMarkup([buttons[i : i + width] for i in range(0, len(buttons), width)])


def callback_data(choice: Choice, number: int) -> str:
    """The choice's value, or its number when the value is longer than Telegram keeps."""
    if len(choice.value.encode()) <= CALLBACK_LIMIT:
        return choice.value
    prefix = choice.value.split(":", 1)[0]
    return f"{prefix}:{number}"
