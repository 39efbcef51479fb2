"""Lawyer-readable scenarios: a case, a date, and what the law must give for it.

A scenario is a YAML file that a vendor or a municipal lawyer writes to pin their own cases,
and ``skolemiljo check FILE...`` runs (as ``openfisca test`` runs its YAML tests). The library's
own legal tests are scenarios of the same format (``tests/scenarios``, ``tests/audit_scenarios``).
The format is in ``docs/scenarios.md``; in short::

    name: Ein lærar trakasserer ein elev
    law: opplæringslova § 12-5
    reviewed_against: Udir, rundskriv om skolemiljø (2024)
    as_of: 2024-10-01
    case: examples/cases/teacher_harasses_pupil.json   # or the case itself, inline
    expect:                       # assess: which duties, with what status and details
      applies: [report_staff_violation_immediately]
      absent: [report_leadership_violation_to_owner]
      details:
        report_staff_violation_immediately:
          deadline: {kind: immediately, due: 2024-09-30}
          citations: ["opplæringslova § 12-5"]

Either kind may name ``readings`` (opt-in readings, such as ``[carried_over_9a5]``). An audit
scenario has ``routine`` (optional) and ``expect`` as a list of breaches, in order:
``- {code: report_to_principal_late, due: 2024-10-07, local: false}``.

Each scenario runs on every engine available here and in both målformer; every difference is
one readable line.

>>> result = run_scenario("tests/scenarios/teacher_harasses_pupil.yaml")
>>> result.passed, result.kind, "reference" in result.engines
(True, 'assess', True)
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ._case import field_errors
from ._engine import durable_available
from ._examples import examples_folder
from ._i18n import Maalform
from ._law import OptInReading
from .errors import ScenarioError, SkolemiljoError
from .legal import LegalReference, reference

__all__ = [
    "MAX_SCENARIO_BYTES",
    "Scenario",
    "ScenarioError",
    "ScenarioResult",
    "load_scenario",
    "run_scenario",
]

MAX_SCENARIO_BYTES = 1_000_000
"""A scenario file larger than this is refused."""


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Deadline(_Strict):
    kind: str
    due: date | None = None
    source_kind: str | None = None


class Detail(_Strict):
    """What one duty must look like (every key optional)."""

    deadline: Deadline | None = None
    source_kind: str | None = None
    citations: list[str] | None = None
    verified: list[bool] | None = None
    regime: str | None = None
    duty_bearer: str | None = None
    because: list[str] | None = None
    missing: list[str] | None = None
    title_nb: str | None = None
    title_nn: str | None = None


class AssessExpectation(_Strict):
    applies: list[str] = Field(default_factory=list)
    undetermined: list[str] = Field(default_factory=list)
    absent: list[str] = Field(default_factory=list)
    details: dict[str, Detail] = Field(default_factory=dict)


class BreachExpectation(_Strict):
    code: str
    due: date
    local: bool
    source_kind: str | None = None
    citations: list[str] | None = None
    events: list[int] | None = None
    regime: str | None = None


class Scenario(_Strict):
    """One scenario file, validated (unknown keys refused)."""

    name: str = Field(min_length=1)
    law: str = Field(min_length=1, description="The provisions the scenario is about.")
    reviewed_against: str = Field(min_length=1, description="The source it was checked with.")
    as_of: date
    case: str | dict[str, Any] = Field(description="A path to a case file, or the case.")
    routine: str | None = None
    readings: list[OptInReading] = Field(
        default_factory=list, description="Opt-in readings to assess or audit the case with."
    )
    expect: AssessExpectation | list[BreachExpectation]

    @property
    def kind(self) -> Literal["assess", "audit"]:
        return "audit" if isinstance(self.expect, list) else "assess"


class ScenarioResult(_Strict):
    """The outcome of one scenario: ``failures`` lists every difference, one line each."""

    path: str
    name: str
    kind: Literal["assess", "audit"]
    engines: tuple[str, ...]
    failures: tuple[str, ...]

    @property
    def passed(self) -> bool:
        return not self.failures


def _yaml12_loader(yaml: Any) -> Any:
    """A SafeLoader that reads booleans as YAML 1.2 does: only ``true`` and ``false``. Under
    YAML 1.1 an inline case's key ``on:`` became ``True``, and the error said ``on: missing``."""

    class Loader(yaml.SafeLoader):  # type: ignore[misc]
        pass

    def boolean(loader: Any, node: Any) -> object:
        value = loader.construct_scalar(node)
        return value.lower() == "true" if value.lower() in ("true", "false") else value

    Loader.add_constructor("tag:yaml.org,2002:bool", boolean)
    return Loader


def load_scenario(path: str | Path) -> Scenario:
    """Read and validate a scenario file; :class:`ScenarioError` names what is wrong."""
    import yaml

    file = Path(path)
    try:
        if file.stat().st_size > MAX_SCENARIO_BYTES:
            raise ScenarioError(f"scenario: over {MAX_SCENARIO_BYTES} bytes")
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ScenarioError(
            f"scenario: no such file in {file.resolve().parent} (outside the checkout, "
            "`skolemiljo examples DIR` copies the shipped scenarios into DIR/tests)"
        ) from None
    except (OSError, UnicodeDecodeError) as error:
        raise ScenarioError(f"scenario: cannot read the file ({type(error).__name__})") from None
    try:
        data = yaml.load(text, Loader=_yaml12_loader(yaml))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f"line {mark.line + 1}: " if mark is not None else ""
        raise ScenarioError(f"scenario: {line}not valid YAML") from None
    if not isinstance(data, dict):
        raise ScenarioError("scenario: expected a mapping (name, law, as_of, case, expect)")
    try:
        return Scenario.model_validate(data)
    except ValidationError as error:
        first = field_errors(error)[0]
        raise ScenarioError(f"scenario: {first.path}: {first.code}: {first.message}") from None


