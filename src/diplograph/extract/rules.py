"""The rule engine: mentions, then names, then relations, over each sentence of an article.

Language-specific knowledge lives in `patterns_<lang>.py` (templates) and in
the reference lexicon (names); this module is the same for every language.
"""

from __future__ import annotations

import functools
import importlib
import re
from dataclasses import dataclass, field, replace

from ..ids import fold, slug
from ..lexicon import ACRONYM, DEMONYM, FORMER, WORD, Lexicon
from . import facts as F
from . import posts
from .sentence import OPEN, UP, Mention, Sentence, split_sentences
from .triggers import trigger_events, trigger_memberships
from .values import find_dates, find_horizon, find_money

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
    name = rf"(?:{_NAME_TOKEN}(?: (?:{particles} ){{0,2}}{_NAME_TOKEN}){{1,3}}{regnal})"
    name1 = rf"(?:{_NAME_TOKEN}(?: (?:{particles} ){{0,2}}{_NAME_TOKEN}){{0,3}}{regnal})"
    t = t.replace("NAME1", name1).replace("NAME", name).replace("UP", UP)

    def sub(m: re.Match) -> str:
        kinds, group = m.group(1), m.group(2)
        cls = f"[{kinds}]"
        if group:
            return f"{OPEN}{cls}(?P<{group}>\\d+)\ue001"
        return f"{OPEN}{cls}\\d+\ue001"

    t = re.sub(r"\{([A-Z]+)(?::(\w+))?\}", sub, t)
    return re.compile(t)


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
        self.international_words = re.compile(mod.INTERNATIONAL_WORDS)
        self.national_bodies = [(sub, re.compile(rx)) for sub, rx in mod.NATIONAL_BODIES]
        for name, value in posts.compile_extra(mod, c).items():
            setattr(self, name, value)


# roles whose holder acts for a state, so that "President X said ... Türkiye aims" gives "of Türkiye"
NATIONAL_ROLES = frozenset({
    "president", "vice-president", "prime-minister", "premier", "deputy-prime-minister", "chancellor", "king", "queen",
    "emir", "crown-prince", "head-of-state", "state-councillor", "governor-general", "minister-of-foreign-affairs",
    "deputy-minister-of-foreign-affairs", "minister-of-defence",
    "minister-of-trade", "minister-of-economy", "minister-of-finance", "minister-of-energy", "minister-of-culture",
    "minister-of-education", "minister-of-the-interior", "minister-of-justice", "secretary-of-state",
})
ENTITY_KINDS = ("state", "organisation", "person", "place", "observance", "programme")


# ------------------------------------------------------------------ the article being read


@dataclass
class Context:
    article: object
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


def gazetteer(s: Sentence, ctx: Context) -> None:
    """Known names, longest first, with the case rules of each form."""
    lex = ctx.lex
    words = [(m.start(), m.end()) for m in WORD.finditer(s.text)]
    folded = [fold(s.text[a:b]) for a, b in words]
    i = 0
    n = len(words)
    starts = lex.starts
    while i < n:
        matched = 0
        longest = starts.get(folded[i], 0)
        for length in range(min(longest, n - i), 0, -1):
            forms = lex.forms.get(tuple(folded[i : i + length]))
            if not forms:
                continue
            a, b = words[i][0], words[i + length - 1][1]
            # "U.S." : keep the final dot when the form has one
            if b < len(s.text) and s.text[b] == "." and any(f.surface.endswith(".") for f in forms):
                b += 1
            surface = s.text[a:b]
            form = _choose_form(forms, surface, ctx.lang)
            if form is None:
                continue
            kind = "demonym" if form.form == DEMONYM else form.entry.kind
            s.add(Mention(a, b, kind, surface, entry_ref(form.entry, ctx.lang), "gazetteer", form.form))
            matched = length
            break
        i += matched or 1


_KIND_PRIORITY = {"state": 0, "organisation": 1, "observance": 2, "place": 3, "role": 4}


def _choose_form(forms, surface: str, lang: str):
    plain = surface.replace("’", "'")
    ok = []
    for f in forms:
        if f.case_sensitive:
            if f.surface.replace("’", "'") != plain:
                continue
        elif f.entry.kind == "role" or (f.form == DEMONYM and lang == "fr"):
            pass
        elif not (surface[0].isupper() or surface[0].isdigit()):
            continue
        ok.append(f)
    if not ok:
        return None
    ok.sort(key=lambda f: (f.lang != lang, f.form == DEMONYM, _KIND_PRIORITY.get(f.entry.kind, 9)))
    return ok[0]


def values(s: Sentence, ctx: Context) -> None:
    for m in find_money(s.text, ctx.lang):
        s.add(Mention(m.start, m.end, "money", m.text, m, "money"))
    for d in find_dates(s.text, ctx.lang, ctx.article.published):
        s.add(Mention(d.start, d.end, "date", d.text, d, "date"))


def _state_of(m: Mention | None) -> F.Ref | None:
    """The state a state, demonym or place mention stands for."""
    if m is None or m.ref is None:
        return None
    if m.kind in ("state", "demonym"):
        r = m.ref
        return F.Ref("state", r.key, r.name, "en")
    return None


