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
* :func:`link_segments` -- each link as a line from one position to another;
* :func:`coverage_by_level` -- how many strategies of each level answer each
  challenge, for "all", "government" and "enterprise", zeros included;
* :func:`case_evidence` -- the enterprise strategies meet the cases: for each
  of the eight and each case, whether a public source shows the case using it
  (judgement table ``judgement_strategy_cases``, a source per cell), and
  :func:`case_evidence_counts` per strategy and per case.

The chapter then sets policy targets against outcomes (the second half of
this module). Policy targets against outcomes: what growth a government's target asks for.

Governments publish export targets (South Korea: content exports by 2027;
Japan's Cool Japan strategy: overseas content sales by 2033). A target is a
policy aim, not an outcome; what it *asks* for can still be measured:

* :func:`required_growth` -- the yearly growth that takes a value from its
  latest level to the target in time, to set against the growth achieved;
* :func:`korea_exports` -- South Korea's content exports, one value per year
  (the preferred row where a year has a preliminary and a revised figure);
* :func:`category_shares` -- one release's export breakdown as shares of that
  release's own total, with the part no category names kept visible.

>>> round(required_growth(100, 2020, 200, 2030), 2)
7.18

>>> t = links()
>>> set(t["level"]) == {"government", "enterprise"}
True
"""

from __future__ import annotations

import networkx as nx
import pandas as pd

from ..choices import choose, choose_all
from . import framework
from ..data import load
from ..methods.networks import strategy_challenge_graph

__all__ = [
    "LEVEL_VIEWS", "links", "bipartite_layout", "link_segments", "coverage_by_level",
    "EVIDENCE", "case_evidence", "case_evidence_counts",
    "required_growth", "korea_exports", "category_shares",
]

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
    ValueError: unknown strategy id 'G9'. Valid: G1, G2, G3, G4, G5, G6, G7, E1, E2, E3, E4, E5, E6, E7, E8.
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
        choose_all(out[col], valid, f"{what} id")
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
        (as from :func:`casekit.methods.networks.strategy_challenge_graph`).
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


def link_segments(link_table: pd.DataFrame, positions: pd.DataFrame) -> pd.DataFrame:
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
    >>> link_segments(pd.DataFrame({"strategy": ["G1"], "challenge": ["C1"]}), pos)[["x", "y", "x2", "y2"]].values.tolist()
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


# ---------------------------------------------------------------------------
# Policy targets against outcomes
# ---------------------------------------------------------------------------



#: The three answers of the strategy x case table, strongest first.
EVIDENCE = ("shown", "not shown", "no public evidence")


def case_evidence(table: pd.DataFrame | None = None) -> pd.DataFrame:
    """Which of the paper's eight enterprise strategies each case shows, with a source per cell.

    Parameters
    ----------
    table : DataFrame, optional
        A table shaped like ``judgement_strategy_cases`` -- pass an edited
        copy to try another judgement.

    Returns
    -------
    pandas.DataFrame
        One row per strategy and case: ``strategy``, ``name`` (the strategy's),
        ``case_id``, ``case`` (its name), ``evidence``, ``reason``,
        ``source_publisher``, ``source_url``, in the framework's order.

    Raises
    ------
    ValueError
        A strategy that is not one of E1-E8, an unknown case id or evidence
        value, a missing strategy-case pair, or a "shown" / "not shown" cell
        without a source URL.

    Examples
    --------
    >>> ev = case_evidence()
    >>> len(ev), sorted(ev["evidence"].unique()) == sorted(EVIDENCE)
    (24, True)
    >>> bad = ev.assign(source_url=ev["source_url"].where(ev.index != 0, None))
    >>> case_evidence(bad)
    Traceback (most recent call last):
    ...
    ValueError: E1 / ne_zha is marked 'shown' but names no source URL
    """
    table = load("judgement_strategy_cases") if table is None else table.drop(columns=["name", "case"], errors="ignore")
    ent = framework.strategies().query("level == 'enterprise'")
    cases = framework.cases()
    choose_all(table["strategy"], ent["id"], "enterprise strategy")
    choose_all(table["case_id"], cases["id"], "case id")
    choose_all(table["evidence"], EVIDENCE, "evidence value")
    for row in table.itertuples(index=False):
        if row.evidence != "no public evidence" and not (isinstance(row.source_url, str) and row.source_url.startswith("http")):
            raise ValueError(f"{row.strategy} / {row.case_id} is marked {row.evidence!r} but names no source URL")
    pairs = set(zip(table["strategy"], table["case_id"]))
    missing = [(s, c) for s in ent["id"] for c in cases["id"] if (s, c) not in pairs]
    if missing:
        raise ValueError(f"no judgement for {missing[0][0]} / {missing[0][1]} (every strategy needs a row per case)")
    out = table.merge(ent[["id", "name"]].rename(columns={"id": "strategy"}), on="strategy").merge(
        cases[["id", "name"]].rename(columns={"id": "case_id", "name": "case"}), on="case_id")
    out["strategy"] = pd.Categorical(out["strategy"], list(ent["id"]), ordered=True)
    out["case_id"] = pd.Categorical(out["case_id"], list(cases["id"]), ordered=True)
    out = out.sort_values(["strategy", "case_id"]).astype({"strategy": str, "case_id": str})
    return out[["strategy", "name", "case_id", "case", "evidence", "reason", "source_publisher",
                "source_url"]].reset_index(drop=True)


def case_evidence_counts(by: str = "case", table: pd.DataFrame | None = None) -> pd.DataFrame:
    """Count the strategy x case table per case or per strategy, one column per evidence value.

    >>> case_evidence_counts("case")[["case", "shown", "not shown", "no public evidence"]].values.tolist()
    [['Ne Zha', 5, 2, 1], ['Nintendo', 8, 0, 0], ['K-pop', 7, 0, 1]]
    >>> case_evidence_counts("region")
    Traceback (most recent call last):
    ...
    ValueError: unknown grouping 'region'. Valid: case, strategy.
    """
    choose(by, ("case", "strategy"), "grouping")
    ev = case_evidence(table)
    keys = ["case_id", "case"] if by == "case" else ["strategy", "name"]
    counts = ev.groupby(keys, sort=False)["evidence"].value_counts().unstack(fill_value=0)
    return counts.reindex(columns=list(EVIDENCE), fill_value=0).reset_index().rename_axis(columns=None)


def required_growth(value: float, year: int, target: float, target_year: int) -> float:
    """Compound annual growth, in percent, needed to reach ``target`` by ``target_year``.

    Parameters
    ----------
    value : float
        The latest observed value (same unit as the target).
    year : int
        Its year.
    target : float
        The target value.
    target_year : int
        The year the target is set for; must come after ``year``.

    Examples
    --------
    >>> round(required_growth(4.7, 2022, 20, 2033), 1)
    14.1
    >>> required_growth(5, 2030, 10, 2025)
    Traceback (most recent call last):
    ...
    ValueError: the target year (2025) must come after the year of the value (2030)
    """
    if target_year <= year:
        raise ValueError(f"the target year ({target_year}) must come after the year of the value ({year})")
    if value <= 0 or target <= 0:
        raise ValueError(f"value and target must be positive; got {value!r} and {target!r}")
    return 100 * ((target / value) ** (1 / (target_year - year)) - 1)


def korea_exports(table: pd.DataFrame | None = None, preferred: bool = True) -> pd.DataFrame:
    """South Korea's content exports by year, in million US$.

    Parameters
    ----------
    table : DataFrame, optional
        The ``korea_content_exports`` table (default: loaded).
    preferred : bool
        True: one row per year, the one marked ``preferred`` (a revision over
        a preliminary estimate, an unrounded over a rounded figure). False:
        every row, with its ``vintage``.

    Returns
    -------
    pandas.DataFrame with ``year``, ``exports_usd_million``, ``vintage``,
    ``preferred``, ``source_url``, sorted by year.

    Examples
    --------
    >>> k = korea_exports()
    >>> k["year"].is_unique, k.set_index("year").loc[2019, "vintage"]
    (True, 'revised')
    """
    table = load("korea_content_exports") if table is None else table
    out = table[["year", "exports_usd_million", "vintage", "preferred", "source_url"]].copy()
    out["year"] = out["year"].astype(int)
    out["preferred"] = out["preferred"].astype(bool)
    if preferred:
        out = out[out["preferred"]]
        dup = out["year"].duplicated()
        if dup.any():
            raise ValueError(f"more than one preferred row for year(s) {sorted(out.loc[dup, 'year'])}")
    return out.sort_values(["year", "preferred"]).reset_index(drop=True)


def category_shares(year: int, table: pd.DataFrame | None = None) -> pd.DataFrame:
    """One year's content exports by category, as shares of the same release's total.

    Sources name only the largest categories, so the remainder is kept as a
    row "not itemised in the source" rather than dropped.

    Parameters
    ----------
    year : int
        A year with a breakdown in ``korea_content_exports_by_category``.
    table : DataFrame, optional
        That table (default: loaded).

    Returns
    -------
    pandas.DataFrame with ``category``, ``exports_usd_million``,
    ``share_pct`` (of the release's "all content" total) and ``release``.

    Examples
    --------
    >>> s = category_shares(2020)
    >>> s["category"].iloc[0], round(float(s["share_pct"].sum()), 6)
    ('games', 100.0)
    >>> category_shares(2015)
    Traceback (most recent call last):
    ...
    ValueError: no breakdown for 2015; years with one: 2017, 2018, 2019, 2020, 2022
    """
    table = load("korea_content_exports_by_category") if table is None else table
    years = sorted(int(y) for y in table["year"].unique())
    if year not in years:
        raise ValueError(f"no breakdown for {year}; years with one: {', '.join(map(str, years))}")
    rows = table[table["year"].astype(int) == year]
    total_row = rows[rows["category"] == "all content"]
    if total_row.empty:
        raise ValueError(f"the {year} breakdown has no 'all content' total to take shares of")
    total = float(total_row["exports_usd_million"].iloc[0])
    parts = rows[rows["category"] != "all content"][["category", "exports_usd_million", "release"]].copy()
    parts["category"] = parts["category"].astype(str)
    parts["exports_usd_million"] = parts["exports_usd_million"].astype(float)
    rest = total - parts["exports_usd_million"].sum()
    parts = parts.sort_values("exports_usd_million", ascending=False)
    parts = pd.concat(
        [parts, pd.DataFrame([{"category": "not itemised in the source", "exports_usd_million": rest,
                               "release": str(total_row["release"].iloc[0])}])],
        ignore_index=True,
    )
    parts["share_pct"] = 100 * parts["exports_usd_million"] / total
    return parts[["category", "exports_usd_million", "share_pct", "release"]]
