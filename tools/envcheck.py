"""Build the environments students really get, and run every notebook in each.

    python tools/envcheck.py binder   # as repo2docker does: binder/requirements.txt, then postBuild
    python tools/envcheck.py colab    # the casekit wheel + the newest releases of its dependencies
    python tools/envcheck.py lowest   # the wheel + the lowest versions its bounds allow

Each builds a clean virtual environment in a temporary folder (``--workdir``
to keep it), then runs every notebook of ``notebooks/``, copied away from the
checkout, top to bottom in a real Jupyter kernel of that environment, with no
``CASEKIT_*`` variable set. It fails if a cell raises or writes to stderr (a
warning a student would see). Environments are built with ``uv``; when the
package registry cannot be reached, uv's cache is used instead (``--offline``)
and the report says so. ``tests/test_environments.py`` runs ``binder`` and
``colab``; ``make lowest`` runs ``lowest`` (maintainers, after changing a bound).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MODES = ("binder", "colab", "lowest")
#: Colab's Python (its runtime in 2026); the current interpreter if it is missing.
COLAB_PYTHON = "3.12"
#: What a kernel needs besides casekit (Binder's lock has them; Colab has its own).
KERNEL = ["ipykernel", "nbclient", "nbformat"]
#: The unit tests' own tools, at their locked versions (``lowest`` runs the unit tests).
TEST_TOOLS = ["pytest", "hypothesis", "pyyaml", "pooch", "tqdm"]
#: Tests that need the built site, a wheel build or a browser: not unit tests.
NOT_UNIT = ["tests/browser", "tests/test_book.py", "tests/test_editions.py",
            "tests/test_packaging.py", "tests/test_environments.py"]


class EnvironmentFailed(RuntimeError):
    """An environment could not be built, or a notebook failed in it."""


def _uv() -> str:
    here = Path(sys.executable).parent / "uv"
    found = str(here) if here.exists() else shutil.which("uv")
    if not found:
        raise EnvironmentFailed("uv is needed to build the environments: pip install uv")
    return found


def _clean_env(venv: Path | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("CASEKIT_", "PYTHON", "VIRTUAL_ENV", "UV_"))}
    if venv is not None:
        env["VIRTUAL_ENV"] = str(venv)
        env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', os.defpath)}"
    return env


def _run(cmd: list[str], notes: list[str], venv: Path | None = None, cwd: Path = ROOT) -> None:
    """Run a uv command; if the registry is unreachable, retry from uv's cache."""
    first = subprocess.run(cmd, cwd=cwd, env=_clean_env(venv), capture_output=True, text=True)
    if first.returncode == 0:
        return
    if cmd[0] == _uv() and "--offline" not in cmd:
        second = subprocess.run([*cmd, "--offline"], cwd=cwd, env=_clean_env(venv),
                                capture_output=True, text=True)
        if second.returncode == 0:
            notes.append(f"registry unreachable, resolved from uv's cache: {' '.join(cmd[1:4])} ...")
            return
        raise EnvironmentFailed(
            f"{' '.join(cmd)} failed online:\n{first.stderr[-2000:]}\nand from uv's cache "
            f"(--offline):\n{second.stderr[-2000:]}"
        )
    raise EnvironmentFailed(f"{' '.join(cmd)} failed:\n{first.stdout[-2000:]}\n{first.stderr[-2000:]}")


