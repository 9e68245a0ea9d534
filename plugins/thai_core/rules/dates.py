"""Date rules: parseable (as Pelican parses it), Gregorian, not in the future."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from pelican.utils import get_date

from ..problems import ERROR, Problem
from ..thai_date import BE_OFFSET, parse_thai_date

BE_THRESHOLD = 2400  # a 'Gregorian' year this large is a Buddhist-era year
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
EXAMPLE = "เขียนเป็นปี ค.ศ. แบบ YYYY-MM-DD เช่น 'Date: 2024-01-15' หรือ 'Date: 2024-01-15 09:30'"


@lru_cache(maxsize=8192)
def parse_date(value: str) -> dt.datetime:
    """The datetime Pelican reads from a Date value; ValueError if none.
    (Cached: an archive repeats the same dates thousands of times.)"""
    try:
        parsed = get_date(value.replace("_", " "))
        parsed.utcoffset()  # an offset of a day or more (+99:00) fails only here
        return parsed
    except (ValueError, OverflowError) as error:
        raise ValueError(str(error)) from None


def gregorian_value(value: str) -> str | None:
    """`2567-01-15 09:30` -> `2024-01-15 09:30`: the first Buddhist-era year
    converted; None when there is none."""
    match = _YEAR.search(value)
    if not match or int(match[1]) < BE_THRESHOLD:
        return None
    return value[:match.start()] + str(int(match[1]) - BE_OFFSET) + value[match.end():]


def date_problems(path: str, field, now: dt.datetime, margin_hours: int,
                  label: str = "Date") -> list[Problem]:
    """Problems of one date field (Date or Modified); `now` is timezone-aware."""
    value = field.value
    try:
        parsed = parse_date(value)
    except ValueError:
        thai = parse_thai_date(value)
        hint = (f"ใช้ 'Date: {thai.isoformat()}'" if thai else EXAMPLE)
        return [Problem(path, field.line, label,
                        f"อ่านวันที่ '{value}' ไม่ได้ (not a valid date)", hint, "date-invalid")]
    if parsed.year >= BE_THRESHOLD:
        fixed = gregorian_value(value) or f"{parsed.year - BE_OFFSET}-..."
        return [Problem(path, field.line, label,
                        f"ปี {parsed.year} เป็นปี พ.ศ. (Buddhist-era year written as Gregorian)",
                        f"ใช้ปี ค.ศ. เช่น '{fixed}'", "date-buddhist-year", ERROR, fixable=True)]
    when = parsed if parsed.tzinfo else parsed.replace(tzinfo=now.tzinfo)
    if when > now + dt.timedelta(hours=margin_hours):
        return [Problem(path, field.line, label,
                        f"วันที่ {value} อยู่ในอนาคต (date is in the future, "
                        f"more than {margin_hours} h from now)",
                        "ใส่วันเวลาที่เผยแพร่จริง ตรวจปี เดือน และวันอีกครั้ง", "date-future")]
    return []
