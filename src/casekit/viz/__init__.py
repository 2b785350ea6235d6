"""casekit.viz: showing results: the book's charts (offline, accessible),
positions for drawing networks and grids, and ``glue`` for quoting numbers in prose.
"""

from .charts import enable, figure, spell_out
from .glue import glue

__all__ = ["figure", "spell_out", "enable", "glue"]
