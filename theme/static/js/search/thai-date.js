// Buddhist-era dates in result lists: "20 ก.ค. 2561". The month names and
// the era offset come from the manifest, which the build writes from
// thai_news/thai_date.py, so the result list and the article pages cannot
// disagree. Intl.DateTimeFormat is not used: creating a Thai Buddhist
// formatter costs a page 15 to 30 ms in Chromium, before its first result.

/** "2018-07-20" → "20 ก.ค. 2561", with calendar = manifest.calendar. */
export function shortThaiDate(iso, { months, eraOffset }) {
  const [year, month, day] = iso.split("-").map(Number);
  return `${day} ${months[month - 1]} ${year + eraOffset}`;
}
