"""The fake Telegram server against a real python-telegram-bot Application (no mocks)."""

from __future__ import annotations

import asyncio
import datetime as dtm
import json
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import aiohttp
import pytest
from telegram import (
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Update,
)
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from fake_telegram import (
    Call,
    FakeTelegram,
    detect_entities,
    parse_html,
    parse_markdown_v2,
)

TOKEN = "123:ABC"
USER = 42


def build_app(server: FakeTelegram) -> Application:
    return (
        ApplicationBuilder()
        .token(server.token)
        .base_url(server.base_url)
        .base_file_url(server.base_file_url)
        .build()
    )


async def shout(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None and update.effective_message.text is not None
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Yes", callback_data="yes")]])
    await update.effective_message.reply_text(
        update.effective_message.text.upper(), reply_markup=keyboard, do_quote=True
    )


async def answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.callback_query is not None
    await update.callback_query.answer(f"you said {update.callback_query.data}")
    await update.callback_query.edit_message_text("Thanks!")


@asynccontextmanager
async def polling_app(server: FakeTelegram) -> AsyncIterator[Application]:
    """A real Application, polling the fake, stopped cleanly on the way out."""
    app = build_app(server)
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, shout))
    app.add_handler(CallbackQueryHandler(answer))
    async with app:
        await app.start()
        await app.updater.start_polling(poll_interval=0.0, timeout=dtm.timedelta(seconds=1))
        try:
            yield app
        finally:
            await app.updater.stop()
            await app.stop()


async def test_get_me_through_application() -> None:
    async with FakeTelegram(token=TOKEN) as server:
        app = build_app(server)
        async with app:
            assert app.bot.username == "eventbot_test_bot"
            assert app.bot.id == 123
            assert app.bot.can_join_groups is True
        assert server.calls_to("getMe")[0].ok
        assert server.base_url == f"http://127.0.0.1:{server.port}/bot"


async def test_text_and_button_round_trip() -> None:
    async with FakeTelegram(token=TOKEN) as server, polling_app(server):
        update_id = server.send_text(USER, "hello there", first_name="Ada", username="ada")
        call = await server.wait_for_call("sendMessage", chat_id=USER)
        assert call.params["text"] == "HELLO THERE"
        assert call.params["reply_markup"] == {
            "inline_keyboard": [[{"text": "Yes", "callback_data": "yes"}]]
        }
        assert call.result["reply_markup"] == call.params["reply_markup"]
        assert call.result["chat"] == {
            "id": USER, "type": "private", "first_name": "Ada", "username": "ada"
        }  # fmt: skip
        user_message = server.update(update_id)["message"]
        assert call.params["reply_parameters"]["message_id"] == user_message["message_id"]
        assert call.result["reply_to_message"]["text"] == "hello there"
        assert server.sent_texts(USER) == ["HELLO THERE"]

        server.press_button(USER, "yes")
        answered = await server.wait_for_call("answerCallbackQuery")
        assert answered.ok and answered.params["text"] == "you said yes"
        edited = await server.wait_for_call("editMessageText")
        assert edited.ok and edited.result["text"] == "Thanks!"
        assert "reply_markup" not in edited.result  # editing without markup drops the keyboard
        assert server.bot_messages(USER)[-1]["text"] == "Thanks!"
        await server.drain()

        # getUpdates honoured the offset: every update was delivered exactly once
        assert len(server.calls_to("sendMessage")) == 1
        assert len(server.calls_to("answerCallbackQuery")) == 1


