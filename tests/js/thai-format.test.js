// Result-list dates and counts: the same text as ICU's Thai formats, which
// the page no longer loads (too slow on a first search).
import assert from "node:assert/strict";
import { test } from "node:test";

import { groupDigits, shortThaiDate } from "../../packages/pelican-thai-search/pelican/plugins/thai_search/static/js/search/thai-format.js";

// As the build writes it (plugins/thai_news/thai_date.py MONTHS_SHORT, BE_OFFSET).
const CALENDAR = {
  months: ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."],
  eraOffset: 543,
};

test("the seed article's date", () => {
  assert.equal(shortThaiDate("2018-07-20", CALENDAR), "20 ก.ค. 2561");
});

test("every month and day agrees with Intl's Thai Buddhist calendar", () => {
  const icu = new Intl.DateTimeFormat("th-TH-u-ca-buddhist", {
    day: "numeric", month: "short", year: "numeric", timeZone: "UTC",
  });
  for (const year of [1999, 2020, 2024, 2025]) {
    for (let day = new Date(Date.UTC(year, 0, 1)); day.getUTCFullYear() === year;
      day = new Date(day.getTime() + 86400000)) {
      const iso = day.toISOString().slice(0, 10);
      assert.equal(shortThaiDate(iso, CALENDAR), icu.format(day), iso);
    }
  }
});

test("counts are grouped as th-TH groups them", () => {
  for (const n of [0, 7, 999, 1000, 12345, 62811, 100000, 1234567]) {
    assert.equal(groupDigits(n), n.toLocaleString("th-TH"), String(n));
  }
});
