"""CONTRIBUTING.md: Thai first, then English, and both explain every
message the checker can print."""

from __future__ import annotations

import re

from sitebuild import ROOT
from thai_core.rules import CODES

GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
THAI, ENGLISH = GUIDE.split("\n## English\n")


def test_thai_comes_first():
    assert re.search(r"[\u0e00-\u0e7f]", GUIDE.splitlines()[0])
    assert len(re.findall(r"[\u0e00-\u0e7f]", THAI)) > 5 * len(re.findall(r"[\u0e00-\u0e7f]",
                                                                          ENGLISH))


def test_every_rule_is_explained_in_both_languages():
    for part in (THAI, ENGLISH):
        documented = set(re.findall(r"^\| `([a-z-]+)` \|", part, re.M))
        assert documented == set(CODES)
        assert "`file-unreadable`" in part and "--fatal-warnings" in part


def test_the_guide_covers_the_editors_tasks():
    for part in (THAI, ENGLISH):
        for needle in ("Create new file", "Upload files", "content/images/", "make serve",
                       "invoke check", "--fix", "http.server 8000", "CODEOWNERS", "ImageAlt"):
            assert needle in part, needle


def test_levels_in_the_tables_match_the_rules():
    thai_level = {"ผิดพลาด": "error", "คำเตือน": "warning"}
    for code, level in re.findall(r"^\| `([a-z-]+)` \| (\S+) \|", THAI, re.M):
        assert thai_level[level] == CODES[code][0], code
    for code, level in re.findall(r"^\| `([a-z-]+)` \| (\S+) \|", ENGLISH, re.M):
        assert level == CODES[code][0], code
