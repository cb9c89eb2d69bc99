"""Posts: who holds which post of which state or body, read by the sentence templates (`ROLE_RULES`,
`COUNTERPART_RULES`) and then across the whole article.

Reads: the analysed sentences (state, demonym, role and person mentions) and the role holdings the
sentence rules found. Adds: role holdings for lists of holders ("les présidents du Sénégal, Bassirou
Diomaye Faye, du Ghana, John Dramani Mahama"), for predecessors ("replaces Moussa Faki", "succédant au
Tchadien X"), and the state of a national title the sentence leaves unqualified, from the holder's
nationality as the article gives it ("Le Djiboutien X", "X of Chad", "Senegal was represented by X").

The language knowledge is in the patterns modules (`NATIONALITY_RULES`, `SUCCESSION_RULES`,
`ROLE_LIST`); this module is the same for every language.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from importlib import resources

from ..ids import fold
from . import facts as F
from .context import HEADS, NATIONAL_ROLES, Context, entry_ref
from .mentions import state_of
from .sentence import Mention, in_quotation, post_country
from .triggers import load_triggers

_ENVOY_FOR = re.compile(r"\b(?:for|pour) (?:the |la |le |l['’])?$")
_SENDER = re.compile(r"\ue000[SO](\d+)\ue001(?:['’]s)? (?:(?:new|newly appointed|special|personal) )*$")


#: a title that completes another ("the envoy of the President", "le directeur du cabinet du président")
_COMPLEMENT = re.compile(r"(?:\ue000R\d+\ue001|\b(?:[Cc]abinet|[Oo]ffice|[Ss]taff|[Bb]ureau|[Ss]ecretariat|"
                         r"[Ss]ecrétariat)) (?:du |de la |de l['’]|des |of the |to the |of |to )$")


def role_holdings(ctx: Context) -> None:
    seen: set = set()
    found: list[F.RoleHolding] = []
    for s in ctx.sentences:
        for rule, rx in ctx.pat.role_rules:
            for m in rx.finditer(s.abstract):
                if rule == "role:title" and "," in s.abstract[m.start():m.start("person")] \
                        and _COMPLEMENT.search(s.abstract[max(0, m.start() - 40):m.start()]):
                    continue  # "l'envoyé spécial du président français, X": X is the envoy, not the president
                person = s.mention(m.group("person")).ref
                gd = m.groupdict()
                if gd.get("head"):
                    # "élu à la tête de la Commission de l'UA": the title of the body's head
                    head = s.mention(gd["head"]).ref
                    role = head_title(ctx, head)
                    if role is None:
                        continue
                    of, role_of = head, None
                else:
                    role = s.mention(m.group("role")).ref
                    of_m = s.mention(gd.get("of")) or s.mention(gd.get("ofd"))
                    of = state_of(of_m) if of_m is not None and of_m.kind == "demonym" else (of_m.ref if of_m else None)
                    role_of = dict(s.mention(m.group("role")).extra).get("of")
                    if of is not None and of.kind == "organisation" and (role.key in _HEAD_WORDS or (
                            role.key in _PRESIDENT and (t := head_title(ctx, of)) is not None and t.key in _PRESIDENT)):
                        # "the head of the AU Commission, Moussa Faki", "président de la Commission de l'UA": the
                        # head's own title
                        role = head_title(ctx, of) or role
                if of is None and role_of:
                    entry = ctx.lex.get("state", role_of)
                    of = entry_ref(entry, ctx.lang) if entry else None
                to_m = s.mention(gd.get("to"))
                to = to_m.ref if to_m is not None else None
                envoy = (e := ctx.lex.get("role", role.key)) is not None and e.subtype == "envoy"
                if envoy and of is not None and to is None and gd.get("of") \
                        and _ENVOY_FOR.search(s.abstract[:m.start("of") - 2]):
                    # "the UN envoy for Libya": an envoy is sent *to* what follows "for", by what precedes the title
                    at = m.start("role") - 2
                    sender = _SENDER.search(s.abstract[:at])
                    to, of = of, (s.mention(sender.group(1)).ref if sender else None)
                if gd.get("its") and of is None:
                    # "Ukraine ... was represented by its ambassador": the state or body the sentence is about
                    before = [x for x in s.of_kind("state", "organisation") if x.end <= s.span(m.start(), m.end())[0]]
                    of = before[0].ref if before else None
                if of is None and role.key in NATIONAL_ROLES:
                    # the first state named after, unless it is another post's ("for Russia Ambassador to Vietnam X")
                    end = s.span(m.start(), m.end())[1]
                    after = [x for i, x in enumerate(s.mentions) if x.kind == "state" and x.start >= end
                             and not post_country(s, i)]
                    if after:
                        of = after[0].ref
                        rule += ":of-inferred"
                k = (person.key, role.key, of.key if of else "", to.key if to else "")
                if k in seen:
                    continue
                seen.add(k)
                ctx.role_holders.setdefault(role.key, person)
                found.append(F.RoleHolding(person, role, of, to, ctx.ev_match(s, m, rule)))
    # two titles before one name: read once, here, for the counterparts and for the rest of the article
    found += chained_titles(ctx)
    # "his French counterpart Emmanuel Macron": the post of the sentence's first person, for another state
    for s in ctx.sentences:
        for rx in ctx.pat.counterpart:
            for m in rx.finditer(s.abstract):
                person = s.mention(m.group("person")).ref
                others = [x.ref for x in s.of_kind("person") if x.ref != person]
                # the other person's post for a state: "son homologue sénégalais" is the same state post
                held = [h for h in found if others and h.person == others[0]
                        and h.role.key in STATE_POSTS]
                of_m = s.mention(m.groupdict().get("of")) or s.mention(m.groupdict().get("ofd"))
                if not held or of_m is None:
                    continue
                found.append(F.RoleHolding(person, held[0].role, state_of(of_m) if of_m.kind == "demonym"
                                           else of_m.ref, None, ctx.ev_match(s, m, "role:counterpart")))
    found = document_posts(ctx, found)
    # a military rank is not a post unless the text names what it is held in
    found = [h for h in found if not (h.role.key == "general" and h.of is None)]
    # a guess ("President X said ... Türkiye aims") gives way to what the text says outright
    found = [h for h in found if not (h.evidence.rule.endswith(":of-inferred") and any(
        o.person == h.person and o.role == h.role and not o.evidence.rule.endswith(":of-inferred")
        and o.of is not None for o in found))]
    # an unqualified national title in a datelined story is the host country's ("NEW DELHI — ... Prime
    # Minister Narendra Modi")
    home = _dateline_state(ctx) or _hosting_state(ctx)
    # else the state the article is about, when one stands out ("ANI - Le ministre des Affaires étrangères et des
    # Émigrés, Youssef Rajji, a reçu ..." in a story that names Lebanon again and again)
    main = home or _receiving_state(ctx, found) or _main_state(ctx)
    if main is not None:
        found = [replace(h, of=main, evidence=replace(h.evidence, rule=h.evidence.rule + (
            "" if home else ":of-main-state"))) if h.of is None and h.role.key in NATIONAL_ROLES
                 and (home is not None or not _in_quotation(h))
                 and not any(o.person == h.person and o.of is not None for o in found) else h for h in found]
    if home is not None:
        # "ISLAMABAD -- ... Ambassador of Uzbekistan Alisher Tukhtaev": a foreign envoy in a datelined story is
        # accredited to the host
        found = [replace(h, to=home) if h.to is None and h.of is not None and h.of.kind == "state"
                 and h.of.key != home.key and _is_envoy(ctx, h) else h for h in found]
    # "Ambassador to the United States X" adds nothing to "Azerbaijan's Ambassador to the United States X"
    for h in found:
        if any(o is not h and o.person == h.person and o.role == h.role and _covers(o, h) for o in found):
            continue
        ctx.facts.append(h)


#: titles that name whoever heads a body ("leader", "chef"): an organisation's head has a title of its own
_HEAD_WORDS = frozenset({"leader"})
#: a body's president is its chairperson where that is the title, and the other way round
_PRESIDENT = frozenset({"president", "chairperson"})


def parse_head_titles(text: str, name: str = "heads_of_organisations.tsv") -> dict[str, str]:
    """organisation key -> role key of its head; a malformed row is an error naming the file and the line."""
    out = {}
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != 2 or not all(cells):
            raise ValueError(f"{name}:{n}: expected organisation key, role key")
        out[cells[0]] = cells[1]
    return out


@functools.cache
def head_titles() -> dict[str, str]:
    text = resources.files(__package__).joinpath("data/heads_of_organisations.tsv").read_text(encoding="utf-8")
    return parse_head_titles(text)


def head_title(ctx: Context, org: F.Ref) -> F.Ref | None:
    """The post of the person at the head of `org` (None when the body has no one title)."""
    key = head_titles().get(org.key) if org.kind == "organisation" else None
    entry = ctx.lex.get("role", key) if key else None
    return entry_ref(entry, ctx.lang) if entry else None


def _dateline_state(ctx: Context) -> F.Ref | None:
    """The state of the city a story is datelined from ("ASTANA —", "BAKOU (AFP) -"), if any."""
    if not ctx.sentences:
        return None
    s = ctx.sentences[0]
    for rx in ctx.pat.setting:
        m = rx.search(s.abstract)
        if m and not s.abstract.startswith(("À", "A ", "In ")):
            return _state_of_place(ctx, s.mention(m.group("place")).ref)
    return None


def _state_of_place(ctx: Context, place: F.Ref) -> F.Ref | None:
    entry = ctx.lex.get("place", place.key)
    state = ctx.lex.get("state", entry.country) if entry and entry.country else None
    return entry_ref(state, ctx.lang) if state else None


def _hosting_state(ctx: Context) -> F.Ref | None:
    """Without a dateline, the state of the city where the story's opening reception (a reception trigger of
    the language) takes place ("Le Chef de l'État a reçu, hier au siège de la présidence à Alger, ..."): a host
    receives at home."""
    receptions = [r.rx for r in load_triggers(ctx.lang).events if r.label == "reception"]
    for s in ctx.sentences[:2]:
        verb = next((v for rx in receptions if (v := rx.search(s.text)) is not None), None)
        if verb is None:
            continue
        for m in s.of_kind("place"):
            if m.start >= verb.end() and (state := _state_of_place(ctx, m.ref)) is not None:
                return state
    return None


def _in_quotation(h: F.RoleHolding) -> bool:
    """The holder is named inside a quotation (a speaker's words may name another country's king)."""
    text = h.evidence.sentence
    at = text.find(h.person.name)
    return in_quotation(text[:at] if at >= 0 else "")


def _credentials_story(ctx: Context) -> bool:
    return any(_CREDENTIALS.search(s.text) for s in ctx.sentences)


def _is_envoy(ctx: Context, h: F.RoleHolding) -> bool:
    return (e := ctx.lex.get("role", h.role.key)) is not None and e.subtype == "envoy"


def _heads_of_states(found: list[F.RoleHolding]) -> dict[str, F.Ref]:
    """state key -> state, for each state whose head (of state or of government) the article names."""
    return {h.of.key: h.of for h in found if h.role.key in HEADS and h.of is not None and h.of.kind == "state"}


def _receiving_state(ctx: Context, found: list[F.RoleHolding]) -> F.Ref | None:
    """In a credentials story, the state of the one head of state whose state is not an envoy's: the host, whose
    ministers attend the ceremony."""
    if not _credentials_story(ctx):
        return None
    envoys = {h.of.key for h in found if h.of is not None and _is_envoy(ctx, h)}
    hosts = [st for k, st in _heads_of_states(found).items() if k not in envoys]
    return hosts[0] if len(hosts) == 1 else None


def _main_state(ctx: Context) -> F.Ref | None:
    """The state an article names most, if it is named at least three times and half as often again as any other."""
    counts: dict[str, int] = {}
    refs: dict[str, F.Ref] = {}
    for s in ctx.sentences:
        for m in s.of_kind("state", "demonym"):
            r = state_of(m)
            if r is not None:
                counts[r.key] = counts.get(r.key, 0) + 1
                refs.setdefault(r.key, r)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    if not ranked or ranked[0][1] < 3 or (len(ranked) > 1 and 2 * ranked[0][1] < 3 * ranked[1][1]):
        return None
    return refs[ranked[0][0]]


def _covers(a: F.RoleHolding, b: F.RoleHolding) -> bool:
    """a says all b says, and more."""
    return ((b.of is None or a.of == b.of) and (b.to is None or a.to == b.to)
            and (a.of, a.to) != (b.of, b.to))


#: titles whose holder acts for one state: their `of` may come from the holder's nationality
STATE_POSTS = frozenset({
    "president", "vice-president", "prime-minister", "premier", "head-of-state", "state-councillor", "governor-general",
    "permanent-secretary", "deputy-prime-minister", "chancellor", "king", "queen", "emir",
    "crown-prince", "minister-of-foreign-affairs", "deputy-minister-of-foreign-affairs", "minister-of-defence",
    "minister-of-trade", "minister-of-economy", "minister-of-finance", "minister-of-energy", "minister-of-culture",
    "minister-of-education", "minister-of-the-interior", "minister-of-justice", "secretary-of-state", "minister",
    "ambassador", "high-commissioner", "consul", "consul-general", "charge-d-affaires", "permanent-representative",
    "speaker-of-parliament", "chief-of-general-staff", "national-security-adviser",
})

#: titles held in an organisation: their body may come from the tenure table when the text leaves it out
ORG_POSTS = frozenset({"secretary-general", "chairperson", "director-general", "high-representative", "president"})

#: rules whose holding is the post being given (elected, appointed, taken over): the one a successor takes
_GIVEN = ("role:given", "role:given-object", "role:head-of", "role:head-of-object")


def nationalities(ctx) -> dict[str, F.Ref | None]:
    """person key -> the state the article ties the person to (None when it ties them to two)."""
    out: dict[str, F.Ref | None] = {}
    for s in ctx.sentences:
        for rx in ctx.pat.nationality:
            for m in rx.finditer(s.abstract):
                person = s.mention(m.group("person")).ref
                dem = s.mention(m.group("state"))
                state = F.Ref("state", dem.ref.key, dem.ref.name, "en")
                old = out.get(person.key, state)
                out[person.key] = state if old is not None and old.key == state.key else None
    return out


def role_lists(ctx) -> list[F.RoleHolding]:
    """ "the presidents of Senegal, A, of Ghana, B and of Rwanda, C": each name holds the post for its state."""
    from .persons import register_person

    pat = ctx.pat
    out: list[F.RoleHolding] = []
    credentials = _credentials_story(ctx)
    for s in ctx.sentences:
        found = [m for rx, _ in pat.role_lists for m in rx.finditer(s.abstract)]
        if credentials and not found:
            # "Ce sont : MM. Benny Omer (Israël), Jean-Marc Simon (France) ...": the envoys of a credentials story
            found = list(_BARE_LIST(pat).finditer(s.abstract))
        # every list of the sentence is read from the same abstract form before any name is added to it (an
        # added mention renumbers the abstract, and a second list's offsets would point elsewhere)
        lists = []
        for m in found:
            plural = m.groupdict().get("plural")
            key = pat.role_list_keys.get(plural.lower(), "") if plural else "ambassador"
            entry = ctx.lex.get("role", key)
            if entry is None:
                continue
            role = F.Ref("role", entry.key, entry.name_en, "en")
            items: list = []
            base = m.start("items")
            item_rx = next((item for rx, item in pat.role_lists if rx is m.re), None) or _bracket_item(pat)
            for it in item_rx.finditer(m.group("items")):
                state = s.mention(it.groupdict().get("state"))
                person = s.mention(it.groupdict().get("person"))
                if person is not None:
                    items.append((state, person.ref, person.start, person.end))
                    continue
                a, b = s.span(base + it.start("name"), base + it.end("name"))
                items.append((state, it.group("name"), a, b))
            lists.append((role, items))
        for role, items in lists:
            for state, name, a, b in items:
                if isinstance(name, str):
                    ref = register_person(ctx, name)
                    s.add(Mention(a, b, "person", s.text[a:b], ref, "person:role-list"))
                else:
                    ref = name
                ev = ctx.evidence(s, a, b, "role:list")
                of = F.Ref("state", state.ref.key, state.ref.name, "en") if state is not None else None
                out.append(F.RoleHolding(ref, role, of, None, ev))
    return out


def _bracket_item(pat):
    """The item pattern of the language's "Name (State)" list."""
    return next(item for _, item in pat.role_lists if "\\(" in item.pattern)


