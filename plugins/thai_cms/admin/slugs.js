// Slugs of new entries, made as `invoke new` makes them: the title
// romanized (romanize.js, over PyThaiNLP's word list, which the build copies
// next to this file), unique among the names already used. The word list is
// fetched once, when a slug is first needed.

import { Trie, corpusWords } from "./newmm.js";
import { slugFor } from "./romanize.js";

export function slugMaker(site) {
  let trie = null;
  const taken = Object.fromEntries(
    Object.entries(site.takenSlugs).map(([collection, slugs]) => [collection, new Set(slugs)]));

  async function dictionary() {
    if (!trie) {
      const response = await fetch(site.words);
      if (!response.ok) throw new Error(`${site.words}: ${response.status}`);
      trie = new Trie(corpusWords(await response.text()));
    }
    return trie;
  }

  return {
    /** The slug `invoke new` would give this title in this collection. */
    async forTitle(title, collection) {
      return slugFor(String(title || ""), taken[collection] || new Set(), await dictionary());
    },
  };
}
