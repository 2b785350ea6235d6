"""casekit.chapters.ne_zha and .nintendo: film shares, Nintendo fiscal years, eras and region schemes."""

from datetime import date, timedelta

import pandas as pd
import pytest
from hypothesis import given, strategies as st

import casekit
from casekit.chapters import ne_zha, nintendo


@pytest.fixture(scope="module")
def box():
    return casekit.load("ne_zha_box_office")


@pytest.fixture(scope="module")
def units():
    return casekit.load("nintendo_units_by_region")


# --- films -------------------------------------------------------------------


def test_gross_split_adds_up_and_flags_conflicts():
    s = ne_zha.gross_split(2.13, 2.19)
    assert s["domestic"] + s["international"] == pytest.approx(2.19)
    assert s["domestic_share_pct"] + s["international_share_pct"] == pytest.approx(100)
    assert s["consistent"]
    bad = ne_zha.gross_split(737.1, 722)
    assert not bad["consistent"] and bad["international"] < 0 and bad["domestic_share_pct"] > 100


@pytest.mark.parametrize("domestic, worldwide", [(1, 0), (1, -5), (-1, 10)])
def test_gross_split_rejects_impossible_inputs(domestic, worldwide):
    with pytest.raises(ValueError, match=repr(domestic) if domestic < 0 else repr(worldwide)):
        ne_zha.gross_split(domestic, worldwide)


def test_ne_zha_2_split_uses_one_report_in_both_currencies(box):
    # Xinhua (People's Daily), 2025-06-30, Maoyan: 15.44 bn yuan mainland of 15.91 bn yuan worldwide;
    # US$2.13 bn of US$2.19 bn.
    cny = ne_zha.film_split(box, "Ne Zha 2 (2025)", "bn CNY")
    usd = ne_zha.film_split(box, "Ne Zha 2 (2025)", "bn USD")
    assert cny["domestic_share_pct"] == pytest.approx(100 * 15.44 / 15.91)
    assert usd["domestic_share_pct"] == pytest.approx(100 * 2.13 / 2.19)
    assert cny["source_publisher"] == usd["source_publisher"] and cny["as_of"] == "2025-06-30"
    # Shanghai Daily's mid-run 'over 98 percent' and the end-of-run 97 % agree that
    # well over 90 % came from the mainland
    assert cny["domestic_share_pct"] > 90 and usd["domestic_share_pct"] > 90


def test_film_split_explains_why_ne_zha_2019_has_no_single_split(box):
    with pytest.raises(ValueError, match="unit for Ne Zha \\(2019\\)"):
        ne_zha.film_split(box, "Ne Zha (2019)", "bn USD")
    with pytest.raises(ValueError, match="worldwide_scenarios"):
        ne_zha.film_split(box, "Ne Zha (2019)", "m USD")
    with pytest.raises(ValueError, match="unknown film 'Nezha'.*Ne Zha 2 \\(2025\\)"):
        ne_zha.film_split(box, "Nezha", "bn USD")


def test_worldwide_scenarios_keep_every_report(box):
    t = ne_zha.worldwide_scenarios(box)
    assert set(t["worldwide"]) == {742.0, 725.0, 722.0}
    assert t["source_publisher"].is_unique and (t["status"] == "SECONDARY").all()
    assert t.set_index("worldwide").loc[742.0, "international"] == pytest.approx(742 - 737.1)
    assert t["consistent"].tolist() == [True, False, False]


def test_share_of_year_matches_the_cfa_totals():
    annual = casekit.load("china_box_office_annual")
    s = ne_zha.share_of_year(15.44, 2025, annual)
    assert s["share_of_total_pct"] == pytest.approx(100 * 15.44 / 51.832)
    assert s["share_of_domestic_pct"] == pytest.approx(100 * 15.44 / 41.293)
    assert s["domestic_share_without_pct"] == pytest.approx(100 * (41.293 - 15.44) / (51.832 - 15.44))
    assert s["domestic_share_without_pct"] < s["domestic_share_pct"]
    with pytest.raises(ValueError, match="unknown year 2016.*2014"):
        ne_zha.share_of_year(1.0, 2016, annual)
    with pytest.raises(ValueError, match="between 0 and"):
        ne_zha.share_of_year(50.0, 2019, annual)


