"""Every public entry point (Python, command line, HTTP) against hostile input (issue 11).

A marker string goes into every field of every input, one field at a time, and then into
random places with hypothesis, alongside dates at the calendar's ends, datetimes, huge numbers,
wrong types and unknown keys. Whatever happens: no untyped exception, no 5xx, and the marker
in no error, no log line and no repr. (It may of course appear in a letter written from it.)
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skolemiljo import (
    LETTER_KINDS,
    SkolemiljoError,
    assess,
    audit,
    load_routine,
    render_letter,
    validate_plan,
)
from skolemiljo.cli import main
from skolemiljo.server import create_app

from ..conftest import EXAMPLES, AsgiClient

MARKER = "MARKØR§7f3a"
"""Not a valid identifier, date, phone or e-mail: it fails every field with a pattern, and
fits every free-text field."""

SOURCES: dict[str, Path] = {
    "plan": EXAMPLES / "plan.json",
    "case": EXAMPLES / "cases" / "exemplary_timeline.json",
    **{f"letter:{kind}": EXAMPLES / "letters" / f"{kind}.json" for kind in LETTER_KINDS},
}


def _load(name: str) -> Any:
    return json.loads(SOURCES[name].read_text(encoding="utf-8"))


def _leaves(data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """The path of every value in a JSON document, containers included."""
    if path:
        yield path
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _leaves(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _leaves(value, (*path, index))


def _with(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    copy = json.loads(json.dumps(data))
    target = copy
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return copy


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@contextlib.contextmanager
def _logs() -> Iterator[_Records]:
    handler = _Records()
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        yield handler
    finally:
        root.removeHandler(handler)
        root.setLevel(level)


def _call(name: str, data: Any, **kwargs: Any) -> Any:
    if name == "plan":
        return validate_plan(data, **kwargs)
    if name == "case":
        as_of = kwargs.pop("as_of", "2024-12-20")
        if kwargs.pop("audit", False):
            return audit(data, as_of, **kwargs)
        return assess(data, as_of, **kwargs)
    return render_letter(name.split(":")[1], data, **kwargs)


def _clean(outcome: Callable[[], Any]) -> tuple[str, Any]:
    """Run ``outcome``: a result, or a typed error whose text, repr and fields hold no marker;
    and in either case no marker in what was logged, nor in the result's repr."""
    with _logs() as logs:
        try:
            result = outcome()
        except SkolemiljoError as error:
            text = f"{error}|{error!r}|{getattr(error, 'fields', '')}|{error.args!r}"
            assert MARKER not in text, text
            result = error
        # anything else propagates: an untyped exception fails the test as it is
    assert not any(MARKER in line for line in logs.lines), logs.lines
    if not isinstance(result, SkolemiljoError):
        assert MARKER not in repr(result)
        assert MARKER not in str(result)
        return "ok", result
    return "error", result


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_a_marker_in_every_field_never_reaches_an_error_log_or_repr(name: str) -> None:
    """One field at a time, the marker as the value, as a key, and as a list element."""
    base = _load(name)
    tried = errors = 0
    for path in _leaves(base):
        for value in (MARKER, [MARKER], {MARKER: MARKER}, {"type": MARKER}):
            kind, _ = _clean(lambda v=value, p=path: _call(name, _with(base, p, v)))
            tried += 1
            errors += kind == "error"
        parent = path[:-1]
        container = base
        for key in parent:
            container = container[key]
        if isinstance(container, dict):  # an unknown key beside this one
            extra = _with(base, (*parent, MARKER), 1) if parent else {**base, MARKER: 1}
            kind, _ = _clean(lambda e=extra: _call(name, e))
            assert kind == "error"
    assert tried > 40
    assert errors > tried / 2


@pytest.mark.parametrize(
    "kwargs",
    [
        {"maalform": MARKER},
        {"as_of": MARKER},
        {"as_of": "9999-12-31"},
        {"routine": MARKER},
        {"routine": f"/tmp/{MARKER}.toml"},
        {"engine": MARKER},
        {"audit": True, "routine": MARKER},
        {"audit": True, "options": {MARKER: 1}},
        {"audit": True, "options": {"snarast_working_days": MARKER}},
    ],
)
def test_a_marker_in_every_argument(kwargs: dict[str, Any]) -> None:
    """A marker value in any argument of the case functions is a typed error that does not echo
    it."""
    kind, _ = _clean(lambda: _call("case", _load("case"), **dict(kwargs)))
    assert kind == "error"


