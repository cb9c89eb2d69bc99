"""Stable keys for IRIs, minted from names.

Keys are readable slugs of the canonical English name; very long or
non-Latin names get a short hash so that the key stays valid, bounded and stable.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata

_NON_WORD = re.compile(r"[^a-z0-9]+")
MAX_SLUG = 60


@functools.lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Lower-case, strip accents and typographic quotes: the form names are compared in."""
    text = text.replace("’", "'").replace("‘", "'").replace("ʼ", "'")
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    # ı (dotless i) and ł do not decompose
    stripped = stripped.replace("ı", "i").replace("ł", "l").replace("ø", "o").replace("ß", "ss")
    return stripped.casefold()


def digest(*parts: str, length: int = 12) -> str:
    """A short, stable hash of some strings (used for fact keys)."""
    h = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()
    return h[:length]


def slug(name: str) -> str:
    """A lower-case ASCII key for an IRI.

    >>> slug("Côte d'Ivoire")
    'cote-d-ivoire'
    >>> slug("Organization of Turkic States")
    'organization-of-turkic-states'
    """
    base = _NON_WORD.sub("-", fold(name)).strip("-")
    if not base:
        return "x-" + digest(name, length=10)
    if len(base) > MAX_SLUG:
        return base[:MAX_SLUG].rstrip("-") + "-" + digest(name, length=8)
    return base
