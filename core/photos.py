"""Photos in: read with Pillow, turned upright, downscaled and written anew as a JPEG that carries no
metadata at all (no EXIF, so no GPS location, camera make, model or serial; no XMP, no ICC profile).
DOMAIN.md "The clinical record": location data removed from the files."""

from __future__ import annotations

import base64
import io

from PIL import Image, ImageOps, UnidentifiedImageError

MAX_SIDE = 1600  # pixels: plenty for a face at A4, and a stored photo stays a few hundred kB
QUALITY = 88
MAX_INPUT = 40_000_000  # bytes read from a file: a larger one is not a camera photo


class PhotoUnreadable(ValueError):
    """Not a photo Pillow can read. `kind` names why ("not_image", "too_large") and `values` fill the
    sentence the text file has for it (`clinical_record.photo_reason_<kind>`); Pillow's own words,
    which can quote Python objects, are never shown."""

    def __init__(self, kind: str, **values: int) -> None:
        super().__init__(kind)
        self.kind, self.values = kind, values


def clean_jpeg(data: bytes) -> bytes:
    """`data` (JPEG, PNG, any format Pillow reads) as a new JPEG with no metadata."""
    if len(data) > MAX_INPUT:
        raise PhotoUnreadable("too_large", mb=len(data) // 1_000_000, most=MAX_INPUT // 1_000_000)
    try:
        with Image.open(io.BytesIO(data)) as source:
            source.load()
            upright = ImageOps.exif_transpose(source)  # the orientation tag is applied, then dropped
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise PhotoUnreadable("not_image") from None
    image = upright.convert("RGB")
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    bare = Image.new("RGB", image.size)  # pixels only: nothing of the source's info dict comes along
    bare.paste(image)
    out = io.BytesIO()
    bare.save(out, "JPEG", quality=QUALITY, optimize=True)
    return out.getvalue()


def import_photo(data: bytes) -> str:
    """A photo file's bytes as the consultation stores them: base64 of the cleaned JPEG."""
    return base64.b64encode(clean_jpeg(data)).decode("ascii")


def photo_bytes(stored: str) -> bytes:
    return base64.b64decode(stored)
