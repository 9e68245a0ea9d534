// Result-list dates: the manifest's calendar gives the same text as ICU's
// Thai Buddhist calendar, which the page no longer loads (too slow).
import assert from "node:assert/strict";
import { test } from "node:test";

import { shortThaiDate } from "../../theme/static/js/search/thai-date.js";

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
