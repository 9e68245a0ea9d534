// The admin page's code: registers the site's format, widgets and preview
// with Decap CMS, then starts it with the config the build made from the
// settings (config.json; site.json for this code). Loaded after
// decap/decap-cms.js; manual-init.js made Decap wait for this.

import { pelicanFormat } from "./pelican-format.js";
import { registerPreviews } from "./preview.js";
import { slugMaker } from "./slugs.js";
import { registerWidgets } from "./widgets.js";

async function fetchJson(url) {
  const response = await fetch(url, { cache: "no-cache" });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.json();
}

/**
 * Before a new entry is first saved: an empty Slug made from the title (as
 * `invoke new` makes it), and the year of its Date for the file's folder
 * (news/<year>/). A saved entry keeps its file and its Slug.
 */
function prepareNewEntry(site, slugs) {
  return async ({ entry }) => {
    let data = entry.get("data");
    if (!entry.get("newRecord")) return data;
    if (!String(data.get("slug") || "").trim()) {
      data = data.set("slug", await slugs.forTitle(data.get("title"), entry.get("collection")));
    }
    const year = /^(\d{4})-/.exec(String(data.get("date") || ""));
    return year ? data.set(site.pathYear, year[1]) : data;
  };
}

const CMS = window.CMS;
const [config, site] = await Promise.all([fetchJson("config.json"), fetchJson("site.json")]);
const slugs = slugMaker(site);
CMS.registerCustomFormat(site.format, "md", pelicanFormat(site.fields));
registerWidgets(CMS, slugs);
registerPreviews(CMS, site, slugs);
CMS.registerEventListener({ name: "preSave", handler: prepareNewEntry(site, slugs) });
CMS.init({ config: { ...config, load_config_file: false } });
