"""The book's data tables: find them, check them against their schema, cite them.

Every table lives in ``data/`` beside ``data/datapackage.json``, a Frictionless
Data Package that gives each table its title, sources, licence note and schema.
:func:`load` reads a table, checks every value against that schema and attaches
the provenance to the DataFrame (``df.attrs["provenance"]``).

>>> from casekit import data
>>> "cultural_times_regions" in data.datasets().index
True
>>> regions = data.load("cultural_times_regions")
>>> regions.attrs["provenance"]["name"]
'cultural_times_regions'
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import json
import os
from datetime import date
from importlib import resources
from pathlib import Path

import pandas as pd

from ..choices import choose

__all__ = [
    "data_dir",
    "datasets",
    "load",
    "cite",
    "describe",
    "check_hash",
    "validate",
    "to_csv_text",
    "file_sha256",
    "row_rule_problems",
    "SchemaError",
    "DataHashError",
]

#: Environment variable that points casekit at another ``data/`` folder.
DATA_ENV = "CASEKIT_DATA"


class SchemaError(ValueError):
    """A data file does not match the schema that ``datapackage.json`` gives it."""


class DataHashError(ValueError):
    """A data file's sha256 is not the one ``datapackage.json`` records."""


def data_dir() -> Path:
    """Return the folder that holds ``datapackage.json`` and the tables.

    Looked for, in order: the folder named by ``$CASEKIT_DATA``; ``data/`` of the
    repository checkout this package was imported from (a clone, Binder, an
    editable install); the copy packaged inside the installed wheel (Colab,
    ``pip install``).
    """
    candidates = []
    if os.environ.get(DATA_ENV):
        candidates.append(Path(os.environ[DATA_ENV]))
    candidates.append(Path(__file__).resolve().parents[3] / "data")  # src/casekit/data/package.py
    candidates.append(Path(str(resources.files("casekit") / "_data")))
    for folder in candidates:
        if (folder / "datapackage.json").is_file():
            return folder
    tried = ", ".join(str(c) for c in candidates)
    raise FileNotFoundError(
        f"casekit cannot find its data package (datapackage.json); looked in: {tried}. "
        f"Set {DATA_ENV} to the book's data/ folder, or reinstall casekit."
    )


@functools.cache
def _package(folder: Path) -> dict:
    return json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))


def _resources() -> dict[str, dict]:
    return {r["name"]: r for r in _package(data_dir())["resources"]}


def _resource(name: str) -> dict:
    found = _resources()
    return found[choose(name, sorted(found), "dataset")]


def datasets() -> pd.DataFrame:
    """List the book's tables: name, title, kind (compiled, derived or judgement) and file.

    >>> "title" in datasets().columns
    True
    """
    rows = [
        {
            "name": r["name"],
            "title": r["title"],
            "kind": r.get("casekit", {}).get("kind", "compiled"),
            "path": r["path"],
        }
        for r in _package(data_dir())["resources"]
    ]
    return pd.DataFrame(rows).set_index("name")


def describe(name: str) -> dict:
    """Return the ``datapackage.json`` entry of one table (a copy)."""
    return json.loads(json.dumps(_resource(name)))


def cite(name: str) -> str:
    """A one-line citation for a table: its sources, and where the book keeps it.

    >>> cite("cultural_times_regions").startswith("EY")
    True
    """
    res = _resource(name)
    parts = []
    for s in res["sources"]:
        who = s.get("publisher") or s["title"]
        bit = f"{who}, {s['title']}" if s.get("publisher") else s["title"]
        if s.get("path"):
            bit += f" <{s['path']}>"
        if s.get("accessed"):
            bit += f" (read {s['accessed']})"
        parts.append(bit)
    return "; ".join(parts) + f". Table: data/{res['path']}."


_NULLS = {""}


