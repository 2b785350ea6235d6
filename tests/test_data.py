"""The data package: strict validation, hashes, loader errors, refresh safety, appendix."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from casekit.data import package as data
from casekit import cli
from casekit.data import maintain

REPO = Path(__file__).resolve().parents[1]
PACKAGE = json.loads((REPO / "data" / "datapackage.json").read_text(encoding="utf-8"))
RESOURCES = {r["name"]: r for r in PACKAGE["resources"]}


def test_package_validates_strictly():
    assert data.validate() == []


@pytest.mark.parametrize("name", sorted(RESOURCES))
def test_every_resource_is_complete(name):
    res = RESOURCES[name]
    for key in data.REQUIRED_KEYS:
        assert res.get(key), f"{name} lacks {key}"
    assert res["path"] == f"{name}.csv"
    assert res["hash"].startswith("sha256:") and len(res["hash"]) == 7 + 64
    for src in res["sources"]:
        assert src["path"].startswith(("http://", "https://")), src
        assert src["publisher"] and src["title"] and src["accessed"]
    fields = [f["name"] for f in res["schema"]["fields"]]
    key = res["schema"]["primaryKey"]
    assert set([key] if isinstance(key, str) else key) <= set(fields)
    kit = res["casekit"]
    assert kit["kind"] in ("compiled", "derived", "judgement")
    if kit["kind"] == "judgement":
        # the book's own judgement: a reason on every row, tied to a section of the paper,
        # and the paper among its sources
        required = {f["name"] for f in res["schema"]["fields"] if f.get("constraints", {}).get("required")}
        assert "reason" in required, f"{name}: a judgement table needs a required reason column"
        assert required & {"section", "sections", "paper_section"}, f"{name}: a judgement table needs the paper's section(s)"
        assert any("scirp.org" in s.get("path", "") for s in res["sources"]), f"{name}: a judgement cites the paper"
    elif kit["kind"] == "compiled":
        # hand-compiled: a source URL on every row
        url_fields = [f for f in res["schema"]["fields"] if f["name"].endswith("url")]
        assert url_fields, f"{name}: a compiled table needs a source URL column"
        assert url_fields[0]["constraints"]["required"] is True
    else:
        assert kit["function"].startswith("casekit.data.derive.")
        assert kit["derived_from"]


@pytest.mark.parametrize("name", sorted(RESOURCES))
def test_every_table_loads_and_matches_its_schema(name):
    frame = data.load(name)
    assert list(frame.columns) == [f["name"] for f in RESOURCES[name]["schema"]["fields"]]
    assert len(frame) > 0
    assert frame.attrs["provenance"]["name"] == name


@pytest.mark.parametrize("name", sorted(RESOURCES))
def test_data_files_are_utf8_with_unix_line_ends(name):
    raw = (REPO / "data" / RESOURCES[name]["path"]).read_bytes()
    raw.decode("utf-8")
    assert b"\r" not in raw
    assert raw.endswith(b"\n")


def test_data_folder_holds_only_described_files():
    described = {r["path"] for r in PACKAGE["resources"]} | {"datapackage.json"}
    present = {p.name for p in (REPO / "data").iterdir() if not p.name.startswith(".")}
    assert present == described


def test_unknown_name_lists_valid_names_and_closest_match():
    with pytest.raises(ValueError) as err:
        data.load("hofstede_score")
    message = str(err.value)
    assert "'hofstede_score'" in message
    assert "Did you mean 'hofstede_scores'?" in message
    assert "cultural_times_regions" in message  # the valid names are listed


def _record_hash(data_copy: Path, name: str) -> None:
    """Record a file's current hash in the copy's datapackage.json (bypassing rehash's check)."""
    package_path = data_copy / "datapackage.json"
    package = json.loads(package_path.read_text(encoding="utf-8"))
    for res in package["resources"]:
        if res["name"] == name:
            res["hash"] = "sha256:" + data.file_sha256(data_copy / res["path"])
    package_path.write_text(json.dumps(package, indent=2), encoding="utf-8")
    data._package.cache_clear()


def _edit_cell(path, line: int, column: int, value: str) -> None:
    """Overwrite one cell of a CSV file (0-based line, header = line 0)."""
    lines = path.read_text(encoding="utf-8").splitlines(True)
    cells = lines[line].split(",")
    cells[column] = value
    lines[line] = ",".join(cells)
    path.write_text("".join(lines), encoding="utf-8")


def test_schema_violation_names_file_line_and_column(data_copy):
    path = data_copy / "hofstede_scores.csv"
    _edit_cell(path, 3, 3, "high")  # pdi must be an integer
    _record_hash(data_copy, "hofstede_scores")
    with pytest.raises(data.SchemaError) as err:
        data.load("hofstede_scores")
    message = str(err.value)
    assert str(path) in message
    assert "line 4" in message and "'pdi'" in message and "'high'" in message


def test_load_refuses_a_file_whose_hash_changed(data_copy):
    path = data_copy / "cultural_times_regions.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("World", "Earth"), encoding="utf-8")
    with pytest.raises(data.DataHashError) as err:
        data.load("cultural_times_regions")
    message = str(err.value)
    assert str(path) in message
    assert RESOURCES["cultural_times_regions"]["hash"] in message
    assert "python -m casekit rehash cultural_times_regions" in message


def test_rehash_refuses_a_schema_violation_and_writes_nothing(data_copy):
    path = data_copy / "hofstede_scores.csv"
    bad = path.read_text(encoding="utf-8").replace("CHN,China,CHI,80", "CHN,China,CHI,-80")
    path.write_text(bad, encoding="utf-8")
    package_before = (data_copy / "datapackage.json").read_bytes()
    with pytest.raises(data.SchemaError, match="below the minimum"):
        maintain.rehash("hofstede_scores")
    assert (data_copy / "datapackage.json").read_bytes() == package_before
    assert path.read_text(encoding="utf-8") == bad
    assert not [p for p in data_copy.iterdir() if p.name.endswith(".tmp")]


def test_rehash_records_a_deliberate_edit(data_copy):
    path = data_copy / "cultural_times_regions.csv"
    _edit_cell(path, 1, 2, "999")  # jobs_million of the first region
    report = maintain.rehash("cultural_times_regions")
    assert report.new_hash != report.old_hash
    assert report.new_hash == data.file_sha256(path)
    data.load("cultural_times_regions")  # the new hash is recorded
    assert data.validate() == []


def test_refresh_rejects_a_compiled_table():
    with pytest.raises(ValueError, match="hand-compiled table, not a derived one.*rehash cultural_times_regions.*Derived tables:.*hofstede_scores"):
        maintain.refresh("cultural_times_regions")


def test_appendix_page_is_what_the_command_generates():
    page = REPO / "book" / "data-sources.md"
    assert page.is_file(), "run `python -m casekit appendix`"
    assert page.read_text(encoding="utf-8") == maintain.appendix_text()


def test_appendix_headings_go_down_one_level_at_a_time():
    text = maintain.appendix_text()
    levels = [len(line) - len(line.lstrip("#")) for line in text.splitlines() if line.startswith("#")]
    assert levels[0] == 1 and text.startswith("# Data sources\n")
    assert levels.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:]))
    for name in RESOURCES:
        assert f"`{name}`" in text


