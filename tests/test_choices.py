"""Every public function that takes a name refuses a bad one the same way:
the bad value, the valid ones, and the nearest match (casekit.choices)."""

from __future__ import annotations

import re

import pytest

import casekit
from casekit.chapters import culture, framework, kpop, ne_zha, nintendo
from casekit.choices import choose, choose_all
from casekit.data import derive, sources
from casekit.methods import distance, judgements, networks
from casekit.viz import charts

DRINKS = [[1, 3], [1 / 3, 1]]
TOY = casekit.load("hofstede_scores")


def _units():
    return casekit.load("nintendo_units_by_region")


CASES = [
    ("dataset", lambda: casekit.load("cultural_times_region"), "cultural_times_region", "cultural_times_regions"),
    ("raw source", lambda: sources.fetch("hofsted"), "hofsted", "hofstede"),
    ("derived table", lambda: derive.derive("hofstede_score", "."), "hofstede_score", "hofstede_scores"),
    ("AHP method", lambda: casekit.ahp(DRINKS, method="eigenvektor"), "eigenvektor", "eigenvector"),
    ("Hofstede dimension", lambda: distance.kogut_singh("CHN", "JPN", dimensions=["idvv"], scores=TOY), "idvv", "idv"),
    ("distance method", lambda: distance.distance_matrix(["CHN", "JPN"], method="euclidian", scores=TOY), "euclidian", "euclidean"),
    ("variance base", lambda: distance.dimension_variances(["pdi"], variance="hofsted", scores=TOY), "hofsted", "hofstede"),
    ("normalization", lambda: networks.dematel([[0, 1], [1, 0]], normalization="max-rows"), "max-rows", "max-row"),
    ("matrix", lambda: judgements.comparison_matrix(casekit.load("judgement_swot_comparisons"), matrix="group"), "group", "groups"),
    ("strategy level", lambda: framework.strategies("goverment"), "goverment", "government"),
    ("category", lambda: kpop.music_share(category="musik"), "musik", "music"),
    ("film", lambda: ne_zha.film_split(casekit.load("ne_zha_box_office"), "Ne Zha 2"), "Ne Zha 2", "Ne Zha 2 (2025)"),
    ("region", lambda: nintendo.region_share(_units(), region="japan"), "japan", "Japan"),
    ("region scheme", lambda: nintendo.harmonize_regions(_units(), scheme="japan-overseas"), "japan-overseas", "japan_overseas"),
    ("chart mode", lambda: charts.enable("boook"), "boook", "book"),
    ("country of the distance matrix", lambda: culture.nearest_markets(culture.distance_matrix(["CHN", "KOR"]), "KORR"), "KORR", "KOR"),
]


@pytest.mark.parametrize("what, call, bad, near", CASES, ids=[c[0] for c in CASES])
def test_a_bad_name_gets_the_valid_ones_and_the_nearest(what, call, bad, near):
    with pytest.raises(ValueError) as err:
        call()
    message = str(err.value)
    assert f"unknown {what} {bad!r}" in message
    assert re.search(rf"did you mean {re.escape(repr(near))}\?", message, re.IGNORECASE), message
    assert "Valid: " in message and repr(near).strip("'") in message.split("Valid: ")[1]


def test_choose_lists_every_bad_value_and_keeps_the_good_ones():
    assert choose_all(["a", "b"], ["a", "b", "c"], "letter") == ["a", "b"]
    with pytest.raises(ValueError, match=r"unknown letter 'x', 'y'\. Valid: a, b\.$"):
        choose_all(["a", "x", "y", "x"], ["a", "b"], "letter")
    with pytest.raises(ValueError, match=r"Valid: a, b \(or None\)\.$"):
        choose("z", ["a", "b", "a"], "letter", also="or None")
