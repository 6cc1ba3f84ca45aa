"""The Telegram channel end to end: a real python-telegram-bot Application talking HTTP to the fake
Bot API server in tests/fake_telegram.py, the assistant and a real SQLite database."""

from __future__ import annotations

import asyncio
import datetime as dt
import shutil
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from eventbot.channels.telegram import COMMANDS, TelegramChannel
from eventbot.clock import FixedClock
from eventbot.config import TelegramSettings
from eventbot.conversation import Assistant
from eventbot.engine import Engine
from eventbot.knowledge import load_events
from eventbot.storage.database import Database
from eventbot.storage.models import Identity, Registration
from fake_telegram import FakeTelegram

ROOT = Path(__file__).resolve().parents[3]
TOKEN = "123456:TEST-TOKEN"
ADA, GRACE, ORGANISER = 1001, 1002, 9001
GROUP = -100500
NOW = dt.datetime(2030, 6, 1, 10, tzinfo=dt.UTC)

ESCAPE_EVENT = """
name = "Escaping Workshop"
short_name = "EscWS"
timezone = "UTC"

[dates]
start = 2030-09-01

[[speakers]]
name = "<b>Bob & \\"Co\\"</b>"
affiliation = "R&D <Lab>"
"""


def long_event() -> str:
    topics = ", ".join(
        f'"Topic number {i}: {"a very long description of a research area " * 3}"'
        for i in range(60)
    )
    return (
        f'name = "Long Topics Conference"\nshort_name = "LTC"\ntimezone = "UTC"\ntopics = [{topics}]\n'
        f"[dates]\nstart = 2030-09-01\n"
    )


async def start_bot(tmp_path: Path, server: FakeTelegram, **overrides) -> SimpleNamespace:
    events_dir = tmp_path / "events"
    events_dir.mkdir(exist_ok=True)  # exists when the bot is started again
    for path in [
        *(ROOT / "events").glob("*.toml"),
        ROOT / "tests/data/events/tiny-seminar-2030.toml",
    ]:
        shutil.copy(path, events_dir)
    (events_dir / "escaping-ws.toml").write_text(ESCAPE_EVENT, encoding="utf-8")
    (events_dir / "long-topics.toml").write_text(long_event(), encoding="utf-8")
    database = Database(f"sqlite:///{tmp_path / 'eventbot.db'}")
    await database.migrate()
    assistant = Assistant(Engine(load_events(events_dir)), database, FixedClock(NOW))
    options = {
        "per_chat_per_second": 50.0,
        **overrides,
    }  # fast tests; one test checks the real limit
    settings = TelegramSettings(
        token=TOKEN, base_url=server.base_url, organisers=[ORGANISER], **options
    )
    channel = TelegramChannel(assistant, settings, events_dir=events_dir, forward_every=0.1)
    stop = asyncio.Event()
    task = asyncio.create_task(channel.run(stop))
    await server.wait_for(lambda calls: any(c.method == "setMyCommands" for c in calls), timeout=10)
    return SimpleNamespace(
        server=server,
        channel=channel,
        assistant=assistant,
        database=database,
        events_dir=events_dir,
        stop=stop,
        task=task,
    )


async def stop_bot(bot: SimpleNamespace) -> None:
    bot.stop.set()
    await asyncio.wait_for(bot.task, 10)
    await bot.database.close()


@pytest.fixture
async def bot(tmp_path: Path):
    async with FakeTelegram(token=TOKEN) as server:
        running = await start_bot(tmp_path, server)
        try:
            yield running
        finally:
            await stop_bot(running)


async def replies_to(bot: SimpleNamespace, chat: int, count: int) -> list[str]:
    """Wait until the chat has `count` messages from the bot; return their texts."""
    await bot.server.wait_for(lambda calls: len(bot.server.sent_texts(chat)) >= count, timeout=10)
    return bot.server.sent_texts(chat)


