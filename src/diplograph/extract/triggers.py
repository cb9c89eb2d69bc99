"""Events and memberships found by their trigger words, with arguments taken from the trigger's clause.

Reads: the analysed sentences (mentions of states, organisations, persons, places and dates), the
subject of each sentence, and the events and memberships the templates found. Adds: an event for each
trigger whose clause names a participant (merged with what the templates found when it is the same
happening), and a membership for each state a membership trigger's clause names.

The trigger words are data (`data/triggers_<lang>.json`, checked when loaded): a rule is a regular
expression over the sentence as written, with examples that the tests read. This is the design of
ACE-style trigger/argument extraction: it does not care whether "signed" comes after an adverb, a
passive or a list of signatories, only which names stand in its clause.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, replace
from importlib import resources

from ..errors import DiplographError
from . import facts as F
from .context import HEADS
from .discourse import org_by_anaphor
from .sentence import OF_WORDS as _OF
from .sentence import Mention, Sentence, in_quotation
from .sentence import post_country as _post_country

EVENT_TYPES = ("reception", "meeting", "summit", "visit", "designation", "launch", "announcement", "agreement",
               "other")
STATUSES = ("member", "observer", "candidate", "partner", "chair")
#: types told apart only by their trigger: an election and a suspension in one article are two events
_BY_RULE = ("other",)
#: a meeting and a summit told in one sentence are one gathering
_FAMILY = {"summit": "meeting"}
#: happenings an article seldom tells two of: a second trigger is the same one told again, unless its place or
#: date says otherwise
_ONCE = ("reception", "visit", "launch", "designation")


class TriggerDataError(DiplographError):
    """A trigger data file that does not keep to its schema; the message names the file and the rule."""


@dataclass(frozen=True)
class Rule:
    id: str
    label: str  # an event type or a membership status
    rx: re.Pattern
    examples: tuple[dict, ...]


@dataclass(frozen=True)
class Triggers:
    lang: str
    future: re.Pattern
    negation: re.Pattern
    irrealis: re.Pattern
    negated_membership: re.Pattern
    clause_breaks: re.Pattern
    org_anaphora: re.Pattern
    events: tuple[Rule, ...]
    memberships: tuple[Rule, ...]

    @functools.cached_property
    def any_event(self) -> re.Pattern:
        """Any event trigger: one scan tells which sentences need the rule by rule reading."""
        return re.compile("|".join(f"(?:{r.rx.pattern})" for r in self.events), re.I)

    @functools.cached_property
    def any_membership(self) -> re.Pattern:
        return re.compile("|".join(f"(?:{r.rx.pattern})" for r in self.memberships), re.I)


def _compile(source: str, where: str) -> re.Pattern:
    try:
        return re.compile(source, re.I)
    except re.error as exc:
        raise TriggerDataError(f"{where}: not a regular expression ({exc})") from exc


def parse_triggers(data: dict, name: str) -> Triggers:
    """Triggers from the JSON of a data file, every key and rule checked."""
    if not isinstance(data, dict):
        raise TriggerDataError(f"{name}: not a JSON object")
    for key in ("language", "future", "negation", "irrealis", "negated_membership", "clause_breaks", "org_anaphora",
                "events", "memberships"):
        if key not in data:
            raise TriggerDataError(f"{name}: no {key!r}")

    def rules(section: str, label_key: str, allowed: tuple[str, ...]) -> tuple[Rule, ...]:
        out, seen = [], set()
        for i, r in enumerate(data[section]):
            where = f"{name}: {section}[{i}]"
            if not isinstance(r, dict) or not {"id", label_key, "pattern", "examples"} <= set(r):
                raise TriggerDataError(f"{where}: needs id, {label_key}, pattern and examples")
            if r["id"] in seen:
                raise TriggerDataError(f"{where}: id {r['id']!r} twice")
            seen.add(r["id"])
            if r[label_key] not in allowed:
                raise TriggerDataError(f"{where}: {label_key} {r[label_key]!r} not one of {', '.join(allowed)}")
            examples = r["examples"]
            if not examples or not all(isinstance(e, dict) and {"text", "expect"} <= set(e) for e in examples):
                raise TriggerDataError(f"{where}: every rule needs examples of {{text, expect}}")
            rx = _compile(r["pattern"], where)
            for e in r["examples"]:
                if not rx.search(e["text"]):
                    raise TriggerDataError(f"{where}: the pattern does not fire on its example {e['text'][:50]!r}")
            # counter-examples: sentences the rule must leave alone ("opened the meeting" is no launch)
            if not isinstance(r.get("not", []), list) or not all(isinstance(t, str) for t in r.get("not", [])):
                raise TriggerDataError(f"{where}: 'not' is a list of sentences")
            for t in r.get("not", []):
                if rx.search(t):
                    raise TriggerDataError(f"{where}: the pattern fires on its counter-example {t[:50]!r}")
            out.append(Rule(r["id"], r[label_key], rx, tuple(r["examples"])))
        return tuple(out)

    return Triggers(data["language"], _compile(data["future"], f"{name}: future"),
                    _compile(data["negation"], f"{name}: negation"),
                    _compile(data["irrealis"], f"{name}: irrealis"),
                    _compile(data["negated_membership"], f"{name}: negated_membership"),
                    _compile(data["clause_breaks"], f"{name}: clause_breaks"),
                    _compile(data["org_anaphora"], f"{name}: org_anaphora"),
                    rules("events", "type", EVENT_TYPES), rules("memberships", "status", STATUSES))


@functools.cache
def load_triggers(lang: str) -> Triggers:
    """The trigger words of a language (data/triggers_<lang>.json)."""
    name = f"triggers_{lang}.json"
    try:
        text = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise TriggerDataError(f"{name}: no trigger data for language {lang!r}") from exc
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise TriggerDataError(f"{name}: not valid JSON ({exc})") from exc
    return parse_triggers(data, name)


# ------------------------------------------------------------------ clauses and arguments

_SHORT_ASIDE = re.compile(r"\((?:[^()\s]+ ?){1,3}\)")


def _clause(s: Sentence, start: int, end: int, breaks: re.Pattern) -> tuple[int, int]:
    """The span of the clause around [start, end): from the last break before it to the first after it."""
    a, b = 0, len(s.text)
    # "The Democratic Republic of the Congo (DRC) became ...": a short aside in brackets (an acronym, a
    # country, a year) is part of the clause around it, not a break
    asides = [(m.start(), m.end()) for m in _SHORT_ASIDE.finditer(s.text)]
    for m in breaks.finditer(s.text):
        if asides and any(x <= m.start() < y for x, y in asides):
            continue
        if m.end() <= start:
            a = m.end()
        elif m.start() >= end:
            b = m.start()
            break
    return a, b


def _in(m: Mention, a: int, b: int) -> bool:
    return a <= m.start and m.end <= b


def _quoted(s: Sentence, at: int) -> bool:
    """Inside a quotation: hopes and comparisons in a speaker's words are not happenings the article reports."""
    return in_quotation(s.text[:at])


