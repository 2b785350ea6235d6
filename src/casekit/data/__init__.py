"""casekit.data: the book's tables, where they come from, and how they are kept.

The data flow, one module a step::

    sources    raw third-party files: pinned URL and sha256, cached, never committed
      -> derive/   raw files -> the small derived tables (one module per source)
      -> package   the tables in data/ with schema, sources and hash: load, check, cite
    maintain   refresh, rehash, stale tables, the "Data sources" page (the CLI's work)

Students need only :func:`load`, :func:`datasets`, :func:`describe` and
:func:`cite` (also at the top level, ``casekit.load``).
"""

from .package import (
    DATA_ENV,
    DataHashError,
    SchemaError,
    check_hash,
    cite,
    data_dir,
    datasets,
    describe,
    file_sha256,
    load,
    to_csv_text,
    validate,
)

__all__ = [
    "load", "datasets", "describe", "cite", "data_dir",
    "validate", "check_hash", "to_csv_text", "file_sha256",
    "SchemaError", "DataHashError", "DATA_ENV",
]
