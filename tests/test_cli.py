"""The headless CLI: readable plan, stable JSON keys, schema, kb check, clear errors, no traceback."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, all_no
from core.cli import main

CONSULT = {
    "consult_date": "2026-11-23",
    "patient": {"name": "Synthetic Patient", "date_of_birth": "1980-01-01"},
    "screening": all_no(),
    "bddq": {"q1": False, "q2": False},
    "concerns": [
        {"area": "glabella", "kind": "frown_lines", "severity_rest": 1, "severity_movement": 3},
        {"area": "cheeks", "kind": "volume_loss", "severity_rest": 3},
    ],
}


def write(tmp_path: Path, data: object, name: str = "consult.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data) if not isinstance(data, str) else data)
    return path


def run(argv: list[str]) -> tuple[int, str]:
    out = io.StringIO()
    return main(argv, stdout=out), out.getvalue()


def test_plan_prints_a_readable_plan(tmp_path: Path) -> None:
    code, out = run(["plan", str(write(tmp_path, CONSULT))])
    assert code == 0
    assert "Movement / Quality / Structure" in out
    assert "Glabella: Neuromodulator" in out
    assert "7 December 2026" in out  # filler 14 days after the toxin on the consult day (en_GB, long)


def test_plan_json_has_the_stable_keys(tmp_path: Path) -> None:
    code, out = run(["plan", str(write(tmp_path, CONSULT)), "--json"])
    assert code == 0
    plan = json.loads(out)
    for key in ("area", "dimension", "tool", "because", "source"):
        assert key in plan["recommendations"][0]
    assert {"glabella", "cheeks"} == {r["area"] for r in plan["recommendations"]}
    for key in ("date", "day", "treatments"):
        assert key in plan["sessions"][0]
    assert set(plan["sessions"][0]["treatments"][0]) == {"tool", "area"}
    assert {"tool", "area", "next_due"} <= set(plan["maintenance"][0])
    assert plan["cost"]["total"] == sum(line["amount"] for line in plan["cost"]["lines"])
    assert isinstance(plan["flags"], list)


def test_flags_in_json_carry_code_severity_message_source(tmp_path: Path) -> None:
    data = dict(CONSULT, screening=all_no(pregnant_or_breastfeeding=True))
    code, out = run(["plan", str(write(tmp_path, data)), "--json"])
    assert code == 0
    flag = next(f for f in json.loads(out)["flags"] if f["code"] == "wait")
    assert flag["severity"] == "stop" and flag["message"] and flag["source"]


def test_invalid_field_exits_2_naming_file_and_field(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = dict(CONSULT, concerns=[{"area": "lips", "kind": "thin_lips", "severity_rest": 7}])
    path = write(tmp_path, bad)
    code, _ = run(["plan", str(path)])
    err = capsys.readouterr().err
    assert code == 2
    assert str(path) in err and "concerns.0.severity_rest" in err


def test_unknown_concern_kind_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = dict(CONSULT, concerns=[{"area": "lips", "kind": "lip_job", "severity_rest": 2}])
    code, _ = run(["plan", str(write(tmp_path, bad))])
    err = capsys.readouterr().err
    assert code == 2
    assert "concerns.0.kind" in err and "thin_lips" in err


def test_unknown_key_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = run(["plan", str(write(tmp_path, dict(CONSULT, budgett=100)))])
    assert code == 2
    assert "budgett" in capsys.readouterr().err


def test_broken_json_and_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = run(["plan", str(write(tmp_path, "{not json"))])
    assert code == 2 and "not valid JSON at line 1" in capsys.readouterr().err
    code, _ = run(["plan", str(tmp_path / "absent.json")])
    assert code == 2 and "file not found" in capsys.readouterr().err


def test_schema_is_the_consultation_json_schema() -> None:
    code, out = run(["schema"])
    schema = json.loads(out)
    assert code == 0
    assert schema["title"] == "Consultation"
    assert schema["additionalProperties"] is False
    assert "concerns" in schema["properties"]


def test_kb_check_ok_and_every_problem_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(["kb", "check"])
    assert code == 0 and "ok" in out
    broken = tmp_path / "kb"
    shutil.copytree(ROOT / "assets" / "knowledge", broken)
    settings = broken / "settings.toml"
    settings.write_text(settings.read_text().replace("[schedule]", "[schedule]\nfillr_gap_days = 3"))
    main_file = broken / "knowledge.toml"
    main_file.write_text(main_file.read_text().replace('third = "upper"', 'third = "top"', 1))
    code, _ = run(["kb", "check", str(broken)])
    err = capsys.readouterr().err
    assert code == 2
    assert "settings.toml: schedule.fillr_gap_days" in err
    assert "knowledge.toml: areas.forehead.third" in err
    assert "2 problems" in err


def test_clinic_config_overrides_the_filler_gap(tmp_path: Path) -> None:
    config = tmp_path / "clinic.toml"
    config.write_text('[clinic]\nname = "Synthetic Clinic"\n[schedule]\nfiller_gap_days = 21\n')
    code, out = run(["plan", str(write(tmp_path, CONSULT)), "--json", "--config", str(config)])
    assert code == 0
    sessions = json.loads(out)["sessions"]
    assert [s["day"] for s in sessions] == [0, 21]


def test_bad_clinic_config_names_the_config_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "clinic.toml"
    config.write_text("[schedule]\nfiller_gap_days = -4\n")
    code, _ = run(["plan", str(write(tmp_path, CONSULT)), "--config", str(config)])
    err = capsys.readouterr().err
    assert code == 2
    assert f"{config}: schedule.filler_gap_days" in err


def test_the_installed_command_never_shows_a_traceback(tmp_path: Path) -> None:
    path = write(tmp_path, "[]")
    result = subprocess.run(
        [sys.executable, "-m", "core.cli", "plan", str(path)], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert str(path) in result.stderr
