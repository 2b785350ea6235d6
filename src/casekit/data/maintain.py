"""Keeping the data tables: refresh, rehash, staleness, the "Data sources" page.

What ``python -m casekit`` (:mod:`casekit.cli`) runs:

* :func:`refresh` -- fetch a derived table's pinned raw source (hash-checked,
  cached), re-derive it, write it atomically to ``data/``, record its hash and
  the fingerprints of its inputs, and report what changed;
* :func:`rehash` -- after a deliberate hand edit of a compiled table: check
  it against its schema, record its new hash, and name the derived tables
  that read it (they must be refreshed);
* :func:`stale` -- the derived tables older than one of their inputs;
* :func:`appendix_text` / :func:`write_appendix` -- the "Data sources" page.
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..choices import choose
from . import derive, sources
from . import package as data

__all__ = ["refresh", "rehash", "stale", "dependants", "fingerprints", "appendix_text",
           "appendix_path", "write_appendix", "RefreshReport"]


@dataclass
class RefreshReport:
    """What a refresh or rehash changed in one table."""

    name: str
    rows: int
    added: list = field(default_factory=list)
    removed: list = field(default_factory=list)
    changed: list = field(default_factory=list)
    diff: list = field(default_factory=list)
    old_hash: str = ""
    new_hash: str = ""
    #: derived tables that read this one and must now be refreshed
    rebuild: list = field(default_factory=list)

    def summary(self, max_diff: int = 12) -> str:
        if self.old_hash == self.new_hash:
            return f"{self.name}: unchanged ({self.rows} rows, sha256:{self.new_hash[:12]})"
        lines = [
            f"{self.name}: {self.rows} rows; {len(self.added)} added, "
            f"{len(self.removed)} removed, {len(self.changed)} changed; "
            f"sha256 {self.old_hash[:12] or '-'} -> {self.new_hash[:12]}"
        ]
        shown = self.diff[:max_diff]
        lines += [f"  {d}" for d in shown]
        if len(self.diff) > max_diff:
            lines.append(f"  ... {len(self.diff) - max_diff} more diff lines")
        if self.rebuild:
            lines.append(f"  now refresh the tables that read it: python -m casekit refresh {' '.join(self.rebuild)}")
        return "\n".join(lines)


def _keyed(text: str, key: list[str]) -> dict[tuple, dict]:
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    return {tuple(r[k] for k in key): r for r in rows}


def _compare(name: str, old: str, new: str, key: list[str]) -> RefreshReport:
    before, after = _keyed(old, key) if old else {}, _keyed(new, key)
    report = RefreshReport(name=name, rows=len(after))
    report.added = sorted(set(after) - set(before))
    report.removed = sorted(set(before) - set(after))
    report.changed = sorted(k for k in set(after) & set(before) if after[k] != before[k])
    report.diff = [
        line.rstrip("\n")
        for line in difflib.unified_diff(
            old.splitlines(True), new.splitlines(True), "old", "new", n=0
        )
        if not line.startswith(("---", "+++", "@@"))
    ]
    return report


def _atomic_write(path: Path, text: str) -> Path:
    """Stage ``text`` in a temp file beside ``path``; return the temp path."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
        fh.write(text)
    return Path(tmp)


def _dump_package(package: dict) -> str:
    return json.dumps(package, indent=2, ensure_ascii=False) + "\n"


def fingerprints(name: str) -> dict[str, str]:
    """The current fingerprint of every input of derived table ``name``:
    ``raw:<source>`` -> the pinned hashes' digest, ``table:<name>`` -> the table's recorded hash."""
    known = derive.derivations()
    d = known[choose(name, known, "derived table")]
    out = {f"raw:{d.raw}": sources.fingerprint(d.raw)}
    for table in d.tables:
        out[f"table:{table}"] = data.describe(table).get("hash", "").removeprefix("sha256:")
    return out


