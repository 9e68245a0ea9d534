"""thai_offline: a service worker for offline reading and repeat searches.

After the build, renders THEME/templates/<template> (JavaScript) into
OUTPUT_PATH/<save_as>: at the site root, so that its scope covers every
page. It precaches the theme's CSS, JS and fonts and, as the reader goes,
keeps the pages opened (network first), the theme files (stale while
revalidate). Search index requests are routed straight to the network:
the search code keeps the index files it fetched in the index cache and
reads them from there offline. base.html loads js/offline.js, an external
module, to register the worker; its tag also tells the search code the
index cache's name and limit (data-index-cache, data-index-limit).
"""

from __future__ import annotations

import logging
from pathlib import Path

import jinja2
from pelican import signals

from pelican.plugins.thai_search.files import write_if_changed
from pelican.plugins.thai_search.options import Count, List, Option, Text, load
from thai_core.plugins import order

from .offline import build_version, matching_files

log = logging.getLogger(__name__)

# The Cache Storage cache of index files: the worker reads it, the page
# writes it (the search package's static/js/search/index-cache.js).
INDEX_CACHE = "thai-news-index"

SCHEMA = {
    # Output file at the site root, and its template in THEME/templates/.
    "save_as": Option("sw.js", lambda v: isinstance(v, str) and v and "/" not in v,
                      expected="a file name at the site root (no /)"),
    "template": Text("sw.js", empty=False),
    # Precached on install, globs under OUTPUT_PATH/THEME_STATIC_DIR.
    "precache": List(["css/*.css", "js/**/*.js", "vendor/**/*"], Text("", empty=False),
                     expected="a list of globs"),
    # Most pages (and images) and index files kept; the oldest go first.
    "page_limit": Count(150, least=1),
    "index_limit": Count(600, least=1),
    # A page is taken from the cache when the network is this slow (ms).
    "network_timeout_ms": Count(4000, least=1),
}


def configure(pelican) -> None:
    config = load("thai_offline", "THAI_OFFLINE", SCHEMA, pelican.settings.get("THAI_OFFLINE"))
    order(pelican, "thai_assets", "thai_offline",
          why="the worker precaches the npm files, so they must be copied first")
    config["index_cache"] = INDEX_CACHE  # derived, for templates
    pelican.settings["THAI_OFFLINE"] = config


def write_worker(pelican) -> None:
    settings = pelican.settings
    config = settings["THAI_OFFLINE"]
    output = Path(settings["OUTPUT_PATH"])
    static_dir = settings["THEME_STATIC_DIR"].strip("/")
    templates = Path(settings["THEME"]) / "templates"
    source = (templates / config["template"]).read_text(encoding="utf-8")
    files = [f"{static_dir}/{name}" for name in
             matching_files(output / static_dir, config["precache"])]
    index_dir = (settings.get("THAI_SEARCH") or {}).get("output")  # None: no search index
    admin = (settings.get("THAI_CMS_ADMIN") or {}).get("url")  # the web editor: left alone
    values = {
        "precache": files,
        "static_dir": f"{static_dir}/",
        "index_dir": f"{index_dir.strip('/')}/" if index_dir else None,
        "bypass": [admin] if admin else [],
        "page_limit": config["page_limit"],
        "index_cache": config["index_cache"],
        "network_timeout_ms": config["network_timeout_ms"],
        "sitename": settings["SITENAME"],
    }
    values["version"] = build_version(output, files, source, repr(sorted(values.items())))
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(templates)), autoescape=False,
                             keep_trailing_newline=True)
    script = env.get_template(config["template"]).render(**values)
    write_if_changed(output / config["save_as"], script)
    log.info("thai_offline: %s version %s, %d files precached",
             config["save_as"], values["version"], len(files))


def register():
    signals.initialized.connect(configure)
    signals.finalized.connect(write_worker)
