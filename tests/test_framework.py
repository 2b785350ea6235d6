"""The paper's framework as data (casekit.framework).

Counts are read from the paper (../shared/seed/000_034105dafafa0d8d.txt):
six drivers (section 2.3 and Figure 1), five challenges (3.1), six
opportunities (3.2), two SWOT items per quadrant (3.3), seven government and
eight enterprise strategies (4.1, 4.2), three cases (4.3).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from casekit import framework

import os

# The paper is not redistributed with the book; the check reads the copy in the
# workplace's seed folder (override with $CASEKIT_SEED_PAPER). Missing = failure.
PAPER = Path(os.environ.get("CASEKIT_SEED_PAPER", "/work/shared/seed/000_034105dafafa0d8d.txt"))


def test_counts_follow_the_paper():
    assert len(framework.drivers()) == 6
    assert len(framework.challenges()) == 5
    assert len(framework.opportunities()) == 6
    assert framework.swot_items()["group"].value_counts().to_dict() == {"S": 2, "W": 2, "O": 2, "T": 2}
    assert len(framework.strategies("government")) == 7
    assert len(framework.strategies("enterprise")) == 8
    assert len(framework.strategies()) == 15
    assert framework.cases()["name"].tolist() == ["Ne Zha", "Nintendo", "K-pop"]


def test_sections_and_names():
    assert set(framework.drivers()["section"]) == {"2.3"}
    assert framework.drivers().set_index("name").loc["Market opportunities", "source"] == "Figure 1 only"
    assert set(framework.challenges()["section"]) == {"3.1"}
    assert set(framework.opportunities()["section"]) == {"3.2"}
    assert set(framework.swot_items()["section"]) == {"3.3"}
    s = framework.strategies()
    assert set(s.loc[s["level"] == "government", "section"]) == {"4.1"}
    assert set(s.loc[s["level"] == "enterprise", "section"]) == {"4.2"}
    assert set(framework.cases()["iso3"]) == {"CHN", "JPN", "KOR"}


def test_ids_are_unique_across_the_whole_framework_and_labels_filled():
    items = framework.items()
    assert not items["id"].duplicated().any()
    assert (items["label"].str.len() > 10).all()
    assert (items["name"].str.len() > 1).all()


def test_swot_see_also_points_to_existing_items():
    ids = set(framework.items()["id"])
    refs = [r for r in framework.swot_items()["see_also"] if r]
    assert refs and set(refs) <= ids


def test_unknown_level_is_refused():
    with pytest.raises(ValueError, match=r"unknown strategy level 'firm'; valid levels: government, enterprise"):
        framework.strategies("firm")


def test_labels_are_not_copied_from_the_paper():
    """No label shares a run of six or more consecutive words with the paper."""
    assert PAPER.is_file(), f"the paper is not at {PAPER}: set CASEKIT_SEED_PAPER to its path"
    words = re.findall(r"[a-z]+", PAPER.read_text(encoding="utf-8").lower())
    shingles = {" ".join(words[i : i + 6]) for i in range(len(words) - 5)}
    for label in framework.items()["label"]:
        lw = re.findall(r"[a-z]+", label.lower())
        runs = {" ".join(lw[i : i + 6]) for i in range(len(lw) - 5)}
        assert not runs & shingles, f"label copies the paper: {label!r}"
