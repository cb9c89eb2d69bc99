"""Memberships told by the templates of the language (`MEMBERSHIP_RULES`), and the chairs held by leaders.

Reads: state, organisation and person mentions; the article's focus organisation; role holdings. Adds:
Membership facts.
"""

from __future__ import annotations

import re

from . import facts as F
from .context import HEADS, NATIONAL_ROLES, Context
from .discourse import focus_org, focus_state, org_by_anaphor
from .mentions import state_of
from .posts import head_titles

#: the templates' lists are read in time that grows with the square of the names in a sentence; real sentences
#: name at most a few dozen (26 in the corpus), a longer run of names is a table or a hostile page, not prose
MAX_TEMPLATE_MENTIONS = 80


def memberships(ctx: Context) -> None:
    for s in ctx.sentences:
        if len(s.mentions) > MAX_TEMPLATE_MENTIONS or not ctx.pat.any_membership.search(s.abstract):
            continue
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
                        st = state_of(s.mentions[int(idx)])
                        if st:
                            states.append(st)
                elif gd.get("state") is not None:
                    st = state_of(s.mention(gd["state"]))
                    if st:
                        states.append(st)
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


#: the posts of whoever chairs a body in turn ("chair of ECOWAS", "président en exercice de l'UA")
_CHAIRS = frozenset({"chairperson", "chairperson-in-office", "president"})


def chairs_of_leaders(ctx: Context) -> None:
    """ "elected President Issoufou Mahamadou of Niger as the chair of ECOWAS": the state the chair leads holds
    the body's chair, and belongs to it. Not for a body whose own head has that title (the chairperson of the AU
    Commission, the president of the European Commission head a secretariat, not a rotation)."""
    holdings = [f for f in ctx.facts if isinstance(f, F.RoleHolding)]
    have = {(m.state.key, m.organisation.key, m.status) for m in ctx.facts if isinstance(m, F.Membership)}
    for h in holdings:
        org = h.of
        if h.role.key not in _CHAIRS or org is None or org.kind != "organisation" or not org.key \
                or org.subtype not in ("igo", "") or head_titles().get(org.key) == h.role.key:
            continue
        led = [o.of for o in holdings if o.person == h.person and o.role.key in HEADS and o.of is not None
               and o.of.kind == "state"]
        if len({st.key for st in led}) != 1:
            continue
        for status in ("chair", "member"):
            if (led[0].key, org.key, status) not in have:
                have.add((led[0].key, org.key, status))
                ctx.facts.append(F.Membership(led[0], org, status, h.evidence))
