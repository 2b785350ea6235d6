"""Decision analysis: AHP priorities, consistency, A'WOT and TOWS pairs.

The SWOT chapter weighs the paper's SWOT items with the Analytic Hierarchy
Process (AHP) and combines the weights in A'WOT, the hybrid of AHP and SWOT.

* :func:`ahp` derives priorities from a pairwise comparison matrix (Saaty's
  principal right eigenvector, or the row geometric mean), with the principal
  eigenvalue ``lambda_max``, the consistency index
  ``CI = (lambda_max - n) / (n - 1)`` and the consistency ratio ``CR = CI / RI``.
* :data:`RANDOM_INDEX` is Saaty's table of random indices RI for n = 1..10,
  as printed in Saaty (1980), *The Analytic Hierarchy Process*, McGraw-Hill,
  and repeated in Saaty & Vargas (2012), *Models, Methods, Concepts &
  Applications of the AHP*, 2nd ed., Springer: 0, 0, 0.58, 0.90, 1.12, 1.24,
  1.32, 1.41, 1.45, 1.49. A matrix larger than the table has no RI here and
  is refused.
* :func:`awot` multiplies SWOT group weights by the weights of the factors
  inside each group (Kurttila, Pesonen, Kangas & Kajanus 2000, *Forest Policy
  and Economics* 1(1): 41-52; Kangas, Pesonen, Kurttila & Kajanus 2001,
  "A'WOT: integrating the AHP with SWOT analysis", ISAHP 2001).
* :func:`tows_pairs` labels strategies by the pair of SWOT items they join:
  SO, WO, ST or WT (Weihrich 1982, "The TOWS matrix", *Long Range Planning*
  15(2): 54-66).

>>> result = ahp([[1, 3], [1/3, 1]], labels=["local", "global"])
>>> result.weights.round(2).to_dict()
{'local': 0.75, 'global': 0.25}
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..choices import choose
from .matrices import square_matrix


__all__ = [
    "RANDOM_INDEX",
    "CONSISTENCY_THRESHOLD",
    "AHPResult",
    "ahp",
    "random_index",
    "awot",
    "tows_pairs",
]

#: Saaty's random index RI by matrix size n (Saaty 1980; Saaty & Vargas 2012).
RANDOM_INDEX: dict[int, float] = {
    1: 0.0,
    2: 0.0,
    3: 0.58,
    4: 0.90,
    5: 1.12,
    6: 1.24,
    7: 1.32,
    8: 1.41,
    9: 1.45,
    10: 1.49,
}

#: Saaty's rule of thumb: judgements with CR below 0.10 are acceptably consistent.
CONSISTENCY_THRESHOLD = 0.10

#: How far a_ij * a_ji may stray from 1 before the matrix counts as not
#: reciprocal. Loose enough for judgements typed as 0.33 for 1/3.
RECIPROCAL_TOLERANCE = 0.02

_METHODS = ("eigenvector", "geometric_mean")


def random_index(n: int) -> float:
    """Saaty's random index RI for an n x n matrix (n = 1..10).

    >>> random_index(7)
    1.32
    >>> random_index(12)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: Saaty's random index table covers n = 1..10; got n = 12. ...
    """
    if n not in RANDOM_INDEX:
        raise ValueError(
            f"Saaty's random index table covers n = 1..10; got n = {n}. "
            "Split the comparisons into smaller groups (a hierarchy) of at most 10 items."
        )
    return RANDOM_INDEX[n]


@dataclass(frozen=True, eq=False)
class AHPResult:
    """Priorities and consistency of one pairwise comparison matrix.

    Attributes
    ----------
    weights : pandas.Series
        Priorities by label; positive, summing to 1.
    lambda_max : float
        Principal eigenvalue (for the geometric-mean method: Saaty's estimate,
        the mean of ``(A w)_i / w_i``).
    ci, cr, ri : float
        Consistency index, consistency ratio and the random index used.
    method : str
        ``"eigenvector"`` or ``"geometric_mean"``.
    matrix : pandas.DataFrame
        The comparison matrix, labelled.
    """

    weights: pd.Series
    lambda_max: float
    ci: float
    cr: float
    ri: float
    method: str
    matrix: pd.DataFrame

    @property
    def n(self) -> int:
        """Number of items compared."""
        return len(self.weights)

    @property
    def consistent(self) -> bool:
        """True when CR < 0.10 (Saaty's threshold)."""
        return bool(self.cr < CONSISTENCY_THRESHOLD)

    def __repr__(self) -> str:
        verdict = "consistent" if self.consistent else "NOT consistent"
        shown = ", ".join(f"{k}: {v:.3f}" for k, v in self.weights.items())
        return (
            f"AHPResult(n={self.n}, method={self.method!r}, lambda_max={self.lambda_max:.3f}, "
            f"CI={self.ci:.3f}, CR={self.cr:.3f} [{verdict}: CR < 0.10], weights={{{shown}}})"
        )


def _check_reciprocal(a: np.ndarray, labels: list) -> None:
    if (a <= 0).any():
        i, j = map(int, np.argwhere(a <= 0)[0])
        raise ValueError(
            f"AHP judgements must be positive; a[{labels[i]}, {labels[j]}] = {a[i, j]:g}. "
            "Use Saaty's 1-9 scale and reciprocals (1/9 .. 9)."
        )
    n = a.shape[0]
    for i in range(n):
        if abs(a[i, i] - 1) > RECIPROCAL_TOLERANCE:
            raise ValueError(
                f"the diagonal of a pairwise comparison matrix must be 1 "
                f"(an item compared with itself); a[{labels[i]}, {labels[i]}] = {a[i, i]:g}"
            )
        for j in range(i + 1, n):
            if abs(a[i, j] * a[j, i] - 1) > RECIPROCAL_TOLERANCE:
                raise ValueError(
                    f"the matrix is not reciprocal: a[{labels[i]}, {labels[j]}] = {a[i, j]:g} "
                    f"but a[{labels[j]}, {labels[i]}] = {a[j, i]:g} "
                    f"(it should be 1/{a[i, j]:g} = {1 / a[i, j]:.3g})"
                )


def _principal_eigenvector(a: np.ndarray) -> tuple[np.ndarray, float]:
    values, vectors = np.linalg.eig(a)
    k = int(np.argmax(values.real))
    w = np.abs(vectors[:, k].real)
    return w / w.sum(), float(values[k].real)


def ahp(matrix, labels=None, method: str = "eigenvector") -> AHPResult:
    """Priorities and consistency ratio of a pairwise comparison matrix.

    Parameters
    ----------
    matrix : list of lists, numpy.ndarray or pandas.DataFrame
        A positive reciprocal matrix: ``a[i][j]`` says how many times more
        important item i is than item j (Saaty's 1-9 scale), ``a[j][i] = 1/a[i][j]``
        and ones on the diagonal. A DataFrame gives its own labels.
    labels : sequence, optional
        Names of the items, in row order.
    method : {"eigenvector", "geometric_mean"}
        ``"eigenvector"`` (Saaty): the normalised principal right eigenvector,
        from ``numpy.linalg.eig``. ``"geometric_mean"``: the normalised
        geometric means of the rows (Crawford & Williams 1985); lambda_max is
        then estimated as the mean of ``(A w)_i / w_i``. Both agree exactly
        for consistent matrices and for n <= 3.

    Returns
    -------
    AHPResult
        ``.weights`` (Series, sums to 1), ``.lambda_max``, ``.ci``, ``.cr``,
        ``.ri`` and ``.consistent`` (CR < 0.10). For n <= 2, CI and CR are 0.

    Raises
    ------
    ValueError
        The matrix is not square, holds a zero, negative, missing or infinite
        value, is not reciprocal, has more than 10 rows (beyond Saaty's RI
        table), or the labels do not fit; the message names the entry.

    Examples
    --------
    A consistent matrix (2 = 2 x 1, 4 = 2 x 2) gives back the weights it was
    built from, with CR = 0:

    Examples
    --------
    >>> r = ahp([[1, 2, 4], [1/2, 1, 2], [1/4, 1/2, 1]], labels=["S", "W", "O"])
    >>> r.weights.round(4).tolist()
    [0.5714, 0.2857, 0.1429]
    >>> round(r.cr, 6), r.consistent
    (0.0, True)
    >>> ahp([[1, 3], [3, 1]])
    Traceback (most recent call last):
    ...
    ValueError: the matrix is not reciprocal: a[1, 2] = 3 but a[2, 1] = 3 (it should be 1/3 = 0.333)
    """
    choose(method, _METHODS, "AHP method")
    a, labels = square_matrix(matrix, labels, what="pairwise comparison matrix")
    n = a.shape[0]
    ri = random_index(n)
    _check_reciprocal(a, labels)
    if method == "eigenvector":
        w, lambda_max = _principal_eigenvector(a)
    else:
        g = np.exp(np.log(a).mean(axis=1))
        w = g / g.sum()
        lambda_max = float(np.mean((a @ w) / w))
    ci = (lambda_max - n) / (n - 1) if n > 2 else 0.0
    cr = ci / ri if ri > 0 else 0.0
    return AHPResult(
        weights=pd.Series(w, index=labels, name="weight"),
        lambda_max=lambda_max,
        ci=float(ci),
        cr=float(cr),
        ri=ri,
        method=method,
        matrix=pd.DataFrame(a, index=labels, columns=labels),
    )


def _as_weights(weights, what: str) -> pd.Series:
    if isinstance(weights, AHPResult):
        weights = weights.weights
    s = pd.Series(weights, dtype=float)
    if s.empty:
        raise ValueError(f"{what} is empty")
    if s.isna().any() or (s < 0).any():
        bad = s[s.isna() | (s < 0)]
        raise ValueError(f"{what} must be non-negative numbers; got {bad.to_dict()}")
    if abs(s.sum() - 1) > 1e-6:
        raise ValueError(f"{what} must sum to 1; they sum to {s.sum():.6g} ({s.to_dict()})")
    return s


def awot(group_weights, factor_weights) -> pd.DataFrame:
    """A'WOT global priorities: SWOT group weight x factor weight within the group.

    Parameters
    ----------
    group_weights : mapping, Series or AHPResult
        Weight of each SWOT group (e.g. ``{"S": .4, "W": .2, "O": .3, "T": .1}``),
        summing to 1 -- typically ``ahp(...)`` over the four groups.
    factor_weights : mapping of group -> (mapping, Series or AHPResult)
        Weights of the factors inside each group, each summing to 1.

    Returns
    -------
    pandas.DataFrame
        One row per factor: ``group``, ``factor``, ``group_weight``,
        ``local_weight``, ``global_weight`` (the product; all global weights
        sum to 1) and ``rank`` (1 = highest global weight).

    Examples
    --------
    >>> table = awot({"S": 0.5, "W": 0.5},
    ...              {"S": {"S1": 0.8, "S2": 0.2}, "W": {"W1": 1.0}})
    >>> print(table[["factor", "global_weight", "rank"]].to_string(index=False))
    factor  global_weight  rank
        S1            0.4     2
        S2            0.1     3
        W1            0.5     1
    """
    groups = _as_weights(group_weights, "the SWOT group weights")
    if set(groups.index) != set(factor_weights):
        raise ValueError(
            f"the groups do not match: group weights name {sorted(groups.index)}, "
            f"factor weights name {sorted(factor_weights)}"
        )
    rows = []
    for group, gw in groups.items():
        local = _as_weights(factor_weights[group], f"the factor weights of group {group!r}")
        for factor, lw in local.items():
            rows.append(
                {
                    "group": group,
                    "factor": factor,
                    "group_weight": float(gw),
                    "local_weight": float(lw),
                    "global_weight": float(gw * lw),
                }
            )
    table = pd.DataFrame(rows)
    if table["factor"].duplicated().any():
        dup = sorted(table.loc[table["factor"].duplicated(), "factor"].astype(str))
        raise ValueError(f"a factor may sit in one group only; repeated: {', '.join(dup)}")
    table["rank"] = table["global_weight"].rank(ascending=False, method="min").astype(int)
    return table


_INTERNAL = {"S", "W"}
_EXTERNAL = {"O", "T"}


def tows_pairs(mapping, swot) -> pd.DataFrame:
    """Classify strategies as SO, WO, ST or WT by the SWOT items they pair.

    In Weihrich's TOWS matrix a strategy joins one internal item (a strength S
    or a weakness W) with one external item (an opportunity O or a threat T):
    SO uses strengths to seize opportunities, WO overcomes weaknesses through
    opportunities, ST uses strengths against threats, WT limits weaknesses and
    avoids threats.

    Parameters
    ----------
    mapping : DataFrame or list of dicts
        Columns ``strategy``, ``internal`` (id of an S or W item) and
        ``external`` (id of an O or T item). This pairing is a judgement and
        is given as data, not computed.
    swot : DataFrame
        SWOT items with columns ``id`` and ``group`` (S, W, O, T), such as the
        paper's, :func:`casekit.chapters.framework.swot_items`.

    Returns
    -------
    pandas.DataFrame
        The mapping with a ``tows`` column (SO, WO, ST or WT).

    Examples
    --------
    >>> swot = pd.DataFrame({"id": ["S1", "O1"], "group": ["S", "O"]})
    >>> tows_pairs([{"strategy": "E1", "internal": "S1", "external": "O1"}], swot)
    ... # doctest: +NORMALIZE_WHITESPACE
      strategy internal external tows
    0       E1       S1       O1   SO
    >>> tows_pairs([{"strategy": "E1", "internal": "O1", "external": "S1"}], swot)
    Traceback (most recent call last):
    ...
    ValueError: row 0 (strategy 'E1'): internal item 'O1' is in group O; it must be a strength (S) or a weakness (W)
    """
    table = pd.DataFrame(mapping)
    needed = ["strategy", "internal", "external"]
    missing = [c for c in needed if c not in table.columns]
    if missing:
        raise ValueError(
            f"the TOWS mapping needs columns {needed}; missing: {', '.join(missing)}"
        )
    group_of = dict(zip(swot["id"].astype(str), swot["group"].astype(str)))
    kinds = []
    for row_no, row in table.reset_index(drop=True).iterrows():
        where = f"row {row_no} (strategy {row['strategy']!r})"
        for side, allowed, words in (
            ("internal", _INTERNAL, "a strength (S) or a weakness (W)"),
            ("external", _EXTERNAL, "an opportunity (O) or a threat (T)"),
        ):
            item = str(row[side])
            try:
                choose(item, group_of, "SWOT item")
            except ValueError as err:
                raise ValueError(f"{where}: {err}") from None
            if group_of[item] not in allowed:
                raise ValueError(
                    f"{where}: {side} item {item!r} is in group {group_of[item]}; it must be {words}"
                )
        kinds.append(group_of[str(row["internal"])] + group_of[str(row["external"])])
    table = table.reset_index(drop=True)
    table["tows"] = kinds
    return table