def roles_around_demonyms(s: Sentence, ctx: Context) -> None:
    """ "le ministre ukrainien de la Défense" is the post "ministre de la Défense", of Ukraine."""
    rx = ctx.pat.role_around_demonym
    if rx is None:
        return
    found = []
    for m in rx.finditer(s.abstract):
        role, dem = s.mention(m.group("role")), s.mention(m.group("dem"))
        words = m.group("rest").split(" ")
        for n in range(len(words), 0, -1):
            entry = ctx.lex.lookup(f"{role.surface} {' '.join(words[:n])}", "role")
            if entry is not None and entry.key != role.ref.key:
                a, _ = s.span(m.start(), m.end())
                end = s.span(m.start("rest"), m.start("rest") + len(" ".join(words[:n])))[1]
                found.append(Mention(a, end, "role", s.text[a:end], entry_ref(entry, ctx.lang), "pattern:role-demonym",
                                     "name", (("of", dem.ref.key),)))
                break
    for mention in found:
        s.replace(mention)


def composite_names(s: Sentence, ctx: Context) -> None:
    """Embassies, organisations, observances and programmes written as names, found by their shape."""
    pat = ctx.pat
    roles_around_demonyms(s, ctx)
    for rx in pat.embassy:
        for m in list(rx.finditer(s.abstract)):
            of = _state_of(s.mention(m.group("of")))
            if of is None:
                continue
            to_m = s.mention(m.groupdict().get("to"))
            to = _state_of(to_m)
            seat = ()
            if to_m is not None and to_m.kind == "place":
                seat = (("seat", to_m.ref.key),)
                entry = ctx.lex.get("place", to_m.ref.key)
                if entry and entry.country:
                    se = ctx.lex.get("state", entry.country)
                    to = F.Ref("state", se.key, se.name_en) if se else None
            if to is not None:
                key = f"embassy-of-{slug(of.key)}-in-{slug(to.key)}"
                name = f"Embassy of {of.name} in {_with_article(to.name)}"
                extra = (("country", of.key), ("accreditedTo", to.key))
            else:
                key = f"embassy-of-{slug(of.key)}"
                name = f"Embassy of {of.name}"
                extra = (("country", of.key),)
            a, b = s.span(m.start(), m.end())
            s.replace(Mention(a, b, "organisation", s.text[a:b], F.Ref("organisation", key, name, "en", "mission"),
                              "pattern:embassy", "name", extra + seat))
            break
    # "ECOWAS Commission", "the SCO Secretariat": a body of a known organisation, named after it
    found = []
    for m in _ORG_BODY.finditer(s.abstract):
        a, b = s.span(m.start(), m.end())
        text = s.text[a:b]
        entry = ctx.lex.lookup(text, "organisation")
        ref = entry_ref(entry, ctx.lang) if entry else F.Ref("organisation", "", text, ctx.lang, "organisation")
        found.append(Mention(a, b, "organisation", text, ref, "gazetteer" if entry else "pattern:org-body"))
    for mention in found:
        s.replace(mention)
    found = []
    for m in pat.place_name.finditer(s.abstract):
        name = m.group("name")
        if name.split()[0] in pat.stop or ctx.lex.lookup(name) is not None:
            continue
        a, b = s.span(m.start("name"), m.end("name"))
        found.append(Mention(a, b, "place", s.text[a:b], F.Ref("place", "", name, ctx.lang), "pattern:place-name"))
    for mention in found:
        s.add(mention)
    for rx, kind in ((pat.org_name, "organisation"), (pat.observance_name, "observance"),
                     (pat.programme_name, "programme")):
        # spans are read from one abstract form, then added (adding changes the form)
        found = [_name_mention(s, ctx, m, kind, f"pattern:{kind}-name") for m in rx.finditer(s.abstract)]
        for mention in found:
            if mention is not None:
                s.add(mention)


_ORG_BODY = re.compile(r"\ue000O\d+\ue001 (?:Commission|Secretariat|Parliament|Court of Justice)\b")

_ARTICLED = {"United States", "United Kingdom", "Netherlands", "Philippines", "United Arab Emirates",
             "Czech Republic", "Democratic Republic of the Congo", "Republic of the Congo", "Bahamas", "Gambia",
             "Holy See", "Maldives", "Marshall Islands", "Solomon Islands", "Central African Republic",
             "Dominican Republic", "Comoros", "Turkish Republic of Northern Cyprus"}


def _with_article(name: str) -> str:
    return f"the {name}" if name in _ARTICLED else name


def _name_mention(s: Sentence, ctx: Context, m: re.Match, kind: str, rule: str) -> Mention | None:
    text = m.group(0).strip()
    lead = len(m.group(0)) - len(m.group(0).lstrip())
    words = text.split()
    # a leading capitalised function word ("The", "Speaking") is not part of the name
    drop = 0
    while drop < len(words) - 1 and words[drop].strip("’'") in ctx.pat.stop:
        drop += 1
    if drop:
        lead += len(" ".join(words[:drop])) + 1
        words = words[drop:]
        text = " ".join(words)
    if OPEN in text or len(words) < 2:
        return None
    if kind == "organisation" and sum(1 for w in words if w[:1].isupper()) < 2 and ctx.lang == "en":
        return None
    a_start = m.start() + lead
    a, b = s.span(a_start, a_start + len(text))
    entry = ctx.lex.lookup(text, kind)
    extra: tuple = ()
    if entry is not None:
        ref = entry_ref(entry, ctx.lang)
        rule = "gazetteer"
    elif kind == "organisation":
        subtype = classify_body(ctx, text, s.abstract[:a_start])
        if subtype is None:
            return None  # "the Business Forum" is a happening, not a body
        ref = F.Ref(kind, "", text, ctx.lang, subtype)
        country = _country_before(s, a_start) if subtype != "organisation" else None
        extra = (("country", country.key),) if country is not None else ()
    else:
        ref = F.Ref(kind, "", text, ctx.lang, "")
    return Mention(a, b, kind, s.text[a:b], ref, rule, "name", extra)