async def reply_containing(bot: SimpleNamespace, chat: int, text: str) -> str:
    """Wait for the bot's message to the chat that contains `text`, whatever came before it."""
    await bot.server.wait_for(
        lambda calls: any(text in t for t in bot.server.sent_texts(chat)), timeout=10
    )
    return next(t for t in bot.server.sent_texts(chat) if text in t)


async def test_commands_are_registered_with_telegram(bot) -> None:
    [call] = bot.server.calls_to("setMyCommands")
    assert [c["command"] for c in call.params["commands"]] == list(COMMANDS)


async def test_an_attendee_question_is_answered_in_their_chat(bot) -> None:
    bot.server.send_text(ADA, "when is the camera-ready deadline of TAI4H?")
    [answer] = await replies_to(bot, ADA, 1)
    assert "Camera-ready deadline: Monday 10 June 2024, 23:59 AoE" in answer
    assert bot.server.calls_to("sendMessage")[0].params["parse_mode"] == "HTML"


async def test_strings_from_the_knowledge_base_arrive_literally(bot) -> None:
    bot.server.send_text(ADA, "who are the speakers of EscWS?")
    [answer] = await replies_to(bot, ADA, 1)
    assert '<b>Bob & "Co"</b> (R&D <Lab>)' in answer  # as text, not as formatting
    sent = bot.server.calls_to("sendMessage")[0].params["text"]
    assert "&lt;b&gt;Bob &amp;" in sent


async def test_a_long_reply_is_split_at_telegrams_limit(bot) -> None:
    bot.server.send_text(ADA, "what are the topics of LTC?")
    await bot.server.wait_for(lambda calls: len(bot.server.sent_texts(ADA)) >= 3, timeout=10)
    await asyncio.sleep(0.3)
    texts = bot.server.sent_texts(ADA)
    assert all(len(call.params["text"]) <= 4096 for call in bot.server.calls_to("sendMessage"))
    assert "Topic number 0:" in texts[0] and "Topic number 59:" in texts[-1]
    assert all(text.startswith(("•", "The topics")) for text in texts)  # cut at line breaks
    assert sum(text.count("Topic number") for text in texts) == 60


async def test_a_deep_link_picks_the_event(bot) -> None:
    bot.server.send_command(ADA, "/start tai4h-2024")
    [welcome] = await replies_to(bot, ADA, 1)
    assert "workshop at IJCAI 2024" in welcome
    bot.server.send_text(ADA, "where is it?")
    assert "IJCAI 2024" in (await replies_to(bot, ADA, 2))[1]


async def test_an_ambiguous_question_offers_the_events_as_buttons(bot) -> None:
    bot.server.send_text(ADA, "how much is it?")
    await replies_to(bot, ADA, 1)
    markup = bot.server.calls_to("sendMessage")[-1].params["reply_markup"]
    data = [button["callback_data"] for row in markup["inline_keyboard"] for button in row]
    assert "event:causality-medicine-2023" in data
    bot.server.press_button(ADA, "event:causality-medicine-2023")
    texts = await replies_to(bot, ADA, 2)
    assert "119 EUR" in texts[-1]
    await bot.server.wait_for(
        lambda calls: (
            bot.server.calls_to("answerCallbackQuery") and bot.server.calls_to("editMessageText")
        )
    )
    assert (
        "→ AI, Causality and Personalised Medicine Symposium"
        in bot.server.calls_to("editMessageText")[0].params["text"]
    )


async def test_an_attendee_registers_with_the_buttons(bot) -> None:
    server = bot.server

    async def step(action, *args) -> str:
        before = len(server.sent_texts(ADA))
        action(ADA, *args)
        return (await replies_to(bot, ADA, before + 1))[-1]

    assert "Which event" in await step(server.send_command, "/register")
    assert "1/7" in await step(server.press_button, "event:tiny-seminar-2030")
    await step(server.send_text, "Ada Lovelace")
    await step(server.send_text, "ada@example.org")
    assert "fee category" in await step(server.send_text, "Analytical Engines")
    assert "Your role" in await step(server.press_button, "form:Industry")
    assert "Dietary needs" in await step(server.press_button, "form:Clinician")
    assert "participant list" in await step(server.send_text, "skip")
    assert "Fee due: 90 EUR, plus VAT (21%)" in await step(server.press_button, "form:yes")
    assert "You're registered for Tiny Seminar 2030!" in await step(server.press_button, "form:yes")
    async with bot.database.transaction() as session:
        [row] = (await session.scalars(select(Registration))).all()
    assert (row.answers["fee_category"], row.answers["role"], row.answers["listed"]) == (
        "Industry",
        "Clinician",
        "yes",
    )