@functools.cache
def _bare_list(lang: str, item: str):
    return re.compile(r"(?P<items>" + item + r"(?:(?:,|,? (?:and|et)) " + item + r"){2,})")


def _BARE_LIST(pat):  # noqa: N802 - a compiled pattern, cached per language
    """Three or more "Name (State)" in a row."""
    item = (_bracket_item(pat).pattern.replace("(?P<name>", "(?:").replace("(?P<state>", "(?:")
            .replace("(?P<person>", "(?:"))
    return _bare_list(pat.lang, item)


def successions(ctx, found: list[F.RoleHolding]) -> list[F.RoleHolding]:
    """ "X ... replaces Moussa Faki": the predecessor held the post X was given."""
    from .persons import register_person

    out: list[F.RoleHolding] = []
    by_person: dict[str, list[F.RoleHolding]] = {}
    for h in found:
        by_person.setdefault(h.person.key, []).append(h)

    def rank(h: F.RoleHolding) -> int:
        if h.evidence.rule.split(":of")[0] in _GIVEN:
            return 0
        return 1 if h.of is not None and h.of.kind == "organisation" else 2

    for s in ctx.sentences:
        for rx in ctx.pat.succession:
            for m in rx.finditer(s.abstract):
                at = s.span(m.start(), m.start())[0]
                if m.group("pred") is not None:
                    pred_m = s.mention(m.group("pred"))
                else:
                    a, b = s.span(m.start("name"), m.end("name"))
                    pred_m = Mention(a, b, "person", s.text[a:b], register_person(ctx, m.group("name")),
                                     "person:predecessor")
                    s.add(pred_m)
                before = [x for x in s.of_kind("person") if x.end <= at and x.ref.key != pred_m.ref.key]
                holdings = [h for x in reversed(before) for h in by_person.get(x.ref.key, [])]
                if not holdings:
                    continue
                best = min(holdings, key=rank)
                if rank(best) == 2 and (best.of is None or best.evidence.sentence != s.text
                                        or _FORMER.search(s.text[:m.start()])):
                    continue  # "Former Cook Islands Prime Minister X ... replacing Y": Y held X's new post
                ev = ctx.evidence(s, pred_m.start, pred_m.end, "role:predecessor")
                out.append(F.RoleHolding(pred_m.ref, best.role, best.of, best.to, ev))
    return out


