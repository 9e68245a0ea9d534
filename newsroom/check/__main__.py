"""Check every article and page; report every problem at once.

    python -m newsroom.check [--content content] [--settings pelicanconf.py]
                             [--fix] [--base REF | --base none] [--jobs N]

Exit status 1 when there is any error (warnings alone exit 0), 2 when the
settings cannot be read. `invoke check` and `make check` call this.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

from pelican.plugins.thai_search.site_files import search_page_settings
from thai_news.settings import merge_settings

from .fix import fix_file
from .report import print_report
from .runner import run


def load_settings(settings_file: str, content: Path) -> tuple[dict, dict]:
    """Pelican settings (PATH = content) and the merged THAI_NEWS."""
    from pelican.settings import read_settings

    settings = read_settings(settings_file, override={"PATH": str(content.resolve())})
    if "thai_search" in settings.get("PLUGINS", []):
        # The plugin adds the search page when a build starts: links to it are not broken.
        settings.update(search_page_settings(settings))
    return settings, merge_settings(settings.get("THAI_NEWS"))


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="invoke check", description=__doc__.split("\n")[0])
    parser.add_argument("--content", default="content", help="content folder (default content)")
    parser.add_argument("--settings", default="pelicanconf.py", help="Pelican settings file")
    parser.add_argument("--fix", action="store_true",
                        help="repair Thai copy-paste damage and Buddhist-era years in place")
    parser.add_argument("--base", default=None,
                        help="git ref whose published URLs must not change "
                             "(default origin/main, else main; 'none' to skip)")
    parser.add_argument("--jobs", type=int, default=None, help="processes (default: cores)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    content = Path(args.content)
    if not content.is_dir():
        print(f"invoke check: no content folder '{content}'", file=sys.stderr)
        return 2
    try:
        settings, config = load_settings(args.settings, content)
    except (OSError, ValueError, SyntaxError) as error:
        print(f"invoke check: cannot read settings {args.settings}: {error}", file=sys.stderr)
        return 2
    now = dt.datetime.now(ZoneInfo(settings.get("TIMEZONE") or "UTC"))
    started = time.monotonic()
    result = run(content, settings, config, base=args.base, now=now, jobs=args.jobs)
    fixed = []
    if args.fix:
        paths = sorted({p.path for p in result.problems if p.fixable})
        root = content.resolve().parent
        fixed = [path for path in paths if fix_file(root / path)]
        if fixed:
            result = run(content, settings, config, base=args.base, now=now, jobs=args.jobs)
    print_report(result, time.monotonic() - started, sys.stdout, fixed)
    return 1 if result.errors else 0


if __name__ == "__main__":
    sys.exit(main())
