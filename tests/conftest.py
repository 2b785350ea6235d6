"""Shared pytest fixtures.

Data layer (casekit.data / sources / derive): the raw files come through
:func:`casekit.data.sources.fetch`, exactly as ``python -m casekit refresh`` gets
them: from the cache (``$CASEKIT_CACHE``) if already there, else from a local
copy of the source pack (``$CASEKIT_RAW_PACK``), else downloaded from
``$CASEKIT_MIRROR`` or the pinned upstream URLs, every file hash-checked. If
no route can supply a file the derivation tests FAIL with the message saying
which file, from where, and the overrides: they are the proof that the
committed tables come from the pinned sources, and a skipped proof is no proof.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def raw_cache() -> Path:
    """The download cache with every raw source in it, every hash checked."""
    from casekit.data import sources

    cache = sources.cache_dir()
    for source_id in sorted(sources.RAW_SOURCES):
        try:
            sources.fetch(source_id, cache=cache)
        except (OSError, sources.RawFileHashError) as err:
            pytest.fail(
                f"the raw files cannot be obtained, so the derived tables cannot be "
                f"checked against their sources: {err}",
                pytrace=False,
            )
    return cache


@pytest.fixture
def data_copy(tmp_path, monkeypatch) -> Path:
    """A temporary copy of ``data/`` that casekit reads through ``$CASEKIT_DATA``."""
    from casekit import data

    copy = tmp_path / "data"
    shutil.copytree(REPO / "data", copy)
    monkeypatch.setenv("CASEKIT_DATA", str(copy))
    data.package._package.cache_clear()
    yield copy
    data.package._package.cache_clear()
