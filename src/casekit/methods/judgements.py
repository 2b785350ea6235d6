"""Judgement tables as matrices: influence matrices, pairwise comparisons, what-ifs.

The book keeps its judgements (how strongly one driver influences another,
which SWOT group matters more) as long, editable tables in ``data/``, one row
per judgement with its reason. The methods in :mod:`casekit.methods.networks` and
:mod:`casekit.methods.ahp` want square matrices. This module turns one into the
other, checks the table on the way, and answers the question a student asks
next: *what if I judged this one pair differently?*

* :func:`influence_matrix` -- rows ``from, to, strength`` to a square matrix
  for DEMATEL;
* :func:`reachability_matrix` -- the 0/1 matrix ISM starts from: ``1`` where a
  strength reaches a stated threshold;
* :func:`revise` -- a copy of a table with one judgement changed;
* :func:`dematel_sensitivity` -- every single-step change of one judgement,
  and the factors whose cause/effect group it flips;
* :func:`comparison_matrix` -- rows ``item_a, item_b, favours, intensity`` to
  Saaty's reciprocal matrix for AHP.

>>> table = [{"from": "policy", "to": "demand", "strength": 3},
...          {"from": "demand", "to": "policy", "strength": 1}]
>>> influence_matrix(table, labels=["policy", "demand"])
        policy  demand
policy     0.0     3.0
demand     1.0     0.0
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..choices import choose, choose_all

__all__ = [
    "influence_matrix",
    "reachability_matrix",
    "revise",
    "dematel_sensitivity",
    "comparison_matrix",
]


def _frame(table, needed: list[str], what: str) -> pd.DataFrame:
    frame = pd.DataFrame(table)
    missing = [c for c in needed if c not in frame.columns]
    if missing:
        raise ValueError(
            f"the {what} needs columns {needed}; missing: {', '.join(missing)} "
            f"(it has {', '.join(map(str, frame.columns))})"
        )
    return frame


def influence_matrix(table, labels=None, *, scale=(0, 4)) -> pd.DataFrame:
    """Square direct-influence matrix from a long table of judgements.

    Parameters
    ----------
    table : DataFrame or list of dicts
        Columns ``from``, ``to`` and ``strength``: one row per ordered pair
        of different factors (every pair, zeros included).
    labels : sequence, optional
        Factor names in the order wanted; by default, the order in which
        they first appear in ``from``.
    scale : (min, max)
        The allowed strengths (DEMATEL's usual 0-4).

    Returns
    -------
    pandas.DataFrame
        ``m.loc[a, b]`` = how strongly a influences b; zero diagonal.

    Raises
    ------
    ValueError
        An unknown factor, a factor paired with itself, a pair given twice or
        missing, or a strength outside ``scale``; the message names it.

    Examples
    --------
    >>> influence_matrix([{"from": "a", "to": "b", "strength": 5},
    ...                   {"from": "b", "to": "a", "strength": 0}])
    Traceback (most recent call last):
    ...
    ValueError: strength 5 for a -> b is outside the scale 0-4
    >>> influence_matrix([{"from": "a", "to": "b", "strength": 2}], labels=["a", "b"])
    Traceback (most recent call last):
    ...
    ValueError: the influence table lacks 1 ordered pair(s): b -> a; give every pair (0 for no influence)
    """
    frame = _frame(table, ["from", "to", "strength"], "influence table")
    labels = list(dict.fromkeys(frame["from"])) if labels is None else list(labels)
    lo, hi = scale
    for col in ("from", "to"):
        try:
            choose_all(frame[col], labels, "factor")
        except ValueError as err:
            raise ValueError(f"column {col!r}: {err}") from None
    matrix = pd.DataFrame(0.0, index=labels, columns=labels)
    seen = set()
    for a, b, s in zip(frame["from"], frame["to"], frame["strength"]):
        if a == b:
            raise ValueError(f"{a} -> {a}: a factor is not judged against itself; drop the row")
        if (a, b) in seen:
            raise ValueError(f"the pair {a} -> {b} is given twice; keep one row per ordered pair")
        if not lo <= float(s) <= hi:
            raise ValueError(f"strength {s} for {a} -> {b} is outside the scale {lo}-{hi}")
        seen.add((a, b))
        matrix.loc[a, b] = float(s)
    lacking = [f"{a} -> {b}" for a in labels for b in labels if a != b and (a, b) not in seen]
    if lacking:
        raise ValueError(
            f"the influence table lacks {len(lacking)} ordered pair(s): {', '.join(lacking[:5])}"
            f"{' ...' if len(lacking) > 5 else ''}; give every pair (0 for no influence)"
        )
    return matrix


def reachability_matrix(matrix, threshold: float) -> pd.DataFrame:
    """The 0/1 initial reachability matrix for ISM: ``1`` where ``m[i, j] >= threshold``.

    The diagonal is left at 0 (:func:`casekit.methods.networks.ism` sets it to 1 itself).

    >>> m = pd.DataFrame([[0, 3, 1], [2, 0, 4], [0, 0, 0]], index=list("abc"), columns=list("abc"))
    >>> reachability_matrix(m, 3)
       a  b  c
    a  0  1  0
    b  0  0  1
    c  0  0  0
    >>> reachability_matrix(m, 0)
    Traceback (most recent call last):
    ...
    ValueError: threshold 0 would link every pair; give a threshold above 0
    """
    m = pd.DataFrame(matrix)
    if not threshold > 0:
        raise ValueError(f"threshold {threshold:g} would link every pair; give a threshold above 0")
    reach = (m >= threshold).astype(int)
    values = reach.to_numpy().copy()
    np.fill_diagonal(values, 0)
    return pd.DataFrame(values, index=m.index, columns=m.columns)


def revise(table, source, target, strength) -> pd.DataFrame:
    """A copy of an influence table with the judgement ``source -> target`` set to ``strength``.

    >>> t = pd.DataFrame({"from": ["a", "b"], "to": ["b", "a"], "strength": [1, 2]})
    >>> revise(t, "a", "b", 4)["strength"].tolist()
    [4, 2]
    >>> revise(t, "a", "c", 4)
    Traceback (most recent call last):
    ...
    ValueError: no judgement a -> c in the table; pairs present: a -> b, b -> a
    """
    frame = _frame(table, ["from", "to", "strength"], "influence table").copy()
    hit = (frame["from"] == source) & (frame["to"] == target)
    if not hit.any():
        pairs = ", ".join(f"{a} -> {b}" for a, b in zip(frame["from"], frame["to"]))
        raise ValueError(f"no judgement {source} -> {target} in the table; pairs present: {pairs}")
    frame.loc[hit, "strength"] = strength
    return frame


def dematel_sensitivity(table, labels=None, *, step: int = 1, scale=(0, 4)) -> pd.DataFrame:
    """Change one judgement by ``step`` up or down; which factors change group?

    For every ordered pair and for ``strength - step`` and ``strength + step``
    (kept inside ``scale``), DEMATEL is rerun on the revised matrix and the
    cause/effect groups are compared with the original ones.

    Returns
    -------
    pandas.DataFrame
        One row per revision: ``from``, ``to``, ``old``, ``new`` and
        ``flipped`` (the factors whose group changed, comma-separated, or an
        empty string).

    Examples
    --------
    Two factors, a influencing b more than b influences a: a is the cause.
    Lowering a -> b to 1, or raising b -> a to 2, leaves a symmetric matrix
    whose influence series does not converge; the other two steps leave a
    the cause.

    Examples
    --------
    >>> t = [{"from": "a", "to": "b", "strength": 2}, {"from": "b", "to": "a", "strength": 1}]
    >>> dematel_sensitivity(t)  # doctest: +NORMALIZE_WHITESPACE
      from to  old  new                       flipped
    0    a  b    2    1  (DEMATEL cannot be computed)
    1    a  b    2    3
    2    b  a    1    0
    3    b  a    1    2  (DEMATEL cannot be computed)
    """
    from .networks import dematel

    frame = _frame(table, ["from", "to", "strength"], "influence table")
    base = influence_matrix(frame, labels, scale=scale)
    before = dematel(base).groups
    rows = []
    lo, hi = scale
    for a, b, s in zip(frame["from"], frame["to"], frame["strength"]):
        for new in (s - step, s + step):
            if not lo <= new <= hi:
                continue
            m = base.copy()
            m.loc[a, b] = float(new)
            try:
                after = dematel(m).groups
            except ValueError:  # all zeros, or N + N^2 + ... does not converge
                flipped = "(DEMATEL cannot be computed)"
            else:
                flipped = ", ".join(str(k) for k in before.index if after[k] != before[k])
            rows.append({"from": a, "to": b, "old": int(s), "new": int(new), "flipped": flipped})
    return pd.DataFrame(rows, columns=["from", "to", "old", "new", "flipped"])


def comparison_matrix(table, matrix: str | None = None, labels=None) -> pd.DataFrame:
    """Saaty's reciprocal pairwise comparison matrix from a long table.

    Parameters
    ----------
    table : DataFrame or list of dicts
        Columns ``item_a``, ``item_b``, ``favours`` (the item judged more
        important) and ``intensity`` (1-9); a ``matrix`` column when the table
        holds several matrices. Each unordered pair appears once; the
        reciprocal is implied.
    matrix : str, optional
        Keep only the rows whose ``matrix`` column equals this.
    labels : sequence, optional
        Item order; by default, order of first appearance.

    Returns
    -------
    pandas.DataFrame
        ``a.loc[i, j]`` = how many times more important i is than j.

    Examples
    --------
    >>> rows = [{"item_a": "S", "item_b": "W", "favours": "S", "intensity": 3},
    ...         {"item_a": "S", "item_b": "O", "favours": "O", "intensity": 2},
    ...         {"item_a": "W", "item_b": "O", "favours": "O", "intensity": 6}]
    >>> comparison_matrix(rows).round(3)
           S      W    O
    S  1.000  3.000  0.5
    W  0.333  1.000  0.167
    O  2.000  6.000  1.0
    >>> comparison_matrix(rows[:2])
    Traceback (most recent call last):
    ...
    ValueError: the comparisons lack 1 pair(s): W vs O; compare every pair once
    """
    frame = _frame(table, ["item_a", "item_b", "favours", "intensity"], "comparison table")
    if matrix is not None:
        if "matrix" not in frame.columns:
            raise ValueError("the comparison table has no 'matrix' column to select from")
        choose(matrix, frame["matrix"], "matrix")
        frame = frame[frame["matrix"] == matrix]
    if labels is None:
        labels = list(dict.fromkeys(x for pair in zip(frame["item_a"], frame["item_b"]) for x in pair))
    labels = list(labels)
    a = pd.DataFrame(np.eye(len(labels)), index=labels, columns=labels)
    seen = set()
    for i, j, fav, k in zip(frame["item_a"], frame["item_b"], frame["favours"], frame["intensity"]):
        choose_all((i, j), labels, "item")
        if i == j or frozenset((i, j)) in seen:
            raise ValueError(f"{i} vs {j}: compare two different items, each pair once")
        if not 1 <= int(k) <= 9:
            raise ValueError(f"intensity {k} for {i} vs {j} is outside Saaty's scale 1-9")
        if fav not in (i, j):
            raise ValueError(f"{i} vs {j}: 'favours' is {fav!r}; it must be {i!r} or {j!r}")
        value = float(k) if fav == i else 1 / float(k)
        a.loc[i, j], a.loc[j, i] = value, 1 / value
        seen.add(frozenset((i, j)))
    lacking = [f"{x} vs {y}" for n, x in enumerate(labels) for y in labels[n + 1:] if frozenset((x, y)) not in seen]
    if lacking:
        raise ValueError(f"the comparisons lack {len(lacking)} pair(s): {', '.join(lacking)}; compare every pair once")
    return a
