"""``python -m casekit``: see :mod:`casekit.cli`."""

import sys

from casekit.cli import main

sys.exit(main())
