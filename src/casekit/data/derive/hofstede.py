"""Hofstede's dimension matrix -> ``hofstede_scores`` and ``hofstede_dimension_stats``."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

__all__ = [
    "HOFSTEDE_DIMENSIONS",
    "HOFSTEDE_TO_ISO3",
    "HOFSTEDE_EXCLUDED",
    "HOFSTEDE_BOOK_COUNTRIES",
    "read_hofstede",
    "hofstede_scores",
    "hofstede_dimension_stats",
]

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
