"""K-pop as data: Korean acts on the Billboard Hot 100, their collaborations,
and the export figures behind the "Korean wave".

The K-pop chapter tests the paper's claim that K-pop blends Western pop with
Korean culture and is recognised worldwide. This module turns the book's
tables into what the chapter draws:

* :func:`act_rule` -- the editorial list of who counts as a Korean act, with
  the reason for each decision (counted or not);
* :func:`hot100_years` -- the yearly Hot 100 record of Korean acts, for a
  range of years, with the chart era of each year;
* :func:`era_summary` -- the same record summed by chart era (before and
  after Billboard counted streams); :func:`method_changes` -- the dated
  changes of the chart's rules, placed on a year axis;
* :func:`collaboration_graph`, :func:`graph_layout`, :func:`graph_tables`,
  :func:`collaboration_summary` -- the network of artists credited together
  on Korean acts' Hot 100 songs;
* :func:`music_share` -- music's share of Korea's content exports, within
  one release of the figures;
* :func:`hybe_regions` and :func:`hybe_overseas_share` -- HYBE's revenue by
  region, which is known only second-hand.

>>> years = hot100_years(start=2020, end=2021)
>>> years[["year", "korean_entries", "weeks_at_number_one"]].values.tolist()
[[2020, 44, 4], [2021, 61, 12]]
"""

from __future__ import annotations


import networkx as nx
import pandas as pd

from ..choices import choose
from ..data import load

__all__ = [
    "ERAS",
    "act_rule",
    "hot100_years",
    "era_summary",
    "method_changes",
    "collaboration_graph",
    "graph_layout",
    "graph_tables",
    "collaboration_summary",
    "music_share",
    "hybe_regions",
    "hybe_overseas_share",
]

#: Chart eras of the Hot 100 used in the chapter: the first year of each, and
#: its name. Billboard began counting on-demand audio streams in March 2012 and
#: YouTube views in February 2013 (see the table ``hot100_method_changes``);
#: 2012 is the first year in which streams count.
ERAS = {1958: "sales and radio (to 2011)", 2012: "streaming counted (2012 on)"}


def _era(year: int, eras: dict[int, str]) -> str:
    starts = sorted(eras)
    name = eras[starts[0]]
    for start in starts:
        if year >= start:
            name = eras[start]
    return name


def act_rule(acts: pd.DataFrame | None = None) -> pd.DataFrame:
    """The editorial list of Korean acts: who is counted, who is not, and why.

    Parameters
    ----------
    acts : DataFrame, optional
        A table shaped like ``korean_acts`` (default: the book's own).

    Returns
    -------
    pandas.DataFrame
        ``act``, ``decision`` ("counted" or "not counted"), ``act_type``,
        ``credit_names`` (how Billboard prints the act) and ``reason``;
        counted acts first.

    Examples
    --------
    >>> rule = act_rule()
    >>> rule.set_index("act").loc["KATSEYE", "decision"]
    'not counted'
    >>> rule["decision"].value_counts().to_dict()
    {'counted': 30, 'not counted': 6}
    """
    acts = load("korean_acts") if acts is None else acts
    out = acts.assign(decision=acts["korean"].map({True: "counted", False: "not counted"}))
    out = out.sort_values("decision", kind="stable").reset_index(drop=True)
    return out[["act", "decision", "act_type", "credit_names", "reason"]]


