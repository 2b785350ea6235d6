"""Kogut-Singh and Euclidean cultural distance (casekit.methods.distance).

No published Kogut-Singh value computed on Hofstede's current scores could be
read with the tools here (Kandogan 2012, Research in International Business
and Finance 26: 196-203, compares such distances, but its tables were not
readable). The formula is therefore checked against hand calculations whose
steps are written in each test, and the real tables against the formula.
Score tables in the unit tests are made up; Hofstede's matrix is never
committed or copied here.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import casekit
from casekit.chapters import culture
from casekit.methods.distance import (
    dimension_variances,
    distance_matrix,
    euclidean_distance,
    kogut_singh,
)

# made-up scores, not Hofstede's
TOY = pd.DataFrame(
    {
        "iso3": ["AAA", "BBB", "CCC", "DDD"],
        "country": ["Avalon", "Brigadoon", "Camelot", "Dorne"],
        "pdi": [10, 50, 90, 30],
        "idv": [20, 20, 80, 60],
        "mas": [50, 60, 40, 50],
        "uai": [30, 70, 50, 50],
        "lto": [40, 60, None, 50],
        "ivr": [70, 30, None, 50],
    }
)
GIVEN_V = {"pdi": 400.0, "idv": 100.0, "mas": 25.0, "uai": 100.0, "lto": 100.0, "ivr": 400.0}


def test_kogut_singh_formula_by_hand_with_given_variances():
    """KS = (1/4) * sum (I_a - I_b)^2 / V over pdi, idv, mas, uai.
    AAA - BBB: pdi 40^2/400 = 4; idv 0^2/100 = 0; mas 10^2/25 = 4;
    uai 40^2/100 = 16. Sum 24, KS = 6.0.
    Six dimensions add lto 20^2/100 = 4 and ivr 40^2/400 = 4: 32 / 6 = 5.3333.
    """
    assert kogut_singh("AAA", "BBB", scores=TOY, variances=GIVEN_V) == pytest.approx(6.0)
    assert kogut_singh("AAA", "BBB", dimensions=6, scores=TOY, variances=GIVEN_V) == pytest.approx(32 / 6)
    assert kogut_singh("aaa", "AAA", scores=TOY, variances=GIVEN_V) == 0.0


def test_variance_base_hofstede_from_a_score_table_by_hand():
    """With scores= and no variances=, V_i is the variance over every row of
    the given table. pdi 10, 50, 90, 30: mean 45, squared deviations 1225,
    25, 2025, 225 -> sum 3500; ddof=1: 3500/3 = 1166.67; ddof=0: 875.
    """
    v1 = dimension_variances(["pdi"], scores=TOY, ddof=1)
    v0 = dimension_variances(["pdi"], scores=TOY, ddof=0)
    assert v1["pdi"] == pytest.approx(3500 / 3)
    assert v0["pdi"] == pytest.approx(875)
    assert "ddof=1" in v1.attrs["base"] and "4 rows" in v1.attrs["base"]


def test_variance_base_sample_uses_only_the_countries_compared():
    """variance='sample' over AAA, BBB, CCC only: pdi 10, 50, 90 -> 1600;
    idv 20, 20, 80 -> 1200; mas 50, 60, 40 -> 100; uai 30, 70, 50 -> 400
    (ddof=1). AAA-BBB: (1600/1600 + 0 + 100/100 + 1600/400) / 4 = 1.5;
    AAA-CCC: (6400/1600 + 3600/1200 + 100/100 + 400/400) / 4 = 2.25.
    With ddof=0 every variance shrinks by (m-1)/m = 2/3, so KS grows by 3/2.
    """
    m1 = distance_matrix(["AAA", "BBB", "CCC"], variance="sample", scores=TOY)
    assert m1.loc["AAA", "BBB"] == pytest.approx(1.5)
    assert m1.loc["AAA", "CCC"] == pytest.approx(2.25)
    assert m1.attrs["variance_base"].startswith("variance across the 3 countries compared")
    m0 = distance_matrix(["AAA", "BBB", "CCC"], variance="sample", ddof=0, scores=TOY)
    assert np.allclose(m0.to_numpy(), m1.to_numpy() * 1.5)


def test_sample_base_with_two_countries_is_degenerate():
    """With two countries and ddof=1, V_i = (a - b)^2 / 2, so every term is 2
    and KS = 2 whatever the scores: the reason the book uses the Hofstede base."""
    m = distance_matrix(["AAA", "CCC"], variance="sample", scores=TOY)
    assert m.loc["AAA", "CCC"] == pytest.approx(2.0)
    with pytest.raises(ValueError, match=r"variance of mas is zero"):  # AAA and DDD tie on mas
        distance_matrix(["AAA", "DDD"], variance="sample", scores=TOY)


def test_euclidean_by_hand():
    """AAA - CCC: pdi 80, idv 60, mas 10, uai 20 -> sqrt(6400 + 3600 + 100 + 400)
    = sqrt(10500) = 102.47."""
    assert euclidean_distance("AAA", "CCC", scores=TOY) == pytest.approx(10500 ** 0.5)
    m = distance_matrix(["AAA", "CCC"], method="euclidean", scores=TOY)
    assert m.loc["CCC", "AAA"] == pytest.approx(10500 ** 0.5)
    assert "variance_base" not in m.attrs


def test_errors_name_the_problem():
    with pytest.raises(ValueError, match=r"Hofstede gives no 'lto', 'ivr' score for CCC \(Camelot\); it has pdi, idv, mas, uai"):
        kogut_singh("AAA", "CCC", dimensions=6, scores=TOY, variances=GIVEN_V)
    with pytest.raises(ValueError, match=r"unknown country 'XXX'"):
        kogut_singh("AAA", "XXX", scores=TOY, variances=GIVEN_V)
    with pytest.raises(ValueError, match=r"Did you mean 'BBB' \(Brigadoon\)\?"):
        kogut_singh("AAA", "Brigadoon", scores=TOY, variances=GIVEN_V)
    with pytest.raises(ValueError, match=r"unknown Hofstede dimension 'power'. Valid: pdi, idv, mas, uai, lto, ivr \(or 4 / 6"):
        kogut_singh("AAA", "BBB", dimensions=["power"], scores=TOY, variances=GIVEN_V)
    with pytest.raises(ValueError, match=r"unknown variance base 'world'. Valid: hofstede, sample."):
        kogut_singh("AAA", "BBB", variance="world", scores=TOY)
    with pytest.raises(ValueError, match=r"variance='sample' .* needs a set of countries"):
        kogut_singh("AAA", "BBB", variance="sample", scores=TOY)
    with pytest.raises(ValueError, match=r"ddof must be 1 .* or 0"):
        kogut_singh("AAA", "BBB", ddof=2, scores=TOY)
    with pytest.raises(ValueError, match=r"variance of mas is zero"):
        kogut_singh("AAA", "BBB", scores=TOY, variances={**GIVEN_V, "mas": 0})
    with pytest.raises(ValueError, match=r"unknown distance method 'cosine'"):
        distance_matrix(["AAA", "BBB"], method="cosine", scores=TOY)
    with pytest.raises(ValueError, match=r"needs an 'iso3' column"):
        kogut_singh("AAA", "BBB", scores=TOY.drop(columns="iso3"))


score = st.integers(0, 120)


@st.composite
def score_tables(draw):
    m = draw(st.integers(3, 8))
    data = {"iso3": [f"Q{i:02d}" for i in range(m)]}
    for d in ("pdi", "idv", "mas", "uai"):
        col = draw(st.lists(score, min_size=m, max_size=m))
        if len(set(col)) == 1:
            col[0] = col[0] + 1
        data[d] = col
    return pd.DataFrame(data)


@settings(max_examples=50, deadline=None)
@given(score_tables())
def test_distance_matrix_is_a_symmetric_zero_diagonal_matrix(table):
    codes = table["iso3"].tolist()
    for variance in ("hofstede", "sample"):
        m = distance_matrix(codes, variance=variance, scores=table)
        assert np.allclose(m.to_numpy(), m.to_numpy().T)
        assert np.allclose(np.diag(m.to_numpy()), 0)
        assert (m.to_numpy() >= 0).all()
    # the pairwise function agrees with the matrix under the same base
    m = distance_matrix(codes, scores=table)
    assert kogut_singh(codes[0], codes[1], scores=table) == pytest.approx(m.iloc[0, 1])


# ------------------------------------------------------------ the real tables


def _real_tables():
    return casekit.load("hofstede_scores"), casekit.load("hofstede_dimension_stats")


def test_real_tables_kogut_singh_follows_the_formula():
    """China vs Japan on the book's tables, variance base = Hofstede's matrix
    (hofstede_dimension_stats.variance_sample, ddof=1): the function must equal
    the formula applied to the loaded numbers."""
    scores, stats = _real_tables()
    s = scores.set_index("iso3")
    v = stats.set_index("dimension")["variance_sample"]
    dims = ["pdi", "idv", "mas", "uai"]
    expected = np.mean([(s.loc["CHN", d] - s.loc["JPN", d]) ** 2 / v[d] for d in dims])
    assert culture.kogut_singh("CHN", "JPN") == pytest.approx(float(expected))
    six = culture.kogut_singh("CHN", "JPN", dimensions=6, ddof=0)
    v0 = stats.set_index("dimension")["variance_population"]
    expected6 = np.mean([(s.loc["CHN", d] - s.loc["JPN", d]) ** 2 / v0[d] for d in s.columns if d in v0.index])
    assert six == pytest.approx(float(expected6))


def test_real_tables_distance_matrix_of_the_case_countries():
    _real_tables()
    m = culture.distance_matrix(["CHN", "JPN", "KOR", "USA"])
    assert list(m.index) == ["CHN", "JPN", "KOR", "USA"]
    assert np.allclose(m.to_numpy(), m.to_numpy().T)
    assert "hofstede_dimension_stats" in m.attrs["variance_base"]
    with pytest.raises(ValueError, match=r"Did you mean 'JPN' \(Japan\)\?"):
        culture.kogut_singh("CHN", "Japan")
