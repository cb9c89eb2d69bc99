"""Posts read across the article (extract/posts.py): sentences from the development corpus (tests/corpus/dev)."""

from __future__ import annotations

import datetime as dt

import pytest

from diplograph.extract import RoleHolding
from diplograph.extract.posts import parse_tenures, tenures

from .conftest import of_type, read


def holdings(facts):
    return {(h.person.name, h.role.key, h.of.name if h.of else None) for h in of_type(facts, RoleHolding)}


@pytest.mark.parametrize("text,lang,expected", [
    # a list of holders, each for its state
    ("Parmi les personnalités présentes figuraient les présidents du Sénégal, Bassirou Diomaye Faye, de la "
     "Guinée-Bissau, Umaro Sissoco Embaló, du Ghana, John Dramani Mahama et du Rwanda, Paul Kagame.", "fr",
     {("Bassirou Diomaye Faye", "president", "Senegal"), ("Umaro Sissoco Embaló", "president", "Guinea-Bissau"),
      ("John Dramani Mahama", "president", "Ghana"), ("Paul Kagame", "president", "Rwanda")}),
    # a post given by election, and the predecessor who held it
    ("Mr Mahmoud Ali Youssouf, the Foreign Minister of Djibouti, has been elected Chairperson of the African Union "
     "Commission. Mr Youssouf, who will serve a four-year term, replaces Moussa Faki of Chad.", "en",
     {("Mahmoud Ali Youssouf", "chairperson", "African Union Commission"),
      ("Mahmoud Ali Youssouf", "minister-of-foreign-affairs", "Djibouti"),
      ("Moussa Faki", "chairperson", "African Union Commission")}),
    ("Former Dutch Prime Minister Mark Rutte has officially taken over as NATO Secretary General from his "
     "predecessor Jens Stoltenberg on Tuesday, 1 October.", "en",
     {("Mark Rutte", "prime-minister", "Netherlands"),
      ("Mark Rutte", "secretary-general", "North Atlantic Treaty Organization"),
      ("Jens Stoltenberg", "secretary-general", "North Atlantic Treaty Organization")}),
    # the title's state from a demonym between title and field ("la ministre française des Affaires étrangères")
    ("Au cours d'une courte cérémonie, la ministre française des Affaires étrangères Catherine Colonna a remis un "
     "bâton à son homologue tchèque Jan Lipavsky.", "fr",
     {("Catherine Colonna", "minister-of-foreign-affairs", "France"),
      ("Jan Lipavsky", "minister-of-foreign-affairs", "Czech Republic")}),
    # an honorific between the title and the name
    ("The council's round table was attended by Turkish Minister of Trade Dr. Omar Bolat.", "en",
     {("Omar Bolat", "minister-of-trade", "Türkiye")}),
    # the holder's nationality, told in another sentence, qualifies a bare national title
    ("Cabo Verde was represented by Julio Cesar Lopes, Minister of Regional Integration.", "en",
     {("Julio Cesar Lopes", "minister", "Cape Verde")}),
    # an oath taken as a post
    ("Le général Brice Clotaire Oligui Nguema a prêté serment samedi 3 mai 2025 comme président de la République "
     "gabonaise.", "fr", {("Brice Clotaire Oligui Nguema", "president", "Gabon")}),
    ("Ont pris part à ce sommet, six chefs d’Etats de l’Union: Boni Yayi du Bénin, Alassane Ouattara de la Côte "
     "d’Ivoire et Macky Sall du Sénégal.", "fr",
     {("Boni Yayi", "head-of-state", "Benin"), ("Macky Sall", "head-of-state", "Senegal")}),
    ("Le ministre saoudien des Affaires étrangères, le prince Faisal bin Farhan, a convenu avec son homologue "
     "iranien, Hussein Amir Abdullahian, de tenir une réunion.", "fr",
     {("Faisal bin Farhan", "minister-of-foreign-affairs", "Saudi Arabia"),
      ("Hussein Amir Abdullahian", "minister-of-foreign-affairs", "Iran")}),
    ("Bien avant, la ministre française de l’Europe et des Affaires étrangères, Catherine Colonna, a été reçue à "
     "Etoudi.", "fr", {("Catherine Colonna", "minister", "France")}),
    ("Our country was represented by Ambassador of Azerbaijan to Saudi Arabia, Permanent Representative to the OIC "
     "Rasim Rzayev at this event.", "en",
     {("Rasim Rzayev", "ambassador", "Azerbaijan"), ("Rasim Rzayev", "permanent-representative", "Azerbaijan")}),
    ("Le président de la République Arabe d’Égypte, président en exercice de l’Union africaine (UA), Abdel Fattah Al "
     "Sisi, a eu un tête-à-tête avec son homologue sénégalais Macky Sall.", "fr",
     {("Abdel Fattah Al Sisi", "president", "Egypt"), ("Macky Sall", "president", "Senegal")}),
    ("Rabat – Le ministre des Affaires étrangères, de la Coopération africaine et des Marocains résidant à "
     "l’étranger, Nasser Bourita, a appelé lundi à Rabat à consolider la coordination.", "fr",
     {("Nasser Bourita", "minister-of-foreign-affairs", "Morocco")}),
    ("Il a eu des entretiens avec le ministre des Affaires étrangères de la République fédérale démocratique "
     "d’Éthiopie, Dr. Gedion Timotheos.", "fr", {("Gedion Timotheos", "minister-of-foreign-affairs", "Ethiopia")}),
    ("Ces efforts soulignent votre engagement, a fait savoir le président de la commission de la CEDEAO, Omar Alieu "
     "Touray.", "fr", {("Omar Alieu Touray", "president", "ECOWAS Commission")}),
    ("Indian External Affairs Minister S. Jaishankar met his Russian counterpart Sergey Lavrov.", "en",
     {("S. Jaishankar", "minister-of-foreign-affairs", "India"),
      ("Sergey Lavrov", "minister-of-foreign-affairs", "Russia")}),
    ("The talks were chaired by EU foreign policy chief Kaja Kallas.", "en",
     {("Kaja Kallas", "high-representative", "European Union")}),
    # the head of a body by its own title (heads_of_organisations.tsv), and the predecessor in that post
    ("Le Djiboutien Mahmoud Ali Youssouf, ministre des Affaires étrangères depuis 2005, a été élu le 15 février à la "
     "tête de la Commission de l’Union africaine (UA), succédant au Tchadien Moussa Faki Mahamat.", "fr",
     {("Mahmoud Ali Youssouf", "chairperson", "African Union Commission"),
      ("Moussa Faki Mahamat", "chairperson", "African Union Commission")}),
    ("Le Tchadien Moussa Faki Mahamat a été élu, lundi, président de la commission de l'Union africaine (UA), en "
     "remplacement de la sud-africaine, Nkosazana Dlamini-Zuma.", "fr",
     {("Moussa Faki Mahamat", "chairperson", "African Union Commission"),
      ("Nkosazana Dlamini-Zuma", "chairperson", "African Union Commission")}),
    # a date between the appointment and the title
    ("Le Koweïtien Haitham Al-Ghais a été nommé, ce lundi 3 janvier, secrétaire général de l’Organisation des pays "
     "exportateurs de pétrole (OPEP), a annoncé l’organisation.", "fr",
     {("Haitham Al-Ghais", "secretary-general", "Organization of the Petroleum Exporting Countries")}),
    # a name given with its state and an honorific; the body of the post before the title
    ("During the summit, Peter Mutuku Mathuki of Kenya was sworn in as the new EAC Secretary General for a "
     "five-year non-renewable term.", "en", {("Peter Mutuku Mathuki", "secretary-general", "East African Community")}),
    ("The Summit also elected Madam Selma Haddadi of Algeria, as the new African Union Commission Deputy "
     "Chairperson.", "en", {("Selma Haddadi", "deputy-chairperson", "African Union Commission")}),
    ("The Organisation of American States (OAS) on Monday elected Surinamese Foreign Minister Albert Ramdin as its "
     "new secretary general through 2030.", "en",
     {("Albert Ramdin", "secretary-general", "Organization of American States"),
      ("Albert Ramdin", "minister-of-foreign-affairs", "Suriname")}),
    # a plural title before bare names: each state from the tenure table
    ("Les présidents Andry Rajoelina et Emmanuel Macron ont assisté à la cérémonie de signature.", "fr",
     {("Andry Rajoelina", "president", "Madagascar"), ("Emmanuel Macron", "president", "France")}),
    # a name, then its title after "le"; an adverb before "élu"
    ("Bruno Rodriguez le Ministre cubain des Affaires étrangères, dans son discours d’ouverture a lancé un appel.",
     "fr", {("Bruno Rodriguez", "minister-of-foreign-affairs", "Cuba")}),
    ("Le coup d'État a entraîné l'éviction du président démocratiquement élu du Niger, Mohamed Bazoum.", "fr",
     {("Mohamed Bazoum", "president", "Niger")}),
    # three titles before one name, the state of the first for all
    ("Le ministre a accueilli le vice-Premier ministre irlandais, ministre des Affaires étrangères et ministre de la "
     "Défense, Simon Harris, accompagné de l'ambassadrice.", "fr",
     {("Simon Harris", "deputy-prime-minister", "Ireland"), ("Simon Harris", "minister-of-foreign-affairs", "Ireland"),
      ("Simon Harris", "minister-of-defence", "Ireland")}),
    # "Hon." is an honorific, not a name
    ("In a ceremony at the Summit held in Suva, outgoing Prime Minister of Vanuatu, Hon. Jotham Napat, handed over "
     "the chairmanship.", "en", {("Jotham Napat", "prime-minister", "Vanuatu")}),
    # a possessive without its s, a title only an abbreviation, a visiting counterpart
    ("Anwar is to receive a courtesy call from Luxembourg’s Vice Prime Minister Xavier Bettel.", "en",
     {("Xavier Bettel", "deputy-prime-minister", "Luxembourg")}),
    ("Indian PM Narendra Modi announced the African bloc as the newest member of the group.", "en",
     {("Narendra Modi", "prime-minister", "India")}),
    ("Iran's Foreign Minister Hossein Amir-Abdollahian met with visiting Turkish counterpart Hakan Fidan on Sunday.",
     "en", {("Hakan Fidan", "minister-of-foreign-affairs", "Türkiye")}),
    # a list of "Name from State"; a list of appositions, each title with its own name
    ("The ambassadors are Friedrich Stift from Austria, Saidov Bakhtiyor from Uzbekistan and Marc Vinck from "
     "Belgium.", "en", {("Friedrich Stift", "ambassador", "Austria"), ("Marc Vinck", "ambassador", "Belgium")}),
    ("Stanislav Stakic, ambassadeur de la République de Serbie, Mme Xu Jinghu, ambassadeur de la République "
     "populaire de Chine, et M. Bertrand Louis, ambassadeur de la Confédération suisse.", "fr",
     {("Stanislav Stakic", "ambassador", "Serbia"), ("Xu Jinghu", "ambassador", "China"),
      ("Bertrand Louis", "ambassador", "Switzerland")}),
    # no dateline: the city of the opening reception is the host's, whatever country the story is about
    ("Le Chef de l'État, Abdelkader Bensalah, a reçu, hier au siège de la présidence de la République à Alger, le "
     "ministre des Affaires étrangères, Sabri Boukadoum. Ils ont évoqué la Libye. La Libye est en crise. La Libye "
     "attend.", "fr", {("Abdelkader Bensalah", "head-of-state", "Algeria"),
                       ("Sabri Boukadoum", "minister-of-foreign-affairs", "Algeria")}),
    # the state after a title is not its state when it is another post's ("for Russia Ambassador")
    ("Vietnam and Russia should lift trade to 10 billion USD, Prime Minister Nguyen Xuan Phuc said during his "
     "reception in Hanoi for Russia Ambassador to Vietnam Konstantin Vnukov.", "en",
     {("Konstantin Vnukov", "ambassador", "Russia")}),
])
def test_posts_across_the_article(text, lang, expected):
    found = holdings(read(text, lang))
    assert expected <= found, found
    assert not any(role == "emir" for _, role, _ in found)  # "Amir" inside a name is no title
    assert ("Nguyen Xuan Phuc", "prime-minister", "Russia") not in found


