"""A small static server for built sites that behaves like Netlify or
Cloudflare Pages: it sends the headers of the site's own `_headers` file
(parsed here independently of the plugin that writes it) and answers a
missing path with 404.html and status 404."""

from __future__ import annotations

import functools
import http.server
import re
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

from sitebuild import QuietServer

Rule = tuple[re.Pattern, list[tuple[str, str]]]


def parse_headers_file(text: str) -> list[Rule]:
    """Rules of a `_headers` file: a path pattern at column 0, then indented
    `Name: value` lines, or `! Name` to drop the header an earlier rule gave
    (Cloudflare Pages' detach; kept here as ("!", Name)). `*` matches
    anything (including /), `:name` one path segment. '#' starts a comment
    line."""
    rules: list[Rule] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            if not line.startswith("/"):
                raise ValueError(f"_headers:{number}: a path must start with /: {line!r}")
            parts = re.split(r"(\*|:[A-Za-z_]\w*)", line.strip())
            regex = "".join(".*" if p == "*" else "[^/]+" if p.startswith(":") else re.escape(p)
                            for p in parts)
            rules.append((re.compile(regex), []))
            continue
        if rules and line.strip().startswith("!") and ":" not in line:
            rules[-1][1].append(("!", line.strip()[1:].strip()))
            continue
        if not rules or ":" not in line:
            raise ValueError(f"_headers:{number}: expected 'Name: value' under a path: {line!r}")
        name, value = line.strip().split(":", 1)
        rules[-1][1].append((name.strip(), value.strip()))
    return rules


def headers_for(rules: list[Rule], path: str) -> list[tuple[str, str]]:
    """Every header of every rule whose pattern matches the whole path, in
    order; a `! Name` drops the headers of that name given before it."""
    found: list[tuple[str, str]] = []
    for pattern, headers in rules:
        if not pattern.fullmatch(path):
            continue
        for name, value in headers:
            if name == "!":
                found = [(n, v) for n, v in found if n.lower() != value.lower()]
            else:
                found.append((name, value))
    return found


class _Handler(http.server.SimpleHTTPRequestHandler):
    rules: list[Rule] = []
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".js": "text/javascript", ".woff2": "font/woff2", ".json": "application/json"}

    def log_message(self, *args):
        pass

    def end_headers(self):
        for name, value in headers_for(self.rules, unquote(urlsplit(self.path).path)):
            self.send_header(name, value)
        super().end_headers()

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def start_server(directory: Path, headers: bool = True):
    """Serve `directory` on a free localhost port; its _headers are read at
    each request (so the site may be built after the server starts).
    Returns (server, base URL); call server.shutdown() and server.server_close()."""

    class Handler(_Handler):
        @property
        def rules(self):
            path = Path(directory) / "_headers"
            return parse_headers_file(path.read_text(encoding="utf-8")) \
                if headers and path.is_file() else []

    handler = functools.partial(Handler, directory=str(directory))
    server = QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"
