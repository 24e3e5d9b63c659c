"""One accessor for shipped files: it works from a checkout and from an installed package."""

from __future__ import annotations

from importlib.resources import as_file, files
from pathlib import Path


class AssetNotFound(FileNotFoundError):
    pass


def asset_path(*parts: str) -> Path:
    """The path of a shipped asset, e.g. asset_path("face", "face.svg"); unknown names fail loudly."""
    resource = files("assets").joinpath(*parts)
    with as_file(resource) as path:
        if not path.exists():
            raise AssetNotFound(f"no asset {'/'.join(parts)} in {files('assets')}")
        return Path(path)
