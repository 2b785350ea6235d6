"""casekit finds its data from a checkout and from an installed wheel (Colab)."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
import envcheck  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    return envcheck._wheel(tmp_path_factory.mktemp("wheel"))  # the wheel the Colab check installs


def test_the_wheel_carries_the_data_package(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "casekit/_data/datapackage.json" in names
    tables = {str(p.relative_to(ROOT / "data")) for p in (ROOT / "data").rglob("*.csv")}
    assert tables and {f"casekit/_data/{t}" for t in tables} <= names


def test_an_installed_wheel_loads_every_table_without_the_checkout(wheel, tmp_path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = (
        "import casekit, pathlib; d = casekit.data_dir(); "
        "assert d.name == '_data' and 'site' in d.parts, d; "
        "n = [casekit.load(name).shape[0] for name in casekit.datasets().index]; "
        "print(len(n), min(n))"
    )
    env = {"PYTHONPATH": str(site), "PATH": os.environ.get("PATH", os.defpath)}
    run = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    count, smallest = map(int, run.stdout.split())
    import casekit

    assert count == len(casekit.datasets()) and smallest > 0
