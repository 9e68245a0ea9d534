import datetime as dt

import pytest

from thai_core.thai_date import (
    be_year,
    format_long,
    format_month,
    format_short,
    parse_thai_date,
)


@pytest.mark.parametrize(("day", "long", "short"), [
    (dt.date(2018, 7, 20), "วันศุกร์ที่ 20 กรกฎาคม 2561", "20 ก.ค. 2561"),
    (dt.date(2023, 12, 31), "วันอาทิตย์ที่ 31 ธันวาคม 2566", "31 ธ.ค. 2566"),
    (dt.date(2024, 1, 1), "วันจันทร์ที่ 1 มกราคม 2567", "1 ม.ค. 2567"),
    (dt.date(2024, 2, 29), "วันพฤหัสบดีที่ 29 กุมภาพันธ์ 2567", "29 ก.พ. 2567"),
])
def test_format(day, long, short):
    assert format_long(day) == long
    assert format_short(day) == short
    assert be_year(day) == day.year + 543


def test_format_month_and_datetime():
    assert format_month(dt.datetime(2025, 4, 13, 9, 30)) == "เมษายน 2568"
    assert format_long(dt.datetime(2025, 4, 13, 23, 59)) == "วันอาทิตย์ที่ 13 เมษายน 2568"


@pytest.mark.parametrize(("text", "expected"), [
    ("วันศุกร์ที่ 20 กรกฎาคม 2561", dt.date(2018, 7, 20)),
    ("วันจันทร์ที่ ๑ มกราคม ๒๕๖๗", dt.date(2024, 1, 1)),
    ("31 ธ.ค. 2566", dt.date(2023, 12, 31)),
    ("1 มกราคม พ.ศ. 2567", dt.date(2024, 1, 1)),
    ("วันอังคารที่ 31 เมษายน 2567", None),  # no such day
    ("ไม่มีวันที่", None),
])
def test_parse(text, expected):
    assert parse_thai_date(text) == expected
