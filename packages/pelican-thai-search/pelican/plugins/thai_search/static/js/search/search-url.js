// The search page's state in its URL (README, "Page contract"): q, and the
// optional category, year, sort, from and to, and typed (1: never corrected). A parameter at its default
// is left out, so a search that uses no filter, sort or range has the URL
// it always had. Pure functions; search-page.js drives them.

/** The parameters of the state, in the order the URL lists them. */
export const STATE_PARAMS = Object.freeze(["q", "category", "year", "sort", "from", "to", "typed"]);

/** The state a URL's query string gives: every parameter as a string ("" when absent). */
export function readState(search) {
  const params = new URLSearchParams(search);
  return Object.fromEntries(STATE_PARAMS.map((name) => [name, params.get(name) || ""]));
}

/** The query string of a state ("" or "?q=..."), leaving out what is empty. */
export function stateQuery(state) {
  const params = new URLSearchParams();
  for (const name of STATE_PARAMS) {
    const value = name === "q" ? (state.q || "").trim() : state[name];
    if (value) params.set(name, value);
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** The article page's parameter that carries the query of the result that led there. */
export const HIGHLIGHT_PARAM = "highlight";
