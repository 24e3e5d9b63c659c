"""`thirds`: the headless command line. Exit 0 on success, 2 on invalid input, never a traceback."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from pydantic import ValidationError

from core.consultation import Consultation
from core.engine import InvalidConsultation, plan
from core.knowledge.errors import InvalidFile, Problem, dotted
from core.knowledge.loader import clinic_knowledge_base, read_knowledge_base
from core.knowledge.models import KnowledgeBase
from core.plan import Plan
from core.report import render_plan

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_INVALID = 2


class CliError(Exception):
    def __init__(self, message: str, code: int = EXIT_INVALID) -> None:
        super().__init__(message)
        self.code = code


def read_consultation(path: Path) -> Consultation:
    """Load and validate a consultation file; errors name the file and the field."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CliError(f"{path}: file not found") from None
    except (OSError, UnicodeDecodeError) as error:
        raise CliError(f"{path}: cannot be read ({error})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise CliError(f"{path}: not valid JSON at line {error.lineno}, column {error.colno}: {error.msg}") from None
    try:
        return Consultation.model_validate(data)
    except ValidationError as error:
        lines = [f"{path}: {dotted(tuple(e['loc'])) or '(top level)'}: {e['msg']}" for e in error.errors()]
        raise CliError("\n".join(lines)) from None


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


def _export(kind: str, out: Path, writer: Callable[[Path], Path], stdout: TextIO) -> None:
    from core.takeaway import ExportError

    try:
        written = writer(out)
    except ExportError as error:
        raise CliError(str(error), EXIT_FAILED) from None
    print(f"{kind} written: {written}", file=stdout)


def cmd_plan(args: argparse.Namespace, stdout: TextIO) -> int:
    kb = _knowledge(args.config)
    consultation, result = _plan_for(args.file, kb)
    if args.json:
        print(result.model_dump_json(indent=2), file=stdout)
    else:
        print(render_plan(consultation, result, kb), file=stdout)
    if args.pdf or args.record or args.ics:
        from core import takeaway

        if args.pdf:
            _export("Takeaway", args.pdf, lambda o: takeaway.write_takeaway(consultation, result, kb, o), stdout)
        if args.record:
            _export("Record", args.record, lambda o: takeaway.write_record(consultation, result, kb, o), stdout)
        if args.ics:
            _export("Calendar", args.ics, lambda o: takeaway.write_ics(consultation, result, kb, o), stdout)
    return EXIT_OK


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
    plan_cmd.set_defaults(run=cmd_plan)

    schema_cmd = commands.add_parser("schema", help="print the JSON Schema of a consultation")
    schema_cmd.set_defaults(run=cmd_schema)

    kb_cmd = commands.add_parser("kb", help="knowledge base tools")
    kb_sub = kb_cmd.add_subparsers(dest="kb_command", required=True)
    check = kb_sub.add_parser("check", help="validate a knowledge base folder, reporting every problem")
    check.add_argument("path", type=Path, nargs="?", default=None, metavar="PATH")
    check.add_argument("--config", type=Path, help="also validate this clinic settings file")
    check.set_defaults(run=cmd_kb_check)
    return root


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None) -> int:
    out = stdout or sys.stdout
    args = parser().parse_args(argv)
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
