"""Every file Thirds writes about a patient is readable by its owner only (0600), however it is made."""

from __future__ import annotations

import io
import json
import os
import stat
from pathlib import Path

import pytest

from conftest import consult
from core.cli import main
from core.engine import plan
from core.knowledge.models import KnowledgeBase
from core.takeaway import write_ics, write_record, write_takeaway

WRITERS = [write_takeaway, write_record, write_ics]


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def open_umask() -> object:
    """The most permissive umask, so a file mode is ours and not the umask's."""
    old = os.umask(0)
    yield
    os.umask(old)


def test_the_cli_writes_takeaway_record_and_calendar_owner_only(tmp_path: Path, open_umask: object) -> None:
    source = tmp_path / "consult.json"
    source.write_text(json.dumps({"consult_date": "2026-03-02", "concerns": []}), encoding="utf-8")
    outputs = {"--pdf": tmp_path / "takeaway.pdf", "--record": tmp_path / "record.pdf", "--ics": tmp_path / "plan.ics"}
    argv = ["plan", str(source)] + [part for option, path in outputs.items() for part in (option, str(path))]
    assert main(argv, stdout=io.StringIO()) == 0
    assert {path.name: mode(path) for path in outputs.values()} == {path.name: 0o600 for path in outputs.values()}


@pytest.mark.parametrize("writer", WRITERS, ids=lambda w: w.__name__)
def test_a_file_replaced_by_an_export_becomes_owner_only(
    writer: object, kb: KnowledgeBase, tmp_path: Path, open_umask: object
) -> None:
    target = tmp_path / "old-export"
    target.write_bytes(b"an earlier export")
    target.chmod(0o644)
    consultation = consult()
    written = writer(consultation, plan(consultation, kb), kb, target)  # type: ignore[operator]
    assert written == target and mode(target) == 0o600 and target.read_bytes() != b"an earlier export"


def test_an_export_leaves_the_folder_and_its_other_files_as_they_were(
    kb: KnowledgeBase, tmp_path: Path, open_umask: object
) -> None:
    neighbour = tmp_path / "notes.txt"
    neighbour.write_text("not ours")
    neighbour.chmod(0o664)
    tmp_path.chmod(0o755)
    consultation = consult()
    write_takeaway(consultation, plan(consultation, kb), kb, tmp_path / "takeaway.pdf")
    assert mode(neighbour) == 0o664 and mode(tmp_path) == 0o755
