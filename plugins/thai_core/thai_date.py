"""Thai calendar helpers: Buddhist-era formatting and parsing.

Pure functions, no Pelican import. The Buddhist era (พ.ศ.) is the Gregorian
year plus 543, for every day of the year (Thailand moved its new year to
1 January in 1941, so there is no April boundary for modern dates).
"""

from __future__ import annotations

import datetime as _dt
import re

# The era and the month names are the search package's, which shows result
# dates the same way (a site without this project's plugins needs them too).
from pelican.plugins.thai_search.thai_calendar import BE_OFFSET, MONTHS, MONTHS_SHORT

# Monday first, as datetime.weekday() counts.
WEEKDAYS = ("จันทร์", "อังคาร", "พุธ", "พฤหัสบดี", "ศุกร์", "เสาร์", "อาทิตย์")

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def be_year(value: _dt.date) -> int:
    """The Buddhist-era year of a date."""
    return value.year + BE_OFFSET


def format_long(value: _dt.date) -> str:
    """วันศุกร์ที่ 20 กรกฎาคม 2561"""
    return (
        f"วัน{WEEKDAYS[value.weekday()]}ที่ {value.day} "
        f"{MONTHS[value.month - 1]} {be_year(value)}"
    )


def format_short(value: _dt.date) -> str:
    """20 ก.ค. 2561"""
    return f"{value.day} {MONTHS_SHORT[value.month - 1]} {be_year(value)}"


def format_month(value: _dt.date) -> str:
    """กรกฎาคม 2561"""
    return f"{MONTHS[value.month - 1]} {be_year(value)}"


def month_name(month: int) -> str:
    return MONTHS[month - 1]


_MONTH_LOOKUP = {name: i + 1 for i, name in enumerate(MONTHS)}
_MONTH_LOOKUP.update({name: i + 1 for i, name in enumerate(MONTHS_SHORT)})
_MONTH_LOOKUP.update({name.replace(".", ""): i + 1 for i, name in enumerate(MONTHS_SHORT)})
_MONTH_ALT = "|".join(sorted((re.escape(m) for m in _MONTH_LOOKUP), key=len, reverse=True))
_DATE_RE = re.compile(
    rf"(?P<day>\d{{1,2}})\s*(?P<month>{_MONTH_ALT})\s*(?:พ\.?\s?ศ\.?\s*)?(?P<year>\d{{4}})"
)


def parse_thai_date(text: str) -> _dt.date | None:
    """Find a Thai date such as 'วันศุกร์ที่ 20 กรกฎาคม 2561' in text.

    Accepts full or abbreviated month names, Thai or Arabic digits and an
    optional 'พ.ศ.'. The year must be Buddhist era. Returns None when no
    valid date is found (including impossible days such as 31 เมษายน).
    """
    match = _DATE_RE.search(text.translate(_THAI_DIGITS))
    if not match:
        return None
    year = int(match["year"]) - BE_OFFSET
    try:
        return _dt.date(year, _MONTH_LOOKUP[match["month"]], int(match["day"]))
    except ValueError:
        return None
