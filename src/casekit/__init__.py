"""casekit: data and analysis for the book *Localization strategies for cultural
and creative industries*.

Import it at the top of a chapter::

    import casekit
    regions = casekit.load("cultural_times_regions")

The public names are re-exported here; each lives in a module of its own
(``casekit.data``, ``casekit.charts``, ...).
"""

import os as _os

from . import charts, economy
from .data import cite, data_dir, datasets, describe, load
from .decision import ahp
from .distance import distance_matrix, kogut_singh
from .glue import glue
from .networks import dematel, ism

charts.register()  # names only: a user's Altair theme and renderer stay as they are
if _os.environ.get("CASEKIT_CHARTS") == "book":  # the book build asks for its theme and renderer
    charts.enable("book")

__all__ = [
    "charts", "economy",                                  # modules
    "cite", "data_dir", "datasets", "describe", "load",   # data
    "glue",                                               # quoting numbers in prose
    "ahp", "dematel", "ism", "kogut_singh", "distance_matrix",  # methods
]
__version__ = "0.1.0"