@dataclass(frozen=True)
class Tenure:
    """A known holder of a state post: names (folded word tuples), role key, state key, years."""

    names: tuple[tuple[str, ...], ...]
    role: str
    state: str
    first: int
    last: int | None


#: the titles an article may use for the post a tenure records
_SAME_POST = {"head-of-state": {"president", "king", "emir"}, "leader": {"president", "prime-minister", "king",
                                                                        "emir", "chancellor", "premier"}}


def parse_tenures(text: str, name: str = "office_holders.tsv") -> list[Tenure]:
    """The rows of the tenure table; a malformed row is an error naming the file and the line."""
    out = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")  # the state is an ISO code, or org:<key> for a post of an organisation
        if len(cells) != 5 or not cells[3].isdigit() or (cells[4] and not cells[4].isdigit()):
            raise ValueError(f"{name}:{n}: expected names, role, state, first year, last year")
        names = tuple(tuple(fold(w) for w in v.replace("-", " ").split()) for v in cells[0].split("|") if v.strip())
        out.append(Tenure(names, cells[1], cells[2], int(cells[3]), int(cells[4]) if cells[4] else None))
    return out


@functools.cache
def tenures() -> dict[tuple[str, ...], list[Tenure]]:
    """Tenures by every name they are written with, and by the last word of each ("President Duterte")."""
    text = resources.files(__package__).joinpath("data/office_holders.tsv").read_text(encoding="utf-8")
    index: dict[tuple[str, ...], list[Tenure]] = {}
    for t in parse_tenures(text):
        for n in dict.fromkeys(t.names + tuple(n[-1:] for n in t.names if len(n) > 1)):
            index.setdefault(n, []).append(t)
    return index