def _preceded(s: Sentence, rx: re.Pattern, at: int) -> bool:
    return bool(rx.search(s.text[max(0, at - 60):at]))


# "in Malaysia", "au Nigeria": a state named as where something happens (French "à" is also "to": left out)
_LOCATIVE = re.compile(r"(?:\b(?:in|at|en|au|aux|dans)\s+(?:the\s+|la\s+|le\s+|l['’])?)$", re.I)


#: events about a post: the body whose post is given, taken or handed over is one of the parties
_POST_EVENTS = frozenset({"other:election", "other:appointment", "other:oath", "other:handover"})


def _arguments(s: Sentence, a: int, b: int, posts: bool = False) -> list[F.Ref]:
    """The states, organisations and persons of a clause, each once, a state named as a place left out
    (and the body of a post, unless the event is about the post)."""
    refs = []
    has_person = any(m.kind == "person" and _in(m, a, b) for m in s.mentions)
    for i, m in enumerate(s.mentions):
        if not _in(m, a, b) or m.kind not in ("state", "organisation", "person"):
            continue
        if m.kind == "state" and _LOCATIVE.search(s.text[max(0, m.start - 12):m.start]):
            continue
        prev = s.mentions[i - 1] if i else None
        if has_person and not posts and prev is not None and prev.kind == "role" \
                and _OF.match(s.text[prev.end:m.start]):
            continue  # "le secrétaire général de l'OSCE, X": the post's body is not itself at the meeting
        refs.append(m.ref)
    return F.unique_refs(refs)


def _place(s: Sentence, a: int, b: int) -> F.Ref | None:
    for lo, hi in ((a, b), (0, len(s.text))):
        for m in s.mentions:
            if m.kind == "place" and _in(m, lo, hi):
                return m.ref
    return None


