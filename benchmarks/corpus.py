"""A reproducible corpus of news-like articles in English and French for the benchmarks.

Sentences follow the shapes news agencies use for the facts diplograph reads (posts, memberships,
meetings, visits, receptions, trade targets, quotations), with names drawn from the reference lexicon
and invented persons and organisations absent from it, plus ordinary news prose around them.
"""

from __future__ import annotations

import random
from pathlib import Path

from diplograph.lexicon import load_lexicon

GIVEN = ["Aida", "Bolat", "Camille", "Dilnoza", "Emre", "Farid", "Gulnara", "Hakan", "Ilona", "Jamil", "Kamila",
         "Lukas", "Marat", "Nilufar", "Oskar", "Pervin", "Rustam", "Selin", "Timur", "Ulrike", "Vusal", "Zarina"]
FAMILY = ["Abenova", "Bakirov", "Celik", "Dumont", "Eshmatov", "Fazilov", "Guliyev", "Horvath", "Ismailova",
          "Jurayev", "Kaya", "Lindqvist", "Mammadli", "Nazarov", "Orazov", "Petrenko", "Rahimov", "Sadykova",
          "Tursunov", "Usmanova", "Valiyev", "Yildiz"]
INVENTED_ORGS = ["Council of Eurasian Diaspora Organizations", "Caspian Energy Forum", "Silk Road Cities Alliance",
                 "Steppe Cultural Heritage Foundation", "Agency for Regional Connectivity"]

EN = [
    "{person}, secretary-general of the {org}, on {weekday} underscored the importance of cooperation.",
    "{state_s} Ambassador to the {state2} {person2} said the occasion marked a new stage in relations.",
    "Its members are {s1}, {s2}, {s3} and {s4}.",
    "{s5} and {s6} hold observer status.",
    "{person} is visiting {city}, where he held a meeting {weekday} with officials of the {org}.",
    "President {person3} said {weekday} that {state} aims to increase trade with {state2} to ${n} billion "
    "in the medium term.",
    "“We will deepen our partnership in energy and transport,” {person3} said.",
    "{person4}, {demonym} foreign minister, met {person2} in {city} on {weekday}.",
    "The {org} was founded to strengthen cooperation across political, economic and cultural fields.",
    "{state} currently holds the rotating chairmanship of the {org}.",
    "Speaking at a reception hosted by the {demonym} Embassy in {city}, {person} praised the work of the diaspora.",
    "Officials said the talks covered logistics, digital infrastructure and customs procedures.",
    "The {iorg} will hold its next meeting in {city} next year, the organisers said.",
    "Analysts said the agreement could reshape regional supply chains over the coming decade.",
    "The two sides signed a memorandum on cooperation in renewable energy.",
    "Earlier this month, UNESCO designated Dec. 15 as World Turkic Language Family Day.",
    "Markets in the region rose slightly after the announcement, traders said.",
    "The ministry said further consultations would take place before the end of the year.",
]
FR = [
    "Le secrétaire général de l'{org}, {person}, a insisté {weekday} sur l'importance de la coopération.",
    "L'ambassadeur {de_state} aux {state2_fr}, {person2}, a déclaré que cette journée marquait une étape.",
    "Ses membres sont {s1}, {s2}, {s3} et {s4}.",
    "{s5} et {s6} disposent d'un statut d'observateur.",
    "{person} s'est rendu {weekday} à {city}, où il a rencontré des responsables de l'{org}.",
    "Le président {person3} a déclaré que {state} vise à porter ses échanges commerciaux avec {state2} à "
    "{n} milliards de dollars à moyen terme.",
    "« Nous allons approfondir notre partenariat dans l'énergie et les transports », a déclaré {person3}.",
    "{state} assure actuellement la présidence tournante de l'{org}.",
    "Il s'exprimait lors d'une réception organisée par l'ambassade {de_state} à {city}.",
    "Selon les responsables, les discussions ont porté sur la logistique et les infrastructures numériques.",
    "Les deux parties ont signé un accord de coopération dans le domaine des énergies renouvelables.",
    "Les analystes estiment que cet accord pourrait transformer les chaînes d'approvisionnement régionales.",
    "Le ministère a précisé que de nouvelles consultations auraient lieu avant la fin de l'année.",
    "L'{iorg} tiendra sa prochaine réunion à {city} l'an prochain, selon les organisateurs.",
    "Les marchés de la région ont légèrement progressé après l'annonce, selon des opérateurs.",
]
WEEKDAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
WEEKDAYS_FR = ["lundi", "mardi", "mercredi", "jeudi", "vendredi"]


def _article(rng: random.Random, lang: str, lex) -> str:
    states = [e for e in lex.all("state") if len(e.key) == 3 and e.key.isupper()]
    orgs = [e for e in lex.all("organisation") if e.subtype == "igo"]
    cities = lex.all("place")
    en = lang == "en"
    st = rng.sample(states, 8)
    org = rng.choice(orgs)
    name = org.name_en if en else org.name_fr

    def person() -> str:
        return f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"

    def fr_state(e) -> str:
        n = e.name_fr
        return ("l'" + n) if n[:1] in "AEIOUÉÈ" else ("le " + n)

    slots = {
        "person": person(), "person2": person(), "person3": person(), "person4": person(),
        "org": name, "iorg": rng.choice(INVENTED_ORGS) if en else "Forum eurasien de l'énergie",
        "state": st[0].name_en if en else fr_state(st[0]), "state2": st[1].name_en if en else fr_state(st[1]),
        "state_s": st[0].name_en + "’s", "state2_fr": st[1].name_fr,
        "de_state": ("d'" + st[0].name_fr) if st[0].name_fr[:1] in "AEIOUÉÈ" else ("du " + st[0].name_fr),
        "demonym": "Turkish", "city": rng.choice(cities).name_en if en else rng.choice(cities).name_fr,
        "weekday": rng.choice(WEEKDAYS_EN if en else WEEKDAYS_FR), "n": rng.choice([5, 10, 20, 40, 60, 100]),
    }
    for i, e in enumerate(st[2:], start=1):
        slots[f"s{i}"] = e.name_en if en else fr_state(e)
    templates = EN if en else FR
    # about 500 words: the fact sentences and, around them, ordinary prose
    picked = rng.sample(templates, len(templates)) + rng.sample(templates, len(templates) // 2)
    text = " ".join(t.format(**slots) for t in picked)
    return text[:1].upper() + text[1:]


def generate(folder: str | Path, n: int, seed: int = 2025) -> Path:
    """Write n articles (half English, half French) with sidecars; the same n and seed give the same files."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    lex = load_lexicon()
    for i in range(n):
        lang = "en" if i % 2 == 0 else "fr"
        (folder / f"a{i:05d}.txt").write_text(_article(rng, lang, lex), encoding="utf-8")
        (folder / f"a{i:05d}.meta.json").write_text(
            f'{{"language": "{lang}", "published": "2025-12-{1 + i % 28:02d}"}}', encoding="utf-8")
    return folder
