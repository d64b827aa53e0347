"""The ``longform`` command, without Qt: one module per group of subcommands.

Each module has ``register(subparsers)``, which adds its subcommands and sets ``func``
on each. ``--json`` output is a stable interface (documented in docs/cli.md); the plain
output is for people and may change.

Exit codes: 0 success, 1 the command ran and found problems (``check``), 2 bad input
(a file that cannot be used, an unknown article...), with a one-line message on stderr.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence

from longform_desktop import paths
from longform_desktop.storage.db import DatabaseUnavailable

from . import content, data, notes, redraw, search
from .common import CommandError

#: Subcommand modules, in the order ``--help`` lists them. A new group of commands adds
#: its module here.
COMMAND_MODULES = [search, content, notes, data, redraw]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="longform", description="Study the long-form backend deep dives from the terminal."
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log details to stderr")
    _add_user_content(parser, argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", required=True)
    for module in COMMAND_MODULES:
        module.register(sub)
    _add_user_content_everywhere(sub)
    return parser


USER_CONTENT_HELP = (
    "the folder of your own deep dives for this run (over LONGFORM_USER_CONTENT_DIR and "
    'Preferences; "" turns them off)'
)


def _add_user_content(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument(
        paths.USER_CONTENT_OPTION,
        dest="user_content",
        metavar="DIR",
        default=default,
        help=USER_CONTENT_HELP,
    )


def _add_user_content_everywhere(sub: argparse._SubParsersAction) -> None:
    """``--user-content DIR`` after the subcommand too (``longform check --user-content
    D``), at every depth (``longform notes list --user-content D``). SUPPRESS as the
    default: a subcommand without it leaves what was given before the subcommand."""
    for parser in sub.choices.values():
        if not any(paths.USER_CONTENT_OPTION in a.option_strings for a in parser._actions):
            _add_user_content(parser, argparse.SUPPRESS)
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                _add_user_content_everywhere(action)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # Every command reads the folder through paths.user_content_folder(); this run's
    # flag goes there (and is taken back after, for callers that run several commands).
    paths.set_user_content_flag(getattr(args, "user_content", None))
    try:
        return _run(args)
    finally:
        paths.set_user_content_flag(None)


def _run(args: argparse.Namespace) -> int:
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    try:
        return int(args.func(args))
    except CommandError as exc:
        print(f"longform: {exc}", file=sys.stderr)
        return 2
    except DatabaseUnavailable as exc:  # any command that opens it: one paragraph, exit 2
        print(f"longform: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # `longform catalog --json | head`: the reader went away. Exit quietly, and point
        # stdout at /dev/null so the interpreter's final flush does not raise again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
