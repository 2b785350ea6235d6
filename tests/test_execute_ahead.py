"""The build's execute-ahead step (book/_ext/casekit_execute.py) runs the notebooks a cold
build needs side by side and stores them in the execution cache; myst-nb must then find
each one there, or it runs them all again one after another (the cold build's cost)."""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

import nbformat
from jupyter_cache import get_cache

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "book" / "_ext"))

import casekit_execute  # noqa: E402


def _app(tmp_path: Path, docnames: list[str]):
    config = SimpleNamespace(
        nb_execution_mode="cache", nb_execution_in_temp=False,
        nb_execution_cache_path=str(tmp_path / "cache"), nb_execution_excludepatterns=[],
        nb_execution_timeout=60, nb_execution_allow_errors=False,
    )
    env = SimpleNamespace(doc2path=lambda d: str(tmp_path / f"{d}.ipynb"))
    return SimpleNamespace(config=config, env=env), env


def _notebook(path: Path, source: str) -> None:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_markdown_cell("# A page"), nbformat.v4.new_code_cell(source)]
    nbformat.write(nb, path)


def test_notebooks_run_ahead_are_found_in_the_cache_as_myst_nb_reads_them(tmp_path):
    _notebook(tmp_path / "a.ipynb", "from pathlib import Path\nprint(Path.cwd().name)")
    _notebook(tmp_path / "b.ipynb", "print(6 * 7)")
    _notebook(tmp_path / "broken.ipynb", "raise ValueError('no')")
    app, env = _app(tmp_path, ["a", "b", "broken"])

    casekit_execute.execute_ahead(app, env, {"a", "b", "broken"})

    cache = get_cache(str(tmp_path / "cache"))
    # myst-nb matches the notebook as read from disk (no outputs) against the cache
    for name, expected in (("a", tmp_path.name), ("b", "42")):
        unexecuted = nbformat.read(tmp_path / f"{name}.ipynb", as_version=4)
        record = cache.match_cache_notebook(unexecuted)
        _, merged = cache.merge_match_into_notebook(unexecuted)
        assert merged.cells[1].outputs[0]["text"].strip() == expected, (name, record.pk)
    # a failing notebook is not cached: myst-nb runs it in its place and reports its error
    assert len(cache.list_cache_records()) == 2
    # nothing left to run: a second pass finds every runnable notebook cached
    assert [p.name for p, _ in casekit_execute._stale(app, {"a", "b"})] == []


def test_notebooks_run_ahead_where_an_event_loop_is_already_running(tmp_path):
    """A build started from a Jupyter kernel (or a test session driving a browser) has a running
    event loop; running the notebooks ahead must not need the main thread's."""
    import asyncio

    _notebook(tmp_path / "a.ipynb", "print(1)")
    _notebook(tmp_path / "b.ipynb", "print(2)")
    app, env = _app(tmp_path, ["a", "b"])

    async def inside_a_loop():
        casekit_execute.execute_ahead(app, env, {"a", "b"})

    # a thread of the test's own, so that the loop is this test's whatever else runs in the session
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, inside_a_loop()).result()
    assert len(get_cache(str(tmp_path / "cache")).list_cache_records()) == 2
