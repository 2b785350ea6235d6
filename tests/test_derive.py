"""Every derived table equals its re-derivation from the pinned raw files.

The raw files come through ``casekit.data.sources.fetch``, as ``casekit refresh``
gets them (cache, source pack, mirror or upstream URL; see ``conftest.py``).
When no route can supply them these tests fail, they do not skip.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from casekit import data
from casekit.data import derive, maintain, sources
from casekit.data.derive import billboard, hofstede, nintendo
from casekit import cli
from casekit.data import maintain

REPO = Path(__file__).resolve().parents[1]
PACKAGE = json.loads((REPO / "data" / "datapackage.json").read_text(encoding="utf-8"))
DERIVED = {r["name"]: r for r in PACKAGE["resources"] if r["casekit"]["kind"] == "derived"}


def test_every_derived_table_has_a_derivation_that_exists():
    found = derive.derivations()
    assert set(DERIVED) == set(found) and found
    for name, d in found.items():
        assert d.raw in sources.RAW_SOURCES, name
        assert d.function.startswith(f"casekit.data.derive.") and callable(d.callable()), name
        assert all(t in data.datasets().index for t in d.tables), name


def test_the_kpop_tables_declare_the_act_list_they_read():
    """They read korean_acts: editing it must make them stale (issue: derived_from named only the charts)."""
    for name in ("kpop_hot100_by_year", "kpop_hot100_by_act", "kpop_featured_pairs"):
        assert derive.derivations()[name].tables == ("korean_acts",)
    assert derive.derivations()["hot100_wave_credits"].tables == ("korean_acts", "wave_acts")
    assert maintain.dependants("korean_acts") == ["hot100_wave_credits", "kpop_featured_pairs", "kpop_hot100_by_act",
                                                  "kpop_hot100_by_year"]
    assert maintain.dependants("wave_acts") == ["hot100_wave_credits"]


def test_no_derived_table_is_older_than_its_inputs():
    assert maintain.stale() == []


def test_editing_an_input_table_makes_its_derived_tables_stale(data_copy):
    path = data_copy / "korean_acts.csv"
    path.write_text(path.read_text(encoding="utf-8") + "", encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    first, rest = text.split("\n", 1)
    last = rest.rstrip("\n").rsplit("\n", 1)[-1]
    path.write_text(text.replace(last, last.replace("true", "false", 1) if "true" in last else last.replace("false", "true", 1)), encoding="utf-8")
    report = maintain.rehash("korean_acts")
    assert report.rebuild == ["hot100_wave_credits", "kpop_featured_pairs", "kpop_hot100_by_act", "kpop_hot100_by_year"]
    assert ("python -m casekit refresh hot100_wave_credits kpop_featured_pairs kpop_hot100_by_act kpop_hot100_by_year"
            in report.summary())
    lines = maintain.stale()
    assert len(lines) == 4 and all("older than its input table:korean_acts" in line for line in lines)
    assert cli.main(["check"]) == 1


@pytest.mark.parametrize("name", sorted(derive.derivations()))
def test_committed_table_equals_its_rederivation(name, raw_cache):
    raw = sources.fetch(derive.derivations()[name].raw, cache=raw_cache, progress=False)
    frame = derive.derive(name, raw)
    text = data.to_csv_text(frame, DERIVED[name]["schema"])
    committed = (REPO / "data" / DERIVED[name]["path"]).read_text(encoding="utf-8")
    assert text == committed, f"data/{name}.csv differs from its derivation: run `python -m casekit refresh {name}`"


def test_refresh_writes_the_table_and_its_hash(raw_cache, data_copy):
    path = data_copy / "hofstede_scores.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("KOR,South Korea,KOR,60", "KOR,South Korea,KOR,61"))
    report = maintain.refresh("hofstede_scores", cache=raw_cache, progress=False)
    assert report.changed == [("KOR",)] and not report.added and not report.removed
    assert any(line.startswith("+KOR,South Korea,KOR,60") for line in report.diff)
    assert data.validate() == []


def test_tampered_raw_file_is_refused_and_nothing_is_written(raw_cache, tmp_path, data_copy):
    cache = tmp_path / "cache"
    src = sources.RAW_SOURCES["hofstede"]
    (cache / src.folder).mkdir(parents=True)
    tampered = cache / src.folder / src.filename
    raw = bytearray(sources.raw_path("hofstede", raw_cache).read_bytes())
    raw[200] = ord("9") if raw[200] != ord("9") else ord("8")  # change one byte
    tampered.write_bytes(bytes(raw))
    before = {p.name: p.read_bytes() for p in data_copy.iterdir()}
    with pytest.raises(sources.RawFileHashError) as err:
        maintain.refresh("hofstede_scores", cache=cache, progress=False)
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
    matrix = hofstede.read_hofstede(sources.raw_path("hofstede", raw_cache))
    assert len(matrix) == 110
    codes = set(matrix["hofstede_code"])
    assert codes == set(hofstede.HOFSTEDE_TO_ISO3) | set(hofstede.HOFSTEDE_EXCLUDED)
    assert not set(hofstede.HOFSTEDE_TO_ISO3) & set(hofstede.HOFSTEDE_EXCLUDED)
    iso = list(hofstede.HOFSTEDE_TO_ISO3.values())
    assert len(iso) == len(set(iso)), "two Hofstede rows map to one ISO code"


def test_hofstede_codes_that_are_not_iso_codes():
    # the traps: a Hofstede code that is another country's ISO code
    assert hofstede.HOFSTEDE_TO_ISO3["SLV"] == "SVN"  # Slovenia, not El Salvador
    assert hofstede.HOFSTEDE_TO_ISO3["SAL"] == "SLV"  # El Salvador
    assert hofstede.HOFSTEDE_TO_ISO3["MAC"] == "MKD"  # North Macedonia, not Macao
    assert hofstede.HOFSTEDE_TO_ISO3["CHI"] == "CHN"
    assert hofstede.HOFSTEDE_TO_ISO3["GER"] == "DEU"
    assert "ARA" in hofstede.HOFSTEDE_EXCLUDED and "CAF" in hofstede.HOFSTEDE_EXCLUDED


def test_hofstede_scores_read_null_as_missing(tmp_path):
    raw = (
        "ctr;country;pdi;idv;mas;uai;ltowvs;ivr\r\n"
        "KOR;Korea South;60;18;39;85;100;29\r\n"
        "ALB;Albania;#NULL!;#NULL!;#NULL!;#NULL!;61;15\r\n"
    )
    path = tmp_path / "m.csv"
    path.write_bytes(raw.encode())
    matrix = hofstede.read_hofstede(path)
    assert matrix.loc[1, "pdi"] is pd.NA and matrix.loc[1, "lto"] == 61
    assert matrix.loc[0, "lto"] == 100


def test_hofstede_unknown_code_is_an_error(tmp_path):
    path = tmp_path / "m.csv"
    path.write_bytes(b"ctr;country;pdi;idv;mas;uai;ltowvs;ivr\r\nXXX;Atlantis;1;2;3;4;5;6\r\n")
    with pytest.raises(ValueError, match="'XXX' \\(Atlantis\\)"):
        hofstede.read_hofstede(path)


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


# --- Nintendo -------------------------------------------------------------------


def test_nintendo_figures_agree_with_independently_checked_ones():
    # open-items/nintendo_net_sales_by_region_fy.csv in the pack: totals VERIFIED from IR filings
    fin = data.load("nintendo_financials").set_index("fiscal_year")
    assert fin.loc["FY3/2024", "net_sales_jpy_million"] == 1671865
    assert fin.loc["FY3/2020", "net_sales_jpy_million"] == 1308519
    assert fin.loc["FY3/2008", "net_sales_jpy_million"] == 1672423
    assert "FY3/2027" not in fin.index  # a year in progress is left out
    overseas = data.load("nintendo_overseas_sales").set_index("fiscal_year")
    assert overseas.loc["FY3/2024", "overseas_sales_pct"] == 78.3  # pack: 78.3 % outside Japan, VERIFIED


def test_nintendo_units_are_millions_and_regions_add_up():
    units = data.load("nintendo_units_by_region")
    switch = units[(units["fiscal_year"] == "FY3/2024") & (units["platform"] == "Nintendo Switch")
                   & (units["kind"] == "hardware")].set_index("region")["units_million"]
    assert switch["Global"] == 15.70 and switch["Japan"] == 4.41  # 1570 and 441 in 10,000s
    key = ["fiscal_year", "platform", "kind", "region_scheme"]
    for _, group in units.groupby(key):
        parts = group.loc[group["region"] != "Global", "units_million"].sum()
        total = group.loc[group["region"] == "Global", "units_million"].iloc[0]
        assert abs(parts - total) <= 0.021, group


def test_nintendo_region_schemes_change_in_fy3_2020():
    units = data.load("nintendo_units_by_region")
    switch = units[(units["platform"] == "Nintendo Switch") & (units["kind"] == "hardware")]
    schemes = switch.groupby("fiscal_year")["region_scheme"].agg(set)
    assert schemes["FY3/2018"] == {"japan_americas_other", "japan_americas_europe_other"}
    assert schemes["FY3/2021"] == {"japan_americas_europe_other"}
    old = units[units["fiscal_year_end"] < "2017-03"]
    assert "Europe" not in set(old["region"])
    assert set(units.loc[units["region_scheme"] == "japan_overseas", "fiscal_year"]) <= {"FY3/1997", "FY3/1998", "FY3/1999"}


def test_nintendo_unexpected_regions_are_an_error(raw_cache, tmp_path):
    root = tmp_path / "nin"
    shutil.copytree(sources.raw_path("nintendo_ir", raw_cache), root)
    target = next((root / nintendo.NINTENDO_DIR / "Regional_Hardware_Software").glob("*2024.json"))
    target.write_text(target.read_text(encoding="utf-8").replace('"Europe"', '"Atlantis"'), encoding="utf-8")
    with pytest.raises(ValueError, match="unexpected regions.*Atlantis"):
        nintendo.nintendo_units_by_region(root)


def _ksi(root, year):
    return json.loads((Path(root) / nintendo.NINTENDO_DIR / "Key_Sales_Indicators" / f"ksi_fy3_{year}.json")
                      .read_text(encoding="utf-8"))


def test_nintendo_digital_sales_match_the_raw_full_year_values(raw_cache):
    table = data.load("nintendo_digital_sales").set_index("fiscal_year")
    kpi = {k["name"]: k for k in _ksi(sources.raw_path("nintendo_ir", raw_cache), 2024)["kpi"]}
    # by hand: ksi_fy3_2024.json, the fourth-quarter cumulative (full-year) values
    assert kpi["Proportion of Digital Sales"]["Q4CmlValue"] == 50.2
    assert kpi["Digital Sales in dedicated video game platform"]["Q4CmlValue"] == 443.3
    assert table.loc["FY3/2024", "digital_sales_pct"] == 50.2
    assert table.loc["FY3/2024", "digital_sales_jpy_billion"] == 443.3
    assert table.loc["FY3/2017", "digital_sales_pct"] == 15.3 and table.loc["FY3/2017", "digital_sales_jpy_billion"] == 32.5
    assert list(table.index) == [f"FY3/{y}" for y in range(2017, 2027)]
    assert "FY3/2027" not in table.index  # first quarter only: left out
    # Nintendo Switch Online enters the footnoted definition in FY3/2019
    assert table["includes_switch_online"].tolist() == [False, False] + [True] * 8


def test_nintendo_digital_sales_are_billions_of_yen(raw_cache):
    """Amount / proportion = software sales, worked out from other figures in the same files."""
    root = sources.raw_path("nintendo_ir", raw_cache)
    table = data.load("nintendo_digital_sales")
    for row in table.itertuples():
        doc = _ksi(root, row.fiscal_year_end[:4])
        kpi = {k["name"]: k["Q4CmlValue"] for k in doc["kpi"]}
        platform = next(c["Q4Value"] for c in doc["consolidatedSales"] if c["name"] == "Dedicated video game platform")
        software_bn = (1 - kpi["Proportion of Hardware Sales"] / 100) * platform / 1000  # million -> billion yen
        implied_bn = row.digital_sales_jpy_billion / (row.digital_sales_pct / 100)
        assert abs(implied_bn / software_bn - 1) < 0.005, row.fiscal_year


def test_nintendo_digital_sales_bad_input_is_an_error(raw_cache, tmp_path):
    root = tmp_path / "nin"
    shutil.copytree(sources.raw_path("nintendo_ir", raw_cache), root)
    target = root / nintendo.NINTENDO_DIR / "Key_Sales_Indicators" / "ksi_fy3_2024.json"
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace('"Proportion of Digital Sales"', '"Proportion of Digital Sale"'), encoding="utf-8")
    with pytest.raises(ValueError, match="ksi_fy3_2024.json: expected one 'Proportion of Digital Sales' indicator, found 0"):
        nintendo.nintendo_digital_sales(root)
    doc = json.loads(text)
    for k in doc["kpi"]:
        if k["name"] == "Digital Sales in dedicated video game platform":
            k["units"] = "percentage"
    target.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(ValueError, match="'Digital Sales in dedicated video game platform' is in 'percentage', expected 'currency'"):
        nintendo.nintendo_digital_sales(root)


# --- VGChartz ---------------------------------------------------------------------


def test_vgchartz_totals_are_nintendo_titles_with_a_year(raw_cache):
    table = data.load("vgchartz_nintendo_units")
    sales = pd.read_csv(sources.raw_path("vgsales", raw_cache), keep_default_na=False)
    nintendo = sales[(sales["Publisher"] == "Nintendo") & (sales["Year"] != "N/A")]
    assert table["titles"].sum() == len(nintendo)
    assert abs(table["global_units_million"].sum() - nintendo["Global_Sales"].sum()) < 0.05
    y2006 = table.set_index("release_year").loc[2006]
    assert y2006["global_units_million"] >= 82.74  # Wii Sports alone (VGChartz estimate)


# --- Billboard / Korean acts ------------------------------------------------------------


@pytest.fixture(scope="module")
def acts():
    return data.load("korean_acts")


@pytest.mark.parametrize(
    "credit, expected",
    [
        ("BTS Featuring Halsey", ["BTS", "Halsey"]),
        ("Coldplay x BTS", ["Coldplay", "BTS"]),
        ("BLACKPINK X Selena Gomez", ["BLACKPINK", "Selena Gomez"]),
        ("PSY Featuring SUGA", ["PSY", "SUGA"]),
        ("Agust D", ["SUGA"]),
        ("The Weeknd, Jennie & Lily Rose Depp", ["The Weeknd", "JENNIE", "Lily Rose Depp"]),
        ("JEONGYEON, JIHYO & CHAEYOUNG Of TWICE", ["JEONGYEON, JIHYO & CHAEYOUNG of TWICE"]),
        ("Wendy And Lisa", ["Wendy & Lisa"]),
        ("Jawsh 685 x Jason Derulo", ["Jawsh 685", "Jason Derulo"]),
        ("E-40 (Featuring Suga T)", ["E-40", "Suga T"]),
        ("Lisa Lisa And Cult Jam", ["Lisa Lisa", "Cult Jam"]),
    ],
)
def test_credit_matching(credit, expected, acts):
    assert billboard.credited_artists(credit, acts) == expected


def test_korean_acts_list_decisions(acts):
    listed = acts.set_index("act")
    for name in ["PSY", "BTS", "BLACKPINK", "Jung Kook", "Jimin", "V", "j-hope", "RM", "Jin", "SUGA",
                 "LISA", "JENNIE", "ROSE", "Stray Kids", "NewJeans", "TWICE", "FIFTY FIFTY",
                 "SEVENTEEN", "TOMORROW X TOGETHER", "Wonder Girls"]:
        assert bool(listed.loc[name, "korean"]), name
    for name in ["KATSEYE", "Jackson Wang", "HUNTR/X", "Saja Boys"]:
        assert not bool(listed.loc[name, "korean"]), name
    assert acts["reason"].str.len().min() > 20


def test_hot100_counts_known_facts():
    by_act = data.load("kpop_hot100_by_act").set_index("act")
    assert by_act.loc["PSY", "peak_position"] == 2  # Gangnam Style peaked at 2
    assert by_act.loc["Wonder Girls", "first_chart_date"] == "2009-10-31"
    assert by_act.loc["BTS", "weeks_at_number_one"] >= 16
    assert "KATSEYE" not in by_act.index and "HUNTR/X" not in by_act.index
    by_year = data.load("kpop_hot100_by_year").set_index("year")
    assert by_year.loc[range(1958, 2009), "korean_entries"].sum() == 0
    assert by_year.loc[2009, "korean_entries"] == 1
    total = by_year["korean_entries"] / by_year["all_entries"] * 100
    assert ((total - by_year["share_of_entries_pct"]).abs() < 0.001).all()


def test_savage_love_is_not_counted_for_bts(raw_cache, acts):
    charts = billboard.read_hot100(sources.raw_path("billboard_hot100", raw_cache))
    savage = charts[charts["song"].str.startswith("Savage Love")]
    assert set(savage["artist"]) == {"Jawsh 685 x Jason Derulo"}
    assert (savage["position"] == 1).any()
    by_year = data.load("kpop_hot100_by_year").set_index("year")
    number_ones_2020 = charts[(charts["chart_date"].str.startswith("2020")) & (charts["position"] == 1)]
    bts_weeks = number_ones_2020["artist"].str.contains("BTS").sum()
    assert by_year.loc[2020, "weeks_at_number_one"] == bts_weeks


def test_pairs_flag_korean_acts():
    pairs = data.load("kpop_featured_pairs")
    assert (pairs["act_a"] < pairs["act_b"]).all()
    bts_halsey = pairs[(pairs["act_a"] == "BTS") & (pairs["act_b"] == "Halsey")].iloc[0]
    assert bool(bts_halsey["act_a_korean"]) and not bool(bts_halsey["act_b_korean"])
    assert (pairs["act_a_korean"] | pairs["act_b_korean"]).any()
