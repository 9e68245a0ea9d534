"""Regenerate bench/queries.json: the query collection and its judgments.

The judged articles are the project's own (content/news and the search test
fixture), whose text we wrote. An article is relevant to a query when its
normalized text contains the query's word (for a phrase: every word; for a
variant or abbreviation: any form of the group; for a prefix: the whole
word the reader is typing; for a glued phrase: its words side by side,
glued or one space apart). Negative queries must find nothing; each is
checked here to be no index term of any article. Each query keeps its
rule, so bench/search_quality.py can judge a site with archive articles
added the same way.

    .venv/bin/python bench/make_queries.py
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from pelican.plugins.thai_search.normalize import normalize
from pelican.plugins.thai_search.segment import Segmenter, read_word_list
from pelican.plugins.thai_search.variants import load_variants

ROOT = Path(__file__).resolve().parent.parent

WORDS = ("ทุเรียน น้ำท่วม ไซเบอร์ ยาเสพติด ทุนการศึกษา ลอยกระทง สงกรานต์ ไข้เลือดออก "
         "ค่าไฟฟ้า ประมง พลาสติก วัคซีน ข่าวปลอม ชายแดน อาชีวศึกษา เบี้ยยังชีพ ตลาดน้ำ "
         "เสือโคร่ง ภัยหนาว รถไฟ").split()
PHRASES = {
    "ส่งออกทุเรียน": ["ส่งออก", "ทุเรียน"], "ส่งออก ทุเรียน": ["ส่งออก", "ทุเรียน"],
    # Spaced: these words are apart in our articles (glued, they find nothing).
    "วัคซีน ผู้สูงอายุ": ["วัคซีน", "ผู้สูงอายุ"], "ตลาดน้ำอัมพวา": ["ตลาดน้ำ", "อัมพวา"],
    "รถไฟทางคู่": ["รถไฟทางคู่"], "ไข้เลือดออก ฤดูฝน": ["ไข้เลือดออก", "ฤดูฝน"],
    "ค่าไฟฟ้า ครัวเรือน": ["ค่าไฟฟ้า", "ครัวเรือน"], "ยาเสพติด ชายแดน": ["ยาเสพติด", "ชายแดน"],
    "ทุนการศึกษา ครู": ["ทุนการศึกษา", "ครู"],
}
NAMES = ["อัมพวา", "สมุทรสงคราม", "ชูชัยบุรีศรีอัมพวา", "เชียงราย", "จันทบุรี"]
PREFIXES = {"อุตสา": "อุตสาหกรรม", "ทางคู": "ทางคู่", "ไข้เลือด": "ไข้เลือดออก",
            "สงกรา": "สงกรานต์", "ทุนการศึ": "ทุนการศึกษา", "ลอยกระ": "ลอยกระทง",
            "อาชีวศ": "อาชีวศึกษา"}
# Latin queries are judged by every form of their variant group.
LATIN = {"SME": ["sme", "smes", "เอสเอ็มอี", "วิสาหกิจขนาดกลางและขนาดย่อม"],
         "COVID-19": ["covid", "โควิด", "โคโรนา"], "4.0": ["4.0"], "Line@": ["line@"],
         "PDPA": ["pdpa"], "ETDA": ["etda"],
         "Facebook": ["facebook", "เฟซบุ๊ก", "เฟสบุ๊ค", "เฟซบุ๊ค"], "๒๕๖๗": ["2567"]}
GROUPS = {"ดิจิทัล": ["ดิจิทัล", "ดิจิตอล"], "โซเชียล": ["โซเชียล", "โซเชี่ยล"],
          "อินเทอร์เน็ต": ["อินเทอร์เน็ต", "อินเตอร์เน็ต"], "เว็บไซต์": ["เว็บไซต์", "เว็บไซท์"],
          "บ่อย": ["บ่อย ๆ", "บ่อยๆ"], "โควิด": ["โควิด", "covid"],
          "ครม": ["ครม.", "คณะรัฐมนตรี"], "อุต": ["ก.อุตฯ", "กระทรวงอุตสาหกรรม"],
          "สธ": ["สธ.", "กระทรวงสาธารณสุข"], "ททท": ["ททท.", "การท่องเที่ยวแห่งประเทศไทย"],
          "ธกส": ["ธ.ก.ส.", "ธนาคารเพื่อการเกษตรและสหกรณ์การเกษตร"]}
VARIANTS = {"ดิจิตอล": "ดิจิทัล", "ดิจิทัล": "ดิจิทัล", "โซเชียล": "โซเชียล",
            "โซเชี่ยล": "โซเชียล", "อินเตอร์เน็ต": "อินเทอร์เน็ต", "อินเทอร์เน็ต": "อินเทอร์เน็ต",
            "เว็บไซท์": "เว็บไซต์", "เว็บไซต์": "เว็บไซต์", "บ่อยๆ": "บ่อย", "บ่อย ๆ": "บ่อย",
            "โควิด": "โควิด"}
ABBREVIATIONS = {"ครม.": "ครม", "คณะรัฐมนตรี": "ครม", "ก.อุตฯ": "อุต",
                 "กระทรวงอุตสาหกรรม": "อุต", "สธ.": "สธ", "กระทรวงสาธารณสุข": "สธ",
                 "ททท": "ททท", "การท่องเที่ยวแห่งประเทศไทย": "ททท", "ธ.ก.ส.": "ธกส",
                 "ธกส": "ธกส"}
NEGATIVE = ["หวัด", "ประชา", "ทรวง", "บาล", "ฟุตบอล", "ไดโนเสาร์", "บิตคอยน์",
            "แผ่นดินไหว", "xylophone", "โปเกมอน", "ไวกิ้ง"]


def contains(text: str, form: str) -> bool:
    """Normalized text has the form; a Latin or digit edge must not continue a word."""
    form = normalize(form)
    left = r"(?<![a-z0-9.])" if re.match(r"[a-z0-9]", form) else ""
    right = r"(?![a-z0-9])" if re.search(r"[a-z0-9]$", form) else ""
    return re.search(left + re.escape(form) + right, text) is not None


def stands_together(blocks: list[str], words) -> bool:
    """One normalized block (read_blocks) has the words side by side, glued
    or one space apart."""
    pattern = re.compile(" ?".join(re.escape(normalize(w)) for w in words))
    return any(pattern.search(block) for block in blocks)


def read_blocks(paths) -> dict[str, list[str]]:
    """slug -> normalized blocks, as the index keeps words apart: the title,
    the summary, each tag, the category, each line of the body."""
    out = {}
    for path in sorted(paths):
        if path.name.startswith("_"):
            continue
        header, body = path.read_text("utf-8").split("\n\n", 1)
        meta = dict(line.split(": ", 1) for line in header.splitlines() if ": " in line)
        blocks = [meta["Title"], meta.get("Summary", ""), *meta.get("Tags", "").split(","),
                  meta["Category"], *re.sub(r"<[^>]+>|\\", " ", body).splitlines()]
        out[meta.get("Slug") or path.stem] = [b for b in map(normalize, blocks) if b]
    return out


def read_articles(paths) -> dict[str, tuple[str, str]]:
    """slug -> (title, searchable text: title, summary, tags, category, body)."""
    out = {}
    for path in sorted(paths):
        if path.name.startswith("_"):
            continue
        header, body = path.read_text("utf-8").split("\n\n", 1)
        meta = dict(line.split(": ", 1) for line in header.splitlines() if ": " in line)
        text = " ".join([meta["Title"], meta.get("Summary", ""), meta.get("Tags", ""),
                         meta["Category"], re.sub(r"<[^>]+>|\\", " ", body)])
        out[meta.get("Slug") or path.stem] = (meta["Title"], text)
    return out


def main():
    tables = ROOT / "content/search"
    segmenter = Segmenter(read_word_list(tables / "words.txt"),
                          load_variants([tables / "variants.txt", tables / "abbreviations.txt"]))
    texts, terms = {}, {}
    own = [*(ROOT / "content/news").glob("*/*.md"),
           *(ROOT / "tests/fixtures/search_site/news").glob("*.md")]
    for slug, (_title, text) in read_articles(own).items():
        texts[slug] = normalize(text)
        terms[slug] = set(segmenter.terms(text))

    def having(*forms):
        return sorted(s for s, t in texts.items() if any(contains(t, f) for f in forms))

    def all_of(*words):
        return sorted(s for s, t in texts.items() if all(contains(t, w) for w in words))

    blocks = read_blocks(own)

    def together(*words):
        return sorted(s for s, b in blocks.items() if stands_together(b, words))

    rules = []
    rules += [("word", w, {"any": [w]}) for w in WORDS]
    # A glued phrase is one idea: its words must stand together (README,
    # matching rules); a spaced one needs its words anywhere.
    rules += [("phrase", q, {"together" if " " not in q else "all": ws})
              for q, ws in PHRASES.items()]
    rules += [("name", w, {"any": [w]}) for w in NAMES]
    rules += [("name", "กรุงเทพมหานคร", {"any": ["กรุงเทพมหานคร", "กทม.", "กรุงเทพ"]})]
    rules += [("prefix", p, {"any": [full]}) for p, full in PREFIXES.items()]
    rules += [("latin", q, {"any": forms}) for q, forms in LATIN.items()]
    rules += [("variant", q, {"any": GROUPS[g]}) for q, g in VARIANTS.items()]
    rules += [("abbreviation", q, {"any": GROUPS[g]}) for q, g in ABBREVIATIONS.items()]
    judges = {"any": having, "all": all_of, "together": together}
    queries = [(kind, q, judges[next(iter(rule))](*next(iter(rule.values()))), rule)
               for kind, q, rule in rules]
    for word in NEGATIVE:
        found = [s for s, t in terms.items() if normalize(word) in t]
        if found:
            raise SystemExit(f"negative query {word!r} is a term of {found}")
        queries.append(("negative", word, [], {"none": [word]}))
    empty = [q for kind, q, rel, _ in queries if kind != "negative" and not rel]
    if empty:
        raise SystemExit(f"no relevant article for {empty}")
    collection = {
        "about": "Query collection with relevance judgments over the project's own "
                 "articles; generated by bench/make_queries.py (see its docstring).",
        "queries": [{"type": k, "query": q, "relevant": r, "rule": rule}
                    for k, q, r, rule in queries],
    }
    out = ROOT / "bench/queries.json"
    out.write_text(json.dumps(collection, ensure_ascii=False, indent=1) + "\n", "utf-8")
    print(f"{len(queries)} queries written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
