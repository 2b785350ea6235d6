"""Cultural distance between countries from Hofstede's dimension scores.

Kogut & Singh (1988, "The effect of national culture on the choice of entry
mode", *Journal of International Business Studies* 19(3): 411-432) measure
the cultural distance of country j from country u as

    KS_j = (1/n) * sum_i (I_ij - I_iu)^2 / V_i

over n of Hofstede's dimensions: I_ij is country j's score on dimension i and
V_i the variance of dimension i. The original uses the four dimensions
(``pdi``, ``idv``, ``mas``, ``uai``); Hofstede, Hofstede & Minkov (2010) add
``lto`` and ``ivr``.

The **variance base** changes the number and is always stated:

* ``variance="hofstede"`` -- the variance of each dimension across Hofstede's
  whole matrix: the ``hofstede_dimension_stats`` table (or, when ``scores=``
  is given without ``variances=``, across every row of that score table);
* ``variance="sample"`` -- across the countries being compared (only in
  :func:`distance_matrix`, where there is a set of countries);

each with ``ddof=1`` (sample variance, divide by m - 1; the default) or
``ddof=0`` (population variance, divide by m).

:func:`euclidean_distance` is the plain Euclidean alternative on the raw
0-100 scores.

Every function takes the scores as a ``scores=`` DataFrame: any table with an
``iso3`` column (ISO 3166-1 alpha-3 codes) and dimension columns works. The
book's own Hofstede tables are bound in :mod:`casekit.chapters.culture`; this
module reads no data of its own.

>>> scores = pd.DataFrame({"iso3": ["AAA", "BBB", "CCC"], "pdi": [10, 50, 90],
...                        "idv": [20, 20, 80], "mas": [50, 60, 40], "uai": [30, 70, 50]})
>>> kogut_singh("AAA", "BBB", scores=scores)  # V = 1600, 1200, 100, 400: (1 + 0 + 1 + 4) / 4
1.5
"""

from __future__ import annotations

import difflib
import math

import numpy as np
import pandas as pd

from ..choices import choose, choose_all

__all__ = [
    "DIMENSIONS",
    "FOUR_DIMENSIONS",
    "SIX_DIMENSIONS",
    "score_table",
    "dimension_variances",
    "kogut_singh",
    "euclidean_distance",
    "distance_matrix",
]

#: Hofstede's dimensions, in his order, with their names.
DIMENSIONS = {
    "pdi": "power distance",
    "idv": "individualism",
    "mas": "masculinity",
    "uai": "uncertainty avoidance",
    "lto": "long-term orientation",
    "ivr": "indulgence",
}
FOUR_DIMENSIONS = ("pdi", "idv", "mas", "uai")
SIX_DIMENSIONS = tuple(DIMENSIONS)

_VARIANCE_BASES = ("hofstede", "sample")


def _dimensions(dimensions) -> list[str]:
    if dimensions in (4, "4", "4d"):
        return list(FOUR_DIMENSIONS)
    if dimensions in (6, "6", "6d"):
        return list(SIX_DIMENSIONS)
    if isinstance(dimensions, str):
        dimensions = [dimensions]
    dims = [str(d).lower() for d in dimensions]
    if not dims:
        raise ValueError(f"no Hofstede dimension given. Valid: {', '.join(DIMENSIONS)} (or 4 / 6).")
    return choose_all(dims, DIMENSIONS, "Hofstede dimension", also="or 4 / 6 for the four original / all six")


