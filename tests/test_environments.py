"""Binder and Colab as they really run (tools/envcheck.py).

Each test builds a clean environment the way the service does and runs every
notebook top to bottom in a real Jupyter kernel of it: Binder from
``binder/`` (the lock file, then ``postBuild``), Colab from the casekit wheel
and the newest releases of its dependencies. A cell that raises or writes to
stderr fails the test.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import envcheck  # noqa: E402


@pytest.mark.parametrize("mode", ["binder", "colab"])
def test_every_notebook_runs_in_the_environment_students_get(mode, tmp_path):
    try:
        result = envcheck.check(mode, tmp_path)
    except envcheck.EnvironmentFailed as err:
        pytest.fail(str(err), pytrace=False)
    assert set(result["seconds"]) == {p.name for p in (ROOT / "notebooks").glob("*.ipynb")}
    if mode == "binder":
        locked = (ROOT / "requirements.lock").read_text().splitlines()
        assert all(v in locked for v in result["versions"] if not v.startswith("casekit")), result
    print(json.dumps(result))


def test_binder_postbuild_only_installs_casekit():
    steps = [line for line in (ROOT / "binder" / "postBuild").read_text().splitlines()
             if line.strip() and not line.startswith(("#", "set "))]
    assert steps == ["python -m pip install --no-deps --no-build-isolation ."]


def test_the_runner_reports_errors_and_warnings(tmp_path):
    """The notebook runner used above sees a failing cell and a warning."""
    for name, source in [("bad.ipynb", "raise ValueError('on purpose')"),
                         ("noisy.ipynb", "import warnings; warnings.warn('careful')"),
                         ("good.ipynb", "1 + 1")]:
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)])
        nbformat.write(nb, tmp_path / name)
    out = subprocess.run([sys.executable, str(ROOT / "tools" / "envcheck.py"), "--inside", str(tmp_path)],
                         capture_output=True, text=True, check=True)
    report = {r["notebook"]: r for r in json.loads(out.stdout.splitlines()[-1])}
    assert "ValueError" in report["bad.ipynb"]["error"] and "on purpose" in report["bad.ipynb"]["error"]
    assert not report["noisy.ipynb"]["error"] and "careful" in report["noisy.ipynb"]["stderr"][0]
    assert not report["good.ipynb"]["error"] and not report["good.ipynb"]["stderr"]


def test_an_unknown_environment_lists_the_valid_ones(tmp_path):
    with pytest.raises(ValueError, match="unknown environment 'conda'; valid ones: binder, colab, lowest"):
        envcheck.build("conda", tmp_path)