async def test_in_a_group_the_bot_answers_only_when_mentioned_and_keeps_personal_things_private(
    bot,
) -> None:
    server = bot.server
    server.send_text(ADA, "when is TAI4H?", chat_id=GROUP, chat_type="group")
    server.send_text(ADA, "@eventbot_test_bot when is TAI4H?", chat_id=GROUP, chat_type="group")
    [answer] = await replies_to(bot, GROUP, 1)
    assert "4 August 2024" in answer
    server.send_text(
        ADA, "@eventbot_test_bot register me for the tiny seminar", chat_id=GROUP, chat_type="group"
    )
    server.send_command(ADA, "/mydata", chat_id=GROUP, chat_type="group")
    texts = await replies_to(bot, GROUP, 3)
    assert all("private chat" in text for text in texts[1:])
    assert (
        bot.server.calls_to("sendMessage")[-1].params["reply_markup"]["inline_keyboard"][0][0][
            "url"
        ]
        == "https://t.me/eventbot_test_bot"
    )
    async with bot.database.transaction() as session:
        assert (await session.scalars(select(Registration))).all() == []


async def test_a_handed_off_question_reaches_the_organisers_and_their_reply_the_attendee(
    bot,
) -> None:
    server = bot.server
    server.send_text(ADA, "is there parking at the Leibnizhaus?", first_name="Ada")
    await replies_to(bot, ADA, 1)
    [notice] = await replies_to(bot, ORGANISER, 1)
    assert (
        "#1 · causality-medicine-2023 · Ada (telegram)" in notice and "is there parking" in notice
    )
    assert "I replied:\nI don't have that information" in notice  # the context of the question
    copy = server.bot_messages(ORGANISER)[0]
    server.send_text(ORGANISER, "Yes, on the Holzmarkt, 2 EUR an hour.", reply_to_message=copy)
    answered = await replies_to(bot, ADA, 2)
    assert answered[-1] == (
        "The organisers answered your question “is there parking at the Leibnizhaus?”:\n\n"
        "Yes, on the Holzmarkt, 2 EUR an hour."
    )
    saved = await replies_to(bot, ORGANISER, 2)
    assert "On its way to the attendee." in saved[-1]
    server.press_button(ORGANISER, "qa:1")
    assert "Saved" in (await replies_to(bot, ORGANISER, 3))[-1]
    assert '[[qa]]\nquestion = "is there parking at the Leibnizhaus?"' in (
        bot.events_dir / "causality-medicine-2023.toml"
    ).read_text(encoding="utf-8")
    server.send_text(GRACE, "is there parking at the Leibnizhaus?")
    assert "Holzmarkt" in (await replies_to(bot, GRACE, 1))[0]


async def test_organiser_commands_are_refused_to_others(bot) -> None:
    bot.server.send_command(ADA, "/stats")
    assert (await replies_to(bot, ADA, 1))[0] == "That command is for the organisers."
    bot.server.send_text(ADA, "is there wifi at TAI4H?")
    await replies_to(bot, ADA, 2)
    bot.server.send_command(ORGANISER, "/unanswered")
    listed = await reply_containing(bot, ORGANISER, "/answer NUMBER TEXT")
    assert "#1 · tai4h-2024 · Ada (telegram)" in listed and "wifi" in listed
    bot.server.send_command(ORGANISER, "/stats")
    stats = await reply_containing(bot, ORGANISER, "handed off")
    assert "TAI4H 2024: no registrations; 0 questions answered, 1 handed off" in stats


