"""Mentions to canonical entities, and facts to stable identities.

Extraction works one article at a time; here the whole corpus is seen at once:
names found by patterns get their keys (lexicon first, then a slug of the
name), a surname used alone in one article meets the full name given in
another, and every fact gets a key made from its resolved content so that two
articles (in any language) telling the same thing meet on one node.
"""

from __future__ import annotations

import functools
from dataclasses import fields, replace

from .extract import facts as F
from .ids import digest, fold, slug
from .lexicon import Lexicon, load_lexicon


class Resolver:
    """Gives every `Ref` in a batch of facts its canonical key and name."""

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lex = lexicon or load_lexicon()
        self.surnames: dict[str, F.Ref | None] = {}
        self.persons: dict[str, F.Ref] = {}
        self._cache: dict[F.Ref, F.Ref] = {}

    def learn(self, facts: list) -> None:
        """Collect full person names, so that "Erdogan" elsewhere becomes "Recep Tayyip Erdogan"."""
        self.learn_names(person_names(facts))

    def learn_names(self, names) -> None:
        """Learn from the person names of one article, in the order it gives them (see `person_names`)."""
        self._cache.clear()
        for name in names:
            if len(name.split()) > 1:
                key = slug(name)
                self.persons.setdefault(key, F.Ref("person", key, name, ""))
                last = fold(name.split()[-1])
                if last not in self.surnames:
                    self.surnames[last] = self.persons[key]
                elif (known := self.surnames[last]) is not None and slug(known.name) != key:
                    self.surnames[last] = None

    def person_name(self, name: str) -> str:
        """The canonical name a person named `name` in an article gets (what `ref` gives it)."""
        if len(name.split()) == 1:
            full = self.surnames.get(fold(name))
            if full is not None:
                name = full.name
        canonical = self.persons.get(slug(name))
        return canonical.name if canonical else name

    def ref(self, r: F.Ref) -> F.Ref:
        cached = self._cache.get(r)
        if cached is not None:
            return cached
        out = self._ref(r)
        self._cache[r] = out
        return out

    def _ref(self, r: F.Ref) -> F.Ref:
        if r.kind == "person":
            name = self.person_name(r.name)
            return F.Ref("person", slug(name), name, r.lang)
        if r.key:
            return r
        entry = self.lex.lookup(r.name, r.kind)
        if entry is not None:
            return F.Ref(entry.kind, entry.key, entry.name_en or entry.name_fr, "en", entry.subtype)
        return F.Ref(r.kind, slug(r.name), r.name, r.lang, r.subtype)

    def fact(self, f):
        """The fact with all its references resolved."""
        changes = {}
        for name in _ref_fields(type(f)):
            v = getattr(f, name)
            if isinstance(v, F.Ref):
                r = self.ref(v)
                if r is not v:
                    changes[name] = r
            elif isinstance(v, tuple) and v and isinstance(v[0], F.Ref):
                changes[name] = tuple(F.unique_refs(self.ref(x) for x in v))
        return replace(f, **changes) if changes else f


@functools.cache
def _ref_fields(cls) -> tuple[str, ...]:
    """The fields of a fact class that may hold references (evidence and plain values never do)."""
    return tuple(fl.name for fl in fields(cls) if fl.name not in ("evidence", "surface", "extra", "quote", "label",
                                                                    "name", "form", "status", "amount", "currency"))


def person_names(facts: list) -> list[str]:
    """The names of the persons an article's facts refer to, each once, in the order they come."""
    seen: dict[str, None] = {}
    for f in facts:
        for ref in _refs(f):
            if ref.kind == "person":
                seen.setdefault(ref.name, None)
    return list(seen)


def _refs(f):
    for fl in fields(f):
        v = getattr(f, fl.name)
        if isinstance(v, F.Ref):
            yield v
        elif isinstance(v, tuple):
            yield from (x for x in v if isinstance(x, F.Ref))


def resolve(batches: list[list]) -> list[list]:
    """Resolve the facts of several articles together (one list per article, same order)."""
    r = Resolver()
    for facts in batches:
        r.learn(facts)
    return [[r.fact(f) for f in facts] for facts in batches]


# ------------------------------------------------------------------ identities of facts

FACT_KIND = {
    F.RoleHolding: "role-holding",
    F.Membership: "membership",
    F.Event: "event",
    F.TradeTarget: "trade-target",
    F.Statement: "statement",
}


def _k(r: F.Ref | None) -> str:
    return "" if r is None else f"{r.kind}/{r.key}"


def fact_key(f) -> tuple[str, str] | None:
    """(kind, key) of the node a fact becomes, from its resolved content; None for facts about entities."""
    if isinstance(f, F.RoleHolding):
        return "role-holding", digest(_k(f.person), _k(f.role), _k(f.of), _k(f.to))
    if isinstance(f, F.Membership):
        return "membership", digest(_k(f.state), _k(f.organisation), f.status)
    if isinstance(f, F.TradeTarget):
        partner = _k(f.partner) if f.partner else fold(f.partner_text)
        return "trade-target", digest(_k(f.actor), partner, str(f.amount), f.currency, f.horizon or "",
                                      str(f.target_year or ""))
    if isinstance(f, F.Statement):
        return "statement", digest(_k(f.speaker), " ".join(fold(f.quote).split()))
    if isinstance(f, F.Event):
        return "event", digest(*event_identity(f))
    return None


def event_identity(e: F.Event) -> tuple[str, ...]:
    """What makes an event the same event whichever article or language tells it.

    Words (labels, "Monday"/"lundi") differ between languages; who, where, what
    occasion and what calendar day do not.
    """
    parts = [e.type, _k(e.host), _k(e.occasion), _k(e.place), e.date.isoformat() if e.date else ""]
    if e.type == "designation":
        parts.append(_k(e.about))
    if e.host is None and e.occasion is None:
        parts.extend(sorted(_k(p) for p in e.participants if p.kind in ("person", "organisation")))
    return tuple(parts)
