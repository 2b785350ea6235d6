"""The three cases on one frame: global reach against local rootedness.

The paper's Figure 3 groups *Ne Zha*, Nintendo and K-pop as cases that keep
local character while reaching the world. The synthesis chapter puts them on
two axes:

* **global reach** -- a measured share of revenue (or of chart presence)
  earned outside the home market, computed here from the book's tables by
  :func:`ne_zha_international_share`, :func:`nintendo_overseas_share` and
  :func:`kpop_reach`, gathered by :func:`global_reach`;
* **local rootedness** -- a coded judgement, from the editable rubric table
  ``case_rootedness_rubric`` (:func:`rubric`), averaged by :func:`rootedness`.
  Its criteria ask only how a product was made and named, never how it
  sold or was adapted for other markets, so reach is not measured with reach;
  :func:`sensitivity` moves every score by one point and reports how often
  the order of the cases changes.

:func:`case_frame` joins them; :func:`home_distances` adds the Kogut-Singh
cultural distance of each home country from the United States.

The reach measures are *not the same thing* for the three cases (one film's
gross, one company's sales, one company's revenue), and every row says which
measure it is and whether it is second-hand.

>>> r = rootedness()
>>> r.set_index("case_id")["rootedness"].to_dict()
{'ne_zha': 2.75, 'nintendo': 1.75, 'k_pop': 2.0}
"""

from __future__ import annotations

import itertools
import re

import pandas as pd

from ..choices import choose_all
from . import framework, kpop
from .ne_zha import film_split
from ..data import load
from .culture import kogut_singh

__all__ = [
    "rubric",
    "rootedness",
    "OUTCOME_WORDS",
    "sensitivity",
    "sensitivity_summary",
    "ne_zha_international_share",
    "nintendo_overseas_share",
    "kpop_reach",
    "global_reach",
    "case_frame",
    "home_distances",
]

_CASE_IDS = tuple(framework.cases()["id"])

#: Words that would make a rubric reason rest on an outcome (sales, audiences,
#: charts) or on adaptation for other markets -- what the rubric must not use.
OUTCOME_WORDS = ("abroad", "overseas", "export", "sales", "sold", "sell", "gross", "box office", "revenue",
                 "chart", "hit", "hits", "fans", "audience", "audiences", "success", "successful", "popular",
                 "translated", "translation", "dub", "dubbed", "subtitles", "foreign market", "international")
_OUTCOME = re.compile(r"\b(" + "|".join(re.escape(w) for w in OUTCOME_WORDS) + r")\b", re.IGNORECASE)


def rubric(table: pd.DataFrame | None = None) -> pd.DataFrame:
    """The rootedness rubric, checked: one score per case and criterion.

    Parameters
    ----------
    table : DataFrame, optional
        A table shaped like ``case_rootedness_rubric`` -- pass an edited copy
        to try other scores.

    Raises
    ------
    ValueError
        A case id that is not one of the paper's cases, a score outside 0-3,
        a criterion that does not score every case, a score without a source,
        or a reason that rests on an outcome (one of :data:`OUTCOME_WORDS`).

    Examples
    --------
    >>> rubric()["criterion"].unique().tolist()
    ['Home-culture material', 'Original language', 'Home production base', 'Origin in name and brand']
    >>> bad = rubric().assign(score=lambda t: t["score"].where(t["case_id"] != "k_pop", 5))
    >>> rubric(bad)
    Traceback (most recent call last):
    ...
    ValueError: score 5 for k_pop on R1 is outside 0-3
    >>> rubric(rubric().assign(reason="Its hits topped the charts"))
    Traceback (most recent call last):
    ...
    ValueError: the reason for ne_zha on R1 rests on an outcome ('hits'): the rubric scores how a product was made and named, not how it sold or was adapted abroad
    """
    table = load("case_rootedness_rubric") if table is None else table.copy()
    choose_all(table["case_id"], _CASE_IDS, "case id")
    for row in table.itertuples(index=False):
        if not 0 <= row.score <= 3:
            raise ValueError(f"score {row.score} for {row.case_id} on {row.criterion_id} is outside 0-3")
        found = _OUTCOME.search(str(row.reason))
        if found:
            raise ValueError(f"the reason for {row.case_id} on {row.criterion_id} rests on an outcome "
                             f"({found.group(0)!r}): the rubric scores how a product was made and named, "
                             "not how it sold or was adapted abroad")
        if "source" in table.columns and not str(row.source or "").strip() or str(row.source) == "nan":
            raise ValueError(f"the score for {row.case_id} on {row.criterion_id} names no source")
    counts = table.groupby("criterion_id")["case_id"].nunique()
    short = counts[counts < len(_CASE_IDS)]
    if not short.empty:
        raise ValueError(f"criterion {short.index[0]} does not score every case ({', '.join(_CASE_IDS)})")
    return table.reset_index(drop=True)


