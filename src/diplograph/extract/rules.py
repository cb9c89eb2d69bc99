"""The rule engine: the components that read an article, in order, each over what the earlier ones added.

Language-specific knowledge lives in `patterns_<lang>.py` (templates), `data/triggers_<lang>.json` (trigger
words with examples) and the reference lexicon (names); the components are the same for every language.
Each component module says what it reads and what it adds.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from ..lexicon import Lexicon
from .context import Context, patterns
from .discourse import focus_org, subjects
from .events import events, observances_and_programmes
from .memberships import chairs_of_leaders, memberships
from .mentions import composite_names, gazetteer, in_article_acronyms, mention_facts, org_aliases, values
from .persons import find_persons, unify_persons
from .posts import role_holdings
from .sentence import Sentence, split_sentences
from .statements import statements
from .trade import trade_targets
from .triggers import trigger_events, trigger_memberships

# ------------------------------------------------------------------ the pipeline


@dataclass(frozen=True)
class Component:
    """One step of the reading: what it needs from earlier steps and what it adds (as spaCy components
    declare `requires` and `assigns`). `per_sentence` steps run on each sentence in turn."""

    name: str
    run: Callable
    reads: tuple[str, ...]
    adds: tuple[str, ...]
    per_sentence: bool = False


def _trigger_memberships(ctx: Context) -> None:
    trigger_memberships(ctx, focus_org)


def _events(ctx: Context) -> None:
    ctx.facts.extend(trigger_events(ctx, events(ctx)))


#: What each piece of the context is: "sentences", "mentions:<kind>", "persons", "subjects", "facts:<Type>".
ANALYSIS = (
    Component("gazetteer", gazetteer, ("sentences",),
              ("mentions:state", "mentions:organisation", "mentions:role", "mentions:place", "mentions:demonym",
               "mentions:observance", "mentions:programme"), per_sentence=True),
    Component("values", values, ("sentences",), ("mentions:money", "mentions:date"), per_sentence=True),
    Component("composite_names", composite_names, ("mentions:state", "mentions:demonym", "mentions:role"),
              ("mentions:organisation", "mentions:place", "mentions:observance", "mentions:programme"),
              per_sentence=True),
    Component("in_article_acronyms", in_article_acronyms, ("mentions:organisation",), ("mentions:organisation",)),
    Component("find_persons", find_persons, ("mentions:role", "mentions:state", "mentions:organisation"),
              ("mentions:person", "persons")),
    Component("unify_persons", unify_persons, ("mentions:person", "persons"), ("mentions:person",)),
)
FACTS = (
    Component("role_holdings", role_holdings, ("mentions:person", "mentions:role", "mentions:state",
                                               "mentions:demonym"), ("facts:RoleHolding", "mentions:person")),
    Component("subjects", subjects, ("mentions:person",), ("subjects",)),
    Component("mention_facts", mention_facts, ("mentions:state", "mentions:organisation", "mentions:person"),
              ("facts:EntityMention",)),
    Component("org_aliases", org_aliases, ("mentions:organisation",), ("facts:OrganisationName",)),
    Component("memberships", memberships, ("mentions:state", "mentions:organisation", "mentions:person"),
              ("facts:Membership",)),
    Component("chairs_of_leaders", chairs_of_leaders, ("facts:RoleHolding", "facts:Membership"),
              ("facts:Membership",)),
    Component("trigger_memberships", _trigger_memberships, ("mentions:state", "mentions:organisation",
                                                            "facts:Membership"), ("facts:Membership",)),
    Component("observances_and_programmes", observances_and_programmes, ("mentions:observance",
                                                                         "mentions:programme"),
              ("facts:Observance", "facts:Programme")),
    Component("trade_targets", trade_targets, ("mentions:money", "mentions:state", "facts:RoleHolding",
                                               "subjects"), ("facts:TradeTarget",)),
    Component("statements", statements, ("mentions:person", "subjects"), ("facts:Statement",)),
    Component("events", _events, ("mentions:person", "mentions:state", "mentions:organisation", "mentions:date",
                                  "subjects"), ("facts:Event",)),
)
PIPELINE = ANALYSIS + FACTS


def unmet_needs(pipeline: tuple[Component, ...] = PIPELINE) -> list[str]:
    """Each need of a component that no earlier component adds (an empty list for a sound pipeline)."""
    have = {"sentences"}
    out = []
    for c in pipeline:
        out += [f"{c.name} reads {r}" for r in c.reads if r not in have]
        have.update(c.adds)
    return out


class ReadingTooLong(Exception):
    """An article whose reading went past its time budget (a hostile or broken page, not news)."""


def _check(deadline: float | None, seconds: float | None) -> None:
    if deadline is not None and time.monotonic() > deadline:
        raise ReadingTooLong(f"reading stopped after {seconds:g} s (the time budget of one article)")


def _run(ctx: Context, components: tuple[Component, ...], deadline: float | None = None,
         seconds: float | None = None) -> Context:
    for c in components:
        _check(deadline, seconds)
        if c.per_sentence:
            for s in ctx.sentences:
                c.run(s, ctx)
        else:
            c.run(ctx)
    return ctx


def _analysed(article, lex: Lexicon, deadline: float | None = None, seconds: float | None = None) -> Context:
    """The article cut into sentences with their mentions: what every fact component reads."""
    ctx = Context(article, lex, patterns(article.lang))
    ctx.sentences = [Sentence(article.text[a:b], a, i, p) for i, (a, b, p) in enumerate(split_sentences(article.text))]
    # the per-sentence analysis runs sentence by sentence (each sentence whole before the next)
    per_sentence = [c for c in ANALYSIS if c.per_sentence]
    for i, s in enumerate(ctx.sentences):
        if i % 64 == 0:
            _check(deadline, seconds)
        for c in per_sentence:
            c.run(s, ctx)
    return _run(ctx, tuple(c for c in ANALYSIS if not c.per_sentence), deadline, seconds)


def read_article(article, lex: Lexicon, budget: float | None = None) -> list:
    """All facts of one article, in reading order; `ReadingTooLong` when it takes more than `budget` seconds
    (checked between steps, so a step already running ends first)."""
    deadline = time.monotonic() + budget if budget is not None else None
    return _run(_analysed(article, lex, deadline, budget), FACTS, deadline, budget).facts


def sentences_of(article, lex: Lexicon) -> list[Sentence]:
    """The analysed sentences of an article (for debugging rules: `s.abstract` shows what rules see)."""
    return _analysed(article, lex).sentences

