// Dates and counts as the result list shows them, without Intl: creating a
// Thai Buddhist date formatter costs a page 15 to 30 ms in Chromium, and the
// first toLocaleString("th-TH") about 14 ms, before its first results.
// The month names and the era offset come from the manifest, which the build
// writes from thai_news/thai_date.py, so result lists and article pages
// cannot disagree.

/** "2018-07-20" → "20 ก.ค. 2561", with calendar = manifest.calendar. */
export function shortThaiDate(iso, { months, eraOffset }) {
  const [year, month, day] = iso.split("-").map(Number);
  return `${day} ${months[month - 1]} ${year + eraOffset}`;
}

/** 12345 → "12,345", as Thai locales group a count. */
export function groupDigits(count) {
  return String(count).replace(/\B(?=(\d{3})+$)/g, ",");
}
