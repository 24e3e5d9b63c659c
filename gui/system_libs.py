"""The system libraries Qt's wheels do not bundle, checked before Qt is imported.

On a fresh Debian machine PySide6 installs from PyPI but cannot load without a few shared
libraries (libEGL, libxkbcommon, fontconfig, …), and its xcb window plugin needs more. Without
this check the first sign is Qt's abort or an ImportError naming one file. `python -m
gui.system_libs [--window]` names every missing library and the Debian packages that provide
them; with `--install`, run as root on Debian, it installs them with apt-get.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import subprocess
import sys

# soname -> Debian package (bookworm names; apt resolves the t64 renames of trixie itself)
CORE: dict[str, str] = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libX11.so.6": "libx11-6",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libfreetype.so.6": "libfreetype6",
    "libfontconfig.so.1": "libfontconfig1",
    "libdbus-1.so.3": "libdbus-1-3",
}
WINDOW: dict[str, str] = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libX11-xcb.so.1": "libx11-xcb1",
}


def missing(window: bool = False) -> dict[str, str]:
    """The libraries that cannot be loaded, with their Debian packages (Linux only)."""
    if not sys.platform.startswith("linux"):
        return {}
    wanted = {**CORE, **(WINDOW if window else {})}
    absent = {}
    for soname, package in wanted.items():
        try:
            ctypes.CDLL(soname)
        except OSError:
            absent[soname] = package
    return absent


def advice(absent: dict[str, str]) -> str:
    packages = " ".join(sorted(set(absent.values())))
    return (f"Qt needs system libraries that are missing ({', '.join(sorted(absent))}); "
            f"install them once with: apt-get install {packages}")


def install(absent: dict[str, str]) -> bool:
    """apt-get install the packages (root on Debian only); True when they now load."""
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        return False
    packages = sorted(set(absent.values()))
    print(f"Installing Qt's system libraries with apt-get: {' '.join(packages)}", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["update", "-qq"], ["install", "-y", "-qq", "--no-install-recommends", *packages]):
        subprocess.run(["apt-get", *command], check=False, stdout=subprocess.DEVNULL, env=env)
    return not {s for s in absent if s in missing(window=True)}


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    absent = missing(window="--window" in args)
    if not absent or ("--install" in args and install(absent)):
        return 0
    print(f"thirds: {advice(absent)}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