_STATE_BEFORE = re.compile(r"\ue000[SD](\d+)\ue001(?:['’]s)? (?:the )?$")


def _country_before(s: Sentence, a_start: int) -> F.Ref | None:
    """ "Azerbaijan's Foreign Ministry", "the Saudi General Authority": the state a body's name follows."""
    m = _STATE_BEFORE.search(s.abstract[:a_start])
    return _state_of(s.mention(m.group(1))) if m else None


def classify_body(ctx: Context, name: str, before: str) -> str | None:
    """The subtype of an organisation name the lexicon does not know: "organisation" (international or not
    national), "agency", "party" or "national" (a body of one state), or None for the name of a happening."""
    pat = ctx.pat
    if pat.event_name.search(name):
        return None
    if pat.international_words.search(name):
        return "organisation"
    for subtype, rx in pat.national_bodies:
        if rx.search(name):
            return subtype
    if _STATE_BEFORE.search(before):
        return "agency"  # "the Saudi Standard, Metrology, and Quality Organization"
    return "organisation"


# ------------------------------------------------------------------ stage 2: persons


def _clean_person_name(name: str, stop: frozenset) -> str | None:
    words = name.split()
    while words and words[0].strip("’'") in stop:
        words = words[1:]
    while words and words[-1].strip("’'") in stop:
        words = words[:-1]
    if not words or any(w.isupper() and len(w) > 1 and not re.fullmatch(r"[IVX]+", w) for w in words):
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
                ref = _register_person(ctx, name)
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
            ref = ctx.persons.get(m.group(0)) or ctx.short_names.get(m.group(0))
            if ref is not None:
                s.add(Mention(m.start(), m.end(), "person", surface, ref, "coreference:name"))


def _register_person(ctx: Context, name: str) -> F.Ref:
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


def in_article_acronyms(ctx: Context) -> None:
    """ "the Justice and Development Party (AKP)": AKP stands for the party in the rest of the article."""
    for s in ctx.sentences:
        for m in ctx.pat.acronym_def.finditer(s.abstract):
            org = s.mention(m.group("org"))
            ctx.aliases[m.group("acr")] = org.ref
            a, b = s.span(m.start("acr"), m.end("acr"))
            ctx.facts.append(F.OrganisationName(org.ref, m.group("acr"), "acronym",
                                                ctx.evidence(s, a, b, "pattern:acronym-definition")))
    if not ctx.aliases:
        return
    rx = re.compile(r"\b(?:" + "|".join(re.escape(a) for a in ctx.aliases) + r")\b")
    for s in ctx.sentences:
        for m in rx.finditer(s.text):
            s.add(Mention(m.start(), m.end(), "organisation", m.group(0), ctx.aliases[m.group(0)],
                          "coreference:acronym", ACRONYM))


# ------------------------------------------------------------------ stage 3: focus (who "he", "its", "the country" are)


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
            return _state_of(states[-1])
    return None


# ------------------------------------------------------------------ stage 4: relations


def mention_facts(ctx: Context) -> None:
    for s in ctx.sentences:
        for m in s.mentions:
            if m.kind == "demonym":
                # "the French president", "le président kazakh": the state is named through its adjective
                ctx.facts.append(F.EntityMention(_state_of(m), m.surface, ctx.evidence(s, m.start, m.end, "demonym")))
            elif m.kind in ENTITY_KINDS:
                ctx.facts.append(F.EntityMention(m.ref, m.surface, ctx.evidence(s, m.start, m.end, m.rule), m.extra))
                if m.kind == "organisation" and m.form in (ACRONYM, FORMER) and m.rule == "gazetteer":
                    ctx.facts.append(F.OrganisationName(m.ref, m.surface, "acronym" if m.form == ACRONYM else "former",
                                                        ctx.evidence(s, m.start, m.end, "gazetteer:" + m.form)))


def org_aliases(ctx: Context) -> None:
    for s in ctx.sentences:
        for rule, form, rx in ctx.pat.org_alias:
            for m in rx.finditer(s.abstract):
                org = s.mention(m.group("org"))
                alias = s.mention(m.groupdict().get("alias"))
                if alias is not None:
                    if alias.ref.key and alias.ref.key != org.ref.key and org.ref.key:
                        continue
                    name = alias.surface
                else:
                    name = (m.groupdict().get("name") or "").strip()
                if not name or OPEN in name:
                    continue
                ctx.facts.append(F.OrganisationName(org.ref, re.sub(r"^(?:the|la|le|l['’])\s*", "", name), form,
                                                    ctx.ev_match(s, m, rule)))


