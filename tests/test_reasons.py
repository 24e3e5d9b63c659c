"""Every reason the engine gives reads as words: no dotted answer path, no snake_case id, no seed number."""

from __future__ import annotations

import re

from hypothesis import given
from test_engine_properties import SETTINGS, consultations

from conftest import EXAMPLES, load_example
from core.consultation import Consultation
from core.engine import plan
from core.knowledge.loader import load_knowledge_base
from core.reasons import known, phrase, source_detail, source_title

KB = load_knowledge_base()
DATA_KEY = re.compile(r"\b[a-z]+_[a-z_]+\b|\b[a-z]+\.[a-z_]+\b|seed 00\d")


def _reasons(result) -> list[str]:
    return [b for item in [*result.recommendations, *result.flags, *result.removed] for b in item.because] + [
        b for r in result.screening for b in r.because
    ]


def test_every_reason_of_every_example_has_words_and_no_data_key() -> None:
    for path in EXAMPLES.glob("*.json"):
        result = plan(load_example(path.stem), KB)
        for reason in _reasons(result):
            assert known(reason), reason
            words = phrase(reason, KB)
            assert not DATA_KEY.search(words), (reason, words)


@SETTINGS
@given(consultations())
def test_every_reason_the_engine_can_give_is_a_known_form(c: Consultation) -> None:
    for reason in _reasons(plan(c, KB)):
        assert known(reason), reason


def test_the_review_examples_read_as_the_issue_asks() -> None:
    assert phrase("skin.hydration = 2", KB) == "Hydration 2 of 4 (moderate)"
    assert phrase("screening.medications includes fish_oil", KB) == "Takes: Fish oil"
    assert phrase("goals.budget = 1500.00", KB) == "Budget €1,500"  # the clinic's locale (en), whole amounts whole
    assert phrase("planned: crows_feet, tear_trough", KB) == "Planned for Crow's feet and Tear trough"
    assert "Forehead" in phrase("concerns[forehead/horizontal_lines]: grade 1 at rest, 3 on movement", KB)


def test_an_unknown_old_reason_loses_its_path_and_underscores() -> None:
    assert not DATA_KEY.search(phrase("screening.ha_or_lidocaine_allergy = maybe", KB))
    assert not DATA_KEY.search(phrase("history.some_future_field = 3", KB))


def test_sources_have_short_titles_and_no_seed_numbers() -> None:
    for path in EXAMPLES.glob("*.json"):
        result = plan(load_example(path.stem), KB)
        for item in [*result.recommendations, *result.flags]:
            title = source_title(item.source, KB)
            assert title and "seed 00" not in title and len(title) <= 90, item.source
            assert "seed 00" not in source_detail(item.source, KB)
    assert source_title("seed 002: When not to combine", KB) == "Combining Botox and fillers (clinic article)"
