"""The web editor in the built site (plugins/thai_cms): /admin/ with Decap
CMS copied from node_modules, its config made from the settings (one source
of truth: THAI_NEWS, the article template, the URL patterns, thai_date),
kept out of the sitemap, the search index and the service worker; and an
article written by the editor's own format passes `invoke check`.

Uses the session's build of content/ (conftest.sample_site): no build of
its own. The browser half is tests/test_cms_browser.py; the admin page's
policy in publish builds is in tests/test_security_headers.py.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from importlib import resources

import pytest
from bs4 import BeautifulSoup

from pelicanconf import ARTICLE_URL, PAGE_URL, THAI_CMS, THAI_NEWS
from sitebuild import ROOT
from thai_cms.fields import FORM, template_fields
from thai_cms.thai_cms import DEFAULTS as CMS_DEFAULTS
from thai_cms.thai_cms import configure
from thai_core import thai_date
from thai_core.slugs import is_valid_slug

TEMPLATE = template_fields((ROOT / "content" / "news" / "_template.md").read_text("utf-8"))
THAI = re.compile("[\u0e01-\u0e5b]")


@pytest.fixture(scope="module")
def admin(sample_site):
    return sample_site.output / "admin"


@pytest.fixture(scope="module")
def config(admin):
    return json.loads((admin / "config.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def site(admin):
    return json.loads((admin / "site.json").read_text("utf-8"))


def collection(config, name):
    return next(c for c in config["collections"] if c["name"] == name)


def test_admin_page_runs_no_inline_code_and_is_noindex(admin):
    soup = BeautifulSoup((admin / "index.html").read_text("utf-8"), "html.parser")
    assert soup.html["lang"] == "th"
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex, nofollow"
    scripts = soup.find_all("script")
    assert [s["src"] for s in scripts] == [
        "/admin/manual-init.js", "/admin/decap/decap-cms.js", "/admin/cms.js"]
    assert all(not s.string for s in scripts) and not soup.find_all(style=True)
    for tag in soup.find_all(["script", "link"]):
        url = tag.get("src") or tag.get("href")
        assert not re.match(r"(https?:)?//", url), url  # self-hosted, no CDN
        assert (admin.parent / url.lstrip("/")).is_file(), url
    # The development build carries no policy (docs/security.md).
    assert not soup.find("meta", attrs={"http-equiv": True})


def test_decap_is_the_pinned_npm_release(admin):
    package = json.loads((ROOT / "package.json").read_text("utf-8"))
    lock = json.loads((ROOT / "package-lock.json").read_text("utf-8"))
    for name, where in (("decap-cms", "dependencies"), ("decap-server", "devDependencies")):
        pinned = package[where][name]
        assert re.fullmatch(r"\d+\.\d+\.\d+", pinned), f"{name} {pinned} is not an exact pin"
        assert lock["packages"][f"node_modules/{name}"]["version"] == pinned
        installed = json.loads((ROOT / "node_modules" / name / "package.json").read_text())
        assert installed["version"] == pinned, "run npm ci"
    dist = ROOT / "node_modules" / "decap-cms" / "dist"
    bundle = sorted(p.name for p in dist.glob("*decap-cms.js"))
    assert sorted(p.name for p in (admin / "decap").glob("*decap-cms.js")) == bundle
    for name in ["decap-cms.js", *bundle[:3]]:
        assert (admin / "decap" / name).read_bytes() == (dist / name).read_bytes(), name
    words = resources.files("pythainlp.corpus") / "words_th.txt"
    assert (admin / "words_th.txt").read_bytes() == words.read_bytes()


def test_news_collection_is_made_from_the_settings(config):
    assert config["publish_mode"] == "editorial_workflow"
    assert config["backend"] == THAI_CMS["backend"] and config["backend"]["name"] == "github"
    assert config["local_backend"] is True  # decap-server's own address: make edit
    assert config["locale"] == "th"
    news = collection(config, "news")
    assert news["folder"] == "content/news" and news["format"] == "pelican"
    assert news["path"] == "{{path_year}}/{{slug}}" and news["slug"] == "{{fields.slug}}"
    assert news["create"] is True and news["extension"] == "md"
    fields = {f["name"]: f for f in news["fields"]}
    assert list(fields) == [f.name for f in TEMPLATE] + ["body"]
    assert [f.key for f in TEMPLATE] == ["Title", "Date", "Category", "Tags", "Slug", "Summary",
                                         "Image", "ImageAlt", "Source", "Author"]
    for field in news["fields"]:
        assert THAI.search(field["label"]) and THAI.search(field["hint"]), field["name"]
        assert field["required"] is (field["name"] in ("title", "date", "category"))
    assert fields["category"]["options"] == list(THAI_NEWS["category_slugs"])
    assert fields["imagealt"]["widget"] == "image-alt"
    assert THAI.search(fields["imagealt"]["missing"])
    assert fields["image"]["media_folder"] == "/content/images/{{fields.date | date('YYYY')}}"
    assert fields["image"]["public_folder"] == "images/{{fields.date | date('YYYY')}}"
    assert news["media_folder"] == "/content/images/{{fields.date | date('YYYY')}}"
    assert news["public_folder"] == "{static}/images/{{fields.date | date('YYYY')}}"
    pages = collection(config, "pages")
    assert pages["folder"] == "content/pages"
    assert [f["name"] for f in pages["fields"]] == ["title", "slug", "body"]


def test_form_patterns_mirror_the_checker(config):
    fields = {f["name"]: f for f in collection(config, "news")["fields"]}
    date, message = fields["date"]["pattern"]
    assert THAI.search(message)
    for ok in ("2024-01-15 09:30", "1999-12-31 23:59", "2399-01-01 00:00"):
        assert re.search(date, ok), ok
    for bad in ("2567-01-15 09:30", "2400-01-01 00:00", "2024-01-15", "2024-13-01 09:30",
                "2024-01-15 24:00", "15/01/2024 09:30"):
        assert not re.search(date, bad), bad
    slug = fields["slug"]["pattern"][0]
    for value in ("cabinet-durian-export", "a", "a1-b2", "x" * 100, "x" * 101, "A-b", "a--b",
                  "-a", "a-", "ข่าว", "a_b", ""):
        assert bool(re.search(slug, value)) is is_valid_slug(value), value
    assert set(FORM) == {f.name for f in TEMPLATE}


def test_site_data_is_the_sites(site, sample_site):
    assert site["calendar"] == {"months": list(thai_date.MONTHS),
                                "weekdays": list(thai_date.WEEKDAYS),
                                "eraOffset": thai_date.BE_OFFSET}
    assert site["urls"] == {"news": ARTICLE_URL, "pages": PAGE_URL}
    assert site["fields"][:len(TEMPLATE)] == [
        {"name": f.name, "key": f.key, "list": f.name == "tags"} for f in TEMPLATE]
    news = sorted(p.stem for p in (ROOT / "content" / "news").glob("*/*.md"))
    assert site["takenSlugs"]["news"] == news
    assert site["previewStyles"] == ["/theme/css/site.css"]
    assert (sample_site.output / "theme" / "css" / "site.css").is_file()


def test_admin_is_kept_from_readers_tools(sample_site):
    out = sample_site.output
    assert "/admin" not in out.joinpath("sitemap.xml").read_text("utf-8")
    for path in (out / "search").rglob("*"):
        if path.is_file():
            assert "admin/" not in path.read_text("utf-8", errors="replace"), path
    worker = out.joinpath("sw.js").read_text("utf-8")
    assert 'const BYPASS = ["admin/"].map(at);' in worker
    precache = json.loads(re.search(r"const PRECACHE = (\[.*?\])\.map", worker)[1])
    assert precache and not any("admin" in url for url in precache)


def test_an_article_written_by_the_editors_format_passes_invoke_check(admin, site, tmp_path):
    """The custom format's writer (the file the editor saves) and the
    project's checker: a new article with every field, its photo in
    content/images/<year>/, the slug invoke new would give."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    photo = ROOT / "theme" / "static" / "img" / "share-default.png"
    (content / "images" / "2024").mkdir(parents=True)
    shutil.copy(photo, content / "images" / "2024" / "durian.png")
    data = {
        "title": "ครม. เห็นชอบมาตรการส่งเสริมการส่งออกทุเรียน", "date": "2024-01-15 09:30",
        "category": "ด้านเศรษฐกิจ", "tags": ["ทุเรียน", "ส่งออก"], "slug": "",
        "summary": "สรุปข่าว\nสองบรรทัด", "image": "images/2024/durian.png",
        "imagealt": "ภาพประกอบข่าว", "source": "https://www.example.go.th/news/1",
        "author": "กองประชาสัมพันธ์",
        "body": "ย่อหน้าแรก\n\n![ภาพทุเรียน]({static}/images/2024/durian.png)\n",
    }
    script = """
      import { readFileSync } from "node:fs";
      const [admin, json] = process.argv.slice(1);
      const { pelicanFormat } = await import(`${admin}/pelican-format.js`);
      const { Trie, corpusWords } = await import(`${admin}/newmm.js`);
      const { slugFor } = await import(`${admin}/romanize.js`);
      const site = JSON.parse(readFileSync(`${admin}/site.json`, "utf8"));
      const data = JSON.parse(json);
      const trie = new Trie(corpusWords(readFileSync(`${admin}/${site.words}`, "utf8")));
      data.slug = slugFor(data.title, new Set(site.takenSlugs.news), trie);
      process.stdout.write(JSON.stringify([data.slug, pelicanFormat(site.fields).toFile(data)]));
    """
    proc = subprocess.run(["node", "--input-type=module", "-e", script, str(admin),
                           json.dumps(data)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    slug, text = json.loads(proc.stdout)
    assert text.startswith("Title: ครม. เห็นชอบมาตรการส่งเสริมการส่งออกทุเรียน\n"
                           "Date: 2024-01-15 09:30\nCategory: ด้านเศรษฐกิจ\n"
                           "Tags: ทุเรียน, ส่งออก\n"
                           f"Slug: {slug}\nSummary: สรุปข่าว สองบรรทัด\n")
    (content / "news" / "2024" / f"{slug}.md").write_text(text, encoding="utf-8")
    check = subprocess.run([sys.executable, "-m", "newsroom.check", "--content", str(content),
                            "--base", "none"], cwd=ROOT, capture_output=True, text=True,
                           timeout=120)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "ข้อผิดพลาด 0 คำเตือน 0" in check.stdout, check.stdout


class _Pelican:
    def __init__(self, settings):
        self.settings = settings


@pytest.mark.parametrize("change, message", [
    ({"csp": {**CMS_DEFAULTS["csp"], "script-src": "'self' 'unsafe-inline'"}},
     "THAI_CMS['csp'] lets more run than the editor needs: script-src allows 'unsafe-inline'"),
    ({"csp": {k: v for k, v in CMS_DEFAULTS["csp"].items() if k != "frame-ancestors"}},
     "frame-ancestors is missing"),
    ({"backend": {"name": "github", "branch": "main"}},
     "THAI_CMS['backend']['repo'] must name the GitHub repository as 'owner/name'"),
    ({"backend": {"name": "github", "repo": "a/b", "api_root": "https://git.example.go.th/api/v3"}},
     "THAI_CMS['csp']['connect-src'] must allow https://git.example.go.th"),
    ({"template": "news/none.md"}, "THAI_CMS['template'] names no file"),
    ({"template": "news/odd.md"}, "documents fields the form has no widget for: Colour"),
])
def test_settings_are_checked_at_start(tmp_path, change, message):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "odd.md").write_text("Title: x\nColour: y\n\nbody\n", "utf-8")
    settings = {"PATH": str(tmp_path), "THAI_CMS": {**THAI_CMS, **change}}
    with pytest.raises(ValueError, match=re.escape(message)):
        configure(_Pelican(settings))
    assert "THAI_CMS_ADMIN" not in settings
