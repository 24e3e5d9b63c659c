"""Bad input to `thirds` exits 2 naming the file and the field: out-of-range dates, huge numbers,
deep nesting, a non-UTF-8 config, a logo that is no image, pipes and devices. Never 1, never a
traceback, and a pipe or a device is never opened, read or replaced."""

from __future__ import annotations

import io
import json
import os
import stat
import struct
import subprocess
import sys
import threading
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import ROOT
from core.cli import main

MINIMAL = {"consult_date": "2026-03-02", "concerns": []}
# A FIFO left open by a bug would block; every call here runs in a thread that must finish in time.
PATIENCE = 30


def write(tmp_path: Path, data: object, name: str = "consult.json") -> Path:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """main(argv) in a thread: (exit code, stdout, stderr); fails, instead of hanging, if it blocks."""
    out = io.StringIO()
    result: list[int] = []
    worker = threading.Thread(target=lambda: result.append(main(argv, stdout=out)), daemon=True)
    worker.start()
    worker.join(PATIENCE)
    assert not worker.is_alive(), f"thirds {' '.join(argv)} blocked (it opened a pipe or read a device)"
    return result[0], out.getvalue(), capsys.readouterr().err


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe"
    os.mkfifo(path)
    return path


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every path opened while the test runs (os.open and the built-in open)."""
    seen: list[str] = []
    real_os_open, real_io_open = os.open, io.open

    def os_open(path: object, *args: object, **kwargs: object) -> int:
        seen.append(os.fsdecode(path))  # type: ignore[arg-type]
        return real_os_open(path, *args, **kwargs)  # type: ignore[arg-type]

    def io_open(file: object, *args: object, **kwargs: object) -> object:
        if isinstance(file, str | bytes | os.PathLike):
            seen.append(os.fsdecode(file))
        return real_io_open(file, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(os, "open", os_open)
    monkeypatch.setattr(io, "open", io_open)
    monkeypatch.setattr("builtins.open", io_open)
    return seen


# --- dates ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("section", "field"),
    [
        ({"consult_date": "9999-12-31"}, "consult_date"),
        ({"goals": {"event_date": "9999-12-31"}}, "goals.event_date"),
        ({"patient": {"date_of_birth": "0001-01-01"}}, "patient.date_of_birth"),
        ({"history": {"last_neuromodulator": "1899-12-31"}}, "history.last_neuromodulator"),
        ({"history": {"earlier_fillers": [{"area": "lips", "date": "0001-01-01"}]}}, "history.earlier_fillers.0.date"),
    ],
)
def test_a_date_out_of_range_exits_2_naming_the_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], section: dict[str, object], field: str
) -> None:
    path = write(tmp_path, {**MINIMAL, **section})
    code, out, err = run(["plan", str(path), "--ics", str(tmp_path / "out.ics")], capsys)
    assert code == 2, err
    assert f"{path}: {field}: year" in err and "out of range (1900–2199)" in err
    assert out == "" and not (tmp_path / "out.ics").exists()


def test_the_edges_of_the_date_window_are_accepted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = {**MINIMAL, "patient": {"date_of_birth": "1900-01-01"}, "goals": {"event_date": "2199-12-31"}}
    code, _, err = run(["plan", str(write(tmp_path, data)), "--json"], capsys)
    assert code == 0, err


def test_an_overflow_while_planning_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def overflow(*_: object) -> None:
        raise OverflowError("date value out of range")

    monkeypatch.setattr("core.cli.plan", overflow)
    path = write(tmp_path, MINIMAL)
    code, _, err = run(["plan", str(path)], capsys)
    assert code == 2 and f"{path}: a date or number is out of range" in err


# --- numbers and nesting -------------------------------------------------------------------------


def test_an_integer_beyond_the_digit_limit_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, '{"consult_date": "2026-03-02", "concerns": [], "cops": [' + "9" * 5000 + "]}")
    code, _, err = run(["plan", str(path)], capsys)
    assert code == 2, err
    assert f"{path}: a number is too long" in err


def test_a_float_too_large_is_a_field_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, '{"consult_date": "2026-03-02", "concerns": [], "cops": [1e999999]}')
    code, _, err = run(["plan", str(path)], capsys)
    assert code == 2 and f"{path}: cops.0" in err


def test_deeply_nested_json_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "[" * 100_000)
    code, _, err = run(["plan", str(path)], capsys)
    assert code == 2, err
    assert f"{path}: " in err and "nested too deeply" in err


def test_a_consultation_that_is_not_utf8_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "latin1.json"
    path.write_bytes(b'{"consult_date": "2026-03-02", "patient": {"name": "Zo\xeb"}}')
    code, _, err = run(["plan", str(path)], capsys)
    assert code == 2 and f"{path}: not UTF-8 text" in err


@pytest.mark.parametrize(
    ("name", "text"),
    [("future.json", '{"consult_date": "9999-12-31", "concerns": []}'), ("deep.json", "[" * 100_000)],
)
def test_the_installed_command_exits_2_without_a_traceback(tmp_path: Path, name: str, text: str) -> None:
    path = write(tmp_path, text, name)
    result = subprocess.run(
        [sys.executable, "-m", "core.cli", "plan", str(path)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and str(path) in result.stderr


# --- the clinic config and its logo --------------------------------------------------------------


def config_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "clinic.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_config_that_is_not_utf8_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "clinic.toml"
    config.write_bytes(b'[clinic]\nname = "Cl\xe9nique"\n')
    code, _, err = run(["kb", "check", "--config", str(config)], capsys)
    assert code == 2 and f"{config}: (top level): not UTF-8 text" in err
    code, _, err = run(["plan", str(write(tmp_path, MINIMAL)), "--config", str(config)], capsys)
    assert code == 2 and f"{config}: (top level): not UTF-8 text" in err


def test_a_config_that_is_a_pipe_is_not_opened(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fifo: Path, opened: list[str]
) -> None:
    code, _, err = run(["kb", "check", "--config", str(fifo)], capsys)
    assert code == 2 and f"{fifo}: (top level): not a regular file" in err
    assert str(fifo) not in opened


def png_header(width: int, height: int) -> bytes:
    """A PNG's signature and IHDR chunk only: enough for the size, no pixels at all."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + chunk + struct.pack(">I", zlib.crc32(chunk))