def test_a_military_rank_alone_is_not_a_post():
    found = holdings(read("Le président guinéen de transition, le général Mamadi Doumbouya, a reçu son homologue.",
                          "fr"))
    assert ("Mamadi Doumbouya", "president", "Guinea") in found
    assert not any(role == "general" for _, role, _ in found)


def test_tenure_table_gives_the_state_of_the_year():
    text = "On the invitation of President Paul Kagame, the delegation arrived on Tuesday."
    assert ("Paul Kagame", "president", "Rwanda") in holdings(read(text, "en", published=dt.date(2024, 3, 1)))
    # outside the tenure, nothing is guessed
    text = "President Donald Trump said he would attend."
    assert ("Donald Trump", "president", None) in holdings(read(text, "en", published=dt.date(2022, 6, 1)))
    assert ("Donald Trump", "president", "United States") in holdings(read(text, "en",
                                                                           published=dt.date(2025, 6, 1)))


def test_what_the_article_says_wins_over_the_table():
    # Mark Rutte was prime minister of the Netherlands; an article saying otherwise is not corrected
    text = "Belgian Prime Minister Mark Rutte said the talks went well."
    assert ("Mark Rutte", "prime-minister", "Belgium") in holdings(read(text, "en", published=dt.date(2020, 1, 1)))