@pytest.mark.parametrize(
    "kwargs",
    [
        {"maalform": MARKER},
        {"format": MARKER},
        {"templates": f"/{MARKER}"},
        {"limits": {MARKER: 1}},
    ],
)
def test_a_marker_in_every_letter_argument(kwargs: dict[str, Any]) -> None:
    """A marker value in any argument of render_letter, or as the kind, is a typed error that
    does not echo it."""
    kind, _ = _clean(lambda: render_letter("receipt", _load("letter:receipt"), **kwargs))
    assert kind == "error"
    kind, _ = _clean(lambda: render_letter(MARKER, _load("letter:receipt")))
    assert kind == "error"


def test_a_marker_in_a_routine_file(tmp_path: Path) -> None:
    """In a routine's values, keys and file name: no RoutineError repeats any of them."""
    shipped = resources.files("skolemiljo") / "rules" / "routines" / "oyer_2024.toml"
    text = shipped.read_text(encoding="utf-8")
    folder = tmp_path / MARKER
    folder.mkdir()
    variants = [
        text.replace('reference = "', f'reference = "{MARKER}', 1),
        text.replace("within_days = 1", f'within_days = "{MARKER}"', 1),
        text.replace("[steps.", f'[steps."{MARKER}', 1),
        text + f'\n{MARKER} = "x"\n',
        text + f'\n"{MARKER}" = "{MARKER}"\n',
        f"{MARKER} = = =",
        text.replace("after = ", f'after = "{MARKER}" #', 1),
    ]
    for index, variant in enumerate(variants):
        path = folder / f"{MARKER}{index}.toml"
        path.write_text(variant, encoding="utf-8")
        _clean(lambda p=path: load_routine(p))
        _clean(lambda p=path: audit(_load("case"), "2024-12-20", routine=p))


# -------------------------------------------------------------------- hypothesis fuzz -----

EDGE_DATES = ["9999-12-31", "0001-01-01", "2100-12-31", "1900-01-01", "2017-07-31", "2024-02-30"]
junk = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=True)
    | st.sampled_from([MARKER, f"{MARKER}\n## {MARKER}", "", "\u202e" + MARKER, *EDGE_DATES])
    | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
as_ofs = st.one_of(
    st.none(),
    st.sampled_from([*EDGE_DATES, MARKER, "2024-12-20"]),
    st.dates(),
    st.datetimes(timezones=st.sampled_from([None, UTC])),
    st.integers(),
)


@st.composite
def mutated(draw: st.DrawFn, name: str) -> Any:
    data = _load(name)
    for _ in range(draw(st.integers(1, 4))):
        paths = list(_leaves(data))
        path = draw(st.sampled_from(paths))
        data = _with(data, path, draw(junk))
    return data


FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))


@FUZZ
@given(st.sampled_from(sorted(SOURCES)).flatmap(lambda n: st.tuples(st.just(n), mutated(n))))
def test_fuzz_python_api(named: tuple[str, Any]) -> None:
    """Generated input to every Python entry point gives a result or a typed error, never a
    traceback or an echoed value."""
    name, data = named
    _clean(lambda: _call(name, data))
    if name == "case":
        _clean(lambda: _call(name, data, audit=True, routine="oyer_2024"))


@FUZZ
@given(as_ofs, st.sampled_from(["nb", "nn", MARKER]), st.sampled_from([None, "oyer_2024", MARKER]))
def test_fuzz_python_arguments(as_of: Any, maalform: str, routine: str | None) -> None:
    """Generated as_of, målform and routine arguments give a result or a typed error, never an
    echoed value."""
    for audit_too in (False, True):
        _clean(
            lambda a=audit_too: _call(
                "case", _load("case"), as_of=as_of, maalform=maalform, routine=routine, audit=a
            )
        )


