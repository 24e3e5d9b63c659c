"""Is the clinic's logo an image the PDF can draw? Read from its header alone, never decoded whole."""

from __future__ import annotations

import os
import stat
import struct
from pathlib import Path
from typing import BinaryIO

# Technical limits, not taste: ReportLab decodes the whole logo into memory (3 bytes a pixel), so
# 40 megapixels is already 120 MB for an image printed 4 cm wide. A logo is a few hundred kB.
MAX_PIXELS = 40_000_000
MAX_BYTES = 20_000_000

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
JPEG_START = b"\xff\xd8"
# Start-of-frame markers carry the size; C4 (Huffman tables), C8 (reserved) and CC (arithmetic) do not.
JPEG_FRAMES = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
JPEG_NO_LENGTH = frozenset(range(0xD0, 0xDA)) | {0x01}  # restart markers, start and end of image, TEM
JPEG_MAX_MARKERS = 1000  # a real JPEG reaches its frame header within a few dozen; a crafted one stops here


class UnreadableImage(ValueError):
    """Not a PNG or JPEG whose size can be read from its header."""


def _png_size(handle: BinaryIO) -> tuple[int, int]:
    header = handle.read(16)  # the first chunk: length, "IHDR", width, height
    if len(header) < 16 or header[4:8] != b"IHDR":
        raise UnreadableImage("a PNG without its header")
    width, height = struct.unpack(">II", header[8:16])
    return width, height


def _jpeg_size(handle: BinaryIO) -> tuple[int, int]:
    broken = UnreadableImage("a JPEG without its frame header")
    for _ in range(JPEG_MAX_MARKERS):
        if handle.read(1) != b"\xff":
            raise broken
        marker = handle.read(1)
        while marker == b"\xff":  # fill bytes before a marker
            marker = handle.read(1)
        if not marker:
            raise broken
        if marker[0] in JPEG_NO_LENGTH:
            continue
        raw = handle.read(2)
        length = struct.unpack(">H", raw)[0] if len(raw) == 2 else 0
        if length < 2:
            raise broken
        if marker[0] in JPEG_FRAMES:
            frame = handle.read(5)  # precision, height, width
            if len(frame) < 5:
                raise broken
            height, width = struct.unpack(">HH", frame[1:5])
            return width, height
        handle.seek(length - 2, os.SEEK_CUR)
    raise broken


def image_size(path: Path) -> tuple[int, int]:
    """Width and height of a PNG or JPEG file, read from its header; UnreadableImage otherwise."""
    with path.open("rb") as handle:
        start = handle.read(8)
        if start == PNG_SIGNATURE:
            return _png_size(handle)
        if start[:2] == JPEG_START:
            handle.seek(2)
            return _jpeg_size(handle)
    raise UnreadableImage("not a PNG or JPEG image")


def logo_problem(path: Path) -> str:
    """Why this file cannot be the clinic's logo, or "" when the PDF can draw it."""
    try:
        info = os.stat(path)
    except OSError:
        return f"no image file at {path}"
    if not stat.S_ISREG(info.st_mode):  # a pipe or a device is never opened
        return f"no image file at {path} (a folder, a device or a pipe)"
    if info.st_size > MAX_BYTES:
        return f"{path} is {info.st_size / 1e6:.0f} MB; a logo may be {MAX_BYTES / 1e6:.0f} MB at most"
    try:
        width, height = image_size(path)
    except UnreadableImage as error:
        return f"{path} is {error}; use a PNG or JPEG file"
    except OSError as error:
        return f"{path} cannot be read: {error.strerror or error}"
    if width == 0 or height == 0:
        return f"{path} is an image of no size ({width}×{height}); use a PNG or JPEG file"
    if width * height > MAX_PIXELS:
        return (
            f"{path} is {width}×{height} pixels ({width * height / 1e6:.0f} megapixels); "
            f"a logo may be {MAX_PIXELS / 1e6:.0f} megapixels at most"
        )
    return ""
