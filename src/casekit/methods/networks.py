"""Driver networks: influence graphs, DEMATEL, ISM with MICMAC, and the
bipartite strategy-challenge graph.

The paper says its six drivers "interact" (Figure 1) but gives no numbers.
The drivers chapter therefore starts from an influence matrix that is an
explicit, editable judgement, and studies it three ways:

* :func:`influence_graph` -- the matrix drawn as a directed graph;
* :func:`dematel` -- DEMATEL (Gabus & Fontela 1972/1973, Battelle Geneva):
  normalise the direct-relation matrix X to N, take the total-relation matrix
  ``T = N (I - N)^-1`` (the sum of all direct and indirect influence
  ``N + N^2 + N^3 + ...``), then D (row sums: influence given), R (column sums:
  influence received), prominence D + R and relation D - R (> 0: cause group,
  < 0: effect group);
* :func:`ism` -- Interpretive Structural Modelling (Warfield 1974): reflexive
  initial reachability, its transitive closure (Warshall's algorithm) as the
  final reachability matrix, level partitions, and MICMAC driving power and
  dependence (Duperrin & Godet 1973).

The strategies chapter links the paper's strategies to its challenges with
:func:`strategy_challenge_graph` and measures :func:`coverage`.

>>> r = dematel([[0, 2], [1, 0]], labels=["policy", "demand"])
>>> r.cause, r.effect
(['policy'], ['demand'])
"""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx
import numpy as np
import pandas as pd

from ..choices import choose
from .matrices import square_matrix

__all__ = [
    "NORMALIZATIONS",
    "influence_graph",
    "DematelResult",
    "dematel",
    "ISMResult",
    "ism",
    "transitive_closure",
    "level_partition",
    "micmac",
    "strategy_challenge_graph",
    "Coverage",
    "coverage",
]

#: DEMATEL normalisation conventions: the divisor s in N = X / s.
NORMALIZATIONS = {
    "max-row-col": "s = max(largest row sum, largest column sum) -- the usual choice",
    "max-row": "s = largest row sum (Falatoonitoosi et al. 2013 and others)",
}


def influence_graph(matrix, labels=None, threshold: float = 0.0) -> nx.DiGraph:
    """Directed graph of an influence matrix: an edge i -> j where ``m[i][j] > threshold``.

    Each edge carries the entry as its ``weight``. Self-influence (the
    diagonal) is ignored.

    >>> g = influence_graph([[0, 3, 0], [1, 0, 2], [0, 0, 0]], labels=list("ABC"))
    >>> sorted(g.edges(data="weight"))
    [('A', 'B', 3.0), ('B', 'A', 1.0), ('B', 'C', 2.0)]
    """
    m, labels = square_matrix(matrix, labels, what="influence matrix")
    g = nx.DiGraph()
    g.add_nodes_from(labels)
    for i, a in enumerate(labels):
        for j, b in enumerate(labels):
            if i != j and m[i, j] > threshold:
                g.add_edge(a, b, weight=float(m[i, j]))
    return g


# --------------------------------------------------------------------- DEMATEL


