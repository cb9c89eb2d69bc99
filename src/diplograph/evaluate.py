"""Precision, recall and F1 of what diplograph answers, against gold files (shared/gold/README.md).

The scoring is the reference scorer's (shared/eval/score.py), done in one process: each article is
built alone (with its sidecar), the competency questions are asked of that graph and their CSV rows
are matched against the gold by the same rules — names folded and mapped through the gold's aliases,
surface forms and acronyms; persons by a subset of their name's words; roles by title words; events
by type and a shared participant or place; trade targets by actor, amount within 1 % and currency;
a maximum one-to-one matching where facts may repeat. A test keeps the two in step.

A corpus folder holds `articles/NAME.txt` (+ `NAME.meta.json`) and `gold/NAME.json`; a folder of gold
files with the articles elsewhere (`--articles`) is read too.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import DiplographError

#: the categories the reference scores, in its order; micro-F1 is over all of them
CATEGORIES = ("states", "organisations", "former_names", "office_holders", "memberships", "events",
              "trade_targets")
#: the competency questions asked, and the columns the scoring reads from each
QUERY_COLUMNS = {
    "states": ("state",),
    "organisations": ("organisation", "acronym", "formerName"),
    "office_holders": ("person", "role", "of"),
    "memberships": ("state", "organisation", "status"),
    "events": ("event", "type", "date", "place", "participants"),
    "trade_targets": ("actor", "partner", "amount", "currency", "horizon"),
}
STATUS_SYNONYMS = {
    "observer state": "observer", "observers": "observer", "members": "member", "member state": "member",
    "chairperson": "chair", "chairmanship": "chair", "chairperson-in-office": "chair", "presidency": "chair",
    "chair-in-office": "chair", "rotating presidency": "chair", "candidate state": "candidate",
    "dialogue partner": "partner",
}
TYPE_SYNONYMS = {
    "summit": "meeting", "talks": "meeting", "conference": "meeting", "statement": "announcement",
    "speech": "announcement", "declaration": "announcement", "signing": "agreement", "proclamation": "designation",
    "event": "other",
}
#: words that make a title; a gold role matches a predicted one holding all of its title words
TITLE_WORDS = frozenset(
    "president vice prime minister ambassador secretary general chairperson chair chairman chairwoman "
    "commissioner deputy representative under envoy spokesperson spokesman king queen emir chancellor "
    "governor director executive head speaker mayor premier foreign trade defence defense leader senator "
    "sultan monarch consul spokeswoman".split())
#: title words that are not enough on their own ("foreign minister" needs "minister")
WEAK_TITLE_WORDS = frozenset({"foreign", "trade", "defence", "defense"})


#: currencies the reference takes for any gold currency (a bare "dollar" is not checked further)
DOLLAR_WORDS = ("dollar", "us dollar", "united states dollar", "usd")


class EvalError(DiplographError):
    """Gold or articles that cannot be scored; the message says which file and why."""


# ------------------------------------------------------------------ names, folded as the reference folds them

def norm(s: object) -> str:
    """Case, accents and punctuation folded; a leading article dropped ("The OTS" = "ots")."""
    s = unicodedata.normalize("NFKD", str(s or "")).encode("ascii", "ignore").decode()
    s = re.sub(r"[^a-z0-9]+", " ", s.casefold()).strip()
    return re.sub(r"^(the|la|le|les|l) ", "", s)


def local(v: str | None) -> str:
    """An IRI's last path segment (underscores as spaces), or the literal itself."""
    v = (v or "").strip()
    if v.startswith(("http://", "https://")):
        v = re.split(r"[/#]", v.rstrip("/"))[-1].replace("_", " ")
    return v


