"""Run every notebook top to bottom and store its outputs in place.

nbval then proves, on every test run, that those stored outputs are what the
code produces today. Usage: python tools/execute_notebooks.py [NOTEBOOK ...]
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]


def run(path: Path):
    """Execute a notebook top to bottom in a fresh kernel, as the book does;
    return it (with its new outputs) and the seconds it took."""
    os.environ["CASEKIT_CHARTS"] = "book"
    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    return nb, time.perf_counter() - start


def execute(path: Path) -> float:
    """Run a notebook and store its outputs in place; refuse output on stderr."""
    nb, seconds = run(path)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for out in cell.get("outputs", []):
            if out.get("name") == "stderr":
                raise SystemExit(f"{path}: a cell wrote to stderr:\n{out['text']}")
    nbformat.write(nb, path)
    return seconds


if __name__ == "__main__":
    paths = [Path(p) for p in sys.argv[1:]] or sorted((ROOT / "notebooks").glob("*.ipynb"))
    for p in paths:
        print(f"{execute(p):6.1f} s  {p.relative_to(ROOT) if p.is_absolute() else p}")
