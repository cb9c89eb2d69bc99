"""What the tool says to a person: every message goes through `clean`, so that no text from a file name, an
article or a server can draw on the terminal, forge a second line or be read as markup.
"""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, line and paragraph separators, and the bidirectional overrides and isolates that
# can make a file name read backwards on screen
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\x1b": "\\x1b"}


def _escape(m: re.Match) -> str:
    ch = m.group(0)
    return _NAMED.get(ch) or (f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}")


def clean(text: object) -> str:
    """One line of plain text: control characters shown escaped (ESC as \\x1b, a newline as \\n).

    >>> clean("a\\nb\\x1b[31m")
    'a\\\\nb\\\\x1b[31m'
    """
    return _UNSAFE.sub(_escape, str(text))


def plain(text: object, style: str | None = None):
    """A rich `Text` of the cleaned text: printed as it is, never read as markup ([/]) or emoji (:100:)."""
    from rich.text import Text

    return Text(clean(text), style=style or "")


def say(console, text: object, style: str | None = None) -> None:
    """Print one message line on a rich console (no markup, no emoji, no highlighting)."""
    console.print(plain(text, style), markup=False, emoji=False, highlight=False, soft_wrap=True)