@dataclass(frozen=True, eq=False)
class DematelResult:
    """The DEMATEL matrices and indicators, labelled.

    Attributes
    ----------
    direct, normalized, total : pandas.DataFrame
        X (the input), N = X / s and T = N (I - N)^-1.
    d, r, prominence, relation : pandas.Series
        Row sums of T (given), column sums (received), D + R and D - R.
    threshold : float
        Default cut-off for :meth:`digraph` (the mean of T unless set).
    normalization : str
        The convention used (see :data:`NORMALIZATIONS`) and ``scale`` the divisor s.
    """

    direct: pd.DataFrame
    normalized: pd.DataFrame
    total: pd.DataFrame
    d: pd.Series
    r: pd.Series
    prominence: pd.Series
    relation: pd.Series
    threshold: float
    normalization: str
    scale: float

    @property
    def groups(self) -> pd.Series:
        """``"cause"`` (D - R > 0), ``"effect"`` (< 0) or ``"neutral"`` (exactly 0)."""
        return pd.Series(
            np.select([self.relation > 0, self.relation < 0], ["cause", "effect"], "neutral"),
            index=self.relation.index,
            name="group",
        )

    @property
    def cause(self) -> list:
        """Factors with D - R > 0: net givers of influence."""
        return [k for k, v in self.relation.items() if v > 0]

    @property
    def effect(self) -> list:
        """Factors with D - R < 0: net receivers of influence."""
        return [k for k, v in self.relation.items() if v < 0]

    def table(self) -> pd.DataFrame:
        """D, R, D + R, D - R and the group, one row per factor."""
        return pd.DataFrame(
            {
                "D": self.d,
                "R": self.r,
                "D+R": self.prominence,
                "D-R": self.relation,
                "group": self.groups,
            }
        )

    def digraph(self, threshold: float | None = None) -> nx.DiGraph:
        """Impact-relations map: an edge i -> j where ``T[i, j] > threshold``.

        ``threshold`` defaults to :attr:`threshold`. Nodes carry ``prominence``,
        ``relation`` and ``group``; edges carry ``weight`` = T[i, j]. The
        diagonal of T (a factor's feedback on itself) is not drawn.
        """
        cut = self.threshold if threshold is None else float(threshold)
        g = nx.DiGraph(threshold=cut)
        groups = self.groups
        for k in self.total.index:
            g.add_node(
                k,
                prominence=float(self.prominence[k]),
                relation=float(self.relation[k]),
                group=groups[k],
            )
        t = self.total
        for a in t.index:
            for b in t.columns:
                if a != b and t.loc[a, b] > cut:
                    g.add_edge(a, b, weight=float(t.loc[a, b]))
        return g

    def __repr__(self) -> str:
        rows = ", ".join(
            f"{k}: D+R={p:.3f} D-R={q:+.3f}"
            for k, p, q in zip(self.d.index, self.prominence, self.relation)
        )
        return (
            f"DematelResult(n={len(self.d)}, normalization={self.normalization!r}, "
            f"threshold={self.threshold:.4f}, cause={self.cause}, effect={self.effect}, {rows})"
        )


def dematel(
    matrix,
    labels=None,
    normalization: str = "max-row-col",
    threshold: float | str | None = None,
) -> DematelResult:
    """DEMATEL: total-relation matrix, prominence and relation of each factor.

    Parameters
    ----------
    matrix : list of lists, numpy.ndarray or pandas.DataFrame
        Direct-relation matrix X: ``x[i][j] >= 0`` is how strongly factor i
        influences factor j (commonly 0-4), with a zero diagonal.
    labels : sequence, optional
        Factor names in row order (a DataFrame gives its own).
    normalization : {"max-row-col", "max-row"}
        How X is scaled to N = X / s. ``"max-row-col"``: s is the larger of
        the largest row sum and the largest column sum (the common
        convention). ``"max-row"``: s is the largest row sum.
    threshold : float or "mean", optional
        Cut-off for the impact-relations map (:meth:`DematelResult.digraph`).
        ``None`` or ``"mean"``: the mean of all n x n entries of T.

    Returns
    -------
    DematelResult

    Raises
    ------
    ValueError
        Non-square, negative, missing or infinite entries, a non-zero
        diagonal, an all-zero matrix, an unknown normalisation, or an N whose
        influence series does not converge (spectral radius >= 1).

    Examples
    --------
    >>> r = dematel([[0, 3, 2], [1, 0, 1], [0, 1, 0]], labels=["policy", "tech", "demand"])
    >>> r.table().round(3)  # doctest: +NORMALIZE_WHITESPACE
                D      R    D+R    D-R   group
    policy  1.621  0.456  2.078  1.165   cause
    tech    0.796  1.282  2.078 -0.485  effect
    demand  0.359  1.039  1.398 -0.680  effect
    >>> dematel([[1, 2], [0, 0]])
    Traceback (most recent call last):
    ...
    ValueError: DEMATEL's direct-relation matrix needs a zero diagonal (a factor does not influence itself); x[1, 1] = 1
    """
    choose(normalization, NORMALIZATIONS, "normalization")
    x, labels = square_matrix(matrix, labels, what="direct-relation matrix")
    if (x < 0).any():
        i, j = map(int, np.argwhere(x < 0)[0])
        raise ValueError(
            f"DEMATEL influences must be >= 0; x[{labels[i]}, {labels[j]}] = {x[i, j]:g}"
        )
    diag = np.flatnonzero(np.diag(x) != 0)
    if diag.size:
        i = int(diag[0])
        raise ValueError(
            "DEMATEL's direct-relation matrix needs a zero diagonal "
            f"(a factor does not influence itself); x[{labels[i]}, {labels[i]}] = {x[i, i]:g}"
        )
    rows, cols = x.sum(axis=1), x.sum(axis=0)
    scale = float(rows.max()) if normalization == "max-row" else float(max(rows.max(), cols.max()))
    if scale == 0:
        raise ValueError("the direct-relation matrix is all zeros: no factor influences another")
    n_mat = x / scale
    n = x.shape[0]
    radius = float(np.max(np.abs(np.linalg.eigvals(n_mat))))
    if radius >= 1 - 1e-12:
        raise ValueError(
            f"with normalization {normalization!r} the normalised matrix has spectral radius "
            f"{radius:.6g} >= 1, so N + N^2 + ... does not converge and I - N cannot be "
            "inverted; try normalization='max-row-col' or revise the judgements"
        )
    t = n_mat @ np.linalg.inv(np.eye(n) - n_mat)
    total = pd.DataFrame(t, index=labels, columns=labels)
    d = pd.Series(t.sum(axis=1), index=labels, name="D")
    r = pd.Series(t.sum(axis=0), index=labels, name="R")
    if threshold is None or threshold == "mean":
        cut = float(t.mean())
    elif isinstance(threshold, str):
        raise ValueError(f"unknown threshold {threshold!r}; give a number or 'mean'")
    else:
        cut = float(threshold)
    return DematelResult(
        direct=pd.DataFrame(x, index=labels, columns=labels),
        normalized=pd.DataFrame(n_mat, index=labels, columns=labels),
        total=total,
        d=d,
        r=r,
        prominence=(d + r).rename("D+R"),
        relation=(d - r).rename("D-R"),
        threshold=cut,
        normalization=normalization,
        scale=scale,
    )