def known_state(lex, person: F.Ref, role: str, year: int | None, former: bool = False) -> F.Ref | None:
    """The state whose `role` the person held in `year` by the tenure table (None unless exactly one); a
    `former` holder ("former president Hosni Mubarak") held it in any year up to `year`."""
    words = tuple(fold(w) for w in person.name.replace("-", " ").split())
    found = {t.state for t in tenures().get(words, ())
             if (t.role == role or t.role in _SAME_POST.get(role, ()))
             and (year is None or (t.first <= year and (former or t.last is None or year <= t.last)))}
    if len(found) != 1:
        return None
    key = found.pop()
    if key.startswith("org:"):  # the post of an organisation ("Secretary-General Antonio Guterres")
        entry = lex.get("organisation", key[4:])
        return F.Ref("organisation", entry.key, entry.name_en, "en", entry.subtype) if entry else None
    entry = lex.get("state", key)
    return F.Ref("state", entry.key, entry.name_en, "en") if entry else None


_FORMER = re.compile(r"\b(?:former|late|ex-|then|ancien|ancienne|feu|défunt|défunte|déchue?|ousted|deposed)\b",
                     re.I)


def with_states(ctx, found: list[F.RoleHolding], nationality: dict[str, F.Ref | None]) -> list[F.RoleHolding]:
    """A national title without its state takes the holder's nationality, the state of the holder's other
    national title ("President Paul Kagame" after "Rwandan President Paul Kagame"), or, when the article says
    nothing, the state the tenure table gives for that holder, that title and the article's year."""
    published = getattr(ctx.article, "published", None)
    year = published.year if published is not None else None
    text = getattr(ctx.article, "text", "")
    other: dict[str, F.Ref] = {}
    for h in found:
        if h.of is not None and h.of.kind == "state" and h.role.key in STATE_POSTS \
                and not h.evidence.rule.endswith(":of-inferred"):
            other.setdefault(h.person.key, h.of)
    out = []
    for h in found:
        if h.role.key in STATE_POSTS and (h.of is None or h.evidence.rule.endswith(":of-inferred")):
            how = "nationality"
            state = nationality.get(h.person.key) or other.get(h.person.key)
            if state is None:
                former = bool(_FORMER.search(text[max(0, h.evidence.start - 40):h.evidence.start + 20]))
                state, how = known_state(ctx.lex, h.person, h.role.key, year, former), "tenure"
            if state is not None and (h.of is None or h.of.key != state.key):
                h = replace(h, of=state, evidence=replace(h.evidence, rule=h.evidence.rule.split(":of")[0]
                                                          + f":of-{how}"))
        elif h.of is None and h.role.key in ORG_POSTS:
            # "Secretary-General Antonio Guterres": the body the tenure table gives for that holder and year
            body = known_state(ctx.lex, h.person, h.role.key, year)
            if body is not None:
                h = replace(h, of=body, evidence=replace(h.evidence, rule=h.evidence.rule + ":of-tenure"))
        out.append(h)
    return out


