"""An existing article keeps its URL: the checker compares the pull
request's articles with their committed versions on the base branch
(renames included), and works on without git."""

from __future__ import annotations

import subprocess

import pytest

from checkrun import check_command
from sitebuild import article, write_content


def git(repo, *args):
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=t@example.org", *args],
                   cwd=repo, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path):
    """A site repository whose main branch has three published articles and
    a draft; the test works on a branch, as a pull request does."""
    git(tmp_path, "init", "-q", "-b", "main")
    write_content(tmp_path / "content", {
        "news/2024/with-slug.md": article(title="มี slug", slug="durian-export"),
        "news/2024/no-slug.md": article(title="ไม่มี slug"),
        "news/2024/gone.md": article(title="จะถูกลบ", slug="gone"),
        "news/2024/draft.md": article(title="ฉบับร่าง", slug="draft", status="draft"),
    })
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "published")
    git(tmp_path, "checkout", "-q", "-b", "editor-change")
    return tmp_path


def edit(path, old, new):
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_changed_slug_is_an_error_naming_the_old_url(repo):
    news = repo / "content/news/2024"
    edit(news / "with-slug.md", "Slug: durian-export", "Slug: durian-export-china")
    result = check_command(repo / "content")
    assert result.returncode == 1, result.out
    line = result.lines("slug-url-changed")[0]
    assert line.startswith("content/news/2024/with-slug.md:4: Slug:")
    assert "/news/2024/03/durian-export/" in line and "'Slug: durian-export'" in line


def test_renamed_file_without_slug_changes_its_url(repo):
    git(repo, "mv", "content/news/2024/no-slug.md", "content/news/2024/renamed.md")
    result = check_command(repo / "content", "--base", "main")
    line = result.lines("slug-url-changed")[0]
    assert line.startswith("content/news/2024/renamed.md:1: Slug:")
    assert "content/news/2024/no-slug.md" in line and "'Slug: no-slug'" in line
    assert result.returncode == 1


def test_renamed_file_that_keeps_its_slug_is_fine(repo):
    git(repo, "mv", "content/news/2024/with-slug.md", "content/news/2024/other-name.md")
    git(repo, "commit", "-q", "-m", "rename")  # committed on the branch: still compared
    result = check_command(repo / "content", "--base", "main")
    assert result.returncode == 0, result.out
    assert "URLs compared with main" in result.out


def test_date_moved_to_another_month_changes_the_url(repo):
    edit(repo / "content/news/2024/with-slug.md", "Date: 2024-03-15 10:00", "Date: 2024-04-02")
    result = check_command(repo / "content", "--base", "main")
    line = result.lines("slug-url-changed")[0]
    assert line.startswith("content/news/2024/with-slug.md:2: Date:")
    assert "2024-03" in line


def test_same_month_edit_and_draft_slug_change_are_fine(repo):
    edit(repo / "content/news/2024/with-slug.md", "Date: 2024-03-15 10:00", "Date: 2024-03-16")
    edit(repo / "content/news/2024/draft.md", "Slug: draft", "Slug: draft-2")
    result = check_command(repo / "content", "--base", "main")
    assert result.returncode == 0, result.out


def test_deleted_article_is_a_warning(repo):
    git(repo, "rm", "-q", "content/news/2024/gone.md")
    result = check_command(repo / "content", "--base", "main")
    assert result.returncode == 0
    assert result.lines("article-removed")[0].startswith("content/news/2024/gone.md:1: file:")


def test_default_base_is_main_when_there_is_no_origin(repo):
    edit(repo / "content/news/2024/with-slug.md", "Slug: durian-export", "Slug: x")
    result = check_command(repo / "content")
    assert "URLs compared with main" in result.out and result.returncode == 1


def test_unknown_base_or_no_git_only_skips_the_url_rule(repo, tmp_path_factory):
    edit(repo / "content/news/2024/with-slug.md", "Slug: durian-export", "Slug: x")
    result = check_command(repo / "content", "--base", "origin/release")
    assert result.returncode == 0
    assert "base 'origin/release' not found: URL check skipped" in result.out
    plain = tmp_path_factory.mktemp("nogit")
    write_content(plain / "content", {"news/2024/a.md": article(slug="a")})
    result = check_command(plain / "content")
    assert result.returncode == 0 and "not a git repository" in result.out
