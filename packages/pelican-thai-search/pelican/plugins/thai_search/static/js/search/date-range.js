// Date ranges, from one month to another: in the URL as Gregorian months
// (from=2023-01&to=2023-06), shown in the Buddhist era. Pure functions: the
// page reads and checks the URL with them (search-page.js), the engine
// turns a range into a span of document ids (ids are in date order, and
// the index's month table says where each month's documents are).

const MONTH = /^(\d{4})-(\d{2})$/;

/** "2023-01" → {year: 2023, month: 1}; null for anything that is no month (2023-13, 2023-1). */
export function parseMonth(text) {
  const m = MONTH.exec(String(text ?? ""));
  if (!m) return null;
  const month = Number(m[2]);
  return month >= 1 && month <= 12 ? { year: Number(m[1]), month } : null;
}

/** {year: 2023, month: 1} → "2023-01", as the URL and the month table write it. */
export function monthKey(year, month) {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}`;
}

/**
 * The range the URL's `from` and `to` give: {from, to}, each "YYYY-MM" or ""
 * (no bound), and `problems` for what is ignored: a bound that is no month
 * ({kind: "month", value}) is dropped; a `from` after the `to` drops both
 * ({kind: "order", from, to}).
 */
export function readRange(rawFrom, rawTo) {
  const problems = [];
  const bound = (raw) => {
    const value = String(raw ?? "");
    if (!value) return "";
    if (parseMonth(value)) return value;
    problems.push({ kind: "month", value });
    return "";
  };
  let from = bound(rawFrom);
  let to = bound(rawTo);
  if (from && to && from > to) {
    problems.push({ kind: "order", from, to });
    from = "";
    to = "";
  }
  return { from, to, problems };
}

/**
 * The document ids of a range: [first, last], or null when no document is
 * in it. months: the index's month table, [["2023-01", first id, last id],
 * ...] oldest first; {from, to} as readRange gives them.
 */
export function idSpan(months, { from = "", to = "" }) {
  let first = Infinity;
  let last = -Infinity;
  for (const [month, a, b] of months) {
    if ((from && month < from) || (to && month > to)) continue;
    if (a < first) first = a;
    if (b > last) last = b;
  }
  return first <= last ? [first, last] : null;
}

/** "2023-01" → "ม.ค. 2566", with calendar = manifest.calendar. */
export function monthLabel(key, { months, eraOffset }) {
  const m = parseMonth(key);
  return m ? `${months[m.month - 1]} ${m.year + eraOffset}` : key;
}

/** A range in words: "ม.ค. 2566 – มิ.ย. 2566", "ตั้งแต่ ม.ค. 2566", "ถึง …", "ทุกช่วงเวลา". */
export function rangeLabel({ from, to }, calendar) {
  if (from && to) {
    return from === to ? monthLabel(from, calendar)
      : `${monthLabel(from, calendar)} – ${monthLabel(to, calendar)}`;
  }
  if (from) return `ตั้งแต่ ${monthLabel(from, calendar)}`;
  if (to) return `ถึง ${monthLabel(to, calendar)}`;
  return "ทุกช่วงเวลา";
}

// A value from the URL is shown at most this long in a note.
const SHOWN_CHARS = 24;

function shorten(value) {
  const chars = [...value];
  return chars.length > SHOWN_CHARS ? `${chars.slice(0, SHOWN_CHARS).join("")}…` : value;
}

/**
 * The page's note for each problem, in Thai, as {before, value, after}:
 * the page shows `value` (what the URL gave, or null) isolated, as text.
 * Months are named in the Buddhist era when the calendar is known.
 */
export function problemNotes(problems, calendar = null) {
  const name = (key) => (calendar ? monthLabel(key, calendar) : key);
  return problems.map((problem) => (problem.kind === "order"
    ? { before: `ช่วงเวลาไม่ถูกต้อง: เดือนเริ่มต้น (${name(problem.from)}) อยู่หลังเดือนสิ้นสุด `
        + `(${name(problem.to)}) จึงไม่ได้กรองตามช่วงเวลา`, value: null, after: "" }
    : { before: "ไม่มีเดือน ", value: shorten(problem.value),
      after: " (ใช้ปี ค.ศ.-เดือน เช่น 2023-01) จึงไม่ได้ใช้กรองช่วงเวลา" }));
}
