"""Run Pelican and turn content problems into a clear report, not a traceback.

    python -m newsroom.build [--fatal-warnings] [pelican arguments...]

Same arguments as the `pelican` command. Exit status 1 when any article or
page has a problem; each is printed as `file:line: Field: what (แก้ไข: how)`.

`--fatal-warnings` (used by CI) makes every warning Pelican or a plugin
logs fail the build, after the whole site was read, listing all of them.
(Pelican's own `--fatal warnings` stops at the first one.)
"""

from __future__ import annotations

import logging
import os
import sys

from pelican import LOG_HANDLERS, get_instance, parse_arguments
from pelican.log import init as init_logging

from thai_core.problems import ContentError

FATAL_WARNINGS = "--fatal-warnings"


class WarningCollector(logging.Handler):
    """Remembers every WARNING or worse that was logged."""

    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage()
        except Exception:  # a broken log call is still a warning
            message = str(record.msg)
        self.messages.append(" ".join(message.split()))


def pelican_arguments(argv: list[str]) -> list[str]:
    """The arguments that are Pelican's: all but ours."""
    return [arg for arg in argv if arg != FATAL_WARNINGS]


def serving(args) -> bool:
    """Whether Pelican serves or watches the site rather than building it once."""
    return bool(args.autoreload or args.listen)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    fatal_warnings = FATAL_WARNINGS in argv
    argv = pelican_arguments(argv)
    args = parse_arguments(argv)
    if serving(args):
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
    collector = WarningCollector()
    logging.getLogger().addHandler(collector)
    try:
        pelican, _settings = get_instance(args)
        pelican.run()
    except ContentError as error:
        print(f"\nBuild failed: {error}", file=sys.stderr)
        return 1
    except (OSError, ValueError) as error:
        print(f"\nBuild failed: {error}", file=sys.stderr)
        return 1
    finally:
        logging.getLogger().removeHandler(collector)
    if fatal_warnings and collector.messages:
        lines = "\n".join(f"  {m}" for m in collector.messages)
        print(f"\nBuild failed: {len(collector.messages)} warning(s), treated as errors "
              f"({FATAL_WARNINGS}):\n{lines}", file=sys.stderr)
        return 1
    return 0


def exit_at_once(status: int) -> None:
    """End the process without freeing the build's objects one by one: at
    the archive's 63k articles Python's teardown spends seconds on millions
    of objects whose memory the system takes back at once. Every file the
    build wrote is closed by then (and its workers joined); the log and the
    standard streams are flushed first."""
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


if __name__ == "__main__":
    # Serving waits for Pelican's helper processes on the way out.
    (sys.exit if serving(parse_arguments(pelican_arguments(sys.argv[1:])))
     else exit_at_once)(main())
