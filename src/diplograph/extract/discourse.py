"""What the article is about: the subject person of each sentence, the organisation or state a
sentence refers back to ("the bloc", "l'organisation").

Reads: person, state and organisation mentions. Adds: ctx.subject.
"""

from __future__ import annotations

import re

from ..ids import fold
from . import facts as F
from .context import Context
from .mentions import state_of
from .sentence import Mention, Sentence


def subjects(ctx: Context) -> None:
    """The person each sentence is about: its first named person, else whom its pronoun or title refers to."""
    last: F.Ref | None = None
    for s in ctx.sentences:
        persons = s.of_kind("person")
        subject = None
        if re.match(r"(?:He|She|Il|Elle)\b", s.text) and last is not None:
            subject = last  # "He held talks with Prime Minister Modi": he, not Modi
        elif persons:
            subject = persons[0].ref
        elif ctx.pat.pronoun_subject.search(s.abstract):
            subject = last
        else:
            roles = s.of_kind("role")
            if roles and roles[0].start < 30 and roles[0].ref.key in ctx.role_holders:
                subject = ctx.role_holders[roles[0].ref.key]
        ctx.subject[s.index] = subject
        if subject is not None:
            last = subject

def focus_org(ctx: Context, s: Sentence, before: int | None = None) -> F.Ref | None:
    """The organisation the article is talking about at this point: the last one named, IGOs first."""
    candidates: list[Mention] = []
    for t in ctx.sentences[: s.index + 1]:
        for m in t.of_kind("organisation"):
            if t is s and before is not None and m.start >= before:
                continue
            candidates.append(m)
    for m in reversed(candidates):
        if m.ref.subtype == "igo":
            return m.ref
    return candidates[-1].ref if candidates else None


_ORG_HEAD = {"council": ("council", "conseil"), "conseil": ("council", "conseil"),
             "organization": ("organization", "organisation"), "organisation": ("organization", "organisation"),
             "union": ("union",), "bloc": (), "alliance": ("alliance", "treaty"), "group": ("group", "groupe"),
             "groupe": ("group", "groupe"), "commission": ("commission",), "assembly": ("assembly", "assemblée"),
             "assemblée": ("assembly", "assemblée"), "agency": ("agency", "agence"), "agence": ("agency", "agence")}


def org_by_anaphor(ctx: Context, s: Sentence, phrase: str, before: int) -> F.Ref | None:
    """ "the council", "l'organisation": the last organisation named whose name has that head noun, else the focus."""
    words = fold(phrase).replace("’", "'").split()
    head = words[-1].split("'")[-1] if words else ""
    heads = _ORG_HEAD.get(head, ())
    if heads:
        for t in reversed(ctx.sentences[: s.index + 1]):
            for m in reversed([x for x in t.of_kind("organisation") if t is not s or x.start < before]):
                entry = ctx.lex.get("organisation", m.ref.key)
                names = fold(" ".join(filter(None, [m.ref.name, entry.name_fr if entry else ""])))
                if any(h in names.split() for h in heads):
                    return m.ref
    return focus_org(ctx, s, before)


def focus_state(ctx: Context, s: Sentence, before: int) -> F.Ref | None:
    for t in reversed(ctx.sentences[: s.index + 1]):
        states = [m for m in t.of_kind("state", "demonym") if t is not s or m.start < before]
        if states:
            return state_of(states[-1])
    return None


# ------------------------------------------------------------------ stage 4: relations

def previous_subject(ctx: Context, s: Sentence) -> F.Ref | None:
    for i in range(s.index, -1, -1):
        if ctx.subject.get(i) is not None:
            return ctx.subject[i]
    return None
