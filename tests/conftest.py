"""Shared pytest fixtures.

Data layer (casekit.data / sources / derive): the source pack's raw files are
found through ``$CASEKIT_RAW_PACK`` (default ``/work/shared/sources/raw``). If the
pack is absent the derivation tests FAIL with a message saying so: they are
the proof that the committed tables come from the pinned sources, and a
skipped proof is no proof.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DEFAULT_RAW_PACK = "/work/shared/sources/raw"


@pytest.fixture(scope="session")
def raw_pack() -> Path:
    """The source pack's ``raw/`` folder; fails (never skips) when it is missing."""
    pack = Path(os.environ.get("CASEKIT_RAW_PACK", DEFAULT_RAW_PACK))
    if not pack.is_dir():
        pytest.fail(
            f"the source pack's raw/ folder {pack} does not exist: the derived tables "
            f"cannot be checked against their sources. Set CASEKIT_RAW_PACK to the pack's "
            f"raw/ folder (it holds hofstede/, vgsales/, billboard-hot-100/, nintendo-ir/).",
            pytrace=False,
        )
    return pack


@pytest.fixture(scope="session")
def raw_cache(raw_pack, tmp_path_factory) -> Path:
    """A download cache seeded from the pack (tarballs extracted), every hash checked."""
    from casekit import sources

    return sources.seed_cache_from_pack(raw_pack, tmp_path_factory.mktemp("casekit-cache"))


@pytest.fixture
def data_copy(tmp_path, monkeypatch) -> Path:
    """A temporary copy of ``data/`` that casekit reads through ``$CASEKIT_DATA``."""
    from casekit import data

    copy = tmp_path / "data"
    shutil.copytree(REPO / "data", copy)
    monkeypatch.setenv("CASEKIT_DATA", str(copy))
    data._package.cache_clear()
    yield copy
    data._package.cache_clear()
