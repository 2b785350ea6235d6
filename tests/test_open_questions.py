"""The open-questions chapter (casekit.chapters.open_questions): waves, the act lists, the contrast case."""

from __future__ import annotations

import hashlib
import json

import pandas as pd
import pytest

from casekit import data
from casekit.chapters import nintendo, open_questions as oq
from casekit.data import maintain


def _record_hash(folder, name):
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    res = next(r for r in package["resources"] if r["name"] == name)
    res["hash"] = "sha256:" + hashlib.sha256((folder / res["path"]).read_bytes()).hexdigest()
    (folder / "datapackage.json").write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    data.package._package.cache_clear()


def test_every_wave_list_names_a_source_on_every_row_and_documents_look_alikes():
    acts = oq.acts()
    assert set(acts["wave"]) == set(oq.WAVES)
    assert acts["source_url"].str.match(r"https?://").all()
    assert acts["reason"].str.strip().str.len().gt(0).all()
    per_wave = acts.groupby("wave")["counted"].agg(["sum", "size"])
    assert (per_wave["sum"] > 0).all(), "every wave counts some acts"
    assert (per_wave["size"] > per_wave["sum"]).all(), "every wave lists look-alikes that do not count"


def test_k_pop_recounted_from_the_wave_tables_equals_the_k_pop_chapter():
    t = oq.by_year(waves=["k-pop"]).set_index("year")
    k = data.load("kpop_hot100_by_year").set_index("year")
    assert (t["entries"] == k["korean_entries"]).all()
    assert (t["songs"] == k["korean_songs"]).all()
    assert (t["weeks_at_number_one"] == k["weeks_at_number_one"]).all()
    assert (t["share_of_entries_pct"] == k["share_of_entries_pct"]).all()


def test_measures_by_hand_for_one_wave_year():
    credits = data.load("hot100_wave_credits")
    acts = oq.acts()
    counted = set(acts.loc[(acts["wave"] == "afrobeats") & acts["counted"], "act"])
    year = credits[credits["year"] == 2022]
    names = year["artists"].str.split(" | ", regex=False)
    mine = year[names.map(lambda a: bool(counted & set(a)))]
    co = mine[names[mine.index].map(lambda a: bool(set(a) - counted))]
    row = oq.by_year(waves=["afrobeats"]).set_index("year").loc[2022]
    assert row["entries"] == mine["entries"].sum() > 0
    assert row["co_credited_pct"] == round(100 * co["entries"].sum() / mine["entries"].sum(), 1)
    total = data.load("hot100_year_totals").set_index("year").loc[2022, "all_entries"]
    assert row["share_of_entries_pct"] == round(100 * mine["entries"].sum() / total, 3)


def test_moving_a_listed_act_into_a_wave_moves_only_that_wave():
    acts = oq.acts()
    before = oq.by_period(oq.by_year(acts), start=1958).set_index("wave")
    look_alike = acts[(acts["wave"] == "latin") & ~acts["counted"]]
    credits = data.load("hot100_wave_credits")
    charted = {a for names in credits["artists"].str.split(" | ", regex=False) for a in names}
    act = next(a for a in look_alike["act"] if a in charted)
    moved = acts.copy()
    moved.loc[(moved["wave"] == "latin") & (moved["act"] == act), "counted"] = True
    after = oq.by_period(oq.by_year(moved), start=1958).set_index("wave")
    assert after.loc["latin", "entries"] > before.loc["latin", "entries"]
    assert after.drop("latin").equals(before.drop("latin"))


@pytest.mark.parametrize("change, message", [
    (lambda t: pd.concat([t, t.iloc[[0]]]), r"wave_acts row \d+: .* is listed twice in wave"),
    (lambda t: t.assign(reason=t["reason"].where(t.index != 3, " ")), r"wave_acts row 5 .* has no reason"),
    (lambda t: t.assign(source_url=t["source_url"].where(t.index != 4, None)), r"wave_acts row 6 .* has no source URL"),
    (lambda t: t.assign(wave=t["wave"].where(t.index != 0, "j-rock")), r"unknown wave 'j-rock'.*Valid: k-pop, latin"),
])
def test_a_bad_act_list_is_refused_with_the_row_named(change, message):
    with pytest.raises(ValueError, match=message):
        oq.acts(table=change(data.load("wave_acts")))


def test_the_schema_check_refuses_a_duplicate_act_and_a_row_without_a_url(data_copy):
    path = data_copy / "wave_acts.csv"
    lines = path.read_text(encoding="utf-8").splitlines(True)
    path.write_text("".join(lines + [lines[1]]), encoding="utf-8")
    _record_hash(data_copy, "wave_acts")
    assert any("wave_acts" in p for p in data.validate())
    with pytest.raises(data.SchemaError):
        maintain.rehash("wave_acts")
    path.write_text("".join(lines[:2] + [lines[2].replace(lines[2].rsplit(",", 1)[1], "\n")] + lines[3:]), encoding="utf-8")
    _record_hash(data_copy, "wave_acts")
    problems = data.validate()
    assert any("wave_acts" in p and "line 3" in p for p in problems), problems


def test_a_wave_name_that_does_not_exist_is_refused_with_the_valid_ones():
    with pytest.raises(ValueError, match=r"unknown wave 'reggaeton'. Valid: k-pop, latin, afrobeats, japanese"):
        oq.by_year(waves=["reggaeton"])
    with pytest.raises(ValueError, match=r"Did you mean 'latin'"):
        oq.acts("latino")


def test_around_changes_by_hand():
    years = oq.by_year(waves=["k-pop"]).set_index("year")
    row = oq.around_changes(window=2).query("wave == 'k-pop' and date == '2013-02'").iloc[0]
    before = years.loc[2011:2012]
    after = years.loc[2014:2015]
    assert row["before_pct"] == round(100 * before["entries"].sum() / before["all_entries"].sum(), 3)
    assert row["after_pct"] == round(100 * after["entries"].sum() / after["all_entries"].sum(), 3)


def test_contrast_shares_come_from_one_report():
    s = oq.contrast_shares()
    t = data.load("contrast_case_box_office")
    same = t[(t["source_publisher"] == s["source_publisher"]) & (t["as_of"] == s["as_of"])]
    assert {"worldwide gross", "China mainland gross", "US gross"} <= set(same["metric"])
    assert s["outside_china_pct"] == round(100 * (s["worldwide"] - s["china"]) / s["worldwide"], 1)
    assert s["second_hand"]
    with pytest.raises(ValueError, match="no report gives"):
        oq.contrast_shares(t[t["metric"] != "US gross"])


def test_nintendo_digital_share_sits_beside_the_overseas_share():
    d = nintendo.digital_share().dropna()
    assert d["fiscal_year"].is_unique and len(d) >= 5
    assert d["digital_sales_pct"].iloc[-1] > 3 * d["digital_sales_pct"].iloc[0]  # "more than tripled"
    assert d["overseas_sales_pct"].max() - d["overseas_sales_pct"].min() < 10  # "barely moved"
