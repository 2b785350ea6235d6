"""How big the cultural and creative industries are, and how much they trade.

Small, tested steps behind the theory chapter: shares of a world total,
revenue per job, UNCTAD's trade figures in one unit, and growth between two
years.

>>> from casekit.data import load
>>> shares = region_shares(load("cultural_times_regions"))
>>> float(shares.loc["Asia-Pacific", "revenue_share_pct"].round(1))
33.0
"""

from __future__ import annotations

import pandas as pd

from ..data import load

__all__ = ["region_shares", "creative_exports", "growth", "services_composition"]

_TO_BILLIONS = {"billion USD": 1.0, "trillion USD": 1000.0}


def region_shares(regions: pd.DataFrame, world: str = "World") -> pd.DataFrame:
    """Each region's share of world revenue and jobs, and its revenue per job.

    Parameters
    ----------
    regions : DataFrame
        The ``cultural_times_regions`` table (region, revenue_usd_bn,
        jobs_million, ...), including a row for the world.
    world : str
        The label of the world row.

    Returns
    -------
    DataFrame indexed by region (world row excluded) with revenue_usd_bn,
    jobs_million, revenue_share_pct, jobs_share_pct and
    revenue_per_job_usd_k (thousand US$ of revenue per job).

    Examples
    --------
    >>> t = region_shares(load("cultural_times_regions"))
    >>> t.loc["North America", ["revenue_share_pct", "jobs_share_pct"]].round(0).tolist()
    [28.0, 16.0]
    """
    table = regions.set_index("region")
    if world not in table.index:
        raise ValueError(
            f"no {world!r} row to take shares of; the regions are: {', '.join(table.index)}"
        )
    total = table.loc[world]
    out = table.drop(index=world)[["revenue_usd_bn", "jobs_million"]].copy()
    out["revenue_share_pct"] = 100 * out["revenue_usd_bn"] / total["revenue_usd_bn"]
    out["jobs_share_pct"] = 100 * out["jobs_million"] / total["jobs_million"]
    # (US$ 1e9) / (1e6 jobs) = US$ 1e3 per job: the ratio is already in thousands
    out["revenue_per_job_usd_k"] = out["revenue_usd_bn"] / out["jobs_million"]
    return out.sort_values("revenue_usd_bn", ascending=False)


def creative_exports(table: pd.DataFrame | None = None) -> pd.DataFrame:
    """World exports of creative goods and services, in US$ billion, by year.

    Gathers the export figures of every edition of UNCTAD's Creative Economy
    Outlook into one tidy table, converting trillions to billions.

    Returns
    -------
    DataFrame with columns year, kind ("goods" or "services"),
    exports_usd_bn, edition and source_url, sorted by kind and year. Where
    two editions give the same year, both rows are kept.

    Examples
    --------
    >>> ex = creative_exports()
    >>> ex.query("kind == 'services' and year == 2022")["exports_usd_bn"].tolist()
    [1400.0]
    """
    table = load("unctad_creative_economy") if table is None else table
    kinds = {
        "creative goods exports (world)": "goods",
        "world creative goods market": "goods",
        "creative services exports (world)": "services",
    }
    rows = table[table["metric"].isin(list(kinds))].copy()
    rows["kind"] = rows["metric"].map(kinds)
    rows["exports_usd_bn"] = rows["value"] * rows["unit"].map(_TO_BILLIONS)
    rows["year"] = rows["year"].astype(int)
    out = rows[["year", "kind", "exports_usd_bn", "edition", "source_url"]]
    return out.sort_values(["kind", "year"]).reset_index(drop=True)


def growth(values: pd.Series, start: int, end: int) -> dict:
    """Growth of a yearly series between two years: the multiple and the
    compound annual growth rate, in percent.

    Parameters
    ----------
    values : Series indexed by year
    start, end : int
        Years present in the index, ``start < end``.

    >>> g = growth(pd.Series({2010: 100.0, 2020: 200.0}), 2010, 2020)
    >>> round(g["multiple"], 2), round(g["cagr_pct"], 2)
    (2.0, 7.18)
    >>> growth(pd.Series({2010: 1.0}), 2010, 2030)
    Traceback (most recent call last):
    ...
    ValueError: no value for 2030; the years available are 2010
    """
    for year in (start, end):
        if year not in values.index:
            years = ", ".join(str(y) for y in sorted(values.index))
            raise ValueError(f"no value for {year}; the years available are {years}")
    if not start < end:
        raise ValueError(f"start ({start}) must come before end ({end})")
    multiple = float(values[end] / values[start])
    return {
        "start": start,
        "end": end,
        "multiple": multiple,
        "cagr_pct": 100 * (multiple ** (1 / (end - start)) - 1),
    }


def services_composition(table: pd.DataFrame | None = None) -> pd.DataFrame:
    """What creative services exports consisted of in 2022 (UNCTAD CEO 2024).

    Returns
    -------
    DataFrame with columns category, share_pct, source_url, largest first.

    Examples
    --------
    >>> services_composition()["category"].iloc[0]
    'Software'
    """
    table = load("unctad_creative_economy") if table is None else table
    names = {
        "software services share of creative services exports": "Software",
        "R&D share of creative services exports": "Research and development",
        "advertising/market research/architecture share": "Advertising, market research, architecture",
        "audiovisual services share": "Audiovisual",
        "information services share": "Information",
        "cultural recreational heritage services share": "Cultural, recreational and heritage",
    }
    rows = table[(table["edition"] == "CEO 2024") & table["metric"].isin(list(names))].copy()
    rows["category"] = rows["metric"].map(names)
    rows = rows.rename(columns={"value": "share_pct"})
    return rows[["category", "share_pct", "source_url"]].sort_values("share_pct", ascending=False).reset_index(drop=True)