def role_holdings(ctx: Context) -> None:
    seen: set = set()
    found: list[F.RoleHolding] = []
    for s in ctx.sentences:
        for rule, rx in ctx.pat.role_rules:
            for m in rx.finditer(s.abstract):
                person = s.mention(m.group("person")).ref
                role = s.mention(m.group("role")).ref
                gd = m.groupdict()
                of_m = s.mention(gd.get("of")) or s.mention(gd.get("ofd"))
                of = _state_of(of_m) if of_m is not None and of_m.kind == "demonym" else (of_m.ref if of_m else None)
                role_of = dict(s.mention(m.group("role")).extra).get("of")
                if of is None and role_of:
                    entry = ctx.lex.get("state", role_of)
                    of = entry_ref(entry, ctx.lang) if entry else None
                to_m = s.mention(gd.get("to"))
                to = to_m.ref if to_m is not None else None
                if gd.get("its") and of is None:
                    # "Ukraine ... was represented by its ambassador": the state or body the sentence is about
                    before = [x for x in s.of_kind("state", "organisation") if x.end <= s.span(m.start(), m.end())[0]]
                    of = before[0].ref if before else None
                if of is None and role.key in NATIONAL_ROLES:
                    after = [x for x in s.of_kind("state") if x.start >= s.span(m.start(), m.end())[1]]
                    if after:
                        of = after[0].ref
                        rule += ":of-inferred"
                k = (person.key, role.key, of.key if of else "", to.key if to else "")
                if k in seen:
                    continue
                seen.add(k)
                ctx.role_holders.setdefault(role.key, person)
                found.append(F.RoleHolding(person, role, of, to, ctx.ev_match(s, m, rule)))
    # "his French counterpart Emmanuel Macron": the post of the sentence's first person, for another state
    for s in ctx.sentences:
        for rx in ctx.pat.counterpart:
            for m in rx.finditer(s.abstract):
                person = s.mention(m.group("person")).ref
                others = [x.ref for x in s.of_kind("person") if x.ref != person]
                held = [h for h in found if others and h.person == others[0]]
                of_m = s.mention(m.groupdict().get("of")) or s.mention(m.groupdict().get("ofd"))
                if not held or of_m is None:
                    continue
                found.append(F.RoleHolding(person, held[0].role, _state_of(of_m) if of_m.kind == "demonym"
                                           else of_m.ref, None, ctx.ev_match(s, m, "role:counterpart")))
    found = posts.document_posts(ctx, found)
    # a military rank is not a post unless the text names what it is held in
    found = [h for h in found if not (h.role.key == "general" and h.of is None)]
    # a guess ("President X said ... Türkiye aims") gives way to what the text says outright
    found = [h for h in found if not (h.evidence.rule.endswith(":of-inferred") and any(
        o.person == h.person and o.role == h.role and not o.evidence.rule.endswith(":of-inferred")
        and o.of is not None for o in found))]
    # an unqualified national title in a datelined story is the host country's ("NEW DELHI — ... Prime
    # Minister Narendra Modi")
    home = _dateline_state(ctx)
    if home is not None:
        found = [replace(h, of=home) if h.of is None and h.role.key in NATIONAL_ROLES
                 and not any(o.person == h.person and o.of is not None for o in found) else h for h in found]
        # "ISLAMABAD -- ... Ambassador of Uzbekistan Alisher Tukhtaev": a foreign envoy in a datelined story is
        # accredited to the host
        envoy = {k for k in {h.role.key for h in found} if (e := ctx.lex.get("role", k)) and e.subtype == "envoy"}
        found = [replace(h, to=home) if h.role.key in envoy and h.to is None and h.of is not None
                 and h.of.kind == "state" and h.of.key != home.key else h for h in found]
    # "Ambassador to the United States X" adds nothing to "Azerbaijan's Ambassador to the United States X"
    for h in found:
        if any(o is not h and o.person == h.person and o.role == h.role and _covers(o, h) for o in found):
            continue
        ctx.facts.append(h)


def _dateline_state(ctx: Context) -> F.Ref | None:
    """The state of the city a story is datelined from ("ASTANA —", "BAKOU (AFP) -"), if any."""
    if not ctx.sentences:
        return None
    s = ctx.sentences[0]
    for rx in ctx.pat.setting:
        m = rx.search(s.abstract)
        if m and not s.abstract.startswith(("À", "A ", "In ")):
            place = s.mention(m.group("place")).ref
            entry = ctx.lex.get("place", place.key)
            state = ctx.lex.get("state", entry.country) if entry and entry.country else None
            return entry_ref(state, ctx.lang) if state else None
    return None


def _covers(a: F.RoleHolding, b: F.RoleHolding) -> bool:
    """a says all b says, and more."""
    return ((b.of is None or a.of == b.of) and (b.to is None or a.to == b.to)
            and (a.of, a.to) != (b.of, b.to))


def memberships(ctx: Context) -> None:
    for s in ctx.sentences:
        done: set = set()
        for rule, status, rx in ctx.pat.membership:
            for m in rx.finditer(s.abstract):
                gd = m.groupdict()
                org_m = s.mention(gd.get("org")) or s.mention(gd.get("org2")) or s.mention(gd.get("org3"))
                at = s.span(m.start(), m.start())[0]
                if org_m is not None:
                    org = org_m.ref
                elif gd.get("orgref"):
                    org = org_by_anaphor(ctx, s, gd["orgref"], at)
                else:
                    org = focus_org(ctx, s, at)
                if org is None:
                    continue
                states: list[F.Ref] = []
                if gd.get("list") is not None:
                    for idx in re.findall(r"\ue000S(\d+)\ue001", gd["list"]):
                        st = _state_of(s.mentions[int(idx)])
                        if st:
                            states.append(st)
                elif gd.get("state") is not None:
                    states.append(_state_of(s.mention(gd["state"])))
                elif gd.get("anaphor") is not None:
                    st = focus_state(ctx, s, s.span(m.start(), m.start())[0])
                    if st:
                        states.append(st)
                elif gd.get("person") is not None:
                    # "Ilham Aliyev, who chairs the organisation": the state he leads chairs it
                    person = s.mention(gd["person"]).ref
                    for h in ctx.facts:
                        if isinstance(h, F.RoleHolding) and h.person == person and h.of is not None \
                                and h.of.kind == "state" and h.role.key in NATIONAL_ROLES:
                            states.append(h.of)
                            break
                for st in states:
                    if st is None or (st.key, status) in done:
                        continue
                    done.add((st.key, status))
                    ctx.facts.append(F.Membership(st, org, status, ctx.ev_match(s, m, rule)))


