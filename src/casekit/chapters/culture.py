"""How far apart markets are: the book's Hofstede scores, Kogut-Singh distances
between its markets, made ready to read and chart.

:mod:`casekit.methods.distance` computes distances on any score table; here
the book's own tables are bound to it:

* :func:`hofstede_scores` -- the ``hofstede_scores`` table, indexed by ISO code;
* :func:`kogut_singh` and :func:`distance_matrix` -- on the book's scores,
  with the variances across Hofstede's whole matrix
  (``hofstede_dimension_stats``) unless ``variance="sample"``;

and turned into what a chapter needs:

* :func:`distance_long` -- one row per ordered pair of countries, with names,
  for a heatmap or a bar chart;
* :func:`nearest_markets` -- one country's distances to the others, nearest first;
* :func:`compare_dimension_sets` -- the same distances on two sets of
  Hofstede dimensions (by default Kogut and Singh's original four against all
  six), with each partner's rank under both and the rank correlation, so a
  reader can see whether the choice of dimensions changes the answer.

>>> m = distance_matrix(["CHN", "JPN", "KOR"])
>>> nearest_markets(m, "KOR").index.tolist()
['CHN', 'JPN']
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..choices import choose
from ..data import load
from ..methods import distance

__all__ = [
    "hofstede_scores",
    "kogut_singh",
    "distance_matrix",
    "distance_long",
    "nearest_markets",
    "rank_correlation",
    "compare_dimension_sets",
]


def hofstede_scores() -> pd.DataFrame:
    """The book's Hofstede scores (table ``hofstede_scores``), indexed by ISO code.

    >>> float(hofstede_scores().loc["KOR", "idv"])  # Hofstede's published score for South Korea
    18.0
    """
    return distance.score_table(load("hofstede_scores"))


def _book_tables(variance: str) -> dict:
    """The score table, and Hofstede's whole-matrix variances unless ``variance="sample"``."""
    variances = load("hofstede_dimension_stats") if variance == "hofstede" else None
    return {"scores": load("hofstede_scores"), "variances": variances}


def kogut_singh(country_a: str, country_b: str, dimensions=distance.FOUR_DIMENSIONS,
                variance: str = "hofstede", ddof: int = 1) -> float:
    """Kogut-Singh distance between two of the book's markets
    (:func:`casekit.methods.distance.kogut_singh` on the book's tables).

    >>> round(kogut_singh("KOR", "JPN"), 2) == round(kogut_singh("JPN", "KOR"), 2)
    True
    """
    return distance.kogut_singh(country_a, country_b, dimensions, variance, ddof, **_book_tables(variance))


def distance_matrix(countries, method: str = "kogut-singh", dimensions=distance.FOUR_DIMENSIONS,
                    variance: str = "hofstede", ddof: int = 1) -> pd.DataFrame:
    """Pairwise distances between the book's markets
    (:func:`casekit.methods.distance.distance_matrix` on the book's tables)."""
    return distance.distance_matrix(countries, method, dimensions, variance, ddof, **_book_tables(variance))


def _names(codes, scores=None) -> dict:
    table = hofstede_scores() if scores is None else distance.score_table(scores)
    if "country" not in table.columns:
        return {c: c for c in codes}
    return {c: str(table.loc[c, "country"]) if c in table.index else c for c in codes}


def _check_country(matrix: pd.DataFrame, country: str) -> str:
    code = str(country).strip().upper()
    choose(code if code in matrix.index else country, matrix.index, "country of the distance matrix")
    return code


def distance_long(matrix: pd.DataFrame, scores: pd.DataFrame | None = None) -> pd.DataFrame:
    """A distance matrix as a long table: one row per ordered pair.

    Parameters
    ----------
    matrix : DataFrame
        Square, labelled by ISO 3166-1 alpha-3 codes (as from
        :func:`distance_matrix`).
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
    ValueError: unknown country of the distance matrix 'Z'. Valid: A, B, C.
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
    scores: pd.DataFrame | None = None,
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
        Two dimension sets, as accepted by :func:`distance_matrix`
        (default 4 = pdi, idv, mas, uai against 6 = all six).
    scores : DataFrame, optional
        Another score table (with ``variances=`` in ``kwargs`` if wanted);
        default: the book's.
    **kwargs
        Passed to :func:`distance_matrix` (``variance``, ``ddof``, ``variances``).

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
    if scores is None:
        ma = distance_matrix(codes, dimensions=dims_a, **kwargs)
        mb = distance_matrix(codes, dimensions=dims_b, **kwargs)
    else:
        ma = distance.distance_matrix(codes, dimensions=dims_a, scores=scores, **kwargs)
        mb = distance.distance_matrix(codes, dimensions=dims_b, scores=scores, **kwargs)
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
