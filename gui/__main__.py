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


NO_DISPLAY_STATUS = 3  # `make run` treats it as a clean stop: the line above says what to do


def has_display() -> bool:
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if not sys.platform.startswith("linux") or platform and not platform.startswith(("xcb", "wayland")):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def needs_xcb() -> bool:
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    return platform.startswith("xcb") or not platform and not os.environ.get("WAYLAND_DISPLAY")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m gui", description="Thirds consultation wizard")
    parser.add_argument("--config", type=Path, help="the clinic's configuration file (TOML)")
    parser.add_argument("--database", metavar="URL", help="records database URL (SQLAlchemy form)")
    parser.add_argument("--language", metavar="CODE",
                        help="the wizard's language (en, he, ar); the clinic's clinic.language by default")
    parser.add_argument("consultation", nargs="?", type=Path, help="open a saved consultation (JSON)")
    args = parser.parse_args(argv)
    if not has_display():
        print(NO_DISPLAY, file=sys.stderr)
        return NO_DISPLAY_STATUS
    from gui.system_libs import advice, missing

    absent = missing(window=sys.platform.startswith("linux") and needs_xcb())
    if absent:  # Qt would abort with a message about its platform plugin
        print(f"thirds: {advice(absent)}. Or use the command line: .venv/bin/thirds plan FILE.json", file=sys.stderr)
        return 1
    from gui.app import run

    return run(config=args.config, database=args.database, consultation=args.consultation, language=args.language)


if __name__ == "__main__":
    sys.exit(main())