def hot100_years(
    start: int | None = None,
    end: int | None = None,
    table: pd.DataFrame | None = None,
    eras: dict[int, str] | None = None,
) -> pd.DataFrame:
    """Korean acts' yearly Hot 100 record, for the years ``start`` to ``end``.

    Parameters
    ----------
    start, end : int, optional
        First and last chart year, both included. Default: the first year a
        Korean act charted, and the last year in the table.
    table : DataFrame, optional
        A table shaped like ``kpop_hot100_by_year`` (default: the book's).
    eras : dict, optional
        First year of each era and its name (default :data:`ERAS`).

    Returns
    -------
    pandas.DataFrame
        Every year of the range (years with no Korean entry included, with
        zeros), the columns of ``kpop_hot100_by_year``, and ``era``.

    Raises
    ------
    ValueError
        A year outside the table, or ``start`` after ``end``.

    Examples
    --------
    >>> hot100_years(2012, 2013)[["year", "korean_songs", "era"]].values.tolist()
    [[2012, 1, 'streaming counted (2012 on)'], [2013, 2, 'streaming counted (2012 on)']]
    >>> hot100_years(2030)
    Traceback (most recent call last):
    ...
    ValueError: start year 2030 is outside the chart years 1958-2026
    """
    table = load("kpop_hot100_by_year") if table is None else table
    eras = ERAS if eras is None else eras
    first, last = int(table["year"].min()), int(table["year"].max())
    charted = table.loc[table["korean_entries"] > 0, "year"]
    start = int(charted.min()) if start is None else int(start)
    end = last if end is None else int(end)
    for label, year in (("start", start), ("end", end)):
        if not first <= year <= last:
            raise ValueError(f"{label} year {year} is outside the chart years {first}-{last}")
    if start > end:
        raise ValueError(f"start year {start} is after end year {end}")
    out = table[(table["year"] >= start) & (table["year"] <= end)].copy()
    out["year"] = out["year"].astype(int)
    out["era"] = [_era(y, eras) for y in out["year"]]
    return out.reset_index(drop=True)


def era_summary(years: pd.DataFrame) -> pd.DataFrame:
    """Sum a :func:`hot100_years` table by era.

    Returns one row per era: ``first_year``, ``last_year``, ``chart_weeks``,
    ``all_entries``, ``korean_entries``, ``weeks_at_number_one`` and the
    Korean share of all entries in that era (``share_of_entries_pct``).

    >>> era_summary(hot100_years(1958))[["era", "korean_entries"]].values.tolist()
    [['sales and radio (to 2011)', 1], ['streaming counted (2012 on)', 618]]
    """
    needed = {"era", "year", "chart_weeks", "all_entries", "korean_entries", "weeks_at_number_one"}
    missing = sorted(needed - set(years.columns))
    if missing:
        raise ValueError(f"the table lacks {', '.join(missing)}; pass the result of hot100_years()")
    out = years.groupby("era", sort=False).agg(
        first_year=("year", "min"), last_year=("year", "max"), chart_weeks=("chart_weeks", "sum"),
        all_entries=("all_entries", "sum"), korean_entries=("korean_entries", "sum"),
        weeks_at_number_one=("weeks_at_number_one", "sum"),
    ).reset_index()
    out["share_of_entries_pct"] = (100 * out["korean_entries"] / out["all_entries"]).astype(float).round(3)
    return out


def method_changes(table: pd.DataFrame | None = None) -> pd.DataFrame:
    """The Hot 100's changes of method, with a decimal year for a time axis.

    ``year_decimal`` is the year plus the elapsed months over 12 (March 2012
    is 2012.167), so a rule can be drawn between yearly bars.

    >>> method_changes()[["label", "year_decimal"]].values.tolist()
    [['streams count', 2012.167], ['YouTube counts', 2013.083], ['bundles stop counting', 2020.5]]
    """
    table = load("hot100_method_changes") if table is None else table
    year = table["date"].str.slice(0, 4).astype(int)
    month = table["date"].str.slice(5, 7).astype(int)
    out = table[["date", "label", "change"]].copy()
    out["year_decimal"] = (year + (month - 1) / 12).round(3)
    return out.reset_index(drop=True)


