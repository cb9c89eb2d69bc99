"""The gazetteer: names of states, organisations, roles, places and observances.

Read from the reference data shipped in the package, ontology/reference/*.ttl (data, not code), into plain Python
structures that the extractors use without knowing about RDF. Adding a
language means adding labels with its tag there.
"""

from __future__ import annotations

import functools
import hashlib
import pickle
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from .ids import digest, fold
from .resources import Traversable, files_in, ontology_dir, reference_dir

#: The ontology folder ($DIPLOGRAPH_ONTOLOGY, else the package's own copy; see `resources`).
ONTOLOGY_DIR = ontology_dir()

# what a surface form is for an entity
NAME, ACRONYM, FORMER, DEMONYM = "name", "acronym", "former", "demonym"

#: a word, as the gazetteer cuts sentences ("U.S." is the word "U.S" and a full stop; "d'Azerbaïdjan" two words)
WORD = re.compile(r"\w+(?:[-.]\w+)*")


def tokens(text: str) -> tuple[str, ...]:
    """Folded words of a name, the key under which it is looked up."""
    return tuple(fold(t) for t in WORD.findall(text))


@dataclass(frozen=True)
class Entry:
    """A known entity: its kind (state, organisation, role, place, observance) and key."""

    kind: str
    key: str
    name_en: str
    name_fr: str
    subtype: str = ""  # organisation subtype (igo, party ...), or "envoy" for roles
    qid: str = ""
    country: str = ""  # for places and parties: the state key
    observed_on: str = ""  # for observances: --MM-DD


@dataclass(frozen=True)
class Form:
    """One way of writing an entry."""

    entry: Entry
    form: str  # NAME, ACRONYM, FORMER or DEMONYM
    lang: str
    surface: str
    case_sensitive: bool


#: acronyms whose one-capital spelling names something else (GUAM, the organisation; Guam, the island)
_NOT_AS_WORDS = frozenset({"GUAM"})


@dataclass
class Lexicon:
    entries: dict[tuple[str, str], Entry] = field(default_factory=dict)
    forms: dict[tuple[str, ...], list[Form]] = field(default_factory=dict)
    acronyms: dict[tuple[str, str], list[tuple[str, str]]] = field(default_factory=dict)  # -> [(acronym, lang)]
    max_tokens: int = 1
    starts: dict[str, int] = field(default_factory=dict)  # first word of a form -> longest form starting with it

    def add_form(self, entry: Entry, surface: str, form: str, lang: str) -> None:
        key = tokens(surface)
        if not key:
            return
        case_sensitive = form == ACRONYM or (surface.isupper() and len(surface) <= 6)
        bucket = self.forms.setdefault(key, [])
        f = Form(entry, form, lang, surface, case_sensitive)
        if f not in bucket:
            bucket.append(f)
        self.max_tokens = max(self.max_tokens, len(key))
        self.starts[key[0]] = max(self.starts.get(key[0], 0), len(key))

    def lookup(self, name: str, kind: str | None = None) -> Entry | None:
        """The entry a whole name refers to, if any ("Kirghizistan" -> Kyrgyzstan)."""
        name = re.sub(r"^(?:the|l'|la|le|les)\s*", "", name.strip().replace("’", "'"), flags=re.I)
        for f in self.forms.get(tokens(name), []):
            if f.form == DEMONYM:
                continue
            if kind is None or f.entry.kind == kind:
                if f.case_sensitive and f.surface != name:
                    continue
                return f.entry
        return None

    def get(self, kind: str, key: str) -> Entry | None:
        return self.entries.get((kind, key))

    def all(self, kind: str) -> list[Entry]:
        return [e for (k, _), e in sorted(self.entries.items()) if k == kind]


def _parse_reference(files: list[Traversable]) -> Lexicon:
    # rdflib is only needed to read the reference data once; the extractors never see it.
    from rdflib import RDF, Graph, Literal
    from rdflib.namespace import OWL, SKOS
    from rdflib.term import Node

    from .vocab import DG, ID, ORG_TYPE_CLASS

    g = Graph()
    for res in files:
        g.parse(data=res.read_bytes(), format="turtle")
    lex = Lexicon()
    subtype_of: dict[Node, str] = {v: k for k, v in ORG_TYPE_CLASS.items()}
    kinds: dict[Node, str] = {DG.State: "state", DG.Place: "place", DG.Role: "role", DG.Observance: "observance"}
    for org_cls in subtype_of:
        kinds[org_cls] = "organisation"
    for s, _, cls in sorted(g.triples((None, RDF.type, None))):
        kind = kinds.get(cls)
        if kind is None:
            continue
        key = str(s)[len(str(ID)) :].split("/", 1)[1]

        def pref(lang: str, node=s) -> str:
            for lit in g.objects(node, SKOS.prefLabel):
                if isinstance(lit, Literal) and lit.language == lang:
                    return str(lit)
            return ""

        qid = next((str(o).rsplit("/", 1)[1] for o in g.objects(s, OWL.sameAs)), "")
        country = next((str(o).rsplit("/", 1)[1] for o in g.objects(s, DG.country)), "")
        observed = next((str(o) for o in g.objects(s, DG.observedOn)), "")
        subtype = subtype_of.get(cls, "")
        if kind == "role" and any(str(o).lower() == "true" for o in g.objects(s, DG.envoy)):
            subtype = "envoy"
        entry = Entry(kind, key, pref("en") or pref("fr"), pref("fr") or pref("en"), subtype, qid, country, observed)
        lex.entries[(kind, key)] = entry
        for pred, form in ((SKOS.prefLabel, NAME), (SKOS.altLabel, NAME), (DG.acronym, ACRONYM),
                           (DG.formerName, FORMER), (DG.demonym, DEMONYM)):
            for lit in sorted(cast("list[Literal]", list(g.objects(s, pred)))):
                lex.add_form(entry, str(lit), form, lit.language or "")
                if form == ACRONYM:
                    lex.acronyms.setdefault((kind, key), []).append((str(lit), lit.language or ""))
                    # "Asean", "Nato", "l'Otan", "la Cedeao": news often writes an acronym of four letters or more
                    # that is said as a word with one capital (still matched case-sensitively)
                    word = str(lit)
                    if len(word) >= 4 and word.isalpha() and word.isupper() and word not in _NOT_AS_WORDS:
                        lex.add_form(entry, word.capitalize(), form, lit.language or "")
    return lex


@functools.lru_cache(maxsize=4)
def load_lexicon(directory: str | None = None) -> Lexicon:
    """The gazetteer, parsed once and cached on disk next to the data (keyed by the files' mtimes)."""
    d = Path(directory) if directory else reference_dir()
    files = files_in(d, ".ttl")
    if not files:
        raise FileNotFoundError(f"{d}: no reference data (*.ttl) found")
    # the cache is keyed by the contents of the data files and of this module (whose classes it pickles)
    stamp = hashlib.sha256()
    for res in [*files, Path(__file__)]:
        stamp.update(res.name.encode() + b"\0" + res.read_bytes() + b"\0")
    cache = Path.home() / ".cache" / "diplograph" / f"lexicon-{digest(stamp.hexdigest(), length=16)}.pickle"
    if cache.exists():
        try:
            with cache.open("rb") as fh:
                return pickle.load(fh)
        except Exception:  # a corrupt or stale cache is simply rebuilt
            pass
    lex = _parse_reference(files)
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(".tmp")
        with tmp.open("wb") as fh:
            pickle.dump(lex, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(cache)
    except OSError:
        pass
    return lex
