"""The strategy-challenge map: which of the paper's strategies answers which challenge.

The paper lists seven government measures and eight enterprise strategies
(section 4) and five challenges (section 3.1), but never says which strategy
meets which challenge. The book's answer is a judgement, kept as data in the
table ``strategy_challenge_links`` (one row per link, with a reason tied to a
section of the paper), so a reader can change a link and rerun. This module:

* :func:`links` -- the judgement table, checked against the framework's ids
  and joined with the strategies' and challenges' names and levels;
* :func:`bipartite_layout` -- fixed positions for a two-column drawing
  (strategies on the left, challenges on the right), the same every run;
* :func:`edge_segments` -- each link as a line from one position to another;
* :func:`coverage_by_level` -- how many strategies of each level answer each
  challenge, for "all", "government" and "enterprise", zeros included.

>>> t = links()
>>> set(t["level"]) == {"government", "enterprise"}
True
"""

from __future__ import annotations

import networkx as nx
import pandas as pd

from . import framework
from .data import load
from .networks import strategy_challenge_graph

__all__ = ["LEVEL_VIEWS", "links", "bipartite_layout", "edge_segments", "coverage_by_level"]

#: The views of the strategy filter: every strategy, or one level.
LEVEL_VIEWS = ("all", "government", "enterprise")


def links(table: pd.DataFrame | None = None) -> pd.DataFrame:
    """The strategy-challenge links, with names and levels, checked against the framework.

    Parameters
    ----------
    table : DataFrame, optional
        A table with columns ``strategy``, ``challenge`` and ``reason`` (and
        any others); default: the book's judgement ``strategy_challenge_links``.
        Pass an edited copy to see what a different judgement does.

    Returns
    -------
    pandas.DataFrame
        The table's rows with ``level``, ``strategy_name`` and
        ``challenge_name`` added.

    Raises
    ------
    ValueError
        A strategy or challenge id the paper's framework does not have (the
        message lists the valid ids), or a repeated link.

    Examples
    --------
    >>> links(pd.DataFrame({"strategy": ["G7"], "challenge": ["C3"], "reason": ["training"]}))[
    ...     ["strategy_name", "challenge_name", "level"]].values.tolist()
    [['Talent development', 'Talent drain', 'government']]
    >>> links(pd.DataFrame({"strategy": ["G9"], "challenge": ["C3"], "reason": ["?"]}))
    Traceback (most recent call last):
    ...
    ValueError: unknown strategy id(s) ['G9']; valid: G1, G2, G3, G4, G5, G6, G7, E1, E2, E3, E4, E5, E6, E7, E8
    """
    table = load("strategy_challenge_links") if table is None else table
    for col in ("strategy", "challenge", "reason"):
        if col not in table.columns:
            raise ValueError(f"a link table needs a {col!r} column; it has {', '.join(map(str, table.columns))}")
    strategies = framework.strategies().set_index("id")
    challenges = framework.challenges().set_index("id")
    out = table.copy()
    out["strategy"] = out["strategy"].astype(str).str.strip().str.upper()
    out["challenge"] = out["challenge"].astype(str).str.strip().str.upper()
    for col, valid, what in (("strategy", strategies.index, "strategy"), ("challenge", challenges.index, "challenge")):
        bad = sorted(set(out[col]) - set(valid))
        if bad:
            raise ValueError(f"unknown {what} id(s) {bad}; valid: {', '.join(valid)}")
    dup = out.duplicated(["strategy", "challenge"])
    if dup.any():
        pairs = out.loc[dup, ["strategy", "challenge"]].values.tolist()
        raise ValueError(f"links repeat: {pairs}")
    out["level"] = out["strategy"].map(strategies["level"])
    out["strategy_name"] = out["strategy"].map(strategies["name"])
    out["challenge_name"] = out["challenge"].map(challenges["name"])
    return out.reset_index(drop=True)


