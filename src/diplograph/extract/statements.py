"""Statements: quotations and who said them.

Reads: person mentions, subjects. Adds: Statement facts.
"""

from __future__ import annotations

from . import facts as F
from .context import Context
from .discourse import previous_subject
from .events import date_of


def statements(ctx: Context) -> None:
    pat = ctx.pat
    for s in ctx.sentences:
        quotes = list(pat.quotes.finditer(s.text))
        if not quotes:
            continue
        speaker = None
        rule = "statement:attribution"
        for rx in pat.statement_speaker:
            m = rx.search(s.abstract)
            if m:
                speaker = s.mention(m.group("speaker")).ref
                break
        if speaker is None and pat.pronoun_speech.search(s.text):
            speaker, rule = previous_subject(ctx, s), "statement:pronoun"
        if speaker is None:
            speaker, rule = ctx.subject.get(s.index), "statement:subject"
        if speaker is None:
            continue
        for q in quotes:
            text = next(g for g in q.groups() if g is not None).strip().rstrip(",")
            if len(text.split()) < 3:
                continue
            a = q.start() + q.group(0).index(text[:10])
            date, date_text = date_of(s)
            ctx.facts.append(F.Statement(speaker, text, ctx.evidence(s, a, a + len(text), rule), date, date_text))
