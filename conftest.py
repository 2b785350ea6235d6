"""Root pytest configuration, shared by the unit tests, the doctests and nbval.

Notebook kernels started by nbval inherit this environment, so charts render
with the book's offline renderer, byte for byte as the stored outputs.
"""

import os

os.environ["CASEKIT_CHARTS"] = "book"
os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")


def pytest_ignore_collect(collection_path, config):
    # the build holds ~copies of every notebook; never collect them
    parts = set(collection_path.parts)
    if parts & {"_build", ".venv", ".cache", ".ipynb_checkpoints"}:
        return True
    return None
