"""make bench: medians and ratios against baselines measured in the same run.

Targets (from the issues), printed beside each ratio; a miss is reported, not hidden:
- validate_plan vs bare ActivityPlan.model_validate_json of the same file: ratio <= 3;
- import skolemiljo: <= 250 ms (wall time of a fresh interpreter, minus an empty one);
- engines on each example case: the reference evaluator <= 10x a hand-written floor of the
  same rules (benchmarks/floor.py), the durable engine <= 100 µs per evaluation. assess() end to
  end (facts, engine, obligations with citations) is printed beside them;
- letters: render_letter <= 150 µs per letter and <= 2x the bare Template.render of the same
  template with the same context. A table of render_letter's stages, each timed alone against
  the bare render, shows where a letter's time goes.
- assess and audit end to end as a vendor calls them (JSON text in; and JSON text in to JSON
  text out), as ratios to the reference engine's evaluation of the same case: <= 5x and <= 10x;
- many cases: `skolemiljo audit --jsonl` and `assess --jsonl` on 10,000 cases (a fresh
  process, reading and writing JSON Lines), in cases per second, and as a ratio to the same
  10,000 calls of audit()/assess() in this process (target: <= 2, the command line's reading,
  writing and start-up cost at most as much again).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from timing import median_seconds, median_wall

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def report(name: str, value: float, baseline: float, target: float) -> None:
    ratio = value / baseline
    verdict = "ok" if ratio <= target else "MISSES TARGET"
    print(
        f"{name:<44} {value * 1e6:9.1f} µs  baseline {baseline * 1e6:8.1f} µs"
        f"  ratio {ratio:5.2f} (target <= {target:g}) {verdict}"
    )


def bench_import() -> None:
    empty = median_wall("pass", repeat=7)
    full = median_wall("import skolemiljo", repeat=7)
    ms = (full - empty) * 1000
    verdict = "ok" if ms <= 250 else "MISSES TARGET"
    print(f"{'import skolemiljo':<44} {ms:9.1f} ms  (target <= 250 ms) {verdict}")


def bench_plan() -> None:
    from skolemiljo import ActivityPlan, validate_plan

    text = (EXAMPLES / "plan.json").read_text(encoding="utf-8")
    validate_plan(text)  # warm the caches (data files, catalogs)
    bare = median_seconds(lambda: ActivityPlan.model_validate_json(text))
    full = median_seconds(lambda: validate_plan(text))
    report("validate_plan(examples/plan.json)", full, bare, 3)


def bench_engines() -> None:
    sys.path.insert(0, str(Path(__file__).parent))
    from floor import floor

    from skolemiljo import Case, assess
    from skolemiljo._case.facts import derive_facts
    from skolemiljo._engine import DurableEngine, ReferenceEngine
    from skolemiljo._law.ruledata import load_rules

    rules = load_rules()
    engines = {"reference": ReferenceEngine(rules), "durable": DurableEngine(rules)}
    as_of = "2025-06-01"
    durable_assess, durable_eval = [], []
    print("engines, per example case (evaluation of the derived facts; assess end to end):")
    for path in sorted((EXAMPLES / "cases").glob("*.json")):
        case = Case.model_validate_json(path.read_text(encoding="utf-8"))
        facts = {n: f.truth for n, f in derive_facts(case, assess(case, as_of).as_of).items()}
        base = median_seconds(lambda facts=facts: floor(facts))
        print(f"  {path.stem}  (floor {base * 1e6:.1f} µs)")
        for name, engine in engines.items():
            value = median_seconds(lambda engine=engine, facts=facts: engine.evaluate(facts))
            if name == "reference":
                report(f"    {name} evaluate", value, base, 10)
            else:
                durable_eval.append(value)
                print(
                    f"    {name + ' evaluate':<40} {value * 1e6:9.1f} µs  ratio {value / base:6.1f}"
                )
            whole = median_seconds(
                lambda case=case, name=name: assess(case, as_of, engine=name)  # type: ignore[arg-type]
            )
            print(f"    {name + ' assess (end to end)':<40} {whole * 1e6:9.1f} µs")
            if name == "durable":
                durable_assess.append(whole)
    median = statistics.median(durable_eval)
    verdict = "ok" if median <= 100e-6 else "MISSES TARGET"
    label = "durable evaluate, median over cases"
    print(f"{label:<44} {median * 1e6:9.1f} µs  (target <= 100 µs) {verdict}")
    whole = statistics.median(durable_assess)
    print(
        f"{'durable assess end to end, median':<44} {whole * 1e6:9.1f} µs  (no target; see README)"
    )


def bench_end_to_end() -> None:
    """assess and audit as a vendor calls them, against the reference engine's evaluation of
    the same case in the same run: the Python result (JSON text in), and JSON text in to JSON
    text out (issue 13's targets: <= 5x and <= 10x the evaluation)."""
    from skolemiljo import Case, assess, audit
    from skolemiljo._case.facts import derive_facts
    from skolemiljo._engine import ReferenceEngine
    from skolemiljo._law.ruledata import load_rules

    engine = ReferenceEngine(load_rules())
    as_of = "2025-06-01"
    rows: dict[str, list[float]] = {"assess": [], "assess json": [], "audit": [], "audit json": []}
    print("end to end, as a vendor calls it (ratio to the reference evaluation of the case):")
    for path in sorted((EXAMPLES / "cases").glob("*.json")):
        text = path.read_text(encoding="utf-8")
        case = Case.model_validate_json(text)
        facts = {n: f.truth for n, f in derive_facts(case, assess(case, as_of).as_of).items()}
        base = median_seconds(lambda facts=facts: engine.evaluate(facts))
        timings = {
            "assess": median_seconds(lambda t=text: assess(t, as_of, engine="reference")),
            "assess json": median_seconds(
                lambda t=text: assess(t, as_of, engine="reference").model_dump_json()
            ),
            "audit": median_seconds(lambda t=text: audit(t, as_of)),
            "audit json": median_seconds(lambda t=text: audit(t, as_of).model_dump_json()),
        }
        for name, seconds in timings.items():
            rows[name].append(seconds / base)
        size = len(assess(text, as_of).model_dump_json())
        print(
            f"  {path.stem:<26} evaluate {base * 1e6:5.1f} µs; "
            + "; ".join(f"{n} {t / base:5.1f}x" for n, t in timings.items())
            + f"; assess JSON {size / 1000:.1f} kB"
        )
    for name, target in (("assess", 5), ("assess json", 10), ("audit", 5), ("audit json", 10)):
        ratio = statistics.median(rows[name])
        verdict = "ok" if ratio <= target else "MISSES TARGET"
        label = f"{name} (JSON text in{', JSON text out' if 'json' in name else ''}), median"
        print(f"  {label:<52} ratio {ratio:6.1f} (target <= {target}) {verdict}")


def bench_agenda() -> None:
    """agenda (issue 16) against assess of the same case in the same run (both the reference
    engine, JSON text in), per example case and as a median; also with the ICS export. No
    target is set: the ratio is printed for the record."""
    from skolemiljo import agenda, assess

    as_of = "2025-06-01"
    ratios: list[float] = []
    ics: list[float] = []
    print("agenda vs assess (same case, same run; reference engine):")
    for path in sorted((EXAMPLES / "cases").glob("*.json")):
        text = path.read_text(encoding="utf-8")
        base = median_seconds(lambda t=text: assess(t, as_of, engine="reference"))
        plan = median_seconds(lambda t=text: agenda(t, as_of, engine="reference"))
        cal = median_seconds(lambda t=text: agenda(t, as_of, engine="reference").to_ics())
        ratios.append(plan / base)
        ics.append(cal / base)
        print(
            f"  {path.stem:<26} assess {base * 1e6:7.1f} µs; agenda {plan * 1e6:7.1f} µs "
            f"({plan / base:4.2f}x); agenda + ICS {cal * 1e6:7.1f} µs ({cal / base:4.2f}x)"
        )
    print(f"  {'agenda / assess, median':<52} ratio {statistics.median(ratios):6.2f}")
    print(f"  {'agenda + to_ics / assess, median':<52} ratio {statistics.median(ics):6.2f}")


def bench_pdf() -> None:
    """Letter.to_pdf (issue 17) against a bare WeasyPrint render of the same HTML document and
    stylesheet in the same run (target: ratio <= 1.2), per kind, with the absolute time; and
    Letter.to_docx for the record."""
    import weasyprint

    from skolemiljo import LETTER_KINDS, render_letter
    from skolemiljo._layout import html_document, print_stylesheet
    from skolemiljo.letters.words import letter_words

    print("letters as PDF/A (to_pdf vs bare WeasyPrint of the same HTML and CSS), and DOCX:")
    ratios = []
    for kind in LETTER_KINDS:
        request = (EXAMPLES / "letters" / f"{kind}.json").read_text(encoding="utf-8")
        letter = render_letter(kind, request)
        words = letter_words(letter.maalform)
        page = html_document(letter, words.kind_labels[kind])
        css = print_stylesheet(words.page)

        def bare(page: str = page, css: str = css) -> bytes:
            sheet = weasyprint.CSS(string=css)
            return weasyprint.HTML(string=page).write_pdf(  # type: ignore[no-any-return]
                stylesheets=[sheet], pdf_variant="pdf/a-2a", pdf_tags=True
            )

        base = median_seconds(bare, repeat=9, number=1)
        ours = median_seconds(letter.to_pdf, repeat=9, number=1)
        docx = median_seconds(letter.to_docx, repeat=5, number=1)
        ratios.append(ours / base)
        verdict = "ok" if ours / base <= 1.2 else "MISSES TARGET"
        print(
            f"  {kind:<22} to_pdf {ours * 1e3:6.1f} ms, bare {base * 1e3:6.1f} ms, "
            f"ratio {ours / base:4.2f} (target <= 1.2) {verdict}; to_docx {docx * 1e3:5.1f} ms"
        )
    median = statistics.median(ratios)
    verdict = "ok" if median <= 1.2 else "MISSES TARGET"
    label = "to_pdf / bare WeasyPrint, median"
    print(f"  {label:<52} ratio {median:6.2f} (target <= 1.2) {verdict}")


def _prepared(kind: str, request: Any, m: Any) -> tuple[Any, dict[str, Any], Any, Any]:
    """What render_letter has before its template renders: the shipped main template, the
    context (with the header and the law blocks' placeholders), the reader and the header."""
    from skolemiljo.letters.context import _context
    from skolemiljo.letters.header import letter_meta
    from skolemiljo.letters.law_blocks import law_record
    from skolemiljo.letters.render import _reader, _shipped
    from skolemiljo.letters.words import letter_words

    context, _, _ = _context(kind, request, m)
    reader = _reader(kind, context)
    meta = letter_meta(kind, request, letter_words(m), reader, context["owner"])
    context["meta"] = meta.record()
    main, blocks, _ = _shipped(kind, m)
    context["law"] = law_record(tuple(name for name, _ in blocks))
    return main, context, reader, meta


def bench_letters() -> None:
    from skolemiljo import LETTER_KINDS, LetterRequest, Maalform, render_letter, validate_plan

    print("letters (render_letter vs bare Template.render, same template and context):")
    for kind in LETTER_KINDS:
        text = (EXAMPLES / "letters" / f"{kind}.json").read_text(encoding="utf-8")
        request = LetterRequest.model_validate_json(text)
        for maalform in ("nb", "nn"):
            m = Maalform(maalform)
            render_letter(kind, request, maalform=m)  # warm caches
            template, context, _, _ = _prepared(kind, request, m)
            bare = median_seconds(lambda t=template, c=context: t.render(c))
            full = median_seconds(lambda k=kind, r=request, m=m: render_letter(k, r, maalform=m))
            report(f"  {kind}.{maalform}", full, bare, 2)
            verdict = "ok" if full <= 150e-6 else "MISSES TARGET"
            print(f"  {'':<42} {full * 1e6:9.1f} µs per letter (target <= 150 µs) {verdict}")
            if kind == "activity_plan":  # the letter first runs validate_plan on the plan
                plan = request.plan
                check = median_seconds(lambda p=plan, m=m: validate_plan(p, maalform=m))
                print(f"  {'':<42} {check * 1e6:9.1f} µs of it is validate_plan(plan)")


def bench_letter_stages() -> None:
    """Where a letter's time goes: each stage of render_letter timed alone (inside
    render_letter they run somewhat slower, since they share the CPU caches)."""
    print("letter stages, each timed alone (nb; µs, and as a multiple of the bare render):")
    for kind in ("receipt", "activity_plan"):
        _letter_stages(kind)


def _letter_stages(kind: str) -> None:
    from skolemiljo import LetterRequest, Maalform, render_letter, validate_plan
    from skolemiljo._layout import layout_blocks, read_markup, to_text, unmark
    from skolemiljo.letters.check import _check
    from skolemiljo.letters.context import _context
    from skolemiljo.letters.header import letter_meta
    from skolemiljo.letters.render import _letter, _markup
    from skolemiljo.letters.words import letter_words

    text = (EXAMPLES / "letters" / f"{kind}.json").read_text(encoding="utf-8")
    request = LetterRequest.model_validate_json(text)
    m = Maalform.NB
    w = letter_words(m)
    template, context, reader, meta = _prepared(kind, request, m)
    _, regime, basis = _context(kind, request, m)
    markup = _markup(kind, m, context, None, None)
    subject, parts = read_markup(markup, w.closings)
    blocks = (*meta.blocks, *layout_blocks(parts, gap_first=True))
    body = to_text(blocks)

    def letter() -> object:
        return _letter(kind, m, "text", meta, reader, request, regime, basis, subject, body, blocks)

    # The stages below must be what render_letter does, or this table measures something else.
    made, real = letter(), render_letter(kind, request, maalform=m)
    if made.model_dump(exclude={"stamp"}) != real.model_dump(exclude={"stamp"}):  # type: ignore[attr-defined]
        raise SystemExit(f"bench: the stages of {kind} no longer match render_letter")
    stages: dict[str, Callable[[], object]] = {}
    if kind == "activity_plan":
        stages["validate_plan (plan)"] = lambda: validate_plan(request.plan or {})
    stages |= {
        "context (with the duties from the assessment)": lambda: _context(kind, request, m),
        "header (exemption, address, reference)": lambda: letter_meta(
            kind, request, w, reader, context["owner"]
        ),
        "the template (its law blocks in place)": lambda: _markup(kind, m, context, None, None),
        "no-break spaces + parts (marks removed)": lambda: read_markup(markup, w.closings),
        "marks removed + required-element check": lambda: _check(kind, m, unmark(markup), context),
        "blocks": lambda: layout_blocks(parts, gap_first=True),
        "text layout": lambda: to_text(blocks),
        "Letter model": letter,
    }
    render = median_seconds(lambda: template.render(context))
    print(f"  {kind}: bare render {render * 1e6:.1f} µs")
    rest = 0.0
    for name, fn in stages.items():
        seconds = median_seconds(fn)
        rest += seconds
        print(f"    {name:<40} {seconds * 1e6:7.1f} µs  {seconds / render:5.2f}x")
    print(
        f"    {'all stages besides the render':<40} {rest * 1e6:7.1f} µs  {rest / render:5.2f}x"
        f"  (render_letter >= {1 + rest / render:.1f}x the render at these costs)"
    )


def bench_jsonl(n: int = 10_000) -> None:
    """`skolemiljo audit|assess --jsonl` on n cases, against n in-process calls."""
    import json
    import tempfile

    from skolemiljo import assess, audit

    cases = [p.read_text(encoding="utf-8") for p in sorted((EXAMPLES / "cases").glob("*.json"))]
    lines = [json.dumps(json.loads(cases[i % len(cases)])) for i in range(n)]
    exe = str(Path(sys.executable).parent / "skolemiljo")
    print(f"many cases (--jsonl, {n} cases, a fresh process; baseline: {n} calls in process):")
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "cases.jsonl"
        source.write_text("\n".join(lines) + "\n", encoding="utf-8")
        for command, run in (("audit", audit), ("assess", assess)):
            argv = [exe, command, "--jsonl", str(source), "--as-of", "2025-06-01"]
            argv += ["--routine", "oyer_2024"]
            start = time.perf_counter()
            proc = subprocess.run(argv, capture_output=True, check=False)
            cli = time.perf_counter() - start
            if proc.returncode not in (0, 1) or proc.stdout.count(b"\n") != n:
                raise SystemExit(f"bench: {command} --jsonl failed: {proc.stderr[-300:]!r}")
            start = time.perf_counter()
            for line in lines:
                run(line, "2025-06-01", routine="oyer_2024")  # type: ignore[operator]
            loop = time.perf_counter() - start
            ratio = cli / loop
            verdict = "ok" if ratio <= 2 else "MISSES TARGET"
            print(
                f"  {command} --jsonl {n / cli:10.0f} cases/s  ({cli:.2f} s)  baseline "
                f"{n / loop:8.0f} cases/s  ratio {ratio:5.2f} (target <= 2) {verdict}"
            )


def bench_parties() -> None:
    """assess, agenda and a letter for a case with six parties against the same case with one
    (issue 24: parties add linearly; target <= 6x)."""
    import json

    from skolemiljo import agenda, assess, render_letter

    several = json.loads((EXAMPLES / "cases" / "several_pupils.json").read_text(encoding="utf-8"))
    one = {key: value for key, value in several.items() if key != "parties"}
    one["events"] = [e for e in several["events"] if "party" not in e or e["party"] == "elev-a1"]
    as_of = "2024-11-20"
    print("six parties vs one (same case otherwise; reference engine):")
    for name, fn in (
        ("assess", lambda c: assess(json.dumps(c), as_of, engine="reference")),
        ("agenda", lambda c: agenda(json.dumps(c), as_of, engine="reference")),
    ):
        single = median_seconds(lambda f=fn: f(one))
        six = median_seconds(lambda f=fn: f(several))
        ratio = six / single
        verdict = "ok" if ratio <= 6 else "MISSES TARGET"
        print(f"  {name:<42} {six * 1e6:9.1f} µs  one party {single * 1e6:9.1f} µs  "
              f"ratio {ratio:5.2f} (target <= 6) {verdict}")  # fmt: skip
    request = json.loads(
        (EXAMPLES / "letters" / "activity_plan_several_pupils.json").read_text(encoding="utf-8")
    )
    bare = {**request, "parties": [], "redact": False}
    bare["case"] = {k: v for k, v in request["case"].items() if k != "parties"}
    bare["plan"]["measures"][1]["description"] = "Samtaler med de involverte elevene."
    single = median_seconds(lambda: render_letter("activity_plan", bare))
    checked = median_seconds(lambda: render_letter("activity_plan", request))
    print(f"  {'letter, names checked and redacted':<42} {checked * 1e6:9.1f} µs  one party "
          f"{single * 1e6:9.1f} µs  ratio {checked / single:5.2f}")  # fmt: skip


def bench_rollup(n: int = 10_000) -> None:
    """roll_up over n cases (issue 25: target <= 1.2x the same cases' audits run one by one),
    with the agenda of each case beside it: the roll-up reads each case's agenda once (the
    duties that apply and their states), which the audit alone does not compute."""
    import json

    from skolemiljo import agenda, audit, roll_up

    texts = [
        p.read_text(encoding="utf-8") for p in sorted((EXAMPLES / "inspection").glob("*.json"))
    ]
    cases = []
    for i in range(n // len(texts) + 1):
        for text in texts:
            data = json.loads(text)
            data["case_id"] = f"{data['case_id']}-{i}"
            cases.append(data)
    cases = cases[:n]
    as_of = "2025-03-01"
    roll_up(cases[:20], as_of)
    audits = median_seconds(lambda: [audit(c, as_of) for c in cases], repeat=3, number=1)
    agendas = median_seconds(lambda: [agenda(c, as_of) for c in cases], repeat=3, number=1)
    rolled = median_seconds(lambda: roll_up(cases, as_of), repeat=3, number=1)
    print(f"roll-up over {n} cases (medians of 3):")
    report("roll_up vs audits one by one", rolled, audits, 1.2)
    print(f"  {'roll_up / agendas one by one':<52} ratio {rolled / agendas:6.2f} (for the record)")


def main() -> None:
    print(f"python {sys.version.split()[0]}; medians of 15 batches")
    bench_import()
    bench_plan()
    bench_engines()
    bench_end_to_end()
    bench_agenda()
    bench_parties()
    bench_rollup()
    bench_letters()
    bench_pdf()
    bench_letter_stages()
    bench_jsonl()
    import vendor_paths

    vendor_paths.main()


if __name__ == "__main__":
    main()
