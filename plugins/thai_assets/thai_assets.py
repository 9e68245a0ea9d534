"""thai_assets: copies the pinned npm files the theme uses (fonts, other
browser libraries) from node_modules into the output, so that the site
self-hosts them: no CDN, no trackers.

    THAI_ASSETS = {"node_modules": "node_modules",
                   "files": {"theme/vendor/x.woff2": "@fontsource/x/files/x.woff2"}}
"""

from __future__ import annotations

import shutil
from pathlib import Path

from pelican import signals

from pelican.plugins.thai_search.options import Dict, Text, load

SCHEMA = {
    # Where npm installed the packages (absolute, or relative to the cwd).
    "node_modules": Text("node_modules", empty=False),
    # Output path (under OUTPUT_PATH) -> path under node_modules.
    "files": Dict({}, Text("", empty=False), expected="a dict of output path -> npm path"),
}


def configure(pelican) -> None:
    pelican.settings["THAI_ASSETS"] = load("thai_assets", "THAI_ASSETS", SCHEMA,
                                           pelican.settings.get("THAI_ASSETS"))


def copy_assets(pelican) -> None:
    """Copy each file whose size differs (npm files are pinned: same size, same file)."""
    config = pelican.settings["THAI_ASSETS"]
    node_modules = Path(config["node_modules"])
    output = Path(pelican.settings["OUTPUT_PATH"])
    missing = []
    for target, source in config["files"].items():
        src = node_modules / source
        if not src.is_file():
            missing.append(str(src))
            continue
        dest = output / target
        if dest.is_file() and dest.stat().st_size == src.stat().st_size:
            continue
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dest)
    if missing:
        raise FileNotFoundError(
            "thai_assets: npm assets missing (run 'npm ci' or 'make build'): " + ", ".join(missing)
        )


def register():
    signals.initialized.connect(configure)
    signals.finalized.connect(copy_assets)