def _cli(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exit_:
            code = int(exit_.code or 0)
    return code, out.getvalue(), err.getvalue()


@FUZZ
@given(st.sampled_from(sorted(SOURCES)).flatmap(lambda n: st.tuples(st.just(n), mutated(n))),
       st.sampled_from(["2024-12-20", MARKER, "9999-12-31"]),
       st.sampled_from(["nb", "nn", MARKER]))  # fmt: skip
def test_fuzz_command_line(named: tuple[str, Any], as_of: str, maalform: str) -> None:
    """Generated input to every command gives its exit code and a one-line error, never a
    traceback or an echoed value."""
    import tempfile

    name, data = named
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "input.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        if name == "plan":
            argvs = [["validate", str(path), "--maalform", maalform, "--json"]]
        elif name == "case":
            argvs = [
                ["assess", str(path), "--as-of", as_of, "--maalform", maalform],
                ["audit", str(path), "--as-of", as_of, "--routine", "oyer_2024", "--json"],
            ]
        else:
            argvs = [["letter", name.split(":")[1], str(path), "--maalform", maalform]]
        for argv in argvs:
            with _logs() as logs:
                code, _, err = _cli(argv)
            assert code in (0, 1, 2)
            assert "Traceback" not in err
            assert MARKER not in err
            assert not any(MARKER in line for line in logs.lines)


APP = create_app()
CLIENT = AsgiClient(APP)
ENDPOINTS = {
    "plan": "/v1/plans/validate",
    "case": "/v1/cases/assess",
    **{f"letter:{kind}": f"/v1/letters/{kind}" for kind in LETTER_KINDS},
}


@FUZZ
@given(st.sampled_from(sorted(SOURCES)).flatmap(lambda n: st.tuples(st.just(n), mutated(n))),
       st.dictionaries(st.sampled_from(["as_of", "maalform", "routine", "format", "profile",
                                        MARKER]),
                       st.sampled_from([MARKER, "9999-12-31", "nn", "oyer_2024", "html", ""]),
                       max_size=3))  # fmt: skip
def test_fuzz_http(named: tuple[str, Any], params: dict[str, str]) -> None:
    """Generated bodies to every HTTP operation give a result or the error shape, never a
    traceback, an echoed value or a logged one."""
    name, data = named
    urls = [ENDPOINTS[name]] + (["/v1/cases/audit"] if name == "case" else [])
    for url in urls:
        with _logs() as logs:
            response = CLIENT.request(
                "POST",
                url,
                content=json.dumps(data),  # NaN and Infinity too: not JSON, so 422
                params=params,
                headers={"content-type": "application/json"},
            )
        assert response.status_code < 500, response.text
        if response.status_code >= 400:
            assert set(response.json()) == {"errors"}
            assert MARKER not in response.text, response.text
        assert not any(MARKER in line for line in logs.lines)


def test_http_marker_in_paths_and_raw_bodies() -> None:
    """A marker in a path or a raw body gives the error shape, never echoing it."""
    for method, url, body in [
        ("POST", f"/v1/letters/{MARKER}", "{}"),
        ("GET", f"/v1/schemas/{MARKER}", None),
        ("GET", f"/{MARKER}", None),
        ("POST", "/v1/cases/assess", f'{{"{MARKER}": 1}}'),
        ("POST", "/v1/cases/assess", f'{{"pupil": "{MARKER}'),
        ("POST", "/v1/cases/assess", f"{MARKER}".encode("latin-1", "replace")),
    ]:
        response = CLIENT.request(
            method, url, content=body, headers={"content-type": "application/json"}
        )
        assert 400 <= response.status_code < 500, response.text
        assert set(response.json()) == {"errors"}
        assert "MARK" not in response.text, response.text


def test_reprs_of_every_input_model_hide_every_string() -> None:
    """repr() of the shipped examples shows none of their strings, but for closed
    vocabularies (event types, roles) and dates."""
    from skolemiljo import ActivityPlan, Case, LetterRequest

    request = _load("letter:activity_plan")
    for model, data in (
        (LetterRequest, request),
        (ActivityPlan, _load("plan")),
        (Case, _load("case")),
    ):
        value = model.model_validate(data)
        texts = [v for p in _leaves(data) if isinstance(v := _get(data, p), str) and len(v) > 3]
        shown = repr(value) + str(value)
        leaked = [t for t in texts if f"'{t}'" in shown and not _closed_vocabulary(t)]
        assert leaked == [], leaked


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        data = data[key]
    return data


def _closed_vocabulary(text: str) -> bool:
    """Values of Literal and enum fields (event types, roles like 'principal'), and dates."""
    try:
        date.fromisoformat(text)
        return True
    except ValueError:
        pass
    return text.isascii() and text.replace("_", "").isalpha() and text.islower()


def test_datetime_as_of_in_every_entry_point() -> None:
    """Every entry point (Python, command line, HTTP) takes a datetime as_of as its date in Oslo."""
    when = datetime(2024, 12, 20, 12, tzinfo=UTC)
    assert assess(_load("case"), when).as_of == date(2024, 12, 20)
    assert audit(_load("case"), when).as_of == date(2024, 12, 20)
    code, _out, _ = _cli(["assess", str(SOURCES["case"]), "--as-of", "2024-12-20T12:00:00"])
    assert code == 2  # the command line takes YYYY-MM-DD only
