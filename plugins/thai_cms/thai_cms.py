"""thai_cms: the web editor at /admin/ (Decap CMS), made by the build.

Editors without git write articles in a form with Thai labels and hints;
with the editorial workflow, saving an article opens its pull request and
its status "อยู่ระหว่างการตรวจสอบ" submits it for review; CI checks it like
any other. At `finalized` the plugin writes
OUTPUT_PATH/<output>/:

- index.html: the page, no inline script (plugins/thai_cms/admin/index.html);
- config.json: Decap's config, made from the settings (config.py): the news
  collection (fields of content/news/_template.md, categories of
  THAI_NEWS["category_slugs"], photos in content/images/<year>/), the static
  pages, the backend, the editorial workflow;
- site.json: what the page's own code needs (the custom format's fields,
  the Thai calendar, the slugs in use);
- the page's code (plugins/thai_cms/admin/*.js), Decap's files from
  node_modules (pinned in package-lock.json, never a CDN) and PyThaiNLP's
  word list, for slugs romanized as `invoke new` makes them.

Other plugins read THAI_CMS_ADMIN: thai_headers gives /admin/ its own
policy in _headers, thai_offline keeps the service worker away from it.
"""

from __future__ import annotations

import json
import logging
from importlib import resources
from pathlib import Path

import jinja2
from pelican import signals

from pelican.plugins.thai_search.files import write_if_changed
from pelican.plugins.thai_search.options import Dict, List, Text, defaults, load
from thai_core.copies import Digests, copy_if_changed

from .config import Paths, cms_config, policy_problems, site_data
from .fields import template_fields, unknown_fields

log = logging.getLogger(__name__)

ADMIN_CODE = Path(__file__).parent / "admin"
DECAP_LOCAL_URL = "http://localhost:8081/api/v1"  # decap-server's default address

SCHEMA = {
    # The folder under OUTPUT_PATH (the editor is at /<output>/).
    "output": Text("admin", empty=False),
    # Where npm installed the packages, and the files of Decap's bundle in it.
    "node_modules": Text("node_modules", empty=False),
    "decap": Text("decap-cms/dist", empty=False),
    "decap_files": List(["decap-cms.js", "*.decap-cms.js", "*.wasm", "decap-cms.js.LICENSE.txt"],
                        Text("", empty=False), expected="a list of globs", least=1),
    # The git repository's root, as Decap names files relative to it; ""
    # for the folder that holds PATH (content/ is at the root).
    "repo_root": Text(""),
    # The article template whose fields the form has (relative: under PATH).
    "template": Text("news/_template.md", empty=False),
    # Decap's backend: GitHub, one branch and pull request per article.
    "backend": Dict({"name": "github", "repo": "", "branch": "main"},
                    expected='a dict such as {"name": "github", "repo": "owner/name", '
                             '"branch": "main", "base_url": "https://auth.example.go.th"}'),
    # decap-server's API (make edit): "" for none (publish builds).
    "local_backend": Text(""),
    "locale": Text("th", empty=False),
    # The admin page's Content-Security-Policy (_headers and its <meta> in
    # publish builds): what Decap needs and no more. 'unsafe-eval': Decap
    # checks its config with ajv, which compiles schemas with new Function;
    # 'unsafe-inline' styles: Decap's components style themselves (emotion);
    # blob: images and reads are photos chosen for upload; GitHub's API and
    # avatars.
    # Never inline script (checked at start-up).
    "csp": Dict({
        "default-src": "'self'",
        "script-src": "'self' 'unsafe-eval'",
        "style-src": "'self' 'unsafe-inline'",
        "img-src": "'self' data: blob: https://avatars.githubusercontent.com",
        "font-src": "'self'",
        "connect-src": "'self' blob: https://api.github.com",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }, Text("", empty=False), expected="a dict of directive -> sources"),
    # The theme's stylesheets (under THEME_STATIC_DIR) the preview uses.
    "preview_styles": List(["css/site.css"], Text("", empty=False), expected="a list of paths"),
}
DEFAULTS = defaults(SCHEMA)


def _admin_headers(config: dict) -> dict[str, str]:
    """The admin policy as text, for thai_headers (_headers) and the page's <meta>."""
    return {"Content-Security-Policy": "; ".join(f"{d} {s}" for d, s in config["csp"].items()),
            "X-Robots-Tag": "noindex, nofollow"}


