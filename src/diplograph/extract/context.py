"""The shared state of one article's reading: compiled patterns of its language, the lexicon, the
sentences and what the components have found so far.
"""

from __future__ import annotations

import functools
import importlib
import re
from dataclasses import dataclass, field

from ..corpus import Article
from ..lexicon import Lexicon
from . import facts as F
from .sentence import OPEN, UP, Sentence

# ------------------------------------------------------------------ templates

#: a word of a personal name; Arabic names join the article to the next word ("Bashar al-Assad")
_NAME_TOKEN = r"(?:(?:al|el|ad|ash|as|an|ar|at|az|ibn|bin|ben|abu|ould)-)?" + UP + r"(?:[\w-]|['’](?![sS]\b))*"


@functools.cache
def patterns(lang: str):
    """The compiled patterns module of a language."""
    mod = importlib.import_module(f"{__package__}.patterns_{lang}")
    return _Compiled(mod)


def compile_template(t: str, particles: str) -> re.Pattern:
    # "Ursula von der Leyen", "Mohammed VI": up to two particles between words, a regnal number at the end
    regnal = r"(?: (?:I{1,3}|IV|VI{0,3}|IX|XI{0,3}|X))?"
    # an initial before the name ("S. Jaishankar") belongs to it
    initials = rf"(?:{UP}\. ){{0,2}}"
    name = rf"(?:{initials}{_NAME_TOKEN}(?: (?:{particles} ){{0,2}}{_NAME_TOKEN}){{1,3}}{regnal}|{UP}\. {_NAME_TOKEN})"
    name1 = rf"(?:{initials}{_NAME_TOKEN}(?: (?:{particles} ){{0,2}}{_NAME_TOKEN}){{0,3}}{regnal})"
    t = t.replace("NAME1", name1).replace("NAME", name).replace("UP", UP)

    def sub(m: re.Match) -> str:
        kinds, group = m.group(1), m.group(2)
        cls = f"[{kinds}]"
        if group:
            return f"{OPEN}{cls}(?P<{group}>\\d+)\ue001"
        return f"{OPEN}{cls}\\d+\ue001"

    t = re.sub(r"\{([A-Z]+)(?::(\w+))?\}", sub, t)
    return re.compile(t)


def _any(patterns) -> re.Pattern:
    """One pattern that matches where any of `patterns` does (their group names dropped): a sentence it does
    not match needs none of them tried."""
    return re.compile("|".join("(?:" + re.sub(r"\(\?P<\w+>", "(?:", rx.pattern) + ")" for rx in patterns))


