"""A fake Telegram Bot API server for the tests and benchmarks.

It speaks real HTTP on 127.0.0.1, at ``/bot<TOKEN>/<method>`` like ``api.telegram.org``,
so a real python-telegram-bot ``Application`` talks to it unchanged::

    async with FakeTelegram(token="123:ABC") as server:
        app = ApplicationBuilder().token(server.token).base_url(server.base_url).build()
        ...
        server.send_text(42, "hello")                 # queue an update for getUpdates
        await server.wait_for(lambda calls: server.sent_texts(42))
        assert server.calls_to("sendMessage")[0].params["text"] == "HELLO"

What it does, in short:

* Every request is recorded as a :class:`Call` (``server.calls``, ``server.calls_to(...)``),
  with its parameters decoded from a JSON body, an urlencoded form or a multipart form
  (python-telegram-bot posts forms in which every non-string value is JSON encoded) and
  the uploaded files as ``{field: (filename, bytes)}``.
* Answers are shaped like the real Bot API: ``{"ok": true, "result": ...}`` or
  ``{"ok": false, "error_code": ..., "description": ..., "parameters": {...}}``, with the
  real API's error descriptions for the common mistakes (empty or too long text, HTML or
  MarkdownV2 that does not parse, ``message is not modified``, callback data longer than
  64 bytes, a callback query answered twice, ...).
* Failures can be injected: :meth:`FakeTelegram.fail_next`, :meth:`FakeTelegram.block_chat`,
  :meth:`FakeTelegram.drop_next` (the connection is closed without an answer),
  :meth:`FakeTelegram.delay_next`; and any method can be answered by your own function with
  :meth:`FakeTelegram.on`.
* Updates are built like the ones Telegram sends (``send_text``, ``send_command``,
  ``send_group_text``, ``press_button``, ``edit_text``, ``send_sticker``, ``send_photo``,
  ``send_voice``, ``send_document``, ``send_contact``, ``send_update``), queued for
  ``getUpdates`` or posted to a webhook with :meth:`FakeTelegram.post_to_webhook`.

Everything runs on the event loop that entered ``async with``; the ``send_*`` helpers are
plain functions and may also be called from another thread.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import itertools
import json
import mimetypes
import re
import socket
import threading
import time
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Self

from aiohttp import ClientSession, ClientTimeout, web

__all__ = [
    "Call",
    "FakeTelegram",
    "TelegramApiError",
    "detect_entities",
    "parse_html",
    "parse_markdown",
    "parse_markdown_v2",
]

JSONDict = dict[str, Any]

BOT_USERNAME = "eventbot_test_bot"
DEFAULT_GROUP_ID = -987654321
DEFAULT_SUPERGROUP_ID = -1001234567890
MAX_MESSAGE_LENGTH = 4096
MAX_CAPTION_LENGTH = 1024
MAX_CALLBACK_DATA_BYTES = 64

_UNSET: Any = object()


# --------------------------------------------------------------------------------------
# Records and errors


@dataclass
class Call:
    """One request the fake received.

    ``status`` is the HTTP status it was answered with (``None`` while the request is
    still being handled, ``0`` when the connection was dropped without an answer) and
    ``response`` the JSON body of the answer.
    """

    method: str
    params: dict[str, Any]
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    status: int | None = None
    response: JSONDict | None = None
    http_method: str = "POST"
    at: float = field(default_factory=time.monotonic)

    @property
    def ok(self) -> bool:
        return self.status == 200

    @property
    def result(self) -> Any:
        """The ``result`` of a successful answer (``None`` otherwise)."""
        return (self.response or {}).get("result")

    @property
    def chat_id(self) -> Any:
        return self.params.get("chat_id")

    def __repr__(self) -> str:
        params = json.dumps(self.params, ensure_ascii=False, default=str)
        if len(params) > 300:
            params = params[:297] + "..."
        files = {name: (fname, f"{len(data)} bytes") for name, (fname, data) in self.files.items()}
        extra = f" files={files}" if files else ""
        return f"Call({self.method} -> {self.status} {params}{extra})"


class TelegramApiError(Exception):
    """An error answer. Raise it from a handler given to :meth:`FakeTelegram.on`."""

    def __init__(
        self, status: int, description: str, parameters: Mapping[str, Any] | None = None
    ) -> None:
        super().__init__(f"{status} {description}")
        self.status = status
        self.description = description
        self.parameters = dict(parameters) if parameters else None

    def body(self) -> JSONDict:
        body: JSONDict = {
            "ok": False,
            "error_code": self.status,
            "description": self.description,
        }
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def _bad(description: str) -> TelegramApiError:
    return TelegramApiError(400, f"Bad Request: {description}")


def _default_description(status: int, retry_after: int | None) -> str:
    return {
        400: "Bad Request: injected failure",
        401: "Unauthorized",
        403: "Forbidden: bot was blocked by the user",
        404: "Not Found",
        409: "Conflict: terminated by other getUpdates request; "
        "make sure that only one bot instance is running",
        429: f"Too Many Requests: retry after {retry_after}",
        500: "Internal Server Error",
        502: "Bad Gateway",
    }.get(status, f"Error {status}")


@dataclass
class _Fault:
    kind: str  # "error", "drop" or "delay"
    remaining: int
    error: TelegramApiError | None = None
    delay: float = 0.0


@dataclass
class _StoredFile:
    file_id: str
    file_unique_id: str
    file_name: str | None
    data: bytes
    mime_type: str | None
    file_path: str


# --------------------------------------------------------------------------------------
# Parameters and text


def _words(text: str) -> list[str]:
    return text.split()


# Parameters whose form value is a plain string, never JSON (python-telegram-bot sends
# strings as they are and JSON-encodes everything else).
_STRING_PARAMS = frozenset(
    _words(
        """
    text caption parse_mode callback_query_id url secret_token language_code action
    inline_message_id business_connection_id message_effect_id ip_address title description
    short_description name query emoji phone_number first_name last_name vcard address
    file_id custom_title data quote quote_parse_mode web_app_query_id result_id photo
    document audio video voice sticker animation video_note thumbnail certificate
    switch_pm_text switch_pm_parameter next_offset payload provider_token currency
    start_parameter question performer explanation explanation_parse_mode sticker_set_name
    foursquare_id foursquare_type google_place_id google_place_type
    """
    )
)


def _decode_form_value(name: str, value: str) -> Any:
    if name in _STRING_PARAMS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


def _u16(text: str) -> int:
    """Length in UTF-16 code units, the unit of Telegram's entity offsets."""
    return len(text.encode("utf-16-le")) // 2


def _same_chat(a: Any, b: Any) -> bool:
    return a is not None and b is not None and str(a) == str(b)


def _chat_key(chat_id: Any) -> Any:
    try:
        return int(chat_id)
    except (TypeError, ValueError):
        return str(chat_id)


_ENTITY_PATTERNS = [
    ("url", re.compile(r"https?://[^\s<>\"]+[^\s<>\".,;:!?)\]'}]")),
    (
        "email",
        re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"),
    ),
    (
        "bot_command",
        re.compile(r"(?<![\w/])/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?(?![\w/])"),
    ),
    ("mention", re.compile(r"(?<![\w@])@[A-Za-z0-9_]{4,32}(?![\w@])")),
    ("hashtag", re.compile(r"(?<![\w#])#\w*[^\W\d]\w*")),
]


def detect_entities(text: str) -> list[JSONDict]:
    """The entities a Telegram client would attach to ``text`` (commands, mentions, URLs,
    e-mail addresses, hashtags), with offsets and lengths in UTF-16 code units."""
    found: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _ENTITY_PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            taken.append((start, end))
            found.append((start, end, kind))
    found.sort()
    return [
        {"offset": _u16(text[:start]), "length": _u16(text[start:end]), "type": kind}
        for start, end, kind in found
    ]


class _ParseError(Exception):
    pass


_HTML_TAGS = {
    "b": "bold", "strong": "bold", "i": "italic", "em": "italic", "u": "underline",
    "ins": "underline", "s": "strikethrough", "strike": "strikethrough",
    "del": "strikethrough", "span": "spoiler", "tg-spoiler": "spoiler", "a": "text_link",
    "code": "code", "pre": "pre", "blockquote": "blockquote", "tg-emoji": "custom_emoji",
}  # fmt: skip
_HTML_ENTITY = re.compile(r"&(lt|gt|amp|quot|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});")
_HTML_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}