# ------------------------------------------------------------------------- ISM


def _binary_matrix(matrix, labels, what: str) -> tuple[np.ndarray, list]:
    m, labels = square_matrix(matrix, labels, what=what)
    bad = ~np.isin(m, (0.0, 1.0))
    if bad.any():
        i, j = map(int, np.argwhere(bad)[0])
        raise ValueError(
            f"the {what} must hold only 0 and 1; [{labels[i]}, {labels[j]}] = {m[i, j]:g}"
        )
    return m.astype(bool), labels


def transitive_closure(matrix, labels=None) -> pd.DataFrame:
    """Final reachability matrix: reflexive diagonal, then Warshall's transitive closure.

    ``final[i, j] = 1`` when i reaches j along any chain of direct links.

    >>> transitive_closure([[0, 1, 0], [0, 0, 1], [0, 0, 0]], labels=list("abc"))
       a  b  c
    a  1  1  1
    b  0  1  1
    c  0  0  1
    """
    m, labels = _binary_matrix(matrix, labels, "reachability matrix")
    reach = m.copy()
    np.fill_diagonal(reach, True)
    for k in range(len(labels)):  # Warshall (1962)
        reach |= np.outer(reach[:, k], reach[k, :])
    return pd.DataFrame(reach.astype(int), index=labels, columns=labels)


