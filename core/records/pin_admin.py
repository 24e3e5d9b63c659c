"""A forgotten PIN: the clinic's admin recovery code, set once on the machine, resets it.

Only a scrypt hash of the code is stored. Every change of the code and every reset, refused or done,
goes to the audit trail, without the code or the PIN.
"""

from __future__ import annotations

from core.records.database import get_state, set_state
from core.records.pin import forget_pin, hash_secret, needs_rehash, secret_matches
from core.records.repository import Records

ADMIN_CODE = "pin_admin_code"
MIN_ADMIN_CODE = 10
AUDIT_ENTITY = "pin"
AUDIT_UID = "practitioner"
SET_HOW = "set one first on this machine: thirds pin admin-code --set"


class AdminRefused(ValueError):
    """Said to the admin as it is: a wrong code, no code set, a code too short."""


def has_admin_code(records: Records) -> bool:
    with records.session() as session:
        return bool(get_state(session, ADMIN_CODE))


def check_admin_code(code: str) -> None:
    if len(code.strip()) < MIN_ADMIN_CODE:
        raise AdminRefused(f"the admin recovery code needs at least {MIN_ADMIN_CODE} characters")


def _matches(records: Records, code: str) -> bool:
    with records.session() as session:
        stored = get_state(session, ADMIN_CODE)
    if not stored:
        raise AdminRefused(f"no admin recovery code is set; {SET_HOW}")
    if not secret_matches(code, stored):
        with records.session() as session:
            records.audit(session, "refused", AUDIT_ENTITY, AUDIT_UID, "wrong admin recovery code")
        return False
    if needs_rehash(stored):
        with records.session() as session:
            set_state(session, ADMIN_CODE, hash_secret(code))
    return True


def set_admin_code(records: Records, new: str, current: str | None = None) -> None:
    """The first code needs only access to this machine; changing it needs the current one."""
    check_admin_code(new)
    if has_admin_code(records):
        if current is None:
            raise AdminRefused("an admin recovery code is already set; give the current one to change it")
        if not _matches(records, current):
            raise AdminRefused("wrong admin recovery code; the code was not changed")
        action = "changed"
    else:
        action = "created"
    stored = hash_secret(new)
    with records.session() as session:
        set_state(session, ADMIN_CODE, stored)
        records.audit(session, action, AUDIT_ENTITY, AUDIT_UID, "admin recovery code")


def reset_pin(records: Records, code: str) -> None:
    """Clear the PIN and its wrong tries: Thirds asks for a new PIN the next time one is needed."""
    if not _matches(records, code):
        raise AdminRefused("wrong admin recovery code; the PIN was not reset")
    with records.session() as session:
        forget_pin(session)
        records.audit(session, "reset", AUDIT_ENTITY, AUDIT_UID, "practitioner PIN cleared with the admin code")