async def test_retry_after_is_waited_out_and_the_reply_sent_once(bot) -> None:
    bot.server.fail_next("sendMessage", status=429, retry_after=1)
    bot.server.send_text(ADA, "when is TAI4H?")
    await replies_to(bot, ADA, 1)
    await asyncio.sleep(0.5)
    assert len(bot.server.sent_texts(ADA)) == 1
    assert [c.ok for c in bot.server.calls_to("sendMessage")] == [False, True]


async def test_a_reply_whose_connection_dropped_is_sent_again_not_apologised_for(bot) -> None:
    bot.server.drop_next("sendMessage")  # Telegram may or may not have shown it: at least once
    bot.server.send_text(ADA, "when is TAI4H?")
    [answer] = await replies_to(bot, ADA, 1)
    assert "4 August 2024" in answer
    assert not any("something went wrong" in t for t in bot.server.sent_texts(ADA))


async def test_a_500_from_telegram_delays_the_answer_and_loses_nothing(bot) -> None:
    bot.server.fail_next("sendMessage", status=500, times=2)
    bot.server.send_text(ADA, "when is TAI4H?")
    [answer] = await replies_to(bot, ADA, 1)
    assert "4 August 2024" in answer
    assert [c.status for c in bot.server.calls_to("sendMessage")] == [500, 500, 200]


async def test_every_kind_of_update_delivered_twice_is_answered_once(bot) -> None:
    server = bot.server
    for send in (
        lambda: server.send_command(ADA, "/start"),
        lambda: server.send_command(ADA, "/calendar"),
        lambda: server.send_command(ADA, "/nonsense"),
        lambda: server.send_sticker(ADA),
    ):
        update_id = send()
        server.send_update(server.update(update_id))  # Telegram delivers it again
    await asyncio.sleep(1.0)
    texts = server.sent_texts(ADA)
    assert len([t for t in texts if "I don't know the command /nonsense" in t]) == 1
    assert len([t for t in texts if "I can only read text" in t]) == 1
    assert len(server.calls_to("sendMessage", "sendDocument")) == 4


async def test_an_update_numbered_anew_by_telegram_is_answered(bot) -> None:
    server = bot.server
    server.send_text(ADA, "when is TAI4H?")
    await replies_to(bot, ADA, 1)
    server.renumber_updates(1)  # after a week without updates: numbered lower
    server.send_text(ADA, "where is TAI4H?")
    assert "IJCAI" in (await replies_to(bot, ADA, 2))[-1]


async def test_an_attendee_who_blocked_the_bot_is_marked_inactive(bot) -> None:
    bot.server.block_chat(ADA)
    bot.server.send_text(ADA, "when is TAI4H?")
    await bot.server.wait_for(lambda calls: bot.server.calls_to("sendMessage"))
    await asyncio.sleep(0.3)
    async with bot.database.transaction() as session:
        identity = await session.scalar(select(Identity).where(Identity.address == str(ADA)))
    assert identity.active is False
    bot.server.unblock_chat(ADA)
    bot.server.send_text(ADA, "when is TAI4H?")
    await replies_to(bot, ADA, 1)  # the bot goes on, for them and everyone


async def test_stickers_photos_voice_and_edits_get_a_sensible_answer(bot) -> None:
    server = bot.server
    server.send_sticker(ADA)
    server.send_photo(ADA)
    server.send_voice(ADA)
    texts = await replies_to(bot, ADA, 3)
    assert all("I can only read text" in t for t in texts)
    first = server.send_text(ADA, "when is TAI4H?")
    await replies_to(bot, ADA, 4)
    server.edit_text(ADA, server.update(first)["message"], "where is TAI4H?")
    assert "I answer new messages only" in (await replies_to(bot, ADA, 5))[-1]