def rootedness(table: pd.DataFrame | None = None, weights: dict | None = None) -> pd.DataFrame:
    """Each case's rootedness: the weighted mean of its rubric scores (0-3).

    Parameters
    ----------
    table : DataFrame, optional
        The rubric (default :func:`rubric`).
    weights : dict, optional
        Criterion id -> weight (any positive numbers; they are normalised).
        Default: equal weights.

    Returns
    -------
    pandas.DataFrame
        ``case_id``, ``case``, ``rootedness`` (0-3, two decimals), and one
        column per criterion id with the score.

    Raises
    ------
    ValueError
        A weight for an unknown criterion, a negative weight, or weights that
        add up to zero.

    Examples
    --------
    >>> rootedness(weights={"R1": 2, "R2": 1, "R3": 1, "R4": 0})["rootedness"].tolist()
    [3.0, 1.75, 1.5]
    >>> rootedness(weights={"R9": 1})
    Traceback (most recent call last):
    ...
    ValueError: no criterion 'R9'; criteria: R1, R2, R3, R4
    """
    table = rubric(table)
    criteria = list(dict.fromkeys(table["criterion_id"]))
    if weights is None:
        weights = {c: 1.0 for c in criteria}
    for key, value in weights.items():
        if key not in criteria:
            raise ValueError(f"no criterion {key!r}; criteria: {', '.join(criteria)}")
        if value < 0:
            raise ValueError(f"weight {value} for {key} is negative")
    w = pd.Series({c: float(weights.get(c, 0.0)) for c in criteria})
    if w.sum() == 0:
        raise ValueError("the weights add up to zero")
    wide = table.pivot(index="case_id", columns="criterion_id", values="score").astype(float)
    wide = wide.reindex([c for c in _CASE_IDS if c in wide.index])
    score = (wide[criteria] * w).sum(axis=1) / w.sum()
    names = dict(zip(table["case_id"], table["case"]))
    out = pd.DataFrame({"case_id": wide.index, "case": [names[c] for c in wide.index],
                        "rootedness": score.round(2).to_numpy()})
    for c in criteria:
        out[c] = wide[c].astype(int).to_numpy()
    return out.reset_index(drop=True)


def _order_change(base: pd.Series, new: pd.Series) -> str:
    """'reversed' if some pair of cases swaps order, 'tie' if a strict order
    becomes a tie, else 'unchanged'."""
    outcome = "unchanged"
    for a, b in itertools.combinations(base.index, 2):
        before, after = base[a] - base[b], new[a] - new[b]
        if before * after < 0:
            return "reversed"
        if before != 0 and after == 0:
            outcome = "tie"
    return outcome


