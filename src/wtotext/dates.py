"""Dates as the genre writes them, turned into ISO 8601 partial dates.

>>> iso_day_month_year("31", "March", "1999")
'1999-03-31'
>>> first_date("Decision adopted on December 7, 2016")
'2016-12-07'
>>> add_period("2015-12-19", 5, "years")
'2020-12-19'
"""

from __future__ import annotations

import calendar
import re

from wtotext.lexicon import MONTH_ABBREVIATIONS, MONTHS

_MONTH_NUMBER = {name.casefold(): i for i, name in enumerate(MONTHS, start=1)}
_MONTH_NUMBER |= {short.casefold(): _MONTH_NUMBER[full] for short in MONTH_ABBREVIATIONS
                  for full in _MONTH_NUMBER if full.startswith(short.casefold())}  # fmt: skip
_WORD_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "eighteen": 18,
    "twenty": 20,
    "thirty": 30,
}
_MONTH = "(" + "|".join(MONTHS) + "|" + "|".join(MONTH_ABBREVIATIONS) + r")\.?"
_DATE = re.compile(
    r"\b(\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+((?:19|20)\d\d)\b"  # 7 December 2016, 1st July 2031
    r"|\b" + _MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b"  # December 7, 2016
    r"|\b" + _MONTH + r"\s+((?:19|20)\d\d)\b"
    r"|\b((?:19|20)\d\d)\b",
    re.IGNORECASE,
)


_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4}
# "the end of the first quarter of 2026", "the end of the second half of 2027"
_END_OF_PART = re.compile(r"(?:the\s+)?end\s+of\s+the\s+(\w+)\s+(quarter|half)\b", re.IGNORECASE)
# "this 5th day of March 2026"
_DAY_OF = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+day\s+of\s+", re.IGNORECASE)


def month_number(name: str) -> int:
    return _MONTH_NUMBER[name.casefold()]


def iso_day_month_year(day: str, month: str, year: str) -> str:
    return f"{int(year):04d}-{month_number(month):02d}-{int(day):02d}"


def iso_month_year(month: str, year: str) -> str:
    return f"{int(year):04d}-{month_number(month):02d}"


def quantity(word: str) -> int:
    return int(word) if word.isdigit() else _WORD_NUMBERS[word.casefold()]


def add_period(iso: str, amount: int, unit: str) -> str:
    """``iso`` (a full date) plus a number of years, months, weeks or days."""
    import datetime

    year, month, day = (int(x) for x in iso.split("-"))
    unit = unit.casefold().rstrip("s")
    if unit in ("week", "day"):
        delta = datetime.timedelta(days=amount * (7 if unit == "week" else 1))
        return (datetime.date(year, month, day) + delta).isoformat()
    months = amount * 12 if unit == "year" else amount
    total = year * 12 + (month - 1) + months
    year, month = divmod(total, 12)
    month += 1
    day = min(day, calendar.monthrange(year, month)[1])
    return f"{year:04d}-{month:02d}-{day:02d}"


def read(kind: str, text: str) -> tuple[str, ...]:
    """The ISO dates a date terminal of clause.lark denotes (relative ones: none yet).

    >>> read("DATE_MONTHS", "July and December 2012")
    ('2012-07', '2012-12')
    >>> read("DATE_PERIOD", "the end of 2018")
    ('2018-12-31',)
    >>> read("DATE_DAY", "July 1st, 2031")
    ('2031-07-01',)
    >>> read("DATE_DAY", "Sept. 30, 2026"), read("DATE_PERIOD", "end-2025")
    (('2026-09-30',), ('2025-12-31',))
    >>> read("DATE_PERIOD", "the end of the first quarter of 2026"), read("DATE_PERIOD", "the first quarter of 2026")
    (('2026-03-31',), ('2026',))
    >>> read("DATE_PERIOD", "the end of June 2029"), read("DATE_PERIOD", "end of Feb. 2028")
    (('2029-06-30',), ('2028-02-29',))
    """
    if kind == "DATE_DAY":  # "31 March, 1999", "1st July 2031", "July 1, 2031"
        words = re.findall(r"\w+", text)
        month = next(w for w in words if w.casefold() in _MONTH_NUMBER)
        day = next(w.rstrip("stndrh") for w in words[:-1] if w[0].isdigit())  # "1st" -> "1"
        return (iso_day_month_year(day, month, words[-1]),)
    if kind == "DATE_MONTHS":
        words = re.findall(r"\w+", text)
        return tuple(iso_month_year(m, words[-1]) for m in words[:-1] if m.casefold() in _MONTH_NUMBER)
    if kind == "DATE_PERIOD":  # "the end of 2018", "end-2025", "the first quarter of 2031", "mid-2032"
        year = text[-4:]
        month = next((w for w in re.findall(r"[A-Za-z]+", text) if w.casefold() in _MONTH_NUMBER), None)
        if month is not None:  # "the end of June 2029": the month's last day
            number = month_number(month)
            return (f"{year}-{number:02d}-{calendar.monthrange(int(year), number)[1]:02d}",)
        part = _END_OF_PART.match(text)
        if part is not None:  # "the end of the first quarter of 2026": the part's last day
            count = _ORDINALS[part.group(1).casefold()] if part.group(1).casefold() != "last" else None
            month = (count or 4) * 3 if part.group(2).casefold() == "quarter" else (count or 2) * 6
            return (f"{year}-{month:02d}-{calendar.monthrange(int(year), month)[1]:02d}",)
        return (f"{year}-12-31" if re.match(r"(?:the\s+)?end\b", text) else year,)
    return ()


def first_date(text: str) -> str | None:
    """The first date written in ``text``, as precisely as it is written.

    >>> first_date("Done at Geneva, this 5th day of March 2026")
    '2026-03-05'
    """
    if "day of" in text:  # "this 5th day of March 2026"
        text = _DAY_OF.sub(r"\1 ", text)
    match = _DATE.search(text)
    if match is None:
        return None
    if match.group(1):
        return iso_day_month_year(match.group(1), match.group(2), match.group(3))
    if match.group(4):
        return iso_day_month_year(match.group(5), match.group(4), match.group(6))
    if match.group(7):
        return iso_month_year(match.group(7), match.group(8))
    return match.group(9)
