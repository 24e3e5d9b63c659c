"""`thirds backup` and `thirds restore`: a copy of the local records file, and one brought back; `thirds lots`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from core.cli import EXIT_FAILED, EXIT_OK, CliError
from core.cli_pin import DATABASE_HELP, actor, database_url
from core.records.backup import SERVER, BackupError

CLOSE_FIRST = "Close Thirds on this computer first."


def _failure(error: BackupError) -> CliError:
    return CliError(str(error), 2 if error.invalid else EXIT_FAILED)


def _local_file(url: str | None) -> tuple[str, Path]:
    """The records file behind the URL; a database server is refused: its own backups are used."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    from core.records.database import sqlite_path

    url = database_url(url)  # a clinic whose setting names its server is told to use that server's backups
    try:
        path = sqlite_path(url)
        parsed = make_url(url)
    except ArgumentError:
        raise CliError("--database: not a database URL (for a file: sqlite:///PATH)") from None
    if path is None:
        named = parsed.render_as_string(hide_password=True)  # never a server's password on screen
        raise CliError(f"{named}: an in-memory database has no file to copy" if parsed.get_backend_name() == "sqlite"
                       else f"{named}: {SERVER}")
    return url, path


def _finish_erasure(path: Path) -> str:
    """An erasure whose file rewrite failed is finished before copying, so the backup does not carry
    the erased rows' old pages. The file is not migrated or moved aside here: a damaged file is left
    for the integrity check of the copy to refuse."""
    from sqlalchemy import create_engine
    from sqlalchemy.exc import SQLAlchemyError

    from core.records import Records
    from core.records.database import Opened
    from core.records.privacy import finish_erasure

    engine = create_engine(f"sqlite:///{path}")
    try:
        return finish_erasure(Records(Opened(engine, path)))
    except SQLAlchemyError:
        return ""
    finally:
        engine.dispose()


def cmd_backup(args: argparse.Namespace, stdout: TextIO) -> int:
    from core.records.backup import copy_database, target_for
    from core.records.database import utcnow

    _url, path = _local_file(args.database)
    if not path.is_file():
        raise CliError(f"no records database at {path}; give --database URL or set THIRDS_DATABASE")
    try:
        target = target_for(args.dest, utcnow(), force=args.force, database=path)
        note = _finish_erasure(path)
        if note:
            print(note, file=sys.stderr)
        copy_database(path, target, force=args.force)
    except BackupError as error:
        raise _failure(error) from None
    print(f"Backup written: {target} (readable by this user only; integrity check ok).", file=stdout)
    return EXIT_OK


def _confirmed(prompt: str) -> bool:
    """yes, typed at the terminal (or one line of standard input)."""
    print(prompt, end=" ", file=sys.stderr, flush=True)
    line = sys.stdin.readline() if sys.stdin is not None else ""
    return line.strip().lower() in ("y", "yes")


def cmd_restore(args: argparse.Namespace, stdout: TextIO) -> int:
    from core.records import Records
    from core.records.backup import check_backup, erased_in, restore
    from core.records.database import utcnow
    from core.records.locking import opening_lock
    from core.records.privacy import erase_again
    from core.records.processes import still_open

    url, path = _local_file(args.database)
    try:
        backup = check_backup(args.file)
    except BackupError as error:
        raise _failure(error) from None
    if path.exists() and backup.path.resolve() == path.resolve():
        raise CliError(f"{args.file}: is the records file itself; give a backup")
    question = (f"{backup.path} holds {backup.patients} patient(s) and {backup.consultations} consultation(s). "
                f"Replace the records at {path} with it? The current records are moved aside to a file "
                f"beside them first, never deleted. {CLOSE_FIRST} Type yes to restore:")
    if not args.yes and not _confirmed(question):
        print("Nothing was restored.", file=sys.stderr)
        return EXIT_FAILED
    try:
        with opening_lock(path):  # no Thirds opens the file while it is replaced
            running = still_open(path)
            if running:
                pids = ", ".join(str(row.pid) for row in running)
                raise CliError(f"{path}: Thirds has these records open (process {pids}); close it, then restore. "
                               "Nothing was restored.", EXIT_FAILED)
            erased_patients, erased_drafts = erased_in(path)
            moved = restore(backup, path, utcnow())
    except BackupError as error:
        raise _failure(error) from None
    except TimeoutError as error:
        raise CliError(f"{path}: {error}; nothing was restored", EXIT_FAILED) from None
    except OSError as error:
        raise CliError(f"{path}: the records could not be replaced ({error.strerror or error})", EXIT_FAILED) from None
    records = Records.open(url, actor=actor("thirds restore"))
    try:
        again, problem = erase_again(records, erased_patients, erased_drafts)
        with records.session() as session:
            records.audit(session, "restored", "records", "backup",
                          f"schema {backup.schema_version}; patients erased again: {again}")
    finally:
        records.close()
    print(f"Restored from {backup.path}.", file=stdout)
    if moved is not None:
        print(f"The records it replaced were moved aside to {moved}.", file=stdout)
    if again:
        print(f"{again} patient(s) erased after this backup was taken were erased again.", file=stdout)
    if problem:
        print(f"The records file could not be rewritten after that ({problem}); Thirds tries again at "
              "the next start.", file=stdout)
    return EXIT_OK


def cmd_lots(args: argparse.Namespace, stdout: TextIO) -> int:
    """Every patient who received a lot: one line each, oldest first (traceability, recall)."""
    from core.cli import terminal_safe
    from core.cli_pin import _open
    from core.dates import show_date
    from core.knowledge.loader import clinic_knowledge_base
    from core.records.lots import lot_key, who_received

    lot = args.lot.strip()
    if not lot_key(lot):
        raise CliError("LOT: give a lot or batch number (letters or digits)")
    kb = clinic_knowledge_base()
    words, locale = kb.text().clinical_record, kb.settings.clinic.locale
    records = _open(args.database)
    try:
        found = who_received(records, lot)
    finally:
        records.close()
    if not found:
        print(terminal_safe(words.lots_none.format(lot=lot)), file=stdout)
        return EXIT_OK
    for row in found:
        area = kb.text().areas[row.area].name if row.area else kb.text().takeaway.whole_face
        print(terminal_safe(words.lots_line.format(
            date=show_date(row.given_on, locale), name=row.name, product=row.product, lot=row.lot, area=area,
            amount=f"{row.amount:g}", unit=row.unit)), file=stdout)
    return EXIT_OK


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    lots_cmd = commands.add_parser("lots", help="list every patient who received a lot (traceability)")
    lots_cmd.add_argument("lot", metavar="LOT", help="the lot or batch number, any case")
    lots_cmd.add_argument("--database", metavar="URL", help=DATABASE_HELP)
    lots_cmd.set_defaults(run=cmd_lots)

    backup_cmd = commands.add_parser("backup", help="copy the records file (checked) to a file or a folder")
    backup_cmd.add_argument("dest", metavar="DEST", help="a new file, or a folder for a dated file")
    backup_cmd.add_argument("--force", action="store_true", help="replace DEST if it is an existing file")
    backup_cmd.add_argument("--database", metavar="URL", help=DATABASE_HELP)
    backup_cmd.set_defaults(run=cmd_backup)

    restore_cmd = commands.add_parser("restore", help="bring back the records from a backup (asks first)")
    restore_cmd.add_argument("file", type=Path, metavar="FILE", help="a backup made by thirds backup")
    restore_cmd.add_argument("--yes", action="store_true", help="do not ask")
    restore_cmd.add_argument("--database", metavar="URL", help=DATABASE_HELP)
    restore_cmd.set_defaults(run=cmd_restore)
