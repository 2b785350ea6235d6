"""Derive the book's small tables from pinned raw files: one pure function per table,
one module per raw source.

* :mod:`~casekit.data.derive.hofstede` -- ``hofstede_scores``, ``hofstede_dimension_stats``;
* :mod:`~casekit.data.derive.nintendo` -- ``nintendo_financials``, ``nintendo_overseas_sales``,
  ``nintendo_digital_sales``, ``nintendo_units_by_region`` (and the one parser of Nintendo's
  fiscal years);
* :mod:`~casekit.data.derive.vgchartz` -- ``vgchartz_nintendo_units``;
* :mod:`~casekit.data.derive.billboard` -- ``kpop_hot100_by_year``, ``kpop_hot100_by_act``,
  ``kpop_featured_pairs`` (they also read the table ``korean_acts``).

Each function takes the path of a raw file (or of the folder of a many-file
source, as :func:`casekit.data.sources.fetch` returns it), plus any committed
table it reads, and returns a DataFrame whose columns are the table's schema.
Nothing here downloads or writes: :mod:`casekit.data.maintain` does.

What each derived table is made from is declared once, in
``data/datapackage.json`` (``casekit.derived_from``: its raw source and the
tables it reads; ``casekit.function``); :func:`derivations` reads it.

>>> derivations()["kpop_hot100_by_act"].tables
('korean_acts',)
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

__all__ = ["Derivation", "derivations", "derive"]


@dataclass(frozen=True)
class Derivation:
    """How one derived table is made: from which raw source and tables, by which function."""

    table: str
    raw: str
    tables: tuple[str, ...]
    function: str

    @property
    def inputs(self) -> tuple[str, ...]:
        """Every input, as ``raw:<source>`` and ``table:<name>``."""
        return (f"raw:{self.raw}", *(f"table:{t}" for t in self.tables))

    def callable(self):
        module, _, name = self.function.rpartition(".")
        return getattr(importlib.import_module(module), name)


def derivations() -> dict[str, Derivation]:
    """Every derived table's :class:`Derivation`, read from the data package."""
    from ..package import _resources

    out = {}
    for name, res in _resources().items():
        kit = res.get("casekit", {})
        if kit.get("kind") != "derived":
            continue
        src = kit.get("derived_from") or {}
        out[name] = Derivation(name, src.get("raw", ""), tuple(src.get("tables", ())), kit.get("function", ""))
    return out


def derive(name: str, raw: str | Path) -> pd.DataFrame:
    """Run the derivation of table ``name`` on its raw file or folder ``raw``
    (the committed tables it reads are loaded here).

    >>> derive("no_such_table", ".")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ValueError: unknown derived table 'no_such_table'. Valid: hofstede_scores, ...
    """
    from ...choices import choose
    from ..package import load

    known = derivations()
    d = known[choose(name, known, "derived table")]
    return d.callable()(raw, **{t: load(t) for t in d.tables})