def sensitivity(table: pd.DataFrame | None = None, steps: int = 1) -> pd.DataFrame:
    """Move rubric scores by one point and see whether the order of the cases holds.

    Every *one-step change* raises or lowers one score by one point (staying
    within 0-3). With ``steps=2``, every pair of one-step changes to two
    different scores is tried too. For each change the cases' rootedness is
    recomputed and compared with the unchanged rubric's: ``reversed`` (two
    cases swap places), ``tie`` (two cases that were apart become equal) or
    ``unchanged``.

    Parameters
    ----------
    table : DataFrame, optional
        The rubric to start from (default :func:`rubric`).
    steps : {1, 2}
        How many scores to move at once.

    Returns
    -------
    pandas.DataFrame
        One row per change: ``change`` (e.g. ``"Nintendo R1 1->2"``; two
        changes joined by ``" + "``), ``steps``, the cases' rootedness
        (one column per case id), ``order`` (case names, most rooted first) and
        ``outcome``. For one-step changes also ``criterion_id``, ``criterion``,
        ``case_id``, ``case``, ``from_score``, ``to_score`` and ``direction``
        (``+1`` / ``-1``).

    Raises
    ------
    ValueError
        ``steps`` other than 1 or 2.

    Examples
    --------
    >>> one = sensitivity()
    >>> len(one), one["outcome"].value_counts().to_dict()
    (19, {'unchanged': 12, 'tie': 7})
    >>> one.loc[one["outcome"] == "tie", "order"].unique().tolist()
    ['Ne Zha > Nintendo = K-pop']
    >>> sensitivity(steps=3)
    Traceback (most recent call last):
    ...
    ValueError: steps must be 1 or 2, not 3
    """
    if steps not in (1, 2):
        raise ValueError(f"steps must be 1 or 2, not {steps!r}")
    table = rubric(table)
    names = dict(zip(table["case_id"], table["case"]))
    base = rootedness(table).set_index("case_id")["rootedness"]
    moves = [(i, d) for i, row in table.iterrows() for d in (-1, 1) if 0 <= row["score"] + d <= 3]

    def label(i, d):
        row = table.loc[i]
        return f"{row['case']} {row['criterion_id']} {row['score']}->{row['score'] + d}"

    combos = [(m,) for m in moves]
    if steps == 2:
        combos += [pair for pair in itertools.combinations(moves, 2) if pair[0][0] != pair[1][0]]
    rows = []
    for combo in combos:
        edited = table.copy()
        for i, d in combo:
            edited.loc[i, "score"] += d
        new = rootedness(edited).set_index("case_id")["rootedness"]
        out = {"change": " + ".join(label(i, d) for i, d in combo), "steps": len(combo)}
        if len(combo) == 1:
            (i, d), = combo
            row = table.loc[i]
            out.update(criterion_id=row["criterion_id"], criterion=row["criterion"], case_id=row["case_id"],
                       case=row["case"], from_score=int(row["score"]), to_score=int(row["score"] + d),
                       direction=f"{d:+d}")
        out.update({c: float(new[c]) for c in base.index})
        ranked = new.sort_values(ascending=False, kind="stable")
        order = names[ranked.index[0]]
        for prev, c in zip(ranked.index, ranked.index[1:]):
            order += (" = " if ranked[c] == ranked[prev] else " > ") + names[c]
        out["order"] = order
        out["outcome"] = _order_change(base, new)
        rows.append(out)
    return pd.DataFrame(rows)


def sensitivity_summary(changes: pd.DataFrame) -> pd.DataFrame:
    """Count the outcomes of :func:`sensitivity`, per number of steps.

    >>> sensitivity_summary(sensitivity(steps=2))
       steps  changes  unchanged  tie  reversed  reversed_pct
    0      1       19         12    7         0           0.0
    1      2      164        108   35        21          12.8
    """
    out = (changes.groupby("steps")["outcome"].value_counts().unstack(fill_value=0)
           .reindex(columns=["unchanged", "tie", "reversed"], fill_value=0))
    out.insert(0, "changes", out.sum(axis=1))
    out["reversed_pct"] = (100 * out["reversed"] / out["changes"]).round(2)
    out.columns.name = None
    return out.reset_index()


