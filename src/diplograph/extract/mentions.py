"""Mentions: names of the lexicon, values, composite names (embassies, bodies, unknown organisations),
in-article acronyms, and the facts that entities are named.

Reads: sentences. Adds: state, organisation, role, place, demonym, observance, programme, money and date
mentions to each sentence; EntityMention and OrganisationName facts.
"""

from __future__ import annotations

import re

from ..ids import fold, slug
from ..lexicon import ACRONYM, DEMONYM, FORMER, WORD
from . import facts as F
from .context import ENTITY_KINDS, Context, entry_ref
from .sentence import OPEN, Mention, Sentence
from .values import find_dates, find_money


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
            if kind == "role" and length == 1 and i and i + 1 < n and _inside_name(s.text, words[i - 1], words[i + 1],
                                                                                    folded[i - 1], lex):
                break  # "Hussein Amir Abdullahian": a title word inside a personal name
            if kind == "place" and length == 1 and _place_in_name(s.text, words, i, folded, lex):
                break  # "Sofia Smith", "Maria Lima": a city's name that is part of a personal name
            s.add(Mention(a, b, kind, surface, entry_ref(form.entry, ctx.lang), "gazetteer", form.form))
            matched = length
            break
        i += matched or 1


def _inside_name(text: str, prev: tuple[int, int], nxt: tuple[int, int], prev_folded: str, lex) -> bool:
    """A capitalised word between two capitalised words that are not themselves known names."""
    a, b = prev
    c, d = nxt
    return (text[a:a + 1].isupper() and text[c:c + 1].isupper() and text[b:b + 1] == " "
            and text[c - 1:c] == " " and not lex.starts.get(prev_folded) and a > 0)


#: capitalised words that may follow a city's name without making it a person's ("Paris Agreement")
_AFTER_CITY = frozenset(
    "summit forum conference agreement accord accords declaration process format group club protocol charter "
    "university airport palace hall centre center hotel international stadium talks round initiative consensus "
    "principles plan action document communique communiqué sommet accord déclaration conférence processus "
    "aéroport palais université dc d.c".split())


def _place_in_name(text: str, words: list, i: int, folded: list, lex) -> bool:
    """A one-word city next to a capitalised word the gazetteer does not know, in the middle of a sentence, is
    more likely part of a personal name ("Sofia Smith", "Gao Feng", "Maria Lima")."""
    def unknown_capital(j: int) -> bool:
        a, b = words[j]
        return text[a:a + 1].isupper() and not lex.starts.get(folded[j]) and folded[j] not in _AFTER_CITY \
            and not text[a:b].isupper()

    a, b = words[i]
    if text[a:b].isupper():
        return False  # "NAIROBI": a dateline
    if i + 1 < len(words) and words[i + 1][0] == b + 1 and unknown_capital(i + 1):
        return True
    return i > 0 and words[i - 1][1] == a - 1 and words[i - 1][0] > 0 and unknown_capital(i - 1) \
        and text[words[i - 1][0] - 2:words[i - 1][0]] not in (". ", "! ", "? ")


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


def state_of(m: Mention | None) -> F.Ref | None:
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
        else:
            # "la ministre française de l'Europe et des Affaires étrangères, Catherine Colonna": a field the
            # lexicon does not know, closed by the comma before the name; the post stays "ministre", of France
            if s.abstract[m.end():m.end() + 2] == ", ":
                a, end = s.span(m.start(), m.end())
                found.append(Mention(a, end, "role", s.text[a:end], role.ref, "pattern:role-demonym", "name",
                                     (("of", dem.ref.key),)))
    for mention in found:
        s.replace(mention)


#: "the Federal Democratic Republic of Ethiopia", "la République fédérale démocratique d'Éthiopie": the state
_STATE_STYLE = re.compile(r"(?:(?:[Tt]he|[Ll]a|[Ll]e) )?(?:(?:Federal|Democratic|People['’]s|Islamic|Arab|United|"
                          r"Socialist|Cooperative|Plurinational|Bolivarian|Hashemite) ){0,3}(?:Republic|République|"
                          r"Kingdom|Royaume|Sultanate|Sultanat|Emirate|Émirat|State|État|Commonwealth|Principality|"
                          r"Principauté)(?: (?i:fédérale|démocratique|populaire|islamique|arabe|unie|"
                          r"socialiste|bolivarienne|hachémite|plurinational|coopérative)){0,3} "
                          r"(?:of (?:the )?|de la |de l['’]|du |d['’]|de )\ue000S(?P<state>\d+)\ue001")


def _stretch(s: Sentence, rx, group: str, rule: str | None = None) -> None:
    """Each match of `rx` becomes one mention of what its `group` mention names, over the whole match."""
    found = []
    for m in rx.finditer(s.abstract):
        inner = s.mention(m.group(group))
        a, b = s.span(m.start(), m.end())
        found.append(Mention(a, b, inner.kind, s.text[a:b], inner.ref, rule or inner.rule, inner.form, inner.extra))
    for mention in found:
        s.replace(mention)


def state_styles(s: Sentence, ctx: Context) -> None:
    """A state named by its style is that state (the whole span, so that rules see one state)."""
    _stretch(s, _STATE_STYLE, "state")


