"""Sphinx extension: execute the notebooks a build is about to read side by side,
into the execution cache myst-nb reads.

With ``execute_notebooks: cache`` myst-nb runs each notebook that has no cached
outputs when it reaches it, one after the other, so a cold build waits for the
sum of every notebook's run (kernel start, imports, cells). Before any document
is read (``env-before-read-docs``), this extension finds the notebooks to be read
whose code has no match in the cache and runs them concurrently, one kernel per
core, storing each result exactly as myst-nb would (same cache, same hash, same
working directory, timeout and error policy). myst-nb then finds every notebook
cached. A notebook that fails here is not cached: myst-nb runs it again in its
usual place and reports the error as it always does.
"""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path

from sphinx.util import logging

logger = logging.getLogger(__name__)


def _stale(app, docnames) -> list[tuple[Path, object]]:
    """(path, notebook) of each notebook to be read whose code the cache has not seen."""
    import nbformat
    from jupyter_cache import get_cache

    cache = get_cache(app.config.nb_execution_cache_path or ".jupyter_cache")
    excluded = app.config.nb_execution_excludepatterns or []
    out = []
    for docname in sorted(docnames):
        path = Path(app.env.doc2path(docname))
        if path.suffix != ".ipynb" or any(path.match(p) for p in excluded):
            continue
        nb = nbformat.read(path, as_version=4)
        try:
            cache.match_cache_notebook(nb)
        except KeyError:
            out.append((path, nb))
    return out


async def _run_all(app, stale, workers: int) -> list[tuple[Path, object, float, BaseException | None]]:
    from nbclient import NotebookClient

    gate = asyncio.Semaphore(workers)
    config = app.config

    async def one(path: Path, nb):
        meta = nb.metadata.get("execution", {})
        client = NotebookClient(
            nb,
            timeout=meta.get("timeout", config.nb_execution_timeout),
            allow_errors=meta.get("allow_errors", config.nb_execution_allow_errors),
            resources={"metadata": {"path": str(path.parent)}},
            record_timing=False,  # as jupyter-cache runs it: cell timings would change the cache's hash
        )
        async with gate:
            start = time.perf_counter()
            try:
                await client.async_execute()
            except Exception as err:  # noqa: BLE001 - myst-nb runs it again and reports it
                return path, nb, time.perf_counter() - start, err
            return path, nb, time.perf_counter() - start, None

    return await asyncio.gather(*(one(p, nb) for p, nb in stale))


def execute_ahead(app, env, docnames) -> None:
    if app.config.nb_execution_mode != "cache" or app.config.nb_execution_in_temp:
        return
    stale = _stale(app, docnames)
    if len(stale) < 2:
        return  # nothing to gain: myst-nb runs it in its place
    from jupyter_cache import get_cache
    from jupyter_cache.base import CacheBundleIn

    workers = max(1, min(len(stale), os.cpu_count() or 1))
    logger.info(f"executing {len(stale)} notebooks, {workers} at a time")
    start = time.perf_counter()
    # in a thread of its own, with its own event loop: the build may run where a loop is already
    # running (a Jupyter kernel, a test session driving a browser), and asyncio.run refuses that
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        results = pool.submit(asyncio.run, _run_all(app, stale, workers)).result()
    cache = get_cache(app.config.nb_execution_cache_path or ".jupyter_cache")
    for path, nb, seconds, err in results:
        if err is not None:
            logger.info(f"{path.name} failed ahead of the build ({type(err).__name__}); myst-nb runs it again")
            continue
        cache.cache_notebook_bundle(
            CacheBundleIn(nb, str(path), data={"execution_seconds": seconds}),
            check_validity=False,
            overwrite=True,
        )
    logger.info(f"notebooks executed in {time.perf_counter() - start:.1f} s")


def setup(app):
    app.connect("env-before-read-docs", execute_ahead)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
