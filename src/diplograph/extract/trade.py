"""Trade targets: who aims at how much trade with whom, by when, said by whom.

Reads: money and date mentions, states, persons, role holdings, subjects. Adds: TradeTarget facts.
"""

from __future__ import annotations

import re

from . import facts as F
from .context import Context, entry_ref
from .discourse import focus_org
from .mentions import state_of
from .sentence import Mention
from .values import find_horizon


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
                                 state_of(actors[-1]), actors[-1].rule)
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
            other = next((st for x in reversed(earlier) if (st := state_of(x)) and st.key != actor.key), None)
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
