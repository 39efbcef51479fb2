"""Install the wheel as a vendor would, on every Python given, with no C compiler.

Usage: python scripts/check_wheel.py PYTHON [PYTHON ...]   (make test-wheel)

For each interpreter: a fresh virtual environment, `pip install --only-binary=:all:` of the
wheel built from this checkout with `CC=false` and no compiler on PATH (so nothing may be
compiled: durable-rules is an extra), `skolemiljo demo` from a folder outside the checkout on
that bare install, then the `[pdf,docx]` extras (binary wheels too; Pango comes from the
system), and then the README as a new user follows it: `skolemiljo examples DIR` into a folder
outside the checkout, and from there the README's Python examples under `-W error` and every
`skolemiljo ...` line of its shell blocks (exit 0, or 1 for findings; no traceback). Exits
non-zero on the first failure.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMPILERS = ("gcc", "cc", "clang", "g++", "c++", "x86_64-linux-gnu-gcc")


def run(*args: str, cwd: Path, env: dict[str, str]) -> str:
    proc = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        sys.exit(f"check_wheel: {' '.join(args[:3])} ... failed:\n{proc.stdout}\n{proc.stderr}")
    return proc.stdout


def no_compiler_path(work: Path) -> str:
    """PATH without any C compiler: a folder of links to everything else on PATH."""
    bin_dir = work / "bin"
    bin_dir.mkdir()
    for folder in os.environ.get("PATH", "").split(os.pathsep):
        if not folder or not Path(folder).is_dir():
            continue
        for tool in Path(folder).iterdir():
            target = bin_dir / tool.name
            if tool.name in COMPILERS or tool.name.endswith(("-gcc", "-cc")) or target.exists():
                continue
            if tool.is_file() and os.access(tool, os.X_OK):
                target.symlink_to(tool)
    return str(bin_dir)


def readme_outside(venv: Path, folder: Path, env: dict[str, str]) -> int:
    """The README followed from a folder outside the checkout: ``skolemiljo examples`` into
    it, the Python examples as doctests and each ``skolemiljo`` command of a shell block."""
    home = folder.parent / f"{folder.name}-home"
    home.mkdir()
    env = dict(env, HOME=str(home))
    run(str(venv / "bin" / "skolemiljo"), "examples", str(folder), cwd=folder.parent, env=env)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (folder / "README.md").write_text(readme, encoding="utf-8")
    run(str(venv / "bin" / "python"), "-W", "error", "-m", "doctest", "-o",
        "NORMALIZE_WHITESPACE", "-o", "ELLIPSIS", "README.md", cwd=folder, env=env)  # fmt: skip
    lines = [
        line
        for body in re.findall(r"```sh\n(.*?)```", readme, flags=re.S)
        for line in body.splitlines()
        if line.startswith("skolemiljo ") and not line.startswith("skolemiljo serve")
    ]
    for line in lines:
        proc = subprocess.run(["bash", "-c", line], cwd=folder, env=env, capture_output=True,
                              text=True, check=False, timeout=120)  # fmt: skip
        if proc.returncode not in (0, 1) or "Traceback" in proc.stderr:
            sys.exit(f"check_wheel: README command failed outside the checkout: {line}\n"
                     f"{proc.stderr}")  # fmt: skip
    return len(lines)


def main() -> None:
    pythons = [p for p in sys.argv[1:] if p]
    if not pythons:
        sys.exit("check_wheel: give the Pythons to check (make finds 3.11, 3.12 and 3.13)")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        dist = work / "dist"
        run(sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(dist), str(ROOT),
            cwd=ROOT, env=dict(os.environ))  # fmt: skip
        (wheel,) = dist.glob("skolemiljo-*.whl")
        path = no_compiler_path(work)
        for python in pythons:
            venv = work / f"venv-{Path(python).name}"
            run(python, "-m", "venv", str(venv), cwd=work, env=dict(os.environ))
            env = {
                "PATH": f"{venv / 'bin'}{os.pathsep}{path}",
                "HOME": os.environ.get("HOME", str(work)),
                "CC": "false",
                "CXX": "false",
                "PIP_DISABLE_PIP_VERSION_CHECK": "1",
            }
            assert shutil.which("gcc", path=env["PATH"]) is None
            vpy = str(venv / "bin" / "python")
            run(vpy, "-m", "pip", "install", "-q", "--only-binary=:all:", str(wheel), cwd=work,
                env=env)  # fmt: skip
            version = run(vpy, "-c", "import sys; print(sys.version.split()[0])", cwd=work, env=env)
            outside = work / "elsewhere"
            outside.mkdir(exist_ok=True)
            demo = run(str(venv / "bin" / "skolemiljo"), "demo", cwd=outside, env=env)
            if "== skolemiljo audit examples/cases/exemplary_timeline.json" not in demo:
                sys.exit(f"check_wheel: the demo on {version.strip()} did not run to the end")
            run(vpy, "-m", "pip", "install", "-q", "--only-binary=:all:", f"{wheel}[pdf,docx]",
                cwd=work, env=env)  # fmt: skip
            count = readme_outside(venv, work / f"readme-{Path(python).name}", env)
            print(f"python {version.strip()}: the wheel installs without a compiler; the demo "
                  "runs outside the checkout; with [pdf,docx], the README's examples and "
                  f"{count} commands pass from a folder of `skolemiljo examples`, under "
                  "-W error")  # fmt: skip


if __name__ == "__main__":
    main()
