"""casekit.chapters.theory against the published figures it is built from."""

import pandas as pd
import pytest

import casekit
from casekit.chapters import theory as economy


def test_region_shares_match_eys_published_shares():
    # EY Cultural Times (2015) text: Asia-Pacific 33 % of revenue and 43 % of jobs;
    # North America 28 % of revenue, 16 % of jobs; Africa & Middle East 3 % and 8 %.
    t = economy.region_shares(casekit.load("cultural_times_regions")).round(0)
    assert t.loc["Asia-Pacific", ["revenue_share_pct", "jobs_share_pct"]].tolist() == [33, 43]
    assert t.loc["North America", ["revenue_share_pct", "jobs_share_pct"]].tolist() == [28, 16]
    assert t.loc["Africa & Middle East", ["revenue_share_pct", "jobs_share_pct"]].tolist() == [3, 8]
    assert "World" not in t.index


def test_region_shares_needs_a_world_row():
    regions = casekit.load("cultural_times_regions")
    with pytest.raises(ValueError, match="no 'World' row.*Asia-Pacific"):
        economy.region_shares(regions[regions.region != "World"])


def test_exports_are_in_billions_across_editions():
    ex = economy.creative_exports()
    goods = ex[ex.kind == "goods"].set_index("year")["exports_usd_bn"]
    services = ex[ex.kind == "services"].set_index("year")["exports_usd_bn"]
    assert goods.to_dict() == {2002: 208.0, 2010: 419.0, 2015: 509.0, 2020: 524.0, 2022: 713.0}
    assert services.to_dict() == {2010: 487.0, 2020: 1100.0, 2022: 1400.0}


def test_growth_matches_unctads_published_change():
    # UNCTAD CEO 2024: creative services exports US$1.4 trillion in 2022, +29 % on 2017 (not in
    # our table); check the arithmetic on the 2010-2022 services figures instead: 1400/487.
    s = economy.creative_exports().query("kind == 'services'").set_index("year")["exports_usd_bn"]
    g = economy.growth(s, 2010, 2022)
    assert g["multiple"] == pytest.approx(1400 / 487)
    assert g["cagr_pct"] == pytest.approx(100 * ((1400 / 487) ** (1 / 12) - 1))


def test_growth_errors_name_the_problem():
    s = pd.Series({2010: 1.0, 2020: 2.0})
    with pytest.raises(ValueError, match="no value for 2015; the years available are 2010, 2020"):
        economy.growth(s, 2010, 2015)
    with pytest.raises(ValueError, match="must come before"):
        economy.growth(s, 2020, 2010)


def test_services_composition_sums_to_about_100_percent():
    mix = economy.services_composition()
    assert len(mix) == 6
    assert mix["share_pct"].sum() == pytest.approx(100.0, abs=0.5)
