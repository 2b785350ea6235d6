"""The one validator every matrix method uses (AHP, DEMATEL, ISM).

Every method accepts a list of lists, a NumPy array or a labelled DataFrame,
and reports bad input the same way.

>>> square_matrix([[1, 2], [0.5, 1]], ["a", "b"])[1]
['a', 'b']
>>> square_matrix([[1, 2]])
Traceback (most recent call last):
...
ValueError: the matrix must be square (n rows and n columns, n >= 1); got shape (1, 2)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["square_matrix"]


def square_matrix(matrix, labels=None, *, what: str = "matrix") -> tuple[np.ndarray, list]:
    """Return ``(values, labels)`` for a square numeric matrix, or raise ValueError.

    Labels come, in order of preference, from ``labels``, from a DataFrame's
    columns (its index must match them), or are ``1..n``.
    """
    frame_labels = None
    if isinstance(matrix, pd.DataFrame):
        if list(matrix.index) != list(matrix.columns):
            raise ValueError(
                f"the {what} is a DataFrame whose row labels {list(matrix.index)} "
                f"differ from its column labels {list(matrix.columns)}; "
                "rows and columns must name the same items in the same order"
            )
        frame_labels = list(matrix.columns)
        values = matrix.to_numpy()
    else:
        values = matrix
    try:
        values = np.array(values, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(
            f"the {what} must hold numbers only (a list of lists, a NumPy array "
            "or a DataFrame); some entry could not be read as a number"
        ) from None
    if values.ndim != 2 or values.shape[0] != values.shape[1] or values.shape[0] == 0:
        raise ValueError(
            f"the {what} must be square (n rows and n columns, n >= 1); got shape {values.shape}"
        )
    n = values.shape[0]
    if labels is None:
        labels = frame_labels if frame_labels is not None else list(range(1, n + 1))
    else:
        labels = list(labels)
        if len(labels) != n:
            raise ValueError(
                f"got {len(labels)} labels for a {n}x{n} {what}; give exactly {n} labels"
            )
    if len(set(labels)) != len(labels):
        dup = sorted({str(x) for x in labels if labels.count(x) > 1})
        raise ValueError(f"labels must be unique; repeated: {', '.join(dup)}")
    bad = ~np.isfinite(values)
    if bad.any():
        i, j = map(int, np.argwhere(bad)[0])
        raise ValueError(
            f"the {what} has a missing or infinite entry at [{labels[i]}, {labels[j]}] "
            f"({values[i, j]}); every entry must be a finite number"
        )
    return values, labels


