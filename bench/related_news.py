"""Related news: does it stay within a story series, and what does it cost?

    .venv/bin/python bench/related_news.py --n 1000 --n 10000 [--sample newest|even]
    .venv/bin/python bench/related_news.py --terms-from <segments-*.sqlite>

For each N: N archive articles (by default the newest N, a site that has
published them; `--sample even` takes scale.py's evenly spaced ones), built
from scratch without thai_related and with it, then rebuilt with and
without it after one edited article (rebuild.py's edit). The table gives
each build's seconds and peak memory and the plugin's own time.

The judged check: story series are found by rule in the titles (below);
an article of a series is judged by the first k links of its
#related-news, k = 3, or fewer when the series has fewer other titles:
precision@3 is the share of them in the same series, averaged over those
articles.

A series is a programme or event name that titles repeat: the words right
after โครงการ, or a quoted name after โครงการ / มาตรการ / แคมเปญ / นโยบาย /
กิจกรรม, or an upper-case Latin name after them, or any quoted name of two
words or more (or 12 letters), that at least two titles introduce so, and
that the archive writes as a name at least half the times it writes it
(after one of those words, or in quotes): not a single dictionary word, not
a person (a title such as รมว. or นาย first, or a name in PyThaiNLP's lists
of Thai names), not two names joined by a dash. Its articles are those
whose title holds the name (spaces and dashes aside): at least 3 distinct
titles, at most 1 % of the articles (and 20).

`--terms-from` times the related computation alone on the terms a build's
segmentation cache holds (bench/work/scale-all's, for all 63k articles):
every list from scratch, then after one edited and one added article, and
the memory it adds.
"""

from __future__ import annotations

import argparse
import collections
import marshal
import re
import shutil
import sqlite3
import sys
import time
import unicodedata
import zlib
from pathlib import Path

from bs4 import BeautifulSoup

sys.path.insert(0, str(Path(__file__).resolve().parent))
import lib  # noqa: E402

sys.path.insert(0, str(lib.ROOT / "plugins"))
from thai_related import related  # noqa: E402
from thai_related.incremental import update  # noqa: E402

STEP = re.compile(r"thai_related: \d+ articles \(\d+ changed, \d+ rarity levels moved\); "
                  r"(\d+) lists ranked in ([\d.]+) s")
INTRO = r"(?:โครงการ|มาตรการ|แคมเปญ|นโยบาย|กิจกรรม)"
PROGRAMME = re.compile(
    r"โครงการ\s?(?:[“\"]([^”\"]{3,60})[”\"]|([^\s“”\"()\[\],:]{3,40}))"
    rf"|{INTRO}\s?(?:[“\"]([^”\"]{{3,60}})[”\"]|([A-Z][A-Z0-9-]{{2,20}})(?![A-Za-z]))")
QUOTED = re.compile(r"[“\"]([^”\"]{4,60})[”\"]")
PERSON = re.compile(r"^(?:นาย|นาง|ดร\.|พล\.|พ\.|ร\.|รมว|รมช|รมต|นายก|รองนายก|ปลัด|ทปษ|อธิบดี|"
                    r"ผู้ว่า|ผวจ|โฆษก|รองโฆษก|ผอ|เลขา|ม\.ร\.ว|หม่อม|คุณ|ท่าน|รอง)")
FUNCTION = ("ของ", "เพื่อ", "ใน", "ที่", "และ", "จาก", "ตาม", "อัน", "การ", "ให้", "ด้าน", "เรื่อง",
            "ระดับ", "ประจำ")


def norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).replace("''", '"').split())


def squeeze(text: str) -> str:
    return re.sub(r"[\s\-–]+", "", text)