def bipartite_layout(
    graph: nx.Graph, left=None, right=None, x_left: float = 0.0, x_right: float = 1.0, right_span: float = 0.8
) -> pd.DataFrame:
    """Fixed positions for a two-column drawing of a bipartite graph.

    Left nodes (``bipartite == "strategy"``) are spaced evenly from top
    (y = 0) to bottom (y = 1); right nodes (``"challenge"``) are spaced evenly
    over the central ``right_span`` of the same height, so a short column
    sits centred beside a long one with room for its labels. The order is
    the one given (default: the graph's node order), so the drawing never
    changes between runs.

    Parameters
    ----------
    graph : networkx.Graph
        Nodes carry ``bipartite`` = ``"strategy"`` or ``"challenge"``
        (as from :func:`casekit.networks.strategy_challenge_graph`).
    left, right : sequence, optional
        Node order in each column.
    x_left, x_right : float
        Horizontal positions of the two columns.
    right_span : float
        Share of the height, between 0 and 1, that the right column spans.

    Returns
    -------
    pandas.DataFrame
        Columns ``id``, ``side`` ("strategy" or "challenge"), ``x``, ``y``, ``order``.

    Examples
    --------
    >>> g = strategy_challenge_graph([("G1", "C1"), ("E1", "C1")], strategies=["G1", "E1", "E2"], challenges=["C1"])
    >>> bipartite_layout(g)[["id", "x", "y"]].values.tolist()
    [['G1', 0.0, 0.0], ['E1', 0.0, 0.5], ['E2', 0.0, 1.0], ['C1', 1.0, 0.5]]
    >>> g2 = strategy_challenge_graph([("G1", "C1")], strategies=["G1"], challenges=["C1", "C2"])
    >>> bipartite_layout(g2, right_span=0.5)["y"].round(2).tolist()
    [0.5, 0.25, 0.75]
    """
    if not 0 <= right_span <= 1:
        raise ValueError(f"right_span must be between 0 and 1; got {right_span!r}")
    kinds = dict(graph.nodes(data="bipartite"))
    left = [n for n, k in kinds.items() if k == "strategy"] if left is None else list(left)
    right = [n for n, k in kinds.items() if k == "challenge"] if right is None else list(right)
    for side, nodes in (("left", left), ("right", right)):
        unknown = [n for n in nodes if n not in kinds]
        if unknown:
            raise ValueError(f"{side} nodes {unknown} are not in the graph; it has {', '.join(map(str, kinds))}")
    rows = []
    n_left, n_right = len(left), len(right)
    for i, node in enumerate(left):
        y = i / (n_left - 1) if n_left > 1 else 0.5
        rows.append({"id": node, "side": "strategy", "x": float(x_left), "y": float(y), "order": i})
    span = float(right_span) if n_right > 1 else 0.0
    for i, node in enumerate(right):
        y = 0.5 - span / 2 + (span * i / (n_right - 1) if n_right > 1 else 0.0)
        rows.append({"id": node, "side": "challenge", "x": float(x_right), "y": float(y), "order": i})
    return pd.DataFrame(rows)


def edge_segments(link_table: pd.DataFrame, positions: pd.DataFrame) -> pd.DataFrame:
    """Each link as a line segment between its two nodes' positions.

    Parameters
    ----------
    link_table : DataFrame
        Columns ``strategy`` and ``challenge`` (and any others, kept).
    positions : DataFrame
        From :func:`bipartite_layout`.

    Returns
    -------
    pandas.DataFrame
        The link table with ``x``, ``y`` (strategy end) and ``x2``, ``y2``
        (challenge end) added.

    Examples
    --------
    >>> pos = pd.DataFrame({"id": ["G1", "C1"], "x": [0.0, 1.0], "y": [0.0, 0.5]})
    >>> edge_segments(pd.DataFrame({"strategy": ["G1"], "challenge": ["C1"]}), pos)[["x", "y", "x2", "y2"]].values.tolist()
    [[0.0, 0.0, 1.0, 0.5]]
    """
    where = positions.set_index("id")
    missing = sorted((set(link_table["strategy"]) | set(link_table["challenge"])) - set(where.index))
    if missing:
        raise ValueError(f"no position for node(s) {missing}")
    out = link_table.copy()
    out["x"] = out["strategy"].map(where["x"]).astype(float)
    out["y"] = out["strategy"].map(where["y"]).astype(float)
    out["x2"] = out["challenge"].map(where["x"]).astype(float)
    out["y2"] = out["challenge"].map(where["y"]).astype(float)
    return out


def coverage_by_level(link_table: pd.DataFrame | None = None) -> pd.DataFrame:
    """How many strategies answer each challenge: all of them, and each level alone.

    Parameters
    ----------
    link_table : DataFrame, optional
        The output of :func:`links` (default: the book's judgement).

    Returns
    -------
    pandas.DataFrame
        One row per challenge and view (``"all"``, ``"government"``,
        ``"enterprise"``): ``view``, ``challenge``, ``challenge_name``,
        ``strategies`` (count, zeros included) and ``ids`` (the strategies,
        comma-separated).

    Examples
    --------
    >>> t = links(pd.DataFrame({"strategy": ["G7", "E6"], "challenge": ["C3", "C3"], "reason": ["a", "b"]}))
    >>> c = coverage_by_level(t)
    >>> c.query("challenge == 'C3'")[["view", "strategies"]].values.tolist()
    [['all', 2], ['government', 1], ['enterprise', 1]]
    >>> int(c.query("challenge == 'C1' and view == 'all'")["strategies"].iloc[0])
    0
    """
    link_table = links() if link_table is None else link_table
    challenges = framework.challenges()
    strategies = framework.strategies()
    rows = []
    for view in LEVEL_VIEWS:
        keep = strategies if view == "all" else strategies[strategies["level"] == view]
        sub = link_table[link_table["strategy"].isin(keep["id"])]
        graph = strategy_challenge_graph(
            list(zip(sub["strategy"], sub["challenge"])),
            strategies=list(keep["id"]),
            challenges=list(challenges["id"]),
        )
        for c in challenges.itertuples(index=False):
            ids = [s for s in keep["id"] if graph.has_edge(s, c.id)]
            rows.append(
                {"view": view, "challenge": c.id, "challenge_name": c.name, "strategies": len(ids), "ids": ", ".join(ids)}
            )
    return pd.DataFrame(rows)
