"""casekit's layout is its data flow, and the layers do not leak.

    data (sources -> derive -> package, maintain)  ->  methods  ->  viz  ->  chapters  ->  cli

* the analysis methods import neither the book's data nor a chapter module:
  they work on any table they are given;
* the data layer imports no method, chart or chapter;
* the charts import no chapter;
* nothing imports the command line (argument parsing only) but ``__main__``.

Imports are read from the source with ``ast``, so the test sees every import,
including those inside functions.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import casekit

SRC = Path(casekit.__file__).resolve().parent
STEPS = {"data", "methods", "viz", "chapters"}


def _module_name(path: Path) -> str:
    rel = path.relative_to(SRC.parent).with_suffix("")
    parts = list(rel.parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, name: str | None = None) -> set[str]:
    """Every casekit module ``path`` imports, as absolute dotted names."""
    name = name or _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("casekit")}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.startswith("casekit"):
                found.add(target)
                found |= {f"{target}.{a.name}" for a in node.names}
    return found


MODULES = {_module_name(p): _imports(p) for p in sorted(SRC.rglob("*.py"))}


def _layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def test_the_tree_shows_the_pipeline_steps_as_folders():
    folders = {p.name for p in SRC.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert folders == STEPS
    loose = sorted(p.name for p in SRC.glob("*.py"))
    assert loose == ["__init__.py", "__main__.py", "choices.py", "cli.py"]


@pytest.mark.parametrize(
    "layer, forbidden",
    [("methods", {"data", "chapters", "viz", "cli"}),
     ("data", {"methods", "chapters", "viz", "cli"}),
     ("viz", {"chapters", "methods", "cli"}),
     ("chapters", {"cli"})],
)
def test_a_layer_imports_only_what_comes_before_it(layer, forbidden):
    leaks = sorted(
        f"{m} imports {i}"
        for m, imports in MODULES.items() if _layer(m) == layer
        for i in imports if _layer(i) in forbidden
    )
    assert not leaks, leaks


def test_nothing_but_main_imports_the_command_line():
    users = sorted(m for m, imports in MODULES.items() if "casekit.cli" in imports or "casekit.cli.main" in imports)
    assert users == ["casekit.__main__"]


def test_the_layering_check_sees_relative_and_late_imports(tmp_path):
    """A method that loads book data inside a function is caught."""
    probe = tmp_path / "probe.py"
    probe.write_text("import numpy\n\ndef f():\n    from ..data import load\n    return load('x')\n")
    found = _imports(probe, "casekit.methods.probe")
    assert {"casekit.data", "casekit.data.load"} <= found
    assert any(_layer(i) == "data" for i in found)


def test_the_top_level_api_fits_on_one_screen():
    assert len(casekit.__all__) <= 16
    for name in casekit.__all__:
        assert getattr(casekit, name) is not None, name
