"""What the extractors return: small frozen dataclasses, easy to test and to print.

Entities are referred to by `Ref`; a Ref with an empty key was found by a name
pattern and gets its key in `diplograph.resolve`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class Evidence:
    """Where a fact was read: article, sentence, character span in the article, language, and the rule."""

    article: str
    sentence: str
    start: int
    end: int
    lang: str
    rule: str


@dataclass(frozen=True)
class Ref:
    """A reference to an entity: kind (state, organisation, person, place, role, observance, programme)."""

    kind: str
    key: str
    name: str
    lang: str = "en"
    subtype: str = ""

    def __str__(self) -> str:
        return self.name


def unique_refs(refs) -> list[Ref]:
    """The references in order, each entity once (by key, or by name for names not yet resolved)."""
    from ..ids import fold

    seen, out = set(), []
    for r in refs:
        k = (r.kind, r.key or fold(r.name))
        if k not in seen:
            seen.add(k)
            out.append(r)
    return out


@dataclass(frozen=True)
class EntityMention:
    """A state, organisation, person, place, observance or programme named in the article."""

    entity: Ref
    surface: str
    evidence: Evidence
    extra: tuple[tuple[str, str], ...] = ()  # e.g. (("country", "AZE"), ("accreditedTo", "USA"))


@dataclass(frozen=True)
class OrganisationName:
    """An acronym or former name the article gives an organisation."""

    organisation: Ref
    name: str
    form: str  # "acronym" or "former"
    evidence: Evidence


@dataclass(frozen=True)
class RoleHolding:
    person: Ref
    role: Ref
    of: Ref | None
    to: Ref | None
    evidence: Evidence


@dataclass(frozen=True)
class Membership:
    state: Ref
    organisation: Ref
    status: str  # member, observer, candidate, partner, chair
    evidence: Evidence


@dataclass(frozen=True)
class Event:
    type: str  # reception, meeting, summit, visit, designation, launch, announcement, agreement, other
    label: str
    evidence: Evidence
    participants: tuple[Ref, ...] = ()
    host: Ref | None = None
    place: Ref | None = None
    occasion: Ref | None = None
    about: Ref | None = None
    date: dt.date | None = None
    date_text: str | None = None


@dataclass(frozen=True)
class Observance:
    observance: Ref
    evidence: Evidence
    date_text: str | None = None
    month_day: str | None = None  # --MM-DD
    designated_by: Ref | None = None


@dataclass(frozen=True)
class Programme:
    programme: Ref
    evidence: Evidence
    run_by: Ref | None = None


@dataclass(frozen=True)
class TradeTarget:
    actor: Ref
    partner: Ref | None
    partner_text: str
    amount: Decimal
    currency: str
    evidence: Evidence
    horizon: str | None = None
    target_year: int | None = None
    stated_by: Ref | None = None


@dataclass(frozen=True)
class Statement:
    speaker: Ref
    quote: str
    evidence: Evidence
    date: dt.date | None = None
    date_text: str | None = None


Fact = (EntityMention | OrganisationName | RoleHolding | Membership | Event | Observance | Programme
        | TradeTarget | Statement)

FACT_TYPES: tuple[type, ...] = (EntityMention, OrganisationName, RoleHolding, Membership, Event, Observance,
                                Programme, TradeTarget, Statement)


@dataclass
class ArticleFacts:
    """All that was read from one article."""

    article: object  # corpus.Article
    facts: list = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