def _convert(value: str, field: dict):
    kind = field.get("type", "string")
    if kind == "integer" or kind == "year":
        return int(value)
    if kind == "number":
        return float(value)
    if kind == "boolean":
        if value.lower() in ("true", "1", "yes"):
            return True
        if value.lower() in ("false", "0", "no"):
            return False
        raise ValueError
    if kind == "date":
        return date.fromisoformat(value).isoformat()
    return value


def _check_value(value, field: dict) -> str | None:
    c = field.get("constraints", {})
    if "enum" in c and value not in c["enum"]:
        return f"{value!r} is not one of {c['enum']}"
    if "minimum" in c and value < c["minimum"]:
        return f"{value!r} is below the minimum {c['minimum']}"
    if "maximum" in c and value > c["maximum"]:
        return f"{value!r} is above the maximum {c['maximum']}"
    if "pattern" in c:
        import re

        if not re.fullmatch(c["pattern"], str(value)):
            return f"{value!r} does not match the pattern {c['pattern']!r}"
    return None


_DTYPES = {"integer": "Int64", "year": "Int64", "number": "float64", "boolean": "boolean"}


def _read_checked(path: Path, schema: dict) -> pd.DataFrame:
    fields = schema["fields"]
    names = [f["name"] for f in fields]
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        header = next(reader, None)
        if header != names:
            raise SchemaError(
                f"{path}: the header is {header}, but the schema lists {names}"
            )
        columns: dict[str, list] = {n: [] for n in names}
        for line_no, row in enumerate(reader, start=2):
            if len(row) != len(names):
                raise SchemaError(
                    f"{path}, line {line_no}: {len(row)} values, the schema has {len(names)} fields"
                )
            for field, raw in zip(fields, row):
                col = field["name"]
                where = f"{path}, line {line_no} (row {line_no - 1}), column {col!r}"
                if raw in _NULLS:
                    if field.get("constraints", {}).get("required"):
                        raise SchemaError(f"{where}: a value is required")
                    columns[col].append(None)
                    continue
                try:
                    value = _convert(raw, field)
                except ValueError:
                    raise SchemaError(
                        f"{where}: {raw!r} is not a valid {field.get('type', 'string')}"
                    ) from None
                problem = _check_value(value, field)
                if problem:
                    raise SchemaError(f"{where}: {problem}")
                columns[col].append(value)
    frame = pd.DataFrame(
        {
            f["name"]: pd.Series(columns[f["name"]], dtype=_DTYPES.get(f.get("type"), "object"))
            for f in fields
        }
    )
    key = schema.get("primaryKey")
    if key:
        key = [key] if isinstance(key, str) else list(key)
        dup = frame.duplicated(subset=key, keep=False)
        if dup.any():
            first = int(dup.to_numpy().nonzero()[0][0])
            raise SchemaError(
                f"{path}, line {first + 2}: primary key {key} repeats "
                f"{tuple(frame.loc[first, key])}"
            )
    for f in fields:
        if f.get("type", "string") == "string":
            frame[f["name"]] = frame[f["name"]].astype("string")
    return frame


def load(name: str) -> pd.DataFrame:
    """Load a table by name, checked against its schema, with its provenance.

    Parameters
    ----------
    name : str
        A table name; :func:`datasets` lists them.

    Returns
    -------
    pandas.DataFrame
        ``df.attrs["provenance"]`` holds the name, title, sources, licence and
        a ready-made citation.

    Raises
    ------
    ValueError
        The name is unknown (the message lists the valid names and the
        closest one), or a value breaks the schema (the message names the
        file, the line and the column).

    Examples
    --------
    >>> load("cultural_times_regions").columns[0]
    'region'
    >>> load("cultural_times_region")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: unknown dataset 'cultural_times_region'. Did you mean 'cultural_times_regions'? ...
    """
    res = _resource(name)
    check_hash(name)
    frame = _read_checked(data_dir() / res["path"], res["schema"])
    frame.attrs["provenance"] = {
        "name": res["name"],
        "title": res["title"],
        "sources": res["sources"],
        "licenses": res.get("licenses", []),
        "citation": cite(name),
    }
    return frame