def collaboration_graph(
    pairs: pd.DataFrame | None = None,
    since: int | None = None,
    until: int | None = None,
    cross_border_only: bool = False,
    hot100: pd.DataFrame | None = None,
) -> nx.Graph:
    """The network of artists credited together on Korean acts' Hot 100 songs.

    Each artist is a node, each pair credited together an edge weighted by
    its number of songs.

    Parameters
    ----------
    pairs : DataFrame, optional
        A table shaped like ``kpop_featured_pairs`` (default: the book's).
    since, until : int, optional
        Keep pairs whose first chart year is in this range (both included).
    cross_border_only : bool
        Keep only pairs of a Korean act and an artist who is not on the list
        of Korean acts (drops Korean-Korean pairs, and the pairs of two
        non-Korean artists that a song with three or more credits creates).
    hot100 : DataFrame, optional
        A table shaped like ``kpop_hot100_by_act``, for Korean acts' total Hot
        100 songs (default: the book's).

    Returns
    -------
    networkx.Graph
        Node attributes: ``korean`` (bool), ``group`` ("Korean act" or
        "other artist"), ``partners`` (degree), ``shared_songs`` (songs shared
        with partners, counted once per partner), ``first_year`` (first year
        of any of its pairs) and ``hot100_songs`` (the act's Hot 100 songs,
        Korean acts only; 0 for others). Edge attributes: ``songs``,
        ``first_year``, ``kind`` ("cross-border", "Korean-Korean" or "other").

    Raises
    ------
    ValueError
        ``since`` after ``until``, or a range that leaves no pair.

    Examples
    --------
    >>> g = collaboration_graph(until=2019)
    >>> sorted(g.neighbors("BTS"))
    ['Desiigner', 'Halsey', 'Lauv', 'Nicki Minaj', 'Steve Aoki']
    >>> g.nodes["Halsey"]["group"], g.edges["BTS", "Halsey"]["kind"]
    ('other artist', 'cross-border')
    """
    pairs = load("kpop_featured_pairs") if pairs is None else pairs
    hot100 = load("kpop_hot100_by_act") if hot100 is None else hot100
    if since is not None and until is not None and since > until:
        raise ValueError(f"since ({since}) is after until ({until})")
    keep = pd.Series(True, index=pairs.index)
    if since is not None:
        keep &= pairs["first_year"] >= since
    if until is not None:
        keep &= pairs["first_year"] <= until
    if cross_border_only:
        keep &= pairs["act_a_korean"].astype(bool) != pairs["act_b_korean"].astype(bool)
    chosen = pairs[keep]
    if chosen.empty:
        years = f"{int(pairs['first_year'].min())}-{int(pairs['first_year'].max())}"
        raise ValueError(f"no collaboration pair is left for since={since}, until={until}; pairs span {years}")
    songs = dict(zip(hot100["act"], hot100["songs"].astype(int)))
    g = nx.Graph()
    for row in chosen.itertuples(index=False):
        a_kor, b_kor = bool(row.act_a_korean), bool(row.act_b_korean)
        for name, korean in ((row.act_a, a_kor), (row.act_b, b_kor)):
            if name not in g:
                g.add_node(name, korean=korean, group="Korean act" if korean else "other artist",
                           hot100_songs=songs.get(name, 0) if korean else 0)
        kind = "cross-border" if a_kor != b_kor else ("Korean-Korean" if a_kor else "other")
        g.add_edge(row.act_a, row.act_b, songs=int(row.songs), first_year=int(row.first_year), kind=kind)
    for node in g:
        edges = g.edges(node, data=True)
        g.nodes[node]["partners"] = g.degree(node)
        g.nodes[node]["shared_songs"] = sum(d["songs"] for _, _, d in edges)
        g.nodes[node]["first_year"] = min(d["first_year"] for _, _, d in edges)
    return g


def graph_layout(g: nx.Graph, seed: int = 7, digits: int = 3) -> pd.DataFrame:
    """Node positions from a force-directed layout with a fixed seed.

    ``networkx.spring_layout`` starts from random positions; a fixed ``seed``
    makes the drawing the same on every run. Positions are rounded so that
    stored notebook outputs do not change in the last decimals.

    Returns
    -------
    pandas.DataFrame
        One row per node: ``artist``, ``x``, ``y`` and the node attributes.

    Examples
    --------
    >>> g = nx.Graph([("a", "b")])
    >>> graph_layout(g).equals(graph_layout(g))
    True
    >>> graph_layout(g)[["artist"]].values.ravel().tolist()
    ['a', 'b']
    """
    if g.number_of_nodes() == 0:
        raise ValueError("the graph has no nodes to lay out")
    pos = nx.spring_layout(g, seed=seed, weight="songs", k=1.6 / max(g.number_of_nodes(), 1) ** 0.5)
    rows = [{"artist": n, "x": round(float(p[0]), digits), "y": round(float(p[1]), digits), **g.nodes[n]}
            for n, p in pos.items()]
    return pd.DataFrame(rows).sort_values("artist", kind="stable").reset_index(drop=True)


