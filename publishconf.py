"""Production overrides only; everything else comes from pelicanconf.py."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

SITEURL = os.environ.get("SITEURL", "https://news.example.go.th")
RELATIVE_URLS = False
FEED_DOMAIN = SITEURL
DELETE_OUTPUT_DIRECTORY = True
LOAD_CONTENT_CACHE = False

# Security headers, from plugins/thai_headers/thai_headers.py (defaults;
# override keys here). Every page carries the Content-Security-Policy as a
# <meta http-equiv> first in its <head> ("meta_csp"), so it reaches readers
# on GitHub Pages, which sends no headers of its own; OUTPUT_PATH/_headers
# (Netlify, Cloudflare Pages) has the full policy with frame-ancestors,
# Strict-Transport-Security ("hsts") and the other headers. The dev build
# (pelicanconf.py) has neither. Per host: docs/security.md.
PLUGINS = [*PLUGINS, "thai_headers"]  # noqa: F405
THAI_HEADERS = {}
# The published editor saves through GitHub only: no local decap-server.
THAI_CMS = {**THAI_CMS, "local_backend": ""}  # noqa: F405
