"""Home films against imports: how much of a country's cinema market its own films take.

Two small steps behind the challenges chapter's test of *cultural
homogenization* and *competition from multinationals*:

* :func:`national_film_shares` -- the ``national_film_share`` table made
  tidy, with the measure spelt out (China and Japan publish shares of gross
  box office, South Korea and France shares of admissions) and a multi-year
  average row ("2017-2019 average") given the start and end years it covers;
* :func:`share_change` -- each country's first and latest annual share and
  the change between them, in percentage points;
* :func:`domestic_vs_imported` -- China's total box office split into
  Chinese films and imported films, with the years the table lacks.

>>> shares = national_film_shares()
>>> sorted(shares["measure_label"].unique())
['share of admissions (tickets)', 'share of gross box office (revenue)']
"""

from __future__ import annotations

import re

import pandas as pd

from ..choices import choose_all
from ..data import load

__all__ = ["MEASURE_LABELS", "national_film_shares", "share_change", "domestic_vs_imported"]

#: How each ``measure`` of ``national_film_share`` reads in a chart.
MEASURE_LABELS = {
    "gross box office": "share of gross box office (revenue)",
    "admissions": "share of admissions (tickets)",
}

_AVERAGE = re.compile(r"^(\d{4})-(\d{4}) average$")


def national_film_shares(table: pd.DataFrame | None = None) -> pd.DataFrame:
    """National films' share of their home market, one row per country and period.

    Parameters
    ----------
    table : DataFrame, optional
        The ``national_film_share`` table (default: loaded from the book's data).

    Returns
    -------
    pandas.DataFrame
        Columns ``country``, ``period``, ``year`` (empty for a multi-year
        average), ``start_year``, ``end_year`` (the years a row covers),
        ``is_average``, ``share_pct``, ``measure``, ``measure_label``,
        ``us_film_share_pct``, ``source_url``; sorted by country and start year.

    Raises
    ------
    ValueError
        A ``measure`` other than those in :data:`MEASURE_LABELS`, or a period
        that is neither a year nor "YYYY-YYYY average".

    Examples
    --------
    >>> t = national_film_shares()
    >>> avg = t.query("country == 'France' and is_average").iloc[0]
    >>> int(avg["start_year"]), int(avg["end_year"]), float(avg["share_pct"])
    (2017, 2019, 37.2)
    """
    table = load("national_film_share") if table is None else table
    choose_all(table["measure"], MEASURE_LABELS, "measure")
    rows = []
    for r in table.itertuples(index=False):
        period = str(r.period)
        match = _AVERAGE.match(period)
        if match:
            start, end, average = int(match[1]), int(match[2]), True
        elif period.isdigit():
            start = end = int(period)
            average = False
        else:
            raise ValueError(
                f"period {period!r} of {r.country} is neither a year nor 'YYYY-YYYY average'"
            )
        rows.append(
            {
                "country": str(r.country),
                "period": period,
                "year": None if average else start,
                "start_year": start,
                "end_year": end,
                "is_average": average,
                "share_pct": float(r.national_film_share_pct),
                "measure": str(r.measure),
                "measure_label": MEASURE_LABELS[str(r.measure)],
                "us_film_share_pct": None if pd.isna(r.us_film_share_pct) else float(r.us_film_share_pct),
                "source_url": str(r.source_url),
            }
        )
    out = pd.DataFrame(rows)
    out["year"] = out["year"].astype("Int64")
    return out.sort_values(["country", "start_year", "is_average"]).reset_index(drop=True)


def share_change(shares: pd.DataFrame | None = None) -> pd.DataFrame:
    """First and latest annual share per country, and the change in percentage points.

    Multi-year averages are left out; only single years are compared.

    Parameters
    ----------
    shares : DataFrame, optional
        The output of :func:`national_film_shares`.

    Returns
    -------
    pandas.DataFrame indexed by country: ``first_year``, ``first_pct``,
    ``last_year``, ``last_pct``, ``change_points``, ``years`` (how many
    annual values there are) and ``measure``.

    Examples
    --------
    >>> t = pd.DataFrame({"country": ["A", "A", "A"], "year": [2000, 2005, 2010],
    ...                   "is_average": [False] * 3, "share_pct": [40.0, 30.0, 45.5],
    ...                   "measure": ["admissions"] * 3})
    >>> share_change(t).loc["A", ["first_pct", "last_pct", "change_points"]].tolist()
    [40.0, 45.5, 5.5]
    """
    shares = national_film_shares() if shares is None else shares
    annual = shares[~shares["is_average"].astype(bool)].sort_values(["country", "year"])
    out = annual.groupby("country").agg(
        first_year=("year", "first"),
        first_pct=("share_pct", "first"),
        last_year=("year", "last"),
        last_pct=("share_pct", "last"),
        years=("year", "size"),
        measure=("measure", "first"),
    )
    out.insert(4, "change_points", out["last_pct"] - out["first_pct"])
    return out


def domestic_vs_imported(table: pd.DataFrame | None = None) -> pd.DataFrame:
    """China's box office split into Chinese and imported films, by year.

    Parameters
    ----------
    table : DataFrame, optional
        The ``china_box_office_annual`` table (default: loaded).

    Returns
    -------
    pandas.DataFrame
        Columns ``year``, ``total_bn_cny``, ``domestic_bn_cny``,
        ``imported_bn_cny`` (total minus domestic), ``domestic_share_pct``
        (as published) and ``computed_share_pct`` (domestic / total), sorted
        by year. ``.attrs["missing_years"]`` lists the years between the
        first and the last that have no row.

    Examples
    --------
    >>> t = domestic_vs_imported()
    >>> t.attrs["missing_years"]
    [2015, 2016, 2017]
    >>> round(float(t.set_index("year").loc[2014, "imported_bn_cny"]), 2)
    13.45
    """
    table = load("china_box_office_annual") if table is None else table
    for col in ("year", "total_box_office_bn_cny", "domestic_films_bn_cny", "domestic_share_pct"):
        if col not in table.columns:
            raise ValueError(f"no column {col!r}; the columns are {', '.join(map(str, table.columns))}")
    out = pd.DataFrame(
        {
            "year": table["year"].astype(int),
            "total_bn_cny": table["total_box_office_bn_cny"].astype(float),
            "domestic_bn_cny": table["domestic_films_bn_cny"].astype(float),
        }
    )
    out["imported_bn_cny"] = out["total_bn_cny"] - out["domestic_bn_cny"]
    out["domestic_share_pct"] = table["domestic_share_pct"].astype(float).to_numpy()
    out["computed_share_pct"] = 100 * out["domestic_bn_cny"] / out["total_bn_cny"]
    out = out.sort_values("year").reset_index(drop=True)
    years = set(out["year"])
    out.attrs["missing_years"] = [y for y in range(min(years), max(years) + 1) if y not in years]
    return out