def score_table(scores: pd.DataFrame) -> pd.DataFrame:
    """A score table indexed by ISO 3166-1 alpha-3 code, dimensions as floats.

    Parameters
    ----------
    scores : DataFrame
        A table with an ``iso3`` column and dimension columns.
    """
    if not isinstance(scores, pd.DataFrame):
        raise ValueError(f"scores must be a DataFrame with an 'iso3' column; got {type(scores).__name__}")
    if "iso3" not in scores.columns:
        raise ValueError(
            f"a score table needs an 'iso3' column; it has {', '.join(map(str, scores.columns))}"
        )
    table = scores.copy()
    table["iso3"] = table["iso3"].astype(str).str.upper()
    if table["iso3"].duplicated().any():
        dup = sorted(table.loc[table["iso3"].duplicated(), "iso3"])
        raise ValueError(f"the score table repeats country codes: {', '.join(dup)}")
    table = table.set_index("iso3")
    for d in DIMENSIONS:
        if d in table.columns:
            table[d] = pd.to_numeric(table[d], errors="coerce").astype(float)
    return table


def _row(table: pd.DataFrame, country: str, dims: list[str]) -> np.ndarray:
    code = str(country).strip().upper()
    if code not in table.index:
        hint = ""
        if "country" in table.columns:
            names = {str(n).lower(): i for i, n in table["country"].items()}
            if str(country).strip().lower() in names:
                hint = f" Did you mean {names[str(country).strip().lower()]!r} ({country})?"
        if not hint:
            close = difflib.get_close_matches(code, list(table.index), n=3)
            hint = f" Close codes: {', '.join(close)}." if close else ""
        raise ValueError(
            f"unknown country {country!r}: Hofstede's table has no row for that "
            f"ISO 3166-1 alpha-3 code.{hint} It has {len(table)} codes, e.g. "
            f"{', '.join(list(table.index[:5]))}."
        )
    missing_cols = [d for d in dims if d not in table.columns]
    if missing_cols:
        raise ValueError(
            f"the score table has no column for {', '.join(missing_cols)}; "
            f"it has {', '.join(map(str, table.columns))}"
        )
    values = table.loc[code, dims].to_numpy(dtype=float)
    if np.isnan(values).any():
        has = [d for d in DIMENSIONS if d in table.columns and not pd.isna(table.loc[code, d])]
        lacking = [d for d, v in zip(dims, values) if np.isnan(v)]
        name = f" ({table.loc[code, 'country']})" if "country" in table.columns else ""
        raise ValueError(
            f"Hofstede gives no {', '.join(repr(d) for d in lacking)} score for {code}{name}; "
            f"it has {', '.join(has) if has else 'no scores'}"
        )
    return values


