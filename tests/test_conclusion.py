"""The claims ledger (casekit.chapters.conclusion) against the chapters it points at.

A claim that names a chapter label no notebook defines, or a glued figure its
chapter does not compute, fails here; so does a section of the paper with no
claim. The notebooks' stored outputs are what nbval proves current, so the
glue keys are read from them.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from casekit.chapters import conclusion

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


def _chapters() -> dict[str, tuple[str, set[str]]]:
    """Label -> (notebook stem, glue keys stored in its outputs)."""
    found = {}
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        labels, keys = [], set()
        for cell in nb["cells"]:
            source = "".join(cell["source"])
            labels += re.findall(r"^\(([\w-]+)\)=", source, re.M)
            for out in cell.get("outputs", []):
                scrap = out.get("metadata", {}).get("scrapbook")
                if scrap:
                    keys.add(scrap["name"])
        for label in labels:
            found[label] = (path.stem, keys)
    return found


CHAPTERS = _chapters()


def test_every_chapter_label_in_casekit_is_a_notebook_label():
    for label, (page, _title) in conclusion.CHAPTERS.items():
        assert label in CHAPTERS, f"{label} is not defined in any notebook"
        assert CHAPTERS[label][0] == page, f"{label} is in {CHAPTERS[label][0]}, casekit says {page}"


@pytest.mark.parametrize("row", list(conclusion.evidence().itertuples()), ids=lambda r: f"{r.claim_id}-{r.key}")
def test_every_evidence_key_is_glued_in_its_chapter(row):
    page, keys = CHAPTERS[row.chapter]
    assert row.key in keys, f"{row.claim_id}: {row.key!r} is not glued in {page} (glued there: {len(keys)} keys)"


def test_every_section_of_the_paper_has_a_claim():
    assert conclusion.missing_sections() == []
    led = conclusion.ledger()
    assert 30 <= len(led) <= 60
    assert list(led["claim_id"]) == sorted(led["claim_id"])


def test_a_bad_ledger_is_refused_with_the_claim_named():
    led = conclusion.ledger()
    with pytest.raises(ValueError, match=r"L03: unknown verdict 'true'.*Valid: supported, mixed"):
        conclusion.ledger(led.assign(verdict=led["verdict"].where(led.index != 2, "true")))
    with pytest.raises(ValueError, match="L01: unknown paper section '6'"):
        conclusion.ledger(led.assign(section=led["section"].where(led.index != 0, "6")))
    testable = led.index[led["testable"] != "no"][0]
    with pytest.raises(ValueError, match="no glued figure"):
        conclusion.ledger(led.assign(evidence=led["evidence"].where(led.index != testable, "")))
    untestable = led.index[led["testable"] == "no"][0]
    with pytest.raises(ValueError, match="does not fit testability"):
        conclusion.ledger(led.assign(verdict=led["verdict"].where(led.index != untestable, "supported")))
    assert conclusion.missing_sections(led[led["section"] != "4.2"]) == ["4.2"]


def test_the_test_itself_catches_a_missing_key():
    """A key that no chapter glues must not pass the check above."""
    page, keys = CHAPTERS["chapter-ne-zha"]
    assert "nz2_abroad_share" in keys and "no_such_figure" not in keys


def test_verdict_grid_counts_every_claim():
    grid = conclusion.verdict_grid()
    assert grid["claims"].sum() == len(conclusion.ledger())
    assert set(grid["verdict"]) == set(conclusion.VERDICTS)