def _date(s: Sentence, a: int, b: int) -> tuple:
    for lo, hi in ((a, b), (0, len(s.text))):
        for m in s.mentions:
            if m.kind == "date" and _in(m, lo, hi):
                return m.ref.date, m.ref.text
    return None, None


# ------------------------------------------------------------------ events

def _key(r: F.Ref) -> tuple[str, str]:
    from ..ids import fold

    return r.kind, r.key or fold(r.name)


def _family(ev: F.Event) -> tuple[str, str]:
    kind = _FAMILY.get(ev.type, ev.type)
    rule = ev.evidence.rule
    return kind, (rule if kind in _BY_RULE and rule.startswith("trigger:") else "")


def trigger_events(ctx, found: list[F.Event]) -> list[F.Event]:
    """The events of `found` (the templates') with those the triggers add, each happening once."""
    tr = load_triggers(ctx.lang)
    events = list(found)
    foci: dict[int, str] = {}  # event index -> the person a meeting trigger named right after it
    for s in ctx.sentences:
        if not tr.any_event.search(s.text):
            continue
        for rule in tr.events:
            for m in rule.rx.finditer(s.text):
                if _preceded(s, tr.negation, m.start()) or _quoted(s, m.start()):
                    continue
                if rule.label == "summit" and _told_again(s, m, events):
                    continue
                a, b = _clause(s, m.start(), m.end(), tr.clause_breaks)
                if tr.irrealis.search(s.text[a:m.start()]):
                    continue  # "expressed the hope that more would join": nothing happened
                parts = _arguments(s, a, b, rule.id in _POST_EVENTS)
                if not parts and ctx.pat.plural_anaphora.search(s.text) and s.index > 0:
                    # "the two leaders witnessed the signing": the persons (else states) of the sentence before
                    prev = ctx.sentences[s.index - 1]
                    parts = F.unique_refs([x.ref for x in prev.of_kind("person")]
                                          or [x.ref for x in prev.of_kind("state")])
                if not parts and ctx.subject.get(s.index) is not None:
                    parts = [ctx.subject[s.index]]
                place = _place(s, a, b)
                if not parts:
                    continue
                date, date_text = _date(s, a, b)
                label = " ".join(s.text[a:b].split()).strip(" ,.")[:200]
                places = [place]
                if rule.label == "visit":
                    places = _destinations(s, m, a, b, place)
                # "meeting with President Vucic and holding talks with Prime Minister Vucevic": whom a meeting
                # trigger is with tells two meetings of one sentence apart
                focus = None
                if _FAMILY.get(rule.label, rule.label) == "meeting":
                    after = [x for x in s.mentions if x.kind == "person" and m.end() <= x.start <= m.end() + 80
                             and not tr.clause_breaks.search(s.text, m.end(), x.start)]
                    focus = after[0].ref.key if after else None
                for where in places:
                    ev = F.Event(rule.label, label, ctx.evidence(s, a, b, f"trigger:{rule.id}"), tuple(parts),
                                 place=where, date=date, date_text=date_text)
                    _add_event(events, ev, focus, foci)
    return events


_DEFINITE = re.compile(r"\b(?:the|this|le|ce|du|au)\s+$", re.I)
_NAMED = re.compile(r"^\s*(?:of|de|des|du|d['’])\b", re.I)


def _told_again(s: Sentence, m: re.Match, events: list[F.Event]) -> bool:
    """"The Summit also elected ...", "taking part in the summit": the summit the article already told."""
    return (any(e.type == "summit" for e in events) and bool(_DEFINITE.search(s.text[max(0, m.start() - 8):m.start()]))
            and not _NAMED.match(s.text[m.end():m.end() + 6]))


_TOUR = re.compile(r"\b(?:tour|tournée)\b", re.I)


def _destinations(s: Sentence, m: re.Match, a: int, b: int, place: F.Ref | None) -> list[F.Ref | None]:
    """Where a visit goes: the city the clause names, else the state after the trigger ("returned from
    Guinea", "rendu visite à son homologue du Cap-Vert"); a tour goes to every state it lists."""
    states = [x for i, x in enumerate(s.mentions) if x.kind == "state" and _in(x, a, b) and x.start >= m.start()
              and not _post_country(s, i)]
    if _TOUR.search(s.text[a:b]) and len(states) > 1:
        return list(F.unique_refs([x.ref for x in states]))
    if place is not None or not states:
        return [place]
    return [states[0].ref]


def _persons(ev: F.Event) -> set[str]:
    return {p.key for p in ev.participants if p.kind == "person"}


