"""Drawing positions (casekit.viz.layout): deterministic, and arrows point the right way."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from casekit.chapters import framework
from casekit.viz.layout import circular_layout, edge_segments, merge_colocated, radial_labels, swot_grid


def test_circular_layout_is_deterministic_and_on_the_circle():
    labels = framework.drivers()["name"]
    a, b = circular_layout(labels, radius=2), circular_layout(labels, radius=2)
    pd.testing.assert_frame_equal(a, b)
    assert ((a["x"] ** 2 + a["y"] ** 2) ** 0.5).round(9).eq(2).all()
    assert a.loc[0, ["x", "y"]].tolist() == [0, 2]  # the first node at the top


@pytest.mark.parametrize(
    "target, angle",
    [((0, 1), 0), ((1, 0), 90), ((0, -1), 180), ((-1, 0), 270)],
)
def test_arrow_angles_are_clockwise_from_north(target, angle):
    pos = pd.DataFrame({"label": ["o", "t"], "x": [0.0, target[0]], "y": [0.0, target[1]]})
    m = pd.DataFrame([[0, 1], [0, 0]], index=["o", "t"], columns=["o", "t"])
    seg = edge_segments(m, pos, gap=0.1, offset=0)
    assert seg["angle"].item() == pytest.approx(angle)
    # the segment stops short of both nodes by the gap
    assert math.hypot(seg["x"].item(), seg["y"].item()) == pytest.approx(0.1)


def test_reciprocal_edges_run_side_by_side_not_on_top():
    pos = pd.DataFrame({"label": ["a", "b"], "x": [0.0, 1.0], "y": [0.0, 0.0]})
    m = pd.DataFrame([[0, 2], [3, 0]], index=["a", "b"], columns=["a", "b"])
    seg = edge_segments(m, pos, offset=0.05).set_index("source")
    assert seg.loc["a", "y"] == pytest.approx(-0.05) and seg.loc["b", "y"] == pytest.approx(0.05)
    assert seg["weight"].to_dict() == {"a": 2.0, "b": 3.0}


def test_edge_segments_skip_zeros_and_diagonal_and_refuse_unplaced_nodes():
    pos = pd.DataFrame({"label": ["a", "b"], "x": [0.0, 1.0], "y": [0.0, 0.0]})
    m = pd.DataFrame([[5, 0], [1, 5]], index=["a", "b"], columns=["a", "b"])
    assert edge_segments(m, pos)[["source", "target"]].values.tolist() == [["b", "a"]]
    m3 = pd.DataFrame(0, index=list("abc"), columns=list("abc"))
    with pytest.raises(ValueError, match="no position for node 'c'"):
        edge_segments(m3, pos)


def test_merge_colocated_keeps_distinct_points_apart():
    df = pd.DataFrame({"name": ["a", "b", "c", "d"], "u": [1, 2, 1, 2], "v": [5, 5, 5, 4]})
    out = merge_colocated(df, "u", "v", "name")
    assert out["name"].tolist() == ["a, c", "b", "d"]


def test_swot_grid_places_the_papers_items_in_their_quadrants():
    quads, pos = swot_grid(framework.swot_items())
    assert len(quads) == 4 and len(pos) == 8
    for rec in pos.to_dict("records"):
        q = quads.set_index("group").loc[rec["group"]]
        assert q["x"] <= rec["x"] <= q["x2"] and q["y"] <= rec["y"] <= q["y2"]


def test_radial_labels_point_away_from_the_centre():
    pos = circular_layout(framework.drivers()["name"])
    labs = radial_labels(pos).set_index("label")
    for rec in pos.to_dict("records"):
        lab = labs.loc[rec["label"]]
        # a label is never closer to the centre than its node
        assert math.hypot(lab["x"], lab["y"]) > math.hypot(rec["x"], rec["y"])
        assert lab["align"] == ("center" if abs(rec["x"]) < 0.05 else "left" if rec["x"] > 0 else "right")
