"""Mixed right-to-left and left-to-right lines in the order they are read (issue 13): names in brackets,
numbers and dates, currency after a number, Hebrew prefixes on Latin words and numbers.

Each line is checked twice: as the string drawn left to right (python-bidi's levels, our L2/L4), and
on a real PDF page through the Paragraph that wraps, joins Arabic letters and picks each script's font.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import SimpleDocTemplate

from core.takeaway.arabic import shape
from core.takeaway.bidi import levels, visual
from core.takeaway.fonts import BOLD, REGULAR, register_fonts
from core.takeaway.paragraph import Paragraph
from takeaway_support import drawn_lines

# (logical text, paragraph direction, what the eye sees from left to right)
MIXED = [
    # a Latin name with its Hebrew spelling in brackets, in an English line: brackets stay as typed
    ("Dana Levi (דנה לוי)", "L", "Dana Levi (יול הנד)"),
    # the same in a Hebrew line: the brackets belong to the Hebrew run and are mirrored
    ("דנה לוי (Dana Levi)", "R", "(Dana Levi) יול הנד"),
    ("המטופלת: Dana Levi (דנה לוי)", "R", "(יול הנד) Dana Levi :תלפוטמה"),
    ("المريضة: دانا (Dana Levi)", "R", "(Dana Levi) اناد :ةضيرملا"),
    # numbers and dates keep their own order inside a right-to-left line
    ("ביקור ב-14 בינואר 2027", "R", "2027 ראוניב 14-ב רוקיב"),
    ("הטיפול ב-14.01.2027, שעה 10:30", "R", "10:30 העש ,14.01.2027-ב לופיטה"),
    ("الزيارة في 14 يناير 2027", "R", "2027 رياني 14 يف ةرايزلا"),
    # currency after a number: the sign stays on the number's far side from the reader's start
    ("המחיר: 1,500 €", "R", "€ 1,500 :ריחמה"),
    ("السعر: 1,500 €", "R", "€ 1,500 :رعسلا"),
    ("Price: 1,500 € (מחיר)", "L", "Price: 1,500 € (ריחמ)"),
    # Hebrew prefixes on Latin words and on numbers
    ("טיפול ו-filler בשפתיים", "R", "םייתפשב filler-ו לופיט"),
    ("בוטוקס ו-filler", "R", "filler-ו סקוטוב"),
    ("ה-PN שלך", "R", "ךלש PN-ה"),
]


def _no_marks_reordered(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


@pytest.mark.parametrize(("logical", "base", "seen"), MIXED)
def test_a_mixed_line_is_drawn_in_reading_order(logical: str, base: str, seen: str) -> None:
    assert _no_marks_reordered(visual(shape(logical), base)) == seen  # type: ignore[arg-type]


def test_brackets_are_paired_by_the_bidi_algorithm_not_by_neighbours() -> None:
    # rule N0: a bracket pair around Latin in a Hebrew line after a Latin word takes the Latin direction
    assert visual("a (b) ג", "R") == "ג a (b)"
    assert visual("ג (b) a", "L") == "ג (b) a"


def test_diacritics_stay_on_their_letter() -> None:
    seen = visual(shape("كَتَبَ"), "R")
    assert [unicodedata.combining(ch) > 0 for ch in seen] == [False, True] * 3, "each mark follows its letter"
    assert visual("בְּרֵאשִׁית", "R").startswith("ת"), "Hebrew points too"
    assert unicodedata.combining(visual("בְּרֵאשִׁית", "R")[-1]) > 0


def test_python_bidi_gives_one_level_per_character() -> None:
    for logical, base, _ in MIXED:
        assert len(levels(shape(logical), base)) == len(shape(logical))  # type: ignore[arg-type]


def _pdf(tmp_path: Path, paragraphs: list[Paragraph]) -> Path:
    out = tmp_path / "mixed.pdf"
    SimpleDocTemplate(str(out)).build(paragraphs)
    return out


def _bracketless(text: str) -> str:
    """pdfium reports a mirrored bracket as the character typed, and spaces are guessed from gaps
    between glyphs: the order of the glyphs is what is compared."""
    return text.replace("(", "|").replace(")", "|").replace(" ", "")


def test_the_mixed_lines_on_a_pdf_page_read_in_order(tmp_path: Path) -> None:
    register_fonts()
    styles = {
        "R": ParagraphStyle("rtl", fontName=REGULAR, fontSize=12, leading=20, alignment=TA_RIGHT),
        "L": ParagraphStyle("ltr", fontName=REGULAR, fontSize=12, leading=20, alignment=TA_LEFT),
    }
    out = _pdf(tmp_path, [Paragraph(logical, styles[base]) for logical, base, _ in MIXED])
    lines = [_bracketless(line) for line in drawn_lines(out)]
    for _, _, seen in MIXED:
        assert _bracketless(seen) in lines, seen


def test_a_bold_word_and_a_wrapped_hebrew_paragraph_keep_reading_order(tmp_path: Path) -> None:
    register_fonts()
    style = ParagraphStyle("rtl", fontName=REGULAR, fontSize=12, leading=18, alignment=TA_RIGHT)
    words = ["אחת", "שתיים", "שלוש", "ארבע", "חמש", "שש", "שבע", "שמונה", "תשע", "עשר"] * 4
    heading = ParagraphStyle("h", fontName=BOLD, fontSize=14, leading=20, alignment=TA_RIGHT)
    out = _pdf(tmp_path, [
        Paragraph("כותרת <b>מודגשת</b> (Dana Levi)", heading),
        Paragraph(" ".join(words), style),
    ])
    lines = drawn_lines(out)
    assert _bracketless("(Dana Levi) תשגדומ תרתוכ") in [_bracketless(line) for line in lines]
    wrapped = [line for line in lines if "תחא" in line]
    assert len(wrapped) >= 3, "the paragraph wraps"
    assert wrapped[0].endswith("תחא"), "its first word is at the right end of its first line"
    assert wrapped[-1].startswith("רשע"), "its last word is at the left end of its last line"
