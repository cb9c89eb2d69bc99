"""The one base of every error the tool expects (bad input, a missing store, a server that does not answer).

The command line turns a `DiplographError` into one line on stderr and exit status 2; anything else is a bug
and shows its traceback. Notebook users can catch `diplograph.DiplographError`.
"""

from __future__ import annotations


class DiplographError(Exception):
    """Something the user can fix; the message says what, in one line. `details` are more lines to show
    under it (the query line a syntax error points at, for one)."""

    def __init__(self, message: str, details: list[str] | None = None) -> None:
        super().__init__(message)
        self.details = list(details or [])
