"""Related news, the pure functions (plugins/thai_related/related.py and
incremental.py): fixture articles segmented as the search segments them,
ranked; and every rebuild's lists equal to those of a build from scratch.
No Pelican: tests/test_related_build.py builds the site."""

from __future__ import annotations

import marshal
import os
import random
from datetime import datetime
from types import SimpleNamespace

import pytest

from pelican.plugins.thai_search.extract import BLOCK_BREAK
from pelican.plugins.thai_search.options import SettingsError
from pelican.plugins.thai_search.segment import Segmenter
from sitebuild import ROOT
from thai_related import incremental, related
from thai_related.incremental import update
from thai_related.related import Doc, shown
from thai_related.thai_related import configure

FIXTURE = ROOT / "tests" / "fixtures" / "related_site" / "news"
SETTINGS = dict(related.DEFAULTS)
# Each story's articles; a list in a list holds copies (the same title, or
# the same body under another title), which count as one.
STORIES = {
    "half": [["half-approve", "half-approve-repost"], ["half-shops"], ["half-spending"],
             ["half-deadline"]],
    "durian": [["durian-china"], ["durian-customs"], ["durian-young"], ["durian-record"]],
    "dengue": [["dengue-warning", "dengue-notice"], ["dengue-patients"], ["dengue-volunteers"]],
}


# Words of any news story: an archive has them everywhere, and so has the
# fixture, with background articles (so only the stories' own words are rare).
COMMON = ("ที่ ได้ ใน ของ การ และ ให้ เป็น มี จะ ว่า ไป ก่อน ถูก โดย จาก กับ เพื่อ ทุก ต้อง "
          "รัฐบาล ประชาชน กระทรวง เห็นชอบ คณะรัฐมนตรี ประเทศ ไทย โครงการ ตรวจ เตือน ใช้ ชวน "
          "กว่า คาด ช่วง บาท ร้านค้า ผ่าน ตลาด จังหวัด พื้นที่ เจ้าหน้าที่ ภาค คุณภาพ มาตรฐาน "
          "สิทธิ ผู้ ร่วม ช่วย เร่ง รายงาน เพิ่มขึ้น บ้าน ชุมชน ทั่วประเทศ ประชุม นายก").split()
CATEGORIES = ["ด้านเศรษฐกิจ", "ด้านสังคม", "ด้านวัฒนธรรมท่องเที่ยวฯ", "ด้านความมั่นคง"]


def background(n: int = 40) -> dict[str, str]:
    """n articles of common words only, always in the same order (so their
    pairs are as common as they are), as Markdown files by name."""
    words = COMMON * 3
    files = {}
    for i in range(n):
        at = i % len(COMMON)
        title = " ".join(words[at:at + 6])
        body = "\n\n".join(" ".join(words[at + k:at + k + 30]) for k in (0, 30))
        files[f"background-{i:02d}.md"] = (
            f"Title: {title} ฉบับที่ {i}\nDate: 2022-{1 + i % 12:02d}-{1 + i % 28:02d} 08:00\n"
            f"Category: {CATEGORIES[i % 4]}\nSlug: background-{i:02d}\n\n{body}\n")
    return files


def _split(text: str) -> tuple[dict, str]:
    head, _, body = text.partition("\n\n")
    fields = dict(line.split(": ", 1) for line in head.splitlines())
    return fields, body


@pytest.fixture(scope="module")
def docs() -> list[Doc]:
    """The fixture articles, oldest first, as the search's segmented signal gives them."""
    segmenter = Segmenter()
    found = []
    texts = [path.read_text(encoding="utf-8") for path in sorted(FIXTURE.glob("*.md"))]
    for text in [*texts, *background().values()]:
        fields, body = _split(text)
        tags = [t.strip() for t in fields.get("Tags", "").split(",") if t.strip()]
        meta = BLOCK_BREAK.join(tags)  # the plugin leaves the category's terms out
        found.append(Doc(fields["Slug"], datetime.fromisoformat(fields["Date"]).timestamp(),
                         segmenter.terms(fields["Title"]), segmenter.terms(meta),
                         segmenter.terms(BLOCK_BREAK.join(body.split("\n\n")))))
    return sorted(found, key=lambda d: (d.date, d.id))


def _lists(docs: list[Doc], settings: dict = SETTINGS) -> dict[str, list[str]]:
    """Article id -> the ids its page lists, from scratch."""
    ranked, _, _ = update(None, "v", docs, [d.id for d in docs], settings)
    return {d.id: [docs[j].id for j in shown(found, settings)]
            for d, found in zip(docs, ranked, strict=True)}


def test_each_story_lists_its_own_articles_first(docs):
    lists = _lists(docs)
    for story, groups in STORIES.items():
        members = {a for group in groups for a in group}
        for group in groups:
            for article in group:
                first = lists[article][:min(3, len(groups) - 1)]
                assert set(first) <= members - set(group), (story, article, lists[article])


