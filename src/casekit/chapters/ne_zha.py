"""The Ne Zha chapter's machinery: a film's home and international box office.

The paper offers *Ne Zha* as a local story that succeeded abroad (its section
4.3); this module turns the claim into measurements, each tested:

* :func:`gross_split` splits a worldwide gross into its home and
  international parts; :func:`film_split` does it for one film from the
  ``ne_zha_box_office`` table; :func:`split_table` for every film;
* :func:`worldwide_scenarios` lays the conflicting worldwide totals side by side;
* :func:`share_of_year` puts a film's gross in its year's national box office.

>>> from casekit.data import load
>>> round(film_split(load("ne_zha_box_office"), "Ne Zha 2 (2025)", "bn CNY")["domestic_share_pct"], 1)
97.0
"""

from __future__ import annotations

import pandas as pd

from ..choices import choose
from ..data import load

__all__ = [
    "HOME_METRICS",
    "WORLD_METRIC",
    "gross_split",
    "film_split",
    "worldwide_scenarios",
    "split_table",
    "share_of_year",
]

#: The metrics of ``ne_zha_box_office`` that hold a film's final home and world gross.
HOME_METRICS = ("China mainland gross (end of mainland run)", "China mainland gross")
WORLD_METRIC = "global gross"


def gross_split(domestic: float, worldwide: float) -> dict:
    """Split a film's worldwide gross into its home and international parts.

    Parameters
    ----------
    domestic : float
        The gross in the film's home market.
    worldwide : float
        The worldwide gross, in the same unit.

    Returns
    -------
    dict
        ``domestic``, ``international`` (worldwide minus domestic),
        ``domestic_share_pct``, ``international_share_pct`` and
        ``consistent``: False when the home figure exceeds the worldwide one,
        which happens when the two figures come from different reports (a
        negative international part is then returned, not hidden).

    Examples
    --------
    >>> s = gross_split(15.44, 15.91)
    >>> round(s["domestic_share_pct"], 1), round(s["international"], 2), s["consistent"]
    (97.0, 0.47, True)
    >>> gross_split(737.1, 725)["consistent"]
    False
    """
    if not worldwide > 0:
        raise ValueError(f"worldwide gross must be positive; got {worldwide!r}")
    if domestic < 0:
        raise ValueError(f"domestic gross cannot be negative; got {domestic!r}")
    international = worldwide - domestic
    return {
        "domestic": domestic,
        "international": international,
        "domestic_share_pct": 100 * domestic / worldwide,
        "international_share_pct": 100 * international / worldwide,
        "consistent": domestic <= worldwide,
    }


def film_split(box: pd.DataFrame, film: str, unit: str = "bn USD") -> dict:
    """Home and international gross of one film, from one report.

    Takes the final mainland gross and the global gross that the *same*
    publisher gives in ``unit`` (so both figures share a date and an exchange
    rate) and splits them with :func:`gross_split`.

    Parameters
    ----------
    box : DataFrame
        The ``ne_zha_box_office`` table.
    film : str
        A value of its ``film`` column.
    unit : str
        ``"bn USD"`` or ``"bn CNY"``.

    Returns
    -------
    dict
        :func:`gross_split`'s result, plus ``film``, ``unit``,
        ``source_publisher``, ``as_of`` and ``data_provider``.

    Raises
    ------
    ValueError
        For an unknown film or unit, or when no publisher gives both figures
        (the case of *Ne Zha* (2019): use :func:`worldwide_scenarios`).

    Examples
    --------
    >>> s = film_split(load("ne_zha_box_office"), "Ne Zha 2 (2025)", "bn USD")
    >>> round(s["domestic_share_pct"], 1), s["data_provider"]
    (97.3, 'Maoyan')
    """
    choose(film, box["film"], "film")
    rows = box[box["film"] == film]
    choose(unit, rows["unit"], f"unit for {film}")
    rows = rows[rows["unit"] == unit]
    home = rows[rows["metric"].isin(HOME_METRICS)]
    world = rows[rows["metric"] == WORLD_METRIC]
    pairs = home.merge(world, on=["source_publisher", "as_of"], suffixes=("_home", "_world"))
    if pairs.empty:
        raise ValueError(
            f"no publisher gives both the mainland and the global gross of {film} in {unit} "
            f"(mainland from: {', '.join(home['source_publisher']) or 'none'}; "
            f"global from: {', '.join(world['source_publisher']) or 'none'}); "
            "compare the reports with worldwide_scenarios() instead"
        )
    row = pairs.iloc[0]
    out = gross_split(float(row["value_home"]), float(row["value_world"]))
    out.update(film=film, unit=unit, source_publisher=row["source_publisher"], as_of=row["as_of"],
               data_provider=row["data_provider_home"])
    return out


