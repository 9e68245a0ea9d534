"""The checker as editors and CI run it: twenty different mistakes reported
in one run, the build and the checker agreeing, and a pull request that
breaks one article failing without dropping any other."""

from __future__ import annotations

import re
import subprocess
import sys

from checkrun import PHOTO, check, check_command, png
from sitebuild import ROOT, article, build_site, write_content

# Twenty different mistakes, in eight files: (file, line, rule).
MISTAKES = {
    "news/2024/a.md": (
        "Title: ข่าวส\u0e4d\u0e32คัญ\nDate: 2567-01-15\nCategory: ด้านเศรษฐกิ\nSlug: ข่าว-ก\n"
        "Sumary: สรุป\n\nน ายกรัฐมนตรี ซึ\u0e48\u0e48ง\n\nประชา\u200bชน การแข\uf70aงขัน\n"),
    "news/2024/b.md": article(title="ข" * 160, date="2100-01-01", category="ข่าวกีฬาแห่งชาติ",
                              slug="b", summary="",
                              body="![]({static}/images/2024/photo.png)\n\n"
                                   "![ภาพ]({static}/images/2024/nope.jpg)"),
    "news/2024/c.md": article(date=None, slug="b", image="images/2024/photo.png",
                              body="ดู[ข่าว](a.md) และ[เก่า]({filename}/news/2020/x.md)\n\n"
                                   "[หน้า](/news/2024/01/none/) ![ภาพ](https://x.example/a.jpg)"),
    "news/2024/d.md": b"Title: \xe0\xb8\x82\nDate: 2024-01-01\nCategory: x\n\n\xff\n",
    "news/2024/e.md": article(category="economy", slug="e", body="![ภาพ]({static}/pages/p.png)"),
    "news/2024/notes.txt": "โน้ต",
    "pages/p.png": png(),
    "pages/about.md": "Slug: about\n\nเกี่ยวกับเรา\n",
}
EXPECTED = [
    ("news/2024/a.md", 1, "thai-decomposed-sara-am"),
    ("news/2024/a.md", 2, "date-buddhist-year"),
    ("news/2024/a.md", 3, "category-unknown"),
    ("news/2024/a.md", 4, "slug-invalid"),
    ("news/2024/a.md", 5, "field-unknown"),
    ("news/2024/a.md", 7, "thai-space-before-mark"),
    ("news/2024/a.md", 7, "thai-double-tone"),
    ("news/2024/a.md", 9, "thai-zero-width"),
    ("news/2024/a.md", 9, "thai-private-use"),
    ("news/2024/b.md", 1, "title-too-long"),
    ("news/2024/b.md", 2, "date-future"),
    ("news/2024/b.md", 3, "category-new"),
    ("news/2024/b.md", 5, "summary-empty"),
    ("news/2024/b.md", 7, "image-no-alt"),
    ("news/2024/b.md", 9, "image-missing"),
    ("news/2024/c.md", 1, "field-missing"),
    ("news/2024/c.md", 3, "slug-duplicate"),
    ("news/2024/c.md", 4, "image-no-alt"),
    ("news/2024/c.md", 6, "link-relative"),
    ("news/2024/c.md", 6, "link-broken"),
    ("news/2024/c.md", 8, "link-broken"),
    ("news/2024/c.md", 8, "image-external"),
    ("news/2024/d.md", 5, "encoding"),
    ("news/2024/e.md", 3, "category-slug"),
    ("news/2024/e.md", 6, "image-not-static"),
    ("news/2024/notes.txt", 1, "file-not-published"),
    ("pages/about.md", 1, "field-missing"),
]


def test_twenty_different_mistakes_reported_in_one_run(tmp_path):
    content = write_content(tmp_path / "content", {**PHOTO, **MISTAKES})
    result = check_command(content, "--base", "none")
    assert result.returncode == 1
    assert "Traceback" not in result.out
    reported = re.findall(r"^  content/(\S+?):(\d+): .*\[([a-z-]+)\]$", result.out, re.M)
    found = {(path, int(line), rule) for path, line, rule in reported}
    missing = [m for m in EXPECTED if m not in found]
    assert not missing, result.out
    assert len({rule for _, _, rule in EXPECTED}) >= 20
    assert "error(s)" in result.out and "warning(s)" in result.out
    # Errors come before warnings, each group sorted by file and line.
    assert result.out.index("ข้อผิดพลาด ต้องแก้") < result.out.index("คำเตือน ควรแก้")


