"""Pelican settings for local builds. publishconf.py overrides them for production."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent

SITENAME = "ศูนย์ข่าวรัฐบาล"
SITESUBTITLE = "ข่าวสารและการประชาสัมพันธ์ของรัฐบาลไทย"
SITEURL = ""
AUTHOR = "กองประชาสัมพันธ์"
DEFAULT_LANG = "th"
OG_LOCALE = "th_TH"
TIMEZONE = "Asia/Bangkok"
DEFAULT_DATE_FORMAT = "%Y-%m-%d"  # templates show Thai dates through filters

PATH = str(ROOT / "content")
OUTPUT_PATH = str(ROOT / "output")
THEME = str(ROOT / "theme")
PLUGIN_PATHS = [str(ROOT / "plugins")]
# Order matters where two plugins handle one signal; each plugin checks at
# start-up that what it needs comes first (docs/architecture.md).
PLUGINS = ["thai_news", "thai_speedups", "thai_sitemap", "thai_search", "thai_related",
           "thai_images", "thai_share", "thai_lang", "thai_cms", "thai_assets", "thai_offline"]

ARTICLE_PATHS = ["news"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images"]
IGNORE_FILES = [".#*", "_*"]
READERS = {"html": None, "rst": None}  # articles are Markdown only

# Stable, readable ASCII URLs. Slugs come from the thai_news plugin.
ARTICLE_URL = "news/{date:%Y}/{date:%m}/{slug}/"
ARTICLE_SAVE_AS = ARTICLE_URL + "index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = PAGE_URL + "index.html"
CATEGORY_URL = "category/{slug}/"
CATEGORY_SAVE_AS = CATEGORY_URL + "index.html"
CATEGORIES_URL = "category/"
CATEGORIES_SAVE_AS = CATEGORIES_URL + "index.html"
TAG_URL = "tag/{slug}/"
TAG_SAVE_AS = TAG_URL + "index.html"
TAGS_URL = "tag/"
TAGS_SAVE_AS = TAGS_URL + "index.html"
ARCHIVES_URL = "news/"
ARCHIVES_SAVE_AS = ARCHIVES_URL + "index.html"
YEAR_ARCHIVE_URL = "news/{date:%Y}/"
YEAR_ARCHIVE_SAVE_AS = YEAR_ARCHIVE_URL + "index.html"
MONTH_ARCHIVE_URL = "news/{date:%Y}/{date:%m}/"
MONTH_ARCHIVE_SAVE_AS = MONTH_ARCHIVE_URL + "index.html"
DAY_ARCHIVE_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
DRAFT_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""

# The thai_search plugin adds "search" and SEARCH_SAVE_AS (search.html).
DIRECT_TEMPLATES = ["index", "categories", "tags", "archives", "404", "robots"]
ROBOTS_SAVE_AS = "robots.txt"

DEFAULT_PAGINATION = 20
PAGINATED_TEMPLATES = {"index": None, "category": None, "tag": None, "period_archives": None}
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)

# Feeds: Atom for all news and per category; a bounded number of entries.
FEED_DOMAIN = "http://localhost:8000"  # absolute links inside feeds; publishconf sets the real one
FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = "feeds/category/{slug}.atom.xml"
FEED_ALL_RSS = None
CATEGORY_FEED_RSS = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
# A Thai-only site: no translations to match (Pelican's matching is
# quadratic in the number of articles: docs/build-performance.md).
ARTICLE_TRANSLATION_ID = None
PAGE_TRANSLATION_ID = None


def newest_first(article):
    """Article order: newest first; articles of the same date by slug.

    Pelican reads files in set order, which changes from run to run, so
    without a tie-break two same-day articles could swap places between
    builds (their neighbours and list pages with them).
    """
    return (-article.date.timestamp(), article.slug)


ARTICLE_ORDER_BY = newest_first
FEED_MAX_ITEMS = 50
RSS_FEED_SUMMARY_ONLY = True

JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}
SUMMARY_MAX_LENGTH = 60
TYPOGRIFY = False
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
GZIP_CACHE = False  # gzip makes saving a large archive's cache slow (docs/build-performance.md)
CACHE_PATH = str(ROOT / "cache" / "pelican")

MENUITEMS = (
    ("ข่าวทั้งหมด", "/news/"),
    ("หมวดข่าว", "/category/"),
)

THAI_NEWS = {
    "category_slugs": {
        "ด้านเศรษฐกิจ": "economy",
        "ด้านสังคม": "society",
        "ด้านความมั่นคง": "security",
        "ด้านการศึกษาฯ": "education",
        "ด้านวัฒนธรรมท่องเที่ยวฯ": "culture-tourism",
        "ด้านกฎหมายฯ": "law",
        "ข่าวคณะโฆษก": "spokesperson",
        "ข่าวนายกรัฐมนตรี": "prime-minister",
        "ข่าวทำเนียบรัฐบาล": "government-house",
        "ข่าวรอง นรม รมตนร": "deputy-prime-minister",
        "ข่าวรองนายกรัฐมนตรี รัฐมนตรีประจำสำนักนายกรัฐมนตรี": "deputy-pm-minister",
        "ทัน LINE ไทยคู่ฟ้า": "line-thaikhufa",
        "รายการวิทยุไทยคู่ฟ้า": "radio-thaikhufa",
        "รายการเสียงจากใจ ไทยคู่ฟ้า": "voice-thaikhufa",
        "คำกล่าวสุนทรพจน์": "speeches",
        "สรุปข่าวการประชุม ครม": "cabinet-meeting",
        "สรุปข่าวการประชุม ครม.": "cabinet-meeting-summary",
        "ชี้แจงประเด็นสำคัญ": "clarifications",
        "ปฏิรูปการศึกษาและสร้างสังคมแห่งการเรียนรู้ตลอดชีวิต": "education-reform",
        "การพัฒนาโครงสร้างพื้นฐาน": "infrastructure",
        "อื่นๆ": "other",
        "Government News": "government-news",
        "Cabinet Meeting Synopsis": "cabinet-synopsis",
        "Statements": "statements",
    },
}

# Self-hosted npm files (pinned in package-lock.json), copied into the output.
THAI_ASSETS = {
    "node_modules": str(ROOT / "node_modules"),
    "files": {
        "theme/vendor/sarabun/sarabun-thai-400-normal.woff2":
            "@fontsource/sarabun/files/sarabun-thai-400-normal.woff2",
        "theme/vendor/sarabun/sarabun-thai-700-normal.woff2":
            "@fontsource/sarabun/files/sarabun-thai-700-normal.woff2",
        "theme/vendor/sarabun/sarabun-latin-400-normal.woff2":
            "@fontsource/sarabun/files/sarabun-latin-400-normal.woff2",
        "theme/vendor/sarabun/sarabun-latin-700-normal.woff2":
            "@fontsource/sarabun/files/sarabun-latin-700-normal.woff2",
    },
}

# The web editor at /admin/ (Decap CMS, plugins/thai_cms/; defaults there):
# a form with the fields of the article template. The GitHub backend opens
# one pull request per article (replace the repository with your own;
# README: "The web editor"); `make edit` runs decap-server at local_backend.
THAI_CMS = {
    "template": str(ROOT / "content" / "news" / "_template.md"),
    "node_modules": str(ROOT / "node_modules"),
    "backend": {"name": "github", "repo": "ministry-news/news-site", "branch": "main"},
    "local_backend": "http://localhost:8081/api/v1",
}

THAI_SEARCH = {
    "word_list": "search/words.txt",
    "variant_tables": ["search/variants.txt", "search/abbreviations.txt"],
}