class GoldNames:
    """Maps any name the gold gives an entity (alias, surface form, acronym, QID) to its canonical name."""

    def __init__(self, gold: dict) -> None:
        self.canon: dict[str, str] = {}
        for key in ("states", "organisations", "persons", "observances"):
            for e in gold.get(key) or []:
                e = e if isinstance(e, dict) else {"name": e}
                names = [e["name"], *e.get("aliases", []), *e.get("surface_forms", [])]
                names += [e[k] for k in ("acronym", "qid") if e.get(k)]
                for n in names:
                    self.canon[norm(n)] = norm(e["name"])
        self.persons = [norm(p["name"]) for p in gold.get("persons") or []]

    def __call__(self, v: str | None) -> str:
        n = norm(local(v))
        if n in self.canon:
            return self.canon[n]
        words = set(n.split())
        for p in self.persons:  # "Erdogan Recep" ~ "recep tayyip erdogan": two words or more, a subset
            pw = set(p.split())
            if len(words) >= 2 and (words <= pw or pw <= words):
                return p
        return n


# ------------------------------------------------------------------ tallies and matching

@dataclass
class Tally:
    """Matched, predicted and gold counts of one category, with what was missed and what was spurious."""

    tp: int = 0
    predicted: int = 0
    gold: int = 0
    missed: list = field(default_factory=list)
    spurious: list = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __iadd__(self, other: Tally) -> Tally:
        self.tp += other.tp
        self.predicted += other.predicted
        self.gold += other.gold
        self.missed += other.missed
        self.spurious += other.spurious
        return self


def micro(tallies: dict[str, Tally]) -> Tally:
    """All categories counted together: the headline figure."""
    total = Tally()
    for c in CATEGORIES:
        total += tallies[c]
    return total


def _sets(gold: set, pred: set) -> Tally:
    return Tally(len(gold & pred), len(pred), len(gold), sorted(gold - pred, key=str), sorted(pred - gold, key=str))


def _matching(pred: list, gold: list, same: Callable) -> Tally:
    """A maximum one-to-one matching (augmenting paths), gold taken in order as the reference takes it."""
    adj = [[i for i, p in enumerate(pred) if same(p, g)] for g in gold]
    owner: dict[int, int] = {}

    def augment(gi: int, seen: set[int]) -> bool:
        for i in adj[gi]:
            if i not in seen:
                seen.add(i)
                if i not in owner or augment(owner[i], seen):
                    owner[i] = gi
                    return True
        return False

    tp = sum(1 for gi in range(len(gold)) if augment(gi, set()))
    matched_gold = set(owner.values())
    return Tally(tp, len(pred), len(gold), [g for gi, g in enumerate(gold) if gi not in matched_gold],
                 [p for i, p in enumerate(pred) if i not in owner])


def _role_words(s: str) -> set[str]:
    words = set(norm(local(s)).replace("-", " ").split())
    return {"chairperson" if w in ("chair", "chairman", "chairwoman") else w for w in words}


def _role_ok(pred: str, gold: str) -> bool:
    g = (_role_words(gold) & TITLE_WORDS) - WEAK_TITLE_WORDS
    return bool(g) and g <= _role_words(pred)


def _amount(v: str | None) -> float | None:
    try:
        return float(str(v).replace(",", ""))
    except ValueError:
        return None


