"""HTTP security headers as text: the `_headers` file read by Netlify and
Cloudflare Pages, and the <meta> subset a host without headers can use.

Pure functions, no Pelican import. A policy is a dict of directive ->
sources; a rule is (path pattern, {header: value}) in the `_headers`
syntax: one pattern per line at column 0 (`*` matches anything), then
its headers indented by two spaces; `! Name` (DETACH) drops the header
that an earlier rule gave the same path.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

# A <meta http-equiv="Content-Security-Policy"> ignores these directives.
META_IGNORED = frozenset({"frame-ancestors", "report-uri", "report-to", "sandbox"})
# Sources that would let an injected inline script or style run.
UNSAFE_SOURCES = frozenset({"'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*",
                            "data:", "http:", "https:"})
STRICT_DIRECTIVES = ("default-src", "script-src", "style-src")
# A header name starting with this removes the header an earlier rule gave
# (Cloudflare Pages' "! Name" line; other hosts ignore a line without ":").
DETACH = "! "
# Strict-Transport-Security: at least a year, for every subdomain too.
HSTS_MIN_AGE = 31536000


def _sources(value: str | Iterable[str]) -> list[str]:
    return value.split() if isinstance(value, str) else list(value)


def policy_text(policy: Mapping[str, str | Iterable[str]], *, meta: bool = False) -> str:
    """'default-src 'self'; img-src 'self' data:' (directives in the given order)."""
    parts = []
    for directive, sources in policy.items():
        if meta and directive in META_IGNORED:
            continue
        parts.append(" ".join([directive, *_sources(sources)]))
    return "; ".join(parts)


def policy_problems(policy: Mapping[str, str | Iterable[str]]) -> list[str]:
    """Why a policy is not strict (no inline script or style), or []."""
    problems = []
    for directive in STRICT_DIRECTIVES:
        if directive not in policy:
            problems.append(f"{directive} is missing")
            continue
        weak = sorted(UNSAFE_SOURCES & set(_sources(policy[directive])))
        if weak:
            problems.append(f"{directive} allows {' '.join(weak)}")
    if "object-src" not in policy:
        problems.append("object-src is missing ('none' expected)")
    return problems


def hsts_problems(value: str) -> list[str]:
    """Why a Strict-Transport-Security value is too weak or malformed, or []."""
    directives = [d.strip() for d in value.split(";") if d.strip()]
    names = [d.partition("=")[0].strip().lower() for d in directives]
    problems = []
    ages = [d.partition("=")[2].strip().strip('"') for d in directives
            if d.partition("=")[0].strip().lower() == "max-age"]
    if len(ages) != 1 or not ages[0].isascii() or not ages[0].isdigit():
        problems.append("needs one max-age=<seconds>")
    elif int(ages[0]) < HSTS_MIN_AGE:
        problems.append(f"max-age={ages[0]} is under a year ({HSTS_MIN_AGE})")
    if "includesubdomains" not in names:
        problems.append("includeSubDomains is missing")
    unknown = sorted(set(names) - {"max-age", "includesubdomains", "preload"})
    if unknown:
        problems.append("unknown directives: " + ", ".join(unknown))
    return problems


def headers_file(rules: Iterable[tuple[str, Mapping[str, str]]]) -> str:
    """The `_headers` file for these rules (Netlify and Cloudflare Pages syntax)."""
    blocks = []
    for pattern, headers in rules:
        if not pattern.startswith("/") or any(c.isspace() for c in pattern):
            raise ValueError(f"a _headers path must start with / and have no spaces: {pattern!r}")
        lines = [pattern]
        for name, value in headers.items():
            if "\n" in value or ":" in name:
                raise ValueError(f"bad header {name!r}: {value!r}")
            if name.startswith(DETACH):
                if value:
                    raise ValueError(f"a detached header has no value: {name!r}: {value!r}")
                lines.append(f"  {name}")
            else:
                lines.append(f"  {name}: {value}")
        blocks.append("\n".join(lines))
    return "# Written by the thai_headers plugin from THAI_HEADERS (publishconf.py).\n" \
        + "\n\n".join(blocks) + "\n"