BUILD_FAILURES = {
    "news/2024/no-date.md": article(date=None),
    "news/2024/be-year.md": article(date="2567-01-15"),
    "news/2024/typo.md": article(category="ด้านสังค"),
    "news/2024/thai-slug.md": article(slug="ข่าว"),
    "news/2024/future.md": article(date="2100-01-01"),
    "news/2024/lead.md": article(image="images/2024/photo.png"),
    "news/2024/twice.md": "Title: ก\nDate: 2024-03-15\nCategory: ด้านสังคม\nDate: 2024-03-16\n\nข\n",
    "news/2024/dup-a.md": article(slug="same"),
    "news/2024/dup-b.md": article(slug="same", date="2024-04-01"),
}


def test_build_and_checker_report_the_same_errors(capsys, tmp_path):
    """One source of rules: every error the build reports, the checker
    reports with the same words, and the other way round."""
    files = {**PHOTO, **BUILD_FAILURES, "news/2024/ok.md": article(slug="ok")}
    checked = check(capsys, tmp_path, files)
    build = build_site(tmp_path / "content", tmp_path / "output")
    assert build.returncode == 1 and checked.returncode == 1
    problem = re.compile(r"^\s*(content/\S+:\d+: .*\])$", re.M)
    built = set(problem.findall(build.log.split("Build failed:")[1]))
    errors = set(problem.findall(checked.out.split("คำเตือน ควรแก้")[0]))
    assert built == errors
    assert len(built) == 9
    assert "Traceback" not in build.log


def test_a_pr_breaking_one_article_fails_and_names_only_it(tmp_path):
    files = {f"news/2024/n{i}.md": article(title=f"ข่าวที่ {i}", slug=f"n{i}") for i in range(5)}
    files["news/2024/n3.md"] = article(title="ข่าวที่ 3", slug="n3", date="15/13/2024")
    content = write_content(tmp_path / "content", files)
    result = check_command(content)
    assert result.returncode == 1
    assert re.findall(r"^  (content/\S+?):", result.out, re.M) == ["content/news/2024/n3.md"]
    assert "content/news/2024/n3.md:2: Date: อ่านวันที่ '15/13/2024' ไม่ได้" in result.out
    assert "not a git repository" in result.out  # no git: the URL rule is skipped, not fatal
    build = build_site(content, tmp_path / "output")
    assert build.returncode == 1, "the site is not published without the broken article"
    assert "Build failed: 1 content problem(s)" in build.log
    assert "content/news/2024/n3.md:2: Date:" in build.log and "Traceback" not in build.log


def test_every_article_is_published_when_the_check_passes(capsys, tmp_path):
    files = {f"news/202{i % 3}/n{i}.md": article(title=f"ข่าว {i}", slug=f"n{i}",
                                                 date=f"202{i % 3}-0{1 + i % 9}-10")
             for i in range(12)}
    checked = check(capsys, tmp_path, files)
    assert checked.returncode == 0, checked.out
    build = build_site(tmp_path / "content", tmp_path / "output")
    assert build.returncode == 0, build.log
    pages = sorted(p.parent.name for p in (build.output / "news").glob("*/*/*/index.html"))
    assert pages == sorted(f"n{i}" for i in range(12))


def test_github_actions_get_annotations_and_a_summary(tmp_path, monkeypatch, capsys):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = check(capsys, tmp_path, {"news/2024/bad.md": article(date="2567-01-15"),
                                      "news/2024/warn.md": article(slug="w", summary="")})
    assert result.returncode == 1
    assert ("::error file=content/news/2024/bad.md,line=2,title=date-buddhist-year::Date: "
            in result.out)
    assert "::warning file=content/news/2024/warn.md,line=5,title=summary-empty::" in result.out
    text = summary.read_text(encoding="utf-8")
    assert "1 error(s), 1 warning(s)" in text and "`content/news/2024/bad.md:2`" in text


def test_invoke_new_writes_an_article_the_check_accepts(tmp_path):
    news = tmp_path / "content" / "news"
    made = subprocess.run(
        [sys.executable, "-m", "invoke", "new", "ครม. เห็นชอบมาตรการช่วยเหลือเกษตรกร",
         "--category", "ด้านเศรษฐกิจ", "--dest", str(news)],
        cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert made.returncode == 0, made.stderr
    result = check_command(tmp_path / "content")
    assert result.returncode == 0, result.out
    assert "0 error(s), 0 warning(s)" in result.out
