"""The paper's framework as data (casekit.chapters.framework).

Counts are read from the paper: six drivers (section 2.3 and Figure 1), five
challenges (3.1), six opportunities (3.2), two SWOT items per quadrant (3.3),
seven government and eight enterprise strategies (4.1, 4.2), three cases
(4.3). The paper is not redistributed with the book: each item carries a
verbatim quotation of at most ten words with its section, checked here for
structure and against a copy of the paper by ``make check-paper PAPER=...``
(tools/check_paper.py), whose logic is tested here on a stand-in text.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from casekit.chapters import framework

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
import check_paper  # noqa: E402


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
    with pytest.raises(ValueError, match=r"unknown strategy level 'firm'. Valid: government, enterprise \(or None for both\)"):
        framework.strategies("firm")


def test_every_item_carries_a_short_quotation_from_its_section():
    q = framework.quotes()
    assert q["id"].tolist() == framework.items()["id"].tolist()
    assert q["quote"].notna().all() and q["quote"].str.strip().astype(bool).all()
    assert q["quote"].str.split().str.len().between(1, 10).all()
    assert q["quote"].is_unique
    assert (q["section"] == framework.items()["section"]).all()


def test_labels_paraphrase_rather_than_repeat_their_quotation():
    """No label shares a run of four consecutive words with the quotation it stands for."""
    items = framework.items().merge(framework.quotes(), on=["id", "section"])
    for row in items.itertuples():
        qw, lw = (re.findall(r"[a-z]+", t.lower()) for t in (row.quote, row.label))
        runs = lambda w: {" ".join(w[i : i + 4]) for i in range(len(w) - 3)}  # noqa: E731
        assert not runs(qw) & runs(lw), f"{row.id}: label repeats the quotation: {row.label!r}"


def _stand_in_paper(quotes=None) -> str:
    """A text laid out like the paper: numbered sections holding the quotations."""
    q = framework.quotes() if quotes is None else quotes
    parts = ["1. Introduction\nFiller text about globalization.\n"]
    for section, rows in q.groupby("section"):
        body = " Some words between. ".join(rows["quote"])
        parts.append(f"{section}. A heading\nIntro words. {body} Closing words.\n")
    return "".join(parts)


def test_the_paper_check_passes_a_text_that_holds_every_quotation():
    assert check_paper.problems(_stand_in_paper()) == []


def test_the_paper_check_finds_a_quotation_that_is_missing_or_misplaced():
    q = framework.quotes()
    text = _stand_in_paper(q).replace("talent drain is a serious issue", "talent leaves")
    assert check_paper.problems(text) == [
        "C3: 'talent drain is a serious issue' is not in section 3.1 (nor anywhere in the paper)"
    ]
    moved = q.assign(section=q["section"].where(q["id"] != "G4", "4.2"))
    found = check_paper.problems(_stand_in_paper(moved))
    assert found == ["G4: 'setting up special funds' is not in section 4.1 (it is in 4.2)"]


def test_the_paper_check_finds_a_copied_label():
    label = framework.items().set_index("id").loc["C2", "label"]
    text = _stand_in_paper() + f"5. Conclusion\n{label}.\n"
    found = check_paper.problems(text)
    assert len(found) == 1 and found[0].startswith("C2: the label copies the paper")
