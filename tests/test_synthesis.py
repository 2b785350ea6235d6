"""The cross-case frame (casekit.chapters.synthesis): the rubric, the reach measures, distances."""

from __future__ import annotations

import pytest

import casekit
from casekit.chapters import culture
from casekit.chapters import synthesis


def test_rubric_scores_every_case_on_every_criterion():
    r = synthesis.rubric()
    assert r.groupby("criterion_id")["case_id"].nunique().eq(3).all()
    assert r["score"].between(0, 3).all()


def test_editing_a_score_changes_only_that_case():
    table = synthesis.rubric()
    table.loc[(table["case_id"] == "nintendo") & (table["criterion_id"] == "R1"), "score"] = 3
    before = synthesis.rootedness().set_index("case_id")["rootedness"]
    after = synthesis.rootedness(table).set_index("case_id")["rootedness"]
    assert after["nintendo"] == before["nintendo"] + 0.5  # (3 - 1) / 4 criteria
    assert after.drop("nintendo").equals(before.drop("nintendo"))


def test_weights_are_normalised():
    equal = synthesis.rootedness(weights={"R1": 1, "R2": 1, "R3": 1, "R4": 1})
    scaled = synthesis.rootedness(weights={"R1": 5, "R2": 5, "R3": 5, "R4": 5})
    assert equal["rootedness"].tolist() == scaled["rootedness"].tolist() == synthesis.rootedness()["rootedness"].tolist()
    only_r2 = synthesis.rootedness(weights={"R2": 1}).set_index("case_id")["rootedness"]
    rows = synthesis.rubric().query("criterion_id == 'R2'").set_index("case_id")["score"]
    assert only_r2.to_dict() == rows.astype(float).to_dict()


@pytest.mark.parametrize("weights, message", [({"R1": -1}, "negative"), ({"R1": 0}, "add up to zero")])
def test_bad_weights_are_refused(weights, message):
    with pytest.raises(ValueError, match=message):
        synthesis.rootedness(weights={"R2": 0, "R3": 0, "R4": 0, **weights})


def test_rubric_refuses_unknown_cases_and_missing_scores():
    table = synthesis.rubric()
    with pytest.raises(ValueError, match="unknown case id 'bts'"):
        synthesis.rubric(table.assign(case_id=table["case_id"].replace("k_pop", "bts")))
    with pytest.raises(ValueError, match="does not score every case"):
        synthesis.rubric(table.iloc[1:])


def test_every_score_has_a_source_and_no_reason_rests_on_an_outcome():
    import pathlib
    r = synthesis.rubric()
    bib = (pathlib.Path(__file__).resolve().parents[1] / "book" / "references.bib").read_text(encoding="utf-8")
    for row in r.itertuples():
        url = row.source_url if isinstance(row.source_url, str) else ""
        if url:
            assert url.startswith("http"), row
        else:  # a printed work: its key must be in the book's references
            key = row.source.split()[0]
            assert "{" + key + "," in bib, f"{row.case_id} {row.criterion_id}: no URL and {key!r} is not in references.bib"
        assert not synthesis._OUTCOME.search(row.reason), row.reason


@pytest.mark.parametrize("reason", ["Sold well abroad", "Its box office was large", "Dubbed into English",
                                    "Popular with fans everywhere"])
def test_a_reason_that_uses_an_outcome_is_refused(reason):
    table = synthesis.rubric()
    table.loc[0, "reason"] = reason
    with pytest.raises(ValueError, match="rests on an outcome"):
        synthesis.rubric(table)


def test_a_score_without_a_source_is_refused():
    table = synthesis.rubric()
    table.loc[3, "source"] = ""
    with pytest.raises(ValueError, match="names no source"):
        synthesis.rubric(table)


def test_sensitivity_by_hand():
    """With the rubric's scores, cases are 0.25 apart per point: one step can
    only tie two cases one point apart, never swap them."""
    base = synthesis.rootedness().set_index("case_id")["rootedness"]
    one = synthesis.sensitivity()
    table = synthesis.rubric()
    possible = sum(int(row.score > 0) + int(row.score < 3) for row in table.itertuples())
    assert len(one) == possible
    gap = {frozenset(p): abs(base[p[0]] - base[p[1]]) for p in [("ne_zha", "k_pop"), ("k_pop", "nintendo"), ("ne_zha", "nintendo")]}
    step = 1 / table["criterion_id"].nunique()
    for row in one.itertuples():
        moved = base.copy()
        moved[row.case_id] += (row.to_score - row.from_score) * step
        assert getattr(row, row.case_id) == pytest.approx(moved[row.case_id])
        ties = [p for p, g in gap.items() if g == step and row.case_id in p
                and (moved[list(p)[0]] == moved[list(p)[1]])]
        assert row.outcome == ("tie" if ties else "unchanged")
    two = synthesis.sensitivity(steps=2)
    assert (two["steps"] == 2).sum() == sum(1 for a in range(len(one)) for b in range(a + 1, len(one))
                                            if (one.loc[a, "case_id"], one.loc[a, "criterion_id"])
                                            != (one.loc[b, "case_id"], one.loc[b, "criterion_id"]))
    # a reversal needs two steps that close a one-point gap from both sides
    rev = two[two["outcome"] == "reversed"]
    assert len(rev) and all(" + " in c for c in rev["change"])


def test_ne_zha_share_by_hand():
    nz = casekit.load("ne_zha_box_office")
    rows = nz[(nz["film"] == "Ne Zha 2 (2025)") & (nz["unit"] == "bn CNY")].set_index("metric")["value"]
    glob, home = rows["global gross"], rows["China mainland gross (end of mainland run)"]
    assert synthesis.ne_zha_international_share()["share_pct"] == round(100 * (glob - home) / glob, 2)
    # the same calculation in US dollars agrees to within rounding of the published figures
    usd = synthesis.ne_zha_international_share(unit="bn USD")["share_pct"]
    assert abs(usd - synthesis.ne_zha_international_share()["share_pct"]) < 0.5
    with pytest.raises(ValueError, match="unknown film"):
        synthesis.ne_zha_international_share("Ne Zha 3")


def test_reach_rows_say_what_they_measure():
    gr = synthesis.global_reach()
    assert gr["measure"].is_unique
    assert (gr["low_pct"] <= gr["value_pct"]).all() and (gr["value_pct"] <= gr["high_pct"]).all()
    hybe = gr[gr["source"] == "hybe_financials"].iloc[0]
    assert hybe["second_hand"] and "second-hand" in hybe["measure"]
    assert gr.groupby("case_id")["comparable"].sum().eq(1).all()


def test_case_frame_has_one_row_per_case():
    f = synthesis.case_frame()
    assert f["case_id"].tolist() == ["ne_zha", "nintendo", "k_pop"]
    assert f["iso3"].tolist() == ["CHN", "JPN", "KOR"]


def test_home_distances_match_kogut_singh():
    d = synthesis.home_distances().set_index("iso3")
    assert d.loc["KOR", "ks_6"] == culture.kogut_singh("KOR", "USA", dimensions=6)
    assert synthesis.home_distances(target="KOR").set_index("iso3").loc["KOR", "ks_4"] == 0
    with pytest.raises(ValueError, match="4 or 6"):
        synthesis.home_distances(dimensions=(5,))
