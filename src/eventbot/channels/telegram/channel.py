"""The Telegram channel: updates from python-telegram-bot go to the assistant; its replies come
back as escaped HTML with inline keyboards. Organisers get the questions it could not answer."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import datetime as dt
import logging
import re
from collections.abc import AsyncIterator, Callable, Coroutine
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
from telegram import (
    BotCommand,
    Chat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    Update,
    User,
)
from telegram.constants import ChatType, ParseMode
from telegram.error import Forbidden, InvalidToken, NetworkError, TelegramError, TimedOut
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from ...clock import Clock, SystemClock
from ...config import TelegramSettings
from ...conversation import REMIND_CHOICE, Assistant, Sender
from ...engine import EVENT_CHOICE, Outcome
from ...engine.intents import ACTIONS, Intent
from ...errors import ChannelError, ConfigError
from ...knowledge.calendar import event_calendar
from ...organisers import Inbox
from ...outbox import Dispatcher, Outbox
from .broadcasts import CHOICE as BROADCAST_CHOICE
from .broadcasts import BroadcastsOnTelegram
from .flood import ChatRateLimiter, FloodGate
from .format import CALLBACK_LIMIT, escape, keyboard, split
from .once import Replies, first_time, forget_old, update_key
from .organisers import CHANNEL, QA_CHOICE, OrganisersOnTelegram
from .transport import telegram_lane

log = logging.getLogger(__name__)
#: Commands attendees see in Telegram's menu, and the intent each names.
COMMANDS: dict[str, tuple[str, Intent | None]] = {
    "start": ("Start, or pick an event by its link", None),
    "help": ("What I can do", Intent.CAPABILITIES),
    "events": ("The events I know", Intent.EVENTS),
    "register": ("Register for an event", Intent.REGISTER),
    "status": ("Your registrations", Intent.MY_REGISTRATION),
    "cancel": ("Stop what we are doing, or cancel a registration", Intent.CANCEL_REGISTRATION),
    "calendar": ("Add the event and its deadlines to your calendar", None),
    "remind": ("Reminders before an event's deadlines", Intent.REMIND),
    "reminders": ("Your reminders, and how to stop them", Intent.MY_REMINDERS),
    "mydata": ("What I store about you", Intent.MY_DATA),
    "forget": ("Delete everything I store about you", Intent.FORGET),
}
PERSONAL = {
    "register",
    "status",
    "cancel",
    "mydata",
    "forget",
    "remind",
    "reminders",
}  # never answered in a group
ORGANISER_COMMANDS = {"unanswered", "answer", "stats"}  # and /broadcast
#: What python-telegram-bot calls for an update: every handler here has this shape.
UpdateCallback = Callable[[Update, ContextTypes.DEFAULT_TYPE], Coroutine[Any, Any, None]]


class TelegramChannel:
    """Attendees and organisers on Telegram, through one python-telegram-bot Application."""

    def __init__(
        self,
        assistant: Assistant,
        settings: TelegramSettings,
        *,
        events_dir: Path,
        forward_every: float = 5.0,
        inbox: Inbox | None = None,
        outbox: Outbox | None = None,
        clock: Clock | None = None,
        lease: dt.timedelta = dt.timedelta(minutes=5),
    ) -> None:
        if settings.token is None:
            raise ConfigError("no Telegram token: set EVENTBOT_TELEGRAM_TOKEN or [telegram] token")
        self.assistant = assistant
        self.outbox = outbox or Outbox(assistant.database)
        # when to send: the real time, even where the assistant's answers are pinned to a day
        self.clock = clock or SystemClock()
        self.lease = lease  # a message taken for sending this long ago died with its process
        self.dispatcher: Dispatcher | None = None  # sends the outbox's Telegram rows, in run()
        self.settings = settings
        self.events_dir = events_dir
        self.token = settings.token.get_secret_value()
        self.organisers = OrganisersOnTelegram(
            assistant=assistant,
            inbox=inbox or Inbox(assistant.database, assistant.clock),
            settings=settings,
            events_dir=events_dir,
            send=self._send,
            outbox=self.outbox,
            wake=self.wake,
            clock=self.clock,
            forward_every=forward_every,
        )
        self.broadcasts = BroadcastsOnTelegram(
            events=lambda: self.assistant.engine.events,
            send=self._send,
            edit=self._edit,
            clock=self.clock,
            is_organiser=self.organisers.is_organiser,
        )
        self.flood = FloodGate(messages=settings.flood_messages, seconds=settings.flood_seconds)
        self._locks: dict[int, asyncio.Lock] = {}
        self.application = self._build()

    def _build(self) -> Application:
        application = (
            ApplicationBuilder()
            .token(self.token)
            .base_url(self.settings.base_url)
            .rate_limiter(
                ChatRateLimiter(
                    per_chat_per_second=self.settings.per_chat_per_second,
                    overall_per_second=self.settings.overall_per_second,
                )
            )
            # attendees in parallel; each attendee's messages in order (locks)
            .concurrent_updates(True)
            .build()
        )
        for name in COMMANDS:
            application.add_handler(CommandHandler(name, self._guard(self._on_command)))
        for name in ORGANISER_COMMANDS:
            application.add_handler(CommandHandler(name, self._guard(self.organisers.on_command)))
        application.add_handler(CommandHandler("broadcast", self._guard(self._on_broadcast)))
        application.add_handler(
            MessageHandler(filters.COMMAND, self._guard(self._on_unknown_command))
        )
        application.add_handler(CallbackQueryHandler(self._guard(self._on_button)))
        application.add_handler(
            MessageHandler(filters.UpdateType.EDITED, self._guard(self._on_edited))
        )
        application.add_handler(
            MessageHandler(
                filters.TEXT & filters.REPLY & self._organisers_filter(),
                self._guard(self._on_organiser_reply),
            )
        )
        application.add_handler(MessageHandler(filters.TEXT, self._guard(self._on_text)))
        application.add_handler(MessageHandler(filters.ALL, self._guard(self._on_other)))
        application.add_error_handler(self._on_error)
        return application

    async def _on_organiser_reply(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """An organiser's reply to a question answers it; any other reply is a message."""
        if not await self.organisers.on_reply(update):
            await self._on_text(update, context)

    def _organisers_filter(self) -> filters.BaseFilter:
        return (
            filters.User(user_id=self.settings.organisers)
            if self.settings.organisers
            else filters.User(user_id=[])
        )

    # -- running ----------------------------------------------------------------------------

    async def run(self, stop: asyncio.Event) -> None:
        """Serve until `stop` is set: long polling, or a webhook when the settings say so.
        A token Telegram refuses, or a Telegram that cannot be reached, is one sentence."""
        await self._initialize()
        async with self.application:
            await self.application.bot.set_my_commands(
                [BotCommand(name, about) for name, (about, _) in COMMANDS.items()]
            )
            await self.application.start()
            updater = self.application.updater
            assert updater is not None  # the builder makes one unless told .updater(None)
            if self.settings.mode == "webhook":
                if not self.settings.webhook_url:
                    raise ConfigError('[telegram] mode = "webhook" needs webhook_url')
                secret = (
                    self.settings.webhook_secret.get_secret_value()
                    if self.settings.webhook_secret
                    else None
                )
                await updater.start_webhook(
                    listen=self.settings.webhook_listen,
                    port=self.settings.webhook_port,
                    url_path=self.settings.webhook_path,
                    webhook_url=self.settings.webhook_url,
                    secret_token=secret,
                    allowed_updates=Update.ALL_TYPES,
                )
            else:
                await updater.start_polling(allowed_updates=Update.ALL_TYPES, poll_interval=0.0)
            self.dispatcher = Dispatcher(
                self.outbox,
                self.clock,
                {
                    CHANNEL: telegram_lane(
                        self.application.bot, self.settings, self.assistant.database
                    )
                },
                lease=self.lease,
            )
            sending = asyncio.create_task(self.dispatcher.run(stop))
            forwarding = asyncio.create_task(self.organisers.forward_loop(stop))
            await stop.wait()
            forwarding.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await forwarding
            await sending  # the messages being sent at `stop` are finished
            await updater.stop()
            await self.application.stop()

    async def _initialize(self) -> None:
        """Ask Telegram who the bot is: the first call, where a bad token or no network shows."""
        where = _host(self.settings.base_url)
        try:
            await self.application.initialize()
        except InvalidToken as exc:
            raise ConfigError(
                "Telegram refused the bot token: check EVENTBOT_TELEGRAM_TOKEN ([telegram] token) "
                "against the one @BotFather gave you"
            ) from exc
        except (NetworkError, TimedOut) as exc:
            raise ChannelError(
                f"cannot reach Telegram at {where}: check the network, or [telegram] base_url"
            ) from exc
        except TelegramError as exc:
            raise ChannelError(
                f"Telegram at {where} answered: {_scrub(str(exc), self.token)}"
            ) from exc

    def _guard(self, handler: UpdateCallback) -> UpdateCallback:
        """Each attendee's updates one at a time and once only; a flood from one is cut short."""

        async def guarded(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
            user, chat = update.effective_user, update.effective_chat
            if user is None or chat is None:
                return  # a channel post has no sender, a button under an inline result no chat
            verdict = self.flood.admit(user.id)
            if verdict == "drop":
                return
            if verdict == "warn":
                await self._send(
                    chat.id,
                    "You are sending messages very fast; I'll read yours again in a few seconds.",
                )
                return
            lock = self._locks.setdefault(user.id, asyncio.Lock())
            async with lock:
                await handler(update, context)

        return guarded

    # -- attendees ----------------------------------------------------------------------------

    async def _on_broadcast(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/broadcast EVENT SEGMENT, from an organiser."""
        if update.effective_chat is not None:
            await self.broadcasts.on_command(
                update.effective_chat.id, update.effective_user, list(context.args or [])
            )

    async def _on_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A message: answered in a private chat; in a group only when meant for the bot."""
        chat, user, message = update.effective_chat, update.effective_user, update.effective_message
        if chat is None or user is None or message is None or message.text is None:
            return  # not a text message from someone in a chat: nothing to answer
        if await self.broadcasts.on_text(update):
            return  # an organiser's message for a broadcast being prepared
        if self._in_group(update):
            text = self._addressed(message, context)
            if text is None:
                return  # in a group only what is meant for the bot is answered
            await self._answer(update, chat.id, self._group_sender(chat), text, public=True)
            return
        await self._answer(update, chat.id, self._sender(user), message.text, name=_name(user))

    async def _on_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """One of COMMANDS: personal ones only in a private chat."""
        chat, user, message = update.effective_chat, update.effective_user, update.effective_message
        if chat is None or user is None or message is None or message.text is None:
            return  # not a command someone typed in a chat
        name = message.text.split()[0].lstrip("/").split("@")[0].lower()
        if self._in_group(update) and name in PERSONAL:
            async with self._once(update) as replies:
                if replies is not None:
                    replies.add(
                        chat.id,
                        self.assistant.engine.phrases.say("private_only"),
                        markup=self._private_button(),
                    )
            return
        if name == "calendar":
            await self._send_calendar(update, chat.id, user)
            return
        intent = COMMANDS[name][1]
        text, choice = message.text, None
        if name == "start":  # a link such as t.me/<bot>?start=tai4h-2024 picks the event
            picked = context.args[0] if context.args else None
            text = ""
            if picked in self.assistant.engine.events:
                choice, intent = EVENT_CHOICE + picked, Intent.ABOUT
            else:
                intent = Intent.GREETING
        await self._answer(
            update,
            chat.id,
            self._sender(user),
            text,
            choice=choice,
            intent=intent,
            name=_name(user),
            public=self._in_group(update),
        )

    async def _on_unknown_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A command the bot does not know: the ones it knows."""
        chat, message = update.effective_chat, update.effective_message
        if chat is None or message is None or message.text is None:
            return  # not a command someone typed in a chat
        if self._in_group(update) and not self._mentions_me(message, context):
            return
        known = " ".join(f"/{name}" for name in COMMANDS)
        await self._say_once(
            update, chat.id, f"I don't know the command {message.text.split()[0]}. I know {known}."
        )

    async def _on_button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A button pressed: the choice goes to the assistant as if typed."""
        query, chat, user = update.callback_query, update.effective_chat, update.effective_user
        if query is None or chat is None or user is None:
            return  # not a button under a message in a chat
        await query.answer()
        if query.data and query.data.startswith(BROADCAST_CHOICE):
            await self.broadcasts.on_button(chat.id, user, query.data)
            return
        if query.data and query.data.startswith(QA_CHOICE):
            question_id = int(query.data.removeprefix(QA_CHOICE))
            await self.organisers.save_as_qa(chat.id, user, question_id)
            return
        # None when Telegram no longer shows the message (too old): its buttons are unknown then
        shown = query.message if isinstance(query.message, Message) else None
        markup = shown.reply_markup if shown is not None else None
        rows = markup.inline_keyboard if markup is not None else ()
        label = next((b.text for row in rows for b in row if b.callback_data == query.data), None)
        if shown is not None and shown.text and label:
            with contextlib.suppress(TelegramError):  # show what was picked; the buttons are spent
                await query.edit_message_text(
                    f"{escape(shown.text)}\n\n<i>→ {escape(label)}</i>",
                    parse_mode=ParseMode.HTML,
                )
        await self._answer(
            update,
            chat.id,
            self._sender(user),
            label or "",
            choice=query.data,
            name=_name(user),
            public=self._in_group(update),
        )

    async def _on_edited(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """An edited message: asked to send it again, in a private chat."""
        chat = update.effective_chat
        if chat is not None and not self._in_group(update):
            await self._say_once(
                update,
                chat.id,
                "I answer new messages only: if your question changed, please send it again.",
            )

    async def _on_other(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A photo, a sticker, a voice message: asked for text, in a private chat."""
        chat = update.effective_chat
        if chat is None or update.effective_message is None or self._in_group(update):
            return
        await self._say_once(
            update,
            chat.id,
            "I can only read text. Please type your question, for example “when is the deadline?”",
        )

    async def _send_calendar(self, update: Update, chat_id: int, user: User) -> None:
        state_event = await self.assistant.event_of(self._sender(user))
        events = self.assistant.engine.events
        event = (
            events.get(state_event)
            if state_event
            else (next(iter(events.values())) if len(events) == 1 else None)
        )
        ics = event_calendar(event) if event is not None else None
        async with self._once(update) as replies:
            if replies is None:
                return
            if event is None:
                replies.add(
                    chat_id,
                    "Which event? Ask me about one first (see /events), then send /calendar again.",
                )
            elif ics is None:
                replies.add(
                    chat_id, f"I can't make a calendar for {event.label}: its dates are not known."
                )
            else:
                replies.add(
                    chat_id,
                    "",
                    attachments=[
                        {
                            "filename": f"{event.id}.ics",
                            "content_type": "text/calendar",
                            "data": base64.b64encode(ics).decode("ascii"),
                            "caption": event.label,
                        }
                    ],
                )

    # -- sending --------------------------------------------------------------------------------

    async def _answer(
        self,
        update: Update,
        chat_id: int,
        sender: Sender,
        text: str,
        *,
        choice: str | None = None,
        intent: str | None = None,
        name: str | None = None,
        public: bool = False,
    ) -> None:
        """The assistant's answer, written to the outbox in the transaction that records the
        update (and a copy of a handed-off question for the organisers, in the same one)."""
        async with self._once(update) as replies:
            if replies is None:
                return
            answered = await self.assistant.answer(
                replies.session,
                sender,
                text,
                choice=choice,
                intent=intent,
                name=name,
                public=public,
                ids=True,
            )
            outcome = answered.outcome
            refused = public and bool(outcome.intents) and outcome.intents[0] in ACTIONS
            for number, reply in enumerate(outcome.replies, start=1):
                markup = self._private_button() if refused else keyboard(reply.choices)
                if markup is None and not public and number == len(outcome.replies):
                    markup = self._remind_button(outcome)
                replies.add(chat_id, reply.text, markup=markup, identity_id=answered.identity_id)
            if answered.handoff_id is not None:
                await self.organisers.copy_questions(replies)

    @asynccontextmanager
    async def _once(self, update: Update) -> AsyncIterator[Replies | None]:
        """A transaction for one update: None when the update was handled before; else what
        is added to the replies is written to the outbox with it, and sent after it."""
        now = self.clock.now()
        database = self.assistant.database
        async with database.transaction() as session:
            key = update_key(update)
            if not await first_time(session, key, now, sqlite_=database.sqlite):
                log.info("update %s was handled before", key)
                yield None
                return
            if update.update_id % 1000 == 0:
                await forget_old(session, now)
            replies = Replies(key, session, now)
            yield replies
            await replies.write(self.outbox)
        if replies.messages:
            self.wake()

    async def _say_once(self, update: Update, chat_id: int, text: str) -> None:
        async with self._once(update) as replies:
            if replies is not None:
                replies.add(chat_id, text)

    def wake(self) -> None:
        """Something for Telegram was written to the outbox: send it now."""
        if self.dispatcher is not None:
            self.dispatcher.wake()

    async def _send(
        self, chat_id: int, text: str, *, markup: InlineKeyboardMarkup | None = None
    ) -> Message | None:
        """Send `text` (escaped, split at Telegram's limit; the buttons go with the last part).
        None when the chat has blocked the bot, which marks the attendee inactive."""
        parts = split(text)
        sent = None
        for number, part in enumerate(parts, start=1):
            sent = await self._deliver(chat_id, part, markup if number == len(parts) else None)
            if sent is None:
                return None
        return sent

    async def _deliver(
        self, chat_id: int, html: str, markup: InlineKeyboardMarkup | None
    ) -> Message | None:
        for attempt in range(4):
            try:
                return await self.application.bot.send_message(
                    chat_id, html, parse_mode=ParseMode.HTML, reply_markup=markup
                )
            except Forbidden:
                await self.assistant.mark_inactive(Sender(CHANNEL, str(chat_id)))
                return None
            except TimedOut:
                raise  # the message may have arrived: sending it again could show it twice
            except NetworkError as exc:
                if not isinstance(exc.__cause__, httpx.ConnectError) or attempt == 3:
                    raise  # only a connection never made is safe to try again
                await asyncio.sleep(0.5 * 2**attempt)
        return None

    async def _edit(self, chat_id: int, message_id: int, text: str) -> None:
        await self.application.bot.edit_message_text(
            escape(text), chat_id=chat_id, message_id=message_id, parse_mode=ParseMode.HTML
        )

    def _remind_button(self, outcome: Outcome) -> InlineKeyboardMarkup | None:
        """Under an answer about one deadline, a button to be reminded of it."""
        about = outcome.intents[-1:] in ([Intent.DEADLINES], [Intent.REGISTRATION])
        if outcome.handoff or outcome.event is None or not about:
            return None
        moments = [f for f in outcome.facts if f.startswith("deadlines[")]
        if not moments and "registration.deadline" in outcome.facts:
            moments = ["registration.deadline"]
        if len(moments) != 1:
            return None
        data = f"{REMIND_CHOICE}{outcome.event}:{moments[0]}"
        if len(data.encode()) > CALLBACK_LIMIT:
            return None
        label = self.assistant.engine.phrases_for(outcome.state).say("choice_remind")
        return InlineKeyboardMarkup([[InlineKeyboardButton(label, callback_data=data)]])

    def _private_button(self) -> InlineKeyboardMarkup:
        username = self.application.bot.username
        return InlineKeyboardMarkup(
            [[InlineKeyboardButton("Open a private chat", url=f"https://t.me/{username}")]]
        )

    # -- who and where ----------------------------------------------------------------------------

    @staticmethod
    def _sender(user: User) -> Sender:
        return Sender(CHANNEL, str(user.id))

    @staticmethod
    def _group_sender(chat: Chat) -> Sender:
        return Sender("telegram-group", str(chat.id))

    @staticmethod
    def _in_group(update: Update) -> bool:
        return update.effective_chat is not None and update.effective_chat.type != ChatType.PRIVATE

    def _mentions_me(self, message: Message, context: ContextTypes.DEFAULT_TYPE) -> bool:
        username = f"@{context.bot.username}".lower()
        return username in (message.text or "").lower()

    def _addressed(self, message: Message, context: ContextTypes.DEFAULT_TYPE) -> str | None:
        """The text of a group message meant for the bot (mentioning it or replying to it), else None."""
        text = message.text
        if text is None:
            return None
        replied = message.reply_to_message
        if (
            replied is not None
            and replied.from_user is not None
            and replied.from_user.id == context.bot.id
        ):
            return text
        if self._mentions_me(message, context):
            mention = re.escape(f"@{context.bot.username}")
            return re.sub(mention, "", text, flags=re.IGNORECASE).strip()
        return None

    async def _on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        log.error("error while handling an update: %s", context.error, exc_info=context.error)
        if (
            isinstance(update, Update)
            and update.effective_chat is not None
            and not isinstance(context.error, Forbidden)
        ):
            with contextlib.suppress(TelegramError):
                await context.bot.send_message(
                    update.effective_chat.id,
                    "Sorry, something went wrong on my side. Please try again in a moment.",
                )


def _name(user: User) -> str:
    return user.full_name or user.username or str(user.id)


def _host(url: str) -> str:
    """Where the Bot API is, as people may see it: the host, never the token after it."""
    return urlsplit(url).netloc or url.split("/")[0]


def _scrub(text: str, token: str) -> str:
    return text.replace(token, "***")
