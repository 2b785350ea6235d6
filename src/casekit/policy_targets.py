"""Policy targets against outcomes: what growth a government's target asks for.

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
"""

from __future__ import annotations

import pandas as pd

from .data import load

__all__ = ["required_growth", "korea_exports", "category_shares"]


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
