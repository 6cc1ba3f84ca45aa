"""eventbot: an assistant for the attendees and organisers of academic events."""

__version__ = "0.1.0"
