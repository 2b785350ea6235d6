"""Derive the book's small tables from pinned raw files: one pure function per table.

Each function takes the path of a raw file (or of the folder of a many-file
source, as :func:`casekit.sources.fetch` returns it) and returns a DataFrame
whose columns are the table's schema in ``data/datapackage.json``. Nothing
here downloads or writes: :mod:`casekit.__main__` (``casekit refresh``) does.

:data:`DERIVATIONS` says, for each derived table, which raw source it needs.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re
from pathlib import Path

import pandas as pd

__all__ = [
    "DERIVATIONS",
    "HOFSTEDE_TO_ISO3",
    "HOFSTEDE_EXCLUDED",
    "HOFSTEDE_BOOK_COUNTRIES",
    "HOFSTEDE_DIMENSIONS",
    "read_hofstede",
    "hofstede_scores",
    "hofstede_dimension_stats",
    "nintendo_financials",
    "nintendo_overseas_sales",
    "nintendo_units_by_region",
    "vgchartz_nintendo_units",
    "credited_artists",
    "read_hot100",
    "kpop_hot100_by_year",
    "kpop_hot100_by_act",
    "kpop_featured_pairs",
    "derive",
]

# ---------------------------------------------------------------------------
# Hofstede
# ---------------------------------------------------------------------------

#: The six dimensions, in Hofstede's order: power distance, individualism,
#: masculinity, uncertainty avoidance, long-term orientation (the matrix's
#: ``ltowvs`` column, the WVS-based LTO scores), indulgence.
HOFSTEDE_DIMENSIONS = ("pdi", "idv", "mas", "uai", "lto", "ivr")

#: Hofstede's own country codes -> ISO 3166-1 alpha-3. Hofstede's codes look
#: like ISO codes but often are not, and some collide with a *different* ISO
#: country: SAL is El Salvador (ISO SLV) while Hofstede's SLV is Slovenia
#: (ISO SVN); MAC is (North) Macedonia (ISO MKD; ISO MAC is Macao); MAL is
#: Malaysia (ISO MYS); NIG is Nigeria (ISO NGA; ISO NER is Niger); CHI is
#: China (ISO CHN; not Chile, which is CHL in both); GER is Germany (DEU);
#: IRA is Iran (IRN) and IRQ Iraq; TAI is Taiwan (TWN); HOK is Hong Kong
#: (HKG); IDO is Indonesia (IDN); VIE is Vietnam (VNM); PHI is the
#: Philippines (PHL); SIN is Singapore (SGP); KOR "Korea South" is KOR.
HOFSTEDE_TO_ISO3 = {
    "ALB": "ALB", "ALG": "DZA", "AND": "AND", "ARG": "ARG", "ARM": "ARM",
    "AUL": "AUS", "AUT": "AUT", "AZE": "AZE", "BAN": "BGD", "BLR": "BLR",
    "BEL": "BEL", "BOS": "BIH", "BRA": "BRA", "BUL": "BGR", "BUF": "BFA",
    "CAN": "CAN", "CHL": "CHL", "CHI": "CHN", "COL": "COL", "COS": "CRI",
    "CRO": "HRV", "CYP": "CYP", "CZE": "CZE", "DEN": "DNK", "ECA": "ECU",
    "EGY": "EGY", "ETH": "ETH", "SAL": "SLV", "EST": "EST", "FIN": "FIN",
    "FRA": "FRA", "GEO": "GEO", "GER": "DEU", "GHA": "GHA", "GBR": "GBR",
    "GRE": "GRC", "GUA": "GTM", "HOK": "HKG", "HUN": "HUN", "ICE": "ISL",
    "IND": "IND", "IDO": "IDN", "IRA": "IRN", "IRQ": "IRQ", "IRE": "IRL",
    "ISR": "ISR", "ITA": "ITA", "JAM": "JAM", "JPN": "JPN", "JOR": "JOR",
    "KOR": "KOR", "KYR": "KGZ", "LAT": "LVA", "LIT": "LTU", "LUX": "LUX",
    "MAC": "MKD", "MAL": "MYS", "MLI": "MLI", "MLT": "MLT", "MEX": "MEX",
    "MOL": "MDA", "MNG": "MNE", "MOR": "MAR", "NET": "NLD", "NZL": "NZL",
    "NIG": "NGA", "NOR": "NOR", "PAK": "PAK", "PAN": "PAN", "PER": "PER",
    "PHI": "PHL", "POL": "POL", "POR": "PRT", "PUE": "PRI", "ROM": "ROU",
    "RUS": "RUS", "RWA": "RWA", "SAU": "SAU", "SER": "SRB", "SIN": "SGP",
    "SLK": "SVK", "SLV": "SVN", "SAF": "ZAF", "SPA": "ESP", "SUR": "SUR",
    "SWE": "SWE", "SWI": "CHE", "TAI": "TWN", "TAN": "TZA", "THA": "THA",
    "TRI": "TTO", "TUR": "TUR", "USA": "USA", "UGA": "UGA", "UKR": "UKR",
    "URU": "URY", "VEN": "VEN", "VIE": "VNM", "ZAM": "ZMB", "ZIM": "ZWE",
}

#: Rows of the matrix that are not countries, with the reason they are left
#: out of the country tables and of the variance base. Regional aggregates
#: are averages of several countries; the sub-national and population-group
#: rows would count a country twice beside its own row.
HOFSTEDE_EXCLUDED = {
    "AFE": "Africa East: a regional aggregate of several countries, not a country",
    "AFW": "Africa West: a regional aggregate of several countries, not a country",
    "ARA": "Arab countries: a regional aggregate of several countries, not a country",
    "BEF": "Belgium French: a language community; Belgium has its own row (BEL)",
    "BEN": "Belgium Netherl: a language community; Belgium has its own row (BEL)",
    "CAF": "Canada French: a language community (Quebec); Canada has its own row (CAN)",
    "GEE": "Germany East: the former GDR, not a country today; Germany has its own row (GER)",
    "SAW": "South Africa white: a population group; South Africa has its own row (SAF)",
    "SWF": "Switzerland French: a language region; Switzerland has its own row (SWI)",
    "SWG": "Switzerland German: a language region; Switzerland has its own row (SWI)",
}

#: The countries the book discusses: ISO alpha-3 -> the name the book uses.
#: Only their scores are published (the matrix itself is not redistributable).
HOFSTEDE_BOOK_COUNTRIES = {
    "CHN": "China", "JPN": "Japan", "KOR": "South Korea", "TWN": "Taiwan",
    "HKG": "Hong Kong", "THA": "Thailand", "VNM": "Vietnam", "IDN": "Indonesia",
    "PHL": "Philippines", "SGP": "Singapore", "MYS": "Malaysia", "IND": "India",
    "FRA": "France", "GBR": "United Kingdom", "DEU": "Germany", "USA": "United States",
    "CAN": "Canada", "BRA": "Brazil", "MEX": "Mexico",
}


def read_hofstede(path: str | Path) -> pd.DataFrame:
    """Read Hofstede's matrix: semicolon-separated, CRLF, ``#NULL!`` for missing.

    Returns one row per matrix row, columns ``hofstede_code``, ``name`` and the
    six dimensions as nullable integers (``lto`` is the matrix's ``ltowvs``).
    Unknown codes (neither in :data:`HOFSTEDE_TO_ISO3` nor in
    :data:`HOFSTEDE_EXCLUDED`) are an error, so a new matrix version cannot
    slip a row past the crosswalk.
    """
    text = Path(path).read_bytes().decode("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    header, body = rows[0], [r for r in rows[1:] if r]
    expected = ["ctr", "country", "pdi", "idv", "mas", "uai", "ltowvs", "ivr"]
    if header != expected:
        raise ValueError(f"{path}: header {header}, expected {expected}")
    records = []
    for line_no, row in enumerate(body, start=2):
        code, name, *scores = row
        if code not in HOFSTEDE_TO_ISO3 and code not in HOFSTEDE_EXCLUDED:
            raise ValueError(
                f"{path}, line {line_no}: Hofstede code {code!r} ({name}) is in neither "
                f"the ISO crosswalk nor the excluded list; add it to one of them"
            )
        record = {"hofstede_code": code, "name": name}
        for dim, raw in zip(HOFSTEDE_DIMENSIONS, scores):
            record[dim] = None if raw.strip() == "#NULL!" else int(raw)
        records.append(record)
    frame = pd.DataFrame(records)
    for dim in HOFSTEDE_DIMENSIONS:
        frame[dim] = frame[dim].astype("Int64")
    return frame


def _countries(matrix: pd.DataFrame) -> pd.DataFrame:
    return matrix[matrix["hofstede_code"].isin(list(HOFSTEDE_TO_ISO3))]


def hofstede_scores(path: str | Path) -> pd.DataFrame:
    """The six scores of the countries the book discusses.

    Parameters
    ----------
    path : path
        Hofstede's matrix (``6-dimensions-for-website-2015-08-16.csv``).

    Returns
    -------
    pandas.DataFrame
        Columns ``iso3, country, hofstede_code, pdi, idv, mas, uai, lto, ivr``;
        a score is missing (``<NA>``) where Hofstede gives ``#NULL!``. Sorted
        by ``iso3``.
    """
    matrix = _countries(read_hofstede(path)).copy()
    matrix["iso3"] = matrix["hofstede_code"].map(HOFSTEDE_TO_ISO3)
    wanted = matrix[matrix["iso3"].isin(list(HOFSTEDE_BOOK_COUNTRIES))].copy()
    missing = sorted(set(HOFSTEDE_BOOK_COUNTRIES) - set(wanted["iso3"]))
    if missing:
        raise ValueError(f"{path}: no row for {missing}")
    wanted["country"] = wanted["iso3"].map(HOFSTEDE_BOOK_COUNTRIES)
    columns = ["iso3", "country", "hofstede_code", *HOFSTEDE_DIMENSIONS]
    return wanted[columns].sort_values("iso3").reset_index(drop=True)


def hofstede_dimension_stats(path: str | Path) -> pd.DataFrame:
    """Mean and variance of each dimension over every country of the matrix.

    The variance base of the Kogut-Singh (1988) index: for each dimension,
    over all country rows of the matrix that have a score for it (regional
    aggregates and sub-national rows excluded, see :data:`HOFSTEDE_EXCLUDED`).

    Returns
    -------
    pandas.DataFrame
        Columns ``dimension, n_countries, mean, variance_sample`` (ddof=1),
        ``variance_population`` (ddof=0); values rounded to 6 decimals.
    """
    countries = _countries(read_hofstede(path))
    rows = []
    for dim in HOFSTEDE_DIMENSIONS:
        scores = countries[dim].dropna().astype(float)
        rows.append(
            {
                "dimension": dim,
                "n_countries": int(scores.size),
                "mean": round(float(scores.mean()), 6),
                "variance_sample": round(float(scores.var(ddof=1)), 6),
                "variance_population": round(float(scores.var(ddof=0)), 6),
            }
        )
    frame = pd.DataFrame(rows)
    frame["n_countries"] = frame["n_countries"].astype("Int64")
    return frame


# ---------------------------------------------------------------------------
# Nintendo IR (r134x7's JSON transcription of Nintendo's IR documents)
# ---------------------------------------------------------------------------

#: Where the Nintendo JSON files sit inside the fetched folder (registry paths).
NINTENDO_DIR = "webpage_v2/src/data/nintendo"

#: Region schemes of Nintendo's unit tables, named by their regions. Nintendo
#: split Europe out of "Other" from FY3/2020 (and restated FY3/2017-FY3/2019
#: for some platforms); the oldest reports give only Japan / overseas.
REGION_SCHEMES = {
    ("Japan", "Overseas"): "japan_overseas",
    ("Japan", "The Americas", "Other"): "japan_americas_other",
    ("Japan", "The Americas", "Europe", "Other"): "japan_americas_europe_other",
}


def _nintendo_files(root: str | Path, folder: str) -> list[Path]:
    base = Path(root) / NINTENDO_DIR / folder
    files = sorted(base.glob("*.json"))
    if not files:
        raise FileNotFoundError(f"no Nintendo JSON files in {base}")
    return files


def _fiscal_year_end(label: str) -> str:
    """'FY3/2024' -> '2024-03' (the month and year the fiscal year ends)."""
    match = re.fullmatch(r"FY(\d{1,2})/(\d{4})", label)
    if not match:
        raise ValueError(f"unexpected fiscal year label {label!r}; expected like 'FY3/2024'")
    return f"{match.group(2)}-{int(match.group(1)):02d}"


def _number(value) -> int:
    """Nintendo's transcribed numbers: ints, or strings such as '-0' and '+0'."""
    return int(value) if isinstance(value, (int, float)) else int(str(value).strip())


def _earnings_release_urls(root: str | Path) -> dict[str, str]:
    urls = {}
    for path in _nintendo_files(root, "Data_Sources"):
        doc = json.loads(path.read_text(encoding="utf-8"))
        for item in doc.get("data", []):
            if item.get("text", "").startswith("4th Quarter Earnings Release"):
                urls[doc["fiscalYear"]] = item["link"]
    return urls


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
            if "Global" not in units or regions not in REGION_SCHEMES:
                raise ValueError(f"{path}: {entry['name']}: unexpected regions {list(units)}")
            scheme = REGION_SCHEMES[regions]
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


# ---------------------------------------------------------------------------
# VGChartz estimates (vgsales.csv)
# ---------------------------------------------------------------------------


def vgchartz_nintendo_units(path: str | Path) -> pd.DataFrame:
    """Units of Nintendo-published titles by release year and region (VGChartz estimates).

    Sums the per-title estimates (million units) of every title whose
    Publisher is "Nintendo", by the title's release year; titles without a
    year ("N/A") are left out.
    """
    sales = pd.read_csv(path, keep_default_na=False, dtype={"Year": str})
    nintendo = sales[(sales["Publisher"] == "Nintendo") & (sales["Year"] != "N/A")]
    regions = {"NA_Sales": "na", "EU_Sales": "eu", "JP_Sales": "jp", "Other_Sales": "other", "Global_Sales": "global"}
    grouped = nintendo.groupby("Year")
    frame = grouped[list(regions)].sum().round(2)
    frame.columns = [f"{regions[c]}_units_million" for c in frame.columns]
    frame.insert(0, "titles", grouped.size())
    frame = frame.reset_index().rename(columns={"Year": "release_year"})
    frame["release_year"] = frame["release_year"].astype(int)
    frame["titles"] = frame["titles"].astype("Int64")
    return frame.sort_values("release_year").reset_index(drop=True)


# ---------------------------------------------------------------------------
# Billboard Hot 100 and the editorial list of Korean acts
# ---------------------------------------------------------------------------

#: How a Billboard credit separates artists: "A Featuring B", "A & B", "A x B",
#: "A X B", "A, B", "A With B", "A And B", "HUNTR/X: A, B", "E-40 (Featuring B)".
CREDIT_SEPARATORS = re.compile(
    r"\s+(?:featuring|feat\.?|with|x|&|and|duet with)\s+|\s*,\s*|\s*:\s+|\s*\(\s*|\s*\)\s*",
    re.IGNORECASE,
)


def _acts_index(korean_acts: pd.DataFrame) -> tuple[dict[str, str], list[str], set[str]]:
    """alias (casefolded) -> act; the aliases that contain a separator; the Korean acts."""
    index: dict[str, str] = {}
    for act, names in zip(korean_acts["act"], korean_acts["credit_names"]):
        for alias in str(names).split("|"):
            alias = alias.strip().casefold()
            if alias in index and index[alias] != act:
                raise ValueError(f"credit name {alias!r} is given to both {index[alias]!r} and {act!r}")
            index[alias] = act
    compound = sorted((a for a in index if CREDIT_SEPARATORS.search(a)), key=len, reverse=True)
    korean = set(korean_acts.loc[korean_acts["korean"].astype(bool), "act"])
    return index, compound, korean


def credited_artists(credit: str, korean_acts: pd.DataFrame) -> list[str]:
    """Split a Billboard credit into artists, naming listed acts by their act name.

    Names listed in ``korean_acts`` (its ``credit_names``, case-insensitive) are
    replaced by the act's name, and names that themselves contain a separator
    ("Wendy And Lisa") are kept whole; other artists are returned as printed.

    >>> acts = pd.DataFrame({"act": ["BTS", "Wendy & Lisa"], "credit_names": ["BTS", "Wendy And Lisa"],
    ...                      "korean": [True, False]})
    >>> credited_artists("BTS Featuring Halsey", acts)
    ['BTS', 'Halsey']
    >>> credited_artists("Wendy And Lisa", acts)
    ['Wendy & Lisa']
    >>> credited_artists("Coldplay x BTS", acts)
    ['Coldplay', 'BTS']
    """
    index, compound, _ = _acts_index(korean_acts)
    return _split_credit(credit, index, compound)


def _split_credit(credit: str, index: dict[str, str], compound: list[str]) -> list[str]:
    found: list[tuple[int, str]] = []
    rest = credit
    for alias in compound:
        pattern = re.compile(rf"(?:^|(?<=[\s,&(]))({re.escape(alias)})(?=$|[\s,&)])", re.IGNORECASE)
        match = pattern.search(rest)
        if match:
            found.append((match.start(), index[alias]))
            rest = rest[: match.start()] + "\x00" * len(match.group(1)) + rest[match.end():]
    position = 0
    for part in re.split(r"\x00+|" + CREDIT_SEPARATORS.pattern, rest, flags=re.IGNORECASE):
        if part is None:
            continue
        name = re.sub(r"^(?:featuring|feat\.?|with)\s+", "", part.strip(), flags=re.IGNORECASE)
        position = rest.find(part, position) if part else position
        if name:
            found.append((position, index.get(name.casefold(), name)))
    names = []
    for _, name in sorted(found, key=lambda t: t[0]):
        if name not in names:
            names.append(name)
    return names


def read_hot100(folder: str | Path) -> pd.DataFrame:
    """Every entry of every weekly Hot 100 in the fetched folder (``date/*.json``).

    Returns columns ``chart_date, position, song, artist`` (one row per song
    per week). The parsed charts are kept in memory for the folder, keyed by
    its files' names, sizes and modification times, so the three Billboard
    tables read the 3,549 files once.
    """
    files = sorted((Path(folder) / "date").glob("*.json"))
    stamp = tuple((f.name, f.stat().st_size, f.stat().st_mtime_ns) for f in files)
    return _read_hot100(str(Path(folder).resolve()), stamp).copy()


@functools.lru_cache(maxsize=2)
def _read_hot100(folder: str, stamp: tuple) -> pd.DataFrame:
    files = sorted((Path(folder) / "date").glob("*.json"))
    if not files:
        raise FileNotFoundError(f"no weekly chart files (date/*.json) in {folder}")
    records = []
    for path in files:
        chart = json.loads(path.read_bytes())
        for entry in chart["data"]:
            records.append((chart["date"], entry["this_week"], entry["song"], entry["artist"]))
    return pd.DataFrame(records, columns=["chart_date", "position", "song", "artist"])


def _korean_entries(folder: str | Path, korean_acts: pd.DataFrame | None):
    """All chart rows (with ``year`` and ``is_korean``) and the Korean acts' rows in detail."""
    if korean_acts is None:
        from .data import load

        korean_acts = load("korean_acts")
    index, compound, korean = _acts_index(korean_acts)
    charts = read_hot100(folder)
    credits = {c: _split_credit(c, index, compound) for c in charts["artist"].unique()}
    korean_in = {c: [n for n in names if n in korean] for c, names in credits.items()}
    charts["year"] = charts["chart_date"].str[:4].astype(int)
    charts["is_korean"] = charts["artist"].map({c: bool(k) for c, k in korean_in.items()}).astype(bool)
    entries = charts[charts["is_korean"]].copy()
    entries["artists"] = entries["artist"].map(credits)
    entries["korean_acts"] = entries["artist"].map(korean_in)
    # one song = one title with one credit, compared without case ("Jennie" = "JENNIE")
    entries["song_key"] = entries["song"].str.casefold() + "\x1f" + entries["artist"].str.casefold()
    return charts, entries, korean


def kpop_hot100_by_year(folder: str | Path, korean_acts: pd.DataFrame | None = None) -> pd.DataFrame:
    """Korean acts on the Hot 100, per chart year.

    An entry counts when at least one credited artist is a Korean act of the
    editorial list (``data/korean_acts.csv``). Columns: ``year``,
    ``chart_weeks``, ``all_entries``, ``korean_entries`` (chart-week entries),
    ``korean_songs`` (distinct song + credit), ``weeks_at_number_one``,
    ``share_of_entries_pct`` (rounded to 3 decimals).
    """
    charts, entries, _ = _korean_entries(folder, korean_acts)
    by_year = dict(tuple(entries.groupby("year")))
    rows = []
    for year, week in charts.groupby("year"):
        k = by_year.get(year, entries.iloc[0:0])
        rows.append(
            {
                "year": year,
                "chart_weeks": week["chart_date"].nunique(),
                "all_entries": len(week),
                "korean_entries": len(k),
                "korean_songs": int(k["song_key"].nunique()),
                "weeks_at_number_one": int((k["position"] == 1).sum()),
                "share_of_entries_pct": round(100 * len(k) / len(week), 3),
            }
        )
    frame = pd.DataFrame(rows)
    for col in ("chart_weeks", "all_entries", "korean_entries", "korean_songs", "weeks_at_number_one"):
        frame[col] = frame[col].astype("Int64")
    return frame


def kpop_hot100_by_act(folder: str | Path, korean_acts: pd.DataFrame | None = None) -> pd.DataFrame:
    """Each Korean act's Hot 100 record: entries, songs, first and last week, peak, weeks at #1.

    An entry credited to two Korean acts ("PSY Featuring SUGA") counts for both.
    """
    _, entries, _ = _korean_entries(folder, korean_acts)
    exploded = entries.explode("korean_acts")
    rows = []
    for act, e in exploded.groupby("korean_acts"):
        lead = e[e["artists"].map(lambda names: names[0]) == act]
        rows.append(
            {
                "act": act,
                "entries": len(e),
                "songs": int(e["song_key"].nunique()),
                "songs_as_lead": int(lead["song_key"].nunique()),
                "first_chart_date": e["chart_date"].min(),
                "last_chart_date": e["chart_date"].max(),
                "peak_position": int(e["position"].min()),
                "weeks_at_number_one": int((e["position"] == 1).sum()),
            }
        )
    frame = pd.DataFrame(rows).sort_values(["entries", "act"], ascending=[False, True])
    for col in ("entries", "songs", "songs_as_lead", "peak_position", "weeks_at_number_one"):
        frame[col] = frame[col].astype("Int64")
    return frame.reset_index(drop=True)


def kpop_featured_pairs(folder: str | Path, korean_acts: pd.DataFrame | None = None) -> pd.DataFrame:
    """Pairs of artists credited together on Korean acts' Hot 100 songs (a collaboration network).

    For each distinct song (title + credit) with a Korean act, every pair of
    its credited artists. Columns: ``act_a``, ``act_b`` (sorted), ``songs``,
    ``first_year`` (first chart year of the pair), ``act_a_korean``,
    ``act_b_korean`` (on the editorial list).
    """
    _, entries, korean = _korean_entries(folder, korean_acts)
    songs = (
        entries
        .groupby("song_key", as_index=False)
        .agg(first_year=("year", "min"), artists=("artists", "first"))
    )
    pairs: dict[tuple[str, str], dict] = {}
    for _, song in songs.iterrows():
        names = song["artists"]
        for i, a in enumerate(names):
            for b in names[i + 1:]:
                key = tuple(sorted((a, b)))
                rec = pairs.setdefault(key, {"songs": 0, "first_year": song["first_year"]})
                rec["songs"] += 1
                rec["first_year"] = min(rec["first_year"], song["first_year"])
    rows = [
        {
            "act_a": a,
            "act_b": b,
            "songs": rec["songs"],
            "first_year": int(rec["first_year"]),
            "act_a_korean": a in korean,
            "act_b_korean": b in korean,
        }
        for (a, b), rec in pairs.items()
    ]
    frame = pd.DataFrame(rows).sort_values(["first_year", "act_a", "act_b"]).reset_index(drop=True)
    frame["songs"] = frame["songs"].astype("Int64")
    return frame


# ---------------------------------------------------------------------------
# Registry of derivations
# ---------------------------------------------------------------------------

#: Derived table -> (raw source id, derivation function name).
DERIVATIONS = {
    "hofstede_scores": ("hofstede", "hofstede_scores"),
    "hofstede_dimension_stats": ("hofstede", "hofstede_dimension_stats"),
    "nintendo_financials": ("nintendo_ir", "nintendo_financials"),
    "nintendo_overseas_sales": ("nintendo_ir", "nintendo_overseas_sales"),
    "nintendo_units_by_region": ("nintendo_ir", "nintendo_units_by_region"),
    "vgchartz_nintendo_units": ("vgsales", "vgchartz_nintendo_units"),
    "kpop_hot100_by_year": ("billboard_hot100", "kpop_hot100_by_year"),
    "kpop_hot100_by_act": ("billboard_hot100", "kpop_hot100_by_act"),
    "kpop_featured_pairs": ("billboard_hot100", "kpop_featured_pairs"),
}


def derive(name: str, raw: str | Path) -> pd.DataFrame:
    """Run the derivation of table ``name`` on its raw file or folder ``raw``.

    >>> derive("no_such_table", ".")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ValueError: 'no_such_table' is not a derived table; derived tables: hofstede_dimension_stats, ...
    """
    if name not in DERIVATIONS:
        raise ValueError(
            f"{name!r} is not a derived table; derived tables: {', '.join(sorted(DERIVATIONS))}"
        )
    return globals()[DERIVATIONS[name][1]](raw)
