"""The Telegram channel: attendees and organisers through python-telegram-bot."""

from .channel import COMMANDS, TelegramChannel

__all__ = ["COMMANDS", "TelegramChannel"]
