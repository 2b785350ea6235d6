"""Nintendo's IR figures (r134x7's JSON transcription of Nintendo's IR documents)
-> ``nintendo_financials``, ``nintendo_overseas_sales``, ``nintendo_digital_sales``,
``nintendo_units_by_region``."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pandas as pd

__all__ = [
    "NINTENDO_DIR",
    "REGION_SCHEMES",
    "LAST_AUGUST_YEAR",
    "parse_fiscal_year",
    "fiscal_year_label",
    "nintendo_financials",
    "nintendo_overseas_sales",
    "nintendo_digital_sales",
    "nintendo_units_by_region",
]

#: Where the Nintendo JSON files sit inside the fetched folder (registry paths).
NINTENDO_DIR = "webpage_v2/src/data/nintendo"

#: Region schemes of Nintendo's unit tables, coarsest first, by name. Nintendo
#: split Europe out of "Other" from FY3/2020 (and restated FY3/2017-FY3/2019
#: for some platforms); the oldest reports give only Japan / overseas.
REGION_SCHEMES = {
    "japan_overseas": ("Japan", "Overseas"),
    "japan_americas_other": ("Japan", "The Americas", "Other"),
    "japan_americas_europe_other": ("Japan", "The Americas", "Europe", "Other"),
}
_SCHEME_OF = {regions: name for name, regions in REGION_SCHEMES.items()}

# --- fiscal years: the one parser of Nintendo's labels -----------------------

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

    Examples
    --------
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


def _nintendo_files(root: str | Path, folder: str) -> list[Path]:
    base = Path(root) / NINTENDO_DIR / folder
    files = sorted(base.glob("*.json"))
    if not files:
        raise FileNotFoundError(f"no Nintendo JSON files in {base}")
    return files


def _fiscal_year_end(label: str) -> str:
    """'FY3/2024' -> '2024-03' (the month and year the fiscal year ends)."""
    year, month = parse_fiscal_year(label)
    return f"{year}-{month:02d}"


def _number(value) -> int:
    """Nintendo's transcribed numbers: ints, or strings such as '-0' and '+0'."""
    return int(value) if isinstance(value, (int, float)) else int(str(value).strip())


def _fourth_quarter_urls(root: str | Path, *documents: str) -> dict[str, str]:
    """Fiscal year -> link of the first of ``documents`` (e.g. "Earnings Release")
    that the transcription lists for the year's fourth quarter."""
    urls = {}
    for path in _nintendo_files(root, "Data_Sources"):
        doc = json.loads(path.read_text(encoding="utf-8"))
        for item in doc.get("data", []):
            if any(item.get("text", "").startswith(f"4th Quarter {d}") for d in documents):
                urls[doc["fiscalYear"]] = item["link"]
                break
    return urls


def _earnings_release_urls(root: str | Path) -> dict[str, str]:
    return _fourth_quarter_urls(root, "Earnings Release")


def nintendo_financials(root: str | Path) -> pd.DataFrame:
    """Net sales, operating income and net income by complete fiscal year.

    Parameters
    ----------
    root : path
        The fetched ``nintendo_ir`` folder (holds ``webpage_v2/src/data/nintendo``).

    Returns
    -------
    pandas.DataFrame
        ``fiscal_year`` (Nintendo's label, e.g. ``FY3/2024``), ``fiscal_year_end``
        (``2024-03``), the three figures in million yen, and ``source_url``: the
        fourth-quarter earnings release where the transcription links it
        (FY3/2004 on). Years still in progress are left out.
    """
    urls = _earnings_release_urls(root)
    rows = []
    for path in _nintendo_files(root, "Consolidated_Earnings"):
        doc = json.loads(path.read_text(encoding="utf-8"))
        if doc.get("currentQuarter") != 4:
            continue  # a year in progress: cumulative to date, not a full year
        figures = {item["name"]: _number(item["Q4CmlValue"]) for item in doc["data"]}
        rows.append(
            {
                "fiscal_year": doc["fiscalYear"],
                "fiscal_year_end": _fiscal_year_end(doc["fiscalYear"]),
                "net_sales_jpy_million": figures["Net Sales"],
                "operating_income_jpy_million": figures["Operating Income"],
                "net_income_jpy_million": figures["Net Income"],
                "source_url": urls.get(doc["fiscalYear"]),
            }
        )
    frame = pd.DataFrame(rows).sort_values("fiscal_year_end").reset_index(drop=True)
    for col in ("net_sales_jpy_million", "operating_income_jpy_million", "net_income_jpy_million"):
        frame[col] = frame[col].astype("Int64")
    return frame