def _date_of(s: Sentence, exclude: set[int] = frozenset()) -> tuple:
    for i, m in enumerate(s.mentions):
        if m.kind == "date" and i not in exclude:
            return m.ref.date, m.ref.text
    return None, None


def events(ctx: Context) -> list[F.Event]:
    out: list[F.Event] = []
    pat = ctx.pat
    setting_place: F.Ref | None = None
    setting_persons: set[str] = set()
    for s in ctx.sentences:
        subject = ctx.subject.get(s.index)
        for rx in pat.setting:
            m = rx.search(s.abstract)
            if m and s.index < 3:
                setting_place = s.mention(m.group("place")).ref
                if subject:
                    setting_persons.add(subject.key)
        for rule, typ, rx in pat.events:
            for m in rx.finditer(s.abstract):
                ev = _event(ctx, s, m, rule, typ, subject)
                if ev is not None:
                    out.append(ev)
                    if typ == "visit" and ev.place is not None:
                        setting_place = setting_place or ev.place
                        setting_persons.update(p.key for p in ev.participants if p.kind == "person")
    # an event with no place of its own happened where its main person was (dateline, visit)
    placed = []
    for ev in out:
        if ev.place is None and setting_place is not None and ev.type not in ("designation", "announcement") and any(
                p.key in setting_persons for p in ev.participants):
            ev = replace(ev, place=setting_place)
        placed.append(ev)
    return _merge_events(ctx, placed)


# who a meeting is "with": a run of (titled) persons, states or organisations right after the verb
_MEETING_HEAD = re.compile(r"(?:(?:the|la|le|les|l['’])\s*)?((?:(?:\ue000[DR]\d+\ue001 )*\ue000[SOP]\d+\ue001"
                           r"(?:,? (?:and|et) |, )?)+)")


