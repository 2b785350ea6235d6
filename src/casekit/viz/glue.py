"""Quote a computed value in a chapter's prose (MyST-NB ``glue``).

The book's numbers are never typed twice: a cell computes a value, ``glue``
stores it under a name, and the text quotes it with ``{glue:text}`name```.
This works with MyST-NB when it is installed (the book build) and falls back
to the same output format without it (Colab, a bare Jupyter), so a notebook
runs anywhere.
"""

from __future__ import annotations

import numbers

__all__ = ["glue"]

_PREFIX = "application/papermill.record/"

#: Significant digits a glued number keeps. Linear algebra (an inverse, an
#: eigenvector) can differ in the last bits from one CPU's BLAS to another's;
#: ten digits are more than any sentence quotes and the same on every machine.
SIGNIFICANT = 10


def _plain(value):
    """Plain Python values; floats rounded to :data:`SIGNIFICANT` digits.

    >>> _plain(27.197446132471914) == _plain(27.19744613247193) == 27.19744613
    True
    """
    if isinstance(value, bool):
        return value
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        return float(f"{float(value):.{SIGNIFICANT}g}")
    return value


def glue(name: str, value, display: bool = False) -> None:
    """Store ``value`` under ``name`` for the prose to quote.

    Strings are stored as they are (no quotes), NumPy numbers as plain Python
    numbers, so ``{glue:text}`name:.1f``` formats them.
    """
    from IPython.display import display as ipy_display

    value = _plain(value)
    if isinstance(value, str):
        bundle, metadata = {"text/plain": value}, {}
    else:
        from IPython.core.formatters import format_display_data

        bundle, metadata = format_display_data(value)
    prefix = "" if display else _PREFIX
    metadata = dict(metadata, scrapbook={"name": name, "mime_prefix": prefix})
    ipy_display({prefix + k: v for k, v in bundle.items()}, raw=True, metadata=metadata)