def nintendo_overseas_sales(root: str | Path) -> pd.DataFrame:
    """Proportion of net sales made outside Japan, by complete fiscal year (from FY3/2017).

    Nintendo's label changed from "Proportion of Overseas Sales" to "Proportion
    of Sales Outside of Japan" in FY3/2024; both are kept in ``indicator``.
    """
    urls = _earnings_release_urls(root)
    rows = []
    for path in _nintendo_files(root, "Key_Sales_Indicators"):
        doc = json.loads(path.read_text(encoding="utf-8"))
        if doc.get("currentQuarter") != 4:
            continue
        found = [k for k in doc["kpi"] if k["name"] in (
            "Proportion of Overseas Sales", "Proportion of Sales Outside of Japan")]
        if len(found) != 1:
            raise ValueError(f"{path}: expected one overseas-sales indicator, found {len(found)}")
        rows.append(
            {
                "fiscal_year": doc["fiscalYear"],
                "fiscal_year_end": _fiscal_year_end(doc["fiscalYear"]),
                "overseas_sales_pct": float(found[0]["Q4CmlValue"]),
                "indicator": found[0]["name"],
                "source_url": urls.get(doc["fiscalYear"]),
            }
        )
    return pd.DataFrame(rows).sort_values("fiscal_year_end").reset_index(drop=True)


#: Nintendo's two digital indicators in the key sales indicators, and the unit
#: the transcription gives each. Its "currency" here is billion yen: the
#: transcription's own web page multiplies the figure by 1000 to set it beside
#: sales in million yen, and amount / proportion matches software sales worked
#: out from the same files (``tests/test_derive.py``).
_DIGITAL_INDICATORS = {
    "Proportion of Digital Sales": "percentage",
    "Digital Sales in dedicated video game platform": "currency",
}


def _indicator(path: Path, doc: dict, name: str) -> dict:
    found = [k for k in doc.get("kpi", []) if k.get("name") == name]
    if len(found) != 1:
        raise ValueError(f"{path}: expected one {name!r} indicator, found {len(found)}")
    item = found[0]
    if item.get("units") != _DIGITAL_INDICATORS[name]:
        raise ValueError(
            f"{path}: {name!r} is in {item.get('units')!r}, expected {_DIGITAL_INDICATORS[name]!r}"
        )
    if not isinstance(item.get("Q4CmlValue"), (int, float)) or item["Q4CmlValue"] <= 0:
        raise ValueError(f"{path}: {name!r} has no full-year (Q4 cumulative) value: {item.get('Q4CmlValue')!r}")
    return item


def nintendo_digital_sales(root: str | Path) -> pd.DataFrame:
    """Digital sales and their share of software sales, by complete fiscal year (from FY3/2017).

    Read from the key sales indicators of Nintendo's financial results
    explanatory material (supplementary information up to FY3/2019): the
    fourth-quarter cumulative value, i.e. the full year to March. Years still
    in progress (the transcription's ``currentQuarter`` below 4) are left out.

    Parameters
    ----------
    root : path
        The fetched ``nintendo_ir`` folder (holds ``webpage_v2/src/data/nintendo``).

    Returns
    -------
    pandas.DataFrame
        ``fiscal_year``, ``fiscal_year_end``; ``digital_sales_pct``: Nintendo's
        "Proportion of Digital Sales" (to total dedicated video game software
        sales); ``digital_sales_jpy_billion``: "Digital Sales in dedicated video
        game platform", in billion yen; ``includes_switch_online``: whether
        that year's footnote lists Nintendo Switch Online among digital sales;
        ``source_url``: the fourth-quarter explanatory material (or
        supplementary information) where the transcription links it.

    Raises
    ------
    ValueError
        A complete year lacks one of the two indicators, gives it twice, in
        another unit, or without a full-year value.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> ksi = root / NINTENDO_DIR / "Key_Sales_Indicators"
    >>> ksi.mkdir(parents=True)
    >>> (root / NINTENDO_DIR / "Data_Sources").mkdir()
    >>> _ = (root / NINTENDO_DIR / "Data_Sources" / "d.json").write_text('{"fiscalYear": "FY3/2099", "data": []}')
    >>> kpi = [{"name": "Proportion of Digital Sales", "units": "percentage", "Q4CmlValue": 50.2},
    ...        {"name": "Digital Sales in dedicated video game platform", "units": "currency",
    ...         "Q4CmlValue": 443.3, "footnote": "*Digital sales include ... Nintendo Switch Online, etc."}]
    >>> _ = (ksi / "k.json").write_text(json.dumps({"currentQuarter": 4, "fiscalYear": "FY3/2099", "kpi": kpi}))
    >>> print(nintendo_digital_sales(root).drop(columns="source_url").to_string(index=False))
    fiscal_year fiscal_year_end  digital_sales_pct  digital_sales_jpy_billion  includes_switch_online
       FY3/2099         2099-03               50.2                      443.3                    True
    >>> _ = (ksi / "k.json").write_text(json.dumps({"currentQuarter": 4, "fiscalYear": "FY3/2099", "kpi": kpi[:1]}))
    >>> nintendo_digital_sales(root)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: ...k.json: expected one 'Digital Sales in dedicated video game platform' indicator, found 0
    """
    urls = _fourth_quarter_urls(root, "Financial Results Explanatory Material", "Supplementary Information")
    rows = []
    for path in _nintendo_files(root, "Key_Sales_Indicators"):
        doc = json.loads(path.read_text(encoding="utf-8"))
        if doc.get("currentQuarter") != 4:
            continue  # a year in progress: cumulative to date, not a full year
        share = _indicator(path, doc, "Proportion of Digital Sales")
        amount = _indicator(path, doc, "Digital Sales in dedicated video game platform")
        if not 0 < share["Q4CmlValue"] <= 100:
            raise ValueError(f"{path}: 'Proportion of Digital Sales' is not a percentage: {share['Q4CmlValue']!r}")
        rows.append(
            {
                "fiscal_year": doc["fiscalYear"],
                "fiscal_year_end": _fiscal_year_end(doc["fiscalYear"]),
                "digital_sales_pct": float(share["Q4CmlValue"]),
                "digital_sales_jpy_billion": float(amount["Q4CmlValue"]),
                "includes_switch_online": "Nintendo Switch Online" in amount.get("footnote", ""),
                "source_url": urls.get(doc["fiscalYear"]),
            }
        )
    if not rows:
        raise ValueError(f"no complete fiscal year in {Path(root) / NINTENDO_DIR / 'Key_Sales_Indicators'}")
    return pd.DataFrame(rows).sort_values("fiscal_year_end").reset_index(drop=True)