def _find_python(version: str) -> str:
    """An interpreter of ``version`` (``3.12``): on PATH, in pyenv's versions, else uv finds it."""
    candidates = [shutil.which(f"python{version}")]
    pyenv_root = os.environ.get("PYENV_ROOT") or (
        subprocess.run(["pyenv", "root"], capture_output=True, text=True).stdout.strip()
        if shutil.which("pyenv") else "")
    if pyenv_root:
        candidates += sorted(str(p) for p in Path(pyenv_root).glob(f"versions/{version}.*/bin/python{version}"))
    for exe in filter(None, candidates):
        ok = subprocess.run([exe, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                            capture_output=True, text=True)
        if ok.returncode == 0 and ok.stdout.strip() == version:
            return exe
    return version


def _venv(path: Path, python: str, notes: list[str]) -> Path:
    exe = _find_python(python)
    try:
        _run([_uv(), "venv", "--quiet", "--clear", "--seed", "--python", exe, str(path)], notes)
    except EnvironmentFailed:
        notes.append(f"Python {python} not found; using {sys.version.split()[0]}")
        _run([_uv(), "venv", "--quiet", "--clear", "--seed", "--python", sys.executable, str(path)], notes)
    return path


def _wheel(out: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "--wheel-dir", str(out), str(ROOT)],
        check=True, capture_output=True, text=True,
    )
    (found,) = out.glob("casekit-*.whl")
    return found


def _runtime_python() -> str:
    text = (ROOT / "binder" / "runtime.txt").read_text().strip()
    return text.removeprefix("python-")


def build(mode: str, work: Path, python: str | None = None) -> tuple[Path, list[str]]:
    """Build the environment of ``mode`` in ``work``; return its folder and notes."""
    if mode not in MODES:
        raise ValueError(f"unknown environment {mode!r}; valid ones: {', '.join(MODES)}")
    notes: list[str] = []
    venv = work / f"venv-{mode}"
    if mode == "binder":
        _venv(venv, _runtime_python(), notes)
        # repo2docker installs binder/requirements.txt from the binder/ folder ...
        _run([_uv(), "pip", "install", "--quiet", "-r", "requirements.txt"], notes, venv, ROOT / "binder")
        # ... then runs postBuild from the repository's root, with the image's python first on PATH
        post = subprocess.run(["bash", "binder/postBuild"], cwd=ROOT, env=_clean_env(venv),
                              capture_output=True, text=True)
        if post.returncode != 0:
            raise EnvironmentFailed(f"binder/postBuild failed:\n{post.stdout}\n{post.stderr}")
        return venv, notes
    wheel = _wheel(work / "wheel")
    _venv(venv, python or (COLAB_PYTHON if mode == "colab" else _runtime_python()), notes)
    if mode == "lowest":
        # casekit's own requirements, made direct so that each takes its lower bound;
        # the kernel tools at their locked versions
        import tomllib

        own = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
        locked = [line.split()[0] for line in (ROOT / "requirements.lock").read_text().splitlines()
                  if line.split("==")[0] in KERNEL + TEST_TOOLS]
        extra = ["--resolution", "lowest-direct", *own, *locked]
    else:
        extra = KERNEL
    _run([_uv(), "pip", "install", "--quiet", str(wheel), *extra], notes, venv)
    return venv, notes


def run_notebooks(venv: Path, work: Path) -> list[dict]:
    """Run every notebook, copied to ``work``, in a kernel of ``venv``."""
    folder = work / "notebooks"
    folder.mkdir(parents=True, exist_ok=True)
    for nb in sorted((ROOT / "notebooks").glob("*.ipynb")):
        shutil.copyfile(nb, folder / nb.name)
    out = subprocess.run(
        [str(venv / "bin" / "python"), str(Path(__file__).resolve()), "--inside", str(folder)],
        cwd=work, env=_clean_env(venv), capture_output=True, text=True,
    )
    if out.returncode != 0:
        raise EnvironmentFailed(f"the notebook runner failed:\n{out.stdout[-3000:]}\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def unit_tests(venv: Path, versions: list[str]) -> str:
    """Run the unit tests and casekit's doctests against the installed casekit."""
    env = _clean_env(venv)
    for name in ("CASEKIT_CACHE", "CASEKIT_MIRROR", "CASEKIT_RAW_PACK"):  # the raw-file routes
        if os.environ.get(name):
            env[name] = os.environ[name]
    env["CASEKIT_CHARTS"] = "book"  # as in `make test`
    ignore = [f"--ignore={p}" for p in NOT_UNIT]
    out = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pytest", "-q", "-p", "no:cacheprovider", "-o", "addopts=",
         "--doctest-modules", "-o", "doctest_optionflags=NORMALIZE_WHITESPACE NUMBER ELLIPSIS",
         "tests", *ignore, "--pyargs", "casekit"],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )
    if out.returncode != 0:
        raise EnvironmentFailed(f"unit tests failed at {' '.join(versions)}:\n{out.stdout[-4000:]}")
    return out.stdout.strip().splitlines()[-1]


