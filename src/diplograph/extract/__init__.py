"""Articles into facts, each with its evidence. No RDF here."""

from __future__ import annotations

from ..lexicon import Lexicon, load_lexicon
from .facts import (
    FACT_TYPES,
    EntityMention,
    Event,
    Evidence,
    Membership,
    Observance,
    OrganisationName,
    Programme,
    Ref,
    RoleHolding,
    Statement,
    TradeTarget,
)
from .rules import ReadingTooLong, read_article, sentences_of


def extract(article, lexicon: Lexicon | None = None, budget: float | None = None) -> list:
    """The facts of one `corpus.Article`, in reading order (`ReadingTooLong` past `budget` seconds)."""
    return read_article(article, lexicon or load_lexicon(), budget)


__all__ = [
    "extract", "sentences_of", "ReadingTooLong", "FACT_TYPES", "EntityMention", "Event", "Evidence", "Membership",
    "Observance", "OrganisationName", "Programme", "Ref", "RoleHolding", "Statement", "TradeTarget",
]