def _add_event(events: list[F.Event], ev: F.Event, focus: str | None = None,
               foci: dict[int, str] | None = None) -> None:
    """Add an event, or fold it into the one it tells again: same family, and the same sentence or a
    shared participant (states and organisations count only with a person or when nothing else is named)."""
    fam = _family(ev)
    mine = {_key(p) for p in ev.participants}
    for i, other in enumerate(events):
        if _family(other) != fam:
            continue
        same_sentence = other.evidence.sentence == ev.evidence.sentence
        if foci is not None and focus is not None and foci.get(i, focus) != focus:
            continue  # a meeting with someone else
        theirs = {_key(p) for p in other.participants}
        if not same_sentence and not (mine & theirs) and ev.type not in _ONCE:
            continue
        if fam[0] == "other" and _persons(ev) and _persons(other) and not (_persons(ev) & _persons(other)):
            continue  # two persons elected to two posts of one body: two elections
        if ev.type == "meeting" and other.type == "meeting" and not same_sentence and _persons(ev) - _persons(other) \
                and _persons(other) - _persons(ev):
            continue  # A met B, then A met C: two meetings
        if other.place is not None and ev.place is not None and _key(other.place) != _key(ev.place):
            continue
        if other.date is not None and ev.date is not None and other.date != ev.date:
            continue
        if foci is not None and focus is not None:
            foci.setdefault(i, focus)  # the first trigger folded into a template's meeting says whom it is with
        keep_type = other.type if other.type != "meeting" else ev.type  # "summit" says more than "meeting"
        # a template read who took part from its sentence's shape: another sentence's clause adds nothing to that
        told_elsewhere = not same_sentence and not other.evidence.rule.startswith("trigger:") and other.participants
        parts = other.participants if told_elsewhere \
            else tuple(F.unique_refs(list(other.participants) + list(ev.participants)))
        events[i] = replace(other, type=keep_type, participants=parts,
                            place=other.place or ev.place, date=other.date or ev.date,
                            date_text=other.date_text or ev.date_text)
        return
    if foci is not None and focus is not None:
        foci[len(events)] = focus
    events.append(ev)


# ------------------------------------------------------------------ memberships



_FROM = re.compile(r"\b(?:from|succeeding|replacing|succédant à|succède à|après|la suite de|le relais de|des mains "
                   r"de)\s+(?:the\s+|la\s+|le\s+|l['’])?$", re.I)


def _chair_states(s: Sentence, states: list[Mention], start: int, end: int) -> list[Mention]:
    """The holder of a presidency is the state nearest its trigger; the one it was taken "from" holds it too."""
    nearest = min(states, key=lambda x: min(abs(x.start - end), abs(start - x.end)))
    return [x for x in states if x is nearest or _FROM.search(s.text[max(0, x.start - 16):x.start])]


_ANAPHOR_HEAD = re.compile(r"\b(?:the|le|la|l['’])\s*(?:Council|Conseil|Union|Commission|Assembly|Assemblée|"
                           r"Organi[sz]ation)\b")


def _state_of_person(ctx, m: Mention) -> Mention | None:
    """A mention standing for the state a leader in the clause leads (by the article's role holdings)."""
    for f in ctx.facts:
        if isinstance(f, F.RoleHolding) and f.person.key == m.ref.key and f.role.key in HEADS \
                and f.of is not None and f.of.kind == "state":
            return Mention(m.start, m.end, "state", m.surface, f.of, "coreference:leader")
    return None


