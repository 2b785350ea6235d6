"""The paper's open questions with data: other cultural backgrounds, digital technology, a failure.

The paper ends by asking how localization differs across cultural backgrounds
and what digital technology does to it. The open-questions chapter answers
with the chart the K-pop chapter already uses, the Billboard Hot 100, and four
*waves* of acts from outside the English-speaking music industries:

* ``k-pop`` -- the Korean acts of ``korean_acts``;
* ``latin`` -- Spanish-language Latin acts, ``afrobeats`` -- Nigerian and
  Ghanaian acts, ``japanese`` -- acts of Japan's music industry: the
  editorial list ``wave_acts`` (who counts, a reason and a source per act;
  look-alikes that do not count are listed too).

:func:`acts` checks and stacks the lists; :func:`by_year` measures every wave
on identical terms from the derived tables ``hot100_wave_credits`` and
``hot100_year_totals`` -- entries, distinct songs, share of all entries, weeks
at number one, and the share of a wave's entries that credit an artist from
outside the wave; :func:`around_changes` sets each wave's share before and
after the chart's method changes (``hot100_method_changes``). Because the
credits table keeps every listed act, counted or not, moving an act into a wave
and recounting needs no raw files.

Digital technology is measured a second way by Nintendo's proportion of
digital sales (:func:`casekit.chapters.nintendo.digital_share`), and the
selection-on-success problem of the synthesis meets one case that went the
other way, *The Great Wall* (2016), in :func:`contrast_shares`.

>>> t = by_year()
>>> sorted(t["wave"].unique()) == sorted(WAVES)
True
"""

from __future__ import annotations

import pandas as pd

from ..choices import choose, choose_all
from ..data import load

__all__ = ["WAVES", "WAVE_NAMES", "acts", "by_year", "by_period", "around_changes", "contrast_shares"]

#: The waves, in the order the chapter shows them.
WAVES = ("k-pop", "latin", "afrobeats", "japanese")

#: What each wave's label means on a chart.
WAVE_NAMES = {
    "k-pop": "K-pop (South Korea)",
    "latin": "Latin (Spanish-language)",
    "afrobeats": "Afrobeats (Nigeria, Ghana)",
    "japanese": "Japanese acts",
}

_COLUMNS = ["wave", "act", "credit_names", "counted", "act_type", "reason", "source_url"]


def acts(wave: str | None = None, table: pd.DataFrame | None = None,
         korean: pd.DataFrame | None = None) -> pd.DataFrame:
    """The editorial act lists of every wave, checked: ``wave, act, credit_names, counted, ...``.

    Parameters
    ----------
    wave : str, optional
        One of :data:`WAVES`; default all.
    table : DataFrame, optional
        A table shaped like ``wave_acts`` (an edited copy, to try another
        decision); the Korean list comes from ``korean_acts`` (or ``korean``).

    Raises
    ------
    ValueError
        An unknown wave (the valid ones are listed), an act listed twice in one
        wave, a row without a reason or without a source URL -- each naming
        the row.

    Examples
    --------
    >>> acts("latino")
    Traceback (most recent call last):
    ...
    ValueError: unknown wave 'latino'. Did you mean 'latin'? Valid: k-pop, latin, afrobeats, japanese.
    >>> bad = load("wave_acts")
    >>> acts(table=pd.concat([bad, bad.iloc[[0]]]))
    Traceback (most recent call last):
    ...
    ValueError: wave_acts row ...: ... is listed twice in wave ...
    """
    table = load("wave_acts") if table is None else table.copy()
    korean = load("korean_acts") if korean is None else korean
    k = korean.assign(wave="k-pop", counted=korean["korean"].astype(bool))
    choose_all(table["wave"], WAVES, "wave")
    seen: dict[tuple[str, str], int] = {}
    for i, row in enumerate(table.itertuples(index=False), start=2):  # row 1 is the header
        where = f"wave_acts row {i} ({row.wave}, {row.act!r})"
        if (row.wave, row.act) in seen:
            raise ValueError(f"wave_acts row {i}: {row.act!r} is listed twice in wave {row.wave!r} "
                             f"(first at row {seen[(row.wave, row.act)]})")
        seen[(row.wave, row.act)] = i
        if not isinstance(row.reason, str) or not row.reason.strip():
            raise ValueError(f"{where} has no reason: say why the act counts or does not")
        if not isinstance(row.source_url, str) or not row.source_url.startswith(("http://", "https://")):
            raise ValueError(f"{where} has no source URL (got {row.source_url!r})")
    out = pd.concat([k.reindex(columns=_COLUMNS), table.reindex(columns=_COLUMNS)], ignore_index=True)
    out["counted"] = out["counted"].astype(bool)
    if wave is not None:
        out = out[out["wave"] == choose(wave, WAVES, "wave")]
    return out.reset_index(drop=True)