def level_partition(final, labels=None, details: bool = False):
    """ISM level partitions of a final reachability matrix (1 = top level).

    At each round, among the elements not yet placed, an element's
    reachability set R(i) (what it reaches) is compared with its antecedent
    set A(i) (what reaches it); the elements with R(i) = R(i) ∩ A(i) -- they
    reach nothing that does not also reach them -- form the next level and
    are removed. Level 1 holds the outcomes at the top of the hierarchy; the
    last level holds the root drivers.

    The matrix is used as given (no closure is taken), so published final
    matrices can be checked as printed. If no element qualifies in some round
    the matrix is not transitive and a ValueError says so.

    With ``details=True`` the result is the textbook partition table: for
    each element, its reachability, antecedent and intersection sets in the
    round where it was placed, and its level.

    >>> level_partition([[1, 1, 1], [0, 1, 1], [0, 0, 1]], labels=list("abc")).to_dict()
    {'a': 3, 'b': 2, 'c': 1}
    >>> level_partition([[1, 1, 1], [0, 1, 1], [0, 0, 1]], labels=list("abc"), details=True)
      reachability antecedent intersection  level
    a          [a]        [a]          [a]      3
    b          [b]     [a, b]          [b]      2
    c          [c]  [a, b, c]          [c]      1
    """
    m, labels = _binary_matrix(final, labels, "final reachability matrix")
    if not np.diag(m).all():
        i = int(np.flatnonzero(~np.diag(m))[0])
        raise ValueError(
            f"a final reachability matrix is reflexive: [{labels[i]}, {labels[i]}] must be 1"
        )
    remaining = set(range(len(labels)))
    level = {}
    sets = {}
    k = 0
    while remaining:
        k += 1
        top = []
        for i in sorted(remaining):
            reach = {j for j in remaining if m[i, j]}
            ante = {j for j in remaining if m[j, i]}
            if reach <= ante:
                top.append(i)
                sets[labels[i]] = [
                    [labels[j] for j in sorted(x)] for x in (reach, ante, reach & ante)
                ]
        if not top:
            left = ", ".join(str(labels[i]) for i in sorted(remaining))
            raise ValueError(
                f"no element qualifies for level {k} among {left}: the matrix is not "
                "transitive; take its transitive closure first (casekit.ism does)"
            )
        for i in top:
            level[labels[i]] = k
        remaining -= set(top)
    levels = pd.Series([level[x] for x in labels], index=labels, name="level")
    if not details:
        return levels
    table = pd.DataFrame(
        [sets[x] for x in labels],
        index=labels,
        columns=["reachability", "antecedent", "intersection"],
    )
    table["level"] = levels
    return table


_QUADRANTS = ("autonomous", "dependent", "linkage", "independent")


def micmac(final, labels=None) -> pd.DataFrame:
    """MICMAC: driving power, dependence and quadrant of each element.

    Driving power is the row sum of the final reachability matrix (how many
    elements it reaches, itself included); dependence is the column sum. With
    n elements the midpoint is n / 2, and a value strictly above it counts as
    high:

    ==============  ===============  ==============
    quadrant        driving power    dependence
    ==============  ===============  ==============
    autonomous      low (<= n/2)     low (<= n/2)
    dependent       low              high (> n/2)
    linkage         high (> n/2)     high
    independent     high             low
    ==============  ===============  ==============

    ("independent" is also called "driving" in the literature.)

    >>> micmac([[1, 1, 1], [0, 1, 1], [0, 0, 1]], labels=list("abc"))
       driving  dependence     quadrant
    a        3           1  independent
    b        2           2      linkage
    c        1           3    dependent
    """
    m, labels = _binary_matrix(final, labels, "final reachability matrix")
    n = len(labels)
    driving = m.sum(axis=1).astype(int)
    dependence = m.sum(axis=0).astype(int)
    high_drive, high_dep = driving > n / 2, dependence > n / 2
    quadrant = np.select(
        [high_drive & high_dep, high_drive, high_dep], ["linkage", "independent", "dependent"], "autonomous"
    )
    return pd.DataFrame(
        {"driving": driving, "dependence": dependence, "quadrant": quadrant}, index=labels
    )


