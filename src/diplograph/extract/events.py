"""Events told by the templates of the language (`EVENT_RULES`), observances and programmes.

Reads: mentions, subjects. Returns Event facts (the trigger component merges its own into them);
adds Observance and Programme facts.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..ids import fold, slug
from . import facts as F
from .context import Context, entry_ref
from .discourse import focus_org
from .mentions import with_article
from .sentence import Sentence
from .triggers import load_triggers


def date_of(s: Sentence, exclude: set[int] | frozenset[int] = frozenset()) -> tuple:
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
        for rule, typ, rx in (pat.events if pat.any_event.search(s.abstract) else ()):
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
        assert by is not None and about is not None  # the designation rules capture both
        participants.append(by.ref)
        date, date_text = date_of(s, exclude)
        day = s.mention(gd["date"]) if gd.get("date") else None
        label = f"{by.ref.name} designates {day.surface + ' as ' if day else ''}" \
                f"{about.ref.name}" if ctx.lang == "en" else \
                f"{by.surface} proclame {about.surface}"
        obs = F.Observance(about.ref, ctx.ev_match(s, m, rule), day.surface if day else None,
                           day.ref.month_day if day else None, by.ref)
        ctx.facts.append(obs)
        return F.Event(typ, label, ctx.ev_match(s, m, rule), tuple(participants), None, None, None, about.ref,
                       date, date_text)
    if typ == "announcement" and rule == "event:body-says":
        # a state or a body speaking as such is news: one announcement per speaker and sentence, unless what it
        # says is itself a happening ("Le Mali a annoncé son retrait de la CEDEAO": the withdrawal is the news)
        if any(r.label != "announcement" and r.rx.search(s.text) for r in load_triggers(ctx.lang).events):
            return None
        label = " ".join(s.text.split())[:200].rstrip(" .")
        date, date_text = date_of(s)
        assert by is not None  # the body-says rule captures the speaker
        return F.Event(typ, label, ctx.ev_match(s, m, rule), (by.ref,), date=date, date_text=date_text)
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
        before = ctx.subject.get(prev.index)
        if before is not None:
            participants.append(before)
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
            host_ref: F.Ref | None = org
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
    date, date_text = date_of(s, exclude) if typ not in ("visit",) else (None, None)
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
            parts.append("hosted by " + with_article(host.ref.name))
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
