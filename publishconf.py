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
