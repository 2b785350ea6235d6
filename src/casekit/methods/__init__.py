"""casekit.methods: the analysis methods, general and tested against published
worked examples. They take tables and matrices as arguments and never read the
book's data or import a chapter module.

* :mod:`.ahp` -- the Analytic Hierarchy Process, A'WOT, TOWS pairs;
* :mod:`.distance` -- Kogut-Singh and Euclidean cultural distance;
* :mod:`.networks` -- influence graphs, DEMATEL, ISM with MICMAC, bipartite coverage;
* :mod:`.judgements` -- judgement tables turned into the matrices above;
* :mod:`.matrices` -- the one validator of square matrices.
"""

from .ahp import AHPResult, ahp, awot, tows_pairs
from .distance import distance_matrix, euclidean_distance, kogut_singh
from .networks import DematelResult, ISMResult, dematel, ism

__all__ = [
    "ahp", "AHPResult", "awot", "tows_pairs",
    "kogut_singh", "euclidean_distance", "distance_matrix",
    "dematel", "DematelResult", "ism", "ISMResult",
]
