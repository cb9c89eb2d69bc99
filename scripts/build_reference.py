"""Regenerate src/diplograph/ontology/reference/states.ttl from pycountry and the curated table.

pycountry gives every ISO 3166-1 entry with its codes and its English and French
names; src/diplograph/ontology/reference/curated/states.tsv adds what pycountry lacks (common
variants such as "Turkey", French forms such as "Azerbaïdjan", demonyms,
Wikidata ids and the partially recognised states).

Run: python scripts/build_reference.py [OUT_DIR]   (default: src/diplograph/ontology/reference)
"""

from __future__ import annotations

import gettext
import sys
from pathlib import Path

import pycountry
from rdflib import RDF, Graph, Literal
from rdflib.namespace import OWL, SKOS

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from diplograph.ids import slug  # noqa: E402
from diplograph.vocab import DG, PREFIXES, WD, entity_iri  # noqa: E402

REFERENCE = ROOT / "src" / "diplograph" / "ontology" / "reference"
CURATED = REFERENCE / "curated" / "states.tsv"
OUT_DIR = Path(sys.argv[1]) if len(sys.argv) > 1 else REFERENCE
OUT = OUT_DIR / "states.ttl"
PLACES = REFERENCE / "curated" / "places.tsv"
PLACES_OUT = OUT_DIR / "places.ttl"


def uninvert(name: str) -> str:
    """'Korea, Republic of' -> 'Republic of Korea'; "Iran, République islamique d'" -> "République islamique d'Iran"."""
    if ", " not in name:
        return name
    head, _, tail = name.partition(", ")
    if tail.endswith("'"):
        return f"{tail}{head}"
    return f"{tail} {head}"


def without_parentheses(name: str) -> str:
    return name.split(" (")[0].strip()


def read_curated() -> dict[str, dict[str, list[str] | str]]:
    rows: dict[str, dict[str, list[str] | str]] = {}
    with CURATED.open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            cells = line.rstrip("\n").split("\t")
            cells += [""] * (6 - len(cells))
            key, qid, en, fr, dem_en, dem_fr = cells[:6]

            def split(cell: str) -> list[str]:
                return [x.strip() for x in cell.split("|") if x.strip()]

            rows[key] = {"qid": qid.strip(), "en": split(en), "fr": split(fr),
                         "dem_en": split(dem_en), "dem_fr": split(dem_fr)}
    return rows


def main() -> None:
    fr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    curated = read_curated()
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)

    def add_state(key: str, en_names: list[str], fr_names: list[str], row: dict | None,
                  codes: tuple[str, str, str] | None) -> None:
        node = entity_iri("state", key)
        g.add((node, RDF.type, DG.State))
        seen_en: list[str] = []
        seen_fr: list[str] = []
        for n in en_names:
            if n and n not in seen_en:
                seen_en.append(n)
        for n in fr_names:
            if n and n not in seen_fr:
                seen_fr.append(n)
        g.add((node, SKOS.prefLabel, Literal(seen_en[0], lang="en")))
        g.add((node, SKOS.prefLabel, Literal(seen_fr[0], lang="fr")))
        for n in seen_en[1:]:
            g.add((node, SKOS.altLabel, Literal(n, lang="en")))
        for n in seen_fr[1:]:
            g.add((node, SKOS.altLabel, Literal(n, lang="fr")))
        if codes:
            a2, a3, num = codes
            g.add((node, DG.isoAlpha2, Literal(a2)))
            g.add((node, DG.isoAlpha3, Literal(a3)))
            g.add((node, DG.isoNumeric, Literal(num)))
        if row:
            if row["qid"]:
                g.add((node, OWL.sameAs, WD[row["qid"]]))
            for d in row["dem_en"]:
                g.add((node, DG.demonym, Literal(d, lang="en")))
            for d in row["dem_fr"]:
                g.add((node, DG.demonym, Literal(d, lang="fr")))

    for c in pycountry.countries:
        row = curated.get(c.alpha_3)
        common = getattr(c, "common_name", None)
        official = getattr(c, "official_name", None)
        en = list(row["en"]) if row else []
        en += [common or without_parentheses(uninvert(c.name)), uninvert(c.name)]
        if official:
            en.append(official)
        fr_name = fr.gettext(c.name)
        frs = list(row["fr"]) if row else []
        frs += [without_parentheses(uninvert(fr_name)), uninvert(fr_name), fr_name.split(",")[0].strip()]
        en = [n for n in en if "," not in n]
        frs = [n for n in frs if "," not in n]
        add_state(c.alpha_3, en, frs, row, (c.alpha_2, c.alpha_3, c.numeric))

    iso3 = {c.alpha_3 for c in pycountry.countries}
    for key, row in curated.items():
        if key in iso3:
            continue
        if key.isupper():  # user-assigned code such as XKX for Kosovo
            add_state(key, row["en"], row["fr"], row, None)
            g.add((entity_iri("state", key), DG.isoAlpha3, Literal(key)))
        else:
            assert key == slug(row["en"][0]) or key, key
            add_state(key, row["en"], row["fr"], row, None)

    header = (
        "# GENERATED by scripts/build_reference.py from pycountry and curated/states.tsv.\n"
        "# Do not edit by hand: edit curated/states.tsv and run the script.\n"
    )
    OUT.write_text(header + g.serialize(format="turtle"), encoding="utf-8")
    print(f"wrote {OUT}: {len(set(g.subjects(RDF.type, DG.State)))} states, {len(g)} triples")


def build_places() -> None:
    """places.ttl: cities with English and French names and their state."""
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    with PLACES.open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            en, fr, country = (line.rstrip("\n").split("\t") + ["", "", ""])[:3]
            en_names = [x for x in en.split("|") if x]
            fr_names = [x for x in fr.split("|") if x]
            node = entity_iri("place", slug(en_names[0]))
            g.add((node, RDF.type, DG.Place))
            g.add((node, SKOS.prefLabel, Literal(en_names[0], lang="en")))
            g.add((node, SKOS.prefLabel, Literal(fr_names[0], lang="fr")))
            for n in en_names[1:]:
                g.add((node, SKOS.altLabel, Literal(n, lang="en")))
            for n in fr_names[1:]:
                g.add((node, SKOS.altLabel, Literal(n, lang="fr")))
            g.add((node, DG.country, entity_iri("state", country.strip())))
    header = "# GENERATED by scripts/build_reference.py from curated/places.tsv. Do not edit by hand.\n"
    PLACES_OUT.write_text(header + g.serialize(format="turtle"), encoding="utf-8")
    print(f"wrote {PLACES_OUT}: {len(set(g.subjects(RDF.type, DG.Place)))} places")


if __name__ == "__main__":
    main()
    build_places()
