"""The ``skolemiljo`` command line.

Exit codes (a public contract): 0 no error finding, 1 error findings, 2 unreadable or malformed
input or a wrong argument (one line on stderr naming the problem, never a traceback, never
personal text).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import Any

from skolemiljo import __version__
from skolemiljo._i18n import parse_maalform
from skolemiljo._law import SOURCE_KINDS, AuditOptions
from skolemiljo._reports import assess, audit
from skolemiljo.errors import SkolemiljoError
from skolemiljo.findings import Profile
from skolemiljo.measures import measure_catalogue
from skolemiljo.plan import validate_plan
from skolemiljo.routine import load_routine
from skolemiljo.schema import json_schema, schema_names

from .args import Parser, positive, reading_arg
from .cases import add_commands
from .demo import cmd_demo, cmd_examples, cmd_templates
from .files import (
    EXIT_FINDINGS,
    EXIT_INPUT,
    EXIT_OK,
    InputProblem,
    jsonl,
    print_assessment,
    print_audit,
    print_json,
    print_report,
    read,
)
from .inspection import add_inspection_commands
from .letter import add_letter_command

__all__ = ["main"]


def _cmd_validate(args: argparse.Namespace) -> int:
    previous = read(args.previous) if args.previous else None
    report = validate_plan(
        read(args.plan), profile=args.profile, maalform=args.maalform, previous=previous
    )
    if args.json:
        print_json(report.to_json_dict())
    else:
        print_report(report)
    return EXIT_OK if report.valid else EXIT_FINDINGS


def _one_case(args: argparse.Namespace) -> str:
    if args.jsonl is not None:
        raise InputProblem("give CASE.json or --jsonl FILE, not both")
    return str(read(args.case))


def _cmd_audit(args: argparse.Namespace) -> int:
    options = AuditOptions(
        min_source="statute" if args.only_law else args.min_source,
        readings=tuple(args.readings),
    )
    if args.jsonl is not None and args.case is None:
        routine = load_routine(args.routine) if args.routine else None
        return jsonl(
            args,
            lambda text: audit(
                text, args.as_of, routine=routine, maalform=args.maalform, options=options
            ),
        )
    report = audit(
        _one_case(args), args.as_of, routine=args.routine, maalform=args.maalform, options=options
    )
    if args.json:
        print_json(report.to_json_dict())
    else:
        print_audit(report)
    return EXIT_FINDINGS if report.breaches else EXIT_OK


def _cmd_assess(args: argparse.Namespace) -> int:
    if args.jsonl is not None and args.case is None:
        routine = load_routine(args.routine) if args.routine else None

        def one(text: str) -> Any:
            result = assess(text, args.as_of, maalform=args.maalform, engine=args.engine,
                            routine=routine, readings=args.readings)  # fmt: skip
            return result.to_compact() if args.compact else result

        return jsonl(args, one)
    report = assess(
        _one_case(args),
        args.as_of,
        maalform=args.maalform,
        engine=args.engine,
        routine=args.routine,
        readings=args.readings,
    )
    if args.compact and not args.json:
        raise InputProblem("--compact is a JSON format: give --json (or --jsonl) too")
    if args.json:
        print_json(report.to_compact().model_dump(mode="json") if args.compact
                   else report.to_json_dict())  # fmt: skip
    else:
        print_assessment(report)
    return EXIT_OK


def _cmd_serve(args: argparse.Namespace) -> int:
    try:
        from skolemiljo.server import ServerOptions, serve
    except ImportError:
        raise InputProblem(
            "the service needs the server extra: pip install skolemiljo[server]"
        ) from None
    serve(
        ServerOptions(
            host=args.host,
            port=args.port,
            max_body_bytes=args.max_body,
            read_timeout=args.read_timeout,
            shutdown_timeout=args.shutdown_timeout,
            access_log=args.access_log,
        )
    )
    return EXIT_OK


def _cmd_check(args: argparse.Namespace) -> int:
    from skolemiljo.scenarios import ScenarioError, run_scenario

    results: list[dict[str, Any]] = []
    passed = failed = broken = 0
    for path in args.scenarios:
        try:
            result = run_scenario(path)
        except ScenarioError as error:
            broken += 1
            results.append({"path": path, "error": str(error)})
            if not args.json:
                print(f"ERROR {path}\n      {error}")
            continue
        if result.passed:
            passed += 1
        else:
            failed += 1
        results.append({**result.model_dump(mode="json"), "passed": result.passed})
        if not args.json:
            engines = ", ".join(result.engines)
            state = "ok   " if result.passed else "FAIL "
            print(f"{state} {path}  {result.name} ({result.kind}; {engines})")
            for line in result.failures:
                print(f"      {line}")
    if args.json:
        print_json(results)
    else:
        total = passed + failed + broken
        print(f"{total} scenarios: {passed} passed, {failed} failed, {broken} unreadable")
    if broken:
        return EXIT_INPUT
    return EXIT_FINDINGS if failed else EXIT_OK


def _cmd_measures(args: argparse.Namespace) -> int:
    entries = measure_catalogue()
    if args.json:
        print_json([e.model_dump(mode="json") for e in entries])
        return EXIT_OK
    m = args.maalform
    for e in entries:
        print(f"{e.id:<24} {e.level:<10} {getattr(e.label, m)}")
    return EXIT_OK


def _cmd_schema(args: argparse.Namespace) -> int:
    if args.name is None:
        print_json({name: json_schema(name) for name in schema_names()})
    else:
        print_json(json_schema(args.name))
    return EXIT_OK


def _case_arguments(p: argparse.ArgumentParser) -> None:
    """A case (or many, as JSON Lines) and the date it is judged on: assess and audit."""
    p.add_argument("case", nargs="?", help="CASE.json, or - for standard input")
    p.add_argument(
        "--jsonl",
        metavar="FILE",
        default=None,
        help="many cases: one per line of FILE (or -), one result per line out",
    )
    p.add_argument("--as-of", default=None, help="YYYY-MM-DD (default: today in Norway)")


def _maalform_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--maalform", choices=["nb", "nn"], default="nb", help="Bokmål or Nynorsk")


def _plan_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """validate."""
    p = sub.add_parser("validate", help="validate an activity plan (aktivitetsplan)")
    p.add_argument("plan", help="PLAN.json, or - for standard input")
    p.add_argument(
        "--profile",
        choices=[p.value for p in Profile],
        default="default",
        help="default: items a-f; statutory: a-e only (a missing f is then a warning)",
    )
    p.add_argument(
        "--previous",
        metavar="PLAN.json",
        default=None,
        help="the version this plan revises: check that the revision keeps and evaluates it",
    )
    _maalform_arg(p)
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(run=_cmd_validate)


def _case_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """assess and audit."""
    p = sub.add_parser("assess", help="which duties and rights apply to a case now")
    _case_arguments(p)
    _maalform_arg(p)
    p.add_argument(
        "--engine",
        choices=["auto", "durable", "reference"],
        default="auto",
        help="auto: durable-rules where installed, else the reference evaluator (same results)",
    )
    p.add_argument("--routine", default=None, help="a shipped routine (oyer_2024) or a file")
    reading_arg(p)
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument(
        "--compact",
        action="store_true",
        help="with --json or --jsonl: each legal reference once, in a references table "
        "(schema assessment-compact)",
    )
    p.set_defaults(run=_cmd_assess)

    p = sub.add_parser("audit", help="breaches of the law (and a local routine) in a timeline")
    _case_arguments(p)
    p.add_argument("--routine", default=None, help="a shipped routine (oyer_2024) or a file")
    p.add_argument(
        "--min-source",
        choices=SOURCE_KINDS,
        default="local",
        help="the weakest source of a deadline to report: statute, guidance, reading "
        "(the library's readings of open terms) or local (default: everything)",
    )
    p.add_argument(
        "--only-law",
        action="store_true",
        help="only deadlines the act itself sets (the same as --min-source statute)",
    )
    reading_arg(p)
    _maalform_arg(p)
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(run=_cmd_audit)


def _serve_command(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """serve."""
    p = sub.add_parser("serve", help="run the HTTP service (needs skolemiljo[server])")
    p.add_argument("--host", default="127.0.0.1", help="default: loopback only")
    p.add_argument("--port", type=int, default=8000, help="default: 8000")
    p.add_argument(
        "--max-body",
        type=positive(int),
        default=256 * 1024,
        help="bytes, at least 1; larger bodies get 413",
    )
    p.add_argument(
        "--read-timeout",
        type=positive(float),
        default=10.0,
        help="seconds a client has to send its whole request (default 10)",
    )
    p.add_argument(
        "--shutdown-timeout",
        type=positive(float),
        default=5.0,
        help="seconds to finish open requests after SIGTERM (default 5)",
    )
    p.add_argument(
        "--access-log",
        action="store_true",
        help="log one line per request (never the query string); off by default",
    )
    p.set_defaults(run=_cmd_serve)


def _reference_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """check, measures, schema and demo."""
    p = sub.add_parser(
        "check",
        help="run lawyer-readable YAML scenarios (docs/scenarios.md); exit 1 if one fails",
    )
    p.add_argument("scenarios", nargs="+", metavar="SCENARIO.yaml", help="scenario files")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(run=_cmd_check)

    p = sub.add_parser("measures", help="the catalogue of measures (Udir's guidance), nb and nn")
    _maalform_arg(p)
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(run=_cmd_measures)

    p = sub.add_parser("schema", help="print the JSON Schema of the public models")
    p.add_argument("name", nargs="?", help="one of: " + ", ".join(schema_names()))
    p.set_defaults(run=_cmd_schema)

    p = sub.add_parser("demo", help="run the checks on the shipped examples")
    p.add_argument(
        "--examples",
        default=None,
        help="folder with plan.json, invalid/, cases/ and letters/ (default: the shipped ones)",
    )
    p.set_defaults(run=cmd_demo)
    p = sub.add_parser("examples", help="copy the shipped examples into FOLDER/examples")
    p.add_argument("folder", help="a new or empty folder")
    p.set_defaults(run=cmd_examples)
    p = sub.add_parser(
        "templates", help="write the templates a vendor starts from into FOLDER (law blocks kept)"
    )
    p.add_argument("folder", help="a new or empty folder")
    p.set_defaults(run=cmd_templates)


def _parser() -> argparse.ArgumentParser:
    """The command line: each group of commands declares its own, in the order of the help."""
    parser = Parser(
        prog="skolemiljo",
        description="Norwegian school-environment law (opplæringslova kap. 12 / kap. 9 A).",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"skolemiljo {__version__}",
        help="print the library's version and exit",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    _plan_commands(sub)
    _case_commands(sub)
    add_commands(sub, _maalform_arg)
    add_letter_command(sub, _maalform_arg)
    add_inspection_commands(sub, _maalform_arg)
    _serve_command(sub)
    _reference_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    if getattr(args, "jsonl", "given") is None and args.case is None:
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        sub.choices[args.command].error(
            "the following arguments are required: case (or --jsonl FILE)"
        )
    if hasattr(args, "maalform"):
        args.maalform = parse_maalform(args.maalform)
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        return run(args)
    except (SkolemiljoError, InputProblem) as error:
        print(f"skolemiljo: {error}", file=sys.stderr)
        return EXIT_INPUT
    except BrokenPipeError:  # output piped into e.g. `head`, which stopped reading
        sys.stderr.close()
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