def _event(ctx: Context, s: Sentence, m: re.Match, rule: str, typ: str, subject: F.Ref | None) -> F.Event | None:
    gd = m.groupdict()
    host = s.mention(gd.get("host")) or s.mention(gd.get("host2"))
    occasion = s.mention(gd.get("occasion"))
    place = s.mention(gd.get("place"))
    by = s.mention(gd.get("by"))
    about = next((s.mention(gd.get(k)) for k in ("about", "about2", "about4") if gd.get(k)), None)
    about_text = next((gd.get(k) for k in ("about1", "about3", "about5") if gd.get(k)), None)
    participants: list[F.Ref] = []
    date = date_text = None
    exclude: set[int] = set()
    if gd.get("date"):
        exclude.add(int(gd["date"]))
    a, b = s.span(m.start(), m.end())
    if typ == "designation":
        participants.append(by.ref)
        date, date_text = _date_of(s, exclude)
        label = f"{by.ref.name} designates {s.mention(gd.get('date')).surface + ' as ' if gd.get('date') else ''}" \
                f"{about.ref.name}" if ctx.lang == "en" else \
                f"{by.surface} proclame {about.surface}"
        obs = F.Observance(about.ref, ctx.ev_match(s, m, rule),
                           s.mention(gd.get("date")).surface if gd.get("date") else None,
                           s.mention(gd.get("date")).ref.month_day if gd.get("date") else None, by.ref)
        ctx.facts.append(obs)
        return F.Event(typ, label, ctx.ev_match(s, m, rule), tuple(participants), None, None, None, about.ref,
                       date, date_text)
    if typ == "announcement":
        content = gd["content"]
        if subject is None:
            return None
        idx = [int(i) for i in re.findall(r"\ue000[A-Z](\d+)\ue001", content)]
        inner = [s.mentions[i] for i in idx]
        place_m = next((x for x in inner if x.kind in ("place", "state")), None)
        dates = [x for x in inner if x.kind == "date"]
        if place_m is None and not dates:
            return None  # an announcement worth a node says where or when
        participants = [subject] + [x.ref for x in inner if x.kind == "organisation"]
        date, date_text = (dates[0].ref.date, dates[0].ref.text) if dates else (None, None)
        c_start, c_end = s.span(m.start("content"), m.end("content"))
        label = s.text[c_start:c_end].rstrip(" .")
        prog = next((x.ref for x in inner if x.kind == "programme"), None)
        return F.Event(typ, label, ctx.ev_match(s, m, rule), tuple(F.unique_refs(participants)), None,
                       place_m.ref if place_m else None, None, prog, date, date_text)
    if subject is not None:
        participants.append(subject)
    guest = s.mention(gd.get("guest"))
    if guest is not None:
        participants.append(guest.ref)
    if ctx.pat.plural_anaphora.search(s.abstract) and s.index > 0:
        # "the two sides signed": whoever the sentence before was about
        prev = ctx.sentences[s.index - 1]
        if ctx.subject.get(prev.index) is not None:
            participants.append(ctx.subject[prev.index])
        participants.extend(x.ref for x in prev.of_kind("person"))
    if typ == "meeting":
        with_text = gd.get("with") or ""
        head = _MEETING_HEAD.match(with_text)
        if head:
            for i in re.findall(r"\ue000[SOP](\d+)\ue001", head.group(1)):
                participants.append(s.mentions[int(i)].ref)
        for i in re.findall(r"\ue000P(\d+)\ue001", with_text):
            participants.append(s.mentions[int(i)].ref)
        if place is None:
            w = ctx.pat.event_where.search(s.abstract)
            if w:
                place = s.mention(w.group("place"))
        if not participants and rule != "event:meeting-plural":
            return None
        if rule == "event:meeting-plural":
            # "the alliance's defence ministers will meet": the bodies named in the sentence take part
            participants.extend(x.ref for x in s.of_kind("organisation"))
    if host is not None:
        participants.append(host.ref)
    if place is None and typ != "visit":
        p = ctx.pat.place_prep.search(s.abstract, m.start()) or (
            ctx.pat.place_prep.search(s.abstract) if typ == "summit" else None)
        if p:
            place = s.mention(p.group("place"))
        elif typ == "summit":
            # "travel to Addis Ababa for the African Union summit": the one city the sentence names
            place = next((x for x in s.of_kind("place")), None)
    if typ == "launch" and host is None:
        orgs = s.of_kind("organisation")
        if orgs:
            participants.append(orgs[0].ref)
    if typ == "visit" and not participants:
        return None
    if typ == "summit" and host is None and re.search(r"\b(?:its|son|sa|leur)\s+\S*\s?$",
                                                      s.abstract[max(0, m.start() - 12):m.start() + 6]):
        # "hosted its summit": the summit of the organisation the sentence is about
        org = focus_org(ctx, s, s.span(m.start(), m.start())[0])
        if org is not None:
            host_ref = org
            participants.append(org)
    else:
        host_ref = host.ref if host else None
    if typ == "summit" and host_ref is None and place is None:
        return None  # "for a regional summit": a summit we cannot tell apart from any other
    if typ in ("summit", "agreement") and not [p for p in participants if p != host_ref]:
        first = next((x for x in s.mentions if x.kind in ("state", "organisation")), None)
        if first is not None:
            participants.insert(0, first.ref)
    if typ == "reception" and not participants and occasion is None:
        return None
    place_ref = place.ref if place else None
    if typ == "visit" and place_ref is not None and place_ref.kind == "state":
        # "reçu au palais royal de Rabat ..., en visite officielle au Maroc": the visit took place in Rabat
        cities = [x.ref for x in s.of_kind("place")]
        for c in cities:
            entry = ctx.lex.get("place", c.key)
            if entry is not None and entry.country == place_ref.key:
                place_ref = c
                break
    if place_ref is None and host is not None and dict(host.extra).get("seat"):
        # "a reception hosted by the Swedish Embassy in Brussels" happened in Brussels
        entry = ctx.lex.get("place", dict(host.extra)["seat"])
        place_ref = entry_ref(entry, ctx.lang) if entry else None
    date, date_text = _date_of(s, exclude) if typ not in ("visit",) else (None, None)
    for g in ("date", "date2", "date3"):
        if gd.get(g):
            d = s.mention(gd[g]).ref
            date, date_text = d.date, d.text
    label = _event_label(ctx, typ, s, a, b, participants, host, occasion, place, about, about_text)
    about_ref = about.ref if about else None
    if about_ref is None and about_text:
        about_ref = F.Ref("programme", "", about_text.strip(), ctx.lang)
    return F.Event(typ, label, ctx.ev_match(s, m, rule), tuple(F.unique_refs(participants)),
                   host_ref, place_ref,
                   occasion.ref if occasion else None, about_ref, date, date_text)


def _event_label(ctx, typ, s, a, b, participants, host, occasion, place, about, about_text) -> str:
    en = ctx.lang == "en"
    who = participants[0].name if participants else ""
    if typ == "reception" and en:
        parts = ["Reception"]
        if occasion:
            parts.append("marking " + occasion.ref.name)
        if host:
            parts.append("hosted by " + _with_article(host.ref.name))
        return parts[0] + " " + ", ".join(parts[1:]) if len(parts) > 1 else parts[0]
    if typ == "reception":
        text = s.text[a:b].strip()
        return text[:1].upper() + text[1:]
    if typ == "visit" and place:
        return f"{who} visits {place.ref.name}" if en else f"Visite de {who} à {place.surface}"
    if typ == "launch":
        thing = about.surface if about else (about_text or "").strip()
        owner = f"{host.surface}'s " if host and en else ""
        return f"{owner}{thing} launch".strip() if en else f"Lancement de {thing}"
    return s.text[a:b].strip()


def _ref_key(r: F.Ref | None):
    return None if r is None else (r.kind, r.key or fold(r.name))


