"""The wizard's face map, drawn into the PDF with the patient's areas shaded and numbered."""

from __future__ import annotations

import copy
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Circle, Drawing, Group, Path, String
from reportlab.lib import colors
from reportlab.platypus import Flowable
from svglib.svglib import svg2rlg

from core.assets import asset_path
from core.takeaway.fonts import BOLD, register_fonts
from core.takeaway.styles import INK, MARKED
from core.vocabulary import Area

UNMARKED_FILL = colors.Color(0.97, 0.97, 0.97)
UNMARKED_STROKE = colors.Color(0.6, 0.6, 0.6)


@cache
def _face() -> Drawing:
    drawing = svg2rlg(str(asset_path("face", "face.svg")))
    if drawing is None:
        raise ValueError("assets/face/face.svg could not be read")
    return drawing


def _walk(node: Any) -> Iterator[Any]:
    for child in getattr(node, "contents", []):
        yield child
        yield from _walk(child)


def _outline_centres(group: Group) -> list[tuple[float, float]]:
    """Centre of each closed shape of an area (two for the areas on both sides), patient's right first."""
    for shape in _walk(group):
        if isinstance(shape, Path) and shape.points:
            centres, start, at = [], 0, 0
            for op in [*shape.operators, 0]:  # a final moveTo closes the last shape
                if op == 0 and at > start:
                    xs, ys = shape.points[start:at:2], shape.points[start + 1:at:2]
                    centres.append(((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2))
                    start = at
                at += {0: 2, 1: 2, 2: 6, 3: 0}[op]
            return centres
    return []


def _place(candidates: list[tuple[float, float]], placed: list[tuple[float, float]], middle: float,
           gap: float) -> tuple[float, float]:
    """The first side whose badge touches no badge already placed; else nudged away from the middle."""
    def free(x: float, y: float) -> bool:
        return all((x - px) ** 2 + (y - py) ** 2 >= gap**2 for px, py in placed)

    for x, y in candidates:
        if free(x, y):
            return x, y
    x, y = candidates[0]
    step = gap / 2 if x >= middle else -gap / 2
    for _ in range(8):
        x += step
        if free(x, y):
            break
    return x, y


def _apply(matrix: tuple[float, ...], x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = matrix
    return a * x + c * y + e, b * x + d * y + f


def face_diagram(marked: Iterable[Area], width: float) -> Drawing:
    """`width` points wide; each marked area shaded dark and numbered in `marked` order."""
    register_fonts()
    face = copy.deepcopy(_face())
    numbers = {area.value: n for n, area in enumerate(dict.fromkeys(marked), start=1)}
    outer = face.contents[0]
    markers: list[tuple[int, list[tuple[float, float]]]] = []
    for node in _walk(face):
        svgid = getattr(node, "svgid", None)
        if svgid not in {a.value for a in Area} or not isinstance(node, Group):
            continue
        chosen = svgid in numbers
        for shape in _walk(node):
            if isinstance(shape, Path):
                shape.fillColor = MARKED if chosen else UNMARKED_FILL
                shape.strokeColor = INK if chosen else UNMARKED_STROKE
                shape.strokeWidth = 2.2 if chosen else 1
        if chosen:
            centres = [_apply(outer.transform, *c) for c in _outline_centres(node)]
            if centres:
                markers.append((numbers[svgid], centres))
    radius = 9.5
    placed: list[tuple[float, float]] = []
    for number, centres in sorted(markers):
        x, y = _place(centres, placed, face.width / 2, 2 * radius + 6)
        placed.append((x, y))
        face.add(Circle(x, y, radius, fillColor=colors.white, strokeColor=INK, strokeWidth=1.2))
        face.add(String(x, y - 4.2, str(number), fontName=BOLD, fontSize=12, fillColor=INK, textAnchor="middle"))
    scale = width / face.width
    scaled = Drawing(face.width * scale, face.height * scale)
    group = Group(*face.contents)
    group.transform = (scale, 0, 0, scale, 0, 0)
    scaled.add(group)
    return scaled


class FaceFlowable(Flowable):  # type: ignore[misc]
    """The face drawing as a flowable that text can flow around (ImageAndFlowables)."""

    def __init__(self, drawing: Drawing) -> None:
        super().__init__()
        self.drawing = drawing
        self.width, self.height = drawing.width, drawing.height

    def _restrictSize(self, avail_width: float, avail_height: float) -> tuple[float, float]:  # noqa: N802
        return self.width, self.height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        renderPDF.draw(self.drawing, self.canv, 0, 0)
