"""Precision, recall and F1 of the extraction against gold files (schema: shared/gold/README.md).

Each gold file names its article; the article is read from the articles folder
alone (no other article helps it), its facts are resolved, and each category
is matched one-to-one: names match after case and accent folding, on the
canonical name or any alias (gold aliases, and every name the reference
lexicon knows for the entity).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .corpus import Article, ArticleProblem, read_file
from .extract import extract
from .extract import facts as F
from .ids import fold
from .lexicon import Lexicon, load_lexicon
from .resolve import resolve

CATEGORIES = ("states", "organisations", "persons", "roles", "memberships", "events", "trade_targets",
              "statements", "observances")


class EvalError(Exception):
    pass


@dataclass
class Score:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else (1.0 if not self.predicted else 0.0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.gold += other.gold
        self.predicted += other.predicted
        self.matched += other.matched
        self.missed += other.missed
        self.spurious += other.spurious


def norm(name: str | None) -> str:
    if not name:
        return ""
    n = fold(name).replace("’", "'").strip(" .,")
    for art in ("the ", "la ", "le ", "les ", "l'", "l’"):
        if n.startswith(art):
            n = n[len(art):]
    return " ".join(n.split())


class _Names:
    """Every name an entity goes by: the reference lexicon's forms plus what the article called it."""

    def __init__(self, lex: Lexicon) -> None:
        self.by_key: dict[tuple[str, str], set[str]] = {}
        for forms in lex.forms.values():
            for f in forms:
                self.by_key.setdefault((f.entry.kind, f.entry.key), set()).add(norm(f.surface))

    def of(self, ref: F.Ref | None, extra: set[str] | None = None) -> set[str]:
        if ref is None:
            return set()
        names = {norm(ref.name)} | self.by_key.get((ref.kind, ref.key), set())
        return names | (extra or set())


def _gold_names(item: dict, key: str = "name") -> set[str]:
    out = {norm(item.get(key))}
    for k in ("aliases", "former_names"):
        out |= {norm(a) for a in item.get(k) or []}
    if item.get("acronym"):
        out.add(norm(item["acronym"]))
    return out - {""}


def _match(golds: list, preds: list, same) -> Score:
    s = Score(gold=len(golds), predicted=len(preds))
    used: set[int] = set()
    for g in golds:
        for i, p in enumerate(preds):
            if i not in used and same(g, p):
                used.add(i)
                s.matched += 1
                break
        else:
            s.missed.append(_show(g))
    s.spurious = [_show(p) for i, p in enumerate(preds) if i not in used]
    return s


def _show(x) -> str:
    if isinstance(x, dict):
        return json.dumps(x, ensure_ascii=False)[:160]
    return str(x)[:160]