def score_article(gold: dict, answers: dict[str, list[dict]]) -> dict[str, Tally]:
    """One article's tallies: `answers` maps each competency question to its rows (column -> text)."""
    N = GoldNames(gold)

    def rows(q: str) -> list[dict]:
        return answers.get(q) or []

    def status(s: str | None) -> str:
        s = norm(local(s))
        return STATUS_SYNONYMS.get(s, s)

    def etype(s: str | None) -> str:
        s = norm(local(s))
        return TYPE_SYNONYMS.get(s, s)

    out: dict[str, Tally] = {}
    out["states"] = _sets({N(s["name"] if isinstance(s, dict) else s) for s in gold.get("states") or []},
                          {N(r.get("state")) for r in rows("states")})
    orgs = gold.get("organisations") or []
    out["organisations"] = _sets({N(o["name"]) for o in orgs},
                                 {N(r.get("organisation")) for r in rows("organisations")})
    out["former_names"] = _sets({(N(o["name"]), norm(f)) for o in orgs for f in o.get("former_names") or []},
                                {(N(r.get("organisation")), N(r.get("formerName")))
                                 for r in rows("organisations") if r.get("formerName")})

    def opt(v: str | None) -> str | None:
        return N(v) if v else None

    groles = [(norm(p["name"]), r["role"], opt(r.get("of")), opt(r.get("to")))
              for p in gold.get("persons") or [] for r in p.get("roles") or []]
    proles = sorted({(N(r.get("person")), r.get("role") or "", opt(r.get("of")), opt(r.get("to")))
                     for r in rows("office_holders")}, key=str)
    out["office_holders"] = _matching(proles, groles, lambda p, g: p[0] == g[0] and _role_ok(p[1], g[1])
                                      and (g[2] is None or p[2] == g[2]) and (g[3] is None or p[3] == g[3]))

    out["memberships"] = _sets({(N(m["state"]), N(m["organisation"]), status(m["status"]))
                                for m in gold.get("memberships") or []},
                               {(N(r.get("state")), N(r.get("organisation")), status(r.get("status")))
                                for r in rows("memberships")})

    gev = [(etype(e["type"]), frozenset(N(x) for x in e.get("participants") or []), opt(e.get("place")),
            e.get("label") or "") for e in gold.get("events") or []]
    pev = [(etype(r.get("type")),
            frozenset(N(x) for x in re.split(r"\s*[;|]\s*", r.get("participants") or "") if x.strip()),
            opt(r.get("place")), r.get("event") or "") for r in rows("events")]
    out["events"] = _matching(pev, gev, lambda p, g: p[0] == g[0] and (bool(p[1] & g[1])
                                                                       or (g[2] is not None and p[2] == g[2])))

    gt = [(frozenset({N(t["actor"]), N(t.get("partner"))}), float(t["amount"]), norm(t["currency"]))
          for t in gold.get("trade_targets") or []]
    pt = sorted({(N(r.get("actor")), _amount(r.get("amount")), norm(local(r.get("currency"))))
                 for r in rows("trade_targets")}, key=str)
    out["trade_targets"] = _matching(pt, gt, lambda p, g: p[0] in g[0] and p[1] is not None
                                     and abs(p[1] - g[1]) <= 0.01 * g[1]
                                     and (p[2] == g[2] or p[2] in DOLLAR_WORDS))
    return out


# ------------------------------------------------------------------ asking diplograph

def answers_for(article: Path) -> dict[str, list[dict]]:
    """The competency questions' rows for one article built alone, as the CLI's CSV gives them."""
    from . import query as Q
    from .build import build
    from .store import EmbeddedStore

    with tempfile.TemporaryDirectory(prefix="diplograph-eval-") as td:
        src, out = Path(td) / "article", Path(td) / "out.ttl"
        src.mkdir()
        shutil.copy(article, src)
        meta = article.with_name(article.stem + ".meta.json")
        if meta.exists():
            shutil.copy(meta, src)
        report = build([src], [out])
        if not out.exists():
            problems = "; ".join(str(p) for p in report.problems) or "nothing built"
            raise EvalError(f"{article}: could not be built ({problems})")
        store = EmbeddedStore.load(out)
        answers = {}
        for q in QUERY_COLUMNS:
            text = Q.render(Q.run(store, q), "csv")
            answers[q] = list(csv.DictReader(io.StringIO(text)))
    return answers


@dataclass
class ArticleScore:
    name: str
    language: str
    tallies: dict[str, Tally]
    text: str = ""


@dataclass
class Evaluation:
    """Per-article tallies, and their sums per category overall and per language."""

    articles: list[ArticleScore]

    def total(self, language: str | None = None) -> dict[str, Tally]:
        out = {c: Tally() for c in CATEGORIES}
        for a in self.articles:
            if language in (None, a.language):
                for c in CATEGORIES:
                    out[c] += a.tallies[c]
        return out

    @property
    def languages(self) -> list[str]:
        return sorted({a.language for a in self.articles})