def stale() -> list[str]:
    """The derived tables older than one of their inputs, one line each (empty when all are current)."""
    lines = []
    for name in sorted(derive.derivations()):
        recorded = data.describe(name).get("casekit", {}).get("inputs", {})
        for key, now in fingerprints(name).items():
            if recorded.get(key) != now:
                lines.append(
                    f"{name} is older than its input {key} (recorded {recorded.get(key, 'nothing')[:12]}, "
                    f"now {now[:12]}): run `python -m casekit refresh {name}`"
                )
    return lines


def dependants(name: str) -> list[str]:
    """The derived tables that read table ``name``."""
    return sorted(t for t, d in derive.derivations().items() if name in d.tables)


def _install(name: str, text: str, old: str | None = None, inputs: dict | None = None) -> RefreshReport:
    """Check ``text`` against the table's schema, then replace the file and its hash.

    Nothing in ``data/`` changes unless every check passes; the CSV and the
    updated ``datapackage.json`` are staged first and moved into place with
    ``os.replace``.
    """
    folder = data.data_dir()
    res = data.describe(name)
    path = folder / res["path"]
    if old is None:
        old = path.read_text(encoding="utf-8") if path.is_file() else ""
    key = res["schema"]["primaryKey"]
    key = [key] if isinstance(key, str) else list(key)
    staged_csv = _atomic_write(path, text)
    staged_json = None
    try:
        frame = data._read_checked(staged_csv, res["schema"])  # raises SchemaError
        broken = data.row_rule_problems(name, frame, res.get("casekit", {}).get("row_rules", []))
        if broken:
            raise data.SchemaError("; ".join(broken))
        report = _compare(name, old, text, key)
        report.old_hash = res.get("hash", "").removeprefix("sha256:")
        report.new_hash = data.file_sha256(staged_csv)
        package_path = folder / "datapackage.json"
        package = json.loads(package_path.read_text(encoding="utf-8"))
        for entry in package["resources"]:
            if entry["name"] == name:
                entry["hash"] = f"sha256:{report.new_hash}"
                if inputs is not None:
                    entry.setdefault("casekit", {})["inputs"] = inputs
        staged_json = _atomic_write(package_path, _dump_package(package))
        os.replace(staged_csv, path)
        os.replace(staged_json, package_path)
    finally:
        for tmp in (staged_csv, staged_json):
            if tmp is not None and tmp.exists():
                tmp.unlink()
        data._package.cache_clear()
    report.rebuild = dependants(name) if report.old_hash != report.new_hash else []
    return report


def refresh(name: str, cache: str | os.PathLike | None = None, progress: bool = True) -> RefreshReport:
    """Rebuild one derived table from its pinned raw source and record its hash.

    Raises
    ------
    ValueError
        ``name`` is not a derived table (the message lists those that are; a
        hand-compiled table is edited, then rehashed), or a raw file's hash
        does not match (:class:`casekit.data.sources.RawFileHashError`).
    """
    known = derive.derivations()
    if name in data.datasets().index and name not in known:
        raise ValueError(
            f"{name!r} is a hand-compiled table, not a derived one: edit the CSV and run "
            f"`python -m casekit rehash {name}`. Derived tables: {', '.join(sorted(known))}."
        )
    d = known[choose(name, known, "derived table")]
    raw = sources.fetch(d.raw, cache=cache, progress=progress)
    frame = derive.derive(name, raw)
    return _install(name, data.to_csv_text(frame, data.describe(name)["schema"]), inputs=fingerprints(name))


def _committed(path: Path) -> str | None:
    """The last committed text of ``path`` (git HEAD), or None outside a git checkout."""
    import subprocess

    try:
        top = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"], cwd=path.parent,
            capture_output=True, text=True, check=True,
        ).stdout.strip()
        rel = path.resolve().relative_to(Path(top).resolve()).as_posix()
        return subprocess.run(
            ["git", "show", f"HEAD:{rel}"], cwd=top, capture_output=True, text=True, check=True
        ).stdout
    except (OSError, ValueError, subprocess.CalledProcessError):
        return None


def rehash(name: str) -> RefreshReport:
    """Check a hand-edited table against its schema and record its new hash.

    The report compares the table with its last committed version when the
    data folder is a git checkout (else it only reports the hash change).
    """
    res = data.describe(name)
    path = data.data_dir() / res["path"]
    text = path.read_text(encoding="utf-8")
    return _install(name, text, old=_committed(path) or text)