class Rule:
    def __init__(self):
        from pythainlp.corpus import (
            thai_family_names,
            thai_female_names,
            thai_male_names,
            thai_words,
        )

        self.words = frozenset(thai_words())
        self.people = (frozenset(thai_family_names()) | frozenset(thai_male_names())
                       | frozenset(thai_female_names()))

    def names(self, title: str) -> set[str]:
        """The programme and event names a title introduces."""
        found = set()
        for m in PROGRAMME.finditer(title):
            name = " ".join((m[1] or m[2] or m[3] or m[4]).split())
            if (PERSON.match(name) or name in self.words or len(name) < 4
                    or name.startswith(FUNCTION)):
                continue
            if re.fullmatch(r"[A-Za-z]+", name) and not name.isupper():
                continue
            found.add(name)
        for m in QUOTED.finditer(title):
            name = re.sub(rf"^{INTRO}\s?", "", " ".join(m[1].split()))
            if (PERSON.match(name) or name in self.words
                    or re.fullmatch(r"[^\s\-–]+\s?[\-–]\s?[^\s\-–]+", name)
                    or any(w in self.people for w in re.split(r"[\s\-–]+", name))):
                continue
            if " " in name or len(name) >= 12:
                found.add(name)
        return found

    def series(self, titles: list[str], texts: list[str]) -> dict[str, set[int]]:
        """Series name -> the articles (indexes) whose title holds it."""
        titles = [norm(t) for t in titles]
        introduced = collections.Counter(n for t in set(titles) for n in self.names(t))
        texts = [norm(t) for t in texts]
        squeezed = [squeeze(t) for t in titles]
        found = {}
        for name, times in sorted(introduced.items()):
            if times < 2 or not _name_like(name, texts):
                continue
            key = squeeze(name)
            latin = re.fullmatch(r"[A-Za-z0-9.]+", key)
            members = {i for i, t in enumerate(squeezed) if (
                re.search(rf"(?<![A-Za-z]){re.escape(key)}(?![A-Za-z])", t) if latin
                else key in t)}
            if len({titles[i] for i in members}) >= 3 and \
                    len(members) <= max(20, 0.01 * len(titles)):
                found.setdefault(key, (name, members))  # one name, with or without spaces
        return dict(found.values())


def _name_like(name: str, texts: list[str]) -> bool:
    """Whether the archive writes the name as a name at least half the times."""
    plain = re.compile(re.escape(name))
    named = re.compile(rf"{INTRO}\s?[“\"‘']?{re.escape(name)}|[“\"‘']{re.escape(name)}[”\"’']")
    total = sum(len(plain.findall(t)) for t in texts)
    return bool(total) and 2 * sum(len(named.findall(t)) for t in texts) >= total


def judge(titles: list[str], lists: list[list[int]], series: dict[str, set[int]]
          ) -> tuple[float, int, dict[str, float]]:
    """(precision@3 over the articles of series, how many, per series)."""
    normed = [norm(t) for t in titles]
    member: dict[int, set[int]] = collections.defaultdict(set)
    for members in series.values():
        for i in members:
            member[i] |= members
    scores = {}
    for i, relevant in member.items():
        others = {normed[j] for j in relevant} - {normed[i]}
        k = min(3, len(others))
        if k:
            scores[i] = sum(1 for j in lists[i][:k] if j in relevant) / k
    by_series = {name: lib.median([scores[i] for i in members if i in scores])
                 for name, members in series.items()}
    return sum(scores.values()) / max(1, len(scores)), len(scores), by_series


