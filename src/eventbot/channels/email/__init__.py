"""The email channel: the contact mailbox read over IMAP, replies sent over SMTP."""

from .channel import EmailChannel
from .transport import EmailTransport

__all__ = ["EmailChannel", "EmailTransport"]
