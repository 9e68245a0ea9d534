"""thai_headers: security headers for the published site, from one dict.

Writes OUTPUT_PATH/_headers (Netlify, Cloudflare Pages) with a strict
Content-Security-Policy, Strict-Transport-Security and the other security
headers for every path, plus cache headers for the content-hashed search
files and the service worker. With THAI_HEADERS["meta_csp"] (the default:
GitHub Pages and other hosts send no headers) base.html also gets the
<meta> subset, first in <head>. publishconf.py adds this plugin; the dev
build (pelicanconf.py) has neither. The nginx equivalent and the limits of
<meta> are in docs/security.md.
"""

from __future__ import annotations

import logging
from pathlib import Path

from pelican import signals

from pelican.plugins.thai_search.contract import INDEX_DIRS
from pelican.plugins.thai_search.files import write_if_changed
from pelican.plugins.thai_search.options import Dict, Flag, Option, Text, defaults, load

from .headers import DETACH, HSTS_MIN_AGE, headers_file, hsts_problems, policy_problems, policy_text

log = logging.getLogger(__name__)

SCHEMA = {
    # Content-Security-Policy directives, in order. No inline script or style.
    "csp": Dict({
        "default-src": "'self'",
        "script-src": "'self'",
        "style-src": "'self'",
        "img-src": "'self' data:",
        "font-src": "'self'",
        "connect-src": "'self'",
        "worker-src": "'self'",
        "manifest-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }, Text("", empty=False), expected="a dict of directive -> sources"),
    # Strict-Transport-Security, sent with every response: browsers then use
    # HTTPS only, for this host and its subdomains. At least a year, with
    # includeSubDomains; "" sends none. Browsers ignore it over plain HTTP.
    "hsts": Option(f"max-age={HSTS_MIN_AGE}; includeSubDomains",
                   lambda value: isinstance(value, str) and (not value or not hsts_problems(value)),
                   expected=f"'max-age=<seconds>; includeSubDomains' with at least {HSTS_MIN_AGE} "
                            "seconds (one year), or '' for none"),
    # Sent with every response, next to the CSP and HSTS.
    "headers": Dict({
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Permissions-Policy": "accelerometer=(), camera=(), geolocation=(), gyroscope=(), "
                              "magnetometer=(), microphone=(), midi=(), payment=(), usb=(), "
                              "browsing-topics=()",
        "Cross-Origin-Opener-Policy": "same-origin",
    }, Text(""), expected="a dict of header -> value"),
    # Content-hashed search files (THAI_SEARCH["output"]): cached for a year;
    # the manifest and the service worker are revalidated every time.
    "immutable": Text("public, max-age=31536000, immutable", empty=False),
    "revalidate": Text("no-cache", empty=False),
    # More rules: {"/path/*": {"Header": "value"}}, after the ones above.
    "paths": Dict({}, expected='a dict of {"/path/*": {"Header": "value"}}'),
    # File name under OUTPUT_PATH.
    "file": Text("_headers", empty=False),
    # Also put the CSP (minus what <meta> ignores: frame-ancestors,
    # report-uri, report-to, sandbox) and the referrer policy first in every
    # page's <head>, so that hosts without headers (GitHub Pages) still
    # enforce it. Where _headers is read too, both policies apply.
    "meta_csp": Flag(True),
}
DEFAULTS = defaults(SCHEMA)


def configure(pelican) -> None:
    config = load("thai_headers", "THAI_HEADERS", SCHEMA, pelican.settings.get("THAI_HEADERS"))
    problems = policy_problems(config["csp"])
    if problems:
        raise ValueError("thai_headers: THAI_HEADERS['csp'] is not strict: " + "; ".join(problems))
    if any(name.lower() == "strict-transport-security" for name in config["headers"]):
        raise ValueError("thai_headers: THAI_HEADERS['headers'] has Strict-Transport-Security: "
                         "set it with THAI_HEADERS['hsts'] instead (checked: at least a year, "
                         "includeSubDomains)")
    pelican.settings["THAI_HEADERS"] = config
    if config["meta_csp"]:
        pelican.settings["THAI_HEADERS_META"] = {
            "csp": policy_text(config["csp"], meta=True),
            "referrer": config["headers"].get("Referrer-Policy", "")}


def rules(settings) -> list[tuple[str, dict[str, str]]]:
    """Every (path pattern, headers) rule, from THAI_HEADERS and the real paths."""
    config = settings["THAI_HEADERS"]
    every = {"Content-Security-Policy": policy_text(config["csp"])}
    if config["hsts"]:
        every["Strict-Transport-Security"] = config["hsts"]
    every.update(config["headers"])
    found = [("/*", every)]
    search = (settings.get("THAI_SEARCH") or {}).get("output")
    if search:
        for folder in INDEX_DIRS:  # the contract's: every content-hashed folder
            found.append((f"/{search}/{folder}/*", {"Cache-Control": config["immutable"]}))
        found.append((f"/{search}/manifest.json", {"Cache-Control": config["revalidate"]}))
    worker = (settings.get("THAI_OFFLINE") or {}).get("save_as")
    if worker:
        found.append((f"/{worker}", {"Cache-Control": config["revalidate"]}))
    admin = settings.get("THAI_CMS_ADMIN")  # the web editor (thai_cms): its own policy
    if admin:
        # "! Name" detaches the site's policy on Cloudflare Pages, which
        # would otherwise send both (both enforced: Decap could not run);
        # Netlify ignores the line and takes the later rule's value.
        found.append((f"/{admin['url']}*", {f"{DETACH}Content-Security-Policy": "",
                                             **admin["headers"],
                                             "Cache-Control": config["revalidate"]}))
    found.extend((pattern, dict(headers)) for pattern, headers in config["paths"].items())
    return found


def write_headers(pelican) -> None:
    settings = pelican.settings
    path = Path(settings["OUTPUT_PATH"]) / settings["THAI_HEADERS"]["file"]
    write_if_changed(path, headers_file(rules(settings)))  # a rebuild keeps its mtime
    log.info("thai_headers: wrote %s", path)


def register():
    signals.initialized.connect(configure)
    signals.finalized.connect(write_headers)
