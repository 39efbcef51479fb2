"""``skolemiljo demo`` (the checks on the shipped examples) and ``skolemiljo examples DIR``
(the shipped examples copied out, so the README's commands run outside the checkout). Not
public API; the command line is :mod:`skolemiljo.cli`."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from skolemiljo._examples import examples_folder, scenario_folders
from skolemiljo._i18n import Maalform
from skolemiljo._reports import assess, audit
from skolemiljo.letters import LETTER_KINDS, render_letter
from skolemiljo.plan import validate_plan

from .cases import demo_case_files
from .files import EXIT_OK, InputProblem, print_assessment, print_audit, print_report

__all__ = ["DEMO_AS_OF", "cmd_demo", "cmd_examples"]

DEMO_AS_OF = "2025-06-01"


def cmd_examples(args: argparse.Namespace) -> int:
    """Copy the shipped examples (cases, letters, plans, the Statsforvaltaren's case, the
    inspection folder) into ``DIR/examples`` and the scenarios into ``DIR/tests/scenarios``
    and ``DIR/tests/audit_scenarios``, so the README's commands run from ``DIR``."""
    import shutil

    target = Path(args.folder)
    if target.exists() and any(target.iterdir()):
        raise InputProblem(f"{target.resolve()} is not empty: give a new or empty folder")
    source = examples_folder(None)
    try:
        shutil.copytree(source, target / "examples", dirs_exist_ok=True)
        for name, folder in scenario_folders().items():
            if folder.is_dir():
                shutil.copytree(folder, target / name, dirs_exist_ok=True)
    except OSError as error:
        raise InputProblem(f"cannot copy to {target.resolve()}: {error.strerror}") from None
    print(f"copied {source} to {(target / 'examples').resolve()}, and the scenarios to "
          f"{(target / 'tests').resolve()}")  # fmt: skip
    print(f"run the README's commands from {target.resolve()}")
    return EXIT_OK


def cmd_templates(args: argparse.Namespace) -> int:
    """Write the templates a vendor starts from (every kind, both målformer) into a new
    folder: the shipped ones with the library's law blocks as placeholders."""
    from skolemiljo.letters import starting_template

    target = Path(args.folder)
    if target.exists() and any(target.iterdir()):
        raise InputProblem(f"{target.resolve()} is not empty: give a new or empty folder")
    try:
        target.mkdir(parents=True, exist_ok=True)
        for kind in LETTER_KINDS:
            for m in (Maalform.NB, Maalform.NN):
                (target / f"{kind}.{m.value}.j2").write_text(
                    starting_template(kind, m), encoding="utf-8"
                )
    except OSError as error:
        raise InputProblem(f"cannot write to {target.resolve()}: {error.strerror}") from None
    print(f"wrote {2 * len(LETTER_KINDS)} templates to {target.resolve()}")
    print("use them with --templates; keep every {{ law.NAME }} on a line of its own")
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    root = examples_folder(args.examples)
    plan = root / "plan.json"
    if not plan.is_file():
        raise InputProblem("no examples there (plan.json is missing; see --examples)")
    shown = Path("examples")  # the same lines wherever the examples are installed

    def show(path: Path) -> Path:
        return shown / path.relative_to(root)

    for maalform in (Maalform.NB, Maalform.NN):
        print(f"== skolemiljo validate {show(plan)} --maalform {maalform.value}")
        print_report(validate_plan(plan.read_text(encoding="utf-8"), maalform=maalform))
    for bad in sorted((root / "invalid").glob("*.json")):
        print(f"\n== skolemiljo validate {show(bad)}")
        print_report(validate_plan(bad.read_text(encoding="utf-8")))
    for case in sorted((root / "cases").glob("*.json")):
        print(f"\n== skolemiljo assess {show(case)} --as-of {DEMO_AS_OF}")
        print_assessment(assess(case.read_text(encoding="utf-8"), DEMO_AS_OF))
    for kind in LETTER_KINDS:
        request = root / "letters" / f"{kind}.json"
        for maalform in (Maalform.NB, Maalform.NN):
            print(f"\n== skolemiljo letter {kind} {show(request)} --maalform {maalform.value}")
            letter = render_letter(kind, request.read_text(encoding="utf-8"), maalform=maalform)
            print(f"{letter.subject}\n\n{letter.body}", end="")
    for name in ("missed_deadlines", "exemplary_timeline"):
        case = root / "cases" / f"{name}.json"
        print(f"\n== skolemiljo audit {show(case)} --as-of {DEMO_AS_OF} --routine oyer_2024")
        print_audit(audit(case.read_text(encoding="utf-8"), DEMO_AS_OF, routine="oyer_2024"))
    demo_case_files(root, show)
    _demo_inspection(root, show)
    return EXIT_OK


def _demo_inspection(root: Path, show: Callable[[Path], Path]) -> None:
    """The Statsforvaltaren's stage, the control questions of one case and the roll-up."""
    from skolemiljo._reports import control
    from skolemiljo._reports.rollup import roll_up
    from skolemiljo.school import check_school

    from .inspection import print_control

    went = root / "statsforvaltaren" / "decision_not_met.json"
    print(f"\n== skolemiljo control {show(went)} --as-of 2024-12-10")
    print_control(control(went.read_text(encoding="utf-8"), "2024-12-10"))
    folder = sorted((root / "inspection").glob("*.json"))
    print(f"\n== skolemiljo inspect {show(root / 'inspection')}/*.json --as-of {DEMO_AS_OF}")
    texts = [p.read_text(encoding="utf-8") for p in folder]
    print(roll_up(texts, DEMO_AS_OF, maalform=Maalform.NN).to_text(), end="")
    profile = root / "school_profile.json"
    print(f"\n== skolemiljo school {show(profile)} --as-of {DEMO_AS_OF}")
    for f in check_school(profile.read_text(encoding="utf-8"), DEMO_AS_OF).findings:
        print(f"{f.severity:<8} {f.code:<32} {f.source_kind}: {f.message}")
