"""Whether a mail was written by a machine (an auto-reply, a report, a list), so never answered."""

from __future__ import annotations

import re
from collections.abc import Callable
from enum import StrEnum

__all__ = ["Automatic", "automatic_reason"]


class Automatic(StrEnum):
    """Why a mail was written by a machine, and so must never be answered."""

    REPORT = "report"  # multipart/report (delivery or read report), X-Failed-Recipients
    AUTO_SUBMITTED = "auto-submitted"  # Auto-Submitted other than "no" (RFC 3834)
    NULL_RETURN_PATH = "null-return-path"  # Return-Path <>
    AUTO_REPLY_HEADER = "auto-reply-header"  # X-Autoreply, X-Autorespond; X-Auto-Response-
    # Suppress asking for no auto-replies (All, OOF or AutoReply; not only DR, RN)
    PRECEDENCE = "precedence"  # Precedence bulk, junk, list or auto_reply
    MAILING_LIST = "mailing-list"  # List-Id, List-Unsubscribe
    ROBOT_SENDER = "robot-sender"  # mailer-daemon, postmaster, no-reply …
    LOOP = "loop"  # X-Loop, X-MS-Exchange-Inbox-Rules-Loop
    MACHINE_GENERATED = "machine-generated"  # X-FC-Machinegenerated
    OUT_OF_OFFICE = "out-of-office"  # a subject such as "Automatic reply:" or "Abwesenheitsnotiz:"


_ROBOT = re.compile(
    r"(?:^|[.+-])(?:mailer-?daemon|post-?master|no-?reply|do-?not-?reply)(?:$|[.+-])"
)
_PRECEDENCE = re.compile(r"\s*(?:bulk|junk|list|auto[-_]reply)\b", re.IGNORECASE)
_ABSENCE = re.compile(  # at the start of a subject, then ":", "]" or nothing more
    r"\W*(?:auto|auto[- ]?reply|auto[- ]?response|automatic reply|autosvar|automatisk svar"
    r"|automatisch antwoord|automatische antwort|abwesenheitsnotiz|abwesend"
    r"|out of (?:the )?office(?: auto[- ]?reply)?|réponse automatique|risposta automatica"
    r"|risposta non al computer|respuesta automática|resposta automática|fuori sede|frånvaro"
    r"|fravær|afwezig|automaattinen vastaus|poza biurem)\s*(?::|\]|$)",
    re.IGNORECASE,
)


def automatic_reason(
    header: Callable[[str], str | None],
    *,
    content_type: str,
    sender: str,
    return_path: str | None,
    subject: str,
    bounced: bool,
) -> Automatic | None:
    """The first reason, in the order of `Automatic`, that no person wrote this mail; `header`
    gives a header on one line in lower case (None when there is none), `sender` the address of
    From ("" when there is none), `bounced` whether the mail is a delivery report."""

    def present(name: str) -> bool:
        value = header(name)
        return value is not None and value not in ("no", "false")

    submitted = header("auto-submitted")
    suppress = header("x-auto-response-suppress") or ""
    local_part = sender.rsplit("@", 1)[0].replace("_", "-")
    if bounced or content_type == "multipart/report":
        return Automatic.REPORT
    if submitted is not None and re.split(r"[\s;(]", submitted)[0] != "no":
        return Automatic.AUTO_SUBMITTED
    if return_path == "":
        return Automatic.NULL_RETURN_PATH
    if present("x-autoreply") or present("x-autorespond"):
        return Automatic.AUTO_REPLY_HEADER
    if re.search(r"\b(?:all|oof|autoreply)\b", suppress):
        return Automatic.AUTO_REPLY_HEADER
    if _PRECEDENCE.match(header("precedence") or ""):
        return Automatic.PRECEDENCE
    if header("list-id") is not None or header("list-unsubscribe") is not None:
        return Automatic.MAILING_LIST
    if _ROBOT.search(local_part):
        return Automatic.ROBOT_SENDER
    if present("x-loop") or header("x-ms-exchange-inbox-rules-loop") is not None:
        return Automatic.LOOP
    if header("x-fc-machinegenerated") == "true":
        return Automatic.MACHINE_GENERATED
    if _ABSENCE.match(subject):
        return Automatic.OUT_OF_OFFICE
    return None
