"""A forgotten PIN: `thirds pin reset` needs the clinic's admin recovery code, clears the PIN and its
wrong tries, and leaves an audit entry without any secret in it."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator

import pytest

from core.cli import main
from core.records import Records
from core.records.database import get_state
from core.records.pin import FAILURES, PinLock, secret_matches

PIN = "482135"
CODE = "blue-cabinet-4417"

pytestmark = pytest.mark.usefixtures("cheap_pin_hash")


def answers(*codes: str) -> Callable[[str], str]:
    """read_secret for main(): the codes in order, and a failure if asked once more."""
    given: Iterator[str] = iter(codes)

    def read(prompt: str) -> str:
        try:
            return next(given)
        except StopIteration:
            pytest.fail(f"asked once too often: {prompt}")

    return read


def run(argv: list[str], *codes: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(argv, stdout=out, read_secret=answers(*codes)), out.getvalue()


@pytest.fixture
def url(tmp_path) -> str:
    address = f"sqlite:///{tmp_path / 'records.sqlite3'}"
    records = Records.open(address, actor="Dr Test")
    lock = PinLock(records)
    lock.set_pin(PIN)
    for _ in range(3):
        lock.verify("000000")  # the third starts a back-off
    records.close()
    return address


def state(url: str, key: str) -> str | None:
    records = Records.open(url)
    try:
        with records.session() as session:
            return get_state(session, key)
    finally:
        records.close()


def pin_opens(url: str, pin: str) -> bool:
    """The stored PIN is this one (checked without PinLock: its back-off is running)."""
    return secret_matches(pin, state(url, "practitioner_pin") or "")


def audit(url: str) -> list[tuple[str, ...]]:
    records = Records.open(url)
    try:
        return [(e.actor, e.action, e.entity, e.entity_uid, e.detail) for e in records.audit_trail()]
    finally:
        records.close()


def set_code(url: str) -> None:
    assert run(["pin", "admin-code", "--set", "--database", url], CODE, CODE)[0] == 0


def test_the_right_code_clears_the_pin_and_its_wrong_tries(url, capsys):
    set_code(url)
    stored = state(url, "practitioner_pin")
    assert stored and state(url, FAILURES) == "3"
    code, out = run(["pin", "reset", "--database", url], CODE)
    assert code == 0 and "PIN was cleared" in out
    assert state(url, "practitioner_pin") is None and state(url, FAILURES) is None
    assert state(url, "patient_mode") == "0"
    records = Records.open(url)
    lock = PinLock(records)
    assert not lock.has_pin and lock.wait_seconds() == 0  # the next start asks for a new PIN
    records.close()
    assert "Traceback" not in capsys.readouterr().err


def test_the_reset_is_audited_without_a_code_or_a_pin(url):
    set_code(url)
    assert run(["pin", "reset", "--database", url], CODE)[0] == 0
    entries = audit(url)
    resets = [e for e in entries if e[1:3] == ("reset", "pin")]
    assert len(resets) == 1 and "via thirds pin" in resets[0][0]
    assert any(e[1:3] == ("created", "pin") for e in entries)  # the admin code was set
    for entry in entries:
        for field in entry:
            assert CODE not in field and PIN not in field


def test_a_wrong_code_exits_2_and_leaves_the_pin(url, capsys):
    set_code(url)
    before = state(url, "practitioner_pin")
    code, out = run(["pin", "reset", "--database", url], "not-the-code-at-all")
    err = capsys.readouterr().err
    assert code == 2 and out == ""
    assert "wrong admin recovery code" in err and "Traceback" not in err
    assert state(url, "practitioner_pin") == before and pin_opens(url, PIN)
    refused = [e for e in audit(url) if e[1] == "refused"]
    assert len(refused) == 1 and "not-the-code-at-all" not in "".join(refused[0])


def test_without_an_admin_code_the_reset_refuses_and_says_how_to_set_one(url, capsys):
    code, _ = run(["pin", "reset", "--database", url])  # not even asked for a code
    err = capsys.readouterr().err
    assert code == 2 and "no admin recovery code is set" in err and "thirds pin admin-code --set" in err
    assert pin_opens(url, PIN)


def test_the_admin_code_is_stored_only_as_a_scrypt_hash(url):
    set_code(url)
    stored = state(url, "pin_admin_code") or ""
    assert stored.startswith("scrypt$") and CODE not in stored
    assert run(["pin", "admin-code", "--database", url])[1] == "The admin recovery code is set.\n"


def test_changing_the_admin_code_needs_the_current_one(url, capsys):
    set_code(url)
    new = "green-drawer-9031"
    assert run(["pin", "admin-code", "--set", "--database", url], "wrong-code-here", new, new)[0] == 2
    assert "wrong admin recovery code" in capsys.readouterr().err
    assert run(["pin", "admin-code", "--set", "--database", url], CODE, new, new)[0] == 0
    assert run(["pin", "reset", "--database", url], CODE)[0] == 2
    assert run(["pin", "reset", "--database", url], new)[0] == 0


@pytest.mark.parametrize(("codes", "said"), [
    (("short", "short"), "at least 10 characters"),
    ((CODE, CODE + "x"), "the two codes differ"),
])
def test_a_bad_new_admin_code_exits_2_naming_the_problem(url, capsys, codes, said):
    assert run(["pin", "admin-code", "--set", "--database", url], *codes)[0] == 2
    assert said in capsys.readouterr().err
    assert state(url, "pin_admin_code") is None


def test_the_code_can_come_on_standard_input(url, monkeypatch):
    set_code(url)
    monkeypatch.setattr("sys.stdin", io.StringIO(CODE + "\n"))
    assert main(["pin", "reset", "--database", url], stdout=io.StringIO()) == 0
    assert state(url, "practitioner_pin") is None


def test_nothing_on_standard_input_is_no_code(url, monkeypatch, capsys):
    set_code(url)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["pin", "reset", "--database", url], stdout=io.StringIO()) == 2
    assert "no code given" in capsys.readouterr().err
    assert pin_opens(url, PIN)


def test_a_missing_database_is_named_and_not_created(tmp_path, capsys):
    missing = tmp_path / "typo.sqlite3"
    assert run(["pin", "reset", "--database", f"sqlite:///{missing}"])[0] == 2
    assert "no records database at" in capsys.readouterr().err
    assert not missing.exists()


def test_the_database_comes_from_thirds_database_by_default(url, monkeypatch):
    monkeypatch.setenv("THIRDS_DATABASE", url)
    set_code_out = run(["pin", "admin-code", "--set"], CODE, CODE)
    assert set_code_out[0] == 0
    assert run(["pin", "reset"], CODE)[0] == 0
    assert state(url, "practitioner_pin") is None


def test_after_a_reset_a_new_pin_is_chosen_and_works(url):
    set_code(url)
    assert run(["pin", "reset", "--database", url], CODE)[0] == 0
    records = Records.open(url)
    lock = PinLock(records)
    lock.set_pin("975310")
    assert lock.verify("975310").accepted
    records.close()
