#!/usr/bin/env python3
"""Check gold files of the real-news corpus against their articles (conventions: shared/gold/README.md).

usage: check_gold.py CORPUS_DIR [CORPUS_DIR ...]

Each CORPUS_DIR holds articles/NAME.txt, articles/NAME.meta.json and gold/NAME.json. A gold file is
accepted when it keeps to the schema, every name it declares can be found in the text (after case and
accent folding; surface forms and acronyms exactly as printed), and every fact refers only to entities it
declares. Prints one line per problem, `FILE: problem`, and a summary; exit status 1 when any is found.
Standard library only, so a helper can run it anywhere.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from datetime import date
from pathlib import Path

TOP_KEYS = {"article", "language", "published", "states", "organisations", "persons", "memberships",
            "events", "trade_targets", "statements", "observances", "notes"}
STATUSES = {"member", "observer", "candidate", "partner", "chair"}
EVENT_TYPES = {"reception", "meeting", "summit", "visit", "designation", "launch", "announcement",
               "agreement", "other"}
ROLE_STATUS = {"incoming", "outgoing", "former", "re-elected"}
META_KEYS = ("url", "title", "published", "language", "outlet")
ENTITY_KEYS = {
    "states": {"name", "qid", "aliases", "surface_forms"},
    "organisations": {"name", "acronym", "former_names", "qid", "aliases", "surface_forms"},
    "persons": {"name", "aliases", "nationality", "roles", "surface_forms"},
    "observances": {"name", "date_text", "designated_by", "aliases", "surface_forms"},
}
FACT_KEYS = {
    "memberships": ({"state", "organisation", "status"}, {"since", "until", "note"}),
    "events": ({"type", "label", "date", "place", "participants"}, {"date_text", "note"}),
    "trade_targets": ({"actor", "partner", "amount", "currency", "horizon"},
                      {"stated_by", "baseline", "equivalents", "note"}),
    "statements": ({"speaker", "quote_starts"}, set()),
}
ROLE_KEYS = {"role", "of", "to", "status", "implicit", "note"}


def fold(s: str) -> str:
    s = quotes(str(s or ""))
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().casefold()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", s).split())


def quotes(s: str) -> str:
    """Typographic apostrophes, quotes and spaces as their plain forms (surface forms are compared so)."""
    table = {"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " ", "\u202f": " "}
    return "".join(table.get(c, c) for c in s)


class Checker:
    def __init__(self, gold_path: Path, text: str, meta: dict | None) -> None:
        self.path = gold_path
        self.text = text
        self.ftext = f" {fold(text)} "
        self.qtext = quotes(text)
        self.meta = meta
        self.problems: list[str] = []
        self.declared: dict[str, set[str]] = {}  # folded name -> kinds
        self.places: set[str] = set()

    def bad(self, msg: str) -> None:
        self.problems.append(f"{self.path}: {msg}")

    def in_text(self, name: str) -> bool:
        f = fold(name)
        return bool(f) and f" {f} " in self.ftext

    def declare(self, kind: str, names: list[str]) -> None:
        for n in names:
            if n:
                self.declared.setdefault(fold(n), set()).add(kind)

    def refers(self, where: str, name, kinds: set[str], required: bool = True) -> None:
        if name in (None, ""):
            if required:
                self.bad(f"{where}: missing")
            return
        if not isinstance(name, str):
            self.bad(f"{where}: {name!r} is not a name")
            return
        got = self.declared.get(fold(name), set())
        if not got & kinds:
            what = " or ".join(sorted(kinds))
            self.bad(f"{where}: {name!r} is not declared among the {what}")

    def check(self, gold: dict) -> list[str]:
        if not isinstance(gold, dict):
            self.bad("not a JSON object")
            return self.problems
        for k in gold:
            if k not in TOP_KEYS:
                self.bad(f"unknown key {k!r}")
        if gold.get("article") != self.path.stem + ".txt":
            self.bad(f"'article' is {gold.get('article')!r}, expected {self.path.stem + '.txt'!r}")
        self.check_meta(gold)
        for kind, keys in ENTITY_KEYS.items():
            for i, e in enumerate(gold.get(kind) or []):
                self.check_entity(kind, i, e, keys)
        for i, p in enumerate(gold.get("persons") or []):
            for j, r in enumerate(p.get("roles") or [] if isinstance(p, dict) else []):
                self.check_role(f"persons[{i}].roles[{j}]", r)
            if isinstance(p, dict) and p.get("nationality"):
                self.refers(f"persons[{i}].nationality", p["nationality"], {"states"})
        for kind, (required, optional) in FACT_KEYS.items():
            for i, f in enumerate(gold.get(kind) or []):
                where = f"{kind}[{i}]"
                if not isinstance(f, dict):
                    self.bad(f"{where}: not an object")
                    continue
                for k in required - set(f):
                    self.bad(f"{where}: missing key {k!r}")
                for k in set(f) - required - optional:
                    self.bad(f"{where}: unknown key {k!r}")
                getattr(self, "check_" + kind)(where, f)
        for i, o in enumerate(gold.get("observances") or []):
            if isinstance(o, dict) and o.get("designated_by"):
                self.refers(f"observances[{i}].designated_by", o["designated_by"],
                            {"states", "organisations", "persons"})
        return self.problems

    def check_meta(self, gold: dict) -> None:
        if self.meta is None:
            self.bad("no NAME.meta.json beside the article")
            return
        for k in META_KEYS:
            if k not in self.meta:
                self.bad(f"meta.json lacks {k!r}")
        url = self.meta.get("url")
        if not (isinstance(url, str) and re.match(r"https?://\S+$", url)):
            self.bad(f"meta.json url {url!r} is not an http(s) address")
        if not self.meta.get("outlet"):
            self.bad("meta.json has no outlet")
        if self.meta.get("language") not in ("en", "fr"):
            self.bad(f"meta.json language {self.meta.get('language')!r} is not en or fr")
        if gold.get("language") not in (None, self.meta.get("language")):
            self.bad("gold language differs from meta.json")
        pub = self.meta.get("published")
        if pub is not None:
            try:
                date.fromisoformat(str(pub)[:10])
            except ValueError:
                self.bad(f"meta.json published {pub!r} is not an ISO date")
        if gold.get("published") not in (None, pub) and str(gold.get("published"))[:10] != str(pub)[:10]:
            self.bad("gold 'published' differs from meta.json")
        words = len(self.text.split())
        if not 100 <= words <= 600:
            self.bad(f"article has {words} words (real news of 150-450 words expected)")

    def check_entity(self, kind: str, i: int, e, keys: set[str]) -> None:
        where = f"{kind}[{i}]"
        if not isinstance(e, dict) or not isinstance(e.get("name"), str) or not e["name"].strip():
            self.bad(f"{where}: needs an object with a 'name'")
            return
        for k in set(e) - keys:
            self.bad(f"{where}: unknown key {k!r}")
        for k in ("aliases", "surface_forms", "former_names", "roles"):
            if k in e and not isinstance(e[k], list):
                self.bad(f"{where}.{k}: not a list")
                return
        names = [e["name"], *e.get("aliases", []), *e.get("surface_forms", [])]
        if e.get("acronym"):
            names.append(e["acronym"])
        self.declare(kind, names)
        if kind == "persons" or kind == "observances":
            if not any(self.in_text(n) for n in [e["name"], *e.get("aliases", []), *e.get("surface_forms", [])]):
                self.bad(f"{where}: neither {e['name']!r} nor an alias occurs in the text")
        else:
            if not any(self.in_text(n) for n in names):
                self.bad(f"{where}: {e['name']!r}: no name, alias, acronym or surface form occurs in the text")
        for sf in e.get("surface_forms", []):
            if quotes(sf) not in self.qtext:
                self.bad(f"{where}: surface form {sf!r} is not printed so in the text")
        if e.get("acronym") and not self.in_text(e["acronym"]) and kind == "organisations":
            pass  # the usual English acronym may be absent from a French text: allowed
        for fn in e.get("former_names", []):
            if not isinstance(fn, str):
                self.bad(f"{where}: former name {fn!r} is not text")
        if e.get("qid") is not None and not re.fullmatch(r"Q[1-9][0-9]*", str(e["qid"])):
            self.bad(f"{where}: qid {e['qid']!r} is not a Wikidata id")

    def check_role(self, where: str, r) -> None:
        if not isinstance(r, dict) or not isinstance(r.get("role"), str) or not r["role"].strip():
            self.bad(f"{where}: needs an object with a 'role'")
            return
        for k in set(r) - ROLE_KEYS:
            self.bad(f"{where}: unknown key {k!r}")
        if r["role"] != r["role"].lower():
            self.bad(f"{where}: role {r['role']!r} is not lower case")
        if r.get("status") is not None and r["status"] not in ROLE_STATUS:
            self.bad(f"{where}: status {r['status']!r} not in {sorted(ROLE_STATUS)}")
        if "implicit" in r and not isinstance(r["implicit"], bool):
            self.bad(f"{where}: implicit must be true or false")
        for k in ("of", "to"):
            if r.get(k) is not None:
                self.refers(f"{where}.{k}", r[k], {"states", "organisations"})

    def check_memberships(self, where: str, m: dict) -> None:
        self.refers(where + ".state", m.get("state"), {"states"})
        self.refers(where + ".organisation", m.get("organisation"), {"organisations"})
        if m.get("status") not in STATUSES:
            self.bad(f"{where}: status {m.get('status')!r} not in {sorted(STATUSES)}")

    def check_events(self, where: str, e: dict) -> None:
        if e.get("type") not in EVENT_TYPES:
            self.bad(f"{where}: type {e.get('type')!r} not in {sorted(EVENT_TYPES)}")
        if not isinstance(e.get("label"), str) or not e.get("label"):
            self.bad(f"{where}: needs a label")
        d = e.get("date")
        if d is not None:
            try:
                date.fromisoformat(str(d))
            except ValueError:
                self.bad(f"{where}: date {d!r} is not ISO (YYYY-MM-DD) or null")
        if d is None and not e.get("date_text") and False:
            pass
        parts = e.get("participants")
        if not isinstance(parts, list):
            self.bad(f"{where}: participants must be a list")
            parts = []
        for j, p in enumerate(parts):
            self.refers(f"{where}.participants[{j}]", p, {"states", "organisations", "persons"})
        if e.get("place") is not None:
            if not isinstance(e["place"], str):
                self.bad(f"{where}: place must be text or null")
            elif not self.in_text(e["place"]) and not self.declared.get(fold(e["place"])):
                self.bad(f"{where}: place {e['place']!r} does not occur in the text")

    def check_trade_targets(self, where: str, t: dict) -> None:
        self.refers(where + ".actor", t.get("actor"), {"states", "organisations"})
        if not isinstance(t.get("amount"), int) or isinstance(t.get("amount"), bool) or t["amount"] <= 0:
            self.bad(f"{where}: amount must be a positive integer in units of the currency")
        if not (isinstance(t.get("currency"), str) and re.fullmatch(r"[A-Z]{3}", t["currency"])):
            self.bad(f"{where}: currency {t.get('currency')!r} is not an ISO 4217 code")
        if t.get("stated_by"):
            self.refers(where + ".stated_by", t["stated_by"], {"persons", "states", "organisations"})

    def check_statements(self, where: str, s: dict) -> None:
        self.refers(where + ".speaker", s.get("speaker"), {"persons", "states", "organisations"})
        q = s.get("quote_starts")
        if not isinstance(q, str) or fold(q) not in fold(self.text):
            self.bad(f"{where}: quote_starts {q!r} does not occur in the text")


def check_dir(corpus: Path) -> tuple[int, list[str]]:
    problems: list[str] = []
    gold_dir, art_dir = corpus / "gold", corpus / "articles"
    files = sorted(gold_dir.glob("*.json"))
    for gp in files:
        art = art_dir / (gp.stem + ".txt")
        if not art.exists():
            problems.append(f"{gp}: no article {art}")
            continue
        try:
            gold = json.loads(gp.read_text(encoding="utf-8"))
        except ValueError as exc:
            problems.append(f"{gp}: not JSON ({exc})")
            continue
        mp = art_dir / (gp.stem + ".meta.json")
        meta = None
        if mp.exists():
            try:
                meta = json.loads(mp.read_text(encoding="utf-8"))
            except ValueError as exc:
                problems.append(f"{mp}: not JSON ({exc})")
        problems += Checker(gp, art.read_text(encoding="utf-8"), meta).check(gold)
    for art in sorted(art_dir.glob("*.txt")):
        if not (gold_dir / (art.stem + ".json")).exists():
            problems.append(f"{art}: no gold file")
    return len(files), problems


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    total, problems = 0, []
    for d in argv:
        n, p = check_dir(Path(d))
        total += n
        problems += p
    for p in problems:
        print(p)
    print(f"{total} gold files, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