def read_gold(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise EvalError(f"{path}: not a readable gold JSON file ({exc})") from exc
    if not isinstance(data, dict) or "article" not in data:
        raise EvalError(f"{path}: gold file has no 'article' key")
    return data


def _pairs(folder: Path, articles_dir: Path | None) -> list[tuple[Path, Path]]:
    """(gold file, article file) pairs of a corpus folder or a gold folder."""
    gold_dir = folder / "gold" if (folder / "gold").is_dir() else folder
    art_dir = articles_dir or (folder / "articles" if (folder / "articles").is_dir() else folder)
    golds = sorted(gold_dir.glob("*.json"))
    golds = [g for g in golds if not g.name.endswith(".meta.json")]
    if not golds:
        raise EvalError(f"{folder}: no gold files (*.json, or gold/*.json)")
    pairs = []
    for g in golds:
        article = art_dir / read_gold(g)["article"]
        if not article.exists():
            raise EvalError(f"{g}: its article {article} does not exist")
        pairs.append((g, article))
    return pairs


def _language(gold: dict, article: Path) -> str:
    meta = article.with_name(article.stem + ".meta.json")
    if meta.exists():
        try:
            lang = json.loads(meta.read_text(encoding="utf-8")).get("language")
        except ValueError:
            lang = None
        if isinstance(lang, str) and lang:
            return lang[:2].lower()
    return str(gold.get("language") or "?")


def evaluate(folders: Iterable[str | Path], articles_dir: str | Path | None = None,
             progress: Callable[[str], None] | None = None) -> Evaluation:
    """Score every gold file of the folders (corpus folders, or gold folders with `articles_dir`)."""
    scores = []
    for folder in folders:
        for gpath, article in _pairs(Path(folder), Path(articles_dir) if articles_dir else None):
            gold = read_gold(gpath)
            tallies = score_article(gold, answers_for(article))
            scores.append(ArticleScore(gpath.stem, _language(gold, article), tallies,
                                       article.read_text(encoding="utf-8", errors="replace")))
            if progress:
                progress(gpath.stem)
    return Evaluation(scores)


# ------------------------------------------------------------------ explaining

def _words_of(item) -> list[str]:
    """The names in a missed or spurious item (tuples of names, sets of participants, labels)."""
    out: list[str] = []
    for x in item if isinstance(item, tuple) else (item,):
        if isinstance(x, frozenset):
            out += sorted(x)
        elif isinstance(x, str):
            out.append(x)
    return out


_NOT_NAMES = {"member", "observer", "candidate", "partner", "chair", "reception", "meeting", "summit", "visit",
              "designation", "launch", "announcement", "agreement", "other"}


def sentence_for(text: str, item) -> str:
    """The sentence of the article that names most of the item's names (for --explain)."""
    sentences = [s.strip() for s in re.split(r"(?<=[.!?»”\"])\s+(?=[A-Z«“\"À-Ý])|\n+", text) if s.strip()]
    names = [n for n in (norm(w) for w in _words_of(item)) if n and n not in _NOT_NAMES]
    folded = [f" {norm(s)} " for s in sentences]
    # a name met in few sentences tells more than one met everywhere; a whole name more than a stray word
    df = {n: max(1, sum(f" {n} " in ns for ns in folded)) for n in names}
    best, score = "", 0.0
    for s, ns in zip(sentences, folded, strict=True):
        hits = 0.0
        for n in names:
            words = [w for w in n.split() if len(w) > 3]
            hits += 3 / df[n] if f" {n} " in ns else sum(f" {w} " in ns for w in words) / max(len(words), 1) / 2
        if hits > score:
            best, score = s, hits
    return best


def show(item) -> str:
    """A missed or spurious item in one line."""
    if isinstance(item, tuple):
        parts = []
        for x in item:
            if isinstance(x, frozenset):
                parts.append("{" + ", ".join(sorted(x)) + "}")
            elif x is None:
                parts.append("-")
            elif isinstance(x, float):
                parts.append(f"{x:,.0f}")
            else:
                parts.append(str(x))
        return " | ".join(parts)
    return str(item)
