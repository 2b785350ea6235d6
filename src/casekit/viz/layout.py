"""Positions for drawing networks and grids with Altair.

Altair has no network layout of its own, so the book computes node and edge
coordinates here and hands Altair plain tables. Every layout is
deterministic -- no random seed is involved -- so a notebook's chart is the
same on every run (``nbval`` compares it byte for byte).

* :func:`circular_layout` -- nodes evenly spaced on a circle;
* :func:`radial_labels` -- where to write each node's name so that it points
  away from the centre (left of left-hand nodes, right of right-hand ones);
* :func:`edge_segments` -- one straight segment per directed edge, with an
  arrowhead position and angle; the two directions of a pair are drawn side
  by side rather than on top of each other;
* :func:`merge_colocated` -- one label for points that share a position
  (several factors with the same MICMAC scores, for example);
* :func:`swot_grid` -- the four SWOT quadrants and a position for each item.

>>> circular_layout(["a", "b", "c", "d"]).round(3).values.tolist()
[['a', 0.0, 1.0], ['b', 1.0, 0.0], ['c', 0.0, -1.0], ['d', -1.0, -0.0]]
"""

from __future__ import annotations

import math

import pandas as pd

from ..choices import choose

__all__ = ["circular_layout", "radial_labels", "edge_segments", "merge_colocated", "swot_grid"]


def circular_layout(labels, radius: float = 1.0, start: float = 90.0) -> pd.DataFrame:
    """Nodes evenly spaced on a circle, clockwise from ``start`` degrees (90 = top).

    Returns
    -------
    pandas.DataFrame
        Columns ``label``, ``x``, ``y``.

    Examples
    --------
    >>> circular_layout([])
    Traceback (most recent call last):
    ...
    ValueError: circular_layout needs at least one label
    """
    labels = list(labels)
    if not labels:
        raise ValueError("circular_layout needs at least one label")
    if len(set(labels)) != len(labels):
        raise ValueError(f"labels must be unique; got {labels}")
    n = len(labels)
    rows = []
    for k, lab in enumerate(labels):
        angle = math.radians(start - 360.0 * k / n)
        rows.append({"label": lab, "x": radius * math.cos(angle), "y": radius * math.sin(angle)})
    frame = pd.DataFrame(rows, columns=["label", "x", "y"])
    return frame.assign(x=frame["x"].round(12), y=frame["y"].round(12))


def radial_labels(positions: pd.DataFrame, pad: float = 0.14, centre_tolerance: float = 0.05) -> pd.DataFrame:
    """Label positions that point away from the centre of a circular layout.

    Nodes on the right get a left-aligned label just to their right, nodes on
    the left a right-aligned label to their left; nodes near the vertical
    axis get a centred label above (top half) or below (bottom half). Vega-Lite
    cannot encode text alignment, so draw one text layer per ``align`` value.

    Returns
    -------
    pandas.DataFrame
        ``label``, ``x``, ``y`` (where to write) and ``align``
        (``left``, ``right`` or ``center``).

    Examples
    --------
    >>> radial_labels(circular_layout(["top", "right", "bottom", "left"])).round(2).values.tolist()
    [['top', 0.0, 1.18, 'center'], ['right', 1.14, 0.0, 'left'], ['bottom', 0.0, -1.18, 'center'], ['left', -1.14, -0.0, 'right']]
    """
    for col in ("label", "x", "y"):
        if col not in positions.columns:
            raise ValueError(f"positions need columns label, x, y; missing {col!r}")
    rows = []
    for rec in positions[["label", "x", "y"]].to_dict("records"):
        x, y = rec["x"], rec["y"]
        if abs(x) <= centre_tolerance:
            rows.append({"label": rec["label"], "x": x, "y": y + math.copysign(pad * 1.3, y), "align": "center"})
        else:
            side = 1.0 if x > 0 else -1.0
            rows.append({"label": rec["label"], "x": x + side * pad, "y": y, "align": "left" if side > 0 else "right"})
    return pd.DataFrame(rows, columns=["label", "x", "y", "align"])