def score_article(gold: dict, facts: list, lex: Lexicon) -> dict[str, Score]:
    """Scores of one article's resolved facts against its gold file."""
    names = _Names(lex)
    aliases: dict[tuple[str, str], set[str]] = {}
    for f in facts:
        if isinstance(f, F.EntityMention):
            aliases.setdefault((f.entity.kind, f.entity.key), set()).add(norm(f.surface))

    def n(ref):
        return names.of(ref, aliases.get((ref.kind, ref.key)) if ref else None)

    gold_entities: dict[str, set[str]] = {}
    for cat in ("states", "organisations", "persons"):
        for item in gold.get(cat, []) or []:
            gold_entities[norm(item["name"])] = _gold_names(item)

    def same_name(gold_name: str | None, ref: F.Ref | None, text: str | None = None) -> bool:
        if not gold_name:
            return ref is None and not text
        gnames = gold_entities.get(norm(gold_name), {norm(gold_name)})
        pnames = n(ref) if ref else set()
        if text:
            pnames = pnames | {norm(text)}
        return bool(gnames & pnames)

    mentioned = [f.entity for f in facts if isinstance(f, F.EntityMention)]
    out: dict[str, Score] = {}
    for cat, kind in (("states", "state"), ("organisations", "organisation"), ("persons", "person")):
        preds = F.unique_refs(r for r in mentioned if r.kind == kind)
        out[cat] = _match(gold.get(cat) or [], preds, lambda g, p: bool(_gold_names(g) & n(p)))

    gold_roles = [dict(r, person=p["name"]) for p in gold.get("persons") or [] for r in p.get("roles") or []]
    holdings = list({(h.person, h.role, h.of, h.to): h for h in facts if isinstance(h, F.RoleHolding)}.values())
    out["roles"] = _match(gold_roles, holdings, lambda g, h: same_name(g["person"], h.person)
                          and norm(g["role"]) in n(h.role) and same_name(g.get("of"), h.of)
                          and same_name(g.get("to"), h.to))

    members = list({(m.state, m.organisation, m.status): m for m in facts if isinstance(m, F.Membership)}.values())
    out["memberships"] = _match(gold.get("memberships") or [], members, lambda g, m: g["status"] == m.status
                                and same_name(g["state"], m.state) and same_name(g["organisation"], m.organisation))

    events = [e for e in facts if isinstance(e, F.Event)]

    def same_event(g, e: F.Event) -> bool:
        if g["type"] != e.type:
            return False
        if g.get("place") and not same_name(g["place"], e.place):
            return False
        parts = g.get("participants") or []
        return not parts or any(same_name(p, r) for p in parts for r in e.participants)

    out["events"] = _match(gold.get("events") or [], events, same_event)

    targets = [t for t in facts if isinstance(t, F.TradeTarget)]
    out["trade_targets"] = _match(gold.get("trade_targets") or [], targets, lambda g, t: (
        same_name(g["actor"], t.actor) and float(g["amount"]) == float(t.amount) and g["currency"] == t.currency
        and (not g.get("horizon") or norm(g["horizon"]) == norm(t.horizon or str(t.target_year or "")))
        and (same_name(g.get("partner"), t.partner, t.partner_text) if g.get("partner") else True)))

    statements = [s for s in facts if isinstance(s, F.Statement)]
    out["statements"] = _match(gold.get("statements") or [], statements, lambda g, s: (
        same_name(g["speaker"], s.speaker) and norm(s.quote).startswith(norm(g["quote_starts"]).strip('"“”«» '))))

    obs = F.unique_refs(o.observance for o in facts if isinstance(o, F.Observance))
    out["observances"] = _match(gold.get("observances") or [], obs, lambda g, o: bool(_gold_names(g) & n(o)))
    return out


def read_gold(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise EvalError(f"{path}: not a readable gold JSON file ({exc})") from exc
    if not isinstance(data, dict) or "article" not in data:
        raise EvalError(f"{path}: gold file has no 'article' key")
    return data


def evaluate(gold_dir: str | Path, articles_dir: str | Path = "articles") -> dict[str, dict[str, Score]]:
    """Scores per article (by gold file name) and overall ('*'), per category."""
    gold_dir, articles_dir = Path(gold_dir), Path(articles_dir)
    files = sorted(gold_dir.glob("*.json"))
    if not files:
        raise EvalError(f"{gold_dir}: no gold files (*.json)")
    lex = load_lexicon()
    results: dict[str, dict[str, Score]] = {}
    total = {c: Score() for c in CATEGORIES}
    for gf in files:
        gold = read_gold(gf)
        apath = articles_dir / gold["article"]
        if not apath.exists():
            raise EvalError(f"{gf}: its article {apath} does not exist")
        items = [x for x in read_file(apath) if isinstance(x, Article)]
        if not items:
            problems = [str(x) for x in read_file(apath) if isinstance(x, ArticleProblem)]
            raise EvalError(f"{apath}: could not be read ({'; '.join(problems)})")
        (facts,) = resolve([extract(items[0], lex)])
        scores = score_article(gold, facts, lex)
        results[gf.stem] = scores
        for c in CATEGORIES:
            total[c].add(scores[c])
    results["*"] = total
    return results


def overall(scores: dict[str, Score]) -> Score:
    s = Score()
    for c in CATEGORIES:
        s.add(scores[c])
    return s
