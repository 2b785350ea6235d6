"""VGChartz estimates (``vgsales.csv``) -> ``vgchartz_nintendo_units``."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

__all__ = [
    "vgchartz_nintendo_units",
]

def vgchartz_nintendo_units(path: str | Path) -> pd.DataFrame:
    """Units of Nintendo-published titles by release year and region (VGChartz estimates).

    Sums the per-title estimates (million units) of every title whose
    Publisher is "Nintendo", by the title's release year; titles without a
    year ("N/A") are left out.
    """
    sales = pd.read_csv(path, keep_default_na=False, dtype={"Year": str})
    nintendo = sales[(sales["Publisher"] == "Nintendo") & (sales["Year"] != "N/A")]
    regions = {"NA_Sales": "na", "EU_Sales": "eu", "JP_Sales": "jp", "Other_Sales": "other", "Global_Sales": "global"}
    grouped = nintendo.groupby("Year")
    frame = grouped[list(regions)].sum().round(2)
    frame.columns = [f"{regions[c]}_units_million" for c in frame.columns]
    frame.insert(0, "titles", grouped.size())
    frame = frame.reset_index().rename(columns={"Year": "release_year"})
    frame["release_year"] = frame["release_year"].astype(int)
    frame["titles"] = frame["titles"].astype("Int64")
    return frame.sort_values("release_year").reset_index(drop=True)
