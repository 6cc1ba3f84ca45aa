"""The errors eventbot raises: one small tree, each carrying a sentence for people.

    EventbotError
    ├── ConfigError           the config file or the environment is wrong
    ├── KnowledgeError        an event file is wrong; carries every Problem found
    ├── StorageError          the database cannot be opened, created or migrated
    ├── ChannelError          a channel's server cannot be reached, or refuses us (ConnectionError)
    │   └── DeliveryError     one message could not be delivered; `permanent` or worth a retry
    └── RegistrationError     the registration desk refuses a change
        ├── AlreadyRegistered   the email address already holds a live registration
        └── EventFull           no place left, and the attendee did not ask for the waiting list

A library's exception is translated where it is caught, with `raise ... from exc`; `str()` of any
of these is a sentence that names no secret.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .knowledge.load import Problem
    from .storage.models import Registration

__all__ = [
    "AlreadyRegistered",
    "ChannelError",
    "ConfigError",
    "DeliveryError",
    "EventFull",
    "EventbotError",
    "KnowledgeError",
    "RegistrationError",
    "StorageError",
]


class EventbotError(Exception):
    """Something a person must know or fix; `str()` of it is the sentence to show them."""


class ConfigError(EventbotError, ValueError):
    """The config file or an environment variable is wrong."""


class KnowledgeError(EventbotError, ValueError):
    """One or more event files are wrong."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(problem) for problem in problems))


class StorageError(EventbotError):
    """The database cannot be opened, created or migrated."""


class ChannelError(EventbotError, ConnectionError):
    """A channel's server (Telegram, IMAP, SMTP) cannot be reached, or refuses our credentials."""


class DeliveryError(ChannelError):
    """One message could not be delivered. `permanent` when trying again cannot help (a blocked
    bot, a refused address); otherwise `retry_after` may say how long the server asked to wait."""

    def __init__(
        self,
        reason: str,
        *,
        permanent: bool,
        retry_after: float | None = None,
        code: int | None = None,
    ) -> None:
        self.reason = reason
        self.permanent = permanent
        self.retry_after = retry_after
        self.code = code
        super().__init__(reason)


class RegistrationError(EventbotError):
    """The registration desk refuses a change."""


class AlreadyRegistered(RegistrationError):
    """The email address already holds a live registration for the event."""

    def __init__(self, registration: Registration) -> None:
        self.registration = registration
        super().__init__(f"already registered as {registration.reference}")


class EventFull(RegistrationError):
    """No place is left, and the attendee did not ask for the waiting list."""
