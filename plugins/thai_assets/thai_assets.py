"""thai_assets: copies the pinned npm files the theme uses (fonts, other
browser libraries) from node_modules into the output, so that the site
self-hosts them: no CDN, no trackers.

    THAI_ASSETS = {"node_modules": "node_modules",
                   "files": {"theme/vendor/x.woff2": "@fontsource/x/files/x.woff2"}}
"""

from __future__ import annotations

import logging
from pathlib import Path

from pelican import signals

from pelican.plugins.thai_search.options import Dict, Text, load
from thai_core.copies import Digests, copy_if_changed

log = logging.getLogger(__name__)

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
    """Copy each file whose bytes differ from the output's (by SHA-256: an
    upgrade may keep a file's size, and npm gives every file the same mtime).
    A few small files: hashed on every build, no memo to go stale."""
    config = pelican.settings["THAI_ASSETS"]
    node_modules = Path(config["node_modules"])
    output = Path(pelican.settings["OUTPUT_PATH"])
    digests = Digests(None, "thai_assets")
    missing, copied = [], 0
    for target, source in config["files"].items():
        src = node_modules / source
        if not src.is_file():
            missing.append(str(src))
            continue
        copied += copy_if_changed(src, output / target, digests)
    log.info("thai_assets: %d npm files, %d copied", len(config["files"]), copied)
    if missing:
        raise FileNotFoundError(
            "thai_assets: npm assets missing (run 'npm ci' or 'make build'): " + ", ".join(missing)
        )


def register():
    signals.initialized.connect(configure)
    signals.finalized.connect(copy_assets)