class _Compiled:
    def __init__(self, mod) -> None:
        c = functools.partial(compile_template, particles=mod.NAME_PARTICLES)
        self.lang = mod.LANG
        self.stop = mod.STOPWORDS_CAP
        self.person_cues = [(n, c(t)) for n, t in mod.PERSON_CUES]
        self.role_rules = [(n, c(t)) for n, t in mod.ROLE_RULES]
        self.embassy = [c(t) for t in mod.EMBASSY_RULES]
        self.org_name = c(mod.ORG_NAME)
        self.acronym_def = re.compile(r"\ue000O(?P<org>\d+)\ue001 \((?P<acr>[A-Z][A-Za-z]{1,9})\)")
        self.org_alias = [(n, form, c(t)) for n, form, t in mod.ORG_ALIAS_RULES]
        self.observance_name = c(mod.OBSERVANCE_NAME)
        self.programme_name = c(mod.PROGRAMME_NAME)
        self.membership = [(n, status, c(t)) for n, status, t in mod.MEMBERSHIP_RULES]
        self.org_anaphora = re.compile(mod.ORG_ANAPHORA)
        self.pronoun_subject = re.compile(mod.PRONOUN_SUBJECT)
        self.events = [(n, typ, c(t)) for n, typ, t in mod.EVENT_RULES]
        self.event_where = c(mod.EVENT_WHERE)
        self.place_name = c(mod.PLACE_NAME)
        self.plural_anaphora = re.compile(mod.PLURAL_ANAPHORA)
        self.counterpart = [c(t) for t in mod.COUNTERPART_RULES]
        self.role_around_demonym = re.compile(mod.ROLE_AROUND_DEMONYM) if mod.ROLE_AROUND_DEMONYM else None
        self.title_continued = re.compile(mod.TITLE_CONTINUED) if mod.TITLE_CONTINUED else None
        self.place_prep = c(mod.PLACE_PREP)
        self.setting = [c(t) for t in mod.SETTING_RULES]
        self.trade_word = re.compile(mod.TRADE_WORD, re.I)
        self.trade_aim = c(mod.TRADE_AIM)
        self.trade_partner = c(mod.TRADE_PARTNER)
        self.trade_between = c(mod.TRADE_BETWEEN)
        self.quotes = re.compile(mod.QUOTES)
        self.statement_speaker = [c(t) for t in mod.STATEMENT_SPEAKER]
        self.pronoun_speech = re.compile(mod.PRONOUN_SPEECH)
        self.event_name = re.compile(mod.EVENT_NAME)
        self.venue_name = re.compile(mod.VENUE_NAME)
        self.international_words = re.compile(mod.INTERNATIONAL_WORDS)
        self.national_bodies = [(sub, re.compile(rx)) for sub, rx in mod.NATIONAL_BODIES]
        self.any_membership = _any(rx for _, _, rx in self.membership)
        self.any_event = _any(rx for _, _, rx in self.events)
        from .posts import compile_extra  # the posts component's own patterns

        for name, value in compile_extra(mod, c).items():
            setattr(self, name, value)


# roles whose holder acts for a state, so that "President X said ... Türkiye aims" gives "of Türkiye"
NATIONAL_ROLES = frozenset({
    "president", "vice-president", "prime-minister", "premier", "deputy-prime-minister", "chancellor", "king", "queen",
    "emir", "crown-prince", "head-of-state", "state-councillor", "governor-general", "minister-of-foreign-affairs",
    "deputy-minister-of-foreign-affairs", "minister-of-defence",
    "minister-of-trade", "minister-of-economy", "minister-of-finance", "minister-of-energy", "minister-of-culture",
    "minister-of-education", "minister-of-the-interior", "minister-of-justice", "secretary-of-state",
})
#: the heads of a state or of its government
HEADS = frozenset({"president", "king", "queen", "emir", "head-of-state", "governor-general", "prime-minister",
                   "chancellor"})
ENTITY_KINDS = ("state", "organisation", "person", "place", "observance", "programme")


# ------------------------------------------------------------------ the article being read


@dataclass
class Context:
    article: Article
    lex: Lexicon
    pat: _Compiled
    sentences: list[Sentence] = field(default_factory=list)
    persons: dict[str, F.Ref] = field(default_factory=dict)  # folded full name -> ref
    short_names: dict[str, F.Ref | None] = field(default_factory=dict)  # folded short form -> ref (None: ambiguous)
    aliases: dict[str, F.Ref] = field(default_factory=dict)  # in-article acronyms of unknown organisations
    facts: list = field(default_factory=list)
    subject: dict[int, F.Ref | None] = field(default_factory=dict)  # sentence index -> subject person
    role_holders: dict[str, F.Ref] = field(default_factory=dict)  # role key -> person, as read so far

    @property
    def lang(self) -> str:
        return self.article.lang

    def evidence(self, s: Sentence, start: int, end: int, rule: str) -> F.Evidence:
        return F.Evidence(self.article.id, s.text, s.start + start, s.start + end, self.lang, rule)

    def ev_match(self, s: Sentence, m: re.Match, rule: str) -> F.Evidence:
        a, b = s.span(m.start(), m.end())
        return self.evidence(s, a, b, rule)


# ------------------------------------------------------------------ stage 1: mentions


def entry_ref(entry, lang: str) -> F.Ref:
    return F.Ref(entry.kind, entry.key, entry.name_en or entry.name_fr, "en", entry.subtype)
