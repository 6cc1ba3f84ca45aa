"""The organisers' side: the questions handed to them, their answers, and the registrations."""

from .inbox import Figures, Inbox, OpenQuestion
from .registrations import Cancelled, Entry, Listing, RegistrationsOffice

__all__ = [
    "Cancelled",
    "Entry",
    "Figures",
    "Inbox",
    "Listing",
    "OpenQuestion",
    "RegistrationsOffice",
]