async def test_commands_groups_and_media_updates_parse_in_ptb() -> None:
    seen: list[Update] = []

    async def record(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        seen.append(update)

    async with FakeTelegram(token=TOKEN) as server:
        app = build_app(server)
        app.add_handler(MessageHandler(filters.ALL, record))
        async with app:
            await app.start()
            await app.updater.start_polling(poll_interval=0.0, timeout=1)
            try:
                first = server.send_command(USER, "/start tai4h-2024")
                server.send_group_text(7, "when is lunch?", first_name="Grace")
                server.send_sticker(USER)
                server.send_photo(USER, b"photo-bytes", caption="my poster")
                server.send_voice(USER, duration=5)
                server.send_document(USER, "abstract.pdf", b"%PDF-1.4 fake")
                server.edit_text(USER, server.update(first)["message"]["message_id"], "/start x")
                await server.drain()
                await server.wait_for(lambda calls: len(seen) == 7)
                assert seen[0].effective_message.text == "/start tai4h-2024"
                entity = seen[0].effective_message.entities[0]
                assert (entity.type, entity.offset, entity.length) == (
                    "bot_command",
                    0,
                    6,
                )
                group = seen[1].effective_message
                assert group.chat.type == "supergroup"
                assert group.text == "@eventbot_test_bot when is lunch?"
                assert group.entities[0].type == "mention"
                assert seen[2].effective_message.sticker.emoji == "👍"
                assert seen[3].effective_message.caption == "my poster"
                assert seen[4].effective_message.voice.to_dict()["duration"] == 5
                document = seen[5].effective_message.document
                assert document.file_name == "abstract.pdf"
                telegram_file = await document.get_file()
                assert bytes(await telegram_file.download_as_bytearray()) == b"%PDF-1.4 fake"
                photo = await seen[3].effective_message.photo[-1].get_file()
                assert bytes(await photo.download_as_bytearray()) == b"photo-bytes"
                assert seen[6].edited_message.text == "/start x"
            finally:
                await app.updater.stop()
                await app.stop()


# PTB 22 warns that RetryAfter.retry_after will become a timedelta
@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_rate_limit_is_answered_with_retry_after() -> None:
    async with FakeTelegram(token=TOKEN) as server, build_app(server) as app:
        server.fail_next("sendMessage", status=429, retry_after=3)
        with pytest.raises(RetryAfter) as caught:
            await app.bot.send_message(USER, "hi")
        assert caught.value.retry_after in (3, dtm.timedelta(seconds=3))
        failed = server.calls_to("sendMessage")[0]
        assert failed.status == 429
        assert failed.response == {
            "ok": False,
            "error_code": 429,
            "description": "Too Many Requests: retry after 3",
            "parameters": {"retry_after": 3},
        }
        # only the next call fails
        await app.bot.send_message(USER, "hi again")
        assert server.sent_texts(USER) == ["hi again"]
        assert server.sent_texts(USER, include_failed=True) == ["hi", "hi again"]


async def test_generic_errors_and_dropped_connections() -> None:
    async with FakeTelegram(token=TOKEN) as server, build_app(server) as app:
        server.fail_next("sendMessage", status=500, times=2)
        for _ in range(2):
            with pytest.raises(NetworkError, match="(?i)Internal Server Error"):
                await app.bot.send_message(USER, "hi")
        server.drop_next("sendChatAction")
        with pytest.raises(NetworkError):
            await app.bot.send_chat_action(USER, "typing")
        assert server.calls_to("sendChatAction")[0].status == 0
        server.delay_next("getMe", 0.3)
        with pytest.raises(TimedOut):
            await app.bot.get_me(read_timeout=0.1)
        assert await app.bot.send_chat_action(USER, "typing") is True


async def test_blocked_chat_is_forbidden() -> None:
    async with FakeTelegram(token=TOKEN) as server, build_app(server) as app:
        server.block_chat(USER)
        with pytest.raises(Forbidden, match="(?i)bot was blocked by the user"):
            await app.bot.send_message(USER, "hi")
        with pytest.raises(Forbidden):
            await app.bot.send_document(USER, b"data", filename="x.txt")
        await app.bot.send_message(USER + 1, "someone else")
        server.unblock_chat(USER)
        await app.bot.send_message(USER, "back")
        assert server.sent_texts(USER) == ["back"]


async def test_send_document_records_file_name_and_bytes() -> None:
    async with FakeTelegram(token=TOKEN) as server, build_app(server) as app:
        message = await app.bot.send_document(
            USER, b"name,email\nAda,ada@example.org\n", filename="attendees.csv",
            caption="<b>2</b> attendees", parse_mode="HTML",
        )  # fmt: skip
        call = server.calls_to("sendDocument")[0]
        assert call.files["document"] == (
            "attendees.csv",
            b"name,email\nAda,ada@example.org\n",
        )
        assert call.params["caption"] == "<b>2</b> attendees"
        assert message.document.file_name == "attendees.csv"
        assert message.document.mime_type == "text/csv"
        assert message.caption == "2 attendees"
        assert message.caption_entities[0].type == "bold"
        assert server.file_bytes(message.document.file_id).startswith(b"name,email")
        # sending it again by file_id does not upload anything
        await app.bot.send_document(USER + 1, message.document.file_id)
        assert server.calls_to("sendDocument")[1].files == {}


async def test_commands_webhook_and_misc_methods() -> None:
    async with FakeTelegram(token=TOKEN) as server, build_app(server) as app:
        bot = app.bot
        commands = [BotCommand("start", "Start"), BotCommand("help", "Help")]
        assert await bot.set_my_commands(commands) is True
        call = server.calls_to("setMyCommands")[0]
        assert call.params["commands"] == [
            {"command": "start", "description": "Start"},
            {"command": "help", "description": "Help"},
        ]
        assert tuple(await bot.get_my_commands()) == tuple(commands)
        assert await bot.get_my_commands(language_code="fr") == ()
        with pytest.raises(BadRequest, match="(?i)bot_command_invalid"):
            await bot.set_my_commands([BotCommand("Start", "bad")])
        await bot.delete_my_commands()
        assert await bot.get_my_commands() == ()

        assert await bot.set_webhook("https://example.org/hook", secret_token="s3cret")
        info = await bot.get_webhook_info()
        assert info.url == "https://example.org/hook"
        with pytest.raises(Exception, match="(?i)webhook is active"):
            await bot.get_updates(timeout=0)
        assert await bot.delete_webhook()
        assert (await bot.get_webhook_info()).url == ""

        sent = await bot.send_message(USER, "original")
        copied = await bot.copy_message(USER + 1, USER, sent.message_id)
        assert server.message(USER + 1, copied.message_id)["text"] == "original"
        forwarded = await bot.forward_message(USER + 1, USER, sent.message_id)
        assert forwarded.forward_origin.type == "user"
        with pytest.raises(BadRequest, match="(?i)message is not modified"):
            await bot.edit_message_text("original", USER, sent.message_id)
        with pytest.raises(BadRequest, match="(?i)message to edit not found"):
            await bot.edit_message_text("x", USER, 999)
        keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("A", callback_data="a")]])
        edited = await bot.edit_message_reply_markup(USER, sent.message_id, reply_markup=keyboard)
        assert edited.reply_markup == keyboard
        with pytest.raises(BadRequest, match="(?i)BUTTON_DATA_INVALID"):
            await bot.send_message(
                USER, "x",
                reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton("A", callback_data="a" * 65)]]),
            )  # fmt: skip
        with pytest.raises(BadRequest, match="(?i)query is too old"):
            await bot.answer_callback_query("12345")
        with pytest.raises(BadRequest, match="(?i)message text is empty"):
            await bot.send_message(USER, "   ")
        with pytest.raises(BadRequest, match="(?i)message is too long"):
            await bot.send_message(USER, "x" * 4097)
        with pytest.raises(BadRequest, match="(?i)can't parse entities"):
            await bot.send_message(USER, "1 < 2", parse_mode="HTML")
        with pytest.raises(BadRequest, match="(?i)reserved and must be escaped"):
            await bot.send_message(USER, "Done.", parse_mode="MarkdownV2")
        ok = await bot.send_message(USER, r"*Done*\.", parse_mode="MarkdownV2")
        assert ok.text == "Done." and ok.entities[0].type == "bold"
        await bot.send_message(USER + 2, "<b>R&amp;D</b> &lt;Lab&gt;", parse_mode="HTML")
        assert server.sent_texts(USER + 2) == ["R&D <Lab>"]  # as the user reads it

        server.on("getChat", lambda call: {
            "id": call.params["chat_id"], "type": "private", "first_name": "Ada",
            "accent_color_id": 0, "max_reaction_count": 11,
        })  # fmt: skip
        assert (await bot.get_chat(USER)).first_name == "Ada"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def test_webhook_delivery_to_a_real_ptb_webhook() -> None:
    seen: list[str] = []

    async def record(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        seen.append(update.effective_message.text)

    async with FakeTelegram(token=TOKEN) as server:
        app = build_app(server)
        app.add_handler(MessageHandler(filters.TEXT, record))
        async with app:
            await app.start()
            port = free_port()
            url = f"http://127.0.0.1:{port}/hook"
            await app.updater.start_webhook(
                listen="127.0.0.1", port=port, url_path="hook", secret_token="s3cret",
                webhook_url=url,
            )  # fmt: skip
            try:
                update_id = server.send_text(USER, "via webhook", queue=False)
                assert server.pending_updates == []
                assert await server.post_to_webhook(url, update_id) == 200  # secret from setWebhook
                assert await server.post_to_webhook(url, update_id, "wrong") == 403
                await server.wait_for(lambda calls: seen == ["via webhook"])
                assert server.calls_to("setWebhook")[0].params["secret_token"] == "s3cret"
                assert (await app.bot.get_webhook_info()).url == url
            finally:
                await app.updater.stop()
                await app.stop()


async def test_raw_http_json_and_form_bodies() -> None:
    async with FakeTelegram(token=TOKEN) as server, aiohttp.ClientSession() as http:
        url = f"{server.base_url}{TOKEN}"
        markup = {"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]}
        async with http.post(
            f"{url}/sendMessage", json={"chat_id": 5, "text": "json", "reply_markup": markup}
        ) as r:
            body = await r.json()
        assert body["ok"] is True and body["result"]["reply_markup"] == markup
        form = {"chat_id": "5", "text": "123", "reply_markup": json.dumps(markup)}
        async with http.post(f"{url}/sendMessage", data=form) as r:
            assert (await r.json())["result"]["text"] == "123"
        call = server.calls_to("sendMessage")[1]
        assert call.params == {"chat_id": 5, "text": "123", "reply_markup": markup}
        async with http.post(f"{url}/noSuchMethod") as r:
            assert r.status == 404
            assert await r.json() == {"ok": False, "error_code": 404, "description": "Not Found"}
        async with http.post(f"{server.base_url}1:WRONG/getMe") as r:
            assert r.status == 401


def test_parsers_and_entity_detection() -> None:
    text, entities = parse_html('<b>Hi</b> <a href="https://x.org">😀 link</a> &lt;3 &amp; &nope')
    assert text == "Hi 😀 link <3 & &nope"
    assert entities == [
        {"type": "bold", "offset": 0, "length": 2},
        {"type": "text_link", "url": "https://x.org", "offset": 3, "length": 7},
    ]
    text, entities = parse_markdown_v2(r"_a_ [b](https://y.org) `c.d` \!")
    assert text == "a b c.d !"
    assert [e["type"] for e in entities] == ["italic", "text_link", "code"]
    found = detect_entities("/help@eventbot_test_bot mail ada@example.org or see https://e.org #ai")
    assert [e["type"] for e in found] == ["bot_command", "email", "url", "hashtag"]


def test_usable_from_asyncio_run_in_a_sync_test() -> None:
    async def scenario() -> list[Call]:
        async with FakeTelegram(token=TOKEN) as server, polling_app(server):
            for n in range(5):
                server.send_text(USER, f"message {n}")
            await server.wait_for(lambda calls: len(server.sent_texts(USER)) == 5)
            return server.calls_to("sendMessage")

    calls = asyncio.run(scenario())
    assert [c.params["text"] for c in calls] == [f"MESSAGE {n}" for n in range(5)]
    ids = [c.result["message_id"] for c in calls]
    assert ids == sorted(set(ids))  # one counter per chat, shared with the user's messages
