"""Entry point of the bundle's ``longform`` executable (see longform-desktop.spec)."""

from longform_desktop.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
