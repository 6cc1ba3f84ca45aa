"""The errors eventbot raises: one small tree, each carrying a sentence for people.

EventbotError
├── ConfigError       the config file or environment is wrong
└── KnowledgeError    an event file is wrong; carries every Problem found
"""

from __future__ import annotations


class EventbotError(Exception):
    """Something a person must fix; `str()` of it is the sentence to show them."""


class ConfigError(EventbotError, ValueError):
    """The config file or an environment variable is wrong."""


class KnowledgeError(EventbotError, ValueError):
    """One or more event files are wrong."""

    def __init__(self, problems: list) -> None:
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))