def _inside(folder: Path) -> None:
    """(Runs in the environment.) Execute the notebooks, one kernel per core side by side (each
    notebook in a kernel of its own, as a student runs it); print one JSON report."""
    import asyncio

    import casekit
    import nbformat
    from nbclient import NotebookClient

    async def run(path: Path, cores: asyncio.Semaphore) -> dict:
        nb = nbformat.read(path, as_version=4)
        async with cores:
            start = time.perf_counter()
            error = ""
            try:
                await NotebookClient(nb, timeout=600, kernel_name="python3",
                                     resources={"metadata": {"path": str(folder)}}).async_execute()
            except Exception as exc:  # the cell's traceback is in the message
                error = f"{type(exc).__name__}: {str(exc)[-1500:]}"
            seconds = round(time.perf_counter() - start, 1)
        stderr = [o.get("text", "") for c in nb.cells if c.cell_type == "code"
                  for o in c.get("outputs", []) if o.get("name") == "stderr"]
        return {"notebook": path.name, "seconds": seconds, "error": error, "stderr": stderr,
                "casekit": casekit.__file__}

    async def run_all() -> list[dict]:
        cores = asyncio.Semaphore(os.cpu_count() or 1)
        return list(await asyncio.gather(*(run(p, cores) for p in sorted(folder.glob("*.ipynb")))))

    print(json.dumps(asyncio.run(run_all())))


def check(mode: str, work: Path, python: str | None = None) -> dict:
    """Build ``mode`` and run every notebook; raise EnvironmentFailed on any problem."""
    venv, notes = build(mode, work, python)
    versions = subprocess.run(
        [str(venv / "bin" / "python"), "-c",
         "import sys, importlib.metadata as m; print(sys.version.split()[0], *("
         "f'{p}=={m.version(p)}' for p in ('casekit', 'pandas', 'numpy', 'altair', "
         "'networkx', 'ipython')))"],
        env=_clean_env(venv), capture_output=True, text=True, check=True,
    ).stdout.split()
    report = run_notebooks(venv, work)
    units = unit_tests(venv, versions) if mode == "lowest" else "not run"
    bad = [r for r in report if r["error"] or r["stderr"]]
    if not report or bad:
        lines = [f"{r['notebook']}: {r['error'] or ' | '.join(s.strip()[:500] for s in r['stderr'])}"
                 for r in bad] or ["no notebook ran"]
        raise EnvironmentFailed(f"{mode} ({' '.join(versions)}):\n" + "\n".join(lines))
    outside = [r["notebook"] for r in report if not r["casekit"].startswith(str(venv))]
    if outside:
        raise EnvironmentFailed(f"{mode}: casekit was not imported from the environment in {outside}")
    return {"mode": mode, "python": versions[0], "versions": versions[1:], "notes": notes,
            "unit_tests": units, "seconds": {r["notebook"]: r["seconds"] for r in report}}


def main(argv: list[str]) -> int:
    if argv[:1] == ["--inside"]:
        _inside(Path(argv[1]))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mode", choices=MODES)
    parser.add_argument("--python", help="the Python version for colab or lowest (e.g. 3.13)")
    parser.add_argument("--workdir", type=Path, help="build here and keep it (default: a temporary folder)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix=f"envcheck-{args.mode}-") as tmp:
        work = args.workdir or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        try:
            result = check(args.mode, work, args.python)
        except EnvironmentFailed as err:
            print(f"FAILED: {err}", file=sys.stderr)
            return 1
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
