"""casekit: data and analysis for the book *Localization strategies for cultural
and creative industries*.

The package follows the data from source to page, one subpackage a step::

    casekit.data       raw sources -> derived tables -> the data package: load, cite, keep
    casekit.methods    AHP, cultural distance, DEMATEL / ISM, judgement matrices
    casekit.viz        charts, layouts, glue (numbers quoted in prose)
    casekit.chapters   one module per chapter or case: the book's own questions
    casekit.cli        ``python -m casekit``: refresh, rehash, check, appendix

A chapter starts with::

    import casekit
    regions = casekit.load("cultural_times_regions")

The names below are the ones a chapter uses most.
"""

import os as _os

from . import chapters, data, methods, viz
from .data import cite, data_dir, datasets, describe, load
from .methods import ahp, dematel, ism
from .viz import charts, figure, glue

charts.register()  # names only: a user's Altair theme and renderer stay as they are
if _os.environ.get("CASEKIT_CHARTS") == "book":  # the book build asks for its theme and renderer
    charts.enable("book")

__all__ = [
    "data", "methods", "viz", "chapters",                 # the steps
    "load", "datasets", "describe", "cite", "data_dir",   # data
    "ahp", "dematel", "ism",                              # methods
    "charts", "figure", "glue",                           # showing results
]
__version__ = "0.1.0"