def by_year(act_table: pd.DataFrame | None = None, waves=WAVES, credits: pd.DataFrame | None = None,
            totals: pd.DataFrame | None = None) -> pd.DataFrame:
    """Each wave on the Hot 100, per chart year, on identical measures.

    Parameters
    ----------
    act_table : DataFrame, optional
        The stacked lists as :func:`acts` returns them (edit ``counted`` to move
        an act in or out of a wave).
    waves : sequence of str
        Which waves (default all).

    Returns
    -------
    pandas.DataFrame
        One row per wave and chart year (every year of the chart, zeros
        included): ``wave``, ``year``, ``chart_weeks``, ``all_entries``,
        ``entries`` (song-weeks crediting an act of the wave), ``songs``
        (distinct title + credit), ``share_of_entries_pct``,
        ``weeks_at_number_one`` and ``co_credited_pct`` -- the share of the
        wave's entries whose credit names an artist outside the wave ("A
        featuring B", "A & B", "A x B"); empty when the wave has no entries.

    Examples
    --------
    >>> t = by_year(waves=["k-pop"]).set_index("year")
    >>> k = load("kpop_hot100_by_year").set_index("year")
    >>> bool((t["entries"] == k["korean_entries"]).all())
    True
    >>> by_year(waves=["reggaeton"])
    Traceback (most recent call last):
    ...
    ValueError: unknown wave 'reggaeton'. Valid: k-pop, latin, afrobeats, japanese.
    """
    waves = choose_all(list(waves), WAVES, "wave")
    act_table = acts() if act_table is None else act_table
    credits = load("hot100_wave_credits") if credits is None else credits
    totals = load("hot100_year_totals") if totals is None else totals
    artists = credits["artists"].str.split(" | ", regex=False)
    frames = []
    for wave in waves:
        counted = set(act_table.loc[(act_table["wave"] == wave) & act_table["counted"], "act"])
        hit = artists.map(lambda names: any(n in counted for n in names))
        mine = credits[hit].assign(co=artists[hit].map(lambda names: any(n not in counted for n in names)))
        per = mine.groupby("year").agg(
            entries=("entries", "sum"), songs=("songs", "sum"),
            weeks_at_number_one=("weeks_at_number_one", "sum"),
            co_entries=("entries", lambda e: int(e[mine.loc[e.index, "co"]].sum())))
        year = totals.set_index("year").join(per).fillna({"entries": 0, "songs": 0, "weeks_at_number_one": 0,
                                                          "co_entries": 0})
        year["share_of_entries_pct"] = (100 * year["entries"] / year["all_entries"]).round(3)
        year["co_credited_pct"] = (100 * year["co_entries"] / year["entries"].where(year["entries"] > 0)).round(1)
        frames.append(year.reset_index().assign(wave=wave))
    out = pd.concat(frames, ignore_index=True)
    for col in ("entries", "songs", "weeks_at_number_one", "co_entries"):
        out[col] = out[col].astype(int)
    return out[["wave", "year", "chart_weeks", "all_entries", "entries", "songs", "share_of_entries_pct",
                "weeks_at_number_one", "co_entries", "co_credited_pct"]]


def by_period(table: pd.DataFrame | None = None, start: int = 2020, end: int | None = None) -> pd.DataFrame:
    """Each wave over a span of years: entries, songs, share, weeks at number one, co-credited share.

    ``end`` defaults to the last year with a full chart (52 or more weeks).

    >>> p = by_period(start=2020).set_index("wave")
    >>> list(p.columns)
    ['years', 'entries', 'songs', 'share_of_entries_pct', 'weeks_at_number_one', 'co_credited_pct']
    """
    table = by_year() if table is None else table
    if end is None:
        end = int(table.loc[table["chart_weeks"] >= 52, "year"].max())
    span = table[(table["year"] >= start) & (table["year"] <= end)]
    g = span.groupby("wave", sort=False)
    out = pd.DataFrame({
        "years": f"{start}-{end}",
        "entries": g["entries"].sum(), "songs": g["songs"].sum(),
        "share_of_entries_pct": (100 * g["entries"].sum() / g["all_entries"].sum()).round(3),
        "weeks_at_number_one": g["weeks_at_number_one"].sum(),
        "co_credited_pct": (100 * g["co_entries"].sum() / g["entries"].sum().where(g["entries"].sum() > 0)).round(1),
    })
    return out.reset_index()


