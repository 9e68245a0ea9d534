import subprocess
import sys

from sitebuild import ROOT, build_site

INVOKE = [sys.executable, "-m", "invoke"]


def run_new(tmp_path, *args):
    cmd = [*INVOKE, "new", *args, "--dest", str(tmp_path / "content" / "news")]
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_invoke_new_writes_an_article_that_builds(tmp_path):
    made = run_new(tmp_path, "ครม. เห็นชอบมาตรการส่งออกทุเรียน", "--category", "ด้านเศรษฐกิจ")
    assert made.returncode == 0, made.stderr
    path = tmp_path / made.stdout.strip()
    text = path.read_text(encoding="utf-8")
    assert text.startswith("Title: ครม. เห็นชอบมาตรการส่งออกทุเรียน\nDate: ")
    assert "Category: ด้านเศรษฐกิจ\nSlug: " in text
    slug = path.stem
    assert slug.isascii() and slug == text.split("Slug: ")[1].split("\n")[0]
    # Same title again: a different, still valid slug.
    again = run_new(tmp_path, "ครม. เห็นชอบมาตรการส่งออกทุเรียน", "--category", "ด้านเศรษฐกิจ")
    assert again.returncode == 0 and (tmp_path / again.stdout.strip()).stem == f"{slug}-2"
    build = build_site(tmp_path / "content", tmp_path / "output")
    assert build.returncode == 0, build.log
    year_month = text.split("Date: ")[1][:7].replace("-", "/")
    assert (build.output / f"news/{year_month}/{slug}/index.html").exists()


def test_invoke_new_rejects_unknown_category_with_suggestion(tmp_path):
    made = run_new(tmp_path, "ข่าว", "--category", "ด้านเศรษฐกิ")
    assert made.returncode != 0
    assert "ด้านเศรษฐกิจ" in made.stderr and "Category" in made.stderr


def test_invoke_new_rejects_thai_slug(tmp_path):
    made = run_new(tmp_path, "ข่าว", "--category", "ด้านสังคม", "--slug", "ข่าว")
    assert made.returncode != 0 and "Slug" in made.stderr
