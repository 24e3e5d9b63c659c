"""`python -m gui`: open Thirds; without a display, say so in one line and point to the CLI."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

NO_DISPLAY = (
    "thirds: no display found (DISPLAY and WAYLAND_DISPLAY are unset); the GUI needs a screen. "
    "Use the command line instead, e.g. .venv/bin/thirds plan examples/tired_face.json"
)


def has_display() -> bool:
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m gui", description="Thirds consultation wizard")
    parser.add_argument("--config", type=Path, help="the clinic's configuration file (TOML)")
    parser.add_argument("--database", metavar="URL", help="records database URL (SQLAlchemy form)")
    parser.add_argument("consultation", nargs="?", type=Path, help="open a saved consultation (JSON)")
    args = parser.parse_args(argv)
    if not has_display():
        print(NO_DISPLAY, file=sys.stderr)
        return 1
    from gui.app import run

    return run(config=args.config, database=args.database, consultation=args.consultation)


if __name__ == "__main__":
    sys.exit(main())