def graph_tables(g: nx.Graph, seed: int = 7) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The node table (from :func:`graph_layout`) and an edge table with both ends' positions.

    The edge table has ``artist_a``, ``artist_b``, ``x``, ``y``, ``x2``,
    ``y2``, ``songs``, ``first_year`` and ``kind``: ready for an Altair rule
    mark.

    >>> nodes, edges = graph_tables(nx.Graph([("a", "b", {"songs": 1, "first_year": 2020, "kind": "other"})]))
    >>> edges[["artist_a", "artist_b", "kind"]].values.tolist()
    [['a', 'b', 'other']]
    """
    nodes = graph_layout(g, seed=seed)
    at = nodes.set_index("artist")
    rows = []
    for a, b, d in g.edges(data=True):
        a, b = sorted((a, b))
        rows.append({"artist_a": a, "artist_b": b, "x": at.loc[a, "x"], "y": at.loc[a, "y"],
                     "x2": at.loc[b, "x"], "y2": at.loc[b, "y"], **d})
    edges = pd.DataFrame(rows).sort_values(["artist_a", "artist_b"]).reset_index(drop=True)
    return nodes, edges


def collaboration_summary(g: nx.Graph) -> dict:
    """Counts that describe the collaboration network.

    Returns
    -------
    dict
        ``korean_nodes``, ``other_nodes``, ``edges``, ``cross_border_edges``,
        ``korean_korean_edges``, ``other_edges``, ``cross_border_share_pct``
        (of all edges), ``hubs`` (every artist with the most partners,
        alphabetically: a tie is never hidden), ``hub`` (the first of them),
        ``hub_partners`` and ``hub_phrase`` (a sentence for the prose, "X has
        the most partners (n)" or "X and Y share the most partners (n each)").

    Examples
    --------
    >>> s = collaboration_summary(collaboration_graph(until=2019))
    >>> s["korean_nodes"], s["other_nodes"], s["cross_border_share_pct"], s["hub"]
    (5, 8, 88.9, 'BTS')
    >>> g = nx.Graph()
    >>> g.add_edges_from([("A", "x"), ("A", "y"), ("B", "z"), ("B", "w")], kind="other")
    >>> nx.set_node_attributes(g, False, "korean")
    >>> collaboration_summary(g)["hub_phrase"]
    'A and B share the most partners (2 each)'
    """
    kinds = [d["kind"] for _, _, d in g.edges(data=True)]
    korean = [n for n, d in g.nodes(data=True) if d["korean"]]
    most = max((g.degree(n) for n in g.nodes), default=0)
    hubs = sorted(n for n in g.nodes if g.degree(n) == most)
    if len(hubs) == 1:
        phrase = f"{hubs[0]} has the most partners ({most})"
    else:
        phrase = f"{', '.join(hubs[:-1])} and {hubs[-1]} share the most partners ({most} each)"
    edges = len(kinds)
    return {
        "korean_nodes": len(korean),
        "other_nodes": g.number_of_nodes() - len(korean),
        "edges": edges,
        "cross_border_edges": kinds.count("cross-border"),
        "korean_korean_edges": kinds.count("Korean-Korean"),
        "other_edges": kinds.count("other"),
        "cross_border_share_pct": round(100 * kinds.count("cross-border") / edges, 1) if edges else 0.0,
        "hubs": hubs,
        "hub": hubs[0] if hubs else None,
        "hub_partners": most,
        "hub_phrase": phrase,
    }


def music_share(by_category: pd.DataFrame | None = None, category: str = "music") -> pd.DataFrame:
    """A category's share of Korea's content exports, within each release.

    The shares are computed against the total of the *same* release (a
    preliminary breakdown is divided by the preliminary total), never against
    a later revision.

    Parameters
    ----------
    by_category : DataFrame, optional
        A table shaped like ``korea_content_exports_by_category``.
    category : str
        ``"music"`` (default), ``"games"``, ``"characters"``, ...

    Returns
    -------
    pandas.DataFrame
        ``year``, ``release``, ``category``, ``exports_usd_million``,
        ``total_usd_million`` and ``share_pct`` (one decimal), for the years
        that give both the category and the total.

    Raises
    ------
    ValueError
        An unknown category (the message lists the valid ones).

    Examples
    --------
    >>> music_share().set_index("year")["share_pct"].to_dict()
    {2017: 5.8, 2018: 5.9, 2019: 6.2, 2020: 5.7}
    >>> music_share(category="musik")
    Traceback (most recent call last):
    ...
    ValueError: unknown category 'musik'. Did you mean 'music'? Valid: broadcasting, characters, games, knowledge information, music.
    """
    table = load("korea_content_exports_by_category") if by_category is None else by_category
    valid = sorted(set(table["category"]) - {"all content"})
    choose(category, valid, "category")
    totals = table[table["category"] == "all content"][["year", "release", "exports_usd_million"]]
    part = table[table["category"] == category][["year", "release", "category", "exports_usd_million"]]
    out = part.merge(totals.rename(columns={"exports_usd_million": "total_usd_million"}), on=["year", "release"])
    out["share_pct"] = (100 * out["exports_usd_million"] / out["total_usd_million"]).round(1)
    out["year"] = out["year"].astype("int64")
    return out.reset_index(drop=True)


def hybe_regions(financials: pd.DataFrame | None = None) -> pd.DataFrame:
    """HYBE's FY2023 revenue share by region, as reported second-hand.

    Returns
    -------
    pandas.DataFrame
        ``region``, ``share_pct``, ``second_hand``, ``source_publisher``,
        ``source_url``, plus a row ``not attributed`` for the gap to 100 %
        (the reported shares add up to less than 100).

    Examples
    --------
    >>> r = hybe_regions()
    >>> r[["region", "share_pct"]].values.tolist()[:2]
    [['Korea', 36.0], ['Japan', 31.0]]
    >>> bool(r["second_hand"].all()), float(r["share_pct"].sum())
    (True, 100.0)
    """
    fin = load("hybe_financials") if financials is None else financials
    prefix = "revenue share "
    rows = fin[fin["metric"].str.startswith(prefix) & (fin["unit"] == "percent")]
    if rows.empty:
        raise ValueError("the table has no 'revenue share <region>' rows in percent")
    out = pd.DataFrame({
        "fiscal_year": rows["fiscal_year"].astype(int).to_numpy(),
        "region": rows["metric"].str.slice(len(prefix)).to_numpy(),
        "share_pct": rows["value"].astype(float).to_numpy(),
        "second_hand": rows["second_hand"].astype(bool).to_numpy(),
        "source_publisher": rows["source_publisher"].to_numpy(),
        "source_url": rows["source_url"].to_numpy(),
    })
    gap = round(100 - out["share_pct"].sum(), 6)
    if gap > 0:
        first = out.iloc[0]
        out.loc[len(out)] = [first["fiscal_year"], "not attributed", gap, first["second_hand"],
                             "(difference to 100 %)", first["source_url"]]
    return out


def hybe_overseas_share(regions: pd.DataFrame | None = None, home: str = "Korea") -> dict:
    """Bounds on HYBE's revenue share outside Korea, from :func:`hybe_regions`.

    The low bound adds the named foreign regions; the high bound is 100 minus
    the home share (it assumes the unattributed rest is foreign too).

    >>> hybe_overseas_share()
    {'low_pct': 61.0, 'high_pct': 64.0, 'second_hand': True}
    """
    regions = hybe_regions() if regions is None else regions
    if home not in set(regions["region"]):
        raise ValueError(f"no region {home!r}; regions: {', '.join(regions['region'])}")
    named = regions[~regions["region"].isin([home, "not attributed"])]
    home_share = float(regions.loc[regions["region"] == home, "share_pct"].iloc[0])
    return {
        "low_pct": round(float(named["share_pct"].sum()), 6),
        "high_pct": round(100 - home_share, 6),
        "second_hand": bool(regions["second_hand"].any()),
    }