def jpeg_header(width: int, height: int) -> bytes:
    """SOI, an APP0 segment to skip, then a baseline frame header with the size."""
    app0 = b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    frame = struct.pack(">BHHB", 8, height, width, 3) + b"\x01\x11\x00\x02\x11\x01\x03\x11\x01"
    segments = [b"\xff\xd8", b"\xff\xe0", struct.pack(">H", len(app0) + 2), app0]
    segments += [b"\xff\xc0", struct.pack(">H", len(frame) + 2), frame]
    return b"".join(segments)


LOGOS: dict[str, tuple[Callable[[Path], None], str]] = {
    "text.png": (lambda p: p.write_text("not an image"), "not a PNG or JPEG image"),
    "empty.png": (lambda p: p.write_bytes(b""), "not a PNG or JPEG image"),
    "cut.png": (lambda p: p.write_bytes(png_header(10, 10)[:12]), "a PNG without its header"),
    "cut.jpg": (lambda p: p.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JF"), "a JPEG without its frame header"),
    "huge.png": (lambda p: p.write_bytes(png_header(10_000, 10_000)), "100 megapixels"),
    "huge.jpg": (lambda p: p.write_bytes(jpeg_header(65_000, 65_000)), "65000×65000 pixels"),
    "zero.png": (lambda p: p.write_bytes(png_header(0, 10)), "no size"),
    "folder": (lambda p: p.mkdir(), "no image file"),
    "pipe": (lambda p: os.mkfifo(p), "no image file"),
}


@pytest.mark.parametrize("name", list(LOGOS))
def test_a_logo_that_cannot_be_drawn_is_a_config_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], opened: list[str], name: str
) -> None:
    make, reason = LOGOS[name]
    make(tmp_path / name)
    config = config_file(tmp_path, f'[clinic]\nlogo = "{name}"\n')
    code, _, err = run(["kb", "check", "--config", str(config)], capsys)
    assert code == 2, err
    assert f"{config}: clinic.logo: " in err and reason in err
    code, _, err = run(["plan", str(write(tmp_path, MINIMAL)), "--config", str(config)], capsys)
    assert code == 2 and f"{config}: clinic.logo: " in err
    assert str(tmp_path / "pipe") not in opened


@pytest.mark.parametrize(("name", "data"), [("small.png", png_header(400, 100)), ("small.jpg", jpeg_header(400, 100))])
def test_a_logo_within_the_limits_is_accepted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, data: bytes
) -> None:
    (tmp_path / name).write_bytes(data)
    config = config_file(tmp_path, f'[clinic]\nlogo = "{name}"\n')
    code, _, err = run(["kb", "check", "--config", str(config)], capsys)
    assert code == 0, err