@dataclass(frozen=True, eq=False)
class ISMResult:
    """Interpretive Structural Modelling of one reachability matrix.

    Attributes
    ----------
    initial, final : pandas.DataFrame
        Initial reachability (reflexive diagonal added) and its transitive
        closure, both 0/1.
    levels : pandas.Series
        Level of each element, 1 = top (outcomes), largest = root drivers.
    driving, dependence : pandas.Series
        Row and column sums of ``final``.
    micmac : pandas.Series
        MICMAC quadrant: autonomous, dependent, linkage or independent.
    """

    initial: pd.DataFrame
    final: pd.DataFrame
    levels: pd.Series
    driving: pd.Series
    dependence: pd.Series
    micmac: pd.Series

    def table(self) -> pd.DataFrame:
        """Level, driving power, dependence and quadrant, one row per element."""
        return pd.DataFrame(
            {
                "level": self.levels,
                "driving": self.driving,
                "dependence": self.dependence,
                "quadrant": self.micmac,
            }
        )

    def digraph(self) -> nx.DiGraph:
        """The final reachability relation as a graph (no self-loops); nodes carry
        ``level`` and ``quadrant``."""
        g = nx.DiGraph()
        for k in self.final.index:
            g.add_node(k, level=int(self.levels[k]), quadrant=self.micmac[k])
        for a in self.final.index:
            for b in self.final.columns:
                if a != b and self.final.loc[a, b]:
                    g.add_edge(a, b)
        return g

    def __repr__(self) -> str:
        by_level = {}
        for k, v in self.levels.items():
            by_level.setdefault(int(v), []).append(k)
        shown = "; ".join(f"{lv}: {', '.join(map(str, ks))}" for lv, ks in sorted(by_level.items()))
        return f"ISMResult(n={len(self.levels)}, levels={{{shown}}}, micmac={self.micmac.to_dict()})"


def ism(reachability, labels=None) -> ISMResult:
    """Interpretive Structural Modelling with MICMAC.

    Parameters
    ----------
    reachability : list of lists, numpy.ndarray or pandas.DataFrame
        Initial reachability matrix of 0/1: ``1`` at [i, j] when element i
        leads to (influences, enables) element j. The diagonal may be 0 or 1;
        it is set to 1 (every element reaches itself).
    labels : sequence, optional
        Element names in row order (a DataFrame gives its own).

    Returns
    -------
    ISMResult
        ``.final`` (transitive closure), ``.levels`` (1 = top), ``.driving``,
        ``.dependence`` and ``.micmac``.

    Raises
    ------
    ValueError
        Non-square input, entries other than 0 and 1, or labels that do not fit.

    Examples
    --------
    Policy enables technology, technology enables supply, supply meets demand:

    Examples
    --------
    >>> r = ism([[0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1], [0, 0, 0, 0]],
    ...         labels=["policy", "technology", "supply", "demand"])
    >>> r.levels.to_dict()
    {'policy': 4, 'technology': 3, 'supply': 2, 'demand': 1}
    >>> r.micmac.to_dict()
    {'policy': 'independent', 'technology': 'independent', 'supply': 'dependent', 'demand': 'dependent'}
    >>> ism([[0, 2], [0, 0]])
    Traceback (most recent call last):
    ...
    ValueError: the reachability matrix must hold only 0 and 1; [1, 2] = 2
    """
    m, labels = _binary_matrix(reachability, labels, "reachability matrix")
    initial = m.copy()
    np.fill_diagonal(initial, True)
    final = transitive_closure(initial.astype(int), labels)
    mm = micmac(final)
    return ISMResult(
        initial=pd.DataFrame(initial.astype(int), index=labels, columns=labels),
        final=final,
        levels=level_partition(final),
        driving=mm["driving"].rename("driving"),
        dependence=mm["dependence"].rename("dependence"),
        micmac=mm["quadrant"].rename("quadrant"),
    )


# ---------------------------------------------------- strategies x challenges


def _edge_list(links) -> list[tuple]:
    if isinstance(links, pd.DataFrame):
        if {"strategy", "challenge"} <= set(links.columns):
            return list(zip(links["strategy"], links["challenge"]))
        values = links.to_numpy()
        bad = ~np.isin(values.astype(float), (0.0, 1.0))
        if bad.any():
            i, j = map(int, np.argwhere(bad)[0])
            raise ValueError(
                "a strategy x challenge matrix must hold only 0 and 1; "
                f"[{links.index[i]}, {links.columns[j]}] = {values[i, j]}"
            )
        return [
            (s, c) for s in links.index for c in links.columns if links.loc[s, c] == 1
        ]
    edges = [tuple(e) for e in links]
    bad = [e for e in edges if len(e) != 2]
    if bad:
        raise ValueError(f"each link must be a (strategy, challenge) pair; got {bad[0]!r}")
    return edges


