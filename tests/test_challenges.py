"""casekit.chapters.challenges: national film shares and China's domestic/imported split."""

from __future__ import annotations

import pandas as pd
import pytest

from casekit.chapters import challenges as fm


def _toy(**over):
    base = {
        "country": ["A", "A", "B"],
        "period": ["2001", "2003", "2010-2012 average"],
        "year": [2001, 2003, None],
        "national_film_share_pct": [40.0, 35.5, 20.0],
        "measure": ["admissions", "admissions", "gross box office"],
        "measure_note": [None] * 3,
        "us_film_share_pct": [None, 50.0, None],
        "source_url": ["https://a", "https://a", "https://b"],
    }
    base.update(over)
    return pd.DataFrame(base)


def test_average_rows_get_their_span_and_no_year():
    t = fm.national_film_shares(_toy())
    avg = t[t["is_average"]].iloc[0]
    assert (avg["start_year"], avg["end_year"]) == (2010, 2012) and pd.isna(avg["year"])
    assert avg["measure_label"] == "share of gross box office (revenue)"


def test_unknown_measure_is_named():
    with pytest.raises(ValueError, match="unknown measure.*'tickets sold'.*admissions"):
        fm.national_film_shares(_toy(measure=["tickets sold", "admissions", "admissions"]))


def test_bad_period_is_named():
    with pytest.raises(ValueError, match="'about 2005'"):
        fm.national_film_shares(_toy(period=["2001", "about 2005", "2010-2012 average"]))


def test_share_change_ignores_averages_and_counts_points():
    ch = fm.share_change(fm.national_film_shares(_toy()))
    assert list(ch.index) == ["A"]  # B has only an average
    assert ch.loc["A", "change_points"] == pytest.approx(-4.5)
    assert ch.loc["A", "years"] == 2


def test_real_table_keeps_each_countrys_measure():
    ch = fm.share_change()
    assert ch.loc["China", "measure"] == "gross box office"
    assert ch.loc["France", "measure"] == "admissions"
    assert ch.loc["South Korea", "first_year"] == 2007


def test_domestic_plus_imported_is_total_and_published_share_agrees():
    t = fm.domestic_vs_imported()
    assert (t["domestic_bn_cny"] + t["imported_bn_cny"] - t["total_bn_cny"]).abs().max() < 1e-9
    # published shares are rounded; within one point of the computed share
    assert (t["domestic_share_pct"] - t["computed_share_pct"]).abs().max() < 1.0
    assert t.attrs["missing_years"] == [2015, 2016, 2017]


def test_domestic_vs_imported_names_a_missing_column():
    with pytest.raises(ValueError, match="no column 'domestic_films_bn_cny'"):
        fm.domestic_vs_imported(pd.DataFrame({"year": [2020], "total_box_office_bn_cny": [1.0]}))
