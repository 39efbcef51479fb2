"""Regression tests of issue 11: each defect found when the library was attacked.

The sandbox corpus (known jinja2 escapes, pydantic's class methods, runaway templates), dates
at the calendar's ends, datetimes, wrong argument types, forks under load, the receipt's date,
staff text that tried to become structure, missing facts read as "yes", and events after
``as_of``. The fuzz of every entry point with a marker in every field is in test_fuzz.py; the
HTTP contract and the server's timeouts in test_server_hardening.py.
"""

from __future__ import annotations

import json
import os
import random
import re
import threading
import time
import tracemalloc
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from skolemiljo import (
    AuditOptions,
    InputError,
    LetterError,
    assess,
    audit,
    render_letter,
    validate_plan,
)

from ..conftest import EXAMPLES, needs_durable, vendor_templates

SHIPPED = Path(__file__).resolve().parents[2] / "src" / "skolemiljo" / "templates"


def request(kind: str) -> dict[str, Any]:
    return json.loads((EXAMPLES / "letters" / f"{kind}.json").read_text(encoding="utf-8"))


def case(name: str = "missed_deadlines") -> dict[str, Any]:
    return json.loads((EXAMPLES / "cases" / f"{name}.json").read_text(encoding="utf-8"))


def _folder(tmp_path: Path, kind: str, extra: str) -> Path:
    """A vendor folder holding the shipped templates, with ``extra`` added to the nb
    template of ``kind`` (so the letter would be complete, were it rendered)."""
    folder = vendor_templates(tmp_path / "templates")
    target = folder / f"{kind}.nb.j2"
    target.write_text(target.read_text(encoding="utf-8") + "\n" + extra + "\n", encoding="utf-8")
    return folder


# ------------------------------------------------------------ 1. the sandbox corpus --------

PICKLE = "cos\\nsystem\\n(S'touch PWNED'\\ntR."
ESCAPES = [
    # pydantic's deprecated class methods, on the legal references and on every model
    f"{{{{ refs[0].parse_raw(\"{PICKLE}\", proto='pickle', allow_pickle=True) }}}}",
    f"{{{{ cite.__class__.parse_raw(\"{PICKLE}\", proto='pickle', allow_pickle=True) }}}}",
    "{{ refs[0].parse_file('/dev/zero') }}",
    "{{ sender.parse_file('/etc/passwd') }}",
    "{{ t.model_validate_json('{}') }}",
    # class, mro, subclasses
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ pupil.__class__.__base__.__subclasses__() }}",
    "{{ ().__class__.__bases__[0].__subclasses__()[59] }}",
    "{{ d['__class__'] }}",
    "{{ d._data }}",
    "{{ d.keys }}",
    "{{ cite.count }}",
    "{{ cite.index }}",
    "{{ pupil.upper }}",
    # globals through the default globals, filters and cyclers
    "{{ cycler.__init__.__globals__.os.popen('touch PWNED').read() }}",
    "{{ joiner.__init__.__globals__['os'].system('touch PWNED') }}",
    "{{ namespace.__init__.__globals__ }}",
    "{{ lipsum.__globals__['os'].popen('touch PWNED') }}",
    "{{ range.__self__ }}",
    "{{ self._TemplateReference__context.cycler }}",
    "{{ self.__init__.__globals__ }}",
    "{{ dict(a=1) }}",
    "{{ pupil|attr('__class__') }}",
    "{{ cite|map(attribute='__class__')|list }}",
    "{{ cite|selectattr('__class__') }}",
    "{{ pupil|format() }}",
    "{{ request }}",
    "{{ config }}",
    # format-string attribute access
    "{{ '{0.__class__.__mro__}'.format(pupil) }}",
    "{{ '%s'|format(pupil) }}",
    "{{ '{0.__class__}'.format_map(d) }}",
    # include/import of paths outside the folder
    "{% include '/etc/passwd' %}",
    "{% include '../../etc/passwd' %}",
    "{% import '/etc/passwd' as p %}",
    "{% from '../receipt.nb.j2' import x %}",
    "{% extends '/etc/passwd' %}",
    # everything else outside the allow-list
    "{% set x = pupil %}",
    "{% with x = pupil %}{{ x }}{% endwith %}",
    "{% filter upper %}{{ pupil }}{% endfilter %}",
    "{% block b %}{% endblock %}",
    "{{ {'a': 1} }}",
    "{% for m in plan.measures recursive %}{{ loop(m) }}{% endfor %}",
    "{% for a, b in cite %}{% endfor %}",
    "{{ loop.index }}",
    "{{ pupil|safe }}",
]
RUNAWAYS = [
    "{% for a in range(10**6) %}{% for b in range(10**6) %}x{% endfor %}{% endfor %}",
    "{% set l = [1] %}{% for x in l %}{{ l.append(x) }}{% endfor %}",
    "{% for x in cite %}{{ cite.append(x) }}{% endfor %}",
    "{{ 'x' * 10**9 }}",
    "{{ pupil * 100000000 }}",
    "{{ 9 ** 9 ** 9 }}",
    "{{ 10 ** 100000 }}",
    "{{ '%*s'|format(1000000000, 'x') }}",
    "{{ '%s' % pupil }}",
    "{{ 10 // 3 }}",
    "{{ pupil|center(1000000000) }}",
    "{{ pupil|replace('', pupil)|replace('', pupil) }}",
    "{{ pupil|join(pupil)|join(pupil)|join(pupil) }}",
    "{{ pupil|wordwrap(1) }}",
    "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}",
    "{% macro f(n) %}{{ f(n) }}{{ f(n) }}{% endmacro %}{{ f(1) }}",
    "{% call(x) pupil %}{% endcall %}",
    "{{ " + " ~ ".join(["school"] * 65) + " }}",
]


