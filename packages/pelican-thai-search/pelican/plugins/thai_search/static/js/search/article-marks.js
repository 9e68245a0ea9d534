// The search words marked on an article: a search result links to it with
// ?highlight=<query> (search-url.js). The parameter is read and at once
// taken out of the address (history.replaceState), so the article's URL
// stays its own (reload, share, bookmark); the marking code (marks-dom.js)
// loads only for such a visit, so other visits cost this file alone.

import { HIGHLIGHT_PARAM } from "./search-url.js";

const params = new URLSearchParams(window.location.search);
const query = params.get(HIGHLIGHT_PARAM);
if (query !== null) {
  params.delete(HIGHLIGHT_PARAM);
  const rest = params.toString();
  window.history.replaceState(window.history.state, "",
    `${window.location.pathname}${rest ? `?${rest}` : ""}${window.location.hash}`);
  import("./marks-dom.js").then(({ markArticle }) => markArticle(query)).catch(() => {});
}