def edge_segments(
    matrix,
    positions: pd.DataFrame,
    *,
    gap: float = 0.16,
    offset: float = 0.035,
) -> pd.DataFrame:
    """One drawable segment per directed edge of a weighted matrix.

    Parameters
    ----------
    matrix : pandas.DataFrame
        Square, labelled; ``matrix.loc[a, b]`` is the weight of the edge
        a -> b. Zero weights and the diagonal (self-loops) are left out.
    positions : pandas.DataFrame
        Node positions with columns ``label``, ``x``, ``y`` (e.g. from
        :func:`circular_layout`).
    gap : float
        How far each end stops short of its node, in data units, so that the
        arrowhead is not hidden under the node's symbol.
    offset : float
        Sideways shift of each segment (to its right), so that a -> b and
        b -> a run side by side.

    Returns
    -------
    pandas.DataFrame
        One row per edge: ``source``, ``target``, ``weight``, the segment
        ``x``, ``y``, ``x2``, ``y2``, and ``angle``: the direction of travel
        in degrees clockwise from north, which is how Vega-Lite rotates a
        ``triangle`` point placed at (``x2``, ``y2``) into an arrowhead. The
        angle assumes the x and y scales are drawn at the same scale.

    Examples
    --------
    >>> pos = pd.DataFrame({"label": ["a", "b"], "x": [0.0, 1.0], "y": [0.0, 0.0]})
    >>> m = pd.DataFrame([[0, 2], [0, 0]], index=["a", "b"], columns=["a", "b"])
    >>> edge_segments(m, pos, gap=0.1, offset=0.0).round(3).to_dict("records")
    [{'source': 'a', 'target': 'b', 'weight': 2.0, 'x': 0.1, 'y': 0.0, 'x2': 0.9, 'y2': 0.0, 'angle': 90.0}]
    """
    m = pd.DataFrame(matrix)
    if list(m.index) != list(m.columns):
        raise ValueError("the matrix must have the same labels on its rows and its columns")
    for col in ("label", "x", "y"):
        if col not in positions.columns:
            raise ValueError(f"positions need columns label, x, y; missing {col!r}")
    where = positions.set_index("label")[["x", "y"]]
    missing = [k for k in m.index if k not in where.index]
    if missing:
        raise ValueError(
            f"no position for node {missing[0]!r}; positions are given for {', '.join(map(str, where.index))}"
        )
    rows = []
    for a in m.index:
        for b in m.columns:
            w = float(m.loc[a, b])
            if w == 0 or a == b:
                continue
            (x0, y0), (x1, y1) = where.loc[a].to_numpy(), where.loc[b].to_numpy()
            dx, dy = x1 - x0, y1 - y0
            length = math.hypot(dx, dy)
            ux, uy = dx / length, dy / length
            sx, sy = uy * offset, -ux * offset  # to the right of the direction of travel
            rows.append(
                {
                    "source": a,
                    "target": b,
                    "weight": w,
                    "x": x0 + ux * gap + sx,
                    "y": y0 + uy * gap + sy,
                    "x2": x1 - ux * gap + sx,
                    "y2": y1 - uy * gap + sy,
                    "angle": math.degrees(math.atan2(dx, dy)) % 360,
                }
            )
    return pd.DataFrame(rows, columns=["source", "target", "weight", "x", "y", "x2", "y2", "angle"])


def merge_colocated(frame: pd.DataFrame, x: str, y: str, label: str, sep: str = ", ") -> pd.DataFrame:
    """One row per distinct (x, y) position, the labels found there joined by ``sep``.

    Other columns keep their first value. Useful when several points would
    print their labels on top of one another.

    >>> df = pd.DataFrame({"name": ["a", "b", "c"], "u": [1, 1, 2], "v": [5, 5, 3]})
    >>> merge_colocated(df, "u", "v", "name")
      name  u  v
    0  a, b  1  5
    1     c  2  3
    """
    for col in (x, y, label):
        if col not in frame.columns:
            raise ValueError(f"no column {col!r}; the columns are {', '.join(map(str, frame.columns))}")
    agg = {c: "first" for c in frame.columns if c not in (x, y)}
    agg[label] = lambda s: sep.join(map(str, s))
    out = frame.groupby([x, y], sort=False, as_index=False).agg(agg)
    return out[list(frame.columns)]


_QUADRANTS = {  # group: (column, row, title) -- helpful left, harmful right; internal top
    "S": (0, 0, "Strengths"),
    "W": (1, 0, "Weaknesses"),
    "O": (0, 1, "Opportunities"),
    "T": (1, 1, "Threats"),
}


def swot_grid(items: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Quadrants and item positions for drawing a SWOT grid.

    The usual layout: internal factors (strengths, weaknesses) on the top row,
    external ones (opportunities, threats) below; helpful factors on the left,
    harmful ones on the right. Each quadrant is the unit square
    ``[col, col + 1] x [-row - 1, -row]``; items are listed down it.

    Parameters
    ----------
    items : pandas.DataFrame
        Columns ``id``, ``group`` (S, W, O, T) and ``name``, as
        :func:`casekit.chapters.framework.swot_items` gives them.

    Returns
    -------
    (quadrants, positions) : tuple of pandas.DataFrame
        ``quadrants``: ``group``, ``title``, ``x``, ``x2``, ``y``, ``y2``,
        ``title_x``, ``title_y``. ``positions``: the items with ``x``, ``y``.

    Examples
    --------
    >>> items = pd.DataFrame({"id": ["S1", "T1"], "group": ["S", "T"], "name": ["heritage", "sameness"]})
    >>> quads, pos = swot_grid(items)
    >>> quads["title"].tolist()
    ['Strengths', 'Weaknesses', 'Opportunities', 'Threats']
    >>> pos[["id", "x", "y"]].values.tolist()
    [['S1', 0.06, -0.42], ['T1', 1.06, -1.42]]
    >>> swot_grid(pd.DataFrame({"id": ["X1"], "group": ["X"], "name": ["?"]}))
    Traceback (most recent call last):
    ...
    ValueError: item X1: unknown SWOT group 'X'. Valid: S, W, O, T.
    """
    for col in ("id", "group", "name"):
        if col not in items.columns:
            raise ValueError(f"SWOT items need columns id, group, name; missing {col!r}")
    quads = pd.DataFrame(
        [
            {"group": g, "title": t, "x": c, "x2": c + 1, "y": -r - 1, "y2": -r,
             "title_x": c + 0.06, "title_y": -r - 0.16}
            for g, (c, r, t) in _QUADRANTS.items()
        ]
    )
    rows, count = [], {}
    for rec in items.to_dict("records"):
        g = rec["group"]
        try:
            choose(g, _QUADRANTS, "SWOT group")
        except ValueError as err:
            raise ValueError(f"item {rec['id']}: {err}") from None
        c, r, _ = _QUADRANTS[g]
        k = count.get(g, 0)
        count[g] = k + 1
        rows.append({**rec, "x": c + 0.06, "y": round(-r - 0.42 - 0.26 * k, 6)})
    return quads, pd.DataFrame(rows)