def test_heads_of_organisations_are_known_bodies_and_titles():
    from diplograph.extract.posts import head_titles, parse_head_titles
    from diplograph.lexicon import load_lexicon

    lex = load_lexicon()
    table = head_titles()
    assert table["african-union-commission"] == "chairperson" and len(table) > 50
    assert all(lex.get("organisation", org) is not None for org in table), \
        [org for org in table if lex.get("organisation", org) is None]
    assert all(lex.get("role", role) is not None for role in table.values())
    with pytest.raises(ValueError, match="heads_of_organisations.tsv:2"):
        parse_head_titles("# header\nunited-nations\n")


def test_an_unqualified_title_is_the_state_the_article_is_about():
    text = ("ANI - Le ministre des Affaires étrangères, Youssef Rajji, a reçu l'envoyé spécial français.\n"
            "Ils ont discuté de la situation au Liban et du soutien au Liban.\n"
            "La France soutient l'armée du Liban, a-t-il dit.")
    assert ("Youssef Rajji", "minister-of-foreign-affairs", "Lebanon") in holdings(read(text, "fr"))
    # no state stands out (Lebanon and Syria named as often): no guess
    text = ("ANI - Le ministre des Affaires étrangères, Youssef Rajji, a reçu l'envoyé spécial.\n"
            "Ils ont discuté de la situation au Liban, en Syrie et au Liban.\nLa Syrie et la Syrie coopèrent.\n"
            "Le Liban aussi.")
    assert ("Youssef Rajji", "minister-of-foreign-affairs", None) in holdings(read(text, "fr"))


