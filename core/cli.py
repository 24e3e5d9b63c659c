"""`thirds`: the headless command line. Exit 0 on success, 2 on invalid input, never a traceback."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import stat
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

from pydantic import BaseModel, ValidationError

from core.consultation import Consultation
from core.engine import InvalidConsultation, plan
from core.knowledge.errors import InvalidFile, Problem, dotted
from core.knowledge.loader import clinic_knowledge_base, read_knowledge_base
from core.knowledge.models import KnowledgeBase
from core.plan import Plan
from core.report import render_plan
from core.vocabulary import Tool

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_INVALID = 2

# A technical limit, not a clinical one: the plan adds weeks, months and years to every date, and
# Python's dates stop at year 9999, so a date far outside a working life is refused up front
# instead of overflowing half-way through a plan or an export.
EARLIEST_YEAR = 1900
LATEST_YEAR = 2199


class CliError(Exception):
    def __init__(self, message: str, code: int = EXIT_INVALID) -> None:
        super().__init__(message)
        self.code = code


def _read_regular_file(path: Path) -> bytes:
    """The bytes of a regular file; a pipe or a device is refused before it is opened or read."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise CliError(f"{path}: not a regular file (a folder, a device or a pipe); give a .json file")
        # O_NONBLOCK: should the path become a pipe after the check, opening it cannot hang.
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise CliError(f"{path}: file not found") from None
    except OSError as error:
        raise CliError(f"{path}: cannot be read ({error.strerror or error})") from None
    with os.fdopen(handle, "rb") as source:
        try:
            if not stat.S_ISREG(os.fstat(source.fileno()).st_mode):
                raise CliError(f"{path}: not a regular file (a folder, a device or a pipe); give a .json file")
            return source.read()
        except OSError as error:
            raise CliError(f"{path}: cannot be read ({error.strerror or error})") from None


class DuplicateKey(ValueError):
    pass


def _no_duplicates(pairs: list[tuple[str, object]]) -> dict[str, object]:
    """A key given twice is refused: which of two answers is meant is not ours to guess."""
    seen: dict[str, object] = {}
    for key, value in pairs:
        if key in seen:
            raise DuplicateKey(key)
        seen[key] = value
    return seen


def _parse_json(path: Path, text: str) -> object:
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates)
    except DuplicateKey as error:
        raise CliError(f"{path}: the key \"{error}\" is given twice; keep one") from None
    except json.JSONDecodeError as error:
        raise CliError(f"{path}: not valid JSON at line {error.lineno}, column {error.colno}: {error.msg}") from None
    except RecursionError:
        raise CliError(f"{path}: not a consultation: the JSON is nested too deeply") from None
    except ValueError as error:  # Python refuses to convert an integer of more than 4300 digits
        if "digits" in str(error):
            raise CliError(f"{path}: a number is too long ({sys.get_int_max_str_digits()} digits at most)") from None
        raise CliError(f"{path}: not valid JSON: {error}") from None


def _dates(value: object, where: tuple[int | str, ...] = ()) -> Iterator[tuple[tuple[int | str, ...], dt.date]]:
    """Every date in a validated model, with its field path (lists and nested models included)."""
    if isinstance(value, dt.date):
        yield where, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _dates(getattr(value, name), (*where, name))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _dates(item, (*where, index))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _dates(item, (*where, str(key)))


def _dates_out_of_range(consultation: Consultation) -> list[str]:
    return [
        f"{dotted(where)}: year {day.year} is out of range ({EARLIEST_YEAR}–{LATEST_YEAR})"
        for where, day in _dates(consultation)
        if not EARLIEST_YEAR <= day.year <= LATEST_YEAR
    ]


def read_consultation(path: Path) -> Consultation:
    """Load and validate a consultation file; errors name the file and the field."""
    try:
        text = _read_regular_file(path).decode("utf-8-sig")  # a byte-order mark (some editors save one) is fine
    except UnicodeDecodeError as error:
        raise CliError(f"{path}: not UTF-8 text (byte {error.start})") from None
    data = _parse_json(path, text)
    try:
        consultation = Consultation.model_validate(data)
    except ValidationError as error:
        lines = [f"{path}: {_field_message(e)}" for e in error.errors()]
        raise CliError("\n".join(lines)) from None
    except RecursionError:
        raise CliError(f"{path}: not a consultation: the JSON is nested too deeply") from None
    out_of_range = _dates_out_of_range(consultation)
    if out_of_range:
        raise CliError("\n".join(f"{path}: {line}" for line in out_of_range))
    return consultation