def dimension_variances(
    dims=FOUR_DIMENSIONS,
    variance: str = "hofstede",
    ddof: int = 1,
    scores: pd.DataFrame | None = None,
    variances=None,
    countries=None,
) -> pd.Series:
    """The V_i of the Kogut-Singh index, one per dimension, with the base stated.

    Parameters
    ----------
    dims : sequence of str or 4 / 6
        Dimensions wanted.
    variance : {"hofstede", "sample"}
        ``"hofstede"``: across all rows of Hofstede's matrix. ``"sample"``:
        across ``countries`` only (those being compared).
    ddof : {1, 0}
        1 = sample variance (divide by m - 1), 0 = population variance.
    scores : DataFrame, optional
        Score table to compute variances from (all its rows, or ``countries``).
    variances : mapping, Series or DataFrame, optional
        Given variances, used as they are: a mapping dimension -> V_i, or a
        table like ``hofstede_dimension_stats`` (columns ``dimension`` and
        ``variance_sample`` / ``variance_population``, chosen by ``ddof``).
    countries : sequence of str, optional
        The countries compared (needed for ``variance="sample"``).

    Returns
    -------
    pandas.Series
        V_i by dimension; ``.attrs["base"]`` describes where they come from.

    Examples
    --------
    >>> dimension_variances(["pdi"], variances={"pdi": 400.0}).to_dict()
    {'pdi': 400.0}
    """
    dims = _dimensions(dims)
    choose(variance, _VARIANCE_BASES, "variance base")
    if ddof not in (0, 1):
        raise ValueError(f"ddof must be 1 (sample variance) or 0 (population variance); got {ddof!r}")
    column = "variance_sample" if ddof == 1 else "variance_population"
    if variances is not None:
        if isinstance(variances, pd.DataFrame):
            if "dimension" not in variances.columns or column not in variances.columns:
                raise ValueError(
                    f"a variance table needs columns 'dimension' and {column!r}; "
                    f"it has {', '.join(map(str, variances.columns))}"
                )
            given = pd.Series(variances[column].to_numpy(dtype=float), index=variances["dimension"].astype(str))
            table_name = variances.attrs.get("provenance", {}).get("name")
            base = f"as given: table {table_name}, {column}" if table_name else f"as given, {column}"
        else:
            given = pd.Series(variances, dtype=float)
            base = "as given"
    elif variance == "sample":
        if countries is None or len(countries) < 2:
            raise ValueError(
                "variance='sample' means the variance across the countries being compared, "
                "so it needs a set of countries: use distance_matrix(countries, variance='sample'), "
                "or variance='hofstede', or pass variances="
            )
        table = score_table(scores)
        rows = np.array([_row(table, c, dims) for c in countries])
        given = pd.Series(rows.var(axis=0, ddof=ddof), index=dims)
        base = f"variance across the {len(countries)} countries compared (ddof={ddof})"
    elif scores is not None:
        table = score_table(scores)
        missing = [d for d in dims if d not in table.columns]
        if missing:
            raise ValueError(f"the score table has no column for {', '.join(missing)}")
        given = table[dims].var(ddof=ddof)
        base = f"variance across all {len(table)} rows of the given score table (ddof={ddof})"
    else:
        raise ValueError("dimension_variances needs scores= (a score table) or variances=")
    missing = [d for d in dims if d not in given.index or pd.isna(given.get(d))]
    if missing:
        raise ValueError(f"no variance for dimension(s) {', '.join(missing)}; have {', '.join(map(str, given.index))}")
    out = given[dims].astype(float)
    if (out <= 0).any():
        zero = out[out <= 0].index.tolist()
        raise ValueError(f"the variance of {', '.join(zero)} is zero; Kogut-Singh divides by it")
    out.attrs["base"] = base
    return out


def kogut_singh(
    country_a: str,
    country_b: str,
    dimensions=FOUR_DIMENSIONS,
    variance: str = "hofstede",
    ddof: int = 1,
    *,
    scores: pd.DataFrame,
    variances=None,
) -> float:
    """Kogut-Singh cultural distance between two countries.

    Parameters
    ----------
    country_a, country_b : str
        ISO 3166-1 alpha-3 codes, e.g. ``"CHN"``, ``"JPN"``, ``"KOR"``.
    dimensions : sequence of str or 4 / 6
        Default: Kogut & Singh's four (pdi, idv, mas, uai). ``6`` adds lto, ivr.
    variance : {"hofstede"}
        Variance base (see the module notes); ``"sample"`` needs a set of
        countries and is available in :func:`distance_matrix`.
    ddof : {1, 0}
        Sample (1) or population (0) variance.
    scores : DataFrame
        The score table (``iso3`` and dimension columns).
    variances : mapping, Series or DataFrame, optional
        The V_i (see :func:`dimension_variances`); default: across every row
        of ``scores``.

    Returns
    -------
    float
        ``(1/n) * sum_i (I_ia - I_ib)^2 / V_i``; 0 for a country with itself.

    Raises
    ------
    ValueError
        An unknown country, a dimension the table lacks for a country (the
        message lists what it has), an unknown dimension or variance base.

    Examples
    --------
    >>> scores = pd.DataFrame({"iso3": ["AAA", "BBB"], "pdi": [20, 60], "idv": [50, 50],
    ...                        "mas": [40, 40], "uai": [10, 30], "ivr": [None, 50]})
    >>> v = {"pdi": 400, "idv": 100, "mas": 100, "uai": 100, "ivr": 100}
    >>> kogut_singh("AAA", "BBB", scores=scores, variances=v)  # (1600/400 + 400/100) / 4
    2.0
    >>> kogut_singh("AAA", "BBB", dimensions=["pdi", "ivr"], scores=scores, variances=v)
    Traceback (most recent call last):
    ...
    ValueError: Hofstede gives no 'ivr' score for AAA; it has pdi, idv, mas, uai
    """
    dims = _dimensions(dimensions)
    table = score_table(scores)
    a = _row(table, country_a, dims)
    b = _row(table, country_b, dims)
    v = dimension_variances(dims, variance, ddof, scores=scores, variances=variances).to_numpy()
    return float(np.mean((a - b) ** 2 / v))


