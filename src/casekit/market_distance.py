"""How far apart markets are: Kogut-Singh distances made ready to read and chart.

:func:`casekit.distance.distance_matrix` gives a square table of distances.
This module turns it into what a chapter needs:

* :func:`distance_long` -- one row per ordered pair of countries, with names,
  for a heatmap or a bar chart;
* :func:`nearest_markets` -- one country's distances to the others, nearest first;
* :func:`compare_dimension_sets` -- the same distances on two sets of
  Hofstede dimensions (by default Kogut and Singh's original four against all
  six), with each partner's rank under both and the rank correlation, so a
  reader can see whether the choice of dimensions changes the answer.

>>> from casekit.distance import distance_matrix
>>> m = distance_matrix(["CHN", "JPN", "KOR"])
>>> nearest_markets(m, "KOR").index.tolist()
['CHN', 'JPN']
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .distance import distance_matrix, hofstede_scores

__all__ = ["distance_long", "nearest_markets", "rank_correlation", "compare_dimension_sets"]


def _names(codes, scores=None) -> dict:
    table = hofstede_scores(scores)
    if "country" not in table.columns:
        return {c: c for c in codes}
    return {c: str(table.loc[c, "country"]) if c in table.index else c for c in codes}


def _check_country(matrix: pd.DataFrame, country: str) -> str:
    code = str(country).strip().upper()
    if code not in matrix.index:
        raise ValueError(
            f"unknown country {country!r}: the distance matrix has {', '.join(matrix.index)}"
        )
    return code


def distance_long(matrix: pd.DataFrame, scores: pd.DataFrame | None = None) -> pd.DataFrame:
    """A distance matrix as a long table: one row per ordered pair.

    Parameters
    ----------
    matrix : DataFrame
        Square, labelled by ISO 3166-1 alpha-3 codes (as from
        :func:`casekit.distance.distance_matrix`).
    scores : DataFrame, optional
        Score table that holds the country names (default: the book's).

    Returns
    -------
    pandas.DataFrame
        Columns ``from_iso3``, ``to_iso3``, ``from_country``, ``to_country``,
        ``distance``, in the matrix's row then column order.

    Examples
    --------
    >>> m = pd.DataFrame([[0.0, 1.5], [1.5, 0.0]], index=["CHN", "JPN"], columns=["CHN", "JPN"])
    >>> distance_long(m)[["from_country", "to_country", "distance"]].values.tolist()
    [['China', 'China', 0.0], ['China', 'Japan', 1.5], ['Japan', 'China', 1.5], ['Japan', 'Japan', 0.0]]
    """
    if list(matrix.index) != list(matrix.columns):
        raise ValueError("the distance matrix must be square with the same labels on rows and columns")
    names = _names(list(matrix.index), scores)
    rows = [
        {
            "from_iso3": a,
            "to_iso3": b,
            "from_country": names[a],
            "to_country": names[b],
            "distance": float(matrix.loc[a, b]),
        }
        for a in matrix.index
        for b in matrix.columns
    ]
    return pd.DataFrame(rows)


def nearest_markets(matrix: pd.DataFrame, country: str) -> pd.Series:
    """One country's distances to every other country in the matrix, nearest first.

    >>> m = pd.DataFrame([[0, 2, 1], [2, 0, 3], [1, 3, 0]], index=list("ABC"), columns=list("ABC"))
    >>> nearest_markets(m, "A").to_dict()
    {'C': 1, 'B': 2}
    >>> nearest_markets(m, "Z")
    Traceback (most recent call last):
    ...
    ValueError: unknown country 'Z': the distance matrix has A, B, C
    """
    code = _check_country(matrix, country)
    row = matrix.loc[code].drop(index=code)
    return row.sort_values(kind="stable")


def rank_correlation(a, b) -> float:
    """Spearman's rank correlation of two equally long sequences (average ranks for ties).

    >>> rank_correlation([1, 2, 3, 4], [10, 20, 30, 40])
    1.0
    >>> rank_correlation([1, 2, 3], [3, 2, 1])
    -1.0
    """
    ra = pd.Series(list(a), dtype=float).rank()
    rb = pd.Series(list(b), dtype=float).rank()
    if len(ra) != len(rb) or len(ra) < 2:
        raise ValueError(f"need two sequences of the same length >= 2; got {len(ra)} and {len(rb)}")
    return float(np.corrcoef(ra, rb)[0, 1])


def compare_dimension_sets(
    countries,
    focus,
    dims_a=4,
    dims_b=6,
    **kwargs,
) -> pd.DataFrame:
    """Kogut-Singh distances from each focus country on two sets of dimensions.

    Parameters
    ----------
    countries : sequence of str
        All countries compared (ISO alpha-3).
    focus : sequence of str
        The countries whose distances to the others are compared (e.g.
        ``["CHN", "JPN", "KOR"]``); each must be in ``countries``.
    dims_a, dims_b
        Two dimension sets, as accepted by :func:`casekit.distance.distance_matrix`
        (default 4 = pdi, idv, mas, uai against 6 = all six).
    **kwargs
        Passed to :func:`casekit.distance.distance_matrix` (``variance``,
        ``ddof``, ``scores``, ``variances``).

    Returns
    -------
    pandas.DataFrame
        Columns ``focus``, ``partner``, ``distance_a``, ``distance_b``,
        ``rank_a``, ``rank_b`` (1 = nearest), ``rank_shift`` (rank_b - rank_a).
        ``.attrs["spearman"]`` maps each focus country to the rank
        correlation of its partners' distances under the two sets;
        ``.attrs["dims_a"]``, ``.attrs["dims_b"]`` list the dimensions.

    Examples
    --------
    >>> t = compare_dimension_sets(["CHN", "JPN", "KOR", "USA"], ["KOR"])
    >>> t["partner"].tolist()
    ['CHN', 'JPN', 'USA']
    >>> t.attrs["spearman"]["KOR"]
    1.0
    """
    codes = [str(c).strip().upper() for c in countries]
    focus = [str(c).strip().upper() for c in focus]
    missing = [f for f in focus if f not in codes]
    if missing:
        raise ValueError(f"focus countries {missing} are not among the countries compared: {', '.join(codes)}")
    ma = distance_matrix(codes, dimensions=dims_a, **kwargs)
    mb = distance_matrix(codes, dimensions=dims_b, **kwargs)
    parts, spearman = [], {}
    for f in focus:
        a, b = ma.loc[f].drop(index=f), mb.loc[f].drop(index=f)
        part = pd.DataFrame(
            {
                "focus": f,
                "partner": a.index,
                "distance_a": a.to_numpy(),
                "distance_b": b.to_numpy(),
                "rank_a": a.rank(method="min").astype(int).to_numpy(),
                "rank_b": b.rank(method="min").astype(int).to_numpy(),
            }
        )
        part["rank_shift"] = part["rank_b"] - part["rank_a"]
        parts.append(part)
        spearman[f] = rank_correlation(a, b)
    out = pd.concat(parts, ignore_index=True)
    out.attrs.update({"spearman": spearman, "dims_a": ma.attrs["dimensions"], "dims_b": mb.attrs["dimensions"]})
    return out
