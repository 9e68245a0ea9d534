"""Run Pelican and turn content problems into a clear report, not a traceback.

    python -m newsroom.build [pelican arguments...]

Same arguments as the `pelican` command. Exit status 1 when any article or
page has a problem; each is printed as `file:line: Field: what (แก้ไข: how)`.
"""

from __future__ import annotations

import logging
import sys

from pelican import LOG_HANDLERS, get_instance, parse_arguments
from pelican.log import init as init_logging

from thai_news.problems import ContentError


def main(argv: list[str] | None = None) -> int:
    args = parse_arguments(argv)
    if args.autoreload or args.listen:
        from pelican import main as pelican_main

        pelican_main(argv)
        return 0
    init_logging(
        level=args.verbosity,
        fatal=args.fatal,
        name="pelican",
        handler=LOG_HANDLERS[args.log_handler] or logging.StreamHandler(),
        logs_dedup_min_level=getattr(logging, args.logs_dedup_min_level),
    )
    try:
        pelican, _settings = get_instance(args)
        pelican.run()
    except ContentError as error:
        print(f"\nBuild failed: {error}", file=sys.stderr)
        return 1
    except (OSError, ValueError) as error:
        print(f"\nBuild failed: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
