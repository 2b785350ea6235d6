"""Every derived table equals its re-derivation from the pinned raw files (network off).

The raw files come from the book's source pack (``$CASEKIT_RAW_PACK``, default
``/work/shared/sources/raw``), copied or extracted into a temporary download
cache; see ``conftest.py``. A missing pack fails these tests, it does not skip them.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from casekit import data, derive, sources
from casekit import __main__ as cli

REPO = Path(__file__).resolve().parents[1]
PACKAGE = json.loads((REPO / "data" / "datapackage.json").read_text(encoding="utf-8"))
DERIVED = {r["name"]: r for r in PACKAGE["resources"] if r["casekit"]["kind"] == "derived"}


def test_every_derived_table_has_a_derivation():
    assert set(DERIVED) == set(derive.DERIVATIONS)
    for name, res in DERIVED.items():
        source_id, function = derive.DERIVATIONS[name]
        assert res["casekit"]["derived_from"] == source_id
        assert res["casekit"]["function"] == f"casekit.derive.{function}"


@pytest.mark.parametrize("name", sorted(derive.DERIVATIONS))
def test_committed_table_equals_its_rederivation(name, raw_cache):
    source_id = derive.DERIVATIONS[name][0]
    raw = sources.fetch(source_id, cache=raw_cache, progress=False)
    frame = derive.derive(name, raw)
    text = data.to_csv_text(frame, DERIVED[name]["schema"])
    committed = (REPO / "data" / DERIVED[name]["path"]).read_text(encoding="utf-8")
    assert text == committed, f"data/{name}.csv differs from its derivation: run `python -m casekit refresh {name}`"


def test_refresh_writes_the_table_and_its_hash(raw_cache, data_copy):
    path = data_copy / "hofstede_scores.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("KOR,South Korea,KOR,60", "KOR,South Korea,KOR,61"))
    report = cli.refresh("hofstede_scores", cache=raw_cache, progress=False)
    assert report.changed == [("KOR",)] and not report.added and not report.removed
    assert any(line.startswith("+KOR,South Korea,KOR,60") for line in report.diff)
    assert data.validate() == []


def test_tampered_raw_file_is_refused_and_nothing_is_written(raw_pack, tmp_path, data_copy):
    cache = tmp_path / "cache"
    src = sources.RAW_SOURCES["hofstede"]
    (cache / src.folder).mkdir(parents=True)
    tampered = cache / src.folder / src.filename
    raw = bytearray((raw_pack / src.pack_file).read_bytes())
    raw[200] = ord("9") if raw[200] != ord("9") else ord("8")  # change one byte
    tampered.write_bytes(bytes(raw))
    before = {p.name: p.read_bytes() for p in data_copy.iterdir()}
    with pytest.raises(sources.RawFileHashError) as err:
        cli.refresh("hofstede_scores", cache=cache, progress=False)
    message = str(err.value)
    assert str(tampered) in message
    assert src.sha256 in message  # expected
    assert sources.sha256(tampered) in message  # actual
    assert {p.name: p.read_bytes() for p in data_copy.iterdir()} == before


def test_tampered_file_in_a_many_file_source_is_refused(raw_cache, tmp_path):
    cache = tmp_path / "cache"
    src = sources.RAW_SOURCES["nintendo_ir"]
    shutil.copytree(raw_cache / src.folder, cache / src.folder)
    victim = sorted((cache / src.folder).rglob("*.json"))[0]
    victim.write_bytes(victim.read_bytes().replace(b"4", b"5", 1))
    with pytest.raises(sources.RawFileHashError, match=victim.name):
        sources.fetch("nintendo_ir", cache=cache, progress=False)


def test_unknown_raw_source_lists_valid_ones():
    with pytest.raises(ValueError, match="unknown raw source 'hofsted'.*hofstede"):
        sources.fetch("hofsted")


def test_cache_location_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("CASEKIT_CACHE", str(tmp_path))
    assert sources.cache_dir() == tmp_path
    assert sources.raw_path("vgsales") == tmp_path / "vgsales" / "vgsales.csv"


def test_registries_pin_a_commit():
    for src in sources.RAW_SOURCES.values():
        if src.many_files:
            commit = src.url.rstrip("/").rsplit("/", 1)[-1]
            assert len(commit) == 40 and int(commit, 16) >= 0, src.url
            assert all(len(h) == 64 for h in sources.registry(src.id).values())


# --- Hofstede ----------------------------------------------------------------


def test_hofstede_crosswalk_covers_every_row(raw_cache):
    matrix = derive.read_hofstede(sources.raw_path("hofstede", raw_cache))
    assert len(matrix) == 110
    codes = set(matrix["hofstede_code"])
    assert codes == set(derive.HOFSTEDE_TO_ISO3) | set(derive.HOFSTEDE_EXCLUDED)
    assert not set(derive.HOFSTEDE_TO_ISO3) & set(derive.HOFSTEDE_EXCLUDED)
    iso = list(derive.HOFSTEDE_TO_ISO3.values())
    assert len(iso) == len(set(iso)), "two Hofstede rows map to one ISO code"


def test_hofstede_codes_that_are_not_iso_codes():
    # the traps: a Hofstede code that is another country's ISO code
    assert derive.HOFSTEDE_TO_ISO3["SLV"] == "SVN"  # Slovenia, not El Salvador
    assert derive.HOFSTEDE_TO_ISO3["SAL"] == "SLV"  # El Salvador
    assert derive.HOFSTEDE_TO_ISO3["MAC"] == "MKD"  # North Macedonia, not Macao
    assert derive.HOFSTEDE_TO_ISO3["CHI"] == "CHN"
    assert derive.HOFSTEDE_TO_ISO3["GER"] == "DEU"
    assert "ARA" in derive.HOFSTEDE_EXCLUDED and "CAF" in derive.HOFSTEDE_EXCLUDED


def test_hofstede_scores_read_null_as_missing(tmp_path):
    raw = (
        "ctr;country;pdi;idv;mas;uai;ltowvs;ivr\r\n"
        "KOR;Korea South;60;18;39;85;100;29\r\n"
        "ALB;Albania;#NULL!;#NULL!;#NULL!;#NULL!;61;15\r\n"
    )
    path = tmp_path / "m.csv"
    path.write_bytes(raw.encode())
    matrix = derive.read_hofstede(path)
    assert matrix.loc[1, "pdi"] is pd.NA and matrix.loc[1, "lto"] == 61
    assert matrix.loc[0, "lto"] == 100


def test_hofstede_unknown_code_is_an_error(tmp_path):
    path = tmp_path / "m.csv"
    path.write_bytes(b"ctr;country;pdi;idv;mas;uai;ltowvs;ivr\r\nXXX;Atlantis;1;2;3;4;5;6\r\n")
    with pytest.raises(ValueError, match="'XXX' \\(Atlantis\\)"):
        derive.read_hofstede(path)


def test_hofstede_tables_as_the_other_modules_use_them():
    scores = data.load("hofstede_scores")
    assert list(scores.columns) == ["iso3", "country", "hofstede_code", "pdi", "idv", "mas", "uai", "lto", "ivr"]
    needed = {"CHN", "JPN", "KOR", "FRA", "USA", "GBR", "DEU", "TWN", "HKG", "THA", "VNM",
              "IDN", "PHL", "SGP", "MYS", "IND", "BRA", "MEX", "CAN"}
    assert needed <= set(scores["iso3"])
    kor = scores.set_index("iso3").loc["KOR"]
    assert (kor["pdi"], kor["idv"], kor["lto"]) == (60, 18, 100)  # Hofstede's published scores
    stats = data.load("hofstede_dimension_stats").set_index("dimension")
    assert list(stats.columns) == ["n_countries", "mean", "variance_sample", "variance_population"]
    assert list(stats.index) == ["pdi", "idv", "mas", "uai", "lto", "ivr"]
    n = stats["n_countries"].astype(float)
    # the two variances differ exactly by the factor n/(n-1)
    ratio = stats["variance_sample"] / stats["variance_population"]
    assert ((ratio - n / (n - 1)).abs() < 1e-6).all()
