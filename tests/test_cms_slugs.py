"""The web editor makes a new article's slug as `invoke new` does: the
browser's port of PyThaiNLP's newmm and Royal Institute romanization
(plugins/thai_cms/admin/newmm.js, romanize.js) gives, for every title, the
same romanized slug as thai_core.slugs.romanized_slug and the same unique
slug as newsroom.scaffold.slug_for.

The titles: every Title of content/, the category names, hostile ones
(digits, formatted numbers, Thai digits, emoji, abbreviations, spaces of
every kind, 200 characters) and a seeded batch of generated text from
PyThaiNLP's dictionary, Thai letters and marks, cut anywhere. (Before it
was committed, the port also agreed on 3,000 titles of the thaigov archive
and 2,000 more generated ones.) One node process for all of them.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
from importlib import resources

from pythainlp.corpus.common import thai_words

from newsroom.scaffold import slug_for
from sitebuild import ROOT
from thai_core.rules.header import parse_header
from thai_core.slugs import romanized_slug

BATCH = ROOT / "tests" / "js" / "slug-batch.mjs"
SEED = int(os.environ.get("CMS_SLUG_SEED", "19"))
HOSTILE = [
    "", "   ", "🎉🇹🇭", "ข่าว🎉ด่วน", "𝟎𝟏 ข่าว", "COVID-19 ระบาด 1,234.5 ราย เวลา 12:30น",
    "ปี๒๕๖๗ งบ 2567", "ครม. อนุมัติ ก.อุตฯ และ ธ.ก.ส.", "ข่าว\u00a0\u3000ด่วน\tมาก\n",
    "ภาพยนตร์ สามารถ กรรมการ พระราชบัญญัติ", "ๆ ฯ ฯลฯ", "เ" * 5 + "ก่" * 5,
    "นายกรัฐมนตรี" * 20, "ABC def_ghi", "ก", "ห", "ฤดูกาล ฤทธิ์",
]


def titles_of_content() -> list[str]:
    found = []
    for path in sorted((ROOT / "content").rglob("*.md")):
        header = parse_header(path.read_text(encoding="utf-8"))
        if header.value("title"):
            found.append(header.value("title"))
    return found


def generated(count: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    words = sorted(thai_words())
    letters = [chr(c) for c in range(0x0E01, 0x0E5C)]
    extras = [" ", "2567", "1,234.5", "COVID-19", "ฯ", "๒๕๖๗", "🎉", "ๆ", "12:30น", "ครม."]
    out = []
    for _ in range(count):
        parts = []
        for _ in range(rnd.randint(1, 8)):
            kind = rnd.random()
            if kind < 0.6:
                parts.append(rnd.choice(words))
            elif kind < 0.85:
                parts.append("".join(rnd.choice(letters) for _ in range(rnd.randint(1, 4))))
            else:
                parts.append(rnd.choice(extras))
        out.append("".join(parts))
    return out


def test_editor_slugs_are_invoke_new_slugs():
    from pelicanconf import THAI_NEWS

    titles = titles_of_content() + list(THAI_NEWS["category_slugs"]) + HOSTILE \
        + generated(200, SEED)
    # The names invoke new avoids, and one a title of content/ romanizes to
    # (as if its article had been made with invoke new): that title gets -2.
    taken = {path.stem for path in (ROOT / "content" / "news").glob("*/*.md")}
    taken.add(slug_for(titles[0], set()))
    words = resources.files("pythainlp.corpus") / "words_th.txt"
    with resources.as_file(words) as words_path:
        proc = subprocess.run(["node", str(BATCH), str(words_path)], capture_output=True,
                              text=True, input=json.dumps({"titles": titles,
                                                           "taken": sorted(taken)}),
                              timeout=120)
    assert proc.returncode == 0, proc.stderr
    answers = json.loads(proc.stdout)
    assert len(answers) == len(titles)
    wrong = []
    for title, answer in zip(titles, answers, strict=True):
        # invoke new folds the title's whitespace first (scaffold.create_article).
        expected = {"romanized": romanized_slug(title),
                    "slug": slug_for(" ".join(title.split()), taken)}
        if answer != expected:
            wrong.append((title, expected, answer))
    assert not wrong, f"CMS_SLUG_SEED={SEED}: {len(wrong)} differ, e.g. {wrong[:3]}"
    assert answers[0]["slug"].endswith("-2")  # the name taken: -2, as invoke new
