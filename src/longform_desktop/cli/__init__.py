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
    sub = parser.add_subparsers(dest="command", required=True)
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    try:
        return int(args.func(args))
    except CommandError as exc:
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