def test_tenure_table_is_well_formed():
    index = tenures()
    assert ("paul", "kagame") in index and len(index) > 150
    with pytest.raises(ValueError, match="office_holders.tsv:2"):
        parse_tenures("# header\nPaul Kagame\tpresident\tRWA\tsince\t\n")


def test_a_foreign_envoy_in_a_datelined_story_is_accredited_to_the_host():
    text = ("ISLAMABAD: Prime Minister Shehbaz Sharif on Thursday met Ambassador of Uzbekistan Alisher Tukhtaev, who "
            "paid a courtesy call on him.")
    found = {(h.person.name, h.role.key, h.of.name if h.of else None, h.to.name if h.to else None)
             for h in of_type(read(text, "en"), RoleHolding)}
    assert ("Alisher Tukhtaev", "ambassador", "Uzbekistan", "Pakistan") in found


def test_a_two_letter_surname_is_the_full_name_met_before():
    text = ("Vucic asked Shen to convey his greetings to Chinese President Xi Jinping. Shen conveyed cordial regards "
            "from President Xi to President Vucic.")
    people = {h.person.name for h in of_type(read(text, "en"), RoleHolding)}
    assert "Xi Jinping" in people and "Xi" not in people


def test_every_component_reads_only_what_an_earlier_one_adds():
    from diplograph.extract.rules import PIPELINE, Component, unmet_needs

    assert unmet_needs() == []
    # the check is real: a pipeline that asks for subjects before anyone finds them is refused
    first = Component("x", lambda ctx: None, ("subjects",), ())
    assert unmet_needs((first, *PIPELINE)) == ["x reads subjects"]


