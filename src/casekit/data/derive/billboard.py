"""The Billboard Hot 100 and the editorial act lists -> ``kpop_hot100_by_year``,
``kpop_hot100_by_act``, ``kpop_featured_pairs`` (from ``korean_acts``), and
``hot100_year_totals``, ``hot100_wave_credits`` (from ``korean_acts`` and
``wave_acts``, for the comparison of non-Anglophone waves)."""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import pandas as pd

__all__ = [
    "CREDIT_SEPARATORS",
    "credited_artists",
    "read_hot100",
    "kpop_hot100_by_year",
    "kpop_hot100_by_act",
    "kpop_featured_pairs",
    "hot100_year_totals",
    "hot100_wave_credits",
]

#: How a Billboard credit separates artists: "A Featuring B", "A & B", "A x B",
#: "A X B", "A, B", "A With B", "A And B", "HUNTR/X: A, B", "E-40 (Featuring B)".
CREDIT_SEPARATORS = re.compile(
    r"\s+(?:featuring|feat\.?|with|x|&|and|duet with)\s+|\s*,\s*|\s*:\s+|\s*\(\s*|\s*\)\s*",
    re.IGNORECASE,
)


def _alias_index(acts: pd.DataFrame) -> tuple[dict[str, str], list[str]]:
    """alias (casefolded) -> act, for a table with ``act`` and ``credit_names``; and the
    aliases that contain a separator, longest first (matched whole before splitting)."""
    index: dict[str, str] = {}
    for act, names in zip(acts["act"], acts["credit_names"]):
        for alias in str(names).split("|"):
            alias = alias.strip().casefold()
            if alias in index and index[alias] != act:
                raise ValueError(f"credit name {alias!r} is given to both {index[alias]!r} and {act!r}")
            index[alias] = act
    compound = sorted((a for a in index if CREDIT_SEPARATORS.search(a)), key=len, reverse=True)
    return index, compound


def _acts_index(korean_acts: pd.DataFrame) -> tuple[dict[str, str], list[str], set[str]]:
    """alias (casefolded) -> act; the aliases that contain a separator; the Korean acts."""
    index, compound = _alias_index(korean_acts)
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


def _korean_entries(folder: str | Path, korean_acts: pd.DataFrame):
    """All chart rows (with ``year`` and ``is_korean``) and the Korean acts' rows in detail."""
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


def kpop_hot100_by_year(folder: str | Path, korean_acts: pd.DataFrame) -> pd.DataFrame:
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


def kpop_hot100_by_act(folder: str | Path, korean_acts: pd.DataFrame) -> pd.DataFrame:
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


def kpop_featured_pairs(folder: str | Path, korean_acts: pd.DataFrame) -> pd.DataFrame:
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


def hot100_year_totals(folder: str | Path) -> pd.DataFrame:
    """Each chart year's size: ``year``, ``chart_weeks``, ``all_entries`` (song-weeks).

    The denominator of every share of entries: a wave's entries in a year over
    all entries that year.
    """
    charts = read_hot100(folder)
    charts["year"] = charts["chart_date"].str[:4].astype(int)
    out = charts.groupby("year").agg(chart_weeks=("chart_date", "nunique"), all_entries=("song", "size")).reset_index()
    return out.astype({"chart_weeks": "Int64", "all_entries": "Int64"})


def _wave_list(korean_acts: pd.DataFrame, wave_acts: pd.DataFrame) -> pd.DataFrame:
    """The Korean list as wave "k-pop", stacked on the other waves' lists: ``wave, act, credit_names, counted``."""
    korean = korean_acts.assign(wave="k-pop", counted=korean_acts["korean"].astype(bool))
    return pd.concat([korean[["wave", "act", "credit_names", "counted"]],
                      wave_acts[["wave", "act", "credit_names", "counted"]]], ignore_index=True)


def hot100_wave_credits(folder: str | Path, korean_acts: pd.DataFrame, wave_acts: pd.DataFrame) -> pd.DataFrame:
    """Every Hot 100 credit that names an act of any editorial list, per chart year.

    One row per credit as Billboard prints it and chart year: ``year``,
    ``credit``, ``artists`` (the credit split into artists, listed acts by their
    act name, joined with ``" | "``), ``listed_acts`` (the artists that are on a
    list, counted or not), ``entries`` (song-weeks), ``songs`` (distinct titles),
    ``weeks_at_number_one``. Acts listed as *not* counted are kept, so that a
    reader who moves an act into a wave (``counted``) can recount every figure
    from this table without the raw charts; an act on no list cannot be added
    without refreshing the table.

    >>> acts = pd.DataFrame({"act": ["BTS"], "credit_names": ["BTS"], "korean": [True]})
    >>> waves = pd.DataFrame({"wave": ["latin"], "act": ["Bad Bunny"], "credit_names": ["Bad Bunny"],
    ...                       "counted": [True]})
    >>> _wave_list(acts, waves)[["wave", "act", "counted"]].values.tolist()
    [['k-pop', 'BTS', True], ['latin', 'Bad Bunny', True]]
    """
    listed = _wave_list(korean_acts, wave_acts)
    index, compound = _alias_index(listed)
    names = set(listed["act"])
    charts = read_hot100(folder)
    charts["year"] = charts["chart_date"].str[:4].astype(int)
    split = {c: _split_credit(c, index, compound) for c in charts["artist"].unique()}
    on_list = {c: [a for a in artists if a in names] for c, artists in split.items()}
    rows = charts[charts["artist"].map(lambda c: bool(on_list[c]))]
    out = (rows.groupby(["year", "artist"])
           .agg(entries=("song", "size"), songs=("song", lambda s: s.str.casefold().nunique()),
                weeks_at_number_one=("position", lambda p: int((p == 1).sum())))
           .reset_index().rename(columns={"artist": "credit"}))
    out["artists"] = out["credit"].map(lambda c: " | ".join(split[c]))
    out["listed_acts"] = out["credit"].map(lambda c: " | ".join(on_list[c]))
    out = out[["year", "credit", "artists", "listed_acts", "entries", "songs", "weeks_at_number_one"]]
    out = out.sort_values(["year", "credit"]).reset_index(drop=True)
    return out.astype({"entries": "Int64", "songs": "Int64", "weeks_at_number_one": "Int64"})
