"""A signature's vector strokes drawn as an image, for the record PDF and the screen's thumbnails."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw

from core.consultation import Signature

INK = (20, 30, 60)


def signature_png(signature: Signature, width: int = 900) -> bytes:
    """The strokes, dark ink on white, `width` pixels wide and as tall as the pad's aspect makes it."""
    height = max(1, round(width / signature.aspect))
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    line = max(2, width // 180)
    for stroke in signature.strokes:
        points = [(x * (width - 1), y * (height - 1)) for x, y in stroke.points]
        if len(points) == 1:
            x, y = points[0]
            draw.ellipse((x - line, y - line, x + line, y + line), fill=INK)
        else:
            draw.line(points, fill=INK, width=line, joint="curve")
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()