_CREDENTIALS = re.compile(r"\b(?:credentials|letters? of credence|lettres? de créances?|copies? figurées?)\b", re.I)


def accredited_to(ctx, found: list[F.RoleHolding]) -> list[F.RoleHolding]:
    """Envoys presenting credentials are accredited to the state of the head of state who receives them
    (the one head of state of the article whose state is not theirs)."""
    if not _credentials_story(ctx):
        return found
    heads = _heads_of_states(found)
    out = []
    for h in found:
        if h.to is None and h.of is not None and _is_envoy(ctx, h):
            hosts = [st for k, st in heads.items() if k != h.of.key]
            if len(hosts) == 1:
                h = replace(h, to=hosts[0])
        out.append(h)
    return out


def chained_titles(ctx) -> list[F.RoleHolding]:
    """Two or three titles before one name: the holder holds each; a second state post without its state takes the
    first one's ("Ambassador of Azerbaijan to Saudi Arabia, Permanent Representative to the OIC Rasim Rzayev")."""
    rx = ctx.pat.chained_titles
    out: list[F.RoleHolding] = []
    if rx is None:
        return out
    for s in ctx.sentences:
        for m in rx.finditer(s.abstract):
            gd = m.groupdict()
            person = s.mention(gd["person"]).ref

            def ref(name: str, gd: dict = gd, s=s) -> F.Ref | None:
                x = s.mention(gd.get(name))
                return None if x is None else (state_of(x) if x.kind == "demonym" else x.ref)

            r1, r2 = s.mention(gd["r1"]).ref, s.mention(gd["r2"]).ref
            o1 = ref("o1") or ref("d1")
            o2 = ref("o2") or ref("d2")
            if o2 is None and o1 is not None and o1.kind == "state" and r2.key in STATE_POSTS:
                o2 = o1
            ev = ctx.evidence(s, *s.span(m.start(), m.end()), "role:chained-titles")
            out.append(F.RoleHolding(person, r1, o1, ref("t1"), ev))
            out.append(F.RoleHolding(person, r2, o2, ref("t2"), ev))
            if gd.get("r3"):
                r3 = s.mention(gd["r3"]).ref
                o3 = ref("o3") or ref("d3")
                if o3 is None and o1 is not None and o1.kind == "state" and r3.key in STATE_POSTS:
                    o3 = o1
                out.append(F.RoleHolding(person, r3, o3, None, ev))
    return out


def document_posts(ctx, found: list[F.RoleHolding]) -> list[F.RoleHolding]:
    """The sentence rules' holdings with what the whole article adds to them."""
    found = found + role_lists(ctx)
    found = found + successions(ctx, found)
    return accredited_to(ctx, with_states(ctx, found, nationalities(ctx)))


def compile_extra(mod, compile_template) -> dict:
    """The compiled patterns this module reads from a language's patterns module."""
    c = compile_template
    chained = getattr(mod, "CHAINED_TITLES", None)
    return {
        "chained_titles": c(chained) if chained else None,
        "nationality": [c(t) for t in getattr(mod, "NATIONALITY_RULES", [])],
        "succession": [c(t) for t in getattr(mod, "SUCCESSION_RULES", [])],
        "role_lists": [(c(lst), c(item)) for lst, item in getattr(mod, "ROLE_LISTS", [])],
        "role_list_keys": {k.lower(): v for k, v in getattr(mod, "ROLE_LIST_KEYS", {}).items()},
    }


__all__ = ["document_posts", "compile_extra", "head_titles", "STATE_POSTS", "HEADS"]