def file_sha256(path: str | os.PathLike) -> str:
    """The sha256 of a file, as hex: the one hashing helper of casekit."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _fix_command(res: dict) -> str:
    if res.get("casekit", {}).get("kind") == "derived":
        return f"python -m casekit refresh {res['name']}"
    return f"python -m casekit rehash {res['name']}"


def check_hash(name: str) -> str:
    """Check a table's file against the sha256 recorded in ``datapackage.json``.

    Returns the hash. A mismatch raises :class:`DataHashError` naming the
    file, both hashes and the command that rebuilds or re-records it.

    >>> check_hash("cultural_times_regions") == describe("cultural_times_regions")["hash"].split(":")[1]
    True
    """
    res = _resource(name)
    path = data_dir() / res["path"]
    recorded = res.get("hash", "")
    actual = file_sha256(path)
    if recorded != f"sha256:{actual}":
        raise DataHashError(
            f"{path}: its sha256 is {actual}, but datapackage.json records "
            f"{recorded or 'no hash'} for {name!r}. The file changed since it was "
            f"last recorded: if the change is intended, run `{_fix_command(res)}` "
            f"(it checks the schema and records the new hash); otherwise restore the file."
        )
    return actual


#: Keys every resource of the data package must have.
REQUIRED_KEYS = (
    "name", "path", "title", "description", "sources", "licenses", "schema", "hash", "casekit",
)
_SOURCE_KEYS = ("title", "publisher", "path", "accessed")
#: Kinds of table: compiled by hand from public pages, derived from pinned raw
#: files, or the book's own judgement (an influence matrix, pairwise
#: comparisons, a pairing), with a reason on every row.
KINDS = ("compiled", "derived", "judgement")


def validate() -> list[str]:
    """Check the whole data package strictly; return the problems found (empty if none).

    Every resource must have ``REQUIRED_KEYS``; every source a title,
    publisher, URL and date read; every field a type and a title; derived
    tables name their raw source and function; every file must match its
    schema, its hash and its row-level rules (:func:`row_rule_problems`).

    >>> validate()
    []
    """
    problems = []
    folder = data_dir()
    for res in _package(folder)["resources"]:
        name = res.get("name", "?")
        missing = [k for k in REQUIRED_KEYS if k not in res]
        if missing:
            problems.append(f"{name}: missing keys {missing}")
            continue
        for src in res["sources"]:
            lacking = [k for k in _SOURCE_KEYS if not src.get(k)]
            if lacking:
                problems.append(f"{name}: source {src.get('title')!r} lacks {lacking}")
        kit = res["casekit"]
        if kit.get("kind") not in KINDS:
            problems.append(f"{name}: casekit.kind is {kit.get('kind')!r}, not one of {', '.join(KINDS)}")
        fields = {f.get("name"): f for f in res["schema"].get("fields", [])}
        if kit.get("kind") == "judgement" and not fields.get("reason", {}).get("constraints", {}).get("required"):
            problems.append(f"{name}: a judgement table needs a required 'reason' column (one reason per row)")
        if kit.get("kind") == "derived":
            src = kit.get("derived_from")
            if not (isinstance(src, dict) and src.get("raw") and kit.get("function")):
                problems.append(
                    f"{name}: a derived table needs casekit.derived_from "
                    f'({{"raw": <source>, "tables": [<tables it reads>]}}) and casekit.function'
                )
            else:
                unknown = [t for t in src.get("tables", []) if t not in _resources()]
                if unknown:
                    problems.append(f"{name}: derived_from names unknown tables {unknown}")
        if not isinstance(kit.get("caveats"), list):
            problems.append(f"{name}: casekit.caveats must be a list")
        for field in res["schema"].get("fields", []):
            if not field.get("type") or not field.get("title"):
                problems.append(f"{name}: field {field.get('name')!r} needs a type and a title")
        if not res["schema"].get("primaryKey"):
            problems.append(f"{name}: the schema has no primaryKey")
        try:
            check_hash(name)
            frame = _read_checked(folder / res["path"], res["schema"])
        except (DataHashError, SchemaError, OSError) as err:
            problems.append(str(err))
        else:
            problems += row_rule_problems(name, frame, kit.get("row_rules", []))
    return problems


def _is_page_url(value) -> bool:
    from urllib.parse import urlsplit

    text = "" if pd.isna(value) else str(value)
    parts = urlsplit(text)
    return parts.scheme in {"http", "https"} and "." in parts.netloc and not any(c.isspace() for c in text)


def row_rule_problems(name: str, frame: pd.DataFrame, rules: list[dict]) -> list[str]:
    """Check a table's row-level rules (``casekit.row_rules`` in ``datapackage.json``).

    Each rule applies to the rows whose columns hold one of the values in
    ``when`` (``{"evidence": ["shown", "not shown"]}``) and may ask for a public
    page URL in a column (``require_url``), non-empty columns (``require``) or
    empty columns (``forbid``). The judgement tables use it so that a row that
    claims evidence names the page it rests on, as every compiled row does.

    >>> rules = [{"when": {"evidence": ["shown"]}, "require_url": "source_url"}]
    >>> frame = pd.DataFrame({"evidence": ["shown", "shown", "no"], "source_url": ["https://a.org/x", None, None]})
    >>> row_rule_problems("t", frame, rules)
    ["t, line 3: evidence is 'shown', so source_url must be a public page URL (it is '')"]
    """
    problems = []

    def blank(value) -> bool:
        return pd.isna(value) or str(value).strip() == ""

    for rule in rules:
        mask = pd.Series(True, index=frame.index)
        for column, values in rule.get("when", {}).items():
            mask &= frame[column].isin(values)
        trigger = ", ".join(f"{c} is {{{c}!r}}" for c in rule.get("when", {}))
        for i in frame.index[mask.fillna(False).astype(bool)]:
            row = frame.loc[i]
            why = trigger.format(**{c: row[c] for c in rule.get("when", {})})
            where = f"{name}, line {i + 2}"
            url_col = rule.get("require_url")
            if url_col and not _is_page_url(row[url_col]):
                shown = "" if blank(row[url_col]) else str(row[url_col])
                problems.append(f"{where}: {why}, so {url_col} must be a public page URL (it is {shown!r})")
            for column in rule.get("require", []):
                if blank(row[column]):
                    problems.append(f"{where}: {why}, so {column} must not be empty")
            for column in rule.get("forbid", []):
                if not blank(row[column]):
                    problems.append(f"{where}: {why}, so {column} must be empty (it is {str(row[column])!r})")
    return problems


def _format(value, kind: str) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    if kind == "boolean":
        return "true" if bool(value) else "false"
    if kind in ("integer", "year"):
        return str(int(value))
    if kind == "number":
        number = float(value)
        return str(int(number)) if number.is_integer() else repr(number)
    return str(value)


def to_csv_text(frame: pd.DataFrame, schema: dict) -> str:
    """Write a table as the book stores it: UTF-8 CSV, ``\\n`` line ends, schema column order.

    Numbers are written in their shortest exact form (``23.06``, ``5``),
    booleans as ``true``/``false``, missing values as empty fields.

    >>> schema = {"fields": [{"name": "a", "type": "number"}, {"name": "b", "type": "boolean"}]}
    >>> to_csv_text(pd.DataFrame({"a": [1.5, 2.0, None], "b": [True, False, None]}), schema)
    'a,b\\n1.5,true\\n2,false\\n,\\n'
    """
    names = [f["name"] for f in schema["fields"]]
    kinds = {f["name"]: f.get("type", "string") for f in schema["fields"]}
    absent = [n for n in names if n not in frame.columns]
    if absent:
        raise SchemaError(f"the table lacks the schema's columns {absent}")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(names)
    for row in frame[names].itertuples(index=False, name=None):
        writer.writerow([_format(v, kinds[n]) for n, v in zip(names, row)])
    return out.getvalue()
