"""The case chapters' machinery: a film's home share, Nintendo's fiscal years,
hardware eras and regional shares across changing region schemes.

The paper's cases (its section 4.3) are anecdotes; the case chapters turn them
into measurements. The small steps they need live here, each tested:

* **films** - :func:`gross_split` splits a worldwide gross into its home and
  international parts; :func:`film_split` does it for one film from the
  ``ne_zha_box_office`` table; :func:`worldwide_scenarios` lays the
  conflicting worldwide totals side by side; :func:`share_of_year` puts a
  film's gross in its year's national box office.
* **Nintendo** - :func:`parse_fiscal_year` and :func:`fiscal_year_label`
  read and write Nintendo's fiscal-year labels (the year ended in August up
  to 1989, in March since); :func:`platform_launches` and :func:`assign_era`
  mark hardware eras; :func:`harmonize_regions` and :func:`region_share`
  compare regions across Nintendo's change of region scheme in FY3/2020;
  :func:`vgchartz_shares` turns the VGChartz estimates into regional shares.

>>> from casekit.data import load
>>> round(film_split(load("ne_zha_box_office"), "Ne Zha 2 (2025)", "bn CNY")["domestic_share_pct"], 1)
97.0
>>> parse_fiscal_year("FY3/2024")
(2024, 3)
"""

from __future__ import annotations

import re
from datetime import date

import pandas as pd

from .data import load

__all__ = [
    "gross_split",
    "film_split",
    "worldwide_scenarios",
    "split_table",
    "share_of_year",
    "parse_fiscal_year",
    "fiscal_year_label",
    "fiscal_year_months",
    "platform_launches",
    "assign_era",
    "harmonize_regions",
    "region_share",
    "vgchartz_shares",
    "REGION_SCHEMES",
]

# ---------------------------------------------------------------------------
# Films
# ---------------------------------------------------------------------------

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


