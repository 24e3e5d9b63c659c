"""One accessor for shipped files: it works from a checkout and from an installed package.

`assets` is a regular package installed as files (pyproject's package-data), so its folder is the
folder of its `__init__`: no importlib.resources, whose import alone is ~5 ms of the first paint.
"""

from __future__ import annotations

from pathlib import Path

import assets


class AssetNotFound(FileNotFoundError):
    pass


ROOT = Path(assets.__file__).resolve().parent


def asset_path(*parts: str) -> Path:
    """The path of a shipped asset, e.g. asset_path("face", "face.svg"); unknown names fail loudly."""
    path = ROOT.joinpath(*parts)
    if not path.exists():
        raise AssetNotFound(f"no asset {'/'.join(parts)} in {ROOT}")
    return path