def _case_text(case: str | dict[str, Any], base: Path) -> str:
    if isinstance(case, dict):
        return json.dumps(case, default=str)
    for candidate in (base / case, Path(case), examples_folder(None).parent / case):
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8")
    raise ScenarioError(
        f"scenario: case: no such file in {base.resolve()} or {Path.cwd()} (relative to the "
        "scenario or here)"
    )


def _compare(failures: list[str], where: str, got: object, want: object) -> None:
    if got != want:
        failures.append(f"{where}: expected {want!r}, got {got!r}")


def _check_assess(scenario: Scenario, text: str, engine: str, failures: list[str]) -> None:
    from ._reports import assess

    expect = scenario.expect
    assert isinstance(expect, AssessExpectation)
    reports = {
        m: assess(
            text,
            scenario.as_of,
            maalform=m,
            engine=engine,  # type: ignore[arg-type]
            routine=scenario.routine,
            readings=scenario.readings,
        )
        for m in Maalform
    }
    report = reports[Maalform.NB]
    statuses = {o.code: o.status for o in report.obligations}
    at = f"[{engine}] "
    for status in ("applies", "undetermined"):
        for code in getattr(expect, status):
            _compare(failures, f"{at}{code}", statuses.get(code, "absent"), status)
    for code in expect.absent:
        _compare(failures, f"{at}{code}", statuses.get(code, "absent"), "absent")
    for code, want in expect.details.items():
        if code not in statuses:
            failures.append(f"{at}details.{code}: the duty is absent")
            continue
        got = report.obligation(code)
        where = f"{at}details.{code}"
        if want.deadline is not None:
            _compare(failures, f"{where}.deadline.kind", got.deadline.kind, want.deadline.kind)
            _compare(failures, f"{where}.deadline.due", got.deadline.due, want.deadline.due)
            if want.deadline.source_kind is not None:
                _compare(
                    failures,
                    f"{where}.deadline.source_kind",
                    got.deadline.source_kind,
                    want.deadline.source_kind,
                )
        checks: dict[str, tuple[object, object]] = {
            "citations": (_cited(got.legal_basis), want.citations),
            "verified": ([r.verified for r in got.legal_basis], want.verified),
            "regime": (got.regime, want.regime),
            "source_kind": (got.source_kind, want.source_kind),
            "duty_bearer": (got.duty_bearer, want.duty_bearer),
            "because": ([r.fact for r in got.because], want.because),
            "missing": (list(got.missing_facts), want.missing),
            "title_nb": (got.title, want.title_nb),
            "title_nn": (reports[Maalform.NN].obligation(code).title, want.title_nn),
        }
        for key, (value, wanted) in checks.items():
            if wanted is not None:
                _compare(failures, f"{where}.{key}", value, wanted)


def _cited(refs: tuple[LegalReference, ...]) -> list[str]:
    """Citations as the act names itself (``opplæringslova``), in whichever målform the
    result is: a scenario is written once for both (Bokmål output says ``opplæringsloven``)."""
    return [reference(r.id).citation for r in refs]


def _check_audit(scenario: Scenario, text: str, failures: list[str]) -> None:
    from ._reports import audit

    expect = scenario.expect
    assert isinstance(expect, list)
    for m in Maalform:
        report = audit(
            text,
            scenario.as_of,
            routine=scenario.routine,
            maalform=m,
            options={"readings": scenario.readings},
        )
        at = f"[{m.value}] "
        codes = [b.code for b in report.breaches]
        wanted = [e.code for e in expect]
        if codes != wanted:
            failures.append(f"{at}breaches: expected {wanted}, got {codes}")
            continue
        for index, (breach, want) in enumerate(zip(report.breaches, expect, strict=True)):
            where = f"{at}expect.{index} ({want.code})"
            _compare(failures, f"{where}.due", breach.due, want.due)
            _compare(failures, f"{where}.local", breach.local, want.local)
            if want.citations is not None:
                got = _cited(breach.legal_basis)
                _compare(failures, f"{where}.citations", got, want.citations)
            if want.events is not None:
                got_events = [e.event for e in breach.evidence]
                _compare(failures, f"{where}.events", got_events, want.events)
            if want.regime is not None:
                _compare(failures, f"{where}.regime", breach.regime, want.regime)
            if want.source_kind is not None:
                _compare(failures, f"{where}.source_kind", breach.source_kind, want.source_kind)
            if not breach.message:
                failures.append(f"{where}.message: empty")
            if breach.local != (breach.legal_basis == ()):
                failures.append(f"{where}: a local breach cites no law, a legal one does")


def run_scenario(path: str | Path) -> ScenarioResult:
    """Run one scenario file on every engine available here, in both målformer.

    A malformed file raises :class:`ScenarioError`; an error of the library on the scenario's
    case (a malformed case, a date out of scope) is a failure line naming the error's code.
    """
    scenario = load_scenario(path)
    base = Path(path).resolve().parent
    text = _case_text(scenario.case, base)
    engines = ("durable", "reference") if durable_available() else ("reference",)
    failures: list[str] = []
    try:
        if scenario.kind == "assess":
            for engine in engines:
                _check_assess(scenario, text, engine, failures)
        else:
            engines = ("auto",)
            _check_audit(scenario, text, failures)
    except SkolemiljoError as error:
        failures.append(f"the library refused the case: {error}")
    return ScenarioResult(
        path=str(path),
        name=scenario.name,
        kind=scenario.kind,
        engines=engines,
        failures=tuple(failures),
    )