#: Folders a build or set-up creates; they are never part of the book's source.
UNTRACKED = {".git", ".venv", "_build", ".cache", "__pycache__", ".ipynb_checkpoints",
             ".pytest_cache", ".hypothesis", "dist", "results", "node_modules"}


def source_files() -> list[str]:
    """The book's source files: ``git ls-files`` in a checkout, else the tree minus build output.

    A release archive (``git archive HEAD | tar -x``) has no .git folder; it is
    checked by walking it, leaving out what set-up and builds create.
    """
    if (REPO / ".git").exists():
        tracked = subprocess.run(
            ["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True
        ).stdout.splitlines()
        assert tracked, "git ls-files returned nothing"
        return tracked
    files = []
    for folder, dirs, names in os.walk(REPO):
        dirs[:] = [d for d in dirs if d not in UNTRACKED and not d.endswith(".egg-info")]
        files += [Path(folder, n).relative_to(REPO).as_posix() for n in names]
    return files


def test_no_raw_third_party_file_is_in_the_source():
    tracked = source_files()
    raw_names = (
        "6-dimensions-for-website",
        "vgsales.csv",
        "hot-100-weeks",
        "nintendo-data-",
        "valid_dates.json",
        "consolidated_earnings_",
        "regional_hw_sw_",
    )
    offending = [p for p in tracked if any(n in p for n in raw_names)]
    assert offending == []
    assert not [p for p in tracked if p.endswith((".tar.gz", ".tgz"))]
    # no weekly chart file (date/YYYY-MM-DD.json) either
    assert not [p for p in tracked if p.rsplit("/", 1)[-1][:2] in ("19", "20") and p.endswith(".json")]


def test_cli_check_passes():
    assert cli.main(["check"]) == 0


# --- compiled tables: every row names the public page it comes from -------------

#: The verification states a committed row may carry (an UNVERIFIED lead never).
ROW_STATES = {"VERIFIED", "CORRECTED", "SECONDARY"}


def _is_page_url(url: str) -> bool:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return parts.scheme in {"http", "https"} and "." in parts.netloc and not any(c.isspace() for c in url)


@pytest.mark.parametrize("name", sorted(n for n, r in RESOURCES.items() if r["casekit"]["kind"] == "compiled"))
def test_every_compiled_row_cites_a_checked_public_page(name):
    frame = data.load(name)
    bad = [u for u in frame["source_url"] if not _is_page_url(str(u))]
    assert not bad, f"{name}: rows without a public page URL: {bad}"
    if "checked_url" in frame:
        for url in frame["checked_url"]:
            pages = [p for p in str(url).split(" ; ") if p]
            assert pages and all(_is_page_url(p) for p in pages), f"{name}: checked_url {url!r}"
    for column in ("verification", "status"):
        if column in frame:
            assert set(frame[column]) <= ROW_STATES, f"{name}.{column}: {set(frame[column]) - ROW_STATES}"
    assert RESOURCES[name].get("sources"), f"{name}: the resource names no source"


def test_the_row_check_rejects_what_it_should():
    assert _is_page_url("https://m-en.yna.co.kr/view/AEN20190704005100315")
    for bad in ("", "nan", "www.example.com/page", "file:///tmp/x.csv", "https://exa mple.com/"):
        assert not _is_page_url(bad), bad


def test_ne_zha_conflicting_worldwide_figures_are_all_shown():
    nz = data.load("ne_zha_box_office")
    conflict = nz[nz["conflicting"].astype(bool)]
    assert set(conflict["value"]) == {742.0, 725.0, 722.0}
    assert conflict["second_hand"].all() and conflict["source_publisher"].is_unique


def test_korea_2019_exports_revision_is_explicit():
    k = data.load("korea_content_exports")
    y2019 = k[k["year"] == 2019].set_index("vintage")
    assert y2019.loc["preliminary", "exports_usd_million"] == 10390
    assert y2019.loc["revised", "exports_usd_million"] == 10253.88
    assert bool(y2019.loc["revised", "preferred"]) and not bool(y2019.loc["preliminary", "preferred"])
    assert k[k["preferred"].astype(bool)]["year"].is_unique


def test_second_hand_hybe_rows_are_marked():
    h = data.load("hybe_financials")
    shares = h[h["metric"].str.startswith("revenue share")]
    assert len(shares) == 5 and shares["second_hand"].all()
    assert not h[h["metric"] == "revenue"]["second_hand"].any()


def test_validate_flags_a_judgement_table_without_reasons(data_copy):
    package_path = data_copy / "datapackage.json"
    package = json.loads(package_path.read_text(encoding="utf-8"))
    for res in package["resources"]:
        if res["name"] == "judgement_driver_influence":
            for field in res["schema"]["fields"]:
                if field["name"] == "reason":
                    field["constraints"]["required"] = False
    package_path.write_text(json.dumps(package, indent=2), encoding="utf-8")
    data._package.cache_clear()
    problems = data.validate()
    assert problems == [
        "judgement_driver_influence: a judgement table needs a required 'reason' column (one reason per row)"
    ]


def test_judgement_tables_give_a_reason_for_every_non_zero_entry():
    for name, res in RESOURCES.items():
        if res["casekit"]["kind"] != "judgement":
            continue
        frame = data.load(name)
        numeric = [c for c in ("score", "strength", "value") if c in frame.columns]
        scored = frame[frame[numeric[0]].astype(float) != 0] if numeric else frame
        assert len(scored), name
        assert scored["reason"].str.strip().str.len().gt(10).all(), name


def test_tables_checked_by_the_book_name_a_page_per_row():
    """Compiled outside the source pack: every row has its own source and a checking page."""
    for name, res in RESOURCES.items():
        if res["casekit"].get("checked_by") != "book":
            continue
        frame = data.load(name)
        assert frame["source_url"].str.match(r"https?://").all(), name
        for src, checked in zip(frame["source_url"], frame["checked_url"]):
            assert src in checked.split(" ; "), f"{name}: {src} is not among the pages checked"


# --- judgement tables that cite evidence: a page on every row that claims it ----


def test_strategy_case_judgement_covers_every_pair_and_cites_a_page_when_it_claims_evidence():
    frame = data.load("judgement_strategy_cases")
    assert len(frame) == 24
    assert set(frame["strategy"]) == {f"E{i}" for i in range(1, 9)}
    assert set(frame["case_id"]) == {"ne_zha", "nintendo", "k_pop"}
    claimed = frame[frame["evidence"].isin(["shown", "not shown"])]
    assert claimed["source_url"].map(lambda u: _is_page_url(str(u))).all()
    assert claimed["source_publisher"].notna().all() and claimed["source_title"].notna().all()
    assert frame.loc[frame["evidence"] == "no public evidence", "source_url"].isna().all()
    assert frame["reason"].str.split().str.len().le(30).all()


def test_validate_flags_a_row_that_claims_evidence_without_a_page(data_copy):
    path = data_copy / "judgement_strategy_cases.csv"
    frame = data.load("judgement_strategy_cases")
    line = int(frame.index[frame["evidence"] == "shown"][0]) + 2
    lines = path.read_text(encoding="utf-8").splitlines(True)
    url = frame.loc[line - 2, "source_url"]
    lines[line - 1] = lines[line - 1].replace(url, "")
    path.write_text("".join(lines), encoding="utf-8")
    _record_hash(data_copy, "judgement_strategy_cases")
    problems = data.validate()
    assert problems == [
        f"judgement_strategy_cases, line {line}: evidence is 'shown', so source_url must be a "
        "public page URL (it is '')"
    ]
    with pytest.raises(data.SchemaError):
        maintain.rehash("judgement_strategy_cases")
