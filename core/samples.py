"""`python -m core.samples OUT_DIR`: the takeaway, record and calendar of every example, for review.

Output is reproducible (ReportLab invariant mode), so a changed sample in git is a changed layout.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from reportlab import rl_config

from core import takeaway
from core.consultation import Consultation
from core.engine import plan
from core.knowledge.loader import load_knowledge_base

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
PREVIEW_EXAMPLE = "tired_face"


def _preview(pdf: Path, png: Path) -> bool:
    """First page as PNG for the README; needs pypdfium2 (a test dependency), skipped without it."""
    try:
        import pypdfium2
    except ImportError:
        return False
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        document[0].render(scale=1.5).to_pil().save(png)
    finally:
        document.close()
    return True


def write_samples(out_dir: Path, examples: Path = EXAMPLES) -> list[Path]:
    invariant = rl_config.invariant
    rl_config.invariant = 1
    try:
        return _write_samples(out_dir, examples)
    finally:
        rl_config.invariant = invariant


def _write_samples(out_dir: Path, examples: Path) -> list[Path]:
    kb = load_knowledge_base()
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for source in sorted(examples.glob("*.json")):
        consultation = Consultation.model_validate(json.loads(source.read_text(encoding="utf-8")))
        result = plan(consultation, kb)
        name = source.stem
        written.append(takeaway.write_takeaway(consultation, result, kb, out_dir / f"{name}.takeaway.pdf"))
        written.append(takeaway.write_record(consultation, result, kb, out_dir / f"{name}.record.pdf"))
        written.append(takeaway.write_ics(consultation, result, kb, out_dir / f"{name}.ics"))
    preview = out_dir / f"{PREVIEW_EXAMPLE}.takeaway.pdf"
    if preview.exists() and _preview(preview, out_dir / "takeaway-page1.png"):
        written.append(out_dir / "takeaway-page1.png")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m core.samples", description=__doc__)
    parser.add_argument("out_dir", type=Path, nargs="?", default=Path("docs/samples"))
    parser.add_argument("--examples", type=Path, default=EXAMPLES)
    args = parser.parse_args(argv)
    try:
        written = write_samples(args.out_dir, args.examples)
    except takeaway.ExportError as error:
        print(error, file=sys.stderr)
        return 1
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
