"""``python -m casekit`` (or ``casekit``): the command line. Argument parsing only;
the work is done by :mod:`casekit.data.maintain` and :mod:`casekit.data.package`.

Commands
--------
``refresh NAME`` / ``refresh --all``
    Re-derive a table from its pinned raw source; report what changed.
``rehash NAME`` / ``rehash --all``
    After a deliberate hand edit of a compiled table: check it, record its
    hash, name the derived tables to refresh.
``check``
    Validate the whole data package (keys, schemas, hashes, stale derived tables).
``appendix``
    Write the "Data sources" page from ``datapackage.json``; ``--check`` only compares.
``list``
    List the tables.

>>> main(["list"])  # doctest: +ELLIPSIS
cultural_times_regions  compiled  ...
0
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from .data import derive, maintain, package, sources

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="casekit", description="Maintain the book's data tables.")
    sub = p.add_subparsers(dest="command", required=True)
    r = sub.add_parser("refresh", help="re-derive tables from their pinned raw sources")
    r.add_argument("names", nargs="*", help="derived tables to refresh")
    r.add_argument("--all", action="store_true", help="refresh every derived table")
    r.add_argument("--cache", help="download cache folder (default $CASEKIT_CACHE or the OS cache)")
    r.add_argument("--pack", help="seed the cache from the book's source pack raw/ folder first (offline)")
    r.add_argument("--quiet", action="store_true", help="no progress bar")
    h = sub.add_parser("rehash", help="check a hand-edited table and record its hash")
    h.add_argument("names", nargs="*")
    h.add_argument("--all", action="store_true")
    sub.add_parser("check", help="validate the data package")
    a = sub.add_parser("appendix", help="write book/data-sources.md from datapackage.json")
    a.add_argument("--output", help="where to write (default book/data-sources.md)")
    a.add_argument("--check", action="store_true", help="only check the page is up to date")
    sub.add_parser("list", help="list the tables")
    return p


def _names(args, valid: list[str]) -> list[str]:
    if args.all:
        return sorted(valid)
    if not args.names:
        raise ValueError(f"name a table or pass --all. Valid: {', '.join(sorted(valid))}.")
    return args.names


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "list":
            for name, row in package.datasets().iterrows():
                print(f"{name}  {row['kind']}  {row['title']}")
        elif args.command == "check":
            problems = package.validate() + maintain.stale()
            for p in problems:
                print(p, file=sys.stderr)
            print(f"{len(problems)} problem(s)" if problems else "data package OK")
            return 1 if problems else 0
        elif args.command == "refresh":
            cache = args.cache
            if args.pack:
                cache = cache or tempfile.mkdtemp(prefix="casekit-cache-")
                sources.seed_cache_from_pack(args.pack, cache)
            for name in _names(args, list(derive.derivations())):
                print(maintain.refresh(name, cache=cache, progress=not args.quiet).summary())
        elif args.command == "rehash":
            for name in _names(args, list(package.datasets().index)):
                print(maintain.rehash(name).summary())
        elif args.command == "appendix":
            target = Path(args.output) if args.output else maintain.appendix_path()
            if args.check:
                current = target.read_text(encoding="utf-8") if target.is_file() else ""
                if current != maintain.appendix_text():
                    print(f"{target} is out of date: run `python -m casekit appendix`", file=sys.stderr)
                    return 1
                print(f"{target} is up to date")
            else:
                print(f"wrote {maintain.write_appendix(target)}")
    except (ValueError, FileNotFoundError) as err:
        print(f"casekit: error: {err}", file=sys.stderr)
        return 2
    return 0