@pytest.mark.parametrize("evil", ESCAPES + RUNAWAYS)
def test_sandbox_corpus_gives_typed_errors_and_no_side_effect(
    evil: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every escape and runaway template is refused with a typed LetterError of a sandbox
    code; no file is touched, and the attempt takes neither time nor memory."""
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)
    folder = _folder(tmp_path, "receipt", evil)
    tracemalloc.start()
    start = time.monotonic()
    try:
        with pytest.raises(LetterError) as info:
            render_letter("receipt", request("receipt"), templates=folder)
        elapsed = time.monotonic() - start
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert info.value.code in ("template_forbidden", "template_syntax"), str(info.value)
    assert not list(work.iterdir()), "the template touched the file system"
    assert not (tmp_path / "PWNED").exists()
    assert peak < 20 * 2**20, peak
    assert elapsed < 5, elapsed  # a safety bound, not a speed target: a runaway takes forever


def test_refusal_names_the_line_and_not_the_template_text(tmp_path: Path) -> None:
    """A refused vendor template is named by file and line, never by its text."""
    folder = _folder(tmp_path, "receipt", "{{ 'Kari Nordmann'.__class__ }}")
    lines = (folder / "receipt.nb.j2").read_text(encoding="utf-8").count("\n")
    with pytest.raises(LetterError, match=rf"receipt\.nb\.j2 line {lines}:") as info:
        render_letter("receipt", request("receipt"), templates=folder)
    assert "Kari" not in str(info.value)


def test_a_loop_that_runs_too_long_is_stopped(tmp_path: Path) -> None:
    """Nested loops over the letter's own data, with no output, are cut off by the clock."""
    loops = "".join("{% for x" + str(i) + " in school %}" for i in range(9))
    folder = _folder(tmp_path, "receipt", loops + "{% endfor %}" * 9)
    start = time.monotonic()
    with pytest.raises(LetterError) as info:
        render_letter("receipt", request("receipt"), templates=folder, limits={"max_seconds": 0.2})
    assert info.value.code == "template_timeout"
    assert time.monotonic() - start < 5


def test_a_template_that_writes_too_much_is_stopped(tmp_path: Path) -> None:
    """A vendor template that writes more than max_output_chars is stopped, with bounded memory."""
    loops = "".join("{% for x" + str(i) + " in school %}" for i in range(4))
    body = "{{ school }} {{ pupil }} " * 10
    folder = _folder(tmp_path, "receipt", loops + body + "{% endfor %}" * 4)
    tracemalloc.start()
    try:
        with pytest.raises(LetterError) as info:
            render_letter(
                "receipt", request("receipt"), templates=folder, limits={"max_output_chars": 5000}
            )
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert info.value.code == "template_output_limit"
    assert peak < 20 * 2**20


def test_template_files_are_bounded_and_read_only_from_the_folder(tmp_path: Path) -> None:
    """A template file over max_template_bytes is refused, and a link out of the folder is
    template_missing."""
    folder = _folder(tmp_path, "receipt", "{# " + "x" * 70_000 + " #}")
    with pytest.raises(LetterError) as info:
        render_letter("receipt", request("receipt"), templates=folder)
    assert info.value.code == "template_too_large"
    (folder / "receipt.nb.j2").unlink()
    outside = tmp_path / "outside.j2"
    outside.write_text((SHIPPED / "receipt.nb.j2").read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "receipt.nb.j2").symlink_to(outside)
    with pytest.raises(LetterError) as info:
        render_letter("receipt", request("receipt"), templates=folder)
    assert info.value.code == "template_missing"


def test_limits_are_validated() -> None:
    """TemplateLimits out of range, unknown or of the wrong type are InputErrors."""
    for bad in ({"max_seconds": 0}, {"max_output_chars": 10}, {"nope": 1}):
        with pytest.raises(InputError):
            render_letter("receipt", request("receipt"), templates=SHIPPED, limits=bad)
    with pytest.raises(InputError) as info:
        render_letter("receipt", request("receipt"), templates=SHIPPED, limits=5)  # type: ignore[arg-type]
    assert info.value.fields[0].code == "argument_type"


def test_copies_of_the_shipped_templates_pass_the_sandbox(tmp_path: Path) -> None:
    """A vendor starts from the shipped templates (``starting_template``: the law blocks as
    placeholders): every one passes the allow-list and the law-text check, and gives the same
    letter as the shipped template itself."""
    folder = vendor_templates(tmp_path)
    for path in sorted((EXAMPLES / "letters").glob("*.json")):
        kind = path.stem.removesuffix("_adult_pupil").removesuffix("_several_pupils")
        for m in ("nb", "nn"):
            for fmt in ("text", "html"):
                text = path.read_text(encoding="utf-8")
                shipped = render_letter(kind, text, maalform=m, format=fmt)  # type: ignore[arg-type]
                vendor = render_letter(kind, text, maalform=m, format=fmt, templates=folder)  # type: ignore[arg-type]
                assert vendor == shipped


# ------------------------------------------------------- 3. the calendar's ends ------------

EDGES = ["9999-12-31", "9999-12-30", "2101-01-01", "0001-01-01", "1899-12-31"]


@pytest.mark.parametrize("day", EDGES)
def test_dates_outside_the_range_are_field_errors(day: str) -> None:
    """A date outside 1900-2100 is date_out_of_range naming its field, in every function."""
    data = case()
    data["events"][0]["on"] = day
    for call in (
        lambda: assess(data, "2024-11-01"),
        lambda: audit(data, "2024-11-01", routine="oyer_2024"),
    ):
        with pytest.raises(InputError) as info:
            call()
        assert info.value.fields[0].path.startswith("events.0.")
        assert info.value.fields[0].code == "date_out_of_range"
    letter = request("receipt")
    letter["case"]["events"][0]["on"] = day
    with pytest.raises(InputError, match="date_out_of_range"):
        render_letter("receipt", letter)
    plan = json.loads((EXAMPLES / "plan.json").read_text(encoding="utf-8"))
    plan["plan_date"] = day
    with pytest.raises(InputError, match="plan_date: date_out_of_range"):
        validate_plan(plan)
    with pytest.raises(InputError, match="as_of: date_out_of_range"):
        assess(case(), day)


def test_the_last_day_in_range_computes_without_overflow() -> None:
    """2100-12-31 is accepted everywhere, and everything after it (a week, working days,
    the routine's steps, the receipt's date) is computed."""
    data = case()
    last = "2100-12-31"
    for event in data["events"]:
        event["on"] = last
    data["events"].append({"type": "raised_with_principal", "on": last, "by": "parents"})
    assert assess(data, last, routine="oyer_2024").obligations
    audit(data, last, routine="oyer_2024", options=AuditOptions(snarast_working_days=30))
    letter = request("receipt")
    letter["letter_date"] = last
    for event in letter["case"]["events"]:
        event["on"] = last
    assert "2101" in render_letter("receipt", letter).body


# ------------------------------------------------------ 4. datetimes and argument types ----


def test_as_of_may_be_a_datetime_read_in_oslo() -> None:
    """A datetime as_of is read as its date in Europe/Oslo, whatever its time zone."""
    data = case("teacher_harasses_pupil")
    late_utc = datetime(2024, 10, 1, 23, 30, tzinfo=UTC)  # 1:30 on 2 October in Oslo
    assert assess(data, late_utc).as_of == date(2024, 10, 2)
    assert audit(data, late_utc).as_of == date(2024, 10, 2)
    samoa = datetime(2024, 10, 2, 10, 0, tzinfo=timezone(timedelta(hours=14)))  # 22:00 on 1 Oct
    assert assess(data, samoa).as_of == date(2024, 10, 1)
    assert assess(data, datetime(2024, 10, 1, 12)).as_of == date(2024, 10, 1)  # naive: Norway


def test_today_is_today_in_norway_whatever_the_host_time_zone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without as_of, the date is today's in Norway, whatever the host's time zone."""
    from skolemiljo._case import parsing as _input

    if not hasattr(time, "tzset"):  # pragma: no cover - Windows
        pytest.fail("time.tzset is needed to change the process time zone")
    expected = datetime.now(_input.OSLO).date()
    for zone in ("Pacific/Kiritimati", "Pacific/Pago_Pago", "UTC"):
        monkeypatch.setenv("TZ", zone)
        time.tzset()
        assert assess(case("teacher_harasses_pupil")).as_of == expected
    monkeypatch.delenv("TZ")
    time.tzset()


@pytest.mark.parametrize(
    ("call", "name", "code"),
    [
        (lambda: assess(case(), 123), "as_of", "date_invalid"),
        (lambda: assess(case(), 20241001.0), "as_of", "date_invalid"),
        (lambda: assess(case(), ["2024-10-01"]), "as_of", "date_invalid"),
        (lambda: assess(case(), "2024-10-01", routine=123), "routine", "argument_type"),
        (lambda: audit(case(), "2024-10-01", routine=["oyer"]), "routine", "argument_type"),
        (lambda: audit(case(), "2024-10-01", options=5), "options", "argument_type"),
        (
            lambda: render_letter("receipt", request("receipt"), templates=123),
            "templates",
            "argument_type",
        ),
    ],
)
def test_wrong_argument_types_are_typed_errors(call: Any, name: str, code: str) -> None:
    """A keyword argument of the wrong type is an InputError naming the argument."""
    with pytest.raises(InputError) as info:
        call()
    assert (info.value.fields[0].path, info.value.fields[0].code) == (name, code)


def test_options_may_be_a_mapping() -> None:
    """options may be a mapping of AuditOptions' fields; an unknown key is refused."""
    assert audit(case(), "2024-11-01", options={}) == audit(case(), "2024-11-01")
    strict = audit(case(), "2024-11-01", options={"snarast_working_days": 0})
    assert strict == audit(case(), "2024-11-01", options=AuditOptions(snarast_working_days=0))
    with pytest.raises(InputError, match="extra_forbidden"):
        audit(case(), "2024-11-01", options={"nope": 1})


# ------------------------------------------------------------------ 5. fork under load -----

ENGINES = ["reference", pytest.param("durable", marks=needs_durable)]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
@pytest.mark.parametrize("engine", ENGINES)
def test_a_process_forked_under_load_does_not_deadlock(engine: str) -> None:
    """Children forked while 8 threads assess, audit and write letters all finish (before:
    20 of 20 hung on the engine registry's lock with the durable engine)."""
    import warnings

    text = (EXAMPLES / "cases" / "missed_deadlines.json").read_text(encoding="utf-8")
    letter = (EXAMPLES / "letters" / "receipt.json").read_text(encoding="utf-8")
    expected = assess(text, "2024-11-01", engine=engine)  # type: ignore[arg-type]
    stop = threading.Event()

    def load(index: int) -> None:
        while not stop.is_set():
            assess(text, "2024-11-01", engine=engine)  # type: ignore[arg-type]
            if index % 4 == 0:
                audit(text, "2024-11-01", routine="oyer_2024")
                render_letter("receipt", letter, maalform="nn")

    threads = [threading.Thread(target=load, args=(i,), daemon=True) for i in range(8)]
    for thread in threads:
        thread.start()
    time.sleep(0.2)
    outcomes = []
    try:
        for _ in range(20):
            read, write = os.pipe()
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)  # fork with threads
                pid = os.fork()
            if pid == 0:  # pragma: no cover - the child
                os.close(read)
                try:
                    again = assess(text, "2024-11-01", engine=engine)  # type: ignore[arg-type]
                    audit(text, "2024-11-01", routine="oyer_2024")
                    render_letter("receipt", letter, maalform="nn")
                    os.write(write, b"ok" if again == expected else b"differs")
                finally:
                    os._exit(0)
            os.close(write)
            deadline = time.monotonic() + 15
            while True:
                done, _status = os.waitpid(pid, os.WNOHANG)
                if done:
                    outcomes.append(os.read(read, 16).decode() or "crashed")
                    break
                if time.monotonic() > deadline:
                    os.kill(pid, 9)
                    os.waitpid(pid, 0)
                    outcomes.append("hung")
                    break
                time.sleep(0.005)
            os.close(read)
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    assert outcomes == ["ok"] * 20