def _html_unescape(text: str) -> str:
    def repl(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in _HTML_NAMED:
            return _HTML_NAMED[name]
        code = int("0" + name[1:], 0) if name.startswith("#x") else int(name[1:])
        return chr(code) if 0 < code < 0x110000 else match.group(0)

    return _HTML_ENTITY.sub(repl, text)


def parse_html(src: str) -> tuple[str, list[JSONDict]]:
    """Telegram's HTML parse mode: the plain text and its entities, or ``_ParseError``
    with the description the Bot API gives."""
    out: list[str] = []
    pos = 0  # UTF-16 offset of the end of the output so far
    stack: list[tuple[str, JSONDict | None, int, int]] = []  # tag, entity, pos, len(out)
    entities: list[JSONDict] = []
    i, n = 0, len(src)

    def byte_offset(index: int) -> int:
        return len(src[:index].encode("utf-8"))

    def emit(chunk: str) -> None:
        nonlocal pos
        out.extend(chunk)
        pos += _u16(chunk)

    name_re = re.compile(r"[A-Za-z0-9-]*")
    while i < n:
        ch = src[i]
        if ch == "&":
            match = _HTML_ENTITY.match(src, i)
            if match:
                emit(_html_unescape(match.group(0)))
                i = match.end()
                continue
            emit("&")
            i += 1
            continue
        if ch != "<":
            emit(ch)
            i += 1
            continue
        begin = i
        i += 1
        if i < n and src[i] == "/":
            match = re.compile(r"/([A-Za-z0-9-]*)\s*>").match(src, i)
            if not match:
                raise _ParseError(f"Unclosed end tag at byte offset {byte_offset(begin)}")
            tag = match.group(1).lower()
            if not stack:
                raise _ParseError(f"Unexpected end tag at byte offset {byte_offset(begin)}")
            open_tag, entity, start, chars = stack.pop()
            if tag and tag != open_tag:
                raise _ParseError(
                    f'Unmatched end tag at byte offset {byte_offset(begin)}, expected "</{open_tag}>", '
                    f'found "</{tag}>"'
                )
            if entity is not None and pos > start:
                entity.update(offset=start, length=pos - start)
                if entity["type"] == "text_link" and not entity.get("url"):
                    entity["url"] = "".join(out[chars:])  # <a> without href: its own text
                entities.append(entity)
            i = match.end()
            continue
        match = name_re.match(src, i)
        tag = match.group(0).lower()
        i = match.end()
        if tag not in _HTML_TAGS:
            raise _ParseError(f'Unsupported start tag "{tag}" at byte offset {byte_offset(begin)}')
        attrs: dict[str, str] = {}
        while True:
            while i < n and src[i].isspace():
                i += 1
            if i >= n:
                raise _ParseError(f"Unclosed start tag at byte offset {byte_offset(begin)}")
            if src[i] == ">":
                i += 1
                break
            match = re.compile(r"[A-Za-z0-9_-]+").match(src, i)
            if not match:
                raise _ParseError(
                    f'Empty attribute name in the tag "{tag}" at byte offset {byte_offset(begin)}'
                )
            attr = match.group(0).lower()
            i = match.end()
            value = ""
            while i < n and src[i].isspace():
                i += 1
            if i < n and src[i] == "=":
                i += 1
                while i < n and src[i].isspace():
                    i += 1
                if i < n and src[i] in "\"'":
                    end = src.find(src[i], i + 1)
                    if end < 0:
                        raise _ParseError(f"Unclosed start tag at byte offset {byte_offset(begin)}")
                    value = _html_unescape(src[i + 1 : end])
                    i = end + 1
                else:
                    match = re.compile(r"[^\s>]*").match(src, i)
                    value = _html_unescape(match.group(0))
                    i = match.end()
            attrs[attr] = value
        kind = _HTML_TAGS[tag]
        entity: JSONDict | None = {"type": kind}
        if tag == "span" and attrs.get("class") != "tg-spoiler":
            raise _ParseError(
                f'Tag "span" must have class "tg-spoiler" at byte offset {byte_offset(begin)}'
            )
        if kind == "text_link":
            entity["url"] = attrs.get("href", "")
        elif kind == "custom_emoji":
            entity["custom_emoji_id"] = attrs.get("emoji-id", "")
        elif kind == "blockquote" and "expandable" in attrs:
            entity["type"] = "expandable_blockquote"
        elif kind == "code" and stack and stack[-1][0] == "pre" and stack[-1][1] is not None:
            language = attrs.get("class", "")
            if language.startswith("language-"):
                stack[-1][1]["language"] = language[len("language-") :]
                entity = None  # <pre><code class="language-x"> is one pre entity
        stack.append((tag, entity, pos, len(out)))
    if stack:
        raise _ParseError(f'Can\'t find end tag corresponding to start tag "{stack[-1][0]}"')
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return "".join(out), entities


_MDV2_RESERVED = set("_*[]()~`>#+-=|{}.!")
_MDV2_NAMES = {
    "bold": "Bold", "italic": "Italic", "underline": "Underline", "strikethrough": "Strikethrough",
    "spoiler": "Spoiler", "code": "Code", "pre": "Pre", "text_link": "TextUrl",
    "custom_emoji": "CustomEmoji",
}  # fmt: skip


def parse_markdown_v2(src: str) -> tuple[str, list[JSONDict]]:
    """Telegram's MarkdownV2 parse mode (after tdlib's parser): every reserved character
    outside an entity must be escaped with a backslash."""
    out: list[str] = []
    pos = 0
    stack: list[tuple[str, int, int, int]] = []  # type, utf-16 start, byte offset, len(out)
    entities: list[JSONDict] = []
    i, n = 0, len(src)

    def byte_offset(index: int) -> int:
        return len(src[:index].encode("utf-8"))

    def emit(chunk: str) -> None:
        nonlocal pos
        out.extend(chunk)
        pos += _u16(chunk)

    def at(index: int) -> str:
        return src[index] if index < n else ""

    while i < n:
        c = src[i]
        if c == "\\" and i + 1 < n and 0 < ord(src[i + 1]) <= 126:
            emit(src[i + 1])
            i += 2
            continue
        in_code = bool(stack) and stack[-1][0] in ("code", "pre")
        if (c != "`") if in_code else (c not in _MDV2_RESERVED):
            emit(c)
            i += 1
            continue
        top = stack[-1][0] if stack else None
        closes = (
            (top == "bold" and c == "*")
            or (top == "italic" and c == "_" and at(i + 1) != "_")
            or (top == "underline" and c == "_" and at(i + 1) == "_")
            or (top == "strikethrough" and c == "~")
            or (top == "spoiler" and c == "|" and at(i + 1) == "|")
            or (top == "code" and c == "`")
            or (top == "pre" and src[i : i + 3] == "```")
            or (top in ("text_link", "custom_emoji") and c == "]")
        )
        if not closes:
            begin = i
            if c == "_" and at(i + 1) == "_":
                kind, i = "underline", i + 2
            elif c == "_":
                kind, i = "italic", i + 1
            elif c == "*":
                kind, i = "bold", i + 1
            elif c == "~":
                kind, i = "strikethrough", i + 1
            elif c == "|" and at(i + 1) == "|":
                kind, i = "spoiler", i + 2
            elif c == "[":
                kind, i = "text_link", i + 1
            elif c == "!" and at(i + 1) == "[":
                kind, i = "custom_emoji", i + 2
            elif c == "`" and src[i : i + 3] == "```":
                kind, i = "pre", i + 3
                newline = src.find("\n", i)
                language = src[i:newline] if newline >= 0 else ""
                if newline >= 0 and re.fullmatch(r"[A-Za-z0-9_+#.-]*", language):
                    i = newline + 1
                    if language:
                        kind = f"pre:{language}"
            elif c == "`":
                kind, i = "code", i + 1
            elif c == ">" and (i == 0 or src[i - 1] == "\n"):
                i += 1  # a block quote line: the marker is dropped
                continue
            else:
                raise _ParseError(
                    f"Character '{c}' is reserved and must be escaped with the preceding '\\'"
                )
            if kind.startswith("pre:"):
                stack.append(("pre", pos, byte_offset(begin), len(out)))
                entities.append({"type": "pre", "language": kind[4:], "_open": True})
            else:
                stack.append((kind, pos, byte_offset(begin), len(out)))
            continue
        kind, start, _, chars = stack.pop()
        entity: JSONDict = {"type": kind}
        if kind == "pre" and entities and entities[-1].get("_open"):
            entity = entities.pop()
            del entity["_open"]
        i += {"underline": 2, "spoiler": 2, "pre": 3}.get(kind, 1)
        if kind in ("text_link", "custom_emoji"):
            url = "".join(out[chars:])
            if at(i) == "(":
                j, chars = i + 1, []
                while j < n and src[j] != ")":
                    if src[j] == "\\" and j + 1 < n:
                        j += 1
                    chars.append(src[j])
                    j += 1
                if j >= n:
                    raise _ParseError(f"Can't find end of a URL at byte offset {byte_offset(i)}")
                url, i = "".join(chars), j + 1
            if kind == "custom_emoji":
                entity["custom_emoji_id"] = url.rsplit("id=", 1)[-1]
            else:
                entity["url"] = url
        if pos > start:
            entity.update(offset=start, length=pos - start)
            entities.append(entity)
    if stack:
        kind, _, begin, _ = stack[-1]
        raise _ParseError(f"Can't find end of {_MDV2_NAMES[kind]} entity at byte offset {begin}")
    entities = [e for e in entities if "_open" not in e]
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return "".join(out), entities


def parse_markdown(src: str) -> tuple[str, list[JSONDict]]:
    """Telegram's legacy Markdown parse mode: ``*bold*``, ``_italic_``, ```code```,
    ``[text](url)``; ``\\`` escapes ``_ * ` [`` outside entities."""
    out: list[str] = []
    pos = 0
    entities: list[JSONDict] = []
    i, n = 0, len(src)
    while i < n:
        c = src[i]
        if c == "\\" and i + 1 < n and src[i + 1] in "_*`[":
            out.append(src[i + 1])
            pos += 1
            i += 2
            continue
        if c not in "_*`[":
            out.append(c)
            pos += _u16(c)
            i += 1
            continue
        begin = len(src[:i].encode("utf-8"))
        if c == "[":
            close = src.find("]", i + 1)
            if close < 0 or src[close + 1 : close + 2] != "(" or src.find(")", close) < 0:
                raise _ParseError(f"Can't find end of the entity starting at byte offset {begin}")
            inner, url_end = src[i + 1 : close], src.find(")", close)
            entity: JSONDict = {"type": "text_link", "url": src[close + 2 : url_end]}
            i = url_end + 1
        else:
            marker = "```" if src.startswith("```", i) else c
            close = src.find(marker, i + len(marker))
            if close < 0:
                raise _ParseError(f"Can't find end of the entity starting at byte offset {begin}")
            inner = src[i + len(marker) : close]
            kind = {"*": "bold", "_": "italic", "`": "code", "```": "pre"}[marker]
            entity = {"type": kind}
            i = close + len(marker)
        if inner:
            entity.update(offset=pos, length=_u16(inner))
            entities.append(entity)
        out.append(inner)
        pos += _u16(inner)
    return "".join(out), entities


# --------------------------------------------------------------------------------------
# The server


_MEDIA_METHODS = {
    "sendDocument": "document",
    "sendPhoto": "photo",
    "sendAudio": "audio",
    "sendVoice": "voice",
    "sendVideo": "video",
    "sendAnimation": "animation",
    "sendSticker": "sticker",
    "sendVideoNote": "video_note",
}

# Methods answered with ``true`` and nothing else.
_TRUE_METHODS = _words(
    """
    logOut close setMyDescription setMyShortDescription setMyName setChatMenuButton
    setMyDefaultAdministratorRights pinChatMessage unpinChatMessage unpinAllChatMessages
    setMessageReaction leaveChat deleteMessages
    """
)

_CHAT_ACTIONS = frozenset(
    _words(
        """
    typing upload_photo record_video upload_video record_voice upload_voice upload_document
    choose_sticker find_location record_video_note upload_video_note
    """
    )
)

# Methods refused with 403 when the chat blocked the bot.
_BLOCKABLE = re.compile(r"^(send|copy|forward|edit)", re.IGNORECASE)

Handler = Callable[[Call], Any]


class FakeTelegram:
    """A fake Bot API server; use it as ``async with FakeTelegram(...) as server``.

    Args:
        token: the bot token the server accepts (others get 401 Unauthorized).
        username: the bot's username, as getMe reports it.
        first_name: the bot's name.
        max_poll_timeout: getUpdates waits at most this long for updates, whatever the
            ``timeout`` it was given (keeps tests fast).
        flood_limits: answer 429 (with ``retry_after``) like Telegram when messages come faster
            than ``(overall, per_chat)`` a second: more than ``overall`` in the last second, or
            a second to one private chat less than ``1 / per_chat`` seconds after the last.
        validate_markup: parse ``parse_mode`` text like Telegram does, answering 400
            "can't parse entities" for bad HTML/MarkdownV2; if false, texts are kept as sent.
    """

    def __init__(
        self,
        token: str = "123:ABC",
        *,
        username: str = BOT_USERNAME,
        first_name: str = "EventBot Test",
        max_poll_timeout: float = 1.0,
        validate_markup: bool = True,
        flood_limits: tuple[float, float] | None = None,
    ) -> None:
        self.flood_limits = flood_limits
        self._recent_sends: deque[float] = deque()
        self._last_send_to: dict[str, float] = {}
        self.token = token
        self.max_poll_timeout = max_poll_timeout
        self.validate_markup = validate_markup
        try:
            bot_id = int(token.split(":", 1)[0])
        except ValueError:
            bot_id = 1234567890
        self.bot_user: JSONDict = {
            "id": bot_id,
            "is_bot": True,
            "first_name": first_name,
            "username": username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }
        self.calls: list[Call] = []
        self.host = "127.0.0.1"
        self.port: int | None = None
        self.webhook: JSONDict = {}
        self.commands: dict[tuple[str, str], list[JSONDict]] = {}
        self.files: dict[str, _StoredFile] = {}
        self._pending: list[JSONDict] = []
        self._updates: dict[int, JSONDict] = {}
        self._allowed_updates: list[str] = []
        self._update_ids = itertools.count(100_000_001)
        self._callback_ids = itertools.count(4_382_000_000_000_000_001)
        self._file_ids = itertools.count(1)
        self._message_ids: dict[Any, int] = {}
        self._messages: dict[tuple[Any, int], JSONDict] = {}
        self._users: dict[int, JSONDict] = {}
        self._chats: dict[Any, JSONDict] = {}
        self._open_queries: dict[str, bool] = {}  # id -> answered
        self._blocked: set[str] = set()
        self._faults: dict[str, list[_Fault]] = {}
        self._overrides: dict[str, Handler] = {}
        self._lock = threading.RLock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._update_event: asyncio.Event | None = None
        self._closing = False
        self._runner: web.AppRunner | None = None
        table: dict[str, Handler] = {
            "getMe": lambda call: dict(self.bot_user),
            "getUpdates": self._get_updates,
            "setWebhook": self._set_webhook,
            "deleteWebhook": self._delete_webhook,
            "getWebhookInfo": self._get_webhook_info,
            "setMyCommands": self._set_my_commands,
            "getMyCommands": self._get_my_commands,
            "deleteMyCommands": self._delete_my_commands,
            "sendMessage": self._send_message,
            "editMessageText": self._edit_message_text,
            "editMessageCaption": self._edit_message_caption,
            "editMessageReplyMarkup": self._edit_message_reply_markup,
            "deleteMessage": self._delete_message,
            "answerCallbackQuery": self._answer_callback_query,
            "sendChatAction": self._send_chat_action,
            "forwardMessage": self._forward_message,
            "copyMessage": self._copy_message,
            "getFile": self._get_file,
            **{name: self._send_media for name in _MEDIA_METHODS},
            **{name: (lambda call: True) for name in _TRUE_METHODS},
        }
        self._handlers = {name.lower(): handler for name, handler in table.items()}
        self._canonical = {name.lower(): name for name in table}

    # ---- life cycle ---------------------------------------------------------------

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    async def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._update_event = asyncio.Event()
        self._closing = False
        app = web.Application(client_max_size=60 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_get("/file/bot{token}/{path:.+}", self._download)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=2.0)
        await self._runner.setup()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind((self.host, 0))
        self.port = sock.getsockname()[1]
        await web.SockSite(self._runner, sock).start()

    async def stop(self) -> None:
        self._closing = True
        if self._update_event is not None:
            self._update_event.set()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    @property
    def url(self) -> str:
        """``http://127.0.0.1:<port>``."""
        if self.port is None:
            raise RuntimeError("the fake Telegram server is not started")
        return f"http://{self.host}:{self.port}"

    @property
    def base_url(self) -> str:
        """The value for ``ApplicationBuilder().base_url(...)`` (PTB appends the token)."""
        return f"{self.url}/bot"

    @property
    def base_file_url(self) -> str:
        """The value for ``ApplicationBuilder().base_file_url(...)``."""
        return f"{self.url}/file/bot"

    # ---- recorded calls -----------------------------------------------------------

    def calls_to(self, *methods: str) -> list[Call]:
        """The recorded calls to these methods (names are case-insensitive)."""
        wanted = {m.lower() for m in methods}
        return [c for c in list(self.calls) if c.method.lower() in wanted]

    def sent_texts(self, chat_id: Any, *, include_failed: bool = False) -> list[str]:
        """The texts the bot sent to a chat with sendMessage, as the user reads them (after
        parse_mode: ``<b>Hi</b>`` is ``Hi``; the raw text is in ``call.params["text"]``).
        Only the calls that succeeded, unless ``include_failed`` (their raw text then)."""
        return [
            c.result["text"] if c.ok else c.params.get("text")
            for c in self.calls_to("sendMessage")
            if _same_chat(c.params.get("chat_id"), chat_id) and (include_failed or c.ok)
        ]

    def bot_messages(self, chat_id: Any) -> list[JSONDict]:
        """The bot's messages in a chat as they are now (after edits, without deleted ones)."""
        key = _chat_key(chat_id)
        with self._lock:
            return [
                m
                for (k, _), m in sorted(self._messages.items(), key=lambda kv: kv[0][1])
                if k == key and m.get("from", {}).get("id") == self.bot_user["id"]
            ]

    def clear_calls(self) -> None:
        self.calls.clear()

    def format_calls(self, calls: Iterable[Call] | None = None) -> str:
        """The recorded calls, one per line, getUpdates summed up."""
        calls = list(self.calls if calls is None else calls)
        polls = sum(1 for c in calls if c.method == "getUpdates")
        lines = [f"  {c!r}" for c in calls if c.method != "getUpdates"]
        return "\n".join([f"  ({polls} getUpdates calls)", *lines])

    async def wait_for(
        self,
        predicate: Callable[[list[Call]], Any],
        timeout: float = 5.0,
        *,
        interval: float = 0.01,
        message: str = "",
    ) -> Any:
        """Wait until ``predicate(calls)`` is truthy and return its value; AssertionError
        with the recorded calls after ``timeout`` seconds."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            value = predicate(list(self.calls))
            if value:
                return value
            if loop.time() >= deadline:
                what = f": {message}" if message else ""
                raise AssertionError(
                    f"condition not met within {timeout}s{what}; recorded calls:\n"
                    + self.format_calls()
                )
            await asyncio.sleep(interval)

    async def wait_for_call(
        self, method: str, *, count: int = 1, timeout: float = 5.0, **params: Any
    ) -> Call:
        """Wait for the ``count``-th call to ``method`` whose params match ``params``
        (chat ids compared as strings) and return it."""

        def matching(calls: list[Call]) -> list[Call]:
            return [
                c
                for c in calls
                if c.method.lower() == method.lower()
                and c.status is not None
                and all(str(c.params.get(k)) == str(v) for k, v in params.items())
            ]

        found = await self.wait_for(
            lambda calls: len(matching(calls)) >= count,
            timeout,
            message=f"{count} call(s) to {method} with {params}",
        )
        assert found
        return matching(list(self.calls))[count - 1]

    async def drain(self, timeout: float = 5.0) -> None:
        """Wait until the bot has confirmed every queued update."""
        await self.wait_for(lambda _: not self._pending, timeout, message="updates confirmed")

    # ---- failure injection --------------------------------------------------------

    def fail_next(
        self,
        method: str,
        status: int = 429,
        retry_after: int = 1,
        times: int = 1,
        description: str | None = None,
    ) -> None:
        """Answer the next ``times`` calls to ``method`` with an error. A 429 carries
        ``parameters.retry_after``. ``method="*"`` matches every method but getUpdates."""
        parameters = {"retry_after": retry_after} if status == 429 else None
        error = TelegramApiError(
            status, description or _default_description(status, retry_after), parameters
        )
        self._add_fault(method, _Fault("error", times, error=error))

    def drop_next(self, method: str, times: int = 1) -> None:
        """Close the connection of the next ``times`` calls to ``method`` without answering
        (PTB raises telegram.error.NetworkError)."""
        self._add_fault(method, _Fault("drop", times))

    def delay_next(self, method: str, seconds: float, times: int = 1) -> None:
        """Answer the next ``times`` calls to ``method`` only after ``seconds``."""
        self._add_fault(method, _Fault("delay", times, delay=seconds))

    def block_chat(self, chat_id: Any) -> None:
        """Every send/copy/forward/edit to this chat answers 403 "bot was blocked by the user"."""
        self._blocked.add(str(chat_id))

    def unblock_chat(self, chat_id: Any) -> None:
        self._blocked.discard(str(chat_id))

    def on(self, method: str, handler: Handler | None) -> None:
        """Answer ``method`` with ``handler(call)`` (its return value is the result; it may
        raise :class:`TelegramApiError`; it may be a coroutine function). ``None`` restores
        the built-in behaviour."""
        if handler is None:
            self._overrides.pop(method.lower(), None)
        else:
            self._overrides[method.lower()] = handler
            self._canonical.setdefault(method.lower(), method)

    def _add_fault(self, method: str, fault: _Fault) -> None:
        with self._lock:
            self._faults.setdefault(method.lower(), []).append(fault)

    def _take_fault(self, method: str) -> _Fault | None:
        keys = [method.lower()] + (["*"] if method.lower() != "getupdates" else [])
        with self._lock:
            for key in keys:
                faults = self._faults.get(key)
                if faults:
                    fault = faults[0]
                    fault.remaining -= 1
                    if fault.remaining <= 0:
                        faults.pop(0)
                    return fault
        return None

    # ---- HTTP ---------------------------------------------------------------------

    async def _parse_request(self, request: web.Request) -> tuple[dict[str, Any], dict]:
        params: dict[str, Any] = {k: _decode_form_value(k, v) for k, v in request.query.items()}
        files: dict[str, tuple[str, bytes]] = {}
        if request.can_read_body:
            ctype = request.content_type
            if ctype == "application/json":
                body = await request.json()
                if isinstance(body, dict):
                    params.update(body)
            elif ctype in ("application/x-www-form-urlencoded", "multipart/form-data"):
                form = await request.post()
                for key, value in form.items():
                    if isinstance(value, web.FileField):
                        files[key] = (value.filename, value.file.read())
                    else:
                        params[key] = _decode_form_value(key, value)
        return params, files

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        name = request.match_info["method"]
        unparsable = False
        try:
            params, files = await self._parse_request(request)
        except ValueError:
            params, files, unparsable = {}, {}, True
        method = self._canonical.get(name.lower(), name)
        call = Call(method, params, files, http_method=request.method)
        self.calls.append(call)
        if unparsable:
            return self._answer(call, _bad("can't parse request JSON object"))

        if request.match_info["token"] != self.token:
            return self._answer(call, TelegramApiError(401, "Unauthorized"))
        fault = self._take_fault(method)
        if fault is not None:
            if fault.kind == "drop":
                call.status = 0
                if request.transport is not None:
                    request.transport.abort()
                raise asyncio.CancelledError  # aiohttp gives up on this request quietly
            if fault.kind == "delay":
                await asyncio.sleep(fault.delay)
            elif fault.error is not None:
                return self._answer(call, fault.error)
        if (
            _BLOCKABLE.match(method)
            and "chat_id" in params
            and str(params["chat_id"]) in self._blocked
        ):
            return self._answer(
                call, TelegramApiError(403, "Forbidden: bot was blocked by the user")
            )
        flooded = self._flooded(method, params)
        if flooded is not None:
            return self._answer(call, flooded)
        handler = self._overrides.get(method.lower()) or self._handlers.get(method.lower())
        if handler is None:
            return self._answer(call, TelegramApiError(404, "Not Found"))
        try:
            result = handler(call)
            if inspect.isawaitable(result):
                result = await result
        except TelegramApiError as error:
            return self._answer(call, error)
        return self._answer(call, result)

    def _flooded(self, method: str, params: JSONDict) -> TelegramApiError | None:
        """A 429 when a message comes faster than `flood_limits` allow; else it is counted."""
        if self.flood_limits is None or not method.lower().startswith(("send", "copy", "forward")):
            return None
        overall, per_chat = self.flood_limits
        now = time.monotonic()
        while self._recent_sends and now - self._recent_sends[0] >= 1.0:
            self._recent_sends.popleft()
        chat = str(params.get("chat_id", ""))
        last = self._last_send_to.get(chat)
        private = not chat.startswith("-")
        if len(self._recent_sends) >= overall or (
            private and last is not None and now - last < 1 / per_chat
        ):
            return TelegramApiError(429, "Too Many Requests: retry after 1", {"retry_after": 1})
        self._recent_sends.append(now)
        self._last_send_to[chat] = now
        return None

    @staticmethod
    def _answer(call: Call, outcome: Any) -> web.Response:
        if isinstance(outcome, TelegramApiError):
            call.status, call.response = outcome.status, outcome.body()
        else:
            call.status, call.response = 200, {"ok": True, "result": outcome}
        return web.json_response(call.response, status=call.status)

    async def _download(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return web.json_response(TelegramApiError(401, "Unauthorized").body(), status=401)
        path = request.match_info["path"]
        for stored in list(self.files.values()):
            if stored.file_path == path:
                return web.Response(body=stored.data, content_type="application/octet-stream")
        return web.json_response(TelegramApiError(404, "Not Found").body(), status=404)

    # ---- Bot API methods ----------------------------------------------------------

    async def _get_updates(self, call: Call) -> list[JSONDict]:
        params = call.params
        if self.webhook.get("url"):
            raise TelegramApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        offset = params.get("offset")
        limit = max(1, min(100, int(params.get("limit") or 100)))
        timeout = min(float(params.get("timeout") or 0), self.max_poll_timeout)
        if params.get("allowed_updates") is not None:
            self._allowed_updates = list(params["allowed_updates"])
        with self._lock:
            if offset is not None:
                offset = int(offset)
                if offset < 0:
                    self._pending = self._pending[offset:]
                else:
                    self._pending = [u for u in self._pending if u["update_id"] >= offset]
        assert self._loop is not None and self._update_event is not None
        deadline = self._loop.time() + timeout
        while True:
            ready = self._deliverable()[:limit]
            remaining = deadline - self._loop.time()
            if ready or remaining <= 0 or self._closing:
                return ready
            self._update_event.clear()
            if self._deliverable():
                continue
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._update_event.wait(), remaining)

    def _deliverable(self) -> list[JSONDict]:
        with self._lock:
            allowed = self._allowed_updates
            if allowed:
                self._pending = [u for u in self._pending if _update_type(u) in allowed]
            else:
                hidden = {"chat_member", "message_reaction", "message_reaction_count"}
                self._pending = [u for u in self._pending if _update_type(u) not in hidden]
            return list(self._pending)

    def _set_webhook(self, call: Call) -> bool:
        params = call.params
        url = params.get("url") or ""
        if not url:
            return self._delete_webhook(call)
        secret = params.get("secret_token")
        if secret is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", str(secret)):
            raise _bad("secret token contains unallowed characters")
        if not re.match(r"https?://", url):
            raise _bad("bad webhook: An HTTPS URL must be provided for webhook")
        if params.get("drop_pending_updates"):
            with self._lock:
                self._pending.clear()
        self.webhook = {
            "url": url,
            "secret_token": secret,
            "max_connections": int(params.get("max_connections") or 40),
            "allowed_updates": params.get("allowed_updates"),
            "ip_address": params.get("ip_address"),
            "has_custom_certificate": "certificate" in call.files,
        }
        if params.get("allowed_updates") is not None:
            self._allowed_updates = list(params["allowed_updates"])
        self._wake()
        return True

    def _delete_webhook(self, call: Call) -> bool:
        self.webhook = {}
        if call.params.get("drop_pending_updates"):
            with self._lock:
                self._pending.clear()
        return True

    def _get_webhook_info(self, call: Call) -> JSONDict:
        info: JSONDict = {
            "url": self.webhook.get("url", ""),
            "has_custom_certificate": bool(self.webhook.get("has_custom_certificate")),
            "pending_update_count": len(self._pending),
        }
        if self.webhook.get("url"):
            info["max_connections"] = self.webhook["max_connections"]
            if self.webhook.get("ip_address"):
                info["ip_address"] = self.webhook["ip_address"]
            if self.webhook.get("allowed_updates") is not None:
                info["allowed_updates"] = self.webhook["allowed_updates"]
        return info

    @staticmethod
    def _commands_key(params: Mapping[str, Any]) -> tuple[str, str]:
        scope = params.get("scope") or {"type": "default"}
        return json.dumps(scope, sort_keys=True), str(params.get("language_code") or "")

    def _set_my_commands(self, call: Call) -> bool:
        commands = call.params.get("commands")
        if not isinstance(commands, list):
            raise _bad('parameter "commands" is required')
        if len(commands) > 100:
            raise _bad("too many commands")
        for command in commands:
            if not isinstance(command, dict):
                raise _bad("can't parse BotCommand")
            if not re.fullmatch(r"[a-z0-9_]{1,32}", str(command.get("command", ""))):
                raise _bad("BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", ""))) <= 256:
                raise _bad("BOT_COMMAND_DESCRIPTION_INVALID")
        self.commands[self._commands_key(call.params)] = [
            {"command": c["command"], "description": c["description"]} for c in commands
        ]
        return True

    def _get_my_commands(self, call: Call) -> list[JSONDict]:
        return list(self.commands.get(self._commands_key(call.params), []))

    def _delete_my_commands(self, call: Call) -> bool:
        self.commands.pop(self._commands_key(call.params), None)
        return True

    # text and markup

    def _format(
        self, text: str, parse_mode: Any, entities: Any
    ) -> tuple[str, list[JSONDict] | None]:
        if entities:
            return text, list(entities)
        if not parse_mode:
            return text, None
        mode = str(parse_mode).lower()
        parser = {
            "html": parse_html,
            "markdownv2": parse_markdown_v2,
            "markdown": parse_markdown,
        }
        if mode not in parser:
            raise _bad(f"unsupported parse_mode {parse_mode!r}")
        if not self.validate_markup:
            return text, None
        try:
            return parser[mode](text)
        except _ParseError as error:
            raise _bad(f"can't parse entities: {error}") from None

    @staticmethod
    def _inline_markup(markup: Any) -> JSONDict | None:
        """The reply_markup to echo in a Message: only inline keyboards are (as in the API)."""
        if not isinstance(markup, dict) or "inline_keyboard" not in markup:
            return None
        actions = {
            "url", "callback_data", "web_app", "login_url", "switch_inline_query",
            "switch_inline_query_current_chat", "switch_inline_query_chosen_chat",
            "copy_text", "callback_game", "pay",
        }  # fmt: skip
        for row in markup["inline_keyboard"]:
            for button in row:
                if not button.get("text"):
                    raise _bad("can't parse inline keyboard button: text is empty")
                if not actions & button.keys():
                    raise _bad(
                        "can't parse inline keyboard button: "
                        "Text buttons are unallowed in the inline keyboard"
                    )
                data = button.get("callback_data")
                if data is not None and not 1 <= len(str(data).encode()) <= MAX_CALLBACK_DATA_BYTES:
                    raise _bad("BUTTON_DATA_INVALID")
        return markup

    def _check_markup(self, markup: Any) -> JSONDict | None:
        """Check any reply_markup; return it if it is an inline keyboard."""
        if markup is not None and not isinstance(markup, dict):
            raise _bad("can't parse reply keyboard markup JSON object")
        return self._inline_markup(markup)

    # chats and messages

    def _require_chat(self, params: Mapping[str, Any], name: str = "chat_id") -> Any:
        chat_id = params.get(name)
        if chat_id is None or chat_id == "":
            raise _bad(f"{name} is empty")
        return _chat_key(chat_id)

    def _chat_for(self, chat_id: Any) -> JSONDict:
        key = _chat_key(chat_id)
        with self._lock:
            if key in self._chats:
                return self._chats[key]
            if isinstance(key, str):
                username = key.lstrip("@")
                chat = {
                    "id": -1_000_000_000_000 - (sum(map(ord, username)) * 7919) % 10**9,
                    "type": "channel",
                    "title": username,
                    "username": username,
                }
            elif key > 0:
                user = self._users.get(key, {"first_name": "User"})
                chat = {"id": key, "type": "private", "first_name": user["first_name"]}
                for extra in ("last_name", "username"):
                    if user.get(extra):
                        chat[extra] = user[extra]
            elif key <= -1_000_000_000_000:
                chat = {"id": key, "type": "supergroup", "title": "Test group"}
            else:
                chat = {"id": key, "type": "group", "title": "Test group"}
            self._chats[key] = chat
            return chat

    def _new_message_id(self, chat_key: Any) -> int:
        with self._lock:
            self._message_ids[chat_key] = self._message_ids.get(chat_key, 0) + 1
            return self._message_ids[chat_key]

    def _store(self, message: JSONDict) -> JSONDict:
        key = _chat_key(message["chat"]["id"])
        with self._lock:
            self._messages[(key, message["message_id"])] = message
            if message["message_id"] > self._message_ids.get(key, 0):
                self._message_ids[key] = message["message_id"]
        return message

    def message(self, chat_id: Any, message_id: int) -> JSONDict | None:
        """A message the fake knows (sent by the bot or injected), as it is now."""
        return self._messages.get((_chat_key(chat_id), int(message_id)))

    def _bot_message(self, chat_id: Any, params: Mapping[str, Any], **content: Any) -> JSONDict:
        chat = self._chat_for(chat_id)
        markup = self._check_markup(params.get("reply_markup"))
        replied = None
        reply = params.get("reply_parameters") or (
            {"message_id": params["reply_to_message_id"]}
            if params.get("reply_to_message_id")
            else None
        )
        if reply:
            replied = self.message(reply.get("chat_id", chat["id"]), reply["message_id"])
            if replied is None and not (
                reply.get("allow_sending_without_reply")
                or params.get("allow_sending_without_reply")
            ):
                raise _bad("message to be replied not found")
        message: JSONDict = {"message_id": self._new_message_id(_chat_key(chat["id"]))}
        if chat["type"] != "channel":
            message["from"] = dict(self.bot_user)
        message.update(chat=chat, date=int(time.time()))
        if params.get("message_thread_id"):
            message["message_thread_id"] = params["message_thread_id"]
        if replied is not None:
            message["reply_to_message"] = _without_reply(replied)
        message.update({k: v for k, v in content.items() if v is not None})
        if markup:
            message["reply_markup"] = markup
        if params.get("has_spoiler"):
            message["has_media_spoiler"] = True
        return self._store(message)

    def _text_content(self, params: Mapping[str, Any]) -> JSONDict:
        text = params.get("text")
        if text is None or str(text) == "":
            raise _bad("message text is empty")
        text, entities = self._format(str(text), params.get("parse_mode"), params.get("entities"))
        if not text.strip():
            raise _bad("message text is empty")
        if len(text) > MAX_MESSAGE_LENGTH:
            raise _bad("message is too long")
        content: JSONDict = {"text": text}
        if entities:
            content["entities"] = entities
        if params.get("link_preview_options"):
            content["link_preview_options"] = params["link_preview_options"]
        return content

    def _caption_content(self, params: Mapping[str, Any]) -> JSONDict:
        caption = params.get("caption")
        if caption is None or str(caption) == "":
            return {}
        caption, entities = self._format(
            str(caption), params.get("parse_mode"), params.get("caption_entities")
        )
        if len(caption) > MAX_CAPTION_LENGTH:
            raise _bad("message caption is too long")
        content: JSONDict = {"caption": caption}
        if entities:
            content["caption_entities"] = entities
        return content

    def _send_message(self, call: Call) -> JSONDict:
        chat_id = self._require_chat(call.params)
        return self._bot_message(chat_id, call.params, **self._text_content(call.params))

    def _message_to_edit(self, params: Mapping[str, Any]) -> JSONDict | None:
        if params.get("inline_message_id"):
            return None
        chat_id = self._require_chat(params)
        if not params.get("message_id"):
            raise _bad("message identifier is not specified")
        message = self.message(chat_id, params["message_id"])
        if message is None:
            raise _bad("message to edit not found")
        if message.get("from", {}).get("id") != self.bot_user["id"]:
            raise _bad("message can't be edited")
        return message

    def _apply_edit(self, message: JSONDict, changes: Mapping[str, Any]) -> JSONDict:
        current = {k: message.get(k) for k in changes}
        if current == dict(changes):
            raise _bad(
                "message is not modified: specified new message content and reply markup "
                "are exactly the same as a current content and reply markup of the message"
            )
        with self._lock:
            for key, value in changes.items():
                if value is None:
                    message.pop(key, None)
                else:
                    message[key] = value
            message["edit_date"] = int(time.time())
        return dict(message)

    def _edit_message_text(self, call: Call) -> JSONDict | bool:
        content = self._text_content(call.params)
        message = self._message_to_edit(call.params)
        markup = self._inline_markup(call.params.get("reply_markup"))
        if message is None:
            return True
        if "text" not in message:
            raise _bad("there is no text in the message to edit")
        return self._apply_edit(
            message,
            {
                "text": content["text"],
                "entities": content.get("entities"),
                "reply_markup": markup,
            },
        )

    def _edit_message_caption(self, call: Call) -> JSONDict | bool:
        content = self._caption_content(call.params)
        message = self._message_to_edit(call.params)
        markup = self._inline_markup(call.params.get("reply_markup"))
        if message is None:
            return True
        return self._apply_edit(
            message,
            {
                "caption": content.get("caption"),
                "caption_entities": content.get("caption_entities"),
                "reply_markup": markup,
            },
        )

    def _edit_message_reply_markup(self, call: Call) -> JSONDict | bool:
        markup = self._inline_markup(call.params.get("reply_markup"))
        message = self._message_to_edit(call.params)
        if message is None:
            return True
        return self._apply_edit(message, {"reply_markup": markup})

    def _delete_message(self, call: Call) -> bool:
        chat_id = self._require_chat(call.params)
        with self._lock:
            if self._messages.pop((chat_id, int(call.params.get("message_id") or 0)), None) is None:
                raise _bad("message to delete not found")
        return True

    def _answer_callback_query(self, call: Call) -> bool:
        query_id = str(call.params.get("callback_query_id", ""))
        with self._lock:
            if self._open_queries.get(query_id, True):  # unknown or already answered
                raise _bad("query is too old and response timeout expired or query ID is invalid")
            self._open_queries[query_id] = True
        return True

    def _send_chat_action(self, call: Call) -> bool:
        self._require_chat(call.params)
        if call.params.get("action") not in _CHAT_ACTIONS:
            raise _bad("wrong parameter action in request")
        return True

    def _source_message(self, params: Mapping[str, Any], verb: str) -> JSONDict:
        from_chat = self._require_chat(params, "from_chat_id")
        message = self.message(from_chat, params.get("message_id") or 0)
        if message is None:
            raise _bad(f"message to {verb} not found")
        return message

    _CONTENT_KEYS = tuple(
        _words(
            """
        text entities caption caption_entities document photo audio voice video animation
        sticker video_note contact location has_media_spoiler
        """
        )
    )

    def _forward_message(self, call: Call) -> JSONDict:
        chat_id = self._require_chat(call.params)
        source = self._source_message(call.params, "forward")
        content = {k: source[k] for k in self._CONTENT_KEYS if k in source}
        if source["chat"]["type"] in ("channel",):
            origin = {
                "type": "channel",
                "chat": source["chat"],
                "message_id": source["message_id"],
            }
        else:
            origin = {"type": "user", "sender_user": source.get("from", self.bot_user)}
        origin["date"] = source["date"]
        return self._bot_message(chat_id, {}, forward_origin=origin, **content)

    def _copy_message(self, call: Call) -> JSONDict:
        chat_id = self._require_chat(call.params)
        source = self._source_message(call.params, "copy")
        content = {k: source[k] for k in self._CONTENT_KEYS if k in source}
        if "caption" in call.params:
            content.pop("caption", None)
            content.pop("caption_entities", None)
            content.update(self._caption_content(call.params))
        copy = self._bot_message(chat_id, call.params, **content)
        return {"message_id": copy["message_id"]}

    # files

    def _store_file(
        self, kind: str, file_name: str | None, data: bytes, mime_type: str | None
    ) -> _StoredFile:
        number = next(self._file_ids)
        suffix = ""
        if file_name and "." in file_name:
            suffix = file_name[file_name.rfind(".") :]
        folder = {"photo": "photos", "voice": "voice", "sticker": "stickers"}.get(kind, f"{kind}s")
        stored = _StoredFile(
            file_id=f"BQACAgQAAx{kind[:2].upper()}{number:08d}fake",
            file_unique_id=f"AgAD{number:06d}",
            file_name=file_name,
            data=data,
            mime_type=mime_type,
            file_path=f"{folder}/file_{number}{suffix}",
        )
        with self._lock:
            self.files[stored.file_id] = stored
        return stored

    def _file_object(self, kind: str, stored: _StoredFile, params: Mapping[str, Any]) -> Any:
        base = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": len(stored.data),
        }
        duration = int(params.get("duration") or 0)
        if kind == "photo":
            small = {
                **base,
                "file_unique_id": stored.file_unique_id + "s",
                "width": 90,
                "height": 68,
            }
            return [small, {**base, "width": 1280, "height": 960}]
        if kind == "sticker":
            return {**base, "type": "regular", "width": 512, "height": 512,
                    "is_animated": False, "is_video": False}  # fmt: skip
        if kind == "voice":
            return {
                **base,
                "duration": duration,
                "mime_type": stored.mime_type or "audio/ogg",
            }
        if kind == "video_note":
            return {**base, "length": 240, "duration": duration}
        obj = {**base}
        if stored.file_name:
            obj["file_name"] = stored.file_name
        if stored.mime_type:
            obj["mime_type"] = stored.mime_type
        if kind in ("video", "animation"):
            obj.update(width=int(params.get("width") or 640), height=int(params.get("height") or 480),
                       duration=duration)  # fmt: skip
        if kind == "audio":
            obj["duration"] = duration
            for extra in ("performer", "title"):
                if params.get(extra):
                    obj[extra] = params[extra]
        return obj

    def _send_media(self, call: Call) -> JSONDict:
        kind = _MEDIA_METHODS[call.method]
        chat_id = self._require_chat(call.params)
        value = call.params.get(kind)
        if kind in call.files:
            file_name, data = call.files[kind]
        elif isinstance(value, str) and value.startswith("attach://"):
            if value[len("attach://") :] not in call.files:
                raise _bad(f"wrong {kind} specified")
            file_name, data = call.files[value[len("attach://") :]]
        elif isinstance(value, str) and value in self.files:
            stored = self.files[value]
            file_name, data = stored.file_name, stored.data
        elif isinstance(value, str) and re.match(r"https?://", value):
            file_name, data = value.rsplit("/", 1)[-1] or None, b""
        elif value:
            raise _bad("wrong file identifier/HTTP URL specified")
        else:
            raise _bad(f"there is no {kind} in the request")
        if isinstance(value, str) and value in self.files:
            stored = self.files[value]
        else:
            uploaded = kind in call.files or str(value).startswith("attach://")
            if uploaded and not data:
                raise _bad("file must be non-empty")
            mime = mimetypes.guess_type(file_name or "")[0]
            if kind == "voice":
                mime = "audio/ogg"
            stored = self._store_file(kind, file_name, data, mime)
        content = self._caption_content(call.params)
        return self._bot_message(
            chat_id,
            call.params,
            **{kind: self._file_object(kind, stored, call.params)},
            **content,
        )

    def _get_file(self, call: Call) -> JSONDict:
        stored = self.files.get(str(call.params.get("file_id", "")))
        if stored is None:
            raise _bad("invalid file_id")
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": len(stored.data),
            "file_path": stored.file_path,
        }

    def file_bytes(self, file_id: str) -> bytes:
        """The bytes behind a file_id (uploaded by the bot or injected by a ``send_*``)."""
        return self.files[file_id].data

    # ---- update injection ---------------------------------------------------------

    def _wake(self) -> None:
        loop, event = self._loop, self._update_event
        if loop is None or event is None or loop.is_closed():
            return
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is loop:
            event.set()
        else:
            loop.call_soon_threadsafe(event.set)

    def send_update(self, update: Mapping[str, Any], *, queue: bool = True) -> int:
        """Queue a raw update (an ``update_id`` is given if it has none); returns its id."""
        update = dict(update)
        with self._lock:
            if "update_id" not in update:
                update = {"update_id": next(self._update_ids), **update}
            query = update.get("callback_query")
            if query and "id" in query:
                self._open_queries.setdefault(str(query["id"]), False)
            self._updates[update["update_id"]] = update
            if queue:
                self._pending.append(update)
        if queue:
            self._wake()
        return update["update_id"]

    def renumber_updates(self, start: int) -> None:
        """Number the next updates from `start`, as Telegram may after a week without any."""
        with self._lock:
            self._update_ids = itertools.count(start)

    def update(self, update_id: int) -> JSONDict:
        """An update built by one of the ``send_*`` helpers (queued or not)."""
        return self._updates[update_id]

    @property
    def pending_updates(self) -> list[JSONDict]:
        """Queued updates the bot has not confirmed yet."""
        with self._lock:
            return list(self._pending)

    def _user(
        self,
        user_id: int,
        first_name: str | None = None,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = None,
    ) -> JSONDict:
        """A user, remembered between calls so that later updates keep the same name."""
        with self._lock:
            user = dict(self._users.get(user_id, {"id": user_id, "is_bot": False, "first_name": "Ada", "language_code": "en"}))  # fmt: skip
            for key, value in (
                ("first_name", first_name),
                ("last_name", last_name),
                ("username", username),
                ("language_code", language_code),
            ):
                if value is not None:
                    user[key] = value
            self._users[user_id] = user
            return dict(user)

    def _chat(self, user: JSONDict, chat_id: Any, chat_type: str, title: str | None) -> JSONDict:
        if chat_type == "private":
            chat = {
                "id": chat_id if chat_id is not None else user["id"],
                "type": "private",
            }
            for key in ("first_name", "last_name", "username"):
                if user.get(key):
                    chat[key] = user[key]
        elif chat_type in ("group", "supergroup", "channel"):
            if chat_id is None:
                chat_id = DEFAULT_GROUP_ID if chat_type == "group" else DEFAULT_SUPERGROUP_ID
            known = self._chats.get(_chat_key(chat_id), {})
            chat = {
                "id": chat_id,
                "type": chat_type,
                "title": title or known.get("title") or "Test group",
            }
        else:
            raise ValueError(f"unknown chat_type {chat_type!r}")
        with self._lock:
            self._chats[_chat_key(chat["id"])] = chat
        return chat

    def _resolve_message(self, chat_id: Any, message: Any) -> JSONDict | None:
        if message is None or isinstance(message, dict):
            return message
        found = self.message(chat_id, int(message))
        if found is None:
            raise ValueError(f"no message {message} in chat {chat_id}")
        return found

    def _incoming(
        self,
        user_id: int,
        content: Mapping[str, Any],
        *,
        chat_id: Any = None,
        chat_type: str = "private",
        first_name: str | None = None,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = None,
        title: str | None = None,
        reply_to_message: Any = None,
        queue: bool = True,
    ) -> int:
        user = self._user(user_id, first_name, last_name, username, language_code)
        chat = self._chat(user, chat_id, chat_type, title)
        message: JSONDict = {
            "message_id": self._new_message_id(_chat_key(chat["id"])),
            "from": user,
            "chat": chat,
            "date": int(time.time()),
        }
        replied = self._resolve_message(chat["id"], reply_to_message)
        if replied is not None:
            message["reply_to_message"] = _without_reply(replied)
        message.update(content)
        self._store(message)
        return self.send_update({"message": message}, queue=queue)

    def send_text(
        self,
        user_id: int,
        text: str,
        *,
        chat_id: Any = None,
        chat_type: str = "private",
        first_name: str | None = None,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = None,
        title: str | None = None,
        entities: list[JSONDict] | None = None,
        reply_to_message: Any = None,
        queue: bool = True,
    ) -> int:
        """A text message from a user. Entities are detected like a client does (commands,
        mentions, URLs, e-mails, hashtags) unless given; pass ``entities=[]`` for none.
        ``first_name`` etc. default to what was used before for this user (else "Ada", "en").
        ``reply_to_message`` is a message dict or the id of a message in the chat.
        Returns the update_id."""
        content: JSONDict = {"text": text}
        entities = detect_entities(text) if entities is None else entities
        if entities:
            content["entities"] = entities
        return self._incoming(
            user_id, content, chat_id=chat_id, chat_type=chat_type, first_name=first_name,
            last_name=last_name, username=username, language_code=language_code, title=title,
            reply_to_message=reply_to_message, queue=queue,
        )  # fmt: skip

    def send_command(self, user_id: int, command: str, **kwargs: Any) -> int:
        """``/start tai4h-2024``: a message with a bot_command entity at offset 0."""
        if not command.startswith("/"):
            command = "/" + command
        head = command.split(maxsplit=1)[0]
        rest = command[len(head) :]
        entities = [{"offset": 0, "length": _u16(head), "type": "bot_command"}]
        for entity in detect_entities(rest):
            entities.append({**entity, "offset": entity["offset"] + _u16(head)})
        kwargs.setdefault("entities", entities)
        return self.send_text(user_id, command, **kwargs)

    def send_group_text(
        self,
        user_id: int,
        text: str,
        *,
        chat_type: str = "supergroup",
        mention: bool = True,
        **kwargs: Any,
    ) -> int:
        """A message in a group (default the supergroup -1001234567890, "Test group"); with
        ``mention`` it starts with ``@eventbot_test_bot`` (a mention entity) unless the text
        already mentions the bot."""
        handle = "@" + self.bot_user["username"]
        if mention and handle.lower() not in text.lower():
            text = f"{handle} {text}"
        return self.send_text(user_id, text, chat_type=chat_type, **kwargs)

    def edit_text(
        self,
        user_id: int,
        message: Any,
        text: str,
        *,
        chat_id: Any = None,
        entities: list[JSONDict] | None = None,
        queue: bool = True,
    ) -> int:
        """The user edits one of their messages (a dict or its id): an ``edited_message``."""
        chat = chat_id if chat_id is not None else user_id
        if isinstance(message, dict):
            chat = message["chat"]["id"]
        original = self._resolve_message(chat, message)
        assert original is not None
        edited = {k: v for k, v in original.items() if k not in ("entities", "text")}
        edited["text"] = text
        entities = detect_entities(text) if entities is None else entities
        if entities:
            edited["entities"] = entities
        edited["edit_date"] = int(time.time())
        self._store(edited)
        return self.send_update({"edited_message": edited}, queue=queue)

    def press_button(
        self,
        user_id: int,
        data: str,
        message: Any = None,
        *,
        chat_id: Any = None,
        first_name: str | None = None,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = None,
        strict: bool = True,
        queue: bool = True,
    ) -> int:
        """The user presses an inline button: a ``callback_query`` with ``data``.

        ``message`` is the bot's message the keyboard is on: a dict, a message id, or by
        default the bot's latest message with an inline keyboard in the chat (``chat_id``,
        by default the user's private chat). With ``strict`` the data must be the
        callback_data of one of that keyboard's buttons."""
        chat = chat_id if chat_id is not None else user_id
        if message is None:
            with_keyboard = [m for m in self.bot_messages(chat) if m.get("reply_markup")]
            if not with_keyboard:
                raise ValueError(f"the bot has no message with an inline keyboard in chat {chat}")
            message = with_keyboard[-1]
        elif isinstance(message, dict):
            if self.message(message["chat"]["id"], message["message_id"]) is None:
                self._store(dict(message))
        else:
            message = self._resolve_message(chat, message)
        assert isinstance(message, dict)
        keyboard = (message.get("reply_markup") or {}).get("inline_keyboard")
        if strict and keyboard:
            choices = [b.get("callback_data") for row in keyboard for b in row]
            if data not in choices:
                raise ValueError(
                    f"no button with callback_data {data!r} on that message: {choices}"
                )
        user = self._user(user_id, first_name, last_name, username, language_code)
        chat_number = message["chat"]["id"]
        query = {
            "id": str(next(self._callback_ids)),
            "from": user,
            "message": dict(message),
            "chat_instance": str(-(zlib.crc32(str(chat_number).encode()) * 10**9 + 7)),
            "data": data,
        }
        return self.send_update({"callback_query": query}, queue=queue)

    def _media_message(
        self, user_id: int, kind: str, file_name: str | None, data: bytes,
        mime_type: str | None, extra: Mapping[str, Any], caption: str | None, who: Any,
    ) -> int:  # fmt: skip
        stored = self._store_file(kind, file_name, data, mime_type)
        content: JSONDict = {kind: self._file_object(kind, stored, extra)}
        if kind == "sticker":
            content[kind].update(extra)
        if caption:
            content["caption"] = caption
            entities = detect_entities(caption)
            if entities:
                content["caption_entities"] = entities
        return self._incoming(user_id, content, **who)

    def send_sticker(
        self,
        user_id: int,
        emoji: str = "👍",
        *,
        set_name: str = "FakeStickers",
        **who: Any,
    ) -> int:
        """A sticker message (``who``: chat_id, chat_type, first_name, ..., queue)."""
        extra = {"emoji": emoji, "set_name": set_name}
        return self._media_message(user_id, "sticker", None, b"RIFF fake webp", "image/webp", extra, None, who)  # fmt: skip

    def send_photo(
        self, user_id: int, data: bytes = b"\x89PNG fake", *, caption: str | None = None,
        **who: Any,
    ) -> int:  # fmt: skip
        """A photo message (two PhotoSizes whose bytes are ``data``, see ``file_bytes``)."""
        return self._media_message(user_id, "photo", None, data, "image/jpeg", {}, caption, who)

    def send_voice(
        self, user_id: int, data: bytes = b"OggS fake", *, duration: int = 3, **who: Any
    ) -> int:
        """A voice message of ``duration`` seconds."""
        return self._media_message(user_id, "voice", None, data, "audio/ogg", {"duration": duration}, None, who)  # fmt: skip

    def send_document(
        self, user_id: int, file_name: str, data: bytes, *, mime_type: str | None = None,
        caption: str | None = None, **who: Any,
    ) -> int:  # fmt: skip
        """A document message (the bot can fetch it with getFile and base_file_url)."""
        mime_type = mime_type or mimetypes.guess_type(file_name)[0] or "application/octet-stream"
        return self._media_message(user_id, "document", file_name, data, mime_type, {}, caption, who)  # fmt: skip

    def send_contact(self, user_id: int, phone_number: str, **who: Any) -> int:
        """The user shares their own contact (as with a request_contact keyboard button)."""
        user = self._user(
            user_id, who.get("first_name"), who.get("last_name"), who.get("username"),
            who.get("language_code"),
        )  # fmt: skip
        contact = {
            "phone_number": phone_number,
            "first_name": user["first_name"],
            "user_id": user_id,
        }
        if user.get("last_name"):
            contact["last_name"] = user["last_name"]
        return self._incoming(user_id, {"contact": contact}, **who)

    async def post_to_webhook(
        self,
        url: str | None = None,
        update: Mapping[str, Any] | int | None = None,
        secret_token: str | None = _UNSET,
        *,
        timeout: float = 10.0,
    ) -> int:
        """POST an update (a dict, or the id of one built with ``queue=False``) to a webhook
        the way Telegram does; returns the HTTP status. ``url`` and ``secret_token`` default
        to what the bot gave setWebhook."""
        if update is None:
            raise ValueError("no update to post")
        if isinstance(update, int):
            update = self.update(update)
        url = url or self.webhook.get("url")
        if not url:
            raise ValueError("no webhook URL given and none set with setWebhook")
        if secret_token is _UNSET:
            secret_token = self.webhook.get("secret_token")
        headers = {"Content-Type": "application/json"}
        if secret_token:
            headers["X-Telegram-Bot-Api-Secret-Token"] = secret_token
        async with (
            ClientSession(timeout=ClientTimeout(total=timeout)) as session,
            session.post(url, data=json.dumps(update), headers=headers) as response,
        ):
            await response.read()
            return response.status


def _update_type(update: Mapping[str, Any]) -> str:
    return next((k for k in update if k != "update_id"), "")


def _without_reply(message: Mapping[str, Any]) -> JSONDict:
    """A replied-to message as Telegram nests it: without its own reply_to_message."""
    return {k: v for k, v in message.items() if k != "reply_to_message"}