def _check_choice(value, valid, what: str):
    valid = list(dict.fromkeys(valid))
    if value not in valid:
        raise ValueError(f"unknown {what} {value!r}; valid: {', '.join(map(str, valid))}")


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

    >>> s = film_split(load("ne_zha_box_office"), "Ne Zha 2 (2025)", "bn USD")
    >>> round(s["domestic_share_pct"], 1), s["data_provider"]
    (97.3, 'Maoyan')
    """
    _check_choice(film, box["film"], "film")
    rows = box[box["film"] == film]
    _check_choice(unit, rows["unit"], f"unit for {film}")
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

    >>> t = worldwide_scenarios(load("ne_zha_box_office"))
    >>> t[["worldwide", "consistent"]].values.tolist()
    [[742.0, True], [725.0, False], [722.0, False]]
    """
    _check_choice(film, box["film"], "film")
    rows = box[box["film"] == film]
    _check_choice(domestic_metric, rows["metric"], f"metric for {film}")
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

    >>> s = share_of_year(5.0, 2019)
    >>> round(s["share_of_total_pct"], 1), round(s["share_of_domestic_pct"], 1)
    (7.8, 12.1)
    """
    annual = load("china_box_office_annual") if annual is None else annual
    _check_choice(year, annual["year"], "year")
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


# ---------------------------------------------------------------------------
# Nintendo: fiscal years and eras
# ---------------------------------------------------------------------------

_FY = re.compile(r"FY(\d{1,2})/(\d{4})")
#: Nintendo's fiscal years ended in August up to FY8/1989, in March from FY3/1990.
LAST_AUGUST_YEAR = 1989


def parse_fiscal_year(label: str) -> tuple[int, int]:
    """Read one of Nintendo's fiscal-year labels.

    ``"FY3/2024"`` is the year that ended in March 2024.

    Returns
    -------
    tuple
        (year, month) in which the fiscal year ends.

    >>> parse_fiscal_year("FY8/1989")
    (1989, 8)
    >>> parse_fiscal_year("2024")
    Traceback (most recent call last):
    ...
    ValueError: not a fiscal-year label: '2024'; expected 'FY<month>/<year>', e.g. 'FY3/2024'
    """
    match = _FY.fullmatch(str(label).strip())
    if not match or not 1 <= int(match.group(1)) <= 12:
        raise ValueError(f"not a fiscal-year label: {label!r}; expected 'FY<month>/<year>', e.g. 'FY3/2024'")
    return int(match.group(2)), int(match.group(1))


def fiscal_year_label(day: date | str) -> str:
    """The Nintendo fiscal year a date falls in.

    Years ended in August up to FY8/1989; then the year ended in March, so
    FY3/1990 ran from September 1989 to March 1990.

    >>> fiscal_year_label("1983-07-15"), fiscal_year_label("1990-11-21"), fiscal_year_label("2017-03-03")
    ('FY8/1983', 'FY3/1991', 'FY3/2017')
    >>> fiscal_year_label("1989-10-01")
    'FY3/1990'
    """
    day = date.fromisoformat(day) if isinstance(day, str) else day
    if (day.year, day.month) <= (LAST_AUGUST_YEAR, 8):
        return f"FY8/{day.year if day.month <= 8 else day.year + 1}"
    return f"FY3/{day.year if day.month <= 3 else day.year + 1}"


def fiscal_year_months(labels) -> pd.Series:
    """Months between each fiscal year's end and the previous one's.

    The first year has no predecessor (NaN). A value other than 12 flags a
    change of year end: Nintendo's FY3/1990 ends seven months after FY8/1989.

    >>> fiscal_year_months(["FY8/1988", "FY8/1989", "FY3/1990", "FY3/1991"]).tolist()
    [nan, 12.0, 7.0, 12.0]
    """
    ends = [parse_fiscal_year(x) for x in labels]
    months = [y * 12 + m for y, m in ends]
    return pd.Series([float("nan")] + [float(b - a) for a, b in zip(months, months[1:])], index=list(labels))


#: The first fiscal year whose report lists every platform on sale (FY3/1997's lists only
#: Nintendo 64): a platform first seen by then may have been launched years before.
FULL_COVERAGE_FROM = "FY3/1998"


def platform_launches(units: pd.DataFrame | None = None, earlier: pd.DataFrame | None = None) -> pd.DataFrame:
    """When each Nintendo platform was launched, as a fiscal year.

    For platforms launched while the units table runs, the launch year is
    read off it: the first fiscal year with hardware units sold. Platforms
    already on sale when the table begins (the FY3/1997 report lists only
    Nintendo 64; Game Boy, Famicom and Super Famicom first appear in
    FY3/1998, years after their launch) cannot be dated that way; their
    launch comes from the compiled ``nintendo_platform_launches`` table (the
    launch date in Japan, turned into a fiscal year with
    :func:`fiscal_year_label`), which takes precedence.

    Returns
    -------
    DataFrame
        platform, launch_fiscal_year, launch_year_end (YYYY-MM), basis.

    >>> p = platform_launches().set_index("platform")
    >>> p.loc["Wii", "launch_fiscal_year"], p.loc["Game Boy", "launch_fiscal_year"]
    ('FY3/2007', 'FY8/1989')
    """
    units = load("nintendo_units_by_region") if units is None else units
    earlier = load("nintendo_platform_launches") if earlier is None else earlier
    hw = units[(units["kind"] == "hardware") & (units["region"] == "Global") & (units["units_million"] > 0)]
    first = hw.sort_values("fiscal_year_end").groupby("platform", sort=False).first()
    rows = {
        r.platform: (fiscal_year_label(str(r.launch_date_japan)), f"launch in Japan on {r.launch_date_japan}")
        for r in earlier.itertuples()
    }
    y, m = parse_fiscal_year(FULL_COVERAGE_FROM)
    for platform, r in first.iterrows():
        if platform not in rows and r["fiscal_year_end"] > f"{y:04d}-{m:02d}":
            rows[platform] = (r["fiscal_year"], "first hardware units in nintendo_units_by_region")
    out = pd.DataFrame(
        [{"platform": p, "launch_fiscal_year": fy, "basis": b} for p, (fy, b) in rows.items()]
    )
    missing = sorted(set(units["platform"]) - set(out["platform"]))
    if missing:
        raise ValueError(
            f"no launch year for {', '.join(missing)}: they appear in the units table by "
            f"{FULL_COVERAGE_FROM}, when they may already have been on sale (or sold no hardware); "
            "add their launch dates to nintendo_platform_launches"
        )
    out["launch_year_end"] = [
        f"{y:04d}-{m:02d}" for y, m in map(parse_fiscal_year, out["launch_fiscal_year"])
    ]
    return out.sort_values("launch_year_end").reset_index(drop=True)[
        ["platform", "launch_fiscal_year", "launch_year_end", "basis"]
    ]


def assign_era(fiscal_years, launches: pd.DataFrame) -> pd.Series:
    """Name each fiscal year after the most recent platform launched by then.

    An era here is simply "since the latest launch": a deliberately plain
    rule (Nintendo sells a home and a handheld platform side by side, so any
    single label is a simplification). Years before the first launch get
    ``"before <first platform>"``.

    >>> l = pd.DataFrame({"platform": ["A", "B"], "launch_fiscal_year": ["FY3/2001", "FY3/2005"]})
    >>> assign_era(["FY3/2000", "FY3/2001", "FY3/2004", "FY3/2006"], l).tolist()
    ['before A', 'A', 'A', 'B']
    """
    order = sorted((parse_fiscal_year(fy), p) for fy, p in zip(launches["launch_fiscal_year"], launches["platform"]))
    if not order:
        raise ValueError("launches is empty: give at least one platform and its launch_fiscal_year")
    eras = []
    for fy in fiscal_years:
        key = parse_fiscal_year(fy)
        current = [p for when, p in order if when <= key]
        eras.append(current[-1] if current else f"before {order[0][1]}")
    return pd.Series(eras, index=list(fiscal_years), name="era")


# ---------------------------------------------------------------------------
# Nintendo: regions
# ---------------------------------------------------------------------------

#: Nintendo's region schemes, coarsest first, and the regions of each.
REGION_SCHEMES = {
    "japan_overseas": ("Japan", "Overseas"),
    "japan_americas_other": ("Japan", "The Americas", "Other"),
    "japan_americas_europe_other": ("Japan", "The Americas", "Europe", "Other"),
}
_FINENESS = {name: i for i, name in enumerate(REGION_SCHEMES)}
_KEYS = ["fiscal_year", "fiscal_year_end", "platform", "kind"]


def _collapse(group: pd.DataFrame, scheme: str) -> dict | None:
    """One platform-year's units in ``scheme``, or None if it is too coarse."""
    have = group["region_scheme"].iloc[0]
    if _FINENESS[have] < _FINENESS[scheme]:
        return None
    units = dict(zip(group["region"], group["units_million"]))
    out = {"Global": units["Global"], "Japan": units.get("Japan", 0.0)}
    if scheme == "japan_overseas":
        out["Overseas"] = round(sum(v for k, v in units.items() if k not in ("Global", "Japan")), 2)
    elif scheme == "japan_americas_other":
        out["The Americas"] = units.get("The Americas", 0.0)
        out["Other"] = round(units.get("Other", 0.0) + units.get("Europe", 0.0), 2)
    else:
        out.update({k: units.get(k, 0.0) for k in ("The Americas", "Europe", "Other")})
    return out


