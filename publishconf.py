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

# Security headers: OUTPUT_PATH/_headers (Netlify, Cloudflare Pages) with a
# strict Content-Security-Policy. The policy and headers are the defaults in
# plugins/thai_headers/thai_headers.py; override keys here. For GitHub
# Pages (no headers) set "meta_csp": True. See docs/security.md.
PLUGINS = [*PLUGINS, "thai_headers"]  # noqa: F405
THAI_HEADERS = {}