def around_changes(table: pd.DataFrame | None = None, window: int = 3,
                   changes: pd.DataFrame | None = None) -> pd.DataFrame:
    """Each wave's share of entries in the ``window`` years before and after each chart-method change.

    An *interrupted series* read, not a causal estimate: anything else that
    changed in the same years (the music, the acts, the labels' plans, other
    platforms) moves the share too. A change dated in year *Y* compares years
    *Y - window* to *Y - 1* with *Y + 1* to *Y + window* (the year of the
    change itself is left out, being split between the two rules).

    Returns
    -------
    pandas.DataFrame
        ``change`` (its label), ``date``, ``wave``, ``before_pct``,
        ``after_pct``, ``ratio`` (after / before; empty when before is 0).

    >>> around_changes(window=0)
    Traceback (most recent call last):
    ...
    ValueError: window must be a whole number of years from 1, not 0
    """
    if not isinstance(window, int) or window < 1:
        raise ValueError(f"window must be a whole number of years from 1, not {window!r}")
    table = by_year() if table is None else table
    changes = load("hot100_method_changes") if changes is None else changes
    rows = []
    for change in changes.itertuples(index=False):
        y = int(str(change.date)[:4])
        for wave, t in table.groupby("wave", sort=False):
            def share(years):
                sel = t[t["year"].isin(years)]
                return 100 * sel["entries"].sum() / sel["all_entries"].sum() if len(sel) else float("nan")
            before = share(range(y - window, y))
            after = share(range(y + 1, y + window + 1))
            rows.append({"change": change.label, "date": change.date, "wave": wave,
                         "before_pct": round(before, 3), "after_pct": round(after, 3),
                         "ratio": round(after / before, 2) if before > 0 else float("nan")})
    return pd.DataFrame(rows)


def contrast_shares(table: pd.DataFrame | None = None) -> dict:
    """*The Great Wall* (2016): shares of its worldwide gross earned outside mainland China and North America.

    Uses the one report that gives the worldwide, mainland China and US totals
    together (same publisher, same date), so the three are comparable; the
    book has no final total from a box-office tracker's own page, so the figures
    are second-hand.

    Returns
    -------
    dict
        ``worldwide``, ``china``, ``us`` (US$ million), ``outside_china_pct``,
        ``outside_us_pct``, ``outside_both_pct``, ``as_of``, ``source_publisher``,
        ``second_hand``, ``budget``, ``loss_estimate`` (US$ million).

    Examples
    --------
    >>> s = contrast_shares()
    >>> s["outside_china_pct"], s["outside_us_pct"]
    (48.5, 86.4)
    """
    t = load("contrast_case_box_office") if table is None else table
    figures = t[t["kind"] == "figure"]
    wanted = {"worldwide gross": "worldwide", "China mainland gross": "china", "US gross": "us"}
    for (publisher, as_of), rows in figures.groupby(["source_publisher", "as_of"]):
        got = rows.set_index("metric")["value"]
        if all(m in got.index for m in wanted):
            w, c, u = (float(got[m]) for m in wanted)
            budget = figures.loc[figures["metric"] == "production budget", "value"]
            loss = figures.loc[figures["metric"] == "expected loss (estimate)", "value"]
            return {"worldwide": w, "china": c, "us": u,
                    "outside_china_pct": round(100 * (w - c) / w, 1),
                    "outside_us_pct": round(100 * (w - u) / w, 1),
                    "outside_both_pct": round(100 * (w - c - u) / w, 1),
                    "as_of": as_of, "source_publisher": publisher,
                    "second_hand": bool(rows["second_hand"].any()),
                    "budget": float(budget.iloc[0]) if len(budget) else None,
                    "loss_estimate": float(loss.iloc[0]) if len(loss) else None}
    raise ValueError("no report gives the worldwide, China mainland and US gross together")