def euclidean_distance(country_a: str, country_b: str, dimensions=FOUR_DIMENSIONS, *, scores: pd.DataFrame) -> float:
    """Plain Euclidean distance between two countries' raw scores.

    ``sqrt(sum_i (I_ia - I_ib)^2)`` -- no variance weighting, so dimensions
    with a wider spread count for more than in Kogut-Singh.

    >>> scores = pd.DataFrame({"iso3": ["AAA", "BBB"], "pdi": [20, 50], "idv": [50, 90],
    ...                        "mas": [40, 40], "uai": [10, 10]})
    >>> euclidean_distance("AAA", "BBB", scores=scores)
    50.0
    """
    dims = _dimensions(dimensions)
    table = score_table(scores)
    a, b = _row(table, country_a, dims), _row(table, country_b, dims)
    return float(math.sqrt(((a - b) ** 2).sum()))


_METHODS = ("kogut-singh", "euclidean")


def distance_matrix(
    countries,
    method: str = "kogut-singh",
    dimensions=FOUR_DIMENSIONS,
    variance: str = "hofstede",
    ddof: int = 1,
    *,
    scores: pd.DataFrame,
    variances=None,
) -> pd.DataFrame:
    """Pairwise cultural distances between countries, as a labelled DataFrame.

    Parameters
    ----------
    countries : sequence of str
        ISO 3166-1 alpha-3 codes (index and columns of the result, in order).
    method : {"kogut-singh", "euclidean"}
    dimensions, variance, ddof, scores, variances
        As in :func:`kogut_singh`; here ``variance="sample"`` is allowed and
        means the variance across ``countries``.

    Returns
    -------
    pandas.DataFrame
        Symmetric, zero diagonal. ``.attrs`` records the method, dimensions
        and variance base.

    Examples
    --------
    >>> scores = pd.DataFrame({"iso3": ["AAA", "BBB", "CCC"], "pdi": [10, 50, 90],
    ...                        "idv": [20, 20, 80], "mas": [50, 60, 40], "uai": [30, 70, 50]})
    >>> distance_matrix(["AAA", "BBB", "CCC"], scores=scores).round(3)
          AAA   BBB   CCC
    AAA   0.00   1.50   2.25
    BBB   1.50   0.00   2.25
    CCC   2.25   2.25   0.00
    """
    choose(method, _METHODS, "distance method")
    dims = _dimensions(dimensions)
    codes = [str(c).strip().upper() for c in countries]
    if len(set(codes)) != len(codes):
        raise ValueError(f"countries repeat: {', '.join(sorted({c for c in codes if codes.count(c) > 1}))}")
    table = score_table(scores)
    rows = np.array([_row(table, c, dims) for c in codes])
    diff2 = (rows[:, None, :] - rows[None, :, :]) ** 2
    attrs = {"method": method, "dimensions": dims}
    if method == "euclidean":
        values = np.sqrt(diff2.sum(axis=2))
    else:
        v = dimension_variances(
            dims, variance, ddof, scores=scores, variances=variances, countries=codes
        )
        values = (diff2 / v.to_numpy()).mean(axis=2)
        attrs["variance_base"] = v.attrs["base"]
        attrs["variances"] = v.to_dict()
    result = pd.DataFrame(values, index=codes, columns=codes)
    result.attrs.update(attrs)
    return result