# --- fiscal years ------------------------------------------------------------


def test_fiscal_year_labels_round_trip_through_the_table():
    fin = casekit.load("nintendo_financials")
    for label, end in zip(fin["fiscal_year"], fin["fiscal_year_end"]):
        y, m = nintendo.parse_fiscal_year(label)
        assert f"{y:04d}-{m:02d}" == end


@pytest.mark.parametrize("bad", ["2024", "FY13/2024", "FY3-2024", "fy3/2024x"])
def test_parse_fiscal_year_rejects_other_strings(bad):
    with pytest.raises(ValueError, match="not a fiscal-year label"):
        nintendo.parse_fiscal_year(bad)


@given(st.dates(min_value=date(1980, 1, 1), max_value=date(2030, 12, 31)))
def test_a_date_falls_in_the_year_that_ends_within_twelve_months_after_it(day):
    y, m = nintendo.parse_fiscal_year(nintendo.fiscal_year_label(day))
    end = date(y, m, 28)
    assert end + timedelta(days=4) > day  # the year ends in or after the date's month
    months_ahead = (y - day.year) * 12 + (m - day.month)
    assert 0 <= months_ahead < 12


def test_only_the_change_of_year_end_is_not_twelve_months():
    fin = casekit.load("nintendo_financials")
    months = nintendo.fiscal_year_months(fin["fiscal_year"]).dropna()
    assert months[months != 12].to_dict() == {"FY3/1990": 7.0}


# --- eras --------------------------------------------------------------------


def test_launch_years_read_off_the_units_table_match_the_japanese_launch_dates(units):
    # Japanese launch dates (Nintendo press releases as widely reported): GBA 2001-03-21,
    # GameCube 2001-09-14, DS 2004-12-02, Wii 2006-12-02, 3DS 2011-02-26, Wii U 2012-12-08,
    # Switch 2017-03-03, Switch 2 2025-06-05.
    known = {"Game Boy Advance": "2001-03-21", "Nintendo GameCube": "2001-09-14", "Nintendo DS": "2004-12-02",
             "Wii": "2006-12-02", "Nintendo 3DS": "2011-02-26", "Wii U": "2012-12-08",
             "Nintendo Switch": "2017-03-03", "Nintendo Switch 2": "2025-06-05"}
    launches = nintendo.platform_launches(units).set_index("platform")
    for platform, day in known.items():
        assert launches.loc[platform, "launch_fiscal_year"] == nintendo.fiscal_year_label(day), platform
        assert launches.loc[platform, "basis"].startswith("first hardware units")
    assert launches.loc["Game Boy", "launch_fiscal_year"] == "FY8/1989"
    assert set(launches.index) == set(units["platform"])


def test_platform_launches_names_platforms_it_cannot_date(units):
    earlier = casekit.load("nintendo_platform_launches")
    with pytest.raises(ValueError, match="Game Boy.*nintendo_platform_launches"):
        nintendo.platform_launches(units, earlier[earlier.platform != "Game Boy"])


def test_assign_era_uses_the_latest_launch():
    launches = nintendo.platform_launches()
    eras = nintendo.assign_era(["FY8/1982", "FY8/1983", "FY3/2008", "FY3/2017", "FY3/2026"], launches)
    assert eras.tolist() == ["before Family Computer/NES", "Family Computer/NES", "Wii",
                             "Nintendo Switch", "Nintendo Switch 2"]
    with pytest.raises(ValueError, match="launches is empty"):
        nintendo.assign_era(["FY3/2000"], launches.iloc[0:0])


# --- regions -----------------------------------------------------------------


def test_harmonize_puts_europe_into_other_and_keeps_totals(units):
    h = harmonize = nintendo.harmonize_regions(units, "japan_americas_other", errors="drop")
    assert set(h["region"]) == {"Global", "Japan", "The Americas", "Other"}
    # one scheme per platform-year: FY3/2019 Switch hardware appears once, from the restated scheme
    sw = h[(h.fiscal_year == "FY3/2019") & (h.platform == "Nintendo Switch") & (h.kind == "hardware")]
    assert len(sw) == 4 and (sw["source_scheme"] == "japan_americas_europe_other").all()
    # regions add up to the global total within Nintendo's rounding
    wide = harmonize.pivot_table(index=["fiscal_year", "platform", "kind"], columns="region", values="units_million")
    gap = (wide[["Japan", "The Americas", "Other"]].sum(axis=1) - wide["Global"]).abs()
    assert gap.max() <= 0.03


