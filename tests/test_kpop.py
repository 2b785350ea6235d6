"""K-pop machinery (casekit.chapters.kpop): the act rule, yearly records, the collaboration network."""

from __future__ import annotations

import pandas as pd
import pytest

import casekit
from casekit.chapters import kpop


def test_act_rule_keeps_every_listed_act_and_explains_each():
    acts = casekit.load("korean_acts")
    rule = kpop.act_rule()
    assert sorted(rule["act"]) == sorted(acts["act"])
    assert rule["reason"].str.len().gt(10).all()
    assert rule["decision"].iloc[0] == "counted" and rule["decision"].iloc[-1] == "not counted"
    excluded = set(rule.loc[rule["decision"] == "not counted", "act"])
    assert {"KATSEYE", "Jawsh 685", "HUNTR/X"} <= excluded


def test_hot100_years_fills_the_range_and_names_eras():
    years = kpop.hot100_years(2009, 2013)
    assert years["year"].tolist() == [2009, 2010, 2011, 2012, 2013]
    assert years.loc[years["year"] == 2010, "korean_entries"].item() == 0
    assert years["era"].tolist()[:3] == [kpop.ERAS[1958]] * 3
    assert years["era"].iloc[-1] == kpop.ERAS[2012]


@pytest.mark.parametrize("args, message", [((1900, None), "start year 1900"), ((2020, 2019), "after end year")])
def test_hot100_years_rejects_bad_ranges(args, message):
    with pytest.raises(ValueError, match=message):
        kpop.hot100_years(*args)


def test_era_summary_adds_up_to_the_yearly_table():
    years = kpop.hot100_years(1958)
    eras = kpop.era_summary(years)
    assert eras["korean_entries"].sum() == years["korean_entries"].sum()
    assert eras["all_entries"].sum() == years["all_entries"].sum()
    with pytest.raises(ValueError, match="lacks era"):
        kpop.era_summary(casekit.load("kpop_hot100_by_year"))


def test_custom_eras_split_where_asked():
    years = kpop.hot100_years(2009, eras={1958: "before", 2020: "after"})
    eras = kpop.era_summary(years).set_index("era")
    assert eras.loc["after", "first_year"] == 2020 and eras.loc["before", "last_year"] == 2019


def test_collaboration_graph_matches_the_pairs_table():
    pairs = casekit.load("kpop_featured_pairs")
    g = kpop.collaboration_graph()
    assert g.number_of_edges() == len(pairs)
    assert set(g.nodes) == set(pairs["act_a"]) | set(pairs["act_b"])
    korean = {n for n, d in g.nodes(data=True) if d["korean"]}
    listed = set(casekit.load("korean_acts").query("korean")["act"])
    assert korean <= listed
    assert g.nodes["BTS"]["hot100_songs"] == 40 and g.nodes["Halsey"]["hot100_songs"] == 0
    # every edge's kind follows from its two ends
    for a, b, d in g.edges(data=True):
        ka, kb = g.nodes[a]["korean"], g.nodes[b]["korean"]
        assert d["kind"] == ("cross-border" if ka != kb else "Korean-Korean" if ka else "other")


def test_collaboration_graph_filters():
    cross = kpop.collaboration_graph(cross_border_only=True)
    assert {d["kind"] for _, _, d in cross.edges(data=True)} == {"cross-border"}
    late = kpop.collaboration_graph(since=2025)
    assert min(d["first_year"] for _, _, d in late.edges(data=True)) >= 2025
    with pytest.raises(ValueError, match="after until"):
        kpop.collaboration_graph(since=2024, until=2020)
    with pytest.raises(ValueError, match="no collaboration pair"):
        kpop.collaboration_graph(until=2000)


def test_layout_is_deterministic_and_changes_with_the_seed():
    g = kpop.collaboration_graph()
    a, b = kpop.graph_layout(g, seed=7), kpop.graph_layout(g, seed=7)
    pd.testing.assert_frame_equal(a, b)
    assert not a[["x", "y"]].equals(kpop.graph_layout(g, seed=8)[["x", "y"]])
    nodes, edges = kpop.graph_tables(g)
    assert len(nodes) == g.number_of_nodes() and len(edges) == g.number_of_edges()
    ends = nodes.set_index("artist")
    row = edges.iloc[0]
    assert (row["x"], row["y"]) == (ends.loc[row["artist_a"], "x"], ends.loc[row["artist_a"], "y"])
    with pytest.raises(ValueError, match="no nodes"):
        kpop.graph_layout(kpop.nx.Graph())


def test_collaboration_summary_counts_add_up():
    s = kpop.collaboration_summary(kpop.collaboration_graph())
    assert s["cross_border_edges"] + s["korean_korean_edges"] + s["other_edges"] == s["edges"]
    assert s["hub"] == "BTS"


def test_music_share_divides_within_one_release():
    share = kpop.music_share().set_index("year")
    # 2019: the preliminary breakdown over the preliminary total (10,390), not the revision
    assert share.loc[2019, "total_usd_million"] == 10390
    assert share.loc[2019, "share_pct"] == round(100 * 639.6 / 10390, 1)
    games = kpop.music_share(category="games").set_index("year")
    assert games.loc[2018, "share_pct"] == 66.9  # the share Yonhap printed
    with pytest.raises(ValueError, match=r"Did you mean 'games'\?"):
        kpop.music_share(category="game")


def test_hybe_regions_are_marked_second_hand_and_the_gap_is_shown():
    r = kpop.hybe_regions()
    assert r["second_hand"].all()
    assert r.set_index("region").loc["not attributed", "share_pct"] == 3
    b = kpop.hybe_overseas_share(r)
    assert b["low_pct"] <= b["high_pct"] and b["second_hand"]
    with pytest.raises(ValueError, match="no region 'Seoul'"):
        kpop.hybe_overseas_share(r, home="Seoul")


def test_method_changes_fall_inside_their_year():
    m = kpop.method_changes()
    assert (m["year_decimal"].astype(int) == m["date"].str.slice(0, 4).astype(int)).all()
    assert m["year_decimal"].is_monotonic_increasing
