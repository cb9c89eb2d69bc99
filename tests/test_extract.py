"""Facts read from real sentences, in English and French, including names absent from the lexicon."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from diplograph.extract import (
    EntityMention,
    Event,
    Membership,
    Observance,
    OrganisationName,
    Programme,
    RoleHolding,
    Statement,
    TradeTarget,
)

from .conftest import of_type, read


def holdings(facts):
    return {(h.person.name, h.role.key, h.of.name if h.of else None, h.to.name if h.to else None)
            for h in of_type(facts, RoleHolding)}


def members(facts):
    return {(m.state.name, m.organisation.name, m.status) for m in of_type(facts, Membership)}


# ---------------------------------------------------------------- roles

@pytest.mark.parametrize("text,lang,expected", [
    ("Kubanychbek Omuraliev, secretary-general of the Organization of Turkic States, on Wednesday underscored "
     "the importance of diaspora unity.", "en",
     ("Kubanychbek Omuraliev", "secretary-general", "Organization of Turkic States", None)),
    ("Azerbaijan’s Ambassador to the United States Khazar Ibrahim said the occasion represented solidarity.", "en",
     ("Khazar Ibrahim", "ambassador", "Azerbaijan", "United States")),
    ("L’ambassadeur d’Azerbaïdjan aux États-Unis, Khazar Ibrahim, a déclaré que cette journée comptait.", "fr",
     ("Khazar Ibrahim", "ambassador", "Azerbaijan", "United States")),
    ("À Washington, le secrétaire général de l’Organisation des États turciques, Kubanychbek Omuraliev, a insisté "
     "sur l’importance des diasporas.", "fr",
     ("Kubanychbek Omuraliev", "secretary-general", "Organization of Turkic States", None)),
    # names that no lexicon holds
    ("Turkish Foreign Minister Hakan Fidan met his Hungarian counterpart in Ankara.", "en",
     ("Hakan Fidan", "minister-of-foreign-affairs", "Türkiye", None)),
    ("Le ministre des Affaires étrangères du Sénégal, Yassine Fall, a rencontré des diplomates.", "fr",
     ("Yassine Fall", "minister-of-foreign-affairs", "Senegal", None)),
    ("Le président ouzbek Chavkat Mirzioïev a reçu la délégation.", "fr",
     ("Chavkat Mirzioïev", "president", "Uzbekistan", None)),
])
def test_role_holdings(text, lang, expected):
    assert expected in holdings(read(text, lang))


def test_counterpart_takes_the_same_post_for_another_state():
    facts = read("Le président sénégalais Bassirou Diomaye Faye a été reçu lundi à Paris par son homologue "
                 "français Emmanuel Macron.", "fr")
    assert ("Emmanuel Macron", "president", "France", None) in holdings(facts)


def test_president_of_the_state_he_speaks_for():
    facts = read("Meanwhile, President Recep Tayyip Erdogan said Monday that Türkiye aims to increase trade with "
                 "Turkic states to $60 billion in the medium term.", "en")
    assert ("Recep Tayyip Erdogan", "president", "Türkiye", None) in holdings(facts)


def test_surname_alone_is_the_person_named_in_full_before():
    facts = read("President Recep Tayyip Erdogan spoke on Monday. Erdogan also highlighted security cooperation.",
                 "en")
    persons = {m.entity.name for m in of_type(facts, EntityMention) if m.entity.kind == "person"}
    assert persons == {"Recep Tayyip Erdogan"}


# ---------------------------------------------------------------- memberships

def test_members_and_observers_en():
    text = ("The OTS, formerly known as the Turkic Council, is an international platform. "
            "Its members are Türkiye, Azerbaijan, Kazakhstan, Kyrgyzstan and Uzbekistan. "
            "Hungary, Turkmenistan and the Turkish Republic of Northern Cyprus hold observer status.")
    m = members(read(text, "en"))
    ots = "Organization of Turkic States"
    assert {(s, ots, "member") for s in ("Türkiye", "Azerbaijan", "Kazakhstan", "Kyrgyzstan", "Uzbekistan")} <= m
    assert {(s, ots, "observer") for s in ("Hungary", "Turkmenistan", "Turkish Republic of Northern Cyprus")} <= m


def test_members_and_observers_fr():
    text = ("Anciennement appelée Conseil turcique, l’Organisation des États turciques constitue une plateforme. "
            "Ses membres sont la Türkiye, l’Azerbaïdjan, le Kazakhstan, le Kirghizistan et l’Ouzbékistan. "
            "La Hongrie, le Turkménistan et la République turque de Chypre du Nord disposent d’un statut "
            "d’observateur.")
    m = members(read(text, "fr"))
    ots = "Organization of Turkic States"
    assert ("Kyrgyzstan", ots, "member") in m and ("Uzbekistan", ots, "member") in m
    assert ("Turkish Republic of Northern Cyprus", ots, "observer") in m
    assert len(m) == 8


@pytest.mark.parametrize("text,lang,expected", [
    ("Omuraliev praised Azerbaijan’s leadership role within the OTS, noting that the country currently serves as "
     "chairperson-in-office.", "en", ("Azerbaijan", "Organization of Turkic States", "chair")),
    ("Kubanychbek Omuraliev a salué le rôle de l’Azerbaïdjan au sein de l’OTS, rappelant que le pays assure "
     "actuellement la présidence tournante de l’organisation.", "fr",
     ("Azerbaijan", "Organization of Turkic States", "chair")),
    ("Kazakhstan currently holds the rotating chairmanship of the Shanghai Cooperation Organisation.", "en",
     ("Kazakhstan", "Shanghai Cooperation Organisation", "chair")),
    ("Ukraine, which has applied to join NATO, sent its ambassador.", "en",
     ("Ukraine", "North Atlantic Treaty Organization", "candidate")),
    ("Finland and Sweden joined NATO in 2023 and 2024 respectively.", "en",
     ("Sweden", "North Atlantic Treaty Organization", "member")),
    ("Mongolia is an observer state of the SCO.", "en", ("Mongolia", "Shanghai Cooperation Organisation", "observer")),
    ("Le Sénégal est membre de la CEDEAO, dont le Nigeria et le Ghana sont aussi membres.", "fr",
     ("Ghana", "Economic Community of West African States", "member")),
    ("La Finlande assure actuellement la présidence de l'OSCE.", "fr",
     ("Finland", "Organization for Security and Co-operation in Europe", "chair")),
])
def test_membership_statuses(text, lang, expected):
    assert expected in members(read(text, lang))


def test_former_name_and_acronym():
    facts = read("The OTS, formerly known as the Turkic Council, is an international platform.", "en")
    names = {(n.organisation.key, n.name, n.form) for n in of_type(facts, OrganisationName)}
    assert ("organization-of-turkic-states", "Turkic Council", "former") in names
    assert ("organization-of-turkic-states", "OTS", "acronym") in names


def test_unknown_organisation_with_acronym_defined_in_text():
    facts = read("The Council of Turkic Diaspora Organizations (CTDO) met in Baku. The CTDO chair spoke.", "en")
    orgs = [m for m in of_type(facts, EntityMention) if m.entity.kind == "organisation"]
    assert {m.entity.name for m in orgs} == {"Council of Turkic Diaspora Organizations"}
    assert len(orgs) == 3  # the name, its acronym in brackets and its later use
    assert any(n.name == "CTDO" and n.form == "acronym" for n in of_type(facts, OrganisationName))


# ---------------------------------------------------------------- events

def events(facts):
    return {e.type: e for e in of_type(facts, Event)}


def test_reception_with_host_and_occasion_en():
    facts = read("Speaking at a reception hosted by the Azerbaijani Embassy to the United States to mark the Day "
                 "of Solidarity of Azerbaijanis Worldwide, Omuraliev said the observance mattered.", "en")
    e = events(facts)["reception"]
    assert e.host.key == "embassy-of-aze-in-usa" and e.host.name == "Embassy of Azerbaijan in the United States"
    assert e.occasion.key == "day-of-solidarity-of-azerbaijanis-worldwide"


def test_reception_with_host_and_occasion_fr():
    e = events(read("Il s’exprimait lors d’une réception organisée par l’ambassade d’Azerbaïdjan aux États-Unis, à "
                    "l’occasion de la Journée de solidarité des Azerbaïdjanais du monde.", "fr"))["reception"]
    assert e.host.key == "embassy-of-aze-in-usa"
    assert e.occasion.key == "day-of-solidarity-of-azerbaijanis-worldwide"


def test_reception_in_an_embassy_city():
    e = events(read("NATO Secretary-General Mark Rutte spoke at a reception hosted by the Swedish Embassy in "
                    "Brussels on Thursday.", "en"))["reception"]
    assert e.place.name == "Brussels" and e.host.key == "embassy-of-swe-in-bel"
    assert e.date_text == "on Thursday"


def test_visit_then_meeting_where():
    facts = read("Omuraliev is visiting Washington, where he held a meeting Monday with ambassadors of member "
                 "states.", "en", published=dt.date(2025, 12, 18))
    ev = events(facts)
    assert ev["visit"].place.name == "Washington"
    assert ev["meeting"].place.name == "Washington"
    assert ev["meeting"].date == dt.date(2025, 12, 15) and ev["meeting"].date_text == "Monday"


def test_meeting_between_named_persons_fr():
    ev = events(read("Le secrétaire général de l'OSCE, Feridun Sinirlioğlu, s'est rendu mardi à Tachkent, où il a "
                     "rencontré le président ouzbek Chavkat Mirzioïev.", "fr"))
    assert ev["visit"].place.name == "Tashkent" and ev["visit"].date_text == "mardi"
    assert {p.name for p in ev["meeting"].participants} == {"Feridun Sinirlioğlu", "Chavkat Mirzioïev"}


def test_designation_and_observance():
    facts = read("Earlier this month, UNESCO designated Dec. 15 as World Turkic Language Family Day to promote the "
                 "shared language.", "en")
    e = events(facts)["designation"]
    assert e.participants[0].name == "UNESCO" and e.date_text == "Earlier this month"
    obs = [o for o in of_type(facts, Observance) if o.designated_by]
    assert obs[0].observance.key == "world-turkic-language-family-day" and obs[0].month_day == "--12-15"


def test_unknown_observance_name():
    facts = read("The ministers marked International Day of Diaspora Youth at the embassy.", "en")
    assert {o.observance.name for o in of_type(facts, Observance)} == {"International Day of Diaspora Youth"}


def test_launch_by_a_party():
    e = events(read("“Our region will grow,” Erdogan said at the Justice and Development Party’s Turkic World Vision "
                    "Document launch program.", "en"))["launch"]
    assert e.host.key == "justice-and-development-party"
    assert e.about.name == "Turkic World Vision Document"


def test_announcement_needs_where_or_when():
    facts = read("Omuraliev also announced that a Diaspora Capacity-Building Training Program launched by the OTS "
                 "could hold its next session in the United States next year.", "en")
    e = events(facts)["announcement"]
    assert e.place.name == "United States" and e.date_text == "next year"
    assert {p.key for p in e.participants} == {"omuraliev", "organization-of-turkic-states"}
    prog = of_type(facts, Programme)[0]
    assert prog.programme.name == "Diaspora Capacity-Building Training Program"
    assert prog.run_by.key == "organization-of-turkic-states"
    assert "announcement" not in events(read("Il a annoncé de nouvelles initiatives de coopération.", "fr"))


def test_agreement_by_the_two_sides():
    facts = read("Tokayev met Chinese Foreign Minister Wang Yi in Astana. The two sides signed a memorandum on "
                 "green energy.", "en")
    e = events(facts)["agreement"]
    assert {p.name for p in e.participants} == {"Tokayev", "Wang Yi"}


# ---------------------------------------------------------------- trade targets

def test_trade_targets_en():
    facts = read("Meanwhile, President Recep Tayyip Erdogan said Monday that Türkiye aims to increase trade with "
                 "Turkic states to $60 billion in the medium term and to $100 billion in the long term.", "en")
    tt = sorted(of_type(facts, TradeTarget), key=lambda t: t.amount)
    assert [(t.actor.name, t.partner_text, t.amount, t.currency, t.horizon) for t in tt] == [
        ("Türkiye", "Turkic states", Decimal(60_000_000_000), "USD", "medium term"),
        ("Türkiye", "Turkic states", Decimal(100_000_000_000), "USD", "long term"),
    ]
    assert all(t.stated_by.name == "Recep Tayyip Erdogan" for t in tt)


def test_trade_targets_fr():
    facts = read("Le président Recep Tayyip Erdogan a déclaré que la Türkiye vise à porter ses échanges commerciaux "
                 "avec les États turciques à 60 milliards de dollars à moyen terme et à 100 milliards à long terme.",
                 "fr")
    tt = sorted(of_type(facts, TradeTarget), key=lambda t: t.amount)
    assert [(t.actor.key, t.amount, t.currency, t.horizon) for t in tt] == [
        ("TUR", Decimal(60_000_000_000), "USD", "medium term"), ("TUR", Decimal(100_000_000_000), "USD", "long term")]
    assert tt[0].partner_text.startswith("États turciques")


def test_trade_target_with_year_and_capital_for_state():
    facts = read("Selon la présidence sénégalaise, Dakar souhaite porter ses échanges commerciaux avec la France à "
                 "3 milliards d'euros d'ici 2028.", "fr")
    (t,) = of_type(facts, TradeTarget)
    assert (t.actor.name, t.partner.name, t.amount, t.currency, t.target_year) == (
        "Senegal", "France", Decimal(3_000_000_000), "EUR", 2028)


# ---------------------------------------------------------------- statements

def test_statements_with_and_without_attribution():
    text = ("Kubanychbek Omuraliev, secretary-general of the Organization of Turkic States, spoke on Wednesday. "
            "“Within the framework of the Organization of Turkic States, we attach special importance to "
            "cooperation. Diasporas serve as natural bridges,” Omuraliev said. "
            "He said the occasion reflects the “unity, resilience, and strong sense of identity” of the community.")
    st = of_type(read(text, "en"), Statement)
    assert [(s.speaker.name, s.quote[:20]) for s in st] == [
        ("Kubanychbek Omuraliev", "Within the framework"), ("Kubanychbek Omuraliev", "unity, resilience, a")]


def test_statement_fr_inverted_attribution():
    st = of_type(read("« La France restera un partenaire fidèle du Sénégal », a déclaré Emmanuel Macron lors d'une "
                      "conférence de presse.", "fr"), Statement)
    assert [(s.speaker.name, s.quote) for s in st] == [("Emmanuel Macron",
                                                        "La France restera un partenaire fidèle du Sénégal")]


def test_statement_fr_pronoun():
    text = ("Le ministre Yassine Fall est arrivé à Dakar. « Nous avançons ensemble sur ce dossier », a-t-il déclaré.")
    st = of_type(read(text, "fr"), Statement)
    assert [s.speaker.name for s in st] == ["Yassine Fall"]


# ---------------------------------------------------------------- evidence

def test_evidence_spans_point_into_the_article():
    text = "Its members are Türkiye and Azerbaijan. The OTS met."
    facts = read("The OTS is a bloc. " + text, "en")
    full = "The OTS is a bloc. " + text
    for f in facts:
        ev = f.evidence
        assert full[ev.start:ev.end] in ev.sentence and ev.lang == "en" and ev.rule
    m = next(f for f in of_type(facts, EntityMention) if f.entity.key == "TUR")
    assert full[m.evidence.start:m.evidence.end] == "Türkiye"


# ---------------------------------------------------------------- shapes met in a second batch of articles


def test_post_written_around_the_nationality_fr():
    facts = read("Le secrétaire général de l'Otan, Mark Rutte, a rencontré lundi à Bruxelles le ministre ukrainien "
                 "de la Défense, Denys Chmyhal.", "fr")
    assert ("Denys Chmyhal", "minister-of-defence", "Ukraine", None) in holdings(facts)
    ev = events(facts)["meeting"]
    assert ev.place.name == "Brussels" and {p.name for p in ev.participants} == {"Mark Rutte", "Denys Chmyhal"}


def test_single_name_after_a_title_and_a_counterpart_hosted():
    facts = read("JAKARTA, Nov 12 (Reuters) - Indonesian Foreign Minister Sugiono on Wednesday hosted his Malaysian "
                 "counterpart Mohamad Hasan for talks on maritime security.", "en")
    assert ("Sugiono", "minister-of-foreign-affairs", "Indonesia", None) in holdings(facts)
    ev = events(facts)["meeting"]
    assert {p.name for p in ev.participants} == {"Sugiono", "Mohamad Hasan"} and ev.place.name == "Jakarta"


def test_two_states_aiming_at_trade_together():
    (t,) = of_type(read("Indonesia and Malaysia aim to raise bilateral trade to $30 billion by 2027, Sugiono said.",
                        "en"), TradeTarget)
    assert (t.actor.name, t.partner.name, t.target_year) == ("Indonesia", "Malaysia", 2027)


def test_middle_name_as_short_form():
    facts = read("Brazil's President Luiz Inácio Lula da Silva spoke. Lula said the bloc was ready to sign.", "en")
    persons = {m.entity.name for m in of_type(facts, EntityMention) if m.entity.kind == "person"}
    assert persons == {"Luiz Inácio Lula da Silva"}


def test_candidate_in_apposition_fr():
    assert ("Ukraine", "North Atlantic Treaty Organization", "candidate") in members(read(
        "L'Ukraine, candidate à l'adhésion à l'Alliance atlantique, réclame des garanties de sécurité.", "fr"))


def test_region_is_not_a_state():
    facts = read("This agreement is good for Europe and good for Latin America, the chancellor said.", "en")
    assert not [m for m in of_type(facts, EntityMention) if m.entity.kind == "state"]


# ---------------------------------------------------------------- kinds of bodies

@pytest.mark.parametrize("text,lang,name,subtype", [
    ("A communiqué was read by the permanent secretary of the Federal Ministry of Foreign Affairs.", "en",
     "Federal Ministry of Foreign Affairs", "agency"),
    ("Kazakh President Kassym-Jomart Tokayev received the Chair, Kazinform News Agency learnt.", "en",
     "Kazinform News Agency", "national"),
    ("Le président élu a prêté serment devant la Cour constitutionnelle de la Transition.", "fr",
     "Cour constitutionnelle de la Transition", "national"),
    ("The ministers met the West African Economic Forum Council delegation.", "en",
     "West African Economic Forum Council", None),
    ("Fernandez will offer a dinner at the Kirchner Cultural Center to the delegates.", "en",
     "Kirchner Cultural Center", None),
    ("Alain Berset, former Chairman of the Federal Council of Switzerland, was elected.", "en",
     "Federal Council", "national"),
])
def test_bodies_of_one_state_are_typed_apart(text, lang, name, subtype):
    """National bodies are not international organisations (shared conventions); happenings are not bodies."""
    orgs = {m.entity.name: m.entity.subtype for m in of_type(read(text, lang), EntityMention)
            if m.entity.kind == "organisation"}
    if subtype is None:
        assert name not in orgs, orgs
    else:
        assert orgs.get(name) == subtype, orgs


def test_pathological_text_reads_in_linear_time_and_bounded_facts():
    """A run of full stops is one place where a sentence could end, not thousands (the splitter used to try each
    start of the run again); a name repeated in a huge list keeps a bounded number of mentions as evidence."""
    from diplograph.extract.mentions import MAX_MENTIONS_PER_ENTITY
    from diplograph.extract.sentence import split_sentences

    assert len(split_sentences("." * 20_000)) <= 20_000 // 2_000  # no sentence ends inside the run
    assert split_sentences("He left... Then she came.") == [(0, 10, 0), (11, 25, 0)]
    facts = of_type(read("Hungary, " * 3000, "en"), EntityMention)
    assert len(facts) == MAX_MENTIONS_PER_ENTITY and {f.entity.key for f in facts} == {"HUN"}


@pytest.mark.parametrize("text,lang,speaker", [
    ("The United States has said it will not change its policy towards the Syrian government.", "en",
     "United States"),
    ("La Hongrie a salué la décision du Conseil européen.", "fr", "Hungary"),
])
def test_a_state_speaking_as_such_is_an_announcement(text, lang, speaker):
    evs = [e for e in of_type(read(text, lang), Event) if e.type == "announcement"]
    assert any(speaker in {p.name for p in e.participants} for e in evs), evs


def test_what_a_state_announces_is_the_news_the_state_saying_it_no_second_event():
    evs = [e for e in of_type(read("Le Mali a annoncé son retrait de la CEDEAO.", "fr"), Event)]
    assert "other" in [e.type for e in evs]
    assert not [e for e in evs if e.evidence.rule == "event:body-says"]
