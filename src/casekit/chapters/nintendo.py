"""The Nintendo chapter's machinery: fiscal years, hardware eras, and regional
shares across Nintendo's changing region schemes.

* :func:`parse_fiscal_year` and :func:`fiscal_year_label` read and write
  Nintendo's fiscal-year labels (the year ended in August up to 1989, in March
  since); :func:`platform_launches` and :func:`assign_era` mark hardware eras;
* :func:`harmonize_regions` and :func:`region_share` compare regions across
  Nintendo's change of region scheme in FY3/2020;
* :func:`vgchartz_shares` turns the VGChartz estimates into regional shares;
* :func:`digital_share` sets Nintendo's proportion of digital sales beside its
  proportion of sales outside Japan, year by year.

>>> parse_fiscal_year("FY3/2024")
(2024, 3)
"""

from __future__ import annotations

import pandas as pd

from ..choices import choose
from ..data import load
from ..data.derive.nintendo import LAST_AUGUST_YEAR, REGION_SCHEMES, fiscal_year_label, parse_fiscal_year

__all__ = [
    "parse_fiscal_year",
    "fiscal_year_label",
    "fiscal_year_months",
    "platform_launches",
    "assign_era",
    "harmonize_regions",
    "region_share",
    "vgchartz_shares",
    "digital_share",
    "REGION_SCHEMES",
    "LAST_AUGUST_YEAR",
]

# ---------------------------------------------------------------------------
# Nintendo: fiscal years and eras
# ---------------------------------------------------------------------------

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

    Examples
    --------
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
        A key of ``REGION_SCHEMES``.
    errors : {"raise", "drop", "coarser"}
        What to do with platform-years reported only in a coarser scheme:
        raise an error, leave them out, or keep them in their own scheme
        (``source_scheme`` then says which regions a row's year has).

    Returns
    -------
    DataFrame
        fiscal_year, fiscal_year_end, platform, kind, source_scheme, region,
        units_million - the regions of ``scheme`` plus "Global".

    Examples
    --------
    >>> u = load("nintendo_units_by_region")
    >>> h = harmonize_regions(u, "japan_americas_other", errors="drop")
    >>> sw = h[(h.fiscal_year == "FY3/2021") & (h.platform == "Nintendo Switch") & (h.kind == "hardware")]
    >>> sw.set_index("region")["units_million"].to_dict()
    {'Global': 28.83, 'Japan': 6.6, 'The Americas': 11.15, 'Other': 11.08}
    >>> sorted(harmonize_regions(u, "japan_americas_other", errors="coarser")["region"].unique())
    ['Global', 'Japan', 'Other', 'Overseas', 'The Americas']
    """
    choose(scheme, REGION_SCHEMES, "region scheme")
    choose(errors, ["raise", "drop", "coarser"], "errors option")
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

    Examples
    --------
    >>> s = region_share(load("nintendo_units_by_region"), "Japan", kind="hardware")
    >>> float(s.set_index("fiscal_year").loc["FY3/2026", "share_pct"].round(1))
    28.7
    """
    valid = sorted({r for regions in REGION_SCHEMES.values() for r in regions})
    choose(region, valid, "region")
    scheme = next(s for s, regions in REGION_SCHEMES.items() if region in regions)
    if kind is not None:
        choose(kind, units["kind"], "kind")
        units = units[units["kind"] == kind]
    if platform is not None:
        choose(platform, units["platform"], "platform")
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

    Examples
    --------
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


# ---------------------------------------------------------------------------
# Nintendo: digital sales
# ---------------------------------------------------------------------------


def digital_share(digital: pd.DataFrame | None = None, overseas: pd.DataFrame | None = None) -> pd.DataFrame:
    """Nintendo's proportion of digital sales beside its proportion of sales outside Japan.

    The two shares have different bases: digital sales are a share of
    dedicated video game *software* sales, sales outside Japan a share of
    *all* net sales. They sit side by side here, one row per fiscal year;
    neither is a part of the other. A year in only one table is kept, with
    the other share missing.

    Parameters
    ----------
    digital, overseas : DataFrame, optional
        ``nintendo_digital_sales`` and ``nintendo_overseas_sales`` (loaded
        when not given).

    Returns
    -------
    DataFrame
        fiscal_year, fiscal_year_end, digital_sales_pct, overseas_sales_pct,
        ordered by fiscal year.

    Examples
    --------
    >>> d = digital_share().set_index("fiscal_year")
    >>> d.loc["FY3/2024", ["digital_sales_pct", "overseas_sales_pct"]].tolist()
    [50.2, 78.3]
    >>> d.index[0], d.index[-1]
    ('FY3/2017', 'FY3/2026')
    """
    digital = load("nintendo_digital_sales") if digital is None else digital
    overseas = load("nintendo_overseas_sales") if overseas is None else overseas
    keys = ["fiscal_year", "fiscal_year_end"]
    out = digital[[*keys, "digital_sales_pct"]].merge(
        overseas[[*keys, "overseas_sales_pct"]], on=keys, how="outer", validate="one_to_one"
    )
    out["_end"] = [parse_fiscal_year(fy) for fy in out["fiscal_year"]]
    return out.sort_values("_end").drop(columns="_end").reset_index(drop=True)