def test_lists_of_holders_with_their_states_in_brackets():
    text = ("Foreign Affairs Ministers Rogelio Mayta (Bolivia), Marcelo Ebrard (Mexico), and Bruno Rodriguez (Cuba) "
            "confirmed their participation in the event.")
    assert holdings(read(text, "en")) >= {("Rogelio Mayta", "minister-of-foreign-affairs", "Bolivia"),
                                          ("Marcelo Ebrard", "minister-of-foreign-affairs", "Mexico"),
                                          ("Bruno Rodriguez", "minister-of-foreign-affairs", "Cuba")}


def test_two_lists_of_holders_in_one_sentence_are_both_read():
    # the second list's names were looked up in an abstract form the first list had renumbered (IndexError)
    text = ("Foreign Affairs Ministers Rogelio Mayta (Bolivia), Marcelo Ebrard (Mexico) and Bruno Rodriguez (Cuba) met "
            "the Ambassadors Jean Dore (Guinea), Martine Moreau (Canada) and Michel Upton (New Zealand).")
    assert holdings(read(text, "en")) >= {("Bruno Rodriguez", "minister-of-foreign-affairs", "Cuba"),
                                          ("Jean Dore", "ambassador", "Guinea"),
                                          ("Michel Upton", "ambassador", "New Zealand")}


def test_given_names_before_a_surname_known_from_elsewhere_make_the_full_name():
    # "Stoltenberg said" is the only cue; "his predecessor Jens Stoltenberg" must not leave "Jens" behind
    text = ("Mark Rutte has taken over as NATO Secretary General from his predecessor Jens Stoltenberg. "
            "In his farewell speech, Stoltenberg said it had been an honour.")
    assert ("Jens Stoltenberg", "secretary-general", "North Atlantic Treaty Organization") in holdings(read(text, "en"))


def test_a_second_title_in_an_apposition_is_held_too():
    text = "Mr Modi embraced Azali Assoumani, the President of the Comoros and serving African Union chairman."
    assert holdings(read(text, "en")) >= {("Azali Assoumani", "president", "Comoros"),
                                          ("Azali Assoumani", "chairperson", "African Union")}


def test_envoys_of_a_credentials_story_are_accredited_to_the_receiving_head_of_state():
    text = ("Quatre nouveaux ambassadeurs ont présenté hier leurs lettres de créances au chef de l’Etat ivoirien, le "
            "président Laurent Gbagbo. La cérémonie a eu lieu au salon des ambassadeurs. Ce sont : MM. Benny Omer "
            "(Israël), Tarek Ibrahim Mohamed Maaty (Egypte), Jean-Marc Simon (France) et Ali Kaya Savut (Turquie).")
    found = {(h.person.name, h.role.key, h.of.name if h.of else None, h.to.name if h.to else None)
             for h in of_type(read(text, "fr"), RoleHolding)}
    assert ("Jean-Marc Simon", "ambassador", "France", "Côte d'Ivoire") in found
    assert ("Ali Kaya Savut", "ambassador", "Türkiye", "Côte d'Ivoire") in found


def test_a_former_holder_and_a_surname_alone_are_found_in_the_tenure_table():
    text = "Aboul-Gheit served as foreign minister under former president Hosni Mubarak."
    assert ("Hosni Mubarak", "president", "Egypt") in holdings(read(text, "en", published=dt.date(2016, 3, 12)))
    text = "President Duterte formally handed over the gavel to Singapore's Prime Minister Lee Hsien Loong."
    assert ("Duterte", "president", "Philippines") in holdings(read(text, "en", published=dt.date(2017, 11, 15)))