def ne_zha_international_share(film: str = "Ne Zha 2 (2025)", unit: str = "bn CNY",
                               table: pd.DataFrame | None = None) -> dict:
    """Share of a Ne Zha film's global gross earned outside mainland China.

    Uses the global and mainland figures of the *same* publisher, date and
    unit, so the two are comparable: ``(global - mainland) / global``.

    Returns
    -------
    dict
        ``share_pct``, ``global``, ``mainland``, ``unit``, ``as_of``,
        ``source_publisher``, ``second_hand``.

    Raises
    ------
    ValueError
        No matching pair of figures (for Ne Zha (2019) the book has none: its
        worldwide totals are second-hand and conflicting).

    Examples
    --------
    >>> s = ne_zha_international_share()
    >>> s["share_pct"], s["as_of"]
    (2.95, '2025-06-30')
    >>> ne_zha_international_share("Ne Zha (2019)")
    Traceback (most recent call last):
    ...
    ValueError: no publisher gives both the mainland and the global gross of Ne Zha (2019) in bn CNY ...
    """
    nz = load("ne_zha_box_office") if table is None else table
    split = film_split(nz, film, unit)  # the home and world gross of one report
    pair = nz[(nz["film"] == film) & (nz["unit"] == unit) & (nz["as_of"] == split["as_of"])
              & (nz["source_publisher"] == split["source_publisher"])]
    return {"share_pct": round(split["international_share_pct"], 2),
            "global": split["domestic"] + split["international"], "mainland": split["domestic"],
            "unit": unit, "as_of": split["as_of"], "source_publisher": split["source_publisher"],
            "second_hand": bool(pair["second_hand"].any())}


def nintendo_overseas_share(table: pd.DataFrame | None = None) -> dict:
    """Nintendo's proportion of sales outside Japan: latest year and range.

    >>> s = nintendo_overseas_share()
    >>> s["latest_year"], s["share_pct"], s["low_pct"], s["high_pct"]
    ('FY3/2026', 76.9, 73.4, 78.8)
    """
    ns = load("nintendo_overseas_sales") if table is None else table
    ns = ns.sort_values("fiscal_year_end")
    last = ns.iloc[-1]
    return {"latest_year": last["fiscal_year"], "share_pct": float(last["overseas_sales_pct"]),
            "low_pct": float(ns["overseas_sales_pct"].min()), "high_pct": float(ns["overseas_sales_pct"].max()),
            "first_year": ns.iloc[0]["fiscal_year"], "years": len(ns)}


def kpop_reach(year: int | None = None) -> dict:
    """Two K-pop reach measures: HYBE's revenue outside Korea and Hot 100 presence.

    Returns
    -------
    dict
        ``hybe_low_pct`` / ``hybe_high_pct`` (FY2023, second-hand),
        ``hot100_year`` and ``hot100_share_pct`` (Korean acts' share of all
        Hot 100 entries that year; default: the last full year).

    Examples
    --------
    >>> k = kpop_reach()
    >>> k["hybe_low_pct"], k["hybe_high_pct"], k["hot100_year"], k["hot100_share_pct"]
    (61.0, 64.0, 2025, 2.269)
    """
    bounds = kpop.hybe_overseas_share()
    years = kpop.hot100_years()
    full = years[years["chart_weeks"] >= 52]
    year = int(full["year"].max()) if year is None else int(year)
    row = kpop.hot100_years(year, year).iloc[0]
    return {"hybe_low_pct": bounds["low_pct"], "hybe_high_pct": bounds["high_pct"],
            "hybe_second_hand": bounds["second_hand"], "hybe_year": 2023,
            "hot100_year": year, "hot100_share_pct": float(row["share_of_entries_pct"])}