async def test_an_unknown_command_gets_a_helpful_answer(bot) -> None:
    bot.server.send_command(ADA, "/frobnicate")
    [reply] = await replies_to(bot, ADA, 1)
    assert reply.startswith("I don't know the command /frobnicate.") and "/help" in reply


async def test_calendar_sends_an_ics_file_of_the_event(bot) -> None:
    bot.server.send_command(ADA, "/start tai4h-2024")
    await replies_to(bot, ADA, 1)
    bot.server.send_command(ADA, "/calendar")
    await bot.server.wait_for(lambda calls: bot.server.calls_to("sendDocument"))
    [call] = bot.server.calls_to("sendDocument")
    filename, content = call.files["document"]
    assert filename == "tai4h-2024.ics"
    assert b"BEGIN:VCALENDAR" in content and b"Camera-ready deadline" in content


async def test_a_flooding_attendee_is_slowed_without_slowing_others(bot) -> None:
    for i in range(40):
        bot.server.send_text(ADA, f"when is TAI4H? {i}")
    bot.server.send_text(GRACE, "when is TAI4H?")
    await replies_to(bot, GRACE, 1)
    await replies_to(bot, ADA, 21)
    await asyncio.sleep(0.5)
    texts = bot.server.sent_texts(ADA)
    assert sum("4 August 2024" in t for t in texts) == 20
    assert sum("very fast" in t for t in texts) == 1


async def test_one_private_chat_gets_about_one_message_a_second(tmp_path: Path) -> None:
    async with FakeTelegram(token=TOKEN) as server:
        running = await start_bot(tmp_path, server, per_chat_per_second=1.0)
        try:
            asked = time.monotonic()
            server.send_text(ADA, "what are the topics of LTC?")  # a reply of several messages
            server.send_text(GRACE, "when is TAI4H?")
            await replies_to(running, ADA, 2)
            sent = [c for c in server.calls_to("sendMessage") if c.chat_id == ADA]
            # the second a second after the first could go, which was not before it was asked
            # (from the first's arrival, a busy machine that delays it would shorten the gap)
            assert sent[1].at - asked >= 0.9
            assert server.sent_texts(GRACE)  # another chat was not held up behind them
        finally:
            await stop_bot(running)


async def test_an_update_delivered_twice_is_answered_once(bot) -> None:
    update_id = bot.server.send_text(ADA, "when is TAI4H?")
    await replies_to(bot, ADA, 1)
    bot.server.send_update(
        bot.server.update(update_id)
    )  # Telegram delivers it again after a restart
    bot.server.send_text(ADA, "where is TAI4H?")
    texts = await replies_to(bot, ADA, 2)
    await asyncio.sleep(0.3)
    assert len(bot.server.sent_texts(ADA)) == 2 and "IJCAI" in texts[1]


async def test_webhook_mode_checks_telegrams_secret_token(tmp_path: Path) -> None:
    async with FakeTelegram(token=TOKEN) as server:
        port = _free_port()
        running = await start_bot(
            tmp_path,
            server,
            mode="webhook",
            webhook_url=f"http://127.0.0.1:{port}/telegram",
            webhook_listen="127.0.0.1",
            webhook_port=port,
            webhook_secret="s3cret",
        )
        try:
            call = await server.wait_for_call(
                "setWebhook"
            )  # after setMyCommands, as the bot starts
            assert call.params["secret_token"] == "s3cret"
            await _listening(port)  # the webhook server may come up a moment after setWebhook
            wrong = server.send_text(ADA, "when is TAI4H?", queue=False)
            assert (
                await server.post_to_webhook(call.params["url"], wrong, "not-the-secret")
            ) == 403
            right = server.send_text(ADA, "where is TAI4H?", queue=False)
            assert (await server.post_to_webhook(call.params["url"], right, "s3cret")) == 200
            texts = await replies_to(running, ADA, 1)
            await asyncio.sleep(0.3)
            assert len(server.sent_texts(ADA)) == 1 and "IJCAI" in texts[0]
        finally:
            await stop_bot(running)