# ---------------------------------------------------------------------------
# The "Data sources" appendix
# ---------------------------------------------------------------------------


def _md(text: str) -> str:
    return " ".join(str(text).split())


def appendix_text() -> str:
    """The "Data sources" page, in MyST Markdown, generated from ``datapackage.json``."""
    package = data._package(data.data_dir())
    out = [
        "# Data sources",
        "",
        "Every table the book uses, what it measures, where its figures come from, "
        "on what terms, when they were read, and what to keep in mind when using it. "
        "This page is generated from `data/datapackage.json` by `python -m casekit appendix`; "
        "do not edit it by hand.",
        "",
        "- **Compiled** tables were put together by hand from public pages; every row "
        "carries the URL of the page it was read from, and only figures checked against "
        "that page are kept.",
        "- **Derived** tables are computed by `casekit` from raw files fetched from a "
        "pinned URL and checked against a sha256 (`python -m casekit refresh NAME`); the "
        "raw files themselves are not redistributed.",
        "- **Judgement** tables hold the book's own judgements (an influence matrix, pairwise "
        "comparisons, a pairing), labelled as such, with a reason on every row tied to a section "
        "of the paper. Edit one, run `python -m casekit rehash NAME`, and rerun its chapter.",
        "",
        "Download the whole data package — `datapackage.json` and every table, as one zip file: "
        "{download}`cci-localization-data.zip </.cache/downloads/cci-localization-data.zip>`. "
        "Each chapter's notebook can be downloaded from the download button at the top of its page.",
        "",
        "## Summary",
        "",
        "| Table | Kind | Rows | Title |",
        "| --- | --- | --- | --- |",
    ]
    folder = data.data_dir()
    resources = package["resources"]
    for res in resources:
        with open(folder / res["path"], encoding="utf-8") as fh:
            rows = sum(1 for _ in fh) - 1
        kind = res.get("casekit", {}).get("kind", "compiled")
        out.append(f"| `{res['name']}` | {kind} | {rows} | {_md(res['title'])} |")
    out += ["", "## Tables", ""]
    for res in resources:
        kit = res.get("casekit", {})
        out += [f"### {_md(res['title'])}", ""]
        out += [f"Table `{res['name']}` (file `data/{res['path']}`), {kit.get('kind', 'compiled')}.", ""]
        out += [_md(res["description"]), ""]
        out += ["**Sources**", ""]
        for src in res["sources"]:
            who = f"{_md(src['publisher'])}, " if src.get("publisher") else ""
            read = f", read {src['accessed']}" if src.get("accessed") else ""
            out.append(f"- {who}[{_md(src['title'])}]({src['path']}){read}")
        out += ["", "**Licence and terms**", ""]
        for lic in res.get("licenses", []):
            link = f" ([{lic['name']}]({lic['path']}))" if lic.get("path") else f" ({lic['name']})"
            out.append(f"- {_md(lic.get('title', lic['name']))}{link}")
        if kit.get("kind") == "derived":
            out += [
                "",
                f"**Derivation**: raw source `{kit['derived_from']['raw']}`"
                + "".join(f", table `{t}`" for t in kit["derived_from"].get("tables", []))
                + f"; function `{kit.get('function')}`.",
            ]
        units = [
            f"`{f['name']}`: {_md(f['unit'])}" for f in res["schema"]["fields"] if f.get("unit")
        ]
        if units:
            out += ["", "**Units**: " + "; ".join(units) + "."]
        if kit.get("caveats"):
            out += ["", "**Caveats**", ""]
            out += [f"- {_md(c)}" for c in kit["caveats"]]
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def appendix_path() -> Path:
    """Where the appendix lives: ``book/data-sources.md`` beside ``data/``."""
    return data.data_dir().parent / "book" / "data-sources.md"


def write_appendix(path: str | os.PathLike | None = None) -> Path:
    """Write :func:`appendix_text` to ``path`` (default :func:`appendix_path`), atomically."""
    target = Path(path) if path else appendix_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(_atomic_write(target, appendix_text()), target)
    return target