# ------------------------------------------------------------ 6. the receipt's date --------


@given(st.randoms(use_true_random=False))
def test_receipt_dates_the_statsforvalter_right_from_the_earliest_raising(
    rng: random.Random,
) -> None:
    """However the events are ordered, the letter is the same, and it counts the week from
    the earliest time the case was raised with the principal (1 October, so 8 October)."""
    data = request("receipt")
    events = [
        {"type": "raised_with_principal", "on": "2024-10-20", "by": "parents"},
        {"type": "pupil_said_unsafe", "on": "2024-10-01", "told": "principal"},
        {"type": "raised_with_principal", "on": "2024-10-01", "by": "pupil"},
        {"type": "observed", "on": "2024-09-30"},
    ]
    data["case"]["events"] = events
    data["letter_date"] = "2024-10-21"
    expected = render_letter("receipt", data, maalform="nn")
    shuffled = list(events)
    rng.shuffle(shuffled)
    data["case"]["events"] = shuffled
    letter = render_letter("receipt", data, maalform="nn")
    assert letter == expected
    assert "frå og med tysdag 8. oktober 2024" in " ".join(letter.body.split())


def test_receipt_newest_first_is_the_reported_defect() -> None:
    """The receipt counts the week from the first time the case was raised with rektor, whatever
    the events' order."""
    data = request("receipt")
    data["case"]["events"] = [
        {"type": "raised_with_principal", "on": "2024-10-20", "by": "parents"},
        {"type": "raised_with_principal", "on": "2024-10-01", "by": "parents"},
    ]
    data["letter_date"] = "2024-10-21"
    body = " ".join(render_letter("receipt", data).body.split())
    assert "fra og med tirsdag 8. oktober 2024" in body
    assert "27. oktober" not in body