def configure(pelican) -> None:
    settings = pelican.settings
    config = load("thai_cms", "THAI_CMS", SCHEMA, settings.get("THAI_CMS"))
    problems = policy_problems(config["csp"])
    if problems:
        raise ValueError("thai_cms: THAI_CMS['csp'] lets more run than the editor needs: "
                         + "; ".join(problems))
    backend = config["backend"]
    if backend.get("name") == "github":
        if "/" not in str(backend.get("repo", "")).strip("/"):
            raise ValueError("thai_cms: THAI_CMS['backend']['repo'] must name the GitHub "
                             "repository as 'owner/name'")
        api = str(backend.get("api_root", "https://api.github.com")).rstrip("/")
        origin = "/".join(api.split("/")[:3])
        if origin not in config["csp"].get("connect-src", "").split():
            raise ValueError(f"thai_cms: THAI_CMS['csp']['connect-src'] must allow {origin}, "
                             "the GitHub API the editor saves through")
    template = _template_path(settings, config)
    if not template.is_file():
        raise ValueError(f"thai_cms: THAI_CMS['template'] names no file: {template}")
    missing = unknown_fields(template_fields(template.read_text(encoding="utf-8")))
    if missing:
        raise ValueError(f"thai_cms: {template} documents fields the form has no widget for: "
                         f"{', '.join(missing)} (add them to FORM in plugins/thai_cms/fields.py)")
    settings["THAI_CMS"] = config
    output = config["output"].strip("/")
    settings["THAI_CMS_ADMIN"] = {"url": f"{output}/", "headers": _admin_headers(config)}


def _template_path(settings, config) -> Path:
    return Path(settings["PATH"]) / config["template"]  # an absolute one stays as it is


def _repo_path(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        raise ValueError(f"thai_cms: {path} is not inside THAI_CMS['repo_root'] ({root})") \
            from None


def _decap_config(settings, template) -> dict:
    config = settings["THAI_CMS"]
    content = Path(settings["PATH"])
    root = Path(config["repo_root"] or content.resolve().parent).resolve()
    paths = Paths(news=_repo_path(content / settings["ARTICLE_PATHS"][0], root),
                  pages=_repo_path(content / settings["PAGE_PATHS"][0], root),
                  images=_repo_path(content / settings["STATIC_PATHS"][0], root),
                  content=_repo_path(content, root))
    local = config["local_backend"]
    cms = cms_config(paths=paths, template=template,
                     categories=settings["THAI_NEWS"]["category_slugs"],
                     backend=config["backend"], local_backend=local or None,
                     locale=config["locale"], site_url=settings.get("SITEURL") or "")
    if local == DECAP_LOCAL_URL:
        cms["local_backend"] = True  # Decap's own default address
    return cms


def _taken_slugs(settings) -> dict[str, list[str]]:
    """The names a new entry may not take: for articles, those `invoke new`
    avoids (scaffold.slug_for: the file names under news/<year>/)."""
    content = Path(settings["PATH"])
    return {"news": [p.stem for p in (content / settings["ARTICLE_PATHS"][0]).glob("*/*.md")],
            "pages": [p.stem for p in (content / settings["PAGE_PATHS"][0]).glob("*.md")]}


def _static_url(settings) -> str:
    return f"{settings.get('SITEURL') or ''}/{settings['THEME_STATIC_DIR'].strip('/')}"


def _page(settings, config) -> str:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(ADMIN_CODE)), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    meta = settings.get("THAI_HEADERS_META")  # publish builds: the policy as a <meta>
    policy = None
    if meta:
        ignored = ("frame-ancestors", "report-uri", "report-to", "sandbox")
        policy = "; ".join(f"{d} {s}" for d, s in config["csp"].items() if d not in ignored)
    return env.get_template("index.html").render(
        csp=policy, referrer=(meta or {}).get("referrer"), sitename=settings["SITENAME"],
        static=_static_url(settings),
        admin=f"{settings.get('SITEURL') or ''}/{config['output'].strip('/')}")


def write_admin(pelican) -> None:
    settings = pelican.settings
    config = settings["THAI_CMS"]
    output = Path(settings["OUTPUT_PATH"]) / config["output"].strip("/")
    template = template_fields(_template_path(settings, config).read_text(encoding="utf-8"))
    static = _static_url(settings)
    output.mkdir(parents=True, exist_ok=True)
    digests = Digests(None, "thai_cms")
    copied = 0
    decap = Path(config["node_modules"]) / config["decap"]
    files = sorted({p for pattern in config["decap_files"] for p in decap.glob(pattern)})
    if not (decap / "decap-cms.js").is_file():
        raise FileNotFoundError(f"thai_cms: Decap CMS missing (run 'npm ci' or 'make build'): "
                                f"{decap / 'decap-cms.js'}")
    for path in files:
        copied += copy_if_changed(path, output / "decap" / path.name, digests)
    for path in sorted(ADMIN_CODE.glob("*.js")):
        copied += copy_if_changed(path, output / path.name, digests)
    words = resources.files("pythainlp.corpus") / "words_th.txt"
    with resources.as_file(words) as words_path:
        copied += copy_if_changed(words_path, output / "words_th.txt", digests)
    write_if_changed(output / "index.html", _page(settings, config))
    write_if_changed(output / "config.json", _json(_decap_config(settings, template)))
    write_if_changed(output / "site.json", _json(site_data(
        template=template, taken_slugs=_taken_slugs(settings),
        urls={"news": settings["ARTICLE_URL"], "pages": settings["PAGE_URL"]},
        preview_styles=[f"{static}/{name}" for name in config["preview_styles"]],
        words_file="words_th.txt")))
    log.info("thai_cms: the editor in %s (%d Decap files, %d copied)", output, len(files), copied)


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1) + "\n"


def register():
    signals.initialized.connect(configure)
    signals.finalized.connect(write_admin)
