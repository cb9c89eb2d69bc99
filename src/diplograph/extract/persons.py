"""Persons: full names from the cues of news writing, then their short forms everywhere in the article.

Reads: sentences with their mentions. Adds: person mentions; ctx.persons and ctx.short_names.
"""

from __future__ import annotations

import re

from ..ids import fold, slug
from . import facts as F
from .context import Context
from .sentence import Mention


def _clean_person_name(name: str, stop: frozenset) -> str | None:
    words = name.split()
    while words and words[0].strip("’'") in stop:
        words = words[1:]
    while words and words[-1].strip("’'") in stop:
        words = words[:-1]
    if not words or any(w.isupper() and len(w) > 1 and not re.fullmatch(r"[IVX]+|\w\.", w) for w in words):
        return None
    # "L’événement" is an article and a noun; "O’Brien" is a name
    if any(re.search(r"['’][a-zà-ÿ]", w) for w in words):
        return None
    return " ".join(words)


def find_persons(ctx: Context) -> None:
    """Full names from the cues of news writing, then their short forms everywhere in the article."""
    pat = ctx.pat
    for s in ctx.sentences:
        for rule, rx in pat.person_cues:
            found = []
            for m in rx.finditer(s.abstract):
                raw = m.group("name")
                name = _clean_person_name(raw, pat.stop)
                if not name:
                    continue
                if len(name.split()) < 2 and rule not in ("person:title", "person:subject-verb", "person:role-before"):
                    continue
                off = m.start("name") + raw.index(name)
                found.append((name, *s.span(off, off + len(name))))
            for name, a, b in found:
                ref = register_person(ctx, name)
                s.add(Mention(a, b, "person", s.text[a:b], ref, rule))
    if not ctx.persons:
        return
    # second pass: every further use of a known full name or of its short forms
    forms = sorted(set(ctx.persons) | {k for k, v in ctx.short_names.items() if v}, key=len, reverse=True)
    rx = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(f) for f in forms) + r")(?![\w-])")
    for s in ctx.sentences:
        folded = fold(s.text)
        if len(folded) != len(s.text):
            continue
        for m in rx.finditer(folded):
            surface = s.text[m.start() : m.end()]
            if not surface[:1].isupper():
                continue
            known = ctx.persons.get(m.group(0)) or ctx.short_names.get(m.group(0))
            if known is None:
                continue
            start = m.start()
            if len(known.name.split()) == 1:
                # "from his predecessor Jens Stoltenberg" where only "Stoltenberg said" was a cue: the given
                # names before a bare surname make the full name, which the surname then stands for
                start = _given_names_before(s, start, pat.stop)
                if start < m.start():
                    known = register_person(ctx, s.text[start:m.end()])
            s.add(Mention(start, m.end(), "person", s.text[start:m.end()], known, "coreference:name"))


_GIVEN = re.compile(r"(?:(?<=\s)|^)((?:[A-ZÀ-Þ][a-zà-ÿ]+(?:-[A-ZÀ-Þ][a-zà-ÿ]+)? ){1,2})$")


def _given_names_before(s, start: int, stop: frozenset) -> int:
    """Where the capitalised given names just before a surname begin (`start` if none): never the sentence's
    first word, a stop word or a word inside another mention ("Prime Minister", "Dutch")."""
    m = _GIVEN.search(s.text, max(0, start - 40), start)
    if m is None:
        return start
    words = m.group(1).split()
    pos = m.start(1)
    while words:
        w = words[0]
        covered = any(o.start < pos + len(w) and pos < o.end for o in s.mentions)
        if pos == 0 or w in stop or w.lower() in stop or covered:
            pos += len(w) + 1
            words = words[1:]
        else:
            break
    return pos if words else start


def register_person(ctx: Context, name: str) -> F.Ref:
    key = fold(name)
    if key in ctx.persons:
        return ctx.persons[key]
    # a short form seen first ("Mr Erdogan") is upgraded when the full name comes
    ref = F.Ref("person", slug(name), name, ctx.lang)
    ctx.persons[key] = ref
    words = key.split()
    # the last word is the surname in most names; the first in Chinese, Korean, Hungarian ... names; a middle
    # word in Portuguese and Spanish ones ("Lula" of "Luiz Inácio Lula da Silva"): any word but a particle
    particles = {"da", "de", "do", "dos", "das", "del", "la", "le", "van", "von", "der", "bin", "ibn", "al", "el"}
    shorts = {w for w in words if w not in particles and len(w) > 1} if len(words) > 1 else set()
    if len(words) > 2:
        shorts.add(" ".join(words[-2:]))
    for sh in shorts:
        if sh in ctx.short_names and ctx.short_names[sh] != ref:
            ctx.short_names[sh] = None  # two persons share the surname: leave it unresolved
        else:
            ctx.short_names[sh] = ref
    return ref


def unify_persons(ctx: Context) -> None:
    """A name seen alone ("Erdogan") that is the surname of a full name becomes that person."""
    full = {k: v for k, v in ctx.persons.items() if len(k.split()) > 1}
    for s in ctx.sentences:
        for m in s.mentions:
            if m.kind == "person" and len(fold(m.ref.name).split()) == 1:
                target = ctx.short_names.get(fold(m.ref.name))
                if target is not None and fold(target.name) in full:
                    m.ref = target