# ------------------------------------------------- 8. staff text never becomes structure ---

INJECTIONS = [
    "## Overskrift",
    "- punkt",
    "# Emne",
    "Med vennlig hilsen",
    "Med venleg helsing",
    "a\n\n## Overskrift\n- punkt\n\nMed vennlig hilsen\nX",
]
TEXT_FIELDS: list[tuple[str, ...]] = [
    ("pupil_name",),
    ("recipient_names",),
    ("handler",),
    ("follow_up",),
    ("owner_name",),
    ("sender", "name"),
    ("sender", "role"),
    ("case", "school", "name"),
    ("meeting", "place"),
    ("evaluation", "summary"),
    ("plan", "problem"),
    ("plan", "best_interests"),
    ("plan", "pupil_views", "summary"),
    ("plan", "measures", "0", "description"),
    ("plan", "measures", "0", "schedule"),
    ("plan", "measures", "0", "carried_out_by", "0"),
]


def _set(data: Any, path: tuple[str, ...], value: str) -> bool:
    for key in path[:-1]:
        if isinstance(data, list):
            data = data[int(key)]
        elif key in data:
            data = data[key]
        else:
            return False
    last = path[-1]
    if isinstance(data, list):
        data[int(last)] = value
    elif last in data or last in ("recipient_names", "handler", "follow_up", "owner_name"):
        data[last] = value
    else:
        return False
    return True


