"""CI builds treat Pelican warnings as errors (`--fatal-warnings`), listing
every warning once the whole site was read; local builds only show them."""

from __future__ import annotations

from sitebuild import ROOT, article, build_site, write_content

BROKEN = {
    "news/2024/a.md": article(slug="a", body="ดู[ข่าวเก่า]({filename}/news/2020/nope.md)"),
    "news/2024/b.md": article(slug="b", body="![]({static}/images/none.png)"),
}


def test_warnings_fail_only_with_fatal_warnings(tmp_path):
    write_content(tmp_path / "content", BROKEN)
    local = build_site(tmp_path / "content", tmp_path / "out1")
    assert local.returncode == 0, local.log
    ci = build_site(tmp_path / "content", tmp_path / "out2", args=("--fatal-warnings",))
    assert ci.returncode == 1
    report = ci.log.split("Build failed:")[1]
    assert "warning(s), treated as errors (--fatal-warnings)" in report
    assert "Unable to find '/news/2020/nope.md'" in report
    assert "Empty alt attribute for image none.png" in report
    assert "Traceback" not in ci.log


def test_production_build_of_the_site_has_no_warnings(tmp_path):
    build = build_site(ROOT / "content", tmp_path / "output", settings="publishconf.py",
                       args=("--fatal-warnings",))
    assert build.returncode == 0, build.log
