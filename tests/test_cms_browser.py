"""The web editor end to end, as `make edit` runs it: a temporary copy of
the repository's content, built with the real settings, served, and
decap-server (npm, pinned) reading and writing that copy; Decap CMS in
headless Chromium, in Bangkok time, as an editor uses it.

- The Thai interface: log in, both collections (ข่าว, หน้าเว็บ).
- The form refuses what `invoke check` refuses, in Thai, and saves
  nothing: an empty title, a lead photo without alt text, a Buddhist-era
  year.
- An article with a Thai title, a category, an uploaded photo with alt
  text and a body, previewed with the site's stylesheet, its Thai date
  (Buddhist era) and its URL, is saved as content/news/<year>/<slug>.md (the slug
  `invoke new` gives the title) with the expected metadata lines and the
  photo in content/images/<year>/; it passes `invoke check` and builds.
- Opened again, it has nothing to save (Decap saves no unchanged entry);
  a field changed rewrites its own line only, and changed back, the file
  is again byte for byte the one first saved.

- The editorial workflow: with decap-server's "git" mode (its stand-in
  for a Git host, over a git repository), "บันทึก" (save) puts a new
  article on a branch of its own (cms/news/<year>/<slug>: the GitHub
  backend's pull request is made from it), main untouched, and setting the
  status "อยู่ระหว่างการตรวจสอบ" submits it for review.

decap-server runs in its "fs" mode as make edit does (files written in
place), and in "git" mode for the workflow; the form, the format and the
files are the same.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import shutil
import socket
import subprocess
import sys
from zoneinfo import ZoneInfo

import pytest
from PIL import Image

from newsroom.editor import decap_server
from newsroom.scaffold import slug_for
from pelicanconf import THAI_CMS
from sitebuild import ROOT, build_site, serve
from thai_core import thai_date

pytestmark = pytest.mark.browser
BANGKOK = ZoneInfo("Asia/Bangkok")
TITLE = "ครม. เห็นชอบมาตรการส่งเสริมการส่งออกทุเรียนไปตลาดจีน"
CATEGORY = "ด้านเศรษฐกิจ"
ALT = "เจ้าหน้าที่ตรวจคุณภาพทุเรียนก่อนส่งออก"
BODY = "วันนี้ คณะรัฐมนตรีเห็นชอบมาตรการส่งเสริมการส่งออกทุเรียน"
PUBLISH = "เผยแพร่"  # simple mode (decap-server fs); "บันทึก" with the editorial workflow


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def editor(tmp_path_factory):
    """(repo, site URL, decap-server's API): the copy decap-server writes,
    and the site built from it (next to it, in output/)."""
    work = tmp_path_factory.mktemp("cms")
    repo = work / "repo"
    shutil.copytree(ROOT / "content", repo / "content")
    api = f"http://127.0.0.1:{free_port()}/api/v1"
    output = work / "output"
    build = build_site(repo / "content", output, extra=editor_settings(api))
    assert build.returncode == 0, build.log
    server, url = serve(output)
    with decap_server(api, ROOT / "node_modules", repo):
        yield repo, url, api
    server.shutdown()


def editor_settings(api):
    return {"THAI_CMS": {**THAI_CMS, "local_backend": api}}


# Decap rejects a refused save with Promise.reject() and nothing catches it
# (decap-cms-core actions/entries.js persistEntry): one such page error per
# refusal, and no other.
REFUSED = "undefined"


@pytest.fixture
def tab(browser):
    """An editor's tab, in Bangkok time; its page errors and console errors."""
    context = browser.new_context(viewport={"width": 1280, "height": 900},
                                  timezone_id="Asia/Bangkok", service_workers="block")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    yield page, errors
    context.close()


def log_in(page, url):
    page.goto(f"{url}/admin/")
    page.get_by_role("button", name="เข้าสู่ระบบ").click()
    page.get_by_role("link", name="หน้าเว็บ").wait_for()


@pytest.fixture
def cms(tab, editor, request):
    """A logged-in editor's tab at the collections (decap-server's fs mode)."""
    page, errors = tab
    log_in(page, editor[1])
    yield page
    refusals = getattr(request.node, "refusals", 0)
    assert errors == [REFUSED] * refusals


def new_article(page, url):
    page.goto(f"{url}/admin/#/collections/news/new")
    page.wait_for_selector("[id^=title-field]")


def choose_category(page, name):
    page.click("[id^=category-field]")
    page.keyboard.type(name)
    page.keyboard.press("Enter")


def upload_photo(page, path):
    page.get_by_role("button", name="เลือกรูปภาพ").click()
    page.set_input_files("input[type=file]", str(path))
    page.get_by_role("button", name="เลือกข้อมูลที่ถูกเลือก").click()
    page.get_by_role("button", name="เลือกรูปภาพอื่น").wait_for()


def publish(page, done=True):
    page.get_by_text(PUBLISH, exact=True).first.click()
    page.get_by_text("เผยแพร่ตอนนี้").click()
    if done:
        page.get_by_text("เผยแพร่แล้ว", exact=True).first.wait_for()


def files(repo, folder):
    return {p.relative_to(repo).as_posix() for p in (repo / folder).rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def photo(tmp_path_factory):
    path = tmp_path_factory.mktemp("photo") / "durian-photo.jpg"
    Image.new("RGB", (1200, 630), (196, 140, 40)).save(path, quality=85)
    return path


def test_the_form_refuses_in_thai(cms, editor, photo, request):
    repo, url, _ = editor
    request.node.refusals = 2
    # The Thai interface: both collections, every article listed by its
    # title (read by the custom format).
    cms.get_by_text("ธ.ก.ส. ขยายเวลาพักชำระหนี้เกษตรกรรายย่อย", exact=False).wait_for()
    assert cms.get_by_role("link", name="ข่าว", exact=True).count()
    before = files(repo, "content")
    new_article(cms, url)
    publish(cms, done=False)
    cms.get_by_text("จำเป็นต้องระบุ หัวข้อข่าว (Title)").wait_for()
    cms.fill("[id^=title-field]", TITLE)
    choose_category(cms, CATEGORY)
    cms.fill("[id^=date-field]", "2567-01-15T09:30")  # a Buddhist-era year
    upload_photo(cms, photo)  # and no alt text
    publish(cms, done=False)
    cms.get_by_text("ภาพประกอบต้องมีคำบรรยายสำหรับผู้พิการทางสายตา").wait_for()
    cms.get_by_text("ต้องเป็นปี ค.ศ. รูปแบบ YYYY-MM-DD HH:MM", exact=False).wait_for()
    assert "จำเป็นต้องระบุ หัวข้อข่าว" not in cms.inner_text("body")
    # Nothing was saved; the photo alone waits in the form.
    assert files(repo, "content") == before


def test_an_article_saved_in_the_editor_passes_check_and_builds(cms, editor, photo):
    repo, url, api = editor
    output = repo.parent / "output"
    taken = {p.stem for p in (repo / "content" / "news").glob("*/*.md")}
    before = files(repo, "content")
    new_article(cms, url)
    cms.fill("[id^=title-field]", TITLE)
    choose_category(cms, CATEGORY)
    cms.fill("[id^=imagealt-field]", ALT)
    upload_photo(cms, photo)
    cms.click("[contenteditable=true]")
    cms.keyboard.type(BODY)
    # The preview, with the site's stylesheet: the date as article pages
    # show it (Buddhist era) and the URL with the slug invoke new would give.
    now = dt.datetime.now(BANGKOK)
    slug = slug_for(TITLE, taken)
    year = f"{now:%Y}"
    preview = cms.frame_locator("iframe").first
    preview.get_by_text(thai_date.format_long(now.date()), exact=True).wait_for()
    preview.get_by_text(f"/news/{year}/{now:%m}/{slug}/", exact=False).wait_for()
    assert preview.locator("h1.article-title").inner_text() == TITLE
    publish(cms)

    added = sorted(files(repo, "content") - before)
    assert added == [f"content/images/{year}/durian-photo.jpg", f"content/news/{year}/{slug}.md"]
    article = repo / "content" / "news" / year / f"{slug}.md"
    saved = article.read_bytes()
    header, body = saved.decode("utf-8").split("\n\n", 1)
    lines = header.split("\n")
    assert lines[0] == f"Title: {TITLE}"
    date = dt.datetime.strptime(lines[1], "Date: %Y-%m-%d %H:%M").replace(tzinfo=BANGKOK)
    assert abs((now - date).total_seconds()) < 600  # the form's default: now, in Bangkok
    assert lines[2:] == [f"Category: {CATEGORY}", f"Slug: {slug}",
                         f"Image: images/{year}/durian-photo.jpg", f"ImageAlt: {ALT}"]
    assert body == BODY + "\n"

    check = subprocess.run([sys.executable, "-m", "newsroom.check", "--content",
                            str(repo / "content"), "--base", "none"], cwd=ROOT,
                           capture_output=True, text=True, timeout=120)
    assert check.returncode == 0 and "ข้อผิดพลาด 0 คำเตือน 0" in check.stdout, check.stdout
    build = build_site(repo / "content", output, extra=editor_settings(api))  # with the article
    assert build.returncode == 0, build.log
    page = (output / "news" / year / f"{date:%m}" / slug / "index.html").read_text()
    assert TITLE in page and f'alt="{ALT}"' in page and BODY in page

    # Opened again: nothing to save. A change rewrites its own line only;
    # changed back, the file is the one first saved, byte for byte.
    cms.goto(f"{url}/admin/#/collections/news/entries/{year}/{slug}")
    cms.wait_for_selector("[id^=author-field]")
    cms.get_by_text("เผยแพร่แล้ว", exact=True).first.wait_for()
    cms.fill("[id^=author-field]", "กองประชาสัมพันธ์")
    publish(cms)
    diff = [line for line in difflib.unified_diff(
        saved.decode().splitlines(), article.read_text("utf-8").splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert diff == ["+Author: กองประชาสัมพันธ์"]
    cms.reload()  # Decap redraws the form after a save; edit the entry as loaded
    cms.get_by_text("เผยแพร่แล้ว", exact=True).first.wait_for()
    assert cms.input_value("[id^=author-field]") == "กองประชาสัมพันธ์"
    cms.fill("[id^=author-field]", "")
    publish(cms)
    assert article.read_bytes() == saved


def git(repo, *args):
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True,
                          check=True).stdout.strip()


@pytest.fixture
def workflow_repo(tmp_path):
    """A git repository of the content, with decap-server's git mode over it."""
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "content", repo / "content")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.name", "ผู้ทดสอบ")
    git(repo, "config", "user.email", "editor@example.go.th")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "content")
    api = f"http://127.0.0.1:{free_port()}/api/v1"
    with decap_server(api, ROOT / "node_modules", repo, mode="git"):
        yield repo, api


def test_save_puts_the_article_on_its_own_branch_for_review(tab, editor, workflow_repo):
    page, errors = tab
    built, url, _ = editor
    repo, api = workflow_repo
    # The same page and config, with decap-server's git mode as the backend.
    config = json.loads((built.parent / "output" / "admin" / "config.json").read_text("utf-8"))
    assert config["publish_mode"] == "editorial_workflow"
    page.route(f"{url}/admin/config.json",
               lambda route: route.fulfill(json={**config, "local_backend": {"url": api}}))
    log_in(page, url)
    new_article(page, url)
    page.fill("[id^=title-field]", TITLE)
    choose_category(page, CATEGORY)
    page.get_by_role("button", name="บันทึก", exact=True).click()
    page.get_by_text("สถานะ: ร่าง").wait_for()
    year = f"{dt.datetime.now(BANGKOK):%Y}"
    # The names the page avoids are those of the site it came with (site.json).
    site = json.loads((built.parent / "output" / "admin" / "site.json").read_text("utf-8"))
    slug = slug_for(TITLE, set(site["takenSlugs"]["news"]))
    branch = f"cms/news/{year}/{slug}"
    assert git(repo, "branch", "--list", branch).strip("* ") == branch
    assert git(repo, "log", "-1", "--format=%s", "main") == "content"  # main untouched
    text = git(repo, "show", f"{branch}:content/news/{year}/{slug}.md")
    assert text.splitlines()[0] == f"Title: {TITLE}" and f"Slug: {slug}" in text
    assert git(repo, "config", f"branch.{branch}.description") == "decap-cms/draft"
    # Submit for review: the status the pull request's label carries on GitHub.
    page.get_by_text("สถานะ: ร่าง").click()
    page.get_by_text("อยู่ระหว่างการตรวจสอบ", exact=True).first.click()
    page.get_by_text("สถานะ: อยู่ระหว่างการตรวจสอบ").wait_for()
    assert git(repo, "config", f"branch.{branch}.description") == "decap-cms/pending_review"
    # Decap asks for the entry's branch before it exists (a 404, logged).
    assert set(errors) <= {"Failed to load resource: the server responded with a status of "
                           "404 (Not Found)"}, errors