def harmonize_regions(units: pd.DataFrame, scheme: str = "japan_overseas", errors: str = "raise") -> pd.DataFrame:
    """Put every platform-year of Nintendo's units in one region scheme.

    Nintendo changed its regions: Japan / Overseas in the oldest reports,
    Japan / The Americas / Other until FY3/2019, Japan / The Americas /
    Europe / Other from FY3/2020 (FY3/2017-FY3/2019 restated for Switch).
    A finer scheme can be collapsed into a coarser one (Europe goes into
    Other, everything outside Japan into Overseas), never the other way.
    Where a platform-year is given in two schemes, the finer is used, once.

    Parameters
    ----------
    units : DataFrame
        ``nintendo_units_by_region`` (or a subset of it).
    scheme : str
        A key of :data:`REGION_SCHEMES`.
    errors : {"raise", "drop", "coarser"}
        What to do with platform-years reported only in a coarser scheme:
        raise an error, leave them out, or keep them in their own scheme
        (``source_scheme`` then says which regions a row's year has).

    Returns
    -------
    DataFrame
        fiscal_year, fiscal_year_end, platform, kind, source_scheme, region,
        units_million - the regions of ``scheme`` plus "Global".

    >>> u = load("nintendo_units_by_region")
    >>> h = harmonize_regions(u, "japan_americas_other", errors="drop")
    >>> sw = h[(h.fiscal_year == "FY3/2021") & (h.platform == "Nintendo Switch") & (h.kind == "hardware")]
    >>> sw.set_index("region")["units_million"].to_dict()
    {'Global': 28.83, 'Japan': 6.6, 'The Americas': 11.15, 'Other': 11.08}
    >>> sorted(harmonize_regions(u, "japan_americas_other", errors="coarser")["region"].unique())
    ['Global', 'Japan', 'Other', 'Overseas', 'The Americas']
    """
    _check_choice(scheme, REGION_SCHEMES, "region scheme")
    _check_choice(errors, ["raise", "drop", "coarser"], "errors option")
    frame = units.copy()
    frame["_fine"] = frame["region_scheme"].map(_FINENESS)
    finest = frame.groupby(_KEYS)["_fine"].transform("max")
    frame = frame[frame["_fine"] == finest]
    records, too_coarse = [], []
    for key, group in frame.groupby(_KEYS, sort=False):
        collapsed = _collapse(group, scheme)
        if collapsed is None and errors == "coarser":
            collapsed = _collapse(group, group["region_scheme"].iloc[0])
        if collapsed is None:
            too_coarse.append(f"{key[0]} {key[2]} {key[3]} ({group['region_scheme'].iloc[0]})")
            continue
        for region, value in collapsed.items():
            records.append(dict(zip(_KEYS, key), source_scheme=group["region_scheme"].iloc[0],
                                region=region, units_million=value))
    if too_coarse and errors == "raise":
        shown = "; ".join(too_coarse[:5]) + (f"; and {len(too_coarse) - 5} more" if len(too_coarse) > 5 else "")
        raise ValueError(
            f"{len(too_coarse)} platform-years are reported only in a coarser scheme than {scheme!r}: "
            f"{shown}. Use a coarser scheme ({', '.join(REGION_SCHEMES)}) or errors='drop'"
        )
    return pd.DataFrame(records, columns=[*_KEYS, "source_scheme", "region", "units_million"])