def global_reach() -> pd.DataFrame:
    """One row per reach measure: what it is, its value and whether it is comparable.

    ``comparable`` is True for the three shares of money earned outside the
    home market (the x axis of the synthesis chart) and False for Korean
    acts' share of the Hot 100, which measures presence in one foreign chart.

    >>> gr = global_reach()
    >>> gr[["case_id", "value_pct", "comparable"]].values.tolist()
    [['ne_zha', 2.95, True], ['nintendo', 76.9, True], ['k_pop', 62.5, True], ['k_pop', 2.269, False]]
    """
    nz = ne_zha_international_share()
    nin = nintendo_overseas_share()
    kp = kpop_reach()
    rows = [
        ("ne_zha", "Ne Zha 2: share of global box office earned outside mainland China",
         nz["share_pct"], nz["share_pct"], nz["share_pct"], f"run to {nz['as_of']}", nz["second_hand"], True,
         "ne_zha_box_office"),
        ("nintendo", "Nintendo: proportion of net sales outside Japan",
         nin["share_pct"], nin["low_pct"], nin["high_pct"],
         f"{nin['latest_year']} (range {nin['first_year']} to {nin['latest_year']})", False, True,
         "nintendo_overseas_sales"),
        ("k_pop", "HYBE: share of revenue outside Korea (second-hand)",
         round((kp["hybe_low_pct"] + kp["hybe_high_pct"]) / 2, 2), kp["hybe_low_pct"], kp["hybe_high_pct"],
         f"FY{kp['hybe_year']}", kp["hybe_second_hand"], True, "hybe_financials"),
        ("k_pop", "Korean acts: share of all Billboard Hot 100 entries",
         kp["hot100_share_pct"], kp["hot100_share_pct"], kp["hot100_share_pct"], str(kp["hot100_year"]),
         False, False, "kpop_hot100_by_year"),
    ]
    return pd.DataFrame(rows, columns=["case_id", "measure", "value_pct", "low_pct", "high_pct", "period",
                                       "second_hand", "comparable", "source"])


def case_frame(reach: pd.DataFrame | None = None, rooted: pd.DataFrame | None = None) -> pd.DataFrame:
    """The comparison frame: each case's comparable reach measure and its rootedness.

    >>> f = case_frame()
    >>> f[["case", "value_pct", "rootedness"]].values.tolist()
    [['Ne Zha', 2.95, 2.75], ['Nintendo', 76.9, 1.75], ['K-pop', 62.5, 2.0]]
    """
    reach = global_reach() if reach is None else reach
    rooted = rootedness() if rooted is None else rooted
    cases = framework.cases()[["id", "country", "iso3", "sector"]].rename(columns={"id": "case_id"})
    main = reach[reach["comparable"]].drop(columns="comparable")
    out = rooted[["case_id", "case", "rootedness"]].merge(main, on="case_id").merge(cases, on="case_id")
    return out.reset_index(drop=True)


def home_distances(target: str = "USA", dimensions=(4, 6)) -> pd.DataFrame:
    """Kogut-Singh distance from each case's home country to ``target``.

    Parameters
    ----------
    target : str
        ISO 3166-1 alpha-3 code of the market to compare with (default the
        United States, home of the Billboard chart).
    dimensions : sequence of {4, 6}
        Which versions of the index to compute: Kogut & Singh's four
        dimensions, and/or all six.

    >>> d = home_distances()
    >>> d[["case", "iso3", "ks_4"]].round(2).values.tolist()
    [['Ne Zha', 'CHN', 3.15], ['Nintendo', 'JPN', 2.61], ['K-pop', 'KOR', 3.53]]
    """
    cases = framework.cases()
    out = cases[["id", "name", "country", "iso3"]].rename(columns={"id": "case_id", "name": "case"})
    for n in dimensions:
        if n not in (4, 6):
            raise ValueError(f"dimensions must be 4 or 6, not {n!r}")
        out[f"ks_{n}"] = [kogut_singh(c, target, dimensions=n) for c in out["iso3"]]
    out["target"] = target
    return out
