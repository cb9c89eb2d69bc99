"""Memberships told by the templates of the language (`MEMBERSHIP_RULES`).

Reads: state, organisation and person mentions; the article's focus organisation. Adds: Membership facts.
"""

from __future__ import annotations

import re

from . import facts as F
from .context import NATIONAL_ROLES, Context
from .discourse import focus_org, focus_state, org_by_anaphor
from .mentions import state_of


def memberships(ctx: Context) -> None:
    for s in ctx.sentences:
        if not ctx.pat.any_membership.search(s.abstract):
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