def test_real_png_and_jpeg_logos_are_read(tmp_path: Path) -> None:
    from PIL import Image  # ReportLab's own dependency; here only to make real files

    from core.knowledge.images import image_size, logo_problem

    for name in ("logo.png", "logo.jpg"):
        Image.new("RGB", (300, 120), "black").save(tmp_path / name)
        assert image_size(tmp_path / name) == (300, 120)
        assert logo_problem(tmp_path / name) == ""


# --- pipes and devices as the consultation or as an output ---------------------------------------


def test_a_pipe_as_the_consultation_is_not_opened(
    capsys: pytest.CaptureFixture[str], fifo: Path, opened: list[str]
) -> None:
    code, _, err = run(["plan", str(fifo)], capsys)
    assert code == 2 and f"{fifo}: not a regular file" in err
    assert str(fifo) not in opened


def test_a_device_as_the_consultation_is_not_read(capsys: pytest.CaptureFixture[str], opened: list[str]) -> None:
    code, _, err = run(["plan", "/dev/zero"], capsys)
    assert code == 2 and "/dev/zero: not a regular file" in err
    assert "/dev/zero" not in opened


@pytest.mark.parametrize("option", ["--pdf", "--record", "--ics"])
def test_a_pipe_as_an_output_is_refused_and_left_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fifo: Path, opened: list[str], option: str
) -> None:
    code, out, err = run(["plan", str(write(tmp_path, MINIMAL)), option, str(fifo)], capsys)
    assert code == 2, err
    assert f"Cannot save to {fifo}: it is a device or a pipe" in err
    assert out == ""  # refused before the plan is printed
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and str(fifo) not in opened
    assert sorted(p.name for p in tmp_path.iterdir()) == ["consult.json", "pipe"]


@pytest.mark.parametrize("option", ["--pdf", "--record", "--ics"])
def test_a_link_to_a_device_as_an_output_is_refused_and_left_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str
) -> None:
    link = tmp_path / "null.pdf"
    link.symlink_to(os.devnull)
    code, _, err = run(["plan", str(write(tmp_path, MINIMAL)), option, str(link)], capsys)
    assert code == 2 and f"Cannot save to {link}: it is a device or a pipe" in err
    assert link.is_symlink() and stat.S_ISCHR(os.stat(link).st_mode)


def test_dev_null_itself_is_a_refused_target() -> None:
    from core.takeaway.output import RefusedTarget, writable_target

    # Only the check runs here: a test that wrote to /dev/null could replace it when run as root.
    with pytest.raises(RefusedTarget, match="device or a pipe"):
        writable_target(os.devnull)
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_a_missing_output_folder_is_still_a_failed_write(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["plan", str(write(tmp_path, MINIMAL)), "--pdf", str(tmp_path / "nowhere" / "t.pdf")], capsys)
    assert code == 1 and "does not exist" in err


# --- from the independent review (issue 8) ------------------------------------------------------


def test_review_outputs_never_replace_the_consultation_or_each_other(tmp_path) -> None:
    import shutil

    from conftest import EXAMPLES

    source = tmp_path / "c.json"
    shutil.copy(EXAMPLES / "lips_only.json", source)
    before = source.read_bytes()
    assert main(["plan", str(source), "--pdf", str(source)]) == 2
    assert source.read_bytes() == before
    assert main(["plan", str(source), "--pdf", str(tmp_path / "x.pdf"), "--record", str(tmp_path / "x.pdf")]) == 2
    assert not (tmp_path / "x.pdf").exists()


def test_review_a_key_given_twice_is_refused_and_a_byte_order_mark_is_fine(tmp_path, capsys) -> None:
    from conftest import EXAMPLES

    twice = tmp_path / "twice.json"
    twice.write_text('{"consult_date": "2026-01-01", "consult_date": "2026-01-02"}')
    assert main(["plan", str(twice)]) == 2
    assert "consult_date" in capsys.readouterr().err
    bom = tmp_path / "bom.json"
    bom.write_bytes(b"\xef\xbb\xbf" + (EXAMPLES / "lips_only.json").read_bytes())
    assert main(["plan", str(bom)]) == 0


def test_review_control_characters_in_a_name_never_reach_the_terminal(tmp_path) -> None:
    import io
    import json

    from conftest import EXAMPLES

    data = json.loads((EXAMPLES / "lips_only.json").read_text())
    data["patient"]["name"] = "Eve\x1b]0;owned\x07\x1b[2J"
    path = tmp_path / "esc.json"
    path.write_text(json.dumps(data))
    out = io.StringIO()
    assert main(["plan", str(path)], stdout=out) == 0
    assert "\x1b" not in out.getvalue() and "\x07" not in out.getvalue()
