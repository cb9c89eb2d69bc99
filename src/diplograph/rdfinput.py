"""Graph files given to --data are data from elsewhere: checked before a parser sees them.

Two things a parser would do on the file's say-so are refused: fetching a remote JSON-LD context (a request to
any URL the file names, on every command that reads it) and expanding RDF/XML entities without bound (a
kilobyte of nested entities "billion laughs" becomes gigabytes; pyoxigraph expands them all).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

#: entities may expand an RDF/XML file to at most this many times its size (plus a megabyte)
MAX_EXPANSION = 16


class UnsafeInput(ValueError):
    """A graph file asks for something we do not do; the message says what, in one line."""


def check_rdf_file(path: str | Path) -> None:
    """Raise UnsafeInput if the file holds a remote JSON-LD context or RDF/XML entities that could blow up."""
    path = Path(path)
    ext = path.suffix.lower()
    if ext in (".jsonld", ".json"):
        check_jsonld(path.read_bytes())
    elif ext in (".rdf", ".owl", ".xml"):
        check_rdfxml(path.read_bytes())


def _remote(ctx) -> str | None:
    items = ctx if isinstance(ctx, list) else [ctx]
    for c in items:
        if isinstance(c, str):
            return c
        if isinstance(c, dict) and isinstance(c.get("@import"), str):
            return c["@import"]
    return None


def check_jsonld(data: bytes) -> None:
    try:
        doc = json.loads(data)
    except RecursionError:
        raise UnsafeInput("JSON nested too deeply") from None
    except ValueError:
        return  # not JSON: the parser says so in its own words
    stack = [doc]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if "@context" in node:
                url = _remote(node["@context"])
                if url is not None:
                    raise UnsafeInput(f"remote JSON-LD context {url[:100]!r} is not fetched; give the context "
                                      f"inline")
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)


_ENTITY = re.compile(rb"<!ENTITY\s+(%\s*)?([^\s%\"'>]+)\s*(?:(SYSTEM|PUBLIC)\b|\"([^\"]*)\"|'([^']*)')")
_CHAR_REF = re.compile(rb"&#(?:[0-9]+|x[0-9A-Fa-f]+);")


def check_rdfxml(data: bytes) -> None:
    declared = data.count(b"<!ENTITY")
    if not declared:
        return
    found = list(_ENTITY.finditer(data))
    if len(found) != declared:
        raise UnsafeInput("an XML entity declaration that cannot be checked; entities refused")
    total = 0
    for m in found:
        name = m.group(2).decode("utf-8", "replace")[:40]
        if m.group(1):
            raise UnsafeInput(f"XML parameter entity {name!r} refused")
        if m.group(3):
            raise UnsafeInput(f"external XML entity {name!r} refused (it would read a file or a URL)")
        value = m.group(4) if m.group(4) is not None else m.group(5)
        if b"&" in _CHAR_REF.sub(b"", value) or b"%" in value:
            raise UnsafeInput(f"XML entity {name!r} is made of other entities; refused (entity expansion)")
        total += data.count(b"&" + m.group(2) + b";") * len(value)
    if total > MAX_EXPANSION * len(data) + 1024 * 1024:
        raise UnsafeInput(f"XML entities would expand the file to {total / 1e6:.0f} MB; refused")
