"""`thirds pin`: the clinic admin's recovery code and the reset of a forgotten practitioner PIN."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

from core.cli import EXIT_FAILED, EXIT_OK, CliError

if TYPE_CHECKING:
    from core.records import Records

ReadSecret = Callable[[str], str]
DATABASE_HELP = ("the records database: sqlite:///PATH or postgresql://USER@HOST/DATABASE (default: "
                 "$THIRDS_DATABASE, else the clinic setting records.database, else the file in the user data folder)")


def read_secret(prompt: str) -> str:
    """getpass at a terminal (nothing echoed); one line of standard input when it is piped."""
    if sys.stdin is not None and sys.stdin.isatty():
        try:
            return getpass.getpass(prompt)
        except EOFError:
            raise CliError("no code given") from None
    line = sys.stdin.readline() if sys.stdin is not None else ""
    if not line:
        raise CliError("no code given on standard input")
    return line.rstrip("\r\n")


def actor(via: str = "thirds pin") -> str:
    """Who the audit trail names for a command run at the machine."""
    try:
        user = getpass.getuser()
    except (OSError, KeyError):
        user = "unknown user"
    return f"clinic admin ({user[:100]}) via {via}"


def database_url(given: str | None) -> str:
    """--database, else $THIRDS_DATABASE, else the clinic setting records.database (the clinic's
    config file, read only when needed), else the file in the user data folder."""
    from core.knowledge.errors import InvalidFile
    from core.knowledge.loader import clinic_knowledge_base
    from core.records.database import ENV_VAR, default_url

    if given or os.environ.get(ENV_VAR):
        return given or default_url()
    try:
        return default_url(clinic_knowledge_base().settings.records.database.value)
    except InvalidFile as error:
        raise CliError(str(error)) from None


def _open(url: str | None) -> Records:
    """The existing records database: a reset never creates an empty one at a mistyped path."""
    from sqlalchemy.exc import ArgumentError, SQLAlchemyError

    from core.records import DatabaseTooNew, Records
    from core.records.database import sqlite_path
    from core.records.server import shown

    url = database_url(url)
    named = shown(url)  # never the password of a server URL
    try:
        path = sqlite_path(url)
    except ArgumentError:
        raise CliError(f"{named}: not a database URL (a file: sqlite:///PATH; a server: "
                       "postgresql://USER@HOST/DATABASE)") from None
    if path is not None and not path.is_file():
        raise CliError(f"no records database at {path}; give --database URL or set THIRDS_DATABASE")
    try:
        records = Records.open(url, actor=actor())
    except ArgumentError as error:  # an unknown database kind in the URL
        raise CliError(f"{named}: not a database URL we can open ({error})") from None
    except DatabaseTooNew as error:
        raise CliError(f"{named}: {error}") from None
    except (SQLAlchemyError, OSError) as error:
        raise CliError(f"{named}: the records database cannot be opened ({error})", EXIT_FAILED) from None
    if records.message:
        print(records.message, file=sys.stderr)
    return records


def _close(records: Records) -> None:
    # Not close_database: the app may have this database open, and only it may mark a clean shutdown.
    records.engine.dispose()


def cmd_admin_code(args: argparse.Namespace, stdout: TextIO) -> int:
    from core.records.pin_admin import AdminRefused, has_admin_code, set_admin_code

    records = _open(args.database)
    try:
        if not args.set:
            state = "is set" if has_admin_code(records) else "is not set; set it with --set"
            print(f"The admin recovery code {state}.", file=stdout)
            return EXIT_OK
        ask: ReadSecret = args.read_secret
        current = ask("Current admin recovery code: ") if has_admin_code(records) else None
        new = ask("New admin recovery code: ")
        if ask("The same code again: ") != new:
            raise CliError("the two codes differ; nothing was changed")
        try:
            set_admin_code(records, new, current)
        except AdminRefused as error:
            raise CliError(str(error)) from None
        print("Admin recovery code set. Keep it with the clinic's keys: `thirds pin reset` asks for it.",
              file=stdout)
        return EXIT_OK
    finally:
        _close(records)


def cmd_reset(args: argparse.Namespace, stdout: TextIO) -> int:
    from core.records.pin_admin import AdminRefused, has_admin_code, reset_pin

    records = _open(args.database)
    try:
        if not has_admin_code(records):
            raise CliError("cannot reset the PIN: no admin recovery code is set; "
                           "set one first on this machine: thirds pin admin-code --set")
        code = args.read_secret("Admin recovery code: ")
        try:
            reset_pin(records, code)
        except AdminRefused as error:
            raise CliError(str(error)) from None
        print("The practitioner PIN was cleared. Thirds asks for a new one the next time it is needed "
              "(handing the tablet to a patient). The reset is in the audit trail.", file=stdout)
        return EXIT_OK
    finally:
        _close(records)


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    pin_cmd = commands.add_parser("pin", help="the practitioner PIN: admin recovery code and reset")
    pin_sub = pin_cmd.add_subparsers(dest="pin_command", required=True)

    code_cmd = pin_sub.add_parser("admin-code", help="say whether the admin recovery code is set, or set it")
    code_cmd.add_argument("--set", action="store_true", help="set (or change) the code; it is asked twice")
    code_cmd.add_argument("--database", metavar="URL", help=DATABASE_HELP)
    code_cmd.set_defaults(run=cmd_admin_code)

    reset_cmd = pin_sub.add_parser("reset", help="clear a forgotten PIN with the admin recovery code")
    reset_cmd.add_argument("--database", metavar="URL", help=DATABASE_HELP)
    reset_cmd.set_defaults(run=cmd_reset)