def test_a_title_with_its_acronym_and_an_apposition_that_names_another_holder():
    text = ("Le 04 novembre 2023, la secrétaire générale (SG) de l’Organisation internationale de la Francophonie "
            "(OIF), Louise Mushikiwabo, a été l’hôte du chef de l’État camerounais, Paul Biya. Bien avant la "
            "successeure de Michaëlle Jean, la ministre française de l’Europe et des Affaires étrangères, Catherine "
            "Colonna, a été reçue.")
    found = holdings(read(text, "fr"))
    assert ("Louise Mushikiwabo", "secretary-general", "International Organisation of La Francophonie") in found
    assert not any(person == "Michaëlle Jean" for person, _, _ in found)


def test_an_envoy_for_a_state_is_sent_to_it_by_the_body_before_the_title():
    found = {(h.person.name, h.role.key, h.of.name if h.of else None, h.to.name if h.to else None)
             for h in of_type(read("The newly appointed UN envoy for Libya, Hanna Tetteh, arrived in Tripoli.", "en"),
                              RoleHolding)}
    assert ("Hanna Tetteh", "special-envoy", "United Nations", "Libya") in found


def test_the_tenure_table_also_knows_the_heads_of_organisations():
    text = "Secretary-General Antonio Guterres urged restraint. President Ursula von der Leyen said Europe was ready."
    found = holdings(read(text, "en", published=dt.date(2024, 5, 1)))
    assert ("Antonio Guterres", "secretary-general", "United Nations") in found
    assert ("Ursula von der Leyen", "president", "European Commission") in found



def test_a_title_that_completes_another_is_not_the_holder_s():
    found = holdings(read("ANI - Le ministre Youssef Rajji a reçu l'envoyé spécial du président français, Jean-Yves "
                          "Le Drian.", "fr"))
    assert not any(p == "Jean-Yves Le Drian" and r == "president" for p, r, _ in found), found
    # without the comma the name is the second title's: "Conseiller du Président Moïse"
    found = holdings(read("Haïti était représenté par Jean Warnard Dorneval, Conseiller du Président Jovenel Moïse.",
                          "fr"))
    assert any(p == "Jovenel Moïse" and r == "president" for p, r, _ in found), found


def test_the_state_of_a_leader_who_chairs_a_body_holds_its_chair():
    from diplograph.extract import Membership

    facts = read("ECOWAS heads of states and governments have elected President Issoufou Mahamadou of Niger as the "
                 "chair of ECOWAS for a one-year term. The chairperson of the African Union Commission, Moussa Faki, "
                 "President of Chad, spoke.", "en")
    got = {(m.state.name, m.organisation.name, m.status) for m in of_type(facts, Membership)}
    assert {("Niger", "Economic Community of West African States", "chair"),
            ("Niger", "Economic Community of West African States", "member")} <= got
    # the chairperson of a commission heads its secretariat: no chair for Chad
    assert not any(st == "Chad" for st, _, _ in got), got


def test_in_a_credentials_story_the_bare_titles_are_the_host_s():
    text = ("Le président de la République, Abdelmadjid Tebboune, a reçu les lettres de créance de l'ambassadeur "
            "d'Arabie saoudite, Abdallah El Bassiri.\n"
            "\"J'ai transmis les salutations du Roi Salmane\", a dit l'ambassadeur de l'Arabie saoudite.\n"
            "La cérémonie s'est déroulée en présence du ministre des Affaires étrangères, Ramtane Lamamra.\n"
            "L'Arabie saoudite et l'Arabie saoudite sont proches.")
    found = holdings(read(text, "fr"))
    assert ("Ramtane Lamamra", "minister-of-foreign-affairs", "Algeria") in found, found
    # a king named in the envoy's own words is not the host's
    assert not any(p.startswith("Salmane") and of == "Algeria" for p, _, of in found), found
