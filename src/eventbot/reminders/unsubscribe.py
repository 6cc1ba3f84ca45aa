"""Unsubscribe links: signed, so that a link stops one recipient's mail of one event and nobody
can stop someone else's by writing another address into it (RFC 8058 one-click)."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlencode

PATH = "/unsubscribe"


@dataclass(frozen=True)
class Unsubscribe:
    """Who stops what: an address on a channel, an event's reminders and broadcasts."""

    channel: str
    address: str
    event_id: str


def sign(secret: str, what: Unsubscribe) -> str:
    message = "\n".join((what.channel, what.address, what.event_id)).encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()[:32]


def link(base_url: str, secret: str, what: Unsubscribe) -> str:
    query = {"c": what.channel, "a": what.address, "e": what.event_id, "t": sign(secret, what)}
    return f"{base_url.rstrip('/')}{PATH}?{urlencode(query)}"


def verify(secret: str, query: Mapping[str, str]) -> Unsubscribe | None:
    """What a link asks to stop, if its signature holds."""
    try:
        what = Unsubscribe(query["c"], query["a"], query["e"])
        signature = query["t"]
    except KeyError:
        return None
    return what if hmac.compare_digest(sign(secret, what), signature) else None