def prepare(n: int, sample: str, work: Path) -> Path:
    files = lib.archive_files()
    chosen = files[-n:] if sample == "newest" else files[:: max(1, len(files) // n)][:n]
    content = work / "content"
    shutil.rmtree(content, ignore_errors=True)
    shutil.copytree(lib.ROOT / "content" / "pages", content / "pages")
    shutil.copytree(lib.ROOT / "content" / "search", content / "search")
    src = work / "src"
    shutil.rmtree(src, ignore_errors=True)
    for f in chosen:
        target = src / f.relative_to(lib.ARCHIVE)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(f, target)
    from newsroom.thaigov_import import run_import

    with open("/dev/null", "w") as sink:
        run_import(src, content / "news", out=sink)
    return content


def read_site(output: Path) -> tuple[list[str], list[list[int]], int]:
    """Titles and related lists (as indexes) of the built article pages, and
    how many pages have a #related-news."""
    pages = [p for p in sorted(output.glob("news/*/*/*/index.html"))
             if re.fullmatch(r"\d\d", p.parent.parent.name)]  # not news/<year>/page/<n>/
    urls = {"/" + p.parent.relative_to(output).as_posix() + "/": i for i, p in enumerate(pages)}
    titles, lists, shown = [], [], 0
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        titles.append(soup.select_one("h1").get_text(" ", strip=True))
        nav = soup.select_one("#related-news")
        shown += nav is not None
        lists.append([urls[a["href"]] for a in nav.select("a[href]")] if nav else [])
    return titles, lists, shown


def measure(n: int, sample: str) -> tuple[list[str], list[str]]:
    work = lib.WORK / f"related-{sample}-{n}"
    content = prepare(n, sample, work)
    articles = sum(1 for _ in (content / "news").rglob("*.md"))
    sys.path.insert(0, str(lib.ROOT))
    import pelicanconf

    plugins = [p for p in pelicanconf.PLUGINS if p != "thai_related"]
    runs = {}
    for label, extra in (("without", {"PLUGINS": plugins}), ("with", {})):
        out, cache = work / f"{label}-output", work / f"{label}-cache"
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(cache, ignore_errors=True)
        full = lib.build(content, out, cache, extra=extra)
        runs[label] = [full]
        print(f"{n} {sample} {label}: full {full[0]:.1f} s", flush=True)
    edited = sorted((content / "news").rglob("*.md"))[articles // 2]
    edited.write_text(edited.read_text("utf-8") + "\nย่อหน้าที่แก้ไขเพื่อทดสอบ\n", "utf-8")
    for label, extra in (("without", {"PLUGINS": plugins}), ("with", {})):
        rebuild = lib.build(content, work / f"{label}-output", work / f"{label}-cache",
                            extra=extra)
        runs[label].append(rebuild)
        print(f"{n} {sample} {label}: rebuild {rebuild[0]:.1f} s", flush=True)
    step = [STEP.search(log) for _, _, log in runs["with"]]
    titles, lists, shown = read_site(work / "with-output")
    texts = [p.read_text("utf-8") for p in sorted((content / "news").rglob("*.md"))]
    series = Rule().series(titles, texts)
    precision, judged, by_series = judge(titles, lists, series)
    (full_off, rebuild_off), (full_on, rebuild_on) = runs["without"], runs["with"]
    row = (f"| {articles:,} ({sample}) | {full_off[0]:.1f} | {full_on[0]:.1f} | "
           f"{float(step[0][2]):.1f} | {rebuild_off[0]:.1f} | {rebuild_on[0]:.1f} | "
           f"{float(step[1][2]):.1f} ({step[1][1]} lists) | {full_off[1] // 1024} / "
           f"{full_on[1] // 1024} | {shown / max(1, len(titles)):.0%} | "
           f"{sum(map(len, lists)) / max(1, len(lists)):.1f} | {len(series)} | {judged} | "
           f"{precision:.3f} |")
    detail = [f"{n} ({sample}): " + "; ".join(
        f"{name} {len(series[name])} ({score:.2f})"
        for name, score in sorted(by_series.items(), key=lambda kv: (kv[1], kv[0])))]
    return [row], detail


def from_cache(path: Path) -> list[str]:
    """Time the related computation alone on a segmentation cache's terms."""
    def rss(field: str) -> int:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field):
                return int(line.split()[1]) // 1024
        return 0

    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    pool: dict[str, str] = {}
    docs, keys = [], []
    for key, value in db.execute("SELECT key, value FROM store ORDER BY key"):
        _, fields, _ = marshal.loads(zlib.decompress(value))
        title, body = ([*map(pool.setdefault, f, f)] for f in (fields[0], fields[2]))
        # The archive's meta field is its category alone, whose words the plugin leaves out.
        docs.append(related.Doc(key, float(len(docs)), title, [], body))
        keys.append(key)
    base = rss("VmRSS")
    settings = dict(related.DEFAULTS)
    rows = []
    started = time.perf_counter()
    _, state, counts = update(None, "v", docs, keys, settings, processes=2)
    rows.append(("every list from scratch (2 processes)", time.perf_counter() - started, counts))
    blob = marshal.dumps(state)
    started = time.perf_counter()
    state = marshal.loads(blob)
    loaded = time.perf_counter() - started
    d = docs[len(docs) // 2]
    docs[len(docs) // 2] = related.Doc(d.id, d.date, d.title, d.meta,
                                       [*d.body, "ย่อหน้า", "ที่", "แก้ไข", "เพื่อ", "ทดสอบ"])
    keys[len(docs) // 2] += "-edited"
    started = time.perf_counter()
    _, state, counts = update(state, "v", docs, keys, settings, processes=2)
    rows.append(("after one edited article", time.perf_counter() - started, counts))
    other = docs[len(docs) // 3]
    docs.append(related.Doc("added", float(len(docs)), other.title, other.meta,
                            list(other.body[:200])))
    keys.append("added")
    started = time.perf_counter()
    _, state, counts = update(state, "v", docs, keys, settings, processes=2)
    rows.append(("after one added article", time.perf_counter() - started, counts))
    started = time.perf_counter()
    blob = marshal.dumps(state)
    saved = time.perf_counter() - started
    lines = [f"Terms of {len(docs) - 1:,} articles from {path.name} (dates: cache order), "
             f"{lib.git_head()}; default THAI_RELATED.", "",
             "| run | seconds | changed | lists ranked | levels moved |", "|---|---|---|---|---|"]
    lines += [f"| {name} | {secs:.1f} | {c['changed']} | {c['ranked']} | {c['levels']} |"
              for name, secs, c in rows]
    lines += ["", f"State kept between builds: {len(blob) / 2**20:.0f} MB; marshal load "
              f"{loaded:.1f} s, dump {saved:.1f} s. Memory: {base} MB with the terms "
              f"loaded, peak {rss('VmHWM')} MB (the ranking's worker processes not "
              "counted)."]
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, action="append")
    parser.add_argument("--sample", choices=["newest", "even"], action="append")
    parser.add_argument("--terms-from", type=Path)
    args = parser.parse_args()
    if args.terms_from:
        lines = from_cache(args.terms_from)
        lib.save_table("related-news-63k-terms", "Related news: the computation alone", lines)
        return
    rows, details = [], []
    for sample in args.sample or ["newest"]:
        for n in args.n or [1000, 10000]:
            row, detail = measure(n, sample)
            rows += row
            details += detail
    lines = [f"Code {lib.git_head()}; default THAI_RELATED. Builds from scratch, then a "
             "rebuild after one edited article, without thai_related and with it "
             "(sequential, same machine; the other builds of the machine make the totals "
             "noisy: the plugin's own time is the figure to read).", "",
             "| articles | full without s | full with s | of which related s | rebuild "
             "without s | rebuild with s | of which related s | peak MB without / with | "
             "pages with a list | links a page | series | judged articles | precision@3 |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|", *rows, "",
             "Series (articles, median precision@3 of their articles):", "",
             *[f"- {d}" for d in details]]
    name = "-".join(f"{s}-{n}" for s in (args.sample or ["newest"]) for n in (args.n or []))
    lib.save_table(f"related-news-{name or 'default'}", "Related news: series check and cost",
                   lines)


if __name__ == "__main__":
    main()