def _merge_events(ctx: Context, evs: list[F.Event]) -> list[F.Event]:
    """Sentences that tell the same event (same type, no conflicting host, occasion, place, topic) make one."""
    # a summit told in a sentence is the gathering that sentence speaks of: no separate meeting
    summit_sentences = {(e.evidence.article, e.evidence.sentence) for e in evs if e.type == "summit"}
    evs = [e for e in evs if not (e.type == "meeting" and e.evidence.rule == "event:meeting-plural"
                                  and (e.evidence.article, e.evidence.sentence) in summit_sentences)]
    merged: list[F.Event] = []
    for ev in evs:
        for i, other in enumerate(merged):
            if other.type != ev.type or ev.type in ("announcement", "designation"):
                continue
            if any(_ref_key(getattr(ev, f)) and _ref_key(getattr(other, f))
                   and _ref_key(getattr(ev, f)) != _ref_key(getattr(other, f))
                   for f in ("host", "occasion", "place", "about")):
                continue
            mine, theirs = {_ref_key(p) for p in ev.participants}, {_ref_key(p) for p in other.participants}
            if ev.type in ("meeting", "visit") and (not mine or not theirs or not (mine <= theirs or theirs <= mine)):
                continue  # meetings of other people, or of people we cannot name, are other meetings
            richer = other if _richness(other) >= _richness(ev) else ev
            merged[i] = replace(
                richer,
                participants=tuple(F.unique_refs(list(other.participants) + list(ev.participants))),
                host=other.host or ev.host, occasion=other.occasion or ev.occasion, place=other.place or ev.place,
                about=other.about or ev.about, date=other.date or ev.date, date_text=other.date_text or ev.date_text,
            )
            break
        else:
            merged.append(ev)
    # the head of a mission takes part in what the mission hosts
    envoys = ("ambassador", "charge-d-affaires")
    holdings = [f for f in ctx.facts if isinstance(f, F.RoleHolding) and f.role.key in envoys]
    out = []
    for ev in merged:
        if ev.host is not None and ev.host.subtype == "mission":
            for h in holdings:
                if h.of and ev.host.key.startswith(f"embassy-of-{slug(h.of.key)}") and (
                        h.to is None or ev.host.key.endswith(f"-in-{slug(h.to.key)}")):
                    ev = replace(ev, participants=tuple(F.unique_refs(list(ev.participants) + [h.person])))
        out.append(ev)
    return out


def _richness(ev: F.Event) -> int:
    return sum(x is not None for x in (ev.host, ev.occasion, ev.place, ev.about))


def observances_and_programmes(ctx: Context) -> None:
    for s in ctx.sentences:
        for i, m in enumerate(s.mentions):
            if m.kind == "observance":
                # "World X Day, December 15" / "le 15 décembre, Journée ..." : a date right next to the name
                date_m = None
                for j in (i - 1, i + 1):
                    if 0 <= j < len(s.mentions) and s.mentions[j].kind == "date" and s.mentions[j].ref.month_day:
                        gap = s.text[min(m.end, s.mentions[j].end): max(m.start, s.mentions[j].start)]
                        if len(gap) <= 6:
                            date_m = s.mentions[j]
                ctx.facts.append(F.Observance(m.ref, ctx.evidence(s, m.start, m.end, "mention:observance"),
                                              date_m.surface if date_m else None,
                                              date_m.ref.month_day if date_m else None))
            elif m.kind == "programme":
                tail = s.text[m.end : m.end + 40]
                run_by = None
                rb = re.match(r",? (?:launched|run|organi[sz]ed|created|set up|lancée?|menée?|organisée?|créée?) "
                              r"(?:by|par) ", tail)
                if rb:
                    nxt = next((x for x in s.mentions if x.start >= m.end + rb.end() - 1 and x.kind in
                                ("organisation", "state")), None)
                    if nxt is not None and nxt.start - (m.end + rb.end()) <= 4:
                        run_by = nxt.ref
                ctx.facts.append(F.Programme(m.ref, ctx.evidence(s, m.start, m.end, "mention:programme"), run_by))


def _capital_state(ctx: Context, m: Mention) -> F.Ref | None:
    """A state, an organisation, or a city standing for its state ("Dakar wants ...")."""
    if m.kind != "place":
        return m.ref
    entry = ctx.lex.get("place", m.ref.key)
    state = ctx.lex.get("state", entry.country) if entry and entry.country else None
    return entry_ref(state, ctx.lang) if state else None


#: "400 projects, valued at $28 billion": what something is worth is not a trade aim
_VALUED = re.compile(r"\b(?:valued at|worth|costing|cost of|d['’]une valeur de|évalués? à|d['’]un montant de)\s+$")


