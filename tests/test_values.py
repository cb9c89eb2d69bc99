from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from diplograph.extract.values import find_dates, find_horizon, find_money


@pytest.mark.parametrize("text,lang,expected", [
    ("to $60 billion in the medium term", "en", [(Decimal(60 * 10**9), "USD")]),
    ("à 60 milliards de dollars à moyen terme et à 100 milliards à long terme", "fr",
     [(Decimal(60 * 10**9), "USD"), (Decimal(100 * 10**9), "USD")]),
    ("a €1.5bn loan", "en", [(Decimal(1_500_000_000), "EUR")]),
    ("5,5 milliards d'euros", "fr", [(Decimal(5_500_000_000), "EUR")]),
    ("US$ 2.3 billion", "en", [(Decimal(2_300_000_000), "USD")]),
    ("300 million dollars", "en", [(Decimal(300_000_000), "USD")]),
    ("1 200 millions de dollars", "fr", [(Decimal(1_200_000_000), "USD")]),
    ("in 2030 and 15 ships", "en", []),
])
def test_money(text, lang, expected):
    assert [(m.amount, m.currency) for m in find_money(text, lang)] == expected


def test_relative_dates_resolve_against_publication():
    pub = dt.date(2025, 12, 18)  # a Thursday
    assert find_dates("on Wednesday underscored", "en", pub)[0].date == dt.date(2025, 12, 17)
    assert find_dates("held a meeting Monday", "en", pub)[0].date == dt.date(2025, 12, 15)
    assert find_dates("Lundi, il a reçu", "fr", pub)[0].date == dt.date(2025, 12, 15)
    assert find_dates("yesterday", "en", pub)[0].date == dt.date(2025, 12, 17)


def test_relative_dates_stay_text_without_publication():
    (d,) = find_dates("on Wednesday underscored", "en")
    assert d.date is None and d.text == "on Wednesday" and d.relative
    (d,) = find_dates("pourrait tenir sa prochaine session l’an prochain", "fr")
    assert d.date is None and d.text == "l’an prochain"


def test_day_of_year():
    d = [x for x in find_dates("UNESCO designated Dec. 15 as", "en") if x.month_day][0]
    assert d.month_day == "--12-15" and d.date is None
    d = find_dates("le 15 décembre 2025", "fr")[0]
    assert d.date == dt.date(2025, 12, 15)


def test_horizons():
    assert find_horizon("in the medium term", "en")[:2] == ("medium term", None)
    assert find_horizon("by 2030", "en")[:2] == (None, 2030)
    assert find_horizon("à long terme", "fr")[:2] == ("long term", None)
    assert find_horizon("d'ici 2028", "fr")[:2] == (None, 2028)


@given(st.text(max_size=300), st.sampled_from(["en", "fr"]))
def test_value_finders_never_fail_on_any_text(text, lang):
    for m in find_money(text, lang):
        assert m.amount >= 0 and len(m.currency) == 3 and 0 <= m.start < m.end <= len(text)
    for d in find_dates(text, lang, dt.date(2025, 1, 1)):
        assert 0 <= d.start < d.end <= len(text)


@pytest.mark.parametrize("text,lang,expected", [
    ("La Turquie et le Sénégal visent un volume d’un milliard de dollars (596 milliards de FCFA).", "fr",
     [(Decimal("1000000000"), "USD"), (Decimal("596000000000"), "XOF")]),
    ("Last year the commodity turnover reached 6 billion US dollars.", "en", [(Decimal("6000000000"), "USD")]),
    ("Trade reached SAR22 billion ($5,864,813,240) in 2022.", "en",
     [(Decimal("22000000000"), "SAR"), (Decimal("5864813240"), "USD")]),
    ("Turnover grew to 10 bln USD, investments to 15 mln euros.", "en",
     [(Decimal("10000000000"), "USD"), (Decimal("15000000"), "EUR")]),
    # a bare amount keeps the currency of the amount just before it, never across another currency
    ("Exports of $5 billion and imports of 300 million manats and 2 billion more.", "en",
     [(Decimal("5000000000"), "USD"), (Decimal("300000000"), "AZN"), (Decimal("2000000000"), "AZN")]),
    ("I paid a dollar for it.", "en", []),
])
def test_money_as_news_writes_it(text, lang, expected):
    assert [(m.amount, m.currency) for m in find_money(text, lang)] == expected


def test_trade_targets_from_development_sentences():
    from diplograph.extract import TradeTarget

    from .conftest import of_type, read

    def targets(text, lang):
        return {(t.actor.name, t.partner.name if t.partner else t.partner_text, t.amount, t.currency)
                for t in of_type(read(text, lang), TradeTarget)}

    fr = ("La Turquie et le Sénégal ambitionnent de porter le volume de leurs échanges commerciaux à un milliard de "
          "dollars (596 milliards de FCFA) dans les années à venir.")
    assert targets(fr, "fr") == {("Türkiye", "Senegal", Decimal("1000000000"), "USD")}
    en = ("The volume of trade between Saudi Arabia and Türkiye reached SAR22 billion in 2022. The Turkish minister "
          "said that the strategic objective is to increase the volume of trade to $10 billion, in the medium term, "
          "and $30 billion in the long term, adding that Turkish companies have pledged to carry out 400 projects, "
          "valued at $28 billion, in Saudi Arabia.")
    assert targets(en, "en") == {("Türkiye", "Saudi Arabia", Decimal("10000000000"), "USD"),
                                 ("Türkiye", "Saudi Arabia", Decimal("30000000000"), "USD")}
