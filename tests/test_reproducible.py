"""The stored notebook outputs do not depend on the CPU.

Linear algebra (DEMATEL's inverse, AHP's eigenvector) runs on OpenBLAS, whose
kernels differ from one CPU family to another and round the last bits
differently. The book rounds what it stores (glued numbers and chart data, to
ten significant digits), so nbval passes on any machine. This test proves it
on one machine by forcing OpenBLAS onto other CPU kernels (OPENBLAS_CORETYPE):
it first shows that the raw numbers do change, then that the stored outputs
do not.
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
KERNELS = ("Nehalem", "Haswell")  # two x86-64 kernel families that round differently

pytestmark = pytest.mark.skipif(
    platform.machine() not in ("x86_64", "AMD64"), reason="OPENBLAS_CORETYPE names x86-64 kernels"
)

RAW = (
    "import casekit; from casekit.methods import judgements; "
    "x = judgements.influence_matrix(casekit.load('judgement_driver_influence')); "
    "print(repr(float(casekit.dematel(x).table()['D-R'].min())))"
)


def _env(kernel: str) -> dict[str, str]:
    return dict(os.environ, OPENBLAS_CORETYPE=kernel, CASEKIT_CHARTS="book")


def test_the_cpu_kernel_changes_the_raw_numbers():
    raw = {k: subprocess.run([sys.executable, "-c", RAW], env=_env(k), capture_output=True,
                             text=True, check=True).stdout.strip() for k in KERNELS}
    assert len(set(raw.values())) == 2, f"the kernels agree to the last bit ({raw}): this test proves nothing here"
    assert len({v[:12] for v in raw.values()}) == 1, raw  # ... in the last bits only


@pytest.mark.parametrize("kernel", KERNELS)
def test_stored_outputs_hold_on_another_cpu_kernel(kernel):
    notebooks = [str(ROOT / "notebooks" / n) for n in ("02-drivers.ipynb", "04-swot.ipynb")]
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-o", "addopts=--nbval", *notebooks],
        cwd=ROOT, env=_env(kernel), capture_output=True, text=True,
    )
    assert run.returncode == 0, run.stdout[-3000:]
