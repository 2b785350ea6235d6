"""The one way casekit refuses a bad name: the bad value, the valid ones, the nearest match.

Every public function that takes a name (a table, a country, a region, a
method, a level ...) checks it with :func:`choose` (one value) or
:func:`choose_all` (several), so every such error reads the same way.

>>> choose("music", ["games", "music"], "category")
'music'
>>> choose("musik", ["games", "music"], "category")
Traceback (most recent call last):
...
ValueError: unknown category 'musik'. Did you mean 'music'? Valid: games, music.
>>> choose_all(["pdi", "idvv", "foo"], ["pdi", "idv", "mas"], "dimension")
Traceback (most recent call last):
...
ValueError: unknown dimension 'idvv' (did you mean 'idv'?), 'foo'. Valid: pdi, idv, mas.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = ["choose", "choose_all"]


def _valid(valid: Iterable) -> list:
    return list(dict.fromkeys(valid))


def _also(also: str) -> str:
    return f" ({also})" if also else ""


def _near(value, valid: list) -> str | None:
    key = str(value).strip().lower()
    starts = [v for v in valid if key and str(v).lower().startswith(key)]
    if len(starts) == 1:  # a name typed short ("Ne Zha 2" for "Ne Zha 2 (2025)")
        return repr(starts[0])
    by_text = {str(v): v for v in valid}
    close = difflib.get_close_matches(str(value), list(by_text), n=1, cutoff=0.6)
    if not close:  # a different case or stray spaces are near matches too
        folded = {str(v).strip().lower(): v for v in valid}
        hit = folded.get(str(value).strip().lower())
        return repr(hit) if hit is not None else None
    return repr(by_text[close[0]])


def choose(value, valid: Iterable, what: str, also: str = ""):
    """Return ``value`` if it is one of ``valid``; otherwise raise a ValueError
    naming the bad value, the valid ones and the nearest match, if any.

    Parameters
    ----------
    value
        What the caller gave.
    valid : iterable
        The accepted values, in the order to list them (duplicates dropped).
    what : str
        What the value names, singular ("dataset", "region", "strategy level").
    also : str
        Other accepted forms, said after the list ("or None for both").
    """
    options = _valid(valid)
    if value in options:
        return value
    near = _near(value, options)
    hint = f" Did you mean {near}?" if near else ""
    raise ValueError(f"unknown {what} {value!r}.{hint} Valid: {', '.join(map(str, options))}{_also(also)}.")


def choose_all(values: Iterable, valid: Iterable, what: str, also: str = "") -> list:
    """Return ``values`` as a list if every one is valid; otherwise raise a
    ValueError naming every bad value (with its nearest match) and the valid ones."""
    options = _valid(valid)
    values = list(values)
    bad = [v for v in dict.fromkeys(values) if v not in options]
    if not bad:
        return values
    parts = []
    for v in bad:
        near = _near(v, options)
        parts.append(f"{v!r} (did you mean {near}?)" if near else repr(v))
    raise ValueError(f"unknown {what} {', '.join(parts)}. Valid: {', '.join(map(str, options))}{_also(also)}.")
