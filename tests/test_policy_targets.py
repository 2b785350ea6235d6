"""casekit.chapters.strategies: growth a target asks for; Korea's exports; category shares."""

from __future__ import annotations

import pytest

from casekit.chapters import strategies as pt


def test_required_growth_reaches_the_target():
    g = pt.required_growth(13.24, 2022, 25, 2027)
    assert 13.24 * (1 + g / 100) ** 5 == pytest.approx(25)


def test_required_growth_rejects_nonpositive_values():
    with pytest.raises(ValueError, match="positive"):
        pt.required_growth(0, 2020, 5, 2025)


def test_korea_exports_prefers_the_revision():
    k = pt.korea_exports().set_index("year")
    assert k.loc[2019, "exports_usd_million"] == pytest.approx(10253.88)
    allrows = pt.korea_exports(preferred=False)
    assert set(allrows.query("year == 2019")["vintage"]) == {"preliminary", "revised"}


def test_category_shares_keep_the_unnamed_remainder():
    s = pt.category_shares(2018).set_index("category")
    assert "not itemised in the source" in s.index
    assert s["share_pct"].sum() == pytest.approx(100)
    assert s.loc["games", "share_pct"] == pytest.approx(100 * 6390 / 9550)
