"""The assembled site (_build/site, `make site`) in Chromium: the 404 page and the
student edition work as the book does: no outside request, charts drawn, axe clean."""

from __future__ import annotations

from pathlib import Path

import pytest

from localsite import serve

from .conftest import PageVisit
from .test_accessibility import _axe, _report, _settle

SITE = Path(__file__).resolve().parents[2] / "_build" / "site"


@pytest.fixture(scope="module")
def published():
    if not (SITE / "404.html").exists():
        pytest.fail("no assembled site in _build/site: run `make site` (`make test` does it)")
    with serve(SITE) as base:
        yield base


@pytest.mark.parametrize("path", ["404.html", "student/notebooks/07-nintendo.html"])
@pytest.mark.parametrize("mode", ["light", "dark"])
def test_published_pages_load_offline_draw_and_pass_axe(browser, published, path, mode):
    from axe_playwright_python.sync_playwright import Axe

    v = PageVisit(browser, f"{published}/{path}", mode)
    try:
        _settle(v.page)
        assert not v.outside and not v.failed and not v.page_errors and not v.console, (
            v.outside, v.failed, v.page_errors, v.console)
        drawn = v.page.locator("figure.casekit-chart[data-drawn='yes']").count()
        assert drawn == v.page.locator("figure.casekit-chart").count()
        assert (drawn > 0) == path.startswith("student/")
        violations = _axe(v.page, Axe())
        assert not violations, _report(violations)
    finally:
        v.close()


def test_the_404_search_box_reaches_the_search_page(browser, published):
    v = PageVisit(browser, f"{published}/404.html")
    try:
        v.page.get_by_label("Search the book").fill("Nintendo")
        action = v.page.locator("form[role=search]").get_attribute("action")
        assert action.endswith("/search.html")
    finally:
        v.close()