def worldwide_scenarios(
    box: pd.DataFrame, film: str = "Ne Zha (2019)", domestic_metric: str = "China gross in USD"
) -> pd.DataFrame:
    """Set each reported worldwide total of a film against one home figure.

    Where outlets disagree on a film's worldwide gross, the book shows every
    report instead of choosing one. Each row here is one outlet's worldwide
    total, split with :func:`gross_split` against the home figure named by
    ``domestic_metric`` (in the same unit).

    Returns
    -------
    DataFrame
        One row per report: source_publisher, as_of, status, worldwide,
        domestic, international, domestic_share_pct, consistent, unit,
        source_url.

    Examples
    --------
    >>> t = worldwide_scenarios(load("ne_zha_box_office"))
    >>> t[["worldwide", "consistent"]].values.tolist()
    [[742.0, True], [725.0, False], [722.0, False]]
    """
    choose(film, box["film"], "film")
    rows = box[box["film"] == film]
    choose(domestic_metric, rows["metric"], f"metric for {film}")
    home = rows[rows["metric"] == domestic_metric].iloc[0]
    world = rows[(rows["metric"].str.startswith("worldwide")) & (rows["unit"] == home["unit"])]
    if world.empty:
        raise ValueError(f"no worldwide total of {film} in {home['unit']}")
    records = []
    for r in world.itertuples():
        s = gross_split(float(home["value"]), float(r.value))
        records.append({
            "source_publisher": r.source_publisher, "as_of": r.as_of, "status": r.status,
            "worldwide": float(r.value), "domestic": float(home["value"]),
            "international": s["international"], "domestic_share_pct": s["domestic_share_pct"],
            "consistent": s["consistent"], "unit": r.unit, "source_url": r.source_url,
        })
    return pd.DataFrame(records).sort_values("worldwide", ascending=False).reset_index(drop=True)


def split_table(box: pd.DataFrame) -> pd.DataFrame:
    """Mainland and rest-of-world gross of both *Ne Zha* films, in US$ million, per report.

    *Ne Zha 2* has one report with both figures (:func:`film_split`, US$
    billion turned into millions); *Ne Zha* (2019) has one row pair per
    conflicting worldwide total (:func:`worldwide_scenarios`). Charts filter
    on ``report`` to let the reader choose the 2019 total.

    Returns
    -------
    DataFrame
        film, report, part ("mainland China" or "rest of world"),
        value_musd, share_pct (of that report's worldwide total),
        worldwide_musd, consistent, status.

    Examples
    --------
    >>> t = split_table(load("ne_zha_box_office"))
    >>> t[t.film == "Ne Zha 2 (2025)"].set_index("part")["value_musd"].round(0).to_dict()
    {'mainland China': 2130.0, 'rest of world': 60.0}
    """
    rows = []
    two = film_split(box, "Ne Zha 2 (2025)", "bn USD")
    status = box[(box.film == "Ne Zha 2 (2025)") & (box.metric == WORLD_METRIC)]["status"].iloc[0]
    scenarios = [("Ne Zha 2 (2025)", f"{two['source_publisher']} ({two['data_provider']}, {two['as_of']})",
                  1000 * two["domestic"], 1000 * (two["domestic"] + two["international"]), status)]
    for r in worldwide_scenarios(box).itertuples():
        scenarios.append(("Ne Zha (2019)", f"{r.source_publisher} ({r.as_of})", r.domestic, r.worldwide, r.status))
    for film, report, home, world, status in scenarios:
        s = gross_split(home, world)
        for part, value, share in (("mainland China", s["domestic"], s["domestic_share_pct"]),
                                   ("rest of world", s["international"], s["international_share_pct"])):
            rows.append({"film": film, "report": report, "part": part, "value_musd": round(value, 1),
                         "share_pct": round(share, 2), "worldwide_musd": round(world, 1),
                         "consistent": s["consistent"], "status": status})
    return pd.DataFrame(rows)


def share_of_year(gross_bn_cny: float, year: int, annual: pd.DataFrame | None = None) -> dict:
    """A film's place in its year's box office in mainland China.

    Parameters
    ----------
    gross_bn_cny : float
        The film's mainland gross in that year, billion yuan.
    year : int
        A year of ``china_box_office_annual``.
    annual : DataFrame, optional
        That table (loaded if not given).

    Returns
    -------
    dict
        ``share_of_total_pct`` (of all films' gross), ``share_of_domestic_pct``
        (of Chinese films' gross), ``domestic_share_pct`` (Chinese films'
        share, as published) and ``domestic_share_without_pct``: the share
        Chinese films would have had with the film's gross taken out of both
        totals - arithmetic, not a forecast of what audiences would have done.

    Examples
    --------
    >>> s = share_of_year(5.0, 2019)
    >>> round(s["share_of_total_pct"], 1), round(s["share_of_domestic_pct"], 1)
    (7.8, 12.1)
    """
    annual = load("china_box_office_annual") if annual is None else annual
    choose(year, annual["year"], "year")
    row = annual.set_index("year").loc[year]
    total, domestic = float(row["total_box_office_bn_cny"]), float(row["domestic_films_bn_cny"])
    if not 0 <= gross_bn_cny <= domestic:
        raise ValueError(
            f"a Chinese film's gross must lie between 0 and the {year} gross of Chinese films "
            f"({domestic} bn yuan); got {gross_bn_cny!r}"
        )
    gross_bn_cny = float(gross_bn_cny)
    return {
        "year": int(year),
        "share_of_total_pct": 100 * gross_bn_cny / total,
        "share_of_domestic_pct": 100 * gross_bn_cny / domestic,
        "domestic_share_pct": float(row["domestic_share_pct"]),
        "domestic_share_without_pct": 100 * (domestic - gross_bn_cny) / (total - gross_bn_cny),
    }