def _field_message(error: Any) -> str:
    """'goals.budget: ...'; a whole-consult check names its field in its own message."""
    where = dotted(tuple(error["loc"]))
    message = str(error["msg"]).removeprefix("Value error, ")
    if not where and ": " in message:
        return message
    return f"{where or '(top level)'}: {message}"


def _knowledge(config: Path | None) -> KnowledgeBase:
    try:
        return clinic_knowledge_base(config)
    except InvalidFile as error:
        raise CliError(str(error)) from None


def _plan_for(path: Path, kb: KnowledgeBase) -> tuple[Consultation, Plan]:
    consultation = read_consultation(path)
    try:
        return consultation, plan(consultation, kb)
    except InvalidConsultation as error:
        raise CliError("\n".join(f"{path}: {problem}" for problem in error.problems)) from None
    except OverflowError as error:  # second line of defence behind the date window in read_consultation
        raise CliError(f"{path}: a date or number is out of range ({error})") from None


def _export_failure(error: Exception) -> CliError:
    """A refused target (a device, a pipe) is bad input, exit 2; a failed write (a full disk) is exit 1."""
    from core.takeaway.output import RefusedTarget

    return CliError(str(error), EXIT_INVALID if isinstance(error, RefusedTarget) else EXIT_FAILED)


def _check_targets(source: Path, *targets: Path | None) -> None:
    """Refuse a bad output path before any plan is printed or any file written: a device or a pipe,
    the consultation file itself, or one path given for two outputs."""
    from core.takeaway.output import ExportError, writable_target

    chosen = [t for t in targets if t is not None]
    resolved = [t.expanduser().resolve() for t in chosen]
    if source.expanduser().resolve() in resolved:
        raise CliError(f"{source}: is the consultation itself; choose another file for the output")
    for index, path in enumerate(resolved):
        if path in resolved[:index]:
            raise CliError(f"{chosen[index]}: is given for two outputs; choose one file for each")
    for target in targets:
        if target is not None:
            try:
                writable_target(target)
            except ExportError as error:
                raise _export_failure(error) from None


def _export(kind: str, out: Path, writer: Callable[[Path], Path], stdout: TextIO) -> None:
    from core.takeaway import ExportError

    try:
        written = writer(out)
    except ExportError as error:
        raise _export_failure(error) from None
    print(f"{kind} written: {written}", file=stdout)


def _patient_knowledge(kb: KnowledgeBase, language: str | None) -> KnowledgeBase:
    """--language: the knowledge base in the patient's language; exit 2 naming the option otherwise."""
    if language is None:
        return kb
    try:
        return kb.for_language(language)
    except KeyError as error:
        raise CliError(f"--language: {error.args[0]}") from None


def cmd_plan(args: argparse.Namespace, stdout: TextIO) -> int:
    kb = _knowledge(args.config)
    patient_kb = _patient_knowledge(kb, args.language)
    consultation, result = _plan_for(args.file, kb)
    if args.language is None and consultation.patient_language in kb.texts:  # the patient's, as chosen
        patient_kb = _patient_knowledge(kb, consultation.patient_language)
    _check_targets(args.file, args.pdf, args.record, args.ics)
    if args.json:
        print(result.model_dump_json(indent=2), file=stdout)
    else:
        print(terminal_safe(render_plan(consultation, result, kb)), file=stdout)
    if args.pdf or args.record or args.ics:
        from core import takeaway

        # The takeaway and the calendar in the patient's language: the same plan, its sentences in
        # that language; the record stays in the clinic's.
        for_patient = result if patient_kb is kb else plan(consultation, patient_kb)
        if args.pdf:
            _export("Takeaway", args.pdf, lambda o: takeaway.write_takeaway(consultation, for_patient, patient_kb, o), stdout)
        if args.record:
            _export("Record", args.record, lambda o: takeaway.write_record(consultation, result, kb, o), stdout)
        if args.ics:
            _export("Calendar", args.ics, lambda o: takeaway.write_ics(consultation, for_patient, patient_kb, o), stdout)
    return EXIT_OK


