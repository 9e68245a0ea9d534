// Date ranges on the search page (date-range.js) and its URL state
// (search-url.js): Gregorian months in the URL, Buddhist-era labels, bad
// input ignored with a note, and no parameter for what is not used.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  idSpan, monthLabel, parseMonth, problemNotes, rangeLabel, readRange,
} from "../../packages/pelican-thai-search/pelican/plugins/thai_search/static/js/search/date-range.js";
import { readSort } from "../../packages/pelican-thai-search/pelican/plugins/thai_search/static/js/search/result-order.js";
import {
  readState, stateQuery,
} from "../../packages/pelican-thai-search/pelican/plugins/thai_search/static/js/search/search-url.js";

const CALENDAR = { months: ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.",
  "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."], eraOffset: 543 };

test("a month is YYYY-MM with a month that exists", () => {
  assert.deepEqual(parseMonth("2023-01"), { year: 2023, month: 1 });
  assert.deepEqual(parseMonth("2023-12"), { year: 2023, month: 12 });
  for (const bad of ["2023-13", "2023-00", "2023-1", "23-01", "2023-01-05", "2566-1x", "", null,
    " 2023-01", "2023-01\n", "<b>2023-01</b>"]) {
    assert.equal(parseMonth(bad), null, String(bad));
  }
});

test("a range keeps its good bounds and says what it ignored", () => {
  assert.deepEqual(readRange("2023-01", "2023-06"), { from: "2023-01", to: "2023-06", problems: [] });
  assert.deepEqual(readRange("", "2023-06"), { from: "", to: "2023-06", problems: [] });
  assert.deepEqual(readRange(null, undefined), { from: "", to: "", problems: [] });
  // from after to: both ignored
  assert.deepEqual(readRange("2023-07", "2023-06"),
    { from: "", to: "", problems: [{ kind: "order", from: "2023-07", to: "2023-06" }] });
  // a month that does not exist: that bound ignored, the other kept
  assert.deepEqual(readRange("2023-13", "2023-06"),
    { from: "", to: "2023-06", problems: [{ kind: "month", value: "2023-13" }] });
  assert.equal(readRange("2023-06", "2023-06").problems.length, 0);
});

test("the notes name months in the Buddhist era and show bad values cut, as given", () => {
  const [order] = problemNotes(readRange("2023-07", "2023-06").problems, CALENDAR);
  assert.match(order.before, /ก\.ค\. 2566.*มิ\.ย\. 2566/);
  assert.equal(order.value, null);
  const long = "<script>".repeat(2000);
  const [month] = problemNotes(readRange(long, "").problems, CALENDAR);
  assert.ok(month.value.length <= 25 && month.value.startsWith("<script>"), month.value);
  assert.match(month.before + month.after, /ไม่มีเดือน/);
});

test("labels are Buddhist era; the id span of a range comes from the month table", () => {
  assert.equal(monthLabel("2023-01", CALENDAR), "ม.ค. 2566");
  assert.equal(rangeLabel({ from: "2023-01", to: "2023-06" }, CALENDAR), "ม.ค. 2566 – มิ.ย. 2566");
  assert.equal(rangeLabel({ from: "2023-01", to: "" }, CALENDAR), "ตั้งแต่ ม.ค. 2566");
  assert.equal(rangeLabel({ from: "", to: "2024-12" }, CALENDAR), "ถึง ธ.ค. 2567");
  assert.equal(rangeLabel({ from: "2023-05", to: "2023-05" }, CALENDAR), "พ.ค. 2566");
  assert.equal(rangeLabel({ from: "", to: "" }, CALENDAR), "ทุกช่วงเวลา");
  const months = [["2022-12", 0, 3], ["2023-02", 4, 9], ["2023-06", 10, 10], ["2024-01", 11, 20]];
  assert.deepEqual(idSpan(months, { from: "2023-01", to: "2023-06" }), [4, 10]);
  assert.deepEqual(idSpan(months, { from: "2023-03", to: "" }), [10, 20]);
  assert.deepEqual(idSpan(months, { from: "", to: "2022-12" }), [0, 3]);
  assert.deepEqual(idSpan(months, { from: "", to: "" }), [0, 20]);
  assert.equal(idSpan(months, { from: "2023-03", to: "2023-05" }), null); // no article then
  assert.equal(idSpan([], { from: "2023-01", to: "" }), null);
});

test("sort: relevance unless newest; anything else is ignored and named", () => {
  assert.deepEqual(readSort("newest"), { sort: "newest" });
  assert.deepEqual(readSort(""), { sort: "relevance" });
  assert.deepEqual(readSort(null), { sort: "relevance" });
  assert.deepEqual(readSort("relevance"), { sort: "relevance" });
  assert.deepEqual(readSort("oldest"), { sort: "relevance", ignored: "oldest" });
});

test("the URL holds only what is used: a plain search keeps its old URL", () => {
  const plain = { q: "ทุเรียน", category: "", year: "", sort: "", from: "", to: "", typed: "" };
  assert.equal(stateQuery(plain), `?${new URLSearchParams({ q: "ทุเรียน" })}`);
  assert.equal(stateQuery({ ...plain, q: "  " }), "");
  const all = { q: "ครม.", category: "ด้านเศรษฐกิจ", year: "2023", sort: "newest",
    from: "2023-01", to: "2023-06" };
  const query = stateQuery(all);
  assert.equal(query, `?${new URLSearchParams(all)}`);
  assert.deepEqual(readState(query), { ...all, typed: "" });
  // the search as typed, never corrected (correction-notice.js)
  assert.equal(stateQuery({ ...plain, typed: "1" }), `?${new URLSearchParams({ q: "ทุเรียน", typed: "1" })}`);
  assert.deepEqual(readState("?from=2023-01"), { ...plain, q: "", from: "2023-01" });
});