async def _listening(port: int, timeout: float = 10.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            if asyncio.get_running_loop().time() > deadline:
                raise
            await asyncio.sleep(0.05)
            continue
        writer.close()
        await writer.wait_closed()
        return


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def test_an_answer_about_a_deadline_offers_a_reminder_that_can_be_seen_and_stopped(
    bot,
) -> None:
    bot.server.send_text(ADA, "when does registration for the tiny seminar close?")
    [answer] = await replies_to(bot, ADA, 1)
    assert "15 September 2030" in answer
    markup = bot.server.calls_to("sendMessage")[-1].params["reply_markup"]
    [[button]] = markup["inline_keyboard"]
    assert button["text"] == "🔔 Remind me"
    bot.server.press_button(ADA, button["callback_data"])
    subscribed = await reply_containing(bot, ADA, "I'll remind you")
    assert "registration deadline of Tiny Seminar 2030" in subscribed
    bot.server.send_command(ADA, "/reminders")
    listing = await reply_containing(bot, ADA, "Your reminders")
    assert "Tiny Seminar 2030: registration" in listing
    bot.server.send_text(ADA, "stop reminders")
    assert "no more reminders" in await reply_containing(bot, ADA, "Done")
    bot.server.send_command(ADA, "/reminders")
    await reply_containing(bot, ADA, "You have no reminders")


def with_broadcasts(bot: SimpleNamespace) -> SimpleNamespace:
    """The bot as `eventbot run` starts it: broadcasts written to its outbox."""
    from eventbot.app import broadcaster_for
    from eventbot.config import Settings

    settings = Settings(telegram=bot.channel.settings)
    outbox = bot.channel.outbox  # the channel sends the outbox's Telegram rows itself
    bot.channel.broadcasts.broadcaster = broadcaster_for(
        bot.database, settings, outbox, ["telegram"]
    )
    bot.channel.broadcasts.queued = bot.channel.wake
    return bot


async def test_an_organiser_broadcasts_from_telegram_with_a_preview_progress_and_report(
    tmp_path: Path,
) -> None:
    """The draft is kept in the database: a restart between the preview and the button loses
    nothing, and the button pressed twice sends once."""
    async with FakeTelegram(token=TOKEN) as server:
        bot = with_broadcasts(await start_bot(tmp_path, server))
        try:
            bot.server.send_text(ADA, "where is the tiny seminar?")  # Ada has written about it
            await replies_to(bot, ADA, 1)
            bot.server.send_command(ADA, "/broadcast tiny-seminar-2030 writers")
            assert "for the organisers" in await reply_containing(bot, ADA, "organisers")
            bot.server.send_command(ORGANISER, "/broadcast tiny-seminar-2030 writers")
            asked = await reply_containing(bot, ORGANISER, "Send me the message")
            assert "{name}" in asked
        finally:
            await stop_bot(bot)
        bot = with_broadcasts(await start_bot(tmp_path, server))  # restarted: the draft is kept
        try:
            bot.server.send_text(ORGANISER, "Hello {name}, the seminar moves to Room 2.02.")
            preview = await reply_containing(bot, ORGANISER, "recipients")
            assert "Hello Ada" in preview and "1 recipients (1 on telegram)" in preview
        finally:
            await stop_bot(bot)
        bot = with_broadcasts(await start_bot(tmp_path, server))
        try:
            bot.server.press_button(ORGANISER, "bc:send:1")
            report = await reply_containing(bot, ORGANISER, "sent: 1")
            assert report.startswith("Broadcast #1 to writers of tiny-seminar-2030:")
            [news] = [t for t in bot.server.sent_texts(ADA) if "Room 2.02" in t]
            assert news.startswith("Hello Ada")
            assert "reply “stop reminders”" in news
            bot.server.press_button(ORGANISER, "bc:send:1")
            await reply_containing(bot, ORGANISER, "#1 is not waiting to be sent")
            assert len([t for t in bot.server.sent_texts(ADA) if "Room 2.02" in t]) == 1
        finally:
            await stop_bot(bot)
