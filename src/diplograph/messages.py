"""What the tool says to a person: every message goes through `clean`, so that no text from a file name, an
article or a server can draw on the terminal, forge a second line or be read as markup.
"""

from __future__ import annotations

import unicodedata

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\x1b": "\\x1b"}


def _escape(ch: str) -> str:
    return _NAMED.get(ch) or (f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else
                              f"\\u{ord(ch):04x}" if ord(ch) < 0x10000 else f"\\U{ord(ch):08x}")


def clean(text: object) -> str:
    """One line of plain text: control and other invisible characters shown escaped (ESC as \\x1b, a newline
    as \\n).

    >>> clean("a\\nb\\x1b[31m")
    'a\\\\nb\\\\x1b[31m'
    """
    text = str(text)
    if text.isprintable():
        return text
    # every character Python does not call printable but spaces (French text is full of no-break spaces):
    # C0/C1 controls, DEL, format characters such as the bidirectional overrides and zero-width marks, line and
    # paragraph separators, private-use, unassigned and surrogate code points
    return "".join(c if c.isprintable() or unicodedata.category(c) == "Zs" else _escape(c) for c in text)


def plain(text: object, style: str | None = None):
    """A rich `Text` of the cleaned text: printed as it is, never read as markup ([/]) or emoji (:100:)."""
    from rich.text import Text

    return Text(clean(text), style=style or "")


def say(console, text: object, style: str | None = None) -> None:
    """Print one message line on a rich console (no markup, no emoji, no highlighting)."""
    console.print(plain(text, style), markup=False, emoji=False, highlight=False, soft_wrap=True)