def trade_targets(ctx: Context) -> None:
    pat = ctx.pat
    for s in ctx.sentences:
        money = s.of_kind("money")
        if not money or not pat.trade_word.search(s.text):
            continue
        aim = pat.trade_aim.search(s.abstract)
        if not aim:
            continue
        aim_at = s.span(aim.start(), aim.start())[0]
        actors = [x for x in s.of_kind("state", "organisation", "place", "demonym") if x.end <= aim_at]
        if actors and actors[-1].kind == "demonym":
            # "The Turkish minister said the objective is ...": the state of the demonym
            actors[-1] = Mention(actors[-1].start, actors[-1].end, "state", actors[-1].surface,
                                 _state_of(actors[-1]), actors[-1].rule)
        actor = _capital_state(ctx, actors[-1]) if actors else None
        pair = None
        if len(actors) >= 2 and re.fullmatch(r",? (?:and|et) (?:the |la |le |l['’])?",
                                              s.text[actors[-2].end:actors[-1].start]):
            # "Indonesia and Malaysia aim to raise bilateral trade": the first aims, with the second
            actor, pair = _capital_state(ctx, actors[-2]), _capital_state(ctx, actors[-1])
        partner = None
        partner_text = ""
        pm = pat.trade_partner.search(s.abstract)
        if pm:
            if pm.group("partner"):
                partner = s.mention(pm.group("partner")).ref
                partner_text = partner.name
            else:
                partner_text = pm.group("ptext").strip()
        if partner is None and not partner_text and pair is not None:
            partner, partner_text = pair, pair.name
        group = re.search(r"\b(?:between|among|entre) (?:the |les )?(member states|États membres|member countries|"
                          r"pays membres)", s.text)
        if actor is None and group:
            # "trade among member states should reach ...": the organisation's own target
            actor = focus_org(ctx, s, aim_at)
            partner_text = partner_text or group.group(1)
        bm = pat.trade_between.search(s.abstract)
        if bm and actor is None:
            actor = s.mention(bm.group("a")).ref
            partner = s.mention(bm.group("b")).ref
            partner_text = partner.name
        stated_by = None
        speakers = [x for x in s.of_kind("person") if x.end <= aim_at]
        if speakers:
            stated_by = speakers[0].ref
        elif ctx.subject.get(s.index) is not None:
            stated_by = ctx.subject[s.index]
        if actor is None and stated_by is not None:
            # "Modi said bilateral trade should reach ...": the speaker's own state
            actor = next((h.of for h in ctx.facts if isinstance(h, F.RoleHolding) and h.person == stated_by
                          and h.of is not None and h.of.kind == "state"), None)
        if actor is None:
            continue
        if partner is None and not partner_text:
            # "bilateral trade", "the volume of trade": with the other state the story is about
            earlier = [x for t in ctx.sentences[: s.index + 1] for x in t.of_kind("state", "demonym")
                       if t is not s or x.end <= aim_at]
            other = next((_state_of(x) for x in reversed(earlier) if _state_of(x) and _state_of(x).key != actor.key),
                         None)
            if other is not None:
                partner, partner_text = other, other.name
        money_after = [x for x in money if x.start >= aim_at
                       and not _VALUED.search(s.text[max(0, x.start - 30):x.start])]
        # "$2 billion (596 milliards de FCFA)": an amount in brackets after another is its equivalent;
        # "from $6 billion to $10 billion": the first is where trade stands, not the aim
        money_after = [x for k, x in enumerate(money_after)
                       if not (k and re.fullmatch(r"\s*\(\s*", s.text[money_after[k - 1].end:x.start]))
                       and not (k + 1 < len(money_after) and re.search(r"\b(?:from|de)\s+$", s.text[:x.start])
                                and re.fullmatch(r"\s*(?:to|à)\s+", s.text[x.end:money_after[k + 1].start]))]
        for k, mm in enumerate(money_after):
            nxt = money_after[k + 1].start if k + 1 < len(money_after) else len(s.text)
            horizon, year, _ = find_horizon(s.text[mm.end : nxt], ctx.lang)
            ctx.facts.append(F.TradeTarget(actor, partner, partner_text, mm.ref.amount, mm.ref.currency,
                                           ctx.evidence(s, mm.start, mm.end, "pattern:trade-target"), horizon, year,
                                           stated_by))


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
            speaker, rule = _previous_subject(ctx, s), "statement:pronoun"
        if speaker is None:
            speaker, rule = ctx.subject.get(s.index), "statement:subject"
        if speaker is None:
            continue
        for q in quotes:
            text = next(g for g in q.groups() if g is not None).strip().rstrip(",")
            if len(text.split()) < 3:
                continue
            a = q.start() + q.group(0).index(text[:10])
            date, date_text = _date_of(s)
            ctx.facts.append(F.Statement(speaker, text, ctx.evidence(s, a, a + len(text), rule), date, date_text))


def _previous_subject(ctx: Context, s: Sentence) -> F.Ref | None:
    for i in range(s.index, -1, -1):
        if ctx.subject.get(i) is not None:
            return ctx.subject[i]
    return None


# ------------------------------------------------------------------ the whole article


def _analysed(article, lex: Lexicon) -> Context:
    """The article cut into sentences with their mentions: what every later stage reads."""
    ctx = Context(article, lex, patterns(article.lang))
    ctx.sentences = [Sentence(article.text[a:b], a, i, p) for i, (a, b, p) in enumerate(split_sentences(article.text))]
    for s in ctx.sentences:
        gazetteer(s, ctx)
        values(s, ctx)
        composite_names(s, ctx)
    in_article_acronyms(ctx)
    find_persons(ctx)
    unify_persons(ctx)
    return ctx


def read_article(article, lex: Lexicon) -> list:
    """All facts of one article, in reading order."""
    ctx = _analysed(article, lex)
    role_holdings(ctx)
    subjects(ctx)
    mention_facts(ctx)
    org_aliases(ctx)
    memberships(ctx)
    trigger_memberships(ctx, focus_org)
    observances_and_programmes(ctx)
    trade_targets(ctx)
    statements(ctx)
    ctx.facts.extend(trigger_events(ctx, events(ctx)))
    return ctx.facts


def sentences_of(article, lex: Lexicon) -> list[Sentence]:
    """The analysed sentences of an article (for debugging rules: `s.abstract` shows what rules see)."""
    return _analysed(article, lex).sentences