def strategy_challenge_graph(links, strategies=None, challenges=None) -> nx.Graph:
    """Bipartite graph of which strategy addresses which challenge.

    Parameters
    ----------
    links : DataFrame or iterable of (strategy, challenge) pairs
        Either an edge list (pairs, or a DataFrame with columns ``strategy``
        and ``challenge``) or a 0/1 DataFrame with strategies as rows and
        challenges as columns. Which strategy answers which challenge is a
        judgement and is given as data.
    strategies, challenges : sequence, optional
        All strategy and challenge ids, so that unlinked ones appear as
        isolated nodes. When given, every link must use them.

    Returns
    -------
    networkx.Graph
        Nodes carry ``bipartite`` = ``"strategy"`` or ``"challenge"``.

    Examples
    --------
    >>> g = strategy_challenge_graph([("G7", "C3"), ("E2", "C4")],
    ...                              strategies=["G7", "E2"], challenges=["C3", "C4", "C5"])
    >>> sorted(g.nodes(data="bipartite"))
    [('C3', 'challenge'), ('C4', 'challenge'), ('C5', 'challenge'), ('E2', 'strategy'), ('G7', 'strategy')]
    """
    if isinstance(links, pd.DataFrame) and not {"strategy", "challenge"} <= set(links.columns):
        strategies = list(links.index) if strategies is None else strategies
        challenges = list(links.columns) if challenges is None else challenges
    edges = _edge_list(links)
    s_nodes = list(strategies) if strategies is not None else list(dict.fromkeys(s for s, _ in edges))
    c_nodes = list(challenges) if challenges is not None else list(dict.fromkeys(c for _, c in edges))
    overlap = set(s_nodes) & set(c_nodes)
    if overlap:
        raise ValueError(
            f"an id cannot be both a strategy and a challenge: {', '.join(map(str, sorted(overlap)))}"
        )
    for s, c in edges:
        try:
            choose(s, s_nodes, "strategy")
            choose(c, c_nodes, "challenge")
        except ValueError as err:
            raise ValueError(f"link ({s!r}, {c!r}): {err}") from None
    g = nx.Graph()
    g.add_nodes_from(s_nodes, bipartite="strategy")
    g.add_nodes_from(c_nodes, bipartite="challenge")
    g.add_edges_from(edges)
    return g


@dataclass(frozen=True, eq=False)
class Coverage:
    """How well a set of strategies covers a set of challenges.

    Attributes
    ----------
    per_challenge : pandas.Series
        Number of strategies addressing each challenge.
    uncovered : list
        Challenges no strategy addresses.
    reach : pandas.Series
        Number of challenges each strategy addresses.
    """

    per_challenge: pd.Series
    uncovered: list
    reach: pd.Series = field(repr=False)

    @property
    def share_covered(self) -> float:
        """Fraction of challenges addressed by at least one strategy."""
        return float((self.per_challenge > 0).mean()) if len(self.per_challenge) else 0.0


def coverage(links, strategies=None, challenges=None) -> Coverage:
    """Coverage of challenges by strategies (see :func:`strategy_challenge_graph`).

    >>> cov = coverage([("G7", "C3"), ("E6", "C3"), ("E2", "C4")],
    ...                challenges=["C1", "C3", "C4"])
    >>> cov.per_challenge.to_dict(), cov.uncovered, cov.reach.to_dict()
    ({'C1': 0, 'C3': 2, 'C4': 1}, ['C1'], {'G7': 1, 'E6': 1, 'E2': 1})
    """
    g = links if isinstance(links, nx.Graph) else strategy_challenge_graph(links, strategies, challenges)
    s_nodes = [n for n, k in g.nodes(data="bipartite") if k == "strategy"]
    c_nodes = [n for n, k in g.nodes(data="bipartite") if k == "challenge"]
    per_challenge = pd.Series({c: g.degree(c) for c in c_nodes}, name="strategies", dtype=int)
    reach = pd.Series({s: g.degree(s) for s in s_nodes}, name="challenges", dtype=int)
    return Coverage(
        per_challenge=per_challenge,
        uncovered=[c for c in c_nodes if g.degree(c) == 0],
        reach=reach,
    )