def nintendo_units_by_region(root: str | Path) -> pd.DataFrame:
    """Hardware and software units sold, by fiscal year, platform and region.

    Only platform totals ("<platform> Hardware Total" / "Software Total") are
    kept, not hardware models. Units are converted from Nintendo's 10,000s to
    millions (2306 -> 23.06). ``region_scheme`` names the regions the report
    used for that platform and year (see :data:`REGION_SCHEMES`); where a year
    is given in two schemes (FY3/2017-FY3/2019, old regions and restated with
    Europe), both are kept. "Global" is the worldwide total.
    """
    rows = {}
    for path in _nintendo_files(root, "Regional_Hardware_Software"):
        doc = json.loads(path.read_text(encoding="utf-8"))
        if doc.get("currentQuarter") != 4:
            continue
        for entry in doc["regions"]:
            match = re.fullmatch(r"(.+) (Hardware|Software) Total", entry["name"])
            if not match:
                continue  # a hardware model (e.g. "Nintendo Switch Lite"), inside the total
            platform, kind = match.group(1), match.group(2).lower()
            letters = sorted(k[-1] for k in entry if re.fullmatch(r"region[A-Z]", k))
            units = {entry[f"region{x}"]: _number(entry[f"Q4CmlValue{x}"]) for x in letters}
            if "Overseas" in units and units.get("Other", 0) == 0:
                units.pop("Other", None)  # an empty placeholder beside "Overseas"
            regions = tuple(r for r in units if r != "Global")
            if "Global" not in units or regions not in _SCHEME_OF:
                raise ValueError(f"{path}: {entry['name']}: unexpected regions {list(units)}")
            scheme = _SCHEME_OF[regions]
            for region, value in units.items():
                key = (doc["fiscalYear"], platform, kind, scheme, region)
                record = {
                    "fiscal_year": doc["fiscalYear"],
                    "fiscal_year_end": _fiscal_year_end(doc["fiscalYear"]),
                    "platform": platform,
                    "kind": kind,
                    "region_scheme": scheme,
                    "region": region,
                    "units_million": round(value / 100, 2),
                }
                if key in rows and rows[key] != record:
                    raise ValueError(f"{path}: {key} differs from another file: {rows[key]} vs {record}")
                rows[key] = record
    frame = pd.DataFrame(list(rows.values()))
    order = {"Global": 0, "Japan": 1, "Overseas": 2, "The Americas": 3, "Europe": 4, "Other": 5}
    frame["_r"] = frame["region"].map(order)
    frame = frame.sort_values(["fiscal_year_end", "platform", "kind", "region_scheme", "_r"])
    return frame.drop(columns="_r").reset_index(drop=True)
