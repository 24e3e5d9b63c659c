"""A broken knowledge base or clinic config stops with the file, the key path and the reason."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from core.knowledge.errors import InvalidFile, Problem
from core.knowledge.loader import default_kb_dir, load_knowledge_base, read_knowledge_base


@pytest.fixture
def kb_dir(tmp_path: Path) -> Path:
    target = tmp_path / "knowledge"
    shutil.copytree(default_kb_dir(), target)
    return target


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _problems(kb_dir: Path, config: Path | None = None) -> list[Problem]:
    kb, problems = read_knowledge_base(kb_dir, config)
    assert kb is None and problems
    return problems


def _where(problems: list[Problem]) -> set[tuple[str, str]]:
    return {(p.file.name, p.where) for p in problems}


def test_the_shipped_knowledge_base_is_valid() -> None:
    kb, problems = read_knowledge_base()
    assert problems == [] and kb is not None


def test_broken_toml_names_the_file(kb_dir: Path) -> None:
    _edit(kb_dir / "knowledge.toml", 'version = "', 'version = = "')
    (problem,) = _problems(kb_dir)
    assert problem.file == kb_dir / "knowledge.toml"
    assert "not valid TOML" in problem.reason and "line" in problem.reason


def test_unknown_key_typo_is_an_error_not_a_silent_default(kb_dir: Path) -> None:
    _edit(
        kb_dir / "knowledge.toml",
        'filler_class = "static"\nconcerns = ["volume_loss"]',
        'filler_clas = "static"\nconcerns = ["volume_loss"]',
    )
    problems = _problems(kb_dir)
    assert ("knowledge.toml", "areas.cheeks.filler_clas") in _where(problems)
    assert ("knowledge.toml", "areas.cheeks.filler_class") in _where(problems)


def test_wrong_type_names_the_settings_file_and_key(kb_dir: Path) -> None:
    _edit(kb_dir / "settings.toml", "filler_gap_days = { value = 14,", 'filler_gap_days = { value = "two weeks",')
    (problem,) = _problems(kb_dir)
    assert (problem.file.name, problem.where) == ("settings.toml", "schedule.filler_gap_days.value")
    assert "integer" in problem.reason


def test_rule_pointing_to_an_unknown_concern(kb_dir: Path) -> None:
    _edit(
        kb_dir / "knowledge.toml",
        'concern = "volume_loss"\ntool = "ha_filler"',
        'concern = "volume_lost"\ntool = "ha_filler"',
    )
    problems = _problems(kb_dir)
    assert any(
        p.where.startswith("rules.") and p.where.endswith(".concern") and "volume_lost" in p.reason for p in problems
    )
    # ...and the concern it should have covered now has no rule.
    assert ("knowledge.toml", "areas.cheeks.concerns") in _where(problems)


def test_unknown_tool_in_a_rule(kb_dir: Path) -> None:
    _edit(
        kb_dir / "knowledge.toml",
        'tool = "ha_filler"\nsource = "seed 002: sunken',
        'tool = "ha_filer"\nsource = "seed 002: sunken',
    )
    (problem,) = _problems(kb_dir)
    assert problem.file.name == "knowledge.toml" and problem.where.endswith(".tool")


def test_missing_text_names_the_language_file(kb_dir: Path) -> None:
    _edit(kb_dir / "text" / "en.toml", "[flags.budget]", "[flags.budget_typo]")
    problems = _problems(kb_dir)
    assert ("en.toml", "flags.budget") in _where(problems)
    assert ("en.toml", "flags.budget_typo") in _where(problems)
    assert all(p.file == kb_dir / "text" / "en.toml" for p in problems)


def test_missing_field_of_a_text(kb_dir: Path) -> None:
    _edit(kb_dir / "text" / "en.toml", 'action = "Prioritise within budget; the rest is deferred."\n', "")
    (problem,) = _problems(kb_dir)
    assert (problem.file.name, problem.where) == ("en.toml", "flags.budget.action")


def test_missing_source_is_an_error(kb_dir: Path) -> None:
    _edit(kb_dir / "screening.toml", 'source = "expert opinion, unsourced"', "")
    (problem,) = _problems(kb_dir)
    assert (problem.file.name, problem.where) == ("screening.toml", "screening.recent_dental_or_vaccination.source")


def test_unknown_screening_item(kb_dir: Path) -> None:
    _edit(kb_dir / "screening.toml", "[screening.under_18]", "[screening.under_21]")
    problems = _problems(kb_dir)
    (problem,) = [p for p in problems if p.where == "screening.under_21"]
    assert problem.file.name == "screening.toml" and "under_18" in problem.reason  # the known ids are named


def test_every_problem_is_reported_at_once(kb_dir: Path) -> None:
    _edit(kb_dir / "knowledge.toml", 'third = "upper"', 'thrid = "upper"')
    _edit(kb_dir / "settings.toml", "quality_series_sessions = { value = 3,", "quality_series_sessions = { value = 40,")
    _edit(kb_dir / "text" / "en.toml", 'direction = "ltr"', 'direction = "sideways"')
    files = {p.file.name for p in _problems(kb_dir)}
    assert files == {"knowledge.toml", "settings.toml", "en.toml"}


def test_every_cross_check_problem_is_reported_at_once(kb_dir: Path) -> None:
    _edit(kb_dir / "knowledge.toml", 'concern = "folds"', 'concern = "fold"')
    _edit(kb_dir / "text" / "en.toml", "[synergies.classic]", "[synergies.clasic]")
    _edit(kb_dir / "settings.toml", "prf = { value = 250,", "# prf = { value = 250,")
    problems = _problems(kb_dir)
    assert {p.file.name for p in problems} == {"knowledge.toml", "en.toml", "settings.toml"}
    assert ("settings.toml", "prices.prf") in _where(problems)
    assert ("en.toml", "synergies.classic") in _where(problems)


def test_load_raises_invalid_file_with_every_problem(kb_dir: Path) -> None:
    _edit(kb_dir / "knowledge.toml", 'third = "upper"', 'third = "top"')
    with pytest.raises(InvalidFile) as error:
        load_knowledge_base(kb_dir)
    assert error.value.problems
    assert "knowledge.toml: areas.forehead.third:" in str(error.value)


def test_missing_folder_is_a_problem(tmp_path: Path) -> None:
    (problem,) = _problems(tmp_path / "nowhere")
    assert "not a folder" in problem.reason


# --- the clinic's own config file -------------------------------------------------------------


def _config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "clinic.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_clinic_config_overrides_are_applied_with_their_origin(tmp_path: Path) -> None:
    config = _config(
        tmp_path, '[clinic]\nname = "Clinica Ficticia"\ncurrency = "ILS"\n\n[maintenance]\nneuromodulator = 100\n'
    )
    kb = load_knowledge_base(config_path=config)
    assert kb.settings.clinic.name == "Clinica Ficticia" and kb.settings.clinic.currency == "ILS"
    assert kb.settings.maintenance.neuromodulator.value == 100
    assert kb.settings.maintenance.neuromodulator.source == "clinic setting (clinic.toml)"
    assert kb.settings.maintenance.filler_static.value == 365


def test_clinic_config_typo_names_the_config_file(tmp_path: Path) -> None:
    config = _config(tmp_path, "[schedule]\nfiller_gap_dayz = 21\n")
    (problem,) = _problems(default_kb_dir(), config)
    assert (problem.file, problem.where) == (config, "schedule.filler_gap_dayz")


def test_clinic_config_bad_value_names_the_config_file(tmp_path: Path) -> None:
    config = _config(tmp_path, '[schedule]\nfiller_gap_days = -3\n\n[prices]\nha_filler = "cheap"\n')
    problems = _problems(default_kb_dir(), config)
    assert _where(problems) == {("clinic.toml", "schedule.filler_gap_days"), ("clinic.toml", "prices.ha_filler")}
    assert all(p.file == config for p in problems)


def test_clinic_config_unknown_section_names_the_config_file(tmp_path: Path) -> None:
    config = _config(tmp_path, "[prise]\nneuromodulator = 300\n")
    (problem,) = _problems(default_kb_dir(), config)
    assert (problem.file, problem.where) == (config, "prise")


def test_clinic_config_broken_toml_names_the_config_file(tmp_path: Path) -> None:
    config = _config(tmp_path, "[schedule\nfiller_gap_days = 21\n")
    (problem,) = _problems(default_kb_dir(), config)
    assert problem.file == config and "not valid TOML" in problem.reason


def test_clinic_config_logo_that_is_not_there(tmp_path: Path) -> None:
    config = _config(tmp_path, '[clinic]\nlogo = "logo.png"\n')
    (problem,) = _problems(default_kb_dir(), config)
    assert (problem.file, problem.where) == (config, "clinic.logo")


def test_clinic_toxin_refresh_sooner_than_the_label_is_refused(tmp_path: Path) -> None:
    config = _config(tmp_path, "[maintenance]\nneuromodulator = 60\n")
    (problem,) = _problems(default_kb_dir(), config)
    assert (problem.file, problem.where) == (config, "maintenance.neuromodulator")
    assert "90" in problem.reason


def test_clinic_filler_gap_shorter_than_the_toxin_onset_is_refused(tmp_path: Path) -> None:
    config = _config(tmp_path, "[schedule]\nfiller_gap_days = 3\n")
    (problem,) = _problems(default_kb_dir(), config)
    assert (problem.file, problem.where) == (config, "schedule.filler_gap_days")
    assert "same session" in problem.reason
    week = _config(tmp_path, "[schedule]\nfiller_gap_days = 7\n")
    assert load_knowledge_base(config_path=week).settings.schedule.filler_gap_days.value == 7
