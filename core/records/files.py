"""Owner-only files and the folding that makes patient search case- and accent-insensitive."""

from __future__ import annotations

import os
import tempfile
import unicodedata
from pathlib import Path


def write_private(path: Path, data: bytes) -> Path:
    """Write `data` to `path` readable by the owner only (0600), atomically and fsync'd."""
    path = Path(path)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        os.fchmod(handle, 0o600)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return path


def fold(text: str) -> str:
    """Lower case without accents: 'Zoë' and 'zoe' find each other."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


def search_terms(name: str, patient_ref: str) -> set[str]:
    terms = {word for word in fold(name).replace("-", " ").split() if word}
    terms |= {word for word in fold(name).split() if word}
    if patient_ref.strip():
        terms.add(fold(patient_ref))
    return {term[:200] for term in terms}
