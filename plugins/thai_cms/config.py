"""What the build writes for the CMS, from the site's settings: Decap's
config (admin/config.json), the site data the admin page's own code reads
(admin/site.json) and the admin page's Content-Security-Policy.

Pure (no Pelican import): thai_cms.py gathers the paths and settings.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from thai_core.thai_date import BE_OFFSET, MONTHS, WEEKDAYS

from .fields import TemplateField, format_fields, news_fields, page_fields

FORMAT = "pelican"  # the custom format's name (registered by admin/cms.js)
# The year of the article's Date, written by admin/cms.js before a new entry
# is saved: Decap's own {{year}} is the year in UTC, a year early for an
# article dated 1 January before 07:00 in Bangkok.
PATH_YEAR = "path_year"
# The media folder's year: the Date field as written (dayjs, local time).
DATE_YEAR = "{{fields.date | date('YYYY')}}"
# Sources a policy must never have in script-src: inline or any-origin code.
FORBIDDEN_SCRIPT = frozenset({"'unsafe-inline'", "'unsafe-hashes'", "*", "data:", "blob:",
                              "http:", "https:"})


@dataclass(frozen=True)
class Paths:
    """Folders as Decap names them: relative to the repository root."""
    news: str  # content/news
    pages: str  # content/pages
    images: str  # content/images
    content: str  # content


def cms_config(*, paths: Paths, template: list[TemplateField], categories: Iterable[str],
               backend: Mapping, local_backend: str | None, locale: str,
               site_url: str) -> dict:
    """Decap CMS's config: one news collection writing
    <news>/<year>/<slug>.md, one of static pages, the editorial workflow."""
    images_year = f"{paths.images}/{DATE_YEAR}"
    public_year = f"{paths.images.removeprefix(paths.content).strip('/')}/{DATE_YEAR}"
    lead_image = {"media_folder": f"/{images_year}", "public_folder": public_year}
    config = {
        "backend": dict(backend),
        "publish_mode": "editorial_workflow",
        "locale": locale,
        "media_folder": paths.images,
        "public_folder": paths.images.removeprefix(paths.content).rstrip("/") or "/",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [
            {
                "name": "news", "label": "ข่าว", "label_singular": "ข่าว",
                "description": "ข่าวแต่ละเรื่องเป็นไฟล์ content/news/<ปี>/<slug>.md "
                               "กด \"บันทึก\" ระบบเปิด pull request ของข่าวนั้น "
                               "เปลี่ยนสถานะเป็น \"อยู่ระหว่างการตรวจสอบ\" เพื่อส่งตรวจ",
                "folder": paths.news, "create": True, "format": FORMAT, "extension": "md",
                "path": f"{{{{{PATH_YEAR}}}}}/{{{{slug}}}}", "slug": "{{fields.slug}}",
                "identifier_field": "title", "summary": "{{title}} ({{date}})",
                "sortable_fields": ["date", "title", "category"],
                # Photos of the article go to content/images/<year>/; the lead
                # image is written relative to content/ (Image: images/2024/x.jpg),
                # photos in the body as Pelican links them ({static}/images/...).
                "media_folder": f"/{images_year}",
                "public_folder": "{static}/" + public_year,
                "fields": news_fields(template, list(categories), lead_image),
            },
            {
                "name": "pages", "label": "หน้าเว็บ", "label_singular": "หน้าเว็บ",
                "description": "หน้าถาวร เช่น เกี่ยวกับเรา ติดต่อเรา (content/pages/)",
                "folder": paths.pages, "create": True, "format": FORMAT, "extension": "md",
                "slug": "{{fields.slug}}", "identifier_field": "title",
                "media_folder": f"/{paths.images}", "public_folder": "{static}/"
                + paths.images.removeprefix(paths.content).strip("/"),
                "fields": page_fields(template),
            },
        ],
    }
    if site_url:
        config["site_url"] = config["display_url"] = site_url
    if local_backend:
        config["local_backend"] = {"url": local_backend}
    return config


def site_data(*, template: list[TemplateField], taken_slugs: Mapping[str, Iterable[str]],
              urls: Mapping[str, str], preview_styles: list[str], words_file: str) -> dict:
    """What admin/cms.js needs besides Decap's config: the fields of the
    custom format, the Thai calendar of the preview (thai_core.thai_date),
    each collection's URL pattern and the slugs a new entry may not take
    (as `invoke new`), the stylesheets of the preview and the word list of
    the romanization."""
    return {
        "format": FORMAT,
        "fields": format_fields(template),
        "pathYear": PATH_YEAR,
        "calendar": {"months": list(MONTHS), "weekdays": list(WEEKDAYS), "eraOffset": BE_OFFSET},
        "urls": dict(urls),
        "takenSlugs": {name: sorted(set(slugs)) for name, slugs in taken_slugs.items()},
        "previewStyles": preview_styles,
        "words": words_file,
    }


def policy_problems(policy: Mapping[str, str]) -> list[str]:
    """Why an admin policy lets more run than Decap needs, or []. Decap needs
    'unsafe-eval' (its config check compiles schemas with new Function) and
    inline styles (emotion); inline or off-site script is never allowed."""
    problems = []
    for directive in ("default-src", "script-src", "style-src", "object-src", "base-uri",
                      "frame-ancestors"):
        if directive not in policy:
            problems.append(f"{directive} is missing")
    weak = sorted(FORBIDDEN_SCRIPT & set(policy.get("script-src", "").split()))
    if weak:
        problems.append(f"script-src allows {' '.join(weak)}")
    if policy.get("object-src", "").split() != ["'none'"]:
        problems.append("object-src must be 'none'")
    return problems