KINDS = ["receipt", "meeting_invitation", "activity_plan", "evaluation", "closing", "owner_notice"]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("maalform", ["nb", "nn"])
def test_staff_text_never_becomes_a_heading_item_or_signature(kind: str, maalform: str) -> None:
    """Every text field, in every kind and målform, with headings, items and closings typed
    into it: the letter has exactly the headings, items and signature of the template."""
    base = request(kind)
    plain = render_letter(kind, base, maalform=maalform)
    plain_html = render_letter(kind, base, maalform=maalform, format="html")
    tried = 0
    for path in TEXT_FIELDS:
        for value in INJECTIONS:
            data = json.loads(json.dumps(base))
            if not _set(data, path, value):
                continue
            tried += 1
            html = render_letter(kind, data, maalform=maalform, format="html").body
            for tag in ("<h2>", "<li>", "<ul>", "<br>"):
                assert html.count(tag) == plain_html.body.count(tag), (path, value, tag)
            # the text letter is laid out from the same parts: as many blocks as before
            text = render_letter(kind, data, maalform=maalform).body
            assert text.count("\n\n") == plain.body.count("\n\n"), (path, value)
    assert tried >= 8 * len(INJECTIONS)


def test_bidi_and_control_characters_are_dropped_from_staff_text() -> None:
    """Bidi, control and private-use characters in staff text never reach a letter."""
    data = request("receipt")
    data["pupil_name"] = "Åse\u202e gåredØ\u2066x\u2069\u200f\x00\ue000"
    data["sender"]["role"] = "rektor\u202d"
    for fmt in ("text", "html"):
        letter = render_letter("receipt", data, format=fmt)  # type: ignore[arg-type]
        for text in (letter.subject, letter.body):
            assert not re.search("[\u202a-\u202e\u2066-\u2069\u200e\u200f\x00\ue000\ue001]", text)
        assert "Åse gåredØx" in letter.subject


