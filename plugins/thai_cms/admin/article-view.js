// What the preview shows as the site shows it, pure: the Thai date of an
// article (thai_core/thai_date.py format_long: วันศุกร์ที่ 20 กรกฎาคม 2561,
// Buddhist era) and its URL (ARTICLE_URL). The month and weekday names and
// the era come from site.json, which the build writes from thai_date.py.

const DATE = /^(\d{4})-(\d{2})-(\d{2})/;

/** "2018-07-20 09:30" -> "วันศุกร์ที่ 20 กรกฎาคม 2561"; "" when not a date. */
export function longThaiDate(value, { months, weekdays, eraOffset }) {
  const m = DATE.exec(String(value || ""));
  if (!m) return "";
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return "";
  const weekday = weekdays[(date.getUTCDay() + 6) % 7]; // Monday first, as Python counts
  return `วัน${weekday}ที่ ${day} ${months[month - 1]} ${year + eraOffset}`;
}

/**
 * The URL of an article or page from its URL pattern (Pelican's ARTICLE_URL,
 * e.g. "news/{date:%Y}/{date:%m}/{slug}/"): "" when a part is missing.
 */
export function contentUrl(pattern, { date, slug }) {
  const m = DATE.exec(String(date || ""));
  let missing = !slug;
  const url = pattern.replace(/\{(slug|date:%([Ymd]))\}/g, (_, name, part) => {
    if (name === "slug") return slug;
    if (!m) {
      missing = true;
      return "";
    }
    return { Y: m[1], m: m[2], d: m[3] }[part];
  });
  return missing ? "" : `/${url}`;
}