def region_share(units: pd.DataFrame, region: str = "Japan", kind: str | None = None,
                 platform: str | None = None) -> pd.DataFrame:
    """A region's share of Nintendo's units sold, by fiscal year.

    Uses the coarsest region scheme that has ``region`` (Japan and Overseas:
    every year; The Americas: from FY3/1999; Europe: only platform-years
    reported with Europe, i.e. Switch and Switch 2), and takes both the
    region's units and the worldwide total over the same platform-years, so
    the share is never computed against a total it was not part of.

    Returns
    -------
    DataFrame
        fiscal_year, fiscal_year_end, kind, region, units_million,
        global_units_million, share_pct, platforms (how many were summed).

    >>> s = region_share(load("nintendo_units_by_region"), "Japan", kind="hardware")
    >>> float(s.set_index("fiscal_year").loc["FY3/2026", "share_pct"].round(1))
    28.7
    """
    valid = sorted({r for regions in REGION_SCHEMES.values() for r in regions})
    _check_choice(region, valid, "region")
    scheme = next(s for s, regions in REGION_SCHEMES.items() if region in regions)
    if kind is not None:
        _check_choice(kind, units["kind"], "kind")
        units = units[units["kind"] == kind]
    if platform is not None:
        _check_choice(platform, units["platform"], "platform")
        units = units[units["platform"] == platform]
    h = harmonize_regions(units, scheme, errors="drop")
    keys = ["fiscal_year", "fiscal_year_end", "kind"]
    part = h[h["region"] == region].groupby(keys)["units_million"].sum()
    total = h[h["region"] == "Global"].groupby(keys)["units_million"].sum()
    count = h[h["region"] == "Global"].groupby(keys)["platform"].nunique()
    out = pd.DataFrame({"units_million": part, "global_units_million": total, "platforms": count}).reset_index()
    out = out[out["global_units_million"] > 0]
    out.insert(3, "region", region)
    out["share_pct"] = 100 * out["units_million"] / out["global_units_million"]
    out["units_million"] = out["units_million"].round(2)
    out["global_units_million"] = out["global_units_million"].round(2)
    return out.sort_values(["kind", "fiscal_year_end"]).reset_index(drop=True)[
        ["fiscal_year", "fiscal_year_end", "kind", "region", "units_million", "global_units_million",
         "share_pct", "platforms"]
    ]


_VG_REGIONS = {"na": "North America", "eu": "Europe", "jp": "Japan", "other": "Other"}


def vgchartz_shares(table: pd.DataFrame | None = None) -> pd.DataFrame:
    """Each region's share of Nintendo-published units, by release year (VGChartz ESTIMATES).

    Returns
    -------
    DataFrame
        release_year, titles, region, units_million, global_units_million,
        share_pct and basis ("VGChartz estimate") - one row per year and region.

    >>> s = vgchartz_shares()
    >>> s[(s.release_year == 2006) & (s.region == "Japan")]["share_pct"].round(1).tolist()
    [17.9]
    """
    table = load("vgchartz_nintendo_units") if table is None else table
    long = table.melt(
        id_vars=["release_year", "titles", "global_units_million"],
        value_vars=[f"{k}_units_million" for k in _VG_REGIONS],
        var_name="region", value_name="units_million",
    )
    long["region"] = long["region"].str.replace("_units_million", "").map(_VG_REGIONS)
    long["share_pct"] = 100 * long["units_million"] / long["global_units_million"]
    long["basis"] = "VGChartz estimate"
    order = {r: i for i, r in enumerate(_VG_REGIONS.values())}
    long = long.sort_values(["release_year", "region"], key=lambda s: s.map(order) if s.name == "region" else s)
    return long.reset_index(drop=True)[
        ["release_year", "titles", "region", "units_million", "global_units_million", "share_pct", "basis"]
    ]
