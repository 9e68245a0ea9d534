"""What a page did in Chromium: requests, console errors, uncaught
exceptions and Content-Security-Policy violations."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

# Runs before any page script (Playwright init scripts are not subject to CSP).
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  const where = `${e.sourceFile}:${e.lineNumber}`;
  window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${where}`);
});
"""


@dataclass
class Watch:
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # console errors and page errors
    # (url, status) of every response >= 400 but a page's own (a 404 page).
    bad_responses: list[tuple[str, int]] = field(default_factory=list)

    def off_origin(self, base_url: str) -> list[str]:
        """Requests that left the site's origin (data: and blob: stay local)."""
        origin = urlsplit(base_url)
        out = []
        for url in self.requests:
            parts = urlsplit(url)
            if parts.scheme in ("data", "blob"):
                continue
            if (parts.scheme, parts.netloc) != (origin.scheme, origin.netloc):
                out.append(url)
        return out


def _console(found: Watch, message) -> None:
    # A failed load is also a response, checked in bad_responses.
    if message.type == "error" and not message.text.startswith("Failed to load resource"):
        found.errors.append(f"console: {message.text}")


def _response(found: Watch, response) -> None:
    if response.status >= 400 and response.request.resource_type != "document":
        found.bad_responses.append((response.url, response.status))


def watch(page) -> Watch:
    found = Watch()
    page.on("request", lambda r: found.requests.append(r.url))
    page.on("response", lambda r: _response(found, r))
    page.on("console", lambda m: _console(found, m))
    page.on("pageerror", lambda e: found.errors.append(f"pageerror: {e}"))
    page.on("requestfailed", lambda r: _failed(found, r))
    return found


def _failed(found: Watch, request) -> None:
    # Chromium fetches the favicon again on each history entry (pushState)
    # and cancels that fetch when the next one comes: not a site error.
    if request.url.endswith("/favicon.svg") and request.failure == "net::ERR_ABORTED":
        return
    found.errors.append(f"failed: {request.url} {request.failure}")


def csp_violations(page) -> list[str]:
    return page.evaluate("window.__cspViolations || []")


def wait_until(page, expression: str, timeout: float = 15.0):
    """Poll a JS expression until it is truthy. (page.wait_for_function polls
    with eval(), which a strict Content-Security-Policy refuses.)"""
    deadline = time.monotonic() + timeout
    while True:
        value = page.evaluate(expression)
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"still false after {timeout} s: {expression}")
        time.sleep(0.05)


def wait_for_results(page):
    """The search page contract: aria-busy false once results or a message are shown."""
    wait_until(page, "document.getElementById('search-results')?.getAttribute('aria-busy')"
                     " === 'false'")
    return page.eval_on_selector_all(
        "#search-results li.result", "items => items.map(li => li.querySelector('a').href)")