def terminal_safe(text: str) -> str:
    """Typed text (a name) reaches the terminal without control characters: an escape sequence in a
    patient's name must not move the cursor or retitle the window."""
    return "".join(ch if ch in "\n\t" or (ord(ch) >= 32 and not 0x7F <= ord(ch) < 0xA0) else "\ufffd" for ch in text)


def cmd_schema(args: argparse.Namespace, stdout: TextIO) -> int:
    print(json.dumps(Consultation.model_json_schema(), indent=2), file=stdout)
    return EXIT_OK


def cmd_kb_check(args: argparse.Namespace, stdout: TextIO) -> int:
    kb, problems = read_knowledge_base(args.path, args.config)
    if kb is None:
        for problem in problems:
            print(problem, file=sys.stderr)
        noun = "problem" if len(problems) == 1 else "problems"
        print(f"knowledge base invalid: {len(problems)} {noun}", file=sys.stderr)
        return EXIT_INVALID
    print(
        f"knowledge base {kb.version} ok: {len(kb.areas)} areas, {len(kb.tools)} tools, "
        f"{len(kb.rules)} rules, {len(kb.screening)} screening items, {len(kb.synergies)} synergies, "
        f"languages: {', '.join(sorted(kb.texts))}",
        file=stdout,
    )
    for index, product in enumerate(kb.settings.products):
        if product.tool is Tool.NEUROMODULATOR and not product.label_doses:  # valid, but said: a clinic
            print(f"note: settings: products.{index} ({product.name}): label_doses is not set, so amounts "  # upgrading
                  "given of it are not checked against the BOTOX Cosmetic label doses; set label_doses = true "
                  "if its units are onabotulinumtoxinA units", file=stdout)
    return EXIT_OK


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="thirds", description="Thirds consultation engine (headless).")
    commands = root.add_subparsers(dest="command", required=True)

    plan_cmd = commands.add_parser("plan", help="print the plan for a consultation JSON file")
    plan_cmd.add_argument("file", type=Path, metavar="FILE.json")
    plan_cmd.add_argument("--json", action="store_true", help="print the plan as JSON")
    plan_cmd.add_argument("--config", type=Path, help="clinic settings file (TOML)")
    plan_cmd.add_argument("--pdf", type=Path, metavar="OUT.pdf", help="write the patient takeaway")
    plan_cmd.add_argument("--record", type=Path, metavar="RECORD.pdf", help="write the practitioner record")
    plan_cmd.add_argument("--ics", type=Path, metavar="OUT.ics", help="write the calendar of sessions")
    plan_cmd.add_argument(
        "--language", metavar="CODE", help="the patient's language for the takeaway and calendar (en, he, ar); "
        "by default the consultation's patient_language, else the clinic's (clinic.language)"
    )
    plan_cmd.set_defaults(run=cmd_plan)

    schema_cmd = commands.add_parser("schema", help="print the JSON Schema of a consultation")
    schema_cmd.set_defaults(run=cmd_schema)

    kb_cmd = commands.add_parser("kb", help="knowledge base tools")
    kb_sub = kb_cmd.add_subparsers(dest="kb_command", required=True)
    check = kb_sub.add_parser("check", help="validate a knowledge base folder, reporting every problem")
    check.add_argument("path", type=Path, nargs="?", default=None, metavar="PATH")
    check.add_argument("--config", type=Path, help="also validate this clinic settings file")
    check.set_defaults(run=cmd_kb_check)

    from core import cli_pin, cli_records

    cli_pin.add_commands(commands)
    cli_records.add_commands(commands)
    return root


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None,
         read_secret: Callable[[str], str] | None = None) -> int:
    """`read_secret` asks for a code (the admin recovery code); getpass at a terminal by default."""
    out = stdout or sys.stdout
    args = parser().parse_args(argv)
    from core import cli_pin

    args.read_secret = read_secret or cli_pin.read_secret
    try:
        code: int = args.run(args, out)
    except CliError as error:
        print(str(error), file=sys.stderr)
        return error.code
    except KeyboardInterrupt:
        return EXIT_FAILED
    except Exception as error:  # noqa: BLE001 - the last line of defence: never a traceback
        print(f"thirds: unexpected error: {type(error).__name__}: {error}", file=sys.stderr)
        return EXIT_FAILED
    return code


if __name__ == "__main__":
    sys.exit(main())


__all__ = ["Problem", "main", "read_consultation"]
