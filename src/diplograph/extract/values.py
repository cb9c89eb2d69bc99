"""Money amounts, dates and horizons, as written in English and French news, normalised.

`find_money` and `find_dates` return spans so that the rule engine can treat a
value like a mention; `resolve_date` turns relative dates into calendar dates
when the publication date is known.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from dateutil.relativedelta import relativedelta

# ---------------------------------------------------------------- money

#: ISO 4217 codes news writes before or after an amount ("SAR22 billion", "15 mln USD")
_CODES = ("USD EUR GBP CHF CNY TRY RUB JPY AZN KZT UZS SAR AED QAR KWD BHD OMR INR PKR BDT BRL ZAR NGN KES EGP MAD "
          "XOF XAF GHS ETB IDR MYR KRW SGD AUD CAD NZD MXN ARS UAH PLN HUF CZK SEK NOK DKK RSD GEL AMD BYN KGS TJS "
          "TMT MNT IRR IQD ILS JOD TND DZD THB VND PHP HKD TWD").split()
_SYMBOLS = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₺": "TRY", "₽": "RUB", "₹": "INR",
            "FCFA": "XOF", "F CFA": "XOF", **{c: c for c in _CODES}}
_CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "us dollars": "USD", "u.s. dollars": "USD", "dollars américains": "USD",
    "euro": "EUR", "euros": "EUR", "pound": "GBP", "pounds": "GBP", "livres sterling": "GBP", "livres": "GBP",
    "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "rouble": "RUB", "roubles": "RUB", "ruble": "RUB",
    "rubles": "RUB", "lira": "TRY", "liras": "TRY", "livres turques": "TRY", "rupees": "INR", "roupies": "INR",
    "manat": "AZN", "manats": "AZN", "tenge": "KZT", "francs suisses": "CHF", "swiss francs": "CHF",
    "francs cfa": "XOF", "franc cfa": "XOF", "fcfa": "XOF", "f cfa": "XOF", "cfa francs": "XOF", "riyals": "SAR",
    "saudi riyals": "SAR", "dirhams": "AED", "yuans": "CNY", "rupee": "INR", "naira": "NGN", "rand": "ZAR",
    "shillings": "KES", "dollars us": "USD",
}
_SCALE = {
    "en": {"thousand": 10**3, "million": 10**6, "millions": 10**6, "m": 10**6, "mn": 10**6, "mln": 10**6,
           "bln": 10**9, "billion": 10**9,
           "billions": 10**9, "bn": 10**9, "b": 10**9, "trillion": 10**12, "trillions": 10**12, "tn": 10**12},
    "fr": {"mille": 10**3, "million": 10**6, "millions": 10**6, "M": 10**6, "mln": 10**6, "milliard": 10**9,
           "milliards": 10**9, "Mds": 10**9, "Md": 10**9, "mds": 10**9, "md": 10**9, "billion": 10**12,
           "billions": 10**12},
}

_NUM = r"\d{1,3}(?:[ ,.\u202f\u00a0]\d{3})*(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
_SYM = r"US\$|\$|€|£|¥|₺|₽|₹|F ?CFA|" + "|".join(_CODES)
_ONE = {"one", "a", "an", "un", "une"}
_CUR_WORDS = "|".join(sorted((re.escape(w) for w in _CURRENCY_WORDS), key=len, reverse=True))


def _scale_re(lang: str) -> str:
    return "|".join(sorted((re.escape(w) for w in _SCALE[lang]), key=len, reverse=True))


def _num_re(lang: str) -> str:
    """A number in figures, or "one"/"un" before a scale word ("un milliard de dollars", "a billion dollars")."""
    return rf"{_NUM}|(?<!\w)(?:one|a|an|un|une)(?= (?:{_scale_re(lang)})\b)"


_MONEY = {
    lang: re.compile(
        rf"(?:(?P<sym1>{_SYM})\s?(?P<n1>{_NUM})(?:\s?(?P<sc1>{_scale_re(lang)})\b)?"
        rf"|(?P<n2>{_num_re(lang)})\s?(?:(?P<sc2>{_scale_re(lang)})\b\s?)?(?:(?:de |d['’]|of )?(?P<w2>(?i:{_CUR_WORDS}))\b"
        rf"|(?P<sym2>{_SYM})\b))"
    )
    for lang in ("en", "fr")
}
_ANY_CURRENCY = re.compile(rf"(?:{_SYM})|\b(?i:{_CUR_WORDS})\b")
# "to $60 billion ... and to $100 billion": a bare "100 milliards" after a money amount keeps its currency
_BARE = {lang: re.compile(rf"(?P<n>{_NUM})\s?(?P<sc>{_scale_re(lang)})\b") for lang in ("en", "fr")}


_MAYBE_MONEY = re.compile(r"\d|illion|illiard|\b(?:bn|mn|mln|bln|tn)\b", re.I)


@dataclass(frozen=True)
class Money:
    start: int
    end: int
    amount: Decimal
    currency: str
    text: str


def _number(text: str, lang: str) -> Decimal | None:
    if text.lower() in _ONE:
        return Decimal(1)
    t = text.replace("\u202f", " ").replace("\u00a0", " ")
    if lang == "fr":
        # French: space or dot groups thousands, comma is the decimal mark
        t = t.replace(" ", "")
        if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", t):
            t = t.replace(".", "")
        t = t.replace(",", ".")
    else:
        t = t.replace(" ", "").replace(",", "")
    try:
        return Decimal(t)
    except InvalidOperation:
        return None


def find_money(text: str, lang: str) -> list[Money]:
    """Amounts of money in a sentence: "$60 billion", "60 milliards de dollars", "€1.5bn".

    >>> [(m.amount, m.currency) for m in find_money("to $60 billion in the medium term", "en")]
    [(Decimal('60000000000'), 'USD')]
    """
    out: list[Money] = []
    if not _MAYBE_MONEY.search(text):
        return out  # no figure and no scale word: no amount (most sentences)
    last_currency = None
    taken: list[tuple[int, int]] = []
    for m in _MONEY[lang].finditer(text):
        num = m.group("n1") or m.group("n2")
        scale = m.group("sc1") or m.group("sc2")
        cur = _SYMBOLS.get(m.group("sym1") or m.group("sym2") or "") or _CURRENCY_WORDS.get(
            (m.group("w2") or "").lower(), "")
        value = _number(num, lang)
        if value is None or not cur:
            continue
        if scale:
            value *= _SCALE[lang].get(scale, _SCALE[lang].get(scale.lower(), 1))
        out.append(Money(m.start(), m.end(), value.normalize() if value == value.to_integral() else value, cur,
                         m.group(0)))
        taken.append((m.start(), m.end()))
        last_currency = cur
    if last_currency:
        found = list(out)
        for m in _BARE[lang].finditer(text):
            if any(s <= m.start() < e for s, e in taken):
                continue
            # the currency of the amount just before, unless another currency is named in between
            before = [x for x in found if x.end <= m.start()]
            if not before or _ANY_CURRENCY.search(text[before[-1].end:m.start()]):
                continue
            value = _number(m.group("n"), lang)
            if value is None:
                continue
            value *= _SCALE[lang].get(m.group("sc"), _SCALE[lang].get(m.group("sc").lower(), 1))
            out.append(Money(m.start(), m.end(), value, before[-1].currency, m.group(0)))
    out.sort(key=lambda x: x.start)
    return [Money(x.start, x.end, Decimal(int(x.amount)) if x.amount == int(x.amount) else x.amount,
                  x.currency, x.text) for x in out]


# ---------------------------------------------------------------- horizons

_HORIZON = {
    "en": re.compile(r"\b(?:in|over) the (?P<term>short|medium|long|near)[- ]term\b|\b(?:by|until|before) "
                     r"(?:the end of )?(?P<year>(?:19|20)\d{2})\b"),
    "fr": re.compile(r"\bà (?P<term>court|moyen|long) terme\b|\b(?:d['’]ici (?:à )?(?:la fin de |fin )?|à "
                     r"l['’]horizon |en )(?P<year>(?:19|20)\d{2})\b"),
}
_TERM = {"short": "short term", "near": "short term", "medium": "medium term", "long": "long term",
         "court": "short term", "moyen": "medium term"}


def find_horizon(text: str, lang: str) -> tuple[str | None, int | None, int]:
    """The first horizon in a piece of text: ("medium term", None, offset) or (None, 2030, offset)."""
    m = _HORIZON[lang].search(text)
    if not m:
        return None, None, -1
    if m.group("term"):
        return _TERM.get(m.group("term"), "long term"), None, m.start()
    return None, int(m.group("year")), m.start()


# ---------------------------------------------------------------- dates

_MONTHS = {
    "en": {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
    | {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m} | {"sept": 9},
    "fr": {m: i for i, m in enumerate(["", "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                                       "septembre", "octobre", "novembre", "décembre"]) if m}
    | {"fevrier": 2, "aout": 8, "decembre": 12, "janv": 1, "févr": 2, "avr": 4, "juil": 7, "sept": 9, "oct": 10,
       "nov": 11, "déc": 12},
}
_WEEKDAYS = {
    "en": {d.lower(): i for i, d in enumerate(calendar.day_name)},
    "fr": {d: i for i, d in enumerate(["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"])},
}


def _alt(words) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


_DATE = {
    "en": re.compile(
        rf"\b(?:(?:on|last|this|next) )?(?P<wd>{_alt(w.capitalize() for w in _WEEKDAYS['en'])})\b"
        rf"|\b(?:on )?(?P<mon>{_alt(m.capitalize() for m in _MONTHS['en'])})\.? (?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,? (?P<year>\d{{4}}))?"
        rf"|\b(?:on )?(?P<day2>\d{{1,2}}) (?P<mon2>{_alt(m.capitalize() for m in _MONTHS['en'])})\.?(?: (?P<year2>\d{{4}}))?"
        r"|\b(?P<rel>(?i:earlier this (?:month|week|year)|later this (?:month|week|year)|last (?:week|month|year)"
        r"|next (?:week|month|year)|this (?:week|month|year)|yesterday|today|tomorrow|in the coming (?:days|weeks|months)))\b"
    ),
    "fr": re.compile(
        rf"\b(?P<wd>{_alt(_WEEKDAYS['fr'])})(?: dernier| prochain)?\b"
        rf"|\b(?:le |du |au )?(?P<day2>\d{{1,2}}|1er) (?P<mon2>{_alt(_MONTHS['fr'])})\.?(?: (?P<year2>\d{{4}}))?"
        r"|(?P<rel>\bl['’]an (?:prochain|dernier|passé)|\bl['’]année (?:prochaine|dernière|passée)"
        r"|\bplus tôt (?:ce mois-ci|cette semaine|cette année|dans le mois)|\bdébut (?:du mois|de mois)"
        r"|\bla semaine (?:dernière|prochaine|passée)|\ble mois (?:dernier|prochain)|\bhier\b|\baujourd['’]hui"
        r"|\bdemain\b|\bcette année|\bce mois-ci|\bdans les prochains (?:jours|mois))",
        re.IGNORECASE,
    ),
}


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    date: dt.date | None  # a calendar day, when it can be known
    month_day: str | None  # --MM-DD for a day without a year
    relative: bool


def _weekday_before(published: dt.date, weekday: int) -> dt.date:
    delta = (published.weekday() - weekday) % 7
    return published - dt.timedelta(days=delta)


def _weekday_after(published: dt.date, weekday: int) -> dt.date:
    delta = (weekday - published.weekday()) % 7
    return published + dt.timedelta(days=delta)


#: a sentence that tells what is to come: its weekdays and its days without a year lie ahead
_FUTURE = {
    "en": re.compile(r"\b(?:will|shall|is to|are to|is set to|are set to|is due to|are due to|is expected to|"
                     r"are expected to|is scheduled to|are scheduled to|next|upcoming|forthcoming)\b", re.I),
    "fr": re.compile(r"\b(?:[a-zéèêàâîôûç]\w{2,}(?:eront|era|iront|ira|ront|ra)|[Pp]rochaine?s?|doit|doivent|"
                     r"devrait|devraient|va|vont)\b"),
}
_BACK = re.compile(r"\b(?:last|dernier|passé)\b", re.I)
_AHEAD = re.compile(r"\b(?:next|prochain)\b", re.I)


def is_future(sentence: str, lang: str) -> bool:
    """The sentence tells what is to come ("will meet on Monday", "se rendra lundi").

    >>> is_future("The two leaders will meet on Monday.", "en"), is_future("Ils se rendront à Dakar.", "fr")
    (True, True)
    >>> is_future("They met on Monday.", "en")
    False
    """
    rx = _FUTURE.get(lang)
    return bool(rx and rx.search(sentence))


def _nearest_year(published: dt.date, month: int, day: int, future: bool) -> dt.date | None:
    """A day without a year, placed nearest the publication date on the side the tense says: the last such
    day on or before it (a day after it by one is a time zone), or the first on or after it for what is to come."""
    days = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            days.append(dt.date(year, month, day))
        except ValueError:
            continue
    if future:
        ahead = [d for d in days if d >= published - dt.timedelta(days=1)]
        return min(ahead) if ahead else None
    behind = [d for d in days if d <= published + dt.timedelta(days=1)]
    return max(behind) if behind else None


def find_dates(text: str, lang: str, published: dt.date | None = None, future: bool | None = None) -> list[DateMention]:
    """Dates in a sentence, resolved against the publication date where one is known, forward when the
    sentence tells what is to come (`future`; by default read from the sentence itself).

    >>> find_dates("on Wednesday underscored", "en", dt.date(2025, 12, 18))[0].date
    datetime.date(2025, 12, 17)
    >>> find_dates("will travel on Wednesday", "en", dt.date(2025, 12, 18))[0].date
    datetime.date(2025, 12, 24)
    >>> find_dates("the summit on Dec. 28", "en", dt.date(2026, 1, 5))[0].date
    datetime.date(2025, 12, 28)
    >>> find_dates("le sommet se tiendra le 3 janvier", "fr", dt.date(2025, 12, 18))[0].date
    datetime.date(2026, 1, 3)
    """
    if future is None:
        future = is_future(text, lang)
    out = []
    for m in _DATE[lang].finditer(text):
        raw = m.group(0)
        date = None
        month_day = None
        relative = False
        if m.group("wd"):
            relative = True
            if published:
                wd = _WEEKDAYS[lang][m.group("wd").lower()]
                ahead = bool(_AHEAD.search(raw)) or (future and not _BACK.search(raw))
                date = _weekday_after(published, wd) if ahead else _weekday_before(published, wd)
        elif m.groupdict().get("mon") or m.group("mon2"):
            mon_word = (m.groupdict().get("mon") or m.group("mon2")).lower().rstrip(".")
            month = _MONTHS[lang].get(mon_word)
            day_s = m.groupdict().get("day") or m.group("day2")
            day = 1 if day_s == "1er" else int(day_s)
            year_s = m.groupdict().get("year") or m.group("year2")
            if not month or not 1 <= day <= 31:
                continue
            month_day = f"--{month:02d}-{day:02d}"
            if year_s:
                try:
                    date = dt.date(int(year_s), month, day)
                except ValueError:
                    date = None
            elif published:
                date = _nearest_year(published, month, day, future)
        else:
            relative = True
            rel = m.group("rel").lower()
            if published and rel in ("yesterday", "hier"):
                date = published - dt.timedelta(days=1)
            elif published and rel in ("today", "aujourd'hui", "aujourd’hui"):
                date = published
            elif published and rel in ("tomorrow", "demain"):
                date = published + relativedelta(days=1)
        out.append(DateMention(m.start(), m.end(), raw, date, month_day, relative))
    return out
