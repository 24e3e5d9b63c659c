"""Shared test set-up: Qt runs offscreen, data comes from the shipped knowledge base."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("THIRDS_CONFIG", os.devnull + ".absent-clinic.toml")

import json
from pathlib import Path

import pytest
from pytest_postgresql import factories

from core.consultation import Consultation
from core.knowledge.loader import load_knowledge_base
from core.knowledge.models import KnowledgeBase

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def half_of(names: list[str], half: int) -> list[str]:
    """`make test`: one fixed half of the examples (0: the 1st, 3rd, ... by name; 1: the others), so the
    two slowest per-example families (the walk by taps, the PDFs) each take one half and every example
    still goes through one of them; `make test-long` (THIRDS_LONG=1): all of them."""
    return names if os.environ.get("THIRDS_LONG") else sorted(names)[half::2]


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_knowledge_base()


def load_example(name: str) -> Consultation:
    return Consultation.model_validate(json.loads((EXAMPLES / f"{name}.json").read_text()))


@pytest.fixture
def example():
    return load_example


CONSULT_DATE = "2026-03-02"
ADULT = {"date_of_birth": "1980-05-01"}


def all_no(**answers: object) -> dict[str, object]:
    """Every screening question asked and answered no, except the answers given (True means yes)."""
    from core.consultation import Screening
    from core.vocabulary import Reply

    data: dict[str, object] = {
        name: "no" for name, field in Screening.model_fields.items() if field.annotation is Reply
    }
    for name, value in answers.items():
        data[name] = "yes" if value is True else "no" if value is False else value
    return data


def consult(*concerns: tuple, **sections: object) -> Consultation:
    """A consultation from (area, kind, rest, movement[, target]) tuples and answer sections: an adult,
    every screening question answered no (the `screening` section overrides: True means yes), and a
    negative BDDQ-AS, unless given.

    consult(("glabella", "frown_lines", 1, 3), screening={"neuromuscular_disease": True})
    """
    screening = sections.pop("screening", {})
    data: dict[str, object] = {
        "consult_date": CONSULT_DATE,
        "patient": ADULT,
        "bddq": {"q1": False, "q2": False},
        "screening": all_no(**screening) if isinstance(screening, dict) else screening,
    }
    rows = []
    for area, kind, rest, movement, *target in concerns:
        row = {"area": area, "kind": kind, "severity_rest": rest, "severity_movement": movement}
        if target:
            row["target_grade"] = target[0]
        rows.append(row)
    data["concerns"] = rows
    data.update(sections)
    return Consultation.model_validate(data)


def planned_pairs(plan: object) -> set[tuple[str | None, str]]:
    """(area, tool) of every planned recommendation, as plain ids."""
    return {(r.area.value if r.area else None, r.tool.value) for r in plan.planned}  # type: ignore[attr-defined]


def flag_codes(plan: object) -> list[str]:
    return [f.code.value for f in plan.flags]  # type: ignore[attr-defined]


@pytest.fixture
def cheap_pin_hash(monkeypatch: pytest.MonkeyPatch) -> None:
    """The explicit test hook for speed: new PIN hashes at a cheap scrypt cost (the real cost, 2^17, is
    tested in test_records_pin.py). Nothing outside the tests can lower it."""
    from core.records import pin

    monkeypatch.setattr(pin, "COST", pin.ScryptCost(n=2**10))


# --- records on both engines ---------------------------------------------------------------------
# `database_url` runs a records test on a SQLite file and on PostgreSQL (test ids `[sqlite]` and
# `[postgres]`: `pytest -k postgres` picks the server runs). The server is started once per test
# process (each xdist worker has its own, tests/postgres_server.py); every test gets a fresh database,
# made and dropped by pytest-postgresql's janitor from an empty template. No PostgreSQL on the
# machine is a failure naming what is missing, never a skip.

ENGINES = ("sqlite", "postgres")


@pytest.fixture(autouse=True)
def _own_outbox(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A tablet's outbox for writes its server could not take (core/records/outbox.py) is per test,
    never the user's own file."""
    monkeypatch.setenv("THIRDS_OUTBOX", str(tmp_path / "tablet-outbox.sqlite3"))
TEST_DATABASE = "thirds_test"


@pytest.fixture(scope="session")
def postgres_server():
    from postgres_server import ServerMissing, start

    try:
        server = start()
    except ServerMissing as error:
        missing = str(error)
    else:
        yield server
        server.stop()
        return
    pytest.fail(f"the PostgreSQL tests need a PostgreSQL server: {missing}", pytrace=False)


@pytest.fixture(scope="session")
def postgres_template(postgres_server):
    """The server as pytest-postgresql sees it, with the empty template every test database copies."""
    from pytest_postgresql.executors import NoopExecutor
    from pytest_postgresql.janitor import DatabaseJanitor

    server = postgres_server
    executor = NoopExecutor(host=server.host, port=server.port, user=server.user, password=server.password,
                            options="", dbname=TEST_DATABASE)
    DatabaseJanitor(user=server.user, host=server.host, port=server.port, password=server.password,
                    dbname=executor.template_dbname, as_template=True).init()
    return executor


postgres_database = factories.postgresql("postgres_template")


@pytest.fixture(params=ENGINES)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty records database: a SQLite file under tmp_path, or a database on the server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'records' / 'thirds.sqlite3'}"
    connection = request.getfixturevalue("postgres_database")
    return request.getfixturevalue("postgres_server").url(connection.info.dbname)