def trigger_memberships(ctx, focus_org) -> None:
    """Memberships of the states a membership trigger's clause names, in the organisation of the sentence."""
    tr = load_triggers(ctx.lang)
    # "Neither Norway nor Switzerland is a member": no sentence that denies membership gives one
    ctx.facts[:] = [f for f in ctx.facts if not (isinstance(f, F.Membership)
                                                 and tr.negated_membership.search(f.evidence.sentence))]
    have = {(m.state.key, _key(m.organisation), m.status) for m in ctx.facts if isinstance(m, F.Membership)}
    told_in: dict[tuple[int, int], dict[str, str]] = {}  # (sentence, clause) -> state -> status said there
    for s in ctx.sentences:
        if tr.negated_membership.search(s.text):
            continue
        if not tr.any_membership.search(s.text):
            continue
        orgs = [m for m in s.mentions if m.kind == "organisation" and m.ref.subtype in ("igo", "")]
        for rule in tr.memberships:
            for m in rule.rx.finditer(s.text):
                if _preceded(s, tr.negation, m.start()):
                    continue
                a, b = _clause(s, m.start(), m.end(), tr.clause_breaks)
                attendance = rule.id == "membership:attendance"
                # at a summit, the states whose leaders attend ("President X of Zambia") are its members
                states = [x for i, x in enumerate(s.mentions) if x.kind == "state" and _in(x, a, b)
                          and not _LOCATIVE.search(s.text[max(0, x.start - 12):x.start])
                          and (attendance or not _post_country(s, i))]
                if rule.label == "chair":
                    # "the German presidency", "la présidence allemande": the demonym next to the trigger
                    states += [x for x in s.mentions if x.kind == "demonym" and _in(x, a, b)
                               and (0 <= m.start() - x.end <= 1 or 0 <= x.start - m.end() <= 1
                                    or 0 <= x.start - m.start() <= len("présidence "))]
                if re.search(r"\b(?:join|joins|joined|joining|rejoindre|rejoint|rejoindra)\b", m.group(0), re.I):
                    # "X will join Ecuador and Japan as members": who joins is named before; a state after
                    # "join" is one already there
                    states = [x for x in states if x.end <= m.start()]
                if rule.label == "chair" and not states:
                    # "Kenyan President Uhuru Kenyatta ... took over the chairmanship": the leader's state
                    people = [x for x in s.mentions if x.kind == "person" and _in(x, a, b)] or \
                        [x for x in reversed(s.mentions) if x.kind == "person" and x.end <= m.start()]
                    states = [st for st in (_state_of_person(ctx, x) for x in people) if st is not None][:1]
                if not states and a > 0:
                    # "Cameroon – also a member of the Commonwealth –": the state the parenthesis is about
                    before = [x for x in s.mentions if x.end <= a and x.kind != "date"]
                    if before and before[-1].kind == "state" and not s.text[before[-1].end:a].strip(" –—(,"):
                        states = [before[-1]]
                if not states:
                    continue
                if rule.label == "chair":
                    states = _chair_states(s, states, m.start(), m.end())
                if orgs:
                    org = min(orgs, key=lambda o: (o.ref.subtype != "igo", abs(o.start - m.start()))).ref
                elif tr.org_anaphora.search(s.text) or rule.id in ("membership:members", "membership:attendance"):
                    # "non-permanent members of the Council": the council last named, else the article's focus
                    head = _ANAPHOR_HEAD.search(s.text[a:b])
                    org = org_by_anaphor(ctx, s, head.group(0), m.start()) if head else focus_org(ctx, s, None)
                    if org is None or org.subtype not in ("igo", ""):
                        continue
                else:
                    continue
                status = rule.label
                if status == "chair" and org.key == "european-union":
                    # the EU's rotating presidency is the presidency of the Council of the EU
                    council = ctx.lex.get("organisation", "council-of-the-european-union")
                    org = F.Ref("organisation", council.key, council.name_en, "en", council.subtype) if council else org
                if status == "member" and _preceded(s, tr.future, m.start()):
                    status = "candidate"  # "will join", "will become the 11th member"
                for st in states:
                    told = told_in.setdefault((s.index, a), {})
                    if rule.id == "membership:members" and told.get(st.ref.key, status) != status:
                        continue  # the clause already said what it is: "will become a member" is no member yet
                    told.setdefault(st.ref.key, status)
                    key = (st.ref.key, _key(org), status)
                    if key in have:
                        continue
                    have.add(key)
                    ctx.facts.append(F.Membership(F.Ref("state", st.ref.key, st.ref.name, "en"), org, status,
                                                  ctx.evidence(s, a, b, f"trigger:{rule.id}")))
    # "became the seventh full member after depositing its instruments of accession": a state the article says
    # has joined is no longer a candidate in it
    joined = {(m.state.key, _key(m.organisation)) for m in ctx.facts if isinstance(m, F.Membership)
              and m.status == "member" and _JOINED.search(m.evidence.sentence)}
    ctx.facts[:] = [f for f in ctx.facts if not (isinstance(f, F.Membership) and f.status == "candidate"
                                                 and (f.state.key, _key(f.organisation)) in joined)]


#: a sentence that says a state has joined (not only that it is among the members)
_JOINED = re.compile(r"\b(?:became|has become|have become|joined|has joined|acceded|est devenue?|sont devenus|"
                     r"a rejoint|ont rejoint|a adhéré|ont adhéré)\b", re.I)
