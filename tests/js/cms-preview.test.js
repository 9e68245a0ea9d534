// The editor's preview (plugins/thai_cms/admin/article-view.js): the Thai
// date an article page shows (thai_core/thai_date.py format_long) and the
// URL the article will have (ARTICLE_URL, PAGE_URL).
import assert from "node:assert/strict";
import { test } from "node:test";

import { contentUrl, longThaiDate } from "../../plugins/thai_cms/admin/article-view.js";

// As the build writes it into admin/site.json (tests/test_cms_build.py
// checks site.json against thai_date.py).
const CALENDAR = {
  months: ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม",
    "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"],
  weekdays: ["จันทร์", "อังคาร", "พุธ", "พฤหัสบดี", "ศุกร์", "เสาร์", "อาทิตย์"],
  eraOffset: 543,
};

test("the date of the site's example: Buddhist era, weekday", () => {
  assert.equal(longThaiDate("2018-07-20 09:30", CALENDAR), "วันศุกร์ที่ 20 กรกฎาคม 2561");
  assert.equal(longThaiDate("2024-01-15", CALENDAR), "วันจันทร์ที่ 15 มกราคม 2567");
});

test("every day of four years agrees with ICU's Thai Buddhist calendar", () => {
  const icu = new Intl.DateTimeFormat("th-TH-u-ca-buddhist", {
    weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC",
  });
  for (const year of [1999, 2020, 2024, 2025]) {
    for (let day = new Date(Date.UTC(year, 0, 1)); day.getUTCFullYear() === year;
      day = new Date(day.getTime() + 86400000)) {
      const iso = `${day.toISOString().slice(0, 10)} 23:59`;
      // ICU writes "พ.ศ." before the year; the site does not.
      assert.equal(longThaiDate(iso, CALENDAR), icu.format(day).replace("พ.ศ. ", ""), iso);
    }
  }
});

test("no date for what is not one", () => {
  for (const value of ["", undefined, "2024-02-30 10:00", "15/01/2024", "2024-13-01"]) {
    assert.equal(longThaiDate(value, CALENDAR), "", String(value));
  }
});

test("the article's URL from ARTICLE_URL, none without a slug or a date", () => {
  const pattern = "news/{date:%Y}/{date:%m}/{slug}/";
  assert.equal(contentUrl(pattern, { date: "2024-01-15 09:30", slug: "durian" }),
    "/news/2024/01/durian/");
  assert.equal(contentUrl(pattern, { date: "", slug: "durian" }), "");
  assert.equal(contentUrl(pattern, { date: "2024-01-15 09:30", slug: "" }), "");
  assert.equal(contentUrl("{slug}/", { slug: "about" }), "/about/");
});