def test_the_subject_of_an_html_letter_is_escaped() -> None:
    """The subject of an HTML letter is escaped like its body."""
    data = request("receipt")
    data["pupil_name"] = "<script>alert(1)</script> & Åse"
    letter = render_letter("receipt", data, format="html")
    assert "<script>" not in letter.subject
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Åse" in letter.subject
    assert "<script>" not in letter.body
    assert "<script>" in render_letter("receipt", data).subject  # text letters are text


def test_the_cli_does_not_escape_the_html_subject_twice(tmp_path: Path) -> None:
    """The command line writes the HTML subject escaped once."""
    from skolemiljo.cli import main

    data = request("receipt")
    data["pupil_name"] = "Åse & Per"
    source = tmp_path / "r.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "r.html"
    assert main(["letter", "receipt", str(source), "--format", "html", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("<h1>")
    assert "&amp;amp;" not in out.read_text(encoding="utf-8")


# --------------------------------------------------- 9. missing is unknown, never yes ------


def test_a_missing_still_attends_is_unknown_like_an_explicit_null() -> None:
    """A missing still_attends is unknown, exactly like an explicit null."""
    data = case("pupil_says_unsafe")
    del data["still_attends"]
    missing = assess(data, "2024-10-20").obligation("right_to_report_to_statsforvaltaren")
    data["still_attends"] = None
    explicit = assess(data, "2024-10-20").obligation("right_to_report_to_statsforvaltaren")
    assert missing == explicit
    assert missing.status == "undetermined"
    assert "attends_school_now" in missing.missing_facts
    data["still_attends"] = True
    assert assess(data, "2024-10-20").obligation("right_to_report_to_statsforvaltaren").status == (
        "applies"
    )


# ---------------------------------------------- 12. input accepted and ignored -------------


def test_events_after_as_of_are_reported_as_a_notice() -> None:
    """Events dated after as_of are left out and reported as a notice, in the report's målform."""
    data = case("teacher_harasses_pupil")
    data["events"].append({"type": "violation", "on": "2099-10-01", "kind": "vald"})
    for report in (
        assess(data, "2024-10-01", maalform="nn"),
        audit(data, "2024-10-01", maalform="nn"),
    ):
        assert [n.code for n in report.notices] == ["events_after_as_of"]
        assert report.notices[0].paths == (f"events.{len(data['events']) - 1}.on",)
        assert "Sjekk datoane" in report.notices[0].message
    assert assess(case("teacher_harasses_pupil"), "2024-10-01").notices == ()


def test_informational_fields_say_so_in_the_schema() -> None:
    """The fields no rule reads are marked informational in the published schema."""
    from skolemiljo import json_schema

    schema = json_schema("case")
    defs = schema["$defs"]
    descriptions = [
        schema["properties"]["grade"]["description"],
        defs["Violation"]["properties"]["on_way_to_school"]["description"],
        defs["CaseClosed"]["description"],
    ]
    assert all("Informational" in text for text in descriptions), descriptions
    # a digital violation brings the same duties; only the agenda's indicators read it
    digital = defs["Violation"]["properties"]["digital"]["description"]
    assert "same duties" in digital
    assert "agenda" in digital


# ----------------------------------------------- plain values only, for every template -----


def _kinds_of(value: Any) -> set[type]:
    from skolemiljo.letters.sandbox import Record

    if isinstance(value, Record):
        return {Record}.union(*(_kinds_of(v) for v in value.values()))
    if isinstance(value, tuple):
        return {tuple}.union(*(_kinds_of(v) for v in value))
    return {type(value)}


@pytest.mark.parametrize("kind", KINDS)
def test_templates_get_plain_values_only(kind: str) -> None:
    """The whole context a template sees is strings, numbers, booleans, dates, tuples and
    Records, never a library object (a pydantic model's class methods ran code)."""
    from skolemiljo import LetterRequest, Maalform
    from skolemiljo.letters.context import CONTEXT_NAMES, _context
    from skolemiljo.letters.sandbox import Record

    for path in (EXAMPLES / "letters").glob(f"{kind}*.json"):
        model = LetterRequest.model_validate_json(path.read_text(encoding="utf-8"))
        for m in Maalform:
            context, _, _ = _context(kind, model, m)
            assert set(context) <= CONTEXT_NAMES
            kinds = set().union(*(_kinds_of(v) for v in context.values()))
            assert kinds <= {str, int, bool, type(None), date, tuple, Record}, kinds


@pytest.mark.parametrize(
    ("call", "code"),
    [
        (lambda: __import__("skolemiljo").add_working_days(date.max, 1), "date_out_of_range"),
        (lambda: __import__("skolemiljo").add_working_days(date(2024, 1, 1), -1), "argument_type"),
        (lambda: __import__("skolemiljo").add_working_days("2024-01-01", 1), "argument_type"),
        (lambda: __import__("skolemiljo").is_working_day("2024-01-01"), "argument_type"),
        (lambda: __import__("skolemiljo").json_schema("Kari"), "unknown_schema"),
        (
            lambda: validate_plan((EXAMPLES / "plan.json").read_text(), profile="Kari"),
            "unknown_profile",
        ),
    ],
)
def test_the_other_public_functions_refuse_bad_arguments_typed(call: Any, code: str) -> None:
    """Every other public function refuses a bad argument with a typed error that does not echo
    it."""
    with pytest.raises(InputError) as info:
        call()
    assert info.value.fields[0].code == code
    assert "Kari" not in str(info.value)
