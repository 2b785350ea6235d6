"""Judgement tables as matrices (casekit.methods.judgements), checked on the book's own tables."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import casekit
from casekit.chapters import framework
from casekit.methods.judgements import (
    comparison_matrix,
    dematel_sensitivity,
    influence_matrix,
    reachability_matrix,
    revise,
)

DRIVERS = framework.drivers()["name"].tolist()


def test_the_books_influence_table_is_complete_and_on_scale():
    table = casekit.load("judgement_driver_influence")
    m = influence_matrix(table, DRIVERS)
    assert list(m.index) == DRIVERS and list(m.columns) == DRIVERS
    assert np.diag(m.to_numpy()).tolist() == [0] * 6
    assert len(table) == 30 and table["reason"].str.len().min() > 20
    r = casekit.dematel(m)
    assert set(r.cause) | set(r.effect) == set(DRIVERS)


def test_influence_matrix_places_each_judgement():
    rows = [{"from": "a", "to": "b", "strength": 3}, {"from": "b", "to": "a", "strength": 0},
            {"from": "a", "to": "c", "strength": 1}, {"from": "c", "to": "a", "strength": 4},
            {"from": "b", "to": "c", "strength": 2}, {"from": "c", "to": "b", "strength": 0}]
    m = influence_matrix(rows)
    assert m.loc["a", "b"] == 3 and m.loc["c", "a"] == 4 and m.loc["b", "c"] == 2
    assert list(m.index) == ["a", "b", "c"]


@pytest.mark.parametrize(
    "rows, message",
    [
        ([{"from": "a", "to": "a", "strength": 1}], "not judged against itself"),
        ([{"from": "a", "to": "b", "strength": 1}, {"from": "a", "to": "b", "strength": 2}], "given twice"),
        ([{"from": "a", "to": "z", "strength": 1}], "unknown factor 'z'"),
        ([{"from": "a", "to": "b", "strength": -1}], "outside the scale 0-4"),
        ([{"source": "a", "to": "b", "strength": 1}], "missing: from"),
    ],
)
def test_influence_matrix_refuses_bad_tables(rows, message):
    with pytest.raises(ValueError, match=message):
        influence_matrix(rows, labels=["a", "b"])


def test_reachability_threshold_is_inclusive_and_ignores_diagonal():
    m = pd.DataFrame([[4, 3, 2], [1, 4, 3], [3, 0, 4]], index=list("abc"), columns=list("abc"))
    r = reachability_matrix(m, 3)
    assert r.to_numpy().tolist() == [[0, 1, 0], [0, 0, 1], [1, 0, 0]]
    # ISM on it: a -> b -> c -> a is one cycle, so all three share one level
    assert casekit.ism(r).levels.tolist() == [1, 1, 1]


def test_revise_changes_one_row_and_leaves_the_original():
    table = casekit.load("judgement_driver_influence")
    edited = revise(table, "Market opportunities", "Consumer demand", 4)
    changed = (edited["strength"] != table["strength"])
    assert changed.sum() == 1
    assert table.loc[changed, "strength"].item() == 1 and edited.loc[changed, "strength"].item() == 4


def test_one_changed_judgement_can_move_consumer_demand_to_the_effect_group():
    """The drivers chapter's worked what-if, checked independently of the notebook."""
    table = casekit.load("judgement_driver_influence")
    before = casekit.dematel(influence_matrix(table, DRIVERS))
    after = casekit.dematel(influence_matrix(revise(table, "Market opportunities", "Consumer demand", 4), DRIVERS))
    assert "Consumer demand" in before.cause and "Consumer demand" in after.effect


def test_sensitivity_lists_every_step_inside_the_scale():
    table = casekit.load("judgement_driver_influence")
    sens = dematel_sensitivity(table, DRIVERS)
    at_edge = ((table["strength"] == 0) | (table["strength"] == 4)).sum()
    assert len(sens) == 2 * len(table) - at_edge
    assert set(sens["new"] - sens["old"]) == {-1, 1}
    # the book's groups survive every one-step change; two steps can flip one
    assert (sens["flipped"] == "").all()
    two = dematel_sensitivity(table, DRIVERS, step=2)
    assert (two["flipped"] != "").any()
    # a flip reported by the sweep is a flip when recomputed directly
    row = two[two["flipped"] != ""].iloc[0]
    m = influence_matrix(revise(table, row["from"], row["to"], row["new"]), DRIVERS)
    base = casekit.dematel(influence_matrix(table, DRIVERS)).groups
    after = casekit.dematel(m).groups
    assert ", ".join(k for k in DRIVERS if after[k] != base[k]) == row["flipped"]


def test_comparison_matrix_is_reciprocal_and_feeds_ahp():
    table = casekit.load("judgement_swot_comparisons")
    a = comparison_matrix(table, "groups", labels=list("SWOT"))
    assert np.allclose(a.to_numpy() * a.to_numpy().T, 1)
    result = casekit.ahp(a)
    assert result.consistent and result.cr < 0.10
    for g in "SWOT":
        inner = casekit.ahp(comparison_matrix(table, g))
        assert inner.n == 2 and inner.cr == 0


def test_comparison_matrix_reproduces_saatys_consistent_example():
    """Saaty's rule: a consistent matrix a_ij = w_i / w_j gives back w with CR = 0.
    Weights 4:2:1 -> S over W 2, S over O 4, W over O 2."""
    rows = [{"item_a": "S", "item_b": "W", "favours": "S", "intensity": 2},
            {"item_a": "S", "item_b": "O", "favours": "S", "intensity": 4},
            {"item_a": "O", "item_b": "W", "favours": "W", "intensity": 2}]
    r = casekit.ahp(comparison_matrix(rows))
    assert r.weights.round(4).tolist() == [0.5714, 0.2857, 0.1429]
    assert r.cr == pytest.approx(0, abs=1e-9)


@pytest.mark.parametrize(
    "rows, kwargs, message",
    [
        ([{"item_a": "S", "item_b": "W", "favours": "O", "intensity": 3}], {}, "'favours' is 'O'"),
        ([{"item_a": "S", "item_b": "W", "favours": "S", "intensity": 10}], {}, "outside Saaty's scale"),
        ([{"item_a": "S", "item_b": "W", "favours": "S", "intensity": 3},
          {"item_a": "W", "item_b": "S", "favours": "S", "intensity": 3}], {}, "each pair once"),
        ([{"item_a": "S", "item_b": "W", "favours": "S", "intensity": 3, "matrix": "groups"}],
         {"matrix": "X"}, "unknown matrix 'X'. Valid: groups."),
    ],
)
def test_comparison_matrix_refuses_bad_tables(rows, kwargs, message):
    with pytest.raises(ValueError, match=message):
        comparison_matrix(rows, **kwargs)
