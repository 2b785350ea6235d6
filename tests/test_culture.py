"""casekit.chapters.culture: long tables, nearest markets, 4 vs 6 dimensions.

Score tables here are made up (not Hofstede's)."""

from __future__ import annotations

import pandas as pd
import pytest

from casekit.chapters import culture as md
from casekit.methods.distance import distance_matrix

TOY = pd.DataFrame(
    {
        "iso3": ["AAA", "BBB", "CCC", "DDD"],
        "country": ["Avalon", "Brigadoon", "Camelot", "Dorne"],
        "pdi": [10, 50, 90, 30], "idv": [20, 20, 80, 60], "mas": [50, 60, 40, 50],
        "uai": [30, 70, 50, 50], "lto": [40, 60, 10, 90], "ivr": [70, 30, 20, 50],
    }
)
V = {d: 100.0 for d in ("pdi", "idv", "mas", "uai", "lto", "ivr")}


def test_long_table_has_every_ordered_pair_with_names():
    m = distance_matrix(["AAA", "BBB", "CCC"], scores=TOY, variances=V)
    long = md.distance_long(m, scores=TOY)
    assert len(long) == 9
    row = long[(long.from_iso3 == "AAA") & (long.to_iso3 == "BBB")].iloc[0]
    # (40^2 + 0 + 10^2 + 40^2) / 100 / 4 = 8.25
    assert row["distance"] == pytest.approx(8.25) and row["to_country"] == "Brigadoon"


def test_long_table_needs_a_square_matrix():
    with pytest.raises(ValueError, match="square"):
        md.distance_long(pd.DataFrame([[0, 1]], index=["AAA"], columns=["AAA", "BBB"]), scores=TOY)


def test_nearest_markets_is_sorted_and_excludes_self():
    m = distance_matrix(["AAA", "BBB", "CCC", "DDD"], scores=TOY, variances=V)
    near = md.nearest_markets(m, "aaa")
    assert "AAA" not in near.index and list(near) == sorted(near)


def test_rank_correlation_handles_ties_and_length():
    assert md.rank_correlation([1, 1, 2], [1, 1, 2]) == pytest.approx(1.0)
    with pytest.raises(ValueError, match="same length"):
        md.rank_correlation([1, 2], [1, 2, 3])


def test_compare_dimension_sets_ranks_and_spearman():
    t = md.compare_dimension_sets(["AAA", "BBB", "CCC", "DDD"], ["AAA"], scores=TOY, variances=V)
    assert t.attrs["dims_a"] == ["pdi", "idv", "mas", "uai"] and len(t.attrs["dims_b"]) == 6
    a = t.set_index("partner")
    # 4 dims from AAA: BBB 8.25, CCC (6400+3600+100+400)/400 = 26.25, DDD (400+1600+0+400)/400 = 6
    assert a.loc["DDD", "rank_a"] == 1 and a.loc["CCC", "rank_a"] == 3
    # Spearman by hand: on six dimensions BBB and DDD tie (8.83), so their average rank is 1.5.
    # Ranks (BBB, CCC, DDD): four dims (2, 3, 1), six dims (1.5, 3, 1.5); deviations from the
    # mean 2: (0, 1, -1) and (-0.5, 1, -0.5); rho = 1.5 / sqrt(2 * 1.5) = sqrt(3) / 2.
    assert t.attrs["spearman"]["AAA"] == pytest.approx(3 ** 0.5 / 2)
    assert (t["rank_shift"] == t["rank_b"] - t["rank_a"]).all()


def test_compare_dimension_sets_rejects_an_outside_focus():
    with pytest.raises(ValueError, match=r"\['ZZZ'\]"):
        md.compare_dimension_sets(["AAA", "BBB"], ["ZZZ"], scores=TOY, variances=V)