def test_never_itself_nor_a_duplicate(docs):
    lists = _lists(docs)
    for article, listed in lists.items():
        assert article not in listed
        assert len(set(listed)) == len(listed)
    # A repost (the same title) and a copy under another title (the same body).
    assert "half-approve-repost" not in lists["half-approve"]
    assert "half-approve" not in lists["half-approve-repost"]
    assert "dengue-notice" not in lists["dengue-warning"]
    assert "dengue-warning" not in lists["dengue-notice"]
    # Another article lists one of the two copies, never both: the newer.
    for article in ("half-shops", "half-spending", "half-deadline"):
        assert "half-approve-repost" in lists[article]
        assert "half-approve" not in lists[article]


def _synthetic(title_of_p: list[str], body_of_p: list[str], title_of_q: list[str],
               body_of_q: list[str], q_date: float = 2.0) -> list[Doc]:
    """Article d, candidates p and q, and filler that makes the common words common."""
    filler = [Doc(f"f{i}", 0.0, ["ข่าว", "ประจำวัน", f"เรื่อง{i}"], [],
                  ["ประชาชน", "ได้รับ", "ข่าว", f"ลำดับ{i}", f"ที่{i}"]) for i in range(12)]
    return [*filler,
            Doc("d", 5.0, ["ทุเรียน", "ส่งออก", "จีน"], [], ["ทุเรียน", "ส่งออก", "ข่าว"]),
            Doc("p", 1.0, title_of_p, [], body_of_p),
            Doc("q", q_date, title_of_q, [], body_of_q)]


def test_the_title_counts_more_than_the_body():
    docs = _synthetic(["ทุเรียน", "มังคุด"], ["ผลไม้", "ตลาด", "ข่าว"],
                      ["มังคุด", "ผลไม้"], ["ทุเรียน", "ตลาด", "ข่าว"])
    assert _lists(docs)["d"][:2] == ["p", "q"]


def test_rare_shared_words_count_more_than_common_ones():
    docs = _synthetic(["ส่งออก", "ข้าว"], ["ข่าว", "ตลาด"], ["ทุเรียน", "ข้าว"], ["ข่าว", "ตลาด"])
    docs += [Doc(f"s{i}", 0.0, ["ส่งออก", f"สินค้า{i}"], [], ["ข่าว"]) for i in range(6)]
    assert _lists(docs)["d"][0] == "q"  # ทุเรียน is in 2 articles, ส่งออก in 8


def test_newer_wins_a_tie():
    # p and q each share one word of d's, as rare and as often, in the same places.
    docs = _synthetic(["ทุเรียน", "ข้าว"], ["ตลาด"], ["ส่งออก", "ข้าว"], ["ตลาด"], q_date=3.0)
    assert _lists(docs)["d"][:2] == ["q", "p"]
    older = _synthetic(["ทุเรียน", "ข้าว"], ["ตลาด"], ["ส่งออก", "ข้าว"], ["ตลาด"], q_date=0.5)
    assert _lists(older)["d"][:2] == ["p", "q"]


def test_three_always_then_only_close_ones():
    settings = {**SETTINGS, "least": 3, "keep": 0.5}
    assert shown([(0.9, 1), (0.5, 2), (0.1, 3), (0.46, 4), (0.44, 5)], settings) == [1, 2, 3, 4]
    assert shown([(0.2, 1)], settings) == [1]
    assert shown([], settings) == []


def test_an_article_sharing_no_rare_word_lists_nothing():
    docs = _synthetic(["ทุเรียน"], ["ข่าว"], ["ข้าว"], ["ข่าว"])
    docs.append(Doc("alone", 1.0, ["เรื่องเฉพาะ"], [], ["ข่าว", "ประชาชน"]))
    assert _lists(docs)["alone"] == []


def _words(rng: random.Random, n: int) -> list[str]:
    """Words of a small language whose frequencies fall off like a real one's."""
    return [f"ค{min(int(rng.paretovariate(1.1)), 400)}" for _ in range(n)]


def _mutate(rng: random.Random, docs: list[Doc], keys: list[str], step: int) -> None:
    """One edit as an editor makes it: a body, a title (sometimes to another
    article's), a date; an article added (sometimes a copy) or removed."""
    i = rng.randrange(len(docs))
    d = docs[i]
    kind = rng.choice(["body", "title", "date", "add", "copy", "remove"])
    if kind == "body":
        docs[i] = Doc(d.id, d.date, d.title, d.meta, [*d.body, *_words(rng, 5)])
    elif kind == "title":
        title = rng.choice(docs).title if rng.random() < 0.3 else _words(rng, 6)
        docs[i] = Doc(d.id, d.date, title, d.meta, d.body)
    elif kind == "date":
        docs[i] = Doc(d.id, d.date + rng.choice([-1.0, 1.0]), d.title, d.meta, d.body)
    elif kind in ("add", "copy"):
        source = rng.choice(docs)
        copy = kind == "copy"
        new = Doc(f"n{step}-{rng.random()}", float(step), source.title if copy else _words(rng, 6),
                  source.meta, source.body if copy else _words(rng, 40))
        docs.append(new)
        keys.append(f"new{step}")
        return
    elif len(docs) > 3:
        del docs[i]
        del keys[i]
        return
    keys[i] = f"{keys[i]}+{step}"


