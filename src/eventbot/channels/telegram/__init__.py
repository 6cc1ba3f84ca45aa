"""The Telegram channel: attendees and organisers through python-telegram-bot."""

from .channel import COMMANDS, TelegramChannel
from .transport import TelegramTransport

__all__ = ["COMMANDS", "TelegramChannel", "TelegramTransport"]