def test_harmonize_refuses_to_invent_a_finer_split(units):
    with pytest.raises(ValueError, match="coarser scheme than 'japan_americas_other'.*FY3/1997 Nintendo 64"):
        nintendo.harmonize_regions(units, "japan_americas_other")
    with pytest.raises(ValueError, match="unknown region scheme 'europe'.*japan_overseas"):
        nintendo.harmonize_regions(units, "europe")
    kept = nintendo.harmonize_regions(units, "japan_americas_other", errors="coarser")
    old = kept[kept["source_scheme"] == "japan_overseas"]
    assert set(old["region"]) == {"Global", "Japan", "Overseas"} and old["fiscal_year"].max() == "FY3/1999"
    with pytest.raises(ValueError, match="unknown errors option 'ignore'.*coarser"):
        nintendo.harmonize_regions(units, errors="ignore")
    every_year = nintendo.harmonize_regions(units, "japan_overseas")
    assert every_year["fiscal_year"].nunique() == units["fiscal_year"].nunique()


def test_region_share_japan_matches_nintendos_units(units):
    s = nintendo.region_share(units, "Japan", kind="hardware").set_index("fiscal_year")
    # FY3/2026: Switch 1.14 + Switch 2 5.66 of 3.80 + 19.86 million (Nintendo IR)
    assert s.loc["FY3/2026", "share_pct"] == pytest.approx(100 * (1.14 + 5.66) / (3.80 + 19.86))
    assert s.loc["FY3/2026", "platforms"] == 2
    europe = nintendo.region_share(units, "Europe", kind="software")
    assert europe["fiscal_year"].min() == "FY3/2017"  # Europe exists only where restated
    with pytest.raises(ValueError, match="unknown region 'Asia'.*The Americas"):
        nintendo.region_share(units, "Asia")
    with pytest.raises(ValueError, match="unknown platform 'Switch'.*Nintendo Switch"):
        nintendo.region_share(units, "Japan", platform="Switch")


def test_overseas_and_japan_shares_add_to_one_hundred(units):
    jp = nintendo.region_share(units, "Japan").set_index(["fiscal_year", "kind"])["share_pct"]
    ov = nintendo.region_share(units, "Overseas").set_index(["fiscal_year", "kind"])["share_pct"]
    assert ((jp + ov) - 100).abs().max() < 1.0  # rounding of each region to 10,000 units


def test_vgchartz_shares_are_labelled_estimates_and_sum_to_the_world():
    s = nintendo.vgchartz_shares()
    assert (s["basis"] == "VGChartz estimate").all()
    totals = s.groupby("release_year")["share_pct"].sum()
    assert totals.between(99, 101).all()
    assert isinstance(s, pd.DataFrame) and set(s["region"]) == {"North America", "Europe", "Japan", "Other"}


def test_digital_share_joins_the_two_shares_on_fiscal_year():
    d = nintendo.digital_share()
    digital = casekit.load("nintendo_digital_sales").set_index("fiscal_year")
    overseas = casekit.load("nintendo_overseas_sales").set_index("fiscal_year")
    assert list(d.columns) == ["fiscal_year", "fiscal_year_end", "digital_sales_pct", "overseas_sales_pct"]
    assert d["fiscal_year"].is_unique and d["fiscal_year_end"].is_monotonic_increasing
    for row in d.itertuples():
        assert row.digital_sales_pct == digital.loc[row.fiscal_year, "digital_sales_pct"]
        assert row.overseas_sales_pct == overseas.loc[row.fiscal_year, "overseas_sales_pct"]
    # a year in one table only is kept, the other share missing
    short = nintendo.digital_share(digital=casekit.load("nintendo_digital_sales").iloc[1:])
    first = short.iloc[0]
    assert first["fiscal_year"] == "FY3/2017" and pd.isna(first["digital_sales_pct"]) and first["overseas_sales_pct"] == 73.4