@pytest.mark.parametrize("seed", range(4))
def test_every_rebuild_equals_a_build_from_scratch(seed, docs):
    """Edits one at a time, each kept state passed through marshal as the
    plugin stores it: every list (and score) is the one from scratch."""
    rng = random.Random(seed)
    settings = {**SETTINGS, "max_df_min": 4, "max_df": 0.05, "terms": 8}
    pool = list(docs) + [Doc(f"r{i}", float(i), _words(rng, 6), [], _words(rng, 40))
                         for i in range(60)]
    keys = [f"k{i}" for i in range(len(pool))]
    _, state, _ = update(None, "v", pool, keys, settings)
    for step in range(40):
        for _ in range(rng.choice([1, 1, 1, 3])):
            _mutate(rng, pool, keys, step)
        lists, state, counts = update(marshal.loads(marshal.dumps(state)), "v", pool, keys,
                                      settings)
        scratch, _, _ = update(None, "v", pool, keys, settings)
        assert lists == scratch, (seed, step, counts)


def test_worker_processes_rank_as_one_process_does(docs, monkeypatch):
    keys = [d.id for d in docs]
    alone, _, _ = update(None, "v", docs, keys, SETTINGS, processes=1)
    monkeypatch.setattr(incremental, "PARALLEL_FROM", 10)
    assert update(None, "v", docs, keys, SETTINGS, processes=2)[0] == alone


class _Lazy:
    """A doc whose terms are read when first asked for (as thai_related's
    _Article): in a forked ranking worker, never (read_all comes first)."""

    def __init__(self, doc, parent: int):
        self.id, self.date, self._doc = doc.id, doc.date, doc
        self._parent, self.read = parent, False

    def fill(self):
        self.read = True

    def _terms(self):
        if not self.read:  # a load: never in a worker
            assert os.getpid() == self._parent, "terms read in a ranking worker"
            self.read = True
        return self._doc

    title = property(lambda self: self._terms().title)
    meta = property(lambda self: self._terms().meta)
    body = property(lambda self: self._terms().body)


def test_documents_read_on_demand_are_all_read_before_workers_rank(docs, monkeypatch):
    keys = [d.id for d in docs]
    alone, _, _ = update(None, "v", docs, keys, SETTINGS, processes=1)
    monkeypatch.setattr(incremental, "PARALLEL_FROM", 10)
    lazy = [_Lazy(d, os.getpid()) for d in docs]
    calls = []

    def read_all():
        calls.append(True)
        for doc in lazy:
            doc.fill()

    assert update(None, "v", lazy, keys, SETTINGS, processes=2, read_all=read_all)[0] == alone
    assert calls  # every article new: all read at once, before ranking


def test_an_edit_ranks_again_only_the_lists_it_can_reach(docs):
    keys = [d.id for d in docs]
    _, state, counts = update(None, "v", docs, keys, SETTINGS)
    assert counts["ranked"] == len(docs)
    lists, again, counts = update(state, "v", docs, keys, SETTINGS)
    assert counts == {"articles": len(docs), "changed": 0, "ranked": 0, "levels": 0,
                      "same": True}
    edited = list(docs)
    at = next(i for i, d in enumerate(docs) if d.id == "songkran")
    d = docs[at]
    edited[at] = Doc(d.id, d.date, d.title, d.meta, [*d.body, "เทศกาล", "สงกรานต์"])
    _, _, counts = update(state, "v", edited, [*keys[:at], "edited", *keys[at + 1:]],
                          SETTINGS)
    assert counts["changed"] == 1 and counts["ranked"] < len(docs) // 2
    # Another version (settings, code, segmenter) ranks everything again.
    _, _, counts = update(state, "other", docs, keys, SETTINGS)
    assert counts["ranked"] == len(docs)


def test_settings_are_checked_at_start_up():
    pelican = SimpleNamespace(settings={"THAI_RELATED": {"least": 6}}, plugins=[])
    with pytest.raises(SettingsError, match=r"THAI_RELATED\['least'\] \(6\) must not be more"):
        configure(pelican)
    pelican.settings = {"THAI_RELATED": {"mots": 5}}
    with pytest.raises(SettingsError, match="unknown THAI_RELATED keys: mots"):
        configure(pelican)
