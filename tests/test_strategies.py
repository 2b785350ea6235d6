"""casekit.chapters.strategies: the judgement table, layout, edges and coverage."""

from __future__ import annotations

import pandas as pd
import pytest

from casekit.chapters import framework
from casekit.chapters import strategies as sm
from casekit.methods.networks import strategy_challenge_graph


def test_book_judgement_uses_framework_ids_and_gives_reasons():
    t = sm.links()
    assert set(t["strategy"]) <= set(framework.strategies()["id"])
    assert set(t["challenge"]) <= set(framework.challenges()["id"])
    assert t["reason"].str.len().min() > 20
    assert t["sections"].str.contains("3.1").all()


def test_repeated_link_is_refused():
    dup = pd.DataFrame({"strategy": ["G1", "g1"], "challenge": ["C2", "C2"], "reason": ["a", "b"]})
    with pytest.raises(ValueError, match="links repeat"):
        sm.links(dup)


def test_unknown_challenge_lists_valid_ids():
    with pytest.raises(ValueError, match="unknown challenge id.*'C9'.*C1, C2, C3, C4, C5"):
        sm.links(pd.DataFrame({"strategy": ["G1"], "challenge": ["C9"], "reason": ["a"]}))


def test_layout_is_deterministic_and_centres_the_short_column():
    g = strategy_challenge_graph([("G1", "C1")], strategies=list(framework.strategies()["id"]),
                                 challenges=list(framework.challenges()["id"]))
    a, b = sm.bipartite_layout(g), sm.bipartite_layout(g)
    pd.testing.assert_frame_equal(a, b)
    right = a[a.side == "challenge"]["y"]
    assert right.min() > 0 and right.max() < 1
    assert (right.min() + right.max()) / 2 == pytest.approx(0.5)
    left = a[a.side == "strategy"]["y"]
    assert left.tolist() == sorted(left) and left.iloc[0] == 0 and left.iloc[-1] == 1


def test_layout_rejects_a_span_outside_zero_to_one():
    g = strategy_challenge_graph([("G1", "C1")])
    with pytest.raises(ValueError, match="right_span.*1.5"):
        sm.bipartite_layout(g, right_span=1.5)


def test_layout_rejects_nodes_not_in_the_graph():
    g = strategy_challenge_graph([("G1", "C1")])
    with pytest.raises(ValueError, match="not in the graph"):
        sm.bipartite_layout(g, left=["G1", "G2"])


def test_edges_join_positions():
    t = sm.links()
    g = strategy_challenge_graph(list(zip(t.strategy, t.challenge)))
    e = sm.link_segments(t, sm.bipartite_layout(g))
    assert len(e) == len(t) and (e["x"] == 0).all() and (e["x2"] == 1).all()


def test_coverage_by_level_adds_up():
    c = sm.coverage_by_level()
    wide = c.pivot(index="challenge", columns="view", values="strategies")
    assert (wide["government"] + wide["enterprise"] == wide["all"]).all()
    assert len(c) == 3 * len(framework.challenges())


def test_removing_a_link_shows_in_coverage():
    t = sm.links()
    only = t[~((t.strategy == "E1") & (t.challenge == "C1"))]
    before = sm.coverage_by_level(t).query("view == 'all' and challenge == 'C1'")["strategies"].iloc[0]
    after = sm.coverage_by_level(only).query("view == 'all' and challenge == 'C1'")["strategies"].iloc[0]
    assert after == before - 1


def test_case_evidence_covers_every_enterprise_strategy_and_case():
    ev = sm.case_evidence()
    ent = framework.strategies().query("level == 'enterprise'")["id"]
    assert set(zip(ev["strategy"], ev["case_id"])) == {(s, c) for s in ent for c in framework.cases()["id"]}
    claimed = ev[ev["evidence"] != "no public evidence"]
    assert claimed["source_url"].str.startswith("http").all()
    counts = sm.case_evidence_counts("strategy")
    assert counts[list(sm.EVIDENCE)].sum(axis=1).eq(3).all()


def test_case_evidence_refuses_a_missing_pair_and_an_unknown_value():
    ev = sm.case_evidence()
    with pytest.raises(ValueError, match="no judgement for E1 / ne_zha"):
        sm.case_evidence(ev.iloc[1:])
    with pytest.raises(ValueError, match="unknown evidence value 'proven'"):
        sm.case_evidence(ev.assign(evidence=ev["evidence"].replace("shown", "proven")))


def test_case_evidence_takes_its_own_output_back():
    ev = sm.case_evidence()
    assert sm.case_evidence(ev).equals(ev)
