"""What every subcommand shares: the error type for bad input, and the catalog."""

from __future__ import annotations

from .. import paths
from ..core.catalog import Catalog, load_catalog


class CommandError(Exception):
    """Bad input the user can fix: printed as one line, exit code 2."""


def load_content() -> Catalog:
    try:
        return load_catalog(paths.content_dir())
    except paths.ContentNotFoundError as exc:  # says where it looked: one line, exit 2
        raise CommandError(str(exc)) from None