def titles_continued(s: Sentence, ctx: Context) -> None:
    """A title whose field goes on after a comma is one mention, up to the comma before its holder."""
    if ctx.pat.title_continued is not None:
        _stretch(s, ctx.pat.title_continued, "role", "pattern:title-continued")


def composite_names(s: Sentence, ctx: Context) -> None:
    """Embassies, organisations, observances and programmes written as names, found by their shape."""
    pat = ctx.pat
    roles_around_demonyms(s, ctx)
    titles_continued(s, ctx)
    state_styles(s, ctx)
    for rx in pat.embassy:
        for m in list(rx.finditer(s.abstract)):
            of = state_of(s.mention(m.group("of")))
            if of is None:
                continue
            to_m = s.mention(m.groupdict().get("to"))
            to = state_of(to_m)
            seat: tuple[tuple[str, str], ...] = ()
            if to_m is not None and to_m.kind == "place":
                seat = (("seat", to_m.ref.key),)
                entry = ctx.lex.get("place", to_m.ref.key)
                if entry and entry.country:
                    se = ctx.lex.get("state", entry.country)
                    to = F.Ref("state", se.key, se.name_en) if se else None
            if to is not None:
                key = f"embassy-of-{slug(of.key)}-in-{slug(to.key)}"
                name = f"Embassy of {of.name} in {with_article(to.name)}"
                extra: tuple[tuple[str, str], ...] = (("country", of.key), ("accreditedTo", to.key))
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
        named = [_name_mention(s, ctx, m, kind, f"pattern:{kind}-name") for m in rx.finditer(s.abstract)]
        for nm in named:
            if nm is not None:
                s.add(nm)


_ORG_BODY = re.compile(r"\ue000O\d+\ue001 (?:Commission|Secretariat|Parliament|Court of Justice)\b"
                       r"|\b(?<![\w’'])(?:[Cc]ommission|[Ss]ecrétariat(?: général| exécutif)?|[Pp]arlement|[Cc]our de "
                       r"justice) (?:de la |de l['’]|du |des )\ue000O\d+\ue001"
                       # the named organs of a body: "the Permanent Council of the OSCE", "le Conseil permanent de la
                       # Francophonie", "la Conférence des chefs d'État de la Francophonie"
                       r"|\b(?<![\w’'])(?:Permanent Council|Ministerial Council|Ministerial Conference|"
                       r"Executive Council|Council of Ministers|Board of Governors|Board of (?:Executive )?Directors|"
                       r"Committee of Elders|"
                       r"Conference of Heads of (?:State and )?Government|"
                       r"Committee for [A-Z][a-z]+(?: [A-Z][a-z]+){0,2}) "
                       r"of (?:the )?\ue000O\d+\ue001"
                       r"|\b(?<![\w’'])(?:Conseil permanent|Conférence ministérielle|Conseil exécutif|Conseil des "
                       r"ministres|Conférence des [Cc]hefs d['’][ÉE]tat(?: et de [Gg]ouvernement)?|Comité des sages) "
                       r"(?:de la |de l['’]|du |des )\ue000O\d+\ue001")

_ARTICLED = {"United States", "United Kingdom", "Netherlands", "Philippines", "United Arab Emirates",
             "Czech Republic", "Democratic Republic of the Congo", "Republic of the Congo", "Bahamas", "Gambia",
             "Holy See", "Maldives", "Marshall Islands", "Solomon Islands", "Central African Republic",
             "Dominican Republic", "Comoros", "Turkish Republic of Northern Cyprus"}


def with_article(name: str) -> str:
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
    return state_of(s.mention(m.group(1))) if m else None


def classify_body(ctx: Context, name: str, before: str) -> str | None:
    """The subtype of an organisation name the lexicon does not know: "organisation" (international or not
    national), "agency", "party" or "national" (a body of one state), or None for the name of a happening."""
    pat = ctx.pat
    if pat.event_name.search(name) or pat.venue_name.search(name):
        return None  # a happening or a venue, not a body
    if pat.international_words.search(name):
        return "organisation"
    for subtype, rx in pat.national_bodies:
        if rx.search(name):
            return subtype
    if _STATE_BEFORE.search(before):
        return "agency"  # "the Saudi Standard, Metrology, and Quality Organization"
    return "organisation"


# ------------------------------------------------------------------ stage 2: persons

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

#: mentions of one entity kept as evidence per article: a name repeated thousands of times (a list, a spammed
#: page) says no more than its first mentions, and would fill the graph
MAX_MENTIONS_PER_ENTITY = 25


def mention_facts(ctx: Context) -> None:
    seen: dict[tuple, int] = {}
    for s in ctx.sentences:
        for m in s.mentions:
            if m.kind in ENTITY_KINDS or m.kind == "demonym":
                k = (m.kind, getattr(m.ref, "key", "") or m.surface)
                seen[k] = seen.get(k, 0) + 1
                if seen[k] > MAX_MENTIONS_PER_ENTITY:
                    continue
            if m.kind == "demonym":
                # "the French president", "le président kazakh": the state is named through its adjective
                st = state_of(m)
                if st is not None:
                    ctx.facts.append(F.EntityMention(st, m.surface, ctx.evidence(s, m.start, m.end, "demonym")))
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
